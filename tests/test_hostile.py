"""Hostile input: every page either comes back cleaned or raises a documented cleanweb error.

The inputs are generated here: binary formats, NUL bytes, truncated and mixed encodings,
deep nesting, an 8 MB single-line page and runs that make careless regexes super-linear.
Time is bounded by clean()'s own budget: a runaway page fails the test with
BudgetExceeded instead of hanging it.
"""

from __future__ import annotations

import gzip
import io
import random
import struct
import zipfile
import zlib

import pytest

import cleanweb
from cleanweb.errors import (
    BinaryInputError,
    BudgetExceeded,
    CleanwebError,
    ConfigError,
    InputError,
    TooLargeError,
)

A = "今天上午，市政府召开新闻发布会，介绍了今年前三季度全市经济运行的总体情况。"
B = "会议指出，各部门要切实做好安全生产工作，确保人民群众生命财产安全不受损失。"
C = "专家认为，随着消费市场逐步回暖，下一阶段的经济增长仍有较大的潜力和空间。"
PAGE = "\n".join([A, B, C]) + "\n"
BOUND = 60.0  # seconds any one hostile page may take


def _png() -> bytes:
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    chunk = struct.pack(">I", len(ihdr)) + b"IHDR" + ihdr + struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return b"\x89PNG\r\n\x1a\n" + chunk + b"\x00\x00\x00\x00IEND\xaeB`\x82"


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("page.html", PAGE)
    return buf.getvalue()


BINARIES = {
    "PNG image": _png(),
    "ZIP archive": _zip(),
    "gzip data": gzip.compress(PAGE.encode("utf-8")),
    "PDF document": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Length 5 >>\nstream\nx\x9c\x03\x00\nendstream",
    "JPEG image": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(64),
    "ELF executable": b"\x7fELF\x02\x01\x01" + bytes(57),
    "SQLite database": b"SQLite format 3\x00" + bytes(84),
    "Windows executable": b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(54),
}


@pytest.mark.parametrize("label", sorted(BINARIES))
def test_binary_formats_raise_binary_input_error_naming_the_format(label):
    with pytest.raises(BinaryInputError, match=label):
        cleanweb.clean(BINARIES[label])


def test_random_bytes_are_binary():
    rng = random.Random(6)
    with pytest.raises(BinaryInputError, match="control bytes"):
        cleanweb.clean(rng.randbytes(64 * 1024))


