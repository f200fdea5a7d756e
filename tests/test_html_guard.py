"""The HTML input guards' fast tests agree with the slow, obvious computation they replace."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanweb.guard import (
    _FOLDS,
    _OPENING_PREFIX,
    _SCOPE_TAG,
    _SCOPE_TAGS,
    check_text,
    depth_bound,
    limit_nesting,
    nesting_depth,
)

# Pieces of markup: scope tags in both cases, with attributes, a tag `\b` rejects
# (<divx>), tags that do not count (<p>, <span>), text and a lone "<".
_PIECES = st.sampled_from([
    "<div>", "</div>", "<DIV class='a'\n>", "</Div>", "<ul>", "</ul>", "<table id=t>", "</table>",
    "<section>", "</section>", "<divx>", "</divx>", "<p>", "</p>", "<span>", "正文", "\n", "<", "a>",
])


def _depth_by_hand(html: str) -> int:
    """The depth limit_nesting's tag-by-tag walk reaches (closing at depth 0 stays at 0)."""
    depth = deepest = 0
    for m in _SCOPE_TAG.finditer(html):
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        deepest = max(deepest, depth)
    return deepest


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=60), st.integers(min_value=0, max_value=6))
def test_nesting_depth_is_the_walks_depth_and_decides_flattening(pieces, limit):
    html = "".join(pieces)
    depth = nesting_depth(html)
    assert depth == _depth_by_hand(html)
    flat, removed = limit_nesting(html, limit)
    assert (removed > 0) == (depth > limit)
    assert flat.count("\n") == html.count("\n")
    if not removed:
        assert flat == html


def test_opening_prefixes_bound_the_openings_the_flattening_regex_counts():
    # Every character regex.I takes for a letter of a scope tag is in that letter's class.
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    for letter in set("".join(_SCOPE_TAGS)):
        matched = set(regex.findall("(?i)" + letter, everything))
        assert matched == {letter, letter.upper(), *_FOLDS.get(letter, "")}
    page = "<DIV><ſection><table\n><dialog></div><div_x><p><a href=x><Ul class=u>" * 3
    openings = sum(1 for m in _SCOPE_TAG.finditer(page) if not m.group(1))
    assert openings == 15 and len(_OPENING_PREFIX.findall(page)) >= openings


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES | st.sampled_from(["</DIV >", "</div/>", "</diV\t>", "</ſection>", "<head>", "<font>"]),
                max_size=60))
def test_the_cheap_tests_never_go_below_the_depth(pieces):
    html = "".join(pieces)
    assert len(_OPENING_PREFIX.findall(html)) >= depth_bound(html) >= nesting_depth(html)


def test_depth_bound_is_the_depth_on_plain_markup():
    page = "<div class=a><ul><li>一</li></ul><TABLE><tr><td>二</td></tr></TABLE></div>" * 600
    assert depth_bound(page) == nesting_depth(page) == 2
    assert limit_nesting(page) == (page, 0)


def test_nesting_depth_examples():
    assert nesting_depth("") == 0
    assert nesting_depth("<p><span>正文</span></p>") == 0
    assert nesting_depth("</div></div><div><div></div><div>") == 2  # stray closings clamp at 0
    assert nesting_depth("<DIV class=x><Table><p><ul></ul><ul>") == 3
    assert nesting_depth("<div>" * 600) == 600


def test_page_just_at_the_limit_is_left_alone_one_deeper_is_flattened():
    at = "<div>" * 5 + "正文" + "</div>" * 5
    assert limit_nesting(at, 5) == (at, 0)
    flat, removed = limit_nesting("<div>" + at + "</div>", 5)
    assert removed == 2 and flat == at


_BAD = regex.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f]")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("正文 a\t\n\r\x0b\x0c\x1c\x1d\x1e\x1b\x00\x07\x1f\x7f\x80\ud800")),
               max_size=40))
def test_check_text_removes_exactly_the_control_characters(text):
    bad = len(_BAD.findall(text)) + text.count("\ud800")
    if bad > max(0.05 * len(text), 16):
        return  # binary: covered by tests/test_hostile.py
    clean, edits, flags = check_text(text)
    assert clean == _BAD.sub("", text).replace("\ud800", "\ufffd")
    assert flags.get("control_chars", 0) == len(_BAD.findall(text))
    assert [e.family for e in edits] == (["control"] if _BAD.search(text) else []) + (
        ["surrogate"] if "\ud800" in text else []
    )


def test_check_text_leaves_tabs_line_breaks_and_separators():
    text = "标题\t正文\r\n\x0b\x0c\x1c\x1d\x1e下一行"
    assert check_text(text) == (text, [], {})


def test_the_fast_control_test_looks_for_the_same_characters_the_regex_removes():
    from cleanweb.guard import _CONTROL, _CONTROL_CHAR_BYTES

    chars = {chr(i) for i in range(0x110000) if _CONTROL.match(chr(i))}
    assert {b.decode("ascii") for b in _CONTROL_CHAR_BYTES} == chars


def test_check_text_finds_controls_and_surrogates_next_to_wide_characters():
    # A control character's byte value also occurs inside UTF-16 code units of ideographs
    # (U+4E00 holds 0x00): the test must still see only real control characters.
    assert check_text("一丁七万丈三上下丌不与丐丑专且丕世丘丙业丛东丝丞") == (
        "一丁七万丈三上下丌不与丐丑专且丕世丘丙业丛东丝丞", [], {}
    )
    clean, edits, flags = check_text("正\x00文\ud83d。")
    assert clean == "正文\ufffd。"
    assert flags == {"control_chars": 1, "lone_surrogates": 1}
    assert [(e.family, e.before) for e in edits] == [("control", "\x00"), ("surrogate", "\ud83d")]
