"""HTML to blocks (selectolax/Lexbor): sniffing, DOM units, the article zone, metadata.

`segment(doc)` parses `doc.source`, reads the page's metadata, applies the user's
CSS selectors, walks the DOM into text units (dom.py), scores containers to find
the article, and fills `doc.blocks`: every unit inside the article zone is its own
block carrying DOM features; each run of units outside it becomes one block, so
the filters judge the article finely and the page chrome cheaply, and every block
keeps the source lines it came from. DomFilter (filters/dom.py) acts on the zone.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

import regex
from selectolax.lexbor import LexborHTMLParser

from . import dom, html_meta
from .document import Block, Document, Verdict
from .errors import ConfigError
from .modes import checked_mode, forum_software, thread_url
from .posts import is_post_head
from .text import refresh

_SNIFF = regex.compile(
    r"^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<title|<!--|<\?xml|<script|<link|<frameset|<div|<table|<text)",
    regex.I,
)
_TAGS = regex.compile(
    r"</?(?:html|head|body|div|p|span|a|table|td|tr|ul|li|br|meta|script|style|font|center|frame|img|h[1-6])\b[^<>]{0,400}>",
    regex.I,
)
_DOCUMENT_TAG = regex.compile(r"<!doctype\s+html|<html[\s>]|<head>|<body[\s>]|<frameset[\s>]", regex.I)
_TAGGED_LINE_SHARE = 0.3  # share of lines holding a tag above which text with no leading tag is HTML
_HTML_KEYS = frozenset(("drop_selectors", "keep_selectors", "sites"))
_THREAD_ITEMTYPES = '[itemtype*="schema.org/QAPage"], [itemtype*="schema.org/Question"], [itemtype*="DiscussionForumPosting"]'
_THREAD_LD = regex.compile(r'"@type"\s*:\s*"(?:QAPage|DiscussionForumPosting)"')
_MIN_POSTS = 3  # post boxes or post heads that make a thread page
_ZONE_NOISE_SHARE = 0.5  # a noise-classed element holding less of the zone's prose than this is chrome
_THREAD_HEADS_SHARE = 0.6  # a thread's zone holds at least this share of the page's post heads
_SHORT_LEAD = 500  # prose weight under which an "article" among post boxes is a thread's question


def looks_like_html(text: str | bytes) -> bool:
    """True if `text` is markup rather than page text.

    Markup either leads (a tag, doctype or comment first), or a document tag
    (`<html>`, `<body>`...) appears early (saved HTTP headers or junk before the
    page), or tags are on a good share of the lines. Page text with a few lines of
    leaked markup stays page text.
    """
    if isinstance(text, (bytes, bytearray)):
        text = bytes(text[:8192]).decode("latin-1")
    head = text[:8192].lstrip("\ufeff")
    if _SNIFF.match(head) or _DOCUMENT_TAG.search(head):
        return True
    if len(_TAGS.findall(head)) < 8:
        return False
    lines = [line for line in head.splitlines() if line.strip()]
    tagged = sum(1 for line in lines if _TAGS.search(line))
    return tagged >= _TAGGED_LINE_SHARE * len(lines)


def segment(doc: Document) -> None:
    """Fill `doc.blocks`, `doc.title` and `doc.meta` from the HTML in `doc.source`."""
    tree = LexborHTMLParser(doc.source)
    for key, value in html_meta.extract(tree).items():
        doc.meta.setdefault(key, value)
    if doc.meta.get("title"):
        doc.title = doc.title or doc.meta["title"]
    url = str(doc.options.get("url") or doc.meta.get("url") or "")
    apply_selectors(tree, selectors_for(doc.options.get("html") or {}, url))
    walked = dom.walk(tree)
    dom.locate(walked.units, doc.source)
    posts = _Posts(walked)
    mode = checked_mode(doc.options.get("mode"))
    forum = _forum_mode(mode, doc, posts, url, tree)
    scores = dom.score(walked, forum=forum)
    if not forum and mode == "auto" and _posts_as_lead(scores, posts):
        forum = True
        scores = dom.score(walked, forum=True)
    if forum:
        scores.best = _thread_zone(walked, scores.best, posts)
        # No post boxes in the markup: ThreadFilter finds the posts by their heads, as in page text.
        doc.options["thread_by_heads"] = posts.groups < _MIN_POSTS
    doc.meta["mode"] = "forum" if forum else "article"
    doc.blocks = _blocks(walked, scores, forum)
    doc.options["zone_purity"] = _purity(scores)
    refresh(doc)


def selectors_for(html_config: dict[str, Any], url: str) -> dict[str, list[str]]:
    """The drop/keep CSS selectors for a page: the global ones plus its site's.

    Config shape (TOML `[html]`): `drop_selectors`, `keep_selectors`, and per site
    `[html.sites."<regex searched in the page URL>"]` with the same two keys.
    """
    _check_keys(html_config, _HTML_KEYS, "[html]")
    out: dict[str, list[str]] = {
        "drop": _selector_list(html_config, "drop_selectors", "[html]"),
        "keep": _selector_list(html_config, "keep_selectors", "[html]"),
    }
    sites = html_config.get("sites") or {}
    if not isinstance(sites, dict):
        raise ConfigError("[html] sites must be a table of URL pattern -> selectors")
    for pattern, rules in sites.items():
        where = f"[html.sites.{pattern!r}]"
        if not isinstance(rules, dict):
            raise ConfigError(f"{where} must be a table with drop_selectors/keep_selectors")
        _check_keys(rules, _HTML_KEYS - {"sites"}, where)
        try:
            hit = url and regex.search(pattern, url)
        except regex.error as exc:
            raise ConfigError(f"[html.sites] bad URL pattern {pattern!r}: {exc}") from None
        if hit:
            out["drop"] += _selector_list(rules, "drop_selectors", where)
            out["keep"] += _selector_list(rules, "keep_selectors", where)
    return out


def _check_keys(table: dict[str, Any], known: frozenset[str], where: str) -> None:
    unknown = set(table) - known
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {sorted(unknown)}; known: {sorted(known)}")


def _selector_list(table: dict[str, Any], key: str, where: str) -> list[str]:
    value = table.get(key, ())
    if isinstance(value, str) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where} {key} must be a list of CSS selectors")
    return list(value)


def apply_selectors(tree: LexborHTMLParser, selectors: dict[str, list[str]]) -> None:
    """Mark elements matched by user selectors; keep is marked last so it wins."""
    for action in ("drop", "keep"):
        for i, selector in enumerate(selectors.get(action, ())):
            try:
                nodes = tree.css(selector)
            except Exception as exc:  # selectolax raises its own error types for bad CSS
                raise ConfigError(f"[html] bad CSS selector {selector!r}: {exc}") from None
            for node in nodes:
                node.attrs["data-cleanweb"] = f"{action}[{i}]"


class _Posts:
    """A walked page's evidence of posts, each part found once and only if asked for."""

    def __init__(self, w: dom.Walk):
        self.w = w

    @cached_property
    def boxes(self) -> set[int]:
        """The repeated post boxes (see `_post_boxes`)."""
        return _post_boxes(self.w)

    @property
    def groups(self) -> int:
        """The number of repeated post boxes."""
        return len(self.boxes)

    @cached_property
    def head_owners(self) -> list[int]:
        """The elements holding a post head (dated byline, floor number...), one per head."""
        return [u.owner for u in self.w.units if u.owner >= 0 and is_post_head(u.text)]

    @cached_property
    def head_paths(self) -> list[set[int]]:
        """Per post head, the elements holding it (its owner and every ancestor)."""
        return [set(self.w.path(owner)) for owner in self.head_owners]

    def heads_inside(self, eid: int) -> int:
        """How many post heads element `eid` holds."""
        return sum(eid in up for up in self.head_paths)


