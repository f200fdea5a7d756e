"""HTML input: forum mode (posts are content, author/time lines go) and user CSS selectors."""

from __future__ import annotations

import pytest

import cleanweb
from cleanweb import Pipeline, dom
from cleanweb.errors import ConfigError

POSTS = [
    ("楼主小王", "2023-05-01 10:00", "请问大家，家里的老式热水器总是忽冷忽热，是不是温控阀坏了？换一个大概需要多少钱？"),
    ("老李", "2023-05-01 10:12", "多半是温控阀的问题，我家去年也这样，换了一个配件，连工带料一百多块钱就好了。"),
    ("阿芳", "2023-05-01 11:30", "也可能是水压不稳，建议先检查一下进水阀门有没有开足，再考虑换配件。"),
    ("小陈", "2023-05-02 09:05", "同意楼上的看法，谢谢分享！"),
    ("路人甲", "2023-05-02 12:40", "我也遇到过"),
    ("老王", "2023-05-02 13:15", "顶"),  # a navigation term too: forum mode gives it back
]
REPLIES = [content for _, _, content in POSTS]
LONG_ARTICLE = [
    "入冬以来，不少市民反映家中燃气热水器出水忽冷忽热，洗澡时体验很差。记者走访了多家维修网点，发现问题大多出在几个常见部件上。",
    "维修师傅介绍，温控阀老化是最常见的原因，其次是水压不稳和燃气压力不足。温控阀的更换费用一般在一百元到两百元之间，连工带料一个小时内就能完成。",
    "如果是水压问题，可以先检查进水阀门是否完全打开，花洒和过滤网是否被水垢堵塞。清理过滤网往往就能让出水温度恢复稳定。",
    "专家提醒，热水器使用超过八年应当请专业人员上门检查，不要自行拆卸燃气部件，以免发生燃气泄漏等安全事故。",
]


def thread() -> str:
    """A thread page: six posts, each with an author box, a time line and reply buttons."""
    posts = "".join(
        f'<div class="post"><div class="author"><a href="/u/{i}">{author}</a></div>'
        f'<div class="post-time">发表于 {time}</div><div class="post-content"><p>{content}</p></div>'
        '<div class="actions"><a href="#">回复</a> <a href="#">引用</a></div></div>'
        for i, (author, time, content) in enumerate(POSTS)
    )
    return (
        "<html><head><title>热水器忽冷忽热怎么办 - 家电论坛 - 某某社区</title></head><body>"
        '<div class="nav"><a href="/">论坛首页</a> <a href="/f/2">家电论坛</a> '
        '<a href="/f/3">装修论坛</a> <a href="/f/4">二手市场</a></div>'
        f'<h1>热水器忽冷忽热怎么办</h1><div class="thread">{posts}</div>'
        '<div class="footer"><p>Copyright 2024 某某社区</p></div></body></html>'
    )


def lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


@pytest.mark.parametrize(
    "kwargs",
    [{"mode": "forum"}, {"url": "https://bbs.example.cn/thread-123-1-1.html"}],
    ids=["explicit", "auto-from-url"],
)
def test_forum_mode_keeps_every_reply_and_drops_author_time(kwargs: dict) -> None:
    result = cleanweb.clean(thread(), **kwargs)
    assert result.meta["mode"] == "forum"
    assert lines(result.text) == REPLIES
    removed = {r.text for r in result.removed}
    for author, time, _ in POSTS:
        assert author in removed
        assert f"发表于 {time}" in removed
    assert "回复 引用" in removed


def test_forum_mode_keeps_the_short_lines_that_open_the_first_post() -> None:
    opening = ["介绍", "国内做社区需要严格控制用户内容", "问题描述"]
    head = "".join(f"<p>{line}</p>" for line in opening)
    long_reply = REPLIES[1] + REPLIES[2] + "换了以后记得把温度设在五十度左右，既省电又不容易结水垢，用了半年一直很稳定。"
    html = (
        thread()
        .replace(f"<p>{REPLIES[0]}</p>", f"{head}<p>{REPLIES[0]}</p>", 1)
        .replace(f"<p>{REPLIES[1]}</p>", f"<p>{long_reply}</p>", 1)
    )
    result = cleanweb.clean(html, mode="forum")
    assert lines(result.text) == [*opening, REPLIES[0], long_reply, *REPLIES[2:]]


def test_article_mode_keeps_only_the_lead_post() -> None:
    result = cleanweb.clean(thread(), mode="article")
    assert result.meta["mode"] == "article"
    assert REPLIES[0] in result.text
    assert REPLIES[3] not in result.text


def test_a_short_question_in_post_boxes_is_a_thread_without_url() -> None:
    result = cleanweb.clean(thread())
    assert result.meta["mode"] == "forum"
    assert lines(result.text) == REPLIES


