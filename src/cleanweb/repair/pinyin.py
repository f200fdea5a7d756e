"""Pinyin glued after characters, and the bytes it broke (`不少?lài)?guó)家` -> 不少國家).

How such pages are made: Traditional text is encoded as GBK, then `(pinyin)` is inserted
after characters by a byte-level find-and-replace over a table of 2-byte keys. A key may
match across a character boundary (the trail byte of one character and the lead byte
of the next), which leaves a lead byte followed by `(`; a GBK->UTF-8 converter then
writes `?` for it and swallows the `(`. So `?py)` is an unknown byte whose key, with the
byte before it, reads `py`.

Repair, only on pages that show the pattern (`gated`): rebuild the GBK byte stream with
the insertions taken out and each `?` as an unknown byte, then choose the unknown bytes
(a dynamic programme over the stream) so that every insertion's key reads its syllable
and the stream is valid GBK, preferring common characters whose Simplified form is in
GB2312. A `?` that is not followed by a syllable cannot be solved: it is left as it is
and counted as damage.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from difflib import SequenceMatcher
from functools import cache

import opencc

from ..document import Edit
from ._edits import apply
from .score import char_cost

TONE_MARKS = frozenset("àáèéêìíòóùúüāēěīńňōūǎǐǒǔǘǚǜǹḿếề")
_LETTERS = "a-z" + "".join(sorted(TONE_MARKS))
_ANNOT = re.compile(rf"([^\x00-\x7f])\(([{_LETTERS}]{{1,7}})\)")
_DAMAGE = re.compile(rf"(?<=[^\x00-\x7f)])\?([{_LETTERS}]{{1,7}})\)")
_TOKEN = re.compile(rf"\?([{_LETTERS}]{{1,7}})\)|\(([{_LETTERS}]{{1,7}})\)|.", re.S)
_STRAY_Q = re.compile(r"(?<=[^\x00-\x7f)])\?(?![" + _LETTERS + r"]{1,7}\))")
_UNPREFERRED = 8.0  # bits added for a solved character whose Simplified form is not in GB2312


@cache
def _readings() -> dict[str, frozenset[str]]:
    from pypinyin.pinyin_dict import pinyin_dict

    return {chr(cp): frozenset(v.split(",")) for cp, v in pinyin_dict.items()}


def readings(ch: str) -> frozenset[str]:
    """Tone-marked pinyin readings of one character (empty if none is known)."""
    return _readings().get(ch, frozenset())


@cache
def _syllables() -> frozenset[str]:
    return frozenset(s for rs in _readings().values() for s in rs)


@cache
def _keys() -> dict[str, frozenset[tuple[int, int]]]:
    """Syllable -> the 2-byte GBK codes of characters with that reading."""
    table: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for lead in range(0x81, 0xFF):
        for trail in range(0x40, 0xFF):
            if trail == 0x7F:
                continue
            try:
                ch = bytes((lead, trail)).decode("gbk")
            except UnicodeDecodeError:
                continue
            for py in readings(ch):
                table[py].add((lead, trail))
    return {py: frozenset(v) for py, v in table.items()}


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _traditional_only(ch: str) -> bool:
    return _t2s().convert(ch) != ch


@cache
def _solved_cost(ch: str) -> float:
    """Cost of a character chosen for unknown bytes: rarer, or not GB2312 once Simplified, costs more."""
    try:
        _t2s().convert(ch).encode("gb2312")
        extra = 0.0
    except UnicodeEncodeError:
        extra = _UNPREFERRED
    return char_cost(ch) + extra


def gated(text: str) -> bool:
    """True when `text` shows the annotation pattern: any `?py)`, or >= 2 `X(py)` mostly on Traditional-only X."""
    if "(" not in text and ")" not in text:
        return False
    text = unicodedata.normalize("NFC", text)
    if not _DAMAGE.search(text) and not _ANNOT.search(text):
        return False
    syl = _syllables()
    if any(m.group(1) in syl for m in _DAMAGE.finditer(text)):
        return True
    hits = [m.group(1) for m in _ANNOT.finditer(text) if m.group(2) in readings(m.group(1))]
    if len(hits) < 2:
        return False
    return sum(map(_traditional_only, hits)) >= 0.9 * len(hits)


def _stream(piece: str):
    """Bytes (None for unknown), constraints {end position: syllable} and removed-annotation count."""
    syl = _syllables()
    keys = _keys()
    data: list[int | None] = []
    need: dict[int, str] = {}
    for m in _TOKEN.finditer(piece):
        dmg, ann = m.group(1), m.group(2)
        if dmg and dmg in syl:
            data.append(None)
            need[len(data) - 1] = dmg
            continue
        if ann and ann in syl and len(data) >= 2:
            a, b = data[-2], data[-1]
            if a is None or b is None:
                need[len(data) - 1] = ann
                continue
            if (a, b) in keys.get(ann, ()):
                continue  # an insertion after an intact key: drop it
        data.extend(m.group().encode("gbk"))
    return data, need


def _solve(data: list[int | None], need: dict[int, str]) -> list[int] | None:
    """Fill the unknown bytes so every constraint holds and the stream is valid GBK (cheapest)."""
    keys = _keys()
    n = len(data)

    def options(pos: int, prev: int | None) -> list[int]:
        v = data[pos]
        if v is not None:
            return [v]
        py = need.get(pos)
        pairs = keys.get(py, ()) if py else ()
        cands = {t for (ld, t) in pairs if prev is None or ld == prev} if py else range(0x81, 0xFF)
        return sorted(c for c in cands if 0x81 <= c <= 0xFE)

    def ok(pos: int, prev: int | None, v: int) -> bool:
        py = need.get(pos)
        return py is None or (prev is not None and (prev, v) in keys.get(py, ()))

    # frontier[pos][prev] = (cost, filled bytes so far)
    frontier: dict[int, dict[int | None, tuple[float, tuple[int, ...]]]] = defaultdict(dict)
    frontier[0][None] = (0.0, ())
    for pos in range(n + 1):
        states = frontier.pop(pos, {})
        if pos == n:
            return list(min(states.values())[1]) if states else None
        for prev, (cost, out) in states.items():
            for v in options(pos, prev):
                if not ok(pos, prev, v):
                    continue
                if v < 0x80:
                    _push(frontier[pos + 1], v, cost, out + (v,))
                    continue
                if pos + 1 >= n or v > 0xFE or v == 0x80:
                    continue
                for w in options(pos + 1, v):
                    if not ok(pos + 1, v, w):
                        continue
                    try:
                        ch = bytes((v, w)).decode("gbk")
                    except UnicodeDecodeError:
                        continue
                    extra = _solved_cost(ch) if data[pos] is None or data[pos + 1] is None else 0.0
                    _push(frontier[pos + 2], w, cost + extra, out + (v, w))
    return None


def _push(states: dict, key: int, cost: float, out: tuple[int, ...]) -> None:
    if key not in states or cost < states[key][0]:
        states[key] = (cost, out)


def _repair_piece(piece: str) -> tuple[str, int]:
    """`piece` (GBK-encodable text) repaired, and the number of `?py)` left unsolved."""
    data, need = _stream(piece)
    unknown = sum(v is None for v in data)
    if unknown:
        filled = _solve(data, need)
        if filled is None:
            return _strip_only(piece), unknown
        return bytes(filled).decode("gbk"), 0
    return bytes(data).decode("gbk"), 0  # type: ignore[arg-type]


def _strip_only(piece: str) -> str:
    """Remove intact `X(py)` insertions and leave any damage as it is."""
    return _ANNOT.sub(lambda m: m.group(1) if m.group(2) in readings(m.group(1)) else m.group(), piece)


_NOT_GBK = re.compile(r"[^\x00-\x7f\u00a4-\uffe5]")


def repair_pinyin(text: str, gate: bool | None = None) -> tuple[str, list[Edit], int]:
    """Strip pinyin insertions and solve the bytes they broke; return text, edits, damage count.

    `gate` overrides the page-level decision (a pipeline decides once per document).
    """
    if gate is None:
        gate = gated(text)
    if not gate or ")" not in text:
        return text, [], 0
    text_nfc = unicodedata.normalize("NFC", text)
    if text_nfc != text:
        return text, [], 0  # decomposed tone marks: not the shape this repair knows
    out: list[str] = []
    unsolved = 0
    last = 0
    for piece in _gbk_pieces(text):
        a, b, s = piece
        out.append(text[last:a])
        fixed, bad = _repair_piece(s)
        unsolved += bad
        out.append(fixed)
        last = b
    out.append(text[last:])
    fixed_text = "".join(out)
    damage = unsolved + len(_STRAY_Q.findall(fixed_text))
    return (*_diff(text, fixed_text), damage)


def _gbk_pieces(text: str):
    """(start, end, text) of the runs of `text` that GBK can encode."""
    start = 0
    for i, ch in enumerate(text):
        try:
            ch.encode("gbk")
        except UnicodeEncodeError:
            if i > start:
                yield start, i, text[start:i]
            start = i + 1
    if start < len(text):
        yield start, len(text), text[start:]


def _diff(before: str, after: str) -> tuple[str, list[Edit]]:
    """Edits (family "pinyin") that turn `before` into `after`."""
    if before == after:
        return before, []
    sm = SequenceMatcher(None, before, after, autojunk=False)
    repls = [(i1, i2, after[j1:j2], "pinyin") for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal"]
    return apply(before, repls)
