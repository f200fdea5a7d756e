"""Lexicon: terms found leftmost-longest, and the lines of a page that hold one."""

from cleanweb._page import JoinedLines
from cleanweb.lexicon import Lexicon


def test_findall_is_leftmost_longest_on_the_normalised_view():
    lexicon = Lexicon(["彩票", "彩票网", "網站"])  # terms are stored in the judging view: 網站 -> 网站
    assert lexicon.findall("买彩票网站和彩票") == ["彩票网", "彩票"]
    assert lexicon.findall("网站") == ["网站"]
    assert lexicon.search("无关的句子。") is False


def test_lines_with_a_term_counts_positions_in_characters():
    lexicon = Lexicon(["彩票", "𠀀字"])  # an astral character before a hit must not shift lines
    page = JoinedLines(["𠀀𠀀字彩票", "没有", "前𠀀字", "彩", "票"])
    assert lexicon.lines_with(page) == {0, 2}
    assert page.line_of(page.starts[2]) == 2


def test_empty_lexicon_finds_nothing():
    lexicon = Lexicon([" ", ""])
    assert len(lexicon) == 0
    assert lexicon.findall("任何文字") == []
    assert lexicon.lines_with(JoinedLines(["任何文字"])) == set()
