"""HTML input: sniffing, broken markup, encodings, blocks and provenance, in-article noise."""

from __future__ import annotations

import pytest

import cleanweb
from cleanweb import Pipeline
from cleanweb.api import build_document
from cleanweb.errors import InputError
from cleanweb.filters import DomFilter
from cleanweb.html import looks_like_html

PARAS = [
    "国家统计局今天发布数据显示，今年前四个月全国规模以上工业增加值同比增长百分之六点二，增速比一季度加快零点一个百分点。",
    "分行业看，四十一个大类行业中有三十四个行业增加值保持同比增长，其中电子行业和汽车制造业增长较快，拉动作用明显。",
    "专家表示，随着一系列稳增长政策持续发力，市场需求逐步恢复，企业生产经营活动总体向好，经济运行有望保持平稳。",
]
NAV = '<ul class="nav"><li><a href="/">首页</a></li><li><a href="/n">新闻</a></li><li><a href="/s">体育</a></li><li><a href="/e">娱乐</a></li><li><a href="/f">财经</a></li></ul>'
FOOTER = '<div class="footer"><p>关于我们 | 联系我们 | 网站地图</p><p>Copyright 2024 某某网 版权所有</p></div>'
SIDEBAR = (
    '<div class="sidebar"><h3>热门排行</h3><ul>'
    + "".join(f'<li><a href="/h{i}">热门新闻标题第{i}条</a></li>' for i in range(8))
    + "</ul></div>"
)


def article(*, head: str = "", paras: list[str] = PARAS, extra: str = "") -> str:
    """A news page: nav, sidebar and footer around an article of `paras`."""
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n<title>工业生产稳中向好_某某新闻</title>\n"
        f"{head}</head>\n<body>\n{NAV}\n"
        f'<div class="main"><h1>工业生产稳中向好</h1>\n<div class="article">\n{body}\n{extra}</div></div>\n'
        f"{SIDEBAR}\n{FOOTER}\n</body>\n</html>\n"
    )


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


# --- sniffing -------------------------------------------------------------------------

@pytest.mark.parametrize(
    "data",
    [
        "<!DOCTYPE html><html><body><p>正文</p></body></html>",
        "<script>var a=1;</script>\n<!DOCTYPE html><html><body>正文</body></html>",
        "\ufeff<html><p>正文</p>",
        "<text><div><p>正文</p></div></text>",
        "  \n<meta charset='utf-8'><div>正文</div>",
        b"<html><head><meta charset='gbk'></head><body>\xd5\xfd\xce\xc4</body></html>",
        "前言一段文字\n" + "<div><p>第一段</p><p>第二段</p><a href='#'>链接</a><br></div>" * 3,
        "HTTP/1.1 200 OK\nContent-Type: text/html\n\n<!DOCTYPE html><html><body>正文</body></html>",
    ],
)
def test_sniffs_html(data: str | bytes) -> None:
    assert looks_like_html(data)


@pytest.mark.parametrize(
    "data",
    [
        "首页\n新闻\n正文第一段，说明了事情的经过。\n版权所有",
        "公式 a<b 且 b>c 时成立，<注意> 这里不是标签。",
        b"\xe6\xad\xa3\xe6\x96\x87",
        # page text with one line of leaked markup among its text lines
        "\n".join(["首页", "新闻", *PARAS, '<div class="ad"><a href="#"><img src="a.gif"></a></div>' * 4,
                   "相关阅读", "版权所有"] * 2),
    ],
)
def test_page_text_is_not_html(data: str | bytes) -> None:
    assert not looks_like_html(data)


def test_auto_kind_routes_html_and_text() -> None:
    assert build_document(article()).kind == "html"
    assert build_document("\n".join(PARAS)).kind == "text"


# --- article extraction and broken markup ---------------------------------------------

