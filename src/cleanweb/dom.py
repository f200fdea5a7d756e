"""The DOM as text units: one walk over a selectolax tree, then article-container scoring.

A unit is the text a block-level element (or a `<br>`-separated line of one) shows,
with the features the filters judge HTML by: tag path, class/id tokens, link
density, depth, sibling repetition. Containers are scored from their units: prose
(long, punctuated, unlinked text) counts for an element, links and short chrome
against it, so the best element is the tightest one holding most of the article.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from itertools import repeat
from operator import mul, sub

import regex
from selectolax.lexbor import LexborHTMLParser, LexborNode

from .lexicon import load_terms

SKIP_TAGS = frozenset(
    "script style noscript template iframe frame svg math select button textarea option "
    "object embed canvas audio video map head title meta link input".split()
)
BLOCK_TAGS = frozenset(
    "html body div p h1 h2 h3 h4 h5 h6 ul ol li dl dt dd table thead tbody tfoot tr td th "
    "caption blockquote pre section article header footer nav aside main figure figcaption "
    "center address hr form fieldset legend details summary menu dir frameset noframes "
    "iframe marquee".split()
)
_KIND = {
    **{f"h{i}": "heading" for i in range(1, 7)},
    "li": "list", "dt": "list", "dd": "list",
    "caption": "caption", "figcaption": "caption",
}
# Cell or list-item contents that make a row a layout container rather than a data row.
_NESTED_BLOCK = "div, p, br, table, ul, ol, dl, h1, h2, h3, h4, h5, h6, blockquote, pre, section, article"
# Stack marks of open inline elements (no Element is made for them).
_LINK, _INLINE = -2, -3
_VOID_TAGS = frozenset("br img hr wbr area col embed input link meta source track param".split())
_HIDDEN_STYLE = regex.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", regex.I)
_CAMEL = regex.compile(r"(?<=[a-z])(?=[A-Z])")
_TOKEN_SPLIT = regex.compile(r"[^a-z]+")
_BODY = regex.compile(r"<body", regex.I)
_NEAR = 16_384  # characters searched ahead of the previous unit before the rest of the page
_MAX_FAR_MISSES = 3
_ONE_PASS = 48  # a text this short is split into keys at once rather than searched twice
_KEY = regex.compile(r"[\p{Han}\p{L}\p{N}]{2,8}")
_LAST_RUN = regex.compile(r"(?r)[\p{Han}\p{L}\p{N}]{2,}")  # searched from the end
_PUNCT = regex.compile(r"[，。！？；：、“”,!?;:]|\.(?!\d)")
# Teaser items: repeated boxes (li, div, ...) holding a link and a short summary.
_NOISE_TAGS = {"nav": "nav", "aside": "aside", "footer": "footer"}
_CONTENT_TAGS = frozenset(("article", "main"))
_ITEM_TAGS = frozenset("li dd dt div section article tr td table".split())
_TEASER_PROSE = 300
_TEASER_REPEAT = 4
_TEASER_DISCOUNT = 0.7
_HIDDEN_PROSE = 0.5  # weight of prose under display:none / visibility:hidden
_SIBLING_PROSE = 150  # a sibling of the container with this much prose ...
_SIBLING_JUNK = 0.2  # ... and junk under this share of it is in the article zone
_NOISY_PROSE = 0.3  # weight of prose under a noise-classed box (comments, related, sidebar)
# Noise terms of boxes laid over the page (a report form, a login pop-up): no prose at any depth.
_OVERLAYS = frozenset({"modal", "dialog", "popup", "mask"})
_MAX_NOISE_TOKENS = 8  # more class tokens than this is a utility-class soup, not a role
_SMALL_FORM_CHARS = 300  # a <form> showing less text than this is a search or login box


@dataclass(slots=True)
class Element:
    """One element on the walk: tag, class/id tokens, parent, depth and noise evidence."""

    tag: str
    tokens: tuple[str, ...]
    parent: int
    depth: int
    sig: tuple[str, str]
    noise: str = ""  # the dom_noise term its class/id matched
    content: bool = False  # its class/id matched a dom_content term
    forum: str = ""  # the dom_forum term its class/id matched
    hidden: bool = False
    user: str = ""  # "drop" or "keep" from a user selector
    noise_up: int = 99  # levels up to the nearest noise-classed element (0: itself)
    content_up: int = 99  # levels up to the nearest content-classed element
    overlay: bool = False  # inside a modal, dialog or pop-up box, however deep


@dataclass(slots=True)
class Unit:
    """The text one block element (or one `<br>` line of it) shows, with provenance keys."""

    owner: int
    kind: str
    parts: list[str] = field(default_factory=list)
    link: int = 0
    first: str = ""
    last: str = ""
    alt: bool = False
    text: str = ""
    chars: int = 0
    start: int = 1
    end: int = 1


@dataclass
class Walk:
    """Everything one walk found: elements by id (document order) and units in order."""

    elements: list[Element]
    units: list[Unit]
    siblings: dict[tuple[int, tuple[str, str]], int]

    def path(self, eid: int, limit: int = -1) -> list[int]:
        """Element ids from `eid` up to the root (at most `limit` of them if given)."""
        out: list[int] = []
        elements = self.elements
        while eid >= 0 and len(out) != limit:
            out.append(eid)
            eid = elements[eid].parent
        return out

    @cached_property
    def parents(self) -> list[int]:
        """Each element's parent id (-1 for a root), by element id."""
        return [el.parent for el in self.elements]

    def repeat(self, eid: int) -> int:
        """How many siblings (itself included) share the element's tag and class."""
        el = self.elements[eid]
        return self.siblings.get((el.parent, el.sig), 1)


