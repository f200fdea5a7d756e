"""Families read with a Chinese double-byte codec: UTF-8 as GBK (`鏂囩珷` -> 文章), Big5 and GBK as each other."""

from __future__ import annotations

import re

from .recode import BIG5_RUN, GBK_RUN, UTF8_RUN, Family

# Runs of non-ASCII, non-space characters (what a double-byte decoder makes of high
# bytes), with short ASCII stretches inside: `2004年1月` is one run, not three.
SPAN = re.compile(r"[^\x00-\x7f\s\ufffd](?:[\x20-\x7e]{0,6}[^\x00-\x7f\s\ufffd])+")


def _encoder(codec: str):
    def to_bytes(ch: str) -> bytes | None:
        try:
            return ch.encode(codec)
        except UnicodeEncodeError:
            return None

    to_bytes.__doc__ = f"The {codec} bytes of one character, or None."
    return to_bytes


FAMILIES = (
    Family("gbk_utf8", SPAN, _encoder("gb18030"), UTF8_RUN, "utf-8"),
    # Same-length swaps look like Han either way: tried only where most characters are rare.
    Family("gbk_big5", SPAN, _encoder("gb18030"), BIG5_RUN, "big5", min_chars=3, min_rare=0.4, aligned=True),
    Family("big5_gbk", SPAN, _encoder("big5"), GBK_RUN, "gbk", min_chars=3, min_rare=0.4, aligned=True),
)
