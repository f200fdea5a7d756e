"""Bytes to text: BOM, NUL patterns, declared charset, then plausibility of Chinese candidates.

Pages lie about their charset and charset detectors guess poorly on short Chinese
text, so a declared charset is one candidate among UTF-8, GB18030, Big5-HKSCS and
(for files that mix them) a region-by-region decoding; each candidate is scored by
how much of it is common Chinese text (`plausibility`), near ties go to the more
frequent characters, and charset-normalizer is asked only when none is plausible.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cache

import opencc
import regex

from ._chars import non_ascii
from .errors import BinaryInputError, InputError
from .guard import check_bytes
from .repair.score import char_cost

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = regex.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([\w.:\-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:\-]+)""",
    regex.IGNORECASE,
)
# How far into the page a charset declaration is looked for.
_DECLARED_WINDOW = 16384
# Labels (lower case) mapped to the codec that decodes a superset of what they name.
_WIDEN = {
    **dict.fromkeys(
        ("gb2312", "gbk", "x-gbk", "cp936", "windows-936", "euc-cn", "x-euc-cn", "csgb2312",
         "gb_2312-80", "gb_2312", "chinese", "iso-ir-58", "gb18030"),
        "gb18030",
    ),
    **dict.fromkeys(
        ("big5", "big5-hkscs", "big5hkscs", "cn-big5", "csbig5", "x-x-big5", "cp950"), "big5hkscs"
    ),
    # As browsers do (WHATWG Encoding): these labels all mean windows-1252.
    **dict.fromkeys(
        ("iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "us-ascii", "ascii", "cp1252",
         "windows-1252", "x-cp1252", "cp819", "ibm819"),
        "cp1252",
    ),
}
# Labels a byte-oriented page can not really be in; a meta tag saying so is ignored.
_IGNORED_LABELS = {"utf-16", "utf-16le", "utf-16be", "unicode", "ucs-2", "utf-32"}

# Candidates below this plausibility send the input to charset-normalizer.
_PLAUSIBLE = 0.5
# A declared GB/Big5 charset that decodes strictly to text this plausible is taken as is.
_TRUSTED = 0.85
# UTF-8 validity over this many non-ASCII characters is taken as proof of UTF-8.
_UTF8_PROOF = 8
# Candidates this close in plausibility are told apart by character frequency,
# measured on at most _TIE_SAMPLE non-ASCII characters.
_TIE = 0.02
_TIE_SAMPLE = 2000
# Bits per character GB18030 is favoured by in a tie: mainland GBK pages far outnumber Big5.
_GB_PRIOR = 1.0
# Plausibility is measured on the non-ASCII characters among the first _SAMPLE
# characters of a candidate, at most _SAMPLE_NON_ASCII of them.
_SAMPLE_NON_ASCII = 4096
_SAMPLE = 65536


@dataclass(frozen=True)
class _Candidate:
    text: str
    encoding: str
    method: str
    score: float


def widen(label: str) -> str:
    """Map a charset label to the codec that decodes a superset of it (GBK -> GB18030)."""
    key = label.strip().lower()
    if key in _WIDEN:
        return _WIDEN[key]
    name = codecs.lookup(key).name
    return _WIDEN.get(name, name)