@cache
def _lexicon(name: str) -> tuple[frozenset[str], tuple[str, ...], frozenset[str]]:
    """(exact terms, prefix terms, `!words` a prefix must not claim: preview is no prev)."""
    terms = load_terms(name)
    words = [t for t in terms if not t.startswith("!")]
    not_claimed = frozenset(t[1:] for t in terms if t.startswith("!"))
    return frozenset(words), tuple(t for t in words if len(t) >= 4), not_claimed


@cache
def tokens_of(value: str) -> tuple[str, ...]:
    """Class/id value to lower-case word tokens: `newsContent left_nav` -> news content left nav."""
    return tuple(t for t in _TOKEN_SPLIT.split(_CAMEL.sub(" ", value).lower()) if t)


@cache
def match_token(token: str, lexicon: str) -> str:
    """The term of data/<lexicon>.txt a token is, or starts with (terms of 4+ letters)."""
    exact, prefixes, not_claimed = _lexicon(lexicon)
    if token in exact:
        return token
    if len(token) >= 5 and token not in not_claimed:
        for term in prefixes:
            if token.startswith(term):
                return term
    return ""


def _first_match(tokens: tuple[str, ...], lexicon: str) -> str:
    for token in tokens:
        hit = match_token(token, lexicon)
        if hit:
            return hit
    return ""


def _noise(tokens: tuple[str, ...], names: tuple[str, ...]) -> str:
    """The noise term of an element's class/id names, or "" when it is not chrome.

    The last word of a name is its head (`article-copyright` is a copyright box,
    `comment-content` a content box): a noise head decides; otherwise content words
    outweigh noise words. A soup of utility classes says nothing.
    """
    if not tokens or len(tokens) > _MAX_NOISE_TOKENS:
        return ""
    for name in names:
        words = tokens_of(name)
        if words:
            head = match_token(words[-1], "dom_noise")
            if head:
                return head
    if _first_match(tokens, "dom_content"):
        return ""
    return _first_match(tokens, "dom_noise")


@lru_cache(maxsize=4096)
def hides(style: str) -> bool:
    """An inline style that hides its element; cached, since pages repeat the same few styles."""
    return _HIDDEN_STYLE.search(style) is not None


@cache
def classify(cls: str, ident: str) -> tuple[tuple[str, ...], str, bool, str]:
    """(tokens, noise term, content-classed?, forum term) of a class and id; cached per value."""
    if not cls and not ident:
        return (), "", False, ""
    tokens = tokens_of(f"{cls} {ident}")
    return (
        tokens,
        _noise(tokens, (*cls.split(), ident)),
        bool(_first_match(tokens, "dom_content")),
        _first_match(tokens, "dom_forum"),
    )


