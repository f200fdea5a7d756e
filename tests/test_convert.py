"""cleanweb.convert: script detection, targets, round-trip avoidance, mixed pages, protected words."""

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cleanweb
from cleanweb.convert import (
    ScriptConverter,
    detect_script,
    script_chars,
    script_counts,
    script_counts_many,
)

SIMP = "我们的软件需要鼠标和内存。"
TRAD = "後來他們搬到臺灣，買了一台電腦。"
TW = "這個軟體的滑鼠很好用。"


@pytest.mark.parametrize(
    ("text", "to", "phrases", "expected"),
    [
        (SIMP, "traditional", None, "我們的軟件需要鼠標和內存。"),
        (SIMP, "taiwan", None, "我們的軟體需要滑鼠和記憶體。"),
        (SIMP, "taiwan", False, "我們的軟件需要鼠標和內存。"),
        (SIMP, "hongkong", None, "我們的軟件需要鼠標和內存。"),
        (SIMP, "hongkong", True, "我們的軟件需要滑鼠和內存。"),
        (TRAD, "simplified", None, "后来他们搬到台湾，买了一台电脑。"),
        (TRAD, "hongkong", None, "後來他們搬到台灣，買了一台電腦。"),
        (TW, "simplified", None, "这个软体的滑鼠很好用。"),
        (TW, "simplified", True, "这个软件的鼠标很好用。"),
        ("头发和理发", "traditional", None, "頭髮和理髮"),
        ("裏面", "taiwan", None, "裡面"),
    ],
)
def test_targets_exact_output(text, to, phrases, expected):
    assert cleanweb.convert(text, to, phrases=phrases) == expected


def test_simplified_to_simplified_is_not_round_tripped():
    # t2s alters these characters even in Simplified text (乾 -> 干, 於 -> 于, 著 -> 着).
    text = "乾坤未定，於是我们著手研究了这个问题。"
    assert opencc.OpenCC("t2s").convert(text) != text
    assert detect_script(text) == "simplified"
    assert cleanweb.convert(text, "simplified") == text


def test_traditional_to_traditional_is_not_round_tripped():
    # s2t turns 里 into 裏 and 后 into 後, but a Traditional page keeps its own 里/后 forms.
    text = "這裡是鄰里之間的皇后大道，我們後來才知道。"
    assert opencc.OpenCC("s2t").convert(text) != text
    assert cleanweb.convert(text, "traditional") == text


def test_keep_returns_text_unchanged():
    assert cleanweb.convert("这是軟體", "keep") == "这是軟體"


def test_mixed_page_comes_out_in_one_script():
    text = "我的電腦壞了。这是新买的软件。"
    assert detect_script(text) == "mixed"
    assert cleanweb.convert(text, "simplified") == "我的电脑坏了。这是新买的软件。"
    assert cleanweb.convert(text, "traditional") == "我的電腦壞了。這是新買的軟件。"
    assert cleanweb.convert(text, "taiwan") == "我的電腦壞了。這是新買的軟體。"


def test_sentence_is_converted_by_its_majority_script():
    # A Traditional sentence is converted whole, its one Simplified character included.
    assert cleanweb.convert("這個軟體的價格很貴，但是买了", "simplified") == "这个软体的价格很贵，但是买了"
    # A Simplified sentence keeps its minority character: 昇腾 is a name (t2s would write 升腾).
    assert opencc.OpenCC("t2s").convert("华为昇腾芯片的性能很强") == "华为升腾芯片的性能很强"
    assert cleanweb.convert("华为昇腾芯片的性能很强", "simplified") == "华为昇腾芯片的性能很强"
    # A tie follows the document's script (Simplified when there is no evidence).
    assert cleanweb.convert("这个軟體很好用", "traditional") == "這個軟體很好用"


def test_neutral_text_without_script_evidence():
    # 后 and 面 are valid in both scripts; Simplified is assumed, so only Traditional targets change it.
    assert detect_script("后面") == "none"
    assert cleanweb.convert("后面", "simplified") == "后面"
    assert cleanweb.convert("后面", "traditional") == "後面"


def test_neutral_sentence_follows_document_context():
    conv = ScriptConverter("simplified")
    assert conv.convert("乾燥", context="traditional") == "干燥"
    assert conv.convert("乾燥", context="simplified") == "乾燥"


