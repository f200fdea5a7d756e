"""Each filter on short made-up pages: the noise it must remove and the body it must keep."""

from __future__ import annotations

import pytest

import cleanweb
from cleanweb import (
    BodyFilter,
    BoilerplateFilter,
    NavigationFilter,
    Pipeline,
    RecommendationFilter,
    SpamFilter,
)
from cleanweb.api import build_document
from cleanweb.filters.recommendation import is_stamp

PARA = [
    "近日，国家统计局发布了最新一期的经济数据，显示今年前三季度国内生产总值同比增长百分之五。",
    "专家表示，这一增速在全球主要经济体中仍然处于领先位置，但也要看到外部环境的不确定性在增加。",
    "“我们对全年目标的实现充满信心。”一位不愿透露姓名的官员在接受采访时说，消费和投资都在回暖。",
    "从分行业看，制造业投资增长较快，高技术产业的表现尤为突出，成为拉动经济增长的重要力量。",
]


def run(filters, lines: list[str]):
    """Run `filters` on a page made of `lines`; return (kept texts, {text: (filter, rule)})."""
    doc = build_document("\n".join(lines), "text")
    Pipeline(filters).run(doc)
    kept = [b.text for b in doc.kept()]
    dropped = {b.text: (b.verdict.filter, b.verdict.rule) for b in doc.blocks if b.verdict}
    return kept, dropped


# --- spam -------------------------------------------------------------------

def test_spam_drops_keyword_stuffing_header():
    stuffing = "99国产精品欲av蜜臀,可以直接免费观看的AV网站,gogogo高清免费完整版,啊灬啊灬免费毛片"
    kept, dropped = run([SpamFilter()], [stuffing, *PARA])
    assert dropped[stuffing] == ("spam", "stuffing")
    assert kept == PARA


def test_spam_drops_spider_pool_place_list():
    places = "主站蜘蛛池模板: 乐清市| 南木林县| 綦江县| 松原市| 乳山市| 河北省| 永州市| 四平市| 蒙阴县|"
    kept, dropped = run([SpamFilter()], [*PARA, places])
    assert dropped[places][0] == "spam"
    assert kept == PARA


def test_spam_drops_injected_gambling_run():
    line = "行业新闻| 百家乐官网的玩法技巧| 威尼斯人娱乐场 澳门赌场| 大发888娱乐城注册| 新葡京百家乐| 公司简介|"
    _, dropped = run([SpamFilter()], [*PARA, line])
    assert dropped[line] == ("spam", "injected-gambling")


def test_spam_keeps_prose_that_mentions_gambling_and_health():
    news = [
        "警方近日破获一起网络赌博案，犯罪嫌疑人通过境外百家乐网站组织赌博，涉案金额巨大。",
        "医生提醒，乳房自检是早期发现病变的重要方法，女性朋友应当每月进行一次。",
        "亚洲和欧美市场今天午夜前后先后开盘，投资者对激烈的竞争保持关注。",
    ]
    kept, dropped = run([SpamFilter()], news)
    assert kept == news and not dropped


def test_spam_user_terms_extend_the_lexicon():
    line = "某某乐园官方入口,某某乐园最新网址,某某乐园"
    _, dropped = run([SpamFilter()], [line])
    assert line not in dropped
    _, dropped = run([SpamFilter(add_terms=["某某乐园", "最新网址"])], [line])
    assert dropped[line][0] == "spam"


# --- navigation -------------------------------------------------------------

def test_navigation_drops_menus_breadcrumbs_login_and_share():
    page = [
        "首页", "新闻", "体育", "财经", "科技",
        "网易首页 > 网易号 > 正文",
        "登录后你可以",
        "0",
        "分享至",
        "服务热线:010-59231580",
        *PARA,
        "返回列表",
    ]
    kept, dropped = run([NavigationFilter()], page)
    assert kept == PARA
    assert dropped["网易首页 > 网易号 > 正文"] == ("navigation", "breadcrumb")
    assert dropped["登录后你可以"] == ("navigation", "login")
    assert dropped["服务热线:010-59231580"] == ("navigation", "hotline")
    assert dropped["返回列表"][0] == "navigation"
    assert dropped["新闻"] == ("navigation", "menu-run")


