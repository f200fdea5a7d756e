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


def annotate(blocks: list[Block], norms: list[str]) -> None:
    """Store the normalised view and measured features on each block."""
    for block, norm in zip(blocks, norms, strict=True):
        block.features["norm"] = norm
        block.features.update(measure(norm))
