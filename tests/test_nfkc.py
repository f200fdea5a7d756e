"""The judging view: the fast NFKC equals unicodedata's on any text; letter-spaced lines close up."""

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


def test_judge_view_closes_up_letter_spaced_lines_but_not_short_headings():
    from cleanweb._norm import judge_view

    assert judge_view("人 民 网 股 份 有 限 公 司 版 权 所 有 ，未 经 书 面 授 权 禁 止 使 用") == (
        "人民网股份有限公司版权所有 ,未经书面授权禁止使用"
    )
    assert judge_view("熱 點 推 薦") == "热 点 推 荐"  # a typographic heading stays spaced
    assert judge_view("首页 新闻 体育 财经 娱乐 科技") == "首页 新闻 体育 财经 娱乐 科技"  # words, not letters
    assert judge_view("第一行 A B C D E F\n第 二 行 的 字 母") == "第一行 a b c d e f\n第二行的字母"


def test_letter_spaced_copyright_footer_is_boilerplate():
    import cleanweb

    article = "据新华社报道，今年全国粮食总产量再创新高，达到一万四千亿斤以上，连续多年稳定在一万三千亿斤以上。"
    page = f"{article}\n{article[:20]}相关部门表示，将继续加强农田水利建设，提高粮食综合生产能力。\n人 民 网 股 份 有 限 公 司 版 权 所 有 ，未 经 书 面 授 权 禁 止 使 用\n"
    result = cleanweb.clean(page, kind="text")
    assert "版 权" not in result.text
    assert [r.filter for r in result.removed] == ["boilerplate"]


def test_letter_spaced_gambling_spam_is_judged_as_spam():
    import cleanweb

    article = "据新华社报道，今年全国粮食总产量再创新高，达到一万四千亿斤以上，连续多年稳定在一万三千亿斤以上。"
    page = f"澳 门 葡 京 赌 场 官 网 在 线 开 户 送 彩 金\n{article}\n{article[:30]}相关部门表示将继续加强建设。\n"
    result = cleanweb.clean(page, kind="text")
    assert [(r.filter, r.rule) for r in result.removed] == [("spam", "stuffing")]
