"""Page text to blocks: one block a source line, with features attached."""

from __future__ import annotations

from ._norm import judge_view
from .document import Block, Document
from .features import annotate


def split_lines(text: str) -> list[str]:
    """Split on any line break, dropping the final empty piece of a trailing newline."""
    lines = text.splitlines()
    return lines


def segment(doc: Document) -> None:
    """Fill `doc.blocks` with one block per line of `doc.source`."""
    lines = split_lines(doc.source)
    # Blank lines get no block (every filter and the renderer skip them anyway): a page of
    # a million empty lines would otherwise cost a million Blocks (~1 GB, ~30 s).
    numbered = [(i, line) for i, line in enumerate(lines, 1) if line and not line.isspace()]
    doc.blocks = [Block(line, n, n, index=i) for i, (n, line) in enumerate(numbered)]
    refresh(doc)


def refresh(doc: Document) -> None:
    """Measure the normalised view and features of every block whose text changed since.

    A block remembers the text its features were measured on, so after a filter edits
    a few blocks only those are measured again (the rest of the page is not re-read).
    """
    stale = [b for b in doc.blocks if b.features.get("measured") is not b.text]
    if not stale:
        return
    views = judge_view("\n".join(b.text.replace("\n", " ") for b in stale)).split("\n")
    if len(views) != len(stale):  # a converter changed line structure: do it per block
        views = [judge_view(b.text.replace("\n", " ")) for b in stale]
    annotate(stale, views)
    for block in stale:
        block.features["measured"] = block.text
