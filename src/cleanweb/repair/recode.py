"""The engine shared by the mojibake families: re-read a run's bytes in the right codec.

A family is text that was decoded with the wrong codec. For each candidate span (a
run of characters the wrong codec can produce) the span is encoded back to bytes with
the wrong codec, the byte runs that are valid in the right codec are decoded with it,
and each run is replaced only when `score.clearly_better` says the result is more
plausible Chinese. Runs are snapped to character boundaries so clean neighbours of a
broken run are never touched. Families that share a span pattern compete per span:
the one whose result costs least wins.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache

from .._chars import non_ascii
from ..document import Edit
from ._edits import Replacement, apply
from .score import char_cost, clearly_better, cost, is_han

# Byte runs that decode in the right codec (multibyte sequences only: ASCII maps to itself).
UTF8_RUN = re.compile(
    rb"(?:[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3})+"
    rb"(?:[\xc2-\xdf]|[\xe0-\xef][\x80-\xbf]?)?"  # a final character cut short by the decoder
)
GBK_RUN = re.compile(rb"(?:[\x81-\xfe][\x40-\x7e\x80-\xfe])+")
BIG5_RUN = re.compile(rb"(?:[\x81-\xfe][\x40-\x7e\xa1-\xfe])+")

_KEEP = 0.8  # share of its gain a swap stretch keeps when widened over look-alike characters
_GOOD = 10.5  # bits a character of repaired text that ends the search for a better family
_WIDEN = 16  # characters looked at each side of a trigger character
_MIN_SUSPECTS = 3  # suspect characters a cluster needs (unless its span is short)
_SHORT = 4  # spans with this few non-ASCII characters are always tried: a lone broken word between ASCII
_GAP = 3  # suspect characters this close form one cluster
_EDGE = 8  # characters a cluster is widened by each side, so a run's common-looking ends are decoded too


@dataclass(frozen=True)
class Family:
    """Text decoded with a wrong codec: how to find its spans and get its bytes back."""

    name: str
    span: re.Pattern[str]  # candidate spans of wrongly decoded characters
    to_bytes: Callable[[str], bytes | None]  # one character back to the wrong codec's bytes
    runs: re.Pattern[bytes]  # byte runs valid in the right codec
    right: str  # the codec the bytes really were in
    min_chars: int = 1  # shortest decoded run accepted
    repeat: bool = False  # decode again while it keeps decoding (double encoding)
    min_rare: float = 0.4  # share of a cluster's characters that must be suspect to try it
    aligned: bool = False  # both codecs double-byte: character i stays character i


def _decode(fam: Family, data: bytes) -> str | None:
    """`data` in the right codec; a cut-short last character becomes one U+FFFD."""
    try:
        return data.decode(fam.right)
    except UnicodeDecodeError as err:
        if err.start == 0 or err.reason != "unexpected end of data":
            return None
        return data[: err.start].decode(fam.right) + "\ufffd"


def _redecode(fam: Family, text: str) -> str | None:
    """`text` encoded back with the wrong codec and decoded with the right one, strictly."""
    parts = [fam.to_bytes(ch) for ch in text]
    if any(p is None for p in parts):
        return None
    try:
        return b"".join(parts).decode(fam.right)  # type: ignore[arg-type]
    except UnicodeDecodeError:
        return None


def _fix_piece(fam: Family, span: str, parts: list, lo: int, hi: int) -> Iterator[Replacement]:
    """Replacements for span[lo:hi], whose characters' wrong-codec bytes are `parts`."""
    data = b"".join(parts[lo:hi])
    bounds = {0: lo}  # byte offset -> character index in the span
    off = 0
    for i in range(lo, hi):
        off += len(parts[i])
        bounds[off] = i + 1
    for m in fam.runs.finditer(data):
        # Snap outwards to character boundaries: bytes of a character the run only
        # partly covers belong to a character already lost, marked by one U+FFFD.
        bs, be = m.start(), m.end()
        while bs not in bounds:
            bs -= 1
        while be not in bounds:
            be += 1
        after = _decode(fam, data[m.start() : m.end()])
        if after is None or len(after) < fam.min_chars:
            continue
        if be > m.end():  # the last character also took ASCII bytes (a trail 0x40-0x7e)
            tail = data[m.end() : be]
            after += tail.decode("ascii") if tail.isascii() and not after.endswith("\ufffd") else "\ufffd"
            after = after.replace("\ufffd\ufffd", "\ufffd")
        if bs < m.start():
            after = "\ufffd" + after
        before = span[bounds[bs] : bounds[be]]
        name = fam.name
        if fam.repeat:  # double encoding: keep decoding while the bytes still decode
            again = _redecode(fam, after)
            while again is not None and again != after:
                after, name = again, "double_utf8"
                again = _redecode(fam, after)
        if clearly_better(before, after):
            yield bounds[bs], bounds[be], after, name


