"""User rules and configuration: drop/keep regexes, disabled filters, tuned options, bad files."""

from __future__ import annotations

import pytest

import cleanweb
from cleanweb import Config, ConfigError, Pipeline

BODY = [
    "近日，国家统计局发布了最新一期的经济数据，显示今年前三季度国内生产总值同比增长百分之五。",
    "专家表示，这一增速在全球主要经济体中仍然处于领先位置，但也要看到外部环境的不确定性在增加。",
    "本文由经济观察小组整理，欢迎关注我们获取更多资讯，每天早上八点准时推送，不见不散。",
]


def test_user_drop_rule_removes_a_site_specific_line():
    pipe = Pipeline.default(config={"rules": {"drop": ["^本文由.{0,20}整理"]}})
    result = cleanweb.clean("\n".join(BODY), pipeline=pipe)
    assert BODY[2] not in result.text
    assert BODY[0] in result.text
    assert [(r.filter, r.rule) for r in result.removed] == [("user", "drop[0]")]


def test_user_keep_rule_protects_a_line_from_every_filter():
    page = "\n".join([*BODY[:2], "返回列表"])
    assert "返回列表" not in cleanweb.clean(page).text
    pipe = Pipeline.default(config={"rules": {"keep": ["^返回列表$"]}})
    assert "返回列表" in cleanweb.clean(page, pipeline=pipe).text.splitlines()


def test_disable_filter_and_tune_option():
    pipe = Pipeline.default(config={"filters": {"disable": ["recommendation"], "spam": {"min_terms": 3}}})
    assert "recommendation" not in pipe.names()
    assert pipe.get("spam").min_terms == 3


def test_config_file_round_trip(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(
        '[filters]\ndisable = ["script"]\n[filters.body]\nshort_penalty = 8.0\n'
        '[rules]\ndrop = ["整理"]\n',
        "utf-8",
    )
    pipe = Pipeline.default(config=path)
    assert "script" not in pipe.names()
    assert pipe.get("body").short_penalty == 8.0
    assert pipe.get("user").drop_patterns == ["整理"]


@pytest.mark.parametrize(
    "text, message",
    [
        ("[filters\n", "not valid TOML"),
        ('[nonsense]\nx = 1\n', "unknown section"),
    ],
)
def test_bad_config_file_names_file_and_problem(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError, match=message) as err:
        Config.load(path)
    if "TOML" in message:
        assert str(path) in str(err.value)


def test_unknown_filter_and_bad_option_are_config_errors():
    with pytest.raises(ConfigError, match="unknown filter"):
        Pipeline.default(config={"filters": {"disable": ["nope"]}})
    with pytest.raises(ConfigError, match="bad option"):
        Pipeline.default(config={"filters": {"spam": {"no_such_option": 1}}})
    with pytest.raises(ConfigError, match="bad user rule"):
        Pipeline.default(config={"rules": {"drop": ["("]}})


def test_missing_config_file_is_a_config_error(tmp_path):
    with pytest.raises(ConfigError, match="cannot read config"):
        Config.load(tmp_path / "missing.toml")


def test_custom_filter_class_in_a_pipeline():
    class DropDigitsOnly(cleanweb.Filter):
        """Drop lines made only of digits."""

        name = "digits"

        def apply(self, doc):
            for block in doc.blocks:
                if block.text.strip().isdigit():
                    self.drop(doc, block, "digits-only")

    pipe = Pipeline([DropDigitsOnly()])
    result = cleanweb.clean("12345\n" + BODY[0], pipeline=pipe)
    assert result.text == BODY[0] + "\n"
    assert result.removed[0].filter == "digits" and result.removed[0].start == 1
    assert pipe.stats["digits"]["dropped"] == 1


def test_pipeline_rejects_non_filters():
    with pytest.raises(TypeError):
        Pipeline([object()])
