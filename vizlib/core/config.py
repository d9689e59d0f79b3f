"""Validated, URL-serialisable page configs (the registry idea of TF Playground's state.ts).

A config is a frozen dataclass whose fields are declared with `param(...)`; the same
declaration gives the widget range, the validation and the query-string form.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from typing import Any, ClassVar, TypeVar

C = TypeVar("C", bound="QueryConfig")


def param(
    default: Any,
    *,
    lo: float | None = None,
    hi: float | None = None,
    choices: Sequence[Any] | None = None,
    step: float | None = None,
) -> Any:
    """Declare a config field with its default, bounds or choices."""
    meta = {"lo": lo, "hi": hi, "choices": tuple(choices) if choices else None, "step": step}
    return dataclasses.field(default=default, metadata=meta)


def parse_value(raw: str, default: Any, meta: Mapping[str, Any]) -> Any:
    """Parse one query value into the type of `default`; raise ValueError when invalid."""
    if isinstance(default, bool):
        low = raw.strip().lower()
        if low in ("1", "true", "on", "yes"):
            return True
        if low in ("0", "false", "off", "no"):
            return False
        raise ValueError(raw)
    if isinstance(default, int):
        value: Any = int(float(raw)) if float(raw).is_integer() else None
        if value is None:
            raise ValueError(raw)
    elif isinstance(default, float):
        value = float(raw)
    else:
        value = raw
    _check(value, meta)
    return value


def _check(value: Any, meta: Mapping[str, Any]) -> None:
    """Raise ValueError when `value` breaks the field's bounds or choices."""
    if meta.get("choices") is not None and value not in meta["choices"]:
        raise ValueError(f"{value!r} not in {meta['choices']}")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} is not finite")
        if meta.get("lo") is not None and value < meta["lo"]:
            raise ValueError(f"{value!r} < {meta['lo']}")
        if meta.get("hi") is not None and value > meta["hi"]:
            raise ValueError(f"{value!r} > {meta['hi']}")


def format_value(value: Any) -> str:
    """The query-string text of a value."""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value)
    return str(value)


@dataclasses.dataclass(frozen=True)
class QueryConfig:
    """Base for page configs: validated on construction, round-trips through a query string.

    Subclasses set `NS` (the page's namespace); a field `lr` has the URL/widget key `NS.lr`.
    """

    NS: ClassVar[str] = ""

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            _check(getattr(self, f.name), f.metadata)

    @classmethod
    def key(cls, name: str) -> str:
        """The widget key and URL parameter name of field `name`."""
        return f"{cls.NS}.{name}"

    @classmethod
    def spec(cls, name: str) -> dataclasses.Field:
        """The dataclass field (default and metadata) of `name`."""
        return {f.name: f for f in dataclasses.fields(cls)}[name]

    def to_query(self) -> dict[str, str]:
        """Every field as `{NS.name: text}`."""
        fields = dataclasses.fields(self)
        return {self.key(f.name): format_value(getattr(self, f.name)) for f in fields}

    @classmethod
    def from_query(cls: type[C], query: Mapping[str, Any]) -> tuple[C, list[str]]:
        """Build a config from query params; invalid values fall back to defaults.

        Returns the config and the keys whose values were rejected.
        """
        values, bad = {}, []
        for f in dataclasses.fields(cls):
            k = cls.key(f.name)
            if k not in query:
                continue
            raw = query[k]
            raw = raw[-1] if isinstance(raw, (list, tuple)) and raw else raw
            try:
                values[f.name] = parse_value(str(raw), f.default, f.metadata)
            except (ValueError, OverflowError, TypeError):
                bad.append(k)
        try:
            return cls(**values), bad
        except ValueError:  # cross-field validation failed: keep defaults for everything
            return cls(), sorted(set(bad) | {cls.key(n) for n in values})