def test_article_kept_and_chrome_removed() -> None:
    result = cleanweb.clean(article())
    assert lines(result.text)[-3:] == PARAS
    for noise in ("首页", "热门新闻标题第3条", "版权所有", "网站地图"):
        assert noise not in result.text
    rules = {(r.filter, r.rule) for r in result.removed}
    assert ("dom", "outside-main") in rules


@pytest.mark.parametrize(
    "page",
    [
        # no <body>, no <html>, unclosed <p>
        "<title>工业生产稳中向好</title>" + NAV + "<div class=article>" + "".join(f"<p>{p}" for p in PARAS) + SIDEBAR,
        # script before the doctype, unclosed div
        "<script>document.write('x')</script><!DOCTYPE html><html><body>" + NAV
        + "<div class=article>" + "".join(f"<p>{p}</p>" for p in PARAS) + SIDEBAR,
        # a <text> wrapper around everything
        "<text>" + NAV + "<div class=article>" + "".join(f"<p>{p}</p>" for p in PARAS) + "</div>" + SIDEBAR + "</text>",
        # <br>-separated paragraphs in a layout table cell
        "<html><body><table><tr><td>" + NAV + "</td></tr><tr><td width=600>"
        + "<br><br>".join(PARAS) + "</td><td>" + SIDEBAR + "</td></tr></table></body></html>",
    ],
    ids=["no-body-unclosed", "script-before-doctype", "text-wrapper", "br-table-layout"],
)
def test_broken_markup_still_yields_article(page: str) -> None:
    result = cleanweb.clean(page, kind="html")
    assert lines(result.text)[-3:] == PARAS
    assert "热门新闻标题" not in result.text and "首页" not in result.text


def test_frameset_page_keeps_noframes_text() -> None:
    page = (
        "<html><head><title>框架页</title></head><frameset cols='20%,80%'>"
        "<frame src='menu.html'><frame src='main.html'>"
        f"<noframes><body><p>{PARAS[0]}</p></body></noframes></frameset></html>"
    )
    doc = build_document(page, "html")
    assert doc.kind == "html"  # no crash; frames carry no text of their own
    assert all("menu.html" not in b.text for b in doc.blocks)


def test_scripts_styles_forms_and_svg_are_not_text() -> None:
    extra = (
        "<script>var secret='脚本内容';</script><style>.a{color:red}</style>"
        "<form><input name=q><button>搜索</button></form><svg><text>矢量图文字</text></svg>"
        "<noscript>请启用脚本</noscript><template><p>模板内容</p></template>"
    )
    doc = build_document(article(extra=extra), "html")
    text = "\n".join(b.text for b in doc.blocks)
    for hidden in ("脚本内容", "color:red", "搜索", "矢量图文字", "请启用脚本", "模板内容"):
        assert hidden not in text


def test_in_article_share_bar_and_related_box_removed() -> None:
    extra = (
        '<div class="share-bar"><a href="#">分享到微信</a><a href="#">分享到微博</a></div>'
        '<div class="related"><h4>相关阅读</h4><ul>'
        + "".join(f'<li><a href="/r{i}">相关新闻第{i}篇报道</a></li>' for i in range(5))
        + "</ul></div>"
    )
    result = cleanweb.clean(article(extra=extra))
    assert lines(result.text)[-3:] == PARAS
    assert "分享到微信" not in result.text and "相关新闻第2篇报道" not in result.text
    # DomFilter alone recognises both boxes from their classes.
    doc = Pipeline([DomFilter()]).run(build_document(article(extra=extra), "html"))
    rules = {r.text: r.rule for r in doc.removed()}
    assert rules["分享到微信分享到微博"] == "noise-class:share"
    assert rules["相关新闻第2篇报道"] == "noise-class:related"
    assert [b.text for b in doc.kept() if b.features["zone"]][-3:] == PARAS


def test_content_split_across_sibling_containers_kept() -> None:
    page = (
        "<html><body>" + NAV + '<div class="wrap"><div class="part">'
        + "".join(f"<p>{p}</p>" for p in PARAS[:2])
        + '</div><div class="page-break"><span>1</span></div><div class="part">'
        + f"<p>{PARAS[2]}</p></div></div>" + SIDEBAR + FOOTER + "</body></html>"
    )
    assert lines(cleanweb.clean(page).text)[-3:] == PARAS