@pytest.mark.parametrize(
    ("text", "script"),
    [
        ("中华人民共和国", "simplified"),
        ("中華人民共和國", "traditional"),
        ("我的電腦壞了。这是新买的软件。", "mixed"),
        ("Hello, world 123", "none"),
        ("", "none"),
    ],
)
def test_detect_script(text, script):
    assert detect_script(text) == script


def test_script_character_sets_are_disjoint_and_exclude_regional_forms():
    trad_only, simp_only = script_chars()
    assert not trad_only & simp_only
    assert {"國", "們", "來", "體"} <= trad_only
    assert {"国", "们", "这", "说"} <= simp_only
    # Hong Kong standard forms stay neutral: s2hk writes them unchanged.
    assert not {"户", "温", "税"} & simp_only


def test_protected_words_are_left_exactly_as_written():
    text = "范冰冰和于丹在台湾。"
    assert cleanweb.convert(text, "traditional") == "范冰冰和于丹在臺灣。"
    assert cleanweb.convert(text, "traditional", protect=["台湾"]) == "范冰冰和于丹在台湾。"
    assert cleanweb.convert("发展台湾发", "traditional", protect=["台湾"]) == "發展台湾發"


def test_default_name_list_fixes_surnames_opencc_gets_wrong():
    assert opencc.OpenCC("s2t").convert("余华和范伟") == "餘華和範偉"
    assert cleanweb.convert("余华和范伟", "traditional") == "余華和范偉"
    assert cleanweb.convert("余華和范偉", "simplified") == "余华和范伟"
    # A user protect entry overrides the default rendering: the word stays as typed.
    assert cleanweb.convert("余华", "traditional", protect=["余华"]) == "余华"


def test_declared_source_uses_regional_config():
    assert cleanweb.convert("滑鼠和軟體", "simplified", source="taiwan", phrases=True) == "鼠标和软件"
    assert cleanweb.convert("這裡", "traditional", source="taiwan") == "這裏"
    assert cleanweb.convert("這裡", "traditional") == "這裡"


def test_edits_record_each_changed_run():
    conv = ScriptConverter("taiwan")
    out, edits = conv.convert_with_edits("我们的软件很好。这是U盘。", block=3)
    assert out == "我們的軟體很好。這是隨身碟。"
    assert [(e.family, e.before, e.after, e.pos, e.block) for e in edits] == [
        ("script", "们", "們", 1, 3),
        ("script", "软件", "軟體", 3, 3),
        ("script", "这", "這", 8, 3),
        ("script", "U盘", "隨身碟", 10, 3),
    ]


@pytest.mark.parametrize("bad", [{"to": "klingon"}, {"to": "simplified", "source": "martian"}])
def test_unknown_target_or_source_raises(bad):
    with pytest.raises(cleanweb.ConfigError, match="unknown script"):
        cleanweb.convert("中文", **bad)


def test_bad_argument_types_raise():
    with pytest.raises(cleanweb.InputError, match="expects str"):
        cleanweb.convert(b"bytes")
    with pytest.raises(cleanweb.ConfigError, match="protect"):
        cleanweb.convert("中文", "traditional", protect="台湾")


_PIECES = ["我们", "的", "软件", "鼠标", "U盘", "後來", "臺灣", "軟體", "滑鼠", "头发", "后面", "。", "，", "\n", "a", " "]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.sampled_from(["simplified", "taiwan", "hongkong"]))
def test_edits_replay_to_the_converted_text(pieces, to):
    text = "".join(pieces)
    out, edits = ScriptConverter(to).convert_with_edits(text)
    assert out == cleanweb.convert(text, to)
    rebuilt, last = [], 0
    for e in edits:  # positions refer to the input text, in order, without overlap
        assert e.pos >= last and text[e.pos : e.pos + len(e.before)] == e.before
        rebuilt.append(text[last : e.pos] + e.after)
        last = e.pos + len(e.before)
    assert "".join(rebuilt) + text[last:] == out


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="乾於著后面里发台我们的一个中国这说话，。！\n", max_size=60))
def test_simplified_text_is_never_changed_when_simplified_is_asked(text):
    trad_only, _ = script_chars()
    assert not set(text) & trad_only
    assert cleanweb.convert(text, "simplified") == text


@given(st.lists(st.text(alphabet=list("中国國语語后後发發 \n的a1。"), max_size=10), max_size=6))
def test_script_counts_many_equals_one_by_one(texts):
    assert script_counts_many(texts) == [script_counts(t) for t in texts]
