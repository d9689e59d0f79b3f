"""Test the CNN-on-MNIST lesson in AppTest: live training accumulates, the numbers shown match
torch run on the session's own model, controls change the view, bad input gets a message."""

from __future__ import annotations

import base64
import io

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from PIL import Image

from tests.apptest import chart_specs, chart_title, live_trainer, page_test, texts, vega_rows
from vizlib.core import digit_image as di
from vizlib.lessons.cnn_mnist.trainer import to_float
from vizlib.ui.assets import mnist_data as bundled_data
from vizlib.ui.formula import num

NS = "cnn_mnist"


def _decode(z) -> np.ndarray:
    """Plotly JSON array: nested lists (None = gap), or a typed array {"dtype", "bdata"}."""
    if isinstance(z, dict):
        flat = np.frombuffer(base64.b64decode(z["bdata"]), dtype=np.dtype(z["dtype"]))
        shape = [int(n) for n in str(z.get("shape", flat.size)).split(",")]
        return flat.astype(float).reshape(shape)
    if z and not isinstance(z[0], list):
        return np.array(z, dtype=float)
    return np.array([[np.nan if v is None else v for v in row] for row in z], dtype=float)


def _chart(at, title_start: str) -> dict:
    for spec in chart_specs(at):
        if chart_title(spec).startswith(title_start):
            return spec
    raise AssertionError(f"no chart titled {title_start!r}")


def _strip(spec: dict) -> np.ndarray:
    """The cell values of a live (Vega-Lite) heatmap, in row-major order."""
    rows = sorted(vega_rows(spec), key=lambda r: (r["y"], r["x"]))
    return np.array([r["v"] for r in rows])


def _curve_count(spec: dict) -> int:
    """How many series a live (Vega-Lite) line chart draws."""
    return len({row["series"] for row in vega_rows(spec) if "x" in row})


def _metric(at, label: str) -> str:
    return next(str(m.value) for m in at.metric if m.label == label)


def _trainer(at):
    return live_trainer(at, NS)


def _train(at, ticks: int):
    at.button(key=f"{NS}.live.btn_start").click().run()
    for _ in range(ticks):
        at.run()
    at.button(key=f"{NS}.live.btn_pause").click().run()
    return at


def _png(arr: np.ndarray) -> bytes:
    buf = io.BytesIO()
    Image.fromarray(arr).save(buf, format="PNG")
    return buf.getvalue()


def test_training_accumulates_and_shown_accuracy_matches_torch():
    """Test that steps accumulate over ticks, filters change, and shown test accuracy is torch's."""
    at = page_test(NS)
    assert not at.exception and _metric(at, "Step") == "0"
    w0 = _strip(_chart(at, "First-layer filters"))
    at.button(key=f"{NS}.live.btn_start").click().run()
    at.run()
    s1 = int(_metric(at, "Step"))
    at.run()
    s2 = int(_metric(at, "Step"))
    assert 0 < s1 < s2  # one session-held model keeps training; it is not rebuilt per rerun
    at.button(key=f"{NS}.live.btn_pause").click().run()
    assert not at.exception
    w1 = _strip(_chart(at, "First-layer filters"))
    assert np.nanmax(np.abs(w1 - w0)) > 1e-3
    tr, data = _trainer(at), bundled_data()
    with torch.no_grad():
        logits = tr.model.eval()(to_float(data.x_test))
    acc = (logits.argmax(1).numpy() == data.y_test).mean()
    assert _metric(at, "Test accuracy") == f"{acc:.2%}"
    assert _metric(at, "Step") == str(tr.step) and _curve_count(_chart(at, "Accuracy")) == 2


def test_probabilities_and_feature_maps_of_selected_digit_match_torch():
    """Test that the chosen test digit's bars are torch's softmax and conv1 maps are F.conv2d's."""
    at = page_test(NS, {f"{NS}.digit": "7"})
    _train(at, 1)
    tr, x = _trainer(at), to_float(bundled_data().x_test[7:8])
    with torch.no_grad():
        probs = F.softmax(tr.model.eval()(x), 1)[0].numpy()
        h = (x - tr.model.mean) / tr.model.std
        conv1 = F.relu(F.conv2d(h, tr.model.convs[0].weight, tr.model.convs[0].bias, padding=1))
    bars = _chart(at, "Softmax probabilities")["data"][0]["y"]
    np.testing.assert_allclose(_decode(bars), probs, atol=1e-6)
    assert f"Prediction: **{probs.argmax()}**" in texts(at)
    label = int(bundled_data().y_test[7])
    with torch.no_grad():
        ce = F.cross_entropy(tr.model(x).double(), torch.tensor([label])).item()
    assert rf"L = -\log p_{{{label}}} = {num(ce)}" in texts(at)
    grid = _decode(_chart(at, "conv1: 8 maps of 28×28")["data"][0]["z"])
    m = conv1[0, 0].numpy()
    np.testing.assert_allclose(grid[:28, :28], (m - m.min()) / (m.max() - m.min()), atol=1e-3)


