"""Mojibake families: every case is made by a real encode/decode call and must come back exactly."""

import pytest

from cleanweb import repair, repair_and_explain
from cleanweb.repair._edits import replay

SIMPLIFIED = [
    "文章",
    "中文编码问题",
    "这篇文章很好，我们都喜欢读。",
    "人工智能的技术能力",
    "今年的粮食产量创历史新高",
    "市场机会多了",
    "学生们正在准备考试",
    "北京时间下午三点",
]
TRADITIONAL = [
    "國家發展報告書",
    "這篇文章很好",
    "我們都喜歡讀書",
    "學生們正在準備考試",
    "天氣預報說明天有雨",
    "電腦軟體公司",
    "中華民國總統府",
    "他們在會議上討論經濟",
]


def _utf8_as(codec):
    return lambda s: s.encode("utf-8").decode(codec)


def _double(s):
    return s.encode("utf-8").decode("latin-1").encode("utf-8").decode("latin-1")


# family -> (how the page was broken, the texts it is applied to)
FAMILIES = {
    "gbk_utf8": (_utf8_as("gb18030"), ["文章", "中文编码问题", "今年的粮食产量创历史新高", "市场机会多了", "北京时间下午三点", "這篇文章很好", "電腦軟體公司"]),
    "latin1_utf8": (_utf8_as("latin-1"), SIMPLIFIED + TRADITIONAL),
    "latin1_utf8_cp1252": (_utf8_as("cp1252"), ["文章", "人工智能的技术能力", "市场机会多了", "学生们正在准备考试", "國家發展報告書", "這篇文章很好"]),
    "double_utf8": (_double, SIMPLIFIED + TRADITIONAL),
    "latin1_gbk": (lambda s: s.encode("gbk").decode("latin-1"), SIMPLIFIED + TRADITIONAL),
    "latin1_gbk_cp1252": (lambda s: s.encode("gbk").decode("cp1252"), ["中文编码问题", "人工智能的技术能力", "市场机会多了", "學生們正在準備考試", "電腦軟體公司"]),
    "big5_gbk": (lambda s: s.encode("gbk").decode("big5"), ["中文编码问题", "这篇文章很好，我们都喜欢读。", "今年的粮食产量创历史新高", "市场机会多了", "学生们正在准备考试"]),
    "gbk_big5": (lambda s: s.encode("big5").decode("gb18030"), TRADITIONAL),
}
CASES = [(fam, text) for fam, (_, texts) in FAMILIES.items() for text in texts]


def test_every_family_has_at_least_five_cases():
    for fam, (_, texts) in FAMILIES.items():
        assert len(texts) >= 5, fam


@pytest.mark.parametrize("family,original", CASES)
def test_broken_run_is_repaired_exactly(family, original):
    broken = FAMILIES[family][0](original)
    assert broken != original
    fixed, edits = repair_and_explain(broken)
    assert fixed == original
    assert edits and replay(broken, edits) == fixed
    expected = family.removesuffix("_cp1252")
    assert {e.family for e in edits} == {expected}


@pytest.mark.parametrize("family", ["gbk_utf8", "latin1_utf8", "latin1_gbk", "double_utf8", "big5_gbk"])
def test_broken_run_inside_clean_text_is_repaired_alone(family):
    original = "今年的粮食产量创历史新高"
    broken = FAMILIES[family][0](original)
    before, after = "记者报道：", "。下一段正常，GPU 2024年。"
    fixed, edits = repair_and_explain(before + broken + after)
    assert fixed == before + original + after
    assert all(e.pos >= len(before) for e in edits)


def test_cut_short_final_character_becomes_one_loss_marker():
    # UTF-8 read as GBK with replacement: the odd last byte is lost, the rest comes back.
    broken = "这篇文章很好，我们都喜欢读。".encode().decode("gb18030", errors="replace")
    fixed = repair(broken)
    assert fixed == "这篇文章很好，我们都喜欢读\ufffd"


def test_latin1_repair_leaves_chinese_punctuation_and_quotes_alone():
    text = "他说：“你好！”（见第２页）"
    assert repair("“中文”，‘引号’——省略号……") == "“中文”，‘引号’——省略号……"
    assert repair(text) == "他说：“你好！”（见第2页）"


def test_accented_latin_words_are_not_touched():
    for text in ("café crème brûlée", "naïve résumé", "Ærø Å Ø", "München Straße", "€100 – ½ price"):
        assert repair(text) == text


@pytest.mark.parametrize(
    "broken,fixed",
    [("鏂囩珷", "文章"), ("ä¸\u00adæ–‡", "中文"), ("ÖÐÎÄ", "中文"), ("Ã¤Â¸Â\u00adÃ¦Â\u0096Â\u0087", "中文")],
)
def test_examples_from_the_issue(broken, fixed):
    assert repair(broken) == fixed


@pytest.mark.parametrize(
    "original,broken",
    [
        (s, s.encode("gbk").decode("big5"))
        for s in ("他在2004年1月出生，2010年8月上学", "第3章 第12节 共45页")
    ]
    + [
        (t, t.encode("big5").decode("gb18030"))
        for t in ("會議於2024年5月20日在臺北舉行", "第3章 第12節 共45頁")
    ],
)
def test_double_byte_swaps_span_digits_and_spaces(original, broken):
    assert repair(broken) == original