def test_bytes_with_many_nuls_are_binary():
    rng = random.Random(7)
    data = bytearray(PAGE.encode("utf-8") * 20)
    for i in rng.sample(range(len(data)), len(data) // 10):
        data[i] = 0
    with pytest.raises(BinaryInputError):
        cleanweb.clean(bytes(data))


@pytest.mark.parametrize("head", ["BMW", "MZ", "ID3", "RIFF", "OTTO"])
def test_text_that_starts_like_a_short_signature_is_still_text(head):
    page = f"{head}新车发布\n{PAGE}"
    assert A in cleanweb.clean(page.encode("utf-8")).text


@pytest.mark.parametrize("bad", [None, 3, 2.5, ["页面"], {"a": 1}, memoryview(b"abc")])
def test_wrong_types_raise_input_error(bad):
    with pytest.raises(InputError, match="str or bytes"):
        cleanweb.clean(bad)


def test_api_misuse_raises_documented_errors():
    with pytest.raises(InputError, match="kind"):
        cleanweb.clean(PAGE, kind="pdf")
    with pytest.raises(ConfigError, match="script target"):
        cleanweb.clean(PAGE, to="klingon")
    with pytest.raises(ConfigError, match="pipeline"):
        cleanweb.clean(PAGE, pipeline="default")
    with pytest.raises(ConfigError, match="max_size"):
        cleanweb.clean(PAGE, max_size="1MB")


def test_size_limit_raises_too_large_with_the_figures():
    data = PAGE.encode("utf-8")
    with pytest.raises(TooLargeError, match="over the limit of 100") as info:
        cleanweb.clean(data, max_size=100)
    assert (info.value.size, info.value.limit) == (len(data), 100)
    with pytest.raises(TooLargeError, match="characters"):
        cleanweb.clean(PAGE, max_size=10)
    assert cleanweb.clean(data, max_size=None).text == PAGE


def test_nul_characters_in_text_are_removed_and_recorded():
    page = A[:5] + "\x00" + A[5:] + "\n" + B + "\x00\x00\n" + C + "\n"
    result = cleanweb.clean(page)
    assert result.text == PAGE
    assert result.flags["control_chars"] == 3
    [edit] = [e for e in result.edits if e.family == "control"]
    assert (edit.before, edit.after, edit.pos, edit.block) == ("\x00" * 3, "", 5, None)


def test_nul_bytes_in_encoded_text_are_removed_and_recorded():
    raw = PAGE.encode("gb18030")
    data = raw[:10] + b"\x00" + raw[10:]
    result = cleanweb.clean(data)
    assert result.text == PAGE
    assert result.flags["control_chars"] == 1
    assert any(e.family == "control" and e.before == "\x00" for e in result.edits)


def test_other_control_characters_are_removed():
    result = cleanweb.clean(A + "\x1b[0m\x07\n" + B + "\x7f\n" + C + "\n")
    assert result.text == A + "[0m\n" + B + "\n" + C + "\n"
    assert result.flags["control_chars"] == 3


def test_text_made_of_control_characters_is_binary():
    with pytest.raises(BinaryInputError, match="control characters"):
        cleanweb.clean("\x00\x01\x02\x03" * 100 + PAGE)


def test_lone_surrogates_become_replacement_characters_with_an_edit():
    result = cleanweb.clean(A[:3] + "\ud800" + A[3:] + "\n" + B + "\n" + C + "\n")
    assert "\ud800" not in result.text
    assert A[:3] + "\ufffd" + A[3:] in result.text
    [edit] = [e for e in result.edits if e.family == "surrogate"]
    assert (edit.before, edit.after) == ("\ud800", "\ufffd")


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_truncated_multibyte_sequence_at_the_end_damages_only_the_last_character(encoding):
    data = PAGE.rstrip("\n").encode(encoding)[:-1]
    result = cleanweb.clean(data)
    lines = result.text.splitlines()
    assert lines[:2] == [A, B]
    assert lines[2].startswith(C[:-1]) and len(lines[2]) <= len(C)


@pytest.mark.parametrize("encoding", ["utf-8", "gb18030"])
def test_truncated_multibyte_sequence_inside_a_line_keeps_the_other_lines(encoding):
    a, b, c = (s.encode(encoding) for s in (A, B, C))
    result = cleanweb.clean(a + b"\n" + b[:-1] + b"\n" + c + b"\n")
    lines = result.text.splitlines()
    assert lines[0] == A and lines[2] == C
    assert lines[1].startswith(B[:-1])


def test_mixed_encodings_in_one_file_keep_every_line():
    data = A.encode("utf-8") + b"\n" + B.encode("gb18030") + b"\n" + C.encode("utf-8") + b"\n"
    assert cleanweb.clean(data).text == PAGE


@pytest.mark.parametrize("tag", ["div", "span", "b", "table", "p", "blockquote", "font"])
def test_ten_thousand_level_nesting_returns_the_article(tag):
    depth = 10_000
    page = f"<html><body>{f'<{tag}>' * depth}<p>{A}</p><p>{B}</p><p>{C}</p>{f'</{tag}>' * depth}</body></html>"
    result = cleanweb.clean(page, budget=BOUND)
    for sentence in (A, B, C):
        assert sentence in result.text


@pytest.mark.parametrize("opening", ["<a href=x>", "<div>", "<b><i>", "<ul><li>", "<table><tr><td>"])
def test_ten_thousand_unclosed_tags_return_within_the_bound(opening):
    page = f"<html><body>{opening * 10_000}<p>{A}</p><p>{B}</p><p>{C}</p>"
    result = cleanweb.clean(page, budget=BOUND)
    # Every sentence is either output or accounted for as removed (link text, say).
    accounted = result.text + "".join(r.text for r in result.removed)
    for sentence in (A, B, C):
        assert sentence in accounted


def test_eight_megabyte_single_line_page_is_cleaned_within_the_bound():
    line = (A + B + C) * (8_000_000 // len((A + B + C).encode("utf-8")))
    result = cleanweb.clean(line.encode("utf-8"), budget=BOUND)
    assert isinstance(result, cleanweb.CleanResult)
    assert "\n" not in result.text.rstrip("\n")  # one line in, at most one line out


def test_empty_and_blank_input_give_empty_text():
    for data in ("", b"", "   \n\n\t\n", "\u3000\u3000\n".encode()):
        assert cleanweb.clean(data).text == ""


# Runs that drive backtracking regexes super-linear, about 300 KB each.
REPETITIONS = {
    "spaces": "作者" + " " * 300_000 + "x",
    "ideographic spaces": "正文" + "\u3000" * 100_000 + "x",
    "digit then spaces": "1" + " " * 300_000 + "x",
    "pipes": "|" * 300_000,
    "greater-than": ">" * 300_000 + "x",
    "dashes": "-" * 300_000,
    "commas": "," * 300_000,
    "question marks": "?" * 300_000,
    "pinyin parentheses": "竞(jìng)" * 30_000,
    "letter parentheses": "(a)" * 100_000,
    "short lines": "首页\n" * 40_000,
    "kun jin kao": "锟斤拷" * 30_000,
    "entities": "&amp;" * 60_000,
    "unclosed tag": "<a " + "x" * 300_000,
    "digits": "1" * 300_000 + "x",
    "breadcrumbs": "新闻 > " * 30_000,
}


@pytest.mark.parametrize("name", sorted(REPETITIONS))
def test_pathological_repetition_returns_within_the_bound(name):
    page = REPETITIONS[name] + "\n" + PAGE
    try:
        result = cleanweb.clean(page, budget=BOUND)
    except BudgetExceeded as exc:  # super-linear somewhere: name the stage
        pytest.fail(f"{name}: {exc}")
    assert isinstance(result, cleanweb.CleanResult)


def test_every_error_raised_is_a_cleanweb_error_with_a_kind():
    for data in (*BINARIES.values(), None, b"\x00" * 1000):
        with pytest.raises(CleanwebError) as info:
            cleanweb.clean(data)
        assert info.value.kind in {"binary", "input"}
        assert str(info.value)  # a one-line reason
        assert "\n" not in str(info.value)


def test_nesting_beyond_browser_depth_is_flattened_keeping_text_and_lines():
    from cleanweb.guard import MAX_NESTING, limit_nesting

    deep = "<div class='a'\n>" * 2000 + A + "</div>" * 2000
    flat, removed = limit_nesting(deep)
    assert removed == 2 * (2000 - MAX_NESTING)
    assert flat.count("<div") == MAX_NESTING and flat.count("</div>") == MAX_NESTING
    assert flat.count("\n") == deep.count("\n")  # line numbers unchanged
    assert A in flat
    result = cleanweb.clean(f"<html><body>{deep}<p>{B}</p></body></html>")
    assert result.flags["flattened_tags"] == removed
    assert A in result.text and B in result.text


def test_shallow_pages_with_many_block_tags_are_left_alone():
    from cleanweb.guard import limit_nesting

    page = "<html><body>" + "<div><ul><li>条目</li></ul></div>" * 2000 + "</body></html>"
    assert limit_nesting(page) == (page, 0)
