"""Body detection: find the dense, punctuated article region and the title above it."""

from __future__ import annotations

from collections.abc import Iterable
from statistics import median

import regex

from .._titles import own_title, same_title
from .._topic import Topic, Vocabulary
from ..document import Block, Document
from .base import Filter

_HEADING = regex.compile(
    # ^\s*+ is possessive: with the optional bracket absent, two \s* split a space run quadratically.
    r"^\s*+(?:[【\[(（]?\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[】\])）.、。:：]|第[一二三四五六七八九十\d]{1,3}[章节部分点条]|[(（]?[一二三四五六七八九十]{1,3}[)）])"
)
_FULL_STOP = regex.compile(r"^(?![*•·●■◆-]).*[。;；”」』]\s*$")
# A short line that ends like a clause or a sentence: a line-broken paragraph's piece.
_CLAUSE_END = regex.compile(r"\p{Han}[)）]?[,，、。!！?？;；…]+\s*$")
_BULLET = regex.compile(r"^\s*[*•·●■◆▪□○◇>-]")
_GAP = regex.compile(r"\p{Han}\s+\p{Han}")
# A line of dialogue, however short: `“好！”`, `「走吧。」`.
_UTTERANCE = regex.compile(r"^\s*[“「『\"].*[。！？!?…][”」』\"]\s*$")
_PARAGRAPH_END = regex.compile(r"[。！？!?”」』…](?:\s*[(（][^()（）]{0,30}[)）])?\s*$")
_ITEM_NUMBER = regex.compile(r"^\s*(\d{1,2})\s*[.、．)）]\s*\S")
_TITLE_BAD = regex.compile(r"。|[,，、]\s*$|[；;]\s*$|^\d+$|[|｜]|^[^:：]{1,4}[:：]\s*\S{0,8}$")  # sentences, ids, label:value


