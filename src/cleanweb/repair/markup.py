"""HTML that leaked into text: tags stripped (`<br>` becomes a line break), entities unescaped."""

from __future__ import annotations

import html
import re
from functools import cache

from ..document import Edit
from ..lexicon import load_terms
from ._edits import apply

_ATTR = r"""\s+[A-Za-z_:][-\w:.]*(?:\s*=\s*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'=<>`]+))?"""
# <name>, <name/>, </name>, <name attr=...> (at least one attribute with a value, so
# `a<b and c>d` in code is not taken for a tag) and `?/name>` (a close tag whose `<`
# a broken decoder swallowed together with a lost byte).
_TAG = re.compile(
    r"<(/?)([A-Za-z][A-Za-z0-9]*)\s*/?>"
    rf"|<([A-Za-z][A-Za-z0-9]*)(?=(?:{_ATTR})*?\s+[A-Za-z_:][-\w:.]*\s*=)(?:{_ATTR})+\s*/?>"
    r"|\?/([A-Za-z][A-Za-z0-9]*)>"
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_PASSES = 3  # entities escaped up to three times (&amp;amp;lt;) are undone


@cache
def _tag_names() -> frozenset[str]:
    return frozenset(load_terms("html_tags"))


def strip_tags(text: str) -> tuple[str, list[Edit]]:
    """Remove leaked HTML tags; `<br>` becomes a newline."""
    if "<" not in text and "/" not in text:
        return text, []
    repls = []
    names = _tag_names()
    for m in _TAG.finditer(text):
        name = (m.group(2) or m.group(3) or m.group(4)).lower()
        if name not in names:
            continue
        after = "\n" if name == "br" and not m.group(1) else ""
        repls.append((m.start(), m.end(), after, "markup"))
    return apply(text, repls)


def _unescape(m: re.Match[str]) -> str:
    return html.unescape(m.group())


def unescape_entities(text: str) -> tuple[str, list[Edit]]:
    """Unescape HTML entities, also when escaped twice or three times."""
    edits: list[Edit] = []
    for _ in range(_PASSES):
        if "&" not in text:
            break
        repls = [(m.start(), m.end(), _unescape(m), "entity") for m in _ENTITY.finditer(text)]
        text, done = apply(text, repls)
        if not done:
            break
        edits.extend(done)
    return text, edits
