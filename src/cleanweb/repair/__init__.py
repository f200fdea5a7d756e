"""Text repair: mojibake, lost text, leaked markup, escapes, pinyin damage, width, invisibles.

`repair(text)` returns the repaired text; `repair_and_explain(text)` also returns the
edits, in order, each with its family, the text before and after, and its offset in the
text as it stood when that edit was made (so `replay` rebuilds the result). Each family
is detected on the run of text it affects and applied only when the result is clearly
more plausible; clean text is recognised by one regex pass and returned untouched.

Edit families, in the order they run:
- `markup` (leaked tags; `<br>` -> newline), `entity` (also double-escaped),
  `unicode_escape` / `percent` (escapes standing as Chinese text, not in URLs or code);
- mojibake, named `<codec it was read with>_<codec it really was>`: `latin1_utf8`,
  `double_utf8`, `latin1_gbk`, `gbk_utf8`, `gbk_big5` (Big5 read as GBK), `big5_gbk`;
  one engine (`recode`) serves them all, so ftfy is not needed, and by construction it
  never touches Chinese punctuation, curly quotes or width;
- `loss` (a `锟斤拷`/U+FFFD run becomes one U+FFFD, the loss marker; counted in
  `flags["lost_text"]`) and `fill` (`烫烫烫`/`屯屯屯` dropped);
- `pinyin` (insertions stripped and broken bytes solved; a `?` that cannot be solved is
  left as it is and counted in `flags["unrecoverable_bytes"]`, never guessed);
- `width` (full-width letters and digits) and `invisible`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import Edit
from . import gbk_utf8, latin1, pinyin
from .detect import FILL_RUNS, lines_needing_repair, needs_repair, rare, rare_han, suspect
from .escapes import decode_escapes
from .loss import MARKER, mark_losses
from .markup import strip_tags, unescape_entities
from .pinyin import TONE_MARKS, gated, repair_pinyin
from .recode import recode
from .width import drop_invisible, half_width

__all__ = ["MARKER", "Outcome", "gated", "lines_needing_repair", "needs_repair", "prepare", "repair", "repair_and_explain", "repair_text"]


@dataclass
class Outcome:
    """A repaired text with its edits and the quality counts a document records."""

    text: str
    edits: list[Edit] = field(default_factory=list)
    flags: dict[str, int] = field(default_factory=dict)


_FULLWIDTH_ALNUM = frozenset(map(chr, [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]))
_INVISIBLES = frozenset("\u200b\u2060\ufeff\u00ad\u200d")
_LOST = frozenset("锟\ufffd")


def repair_text(text: str, pinyin_gate: bool | None = None) -> Outcome:
    """Run every repair family on `text`; `pinyin_gate` overrides the page-level pinyin gate.

    One regex pass collects the characters clean prose rarely holds; each family runs
    only when one of its trigger characters is among them.
    """
    out = Outcome(text)
    if not needs_repair(text):
        return out
    seen = set(rare().findall(text))
    fill = any(f in text for f in FILL_RUNS)
    steps = []
    if "<" in seen or "?/" in text:
        steps.append(strip_tags)
    if "&" in seen:
        steps.append(unescape_entities)
    if "\\" in seen or "%" in seen:
        steps.append(decode_escapes)
    for step in steps:
        out.text, edits = step(out.text)
        out.edits += edits
    if any(ord(ch) > 0x7F for ch in seen):
        hits = _hits(out.text)
        groups = (latin1.FAMILIES, gbk_utf8.FAMILIES) if latin1.ALPHABET & seen else (gbk_utf8.FAMILIES,)
        for families in groups:
            out.text, edits = recode(out.text, families, hits, suspect())
            out.edits += edits
            if edits:
                hits = _hits(out.text)
    if fill or _LOST.intersection(out.text if out.edits else seen):
        out.text, edits, losses = mark_losses(out.text)
        out.edits += edits
        if losses:
            out.flags["lost_text"] = losses
    if ")" in out.text and (pinyin_gate or pinyin_gate is None and not TONE_MARKS.isdisjoint(seen)):
        out.text, edits, damage = repair_pinyin(out.text, pinyin_gate)
        out.edits += edits
        if damage:
            out.flags["unrecoverable_bytes"] = damage
    if _FULLWIDTH_ALNUM.intersection(seen):
        out.text, edits = half_width(out.text)
        out.edits += edits
    if _INVISIBLES.intersection(seen):
        out.text, edits = drop_invisible(out.text)
        out.edits += edits
    return out


def prepare() -> None:
    """Build every repair table now (detection patterns, pinyin readings) instead of on first use."""
    rare()
    rare_han()
    suspect()
    pinyin.prepare()


def _hits(text: str) -> list[int]:
    """Positions of the non-ASCII trigger characters of `text`."""
    return [m.start() for m in rare_han().finditer(text)]


def repair(text: str) -> str:
    """`text` with every broken run repaired; clean text comes back unchanged."""
    return repair_text(text).text


def repair_and_explain(text: str) -> tuple[str, list[Edit]]:
    """The repaired text and the edits that made it, in order (see `_edits.replay`)."""
    out = repair_text(text)
    return out.text, out.edits
