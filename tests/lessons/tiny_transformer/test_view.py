"""Test the Tiny Transformer page in AppTest: views, live training, controls, typed input."""

import numpy as np

from tests.apptest import chart_specs, live_trainer, page_test, texts, vega_rows
from vizlib.lessons.tiny_transformer import tasks as seq_tasks
from vizlib.lessons.tiny_transformer.config import TinyTransformerConfig
from vizlib.lessons.tiny_transformer.trainer import example_digits

NS = "tiny_transformer"


def _heatmaps(at):
    """The attention maps (one (T, T) array per layer and head, layer-major) and the
    output-vs-target rows ([target texts], [output texts]), read from the Vega-Lite charts."""
    specs = chart_specs(at)
    grid = [s for s in specs if "facet" in s][-1]
    maps = {}
    for r in vega_rows(grid):
        maps.setdefault(r["panel"], []).append((r["q"], r["k"], r["w"]))
    arrays = []
    for panel in grid["facet"]["sort"]:
        cells = maps[panel]
        n = max(q for q, _, _ in cells) + 1
        z = np.zeros((n, n))
        for q, k, w in cells:
            z[q, k] = w
        arrays.append(z)
    ovt = [s for s in specs if any("state" in r for r in vega_rows(s))][-1]
    rows = vega_rows(ovt)
    names = list(dict.fromkeys(r["row"] for r in rows))
    text = [[r["text"] for r in rows if r["row"] == name] for name in names]
    return arrays, text


def test_default_page_shows_attention_for_every_layer_and_head():
    """Test that the default 2-layer, 2-head model shows 4 causal attention maps and the target."""
    at = page_test(NS)
    assert not at.exception and not at.error
    grid, ovt = _heatmaps(at)
    assert len(grid) == 4
    for z in grid:
        assert z.shape == (16, 16)
        np.testing.assert_allclose(z.sum(1), 1.0, rtol=1e-5)
        assert np.all(np.triu(z, 1) == 0)
    digits = example_digits(TinyTransformerConfig())
    assert ovt[0] == [str(d) for d in digits[::-1]]
    assert f"{NS}." not in texts(at)  # no untranslated key


def test_more_layers_and_heads_change_the_grid():
    """Test that moving the layer and head sliders changes the number of attention maps."""
    at = page_test(NS)
    at.slider(key=f"{NS}.n_layer").set_value(3).run()
    at.slider(key=f"{NS}.n_head").set_value(4).run()
    assert not at.exception
    grid, _ = _heatmaps(at)
    assert len(grid) == 12


def test_training_accumulates_and_learns():
    """Test that Start trains the session's trainer, progress accumulates, and accuracy shows."""
    at = page_test(NS)
    at.button(key=f"{NS}.live.btn_start").click().run()
    trainer = live_trainer(at, NS)
    s1 = trainer.step
    for _ in range(4):
        at.run()
    assert live_trainer(at, NS) is trainer and trainer.step > s1 > 0
    assert len(trainer.history.loss) == trainer.step
    assert [m.label for m in at.metric][:3] == [
        "Held-out loss",
        "Digits right",
        "Whole answers right",
    ]


def test_live_lr_keeps_model_but_task_change_resets():
    """Test that a new learning rate keeps training state while a new task resets the model."""
    at = page_test(NS)
    at.button(key=f"{NS}.live.btn_step").click().run()
    trainer = live_trainer(at, NS)
    assert trainer.step == 1
    at.number_input(key=f"{NS}.lr").set_value(0.001).run()
    assert live_trainer(at, NS) is trainer
    assert trainer.opt.param_groups[0]["lr"] == 0.001
    at.selectbox(key=f"{NS}.task").set_value("sort").run()
    assert live_trainer(at, NS) is not trainer
    assert live_trainer(at, NS).task == "sort"


def test_typed_input_is_decoded_and_bad_input_gets_a_message():
    """Test that a valid typed input becomes the example and bad ones show an error."""
    at = page_test(NS, {f"{NS}.n_digits": "4"})
    at.text_input(key=f"{NS}.typed").set_value("1 2 3 9").run()
    assert not at.error
    _, ovt = _heatmaps(at)
    assert ovt[0] == ["9", "3", "2", "1"]
    for bad, code in [("12a4", "unknown_chars"), ("123456", "too_long"), (" , ", "empty")]:
        at.text_input(key=f"{NS}.typed").set_value(bad).run()
        assert not at.exception
        assert len(at.error) == 1, (bad, code)
        assert at.error[0].value.split(":")[0] in texts(at)


def test_preset_sets_the_induction_task():
    """Test that the induction preset switches to the repeated-sequence task with one head."""
    at = page_test(NS)
    at.button(key=f"{NS}.p.induction").click().run()
    assert at.selectbox(key=f"{NS}.task").value == "repeat"
    grid, _ = _heatmaps(at)
    n = seq_tasks.block_size("repeat", 8)
    assert len(grid) == 2 and grid[0].size == n * n


def test_chinese_page_translates_the_views():
    """Test that ?lang=zh shows the Chinese metric labels and task explanation."""
    at = page_test(NS, {"lang": "zh"})
    assert not at.exception
    assert "倒序" in texts(at)


def test_heads_that_do_not_divide_the_width_get_a_notice():
    """Test that 3 heads with d_model 64 show the rounded width and build a 63-wide model."""
    at = page_test(NS, {f"{NS}.n_head": "3"})
    assert not at.exception and not at.error
    assert any("63" in i.value for i in at.info)
    assert live_trainer(at, NS).model.cfg.d_model == 63
    grid, _ = _heatmaps(at)
    assert len(grid) == 6
