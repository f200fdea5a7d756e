"""Bytes to text: BOM, declared charset, then charset-normalizer; GBK read as GB18030."""

from __future__ import annotations

import codecs

import charset_normalizer
import regex

from .errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DECLARED = regex.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w\-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w\-]+)""",
    regex.IGNORECASE,
)
# Labels pages use for encodings whose superset decodes strictly more of the same bytes.
_WIDEN = {"gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030", "big5": "big5hkscs"}


def widen(label: str) -> str:
    """Map a charset label to the codec that decodes a superset of it."""
    name = codecs.lookup(label).name
    return _WIDEN.get(name, _WIDEN.get(label.lower(), name))


def decode_with_info(data: bytes) -> tuple[str, dict[str, object]]:
    """Decode `data`; return the text and {encoding, confidence, method}."""
    if not isinstance(data, (bytes, bytearray)):
        raise InputError(f"decode expects bytes, got {type(data).__name__}")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(enc, errors="replace"), _info(enc, 1.0, "bom")
    try:
        return data.decode("utf-8"), _info("utf-8", 1.0, "utf-8")
    except UnicodeDecodeError:
        pass
    m = _DECLARED.search(data[:4096])
    if m:
        label = (m.group(1) or m.group(2)).decode("ascii", "ignore")
        try:
            enc = widen(label)
            return data.decode(enc), _info(enc, 0.9, "declared")
        except (LookupError, UnicodeDecodeError):
            pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise InputError("bytes do not decode as text in any known encoding")
    enc = widen(best.encoding)
    return data.decode(enc, errors="replace"), _info(enc, round(1.0 - best.chaos, 3), "detected")


def decode(data: bytes) -> str:
    """Decode raw page bytes to text (see `decode_with_info` for the detected encoding)."""
    return decode_with_info(data)[0]


def _info(encoding: str, confidence: float, method: str) -> dict[str, object]:
    return {"encoding": encoding, "confidence": confidence, "method": method}
