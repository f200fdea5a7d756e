"""Block features shared by the page-text and HTML paths."""

from __future__ import annotations

import re
from functools import cache

import regex

from ._chars import class_body
from .document import Block

HAN = regex.compile(r"\p{Han}")
# Sentence punctuation counts as prose evidence; NFKC has already folded widths.
_PUNCT = regex.compile(r"[,，。!！?？;；:：、“”\"《》]")
_END_CHARS = "。!！?？…"
_END = regex.compile(f"[{_END_CHARS}]|\\.(?:\\s|$)")
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


# The same counts for many blocks at once, on their views joined by "\n", in a few
# passes over the page and none per line. Han characters (most of the text) are counted
# by removing their runs; what is left is translated to one letter a class (the other
# classes do not overlap, but for ends ∩ punct, which gets a letter of its own) and each
# class counted by deleting the other letters. The two multi-character patterns (a "."
# before a space or the end, " - ") are marked and the marks counted. None of the
# patterns matches "\n", and "$" ends a line, so the counts equal `measure`'s.
_MARK = "\x00"
# The stdlib engine deletes runs about twice as fast as `regex` here.
_NOT_FUNCTION = re.compile(_FUNCTION.pattern.replace("[", "[^\\n", 1) + "+")


@cache
def _han_run() -> re.Pattern[str]:
    """A stdlib pattern for runs of exactly the characters `regex` calls \\p{Han}."""
    han = regex.sub(r"\P{Han}+", "", "".join(map(chr, range(0x2E80, 0x40000))))
    return re.compile(f"[{class_body(han)}]+")


_MARKED = (
    ("ends", regex.compile(r"\.(?:[^\S\n]|$)", regex.MULTILINE)),
    ("seps", regex.compile(r"[^\S\n]-[^\S\n]")),
)
# Class letters and, per feature, the letters it counts.
_LETTER_FEATURES = (("punct", "PE"), ("ends", "EX"), ("seps", "S"), ("digits", "D"), ("latin", "L"))
_NOT_LETTERS = {name: regex.compile(f"[^{letters}\\n]+") for name, letters in _LETTER_FEATURES}


def _letter(char: str) -> str | None:
    """The class letter of one non-Han character (None: counted by no feature)."""
    punct, end = bool(_PUNCT.match(char)), char in _END_CHARS
    if punct or end:
        return "E" if punct and end else "P" if punct else "X"
    if _SEP.match(char):
        return "S"
    if _DIGIT.match(char):
        return "D"
    return "L" if _LATIN.match(char) else None


class _ClassTable(dict):
    """str.translate table from code point to class letter, filled as characters are first seen."""

    def __missing__(self, key: int) -> str | None:
        char = chr(key)
        letter = "\n" if char == "\n" else _letter(char)
        self[key] = letter
        return letter


_CLASSES = _ClassTable()
_KEYS = ("chars", "han", "punct", "ends", "seps", "digits", "latin", "function")


def _lengths(text: str) -> list[int]:
    return list(map(len, text.split("\n")))


def measure_many(norms: list[str]) -> list[dict[str, float]]:
    """`measure` of every view in `norms`, in a few passes over the whole page."""
    if len(norms) < 4 or any("\n" in n or _MARK in n for n in norms):
        return [measure(n) for n in norms]
    joined = "\n".join(norms)
    without_han = _han_run().sub("", joined)
    coded = without_han.translate(_CLASSES)
    cols = {
        "chars": [len("".join(n.split())) for n in norms],
        "han": [len(n) - rest for n, rest in zip(norms, _lengths(without_han), strict=True)],
        "function": _lengths(_NOT_FUNCTION.sub("", joined)),
    }
    for name, _letters in _LETTER_FEATURES:
        cols[name] = _lengths(_NOT_LETTERS[name].sub("", coded))
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
