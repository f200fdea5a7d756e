"""User rules: regular expressions that always drop or always keep a line."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

import regex

from ..document import Document
from ..errors import ConfigError
from .base import Filter


class UserRulesFilter(Filter):
    """Drop lines matching any `drop` pattern; pin lines matching any `keep` pattern.

    Patterns are searched in the line as it stands after repair. A pinned line can
    not be dropped by any later filter; `keep` wins over `drop`.
    """

    name = "user"
    needs_features: ClassVar[bool] = False  # patterns read the text itself

    def __init__(self, *, drop: Iterable[str] = (), keep: Iterable[str] = ()):
        self.drop_patterns = list(drop)
        self.keep_patterns = list(keep)
        self._drop = [_compile(p) for p in self.drop_patterns]
        self._keep = [_compile(p) for p in self.keep_patterns]

    def apply(self, doc: Document) -> None:
        if not self._drop and not self._keep:
            return
        for block in doc.lines():
            if any(p.search(block.text) for p in self._keep):
                block.pinned = True
                continue
            for i, pattern in enumerate(self._drop):
                if pattern.search(block.text):
                    self.drop(doc, block, f"drop[{i}]", pattern.pattern)
                    break


def _compile(pattern: str) -> regex.Pattern:
    try:
        return regex.compile(pattern)
    except regex.error as exc:
        raise ConfigError(f"bad user rule {pattern!r}: {exc}") from None
