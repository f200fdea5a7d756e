"""Text that is lost for good: `锟斤拷` and U+FFFD runs become one marker; fill runs are dropped.

`锟斤拷` is what U+FFFD (EF BF BD) twice over looks like when UTF-8 is read as GBK; a
run of them (and of U+FFFD) stands for characters nobody can recover, so the run is
normalised to a single U+FFFD, the marker of a loss, and counted; repair never guesses.
`烫烫烫` and `屯屯屯` are MSVC's fill bytes (0xCC, 0xCD) read as GBK: never text, dropped.
"""

from __future__ import annotations

import re

from ..document import Edit
from ._edits import apply

MARKER = "\ufffd"
_LOST = re.compile(r"(?:锟斤拷|锟拷|\ufffd)+(?:锟斤?|斤拷)?")
_FILL = re.compile(r"烫{3,}|屯{3,}")


def mark_losses(text: str) -> tuple[str, list[Edit], int]:
    """Collapse each lost run to one marker and drop fill runs; also return the loss count."""
    if "锟" not in text and MARKER not in text and "烫" not in text and "屯" not in text:
        return text, [], 0
    repls = []
    losses = 0
    for m in _LOST.finditer(text):
        losses += 1
        repls.append((m.start(), m.end(), MARKER, "loss"))
    repls += [(m.start(), m.end(), "", "fill") for m in _FILL.finditer(text)]
    repls.sort()
    out, edits = apply(text, repls)
    return out, edits, losses
