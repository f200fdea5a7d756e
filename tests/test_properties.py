"""Properties of `clean` for any input, checked with hypothesis.

- any str or bytes: a CleanResult or a documented cleanweb error, nothing else;
- deterministic: the same input gives the same result;
- idempotent: cleaning the output again changes nothing;
- nothing invented: every output character is in the input or in a recorded edit;
- clean prose in, the same prose out.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import cleanweb
from cleanweb.errors import CleanwebError

SENTENCES = [
    line
    for line in (Path(__file__).parent / "data" / "prose_zh.txt").read_text("utf-8").splitlines()
    if line and not line.startswith("#")
]
# Lines a page carries around its article: menus, bylines, notices, teasers, counters.
NOISE = [
    "首页 | 新闻 | 体育 | 财经 | 娱乐",
    "您的位置：首页 > 新闻 > 正文",
    "作者：李明 来源：新华网 2024-10-23 11:23",
    "责任编辑：王芳",
    "版权所有 © 2024 某某网 京ICP备12345678号",
    "相关阅读",
    "热门推荐",
    "上一篇：城市更新带来新变化",
    "分享到：",
    "1234 阅读",
    "返回顶部",
    "登录 注册",
    "扫码下载客户端",
]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Characters pages break on: CJK, separators, whitespace, controls, surrogates, entities.
CHARS = st.one_of(
    st.characters(),
    st.sampled_from(list("的一是了，。！？、|｜>›-_()（）【】&#;<>/ \t\n\r\u3000\x00\x1b锟斤拷")),
)
LINES = st.one_of(
    st.sampled_from(SENTENCES),
    st.sampled_from(NOISE),
    st.text(CHARS, max_size=60),
    st.lists(st.sampled_from(SENTENCES), min_size=2, max_size=5).map("".join),
)
PAGES = st.lists(LINES, max_size=25).map("\n".join)


def _clean(data):
    try:
        return cleanweb.clean(data)
    except CleanwebError:
        return None


@FAST
@given(st.one_of(st.text(CHARS, max_size=400), PAGES))
def test_any_str_gives_a_result_or_a_documented_error(data):
    result = _clean(data)
    assert result is None or isinstance(result, cleanweb.CleanResult)


@FAST
@given(st.one_of(st.binary(max_size=2000), PAGES.map(lambda p: p.encode("utf-8", "replace"))))
@example(b"\x89PNG\r\n\x1a\n\x00\x00")
@example(b"\x00" * 64)
def test_any_bytes_give_a_result_or_a_documented_error(data):
    result = _clean(data)
    assert result is None or isinstance(result, cleanweb.CleanResult)


@FAST
@given(PAGES)
def test_clean_is_deterministic(page):
    first, second = _clean(page), _clean(page)
    if first is None:
        assert second is None
        return
    assert (first.text, first.title, first.removed, first.edits, first.meta) == (
        second.text, second.title, second.removed, second.edits, second.meta
    )


@FAST
@given(PAGES)
@example("²\x80 ")  # found by hypothesis: the repair judges the run with its trailing space
@example("\x81@\xad²")  # found by hypothesis: dropping a soft hyphen made a recodable run
@example(  # found by hypothesis: a breadcrumb taken back as the title on the first pass only
    "您的位置：首页 > 新闻 > 正文\n作者：李明 来源：新华网 2024-10-23 11:23\n"
    + "今天上午，市政府召开新闻发布会，介绍了今年前三季度全市经济运行的总体情况。" * 5
)
@example(  # found by hypothesis: a byline split a menu run only until it was removed
    "今天上午，市政府召开新闻发布会，介绍了今年前三季度全市经济运行的总体情况。\n<\n<\n"
    "作者：李明 来源：新华网 2024-10-23 11:23\n<"
)
def test_clean_is_idempotent(page):
    once = _clean(page)
    if once is None:
        return
    assert cleanweb.clean(once.text).text == once.text


@FAST
@given(st.one_of(PAGES, st.text(CHARS, max_size=300)))
def test_nothing_is_invented(page):
    result = _clean(page)
    if result is None:
        return
    allowed = set(page) | {"\n"}
    for edit in result.edits:
        allowed |= set(edit.after)
    invented = set(result.text) - allowed
    assert not invented, f"characters from nowhere: {sorted(invented)}"


@FAST
@given(st.lists(st.lists(st.sampled_from(SENTENCES), min_size=2, max_size=5), min_size=2, max_size=6))
def test_clean_prose_comes_out_unchanged(paragraphs):
    page = "\n".join("".join(p) for p in paragraphs) + "\n"
    result = cleanweb.clean(page)
    assert result.text == page
    assert result.removed == []
    # Whatever normalisation ran changed nothing here, so no edit claims a change.
    assert all(edit.before == edit.after for edit in result.edits)
