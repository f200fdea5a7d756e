"""Navigation and UI chrome: menus, breadcrumbs, login prompts, share counters, search boxes."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from .._page import JoinedLines
from ..document import Block, Document
from ..lexicon import Lexicon
from ..patterns import load_table
from .base import Filter

_ITEMS = regex.compile(r"[\s|｜/\\•·»›>\-_*]+")


def _items(norm: str) -> list[str]:
    """The items of a line split at separators (spaces, bars, slashes, arrows, dashes)."""
    return [i for i in _ITEMS.split(norm.strip()) if i]


def is_prose(block: Block, min_chars: int = 40) -> bool:
    """A line of running text: long enough, with sentence punctuation."""
    f = block.features
    return f["chars"] >= min_chars and f["punct"] >= 2


class NavigationFilter(Filter):
    """Drop menus, breadcrumbs, login/membership prompts, share counters and search boxes.

    A line goes when every item on it is a navigation term, when it matches a
    navigation pattern (data/nav_patterns.txt), when it is a row of many tiny items,
    or when it sits in a run of `min_run` short lines above or below all prose.
    """

    name = "navigation"

    def __init__(
        self,
        *,
        max_item_chars: int = 6,
        min_items: int = 4,
        min_run: int = 3,
        short_chars: int = 10,
        add_terms: Iterable[str] = (),
        remove_terms: Iterable[str] = (),
    ):
        self.max_item_chars = max_item_chars
        self.min_items = min_items
        self.min_run = min_run
        self.short_chars = short_chars
        self._lexicon = Lexicon.named("nav_terms", add_terms, remove_terms)
        self._terms = set(self._lexicon.terms)
        self._table = load_table("nav_patterns")

    def apply(self, doc: Document) -> None:
        short = [b for b in doc.kept() if b.features["chars"] <= 80 and b.features["ends"] < 2]
        norms = [b.features["norm"] for b in short]
        # Found for the whole page at once: each line's first pattern, and the lines holding a term.
        matched = self._table.first_matches(norms)
        termed = self._lexicon.lines_with(JoinedLines(norms))
        for i, (block, rule) in enumerate(zip(short, matched, strict=True)):
            rule = self.judge(block.features["norm"], block, rule, i in termed)
            if rule:
                self.drop(doc, block, rule)
        self._drop_edge_runs(doc)

    def judge(self, norm: str, block: Block, pattern_rule: str | None, has_term: bool = True) -> str | None:
        """The rule a short line breaks, or None.

        `pattern_rule` is the line's first nav_patterns match; `has_term` False says no
        navigation term occurs in it (so it cannot be made of them).
        """
        f = block.features
        if f["chars"] > 80 or f["ends"] >= 2:
            return None
        items = _items(norm) if has_term else None
        if items and all(i in self._terms for i in items):
            return "nav-terms"
        if pattern_rule:
            return pattern_rule
        if f["punct"] == 0:
            items = _items(norm) if items is None else items
            if len(items) >= self.min_items and all(len(i) <= self.max_item_chars for i in items):
                return "menu-row"
        return None

    def _drop_edge_runs(self, doc: Document) -> None:
        """Runs of short lines before the first or after the last prose line are menus."""
        lines = doc.kept()
        prose = [i for i, b in enumerate(lines) if is_prose(b)]
        if not prose:
            return
        for segment in (lines[: prose[0]], lines[prose[-1] + 1 :]):
            self.drop_runs(doc, segment, self._is_short, self.min_run, "menu-run")

    def _is_short(self, block: Block) -> bool:
        f = block.features
        return f["chars"] <= self.short_chars and f["ends"] == 0 and f["punct"] == 0
