"""ScriptFilter in pipelines: meta["script"], edits, options from config, errors."""

import pytest

import cleanweb
from cleanweb import Document, Pipeline, ScriptFilter
from cleanweb.document import Block, Verdict


def _doc(*lines: str) -> Document:
    return Document(source="\n".join(lines), blocks=[Block(t, i + 1, i + 1, index=i) for i, t in enumerate(lines)])


def test_simplified_page_to_simplified_is_untouched_and_meta_says_simplified():
    doc = _doc("乾坤未定，於是我们著手研究。", "这是第二段文字。")
    ScriptFilter(to="simplified").apply(doc)
    assert doc.meta["script"] == "simplified"
    assert [b.text for b in doc.blocks] == ["乾坤未定，於是我们著手研究。", "这是第二段文字。"]
    assert doc.edits == []


def test_traditional_page_to_simplified_records_every_conversion():
    doc = _doc("我們的軟體。", "乾燥。")
    ScriptFilter(to="simplified").apply(doc)
    assert doc.meta["script"] == "traditional"
    # 乾燥 has no one-script character; it follows the page's script and is converted too.
    assert [b.text for b in doc.blocks] == ["我们的软体。", "干燥。"]
    assert [(e.family, e.before, e.after, e.pos, e.block) for e in doc.edits] == [
        ("script", "們", "们", 1, 0),
        ("script", "軟體", "软体", 3, 0),
        ("script", "乾", "干", 0, 1),
    ]


def test_mixed_page_comes_out_in_one_script_and_meta_says_mixed():
    doc = _doc("我的電腦壞了。", "这是新买的软件。")
    ScriptFilter(to="taiwan").apply(doc)
    assert doc.meta["script"] == "mixed"
    assert [b.text for b in doc.blocks] == ["我的電腦壞了。", "這是新買的軟體。"]


def test_dropped_blocks_are_neither_counted_nor_converted():
    doc = _doc("這是廣告內容。", "这是正文。")
    doc.blocks[0].verdict = Verdict("spam", "test")
    ScriptFilter(to="simplified").apply(doc)
    assert doc.meta["script"] == "simplified"
    assert doc.blocks[0].text == "這是廣告內容。"


def test_keep_reports_script_without_converting():
    doc = _doc("這是正文。")
    ScriptFilter(to="keep").apply(doc)
    assert doc.meta["script"] == "traditional"
    assert doc.blocks[0].text == "這是正文。" and doc.edits == []


def test_protect_and_phrases_options():
    doc = _doc("台湾的软件。")
    ScriptFilter(to="taiwan", protect=["台湾"]).apply(doc)
    assert doc.blocks[0].text == "台湾的軟體。"
    doc = _doc("這個軟體的滑鼠。")
    ScriptFilter(to="simplified", phrases=True).apply(doc)
    assert doc.blocks[0].text == "这个软件的鼠标。"


def test_options_and_config_file_route():
    pipe = Pipeline.default(to="traditional", config={"filters": {"script": {"protect": ["台湾"]}}})
    f = pipe.get("script")
    assert f.options() == {"to": "traditional", "phrases": None, "protect": ("台湾",), "source": "auto"}


def test_clean_reports_script_in_result_meta():
    page = "這是一篇很長的文章，講述了一個重要的故事。它有很多句子，每一句都很有意思。\n"
    result = cleanweb.clean(page, to="simplified")
    assert result.meta["script"] == "traditional"
    assert "这是一篇很长的文章，讲述了一个重要的故事。" in result.text
    assert any(e.family == "script" and e.before == "這" and e.after == "这" for e in result.edits)


@pytest.mark.parametrize("bad", [{"to": "klingon"}, {"source": "martian"}, {"protect": "台湾"}])
def test_bad_options_raise_config_error(bad):
    with pytest.raises(cleanweb.ConfigError):
        ScriptFilter(**bad)


def test_title_and_byline_fields_follow_the_text():
    doc = _doc("這是正文的第一段。")
    doc.title = "這是標題"
    doc.meta.update({"title": "這是標題", "author": "張三", "url": "http://例子.台灣/體育"})
    ScriptFilter(to="simplified").apply(doc)
    assert (doc.title, doc.meta["title"], doc.meta["author"]) == ("这是标题", "这是标题", "张三")
    assert doc.meta["url"] == "http://例子.台灣/體育"  # not text: left alone
    assert ("標題", "标题", None) in [(e.before, e.after, e.block) for e in doc.edits]


def test_clean_html_title_is_converted():
    html = (
        "<html><head><title>這是標題</title></head><body><p>"
        + "這是一篇很長的文章，講述了一個重要的故事。它有很多句子，每一句都很有意思。" * 2
        + "</p></body></html>"
    )
    result = cleanweb.clean(html, to="simplified")
    assert result.title == "这是标题"
    assert result.meta["script"] == "traditional"