def test_an_article_with_boxed_comments_under_it_stays_an_article_without_url() -> None:
    body = "".join(f"<p>{line}</p>" for line in LONG_ARTICLE)
    comments = "".join(
        f'<div class="comment"><span class="author">{author}</span><span class="time">{time}</span>'
        f"<p>{content}</p></div>"
        for author, time, content in POSTS[1:]
    )
    html = f"<html><body><h1>热水器忽冷忽热怎么办</h1><div class='article'>{body}</div>{comments}</body></html>"
    result = cleanweb.clean(html)
    assert result.meta["mode"] == "article"
    assert lines(result.text) == ["热水器忽冷忽热怎么办", *LONG_ARTICLE]


@pytest.mark.parametrize(
    "sign",
    [
        ('<head>', '<head><meta name="generator" content="Discuz! X3.4">'),
        ('<head>', '<head><meta content="Flarum" name="generator">'),
        ('Copyright 2024 某某社区', 'Powered by <strong><a href="http://www.discuz.net">Discuz!</a></strong> X3.4'),
        ('<div class="thread">', '<div class="thread" itemscope itemtype="https://schema.org/QAPage">'),
        ('</head>', '<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script></head>'),
    ],
    ids=["generator", "generator-content-first", "powered-by", "microdata", "json-ld"],
)
def test_a_page_naming_forum_software_or_a_thread_schema_is_a_thread_without_url(sign) -> None:
    result = cleanweb.clean(thread().replace(*sign, 1))
    assert result.meta["mode"] == "forum"
    assert lines(result.text) == REPLIES


def test_forum_software_named_on_an_article_page_without_posts_keeps_article_mode() -> None:
    html = (
        '<html><head><meta name="generator" content="Discuz! X3.4"></head><body>'
        f"<h1>热水器忽冷忽热怎么办</h1><div class='article'><p>{REPLIES[1]}</p><p>{REPLIES[2]}</p></div>"
        "</body></html>"
    )
    result = cleanweb.clean(html)
    assert result.meta["mode"] == "article"
    assert result.meta["generator"] == "Discuz! X3.4"


def plain_thread() -> str:
    """A thread whose post boxes carry no forum class: only `name #N 时间` heads say so."""
    posts = "".join(
        f'<div class="box"><p>{author} #{i + 1} {i + 1} 天前</p><p>{content}</p></div>'
        for i, (author, _, content) in enumerate(POSTS[:4])
    )
    return f"<html><body><h1>热水器忽冷忽热怎么办</h1><div class='main'>{posts}</div></body></html>"


def test_post_heads_in_the_text_make_a_thread_page_with_a_thread_url() -> None:
    url = "https://bbs.example.cn/topics/123"
    result = cleanweb.clean(plain_thread(), url=url)
    assert result.meta["mode"] == "forum"
    assert lines(result.text)[-4:] == REPLIES[:4]
    assert cleanweb.clean(plain_thread()).meta["mode"] == "article"  # no thread URL


def test_a_preview_box_is_content_and_a_prev_link_is_chrome() -> None:
    # `preview` starts with the noise term `prev` (a pager's link): data/dom_noise.txt exempts it.
    assert dom.match_token("preview", "dom_noise") == ""
    assert dom.match_token("prevpage", "dom_noise") == "prev"
    html = (
        "<html><body><div class='nav'><a href='/'>首页</a></div>"
        f"<div id='g-markdown-preview'><p>{REPLIES[0]}</p><p>{REPLIES[1]}</p></div></body></html>"
    )
    assert lines(cleanweb.clean(html).text) == REPLIES[:2]


ARTICLE = (
    "<html><body><div class='nav'><a href='/'>首页</a></div><div class='article'>"
    "<p>国家统计局今天发布数据显示，今年前四个月全国规模以上工业增加值同比增长，增速比一季度加快。</p>"
    "<p class='promo'>点击下载客户端，阅读更多精彩内容，参与互动赢取大奖！</p>"
    "<p>专家表示，随着一系列稳增长政策持续发力，市场需求逐步恢复，企业生产经营活动总体向好。</p>"
    "</div><div class='sidebar'><ul><li class='pin'>本站声明：转载请注明出处</li>"
    "<li><a href='/x'>热门文章标题</a></li></ul></div></body></html>"
)


def test_user_drop_and_keep_selectors() -> None:
    pipe = Pipeline.default(config={"html": {"drop_selectors": ["p.promo"], "keep_selectors": ["li.pin"]}})
    result = cleanweb.clean(ARTICLE, pipeline=pipe)
    assert "点击下载客户端" not in result.text
    assert [(r.filter, r.rule) for r in result.removed if r.text.startswith("点击下载")] == [
        ("user", "drop-selector")
    ]
    assert "本站声明：转载请注明出处" in result.text  # outside the article, kept by the user
    assert "热门文章标题" not in result.text


