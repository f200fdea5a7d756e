"""Post heads: the header or footer line of one post in a thread (forum, Q&A, comments).

A dated byline, a floor number (`#3`, `5楼`), a relative time (`19 天前`) or a
`发表于` line (data/post_heads.txt). ThreadFilter finds posts in page text by
them; the HTML path counts them to tell a thread from an article.
"""

from __future__ import annotations

from functools import cache

import regex

from ._norm import judge_view
from .metadata import read_byline
from .patterns import first_match, load_rules

HEAD_CHARS = 60  # a post head is a short line
_SENTENCE_END = regex.compile(r"[。！？!?]")


@cache
def _rules() -> tuple:
    return load_rules("post_heads")


def head_rule(norm: str) -> str | None:
    """The post_heads rule a line's normalised view matches (floor, relative-time, posted)."""
    return first_match(_rules(), norm)


def _short_line(text: str) -> bool:
    return len(text) <= HEAD_CHARS and _SENTENCE_END.search(text) is None


def is_head_marker(text: str, norm: str) -> bool:
    """A post head by its markers alone (floor number, relative time, 发表于), bylines aside.

    `norm` is the line's judged view, already measured on a block as features["norm"].
    """
    return _short_line(text) and head_rule(norm) is not None


def is_post_head(text: str) -> bool:
    """True if one line (or DOM text unit) is a post head: a dated byline or a head marker."""
    if not _short_line(text):
        return False
    byline = read_byline(text)
    return (byline is not None and "date" in byline) or head_rule(judge_view(text)) is not None

