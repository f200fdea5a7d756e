"""Block features shared by the page-text and HTML paths."""

from __future__ import annotations

import regex

from .document import Block

HAN = regex.compile(r"\p{Han}")
# Sentence punctuation counts as prose evidence; NFKC has already folded widths.
_PUNCT = regex.compile(r"[,，。!！?？;；:：、“”\"《》]")
_END = regex.compile(r"[。!！?？…]|\.(?:\s|$)")
_SEP = regex.compile(r"[|｜>›»•·■□▪◆◇●○★☆/\\]|\s-\s")
_DIGIT = regex.compile(r"\d")
_LATIN = regex.compile(r"[A-Za-z]")
# Function characters that are frequent in running Chinese prose and rare in menus.
_FUNCTION = regex.compile(r"[的了是在和也就都而及与着或等为这那有不我他她它们个中对以将被把从到说要会可]")


def measure(norm: str) -> dict[str, float]:
    """Count what the filters weigh on one block's normalised text."""
    chars = len("".join(norm.split()))
    han = len(HAN.findall(norm))
    return {
        "chars": chars,
        "han": han,
        "punct": len(_PUNCT.findall(norm)),
        "ends": len(_END.findall(norm)),
        "seps": len(_SEP.findall(norm)),
        "digits": len(_DIGIT.findall(norm)),
        "latin": len(_LATIN.findall(norm)),
        "function": len(_FUNCTION.findall(norm)),
    }


# The same counts for many blocks at once, on their views joined by "\n". A class of
# single characters is counted by deleting every run of other characters in one pass
# over the page and measuring what is left of each line; the two multi-character
# patterns (a "." before a space or the end, " - ") are marked and the marks counted.
# None of them matches "\n", and "$" ends a line, so the counts equal `measure`'s.
_MARK = "\x00"
_KEEP_ONLY = (
    ("han", regex.compile(r"[^\p{Han}\n]+")),
    ("punct", regex.compile(r"[^,，。!！?？;；:：、“”\"《》\n]+")),
    ("ends", regex.compile(r"[^。!！?？…\n]+")),
    ("seps", regex.compile(r"[^|｜>›»•·■□▪◆◇●○★☆/\\\n]+")),
    ("digits", regex.compile(r"[^\d\n]+")),
    ("latin", regex.compile(r"[^A-Za-z\n]+")),
    ("function", regex.compile(r"[^的了是在和也就都而及与着或等为这那有不我他她它们个中对以将被把从到说要会可\n]+")),
)
_MARKED = (
    ("ends", regex.compile(r"\.(?:[^\S\n]|$)", regex.MULTILINE)),
    ("seps", regex.compile(r"[^\S\n]-[^\S\n]")),
)


_KEYS = ("chars", "han", "punct", "ends", "seps", "digits", "latin", "function")


def measure_many(norms: list[str]) -> list[dict[str, float]]:
    """`measure` of every view in `norms`, in a few passes over the whole page."""
    if len(norms) < 4 or any("\n" in n or _MARK in n for n in norms):
        return [measure(n) for n in norms]
    joined = "\n".join(norms)
    cols = {"chars": [len("".join(n.split())) for n in norms]}
    for name, others in _KEEP_ONLY:
        cols[name] = list(map(len, others.sub("", joined).split("\n")))
    for name, pattern in _MARKED:
        if pattern.search(joined) is not None:
            marks = pattern.sub(_MARK, joined).split("\n")
            cols[name] = [n + line.count(_MARK) for n, line in zip(cols[name], marks, strict=True)]
    return [dict(zip(_KEYS, row, strict=True)) for row in zip(*(cols[k] for k in _KEYS), strict=True)]


def annotate(blocks: list[Block], norms: list[str]) -> None:
    """Store the normalised view and measured features on each block."""
    for block, norm, feat in zip(blocks, norms, measure_many(norms), strict=True):
        block.features["norm"] = norm
        block.features.update(feat)
