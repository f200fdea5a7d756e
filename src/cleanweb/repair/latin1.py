"""Families read as Latin-1/cp1252: UTF-8 (`ä¸­æ–‡` -> 中文, also double-encoded) and GBK (`ÖÐÎÄ` -> 中文)."""

from __future__ import annotations

import re
from functools import cache

from .recode import GBK_RUN, UTF8_RUN, Family


@cache
def _byte_of() -> dict[str, int]:
    """Character -> byte for text decoded as Latin-1 or as cp1252 (C1 controls kept as bytes)."""
    table = {chr(b): b for b in range(256)}
    for b in range(0x80, 0xA0):
        try:
            table[bytes([b]).decode("cp1252")] = b
        except UnicodeDecodeError:
            pass  # the five bytes cp1252 leaves undefined stay as their C1 control
    return table


def to_bytes(ch: str) -> bytes | None:
    """The byte a Latin-1/cp1252 decoder turned into `ch`, or None."""
    b = _byte_of().get(ch)
    return None if b is None else bytes([b])


# Runs of characters a Latin-1/cp1252 decoder makes from bytes >= 0x80.
_L = (
    "[\x80-\xff\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201a\u201c-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)
# Characters a Latin-1/cp1252 decoder makes of bytes >= 0x80 (the family's trigger).
ALPHABET = frozenset(ch for ch in map(chr, range(0x80, 0x2200)) if re.fullmatch(_L, ch))
# A GBK trail byte may be ASCII (0x40-0x7e), so one ASCII character may sit inside a span.
SPAN = re.compile(f"{_L}(?:[\x40-\x7e]?{_L})+")

FAMILIES = (
    Family("latin1_utf8", SPAN, to_bytes, UTF8_RUN, "utf-8", repeat=True),
    Family("latin1_gbk", SPAN, to_bytes, GBK_RUN, "gbk"),
)
