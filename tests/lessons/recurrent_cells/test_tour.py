"""Test the recurrent-cells walkthrough: its shape, its links, its texts, and its answer keys
computed with torch (a sigmoid step by hand, nn.RNNCell/LSTMCell/GRUCell with autograd)."""

import numpy as np

from tests.apptest import page_test
from tests.lessons.recurrent_cells.torch_cells import torch_states
from vizlib.core.config import format_value
from vizlib.lessons.recurrent_cells.bptt import INPUT_SIZE, compare_cells, random_cell
from vizlib.lessons.recurrent_cells.cells import GATES
from vizlib.lessons.recurrent_cells.config import MAX_STEPS
from vizlib.lessons.recurrent_cells.params import build_params, parse_sequence
from vizlib.lessons.recurrent_cells.tour import TOUR

# "Much larger / smaller" in the scale_up question: a factor of 10 either way.
FACTOR = 10.0


def _revealed(step_id: str) -> dict:
    return TOUR.configs_at(TOUR.index(step_id), revealed=True)


def _torch_first_norms(grad) -> dict[str, tuple[float, float]]:
    """(‖∂L/∂h₁‖, ‖∂L/∂h_T‖) per cell, by autograd on torch cells holding the page's weights."""
    xs = np.random.default_rng([grad.g_seed, 0]).normal(size=(grad.g_len, INPUT_SIZE))
    out = {}
    for k, kind in enumerate(GATES, start=1):
        rng = np.random.default_rng([grad.g_seed, k])
        p = random_cell(kind, grad.g_act, grad.g_hidden, grad.g_scale, grad.g_bias, rng)
        states = torch_states(p, xs, retain=True)
        h_last = states[-1][0]
        loss = 0.5 * (h_last**2).sum() if grad.g_loss == "half_sq" else h_last.sum()
        loss.backward()
        out[kind] = (states[0][0].grad.norm().item(), h_last.grad.norm().item())
    return out


def _page_agrees(grad, ref: dict[str, tuple[float, float]]) -> None:
    """The page's own numbers (compare_cells, as view_grad calls it) equal torch's."""
    page = compare_cells(grad.g_len, grad.g_hidden, grad.g_scale, grad.g_bias, grad.g_act,
                         grad.g_loss, grad.g_seed)  # fmt: skip
    for kind, (first, last) in ref.items():
        np.testing.assert_allclose(page[kind].norms[[0, -1]], [first, last], rtol=1e-6)


def test_every_step_opened_as_a_link_draws_the_page():
    """Test that each step's settings (after Reveal), opened as a link, draw the page with no
    exception or error, and that the page holds every value the walkthrough set."""
    for k in range(len(TOUR.steps)):
        query = TOUR.query_at(k, revealed=True)
        at = page_test("recurrent_cells", query)
        assert not at.exception and not at.error, (k, [e.value for e in at.error])
        held = {key: format_value(at.session_state[key]) for key in query}
        assert held == query, k


def _h1(cell) -> np.ndarray:
    """h₁ by torch (nn.RNNCell for tanh, the sigmoid step by hand) from the page's own params."""
    p = build_params(cell.cell, cell.act, cell.input_size, cell.hidden_size, cell.seed,
                     cell.texts())  # fmt: skip
    xs = parse_sequence(cell.seq, cell.input_size, MAX_STEPS)
    return torch_states(p, xs)[0][0].detach().numpy()[0]


def test_zero_input_gives_half_not_zero():
    """Test that the stated h₁ for x₁ = [0, 0] with sigmoid is what a torch sigmoid step gives,
    and that before the change (tanh) h₁ was [0, 0]."""
    step = TOUR.steps[TOUR.index("zero_input")]
    before = TOUR.configs_at(TOUR.index("zero_input"))["CellConfig"]
    cell = _revealed("zero_input")["CellConfig"]
    assert (cell.cell, before.act, cell.act) == ("rnn", "tanh", "sigmoid")
    assert not parse_sequence(cell.seq, cell.input_size, MAX_STEPS).any()
    # torch's h₁ against each choice's value: the stated answer is the one that matches
    values = {"zero": 0.0, "half": 0.5, "one": 1.0}
    matches = [c for c in step.choices if np.allclose(_h1(cell), values[c], atol=1e-12)]
    assert matches == [step.answer]
    assert np.allclose(_h1(before), values["zero"], atol=1e-12)


def test_scaling_the_recurrent_weights_up_explodes_the_rnn_gradient():
    """Test that at scale 3 the RNN's first-step gradient is over 10× its last-step one (autograd),
    and that before the change (scale 1) it was under a tenth (the vanishing set-up)."""
    step = TOUR.steps[TOUR.index("scale_up")]
    before = TOUR.configs_at(TOUR.index("scale_up"))["GradConfig"]
    after = _revealed("scale_up")["GradConfig"]
    assert after.g_scale > before.g_scale
    verdicts = {}
    for name, grad in (("before", before), ("after", after)):
        ref = _torch_first_norms(grad)
        _page_agrees(grad, ref)
        first, last = ref["rnn"]
        ratio = first / last
        verdicts[name] = "explode" if ratio > FACTOR else "vanish" if ratio < 1 / FACTOR else "same"
    assert verdicts == {"before": "vanish", "after": step.answer}


def test_the_lstm_passes_the_largest_gradient_over_200_steps():
    """Test that the stated cell has the largest ‖∂L/∂h₁‖ of the three at T = 200 (autograd)."""
    step = TOUR.steps[TOUR.index("longer")]
    grad = _revealed("longer")["GradConfig"]
    assert grad.g_len == 200
    ref = _torch_first_norms(grad)
    _page_agrees(grad, ref)
    assert max(ref, key=lambda kind: ref[kind][0]) == step.answer
    assert set(step.choices) == set(ref)