def _thread_page(tree: LexborHTMLParser, doc: Document) -> bool:
    """A thread's sign in the page itself: forum software named (generator meta, a
    `Powered by` footer) or a schema.org thread type (QAPage, Question, forum posting)."""
    if forum_software(doc.source, str(doc.meta.get("generator") or "")):
        return True
    if tree.css_first(_THREAD_ITEMTYPES) is not None:
        return True
    return any(
        _THREAD_LD.search(node.text() or "") for node in tree.css('script[type="application/ld+json"]')
    )


def _forum_mode(mode: str, doc: Document, posts: _Posts, url: str, tree: LexborHTMLParser) -> bool:
    """Forum mode if asked for, or a thread page: a thread's URL or a thread's sign in the
    page (`_thread_page`), and repeated post boxes with author/time parts or post heads
    (dated bylines, floor numbers) in the text."""
    if mode in ("forum", "article"):
        return mode == "forum"
    if not (thread_url(url) or _thread_page(tree, doc)):
        return False
    return posts.groups >= _MIN_POSTS or len(posts.head_owners) >= _MIN_POSTS


def _posts_as_lead(scores: dom.Scores, posts: _Posts) -> bool:
    """The article found is a few lines in a post box, or around post boxes holding most
    of the page's post heads: a thread with a short question, whatever its URL."""
    if scores.best < 0 or scores.prose[scores.best] >= _SHORT_LEAD:
        return False
    if posts.groups < _MIN_POSTS or len(posts.head_owners) < _MIN_POSTS:
        return False
    if not posts.boxes.isdisjoint(posts.w.path(scores.best)):
        return True
    return posts.heads_inside(scores.best) >= _THREAD_HEADS_SHARE * len(posts.head_owners)


def _thread_zone(w: dom.Walk, best: int, posts: _Posts) -> int:
    """Widen the chosen container until it holds most post heads and the first one (the
    question's): a long first post may outweigh the replies, or the replies a question
    boxed apart, but the thread is all of them (pages with no post classes)."""
    heads = posts.head_paths
    if best < 0 or len(heads) < _MIN_POSTS:
        return best
    need = _THREAD_HEADS_SHARE * len(heads)
    first = heads[0]  # the question's head
    while (posts.heads_inside(best) < need or best not in first) and w.elements[best].parent >= 0:
        best = w.elements[best].parent
    return best


