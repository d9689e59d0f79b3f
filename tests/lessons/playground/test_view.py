"""Test the playground page in AppTest: live training, every control, resets, CSV, isolation."""

import base64
import io

import numpy as np
import pytest
from PIL import Image

from tests.apptest import chart_specs, chart_title, live_trainer, page_test, texts, vega_rows
from vizlib.lessons.playground.datasets import DATASETS, FEATURES
from vizlib.lessons.playground.view import PRESETS
from vizlib.ui.i18n import load_catalogue

K = "playground."


def _start(at, ticks=2):
    at.button(key="playground.live.btn_start").click().run()
    for _ in range(ticks):
        at.run()
    return at


def _boundary(at):
    """The output heatmap's figure spec (the first chart titled like the boundary)."""
    return chart_specs(at)[0]


def _live_picture(at) -> Image.Image:
    """The live output map: the PNG inlined in the page's HTML element while training."""
    body = at.get("html")[0].proto.body
    data = body.split("data:image/png;base64,")[1].split('"')[0]
    return Image.open(io.BytesIO(base64.b64decode(data)))


def _no_raw_keys(at):
    """No untranslated playground key is visible (t() returns the key when missing)."""
    shown = texts(at) + " ".join(b.label for b in at.button)
    assert K not in shown, shown[:300]


def test_default_page_shows_every_view():
    """Test that the page renders the 100×100 output heatmap, network, curves and health charts."""
    at = page_test("playground")
    assert not at.exception and not at.error
    specs = chart_specs(at)
    assert len(specs) == 5  # plotly first (map, network, health), then the live curves
    heat = specs[0]["data"][0]
    assert heat["type"] == "heatmap"
    assert specs[1]["data"][0]["type"] == "image"  # network thumbnails
    assert specs[2]["layout"]["yaxis"]["type"] == "log"  # gradient norms
    assert [chart_title(s) for s in specs[3:]] == ["Loss", "Accuracy"]  # curves: train/test
    assert "sigmoid" in texts(at) and "cross-entropy" in texts(at)
    _no_raw_keys(at)


def test_training_accumulates_across_reruns():
    """Test that Start trains the session's trainer and progress accumulates over reruns."""
    at = _start(page_test("playground"), ticks=1)
    trainer = live_trainer(at, "playground")
    e1 = trainer.epoch
    at.run()
    assert live_trainer(at, "playground") is trainer and trainer.epoch > e1 > 0
    # while training, the output map is a PNG inline in HTML (fast to redraw), and the curves are
    # live Vega-Lite charts with a point per epoch trained
    assert _live_picture(at).size == (300, 300)
    loss = next(s for s in chart_specs(at) if chart_title(s) == "Loss")
    assert len({row["x"] for row in vega_rows(loss)}) > 1


def test_live_lr_change_keeps_model_and_architecture_change_resets():
    """Test that a new learning rate keeps the model; new layers reset it, with a notice."""
    at = _start(page_test("playground"), ticks=1)
    at.button(key="playground.live.btn_pause").click().run()
    trainer = live_trainer(at, "playground")
    at.number_input(key=K + "lr").set_value(0.3).run()
    assert live_trainer(at, "playground") is trainer
    assert trainer.opt_w.cfg.lr == 0.3
    assert not any("reset" in i.value for i in at.info)
    at.slider(key=K + "ui.layers").set_value(3).run()
    assert live_trainer(at, "playground") is not trainer
    assert live_trainer(at, "playground").mlp.sizes == (2, 4, 2, 4, 1)
    assert any("reset" in i.value for i in at.info)
    assert at.query_params[K + "hidden"] == "4,2,4"  # the new architecture is in the link


def test_export_downloads_offered_when_paused():
    """Test that the weights and the PyTorch script can be downloaded after training."""
    at = page_test("playground")
    at.button(key="playground.live.btn_step").click().run()
    labels = [b.proto.label for b in at.get("download_button")]
    assert any("state_dict" in x for x in labels) and any("script" in x for x in labels)


@pytest.mark.parametrize("name", DATASETS)
def test_every_dataset_renders_with_its_task(name):
    """Test that each data set renders; 3 classes draw an image, regression shows MSE."""
    at = page_test("playground")
    at.selectbox(key=K + "dataset").set_value(name).run()
    assert not at.exception and not at.error
    heat = _boundary(at)["data"][0]
    if name == "three":
        assert heat["type"] == "image" and "softmax" in texts(at)
    elif name.startswith("reg"):
        assert heat["type"] == "heatmap" and "mean squared error" in texts(at)