ABSTRACT = (
    "摘要：本文基于网络购物普及的背景，叙述了电子商务与物流配送的相关理论，分析了某网物流配送的现状，"
    "得出其配送中存在的主要问题，并从仓储布局、信息系统和末端网点三个方面提出了相应的对策与建议。"
    "研究表明，合理规划区域仓库、统一订单信息平台并发展社区自提网点，可以明显缩短配送时间，降低退货率和配送成本，提高顾客满意度。"
)
REFERENCES = (
    "[1] 张三. 电子商务环境下的物流配送问题研究[D]. 合肥: 某工业大学, 2008. "
    "[2] 李四. 现代物流管理理论[M]. 武汉: 某科技大学出版社, 2009. "
    "[3] 王五. 网络零售的物流配送模式分析[J]. 商业经济, 2011(23): 33-34. "
    "[4] 赵六. 虚拟物流中心构建的管理理论研究[D]. 保定: 某电力大学, 2004. "
    "[5] 钱七. 浅析如何打破我国电子商务发展中的物流瓶颈[J]. 江苏商论, 2002(8): 24-25."
)


def test_abstract_and_references_beside_the_body_box_are_kept() -> None:
    # The body box holds most of the prose, so the container is tightened to it; the
    # abstract and the references sit in prose-only boxes beside it.
    body = "".join(f"<p>第{n}节。{p}</p>" for n in range(1, 21) for p in PARAS)
    page = (
        "<html><body>" + NAV + '<div class="paper"><div class="title">网络购物物流配送问题研究</div>'
        + '<div><a href="/pdf">PDF</a> <a href="/xml">XML</a> 下载: 1,038 浏览: 6,323</div>'
        + f"<div><p>{ABSTRACT}</p></div>"
        + f'<div class="content">{body}</div>'
        + f"<div><p>{REFERENCES}</p></div>"
        + "<div><ul>" + "".join(f'<li><a href="/p{i}">相关论文标题第{i}篇</a></li>' for i in range(6)) + "</ul></div>"
        + "</div>" + SIDEBAR + FOOTER + "</body></html>"
    )
    doc = build_document(page)
    Pipeline.default().run(doc)
    kept = [b.text for b in doc.kept()]
    assert ABSTRACT in kept and REFERENCES in kept
    assert kept.index(ABSTRACT) < kept.index(f"第1节。{PARAS[0]}") < kept.index(REFERENCES)
    assert not any("热门新闻标题" in t or "版权所有" in t or "相关论文标题" in t for t in kept)


def test_image_becomes_nothing_and_alt_is_a_removed_caption() -> None:
    extra = '<p><img src="a.jpg" alt="工厂车间生产线照片"></p><figure><img src="b.jpg"><figcaption>图为车间</figcaption></figure>'
    doc = build_document(article(extra=extra), "html")
    captions = [b for b in doc.blocks if b.kind == "caption"]
    assert [b.text for b in captions] == ["工厂车间生产线照片", "图为车间"]
    assert captions[0].features["alt"] and not captions[1].features["alt"]
    assert "工厂车间生产线照片" not in cleanweb.clean(article(extra=extra)).text
    doc = Pipeline([DomFilter()]).run(build_document(article(extra=extra), "html"))
    assert [(r.rule, r.text) for r in doc.removed() if r.rule == "image-alt"] == [
        ("image-alt", "工厂车间生产线照片")
    ]


def test_hidden_link_spam_is_dropped() -> None:
    extra = '<div style="display:none"><a href="/x">澳门赌场</a> <a href="/y">在线娱乐</a></div>'
    result = cleanweb.clean(article(extra=extra))
    assert "澳门赌场" not in result.text
    assert lines(result.text)[-3:] == PARAS


