"""Test that no chart uses a red–green pair as its only encoding (issue 16: colour-blind-safe).

A colour is "red" or "green" by its hue (red 345°–20°, green 90°–160°, greys and pale tints
aside). A chart fails when its categorical colours (trace, mark and class colours, a Vega-Lite
range, a stepped class scale) hold both a red and a green, or when a continuous scale runs from
red to green. Pages are rendered through app.py; charts drawn only after training, and the PNG/SVG
colour maps, are built directly.
"""

from __future__ import annotations

import ast
import colorsys
import importlib
import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import ImageColor
from plotly.colors import get_colorscale

from tests.apptest import app_test, chart_specs
from tests.conftest import ROOT
from vizlib.ui.lessons import available_lessons

SLUGS = [lesson.slug for lesson in available_lessons()]
CHART_FILES = sorted(
    [
        *(ROOT / "vizlib" / "charts").glob("*.py"),
        *(ROOT / "vizlib" / "lessons").glob("*/charts*.py"),
    ]
)
# Streamlit's theme colours for plotly traces and Vega-Lite categories that set none themselves.
STREAMLIT_CATEGORY = ["#0068c9", "#83c9ff", "#ff2b2b", "#ffabab", "#29b09d", "#7defa1",
                      "#ff8700", "#ffd16a", "#6d3fc0", "#d5dae5"]  # fmt: skip
# Both ends of the Vega schemes the charts may use; an unlisted scheme fails until it is added.
VEGA_SCHEMES = {
    "viridis": ("#440154", "#fde725"), "cividis": ("#00204c", "#ffe945"),
    "blues": ("#cfe1f2", "#0d3a70"), "greys": ("#e2e2e2", "#0b0b0b"),
    "oranges": ("#fdd8b3", "#8c2d04"), "reds": ("#fdc9b4", "#860811"),
    "purples": ("#e2e1ef", "#3f007d"), "blueorange": ("#134b85", "#6b2d07"),
    "magma": ("#000004", "#fcfdbf"), "inferno": ("#000004", "#fcffa4"),
    "plasma": ("#0d0887", "#f0f921"), "redyellowgreen": ("#a50026", "#006837"),
    "redblue": ("#67001f", "#053061"), "spectral": ("#9e0142", "#5e4fa2"),
}  # fmt: skip
COLOUR_KEYS = ("color", "fill", "stroke", "fillcolor")


# --- classifying colours ------------------------------------------------------------------------


def rgb(colour: str) -> tuple[float, float, float] | None:
    """A CSS/plotly colour as (r, g, b) in [0, 1], or None when it is no colour."""
    m = re.fullmatch(r"\s*rgba?\(([^)]*)\)\s*", colour)
    try:
        vals = [float(v) for v in m.group(1).split(",")[:3]] if m else ImageColor.getrgb(colour)
    except (ValueError, AttributeError):
        return None
    return tuple(v / 255 for v in vals[:3])


def hue_class(colour: Any) -> str | None:
    """ "red", "green" or None (another hue, a grey, a pale tint, or no colour)."""
    c = rgb(colour) if isinstance(colour, str) else None
    if c is None:
        return None
    h, s, v = colorsys.rgb_to_hsv(*c)
    if s < 0.2 or v < 0.2:
        return None
    deg = h * 360
    return "red" if deg >= 345 or deg <= 20 else "green" if 90 <= deg <= 160 else None


def red_green(colours) -> list[str]:
    """The reds and greens of a set of colours when it holds both, else []."""
    found = {c: hue_class(c) for c in colours if isinstance(c, str)}
    kinds = set(found.values())
    return sorted(c for c, k in found.items() if k) if {"red", "green"} <= kinds else []


def scale_stops(scale: Any) -> list[tuple[float, str]]:
    """A plotly colorscale (a name or [[pos, colour], ...]) as (pos, colour) stops."""
    if isinstance(scale, str):
        scale = get_colorscale(scale)
    return [(float(p), str(c)) for p, c in scale]


def scale_problems(stops: list[tuple[float, str]], where: str) -> list[str]:
    """A stepped class scale (each colour held over an interval) is checked as categories, a
    continuous one by its two ends."""
    colours = [c for _, c in stops]
    stepped = len(stops) >= 4 and all(a == b for a, b in zip(colours[::2], colours[1::2]))
    if stepped:
        bad = red_green(colours)
    else:
        bad = sorted(colours[i] for i in (0, -1)) if red_green([colours[0], colours[-1]]) else []
    return [f"{where}: {'classes' if stepped else 'scale ends'} {bad}"] if bad else []


# --- collecting a chart's colours ---------------------------------------------------------------


