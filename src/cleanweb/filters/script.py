"""Script conversion of the output between Traditional and Simplified Chinese (OpenCC)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from ..convert import converter, script_counts, script_counts_many, script_of
from ..document import Document
from ..errors import ConfigError
from .base import Filter

# Metadata fields written in the page's language, converted with the text.
_META_TEXT = ("title", "author", "source", "site")


class ScriptFilter(Filter):
    """Convert kept text to the `to` script: simplified, traditional, taiwan, hongkong or keep.

    The page's script is detected on the kept text and written to doc.meta["script"]
    ("simplified", "traditional", "mixed" or "none"); only sentences not already in
    the target's script are converted, each change recorded as an Edit (family "script");
    the title and the author/source/site fields are converted too.
    `phrases` converts regional vocabulary (软件/軟體, default on for taiwan), `protect`
    lists words to leave exactly as written, `source` declares the input's script.
    """

    name = "script"
    changes_text: ClassVar[bool] = True
    needs_features: ClassVar[bool] = False

    def __init__(
        self,
        *,
        to: str = "simplified",
        phrases: bool | None = None,
        protect: Iterable[str] = (),
        source: str = "auto",
    ):
        if isinstance(protect, str):
            raise ConfigError("script filter: protect must be a list of words, not a string")
        self.to = to
        self.phrases = phrases
        self.protect = tuple(protect)
        self.source = source
        self._converter = converter(to, phrases, self.protect, source)

    def apply(self, doc: Document) -> None:
        blocks = doc.kept()
        trad, simp = script_counts("\n".join(b.text for b in blocks))
        script = script_of(trad, simp)
        doc.meta["script"] = script
        if self.to == "keep":
            return
        if trad == 0 and not self._converter.converts_simplified():
            blocks = []  # a Simplified page going to Simplified: no block can change
        counts = script_counts_many([b.text for b in blocks])
        for block, block_counts in zip(blocks, counts, strict=True):
            out, edits = self._converter.convert_with_edits(block.text, script, block.index, block_counts)
            if edits:
                doc.edits.extend(edits)
                block.text = out
        self._convert_meta(doc, script)

    def _convert_meta(self, doc: Document, script: str) -> None:
        """Write the title and the byline fields in the target script too (edits with no block)."""
        if doc.title:
            doc.title = self._convert_field(doc, doc.title, script)
        for key in _META_TEXT:
            value = doc.meta.get(key)
            if isinstance(value, str) and value:
                doc.meta[key] = self._convert_field(doc, value, script)

    def _convert_field(self, doc: Document, text: str, script: str) -> str:
        out, edits = self._converter.convert_with_edits(text, script, None)
        doc.edits.extend(edits)
        return out
