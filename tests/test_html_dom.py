"""Container scoring on the DOM: which element is taken for the article, and why."""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

import cleanweb
from cleanweb import Pipeline, dom
from cleanweb.api import build_document
from cleanweb.filters import DomFilter

ARTICLE = [
    "市气象台今天上午发布暴雨黄色预警，预计未来六小时内全市大部分地区将出现五十毫米以上的降水。",
    "气象专家提醒，市民出行请注意安全，尽量避开地势低洼路段，驾车经过积水路段时应减速慢行。",
]


def chosen(html: str) -> dom.Element:
    walked = dom.walk(LexborHTMLParser(html))
    return walked.elements[dom.score(walked).best]


def test_teaser_list_does_not_outweigh_a_short_article() -> None:
    teaser = "".join(
        f'<li class="item"><h4><a href="/n{i}">第{i}条推荐新闻的标题</a></h4>'
        f"<p>这是第{i}条推荐新闻的摘要，介绍了事情的大致经过和各方的反应，供读者选择是否点击阅读全文。</p></li>"
        for i in range(6)
    )
    html = (
        "<html><body><div id='story'>" + "".join(f"<p>{p}</p>" for p in ARTICLE) + "</div>"
        f"<ul class='stream'>{teaser}</ul></body></html>"
    )
    assert chosen(html).tokens == ("story",)


def test_a_report_form_in_a_modal_is_never_the_article_however_deep() -> None:
    # A tech note of unpunctuated lines, and a report dialog full of punctuated reasons
    # four levels under its `modal` box, beyond the reach of the noise discount.
    note = ["每次打开别人新的项目都要安装依赖然后各种报错很烦", "安装 depcheck 检查依赖找到缺失的依赖再装上"]
    reasons = "".join(
        f"<div class='item'>理由{i}：垃圾广告、恶意灌水、推广等内容，无意义内容，文不对题，消极内容。</div>"
        for i in range(10)
    )
    html = (
        "<html><body><div class='post'>" + "".join(f"<p>{p}</p>" for p in note) + "</div>"
        "<div class='ui modal report'><form><div class='body'><div class='field'>"
        f"{reasons}</div></div></form></div></body></html>"
    )
    assert chosen(html).tokens == ("post",)
    result = cleanweb.clean(html, kind="html")
    assert result.text.splitlines() == note


POEM_SECTIONS = [
    ("原文", "夜雨", "我有所念人，隔在远远乡。我有所感事，结在深深肠。乡远去不得，无日不瞻望。"),
    ("译文", "白居易", "我有着深深思念的人，却相隔在远远的异乡。我有所感怀的事情，深深地刻在心上。"),
    ("注释", "瞻望", "瞻望：往远处或高处看，敬仰并寄以希望。夕：日落的时候，无夕即日日夜夜。"),
    ("创作背景", "元和六年", "此诗写于元和六年，诗人时年四十岁，从“独宿在空堂”一句可以看出思念之深。"),
    ("赏析", "白居易", "全诗用语平易，层层递进，把长久的思念写得真切动人，是诗人早年的代表作之一。"),
]


def test_classless_sections_holding_a_link_are_not_teasers_but_linked_titles_are() -> None:
    """Sibling <div>s with no class repeat by tag alone. A link inside a section (the poet's
    name) does not make it a teaser item; an item that opens with its linked title does."""
    sections = "".join(
        f"<div><h3>{head}</h3><p>相关：<a href='/w/{i}'>{link}</a></p><p>{text}</p></div>"
        for i, (head, link, text) in enumerate(POEM_SECTIONS)
    )
    teasers = "".join(
        f"<div><a href='/n/{i}'>第{i}条推荐文章的标题</a><p>{text}</p></div>"
        for i, (_, _, text) in enumerate(POEM_SECTIONS)
    )
    html = f"<html><body><div id='alpha'>{sections}</div><div id='beta'>{teasers}</div></body></html>"
    walked = dom.walk(LexborHTMLParser(html))
    scores = dom.score(walked)
    box = {el.tokens: eid for eid, el in enumerate(walked.elements) if el.tokens}
    full = float(sum(len(text) for _, _, text in POEM_SECTIONS))  # each section's prose paragraph
    assert scores.prose[box[("alpha",)]] == full
    assert scores.prose[box[("beta",)]] < 0.5 * full


def test_wrappers_are_stripped_to_the_box_holding_the_prose() -> None:
    html = (
        "<html><body><div class='wrap'><div class='inner'><div class='text'>"
        + "".join(f"<p>{p}</p>" for p in ARTICLE)
        + "</div><p class='tip'>温馨提示：本站内容仅供参考。</p></div></div></body></html>"
    )
    assert chosen(html).tokens == ("text",)


def test_comment_box_is_dropped_in_article_mode_and_kept_in_forum_mode() -> None:
    comments = "".join(
        f"<div class='comment-item'><p>网友{i}：{ARTICLE[0]}</p></div>" for i in range(4)
    )
    html = (
        "<html><body><div class='main'><div class='detail'>" + f"<p>{ARTICLE[1]}</p>" * 2
        + f"</div><div class='comments'>{comments}</div></div></body></html>"
    )
    pipe = Pipeline([DomFilter()])
    article = pipe.run(build_document(html, "html", options={"mode": "article"}))
    assert [b.text for b in article.kept()] == [ARTICLE[1]] * 2
    assert {r.rule for r in article.removed()} == {"noise-class:comment"}
    forum = pipe.run(build_document(html, "html", options={"mode": "forum"}))
    assert len(forum.kept()) == 6


def test_class_names_are_read_by_their_head_word() -> None:
    assert dom.classify("article-copyright", "")[1] == "copyright"
    assert dom.classify("comment-content", "")[1:3] == ("", True)
    assert dom.classify("share-bar", "")[1] == "share"
    assert dom.tokens_of("newsContent left_nav") == ("news", "content", "left", "nav")
    soup = "d f fld r fxw w jc sb ai fs pos enableAdSlots"
    assert dom.classify(soup, "")[1] == ""  # a utility-class soup says nothing