@pytest.mark.parametrize(
    "line, rule",
    [
        ("请关注 “电子技术设计微信公众号”", "app"),
        ("欢迎订阅我们的视频号", "app"),
        ("向右滑动：上一篇 向左滑动：下一篇 我知道了", "swipe"),
        ("我知道了", "swipe"),
        ("分享23", "share"),
    ],
)
def test_navigation_drops_follow_prompts_and_swipe_hints(line, rule):
    kept, dropped = run([NavigationFilter()], [*PARA, line])
    assert kept == PARA
    assert dropped[line] == ("navigation", rule)


def test_navigation_keeps_a_sentence_about_following_an_account():
    line = "他每天关注十几个公众号的更新。"
    kept, _ = run([NavigationFilter()], [*PARA, line])
    assert kept == [*PARA, line]


def test_navigation_keeps_short_headings_between_paragraphs():
    page = [PARA[0], "多国竞争关键硬件", PARA[1], "先说结论:没多大。", PARA[2]]
    kept, _ = run([NavigationFilter()], page)
    assert kept == page


# --- recommendation ---------------------------------------------------------

def test_recommendation_drops_related_section_until_the_end():
    related = ["相关推荐", "从罚超生到鼓励生育，谁错了？", "小谈食刻美食", "2025-06-25 21:07:45",
               "又赢了？郭希宽走出法庭挥拳庆祝"]
    kept, dropped = run([RecommendationFilter()], [*PARA, *related])
    assert kept == PARA
    assert dropped["相关推荐"] == ("recommendation", "section-heading")
    assert dropped["小谈食刻美食"] == ("recommendation", "section-item")


def test_recommendation_drops_comment_thread():
    thread = ["最新回复(2)", "科技拆解全解2024-10-24 17:18", "引用2",
              "大国与大国之间还有互利共赢?你太天真了,兄dei"]
    kept, dropped = run([RecommendationFilter()], [*PARA, *thread])
    assert kept == PARA
    assert dropped["最新回复(2)"] == ("recommendation", "section-heading")


# The same article's paragraphs again, reworded: they share its vocabulary.
AGAIN = [p.replace("。", "，记者了解到这一情况。") for p in PARA]
SIDEBAR = ["热门推荐", "某地发布暴雨预警", "03-13"]
# Related records on the article's own topic: title, blog, date stamp, summary.
ON_TOPIC_TEASERS = [
    "热门推荐", "三季度经济数据解读", "阿牛的博客", "03-13 4万+", AGAIN[0],
    "前三季度国内生产总值增长的原因", "Forver的博客", "02-15 1万+", AGAIN[1],
]


def test_recommendation_section_runs_over_on_topic_teaser_summaries():
    kept, dropped = run([RecommendationFilter()], [*PARA, *ON_TOPIC_TEASERS, "03-12 958"])
    assert kept == PARA
    assert dropped[AGAIN[0]] == ("recommendation", "section-item")
    assert dropped["02-15 1万+"] == ("recommendation", "section-item")


def test_recommendation_section_ends_where_the_article_resumes_under_a_byline():
    # A sidebar list inside the article (page text interleaves them): the article's dated
    # byline is no teaser stamp for its paragraphs, and the first one resumes the article.
    kept, _ = run([RecommendationFilter()], [*PARA, *SIDEBAR, "来源：新华社 2024-05-07", *AGAIN])
    assert kept == [*PARA, *AGAIN]


def test_recommendation_on_topic_list_items_stay_in_the_section():
    # 相关推荐 over bulleted teasers (headline, space, summary): however close to the
    # article's topic, a list item is one more entry, not the article resuming.
    items = [f"* 三季度经济数据解读 {AGAIN[0]}", f"* 前三季度增长的原因 {AGAIN[1]}"]
    kept, dropped = run([RecommendationFilter()], [*PARA, "相关推荐", *items])
    assert kept == PARA
    assert dropped[items[1]] == ("recommendation", "section-item")


