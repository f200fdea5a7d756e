"""Whitespace normalisation: trimmed lines, single spaces, one paragraph a line."""

from __future__ import annotations

from typing import ClassVar

import regex

from ..document import Document, Edit
from .base import Filter

# Full-width (U+3000) and other Unicode spaces count as indentation and gaps; the lines
# of a page are trimmed at once, so a match never takes in the newline between them.
# The lookbehind starts a trailing match only at the start of a space run: `\s+$` alone
# retries from every space of an inner run (quadratic on long runs).
_EDGE = regex.compile(r"^[^\S\n]+|(?<!\s)[^\S\n]+$", regex.MULTILINE)
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
        kept = [b for b in doc.blocks if b.verdict is None]
        lines = self._lines("\n".join(b.text for b in kept)).split("\n")
        at = 0
        for block in kept:
            parts = lines[at : at + block.text.count("\n") + 1]
            at += len(parts)
            text = "\n".join(p for p in parts if p)
            if text != block.text:
                doc.edits.append(Edit("whitespace", block.text, text, 0, block.index))
                block.text = text

    def _lines(self, text: str) -> str:
        """Every line of `text` trimmed and, if asked, its inner space runs collapsed."""
        text = _EDGE.sub("", text)
        if self.collapse_spaces:
            text = _INNER.sub(" ", text)
        return text
