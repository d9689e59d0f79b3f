"""Test the character-models page in AppTest: renders, trains live, checks input, both languages."""

import numpy as np
import pytest

from tests.apptest import (
    chart_specs,
    live_trainer,
    page_test,
    secondary_labels,
    texts,
    values,
    vega_rows,
)

NS = "char_models"
SMALL = {f"{NS}.hidden": "32", f"{NS}.emb": "8", f"{NS}.seq_len": "16", f"{NS}.n_chars": "60"}


def _all_text(at) -> str:
    """texts() plus the section headings."""
    return texts(at) + "\n".join(h.value for h in at.subheader)


def _plotly(at) -> list[dict]:
    """The plotly figure specs on the page (the live charts are Vega-Lite)."""
    return [s for s in chart_specs(at) if isinstance(s.get("data"), list) and s["data"]]


def _vega_mark(spec: dict) -> str | None:
    """The mark of a Vega-Lite spec's first layer (None for plotly)."""
    layer = (spec.get("layer") or [spec])[0]
    mark = layer.get("mark")
    return mark.get("type") if isinstance(mark, dict) else mark


def _sample(at) -> str:
    return at.code[0].value


def _train(at, runs: int = 4):
    at.button(key=f"{NS}.live.btn_start").click().run()
    for _ in range(runs):
        at.run()
    return live_trainer(at, NS)


def test_page_renders_with_loss_samples_next_chars_and_inside_view():
    """Test that the default page renders every section with translated text and no error."""
    at = page_test(NS, SMALL)
    assert not at.exception and not at.error
    body = _all_text(at)
    assert f"{NS}." not in body and "Inside the network" in body
    assert "forget gate" in body
    bars = [s for s in chart_specs(at) if _vega_mark(s) == "bar"]
    assert len(bars) == 1 and 0 < sum(r["v"] for r in vega_rows(bars[0])) <= 1.0 + 1e-9
    assert len(_sample(at)) > 0


def test_start_and_reruns_train_the_loss_falls_and_samples_change():
    """Test that Start plus reruns advance the session's trainer, lower val loss, change samples.

    English only: AppTest formats a select box's value outside the script run, in English, so a
    rerun of a Chinese page cannot find it among the Chinese options; the e2e test trains in zh.
    """
    at = page_test(NS, SMALL)
    before = _sample(at)
    trainer = _train(at)
    h = trainer.history
    assert trainer.step > 20 and len(h.val) >= 2
    assert h.val[-1] < h.val[0] - 0.2
    assert _sample(at) != before and not at.exception


def test_live_rate_change_keeps_training_architecture_change_resets():
    """Test that a new learning rate keeps the model and a new hidden size resets it (notice)."""
    at = page_test(NS, SMALL)
    at.button(key=f"{NS}.live.btn_step").click().run()
    trainer = live_trainer(at, NS)
    at.number_input(key=f"{NS}.lr").set_value(0.01).run()
    assert live_trainer(at, NS) is trainer and trainer.opt.param_groups[0]["lr"] == 0.01
    at.slider(key=f"{NS}.hidden").set_value(48).run()
    assert live_trainer(at, NS) is not trainer
    assert any("was reset" in i.value for i in at.info)


def test_bigram_shows_count_matrix_that_fills_while_counting():
    """Test that the bigram page shows a 27x27 count matrix whose total grows with steps."""
    at = page_test(NS, {f"{NS}.model": "bigram"})
    trainer = _train(at, runs=2)
    heat = [s["data"][0] for s in _plotly(at) if s["data"][0]["type"] == "heatmap"]
    z = values(heat[0]["z"]) if isinstance(heat[0]["z"], dict) else np.asarray(heat[0]["z"])
    assert z.shape == (27, 27) and z.sum() == trainer.model.counts.sum() > 0
    assert trainer.history.loss[-1] < trainer.history.loss[0]


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("", "empty"),
        ("zzzz" * 1000, "one character"),
        ("\x00\x01\x02\x03garbage" * 60, "does not look like text"),
        ("x" * (10 * 1024 * 1024), "too long"),
    ],
)
def test_bad_pasted_text_gets_a_message_not_a_traceback(text, needle):
    """Test that empty, repeated, binary and 10 MB pasted text each get a clear message."""
    at = page_test(NS, {f"{NS}.corpus": "pasted"})
    at.text_area(key=f"{NS}.pasted").input(text).run()
    assert not at.exception
    assert any(needle in e.value for e in at.error), [e.value for e in at.error]