def test_recommendation_a_posts_footer_is_no_teaser_stamp():
    answer = [AGAIN[0], "发布于 2024-04-03 10:21・IP 属地上海"]
    kept, _ = run([RecommendationFilter()], [*PARA, *SIDEBAR, *answer])
    assert kept == [*PARA, *answer]


def test_recommendation_a_paragraph_with_a_teaser_stamp_below_stays_in_the_section():
    teaser = [AGAIN[0], "某地发布暴雨预警", "03-14"]
    kept, dropped = run([RecommendationFilter()], [*PARA, *SIDEBAR, *teaser])
    assert kept == PARA
    assert dropped[AGAIN[0]] == ("recommendation", "section-item")


def test_recommendation_an_ad_label_does_not_swallow_the_paragraphs_below_it():
    # A short article's paragraphs share few words; an ad label's section ends at any prose.
    kept, dropped = run([RecommendationFilter()], [*PARA[:2], "广告", "某某理财 稳健收益", *PARA[2:]])
    assert kept == PARA
    assert dropped["广告"] == ("recommendation", "section-heading")
    assert dropped["某某理财 稳健收益"] == ("recommendation", "section-item")


def test_recommendation_an_ad_label_inside_a_list_keeps_the_list_going():
    off_topic = "夏季来临，多地气温突破三十五度，气象部门提醒市民注意防暑降温，减少午后外出活动的时间。"
    kept, dropped = run([RecommendationFilter()], [*PARA, *SIDEBAR, "广告", "某某理财 稳健收益", off_topic])
    assert kept == PARA
    assert dropped[off_topic] == ("recommendation", "section-item")


@pytest.mark.parametrize(
    "line, stamp",
    [
        ("04-09", True),
        ("02-15 1万+", True),
        ("* Yahoo财经 · 19 小时前", True),
        ("2024-05-07 12:30", True),
        ("5月7日", True),
        ("阿牛的博客", False),
        ("发布于 2024-04-03 10:21・IP 属地上海", False),
        ("来源：新华社记者从有关部门获悉的消息 2024-05-07", False),
        ("2024年5月9日，雄安高新区正式揭牌启动。", False),
        ("第1-2章", False),
    ],
)
def test_teaser_date_stamps(line, stamp):
    doc = build_document(line, "text")
    assert is_stamp(doc.blocks[0]) is stamp


def test_recommendation_heading_in_a_top_menu_does_not_open_a_section():
    page = ["首页", "评论", "国内", *PARA]
    kept, _ = run([RecommendationFilter()], page)
    assert kept[-4:] == PARA


def test_recommendation_drops_off_topic_teaser_blob():
    teasers = (
        "散文说狗作者公明从小我就怕狗那是因为我被狗狠狠地咬了一口之故。勇士客场对阵火箭全场比赛结束"
        "勇士以127比120成功击败了火箭，本赛季勇士在客场的表现很糟糕。建设银行获准首批开办个人养老金业务，"
        "中国银保监会印发商业银行和理财公司个人养老金业务管理暂行办法。杜鹃花开时节我来到了心仪已久的"
        "武夷山，这里碧水丹山风光旖旎，我被眼前奇丽万般的景致陶醉了。秋冬是观色的季节，丹枫水杉迎来它们"
        "的高光时刻，层林尽染千山红遍，银杏栾树满城尽带黄金甲，金光灿灿满地锦绣。湖北省荆州市沙市小学，"
        "学生通过空中课堂与偏远乡镇小学学生一起做韵律操，新华社记者摄。"
    )
    article = PARA + [p.replace("。", "，记者了解到这一情况。") for p in PARA]
    kept, dropped = run([RecommendationFilter(blob_chars=200)], [*article, teasers])
    assert kept == article
    assert dropped[teasers] == ("recommendation", "teaser-blob")


