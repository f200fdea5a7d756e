"""Forum mode on page text: a thread's question and replies are its content."""

from __future__ import annotations

import json

import pytest

import cleanweb
from cleanweb import Pipeline, ThreadFilter
from cleanweb.api import build_document
from cleanweb.cli import main
from cleanweb.errors import InputError

# Post heads lead their posts: `user #N 3 天前`.
LEADING = """论坛首页 | 版块 | 搜索 | 登录 | 注册
技术交流 > Python
请问如何用 Python 读取 GBK 编码的文件？
小明 #1 3 天前
我有一个旧系统导出的文本文件，用 open() 直接读会报 UnicodeDecodeError。
试过 encoding="utf-8" 也不行，应该怎么办？
2 个赞
老张 #2 3 天前
用 encoding="gbk" 打开就可以了，遇到生僻字最好用 gb18030。
1 个赞
阿花 #3 2 天前
对 老张 #2 回复
同意楼上，gb18030 是 GBK 的超集，兼容性更好。
小明 #4 2 天前
谢谢大家，问题解决了！
需要 登录 后方可回复
关于我们 | 联系方式 | 隐私政策
"""
LEADING_POSTS = """请问如何用 Python 读取 GBK 编码的文件？
我有一个旧系统导出的文本文件，用 open() 直接读会报 UnicodeDecodeError。
试过 encoding="utf-8" 也不行，应该怎么办？
用 encoding="gbk" 打开就可以了，遇到生僻字最好用 gb18030。
同意楼上，gb18030 是 GBK 的超集，兼容性更好。
谢谢大家，问题解决了！
"""

# Post heads close their posts (a date under each), user names and places above them.
CLOSING = """泡泡广场 话题 登录 注册
* henryspace @henryspace
发现一个端到端加密的聊天工具，挺有意思，大家怎么看？
它支持文件共享，而且是开源的。
发布于 2023-07-06 23:12
alimy :
上海市
端到端加密本身就是小众需求，但这部分用户很需要。
2023-07-07 03:56
北野 :
上海市
好熟悉的软件，之前好像被收购了？
2023-07-07 02:41
alimy :
上海市
对，后来被一家视频会议公司收购了。
2023-07-07 09:03
没有更多了
"""
CLOSING_POSTS = """发现一个端到端加密的聊天工具，挺有意思，大家怎么看？
它支持文件共享，而且是开源的。
端到端加密本身就是小众需求，但这部分用户很需要。
好熟悉的软件，之前好像被收购了？
对，后来被一家视频会议公司收购了。
"""

THREAD_URL = "https://bbs.example.cn/thread-1024-1-1.html"

# Discuz!: the author's name, then `发表于` and the floor (楼主, 沙发, 板凳...), the post,
# an edit note, and a footer of buttons under each post.
DISCUZ = """某某论坛
首页
搜索
登录
立即注册
某某论坛 › 生活 › 闲聊灌水 › 家里的老房子要不要翻新？
查看: 3520|回复: 3
[复制链接]
小明
发表于 2012-3-4 12:33:21 | 只看该作者 |只看大图 ▼
楼主
家里的老房子是九十年代盖的，最近漏水越来越严重，我在想是整体翻新还是只修屋顶。大家有什么建议吗？
本帖最后由 小明 于 2012-3-4 12:40 编辑
回复 支持 反对
使用道具 举报
阿强
发表于 2012-3-4 13:01 | 只看该作者
沙发
如果房子结构没问题，建议先修屋顶，过几年手头宽裕了再整体翻新，这样压力小一些。
回复 支持 反对
使用道具 举报
李师傅
发表于 2012-3-4 14:22 | 只看该作者
板凳
我是做装修的，九十年代的房子水电线路一般都老化了，翻新一定要把水电一起换掉。
回复 支持 反对
使用道具 举报
小红
发表于 2012-3-5 09:10 | 只看该作者
地板
同意楼上，水电是重点。
回复 支持 反对
使用道具 举报
返回列表
您需要登录后才可以回帖 登录 | 立即注册
Archiver|手机版|小黑屋|某某论坛
GMT+8, 2024-5-22 08:21 , Processed in 0.052341 second(s), 27 queries .
"""
DISCUZ_POSTS = """家里的老房子是九十年代盖的，最近漏水越来越严重，我在想是整体翻新还是只修屋顶。大家有什么建议吗？
如果房子结构没问题，建议先修屋顶，过几年手头宽裕了再整体翻新，这样压力小一些。
我是做装修的，九十年代的房子水电线路一般都老化了，翻新一定要把水电一起换掉。
同意楼上，水电是重点。
"""


