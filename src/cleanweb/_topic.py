"""Topical overlap: how much of a line's vocabulary the article core also uses.

Off-topic teasers, ads and channel headlines share few Han bigrams with the
article; in-article headings share many. Counting bigrams is cheap and needs no
segmenter.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from operator import add

import regex

_HAN_RUN = regex.compile(r"\p{Han}+")


# 4096 lines keep the hits of one page's filters; 32768 grew each worker by ~250 MB (bench/run.py).
@lru_cache(maxsize=1 << 12)
def bigrams(norm: str) -> Counter[str]:
    """Han character bigrams of `norm` (runs of Han only, so punctuation breaks pairs).

    Cached: the same line is measured by several filters. Callers must not mutate it.
    """
    grams: Counter[str] = Counter()
    for run in _HAN_RUN.findall(norm):
        grams.update(map(add, run, run[1:]))  # pairs of neighbours, built in C
    return grams


class Topic:
    """Bigram counts of a set of core lines, queried for the overlap of any other line."""

    def __init__(self, norms: list[str]):
        self.counts: Counter[str] = Counter()
        for norm in norms:
            self.counts.update(bigrams(norm))

    def overlap(self, norm: str, own: bool = False) -> float:
        """Share of `norm`'s bigrams seen in the core; `own` discounts the line itself."""
        grams = bigrams(norm)
        total = sum(grams.values())
        if not total:
            return 0.0
        hits = 0
        for gram, n in grams.items():
            available = self.counts.get(gram, 0) - (n if own else 0)
            if available > 0:
                hits += n
        return hits / total