def _post_boxes(w: dom.Walk) -> set[int]:
    """The largest set of same-signature siblings that each hold a forum-classed part."""
    holders: dict[tuple[int, tuple[str, str]], set[int]] = {}
    for eid, el in enumerate(w.elements):
        if not el.forum:
            continue
        # Climb to the nearest ancestor that repeats among its siblings: the post box.
        for anc in w.path(eid, 6)[1:]:
            if w.repeat(anc) >= 3:
                a = w.elements[anc]
                holders.setdefault((a.parent, a.sig), set()).add(anc)
                break
    return max(holders.values(), key=len, default=set())


def _blocks(w: dom.Walk, scores: dom.Scores, forum: bool) -> list[Block]:
    """Blocks in document order: zone units one by one, outside runs merged."""
    zone, noise = _zone(w, scores)
    blocks: list[Block] = []
    pending: list[dom.Unit] = []
    total = max(len(w.units), 1)
    for i, unit in enumerate(w.units):
        el = w.elements[unit.owner] if unit.owner >= 0 else None
        keep = bool(el and el.user.startswith("keep"))
        inside = keep or unit.owner < 0 or zone[unit.owner]
        if not inside and unit.kind != "heading" and not (el and el.user):
            pending.append(unit)
            continue
        if pending:
            blocks.append(_merged(pending, len(blocks)))
            pending = []
        blocks.append(_block(w, unit, len(blocks), i / total, inside, noise, forum, keep))
    if pending:
        blocks.append(_merged(pending, len(blocks)))
    return blocks


def _purity(scores: dom.Scores) -> float:
    """Share of prose in the article zone's text: low when no tight container was found."""
    best = scores.best
    if best < 0:
        return 0.0
    total = scores.prose[best] + scores.junk[best]
    return round(scores.prose[best] / total, 3) if total else 0.0


def _zone(w: dom.Walk, scores: dom.Scores) -> tuple[list[bool], list[str]]:
    """Per element: inside the article zone, and the noise term of a chrome box inside it."""
    best = scores.best
    roots = {best, *scores.siblings}
    inside: list[bool] = []
    noise: list[str] = []
    floor = _ZONE_NOISE_SHARE * (scores.prose[best] if best >= 0 else max(scores.prose, default=0))
    for eid, el in enumerate(w.elements):
        up = el.parent
        here = best < 0 or eid in roots or (up >= 0 and inside[up])
        inside.append(here)
        own = el.noise if here and eid not in roots and el.noise and scores.prose[eid] < floor else ""
        noise.append(own or (noise[up] if up >= 0 and here and up not in roots else ""))
    return inside, noise


def _block(
    w: dom.Walk, unit: dom.Unit, index: int, position: float, inside: bool,
    noise: list[str], forum: bool, keep: bool,
) -> Block:
    eid = unit.owner
    el = w.elements[eid] if eid >= 0 else None
    path = w.path(eid, 6) if eid >= 0 else []
    elements = w.elements
    tags = [elements[e].tag for e in reversed(path)]
    tokens = [t for e in path[:3] for t in elements[e].tokens]
    features: dict[str, Any] = {
        "dom": True,
        "tag": el.tag if el else "",
        "path": ">".join(tags),
        "classes": " ".join(dict.fromkeys(tokens)),
        "link_density": round(unit.link / unit.chars, 3) if unit.link and unit.chars else 0.0,
        "depth": el.depth if el else 0,
        "position": round(position, 3),
        "repeat": w.repeat(eid) if eid >= 0 else 1,
        "zone": inside,
        "noise": noise[eid] if eid >= 0 else "",
        "alt": unit.alt,
        "hidden": bool(el and el.hidden),
        "user": el.user if el else "",
        "forum": forum,
        "forum_part": _forum_part(w, path) if forum else "",
    }
    block = Block(unit.text, unit.start, unit.end, index, unit.kind, features, None, keep)
    if el and el.user.startswith("drop"):  # a user rule: decided before any filter runs
        block.verdict = Verdict("user", "drop-selector", el.user)
    return block


def _forum_part(w: dom.Walk, path: list[int]) -> str:
    """The forum-chrome term (author, time, floor, signature) of the nearest classed ancestor."""
    for eid in path[:4]:
        el = w.elements[eid]
        if el.forum:
            return el.forum
        if el.content:
            return ""
    return ""


def _merged(units: list[dom.Unit], index: int) -> Block:
    """One block for a run of units outside the article zone (its lines kept apart)."""
    kinds = {u.kind for u in units}
    chars = sum(u.chars for u in units)
    features = {
        "dom": True, "zone": False, "units": len(units), "tag": "", "path": "", "classes": "",
        "link_density": round(sum(u.link for u in units) / chars, 3) if chars else 0.0,
        "noise": "", "alt": False, "hidden": False, "user": "", "forum": False, "forum_part": "",
        "repeat": 1, "depth": 0, "position": 0.0,
    }
    return Block("\n".join(u.text for u in units), units[0].start, max(u.end for u in units),
                 index=index, kind=kinds.pop() if len(kinds) == 1 else "line", features=features)
