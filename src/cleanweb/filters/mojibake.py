"""Repair of broken text inside blocks: leaked tags and entities, invisible characters."""

from __future__ import annotations

import html
from typing import ClassVar

import regex

from ..document import Document, Edit
from .base import Filter

_TAG = regex.compile(r"\??</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_INVISIBLE = regex.compile(r"[\u200b\u200c\u2060\ufeff\u00ad]")


class MojibakeFilter(Filter):
    """Strip leaked HTML tags, unescape entities and remove invisible characters."""

    name = "mojibake"
    changes_text: ClassVar[bool] = True

    def apply(self, doc: Document) -> None:
        for block in doc.blocks:
            fixed = _INVISIBLE.sub("", html.unescape(_TAG.sub("", block.text)))
            if fixed != block.text:
                doc.edits.append(Edit("markup", block.text, fixed, 0, block.index))
                block.text = fixed
