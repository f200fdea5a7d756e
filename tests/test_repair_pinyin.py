"""Pinyin insertions and the bytes they broke (seed 003), and the gate that protects real parentheses."""

from pathlib import Path

import pytest

import cleanweb
from cleanweb import repair, repair_and_explain
from cleanweb.repair import gated, repair_text
from cleanweb.repair._edits import replay

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text("utf-8")


def corrupt(text: str, table: list[tuple[str, str]]) -> str:
    """Make a page the way the broken site did, byte for byte.

    GBK-encode, insert `(py)` after every byte match of each key (table ordered by
    pinyin), then convert GBK->UTF-8 the way the site's converter did: a lead byte
    that does not pair becomes `?` and the byte after it is swallowed.
    """
    data = text.encode("gbk")
    for ch, py in sorted(table, key=lambda kv: kv[1]):
        key = ch.encode("gbk")
        data = data.replace(key, key + b"(" + py.encode("gbk") + b")")
    out, i = [], 0
    while i < len(data):
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
            continue
        try:
            out.append(data[i : i + 2].decode("gbk"))
        except UnicodeDecodeError:
            out.append("?")
        i += 2
    return "".join(out)


# The insertion table of such a site: Traditional characters with one reading each.
TABLE = [("國", "guó"), ("報", "bào"), ("賴", "lài"), ("請", "qǐng"), ("優", "yōu"), ("詢", "xún"),
         ("價", "jià"), ("會", "huì"), ("說", "shuō"), ("時", "shí"), ("們", "men"), ("經", "jīng"),
         ("這", "zhè"), ("發", "fā"), ("學", "xué"), ("對", "duì")]


def test_corrupt_reproduces_the_seed_damage():
    assert corrupt("不少國家", TABLE) == "不少?lài)?guó)家"
    assert corrupt("日報", TABLE) == "日?qǐng)?bào)"
    assert corrupt("變為國家", TABLE) == "變?yōu)閲?guó)家"
    assert corrupt("性價比", TABLE) == "性?xún)r(jià)比"


@pytest.mark.parametrize(
    "original",
    [
        "不少國家都在發展人工智能",
        "據《韓民族日報》報道，這是他們的經驗",
        "性價比最高的方案，經過學者的研究",
        "他說這會議對國家經濟發展很重要",
        "轉變為國家出面的競爭，時間不多了",
    ],
)
def test_generated_damage_is_solved_exactly(original):
    broken = corrupt(original, TABLE)
    assert broken != original
    fixed, edits = repair_and_explain(broken)
    assert fixed == original
    assert replay(broken, edits) == fixed
    assert {e.family for e in edits} == {"pinyin"}


def test_seed_003_all_eight_damaged_characters_come_back():
    seed = _seed("003")
    out = repair_text(seed)
    text = out.text
    assert "不少國家加大" in text
    assert text.count("日報") == 4  # 《韓民族日報》, 17日報道, 《亞洲日報》, 18日報道
    assert "《韓民族日報》2月17日報道" in text and "《亞洲日報》18日報道" in text
    assert "轉變為國家出面" in text
    assert "不追求性價比最高" in text
    assert "中國金屬材料流通協會,歡迎您!" in text
    # no annotation and no damage form is left, and the leaked close tags are gone
    assert "(guó)" not in text and "?guó)" not in text and "(huì)" not in text
    assert "span>" not in text


def test_seed_003_question_marks_before_span_are_left_and_flagged():
    # `?!?/span>`: the `?/span>` is a close tag whose `<` was swallowed with a lost byte
    # (stripped); the `?` before `!` is a byte nobody can recover: kept and counted.
    out = repair_text(_seed("003"))
    assert "機會?!\n" in out.text and "協同化水平?!\n" in out.text
    assert out.flags == {"unrecoverable_bytes": 2}


@pytest.mark.parametrize(
    "text",
    [
        "长(cháng)：长度；长(zhǎng)：生长。",
        "我们去北京(Beijing)和上海(Shanghai)。",
        "人力资本(humancapital)是经济学概念。",
        "第一场(a)比赛和第二场(b)比赛。",
        "水没(mò)到膝盖，他没(méi)有走。",
        "重(zhòng)要和重(chóng)新",
    ],
)
def test_dictionary_entries_and_real_parentheses_are_untouched(text):
    assert not gated(text)
    assert repair(text) == text


def test_gate_needs_the_pattern_on_traditional_only_characters():
    assert gated("中國(guó)金屬材料流通協(xié)會(huì)")
    assert gated("不少?lài)?guó)家")
    assert not gated("中国(guó)")  # one annotation is not a pattern
    assert not gated("长(cháng)城和行(háng)业")  # Simplified characters: a dictionary


def test_pipeline_repairs_first_with_block_index_and_offsets():
    page = "中國(guó)金屬材料流通協(xié)會(huì),歡迎您!\n\n人工智能正在推動(dòng)不少?lài)?guó)家加大投入,以跟上世界的步伐。這是很長的一段正文內容,講述了很多事情。\n"
    pipe = cleanweb.Pipeline.default()
    assert pipe.names()[0] == "mojibake"
    doc = cleanweb.clean(page, pipeline=pipe).document
    repairs = [e for e in doc.edits if e.family == "pinyin"]
    title = next(b for b in doc.blocks if b.text.startswith("中國"))
    body = next(b for b in doc.blocks if b.text.startswith("人工智能"))
    assert repairs and {e.block for e in repairs} == {title.index, body.index}
    block_edits = [e for e in repairs if e.block == body.index]
    original = page.split("\n")[2]
    assert replay(original, block_edits) == "人工智能正在推動不少國家加大投入,以跟上世界的步伐。這是很長的一段正文內容,講述了很多事情。"
    assert (block_edits[0].before, block_edits[0].pos) == ("(dòng)", original.index("(dòng)"))
    assert ("?lài)?guó)", "國") in [(e.before, e.after) for e in block_edits]


def test_filter_counts_losses_in_document_flags():
    page = "标题\n\n这一段正文里丢了字：锟斤拷锟斤拷，后面还有\ufffd\ufffd。这是很长的一段正文内容,讲述了很多事情。\n"
    result = cleanweb.clean(page)
    assert result.flags.get("lost_text") == 2
    assert [e.after for e in result.edits if e.family == "loss"] == ["\ufffd", "\ufffd"]
