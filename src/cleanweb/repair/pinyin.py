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
from functools import cache

import opencc

from ..document import Edit
from ._edits import apply, diff
from .score import char_cost

TONE_MARKS = frozenset("àáèéêìíòóùúüāēěīńňōūǎǐǒǔǘǚǜǹḿếề")
_LETTERS = "a-z" + "".join(sorted(TONE_MARKS))
_ANNOT = re.compile(rf"([^\x00-\x7f])\(([{_LETTERS}]{{1,7}})\)")
_DAMAGE = re.compile(rf"(?<=[^\x00-\x7f)])\?([{_LETTERS}]{{1,7}})\)")
_TOKEN = re.compile(rf"\?([{_LETTERS}]{{1,7}})\)|\(([{_LETTERS}]{{1,7}})\)|.", re.S)
_DAMAGE_ANY = re.compile(rf"\?([{_LETTERS}]{{1,7}})\)")
_STRAY_Q = re.compile(r"(?<=[^\x00-\x7f)])\?(?![" + _LETTERS + r"]{1,7}\))")
_LOST = 16.0  # cost of a character written as U+FFFD because its bytes are gone
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
        extra = -1.0 if _traditional_only(ch) else 0.0  # the gate saw a Traditional page
    except UnicodeEncodeError:
        extra = _UNPREFERRED
    return char_cost(ch) + extra


def prepare() -> None:
    """Build the reading and GBK key tables now instead of at the first damaged page."""
    _syllables()
    _keys()


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


UNKNOWN = -1  # the lead byte behind a `?py)`: its key with the byte before reads `py`
WILD = -2  # a byte lost for good (a bare `?` next to damage stands for two of them)
_NEAR = 12  # a bare `?` this close to a `?py)` belongs to the same damage


def _stream(piece: str) -> tuple[list[int], dict[int, str]]:
    """The GBK bytes of `piece` with insertions removed, and {key end position: syllable}.

    A byte is a value, UNKNOWN or WILD. Insertions after an intact key that reads
    their syllable are dropped; after a key with an unknown byte they become constraints.
    """
    syl = _syllables()
    keys = _keys()
    damage = [m.end() for m in _DAMAGE_ANY.finditer(piece) if m.group(1) in syl]
    data: list[int] = []
    need: dict[int, str] = {}
    for m in _TOKEN.finditer(piece):
        dmg, ann = m.group(1), m.group(2)
        if dmg and dmg in syl:
            data.append(UNKNOWN)
            need[len(data) - 1] = dmg
            continue
        if ann and ann in syl and len(data) >= 2:
            a, b = data[-2], data[-1]
            if a < 0 or b < 0:
                need[len(data) - 1] = ann
                continue
            if (a, b) in keys.get(ann, ()):
                continue  # an insertion after an intact key: drop it
        if m.group() == "?" and any(-_NEAR <= m.start() - d <= _NEAR for d in damage):
            data += (WILD, WILD)  # a lead byte that swallowed the byte after it
            damage.append(m.end())  # a run of them is one damaged stretch
            continue
        data.extend(m.group().encode("gbk"))
    return data, need


