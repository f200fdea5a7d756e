"""Apply replacements to a text and record them as Edits that replay in order.

An Edit's `pos` is its offset in the text with all earlier edits of the list already
applied, so `replay(original, edits)` rebuilds the repaired text exactly.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..document import Edit

# (start, end, replacement, family) on the input text, non-overlapping, ascending.
Replacement = tuple[int, int, str, str]


def apply(text: str, repls: Iterable[Replacement]) -> tuple[str, list[Edit]]:
    """Return `text` with `repls` applied and the edits that describe them."""
    pieces: list[str] = []
    edits: list[Edit] = []
    last = shift = 0
    for start, end, after, family in repls:
        before = text[start:end]
        if before == after:
            continue
        pieces.append(text[last:start])
        pieces.append(after)
        edits.append(Edit(family, before, after, start + shift))
        shift += len(after) - len(before)
        last = end
    if not edits:
        return text, []
    pieces.append(text[last:])
    return "".join(pieces), edits


def replay(text: str, edits: Iterable[Edit]) -> str:
    """Apply `edits` to `text` in order (checks each edit's `before` is where it says)."""
    for e in edits:
        if text[e.pos : e.pos + len(e.before)] != e.before:
            raise ValueError(f"edit {e!r} does not match the text at {e.pos}")
        text = text[: e.pos] + e.after + text[e.pos + len(e.before) :]
    return text
