"""Word lists shipped as data files, loaded once and matched all at once (Aho-Corasick).

A lexicon file holds one term a line; `#` starts a comment. Terms are matched on
the normalised view (NFKC, Simplified, case-folded), so they are written in
Simplified lower case.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

import ahocorasick_rs

from ._norm import judge_view
from ._page import JoinedLines


@cache
def load_terms(name: str) -> tuple[str, ...]:
    """Read `data/<name>.txt` from the package: terms, comments and blanks removed."""
    text = resources.files("cleanweb").joinpath("data", f"{name}.txt").read_text("utf-8")
    return tuple(_parse(text.splitlines()))


def _parse(lines: Iterable[str]) -> list[str]:
    terms = []
    for line in lines:
        term = line.split("#", 1)[0].strip()
        if term:
            terms.append(term)
    return terms


class Lexicon:
    """A set of terms searched in one pass; `add`/`remove` come from user config."""

    def __init__(self, terms: Iterable[str]):
        self.terms = sorted({judge_view(t) for t in terms if t.strip()})
        self._matcher = (
            ahocorasick_rs.AhoCorasick(self.terms, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
            if self.terms
            else None
        )

    @classmethod
    def named(cls, name: str, add: Iterable[str] = (), remove: Iterable[str] = ()) -> Lexicon:
        """The packaged list `name`, with user terms added and removed."""
        removed = {judge_view(t) for t in remove}
        terms = [t for t in load_terms(name) if judge_view(t) not in removed]
        return cls([*terms, *add])

    def findall(self, norm: str) -> list[str]:
        """Terms found in `norm` (already in the normalised view), leftmost-longest."""
        return self._matcher.find_matches_as_strings(norm) if self._matcher else []

    def search(self, norm: str) -> bool:
        return bool(self.findall(norm))

    def lines_with(self, page: JoinedLines) -> set[int]:
        """Indexes of the page's lines that hold a term."""
        if self._matcher is None:
            return set()
        return {page.line_of(start) for _, start, _ in self._matcher.find_matches_as_indexes(page.text)}

    def __len__(self) -> int:
        return len(self.terms)
