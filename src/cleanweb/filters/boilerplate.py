"""Boilerplate: disclaimers, reprint notices, editor lines, image file names, bylines, bare URLs."""

from __future__ import annotations

import regex

from ..document import Block, Document
from ..metadata import may_be_byline, read_byline
from ..patterns import load_table
from .base import Filter

_BRACKETED = regex.compile(r"^\s*[(（\[【][^()（）]{2,60}[)）\]】]\s*$")


class BoilerplateFilter(Filter):
    """Drop disclaimers, reprint and copyright notices, editor and credit lines, file names.

    Byline lines (author, date, source, view counts) are dropped too, and what they
    say goes to the document's metadata. Patterns live in data/boilerplate_patterns.txt.
    """

    name = "boilerplate"

    def __init__(self, *, max_chars: int = 200, byline_chars: int = 80):
        self.max_chars = max_chars
        self.byline_chars = byline_chars
        self._table = load_table("boilerplate_patterns")

    def apply(self, doc: Document) -> None:
        lines = doc.lines()
        short = [b for b in lines if b.verdict is None and b.features["chars"] <= self.max_chars]
        # The rule each short line matches, found for the whole page at once.
        rules = dict(zip(map(id, short), self._table.first_matches([b.features["norm"] for b in short]), strict=True))
        after_image = False
        for block in lines:
            if after_image and block.verdict is None and _BRACKETED.match(block.text):
                self.drop(doc, block, "caption")  # the bracketed credit under an image
            elif block.verdict is None and id(block) in rules:
                self._judge(doc, block, rules[id(block)])
            after_image = block.verdict is not None and block.verdict.rule == "imagefile"

    def _judge(self, doc: Document, block: Block, rule: str | None) -> None:
        f = block.features
        if f["chars"] <= self.byline_chars and may_be_byline(f["norm"], f["digits"]):
            found = read_byline(block.text)
            if found:
                block.features["byline"] = found
                for key, value in found.items():
                    doc.meta.setdefault(key, value)
                self.drop(doc, block, "byline")
                return
        if rule:
            self.drop(doc, block, rule)
