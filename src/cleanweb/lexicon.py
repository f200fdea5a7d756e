"""Word lists shipped as data files, loaded once and matched as one compiled pattern.

A lexicon file holds one term a line; `#` starts a comment. Terms are matched on
the normalised view (NFKC, Simplified, case-folded), so they are written in
Simplified lower case.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cache
from importlib import resources

from ._norm import judge_view


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


def trie_pattern(terms: Iterable[str]) -> str:
    """Factor common prefixes so a thousand terms match in one cheap pass."""
    trie: dict = {}
    for term in terms:
        node = trie
        for ch in term:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:
            return "(?:" + body + ")?"
        return body

    return build(trie)


class Lexicon:
    """A set of terms compiled into one pattern; `add`/`remove` come from user config."""

    def __init__(self, terms: Iterable[str]):
        self.terms = sorted({judge_view(t) for t in terms if t.strip()})
        pattern = trie_pattern(self.terms) if self.terms else r"(?!x)x"
        # Literal terms need no Unicode classes; the stdlib engine runs this trie ~6x faster.
        self._re = re.compile(pattern)

    @classmethod
    def named(cls, name: str, add: Iterable[str] = (), remove: Iterable[str] = ()) -> Lexicon:
        """The packaged list `name`, with user terms added and removed."""
        removed = {judge_view(t) for t in remove}
        terms = [t for t in load_terms(name) if judge_view(t) not in removed]
        return cls([*terms, *add])

    def findall(self, norm: str) -> list[str]:
        """Terms found in `norm` (already in the normalised view), leftmost-longest."""
        return self._re.findall(norm)

    def finditer(self, norm: str) -> Iterator[re.Match[str]]:
        """Matches of the terms in `norm`, leftmost-longest, with their positions."""
        return self._re.finditer(norm)

    def search(self, norm: str) -> bool:
        return self._re.search(norm) is not None

    def __len__(self) -> int:
        return len(self.terms)