def walk(tree: LexborHTMLParser) -> Walk:
    """Walk the tree once, building elements and text units in document order."""
    return _Walker().run(tree)


class _Walker:
    def __init__(self) -> None:
        self.elements: list[Element] = []
        self.units: list[Unit] = []
        self.siblings: dict[tuple[int, tuple[str, str]], int] = {}
        self.owner = -1
        self.open: list[int] = []  # ids of the open elements, innermost last
        self.unit: Unit | None = None
        self.kind_hint = ""

    def run(self, tree: LexborHTMLParser) -> Walk:
        root = tree.root
        if root is not None:
            self._visit(root)
        self._flush()
        return Walk(self.elements, self.units, self.siblings)

    def _visit(self, root: LexborNode) -> None:
        """A preorder walk with a stack of child iterators: skipped subtrees are never entered.

        An explicit stack, not recursion, since inline tags may nest without bound. Text
        is added to the open unit here, not in a method: this loop sees every node.
        """
        links = 0
        # (children of an entered node, its mark): an element id, or _LINK / _INLINE.
        stack = [(iter((root,)), _INLINE)]
        while stack:
            children, mark = stack[-1]
            for node in children:
                tag = node.tag
                if tag == "-text":
                    text = node.text_content
                    if not text:
                        continue
                    unit = self.unit
                    if text.isspace():  # between tags: a space inside an open unit, else nothing
                        if unit is not None:
                            unit.parts.append(" ")
                        continue
                    if unit is None:
                        unit = self.unit = Unit(self.owner, self.kind_hint or self._kind(), [], 0, text)
                    unit.parts.append(text)
                    if links:
                        unit.link += len("".join(text.split()))
                    unit.last = text
                    continue
                if not tag or tag[0] == "-" or tag in SKIP_TAGS:
                    continue
                if tag in _VOID_TAGS:
                    if tag == "br":
                        self._flush("line")
                    elif tag == "img":
                        self._alt(node)
                    continue
                if tag == "form" and len("".join((node.text() or "").split())) < _SMALL_FORM_CHARS:
                    continue
                attrs = node.attributes
                if tag not in BLOCK_TAGS and "data-cleanweb" not in attrs:
                    # Inline elements shape no block: only links are counted, hidden ones skipped.
                    # (One a user selector marked becomes a block of its own, to drop or keep.)
                    style = attrs.get("style")
                    if style and hides(style):
                        continue
                    if tag == "a":
                        links += 1
                        stack.append((node.iter(include_text=True), _LINK))
                    else:
                        stack.append((node.iter(include_text=True), _INLINE))
                    break
                new = self._open(tag, attrs)
                if tag == "tr" and _data_row(node):
                    self._row(node, new)
                    self._close()
                    continue
                stack.append((node.iter(include_text=True), new))
                break
            else:  # every child seen: leave the node
                stack.pop()
                if mark >= 0:
                    self._close()
                elif mark == _LINK:
                    links -= 1

    def _close(self) -> None:
        opened = self.open
        opened.pop()
        if self.unit is not None:
            self._flush()
        self.kind_hint = ""
        self.owner = opened[-1] if opened else -1

    def _open(self, tag: str, attrs: dict[str, str | None]) -> int:
        cls = attrs.get("class") or ""
        tokens, noise, content, forum = classify(cls, attrs.get("id") or "")
        # HTML5 sectioning elements say their role outright.
        noise = noise or _NOISE_TAGS.get(tag, "")
        content = content or tag in _CONTENT_TAGS
        user = attrs.get("data-cleanweb")
        elements, opened = self.elements, self.open
        if opened:
            parent = opened[-1]
            up = elements[parent]
            depth, hidden, user = up.depth + 1, up.hidden, user or up.user
            overlay = up.overlay or noise in _OVERLAYS
            # Levels up to the nearest noise/content-classed element, capped at 99.
            noise_up = 0 if noise else up.noise_up + 1 if up.noise_up < 99 else 99
            content_up = 0 if content else up.content_up + 1 if up.content_up < 99 else 99
        else:
            parent, depth, hidden, user = -1, 0, False, user or ""
            overlay = noise in _OVERLAYS
            noise_up = 0 if noise else 99
            content_up = 0 if content else 99
        if not hidden:
            style = attrs.get("style")
            hidden = "hidden" in attrs or bool(style and hides(style))
        sig = (tag, cls)
        eid = len(elements)
        elements.append(
            Element(tag, tokens, parent, depth, sig, noise, content, forum, hidden, user,
                    noise_up, content_up, overlay)
        )
        key = (parent, sig)
        siblings = self.siblings
        siblings[key] = siblings.get(key, 0) + 1
        opened.append(eid)
        if self.unit is not None:
            self._flush()
        self.kind_hint = ""
        self.owner = eid
        return eid

    def _kind(self) -> str:
        if self.owner < 0:
            return "paragraph"
        return _KIND.get(self.elements[self.owner].tag, "paragraph")

    def _flush(self, hint: str = "") -> None:
        unit = self.unit
        self.unit = None
        if unit is not None:
            text = " ".join("".join(unit.parts).split())
            if text:
                unit.text = text
                unit.chars = len(text) - text.count(" ")
                if hint and unit.kind == "paragraph":
                    unit.kind = hint
                self.units.append(unit)
        # The text after a <br> continues the same element as its next line.
        self.kind_hint = hint

    def _alt(self, node: LexborNode) -> None:
        alt = " ".join((node.attributes.get("alt") or "").split())
        if len(alt) >= 2:
            self.units.append(
                Unit(owner=self.owner, kind="caption", parts=[alt], first=alt, last=alt,
                     alt=True, text=alt, chars=len(alt) - alt.count(" "))
            )

    def _row(self, node: LexborNode, eid: int) -> None:
        """A data-table row becomes one unit: its cells' texts on one line."""
        self._flush()
        cells = [" ".join((c.text() or "").split()) for c in node.iter() if c.tag in ("td", "th")]
        text = " ".join(c for c in cells if c)
        if not text:
            return
        link = sum(len("".join((a.text() or "").split())) for a in node.css("a"))
        self.units.append(
            Unit(owner=eid, kind="table", parts=[text], link=link, first=cells[0] or text,
                 last=cells[-1] or text, text=text, chars=len(text) - text.count(" "))
        )


