"""Test the recurrent-cells page in AppTest: renders, steps, presets, bad input, URL, languages."""

import numpy as np
import torch

from tests.apptest import chart_specs, page_test, texts, url_notice_labels, values
from tests.lessons.recurrent_cells.torch_cells import torch_states
from vizlib.lessons.recurrent_cells.bptt import compare_cells
from vizlib.lessons.recurrent_cells.charts_latex import vec
from vizlib.lessons.recurrent_cells.config import CellConfig
from vizlib.lessons.recurrent_cells.params import build_params, parse_sequence
from vizlib.ui.i18n import load_catalogue

SLUG = "recurrent_cells"
EN, ZH = load_catalogue("en"), load_catalogue("zh")
K = CellConfig.key


def _latex(at) -> str:
    return "\n".join(e.value for e in at.latex)


def _heat_box(at) -> float:
    """The x0 of the box on the hidden-state heatmap (the current step - 0.5)."""
    title = EN[f"{SLUG}.heat_h"]
    spec = [s for s in chart_specs(at) if s["layout"].get("title", {}).get("text") == title]
    return spec[0]["layout"]["shapes"][0]["x0"]


def _page_params(at):
    """The cell the page computed with: its settings and text fields read back from the session."""
    ss = at.session_state
    texts_ = {n: ss[K(n)] for n in ("w_ih", "w_hh", "b_ih", "b_hh", "h0", "c0")}
    args = (ss[K("cell")], ss[K("act")], ss[K("input_size")], ss[K("hidden_size")], ss[K("seed")])
    return build_params(*args, texts_), parse_sequence(ss[K("seq")], ss[K("input_size")], 8)


def test_page_renders_in_both_languages():
    """Test that the page runs with no exception or error in English and Chinese."""
    for lang, cat in (("en", EN), ("zh", ZH)):
        at = page_test(SLUG, {"lang": lang})
        assert not at.exception and not at.error, [e.value for e in at.error]
        assert at.title[0].value == cat[f"lessons.{SLUG}.title"]
        assert cat[f"{SLUG}.gate.rnn.h"] in texts(at)


def test_next_advances_and_reset_returns():
    """Test that Next moves to t = 2 (box and formulas), Previous and Reset go back to t = 1."""
    at = page_test(SLUG)
    assert _heat_box(at) == 0.5
    at.button(key=f"{SLUG}.next").click().run()
    assert not at.exception
    assert _heat_box(at) == 1.5 and at.query_params[K("step")] == "2"
    p, xs = _page_params(at)
    with torch.no_grad():
        h2 = torch_states(p, xs)[1][0][0].numpy()
    assert r"h_t = \tanh" in _latex(at) and f"= {vec(h2)}" in _latex(at)
    at.button(key=f"{SLUG}.next").click().run()
    at.button(key=f"{SLUG}.prev").click().run()
    assert _heat_box(at) == 1.5
    at.button(key=f"{SLUG}.first").click().run()
    assert _heat_box(at) == 0.5


def test_worked_example_preset_shows_torch_sigmoid():
    """Test that the preset gives h_1 = sigmoid([1, 2]) as torch computes it, and the pitfall."""
    at = page_test(SLUG)
    at.button(key=f"{SLUG}.p.curriculum").click().run()
    assert not at.exception and not at.error
    h1 = torch.sigmoid(torch.tensor([1.0, 2.0], dtype=torch.float64)).numpy()
    assert rf"h_t = \sigma\left({vec(np.array([1.0, 2.0]))}\right) = {vec(h1)}" in _latex(at)
    assert EN[f"{SLUG}.pitfall_sigmoid"] in texts(at)
    assert at.query_params[K("act")] == "sigmoid"


def test_lstm_numbers_equal_torch_lstm_cell():
    """Test that the LSTM page shows the h_t and c_t of nn.LSTMCell with the page's weights."""
    at = page_test(SLUG)
    at.radio(key=K("cell")).set_value("lstm").run()
    for _ in range(2):
        at.button(key=f"{SLUG}.next").click().run()
    assert not at.exception and not at.error
    p, xs = _page_params(at)
    assert p.kind == "lstm" and p.w_ih.shape == (8, 2)
    with torch.no_grad():
        h3, c3 = (v[0].numpy() for v in torch_states(p, xs)[2])
    latex = _latex(at)
    assert f"= {vec(h3)}" in latex and f"= {vec(c3)}" in latex
    for gate in ("f", "i", "g", "o", "c", "h"):
        assert EN[f"{SLUG}.gate.lstm.{gate}"] in texts(at)


def test_gru_numbers_equal_torch_gru_cell():
    """Test that the GRU's shown h_1 equals nn.GRUCell's with the page's weights."""
    at = page_test(SLUG, {K("cell"): "gru", K("hidden_size"): "3", K("seed"): "5"})
    assert not at.exception and not at.error
    p, xs = _page_params(at)
    with torch.no_grad():
        h1 = torch_states(p, xs)[0][0][0].numpy()
    assert p.kind == "gru" and f"= {vec(h1)}" in _latex(at)


