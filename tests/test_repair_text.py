"""Repairs that are not mojibake: losses, fill runs, leaked markup, escapes, width, invisibles."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanweb import repair, repair_and_explain
from cleanweb.repair import lines_needing_repair, needs_repair, repair_text
from cleanweb.repair._edits import apply, diff, replay

# --- lost text -------------------------------------------------------------------------

KUNJINKAO = "\ufffd\ufffd".encode("utf-8").decode("gbk")  # what U+FFFD twice looks like read as GBK


def test_kunjinkao_is_what_replacement_characters_look_like_as_gbk():
    assert KUNJINKAO == "锟斤拷"


@pytest.mark.parametrize(
    "broken,runs",
    [
        (f"价格{KUNJINKAO * 3}元", 1),
        (f"价格{KUNJINKAO}元，数量{KUNJINKAO * 2}个", 2),
        ("标题\ufffd\ufffd\ufffd\ufffd正文", 1),
        (f"甲{KUNJINKAO}\ufffd乙", 1),
    ],
)
def test_lost_runs_become_one_marker_each_and_are_counted(broken, runs):
    out = repair_text(broken)
    assert out.text.count("\ufffd") == runs
    assert "锟" not in out.text and "\ufffd\ufffd" not in out.text
    assert out.flags == {"lost_text": runs}
    assert {e.family for e in out.edits} <= {"loss"}


def test_single_marker_is_counted_but_unchanged():
    out = repair_text("第\ufffd章")
    assert out.text == "第\ufffd章" and out.edits == [] and out.flags == {"lost_text": 1}


def test_fill_runs_are_dropped():
    cc = bytes([0xCC] * 8).decode("gbk")  # MSVC's uninitialised stack bytes read as GBK
    cd = bytes([0xCD] * 6).decode("gbk")
    assert cc == "烫烫烫烫" and cd == "屯屯屯"
    assert repair(f"开始{cc}结束") == "开始结束"
    assert repair(f"开始{cd}结束") == "开始结束"
    assert repair("这汤烫烫的") == "这汤烫烫的"


# --- leaked markup ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "broken,fixed",
    [
        ("芯片<b class='flag-5'>AI</b>算力", "芯片AI算力"),
        ("机会。</span>", "机会。"),
        ("水平?/span>", "水平"),
        ('<span style="color:red">红色</span>的字', "红色的字"),
        ("第一行<br>第二行<br/>第三行<BR />第四行", "第一行\n第二行\n第三行\n第四行"),
        ("标题<p>段落</p>", "标题段落"),
    ],
)
def test_leaked_tags_are_stripped(broken, fixed):
    assert repair(broken) == fixed


@pytest.mark.parametrize(
    "text",
    ["if (a<b and c>d) return", "vector<int> v; List<String> names;", "x <= 3 && y >= 2", "<<返回上一页", "<不存在的标签>"],
)
def test_code_and_prose_with_angle_brackets_are_kept(text):
    assert repair(text) == text


@pytest.mark.parametrize(
    "broken,fixed",
    [
        ("中&nbsp;文", "中\u00a0文"),
        ("&#20013;&#25991;", "中文"),
        ("&#x4e2d;&#x6587;", "中文"),
        ("他说&ldquo;好&rdquo;", "他说“好”"),
        ("A&amp;B公司", "A&B公司"),
        ("双重&amp;quot;转义&amp;quot;", '双重"转义"'),
        ("&amp;amp;lt;三重", "<三重"),
    ],
)
def test_entities_are_unescaped_also_when_escaped_twice(broken, fixed):
    assert repair(broken) == fixed


def test_text_that_only_looks_like_an_entity_is_kept():
    for text in ("AT&T公司", "R&D部门", "a & b", "&不是实体;"):
        assert repair(text) == text


# --- escapes --------------------------------------------------------------------------


def test_unicode_escapes_standing_as_text_are_decoded():
    escaped = "".join(f"\\u{ord(c):04x}" for c in "中文")
    assert repair(f"标题：{escaped} 内容") == "标题：中文 内容"
    emoji = "😀".encode("utf-16-be").hex()
    assert repair(f"表情 \\u{emoji[:4]}\\u{emoji[4:]} 中文") == "表情 \\u" + emoji[:4] + "\\u" + emoji[4:] + " 中文"


def test_percent_encoded_utf8_standing_as_text_is_decoded():
    from urllib.parse import quote

    assert repair(f"搜索 {quote('中文')} 的结果") == "搜索 中文 的结果"


@pytest.mark.parametrize(
    "text",
    [
        'print("\\u4e2d\\u6587")',
        "s = '\\u4e2d'",
        "https://zh.wikipedia.org/wiki/%E4%B8%AD%E6%96%87 页面",
        "见 www.example.com/%E4%B8%AD%E6%96%87",
        "q=%E4%B8%AD%E6%96%87&lang=zh",
        "涨幅 25%，跌幅 %E5",
    ],
)
def test_escapes_in_urls_and_code_are_kept(text):
    assert repair(text) == text


# --- width and invisible characters --------------------------------------------------------


def test_full_width_letters_and_digits_become_half_width_punctuation_stays():
    assert repair("Ｇｏｏｇｌｅ于２０２４年发布ＡＩ。") == "Google于2024年发布AI。"
    punct = "，。！？：；（）“”、《》【】"
    assert repair(f"他说{punct}完") == f"他说{punct}完"


@pytest.mark.parametrize("invisible", ["\u200b", "\u2060", "\ufeff", "\u00ad"])
def test_invisible_characters_are_removed(invisible):
    assert repair(f"中{invisible}文{invisible}{invisible}字") == "中文字"


def test_zero_width_joiner_kept_inside_emoji_removed_elsewhere():
    family = "👨\u200d👩\u200d👧"
    assert repair(f"我们一家{family}很好") == f"我们一家{family}很好"
    assert repair("中\u200d文") == "中文"


# --- the audit trail ----------------------------------------------------------------------


def test_edits_replay_in_order_with_family_and_position():
    broken = "Ｎｏ．１<b>新闻</b>&amp;鏂囩珷\u200b锟斤拷"
    fixed, edits = repair_and_explain(broken)
    assert fixed == "No．1新闻&文章\ufffd"
    assert replay(broken, edits) == fixed
    assert [e.family for e in edits] == ["markup", "markup", "entity", "gbk_utf8", "loss", "width", "width", "invisible"]
    tag = edits[0]
    assert (tag.before, tag.after, tag.pos) == ("<b>", "", 4)


def test_clean_text_has_no_edits():
    text = "这是一段干净的中文。It has English, 2024 digits and a URL: https://example.com/a?b=1"
    assert repair_and_explain(text) == (text, [])


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="國家(guó)?ab不少，。", max_size=60), st.text(alphabet="國家(guó)?ab不少，。", max_size=60))
def test_linear_diff_always_rebuilds_the_target(before, after):
    out, edits = apply(before, diff(before, after, "x"))
    assert out == after
    assert replay(before, edits) == after


@given(st.lists(st.text(alphabet=list("中文的?/烫屯<&é锟\ufffd\n a１"), max_size=10), max_size=8))
def test_lines_needing_repair_agrees_with_needs_repair(lines):
    assert lines_needing_repair(lines) == {i for i, line in enumerate(lines) if needs_repair(line)}