def _data_row(node: LexborNode) -> bool:
    """A row of two or more short cells with no nested blocks or line breaks."""
    cells = sum(1 for c in node.iter() if c.tag in ("td", "th"))
    return cells >= 2 and node.css_first(_NESTED_BLOCK) is None and len(node.text()) < 400


def locate(units: list[Unit], source: str) -> None:
    """Set each unit's start/end source line by finding its first and last words in order.

    Words are looked for just ahead of the previous unit, then further on (a long
    inline script may sit between them). A match found far ahead is tentative: if
    the next unit is not found after it, the search goes back to the last near
    match, then to the top of the body (the parser may have moved text, as it does
    with misnested table content), so one stray occurrence cannot derail the rest. After a
    few misses in a row (text written as entities, &#20013;...) only the near
    window is searched, keeping the cost linear. A unit not found takes the
    previous unit's line.
    """
    line_of = _LineCounter(source)
    body = _BODY.search(source)
    top = cursor = anchor = body.start() if body else 0
    misses = 0
    for unit in units:
        key, last = _keys(unit)
        far = misses < _MAX_FAR_MISSES
        start, near = _find(source, key, cursor, far=far)
        if start < 0 and anchor < cursor:
            start, near = _find(source, key, anchor, far=far)
        if start < 0 and far and top < anchor:  # the parser moved it (foster-parented table text)
            start, near = _find(source, key, top, far=True)
        if start < 0:
            misses += 1
            start = cursor
        else:
            misses = 0
            cursor = start
            if near:
                anchor = start
        end, _ = _find(source, last, start, far=False)
        unit.start = line_of(start)
        unit.end = line_of(max(end, start))