def _item_number(norm: str) -> int | None:
    """The number of a numbered item (`6.`, `7、`), or None."""
    m = _ITEM_NUMBER.match(norm)
    return int(m.group(1)) if m else None


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
        trim_overlap: float = 0.15,
        trim_min_core: int = 4,
        min_prose_chars: int = 80,
        tiny_penalty: float = 8.0,
        min_prose_share: float = 0.35,
        closing_rules: Iterable[str] = ("reprint", "editor", "copyright", "disclaimer"),
        closing_share: float = 0.4,
        repeat_chars: int = 20,
        neutral_chars: int = 6,
        neutral_overlap: float = 0.5,
        clause_run: int = 3,
    ):
        self.prose_chars = prose_chars
        self.short_penalty = short_penalty
        self.dropped_penalty = dropped_penalty
        self.heading_overlap = heading_overlap
        self.detached_overlap = detached_overlap
        self.detached_chars = detached_chars
        self.title_window = title_window
        self.title_overlap = title_overlap
        self.trim_overlap = trim_overlap
        self.trim_min_core = trim_min_core
        self.min_prose_chars = min_prose_chars
        self.tiny_penalty = tiny_penalty
        self.min_prose_share = min_prose_share
        self.closing_rules = tuple(closing_rules)
        self.closing_share = closing_share
        self.repeat_chars = repeat_chars
        self.neutral_chars = neutral_chars
        self.neutral_overlap = neutral_overlap
        self.clause_run = clause_run

    def apply(self, doc: Document) -> None:
        lines = doc.lines()
        if not lines:
            return
        alive = [b for b in lines if b.verdict is None]
        prose = [b for b in alive if self._is_prose(b)]
        prose_chars = sum(b.features["chars"] for b in prose)
        all_chars = sum(b.features["chars"] for b in alive)
        if prose_chars < self.min_prose_chars or prose_chars < self.min_prose_share * all_chars:
            # Little or no article prose (an agenda, a table, a list page): keep what the
            # specific filters left rather than guess a region around a stray sentence.
            doc.flag("no-prose")
            return
        vocabulary = Vocabulary([b.features["norm"] for b in prose])
        broken = self._broken_paragraphs(lines)
        lo, hi = self._region(lines, vocabulary, broken)
        if lo > hi:
            for block in lines:
                self.drop(doc, block, "no-body")
            return
        core = [b for b in lines[lo : hi + 1] if b.verdict is None and self._is_prose(b)]
        topic = Topic([b.features["norm"] for b in core])
        if len(core) >= self.trim_min_core:
            lo, hi = self._trim(lines, lo, hi, topic, core)
        lo = self._lead_in(lines, lo)
        hi = self._numbered_tail(lines, hi)
        title = self._find_title(doc, lines, lo, topic)
        self._drop_repeated_tail(doc, lines, lo, hi, title)
        for i, block in enumerate(lines):
            if block.verdict is not None or block is title:
                continue
            if lo <= i <= hi:
                if i in broken or self._is_prose(block):
                    continue
                nxt = lines[i + 1] if i + 1 < len(lines) else None
                next_prose = nxt is not None and nxt.verdict is None and self._is_prose(nxt)
                if not self._keep_inside(block, topic, next_prose):
                    self.drop(doc, block, "off-topic-short")
            elif not self._detached_body(block, topic):
                self.drop(doc, block, "before-body" if i < lo else "after-body")
        self._assign_meta(doc, lines, lo)

    def _is_prose(self, block: Block) -> bool:
        f = block.features
        return f["chars"] >= self.prose_chars and f["punct"] >= 1 and (
            f["ends"] >= 1 or f["punct"] >= 2
        )

    def _weight(self, block: Block, vocabulary: Vocabulary) -> float:
        """Prose counts for the region, chrome against; a short line in the article's
        words, all Han (a line-broken sentence, a subheading; not a label, a user name
        or a time stamp), is neutral."""
        f = block.features
        if block.verdict is not None:
            # A lone UI word (编辑, 分享) between paragraphs weighs less than a menu line.
            return -min(self.dropped_penalty, self.tiny_penalty + f["chars"])
        if self._is_prose(block):
            density = (f["punct"] + f["function"]) / max(f["chars"], 1)
            return min(f["chars"], 400) * min(1.0, 4 * density)
        if f["chars"] >= 6 and f["punct"] >= 2 and _FULL_STOP.search(f["norm"]):
            return 0.5 * f["chars"]  # a short full sentence: a verse, a one-line answer
        if f["han"] >= self.neutral_chars and f["han"] == f["chars"] and (
            vocabulary.share(f["norm"]) >= self.neutral_overlap
        ):
            return 0.0
        return -self.short_penalty

    def _region(
        self, lines: list[Block], vocabulary: Vocabulary, broken: dict[int, float]
    ) -> tuple[int, int]:
        """Maximum-sum contiguous run of line weights (Kadane); `broken` weighs the lines
        of paragraphs broken a clause a line."""
        best, best_lo, best_hi = 0.0, 0, -1
        total, start = 0.0, 0
        for i, block in enumerate(lines):
            w = broken[i] if i in broken else self._weight(block, vocabulary)
            if total <= 0:
                total, start = w, i
            else:
                total += w
            if total > best:
                best, best_lo, best_hi = total, start, i
        return best_lo, best_hi

    def _is_clause(self, block: Block) -> bool:
        """A short live line ending in a comma or a stop, not a list item or a link row."""
        f = block.features
        return (
            block.verdict is None
            and f["han"] >= 2
            and not self._is_prose(block)
            and not f["seps"]
            and _CLAUSE_END.search(f["norm"]) is not None
            and not _BULLET.match(f["norm"])
        )

    def _broken_paragraphs(self, lines: list[Block]) -> dict[int, float]:
        """Weights for paragraphs broken into a line per clause (`下周一，` / `京沪高速…，`):
        runs of `clause_run` or more clause lines, a single other short line allowed
        between two of them, count as prose; menus and labels do not end in commas."""
        clause = [self._is_clause(b) for b in lines]
        weights: dict[int, float] = {}
        i, n = 0, len(lines)
        while i < n:
            if not clause[i]:
                i += 1
                continue
            run, gap_used, j = [i], False, i + 1
            while j < n:
                if not clause[j]:
                    if gap_used or j + 1 == n or not clause[j + 1] or not self._is_filler(lines[j]):
                        break
                    gap_used = True
                run.append(j)
                j += 1
            if sum(clause[k] for k in run) >= self.clause_run:
                for k in run:
                    weights[k] = 0.5 * lines[k].features["chars"] if clause[k] else 0.0
            i = j
        return weights

    def _is_filler(self, block: Block) -> bool:
        """A short live line that may sit between two clauses (`因为`, a bracketed aside)."""
        return block.verdict is None and block.features["chars"] <= 20 and not self._is_prose(block)

    def _trim(
        self, lines: list[Block], lo: int, hi: int, topic: Topic, core: list[Block]
    ) -> tuple[int, int]:
        """Shave off-topic prose from the region's edges (teasers glued below an article).

        A line is off-topic when its overlap is under `trim_overlap` and under half
        the region's median, so articles whose paragraphs share few words stay whole.
        """
        limits: list[float] = []  # (limit, typical overlap), computed when an edge line first needs it

        def limit(after_notice: bool) -> float:
            if not limits:
                typical = median(topic.overlap(b.features["norm"], own=True) for b in core)
                limits.extend((min(self.trim_overlap, 0.5 * typical), typical))
            return limits[after_notice]

        closing = self._closing_notice(lines, lo, hi)

        def off(block: Block, after_notice: bool = False) -> bool:
            if block.verdict is not None:
                return True
            norm = block.features["norm"]
            if after_notice and not _PARAGRAPH_END.search(norm):
                return True  # a headline or a tag row below the closing notice: related links
            return (
                block.features["chars"] >= 40
                and (after_notice or not _PARAGRAPH_END.search(norm))
                and topic.overlap(norm, own=True) < limit(after_notice)
            )

        while hi > lo and off(lines[hi], hi > closing):
            hi -= 1
        while lo < hi and off(lines[lo]):
            lo += 1
        return lo, hi

    def _closing_notice(self, lines: list[Block], lo: int, hi: int) -> int:
        """The last reprint/editor/copyright notice in the region, if little prose follows it.

        Such a notice ends an article: below it, lines sharing less of the article's
        vocabulary than its typical paragraph does (the site's self-description, glued
        teasers) go even when they end like sentences. Returns `hi` when there is none.
        """
        prose = [b.features["chars"] if b.verdict is None and self._is_prose(b) else 0 for b in lines[lo : hi + 1]]
        after = 0
        for i in range(hi, lo, -1):
            after += prose[i - lo]
            v = lines[i].verdict
            if v is not None and v.filter == "boilerplate" and v.rule in self.closing_rules:
                # Near the end only: a source line under the lead is not the article's end.
                return i if after <= self.closing_share * sum(prose) else hi
        return hi

    @staticmethod
    def _numbered_tail(lines: list[Block], hi: int) -> int:
        """Take in the items below the body that continue its numbered list (7. after 6.)."""
        number = _item_number(lines[hi].features["norm"]) if hi >= 0 else None
        while number is not None and hi + 1 < len(lines) and lines[hi + 1].verdict is None:
            following = _item_number(lines[hi + 1].features["norm"])
            if following != number + 1:
                break
            hi, number = hi + 1, following
        return hi

    def _drop_repeated_tail(
        self, doc: Document, lines: list[Block], lo: int, hi: int, title: Block | None
    ) -> None:
        """Drop the body's last lines when they repeat its title or text above them in a box
        of their own (dropped chrome just above them): the article's own teaser under 专题
        or 相关新闻. Twin lines side by side (two photos with one caption) stay."""
        above = [i for i in range(lo, hi + 1) if lines[i].verdict is None]
        norms = [lines[i].features["norm"] for i in above]
        text = "\n".join(([title.features["norm"]] if title is not None else []) + norms)
        repeats: list[int] = []
        for i, norm in zip(reversed(above), reversed(norms), strict=True):
            block = lines[i]
            if block is title or block.features["chars"] < self.repeat_chars:
                break
            text = text[: text.rfind(norm)]  # the text above this line
            if norm.rstrip(".…") not in text:
                break
            repeats.append(i)
        if repeats and repeats[-1] > 0 and lines[repeats[-1] - 1].verdict is not None:
            for i in repeats:
                self.drop(doc, lines[i], "repeat")

    def _lead_in(self, lines: list[Block], lo: int) -> int:
        """Take in short sentences directly above the body (a one-line lead or question)."""
        while lo > 0:
            block = lines[lo - 1]
            f = block.features
            if block.verdict is not None or f["ends"] < 1 or f["chars"] < 8:
                break
            if _BULLET.match(f["norm"]) or f["seps"] or _GAP.search(f["norm"]):
                break
            lo -= 1
        return lo

    def _keep_inside(self, block: Block, topic: Topic, next_prose: bool) -> bool:
        """Short lines inside the body: headings and on-topic lines stay, ads and links go."""
        f = block.features
        norm = f["norm"]
        if _HEADING.match(norm) or _UTTERANCE.match(norm):
            return True
        if f["han"] < 2:
            return f["chars"] > 0 and f["latin"] >= 3
        if topic.overlap(norm) >= self.heading_overlap:
            return True
        if _BULLET.match(norm) or f["seps"] or _GAP.search(norm):
            return False  # a list item, a link row or two phrases side by side
        return next_prose or (f["ends"] >= 1 and f["chars"] >= 10)

    def _detached_body(self, block: Block, topic: Topic) -> bool:
        f = block.features
        return (
            self._is_prose(block)
            and f["chars"] >= self.detached_chars
            and f["ends"] >= 2
            and topic.overlap(f["norm"], own=True) >= self.detached_overlap
        )

    def _find_title(self, doc: Document, lines: list[Block], lo: int, topic: Topic) -> Block | None:
        """The short line above the body that shares most of the body's vocabulary.

        On HTML the page names its title (og:title, `<title>`, h1): the line that is that
        title wins; when no line is, the line found is kept but an on-topic page title
        stays the document's title.
        """
        page_title = own_title(doc)
        best: tuple[float, int, bool] | None = None
        first = max(0, lo - self.title_window)
        for i in range(first, min(lo + 2, len(lines))):
            block = lines[i]
            f = block.features
            named = bool(page_title) and same_title(f["norm"], page_title)
            if block.verdict is not None and block.verdict.rule != "menu-run":
                continue  # only a short title swept into a menu run may be taken back
            if not 4 <= f["chars"] <= 80 or _TITLE_BAD.search(f["norm"]) or f["han"] < 4:
                continue
            if i >= lo and self._is_prose(block) and f["ends"] >= 1 and i != lo:
                continue
            overlap = topic.overlap(f["norm"])
            if overlap < self.title_overlap / 2:
                continue  # shares too little of the article to be its title
            score = overlap * min(1.0, f["han"] / 8) - 0.01 * abs(lo - i) + (1.0 if named else 0.0)
            if any("byline" in b.features for b in lines[i + 1 : i + 3]):
                score += 0.2  # titles sit right above their byline
            if score >= self.title_overlap and (best is None or score > best[0]):
                best = (score, i, named)
        if best is None:
            return None
        block = lines[best[1]]
        block.verdict = None
        block.pinned = True
        if page_title and not best[2] and topic.overlap(page_title) >= self.title_overlap / 2:
            return block  # kept, but the page's own on-topic title names the document
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
