"""DOM evidence: drop what the HTML structure shows is not the article (no-op on page text)."""

from __future__ import annotations

from collections.abc import Iterable

from ..document import Block, Document
from ..metadata import read_byline
from ..posts import is_head_marker
from .base import Filter


class DomFilter(Filter):
    """Drop blocks that the page's DOM marks as chrome; page-text blocks are left alone.

    Rules: `outside-main` (outside the scored article container), `hidden`
    (display:none and not prose), `image-alt` (alt text of an image),
    `noise-class:<term>` (inside a small box classed nav/share/related/...),
    `link-dense` (mostly link text and no prose), `link-list` (a repeated list item
    that is a link), and in forum mode `forum-meta` (author, time, floor, signature,
    and post heads such as `某人 #3 3 天前`).

    It also keeps the article it located: in-zone prose and the lines between its
    paragraphs are pinned (when the zone is mostly prose), so BodyFilter cannot
    drop them; in forum mode every post to the end of the thread is pinned, and
    posts a text filter in `forum_overrules` took for a comment section or a menu
    are given back.
    """

    name = "dom"

    def __init__(
        self,
        *,
        max_link_density: float = 0.5,
        list_link_density: float = 0.3,
        prose_chars: int = 30,
        forum_content_terms: Iterable[str] = ("comment", "comments", "reply", "replies"),
        protect_prose: bool = True,
        protect_chars: int = 20,
        protect_purity: float = 0.5,
        forum_overrules: Iterable[str] = ("recommendation", "navigation"),
    ):
        self.max_link_density = max_link_density
        self.list_link_density = list_link_density
        self.prose_chars = prose_chars
        self.forum_content_terms = tuple(forum_content_terms)
        self.protect_prose = protect_prose
        self.protect_chars = protect_chars
        self.protect_purity = protect_purity
        self.forum_overrules = tuple(forum_overrules)

    def apply(self, doc: Document) -> None:
        if doc.meta.get("mode") == "forum":
            self._restore_posts(doc)
        for block in doc.blocks:
            if block.blank or block.verdict is not None or not block.features.get("dom"):
                continue
            rule = self.judge(block)
            if rule:
                self.drop(doc, block, rule)
        # A thread with no post boxes in its markup is ThreadFilter's to delimit, by its post heads.
        by_heads = doc.options.get("thread_by_heads", False)
        if self.protect_prose and not by_heads and doc.options.get("zone_purity", 0.0) >= self.protect_purity:
            self._protect(doc)

    def _restore_posts(self, doc: Document) -> None:
        """Forum mode: a reply that a text filter took for a comment section or a menu is a post.

        Only blocks inside the thread zone, outside author/time boxes and not mostly
        links are given back; DomFilter's own rules then judge them like the rest.
        """
        for block in doc.blocks:
            v, f = block.verdict, block.features
            if (
                v is not None and v.filter in self.forum_overrules and f.get("dom") and f["zone"]
                and not f["forum_part"] and not self._noisy(block)
                and f["link_density"] < self.max_link_density
            ):
                block.verdict = None

    def _protect(self, doc: Document) -> None:
        """Pin the article: in-zone prose, and the kept short lines between its paragraphs.

        The DOM has already located the article, so a code line or a one-line
        sentence between two paragraphs is part of it, whatever its length.
        """
        kept = [b for b in doc.blocks if b.verdict is None and not b.blank and b.features.get("dom")]
        prose = [i for i, b in enumerate(kept) if self._article_prose(b)]
        if not prose:
            return
        # In a thread every post is content however short, from the zone's start to its end.
        forum = doc.meta.get("mode") == "forum"
        first, last = (0, len(kept) - 1) if forum else (prose[0], prose[-1])
        for block in kept[first : last + 1]:
            f = block.features
            if f["zone"] and not self._noisy(block) and f["link_density"] < self.max_link_density:
                block.pinned = True

    def _noisy(self, block: Block) -> bool:
        """In a noise-classed box (a forum's comment/reply boxes are content, not noise)."""
        f = block.features
        return bool(f["noise"]) and not (f["forum"] and f["noise"] in self.forum_content_terms)

    def judge(self, block: Block) -> str | None:
        """The rule the block breaks, or None to leave it to the text filters."""
        f = block.features
        if not f["zone"]:
            return "outside-main"
        if f["hidden"] and not self._prose(block):
            return "hidden"
        if f["alt"]:
            return "image-alt"
        forum = f["forum"]
        if self._noisy(block):
            return f"noise-class:{f['noise']}"
        if forum and f["forum_part"] and not self._prose(block):
            return "forum-meta"
        if forum and (read_byline(block.text) is not None or is_head_marker(block.text, f["norm"])):
            return "forum-meta"
        if self._prose(block):
            return None
        if f["link_density"] >= self.max_link_density:
            return "link-dense"
        if block.kind == "list" and f["repeat"] >= 3 and f["link_density"] >= self.list_link_density:
            return "link-list"
        return None

    def _article_prose(self, block: Block) -> bool:
        """Unlinked punctuated text inside the article zone: the body filter may not drop it."""
        f = block.features
        return (
            f["zone"] and not self._noisy(block) and f["chars"] >= self.protect_chars
            and f["punct"] >= 1 and f["link_density"] < 0.3
        )

    def _prose(self, block: Block) -> bool:
        f = block.features
        return f["chars"] >= self.prose_chars and f["punct"] >= 2 and f["link_density"] < 0.3