def test_every_control_moves_and_changes_the_view():
    """Test that every remaining control can be set without error and changes the shown state."""
    at = page_test("playground")
    before = _boundary(at)
    for key, value in [("noise", 30), ("train_pct", 70), ("n_points", 200)]:
        at.slider(key=K + key).set_value(value).run()
    at.number_input(key=K + "seed").set_value(5).run()
    at.button(key=K + "regen").click().run()
    assert at.number_input(key=K + "seed").value == 6
    for f in FEATURES:
        at.toggle(key=K + f).set_value(True).run()
    at.number_input(key=K + "ui.units0").set_value(8).run()
    at.selectbox(key=K + "activation").set_value("relu").run()
    at.selectbox(key=K + "init").set_value("he").run()
    at.selectbox(key=K + "optimizer").set_value("momentum").run()
    at.slider(key=K + "momentum").set_value(0.5).run()
    at.number_input(key=K + "batch").set_value(1).run()
    at.radio(key=K + "reg").set_value("l1").run()
    at.number_input(key=K + "reg_rate").set_value(0.01).run()
    assert not at.exception and not at.error
    trainer = live_trainer(at, "playground")
    assert trainer.mlp.sizes == (7, 8, 2, 1) and trainer.mlp.activation == "relu"
    assert trainer.batch == 1 and trainer.opt_w.cfg.l1 == 0.01
    assert trainer.opt_w.cfg.momentum == 0.5 and len(trainer.data.x) == 200
    assert _boundary(at) != before


def test_show_test_and_discretize_toggles():
    """Test that 'show test points' adds a scatter and 'discretize' leaves only ±1."""
    at = page_test("playground")
    assert len(_boundary(at)["data"]) == 2
    at.toggle(key=K + "show_test").set_value(True).run()
    assert len(_boundary(at)["data"]) == 3
    at.toggle(key=K + "discretize").set_value(True).run()
    z = _boundary(at)["data"][0]["z"]
    values = np.frombuffer(base64.b64decode(z["bdata"]), dtype=z["dtype"]) if "bdata" in z else z
    assert set(np.unique(values)) <= {-1.0, 0.0, 1.0}


def test_dropout_shows_train_and_eval_boundaries():
    """Test that dropout > 0 adds the train-mode / eval-mode comparison."""
    at = page_test("playground")
    n = len(chart_specs(at))
    at.slider(key=K + "dropout").set_value(0.5).run()
    assert len(chart_specs(at)) == n + 2
    assert "1/(1−p) = 2.000" in texts(at)


def test_url_reproduces_settings_and_curve():
    """Test that a link sets the widgets, and two sessions from it train the same loss curve."""
    query = {K + "dataset": "xor", K + "seed": "7", K + "hidden": "3,3", K + "lr": "0.1",
             K + "x1x2": "1"}  # fmt: skip
    a, b = page_test("playground", query), page_test("playground", query)
    assert a.selectbox(key=K + "dataset").value == "xor"
    assert a.slider(key=K + "ui.layers").value == 2 and a.toggle(key=K + "x1x2").value
    for at in (a, b):
        at.button(key="playground.live.btn_step").click().run()
        at.button(key="playground.live.btn_step").click().run()
    ha, hb = live_trainer(a, "playground").history, live_trainer(b, "playground").history
    assert ha.train_loss == hb.train_loss and len(ha.train_loss) == 3
    c = page_test("playground", {**query, K + "seed": "8"})
    c.button(key="playground.live.btn_step").click().run()
    assert live_trainer(c, "playground").history.train_loss[1] != ha.train_loss[1]


def test_sessions_do_not_share_a_model():
    """Test that two sessions training at once each hold their own trainer."""
    a, b = page_test("playground"), page_test("playground")
    _start(a, ticks=2)
    b.button(key="playground.live.btn_step").click().run()
    ta, tb = live_trainer(a, "playground"), live_trainer(b, "playground")
    assert ta is not tb and tb.epoch == 1 and ta.epoch > 1
    assert not np.array_equal(ta.mlp.params[0], tb.mlp.params[0])