@cache
def _swap(to_bytes: Callable[[str], bytes | None], right: str, ch: str) -> str | None:
    """One double-byte character re-read in the right codec, or None."""
    data = to_bytes(ch)
    if data is None or len(data) != 2:
        return None
    try:
        return data.decode(right)
    except UnicodeDecodeError:
        return None


def _fix_aligned(fam: Family, span: str) -> list[Replacement]:
    """For double-byte swaps: the contiguous stretch whose per-character gain is largest.

    Each character is re-read on its own (2 bytes stay 2 bytes), so clean neighbours
    are left out by a maximum-gain segment search rather than by byte validity.
    """
    best_gain, best = 0.0, None
    gain, start = 0.0, 0
    afters: list[str] = []
    gains: list[float | None] = []  # per character; None where it cannot be re-read
    for i, ch in enumerate(span):
        if ch < "\x80":  # ASCII reads the same in both codecs: neutral, keeps the stretch going
            afters.append(ch)
            gains.append(0.0)
            continue
        after = _swap(fam.to_bytes, fam.right, ch)
        afters.append(after or ch)
        if after is None or len(after) != 1:
            gains.append(None)
            gain, start = 0.0, i + 1
            continue
        if gain <= 0:
            gain, start = 0.0, i
        gains.append(char_cost(ch) - char_cost(after))
        gain += gains[-1]
        if gain > best_gain:
            best_gain, best = gain, (start, i + 1)
    if best is None:
        return []
    a, b = _extend(span, afters, gains, *best, best_gain)
    before, after = span[a:b], "".join(afters[a:b])
    if _has_word(before) or non_ascii(before) < fam.min_chars:
        return []
    wide = [i for i in range(b - a) if before[i] >= "\x80"]  # judge the characters that changed
    if not any(map(is_han, after)):
        return []
    judged = clearly_better("".join(before[i] for i in wide), "".join(after[i] for i in wide))
    return [(a, b, after, fam.name)] if judged else []


def _extend(span: str, afters: list[str], gains: list, a: int, b: int, best: float) -> tuple[int, int]:
    """Widen the max-gain stretch to the whole broken word around it.

    A broken character can look more common than the one it hides (講 read as 量); it
    is taken in as long as the stretch keeps `_KEEP` of its gain, while a clean
    neighbour (a large loss) stops the widening.
    """
    total = best
    while b < len(span) and gains[b] is not None and span[b] >= "\x80" and total + gains[b] >= _KEEP * best:
        total += gains[b]
        b += 1
    while a > 0 and gains[a - 1] is not None and span[a - 1] >= "\x80" and total + gains[a - 1] >= _KEEP * best:
        total += gains[a - 1]
        a -= 1
    return a, b


def _script(ch: str) -> str | None:
    """The script word of a non-Han letter, number or symbol (HIRAGANA, CYRILLIC, CIRCLED...)."""
    cat = unicodedata.category(ch)
    if ch < "\x80" or cat[0] not in "LNS" or "\u3400" <= ch <= "\u9fff":
        return None
    if cat[0] == "S":
        return "SYMBOL"  # ★☆○● and the like: a row of them is decoration, not mojibake
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0] or None


def _has_word(text: str) -> bool:
    """True when three characters in a row share a non-Han script: real Japanese, Russian, ①②③.

    Big5 read as GBK scatters kana, Greek and Cyrillic between Han characters one at a
    time; a real word in those scripts is a run of them.
    """
    run, last = 0, None
    for ch in text:
        sc = _script(ch)
        if sc is not None and sc in ("HIRAGANA", "KATAKANA") and last in ("HIRAGANA", "KATAKANA"):
            run += 1
        elif sc is not None and sc == last:
            run += 1
        else:
            run = 1 if sc else 0
        last = sc
        if run >= 3:
            return True
    return False