def test_recommendation_keeps_a_long_post_that_is_most_of_the_page():
    post = "“" + "这门语言的许多特性强烈地偏向对脚本语言的良好支持，写起来简洁而灵活。" * 12 + "”"
    replies = [
        "同意楼上的看法，确实如此，我也是这样觉得的，谢谢分享，以后还请多多指教，大家一起进步。",
        "我每天都在用它处理日常工作里的各种文件和报表，效率很高，已经离不开它了，推荐大家试试。",
    ]
    kept, _ = run([RecommendationFilter(blob_chars=200)], [post, *replies])
    assert post in kept


def test_recommendation_drops_counter_widget():
    kept, dropped = run([RecommendationFilter()], [*PARA, "128文章数 16关注度"])
    assert dropped["128文章数 16关注度"] == ("recommendation", "counter-widget")


# --- boilerplate ------------------------------------------------------------

def test_boilerplate_drops_the_numbered_clauses_of_a_notice():
    notice = [
        "反侵权公告：",
        "一、任何单位或个人使用著作权归属于本报社的原创内容，必须事先取得书面授权；",
        "二、对于各类非法转载行为，欢迎读者提供侵权线索：",
    ]
    kept, dropped = run([BoilerplateFilter()], [*PARA, *notice])
    assert kept == PARA
    assert dropped[notice[2]] == ("boilerplate", "disclaimer")


def test_boilerplate_keeps_numbered_points_that_are_not_the_notices():
    points = ["免责声明：本文仅供参考。", "一、经济数据总体向好，消费和投资都在回暖；", "二、高技术产业表现突出。"]
    kept, _ = run([BoilerplateFilter()], [*PARA, *points])
    assert kept == [*PARA, *points[1:]]


@pytest.mark.parametrize(
    "line, rule",
    [
        ("声明:个人原创,仅供参考", "disclaimer"),
        ("特别声明:以上内容(如有图片或视频亦包括在内)为自媒体平台用户上传并发布,本平台仅提供信息存储服务。", "disclaimer"),
        ("Notice: The content above (including the pictures and videos if any) is uploaded by users.", "disclaimer"),
        ("转载此文是出于传递更多信息目的。若来源标注错误或侵犯了您的合法权益,请与本站联系。", "reprint"),
        ("转载申请事宜以及报告非法侵权行为，请联系我们：010-56807194", "reprint"),
        ("如需转载请联系作者获得授权", "reprint"),
        ("1. 凡本网注明“来源：中国日报”的所有作品，版权均属于本网。", "disclaimer"),
        ("责任编辑：王小明", "editor"),
        ("审核编辑 黄宇", "editor"),
        ("* 责任编辑：王小明", "editor"),
        ("我司杂志提供免费订阅，任何第三方平台的赠送或售卖行为均未获得我司授权，我司保留追究其法律责任的权利！", "disclaimer"),
        ("wKgZomW_gnGATiVfAABTHI3lGH8951.jpg", "imagefile"),
        ("https://www.example.com/read/1403028.html", "url"),
        ("(来源:百度股市通)", "credit"),
        ("Copyright © 2004-2024 All rights reserved", "copyright"),
        ("西藏日报社出版 | 国内统一刊号：CN54—0002 | 邮发代号：67—1", "copyright"),
        ("本站使用 cookie 数据以确保网站正常运行。点击“同意”即表示您同意我们使用 cookie。 了解更多", "cookie"),
        ("We use cookies to improve your experience. Accept all cookies", "cookie"),
    ],
)
def test_boilerplate_rules(line, rule):
    kept, dropped = run([BoilerplateFilter()], [*PARA, line])
    assert dropped[line] == ("boilerplate", rule)
    assert kept == PARA


def test_boilerplate_moves_byline_to_meta():
    doc = build_document("\n".join(["作者/质子", "来源:脑极体 2024-10-23 11:23:26", *PARA]), "text")
    Pipeline([BoilerplateFilter()]).run(doc)
    assert doc.meta["author"] == "质子"
    assert doc.meta["source"] == "脑极体"
    assert doc.meta["date"] == "2024-10-23 11:23:26"
    assert [b.text for b in doc.kept()] == PARA


