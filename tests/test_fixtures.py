"""Regression: the API and the CLI turn each seed page into exactly its hand-written expected file.

The expected files (fixtures/expected/NAME.txt) were written by reading each seed line by line;
fixtures/README.md lists which source lines were kept and why the others are noise.
"""

from __future__ import annotations

import difflib
import subprocess
import sys
from functools import cache
from pathlib import Path

import opencc
import pytest

import cleanweb

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
SEEDS = FIXTURES / "seeds"
EXPECTED = FIXTURES / "expected"
NAMES = sorted(p.stem for p in SEEDS.glob("*.txt"))


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """Fold to Simplified so a noise fragment is found whichever script the output is in."""
    return _t2s().convert(text)


def seed_bytes(name: str) -> bytes:
    return (SEEDS / f"{name}.txt").read_bytes()


def expected_text(name: str) -> str:
    return (EXPECTED / f"{name}.txt").read_text(encoding="utf-8")


@cache
def cleaned(name: str) -> cleanweb.CleanResult:
    return cleanweb.clean(seed_bytes(name))


def line_diff(got: str, want: str) -> str:
    """A readable line diff: '-' lines the pipeline lost, '+' lines it kept wrongly."""
    diff = difflib.unified_diff(
        want.splitlines(), got.splitlines(), "expected", "cleaned", n=0, lineterm=""
    )
    return "\n".join(diff)