def _keys(unit: Unit) -> tuple[str, str]:
    """The first key of the unit's first text and the last key of its last text ("" if none)."""
    if unit.first is unit.last and len(unit.first) <= _ONE_PASS:  # one short text: one call
        keys = _KEY.findall(unit.first)
        return (keys[0], keys[-1]) if keys else ("", "")
    first = _KEY.search(unit.first)
    return (first.group() if first else ""), last_key(unit.last)


def last_key(fragment: str) -> str:
    """The last of `_KEY.findall(fragment)` ("" if none), without splitting the whole fragment.

    findall cuts each run of word characters into 8-character keys from its start and
    drops a 1-character remainder, so the last key is the tail of the last run of 2+.
    """
    run = _LAST_RUN.search(fragment)
    if run is None:
        return ""
    text = run.group()
    cut = len(text) % 8
    if cut >= 2:
        return text[-cut:]
    return text[len(text) - cut - 8 : len(text) - cut]


class _LineCounter:
    """1-based line number of a position, counting line feeds from the position asked before
    (locate asks mostly ascending positions, so the page is counted about once)."""

    def __init__(self, source: str):
        self.source = source
        self.pos = 0
        self.line = 1

    def __call__(self, pos: int) -> int:
        if pos >= self.pos:
            self.line += self.source.count("\n", self.pos, pos)
        else:
            self.line -= self.source.count("\n", pos, self.pos)
        self.pos = pos
        return self.line


def _find(source: str, key: str, cursor: int, *, far: bool) -> tuple[int, bool]:
    """(position of `key` at or after `cursor`, found nearby?); (-1, False) for no key."""
    if not key:
        return -1, False
    pos = source.find(key, cursor, cursor + _NEAR)
    if pos >= 0:
        return pos, True
    if far:
        return source.find(key, cursor + _NEAR - len(key)), False
    return -1, False


@dataclass
class Scores:
    """Per-element prose weight P, junk N and the chosen container."""

    prose: list[float]
    junk: list[float]
    best: int
    siblings: tuple[int, ...] = ()  # prose-only siblings of `best`, in the zone beside it


def _linked(unit: Unit) -> bool:
    """Half or more of the unit's text is link text."""
    return 2 * unit.link >= unit.chars > 0


def unit_weights(unit: Unit, noisy: bool, strict: bool = True) -> tuple[float, float]:
    """(prose, junk) of one unit: unlinked punctuated text is prose, the rest junk.

    With `strict` off (pages with no prose at all), any unlinked text of a few
    characters counts as prose, so a short page still finds its container.
    """
    c = unit.chars
    if unit.alt or c == 0:
        return 0.0, 0.0
    own = c - unit.link
    if strict:
        prose = own >= 12 and unit.link <= 0.5 * c and _PUNCT.search(unit.text) is not None
    else:
        prose = own >= 6 and unit.link <= 0.3 * c
    if prose:
        return (_NOISY_PROSE * own if noisy else float(own)), float(unit.link)
    return 0.0, float(c)


def score(
    w: Walk,
    *,
    junk_weight: float = 0.4,
    coverage: float = 0.5,
    content_boost: float = 1.5,
    tighten: float = 0.9,
    forum: bool = False,
) -> Scores:
    """Find the element that maximises prose minus weighted junk in its subtree.

    Prose under a content-classed box (article, content, post...) counts more; prose
    under a noise-classed box (comments, related, sidebar) counts for little, and so
    do teaser lists (repeated items of a link plus a short summary), except
    in forum mode, where the repeated posts are the content.
    """
    if not w.elements:
        return Scores([], [], -1)
    for strict in (True, False):
        prose, junk = _sums(w, forum, strict, content_boost)
        gains = list(map(sub, prose, map(mul, repeat(junk_weight), junk)))
        best = gains.index(max(gains))  # the first best, as max() with a key would give
        if prose[best] > 0:
            break
    else:
        return Scores(prose, junk, -1)
    total = max(prose)
    while prose[best] < coverage * total and w.parents[best] >= 0:
        best = w.parents[best]
    best = _tighten(w, prose, best, tighten)
    return Scores(prose, junk, best, () if forum else _prose_siblings(w, prose, junk, best))


