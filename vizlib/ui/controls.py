"""Widgets bound to a page config: ranges and defaults come from the config, values live in the URL.

Each widget's key is `NS.field`. On first draw its value is seeded from the URL (validated; invalid
values fall back to the default, and `url_notice` says so), and `read_config` writes the settings
back to the URL. We sync by hand rather than with `bind="query-params"`: bound select boxes put the
*translated* option label in the URL, so a link would change meaning with the language, and bound
values are dropped from the URL when a preset or page switch changes them.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from typing import Any, TypeVar
from urllib.parse import urlencode

import streamlit as st

from vizlib.core.config import QueryConfig, parse_value
from vizlib.ui import present
from vizlib.ui.i18n import t

C = TypeVar("C", bound=QueryConfig)
_NOTICE = "_url_notice.{}"  # session key: (placeholder, rejected URL keys) for one run
_LABELS = "_widget_labels"  # session key: {widget key: its on-screen label}
PAGE_CONTROLS = "_page_controls"  # session key: {widget key: label} drawn in this page run
PAGE_FIELDS = "_page_fields"  # session key: every setting key of the configs this page run used


def _notice_key(cls: type[QueryConfig]) -> str:
    return _NOTICE.format(f"{cls.NS}:{cls.__name__}")  # two configs may share a namespace


def url_notice(cls: type[QueryConfig]) -> list[str]:
    """Warn about this config's invalid URL values (they fall back to the default).

    The notice names each setting by its on-screen label: shown at once with the best label known
    (from an earlier run, or the catalogue's `<NS>.<field>`), and redrawn by `read_config` once
    the widgets are drawn and their labels are certain.
    """
    query = {k: st.query_params.get_all(k) for k in st.query_params.keys()}
    _, bad = cls.from_query(query)
    st.session_state.pop(_notice_key(cls), None)  # never fill a placeholder of an old run
    if bad:
        slot = st.empty()
        _warn(slot, bad)
        st.session_state[_notice_key(cls)] = (slot, bad)
    return bad


def _label(key: str) -> str:
    """The on-screen label of widget `key`, else the catalogue's text for it, else its name."""
    known = st.session_state.get(_LABELS, {}).get(key)
    if known:
        return known
    text = t(key)
    return text if text != key else key.split(".")[-1]


def _warn(slot: Any, bad: list[str]) -> None:
    names = ", ".join(f"“{_label(k)}”" for k in bad)
    slot.warning(t("common.url_invalid", keys=names), icon="🔗")


def flush_url_notice(cls: type[QueryConfig]) -> None:
    """Redraw the notice `url_notice` showed, with the labels of the widgets drawn since
    (read_config and sync_url call it; a page that does neither may call it after its widgets)."""
    pending = st.session_state.pop(_notice_key(cls), None)
    if pending is not None:
        _warn(*pending)


def label_field(cls: type[QueryConfig], name: str, label: str) -> None:
    """Name a field drawn by a composite control, for messages that cite its on-screen label."""
    st.session_state.setdefault(_LABELS, {})[cls.key(name)] = label


def _meta(cls: type[QueryConfig], name: str) -> tuple[Any, dict[str, Any]]:
    f = cls.spec(name)
    return f.default, dict(f.metadata)


def _seed(cls: type[QueryConfig], name: str) -> None:
    """Give the widget its first value: from the URL when valid, else the default."""
    key = cls.key(name)
    if key in st.session_state:
        return
    f = cls.spec(name)
    value = f.default
    raw = st.query_params.get_all(key)
    if raw:
        try:
            value = parse_value(raw[-1], f.default, f.metadata)
        except (ValueError, OverflowError):
            pass  # url_notice has already said so
    st.session_state[key] = value


def seed_all(cls: type[QueryConfig]) -> None:
    """Seed every field of the config from the URL (for pages that read it before all widgets)."""
    for f in dataclasses.fields(cls):
        _seed(cls, f.name)


def _kw(cls: type[QueryConfig], name: str, label: str, kw: dict[str, Any]) -> dict[str, Any]:
    _seed(cls, name)
    kw["key"] = cls.key(name)
    st.session_state.setdefault(_LABELS, {})[kw["key"]] = label
    return kw


def start_page_run() -> None:
    """Forget the controls of the last run (page_header calls it before any widget)."""
    st.session_state[PAGE_CONTROLS] = {}
    st.session_state[PAGE_FIELDS] = set()


def _draw(fn: Callable[..., Any], cls: type[QueryConfig], name: str, label: str, kw: dict, **fixed):
    """Draw widget `fn` for field `name`, unless a teacher's link hides it (`hide=`: not drawn,
    it keeps the link's value) or locks it (`lock=`: drawn disabled)."""
    kw = _kw(cls, name, label, kw)
    key = kw["key"]
    ss = st.session_state
    ss.setdefault(PAGE_FIELDS, set()).update(cls.key(f.name) for f in dataclasses.fields(cls))
    ss.setdefault(PAGE_CONTROLS, {})[key] = label
    if present.hidden(key):
        return ss[key]
    if present.locked(key):
        kw["disabled"] = True
    return fn(label, **fixed, **kw)


def slider(cls: type[QueryConfig], name: str, label: str, **kw: Any) -> Any:
    """A slider over the field's [lo, hi] range."""
    default, m = _meta(cls, name)
    if m.get("step") is not None:
        kw.setdefault("step", type(default)(m["step"]))
    lo, hi = type(default)(m["lo"]), type(default)(m["hi"])
    return _draw(st.slider, cls, name, label, kw, min_value=lo, max_value=hi)


def number(cls: type[QueryConfig], name: str, label: str, **kw: Any) -> Any:
    """A number input bounded by the field's range."""
    default, m = _meta(cls, name)
    lo = None if m.get("lo") is None else type(default)(m["lo"])
    hi = None if m.get("hi") is None else type(default)(m["hi"])
    if m.get("step") is not None:
        kw.setdefault("step", type(default)(m["step"]))
    return _draw(st.number_input, cls, name, label, kw, min_value=lo, max_value=hi)


def select(
    cls: type[QueryConfig],
    name: str,
    label: str,
    format_func: Callable[[Any], str] | None = None,
    **kw: Any,
) -> Any:
    """A selectbox over the field's choices."""
    opts = list(_meta(cls, name)[1]["choices"])
    return _draw(st.selectbox, cls, name, label, kw, options=opts, format_func=format_func or str)


def radio(
    cls: type[QueryConfig],
    name: str,
    label: str,
    format_func: Callable[[Any], str] | None = None,
    **kw: Any,
) -> Any:
    """Horizontal radio buttons over the field's choices."""
    opts = list(_meta(cls, name)[1]["choices"])
    kw.setdefault("horizontal", True)
    return _draw(st.radio, cls, name, label, kw, options=opts, format_func=format_func or str)


def select_slider(
    cls: type[QueryConfig],
    name: str,
    label: str,
    format_func: Callable[[Any], str] | None = None,
    **kw: Any,
) -> Any:
    """A select slider over the field's choices, or over lo..hi in `step`s for an int field."""
    default, m = _meta(cls, name)
    if m.get("choices") is not None:
        opts = list(m["choices"])
    else:
        opts = list(range(int(m["lo"]), int(m["hi"]) + 1, int(m.get("step") or 1)))
    fmt = format_func or str
    return _draw(st.select_slider, cls, name, label, kw, options=opts, format_func=fmt)


def toggle(cls: type[QueryConfig], name: str, label: str, **kw: Any) -> bool:
    """An on/off toggle for a bool field."""
    return _draw(st.toggle, cls, name, label, kw)


def text(cls: type[QueryConfig], name: str, label: str, **kw: Any) -> str:
    """A short text input (validated by the page's core function, not here)."""
    kw.setdefault("max_chars", 400)
    return _draw(st.text_input, cls, name, label, kw)


def read_config(cls: type[C]) -> C:
    """The config from the widgets' session state (defaults for fields with no widget)."""
    seed_all(cls)  # fields whose widgets are not drawn (yet) keep their URL values
    st.session_state.setdefault(PAGE_FIELDS, set()).update(
        cls.key(f.name) for f in dataclasses.fields(cls)
    )
    values = {}
    for f in dataclasses.fields(cls):
        key = cls.key(f.name)
        if key in st.session_state:
            values[f.name] = st.session_state[key]
    try:
        cfg = cls(**values)
    except (ValueError, TypeError) as err:
        st.error(t("common.config_invalid", reason=str(err)))
        cfg = cls()
    flush_url_notice(cls)
    sync_url(cfg)
    return cfg


def sync_url(cfg: QueryConfig) -> None:
    """Write the settings that differ from the defaults to the URL (and drop the others)."""
    flush_url_notice(type(cfg))
    defaults = type(cfg)().to_query()
    for key, value in cfg.to_query().items():
        if value != defaults[key]:
            if st.query_params.get(key) != value:
                st.query_params[key] = value
        elif key in st.query_params:
            del st.query_params[key]


def _apply(cls: type[QueryConfig], values: Mapping[str, Any]) -> None:
    for name, value in values.items():
        st.session_state[cls.key(name)] = value


def preset_button(
    cls: type[QueryConfig],
    label: str,
    values: Mapping[str, Any],
    *,
    key: str,
    help: str | None = None,
) -> bool:
    """A one-click preset: sets those fields (others keep their values)."""
    return st.button(label, key=key, help=help, on_click=_apply, args=(cls, dict(values)))


def preset_row(
    cls: type[QueryConfig], presets: Mapping[str, Mapping[str, Any]], *, with_help: bool = False
) -> None:
    """One button per named preset, in a row; labels are `t("<NS>.preset.<name>")`.

    With `with_help`, each button's tooltip is `t("<NS>.preset_help.<name>")`.
    """
    with present.secondary(f"presets_{cls.NS}_{cls.__name__}"):
        for col, (name, values) in zip(st.columns(len(presets)), presets.items()):
            tip = t(f"{cls.NS}.preset_help.{name}") if with_help else None
            with col:
                preset_button(
                    cls, t(f"{cls.NS}.preset.{name}"), values, key=f"{cls.NS}.p.{name}", help=tip
                )


def reset_button(cls: type[QueryConfig], *, key: str) -> bool:
    """Put every field of the config back to its default."""
    defaults = {f.name: f.default for f in dataclasses.fields(cls)}
    return preset_button(cls, t("common.reset_settings"), defaults, key=key)


def share_box(*cfgs: QueryConfig) -> None:
    """Show the query string that reproduces this page's settings (seed included)."""
    query = {k: v for cfg in cfgs for k, v in cfg.to_query().items()}
    with st.expander(t("common.share")):
        st.caption(t("common.share_help"))
        st.code("?" + urlencode(query), language=None)
