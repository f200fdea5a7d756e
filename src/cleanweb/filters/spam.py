"""SEO spam: keyword-stuffed headers and footers, spider-pool place lists, injected gambling."""

from __future__ import annotations

from collections.abc import Iterable

import regex

from .._page import JoinedLines
from ..document import Document
from ..lexicon import Lexicon
from .base import Filter

_ITEM_SEP = regex.compile(r"\s*[|｜,，、_—\-]\s*|\s{2,}|\s+(?=\S)")
_PLACE = regex.compile(r"^\p{Han}{1,8}(?:市|县|区|省|州|旗|盟|镇|乡|岛|港)$")
_NOT_PLACE_END = regex.compile(r"[^市县区省州旗盟镇乡岛港\n]+")  # every place item ends with one of these


class SpamFilter(Filter):
    """Drop lines stuffed with porn/gambling terms and spider-pool place-name lists.

    A term hit alone never drops a line: stuffing needs `min_terms` distinct strong
    terms (weak terms count half) and a line that is not prose, or twice as many in
    prose; a place list needs `min_places` items, `place_share` of them place names.
    """

    name = "spam"

    def __init__(
        self,
        *,
        min_terms: float = 2,
        min_places: int = 8,
        place_share: float = 0.5,
        add_terms: Iterable[str] = (),
        remove_terms: Iterable[str] = (),
    ):
        self.min_terms = min_terms
        self.min_places = min_places
        self.place_share = place_share
        add_terms, remove_terms = list(add_terms), list(remove_terms)
        self._strong = Lexicon([
            *Lexicon.named("spam_seo", add_terms, remove_terms).terms,
            *Lexicon.named("spam_porn", (), remove_terms).terms,
        ])
        self._weak = Lexicon.named("spam_weak", (), remove_terms)

    def apply(self, doc: Document) -> None:
        blocks = doc.kept()
        for i in self._candidates([b.features["norm"] for b in blocks]):
            block = blocks[i]
            rule = self.judge(block.features["norm"], block.features)
            if rule:
                self.drop(doc, block, rule)

    def _candidates(self, norms: list[str]) -> list[int]:
        """Lines `judge` could flag, found in two passes over the page instead of one a line.

        A line needs a strong term to be stuffing, and enough place-name endings to be a
        place list; the rest of the page is never judged.
        """
        page = JoinedLines(norms)
        found = self._strong.lines_with(page)
        need = self.place_share * self.min_places
        if need <= 0:
            return list(range(len(norms)))
        ends = map(len, _NOT_PLACE_END.sub("", page.text).split("\n"))
        found.update(i for i, n in enumerate(ends) if n >= need)
        return sorted(found)

    def judge(self, norm: str, feats: dict) -> str | None:
        """The rule a line breaks, or None."""
        items = [i for i in _ITEM_SEP.split(norm) if i]
        if len(items) >= self.min_places:
            places = sum(1 for i in items if _PLACE.match(i))
            if places / len(items) >= self.place_share:
                return "place-list"
        strong = set(self._strong.findall(norm))
        if not strong:
            return None
        score = len(strong) + 0.5 * len(set(self._weak.findall(norm)))
        prose = feats["ends"] >= 1  # stuffed titles and keyword rows carry no sentence end
        if score >= self.min_terms * (2 if prose else 1):
            return "injected-gambling" if norm.count("|") + norm.count("｜") >= 4 else "stuffing"
        return None