def _subtree_children(parents: list[int], root: int) -> dict[int, list[int]]:
    """The children of every element in `root`'s subtree, `root` included, in document order."""
    children: dict[int, list[int]] = {}
    for eid in range(root + 1, len(parents)):
        parent = parents[eid]
        if parent < root:
            break  # document order: the subtree of `root` has ended
        children.setdefault(parent, []).append(eid)
    return children


def _tighten(w: Walk, prose: list[float], best: int, share: float) -> int:
    """Descend from `best` into the child that alone holds `share` of its prose (wrappers)."""
    children = _subtree_children(w.parents, best)
    while True:
        top = max(children.get(best, ()), key=lambda c: prose[c], default=-1)
        if top < 0 or prose[top] < share * prose[best]:
            return best
        best = top


def _prose_siblings(w: Walk, prose: list[float], junk: list[float], best: int) -> tuple[int, ...]:
    """Siblings of the container that hold prose and next to no junk: the rest of the article.

    An abstract or a reference list in a box beside the body's (`摘要`, `参考文献`), or
    the next part of a split article, is left out when tightening picks the body's box.
    """
    parent = w.parents[best]
    if parent < 0:
        return ()
    return tuple(
        eid for eid in _subtree_children(w.parents, parent).get(parent, ())
        if eid != best and not w.elements[eid].noise and not w.elements[eid].hidden
        and prose[eid] >= _SIBLING_PROSE and junk[eid] <= _SIBLING_JUNK * prose[eid]
    )


def _sums(
    w: Walk, forum: bool, strict: bool, boost: float
) -> tuple[list[float], list[float]]:
    """Per element, the prose and junk characters of its subtree."""
    n = len(w.elements)

    prose = [0.0] * n
    junk = [0.0] * n
    units = [0] * n
    first = [-1] * n  # index of the subtree's first unit
    elements = w.elements
    for at, unit in enumerate(w.units):
        eid = unit.owner
        if eid < 0:
            continue
        if first[eid] < 0:
            first[eid] = at
        owner = elements[eid]
        p, j = unit_weights(unit, not forum and owner.noise_up <= 3, strict)
        if owner.overlay:  # a report form or a login pop-up is never the article
            p, j = 0.0, p + j
        if owner.content_up <= 3:
            p *= boost
        if owner.hidden:  # pop-ups and menus; some pages hide the article until a script runs
            p *= _HIDDEN_PROSE
        prose[eid] += p
        junk[eid] += j
        units[eid] += 1
    parents = w.parents
    for eid in range(n - 1, -1, -1):  # children come after parents in document order
        parent = parents[eid]
        if parent >= 0:
            prose[parent] += prose[eid]
            junk[parent] += junk[eid]
            units[parent] += units[eid]
            if first[eid] >= 0 and (first[parent] < 0 or first[eid] < first[parent]):
                first[parent] = first[eid]
    if not forum:
        _discount_teasers(w, prose, junk, first, units)
    return prose, junk


def _discount_teasers(
    w: Walk, prose: list[float], junk: list[float], first: list[int], units: list[int]
) -> None:
    """Move most prose of teaser items (repeated link + summary boxes) to junk, up the tree.

    A teaser item opens with its linked title: the first text of its subtree (`first`,
    an index into w.units) is mostly link.
    """
    teaser = [False] * len(w.elements)
    for eid, el in enumerate(w.elements):
        up = el.parent
        if up >= 0 and teaser[up]:
            teaser[eid] = True
            continue
        if (
            el.tag in _ITEM_TAGS
            and 0 < prose[eid] < _TEASER_PROSE
            and first[eid] >= 0
            and _linked(w.units[first[eid]])
            and units[eid] >= 2
            and w.repeat(eid) >= _TEASER_REPEAT
        ):
            teaser[eid] = True
            moved = _TEASER_DISCOUNT * prose[eid]
            for anc in w.path(eid):
                prose[anc] -= moved
                junk[anc] += moved
