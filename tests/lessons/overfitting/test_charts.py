"""Test the lab's charts on synthetic arrays: the shaded gap and its marks, the batch strip, the
sweep and the gallery's digits."""

import base64
import io
import re

import numpy as np
from PIL import Image

from vizlib.lessons.overfitting import charts as ch

LABELS = {"title": "T", "x": "x", "y": "y", "gap": "gap", "best": "best", "stop": "stop"}


def _layers(spec: dict) -> tuple[dict, list[dict]]:
    """The spec and its layers, each with the rows of its named dataset."""
    data = {name: frame.to_dict("records") for name, frame in spec["datasets"].items()}
    return spec, [dict(layer, rows=data[layer["data"]["name"]]) for layer in spec["layer"]]


def test_gap_chart_shades_the_band_between_train_and_test():
    """Test that the gap is an area from the test curve (y2) up to the train curve (y), that the
    three curves are lines with validation dashed, and that the star and stop rule sit at their
    steps."""
    steps, train, val, test = [0, 20, 40], [0.1, 0.9, 1.0], [0.1, 0.7, 0.72], [0.1, 0.7, 0.71]
    series = {"train": ("tr", train), "val": ("va", val), "test": ("te", test)}
    chart = ch.gap_chart(steps, series, LABELS, best=(40, 0.72), stop_step=40, y_domain=(0, 1))
    spec, (band, lines, star, rule, text) = _layers(chart)
    assert band["mark"]["type"] == "area" and band["encoding"]["y2"]["field"] == "y2"
    assert [r["y"] for r in band["rows"]] == train and [r["y2"] for r in band["rows"]] == test
    assert {r["series"] for r in band["rows"]} == {"gap"}
    assert lines["mark"]["type"] == "line"
    by = {n: [r["y"] for r in lines["rows"] if r["series"] == n] for n in ("tr", "va", "te")}
    assert by == {"tr": train, "va": val, "te": test}
    dash = lines["encoding"]["strokeDash"]["scale"]
    assert dash["range"][dash["domain"].index("va")] != dash["range"][dash["domain"].index("tr")]
    assert star["mark"]["type"] == "point" and [(r["x"], r["y"]) for r in star["rows"]] == [
        (40, 0.72)
    ]
    assert rule["mark"]["type"] == "rule" and rule["mark"]["strokeDash"]
    assert [r["x"] for r in rule["rows"]] == [40] and [r["what"] for r in text["rows"]] == ["stop"]
    assert spec["title"] == "T" and band["encoding"]["y"]["scale"]["domain"] == [0, 1]


def test_gap_chart_keeps_its_layers_before_a_best_point_or_a_stop():
    """Test that with no best point and no early stop the same five layers are there, empty, so
    the spec stays fixed between ticks and only the data changes."""
    series = {"train": ("tr", [0.1]), "val": ("va", [0.1]), "test": ("te", [0.1])}
    _, with_marks = _layers(
        ch.gap_chart([0], series, LABELS, best=(0, 0.1), stop_step=0, y_domain=(0, 1))
    )
    _, bare = _layers(ch.gap_chart([0], series, LABELS, y_domain=(0, 1)))
    assert [x["mark"] for x in bare] == [x["mark"] for x in with_marks]
    assert bare[2]["rows"] == [] and bare[3]["rows"] == [] and bare[4]["rows"] == []
    later = ch.gap_chart([0, 20], {k: (n, [0.1, 0.5]) for k, (n, _) in series.items()}, LABELS,
                         y_domain=(0, 1))  # fmt: skip
    first = ch.gap_chart([0], series, LABELS, y_domain=(0, 1))
    assert {k: v for k, v in later.items() if k != "datasets"} == {
        k: v for k, v in first.items() if k != "datasets"
    }


def test_strip_png_tiles_the_batch_into_one_picture():
    """Test that the batch strip is one PNG holding every digit, scaled, with its pixels."""
    imgs = np.random.default_rng(0).random((3, 28, 28))
    img = np.asarray(Image.open(io.BytesIO(ch.strip_png(imgs, scale=2))))
    assert img.shape == (56, (3 * 30 - 2) * 2)
    # digit 2 starts at column 2 * (28 + 2) = 60 before the 2× scaling
    np.testing.assert_array_equal(img[::2, 120:176:2], np.round(imgs[2] * 255).astype(np.uint8))


def test_sweep_figure_uses_a_log_width_axis():
    """Test that the sweep plots errors against width on a log axis, gap shaded."""
    labels = {"title": "S", "x": "w", "y": "e", "train": "tr", "test": "te", "gap": "gap"}
    fig = ch.sweep_figure([2, 16, 128], [0.5, 0.0, 0.0], [0.6, 0.3, 0.25], labels)
    assert fig.layout.xaxis.type == "log"
    assert [t.name for t in fig.data] == ["te", "gap", "tr"] and fig.data[1].fill == "tonexty"


def test_digits_html_shows_each_digit_inline_with_its_caption():
    """Test that N digits become N inline PNGs (84 px: 28 px at scale 3, the pixels as given),
    each with its caption and alt text, under the escaped title."""
    imgs = np.random.default_rng(0).random((3, 28, 28))
    out = ch.digits_html(imgs, ["a", "b<", "c"], "D&", "digit")
    srcs = re.findall(r'src="data:image/png;base64,([^"]+)"', out)
    assert len(srcs) == 3 and "<b>D&amp;</b>" in out and "b&lt;" in out
    assert re.findall(r'alt="([^"]+)"', out) == ["digit: a", "digit: b&lt;", "digit: c"]
    tile = np.asarray(Image.open(io.BytesIO(base64.b64decode(srcs[1]))))
    assert tile.shape[:2] == (84, 84)
    assert np.array_equal(
        tile[::3, ::3], np.asarray(Image.open(io.BytesIO(ch.strip_png(imgs[1:2], 1))))
    )