def plotly_problems(spec: dict[str, Any], name: str) -> list[str]:
    """Red–green problems of a plotly figure spec: trace colours (explicit or the theme's) as one
    categorical set, and every colorscale."""
    layout = spec.get("layout", {})
    colorway = layout.get("colorway") or STREAMLIT_CATEGORY
    colours, problems = [], []
    for i, tr in enumerate(spec.get("data", [])):
        marker, line = tr.get("marker") or {}, tr.get("line") or {}
        for scale_at in (tr, marker, line):
            if scale_at.get("colorscale") is not None:
                stops = scale_stops(scale_at["colorscale"])
                problems += scale_problems(stops, f"{name} trace {i} colorscale")
        explicit = [marker.get("color"), line.get("color"), tr.get("fillcolor")]
        for c in explicit:
            if isinstance(c, str):
                colours.append(c)
            elif isinstance(c, list) and all(isinstance(x, str) for x in c):
                colours += c
        scaled = any(at.get("colorscale") is not None for at in (tr, marker, line))
        own = scaled or any(c is not None for c in explicit)
        if not own and tr.get("type", "scatter") in ("scatter", "scattergl", "bar", "histogram"):
            colours.append(colorway[i % len(colorway)])  # the theme colours it
    for shape in layout.get("shapes", []) or []:
        colours.append((shape.get("line") or {}).get("color"))
    for key, axis in layout.items():
        if key.startswith("coloraxis") and isinstance(axis, dict) and axis.get("colorscale"):
            problems += scale_problems(scale_stops(axis["colorscale"]), f"{name} {key}")
    bad = red_green(colours)
    return problems + ([f"{name}: trace colours {bad}"] if bad else [])


def _walk(node: Any):
    if isinstance(node, dict):
        yield node
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from _walk(v)


def _distinct(spec: dict[str, Any], field: str) -> int:
    rows = [r for ds in (spec.get("datasets") or {}).values() for r in ds]
    return len({r.get(field) for r in rows if isinstance(r, dict) and field in r})


def vega_problems(spec: dict[str, Any], name: str) -> list[str]:
    """Red–green problems of a Vega-Lite spec: mark colours, colour ranges and nominal colour
    encodings (theme colours when no range is set) as one categorical set; every scheme."""
    colours, problems = [], []
    for node in _walk({k: v for k, v in spec.items() if k != "datasets"}):
        for key in COLOUR_KEYS:
            if isinstance(node.get(key), str):
                colours.append(node[key])
        if isinstance(node.get("value"), str) and rgb(node["value"]):
            colours.append(node["value"])
        scale = node.get("scale") if isinstance(node.get("scale"), dict) else {}
        scheme = scale.get("scheme")
        if isinstance(scheme, dict):
            scheme = scheme.get("name")
        if scheme:
            assert scheme in VEGA_SCHEMES, f"{name}: add scheme {scheme!r} to VEGA_SCHEMES"
            problems += scale_problems(list(enumerate(VEGA_SCHEMES[scheme])), f"{name} {scheme}")
        rng = scale.get("range")
        if isinstance(rng, list) and rng and all(isinstance(c, str) and rgb(c) for c in rng):
            colours += rng
        nominal = node.get("type") in ("nominal", "ordinal") and "field" in node
        if nominal and not scheme and not rng and node is _colour_encoding(spec, node):
            colours += STREAMLIT_CATEGORY[: _distinct(spec, node["field"])]
    bad = red_green(colours)
    return problems + ([f"{name}: colours {bad}"] if bad else [])


def _colour_encoding(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any] | None:
    """`node` when it is some encoding's "color" channel, else None."""
    for enc in _walk(spec):
        if isinstance(enc.get("encoding"), dict) and enc["encoding"].get("color") is node:
            return node
    return None


def spec_problems(spec: dict[str, Any], name: str) -> list[str]:
    plotly = isinstance(spec.get("data"), list)  # a Vega-Lite spec has data {"name": ...}
    return plotly_problems(spec, name) if plotly else vega_problems(spec, name)


# --- the tests ----------------------------------------------------------------------------------


