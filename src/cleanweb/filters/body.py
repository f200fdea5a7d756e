"""Body detection: find the dense, punctuated article region and the title above it."""

from __future__ import annotations

import regex

from .._topic import Topic
from ..document import Block, Document
from .base import Filter

_HEADING = regex.compile(
    r"^\s*(?:[【\[(（]?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[】\])）.、。:：]|第[一二三四五六七八九十\d]{1,3}[章节部分点条]|[(（]?[一二三四五六七八九十]{1,3}[)）])"
)
_TITLE_BAD = regex.compile(r"[。；;]\s*$|^\d+$|[|｜]")


class BodyFilter(Filter):
    """Keep the article region; drop what lies outside it; pick the title above it.

    Each kept line scores by prose evidence (length, punctuation, function words):
    prose counts for itself, short chrome against. The best-scoring contiguous run is
    the body. Short lines inside it stay when they look like headings or share the
    article's vocabulary; lines outside it go unless they are on-topic prose.
    """

    name = "body"

    def __init__(
        self,
        *,
        prose_chars: int = 20,
        short_penalty: float = 12.0,
        dropped_penalty: float = 20.0,
        heading_overlap: float = 0.25,
        detached_overlap: float = 0.5,
        detached_chars: int = 50,
        title_window: int = 12,
        title_overlap: float = 0.3,
    ):
        self.prose_chars = prose_chars
        self.short_penalty = short_penalty
        self.dropped_penalty = dropped_penalty
        self.heading_overlap = heading_overlap
        self.detached_overlap = detached_overlap
        self.detached_chars = detached_chars
        self.title_window = title_window
        self.title_overlap = title_overlap

    def apply(self, doc: Document) -> None:
        lines = [b for b in doc.blocks if not b.blank]
        if not lines:
            return
        lo, hi = self._region(lines)
        if lo > hi:
            for block in lines:
                self.drop(doc, block, "no-body")
            return
        core = [b for b in lines[lo : hi + 1] if b.verdict is None and self._is_prose(b)]
        topic = Topic([b.features["norm"] for b in core])
        title = self._find_title(doc, lines, lo, topic)
        for i, block in enumerate(lines):
            if block.verdict is not None or block is title:
                continue
            if lo <= i <= hi:
                if not self._is_prose(block) and not self._keep_inside(block, topic):
                    self.drop(doc, block, "off-topic-short")
            elif not self._detached_body(block, topic):
                self.drop(doc, block, "before-body" if i < lo else "after-body")
        self._assign_meta(doc, lines, lo)

    def _is_prose(self, block: Block) -> bool:
        f = block.features
        return f["chars"] >= self.prose_chars and f["punct"] >= 1 and (
            f["ends"] >= 1 or f["punct"] >= 2
        )

    def _weight(self, block: Block) -> float:
        f = block.features
        if block.verdict is not None:
            return -self.dropped_penalty
        if self._is_prose(block):
            density = (f["punct"] + f["function"]) / max(f["chars"], 1)
            return min(f["chars"], 400) * min(1.0, 4 * density)
        return -self.short_penalty

    def _region(self, lines: list[Block]) -> tuple[int, int]:
        """Maximum-sum contiguous run of line weights (Kadane)."""
        best, best_lo, best_hi = 0.0, 0, -1
        total, start = 0.0, 0
        for i, block in enumerate(lines):
            w = self._weight(block)
            if total <= 0:
                total, start = w, i
            else:
                total += w
            if total > best:
                best, best_lo, best_hi = total, start, i
        return best_lo, best_hi

    def _keep_inside(self, block: Block, topic: Topic) -> bool:
        norm = block.features["norm"]
        if _HEADING.match(norm) or block.features["ends"] >= 1:
            return True
        if block.features["han"] < 2:
            return block.features["chars"] > 0 and block.features["latin"] >= 3
        return topic.overlap(norm) >= self.heading_overlap

    def _detached_body(self, block: Block, topic: Topic) -> bool:
        f = block.features
        return (
            self._is_prose(block)
            and f["chars"] >= self.detached_chars
            and f["ends"] >= 2
            and topic.overlap(f["norm"], own=True) >= self.detached_overlap
        )

    def _find_title(self, doc: Document, lines: list[Block], lo: int, topic: Topic) -> Block | None:
        """The short line above the body that shares most of the body's vocabulary."""
        best: tuple[float, int] | None = None
        first = max(0, lo - self.title_window)
        for i in range(first, min(lo + 2, len(lines))):
            block = lines[i]
            f = block.features
            if block.verdict is not None and block.verdict.filter in ("spam", "boilerplate"):
                continue
            if not 4 <= f["chars"] <= 80 or _TITLE_BAD.search(f["norm"]) or f["han"] < 4:
                continue
            if i >= lo and self._is_prose(block) and f["ends"] >= 1 and i != lo:
                continue
            score = topic.overlap(f["norm"]) - 0.01 * abs(lo - i)
            if score >= self.title_overlap and (best is None or score > best[0]):
                best = (score, i)
        if best is None:
            return None
        block = lines[best[1]]
        block.verdict = None
        block.pinned = True
        block.kind = "title"
        doc.title = block.text.strip()
        return block

    def _assign_meta(self, doc: Document, lines: list[Block], lo: int) -> None:
        """Prefer the byline nearest the body start over any earlier one."""
        near = [b.features["byline"] for b in lines[: lo + 4] if "byline" in b.features]
        if not near:
            return
        for key in ("author", "date", "source", "views"):
            doc.meta.pop(key, None)
        for fields in near:
            for key, value in fields.items():
                doc.meta.setdefault(key, value)