def _solve(data: list[int], need: dict[int, str]) -> tuple[str, int] | None:
    """Cheapest reading of the stream: every constraint holds and it parses as GBK.

    Returns the text and the number of characters lost (written as U+FFFD); None if
    no reading exists.
    """
    keys = _keys()
    n = len(data)

    def options(pos: int, prev: int | None) -> list[int]:
        v = data[pos]
        if v >= 0:
            return [v]
        py = need.get(pos)
        if py:  # the key ending here reads `py`: the byte is whatever completes such a key
            cands = {t for (ld, t) in keys.get(py, ()) if prev is None or ld == prev}
        elif v == WILD and pos + 1 < n and need.get(pos + 1):  # the lead of a key read next
            nxt = data[pos + 1]
            cands = {ld for (ld, t) in keys.get(need[pos + 1], ()) if nxt < 0 or t == nxt}
        elif v == WILD:
            return [WILD]
        else:
            cands = set(range(0x80, 0x100))
        return sorted(c for c in cands if c >= 0x80)  # 0x80 and 0xFF are never leads either

    def ok(pos: int, prev: int | None, v: int) -> bool:
        py = need.get(pos)  # a lost byte before (prev None) cannot be checked
        return py is None or prev is None or (prev, v) in keys.get(py, ())

    # frontier[pos][prev byte] = (cost, characters lost); back[(pos, prev)] = how it was reached
    frontier: dict[int, dict] = defaultdict(dict)
    back: dict[tuple[int, int | None], tuple[int, int | None, str]] = {}
    frontier[0][None] = (0.0, 0)

    def push(frm: tuple[int, int | None], to: int, key: int | None, cost: float, lost: int, ch: str) -> None:
        states = frontier[to]
        if key not in states or cost < states[key][0]:
            states[key] = (cost, lost)
            back[(to, key)] = (*frm, ch)

    for pos in range(n + 1):
        states = frontier.pop(pos, {})
        if pos == n:
            if not states:
                return None
            key = min(states, key=lambda k: states[k][0])
            return _trace(back, n, key), states[key][1]
        for prev, (cost, lost) in states.items():
            here = (pos, prev)
            for v in options(pos, prev):
                if v == WILD:
                    push(here, pos + 1, None, cost + _LOST, lost + 1, "\ufffd")
                    if pos + 1 < n and (data[pos + 1] == WILD or _is_trail(data[pos + 1])):
                        extra = _LOST + (0.5 if data[pos + 1] >= 0 else 0.0)  # keep known bytes
                        push(here, pos + 2, None, cost + extra, lost + 1, "\ufffd")
                    continue
                if not ok(pos, prev, v):
                    continue
                if v < 0x80:
                    push(here, pos + 1, v, cost, lost, chr(v))
                    continue
                if pos + 1 >= n or v > 0xFE or v == 0x80:
                    continue
                for w in options(pos + 1, v):
                    if w == WILD:
                        push(here, pos + 2, None, cost + _LOST, lost + 1, "\ufffd")
                        continue
                    if not ok(pos + 1, v, w):
                        continue
                    try:
                        ch = bytes((v, w)).decode("gbk")
                    except UnicodeDecodeError:
                        continue
                    # every character is scored, so a misaligned parse of known bytes
                    # (rare characters) loses to the aligned one (common characters)
                    extra = _solved_cost(ch) if data[pos] < 0 or data[pos + 1] < 0 else char_cost(ch)
                    push(here, pos + 2, w, cost + extra, lost, ch)
    return None


def _trace(back: dict, pos: int, key: int | None) -> str:
    """The characters along the back pointers from (pos, key) to the start."""
    chars: list[str] = []
    while pos > 0:
        pos, key, ch = back[(pos, key)]
        chars.append(ch)
    return "".join(reversed(chars))


def _is_trail(b: int) -> bool:
    return 0x40 <= b <= 0xFE and b != 0x7F


def _repair_piece(piece: str) -> tuple[str, int]:
    """`piece` (GBK-encodable text) repaired, and the number of characters lost or unsolved."""
    data, need = _stream(piece)
    if all(v >= 0 for v in data):
        return bytes(data).decode("gbk"), 0
    solved = _solve(data, need)
    if solved is None:
        return _strip_only(piece), sum(v == UNKNOWN for v in data)
    return solved


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
    repls: list[tuple[int, int, str, str]] = []
    unsolved = 0
    for start, _, piece in _gbk_pieces(text):
        if ")" not in piece:
            continue
        fixed, bad = _repair_piece(piece)
        unsolved += bad
        repls += [(start + a, start + b, after, fam) for a, b, after, fam in diff(piece, fixed, "pinyin")]
    fixed_text, edits = apply(text, repls)
    return fixed_text, edits, unsolved + len(_STRAY_Q.findall(fixed_text))


def _gbk_pieces(text: str):
    """(start, end, text) of the lines of `text`, cut where GBK cannot encode a character."""
    start = 0
    for i, ch in enumerate(text):
        try:
            bad = ch == "\n" or not ch.encode("gbk")
        except UnicodeEncodeError:
            bad = True
        if bad:
            if i > start:
                yield start, i, text[start:i]
            start = i + 1
    if start < len(text):
        yield start, len(text), text[start:]


# Longest changed span aligned with SequenceMatcher (quadratic or worse on long lines of
# repeated annotations: seconds for 3,000 characters); longer ones become one replacement.
_DIFF_LIMIT = 400
