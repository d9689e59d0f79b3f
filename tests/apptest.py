"""AppTest helpers shared by the page tests."""

from __future__ import annotations

import json
from typing import Any

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
    """The JSON specs of every plotly/vega chart (AppTest shows them as unknown elements)."""
    specs = []
    for el in at.get("plotly_chart") + at.get("arrow_vega_lite_chart"):
        proto = el.proto
        raw = getattr(proto, "spec", "") or getattr(getattr(proto, "figure", None), "spec", "")
        specs.append(json.loads(raw) if raw else {})
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