def test_divergence_pauses_and_explains():
    """Test that lr 10 on a deep sigmoid net explains the problem, and a NaN pauses training."""
    deep = {K + "hidden": "8,8,8,8,8,8", K + "activation": "sigmoid", K + "lr": "10.0"}
    at = _start(page_test("playground", deep), ticks=2)
    assert not at.exception
    assert any("learning rate" in w.value or "Vanishing" in w.value for w in at.warning)
    at = page_test("playground")
    at.button(key=K + "p.lr_high").click().run()
    _start(at, ticks=3)
    assert not at.exception
    assert any("diverged" in e.value and "Lower the learning rate" in e.value for e in at.error)
    assert not at.session_state["playground.live.run"].running


@pytest.mark.parametrize("name", ["depth", "overfit", "lr_high", "vanishing"])
def test_presets_load_their_settings(name):
    """Test that each teaching preset sets its data set and network in one click."""
    at = page_test("playground")
    at.button(key=K + f"p.{name}").click().run()
    assert not at.exception
    assert at.selectbox(key=K + "dataset").value == PRESETS[name]["dataset"]
    sizes = [int(s) for s in PRESETS[name]["hidden"].split(",")]
    assert at.slider(key=K + "ui.layers").value == len(sizes)
    assert live_trainer(at, "playground").mlp.sizes[1:-1] == tuple(sizes)


def _upload(at, data: bytes):
    at.file_uploader(key=K + "csv_file").set_value(("d.csv", data, "text/csv")).run()
    return at


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"", "empty"),
        (b"a,b,c\n1,2,3\n", "Wrong columns"),
        (b"x1,x2,label\n1,2,0\n1,abc,1\n3,4,0\n5,6,1\n", "not a number"),
        (b"x1,x2,label\n1,2,0\n1,nan,1\n3,4,0\n5,6,1\n", "NaN"),
        (b"x1,x2,label\n" + b"1,2,0\n3,4,1\n" * 2501, "Too many rows"),
    ],
)
def test_bad_csv_gets_its_message(data, needle):
    """Test that each bad upload shows its own message and no trainer is built from it."""
    at = page_test("playground")
    at.selectbox(key=K + "dataset").set_value("csv").run()
    _upload(at, data)
    assert not at.exception
    assert any(needle in e.value for e in at.error), [e.value for e in at.error]


def test_good_csv_trains():
    """Test that a valid CSV with three classes builds a softmax network on it."""
    rows = "\n".join(f"{i % 7 - 3},{i % 5 - 2},{i % 3}" for i in range(60))
    at = page_test("playground")
    at.selectbox(key=K + "dataset").set_value("csv").run()
    _upload(at, ("x1,x2,label\n" + rows).encode())
    assert not at.error and any("60" in s.value for s in at.success)
    assert live_trainer(at, "playground").mlp.sizes[-1] == 3


def test_bad_url_values_get_a_notice_and_chinese_works():
    """Test that garbage hidden sizes in the URL warn and fall back; ?lang=zh shows Chinese."""
    at = page_test("playground", {K + "hidden": "9,abc"})
    label = load_catalogue("en")["playground.layers"]
    assert any(f"“{label}”" in w.value and K not in w.value for w in at.warning)
    assert live_trainer(at, "playground").mlp.sizes == (2, 4, 2, 1)
    zh = page_test("playground", {"lang": "zh"})
    assert "二分类" in texts(zh) and not zh.exception
    _no_raw_keys(zh)


def test_hidden_layers_set_from_outside_move_the_layer_widgets():
    """Test that a `hidden` value written into the session (as a walkthrough step does) redraws
    the layer count and sizes instead of being overwritten by the old widgets."""
    at = page_test("playground")
    at.session_state[K + "hidden"] = "8,8,8"
    at.run()
    assert not at.exception
    assert at.slider(key=K + "ui.layers").value == 3
    assert at.session_state[K + "hidden"] == "8,8,8"
    at.session_state[K + "hidden"] = ""
    at.run()
    assert at.slider(key=K + "ui.layers").value == 0 and at.session_state[K + "hidden"] == ""


def test_presenter_mode_folds_the_long_captions():
    """Test that with ?present=1 the network and gradient-health captions are folded into
    expanders instead of shown as captions."""
    cat = load_catalogue("en")
    long = (cat["playground.network_caption"], cat["playground.health_caption"])
    assert all(any(c.value == text for c in page_test("playground").caption) for text in long)
    at = page_test("playground", {"present": "1"})
    assert not at.exception
    folded = [m.value for e in at.expander for m in e.markdown]
    assert all(text in folded for text in long)
    assert not any(c.value in long for c in at.caption)