def _fix_span(fam: Family, span: str) -> list[Replacement]:
    """Accepted replacements (span offsets) for one family inside one span."""
    if fam.aligned:
        return _fix_aligned(fam, span)
    parts = [fam.to_bytes(ch) for ch in span]
    out: list[Replacement] = []
    start = 0
    while start < len(span):  # split where a character has no bytes in the wrong codec
        end = start
        while end < len(span) and parts[end] is not None:
            end += 1
        if end > start:
            out.extend(_fix_piece(fam, span, parts, start, end))
        start = end + 1
    return out


def _clusters(span: str, suspect: re.Pattern[str]) -> Iterator[tuple[int, int, float]]:
    """(start, end, share of suspect characters) of the suspect clusters of `span`.

    A cluster is a run of suspect characters at most `_GAP` apart; its piece is widened
    by `_EDGE` characters each side so that common-looking ends of a broken run are
    decoded with it. Overlapping pieces are merged.
    """
    hits = [m.start() for m in suspect.finditer(span)]
    pieces: list[list[float]] = []
    # Counted once, not per cluster: inside the loop it made long lines quadratic.
    wide = non_ascii(span) if hits else 0
    i = 0
    while i < len(hits):
        j = i
        while j + 1 < len(hits) and hits[j + 1] - hits[j] <= _GAP:
            j += 1
        count = j - i + 1
        share = count / (hits[j] - hits[i] + 1)
        if count < _MIN_SUSPECTS and wide > _SHORT:  # a rare name in clean text, not mojibake
            i = j + 1
            continue
        a, b = max(0, hits[i] - _EDGE), min(len(span), hits[j] + 1 + _EDGE)
        if pieces and a <= pieces[-1][1]:
            pieces[-1][1], pieces[-1][2] = b, max(pieces[-1][2], share)
        else:
            pieces.append([a, b, share])
        i = j + 1
    for a, b, share in pieces:
        yield int(a), int(b), share


def _best(families: tuple[Family, ...], span: str, suspect: re.Pattern[str]) -> list[Replacement]:
    """Per suspect cluster, the replacements of the family that leaves it cheapest."""
    out: list[Replacement] = []
    for a, b, share in _clusters(span, suspect):
        piece = span[a:b]
        best: list[Replacement] = []
        best_cost = None
        for fam in families:
            if share < fam.min_rare:
                continue
            repls = _fix_span(fam, piece)
            if repls:
                fixed = apply(piece, repls)[0]
                c = cost(fixed)
                if best_cost is None:
                    best_cost = cost(piece)
                if c < best_cost:
                    best, best_cost = repls, c
                if c <= _GOOD * len(fixed):
                    break  # reads as plain Chinese prose: no other family will beat it by much
        out.extend((a + cs, a + ce, after, name) for cs, ce, after, name in best)
    return out


def windows(hits: list[int], length: int) -> list[tuple[int, int]]:
    """Stretches around the trigger positions `hits`, widened each side and merged."""
    out: list[tuple[int, int]] = []
    for h in hits:
        a, b = max(0, h - _WIDEN), min(length, h + 1 + _WIDEN)
        if out and a <= out[-1][1]:
            a = out.pop()[0]
        out.append((a, b))
    return out


def recode(
    text: str, families: tuple[Family, ...], hits: list[int], suspect: re.Pattern[str]
) -> tuple[str, list[Edit]]:
    """Repair the spans of `text` that one of `families` (sharing one span pattern) explains.

    Only spans near a trigger position in `hits` are examined, and a family only where
    enough of the span's characters are `suspect` (see `Family.min_rare`).
    """
    span_re = families[0].span
    repls: list[Replacement] = []
    for a, b in windows(hits, len(text)):
        # Count against the window's non-ASCII characters, not its length, so spaces or
        # ASCII around a short broken run never change the decision (idempotence).
        wide = non_ascii(text[a:b])
        if len(suspect.findall(text, a, b)) < min(_MIN_SUSPECTS, wide):
            continue  # one rare name in clean text
        for m in span_re.finditer(text, a, b):
            for cs, ce, after, name in _best(families, m.group(), suspect):
                repls.append((m.start() + cs, m.start() + ce, after, name))
    return apply(text, repls) if repls else (text, [])
