"""Test the self-attention page in AppTest: stages, presets, controls, bad input, sections."""

import numpy as np
import torch
import torch.nn.functional as F

from tests.apptest import chart_specs, page_test, texts
from tests.lessons.self_attention.test_charts import decode_array
from vizlib.ui.i18n import load_catalogue

SLUG = "self_attention"
EN = load_catalogue("en")


def _key(name: str) -> str:
    return f"{SLUG}.{name}"


def _chart(at, title_key: str, **fmt) -> dict:
    """The spec of the chart whose title is the catalogue text `title_key`."""
    title = EN[f"{SLUG}.{title_key}"].format(**fmt)
    found = [s for s in chart_specs(at) if s["layout"].get("title", {}).get("text") == title]
    assert len(found) == 1, title
    return found[0]


def _z(spec: dict) -> np.ndarray:
    return decode_array(spec["data"][0]["z"])


def _sdpa(q, k, v, causal=False) -> np.ndarray:
    tq, tk, tv = (torch.tensor(a, dtype=torch.float64)[None] for a in (q, k, v))
    return F.scaled_dot_product_attention(tq, tk, tv, is_causal=causal)[0].numpy()


def test_default_page_shows_every_stage():
    """Test that the default page draws Q, K, V, all five stages and row sums of 1."""
    at = page_test(SLUG)
    assert not at.exception and not at.error
    for key in ("q", "k", "v", "scores", "weights_title", "output"):
        _chart(at, key)
    _chart(at, "scaled", sqrt="2")
    weights = _chart(at, "weights_title")
    np.testing.assert_allclose(_z(weights).sum(axis=1), 1.0, atol=1e-12)
    assert [a["text"] for a in weights["layout"]["annotations"]] == ["Σ = 1.000"] * 6
    assert EN[f"{SLUG}.pitfall"] in texts(at)


def test_preset_one_token_matches_torch():
    """Test that the one-token preset shows torch's output, weight 1 and score q·k."""
    at = page_test(SLUG)
    at.button(key=_key("p1")).click().run()
    assert not at.exception and not at.error
    q, k, v = [[1.0, 2.0, 3.0]], [[4.0, 5.0, 6.0]], [[7.0, 8.0, 9.0]]
    np.testing.assert_allclose(_z(_chart(at, "output")), _sdpa(q, k, v), atol=1e-12)
    assert _z(_chart(at, "weights_title"))[0, 0] == 1.0
    assert _z(_chart(at, "scores"))[0, 0] == float(np.dot(q[0], k[0]))
    latex = "\n".join(e.value for e in at.latex)
    assert r",\ ".join(f"{x:g}" for x in _sdpa(q, k, v)[0]) + r"\right]" in latex


def test_preset_three_tokens_matches_torch_and_fills_formula():
    """Test that the three-token preset shows torch's weights·V and the filled-in formula."""
    at = page_test(SLUG)
    at.button(key=_key("p3")).click().run()
    assert not at.exception and not at.error
    q, k, v = [[1.0], [2.0], [3.0]], [[4.0], [5.0], [6.0]], [[7.0], [8.0], [9.0]]
    expected = _sdpa(q, k, v)
    np.testing.assert_allclose(_z(_chart(at, "output")), expected, atol=1e-12)
    latex = "\n".join(e.value for e in at.latex)
    assert f"{expected[0, 0]:.3f}".rstrip("0") in latex  # out_1 with its number
    at.selectbox(key=_key("focus")).set_value(3).run()
    latex = "\n".join(e.value for e in at.latex)
    assert r"\mathrm{out}_{3}" in latex and f"{expected[2, 0]:.3f}".rstrip("0") in latex


def test_temperature_changes_weights():
    """Test that moving the temperature slider changes the attention weights shown."""
    at = page_test(SLUG)
    before = _z(_chart(at, "weights_title"))
    at.slider(key=_key("temperature")).set_value(0.2).run()
    after = _z(_chart(at, "weights_title"))
    assert not np.allclose(before, after)
    # a lower temperature sharpens: the largest weight in each row grows
    assert np.all(after.max(axis=1) >= before.max(axis=1) - 1e-12)


def test_causal_mask_hides_future_keys():
    """Test that the causal toggle shows −∞ above the diagonal and exactly-zero weights there."""
    at = page_test(SLUG)
    at.toggle(key=_key("causal")).set_value(True).run()
    masked = _chart(at, "masked", tau="1")
    assert masked["data"][0]["text"][0][1] == "−∞"
    w = _z(_chart(at, "weights_title"))
    assert np.all(w[np.triu_indices(6, 1)] == 0.0)
    np.testing.assert_allclose(w.sum(axis=1), 1.0, atol=1e-12)


def test_bad_sentences_give_messages():
    """Test that empty, too long, odd-character sentences show an error, not a traceback."""
    at = page_test(SLUG)
    for text, key in (("", "empty"), ("a b c d e f g h i j k l", "too_many"),
                      ("hi <script>", "odd_chars")):  # fmt: skip
        at.text_input(key=_key("sentence")).input(text).run()
        assert not at.exception
        assert len(at.error) == 1 and EN[f"{SLUG}.field.sentence"] in at.error[0].value, text
        assert EN[f"{SLUG}.err.{key}"].split("{")[0][:12] in at.error[0].value
        assert EN[f"{SLUG}.needs_sentence"] in texts(at)


