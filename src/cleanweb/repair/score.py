"""How plausible a run of text is as Chinese: a per-character cost from a frequency table.

Costs are in bits (-log2 of the character's share in `data/char_freq.tsv`); characters
that mojibake produces (rare Han, Latin-1 letters, kana, controls) cost more than the
common Han and punctuation of real prose, so a repair is kept only when it lowers the cost.
"""

from __future__ import annotations

import math
import unicodedata
from functools import cache
from importlib import resources

# Costs (bits) for characters outside the Han table.
_ASCII = 6.0
_CJK_PUNCT = 6.0
_UNKNOWN_HAN = 22.0
_LATIN1 = 14.0
_FOREIGN_SCRIPT = 16.0
_SYMBOL = 14.0
_BAD = 30.0
_LOSS = 16.0  # a U+FFFD a repair leaves where a character was cut short

# Chinese punctuation and symbols that real prose uses all the time.
CJK_PUNCT = "，。、；：？！“”‘’（）《》〈〉【】—…·「」『』〔〕～￥％　・×"


@cache
def han_costs() -> dict[str, float]:
    """Character -> cost in bits, from the shipped frequency table."""
    text = resources.files("cleanweb").joinpath("data", "char_freq.tsv").read_text("utf-8")
    counts: dict[str, int] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            ch, count = line.split("\t")
            counts[ch] = int(count)
    total = sum(counts.values())
    return {ch: math.log2(total / n) for ch, n in counts.items()}


@cache
def common_han(max_cost: float) -> frozenset[str]:
    """Han characters frequent enough that clean prose is mostly made of them."""
    return frozenset(ch for ch, cost in han_costs().items() if cost <= max_cost)


@cache
def char_cost(ch: str) -> float:
    """Cost in bits of one character in Chinese text."""
    cost = han_costs().get(ch)
    if cost is not None:
        return cost
    o = ord(ch)
    if o < 0x80:
        return _ASCII if ch.isprintable() or ch in "\t\n\r" else _BAD
    if ch in CJK_PUNCT:
        return _CJK_PUNCT
    cat = unicodedata.category(ch)
    if ch == "\ufffd":
        return _LOSS
    if cat in ("Cc", "Co", "Cn", "Cs"):
        return _BAD
    if 0x80 < o < 0x250 or 0x2000 <= o < 0x2200:
        return _LATIN1
    if cat.startswith("L"):
        return _UNKNOWN_HAN if unicodedata.name(ch, "").startswith("CJK") else _FOREIGN_SCRIPT
    return _SYMBOL


def cost(text: str) -> float:
    """Total cost in bits of `text`."""
    return sum(char_cost(ch) for ch in text)


def has_bad(text: str) -> bool:
    """True when `text` holds controls, private-use or unassigned characters."""
    return any(char_cost(ch) >= _BAD for ch in text if ch not in "\t\n\r")


def is_cjk(ch: str) -> bool:
    """True for a Han character or Chinese punctuation (CJK symbols, full-width forms)."""
    return is_han(ch) or ch in CJK_PUNCT or "\u3000" <= ch <= "\u303f" or "\uff00" <= ch <= "\uffef"


def is_han(ch: str) -> bool:
    """True for a CJK unified ideograph (basic block, extension A or compatibility)."""
    return "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf" or "\uf900" <= ch <= "\ufaff"


def clearly_better(before: str, after: str, margin: float = 6.0, max_mean: float = 13.0) -> bool:
    """True when `after` is clearly more plausible Chinese than `before`.

    It must hold a Han character or Chinese punctuation and nothing broken, read like
    Chinese (at most `max_mean` bits a character), cost `margin` bits less in total and, when it is not shorter, at
    least 1.5 bits less per character (same-length swaps such as Big5 read as GBK
    need a per-character gain, not just a total one).
    """
    if not any(map(is_cjk, after)) or has_bad(after):
        return False
    cb, ca = cost(before), cost(after)
    if ca > cb - margin:
        return False
    if ca / len(after) > max_mean and len(after) * 2 > len(before):
        return False  # (a run that shrinks to a third, UTF-8 read as Latin-1, may be rare names)
    if len(after) >= len(before):
        return ca / len(after) <= cb / len(before) - 1.5
    return True
