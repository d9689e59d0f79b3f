"""Test that the exported state_dict and PyTorch script reproduce the playground network."""

import io
import subprocess
import sys

import numpy as np
import pytest
import torch

from vizlib.core.mlp import forward
from vizlib.lessons.playground.config import PlaygroundConfig
from vizlib.lessons.playground.export import state_dict_bytes, to_torch
from vizlib.lessons.playground.script import pytorch_script
from vizlib.lessons.playground.trainer import PlaygroundTrainer


def test_state_dict_loads_into_sequential_and_matches():
    """Test that the saved state_dict loads into a fresh Sequential with the same outputs."""
    cfg = PlaygroundConfig(dataset="three", hidden="4,3", activation="relu", dropout=0.3)
    tr = PlaygroundTrainer(cfg)
    for _ in range(3):
        tr.train_step()
    state = torch.load(io.BytesIO(state_dict_bytes(tr.mlp, cfg.dropout)), weights_only=True)
    fresh = to_torch(PlaygroundTrainer(PlaygroundConfig(**{**vars(cfg), "seed": 9})).mlp, 0.3)
    fresh.load_state_dict(state)
    x = torch.tensor(tr.x_test)
    z = fresh.eval()(x).detach().numpy()
    np.testing.assert_allclose(forward(tr.mlp, tr.x_test).zs[-1], z, rtol=1e-10)


@pytest.mark.parametrize(
    "kw",
    [
        {
            "dataset": "xor",
            "reg": "l1",
            "reg_rate": 0.001,
            "dropout": 0.2,
            "x1x2": True,
        },
        {"dataset": "three", "optimizer": "adam", "hidden": ""},
        {
            "dataset": "reg_gauss",
            "optimizer": "momentum",
            "activation": "gelu",
            "reg": "l2",
        },
    ],
)
def test_script_runs_and_trains(kw, tmp_path):
    """Test that the generated script runs in a fresh Python, prints epochs and saves weights."""
    cfg = PlaygroundConfig(n_points=100, **kw)
    tr = PlaygroundTrainer(cfg)
    script = pytorch_script(cfg, tr.mlp, tr.data, epochs=3)
    path = tmp_path / "train.py"
    path.write_text(script)
    cmd = [sys.executable, str(path)]
    out = subprocess.run(
        cmd, check=False, cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 0, out.stderr
    lines = out.stdout.strip().splitlines()
    assert [ln.split()[0] for ln in lines] == ["1", "2", "3"]
    assert all(np.isfinite(float(ln.split()[1])) for ln in lines)
    state = torch.load(tmp_path / "playground_model.pt", weights_only=True)
    assert to_torch(tr.mlp, cfg.dropout).state_dict().keys() == state.keys()
