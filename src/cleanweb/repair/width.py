"""Full-width ASCII letters and digits to half width; invisible characters removed.

Chinese punctuation (，。！？：；（）“”) is full width on purpose and stays. Zero-width
spaces, word joiners, stray BOMs and soft hyphens are removed; a zero-width joiner is
kept where it joins two emoji (👨\u200d👩) and removed elsewhere.
"""

from __future__ import annotations

import re

from ..document import Edit
from ._edits import apply

_FULLWIDTH = re.compile(r"[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]+")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]+|\u200d")
_HALF = {c: c - 0xFEE0 for c in range(0xFF10, 0xFF5B)}


def _is_emoji(ch: str) -> bool:
    o = ord(ch)
    return (
        0x1F000 <= o <= 0x1FAFF
        or 0x2600 <= o <= 0x27BF
        or 0x1F3FB <= o <= 0x1F3FF
        or o in (0xFE0F, 0x2640, 0x2642, 0x2695, 0x2708, 0x2764)
    )


def half_width(text: str) -> tuple[str, list[Edit]]:
    """Full-width Latin letters and digits (Ｇｏｏｇｌｅ２０２４) to ASCII."""
    repls = [(m.start(), m.end(), m.group().translate(_HALF), "width") for m in _FULLWIDTH.finditer(text)]
    return apply(text, repls)


def _in_latin1_run(text: str, pos: int) -> bool:
    """A neighbour of `pos` is a C1 control or Latin-1 letter/sign (U+0080-U+00FF)."""
    return any(0 <= i < len(text) and "\x80" <= text[i] <= "\xff" for i in (pos - 1, pos + 1))


def drop_invisible(text: str) -> tuple[str, list[Edit]]:
    """Remove zero-width spaces, word joiners, BOMs, soft hyphens and stray zero-width joiners."""
    repls = []
    for m in _INVISIBLE.finditer(text):
        s, e = m.span()
        if m.group() == "\u200d" and 0 < s and e < len(text):
            if _is_emoji(text[s - 1]) and _is_emoji(text[e]):
                continue
        if m.group() == "\u00ad" and _in_latin1_run(text, s):
            continue  # byte 0xAD of a mis-decoded run the recoder left alone, not a hyphen
        repls.append((s, e, "", "invisible"))
    return apply(text, repls)
