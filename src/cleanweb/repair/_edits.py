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


_ANCHOR = 3  # characters that must agree to resynchronise
_WINDOW = 64  # how far ahead a resynchronisation is looked for


def diff(before: str, after: str, family: str) -> list[Replacement]:
    """Replacements turning `before` into `after`, in linear time.

    Walks both texts together; at a difference it resynchronises on the nearest
    `_ANCHOR` characters of `after` found again in `before` within `_WINDOW`. The
    result always rebuilds `after` exactly; it is minimal for the local edits repair
    makes (insertions removed, short runs replaced).
    """
    repls: list[Replacement] = []
    i = j = 0
    nb, na = len(before), len(after)
    while i < nb and j < na:
        if before[i] == after[j]:
            i += 1
            j += 1
            continue
        sync, best = None, None
        for k, penalty in ((_ANCHOR, 0), (1, 4)):  # one character only when it is much nearer
            for dj in range(min(_WINDOW, na - j)):
                if k == 1 and after[j + dj] < "\x80":
                    continue  # an ASCII bracket or letter is too common to anchor on alone
                at = before.find(after[j + dj : j + dj + k], i, i + _WINDOW + k)
                if at >= 0 and (best is None or at - i + dj + penalty < best):
                    sync, best = (at, j + dj), at - i + dj + penalty
                if best is not None and dj >= best:
                    break
        if sync is None:
            break
        repls.append((i, sync[0], after[j : sync[1]], family))
        i, j = sync
    if i < nb or j < na:
        repls.append((i, nb, after[j:], family))
    return repls
