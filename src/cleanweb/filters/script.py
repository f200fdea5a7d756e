"""Script conversion of the output between Traditional and Simplified Chinese (OpenCC)."""

from __future__ import annotations

from typing import ClassVar

from ..convert import TARGETS, convert
from ..document import Document, Edit
from .base import Filter


class ScriptFilter(Filter):
    """Convert kept text to the `to` script: simplified, traditional, taiwan, hongkong or keep."""

    name = "script"
    changes_text: ClassVar[bool] = True
    needs_features: ClassVar[bool] = False

    def __init__(self, *, to: str = "simplified"):
        if to not in TARGETS:
            raise ValueError(f"unknown script target {to!r}; choose one of {sorted(TARGETS)}")
        self.to = to

    def apply(self, doc: Document) -> None:
        if self.to == "keep":
            return
        for block in doc.blocks:
            if block.verdict is not None or block.blank:
                continue
            out = convert(block.text, to=self.to)
            if out != block.text:
                doc.edits.append(Edit("script", block.text, out, 0, block.index))
                block.text = out
