"""Recommendation blocks: related/hot lists, teaser blobs, comment threads, counters, channels."""

from __future__ import annotations

from collections.abc import Iterable
from statistics import median

import regex

from .._page import JoinedLines
from .._topic import Topic
from ..document import Block, Document
from ..lexicon import Lexicon
from .base import Filter
from .navigation import is_prose

# A heading line may carry a count, "more" link or arrows: 最新回复(2), 往期回顾 全部, 热点 >>
# No `>>` alternative: `(?:>>|>)*` splits a run of ">" in exponentially many ways (">" repeats it).
_HEADER_TAIL = regex.compile(r"[\s(（\[【]*+\d*+[)）\]】]?\s*+(?:全部|更多|more|»|>|›)*+\s*+$")
_HEADER_HEAD = regex.compile(r"^[\s\[【<《]*")
_COUNTER = regex.compile(
    # Possessive \s*+: two adjacent \s* split a long space run in quadratically many ways.
    r"\d+(?:\.\d+)?\s*+[万千kw]?\s*+(?:文章数|关注度|粉丝|关注|获赞|阅读|评论|点赞|收藏|次阅读|浏览|人看过|条评论|篇文章)"
)
_BULLETS = "*•·●■◆▪□○◇>"
_BULLET_TITLE = regex.compile(rf"^\s*[{regex.escape(_BULLETS)}]\s*\S.{{0,58}}$")
_SENTENCE_END = regex.compile(r"[。；;]\s*$")
# A teaser's date stamp: `04-09`, `02-15 1万+`, `* yahoo财经 · 19 小时前`, `2024-05-07 12:30`.
_STAMP_DATE = regex.compile(
    r"(?<!\d)(?:\d{4}[-/.年]\d{1,2}(?:[-/.月]\d{1,2})?|(?:0[1-9]|1[0-2])-(?:[0-2]\d|3[01])(?![-\d])|\d{1,2}月\d{1,2}日"
    r"|\d{1,3}\s*(?:秒|分钟|小时|天|周|个月)\s*前)|昨天|前天|刚刚"
)
# What a stamp may hold beside its date: times, counts, bullets and separators (the rest is a source name).
_STAMP_PARTS = regex.compile(r"\d{1,2}:\d{2}(?::\d{2})?|\d+(?:\.\d+)?\s*[万千kw]?\+?|[日号\s*•·|/()（）-]+")
# A post's footer (`发布于 2024-04-03・IP 属地上海`) ends an answer or a comment: no teaser stamp.
_POSTED = regex.compile(r"发表于|发布于|编辑于|回复于|ip\s*属地")
_STAMP_CHARS = 30
_STAMP_NAME = 12
_COMMENT = regex.compile(
    r"^\s*(?:引用\s*\d*|回复\s*\d*|\d+\s*楼|沙发|板凳|#\d+|\d+\s*(?:分钟|小时|天)前|赞\s*\(?\d+\)?|举报)\s*$"
)


