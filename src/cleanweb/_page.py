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
        self.text = "\n".join(lines)
        self.starts = list(accumulate((len(line) + 1 for line in lines), initial=0))

    def line_of(self, pos: int) -> int:
        """The index of the line holding offset `pos` of `text`."""
        return bisect_right(self.starts, pos) - 1
