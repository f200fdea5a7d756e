"""Whitespace normalisation: every line of every kept block trimmed, inner space runs collapsed."""

import regex
from hypothesis import given
from hypothesis import strategies as st

from cleanweb.document import Block, Document, Verdict
from cleanweb.filters import NormalizeFilter

_RUN = regex.compile(r"[ \t\u00a0\u3000\u2000-\u200a\u202f\u205f]{2,}")


def _expected(text: str) -> str:
    """The filter's promise, one line at a time (slow but plain)."""
    lines = (_RUN.sub(" ", regex.sub(r"^\s+|\s+$", "", line)) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def test_trims_indentation_and_collapses_gaps():
    doc = Document("", blocks=[Block("\u3000\u3000正文  第一段 \n\n  第二段\t", 1, 3), Block("  ", 4, 4)])
    NormalizeFilter().apply(doc)
    assert [b.text for b in doc.blocks] == ["正文 第一段\n第二段", ""]
    assert doc.edits[0].family == "whitespace"


def test_dropped_blocks_are_left_alone():
    doc = Document("", blocks=[Block("  菜单  ", 1, 1, verdict=Verdict("navigation", "menu-row"))])
    NormalizeFilter().apply(doc)
    assert doc.blocks[0].text == "  菜单  " and not doc.edits


@given(st.lists(st.text(alphabet=list("ab中 \t\r\n\u3000\u2028\u00a0\x1c\u200b\u0085"), max_size=12), max_size=5))
def test_whole_page_pass_equals_line_by_line(texts):
    doc = Document("", blocks=[Block(t, i, i, index=i) for i, t in enumerate(texts)])
    NormalizeFilter().apply(doc)
    assert [b.text for b in doc.blocks] == [_expected(t) for t in texts]
