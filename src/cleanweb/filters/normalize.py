"""Whitespace normalisation: trimmed lines, single spaces, one paragraph a line."""

from __future__ import annotations

from typing import ClassVar

import regex

from ..document import Document, Edit
from .base import Filter

# Full-width (U+3000) and other Unicode spaces count as indentation and gaps.
# The lookbehind starts a trailing match only at the start of a space run: `\s+$` alone
# retries from every space of an inner run (quadratic on long runs).
_EDGE = regex.compile(r"^[\s\u3000]+|(?<![\s\u3000])[\s\u3000]+$")
_INNER = regex.compile(r"[ \t\u00a0\u3000\u2000-\u200a\u202f\u205f]{2,}")


class NormalizeFilter(Filter):
    """Trim each line (full-width indentation too) and collapse runs of spaces to one.

    Blank lines are never output: the renderer writes one paragraph a line.
    """

    name = "normalize"
    changes_text: ClassVar[bool] = True
    needs_features: ClassVar[bool] = False

    def __init__(self, *, collapse_spaces: bool = True):
        self.collapse_spaces = collapse_spaces

    def apply(self, doc: Document) -> None:
        for block in doc.blocks:
            if block.verdict is not None:
                continue
            parts = [self._line(p) for p in block.text.split("\n")]
            text = "\n".join(p for p in parts if p)
            if text != block.text:
                doc.edits.append(Edit("whitespace", block.text, text, 0, block.index))
                block.text = text

    def _line(self, line: str) -> str:
        line = _EDGE.sub("", line)
        if self.collapse_spaces:
            line = _INNER.sub(" ", line)
        return line
