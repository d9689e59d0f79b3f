"""Test the character-level GPT page in AppTest: views, live training, sampling, prompt checks."""

import numpy as np
import torch
from torch.nn import functional as F

from tests.apptest import chart_specs, live_trainer, page_test, texts, vega_rows
from vizlib.core.char_lm import sample

NS = "char_gpt"


def _charts(at):
    """(next-character bars {"x": chars, "y": probabilities}, attention maps as (T, T) arrays),
    read from the Vega-Lite charts."""
    specs = chart_specs(at)
    bar_rows = [vega_rows(s) for s in specs if any("char" in r for r in vega_rows(s))][-1]
    bars = {"x": [r["char"] for r in bar_rows], "y": np.array([r["p"] for r in bar_rows])}
    grid = [s for s in specs if "facet" in s][-1]
    maps = {}
    for r in vega_rows(grid):
        maps.setdefault(r["panel"], []).append((r["q"], r["k"], r["w"]))
    heat = []
    for panel in grid["facet"]["sort"]:
        n = max(q for q, _, _ in maps[panel]) + 1
        z = np.zeros((n, n))
        for q, k, w in maps[panel]:
            z[q, k] = w
        heat.append(z)
    return bars, heat


def _sample(at):
    return at.code[0].value


def test_default_page_shows_sample_next_chars_and_attention():
    """Test that the page shows a sample after the prompt, next-char bars and 4 prompt maps."""
    at = page_test(NS)
    assert not at.exception and not at.error
    # untrained: only the first 60 characters of noise, and the page says so
    assert _sample(at).startswith("ma") and len(_sample(at)) == 2 + 60
    assert "only its first 60 characters" in texts(at)
    bars, heat = _charts(at)
    assert len(heat) == 4 and heat[0].size == 4  # 2 prompt chars -> 2x2 maps
    assert len(bars["x"]) == 15
    assert f"{NS}." not in texts(at)


def test_a_trained_model_samples_the_chosen_length():
    """Test that after one training step the paused page samples all n_chars (200), the note
    gone, and that the untrained sample is the start of what sample() draws with the same seed."""
    at = page_test(NS)
    first = _sample(at)
    trainer = live_trainer(at, NS)
    fresh = sample(trainer.model, trainer.vocab.encode("ma"), 60, 0.8,
                   torch.Generator().manual_seed(0))  # fmt: skip
    assert first == "ma" + trainer.vocab.decode(fresh)
    at.button(key=f"{NS}.live.btn_step").click().run()
    assert len(_sample(at)) == 2 + 200 and "only its first" not in texts(at)


def test_next_char_bars_match_torch_softmax_with_temperature():
    """Test that the bars equal softmax(logits / T) of the session's model, for two temperatures."""
    at = page_test(NS)
    model = live_trainer(at, NS).model.eval()
    vocab = live_trainer(at, NS).vocab
    logits = model(torch.tensor([vocab.encode("ma")]))[0][0, -1].detach()
    for temp in (0.8, 1.6):
        at.slider(key=f"{NS}.temperature").set_value(temp).run()
        bars, _ = _charts(at)
        ref = F.softmax(logits / temp, -1).numpy()
        got = bars["y"]
        np.testing.assert_allclose(got, np.sort(ref)[::-1][: len(got)], rtol=1e-5)


def test_training_accumulates_and_changes_the_sample():
    """Test that Start trains the session's model across reruns and the sample text changes."""
    at = page_test(NS)
    before = _sample(at)
    at.button(key=f"{NS}.live.btn_start").click().run()
    trainer = live_trainer(at, NS)
    s1 = trainer.step
    for _ in range(3):
        at.run()
    assert live_trainer(at, NS) is trainer and trainer.step > s1 > 0
    assert _sample(at) != before


def test_bad_prompts_get_a_message():
    """Test that an empty, unknown-character or too-long prompt shows an error, not a traceback."""
    at = page_test(NS)
    for bad in ["", "Ma!", "a" * 40]:
        at.text_input(key=f"{NS}.prompt").set_value(bad).run()
        assert not at.exception
        assert len(at.error) == 1, bad
    at.text_input(key=f"{NS}.prompt").set_value("jo").run()
    assert not at.error and _sample(at).startswith("jo")


def test_new_sample_button_draws_a_different_sample():
    """Test that 'New sample' changes the sampling seed and so the text."""
    at = page_test(NS)
    before = _sample(at)
    at.button(key=f"{NS}.resample").click().run()
    assert at.session_state[f"{NS}.sample_seed"] == 1
    assert _sample(at) != before


def test_shakespeare_preset_resets_model_and_uses_its_prompt():
    """Test that the Shakespeare preset switches the text, resets the model and reads its prompt."""
    at = page_test(NS)
    old = live_trainer(at, NS)
    at.button(key=f"{NS}.p.shakespeare").click().run()
    assert not at.exception and not at.error
    new = live_trainer(at, NS)
    assert new is not old and "M" in new.vocab.chars
    _, heat = _charts(at)
    assert heat[0].size == len("MACBETH:\n") ** 2
    assert _sample(at).startswith("MACBETH:\n")


def test_chinese_page():
    """Test that ?lang=zh shows the page in Chinese."""
    at = page_test(NS, {"lang": "zh"})
    assert not at.exception
    assert "提示词" in texts(at) or any("提示词" in t.label for t in at.text_input)