def test_bad_matrix_cells_give_messages_in_chinese():
    """Test that a bad Q cell and mismatched shapes show a Chinese error with ?lang=zh."""
    # (AppTest formats radio options outside the session, in English, so a zh page can't be
    # clicked; the bad values come in through the URL instead, which also tests shared links)
    query = {"lang": "zh", _key("source"): "matrices", _key("q_text"): "1, x, 3"}
    at = page_test(SLUG, query)
    assert not at.exception and len(at.error) == 1
    assert "不是数字" in at.error[0].value and "x" in at.error[0].value
    at = page_test(SLUG, {**query, _key("q_text"): "1, 2"})
    assert not at.exception and len(at.error) == 1 and "列" in at.error[0].value


def test_custom_embeddings_wrong_rows_and_copy_button():
    """Test that the copy button fills the editor, and a wrong row count is reported."""
    at = page_test(SLUG, {_key("sentence"): "dog bites man"})
    at.button(key=_key("copy_emb")).click().run()
    assert not at.exception and not at.error
    assert at.text_input(key=_key("emb_text")).value.count(";") == 2
    at.text_input(key=_key("emb_text")).input("1, 2; 3, 4").run()
    assert len(at.error) == 1 and "2" in at.error[0].value and "3" in at.error[0].value


def test_heads_slider_changes_number_of_heads():
    """Test that choosing 4 heads draws four head maps whose rows each sum to 1."""
    at = page_test(SLUG)
    at.slider(key=_key("heads")).set_value(4).run()
    heads = [s for s in chart_specs(at) if len(s["data"]) > 1]
    assert len(heads) == 1 and len(heads[0]["data"]) == 4
    for tr in heads[0]["data"]:
        np.testing.assert_allclose(decode_array(tr["z"]).sum(axis=1), 1.0, atol=1e-12)
    _chart(at, "concat", h=4, d=2, n=8)


def test_positional_encoding_toggle_changes_permutation_result():
    """Test that without PE the reordered outputs match, and with PE they differ."""
    at = page_test(SLUG)
    diff_on = decode_array(_chart(at, "perm_diff_title")["data"][0]["y"])
    assert diff_on.max() > 1e-3 and at.success
    at.toggle(key=_key("pe_on")).set_value(False).run()
    diff_off = decode_array(_chart(at, "perm_diff_title")["data"][0]["y"])
    assert diff_off.max() < 1e-12
    assert any(EN[f"{SLUG}.perm_same"].split("{")[0][:30] in w.value for w in at.warning)


def test_pe_sliders_resize_the_encoding():
    """Test that the PE sliders change the PE heatmap's shape."""
    at = page_test(SLUG)
    at.slider(key=_key("pe_positions")).set_value(8).run()
    at.slider(key=_key("pe_dim")).set_value(6).run()
    pe = _z(_chart(at, "pe_title"))
    assert pe.shape == (8, 6)
    np.testing.assert_allclose(pe[3, 0], np.sin(3.0), atol=1e-12)
    np.testing.assert_allclose(pe[3, 3], np.cos(3.0 / 10000 ** (2 / 6)), atol=1e-12)


def test_shared_link_restores_settings_and_hidden_ones_persist():
    """Test that URL settings (lower on the page too) apply, and survive switching the input."""
    query = {_key("causal"): "1", _key("heads"): "3", _key("sentence"): "dog bites man"}
    at = page_test(SLUG, query)
    assert at.toggle(key=_key("causal")).value is True
    heads = [s for s in chart_specs(at) if len(s["data"]) > 1]
    assert len(heads[0]["data"]) == 3
    assert _chart(at, "weights_title")["layout"]["yaxis"]["ticktext"] == ["dog", "bites", "man"]
    at.radio(key=_key("source")).set_value("matrices").run()
    at.radio(key=_key("source")).set_value("sentence").run()
    assert at.text_input(key=_key("sentence")).value == "dog bites man"
    assert at.query_params[_key("heads")] == "3"


def test_every_page_key_and_error_code_is_in_both_catalogues():
    """Test that each lt("...") key and each InputError key has en and zh text."""
    import re
    from pathlib import Path

    zh = load_catalogue("zh")
    mods = ("view_stages", "view_heads")
    src = "".join(Path(f"vizlib/lessons/self_attention/{m}.py").read_text() for m in mods)
    keys = set(re.findall(r'\blt\("([a-z_.]+)"', src))
    core = Path("vizlib/lessons/self_attention/inputs.py").read_text()
    keys |= {f"err.{c}" for c in re.findall(r'InputError\("([a-z_]+)"', core)}
    keys |= {f"field.{c}" for c in re.findall(r'_field\("([a-z_]+)"', core)} | {"field.sentence"}
    assert len(keys) > 60
    missing = sorted(k for k in keys if f"{SLUG}.{k}" not in EN or f"{SLUG}.{k}" not in zh)
    assert not missing


def test_embeddings_and_weights_are_shown_and_follow_controls():
    """Test that X and W_q are drawn, Q = X·W_q (torch), and identity weights make W_q = I."""
    at = page_test(SLUG, {_key("sentence"): "a b c", _key("d_model"): "3", _key("d_k"): "2"})
    x, wq = _z(_chart(at, "x_title")), _z(_chart(at, "wq_title"))
    assert x.shape == (3, 3) and wq.shape == (3, 2)
    expected_q = (torch.tensor(x) @ torch.tensor(wq)).numpy()
    np.testing.assert_allclose(_z(_chart(at, "q")), expected_q, atol=1e-12)
    at.radio(key=_key("weights")).set_value("identity").run()
    np.testing.assert_array_equal(_z(_chart(at, "wq_title")), np.eye(3))
    np.testing.assert_array_equal(_z(_chart(at, "q")), x)
