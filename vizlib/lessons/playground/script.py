"""A short, self-contained PyTorch script that builds and trains a playground network.

Plain text generation: no torch import here (the page loads this on every run).
"""

from __future__ import annotations

import numpy as np

from vizlib.core.mlp import MLP
from vizlib.lessons.playground.config import PlaygroundConfig
from vizlib.lessons.playground.datasets import Dataset2D

_TORCH_ACT = {
    "relu": "nn.ReLU()",
    "tanh": "nn.Tanh()",
    "sigmoid": "nn.Sigmoid()",
    "linear": "nn.Identity()",
    "leaky_relu": "nn.LeakyReLU(0.01)",
    "gelu": 'nn.GELU(approximate="tanh")',
}
_LOSS = {
    "sigmoid": "nn.BCEWithLogitsLoss()",
    "softmax": "nn.CrossEntropyLoss()",
    "linear": "nn.MSELoss()",
}


def _array_text(a: np.ndarray) -> str:
    return np.array2string(a, separator=",", precision=4, threshold=10**7, max_line_width=96)


def _optimizer_text(cfg: PlaygroundConfig) -> str:
    l2 = cfg.reg_rate if cfg.reg == "l2" else 0.0
    groups = f'[{{"params": weights, "weight_decay": {l2!r}}}, {{"params": biases}}]'
    if cfg.optimizer == "sgd":
        return f"torch.optim.SGD({groups}, lr={cfg.lr!r})"
    if cfg.optimizer == "momentum":
        return f"torch.optim.SGD({groups}, lr={cfg.lr!r}, momentum={cfg.momentum!r})"
    if cfg.optimizer == "rmsprop":
        return f"torch.optim.RMSprop({groups}, lr={cfg.lr!r})"
    return f"torch.optim.Adam({groups}, lr={cfg.lr!r})"


def pytorch_script(cfg: PlaygroundConfig, mlp: MLP, data: Dataset2D, epochs: int) -> str:
    """A self-contained PyTorch script that builds and trains the configured network."""
    feats = {
        "x1": "x[:, 0]", "x2": "x[:, 1]", "x1sq": "x[:, 0] ** 2", "x2sq": "x[:, 1] ** 2",
        "x1x2": "x[:, 0] * x[:, 1]", "sinx1": "torch.sin(x[:, 0])", "sinx2": "torch.sin(x[:, 1])",
    }  # fmt: skip
    feat_code = ", ".join(feats[f] for f in cfg.feature_names())
    y_dtype = "torch.long" if mlp.output == "softmax" else "torch.float64"
    blocks = []
    for layer in range(mlp.n_layers):
        blocks.append(f"nn.Linear({mlp.sizes[layer]}, {mlp.sizes[layer + 1]})")
        if layer < mlp.n_layers - 1:
            blocks.append(_TORCH_ACT[mlp.activation])
            if cfg.dropout > 0:
                blocks.append(f"nn.Dropout({cfg.dropout!r})")
    l1 = cfg.reg_rate if cfg.reg == "l1" else 0.0
    target = "yb" if mlp.output == "softmax" else "yb.view(-1, 1)"
    return _SCRIPT.format(
        x_train=_array_text(data.x_train), y_train=_array_text(data.y_train),
        feat_code=feat_code, y_dtype=y_dtype, seed=cfg.seed,
        layers=",\n    ".join(blocks), loss=_LOSS[mlp.output], opt=_optimizer_text(cfg),
        l1=repr(l1), batch=cfg.batch, epochs=epochs, target=target,
    )  # fmt: skip


_SCRIPT = '''"""Train the network configured in the deep-learning explainer's playground.

Note: the playground drops the same hidden units for a whole mini-batch (to draw them);
nn.Dropout draws a mask per example. Weight init also differs, so curves will not match exactly.
"""

import torch
from torch import nn

torch.manual_seed({seed})
x = torch.tensor({x_train}, dtype=torch.float64)
y = torch.tensor({y_train}, dtype={y_dtype})
features = torch.stack([{feat_code}], dim=1)

model = nn.Sequential(
    {layers},
).double()
loss_fn = {loss}
weights = [p for n, p in model.named_parameters() if n.endswith("weight")]
biases = [p for n, p in model.named_parameters() if n.endswith("bias")]
opt = {opt}
L1 = {l1}

for epoch in range({epochs}):
    model.train()
    for idx in torch.randperm(len(features)).split({batch}):
        xb, yb = features[idx], y[idx]
        loss = loss_fn(model(xb), {target})
        if L1:
            loss = loss + L1 * sum(w.abs().sum() for w in weights)
        opt.zero_grad()
        loss.backward()
        opt.step()
    model.eval()
    with torch.no_grad():
        print(epoch + 1, loss_fn(model(features), {target_eval}).item())

torch.save(model.state_dict(), "playground_model.pt")
'''.replace("{target_eval}", "y if isinstance(loss_fn, nn.CrossEntropyLoss) else y.view(-1, 1)")