def test_the_checker_catches_red_green():
    """Test that the checker flags a red–green diverging scale, two red/green classes, a Vega
    range and scheme, and the theme's default colours past five traces; blue/orange passes."""
    red_green_scale = {"data": [{"type": "heatmap", "z": [[0]], "colorscale": "RdYlGn"}]}
    classes = {"data": [{"type": "bar", "marker": {"color": ["#d62728", "#2ca02c"]}}]}
    six_traces = {"data": [{"type": "scatter", "y": [i]} for i in range(6)]}
    vega_range = {"mark": "rect", "encoding": {"color": {"field": "s", "type": "nominal",
                  "scale": {"domain": ["a", "b"], "range": ["#9fd8a4", "#f4a6a6"]}}}}  # fmt: skip
    vega_scheme = {"mark": "rect", "encoding": {"color": {"field": "v", "type": "quantitative",
                   "scale": {"scheme": "redyellowgreen"}}}}  # fmt: skip
    for bad in (red_green_scale, classes, six_traces, vega_range, vega_scheme):
        assert spec_problems(bad, "x"), bad
    okabe_ito = ["#0072B2", "#E69F00", "#D55E00", "#009E73"]
    ok = {"data": [{"type": "heatmap", "z": [[0]], "colorscale": "Viridis"},
                   {"type": "bar", "marker": {"color": okabe_ito}}]}  # fmt: skip
    assert not spec_problems(ok, "ok")
    assert hue_class("#f8bbd0") is None and hue_class("#eeeeee") is None  # pink tint, grey


@pytest.mark.parametrize("slug", SLUGS)
def test_page_charts_have_no_red_green_pair(slug):
    """Test that every chart a lesson draws on arrival (through app.py) passes the check."""
    at = app_test()
    at.switch_page(f"pages/{slug}.py").run()
    assert not at.exception, at.exception
    specs = chart_specs(at)
    problems = [p for i, s in enumerate(specs) for p in spec_problems(s, f"{slug} chart {i}")]
    assert not problems, problems


def test_charts_drawn_after_training_have_no_red_green_pair():
    """Test the charts a page draws only after training or a click: the transformer's right/wrong
    cells, the CNN's prediction bars with the true digit, 6-class playground points, the three
    recurrent cells' gradient norms and six optimizer paths."""
    from vizlib.charts.transformer import output_vs_target_chart
    from vizlib.lessons.cnn_mnist.charts import probability_figure
    from vizlib.lessons.gradient_descent.charts import PALETTE
    from vizlib.lessons.playground.charts import CLASS_COLOURS, _class_scale
    from vizlib.lessons.recurrent_cells.charts import COLOURS

    cells = output_vs_target_chart(["1", "2", "3"], ["1", "2", "4"], ("target", "output"))
    assert not vega_problems(cells.to_dict(), "output_vs_target"), cells.to_dict()
    bars = probability_figure(np.linspace(0.01, 0.5, 10), "p", "x", "y", true_label=3)
    assert not plotly_problems(bars.to_plotly_json(), "probability")
    assert not scale_problems(scale_stops(_class_scale(6)), "playground classes")
    for name, palette in (("playground", CLASS_COLOURS), ("recurrent", COLOURS.values()),
                          ("gradient_descent", PALETTE)):  # fmt: skip
        assert not red_green(palette), (name, red_green(palette))


def test_picture_colour_maps_have_no_red_green_pair():
    """Test the PNG/SVG pictures: the playground's class image (6 classes, decided) and the
    gridworld's SVG cells from value -1 to +1."""
    from vizlib.lessons.deep_q.charts_svg import _fill
    from vizlib.lessons.playground.charts import class_image

    probs = np.eye(6)[np.arange(36) % 6]
    img = class_image(probs, 6, discretize=True)
    pixels = {"#{:02x}{:02x}{:02x}".format(*p) for p in img.reshape(-1, 3).tolist()}
    assert not red_green(pixels), red_green(pixels)
    fills = [_fill(v) for v in (-1.0, 1.0)]
    assert not red_green(fills), fills


def _string_literals(path: Path) -> list[str]:
    return [
        n.value
        for n in ast.walk(ast.parse(path.read_text()))
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


@pytest.mark.parametrize("path", CHART_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_chart_module_colours_have_no_red_green_pair(path):
    """Test, from the source, that a chart module's colour literals (hex colours and plotly
    scale names) hold no red–green pair: this covers colours of charts no test draws."""
    literals = _string_literals(path)
    hexes = [s for s in literals if re.fullmatch(r"#[0-9a-fA-F]{6}", s)]
    assert not red_green(hexes), red_green(hexes)
    module = importlib.import_module(
        ".".join(path.relative_to(ROOT).with_suffix("").parts)
    )  # its constants, e.g. colours imported from vizlib.charts.colours
    consts = [v for v in vars(module).values() if isinstance(v, str) and rgb(v) and v[0] == "#"]
    assert not red_green(hexes + consts), red_green(hexes + consts)
    for name in set(literals):
        try:
            stops = scale_stops(name)
        except Exception:  # noqa: BLE001 - not a plotly scale name
            continue
        assert not scale_problems(stops, name), f"{path.name} uses the scale {name}"