def test_boilerplate_keeps_prose_about_cookies():
    line = "浏览器把 cookie 存在本地磁盘上，下次访问同一网站时随请求一起发送给服务器。"
    kept, _ = run([BoilerplateFilter()], [line, *PARA])
    assert kept[0] == line


def test_boilerplate_keeps_sentence_that_starts_with_a_date():
    line = "2022年11月30日,OpenAI发布全新聊天机器人模型ChatGPT,产品上线五天,全球用户量就突破100万。"
    kept, _ = run([BoilerplateFilter()], [line, *PARA])
    assert kept[0] == line


# --- body -------------------------------------------------------------------

def test_body_keeps_title_headings_numbered_points_and_quotes():
    page = [
        "网站首页", "关于我们",
        "国内经济稳中向好 前三季度增长百分之五",
        "2024-10-23 11:23 来源：新华社",
        PARA[0],
        "【1】增速领先",
        PARA[1],
        "1。芯片之殇：国产替代道阻且长。",
        PARA[2],
        "（注：数据为初步核算结果）",
        PARA[3],
        "热门标签 经济 统计",
    ]
    result = cleanweb.clean("\n".join(page), to="keep")
    lines = result.text.splitlines()
    assert result.title == "国内经济稳中向好 前三季度增长百分之五"
    assert lines[0] == result.title
    for keep in [*PARA, "【1】增速领先", "1。芯片之殇：国产替代道阻且长。", "（注：数据为初步核算结果）"]:
        assert keep in lines
    for gone in ["网站首页", "关于我们", "热门标签 经济 统计", "2024-10-23 11:23 来源：新华社"]:
        assert gone not in lines
    assert result.meta["source"] == "新华社"


def test_body_drops_off_topic_ad_inside_article_but_keeps_heading():
    page = [PARA[0], PARA[1], "招商创业 雅虎推荐", "经济数据亮点", PARA[2], PARA[3]]
    kept, dropped = run([BodyFilter()], page)
    assert dropped["招商创业 雅虎推荐"] == ("body", "off-topic-short")
    assert "经济数据亮点" in kept


def test_body_keeps_a_short_line_of_dialogue():
    page = [PARA[0], PARA[1], "“好！”", "「走吧。」", "好！", PARA[2], PARA[3]]
    kept, dropped = run([BodyFilter()], page)
    assert "“好！”" in kept and "「走吧。」" in kept
    assert dropped["好！"] == ("body", "off-topic-short")  # unquoted, one character: no telling


def test_body_drops_everything_before_and_after_the_article():
    page = ["随便看看", "今日天气晴", *PARA, "友情链接", "网站地图"]
    kept, dropped = run([BodyFilter()], page)
    assert kept == PARA
    assert dropped["友情链接"] == ("body", "after-body")


SITE_BLURB = "某某健康网创办于二〇〇〇年，是一家专注医疗资讯的门户站点，月度访问量超过一亿人次。"


def test_body_cuts_full_sentences_off_topic_below_a_closing_notice():
    notice = "（责任编辑：王小明）"
    kept, dropped = run([BoilerplateFilter(), BodyFilter()], [*PARA, notice, SITE_BLURB])
    assert kept == PARA
    assert dropped[notice] == ("boilerplate", "editor")
    assert dropped[SITE_BLURB] == ("body", "after-body")
    # Without the notice the same sentence ends like a paragraph and stays.
    kept, _ = run([BoilerplateFilter(), BodyFilter()], [*PARA, SITE_BLURB])
    assert kept == [*PARA, SITE_BLURB]