def test_architecture_change_resets_model_and_summary():
    """Test that fewer blocks changes the shape summary and resets the trained model to step 0."""
    at = _train(page_test(NS), 1)
    assert int(_metric(at, "Step")) > 0 and "conv 16@3×3" in texts(at)
    at.slider(key=f"{NS}.blocks").set_value(1).run()
    assert not at.exception
    assert "conv 16@3×3" not in texts(at) and "conv 8@3×3" in texts(at)
    assert _metric(at, "Step") == "0" and any("reset" in i.value for i in at.info)


def test_views_confusion_gallery_and_deeper_filters():
    """Test that the errors view shows the confusion matrix and mistakes, the deep view filters."""
    at = _train(page_test(NS), 1)
    at.radio(key=f"{NS}.view").set_value("errors").run()
    counts = np.array(_chart(at, "Confusion matrix")["data"][0]["text"], dtype=int)
    tr = _trainer(at)
    assert (
        counts.sum() == len(bundled_data().y_test)
        and np.trace(counts) == (tr.evaluate().preds == tr.evaluate().labels).sum()
    )
    wrong = int(counts.sum() - np.trace(counts))
    gallery = _chart(at, "Misclassified test digits")
    assert len(gallery["layout"]["annotations"]) == min(wrong, 24) > 0
    at.radio(key=f"{NS}.view").set_value("deep").run()
    assert _chart(at, "Conv layer 2: 16 filters × 8 input channels")
    at.slider(key=f"{NS}.blocks").set_value(1).run()
    assert any("no deeper filters" in i.value for i in at.info)


def test_too_large_network_shows_message_not_traceback():
    """Test that an oversized architecture from the URL gets a clear error and nothing trains."""
    at = page_test(
        NS, {f"{NS}.blocks": "1", f"{NS}.filters": "32", f"{NS}.pool": "0", f"{NS}.dense": "256"}
    )
    assert not at.exception
    assert any("too large" in e.value for e in at.error)
    assert not [b for b in at.button if b.key == f"{NS}.live.btn_start"]


def test_classic_preset_sets_the_curriculum_network():
    """Test that the classic preset button switches to conv 32 -> pool -> conv 64 -> dense 128."""
    at = page_test(NS)
    at.button(key=f"{NS}.p.classic").click().run()
    shown = texts(at)
    assert "conv 32@3×3" in shown and "conv 64@3×3" in shown and "dense 128" in shown
    assert at.slider(key=f"{NS}.filters").value == 32 and not at.exception


def test_uploaded_digit_is_preprocessed_and_predicted():
    """Test that an uploaded photo-like digit is shown stage by stage and scored by the model."""
    at = page_test(NS, {f"{NS}.own": "upload"})
    digit = bundled_data().x_test[3]
    paper = np.full((120, 100), 230, np.uint8)
    paper[20:76, 20:76] -= (np.kron(digit, np.ones((2, 2))) * 0.8).astype(np.uint8)
    at.file_uploader(key=f"{NS}.upload").set_value(("d.png", _png(paper), "image/png")).run()
    assert not at.exception and not at.error
    prep = di.preprocess(di.decode_image(_png(paper)))
    with torch.no_grad():
        probs = F.softmax(_trainer(at).model.eval()(to_float(prep.final[None])), 1)[0].numpy()
    bars = [s for s in chart_specs(at) if chart_title(s) == "Softmax probabilities"]
    np.testing.assert_allclose(_decode(bars[-1]["data"][0]["y"]), probs, atol=1e-6)
    assert _chart(at, "5. 28×28, centred") and _chart(at, "2. inverted")  # dark ink on light paper


@pytest.mark.parametrize(
    ("payload", "needle"),
    [
        (b"hello, not an image", "not an image"),
        (_png(np.full((64, 64), 255, np.uint8)), "blank"),
        (_png(np.zeros((20, 5000), np.uint8)), "too large"),
        (b"\x89PNG" + bytes(di.MAX_BYTES), "larger than"),
    ],
)
def test_bad_uploads_get_a_clear_message(payload, needle):
    """Test that a non-image, a blank image, huge dimensions and > 5 MB get their own error."""
    at = page_test(NS, {f"{NS}.own": "upload"})
    at.file_uploader(key=f"{NS}.upload").set_value(("x.png", payload, "image/png")).run()
    assert not at.exception
    assert any(needle in e.value for e in at.error), [e.value for e in at.error]


def test_chinese_page_has_no_untranslated_keys():
    """Test that with ?lang=zh texts and chart titles are Chinese, with no raw catalogue keys."""
    # No clicks here: AppTest calls radio format_funcs (t()) outside the session, in English.
    at = page_test(NS, {"lang": "zh"})
    titles = [s.get("layout", {}).get("title", {}).get("text", "") for s in chart_specs(at)]
    shown = texts(at) + "\n".join(titles) + "\n".join(m.label for m in at.metric)
    assert "cnn_mnist." not in shown
    assert "第一层卷积核" in shown and "测试准确率" in shown and "Softmax 概率" in shown
