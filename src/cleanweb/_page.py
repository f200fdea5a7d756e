"""A page's lines joined by newlines, so a filter scans the page once and maps each hit to its line."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate


class JoinedLines:
    """`lines` joined by "\\n" (`text`), with the offset where each line starts.

    Filters look for terms or patterns over `text` in one call and take `line_of` each
    hit, instead of one call per line. Lines must not hold a newline themselves.
    """

    def __init__(self, lines: list[str]):
        self.lines = lines
        self.text = "\n".join(lines)
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        """Offset of each line in `text`, and one past the end (computed on first use)."""
        if self._starts is None:
            self._starts = list(accumulate(map(_PLUS_ONE, map(len, self.lines)), initial=0))
        return self._starts

    def line_of(self, pos: int) -> int:
        """The index of the line holding offset `pos` of `text`."""
        return bisect_right(self.starts, pos) - 1


_PLUS_ONE = (1).__add__  # a line's length plus its newline, in C
