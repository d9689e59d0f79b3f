"""AppTest helpers shared by the page tests."""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


def page_test(
    slug: str, query: dict[str, str] | None = None, *, run: bool = True, timeout: float = 60
) -> AppTest:
    """An AppTest of pages/<slug>.py with the given query parameters, already run once."""
    at = AppTest.from_file(str(ROOT / "pages" / f"{slug}.py"), default_timeout=timeout)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at.run() if run else at


def app_test(query: dict[str, str] | None = None) -> AppTest:
    """An AppTest of the whole app (navigation, language switch, landing page), run once."""
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    return at.run()


def chart_specs(at: AppTest) -> list[dict[str, Any]]:
    """The JSON specs of every plotly/vega chart (AppTest shows them as unknown elements).

    Streamlit sends a Vega-Lite chart's data apart from its spec (as Arrow tables); they are put
    back under the spec's "datasets", as lists of row dicts.
    """
    specs = []
    for el in at.get("plotly_chart") + at.get("arrow_vega_lite_chart") + at.get("vega_lite_chart"):
        proto = el.proto
        raw = getattr(proto, "spec", "") or getattr(getattr(proto, "figure", None), "spec", "")
        spec = json.loads(raw) if raw else {}
        for ds in getattr(proto, "datasets", []):
            table = pa.ipc.open_stream(ds.data.data).read_all()
            spec.setdefault("datasets", {})[ds.name] = table.to_pylist()
        specs.append(spec)
    return specs


def texts(at: AppTest) -> str:
    """All markdown, captions, metrics, alerts and LaTeX on the page, joined."""
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption]
    parts += [str(m.value) for m in at.metric] + [e.value for e in at.latex]
    parts += [a.value for a in list(at.error) + list(at.warning) + list(at.info) + list(at.success)]
    return "\n".join(parts)


def values(v: Any):
    """A plotly trace array as numpy: plain lists, or base64 typed arrays ({dtype, bdata})."""
    import base64

    import numpy as np

    if isinstance(v, dict) and "bdata" in v:
        out = np.frombuffer(base64.b64decode(v["bdata"]), dtype=np.dtype(v["dtype"]))
        shape = v.get("shape")
        if isinstance(shape, str):  # plotly writes a 2-D shape as "rows, cols"
            shape = [int(x) for x in shape.split(",")]
        return out.reshape(shape) if shape else out
    return np.asarray(v)


def live_trainer(at: AppTest, ns: str) -> Any:
    """The session's trainer held by the live-training helper for page `ns`."""
    return at.session_state[f"{ns}.live.run"].trainer


def chart_title(spec: dict[str, Any]) -> str:
    """The title of a plotly figure spec or a Vega-Lite spec ("" when it has none)."""
    if "layout" in spec:
        title = spec["layout"].get("title", {})
        return title.get("text", "") if isinstance(title, dict) else str(title)
    title = spec.get("title", "")
    return title.get("text", "") if isinstance(title, dict) else str(title)


def vega_rows(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """Every data row of a Vega-Lite spec (all its named datasets)."""
    return [row for rows in spec.get("datasets", {}).values() for row in rows]


def url_notice_labels(at: AppTest) -> list[str]:
    """The on-screen labels named (in “quotes”) by the page's notice about invalid URL values."""
    from vizlib.ui.i18n import load_catalogue

    prefix = load_catalogue("en")["common.url_invalid"].split("{keys}")[0]
    found: list[str] = []
    for w in at.warning:
        if w.value.startswith(prefix):
            found += [part.split("”")[0] for part in w.value.split("“")[1:]]
    return found


def keyed_block(node: Any, key: str) -> Any:
    """The block drawn by `st.container(key=key)` under `node` (e.g. `at.main`), or None."""
    for child in getattr(node, "children", {}).values():
        if str(getattr(child.proto, "id", "")).endswith(f"-{key}"):
            return child
        found = keyed_block(child, key)
        if found is not None:
            return found
    return None


def secondary_labels(at: AppTest, name: str) -> list[str]:
    """The Markdown texts and button labels inside `present.secondary(name)` (what presenter mode
    leaves out); [] when the page has no such container."""
    block = keyed_block(at.main, f"secondary_{name}")
    out: list[str] = []

    def walk(node: Any) -> None:
        if node.type == "markdown":
            out.append(node.value)
        elif node.type == "button":
            out.append(node.label)
        for child in getattr(node, "children", {}).values():
            walk(child)

    if block is not None:
        walk(block)
    return out