def test_body_cuts_headlines_and_tags_below_a_listed_closing_notice():
    # Page-text dumps write list items with a marker (`+ 责任编辑: …`): the notice is
    # still the article's end, and the related headlines below it, on the article's own
    # topic and punctuated like titles (？, ：, ，) but never ending a sentence, go.
    notice = "+ 责任编辑: 于文凯"
    related = ["标签 经济 统计 增长", "三季度经济数据解读：增长为何领先？", "国内生产总值增长的原因，专家：消费回暖"]
    kept, dropped = run([BoilerplateFilter(), BodyFilter()], [*PARA, notice, *related])
    assert kept == PARA
    assert dropped[notice] == ("boilerplate", "editor")
    assert {dropped[line] for line in related} == {("body", "after-body")}


def test_a_notice_under_the_lead_is_not_the_end_of_the_article():
    article = [PARA[1], PARA[0], *PARA[2:]]
    page = [article[0], "本文来源于网络，转载请注明出处。", *article[1:], SITE_BLURB]
    kept, dropped = run([BoilerplateFilter(), BodyFilter()], page)
    assert kept == [*article, SITE_BLURB]
    assert dropped["本文来源于网络，转载请注明出处。"] == ("boilerplate", "reprint")


def test_body_drops_the_articles_own_teaser_in_a_box_below_it():
    lead = PARA[0][:30] + "…"  # its lead, cut short
    kept, dropped = run([NavigationFilter(), BodyFilter()], [*PARA, "更多>>", PARA[1], lead])
    assert kept == PARA
    assert dropped[lead] == ("body", "repeat")


def test_body_keeps_twin_lines_side_by_side():
    caption = "5月19日，在多米尼加首都圣多明各，阿比纳德尔在竞选总部发表胜选演讲。 新华社记者 摄"
    page = [*PARA, caption, caption]
    doc = build_document("\n".join(page), "text")
    Pipeline([BodyFilter()]).run(doc)
    assert [b.text for b in doc.kept()] == page


def test_body_takes_in_the_numbered_items_that_continue_its_list():
    items = [f"{n}.{text}" for n, text in enumerate(("支持批量生成短链接，单次最多五十条。", "支持数据统计和修改原网址功能。"), 1)]
    page = [*PARA, *items, "3.微信内打开功能正在开发中", "5.本条与上面的编号不相连", "友情链接"]
    kept, dropped = run([BodyFilter()], page)
    assert kept == [*PARA, *items, "3.微信内打开功能正在开发中"]
    assert dropped["5.本条与上面的编号不相连"] == ("body", "after-body")


def test_empty_page_gives_empty_text():
    result = cleanweb.clean("")
    assert result.text == "" and result.removed == []


def test_body_keeps_a_page_without_prose_and_flags_it():
    agenda = ["会议议程", "12月10日 代表注册", "地点：南开大学明珠园", "主持人：海闻教授", "8:30 开幕式"]
    doc = build_document("\n".join(agenda), "text")
    Pipeline([BodyFilter()]).run(doc)
    assert [b.text for b in doc.kept()] == agenda
    assert doc.flags == {"no-prose": 1}


def test_title_is_never_a_sentence_or_a_label_value_line():
    page = ["朝代： 唐代", "这并不是他第一次穿过这道门来到对面。", *PARA]
    result = cleanweb.clean("\n".join(page), to="keep")
    assert result.title is None


def test_body_keeps_a_list_page_whose_few_sentences_are_scattered():
    agenda = [
        "会议议程", "12月10日 代表注册", "地点：南开大学明珠园", "主持人：海闻教授", "8:30 开幕式",
        "主讲人：李扬（中国社科院金融所所长）“对建立金融市场秩序的一些思考”，欢迎各位参加。",
        "9:20 分组讨论", "地点：经济学院第二教学楼", "10:10 大会休息", "12:00 午餐",
        "13:30 专题讨论", "地点：伯苓楼一楼报告厅", "15:45 闭幕式", "主持人：周立群教授",
    ]
    kept, _ = run([BodyFilter()], agenda)
    assert kept == agenda