def test_forum_mode_keeps_the_question_and_every_reply() -> None:
    result = cleanweb.clean(LEADING, kind="text", mode="forum")
    assert result.text == LEADING_POSTS
    assert result.title == "请问如何用 Python 读取 GBK 编码的文件？"
    assert result.meta["mode"] == "forum"
    removed = {r.text: (r.filter, r.rule) for r in result.removed}
    assert removed["2 个赞"] == ("thread", "forum-likes")
    assert removed["需要 登录 后方可回复"] == ("thread", "outside-thread")
    assert removed["关于我们 | 联系方式 | 隐私政策"] == ("thread", "outside-thread")
    assert "小明 #4 2 天前" in removed and "对 老张 #2 回复" in removed


def test_closing_heads_keep_the_first_post_above_them_and_drop_names_and_places() -> None:
    result = cleanweb.clean(CLOSING, kind="text", mode="forum")
    assert result.text == CLOSING_POSTS
    rules = {r.text: r.rule for r in result.removed}
    assert rules["上海市"] == "forum-repeat"
    assert rules["北野 :"] == "forum-author"
    assert rules["* henryspace @henryspace"] == "forum-author"
    assert rules["没有更多了"] == "outside-thread"


def test_discuz_thread_keeps_every_post_and_drops_names_floors_and_footers() -> None:
    # The name above each head is the next post's author, not the end of the post before.
    result = cleanweb.clean(DISCUZ, kind="text", mode="forum")
    assert result.text == DISCUZ_POSTS
    rules = {r.text: r.rule for r in result.removed}
    assert rules["阿强"] == rules["李师傅"] == rules["小红"] == "forum-author"
    assert rules["地板"] == "forum-meta"
    footers = [r.rule for r in result.removed if r.text == "使用道具 举报"]
    assert footers[:3] == ["forum-repeat"] * 3  # the last post's footer is below the thread's end


def test_a_one_line_reply_before_the_next_head_is_no_author() -> None:
    thread = DISCUZ.replace("如果房子结构没问题，建议先修屋顶，过几年手头宽裕了再整体翻新，这样压力小一些。\n", "顶一下\n")
    assert "顶一下" in cleanweb.clean(thread, kind="text", mode="forum").text.splitlines()


# Tieba: the author above each post, heads (floor, date) below it, the client it was
# sent from, and replies nested under a post.
TIEBA = """百度贴吧
进入贴吧
全吧搜索
吧内搜索
装修吧
关注：1,234,567贴子：8,901,234
看贴
图片
精品
视频
老房子翻新要注意什么？
只看楼主
收藏
回复
小明同学
家里的老房子是九十年代盖的，最近漏水越来越严重，想问问大家翻新的时候要注意什么，预算大概十几万。
来自Android客户端
1楼
2024-05-22 08:21
回复
装修老李
水电一定要全部换掉，九十年代的线路基本都老化了，防水也要重新做。
来自iPhone客户端
2楼
2024-05-22 09:02
回复(2)
小明同学
好的，谢谢老李
2024-05-22 09:10
装修老李
不客气
2024-05-22 09:15
我也说一句
阿花
我家去年刚翻新，建议找靠谱的装修公司，签合同的时候把材料品牌写清楚。
3楼
2024-05-22 10:30
回复
登录百度账号
扫二维码下载贴吧客户端
下载贴吧APP
看高清直播、视频！
贴吧页面意见反馈
违规贴吧举报反馈通道
贴吧违规信息处理公示
©2024 Baidu 贴吧协议|隐私政策|吧主制度|意见反馈|网络谣言警示
"""


def test_tieba_thread_drops_authors_clients_and_reply_buttons() -> None:
    result = cleanweb.clean(TIEBA, kind="text", url="https://tieba.baidu.com/p/8912345678")
    assert result.meta["mode"] == "forum"
    assert result.text.splitlines() == [
        "家里的老房子是九十年代盖的，最近漏水越来越严重，想问问大家翻新的时候要注意什么，预算大概十几万。",
        "水电一定要全部换掉，九十年代的线路基本都老化了，防水也要重新做。",
        "好的，谢谢老李",
        "不客气",
        "我家去年刚翻新，建议找靠谱的装修公司，签合同的时候把材料品牌写清楚。",
    ]
    rules = {r.text: r.rule for r in result.removed}
    assert rules["来自Android客户端"] == rules["来自iPhone客户端"] == "forum-client"


def test_auto_mode_needs_a_thread_url() -> None:
    by_url = cleanweb.clean(LEADING, kind="text", url=THREAD_URL)
    assert by_url.meta["mode"] == "forum" and by_url.text == LEADING_POSTS
    article = cleanweb.clean(LEADING, kind="text")
    assert article.meta["mode"] == "article"
    assert "谢谢大家，问题解决了！" not in article.text  # a lone reply is no article
    news = cleanweb.clean(LEADING, kind="text", url="https://news.example.cn/2023/0506/a.html")
    assert news.meta["mode"] == "article" and news.text == article.text


