"""Boilerplate: disclaimers, reprint notices, editor lines, image file names, bylines, bare URLs."""

from __future__ import annotations

import regex

from ..document import Block, Document
from ..lexicon import Lexicon
from ..metadata import may_be_byline, read_byline
from ..patterns import load_table
from .base import Filter

_BRACKETED = regex.compile(r"^\s*[(（\[【][^()（）]{2,60}[)）\]】]\s*$")
_CLAUSE = regex.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}|\d{1,2})\s*[、.．]")
_NOTICES = ("disclaimer", "reprint")


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
        self._notice_words = Lexicon.named("notice_terms")

    def apply(self, doc: Document) -> None:
        lines = doc.lines()
        short = [b for b in lines if b.verdict is None and b.features["chars"] <= self.max_chars]
        # The rule each short line matches, found for the whole page at once.
        rules = dict(zip(map(id, short), self._table.first_matches([b.features["norm"] for b in short]), strict=True))
        after_image = False
        notice = ""  # the rule of a notice just dropped, whose numbered clauses may follow
        for block in lines:
            if after_image and block.verdict is None and _BRACKETED.match(block.text):
                self.drop(doc, block, "caption")  # the bracketed credit under an image
            elif block.verdict is None and id(block) in rules:
                self._judge(doc, block, rules[id(block)])
            if notice and block.verdict is None and self._clause(block):
                self.drop(doc, block, notice)
            v = block.verdict
            after_image = v is not None and v.rule == "imagefile"
            notice = v.rule if v is not None and v.filter == self.name and v.rule in _NOTICES else ""

    def _clause(self, block: Block) -> bool:
        """A numbered clause in a legal notice's words (著作权, 转载, 本网...)."""
        norm = block.features["norm"]
        return _CLAUSE.match(norm) is not None and self._notice_words.search(norm)

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