@pytest.mark.parametrize("line", ["标签：粮食 农业", "问题标签： 后端相关", "文章标签：人工智能 chatgpt", "Tags: 粮食, 农业"])
def test_tag_widget_lines_are_dropped(line: str) -> None:
    article = "据新华社报道，今年全国粮食总产量再创新高，达到一万四千亿斤以上，连续多年稳定在一万三千亿斤以上。"
    page = f"{article}\n{article[:30]}相关部门表示将继续加强建设。\n{line}\n"
    result = cleanweb.clean(page, kind="text")
    assert [(r.filter, r.rule, r.text) for r in result.removed] == [("recommendation", "related-link", line)]


def test_body_a_one_paragraph_brief_is_an_article_and_the_chrome_around_it_goes() -> None:
    brief = (
        "联合国贸发会议发布报告说，即使忽略最坏的下行风险，今年全球经济增长率也将从百分之三降至百分之二点三，"
        "一些大型新兴经济体已经陷入衰退，而一些发达经济体距离衰退仅一步之遥，全球贸易增长也将严重减缓。"
    )
    page = "\n".join([
        "Toggle navigation",
        "今日股市_明日大盘_股票行情_大盘预测_股市分析 - 明日大盘网，权威行情资讯网站",
        "20190926|国贸|增长率|全球经济",
        "联合国报告：全球经济增长率将降至2.3%",
        brief,
        "20190926|国贸|增长率|全球经济",
    ])
    result = cleanweb.clean(page, kind="text")
    assert result.text.splitlines() == ["联合国报告：全球经济增长率将降至2.3%", brief]
    assert "no-prose" not in result.flags


def test_body_line_broken_sentences_in_the_articles_words_do_not_split_it() -> None:
    # WeChat-style articles break sentences into short lines between their paragraphs.
    article = [
        "近日，广州南沙国际邮轮母港开港倒计时发布会召开，邮轮母港将于十一月正式开港，可停靠目前世界上最大的邮轮。",
        "值得一提的是，新邮轮母港距离地铁站约五百米，是国内第一家实现与地铁无缝接驳的邮轮母港。",
        "南沙国际邮轮母港码头工程",
        "已进入航站楼装修和设备调试阶段",
        "广州南沙国际邮轮母港",
        "与地铁站无缝接驳",
        "据介绍，在航站楼内部装修及各项查验设备安装调试工作完成后，邮轮母港预计今年十月具备试运营条件。",
    ]
    page = ["首页", "新闻", "财经", "登录", *article, "相关推荐", "网站地图", "联系我们"]
    result = cleanweb.clean("\n".join(page), kind="text")
    assert result.text.splitlines() == article


def test_body_a_paragraph_broken_into_a_line_per_clause_is_body() -> None:
    # A mobile-style lead, a clause a line, above the first long paragraph: menus never
    # end in commas, so the clauses together weigh as prose and the lead stays.
    lead = [
        "下周一，", "京沪高速施工就将进入第二阶段，", "也是对市民出行影响最大的一段。",
        "什么？", "你还不知道？", "快点击这里了解一下！",
    ]
    article = [
        "五月二十日至三十一日，京沪高速北京方向无锡枢纽至广陵枢纽将进行封闭施工，相关车辆需要绕行过江。",
        "请大家听从现场民警指挥，关注道路电子显示屏、交通广播和指示牌的诱导，提前规划出行路线。",
    ]
    menu = ["首页", "新闻", "财经", "体育", "用微信扫描二维码", "分享至好友和朋友圈"]
    result = cleanweb.clean("\n".join([*menu, *lead, *article, "网站地图", "联系我们"]), kind="text")
    assert result.text.splitlines() == [*lead, *article]


@pytest.mark.parametrize("heading", ["此前报道", "相关报道", "您可能感兴趣的文章"])
def test_recommendation_inline_earlier_report_link_is_dropped(heading: str) -> None:
    line = f"{heading}：港媒曝当事人出狱前首受访 称“对不起”"
    kept, dropped = run([RecommendationFilter()], [*PARA, line])
    assert kept == PARA
    assert dropped[line] == ("recommendation", "related-link")