def test_bad_matrix_text_gives_a_message_not_a_traceback():
    """Test that a non-number and a wrong shape in W_hh each show a translated error."""
    at = page_test(SLUG)
    at.text_area(key=K("w_hh")).input("1, x\n0, 1").run()
    assert not at.exception
    assert at.error and "“x”" in at.error[0].value and "W_hh" in at.error[0].value
    at.text_area(key=K("w_hh")).input("1, 0, 0").run()
    assert not at.exception and "2×2" in at.error[0].value and "1×3" in at.error[0].value


def test_bad_sequence_in_chinese_gives_a_chinese_message():
    """Test that a sequence of the wrong width shows the Chinese message."""
    at = page_test(SLUG, {"lang": "zh", K("seq"): "1, 2, 3"})
    assert not at.exception
    assert at.error and at.error[0].value == ZH[f"{SLUG}.err.seq_width"].format(n=2, got=3)


def test_garbage_url_gets_a_notice_and_defaults():
    """Test that invalid URL values are named in a warning and the page still renders."""
    at = page_test(SLUG, {K("cell"): "%%garbage%%", K("g_scale"): "-3"})
    assert not at.exception and not at.error
    en = load_catalogue("en")
    labels = url_notice_labels(at)  # the on-screen labels, not the URL keys
    assert en[f"{SLUG}.cell_label"] in labels and en[f"{SLUG}.g_scale"] in labels


def test_url_holds_only_changed_settings_and_round_trips():
    """Test that seeded weights stay out of the link, typed ones go in and come back."""
    at = page_test(SLUG)
    assert K("w_ih") not in at.query_params
    at.text_area(key=K("w_hh")).input("0.5, 0\n0, 0.5").run()
    query = {k: at.query_params[k] for k in at.query_params}
    assert query[K("w_hh")] == "0.5, 0\n0, 0.5" and K("w_ih") not in query
    again = page_test(SLUG, query)
    assert again.session_state[K("w_hh")] == "0.5, 0\n0, 0.5"
    assert _latex(again) == _latex(at)


def test_gradient_chart_shows_the_computed_norms():
    """Test that the 'exploding' preset draws compare_cells' norms, the RNN's growing backwards."""
    at = page_test(SLUG)
    at.button(key=f"{SLUG}.p.explode").click().run()
    assert not at.exception
    spec = [s for s in chart_specs(at) if "yaxis3" in s["layout"]][0]
    lines = [values(d["y"]).astype(float) for d in spec["data"] if d["mode"] == "lines"]
    want = compare_cells(100, 16, 3.0, 2.0, "tanh", "half_sq", 0)
    np.testing.assert_allclose(lines[0], want["rnn"].norms)
    np.testing.assert_allclose(lines[1], want["lstm"].norms)
    assert lines[0][0] > lines[0][-1]


def test_overflow_gets_a_note_not_a_blank_chart():
    """Test that huge ReLU recurrent weights overflow to inf with a note and ceiling markers."""
    query = {K("g_act"): "relu", K("g_scale"): "5.0", K("g_hidden"): "64", K("g_len"): "200",
             K("g_bias"): "5.0"}  # fmt: skip
    at = page_test(SLUG, query)
    assert not at.exception and not at.error
    assert any("overflowed" in w.value for w in at.warning)
    spec = [s for s in chart_specs(at) if "yaxis3" in s["layout"]][0]
    assert any(d["mode"] == "markers" for d in spec["data"])


def test_step_beyond_the_sequence_shows_the_last_step():
    """Test that a link's step 7 on a 2-step sequence shows (and links) step 2, with Next off."""
    at = page_test(SLUG, {K("seq"): "1, 2; 3, 4", K("step"): "7"})
    assert not at.exception and not at.error
    assert _heat_box(at) == 1.5 and at.query_params[K("step")] == "2"
    assert at.button(key=f"{SLUG}.next").disabled


def test_previous_and_next_carry_the_arrow_keys_unless_a_walkthrough_is_open():
    """Test that the step-through's Next/Previous carry the → / ← shortcuts, and that with a
    walkthrough in the URL they have none (the walkthrough's own Back/Next take the arrows)."""
    at = page_test(SLUG)
    keys = (
        at.button(key=f"{SLUG}.next").proto.shortcut,
        at.button(key=f"{SLUG}.prev").proto.shortcut,
    )
    assert [k.lower() for k in keys] == ["right", "left"]
    toured = page_test(SLUG, {"tour": SLUG, "step": "1"})
    assert not toured.exception
    assert not toured.button(key=f"{SLUG}.next").proto.shortcut
    assert not toured.button(key=f"{SLUG}.prev").proto.shortcut


def test_presenter_mode_folds_the_gradient_introduction():
    """Test that with ?present=1 the gradient section's introduction sits in an expander, and
    without it is plain text on the page."""
    intro = EN[f"{SLUG}.grad_intro"][:40]
    plain = page_test(SLUG)
    assert any(m.value.startswith(intro) for m in plain.markdown)
    assert not any(any(m.value.startswith(intro) for m in e.markdown) for e in plain.expander)
    shown = page_test(SLUG, {"present": "1"})
    assert not shown.exception
    assert any(any(m.value.startswith(intro) for m in e.markdown) for e in shown.expander)
