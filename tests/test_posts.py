"""Post heads: the lines that open or close one post of a thread."""

from __future__ import annotations

from cleanweb.posts import head_rule, is_post_head


def test_post_head_kinds() -> None:
    assert head_rule("gazeldx #3 1 月前") == "floor"
    assert head_rule("12楼") == "floor"
    assert head_rule("客栈小k | 扫地 | 6天前") == "relative-time"
    assert head_rule("发表于 2023-07-06 23:12") == "posted"
    assert head_rule("第3章 回到过去") is None
    assert head_rule("沙发") == head_rule("地板") == "floor"  # Discuz's names of floors 2 to 4
    assert head_rule("5#") == "floor"
    assert head_rule("沙发是新买的") is None
    assert head_rule("用 c# 写的") is None
    assert head_rule("我们 3 天前去过那里") is None  # a relative time inside a sentence is no head


def test_counting_heads_skips_sentences_and_long_lines() -> None:
    texts = [
        "小明 #1 3 天前",
        "老张 2023-05-01 10:12",  # a dated byline
        "1 楼我的评论被删除了。有什么问题吗？",  # a reply that names a floor
        "三天前我去了趟北京，回来的路上一直在想这件事情，" * 3,
        "作者：新华社",  # a byline with no date is no post head
    ]
    assert sum(map(is_post_head, texts)) == 2
