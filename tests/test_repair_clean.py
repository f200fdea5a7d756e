"""Clean text is never touched: prose, classical text, code, URLs, English, emoji, dictionaries, real pages."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleanweb import repair
from cleanweb.repair.score import han_costs

ROOT = Path(__file__).resolve().parents[1]
DEVSET = ROOT.parent / "shared" / "devset"

PIECES = [
    # Simplified and Traditional prose
    "人工智能的技术能力以及前景正在推动不少国家加大对于相关硬件的投入。",
    "据新华社报道，2024年全国粮食总产量达到1.4万亿斤，同比增长1.6%。",
    "韓國代總統崔相穆2月17日表示，到明年上半年將擴大供應1.8萬個高性能GPU。",
    "臺灣的經濟成長率在第三季度達到百分之四點五，創下近年新高。",
    "他说：“你好！”她问：“真的吗？”——省略号……《人民日报》【快讯】",
    "阿什维尼·维什瑙上月底表示，印度要开发本土AI大模型。",
    # rare names and classical text
    "孙启勤的“虬泓山庄”规划500亩，瞿塘峡口的滟滪滩令人生畏。",
    "子曰：学而时习之，不亦说乎？有朋自远方来，不亦乐乎？",
    "鞠躬尽瘁，死而后已。至于成败利钝，非臣之明所能逆睹也。",
    "关关雎鸠，在河之洲。窈窕淑女，君子好逑。",
    # code, URLs, English, numbers
    "def f(x):\n    return {'a': x[0], \"b\": x % 2}\n",
    'if (a < b && c > d) { printf("%d\\n", a); }',
    "https://zh.wikipedia.org/wiki/%E4%B8%AD%E6%96%87?lang=zh&x=1",
    "www.example.com/path?q=%E4%B8%AD",
    "The quick brown fox jumps over the lazy dog. It's 3:45 p.m., isn't it?",
    "café naïve résumé — “quoted” ‘single’ … 100% € £ ¥ © ® ™",
    "Email: someone@example.org; tel: +86-10-59231580",
    # other scripts and symbols a Chinese page quotes
    "日本語のテキストです。ひらがなとカタカナが含まれています。",
    "東京都は日本の首都であり、人口は約1400万人です。",
    "Русский текст в китайской статье. Ελληνικά κείμενα. 한국어 텍스트입니다.",
    "①②③ ㈠㈡ ⅠⅡⅢ ★☆○●◎◇◆□■△▲ →←↑↓ ※§№ ┌─┐│└┘ ══════",
    # emoji
    "今天很开心😀👍🏽！全家福👨\u200d👩\u200d👧\u200d👦❤️",
    # dictionary entries with pinyin and legitimate parentheses
    "长(cháng)：长度；长(zhǎng)：生长。行(háng)业，行(xíng)走。",
    "北京(Beijing)、上海(Shanghai)和人力资本(humancapital)。",
    "第一场(a)、第二场(b)；水没(mò)到膝盖。",
    "重(zhòng)要  重(chóng)新  了(le)  的(de)",
    "人工智能(AI)的GPU(图形处理器)在2024年(去年)增长。",
    "",
    "\n",
    "  ",
]

COMMON_HAN = "".join(ch for ch, cost in sorted(han_costs().items(), key=lambda kv: kv[1])[:3000])
PROSE_ALPHABET = COMMON_HAN + "，。、；：？！“”（）《》 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.,;:!?'\"()-\n"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6))
def test_clean_pieces_in_any_order_are_unchanged(pieces):
    text = "".join(pieces)
    assert repair(text) == text


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=PROSE_ALPHABET, min_size=1, max_size=200))
def test_random_text_of_common_characters_is_unchanged(text):
    assert repair(text) == text


@pytest.mark.parametrize("seed", ["000", "001", "004"])
def test_clean_seeds_are_unchanged(seed):
    (path,) = (ROOT / "fixtures" / "seeds").glob(f"{seed}_*.txt")
    text = path.read_text("utf-8")
    assert repair(text) == text


_FULLWIDTH = {c: c - 0xFEE0 for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"))


def _allowed(text: str) -> str:
    """What repair may change in clean text: full-width letters/digits and invisible characters."""
    return text.translate(_FULLWIDTH).translate(_INVISIBLE)


GOLD = sorted(DEVSET.glob("*.gold.txt")) if DEVSET.is_dir() else []


@pytest.mark.parametrize("path", GOLD, ids=[p.name for p in GOLD])
def test_devset_gold_is_unchanged_but_for_width_and_invisibles(path):
    text = path.read_text("utf-8")
    assert repair(text) == _allowed(text)
