"""The normalised view filters judge text by: NFKC, Simplified, case-folded.

One lexicon then serves Simplified and Traditional pages alike, while the text
that is output stays as the source had it.
"""

from __future__ import annotations

import unicodedata
from functools import cache

import opencc


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def judge_view(text: str) -> str:
    """Return `text` as NFKC, Simplified and case-folded; newlines are preserved."""
    return _t2s().convert(unicodedata.normalize("NFKC", text)).casefold()
