"""Threads in page text: a forum or Q&A page's posts are its content (forum mode)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from statistics import median

from .._titles import own_title, same_title
from .._topic import Topic
from ..document import Block, Document
from ..modes import checked_mode, forum_software, thread_url
from ..patterns import first_match, load_rules
from ..posts import HEAD_CHARS, head_rule
from .base import Filter


class ThreadFilter(Filter):
    """Keep every post of a page-text thread; drop the chrome between posts.

    The HTML path finds a thread's posts in the DOM (DomFilter); page text has only
    its lines, so post heads mark the posts (posts.py): dated bylines, floor numbers
    (`#3`, `5楼`), relative times (`19 天前`) and `发表于` lines. Forum mode
    applies when asked (`mode="forum"`) or, in auto mode, when the page's URL is a
    thread's or the page names forum software (`Powered by Discuz!`) and it has
    `min_posts` post heads. The thread runs from the first post
    to the last. Inside it, post heads, user names, counters (data/post_chrome.txt)
    and short lines repeated from post to post are dropped (`forum-*` rules); the
    rest is pinned as post text, given back if a rule of `overrules` took it (a
    reply under 最新回复 is a post, not a comment section; a one-word reply is not a
    menu). Above the thread, the line that shares most words with the posts is the
    thread's title; the rest of the page is dropped as `outside-thread`. Sets
    meta["mode"] on page text. On HTML it runs only when the page is a thread whose
    markup has no post boxes (options["thread_by_heads"]); DomFilter reads the rest.
    """

    name = "thread"

    def __init__(
        self,
        *,
        min_posts: int = 3,
        head_chars: int = HEAD_CHARS,
        author_chars: int = 24,
        name_chars: int = 12,
        repeat_chars: int = 20,
        title_window: int = 3,
        named_title_window: int = 40,
        overrules: Iterable[str] = ("recommendation", "navigation:menu-run", "navigation:menu-row"),
    ):
        self.min_posts = min_posts
        self.head_chars = head_chars
        self.author_chars = author_chars
        self.name_chars = name_chars
        self.repeat_chars = repeat_chars
        self.title_window = title_window
        self.named_title_window = named_title_window
        self.overrules = tuple(overrules)
        self._chrome = load_rules("post_chrome")

    def apply(self, doc: Document) -> None:
        if doc.kind == "html" and not doc.options.get("thread_by_heads"):
            return
        mode = "forum" if doc.kind == "html" else checked_mode(doc.options.get("mode"))
        lines = doc.lines()
        # Heads are looked for only where they can matter: most pages have no thread URL
        # and name no forum software (`Powered by Discuz!`).
        wanted = mode == "forum" or (
            mode == "auto" and (thread_url(doc.options.get("url")) or forum_software(doc.source))
        )
        heads = [i for i, block in enumerate(lines) if self.is_head(block)] if wanted else []
        forum = mode == "forum" or (wanted and len(heads) >= self.min_posts)
        doc.meta["mode"] = "forum" if forum else "article"
        if not forum or not heads:
            return
        lo, hi, leading = self._span(lines, heads)
        repeated = self._repeated(lines[lo : hi + 1])
        at_head = set(heads)
        # In HTML an image's alt line is always dropped: what follows it is no user name.
        after_drop = doc.kind != "html"
        for i in range(lo, hi + 1):
            block = lines[i]
            rule = self._post_chrome(lines, i, at_head, repeated, after_drop, leading)
            if rule:
                self.drop(doc, block, rule)
            elif block.verdict is None or self._given_back(block):
                block.verdict = None
                block.pinned = True
        title = self._title(doc, lines, lo, hi)
        for i, block in enumerate(lines):
            if (i < lo or i > hi) and block is not title:
                self.drop(doc, block, "outside-thread")

    def is_head(self, block: Block) -> bool:
        """A post's header or footer line: a dated byline, a floor number, a relative time."""
        f = block.features
        if "date" in f.get("byline", ()):
            return True
        return f["chars"] <= self.head_chars and f["ends"] == 0 and head_rule(f["norm"]) is not None

    def _span(self, lines: list[Block], heads: list[int]) -> tuple[int, int, bool]:
        """First and last line of the thread, and whether heads lead their posts or close them.

        Heads that lead are followed by post text, heads that close are preceded by
        it. Closing heads: the first post (the question, often long) runs up from
        the first head to the nearest line a filter dropped or a menu row. Leading
        heads: the last post runs on after the last head for at most the median
        number of lines between heads.
        """
        repeated = self._repeated(lines)
        before = sum(1 for i in heads if self._text_near(lines, i, -1, repeated))
        after = sum(1 for i in heads if self._text_near(lines, i, 1, repeated))
        lo, hi = heads[0], heads[-1]
        if before > after:
            while lo > 0 and not _menu_like(lines[lo - 1]) and (
                self._is_text(lines[lo - 1]) or self._letterless(lines[lo - 1])
            ):
                lo -= 1
            while lo < heads[0] and not self._is_text(lines[lo]):
                lo += 1
        else:
            gaps = [b - a - 1 for a, b in zip(heads, heads[1:], strict=False)]
            reach = max(1, int(median(gaps))) if gaps else 1
            while (
                hi + 1 < len(lines) and hi - heads[-1] < reach and self._is_text(lines[hi + 1])
                and lines[hi + 1].kind != "heading"  # a box of its own after the thread
            ):
                hi += 1
        return lo, hi, before <= after

    def _text_near(self, lines: list[Block], i: int, step: int, repeated: set[str]) -> bool:
        """The nearest line with letters before (step -1) or after (+1) line i is post text."""
        j = i + step
        while 0 <= j < len(lines) and self._letterless(lines[j]) and lines[j].verdict is None:
            j += step
        if step < 0 and j > 0 and self._name_below_chrome(lines, j, repeated):
            return False  # the next post's author (Discuz: footer, name, head), not the end of a post
        if not 0 <= j < len(lines) or not self._is_text(lines[j]):
            return False
        return not self._is_repeated(lines[j], repeated)

    def _name_below_chrome(self, lines: list[Block], j: int, repeated: set[str]) -> bool:
        """Line j is a short name under a post's footer (dropped, or repeated from post to post)."""
        above = lines[j - 1]
        footer = above.verdict is not None or self._is_repeated(above, repeated)
        return footer and self._author(lines[j], han=True)

    def _is_repeated(self, block: Block, repeated: set[str]) -> bool:
        """A short line seen twice or more in the thread (see `_repeated`)."""
        f = block.features
        return f["chars"] <= self.repeat_chars and f["norm"].strip() in repeated

    @staticmethod
    def _letterless(block: Block) -> bool:
        f = block.features
        return f["han"] == 0 and f["latin"] < 2

    def _is_text(self, block: Block) -> bool:
        """Words a post could hold: not dropped (or given back), not a head, some letters."""
        if block.verdict is not None and not self._given_back(block):
            return False
        return not self.is_head(block) and not self._letterless(block)

    def _given_back(self, block: Block) -> bool:
        """Dropped by a rule in `overrules` (a filter's name, or filter:rule) that short replies trip."""
        v = block.verdict
        if v is None or v.rule == "section-heading":
            return False
        f = block.features
        if f.get("dom") and (f["forum_part"] or f["hidden"] or not f["zone"]):
            return False  # the markup says author box, hidden pop-up or outside the thread's box
        return v.filter in self.overrules or f"{v.filter}:{v.rule}" in self.overrules

    def _title(self, doc: Document, lines: list[Block], lo: int, hi: int) -> Block | None:
        """The thread's title: a line just above it, the nearer and the more on topic the better."""
        named = self._named_title(doc, lines, lo)
        if named is not None:
            return self._make_title(doc, named)
        topic = Topic([b.features["norm"] for b in lines[lo : hi + 1] if b.pinned])
        best: tuple[float, Block] | None = None
        for at in range(max(0, lo - self.title_window), lo):
            block = lines[at]
            f = block.features
            if f["han"] < 5 or f["chars"] > 80 or f["seps"] or _menu_like(block):
                continue
            if block.verdict is not None and not self._given_back(block):
                continue
            score = topic.overlap(f["norm"]) - 0.01 * (lo - at)
            if best is None or score > best[0]:
                best = (score, block)
        return None if best is None else self._make_title(doc, best[1])

    def _named_title(self, doc: Document, lines: list[Block], lo: int) -> Block | None:
        """HTML: the live line above the thread that is the page's own title (`<h1>`,
        og:title, `<title>`), however much author-box chrome lies between them."""
        page_title = own_title(doc)
        if not page_title:
            return None
        for at in range(lo - 1, max(-1, lo - 1 - self.named_title_window), -1):
            block = lines[at]
            if block.verdict is None and same_title(block.features["norm"], page_title):
                return block
        return None

    @staticmethod
    def _make_title(doc: Document, title: Block) -> Block:
        title.verdict, title.pinned, title.kind = None, True, "title"
        doc.title = title.text.strip()
        return title

    def _repeated(self, lines: list[Block]) -> set[str]:
        """Short lines seen twice or more: user names, places, buttons."""
        counts = Counter(
            b.features["norm"].strip() for b in lines if b.features["chars"] <= self.repeat_chars
        )
        return {norm for norm, n in counts.items() if n >= 2}

    def _post_chrome(
        self, lines: list[Block], i: int, heads: set[int], repeated: set[str], after_drop: bool,
        leading: bool,
    ) -> str | None:
        """The forum-meta rule line `i` of the thread breaks, or None for post text.

        A user name stands next to a head, at the start, or (`after_drop`) after a dropped line.
        A short name with no punctuation stands between the last post's dropped footer and the
        next post: before its head when heads lead, before its text when they close it.
        """
        block = lines[i]
        f = block.features
        norm = f["norm"].strip()
        if i in heads:
            return "forum-meta"
        if self._letterless(block):
            return "forum-meta"  # a bullet, a count, a bar
        if self._is_repeated(block, repeated):
            return "forum-repeat"
        rule = first_match(self._chrome, norm) if f["chars"] <= self.head_chars else None
        if rule:
            return f"forum-{rule}"
        if (i + 1 in heads or i - 1 in heads or i == 0 or after_drop and lines[i - 1].verdict) and self._author(block):
            return "forum-author"
        starts = i + 1 in heads if leading else i + 1 < len(lines) and i + 1 not in heads
        if (
            starts and i > 0 and i - 1 not in heads and lines[i - 1].verdict is not None
            and self._author(block, han=True)
        ):
            return "forum-author"
        return None

    def _author(self, block: Block, han: bool = False) -> bool:
        """A user name (next to a head, or where a post starts): short, no sentence; Latin,
        an @handle or `name:` (any short name when `han`: the place alone says it is one)."""
        f = block.features
        norm = f["norm"].strip()
        if han:  # no function characters either (的, 是, 不...): names rarely hold them, replies do
            return f["chars"] <= self.name_chars and f["punct"] == 0 and f["ends"] == 0 and f["function"] == 0
        return (
            f["chars"] <= self.author_chars and f["punct"] <= 1 and f["ends"] == 0
            and (f["han"] == 0 or "@" in norm or norm.endswith((":", "：")))
        )


def _menu_like(block: Block) -> bool:
    """Three or more short words side by side and no punctuation: a menu, not a post."""
    words = block.features["norm"].split()
    return len(words) >= 3 and block.features["punct"] == 0 and max(map(len, words)) <= 4
