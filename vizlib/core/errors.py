"""The one error type for bad user input: a message key the page translates, and its detail."""

from __future__ import annotations


class InputError(ValueError):
    """Bad user input. `key` is an i18n key suffix naming the reason; `detail` fills the message."""

    def __init__(self, key: str, **detail: object) -> None:
        super().__init__(key, detail)
        self.key = key
        self.detail = detail
