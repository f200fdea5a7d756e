"""The data model one page travels through: Document, Block, Verdict and Edit.

Every filter reads and writes the same Document, so `explain`, `removed` and
`edits` are views of one object rather than a second code path.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import compress
from operator import attrgetter, not_
from typing import Any


@dataclass(frozen=True)
class Verdict:
    """Why a block was dropped: the filter that dropped it and the rule that fired."""

    filter: str
    rule: str
    detail: str = ""


@dataclass(frozen=True)
class Edit:
    """One in-place change to the text (a repair, a conversion, a normalisation).

    `block` is the index of the block changed (None for document-level edits made
    before segmentation), `pos` the offset in that block's text before the edit.
    """

    family: str
    before: str
    after: str
    pos: int = 0
    block: int | None = None


@dataclass
class Block:
    """A unit of the page (a line of page text or a block element of HTML).

    `start`/`end` are 1-based source line numbers (inclusive) so every removed
    span can be traced to the input. `features` holds whatever the segmenter
    measured (HTML tag path, link density, ...); `verdict` is None while kept.
    `pinned` blocks were marked always-keep by a user rule and cannot be dropped.
    """

    text: str
    start: int
    end: int
    index: int = 0
    kind: str = "line"
    features: dict[str, Any] = field(default_factory=dict)
    verdict: Verdict | None = None
    pinned: bool = False

    @property
    def kept(self) -> bool:
        return self.verdict is None

    @property
    def blank(self) -> bool:
        return not self.text or self.text.isspace()  # no copy, unlike strip()


_TEXT = attrgetter("text")
_VERDICT = attrgetter("verdict")


@dataclass(frozen=True)
class Removed:
    """A removed span as the API reports it."""

    filter: str
    rule: str
    start: int
    end: int
    text: str


@dataclass
class Document:
    """A page being cleaned: its source text, blocks, metadata and audit trail."""

    source: str
    kind: str = "text"
    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    edits: list[Edit] = field(default_factory=list)
    flags: dict[str, int] = field(default_factory=dict)
    options: dict[str, Any] = field(default_factory=dict)

    def lines(self) -> list[Block]:
        """Non-blank blocks, kept or dropped, in page order: what a filter walks over."""
        # `not b.blank` for every block, in C: a text is blank exactly when strip() empties it.
        return list(compress(self.blocks, map(str.strip, map(_TEXT, self.blocks))))

    def kept(self) -> list[Block]:
        """Blocks still kept, in page order, skipping blank ones."""
        lines = self.lines()
        return list(compress(lines, map(not_, map(_VERDICT, lines))))

    def removed(self) -> list[Removed]:
        """Removed non-blank blocks as (filter, rule, line span, text) records."""
        return [
            Removed(b.verdict.filter, b.verdict.rule, b.start, b.end, b.text)
            for b in self.blocks
            if b.verdict is not None and not b.blank
        ]

    def drop(self, block: Block, filter_name: str, rule: str, detail: str = "") -> bool:
        """Mark `block` dropped unless it is pinned or already dropped; True if it changed."""
        if block.pinned or block.verdict is not None:
            return False
        block.verdict = Verdict(filter_name, rule, detail)
        return True

    def flag(self, name: str, count: int = 1) -> None:
        """Count a quality problem seen on the page (e.g. unrecoverable characters)."""
        self.flags[name] = self.flags.get(name, 0) + count

    def render(self) -> str:
        """The cleaned text: kept blocks, one paragraph a line, trailing newline."""
        lines: list[str] = []
        for block in self.kept():
            lines.extend(part for part in block.text.split("\n") if part.strip())
        return "\n".join(lines) + "\n" if lines else ""