# Per seed: noise fragments that must not survive (each occurs in the seed, in its own script)
# and article lines (title, paragraphs, in-article headings) that must be kept whole.
CHECKS: dict[str, dict[str, list[str]]] = {
    "000_ce66812b02e545a7": {
        "absent": [
            "范文健康探索娱乐情感热点",  # site menu
            "投稿投诉",  # menu
            "教案论文",  # menu
            "我在游戏中才发现的恐惧症",  # teaser blob after the article
            "习近平主席的G20时间行大道",  # teaser blob
        ],
        "present": [
            "美国限售GPU芯片!锁死中国AI天花板?能得逞吗?",  # title
            "这两天,美国政府正在限制对华出售用于数据中心的高性能GPU芯片,"
            "AMD和英伟达都已经证实了这个消息。",  # first paragraph, indentation trimmed
            "那么,中国怎么办?我们怎么办?",  # short question paragraph
            "总之,还是需要我们更快地强大起来,才能真正突破封锁。",  # last paragraph
        ],
    },
    "001_23257a06877ce24b": {
        "absent": [
            "99国产精品欲av蜜臀",  # SEO spam header
            "網易首頁 > 網易號 > 正文",  # breadcrumb
            "分享至",  # share widget
            "作者/質子",  # byline
            "編輯/嘉嘉",  # editor line
            "(來源:百度股市通)",  # image credit
            "(來源:英偉達)",  # image credit
            "聲明:個人原創,僅供參考",  # disclaimer
            "特別聲明",  # platform disclaimer
            "Notice: The content above",  # English notice
            "相關推薦",  # recommendation heading
            "小談食刻美食",  # recommendation source line
            "2025-06-25 21:07:45",  # recommendation timestamp
            "郭希寬走出法庭揮拳慶祝",  # recommended title
            "司庫財經",  # author box
            "128文章數 16關注度",  # author box counters
            "往期回顧",  # author box link
            "科技要聞",  # channel headline list
            "隱居深山10年后61歲韋唯重返舞臺",  # channel headline
            "無障礙瀏覽",  # accessibility link
            "主站蜘蛛池模板",  # spider-pool spam footer
        ],
        "present": [
            "英伟达困局,中国AI芯片走出筑基期",
            "【1】Open AI将英伟达送上王座",
            "【2】中国AI被打压",
            "【3】走过筑基期",
            "但想要国产替代谈何容易。",
            "生成式AI将英伟达送上了王座,但在大国角逐的舞台上,即便强如英伟达,依然受到波及。",
            "我们真心希望,光刻机、手机芯片发生的事情,四年后能AI加速芯片身上上演,"
            "这一定很难,但一定会实现。",
        ],
    },
    "002_1c28592232b30513": {
        "absent": [
            "那曲檬骨新材料有限公司",  # hijacked-site banner
            "聊天消息",  # UI chrome
            "登錄后你可以",  # login prompt
            "會員中心",  # UI chrome
            "完善資料讓更多小伙伴認識你",  # membership prompt
            "3天內不再提示",  # UI chrome
            "來源:腦極體",  # byline
            "次閱讀",  # view counters
            "wKgZomW_gnGATiVfAABTHI3lGH8951.jpg",  # image file name
            ".jpg",  # any image file name
            "(艾瑞咨詢:2021年中國基礎云服務行業數據報告)",  # image credit
            "審核編輯",  # editor line
            "聲明:本文內容及配圖",  # disclaimer
            "舉報投訴",  # report link
            "+關注",  # tag/follow widget
            "瀏覽量",  # tag widget counter
            "收藏 人收藏",  # favourite widget
            "相關推薦",  # related list heading
            "長電士蘭微萬年芯",  # related list title
            "<b class=",  # leaked markup in related list
            "的頭像",  # avatar alt text
            "發表于",  # related list timestamps
            "百家乐",  # gambling spam footer
        ],
        "present": [
            "一张“哑火”的AI禁令",
            "新AI禁令,影响到底有多大?",
            "先说结论:没多大。",
            "知道你很急,但你先别急。",
            "一是自建多样化的国产算力平台。",
            "不是N卡用不起,而是国产算力更有性价比",
            "备战是为了不战,中国AI的未来通道",
            "1.做好国内算力基础设施与一体化算力网络的有效应用。",
            "3.加强出海业务及服务能力。",
            "莫听穿林打叶声,何妨吟啸且徐行。这些技术、产品与解决方案,汇合成一条中国AI前进的云端通道。"
            "让我们可以看到禁令,从容以对。因为AI基础设施,中国已经做好了准备。",
        ],
    },
    "003_f81bc478674c16c2": {
        "absent": [
            "久久午夜夜伦鲁鲁片",  # SEO spam header
            "歡迎您",  # site banner
            "服務(wù)熱線(xiàn):010-59231580",  # hotline
            "010-59231580",  # hotline number
            "(guó)",  # pinyin annotation
            "(bào)",  # pinyin annotation
            "/span>",  # leaked tag
            "?lài)",  # pinyin damage (不少國家)
            "?qǐng)",  # pinyin damage (日報)
            "?yōu)",  # pinyin damage (變為)
            "?xún)",  # pinyin damage (性價比)
            "返回列表",  # back link
        ],
        "present": [
            "AI竞争推高关键硬件需求,韩国、印度和沙特等国“囤货”GPU",
            "年底前确保1万个GPU",
            "多国竞争关键硬件",
            "国家创新生态系统间的竞争",
            "路透社援引韩国科学技术信息通信部一名官员的话报道称,韩国政府尚未决定购买哪些GPU产品,"
            "但预算、GPU模型和参与的私营公司等细节将在今年9月前敲定。",
        ],
    },
    "004_9a8bb0b1d576408f": {
        "absent": [
            "何仪聊巨大的世界",  # byline
            "2024-10-23 11:23:26",  # date/view-count line
            "转载此文是出于传递更多信息目的",  # reprint notice
            "https://www.414w.com/read/1403028.html",  # bare URL
            "随机主题",  # teaser heading
            "三大消息:中方罕见打破沉默",  # teaser blob
            "最新回复",  # comment thread heading
            "科技拆解全解",  # commenter
            "引用2",  # comment widget
            "兄dei",  # comment text
            "现在却只能你死我活",  # comment text
        ],
        "present": [
            "英伟达正式宣布: 停止接受中国订单! 中国AI产业迎来“生死劫”?",
            "中国的AI遇到了最艰难的时刻?",
            "1。芯片之殇:国产替代道阻且长。",
            "2。生态断层:软件应用的“孤岛效应”。",
            "人才难题:顶尖人才的聚集效应",
            "“以前总觉得芯片这东西,花钱就能买到,现在看来,还是得靠自己。”一位AI创业者在朋友圈感慨。",
            "尾声:AI的未来,中国将如何书写?",
            "让我们拭目以待,看中国AI如何破局重生,在全球科技舞台上,书写属于自己的辉煌篇章。",
        ],
    },
}


