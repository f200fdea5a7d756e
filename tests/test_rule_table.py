"""RuleTable finds the same first rule per line as trying every rule on every line, only faster."""

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cleanweb._literals import page_safe, required_literals
from cleanweb.patterns import RuleTable, compile_rules, first_match, load_rules
from cleanweb.text import split_lines

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


def test_required_literals_of_sequences_branches_and_classes():
    assert required_literals("转载请注明", False) == {"转载请注明"}
    assert required_literals(r"^\s*(?:上一篇|下一篇)\s*[:：]", False) == {"上一篇", "下一篇"}
    assert required_literals(r"(?:服务|客服)?(?:热线|电话)\s*\d{7,}", False) == {"热线", "电话"}
    assert required_literals(r"[>›»]", False) == {">", "›", "»"}
    assert required_literals("Copyright", True) == {"copyright"}


def test_no_literal_guarantee_is_none():
    assert required_literals(r"^\s*\d{1,6}\s*$", False) is None  # \d is a category, not literals
    assert required_literals(r"(?:foo)?bar|\w+", False) is None  # one branch needs nothing
    assert required_literals(r"\p{Han}+市", False) is None  # regex-module syntax: not analysed
    assert required_literals("(?s)abc", False) is None  # inline flags: not analysed
    assert required_literals("Üï", True) is None  # cased non-ASCII under ignore-case
    assert required_literals("Ünïcode", True) == {"code"}


def test_page_safety():
    assert page_safe(r"^\s*[0-9]{1,6}\s*$")
    assert page_safe(r"欢迎(?:您|你)?[!！]?\s*$")
    assert not page_safe(r"^[^>]{0,20}+$")  # a possessive repeat could swallow the newline
    assert not page_safe(r"(?<!\s)x")
    assert not page_safe(r"x(?!\s)")
    assert not page_safe(r"\Ax")


LINES = [
    "免责声明：本站内容仅供参考",
    "责任编辑：张三",
    "首页 > 新闻 > 正文",
    "123",
    "  42 ",
    "copyright © 2024 example",
    "ICP备12345678号",
    "扫一扫关注我们",
    "这是一段正文，讲述了一个故事。",
    "编辑部的故事",
    "上一篇：某标题",
    "欢迎光临",
    "",
    "电话：010-12345678",
]


@pytest.mark.parametrize("table", ["boilerplate_patterns", "nav_patterns"])
def test_packaged_tables_agree_line_by_line(table):
    rules = load_rules(table)
    lines = [line.casefold() for line in LINES]  # tables match the case-folded view
    for seed in sorted(SEEDS.iterdir()):
        lines += split_lines(seed.read_text("utf-8", errors="replace").casefold())
    lines = [line.replace("\n", " ") for line in lines]
    expected = [first_match(rules, line) for line in lines]
    assert RuleTable(rules).first_matches(lines) == expected
    assert {"disclaimer", "editor", "copyright"} <= set(expected) or {"breadcrumb", "share", "app"} <= set(expected)


def test_overlapping_literals_are_all_seen():
    rules = compile_rules(["long\t编辑部门", "short\t部门经理"])
    table = RuleTable(rules)
    assert table.first_matches(["编辑部门经理", "部门经理", "编辑部"]) == ["long", "short", None]


def test_unsafe_rule_without_literals_is_tried_on_every_line():
    rules = compile_rules(["tail\t" + r"^\D{0,3}+$"])
    table = RuleTable(rules)
    assert table.first_matches(["ab", "abcdef", "xyz"]) == ["tail", None, "tail"]


ALPHABET = "编辑部门经理:：>›0123456789 abcCOPYRIGHT©上一篇\t"


@given(st.lists(st.text(alphabet=ALPHABET, max_size=12), max_size=8))
def test_any_lines_agree_with_first_match(lines):
    rules = load_rules("boilerplate_patterns") + load_rules("nav_patterns")
    lines = [line.lower() for line in lines]
    assert RuleTable(rules).first_matches(lines) == [first_match(rules, line) for line in lines]