# --- blocks, kinds, provenance and features -------------------------------------------

def test_blocks_have_kinds_source_lines_and_dom_features() -> None:
    page = article(extra="<ul class='points'><li>第一，增长较快，结构优化。</li><li>第二，效益改善，预期向好。</li></ul>"
                   "<table><tr><td>月份</td><td>增速</td></tr><tr><td>四月</td><td>6.7%</td></tr></table>")
    doc = build_document(page, "html")
    src = page.split("\n")
    by_text = {b.text: b for b in doc.blocks}
    for para in PARAS:
        block = by_text[para]
        assert block.kind == "paragraph"
        assert para in src[block.start - 1] and block.start == block.end
        f = block.features
        assert f["zone"] and f["tag"] == "p" and f["link_density"] == 0.0
        assert f["path"].endswith("div>div>p") and "article" in f["classes"]
    heading = by_text["工业生产稳中向好"]
    assert heading.kind == "heading" and "<h1>" in src[heading.start - 1]
    items = [b for b in doc.blocks if b.kind == "list" and b.features["zone"]]
    assert [b.text for b in items] == ["第一，增长较快，结构优化。", "第二，效益改善，预期向好。"]
    assert all(b.features["repeat"] == 2 for b in items)
    rows = [b.text for b in doc.blocks if b.kind == "table"]
    assert rows == ["月份 增速", "四月 6.7%"]
    nav = next(b for b in doc.blocks if "首页" in b.text)
    assert not nav.features["zone"] and nav.features["link_density"] == 1.0
    assert nav.start == 7  # the line of the <ul class="nav">
    assert doc.blocks[0].features["norm"]  # text features are measured too


def test_br_lines_are_separate_line_blocks() -> None:
    page = "<html><body><div class='content'>" + "<br>\n".join(PARAS) + "</div></body></html>"
    doc = build_document(page, "html")
    assert [b.text for b in doc.blocks] == PARAS
    assert [b.start for b in doc.blocks] == [1, 2, 3]
    assert {b.kind for b in doc.blocks[1:]} == {"line"}


def test_dom_filter_is_a_no_op_on_page_text() -> None:
    result = cleanweb.clean("\n".join(["首页 | 新闻 | 体育", *PARAS]), kind="text")
    assert not [r for r in result.removed if r.filter == "dom"]


def test_bad_mode_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="mode must be one of"):
        cleanweb.clean(article(), mode="blog")


def test_source_lines_found_past_a_long_inline_script() -> None:
    script = "<script>var state = " + '{"k": "' + "x" * 60_000 + '"};</script>'
    page = "<html><body>\n" + NAV + "\n" + script + "\n<div class='article'>\n" + "\n".join(
        f"<p>{p}</p>" for p in PARAS
    ) + "\n</div></body></html>"
    doc = build_document(page, "html")
    starts = {b.text: b.start for b in doc.blocks}
    assert [starts[p] for p in PARAS] == [5, 6, 7]


def test_entity_encoded_text_is_decoded_and_keeps_order() -> None:
    encoded = ["".join(f"&#{ord(c)};" for c in p) for p in PARAS]
    page = "<html><body><div class='article'>\n" + "\n".join(f"<p>{e}</p>" for e in encoded) + "\n</div></body></html>"
    doc = build_document(page, "html")
    assert [b.text for b in doc.blocks] == PARAS
    assert [b.start for b in doc.blocks] == sorted(b.start for b in doc.blocks)


def test_source_lines_of_text_the_parser_moved_out_of_a_table() -> None:
    page = (
        "<html><body>\n<div class='article'>\n"
        f"<p>{PARAS[0]}</p>\n"
        "<table><tr><td>甲方代表</td><td>乙方代表</td></tr>\n"
        f"{PARAS[1]}\n"  # text directly in <table>: the parser puts it before the table
        "</table>\n"
        f"<p>{PARAS[2]}</p>\n</div></body></html>"
    )
    doc = build_document(page, "html")
    assert [(b.text, b.start) for b in doc.blocks] == [
        (PARAS[0], 3), (PARAS[1], 5), ("甲方代表 乙方代表", 4), (PARAS[2], 7)
    ]