def test_selectors_on_inline_elements() -> None:
    html = ARTICLE.replace("市场需求逐步恢复，", "<span class='ad'>【广告】某某理财年化收益百分之十二</span>市场需求逐步恢复，")
    pipe = Pipeline.default(config={"html": {"drop_selectors": ["span.ad"]}})
    result = cleanweb.clean(html, pipeline=pipe)
    assert "某某理财" not in result.text
    assert [(r.filter, r.rule) for r in result.removed if "某某理财" in r.text] == [
        ("user", "drop-selector")
    ]
    assert "企业生产经营活动总体向好" in result.text


def test_site_selectors_apply_only_to_matching_urls() -> None:
    config = {"html": {"sites": {r"news\.example\.cn": {"drop_selectors": ["p.promo"]}}}}
    pipe = Pipeline.default(config=config)
    on_site = cleanweb.clean(ARTICLE, pipeline=pipe, url="https://news.example.cn/a/1.html")
    assert [(r.filter, r.rule) for r in on_site.removed if r.text.startswith("点击下载")] == [
        ("user", "drop-selector")
    ]
    off_site = cleanweb.clean(ARTICLE, pipeline=pipe, url="https://other.example.com/a/1.html")
    assert all(r.rule != "drop-selector" for r in off_site.removed)


def test_bad_selector_is_a_config_error() -> None:
    pipe = Pipeline.default(config={"html": {"drop_selectors": ["div[[["]}})
    with pytest.raises(ConfigError, match="bad CSS selector"):
        cleanweb.clean(ARTICLE, pipeline=pipe)


@pytest.mark.parametrize(
    ("html_config", "message"),
    [
        ({"drop_selector": ["p.promo"]}, "unknown key"),
        ({"drop_selectors": "p.promo"}, "must be a list of CSS selectors"),
        ({"sites": {"example": ["p.promo"]}}, "must be a table"),
        ({"sites": {"(": {"drop_selectors": ["p"]}}}, "bad URL pattern"),
    ],
)
def test_bad_html_config_is_a_config_error(html_config: dict, message: str) -> None:
    pipe = Pipeline.default(config={"html": html_config})
    with pytest.raises(ConfigError, match=message):
        cleanweb.clean(ARTICLE, pipeline=pipe, url="https://example.cn/a.html")


FIRST_POST = [
    "我家的老房子是九十年代建的，上个月开始卫生间的墙面一直返潮，瓷砖缝里长了黑色的霉斑，擦掉以后没几天又长出来。",
    "物业来看过一次，说可能是楼上的防水层老化了，但楼上的住户不同意上门检查，说他们家从来没有漏过水，双方一直僵持着。",
    "我自己买了除湿机，每天能抽出小半桶水，可墙面还是湿的。想请教有经验的朋友，这种情况应该先找谁来鉴定，费用一般由谁承担？",
    "另外，如果最后确认是楼上的问题，维修期间我家的损失能不能要求对方赔偿，需要提前准备哪些证据，比如照片、维修记录之类的？",
    "还有一个担心：墙里的电线会不会因为长期受潮出问题？卫生间的插座最近偶尔会跳闸，不知道和返潮有没有关系，要不要先请电工来看看。",
    "我查了一些资料，有人说可以在墙面刷一层防水涂料应急，也有人说治标不治本，反而会把水汽闷在墙体里，让霉斑长得更厉害。",
    "家里有老人和小孩，老人有哮喘，霉味一重就咳嗽，所以想尽快解决。如果要走法律途径，大概需要多长时间，有没有更快的办法？",
    "先谢谢各位了，有类似经历的朋友也欢迎分享一下最后是怎么处理的，花了多少钱，找的哪家公司，效果怎么样，我好心里有个底。",
]
SHORT_REPLIES = ["先找物业协调。", "拍照留证。", "可以走调解。"]


def classless_thread(first_post: list[str], post_box: str, after: str) -> str:
    """A thread page with no classes at all: the posts of `first_post` + SHORT_REPLIES, each
    laid out by `post_box` (a format of i, who, when, content), then `after`."""
    posts = [("楼主", "2023-06-01", "".join(f"<p>{p}</p>" for p in first_post))] + [
        (f"网友{i}", f"2023-06-0{i + 1}", f"<p>{text}</p>") for i, text in enumerate(SHORT_REPLIES, 1)
    ]
    body = "".join(
        post_box.format(i=i, who=who, when=when, content=content) for i, (who, when, content) in enumerate(posts)
    )
    return (
        "<html><head><title>卫生间墙面返潮怎么办</title></head><body>"
        f"<div><a href='/'>首页</a> <a href='/f/1'>业主论坛</a></div><div>{body}</div>{after}</body></html>"
    )


