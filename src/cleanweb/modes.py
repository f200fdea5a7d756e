"""Page modes: an article (one text, chrome around it) or a thread (posts are the content)."""

from __future__ import annotations

from functools import cache

import regex

from .errors import InputError
from .lexicon import load_terms

MODES = ("auto", "article", "forum")
# Thread pages by their address: forum, BBS, Q&A and discussion URLs.
_FORUM_URL = regex.compile(
    r"thread|topic|forum|bbs|tieba|question|answer|discuss|post|faq|/t/|/d/\d", regex.I
)


# Footers are at a page's end: the "Powered by" search reads this many last characters.
_TAIL = 20_000


@cache
def _software_names() -> str:
    return "|".join(regex.escape(name) for name in load_terms("forum_software"))


@cache
def _powered_by() -> regex.Pattern[str]:
    # Markup may stand between the words: `Powered by <strong><a ...>Discuz!</a></strong>`.
    return regex.compile(rf"powered\s+by\s*(?:<[^>]{{0,200}}>\s*){{0,4}}(?:{_software_names()})", regex.I)


def forum_software(text: str, generator: str = "") -> bool:
    """True if a page names forum or Q&A software: a `Powered by Discuz!` footer in its
    text or markup, or a `<meta name="generator">` value: a thread page's sign with no URL."""
    if generator and regex.match(_software_names(), generator.strip(), regex.I):
        return True
    return _powered_by().search(text, max(0, len(text) - _TAIL)) is not None


def checked_mode(mode: str | None) -> str:
    """The mode asked for ("auto" when unset); InputError for an unknown one."""
    mode = mode or "auto"
    if mode not in MODES:
        raise InputError(f"mode must be one of {MODES}, got {mode!r}")
    return mode


def thread_url(url: str | None) -> bool:
    """True if the page's address looks like a forum thread or a Q&A page."""
    return bool(url) and _FORUM_URL.search(url) is not None