def test_every_seed_has_expected_file_and_checks():
    assert len(NAMES) == 5
    assert sorted(p.stem for p in EXPECTED.glob("*.txt")) == NAMES
    assert sorted(CHECKS) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_expected_file_format(name):
    """The fixture itself: UTF-8, one paragraph a line, trimmed, no blank lines, final newline."""
    text = expected_text(name)
    assert text.endswith("\n") and not text.endswith("\n\n")
    for n, line in enumerate(text[:-1].split("\n"), 1):
        assert line, f"blank line {n}"
        assert line == line.strip(), f"untrimmed line {n}: {line!r}"
        assert "  " not in line, f"double space in line {n}"
        assert "\u3000" not in line and "\r" not in line, f"bad whitespace in line {n}"


@pytest.mark.parametrize("name", NAMES)
def test_check_table_matches_seed_and_expected(name):
    """Guard the table below: each noise fragment is really in the seed, each body line expected."""
    seed = simplified(seed_bytes(name).decode("utf-8"))
    lines = expected_text(name).splitlines()
    for frag in CHECKS[name]["absent"]:
        assert simplified(frag) in seed, frag
        assert simplified(frag) not in expected_text(name), frag
    for line in CHECKS[name]["present"]:
        assert line in lines, line


@pytest.mark.parametrize("name", NAMES)
def test_api_output_equals_expected(name):
    got, want = cleaned(name).text, expected_text(name)
    assert got == want, f"{name}: cleaned output differs from expected\n{line_diff(got, want)}"


@pytest.mark.parametrize("name", NAMES)
def test_api_title_is_first_expected_line(name):
    assert cleaned(name).title == expected_text(name).split("\n", 1)[0]


@pytest.mark.parametrize("name", NAMES)
def test_noise_removed(name):
    text = simplified(cleaned(name).text)
    survived = [f for f in CHECKS[name]["absent"] if simplified(f) in text]
    assert not survived, f"{name}: noise survived: {survived}"


@pytest.mark.parametrize("name", NAMES)
def test_body_lines_kept(name):
    lines = cleaned(name).text.splitlines()
    lost = [line for line in CHECKS[name]["present"] if line not in lines]
    assert not lost, f"{name}: article lines lost or altered: {lost}"


@pytest.mark.parametrize("name", NAMES)
def test_no_share_counter_line(name):
    assert "0" not in cleaned(name).text.splitlines()


@pytest.fixture(scope="module")
def cli_out(tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    out = tmp_path_factory.mktemp("cli_out")
    proc = subprocess.run(
        [sys.executable, "-m", "cleanweb.cli", "clean", str(SEEDS), "-o", str(out), "--quiet"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    return proc, out


def test_cli_cleans_seed_folder(cli_out):
    proc, out = cli_out
    assert proc.returncode == 0, proc.stderr
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == [f"{n}.txt" for n in NAMES]


@pytest.mark.parametrize("name", NAMES)
def test_cli_output_equals_expected(cli_out, name):
    _, out = cli_out
    path = out / f"{name}.txt"
    assert path.is_file(), f"CLI wrote no {path.name}"
    got, want = path.read_text(encoding="utf-8"), expected_text(name)
    assert got == want, f"{name}: CLI output differs from expected\n{line_diff(got, want)}"


def test_seed_003_unrecoverable_spots_are_flagged_not_guessed():
    seed = SEEDS / "003_f81bc478674c16c2.txt"
    result = cleanweb.clean(seed.read_bytes())
    assert result.flags.get("unrecoverable_bytes") == 2
    assert result.text.count("?!\n") == 2
