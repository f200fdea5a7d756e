"""The public API exists and cleans the simplest page."""

import cleanweb


def test_clean_keeps_prose_and_drops_menu():
    page = "首页\n新闻\n体育\n财经\n\n这是一篇很长的文章，讲述了一个重要的故事。它有很多句子，每一句都很有意思。\n\n返回列表\n"
    result = cleanweb.clean(page)
    assert "这是一篇很长的文章" in result.text
    assert "首页" not in result.text and "返回列表" not in result.text
    assert {r.text for r in result.removed} >= {"首页", "返回列表"}
