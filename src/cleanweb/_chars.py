"""Small character helpers shared by the passes over text: regex class bodies, non-ASCII counts."""

from __future__ import annotations

import re


def class_body(chars: str) -> str:
    """A regex character class body matching exactly `chars`, as compact ranges."""
    cps = sorted(set(map(ord, chars)))
    parts = []
    i = 0
    while i < len(cps):
        j = i
        while j + 1 < len(cps) and cps[j + 1] == cps[j] + 1:
            j += 1
        lo, hi = cps[i], cps[j]
        parts.append(re.escape(chr(lo)) if lo == hi else f"{re.escape(chr(lo))}-{re.escape(chr(hi))}")
        i = j + 1
    return "".join(parts)


def non_ascii(text: str) -> int:
    """How many characters of `text` are not ASCII (counted in C)."""
    return len(text) - len(text.encode("ascii", "ignore"))
