"""Topical overlap: how much of a line's vocabulary the article core also uses.

Off-topic teasers, ads and channel headlines share few Han bigrams with the
article; in-article headings share many. Counting bigrams is cheap and needs no
segmenter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from operator import add

import regex

_NOT_HAN = regex.compile(r"\P{Han}+")


# 4096 lines keep the hits of one page's filters; 32768 grew each worker by ~250 MB (bench/run.py).
@lru_cache(maxsize=1 << 12)
def bigrams(norm: str) -> Counter[str]:
    """Han character bigrams of `norm` (runs of Han only, so punctuation breaks pairs).

    Cached: the same line is measured by several filters. Callers must not mutate it.
    """
    han = _NOT_HAN.sub("\n", norm)
    grams = Counter(map(add, han, han[1:]))  # pairs of neighbours, counted in C
    for gram in [g for g in grams if "\n" in g]:
        del grams[gram]  # a pair across a non-Han run
    return grams


def _joined_pairs(norms: list[str]) -> Iterator[str]:
    """Every Han bigram of the lines, in one pass over them joined: non-Han runs become one
    separator, so the pairs holding it are never asked for and the Han pairs are exactly
    those of the lines one by one."""
    han = _NOT_HAN.sub("\n", "\n".join(norms))
    return map(add, han, han[1:])


class Topic:
    """Bigram counts of a set of core lines, queried for the overlap of any other line.

    The counts are made on the first query (many pages never ask), by `_joined_pairs`.
    """

    def __init__(self, norms: list[str]):
        self._norms = norms
        self._counts: Counter[str] | None = None

    @property
    def counts(self) -> Counter[str]:
        if self._counts is None:
            self._counts = Counter(_joined_pairs(self._norms))
        return self._counts

    def overlap(self, norm: str, own: bool = False) -> float:
        """Share of `norm`'s bigrams seen in the core; `own` discounts the line itself."""
        grams = bigrams(norm)
        total = sum(grams.values())
        if not total:
            return 0.0
        counts = self.counts
        hits = 0
        for gram, n in grams.items():
            available = counts.get(gram, 0) - (n if own else 0)
            if available > 0:
                hits += n
        return hits / total


class Vocabulary:
    """The set of Han bigrams of some lines: membership only, half the cost of Topic's counts.

    Built on the first query, as Topic is.
    """

    def __init__(self, norms: list[str]):
        self._norms = norms
        self._grams: set[str] | None = None

    def share(self, norm: str) -> float:
        """Share of `norm`'s bigrams (with repeats) that the lines use."""
        grams = bigrams(norm)
        total = sum(grams.values())
        if not total:
            return 0.0
        if self._grams is None:
            self._grams = set(_joined_pairs(self._norms))
        return sum(n for gram, n in grams.items() if gram in self._grams) / total