def test_auto_mode_takes_a_forum_software_footer_for_a_thread_url() -> None:
    footed = f"{LEADING}\nPowered by Discuz! X3.4 © 2001-2023 Comsenz Inc."
    result = cleanweb.clean(footed, kind="text")
    assert result.meta["mode"] == "forum" and result.text == LEADING_POSTS
    named = f"{LEADING}\n本站使用 Discuz! 搭建"  # a mention is not the footer
    assert cleanweb.clean(named, kind="text").meta["mode"] == "article"


def test_article_mode_is_not_overruled_by_a_thread_url() -> None:
    forced = cleanweb.clean(LEADING, kind="text", url=THREAD_URL, mode="article")
    assert forced.text == cleanweb.clean(LEADING, kind="text").text


def test_replies_under_a_comment_heading_are_posts() -> None:
    page = "\n".join([
        "首页 新闻 论坛 帮助",
        "二手相机怎么挑？",
        "最新回复",
        "老王 2023-05-02 13:15",
        "先看快门次数，再看镜头有没有霉斑。",
        "小李 2023-05-02 14:20",
        "同意，最好去实体店当面验机。",
        "阿强 2023-05-03 09:01",
        "预算多少？不同价位差别很大。",
        "版权所有 © 2023 某某论坛",
    ])
    result = cleanweb.clean(page, kind="text", mode="forum")
    assert result.text.splitlines() == [
        "二手相机怎么挑？",
        "先看快门次数，再看镜头有没有霉斑。",
        "同意，最好去实体店当面验机。",
        "预算多少？不同价位差别很大。",
    ]


def test_the_filter_alone_marks_posts_and_leaves_html_to_the_dom() -> None:
    doc = build_document(LEADING, "text", options={"mode": "forum"})
    Pipeline([ThreadFilter()]).run(doc)
    assert doc.meta["mode"] == "forum"
    pinned = [b.text for b in doc.blocks if b.pinned]
    assert "谢谢大家，问题解决了！" in pinned and "同意楼上，gb18030 是 GBK 的超集，兼容性更好。" in pinned
    html = build_document("<html><body><p>一段正文。</p></body></html>", "html")
    Pipeline([ThreadFilter()]).run(html)
    assert html.meta["mode"] == "article" and all(b.verdict is None for b in html.blocks)


def test_an_unknown_mode_is_an_input_error() -> None:
    with pytest.raises(InputError, match="mode must be one of"):
        cleanweb.clean(LEADING, kind="text", mode="thread")


def test_explain_takes_mode_and_url(tmp_path, capsys) -> None:
    page = tmp_path / "t.txt"
    page.write_text(LEADING, encoding="utf-8")
    assert main(["explain", str(page), "--url", THREAD_URL, "--color", "never"]) == 0
    out = capsys.readouterr().out
    assert "thread:forum-likes" in out and "thread:outside-thread" in out
    assert main(["explain", str(page), "--mode", "article", "--url", THREAD_URL, "--color", "never"]) == 0
    assert "thread:" not in capsys.readouterr().out


def test_cli_mode_flag_and_corpus_url_field(tmp_path) -> None:
    page = tmp_path / "in" / "t.txt"
    page.parent.mkdir()
    page.write_text(LEADING, encoding="utf-8")
    assert main(["clean", str(page.parent), "-o", str(tmp_path / "out"), "--mode", "forum", "-q"]) == 0
    assert (tmp_path / "out" / "t.txt").read_text(encoding="utf-8") == LEADING_POSTS

    corpus = tmp_path / "c.jsonl"
    rows = [{"id": 1, "link": THREAD_URL, "text": LEADING}, {"id": 2, "link": "https://a.cn/n.html", "text": LEADING}]
    corpus.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "c.out.jsonl"
    assert main(["clean", str(corpus), "-o", str(out), "--url-field", "link", "-q"]) == 0
    cleaned = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["cleanweb"]["meta"]["mode"] for r in cleaned] == ["forum", "article"]
    assert cleaned[0]["text"] == LEADING_POSTS and cleaned[0]["link"] == THREAD_URL


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("2 个赞", "likes"),
        ("2 个赞 回复", "likes"),
        ("赞 (3) 回复 举报", "likes"),
        ("9 天 后", "time-gap"),
        ("对 老张 #2 回复", "reply-to"),
        ("这个回答值得点赞 回复", None),
        ("2 个赞同意见都有道理", None),
        ("来自Android客户端", "client"),
        ("回复(2)", "buttons"),
        ("收起回复", "buttons"),
        ("我也说一句", "buttons"),
        ("还有2条回复，点击查看", "buttons"),
        ("回复(2)楼的说法我不同意", None),
    ],
)
def test_post_chrome_rules(line: str, rule: str | None) -> None:
    from cleanweb._norm import judge_view
    from cleanweb.patterns import first_match, load_rules

    assert first_match(load_rules("post_chrome"), judge_view(line)) == rule
