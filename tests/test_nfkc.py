"""The fast NFKC used by the judging view equals unicodedata's on any text."""

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from cleanweb._norm import nfkc

# Characters NFKC composes, decomposes, reorders or widens, and ordinary Chinese prose.
TRICKY = list("e\u0301\u0327\u0308ＡＢ１，：（）…①㎡ﬁ\u1100\u1161\u11a8가ｶﾞ\u3099\u309a\u0cc2\u0cd5\u0bbe\u0b3e\u3000中文的。")


def test_known_forms():
    assert nfkc("你好，世界！（１２３）…") == "你好,世界!(123)..."
    assert nfkc("e\u0301") == "\u00e9"  # composition still happens
    assert nfkc("\u1100\u1161\u11a8") == "각"  # conjoining jamo compose
    assert nfkc("ｶﾞ") == "ガ"  # half-width kana and its voicing mark


@given(st.text(alphabet=st.sampled_from(TRICKY) | st.characters(), max_size=16))
def test_equals_unicodedata(text):
    assert nfkc(text) == unicodedata.normalize("NFKC", text)
