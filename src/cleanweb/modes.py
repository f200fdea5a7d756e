"""Page modes: an article (one text, chrome around it) or a thread (posts are the content)."""

from __future__ import annotations

import regex

from .errors import InputError

MODES = ("auto", "article", "forum")
# Thread pages by their address: forum, BBS, Q&A and discussion URLs.
_FORUM_URL = regex.compile(
    r"thread|topic|forum|bbs|tieba|question|answer|discuss|post|faq|/t/|/d/\d", regex.I
)


def checked_mode(mode: str | None) -> str:
    """The mode asked for ("auto" when unset); InputError for an unknown one."""
    mode = mode or "auto"
    if mode not in MODES:
        raise InputError(f"mode must be one of {MODES}, got {mode!r}")
    return mode


def thread_url(url: str | None) -> bool:
    """True if the page's address looks like a forum thread or a Q&A page."""
    return bool(url) and _FORUM_URL.search(url) is not None
