"""dom.locate's shortcuts agree with the plain computations they stand for."""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from hypothesis import given, settings
from hypothesis import strategies as st
from selectolax.lexbor import LexborHTMLParser

from cleanweb import dom

# Han, Latin, digits, a combining mark, punctuation and spaces: runs of every length.
_CHARS = st.sampled_from(list("中文新闻abZ19\u0301é ，。,-\n"))


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=_CHARS, max_size=40))
def test_last_key_is_the_last_key_findall_gives(fragment):
    keys = dom._KEY.findall(fragment)
    assert dom.last_key(fragment) == (keys[-1] if keys else "")


def test_last_key_of_long_runs_keeps_findalls_8_character_cut():
    assert dom.last_key("一二三四五六七八九") == "一二三四五六七八"  # a 1-character tail is no key
    assert dom.last_key("一二三四五六七八九十") == "九十"
    assert dom.last_key("一二三四五六七八") == "一二三四五六七八"
    assert dom.last_key("正文。a") == "正文"
    assert dom.last_key("，。 ") == ""


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab\n中")), max_size=60), st.lists(st.integers(0, 60)))
def test_line_counter_matches_a_bisect_over_line_starts(source, positions):
    starts = list(accumulate((len(line) + 1 for line in source.split("\n")), initial=0))
    line_of = dom._LineCounter(source)
    for pos in positions:
        pos = min(pos, len(source))
        assert line_of(pos) == bisect_right(starts, pos)


def test_units_get_the_source_lines_of_their_first_and_last_words():
    html = (
        "<html>\n<body>\n<div>\n<p>第一段正文，\n写在两行里。</p>\n<script>var a = 1;</script>\n"
        "<p>第二段<b>正文</b>。</p>\n</div>\n</body>\n</html>"
    )
    walked = dom.walk(LexborHTMLParser(html))
    dom.locate(walked.units, html)
    assert [(u.text, u.start, u.end) for u in walked.units] == [
        ("第一段正文， 写在两行里。", 4, 5),
        ("第二段正文。", 7, 7),
    ]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_CHARS, max_size=80), st.text(alphabet=_CHARS, max_size=80))
def test_unit_keys_are_the_first_and_last_findall_keys(first, last):
    for unit in (dom.Unit(0, "paragraph", first=first, last=first), dom.Unit(0, "paragraph", first=first, last=last)):
        head, tail = dom._KEY.findall(unit.first), dom._KEY.findall(unit.last)
        assert dom._keys(unit) == (head[0] if head else "", tail[-1] if tail else "")
