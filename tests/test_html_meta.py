"""HTML input: every encoding family as page bytes, and page metadata."""

from __future__ import annotations

import json

import pytest

import cleanweb
from cleanweb.html_meta import pick_title

# 镕 is GBK but not GB2312; 邨 and 嚟 are Big5-HKSCS but not Big5: pages lie about their charset.
SIMPLIFIED = [
    "朱镕基同志的讲话在会场引起热烈反响，与会代表纷纷表示要认真学习领会，结合实际抓好贯彻落实工作。",
    "会议强调，各地各部门要坚持问题导向，聚焦群众关心的实际困难，拿出务实管用的举措，切实推动工作落地见效。",
]
TRADITIONAL = [
    "屋邨居民今日聚集討論重建計劃，大家嚟到社區會堂表達意見，希望政府能夠充分聽取街坊的聲音。",
    "區議員表示，會將居民的建議整理成報告，並於下星期提交房屋署，爭取在年底前得到正式的回覆。",
]


def page(paras: list[str], head: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paras)
    return (
        f"<html><head>{head}<title>新聞</title></head><body>"
        '<div class="nav"><a href="/">首頁</a> <a href="/n">新聞</a></div>'
        f'<div class="content">{body}</div></body></html>'
    )


@pytest.mark.parametrize(
    ("head", "encoding", "paras", "expect"),
    [
        ('<meta charset="utf-8">', "utf-8", SIMPLIFIED, "utf-8"),
        ("", "utf-8", SIMPLIFIED, "utf-8"),
        ('<meta charset="gb2312">', "gbk", SIMPLIFIED, "gb18030"),
        ('<meta http-equiv="Content-Type" content="text/html; charset=GBK">', "gbk", SIMPLIFIED, "gb18030"),
        ('<meta charset="big5">', "big5hkscs", TRADITIONAL, "big5hkscs"),
        ("", "gb18030", SIMPLIFIED, None),
        ("", "big5hkscs", TRADITIONAL, None),
    ],
    ids=["utf8-declared", "utf8-bare", "gb2312-label-gbk-bytes", "gbk-http-equiv", "big5-label-hkscs-bytes",
         "gbk-undeclared", "big5-undeclared"],
)
def test_encoding_families_decode_to_the_article(
    head: str, encoding: str, paras: list[str], expect: str | None
) -> None:
    data = page(paras, head).encode(encoding)
    result = cleanweb.clean(data, to="keep")
    assert result.document.kind == "html"
    assert [line for line in result.text.splitlines() if line.strip()][-2:] == paras
    if expect:
        assert result.meta["encoding"] == expect


def test_meta_open_graph_json_ld_and_canonical() -> None:
    ld = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": "央行宣布降准",
        "datePublished": "2024-05-10T08:30:00+08:00", "author": {"@type": "Person", "name": "李明"},
        "publisher": {"@type": "Organization", "name": "某某财经"},
    }
    head = (
        '<meta property="og:title" content="央行宣布降准0.5个百分点">'
        '<meta property="og:site_name" content="某某财经网">'
        '<meta name="author" content="王芳">'
        '<link rel="canonical" href="https://finance.example.cn/a/123.html">'
        f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
    )
    html = (
        f'<html lang="zh-CN"><head><title>央行宣布降准0.5个百分点_某某财经网</title>{head}</head>'
        "<body><h1>央行宣布降准0.5个百分点</h1>"
        f'<div class="article"><p>{SIMPLIFIED[1]}</p></div></body></html>'
    )
    meta = cleanweb.clean(html).meta
    assert meta["title"] == "央行宣布降准0.5个百分点"
    assert meta["site"] == "某某财经网"
    assert meta["author"] == "王芳"  # <meta name=author> before JSON-LD
    assert meta["date"] == "2024-05-10"
    assert meta["url"] == "https://finance.example.cn/a/123.html"
    assert meta["lang"] == "zh-CN"


def test_visible_byline_fills_missing_fields() -> None:
    html = (
        "<html><head><title>某地召开工作会议_新浪新闻</title></head><body>"
        "<h1>某地召开工作会议</h1>"
        '<div class="info">2023-03-12 10:20:00 来源：人民日报 作者：张三</div>'
        f'<div class="article"><p>{SIMPLIFIED[0]}</p><p>{SIMPLIFIED[1]}</p></div></body></html>'
    )
    result = cleanweb.clean(html)
    assert result.meta["date"].startswith("2023-03-12")
    assert result.meta["source"] == "人民日报"
    assert result.meta["author"] == "张三"
    assert "来源" not in result.text


@pytest.mark.parametrize(
    ("title", "og", "headings", "expected"),
    [
        ("城市有轨电车之困：一边争相上马_新浪新闻", None, ["新闻中心"], ("城市有轨电车之困：一边争相上马", "新浪新闻")),
        ("短视频与大众文化生产_要闻_电影网_1905.com", None, ["短视频与大众文化生产"], ("短视频与大众文化生产", "1905.com")),
        ("写给留学党的面试建议 - 留学攻略 - 某某网", None, [], ("写给留学党的面试建议", "某某网")),
        ("首页", "台风今晚登陆广东沿海", [], ("台风今晚登陆广东沿海", "")),
        ("", None, ["没有标题标签的页面"], ("没有标题标签的页面", "")),
        (
            "家里的老房子要不要翻新？ - 闲聊灌水 - 某某论坛 - Powered by Discuz!", None,
            ["某某论坛", "家里的老房子要不要翻新？"], ("家里的老房子要不要翻新？", "某某论坛"),
        ),
        (  # a channel's name first, the headline after it: the headline is no site name
            "明日股市预测--最新出炉联合国贸发报告：全球经济增长率降至2.3%", None,
            ["今日股市行情", "最新出炉联合国贸发报告：全球经济增长率降至2.3%"],
            ("最新出炉联合国贸发报告：全球经济增长率降至2.3%", ""),
        ),
    ],
)
def test_title_without_site_suffix(
    title: str, og: str | None, headings: list[str], expected: tuple[str, str]
) -> None:
    assert pick_title(title, og, headings) == expected


def test_json_ld_headline_label_stripped_source_and_bad_lang_ignored() -> None:
    ld = {"@type": "NewsArticle", "headline": "暴雨预警升级为橙色", "datePublished": "2022-02-13 09:00"}
    html = (
        '<html><head><meta http-equiv="Content-Language" content="utf-8">'
        '<meta name="source" content="来源：新华日报">'
        f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>'
        "<title>首页</title></head><body>"
        f'<div class="article"><p>{SIMPLIFIED[1]}</p></div></body></html>'
    )
    meta = cleanweb.clean(html).meta
    assert meta["title"] == "暴雨预警升级为橙色"
    assert meta["source"] == "新华日报"
    assert meta["date"] == "2022-02-13 09:00"
    assert "lang" not in meta


def test_title_from_a_title_classed_element_when_no_heading_tag_holds_it() -> None:
    html = (
        "<html><head><title>股市预测--联合国报告称全球经济增长率将降至百分之二点三</title></head><body>"
        '<h1><a href="/">今日股市行情_明日大盘网</a></h1>'
        '<div class="title-text">联合国报告称全球经济增长率将降至百分之二点三</div>'
        f'<div class="article"><p>{SIMPLIFIED[0]}</p><p>{SIMPLIFIED[1]}</p></div></body></html>'
    )
    result = cleanweb.clean(html)
    assert result.title == "联合国报告称全球经济增长率将降至百分之二点三"
    assert "site" not in result.meta