def decode_with_info(data: bytes) -> tuple[str, dict[str, object]]:
    """Decode `data`; return the text and {encoding, confidence, method} (plus `declared`).

    `method` says what decided: "bom", "nul-pattern" (UTF-16/32 without a BOM),
    "declared" (the page's meta/XML charset, checked), "utf-8" (valid UTF-8),
    "plausibility" (the most Chinese-looking of the candidate decodings), "regions"
    (a file mixing encodings, decoded region by region; encoding "utf-8+gb18030"),
    "detected" (charset-normalizer), "ascii" or "empty". `confidence` is the
    plausibility of the result (0-1). Binary input raises BinaryInputError.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise InputError(f"decode expects bytes, got {type(data).__name__}")
    data = bytes(data)
    if not data:
        return "", _info("utf-8", 1.0, "empty")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return _decode_bom(data[len(bom) :], enc)
    wide = _wide_without_bom(data)
    if wide is not None:
        return wide.text, _info(wide.encoding, wide.score, wide.method)
    check_bytes(data, max_size=None)  # binary signatures and control bytes: the guard's policy
    if b"\x00" in data:
        raise BinaryInputError("input is binary: it has NUL bytes and does not decode as UTF-16/32 text")
    declared = _declared(data)
    info_extra = {"declared": declared} if declared else {}
    if data.isascii():
        text = data.decode("ascii")
        seven_bit = _strict(data, declared) if declared else None  # ISO-2022-JP, HZ, UTF-7
        if seven_bit is not None and seven_bit != text:
            return seven_bit, _info(declared, 1.0, "declared") | info_extra
        enc = declared if declared and _ascii_compatible(declared) else "ascii"
        return text, _info(enc, 1.0, "ascii") | info_extra
    best = _best_candidate(data, declared)
    return best.text, _info(best.encoding, best.score, best.method) | info_extra


def decode(data: bytes) -> str:
    """Decode raw page bytes to text (see `decode_with_info` for the detected encoding)."""
    return decode_with_info(data)[0]


def _info(encoding: str, confidence: float, method: str) -> dict[str, object]:
    return {
        "encoding": encoding,
        "confidence": round(max(0.0, min(1.0, confidence)), 3),
        "method": method,
    }


def _decode_bom(body: bytes, encoding: str) -> tuple[str, dict[str, object]]:
    """Decode the bytes after a BOM; damaged tails become U+FFFD and lower the confidence."""
    text = body.decode(encoding, errors="replace")
    lost = text.count("\ufffd")
    confidence = 1.0 if not lost else max(0.0, 1.0 - lost / max(1, len(text)))
    return text, _info(encoding, confidence, "bom")


def wide_encoding(data: bytes) -> str | None:
    """"utf-32-le/be" or "utf-16-le/be" if BOM-less `data` is UTF-32/16 text, else None."""
    found = _wide_without_bom(data)
    return found.encoding if found else None


def _wide_without_bom(data: bytes) -> _Candidate | None:
    """UTF-32 or UTF-16 without a BOM, recognised by NUL bytes and a plausible decoding."""
    n = len(data)
    if n >= 4 and n % 4 == 0 and b"\x00" in data:
        for enc, zero, small in (("utf-32-le", 3, 2), ("utf-32-be", 0, 1)):
            if not data[zero::4].strip(b"\x00") and max(data[small::4]) <= 0x10:
                text = _strict(data, enc)
                if text is not None:
                    return _Candidate(text, enc, "nul-pattern", 1.0)
    if n < 2 or n % 2:
        return None
    if b"\x00" not in data:
        return _utf16_from_ascii_bytes(data) if data.isascii() else None
    zeros_even, zeros_odd = data[0::2].count(0), data[1::2].count(0)
    found = []
    for enc, ascii_zeros in (("utf-16-le", zeros_odd), ("utf-16-be", zeros_even)):
        text = _strict(data, enc)
        if text is None or _CONTROLS.search(text):
            continue
        # ASCII characters put their NUL on one parity: when they are a good share of the
        # text that is evidence whatever the script; ideographs alone must look Chinese.
        ascii_share = 1 - non_ascii(text) / max(1, len(text))
        skewed = ascii_zeros >= 0.9 * (zeros_even + zeros_odd) and ascii_share >= 0.2
        found.append(_Candidate(text, enc, "nul-pattern", plausibility(text) + 0.3 * skewed))
    best = max(found, key=lambda c: c.score, default=None)
    # A stray NUL or two in ASCII text (b"hello\x00 world") is not UTF-16: with few NULs
    # the reading must be clearly Chinese, not merely possible.
    few_nuls = (zeros_even + zeros_odd) * 8 < n
    floor = _PLAUSIBLE + 0.2 if few_nuls else _PLAUSIBLE - 0.2
    if best is None or best.score < floor:
        return None
    return _Candidate(best.text, best.encoding, best.method, min(1.0, best.score))


def _utf16_from_ascii_bytes(data: bytes) -> _Candidate | None:
    """Pure CJK UTF-16 whose bytes all happen to be ASCII (U+4E00-U+7F7F): long, no spaces."""
    if len(data) < 16 or _WHITESPACE.search(data):
        return None
    found = [
        _Candidate(text, enc, "plausibility", plausibility(text))
        for enc in ("utf-16-le", "utf-16-be")
        if (text := _strict(data, enc)) is not None
    ]
    best = max(found, key=lambda c: c.score, default=None)
    return best if best is not None and best.score >= 0.9 else None


def _declared(data: bytes) -> str | None:
    """The charset a page declares (meta charset, http-equiv or XML declaration), widened."""
    m = _DECLARED.search(data[:_DECLARED_WINDOW])
    if not m:
        return None
    label = (m.group(1) or m.group(2)).decode("ascii", "ignore").lower()
    if label in _IGNORED_LABELS:
        return None
    try:
        return widen(label)
    except LookupError:
        return None


def _ascii_compatible(encoding: str) -> bool:
    return encoding in {"utf-8", "gb18030", "big5hkscs", "cp1252"} or (
        b"abc<>=\"'".decode(encoding, errors="replace") == "abc<>=\"'"
    )


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def _best_candidate(data: bytes, declared: str | None) -> _Candidate:
    """Score each plausible decoding of non-ASCII `data` and return the best one."""
    utf8 = _strict(data, "utf-8")
    if utf8 is None:
        utf8 = _utf8_cut_short(data)
    if utf8 is not None and (declared == "utf-8" or non_ascii(utf8) >= _UTF8_PROOF):
        method = "declared" if declared == "utf-8" else "utf-8"
        return _Candidate(utf8, "utf-8", method, 1.0)
    if declared in ("gb18030", "big5hkscs"):
        text = _strict(data, declared)
        score = plausibility(text) if text is not None else 0.0
        if text is not None and score >= _TRUSTED:
            return _Candidate(text, declared, "declared", score)
    candidates: list[_Candidate] = []
    if utf8 is not None:
        # Each valid multi-byte sequence is evidence: GBK or Big5 bytes rarely form one.
        bonus = 0.05 + 0.1 * non_ascii(utf8)
        candidates.append(_Candidate(utf8, "utf-8", "utf-8", plausibility(utf8) + bonus))
    encodings = ["gb18030", "big5hkscs"]
    if declared and declared not in encodings and declared != "utf-8":
        encodings.append(declared)
    for enc in encodings:
        text = data.decode(enc, errors="replace")
        bonus = 0.03 if enc == declared else 0.0
        method = "declared" if enc == declared else "plausibility"
        candidates.append(_Candidate(text, enc, method, plausibility(text) + bonus))
    if utf8 is None and max(c.score for c in candidates) < 1.0 - _TIE:
        mixed = _by_region(data)  # only a file one encoding reads imperfectly can be mixed
        if mixed is not None:
            candidates.append(mixed)
    if len(data) % 2 == 0:  # UTF-16 of ideographs alone has no NUL bytes; it is rare, so a penalty
        for enc in ("utf-16-le", "utf-16-be"):
            text = _strict(data, enc)
            if text is not None:
                candidates.append(_Candidate(text, enc, "plausibility", plausibility(text) - 0.1))
    best = _pick(candidates)
    if best.score < _PLAUSIBLE:
        best = _normalizer_fallback(data, best)
    return best


def _pick(candidates: list[_Candidate]) -> _Candidate:
    """The most plausible candidate; near ties (short text, all common characters) go to
    the one whose characters are more frequent in Chinese (国家 over 瓣產)."""
    top = max(c.score for c in candidates)
    close = [c for c in candidates if c.score >= top - _TIE]
    if len(close) == 1:
        return close[0]
    return min(close, key=lambda c: _mean_cost(c.text) - _GB_PRIOR * (c.encoding == "gb18030"))


def _mean_cost(text: str) -> float:
    """Mean frequency cost (bits, data/char_freq.tsv) of the first non-ASCII characters."""
    rest = _ASCII.sub("", text[:_SAMPLE])[:_TIE_SAMPLE]
    return sum(char_cost(ch) for ch in rest) / max(1, len(rest))


def _normalizer_fallback(data: bytes, best: _Candidate) -> _Candidate:
    """Ask charset-normalizer when no Chinese reading is plausible; reject binary junk."""
    import charset_normalizer  # imported on the rare page that needs it: it costs 60 ms at start-up

    guess = charset_normalizer.from_bytes(data).best()
    if guess is not None:
        enc = widen(guess.encoding)
        text = data.decode(enc, errors="replace")
        if "\ufffd" not in text or best.score < 0:
            return _Candidate(text, enc, "detected", 1.0 - guess.chaos)
        return best
    raise BinaryInputError(
        "input does not decode as text in any known encoding "
        f"(best guess {best.encoding} gives implausible characters, score {best.score:.2f})"
    )


_REGION = re.compile(rb"<?[^<\n]*\n?")
_WHITESPACE = re.compile(rb"\s")


def _utf8_cut_short(data: bytes) -> str | None:
    """UTF-8 whose last character was cut off (a scraper's byte limit): the rest, then U+FFFD."""
    for cut in (1, 2, 3):
        if len(data) > cut and data[-cut] >= 0xC0:  # the lead byte of the cut character
            head = _strict(data[:-cut], "utf-8")
            tail = data[-cut:]
            if head is not None and all(0x80 <= b < 0xC0 for b in tail[1:]):
                return head + "\ufffd"
            return None
    return None


def _by_region(data: bytes) -> _Candidate | None:
    """Decode region by region when UTF-8 and GBK/Big5 regions are mixed in one file.

    A region is a line, or the stretch from one `<` to the next: neither `<` nor a
    line feed occurs inside a UTF-8, GBK or Big5 character, so a cut there is clean.
    """
    lines = [r for r in _REGION.findall(data) if r]
    utf8_lines = [_strict(line, "utf-8") for line in lines]
    valid = sum(non_ascii(t) for t in utf8_lines if t is not None)
    if valid < 2 or all(t is not None for t in utf8_lines):
        return None
    others = b"".join(line for line, t in zip(lines, utf8_lines, strict=True) if t is None)
    secondary = max(
        ("gb18030", "big5hkscs"),
        key=lambda enc: plausibility(others.decode(enc, errors="replace")),
    )
    parts: list[str] = []
    used = set()
    for line, text in zip(lines, utf8_lines, strict=True):
        if text is not None and (text.isascii() or non_ascii(text) >= _UTF8_PROOF):
            parts.append(text)
            continue
        # A short valid line, or a broken one (UTF-8 with a damaged byte or another encoding).
        utf8 = text if text is not None else line.decode("utf-8", errors="replace")
        other = line.decode(secondary, errors="replace")
        if plausibility(other) > plausibility(utf8) + (0.1 if text is not None else 0.0):
            parts.append(other)
            used.add(secondary)
        else:
            parts.append(utf8)
    joined = "".join(parts)
    encoding = f"utf-8+{secondary}" if used else "utf-8"
    return _Candidate(joined, encoding, "regions", plausibility(joined) - 0.02)


# Plausibility weight of each character class in Chinese web text. Characters in no
# class (other scripts, rare symbols) weigh _W_OTHER.
_W_COMMON = 1.0  # GB2312 level-1 ideographs and their Traditional forms
_W_HAN = 0.3  # other ideographs: rare but real (names, classical text)
_W_PUNCT = 1.0  # CJK and general punctuation, full-width forms, · © ® ° × ÷, emoji
_W_SYMBOL = 0.5  # arrows, shapes, box drawing, radicals
_W_LETTER = 0.2  # Latin letters with marks, kana: real, but what wrong decodings often give
_W_BAD = -1.0  # private use, C1 controls, U+FFFD: only wrong decodings produce these
_W_OTHER = 0.1
_RANGES = (
    (_W_HAN, "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"),
    (_W_PUNCT, "\u3000-\u303f\uff01-\uff5e\uffe0-\uffe6\u2010-\u2027\u2030-\u205e"
               "\u00a0-\u00a0\u00a9-\u00a9\u00ae-\u00ae\u00b0-\u00b0\u00b7-\u00b7"
               "\u00d7-\u00d7\u00f7-\u00f7\u2122-\u2122"),
    (_W_SYMBOL, "\u2190-\u27bf\u2e80-\u2fdf"),
    # Latin-1 symbols and letters: what GBK read as Latin-1 turns into (ÖÐÎÄ, ¡£).
    (_W_LETTER, "\u00a1-\u00a8\u00aa-\u00ad\u00af-\u00af\u00b1-\u00b6\u00b8-\u00d6"
                "\u00d8-\u00f6\u00f8-\u024f\u3040-\u30ff"),
    (_W_BAD, "\ue000-\uf8ff\x80-\x9f\ufffd\ufffe\uffff"),
)
_WEIGHTS = (_W_COMMON, _W_HAN, _W_PUNCT, _W_SYMBOL, _W_LETTER, _W_BAD)
_CODES = "abcdef"  # one code character per weight, in _WEIGHTS order
_ASCII = regex.compile(r"[\x00-\x7f]+")
_CONTROLS = regex.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_ASTRAL = regex.compile(r"[\U00010000-\U0010ffff]")


@cache
def _class_table() -> dict[int, str] | str:
    """str.translate table mapping each classified character to its class code.

    When every classified character is in the BMP (as the data has it) the table is a
    65,536-character string, unclassified characters mapping to "g" (no class): indexing
    it costs about half a dict lookup that misses. Astral characters fall outside it and
    stay as they are, uncounted, as they would with the dict.
    """
    table: dict[int, str] = {}
    for code, (_weight, spans) in zip(_CODES[1:], _RANGES, strict=True):
        for lo, hi in regex.findall(r"(.)-(.)", spans):
            for cp in range(ord(lo), ord(hi) + 1):
                table[cp] = code
    for ch in _common_han():
        table[ord(ch)] = _CODES[0]
    if max(table) > 0xFFFF:
        return table
    dense = ["g"] * 0x10000
    for cp, code in table.items():
        dense[cp] = code
    return "".join(dense)


@cache
def _common_han() -> frozenset[str]:
    """GB2312 level-1 ideographs (the 3,755 most used) and their Traditional forms."""
    chars = []
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            try:
                chars.append(bytes((lead, trail)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return frozenset(chars) | frozenset(opencc.OpenCC("s2t").convert("".join(chars)))


def plausibility(text: str) -> float:
    """Mean weight of the non-ASCII characters of `text`: near 1 for Chinese, low for mojibake."""
    rest = _ASCII.sub("", text[:_SAMPLE])[:_SAMPLE_NON_ASCII]
    if not rest:
        return 1.0
    # Astral characters (emoji, rare ideographs) are few: count them as punctuation-like.
    astral = len(_ASTRAL.findall(rest)) if not rest.isascii() and max(rest) > "\uffff" else 0
    codes = rest.translate(_class_table())
    score, counted = _W_PUNCT * astral, astral
    for code, weight in zip(_CODES, _WEIGHTS, strict=True):
        n = codes.count(code)
        score += weight * n
        counted += n
    return (score + _W_OTHER * (len(rest) - counted)) / len(rest)
