"""Test the models against torch built by hand: Bengio MLP, recurrent LMs, the GPT hidden view."""

import torch
from torch import nn
from torch.nn import functional as F

from vizlib.lessons.char_models.models import ModelSpec, build_model, has_units


def _spec(kind, **kw):
    return ModelSpec(kind, 11, **({"seq_len": 8, "context": 3, "emb": 4, "hidden": 16} | kw))


def test_mlp_is_concat_of_previous_embeddings_then_tanh():
    """Test that MLP logits at t use the embeddings of x[t-2], x[t-1], x[t] (pad before 0)."""
    m = build_model(_spec("mlp"), seed=0)
    x = torch.randint(0, 11, (2, 8), generator=torch.Generator().manual_seed(0))
    pad = torch.full((2, 2), 11)
    xp = torch.cat([pad, x], 1)  # (2, 10)
    ctx = torch.stack([xp[:, t : t + 3] for t in range(8)], 1)  # (2, 8, 3)
    e = m.emb.weight[ctx].reshape(2, 8, 12)
    ref = torch.tanh(e @ m.fc.weight.T + m.fc.bias) @ m.out.weight.T + m.out.bias
    torch.testing.assert_close(m(x), ref)


def test_recurrent_lm_is_embedding_torch_layer_readout():
    """Test that the LSTM LM equals nn.LSTM over its embeddings, read out by its linear layer."""
    m = build_model(_spec("lstm", layers=2), seed=1)
    assert isinstance(m.rnn, nn.LSTM) and m.rnn.num_layers == 2
    x = torch.randint(0, 11, (3, 8), generator=torch.Generator().manual_seed(1))
    h, _ = m.rnn(m.emb(x))
    torch.testing.assert_close(m(x), F.linear(h, m.out.weight, m.out.bias))
    torch.testing.assert_close(m.hidden(x), h)


def test_gpt_hidden_is_what_its_head_reads():
    """Test that the Transformer's hidden units, through the tied head, give its logits."""
    m = build_model(_spec("transformer", hidden=32, layers=2), seed=2)
    x = torch.randint(0, 11, (2, 8), generator=torch.Generator().manual_seed(2))
    torch.testing.assert_close(m.hidden(x) @ m.gpt.wte.weight.T, m(x))


def test_seeded_build_leaves_global_rng_alone_and_repeats():
    """Test that building draws only from its own generator: same seed, same weights."""
    state = torch.random.get_rng_state()
    a, b = build_model(_spec("gru"), 5), build_model(_spec("gru"), 5)
    assert torch.equal(torch.random.get_rng_state(), state)
    for pa, pb in zip(a.parameters(), b.parameters()):
        assert torch.equal(pa, pb)
    assert not has_units(build_model(_spec("bigram"), 0)) and has_units(a)
