"""Boilerplate: disclaimers, reprint notices, editor lines, image file names, bylines, bare URLs."""

from __future__ import annotations

from ..document import Document
from ..metadata import read_byline
from ..patterns import first_match, load_rules
from .base import Filter


class BoilerplateFilter(Filter):
    """Drop disclaimers, reprint and copyright notices, editor and credit lines, file names.

    Byline lines (author, date, source, view counts) are dropped too, and what they
    say goes to the document's metadata. Patterns live in data/boilerplate_patterns.txt.
    """

    name = "boilerplate"

    def __init__(self, *, max_chars: int = 200, byline_chars: int = 80):
        self.max_chars = max_chars
        self.byline_chars = byline_chars
        self._rules = load_rules("boilerplate_patterns")

    def apply(self, doc: Document) -> None:
        for block in doc.blocks:
            if block.blank or block.verdict is not None:
                continue
            f = block.features
            if f["chars"] > self.max_chars:
                continue
            if f["chars"] <= self.byline_chars:
                found = read_byline(block.text)
                if found:
                    block.features["byline"] = found
                    for key, value in found.items():
                        doc.meta.setdefault(key, value)
                    self.drop(doc, block, "byline")
                    continue
            rule = first_match(self._rules, f["norm"])
            if rule:
                self.drop(doc, block, rule)
