r"""Escapes standing as text: literal `\u4e2d` and percent-encoded UTF-8 (`%E4%B8%AD`).

Decoded only when the result is Chinese and the run stands in prose: never inside a
URL, and never in a token that looks like code (quotes, `=`, brackets, backslashes).
"""

from __future__ import annotations

import re
from urllib.parse import unquote_to_bytes

from ..document import Edit
from ._edits import apply

# Each pattern starts with a literal so the regex engine can skip ahead to it.
_UNICODE = re.compile(r"\\u[0-9a-fA-F]{4}(?:\\u[0-9a-fA-F]{4})*")
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}(?:%[0-9A-Fa-f]{2}){2,}")
# A scheme is short: bounding it keeps a scan over a long run of letters linear.
_URL = re.compile(r"(?:[A-Za-z][A-Za-z0-9+.-]{0,15}://|www\.)[^\s<>\"'，。；！？、）】》]*")
_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_CODE_MARKS = set("\"'=;{}()[]<>`$")


def _in_url_or_code(text: str, start: int, end: int, urls: list[tuple[int, int]]) -> bool:
    """True when text[start:end] sits inside a URL or a code-looking token."""
    if any(a <= start < b for a, b in urls):
        return True
    lo = start
    while lo > 0 and not text[lo - 1].isspace():
        lo -= 1
    hi = end
    while hi < len(text) and not text[hi].isspace():
        hi += 1
    around = text[lo:start] + text[end:hi]
    return any(ch in _CODE_MARKS for ch in around) or "\\" in around


def _decode_unicode(run: str) -> str | None:
    units = run.encode("ascii").decode("unicode_escape")
    try:
        return units.encode("utf-16", "surrogatepass").decode("utf-16")
    except UnicodeError:
        return None


def _decode_percent(run: str) -> str | None:
    try:
        return unquote_to_bytes(run).decode("utf-8")
    except UnicodeDecodeError:
        return None


def decode_escapes(text: str) -> tuple[str, list[Edit]]:
    r"""Decode `\uXXXX` runs and percent-encoded UTF-8 runs that stand as Chinese text."""
    if "\\u" not in text and "%" not in text:
        return text, []
    urls: list[tuple[int, int]] | None = None
    repls = []
    for marker, pattern, decode, family in (
        ("\\u", _UNICODE, _decode_unicode, "unicode_escape"),
        ("%", _PERCENT, _decode_percent, "percent"),
    ):
        if marker not in text:
            continue
        for m in pattern.finditer(text):
            if m.start() and text[m.start() - 1] == "\\":
                continue  # an escaped backslash: `\\u4e2d` is code, not an escape
            after = decode(m.group())
            if not after or not _HAN.search(after):
                continue
            if urls is None:
                urls = [u.span() for u in _URL.finditer(text)]
            if not _in_url_or_code(text, *m.span(), urls):
                repls.append((m.start(), m.end(), after, family))
    repls.sort()
    return apply(text, repls)