def test_html5_sectioning_elements_say_their_role() -> None:
    page = (
        "<html><body><header><nav><a href='/'>首页</a> <a href='/n'>新闻</a></nav></header><main><article>"
        + "".join(f"<p>{p}</p>" for p in PARAS)
        + "<aside><p>延伸阅读：另一篇关于工业经济运行情况的分析文章，值得一读。</p></aside>"
        "</article></main><footer><p>网站备案号：京ICP备12345678号，版权所有。</p></footer></body></html>"
    )
    doc = Pipeline([DomFilter()]).run(build_document(page, "html"))
    assert [b.text for b in doc.kept()] == PARAS
    rules = {r.text[:4]: r.rule for r in doc.removed()}
    assert rules["延伸阅读"] == "noise-class:aside"
    assert rules["网站备案"] == "outside-main"


def test_the_pages_own_title_names_the_document_not_a_line_near_the_body() -> None:
    # The article opens with a short on-topic line; the page says its title in <title>/<h1>.
    lead = "工业生产为什么稳中向好？下面从三个方面来说："
    result = cleanweb.clean(article(paras=[lead, *PARAS]), kind="html")
    assert result.title == "工业生产稳中向好"
    assert lines(result.text) == [lead, *PARAS]


def test_a_line_that_is_the_pages_title_is_the_title_block() -> None:
    page = article().replace('<div class="main"><h1>工业生产稳中向好</h1>\n<div class="article">',
                             '<div class="main"><div class="article"><p>工业生产稳中向好</p>')
    result = cleanweb.clean(page, kind="html")
    assert result.title == "工业生产稳中向好"
    assert [b.text for b in result.document.blocks if b.kind == "title"] == ["工业生产稳中向好"]


def test_teasers_under_a_recommendation_heading_go_even_when_their_image_alt_repeats_them() -> None:
    teasers = [
        ("致敬改革开放四十年，文化大家讲述亲历", "一个时代有一个时代的文艺，一个时代有一个时代的精神，文化大家分享求艺之路的故事。"),
        ("文脉颂中华·书院家国", "媒体团一同实地走访六大书院，深入挖掘书院文化中蕴含的丰富哲学思想和人文精神。"),
    ]
    boxes = "".join(
        f'<div class="hdNews"><p><img src="/t{i}.png" alt="{title} {summary}"><strong>{title}</strong> {summary}'
        f'<a href="/n{i}">【详细】</a></p></div>'
        for i, (title, summary) in enumerate(teasers)
    )
    result = cleanweb.clean(article(extra=f'<div class="box_read"><h2>推荐阅读</h2>{boxes}</div>'), kind="html")
    assert lines(result.text) == PARAS
    assert {r.rule for r in result.removed if r.text.startswith(teasers[1][0])} == {"section-item"}


def test_a_box_named_for_printing_holds_the_article_not_chrome() -> None:
    paras = "".join(f"<div><span>{p}</span></div>" for p in PARAS)
    intro = (
        "<div class='site-intro'><p>本网站是全省发布政府信息和提供在线服务的综合平台，第一时间发布重要会议和重大决策信息。</p>"
        "<p>网站同时面向社会提供与政府业务相关的服务，建设政府与公众互动交流的新渠道。</p></div>"
    )
    page = (
        f"<html><body>{NAV}<div class='main-content'><div class='common-detail-page-printer'>"
        "<span class='article-priter'>打印</span>"
        f"<div class='article-body'><div class='TRS_Editor'>{paras}</div></div></div></div>"
        f"{intro}{FOOTER}</body></html>"
    )
    result = cleanweb.clean(page, kind="html")
    assert lines(result.text)[: len(PARAS)] == PARAS  # (the site's self-description stays below it)
    assert "打印" not in result.text