class RecommendationFilter(Filter):
    """Drop related/hot lists, comment threads, teaser blobs, counters and channel headlines.

    A heading from data/rec_headers.txt opens a section that runs until article-like
    prose on the article's topic resumes. A very long line far longer than the
    article's paragraphs and off its topic is a blob of glued teasers.
    """

    name = "recommendation"

    def __init__(
        self,
        *,
        blob_chars: int = 300,
        blob_ratio: float = 4.0,
        blob_overlap: float = 0.2,
        resume_overlap: float = 0.3,
        stamp_window: int = 3,
        min_list: int = 3,
        add_terms: Iterable[str] = (),
        remove_terms: Iterable[str] = (),
    ):
        self.blob_chars = blob_chars
        self.blob_ratio = blob_ratio
        self.blob_overlap = blob_overlap
        self.resume_overlap = resume_overlap
        self.stamp_window = stamp_window
        self.min_list = min_list
        self._header_terms = Lexicon.named("rec_headers", add_terms, remove_terms)
        self._headers = set(self._header_terms.terms)
        self._ad_labels = set(Lexicon.named("ad_labels").terms)
        # A heading line is the heading plus at most a count, arrows or "more".
        self._longest_header = max(map(len, self._headers), default=0) + 16

    def apply(self, doc: Document) -> None:
        lines = doc.lines()
        # An image's alt text (dropped later by DomFilter) often repeats a teaser: it would
        # vouch for that teaser's topic.
        prose = [b for b in lines if b.verdict is None and is_prose(b) and not b.features.get("alt")]
        topic = Topic([b.features["norm"] for b in prose])
        typical = median([b.features["chars"] for b in prose]) if prose else 0
        prose_chars = sum(b.features["chars"] for b in prose)
        self._drop_link_lists(doc, lines)
        headed = self._lines_with_header_term([b.features["norm"] for b in lines])
        in_section = seen_prose = ad_only = False
        for i, block in enumerate(lines):
            norm = block.features["norm"]
            # Headings above all prose are menu items (a channel named 评论), not sections.
            seen_prose = seen_prose or (block.verdict is None and is_prose(block))
            if seen_prose and i in headed and self.is_header(norm):
                # An ad label opens a section of its own only outside a list section.
                ad_only = self._is_ad_label(norm) and (ad_only or not in_section)
                in_section = True
                self.drop(doc, block, "section-heading")
                continue
            if in_section:
                if self._resumes(block, None if ad_only else topic) and not self._stamp_follows(lines, i):
                    in_section = ad_only = False
                else:
                    self.drop(doc, block, "section-item")
                    continue
            if block.verdict is not None:
                continue
            if i in headed and self._inline_related(norm):
                self.drop(doc, block, "related-link")
            elif self._is_blob(block, topic, typical, prose_chars):
                self.drop(doc, block, "teaser-blob")
            elif block.features["chars"] <= 40 and block.features["digits"] and _COUNTER.search(norm):
                self.drop(doc, block, "counter-widget")
            elif _COMMENT.match(norm):
                self.drop(doc, block, "comment-chrome")

    def _lines_with_header_term(self, norms: list[str]) -> set[int]:
        """Lines holding a heading term somewhere: the only ones that can be or open a heading."""
        return self._header_terms.lines_with(JoinedLines(norms))

    def is_header(self, norm: str) -> bool:
        """True if the whole line is a recommendation/comment heading."""
        if len(norm) > self._longest_header:
            return False
        return _heading_core(norm) in self._headers

    def _inline_related(self, norm: str) -> bool:
        """`推荐阅读：某标题`: a heading and one linked title on a single line."""
        head, sep, rest = norm.partition("：") if "：" in norm else norm.partition(":")
        return bool(sep) and len(norm) <= 80 and self.is_header(head) and bool(rest.strip())

    def _drop_link_lists(self, doc: Document, lines: list[Block]) -> None:
        """Runs of `min_list` bulleted one-line titles (no sentence stop) are link lists."""
        self.drop_runs(doc, lines, self._is_bullet_title, self.min_list, "link-list")

    @staticmethod
    def _is_bullet_title(block: Block) -> bool:
        norm = block.features["norm"]
        if not _bulleted(norm):  # the cheap half of _BULLET_TITLE
            return False
        return bool(_BULLET_TITLE.match(norm)) and not _SENTENCE_END.search(norm)

    def _is_ad_label(self, norm: str) -> bool:
        return _heading_core(norm) in self._ad_labels

    def _resumes(self, block: Block, topic: Topic | None) -> bool:
        """Prose on the article's topic ends a section; after an ad label (`topic` None), any paragraph.

        A list item is one more entry of the list (a teaser's title and summary), however
        close to the article's topic: it never ends a section.
        """
        f = block.features
        if topic is None:
            return is_prose(block) and f["ends"] >= 1
        if f["chars"] < 50 or f["ends"] < 1 or _bulleted(f["norm"]):
            return False
        return topic.overlap(f["norm"], own=True) >= self.resume_overlap

    def _stamp_follows(self, lines: list[Block], i: int) -> bool:
        """A date stamp within the next few lines: a teaser's summary, not the article resuming
        (related lists of title, source, date and summary records)."""
        return any(is_stamp(b) for b in lines[i + 1 : i + 1 + self.stamp_window])

    def _is_blob(self, block: Block, topic: Topic, typical: float, prose_chars: int) -> bool:
        chars = block.features["chars"]
        if chars < self.blob_chars or chars < self.blob_ratio * typical:
            return False
        if 2 * chars >= prose_chars:
            return False  # half the page's prose is its content (a long post), not a teaser
        return topic.overlap(block.features["norm"], own=True) < self.blob_overlap


def _bulleted(norm: str) -> bool:
    """A line that starts with a bullet: a list item."""
    first = norm.lstrip()[:1]
    return bool(first) and first in _BULLETS


def _heading_core(norm: str) -> str:
    """A heading line without its brackets, count, arrows or "more"."""
    return _HEADER_TAIL.sub("", _HEADER_HEAD.sub("", norm)).strip(" :：")


def is_stamp(block: Block) -> bool:
    """A short line that is a date or relative time, with at most a count and a source name."""
    f = block.features
    if f["chars"] > _STAMP_CHARS or not f["digits"] and "天" not in f["norm"] and "刚" not in f["norm"]:
        return False
    norm = f["norm"]
    date = _STAMP_DATE.search(norm)
    if date is None or f["ends"] or _POSTED.search(norm):
        return False
    rest = _STAMP_PARTS.sub("", norm[: date.start()] + norm[date.end() :])
    return len(rest) <= _STAMP_NAME
