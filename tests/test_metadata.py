"""Bylines: which lines are bylines, and the fields read from them."""

from __future__ import annotations

import pytest

from cleanweb._norm import judge_view
from cleanweb.features import measure
from cleanweb.metadata import find_date, may_be_byline, read_byline


@pytest.mark.parametrize(
    "line, fields",
    [
        ("作者/質子", {"author": "質子"}),
        ("来源： 光明网-《光明日报》 2024-05-20 03:15", {"source": "光明网-《光明日报》", "date": "2024-05-20 03:15"}),
        ("何仪聊巨大的世界2024-10-23 11:23:26  117", {"author": "何仪聊巨大的世界", "date": "2024-10-23 11:23:26"}),
        ("腦極體 ? 來源:腦極體 ? 作者:腦極體 ? 2024-02-05 09:54 ? 次閱讀",
         {"author": "腦極體", "source": "腦極體", "date": "2024-02-05 09:54"}),
        ("2005-04-05 06:40更新 来源：转载文章", {"date": "2005-04-05 06:40", "source": "转载文章"}),
        ("发布时间：2023年8月1日", {"date": "2023-08-01"}),
    ],
)
def test_byline_fields(line, fields):
    assert read_byline(line) == fields


@pytest.mark.parametrize(
    "line",
    [
        "2022年11月30日,OpenAI发布全新聊天机器人模型ChatGPT,产品上线五天,全球用户量突破100万。",
        "(来源:百度股市通)",
        "这是一句普通的话，没有日期。",
        "",
    ],
)
def test_not_bylines(line):
    assert read_byline(line) is None


def test_find_date_rejects_impossible_dates():
    assert find_date("2024-13-40") is None
    assert find_date("于2024年5月9日揭牌") == "2024-05-09"


BYLINES = [
    "作者/質子",
    "来源： 光明网-《光明日报》 2024-05-20 03:15",
    "何仪聊巨大的世界2024-10-23 11:23:26  117",
    "腦極體 ? 來源:腦極體 ? 作者:腦極體 ? 2024-02-05 09:54 ? 次閱讀",
    "发布时间：2023年8月1日",
    "1024 次阅读",
    "閱讀：1024",
    "1024 views",
    "樓主 | 文：張三",
    "轉自：某報",
]


@pytest.mark.parametrize("line", BYLINES)
def test_the_cheap_test_lets_every_byline_through(line):
    assert read_byline(line) is not None
    norm = judge_view(line)
    assert may_be_byline(norm, measure(norm)["digits"])


@pytest.mark.parametrize("line", ["首页 新闻 体育", "共3页", "第12期：新品上市", "联系我们 | 关于我们"])
def test_the_cheap_test_stops_lines_without_byline_fields(line):
    norm = judge_view(line)
    assert not may_be_byline(norm, measure(norm)["digits"])
