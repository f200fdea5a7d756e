"""Cheap detection: one regex pass tells whether any repair could apply to a text.

Clean Chinese prose is made of ASCII, common Han and Chinese punctuation. Every broken
family needs something else: a rare Han or Latin-1 character (mojibake), a tone-marked
letter (pinyin), `<`, `&`, `\\` or `%` (markup and escapes), a full-width letter or an
invisible character. Texts without any of them skip repair altogether.
"""

from __future__ import annotations

import re
from functools import cache

from .._chars import class_body
from .._page import JoinedLines
from .score import CJK_PUNCT, common_han

_ASCII_OK = "".join(chr(c) for c in range(0x20, 0x7F) if chr(c) not in "<&\\%") + "\t\n\r"
FILL_RUNS = ("烫烫烫", "屯屯屯")


_SYMBOLS = "·°±×÷—–‘’“”…‰※№§"


@cache
def rare() -> re.Pattern[str]:
    """Matches any character that clean Chinese prose rarely holds (ASCII triggers included).

    Its hits decide which families run and where mojibake is looked for.
    """
    common = _ASCII_OK + "".join(common_han(18.5)) + CJK_PUNCT + _SYMBOLS
    return re.compile(f"[^{class_body(common)}]")


@cache
def rare_han() -> re.Pattern[str]:
    """`rare` without its ASCII triggers: where mojibake is looked for."""
    return re.compile(rare().pattern[:-1] + "\\x00-\\x7f]")


@cache
def suspect() -> re.Pattern[str]:
    """Matches characters costing more than 15 bits: mojibake is mostly made of them.

    Measured on the dev-set gold lines: clean lines hold at most ~16% of them (99th
    percentile), lines turned into mojibake at least ~50% (1st percentile).
    """
    common = _ASCII_OK + "".join(common_han(15.0)) + CJK_PUNCT + _SYMBOLS
    return re.compile(f"[^{class_body(common)}]")


def needs_repair(text: str) -> bool:
    """False when no repair family can apply to `text`: the fast path for clean text."""
    return (
        rare().search(text) is not None
        or "?/" in text  # a close tag whose `<` was lost
        or FILL_RUNS[0] in text
        or FILL_RUNS[1] in text
    )


def lines_needing_repair(lines: list[str]) -> set[int]:
    """Indexes of the `lines` for which `needs_repair` holds, found in one scan of them all."""
    page = JoinedLines([line.replace("\n", " ") for line in lines])  # same offsets, same answer
    found = {page.line_of(m.start()) for m in rare().finditer(page.text)}
    for needle in ("?/", *FILL_RUNS):
        at = page.text.find(needle)
        while at >= 0:
            found.add(page.line_of(at))
            at = page.text.find(needle, at + 1)
    return found