def bare_thread() -> str:
    """A long first post and three short replies, each head a name and a `发表于` date."""
    box = "<div><div><a href='/u/{i}'>{who}</a> 发表于 {when}</div><div>{content}</div></div>"
    return classless_thread(FIRST_POST, box, "<div><p>关于我们 联系我们</p></div>")


def test_thread_without_post_classes_keeps_the_short_replies_after_a_long_first_post() -> None:
    result = cleanweb.clean(bare_thread(), url="https://bbs.example.cn/thread-88-1-1.html")
    assert result.meta["mode"] == "forum"
    assert lines(result.text) == FIRST_POST + SHORT_REPLIES


def chrome_thread() -> str:
    """Each post has a linked name, a date line, its text and a likes bar; a site blurb
    under its own heading follows the thread."""
    box = (
        "<div><div><a href='/u/{i}'>{who}</a></div><div>{when}</div><div>{content}</div>"
        "<div><span>{i} 个赞</span> <a href='#'>回复</a></div></div>"
    )
    blurb = "本论坛创办于二〇〇八年，是本市业主交流装修、维权和社区生活经验的平台，欢迎大家文明发言。"
    return classless_thread(FIRST_POST[:2], box, f"<div><h3>本站简介</h3><p>{blurb}</p></div>")


def test_thread_without_post_boxes_is_delimited_by_its_post_heads() -> None:
    result = cleanweb.clean(chrome_thread(), url="https://bbs.example.cn/thread-88-1-1.html")
    assert result.meta["mode"] == "forum"
    assert lines(result.text) == FIRST_POST[:2] + SHORT_REPLIES
    rules = {r.text: f"{r.filter}:{r.rule}" for r in result.removed}
    assert rules["1 个赞 回复"] == "thread:forum-likes"
    assert rules["本站简介"] == rules["本论坛创办于二〇〇八年，是本市业主交流装修、维权和社区生活经验的平台，欢迎大家文明发言。"]
    assert rules["本站简介"] == "thread:outside-thread"


def test_thread_zone_takes_in_the_question_boxed_apart_from_the_replies() -> None:
    question = "请问老房子卫生间墙面返潮，应该先找物业还是先找楼上？"
    answers = FIRST_POST[1:5]
    replies = "".join(
        f"<div><div><a href='/u/{i}'>网友{i}</a> 发表于 2023-06-0{i + 1}</div><p>{text}</p></div>"
        for i, text in enumerate(answers, 1)
    )
    page = (
        "<html><body><div><a href='/'>首页</a> <a href='/f/1'>业主论坛</a></div>"
        f"<div><div><a href='/u/0'>楼主</a> 发表于 2023-06-01</div><h1>{question}</h1></div>"
        f"<div>{replies}</div></body></html>"
    )
    result = cleanweb.clean(page, url="https://bbs.example.cn/thread-90-1-1.html")
    assert result.meta["mode"] == "forum"
    assert lines(result.text) == [question, *answers]


def discuz_thread() -> str:
    """A Discuz-style thread: the title in an `<h1>` with a row of buttons under it, then
    each post in a table whose author column (`td.pls`) holds the poster's name and a hidden
    pop-up card (`当前离线`), its head (`发表于 …`) and text in the other column."""
    buttons = "".join(f"<div><a href='#'>{b}</a></div>" for b in ("[复制链接]", "只看楼主", "倒序浏览", "阅读模式", "电梯直达"))
    names = ("水电工", "老李", "阿芳", "小陈")
    posts = "".join(
        f"<div id='post_{i}'><table class='plhin'><tbody><tr><td class='pls'><div class='favatar'>"
        f"<div class='pi'><div class='authi'><a href='/u/{i}'>{who}</a></div></div>"
        f"<div class='card' style='display: none'><strong>{who}</strong> <em>当前离线</em></div>"
        f"</div></td><td class='plc'><div>发表于 {when}</div><div class='t_f'>{content}</div></td>"
        "</tr></tbody></table></div>"
        for i, (who, (_, when, content)) in enumerate(zip(names, POSTS, strict=False))
    )
    return (
        "<html><head><title>热水器忽冷忽热怎么办 - 家电论坛</title></head><body>"
        f"<h1>热水器忽冷忽热怎么办</h1>{buttons}<div id='postlist'>{posts}</div></body></html>"
    )


def test_discuz_thread_keeps_its_title_and_posts_but_no_author_cards() -> None:
    result = cleanweb.clean(discuz_thread(), url="https://bbs.example.cn/forum.php?mod=viewthread&tid=38")
    assert result.meta["mode"] == "forum"
    assert lines(result.text) == ["热水器忽冷忽热怎么办", *REPLIES[:4]]