def test_pasted_text_trains_and_prefix_outside_vocab_is_refused():
    """Test that good pasted text gets a trainer on its own vocabulary; a bad prefix a message."""
    at = page_test(NS, {f"{NS}.corpus": "pasted"} | SMALL)
    at.text_area(key=f"{NS}.pasted").input("the cat sat on the mat.\n" * 20).run()
    assert not at.error and live_trainer(at, NS).vocab.chars == "\n .acehmnost"
    at.text_input(key=f"{NS}.prefix").input("the dog").run()
    assert any("never occur" in e.value and "d g" in e.value for e in at.error)


def test_chinese_page_and_url_settings_round_trip():
    """Test that ?lang=zh shows Chinese text and URL settings reach the trainer."""
    at = page_test(NS, {"lang": "zh", f"{NS}.model": "gru", f"{NS}.layers": "2"} | SMALL)
    assert not at.exception and "网络内部" in _all_text(at) and "更新门" in texts(at)
    spec = live_trainer(at, NS).spec
    assert (spec.kind, spec.layers, spec.hidden) == ("gru", 2, 32)


def test_unit_out_of_range_falls_back_with_a_warning():
    """Test that asking for a unit beyond the hidden size warns and shows the top-ranked unit."""
    at = page_test(NS, SMALL | {f"{NS}.unit": "200"})
    assert any("does not exist" in w.value for w in at.warning)
    assert not at.exception


def test_compare_button_fills_a_table_with_every_model():
    """Test that the comparison button trains all six models and shows one row each."""
    at = page_test(NS, {f"{NS}.budget": "0.5"} | SMALL)
    at.button(key=f"{NS}.compare_btn").click().run()
    assert not at.exception
    table = at.dataframe[0].value
    assert len(table) == 6 and (table.iloc[:, 1] < np.log(27)).all()
    assert "seed 0" in texts(at)


def test_bigram_preset_switches_model():
    """Test that the bigram preset button selects the bigram model (and its count matrix)."""
    at = page_test(NS, SMALL)
    at.button(key=f"{NS}.p.bigram").click().run()
    assert live_trainer(at, NS).spec.kind == "bigram" and not at.exception
    assert any(s["data"][0]["type"] == "heatmap" for s in _plotly(at))


@pytest.mark.parametrize(
    ("corpus", "model"), [("shakespeare", "transformer"), ("names", "mlp"), ("names", "rnn")]
)
def test_other_texts_and_models_render(corpus, model):
    """Test that Macbeth with the Transformer, and the MLP and RNN on names, render cleanly."""
    at = page_test(NS, SMALL | {f"{NS}.corpus": corpus, f"{NS}.model": model})
    assert not at.exception and not at.error
    assert live_trainer(at, NS).spec.kind == model
    assert "Unit " in texts(at) and "Gates over text" not in texts(at)


def test_garbage_url_values_fall_back_with_a_notice():
    """Test that invalid URL values (a model name, a hidden size) get a notice, not a traceback."""
    at = page_test(NS, SMALL | {f"{NS}.model": "%%garbage%%", f"{NS}.hidden": "99999"})
    assert not at.exception
    notice = " ".join(w.value for w in at.warning)
    assert "“Model”" in notice and "“Hidden size”" in notice  # the on-screen labels
    assert live_trainer(at, NS).spec.kind == "lstm"


def test_presenter_mode_puts_the_loss_legend_beside_and_leaves_out_the_worked_examples():
    """Test that with present=1 the loss chart's legend moves beside the plot, and the worked
    examples' title and buttons sit in the container presenter mode leaves out; without it the
    legend stays below."""
    at = page_test(NS, {**SMALL, "present": "1"})
    assert not at.exception and not at.error
    line = next(s for s in chart_specs(at) if _vega_mark(s) == "line")
    assert line["layer"][0]["encoding"]["color"]["legend"]["orient"] == "right"
    left_out = secondary_labels(at, "char_models_presets")
    assert "**Worked examples**" in left_out and "Bigram counts" in left_out
    normal = next(s for s in chart_specs(page_test(NS, SMALL)) if _vega_mark(s) == "line")
    assert normal["layer"][0]["encoding"]["color"]["legend"]["orient"] == "bottom"


def test_presenter_mode_folds_the_data_and_model_explanation():
    """Test that with ?present=1 the data explanation and the model's description sit in one
    expander, and without it they are on the page (the description in small grey type)."""
    plain = page_test(NS, SMALL)
    assert not plain.exception
    body = [m.value for m in plain.markdown if "characters:" in m.value]
    assert len(body) == 1 and ":small[:gray[The LSTM keeps a cell state" in body[0]
    assert not any("characters:" in m.value for e in plain.expander for m in e.markdown)
    shown = page_test(NS, {**SMALL, "present": "1"})
    assert not shown.exception
    folded = [m.value for e in shown.expander for m in e.markdown if "characters:" in m.value]
    assert folded == body
