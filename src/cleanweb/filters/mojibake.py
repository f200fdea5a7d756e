"""Repair of broken text inside blocks, the first step of the default pipeline.

Runs `cleanweb.repair` on each block's text: mojibake (UTF-8/GBK/Big5/Latin-1 read as
each other, double-encoded UTF-8), lost runs (`锟斤拷`, U+FFFD: one marker each, counted
in `doc.flags["lost_text"]`), fill runs (`烫烫烫`), leaked tags and entities, literal
escapes, pinyin insertions and the bytes they broke (unsolvable `?` counted in
`doc.flags["unrecoverable_bytes"]`), full-width letters and digits, invisible characters.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from ..document import Document
from ..repair import gated, lines_needing_repair, prepare, repair_text
from .base import Filter


class MojibakeFilter(Filter):
    """Repair each block's text and record every change as an Edit with its block and offset.

    The pinyin repair is gated once per page (the pattern must show across the page),
    not per block, so a lone dictionary line like `长(cháng)` is never touched.
    """

    name = "mojibake"
    changes_text: ClassVar[bool] = True
    needs_features: ClassVar[bool] = False

    def __init__(self) -> None:
        prepare()  # tables built here are shared by worker processes forked after

    def apply(self, doc: Document) -> None:
        broken = lines_needing_repair([b.text for b in doc.blocks])
        if not broken:
            return
        gate = gated("\n".join(b.text for b in doc.blocks))
        for i in sorted(broken):
            block = doc.blocks[i]
            out = repair_text(block.text, pinyin_gate=gate)
            for name, count in out.flags.items():
                doc.flag(name, count)
            if out.text != block.text:
                doc.edits.extend(replace(e, block=block.index) for e in out.edits)
                block.text = out.text
