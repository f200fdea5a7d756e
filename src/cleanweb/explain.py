"""A line-by-line account of a processed Document: what was kept, what was removed and why."""

from __future__ import annotations

from collections.abc import Iterator

from .document import Document

_GREEN, _RED, _DIM, _RESET = "\033[32m", "\033[31m", "\033[2m", "\033[0m"


def explain_lines(doc: Document, *, color: bool = False, width: int = 100) -> Iterator[str]:
    """Yield one line per block: line span, KEEP or the dropping filter/rule, the text."""
    for block in doc.blocks:
        if block.blank:
            continue
        span = f"{block.start}" if block.start == block.end else f"{block.start}-{block.end}"
        text = block.text.replace("\n", " ⏎ ")
        if len(text) > width:
            text = text[: width - 1] + "…"
        if block.verdict is None:
            tag = "TITLE" if block.kind == "title" else "KEEP"
            line = f"{span:>7}  {tag:<34} {text}"
            yield f"{_GREEN}{line}{_RESET}" if color else line
        else:
            tag = f"- {block.verdict.filter}:{block.verdict.rule}"
            line = f"{span:>7}  {tag:<34} {text}"
            yield f"{_RED}{line}{_RESET}" if color else line
    for edit in doc.edits:
        if edit.family in ("whitespace", "script"):
            continue
        where = f"block {edit.block}" if edit.block is not None else "document"
        line = f"   edit  {edit.family:<34} {where}@{edit.pos}: {edit.before[:30]!r} -> {edit.after[:30]!r}"
        yield f"{_DIM}{line}{_RESET}" if color else line
