"""cleanweb.decode on small files generated here in each encoding, lying pages, mixed files, binary."""

import random

import pytest

import cleanweb
from cleanweb.decode import decode_with_info, plausibility, widen

SIMP = "这是一篇关于经济发展的新闻报道，记者采访了北京大学的教授。"
TRAD = "這是一篇關於經濟發展的新聞報導，記者採訪了臺灣大學的教授。"
HKSCS = "香港嘅𨋢好快，佢哋都話啱。"  # 嘅 𨋢 佢 哋 啱 are HKSCS additions to Big5


def _page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>{body[:4]}</title></head>\n<body><p>{body}</p></body></html>\n"


@pytest.mark.parametrize(
    ("text", "codec", "encoding"),
    [
        (SIMP, "utf-8", "utf-8"),
        (SIMP, "gb2312", "gb18030"),
        (SIMP + "朱镕基", "gbk", "gb18030"),  # 镕 is GBK, not GB2312
        (SIMP + "😀€", "gb18030", "gb18030"),  # four-byte GB18030 sequences
        (TRAD, "big5", "big5hkscs"),
        (TRAD + HKSCS, "big5hkscs", "big5hkscs"),
    ],
)
def test_undeclared_bytes_in_each_encoding(text, codec, encoding):
    data = _page(text).encode(codec)
    out, info = decode_with_info(data)
    assert out == _page(text)
    assert info["encoding"] == encoding
    assert info["confidence"] >= 0.9


@pytest.mark.parametrize(
    ("codec", "encoding", "method"),
    [
        ("utf-8-sig", "utf-8", "bom"),
        ("utf-16", "utf-16-le", "bom"),  # Python writes a little-endian BOM
        ("utf-32", "utf-32-le", "bom"),
        ("BOM+utf-16-be", "utf-16-be", "bom"),
        ("BOM+utf-32-be", "utf-32-be", "bom"),
        ("utf-16-le", "utf-16-le", "nul-pattern"),
        ("utf-16-be", "utf-16-be", "nul-pattern"),
        ("utf-32-le", "utf-32-le", "nul-pattern"),
        ("utf-32-be", "utf-32-be", "nul-pattern"),
    ],
)
def test_unicode_encodings_with_and_without_bom(codec, encoding, method):
    text = _page(SIMP)
    if codec.startswith("BOM+"):
        data = "\ufeff".encode(encoding) + text.encode(encoding)
    else:
        data = text.encode(codec)
    out, info = decode_with_info(data)
    assert out == text
    assert (info["encoding"], info["method"]) == (encoding, method)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_bomless_utf16_of_ideographs_only(codec):
    # No ASCII, so no NUL-byte pattern: recognised by plausibility alone.
    text = "经济发展新闻报道记者采访北京大学"
    assert cleanweb.decode(text.encode(codec)) == text


@pytest.mark.parametrize(
    "head",
    [
        '<meta charset="gb2312">',
        "<meta charset=GBK>",
        '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">',
        '<meta content="text/html; charset=x-gbk" http-equiv="Content-Type" />',
    ],
)
def test_declared_gb_labels_widened_to_gb18030(head):
    text = _page(SIMP + "朱镕基", head)
    out, info = decode_with_info(text.encode("gb18030"))
    assert out == text
    assert info["encoding"] == "gb18030" and info["declared"] == "gb18030"
    assert info["method"] == "declared"


def test_xml_declaration_big5_widened_to_hkscs():
    text = '<?xml version="1.0" encoding="big5"?>\n<doc>' + TRAD + HKSCS + "</doc>\n"
    out, info = decode_with_info(text.encode("big5hkscs"))
    assert out == text
    assert info["encoding"] == "big5hkscs" and info["declared"] == "big5hkscs"


@pytest.mark.parametrize(
    ("label", "codec", "body", "encoding"),
    [
        ("utf-8", "gbk", SIMP, "gb18030"),  # declared UTF-8, bytes are GBK: fails to decode
        ("gb2312", "utf-8", SIMP, "utf-8"),  # declared GB2312, bytes are UTF-8: garbage as GBK
        ("big5", "gbk", SIMP, "gb18030"),  # declared Big5, bytes are GBK
        ("gbk", "big5", TRAD, "big5hkscs"),  # declared GBK, bytes are Big5
        ("iso-8859-1", "gbk", SIMP, "gb18030"),  # Latin-1 label on a GBK page
        ("windows-1252", "gbk", SIMP, "gb18030"),
    ],
)
def test_pages_that_lie_about_their_charset(label, codec, body, encoding):
    text = _page(body, f'<meta charset="{label}">')
    out, info = decode_with_info(text.encode(codec))
    assert out == text
    assert info["encoding"] == encoding


@pytest.mark.parametrize(("head_codec", "body_codec"), [("utf-8", "gbk"), ("gbk", "utf-8")])
def test_mixed_file_decoded_region_by_region(head_codec, body_codec):
    head = '<html><head><meta charset="utf-8"><title>经济新闻：北京大学教授谈发展</title></head>\n'
    body = "<body><p>" + SIMP + "</p>\n<p>第二段的编码和标题不一样。</p></body></html>\n"
    data = head.encode(head_codec) + body.encode(body_codec)
    out, info = decode_with_info(data)
    assert out == head + body
    assert (info["encoding"], info["method"]) == ("utf-8+gb18030", "regions")


def test_mixed_file_on_one_line_decoded_tag_by_tag():
    head = '<html><head><meta charset="utf-8"><title>经济新闻</title></head>'
    body = "<body><p>" + SIMP + "</p><p>第二段。</p></body></html>"
    out, info = decode_with_info(head.encode("utf-8") + body.encode("gbk"))
    assert out == head + body
    assert info["encoding"] == "utf-8+gb18030"


@pytest.mark.parametrize("cut", [1, 2])
def test_utf8_cut_off_mid_character_stays_utf8(cut):
    text = _page(SIMP)
    data = text.encode("utf-8")
    end = data.index("授".encode()) + cut  # stop inside the three bytes of 授
    out, info = decode_with_info(data[:end])
    assert out == text[: text.index("授")] + "\ufffd"
    assert info["encoding"] == "utf-8"


def test_utf8_with_one_damaged_byte_keeps_every_other_line():
    text = _page(SIMP) + "<p>" + SIMP + "</p>\n"
    data = bytearray(text.encode("utf-8"))
    data[data.index("记".encode()) + 1] = 0xFF  # break the first 记 only
    out, info = decode_with_info(bytes(data))
    assert info["encoding"] == "utf-8"
    broken = out.partition("\ufffd")[0]
    assert broken == text[: text.index("记")]
    assert out.endswith("<p>" + SIMP + "</p>\n")


@pytest.mark.parametrize("word", ["中文网", "新闻报道", "北京大学", "经济发展", "国家统计局", "学习资料"])
@pytest.mark.parametrize("codec", ["utf-8", "gbk", "big5"])
def test_short_chinese_inputs(word, codec):
    from cleanweb import convert

    text = convert(word, "traditional") if codec == "big5" else word
    assert cleanweb.decode(text.encode(codec)) == text


@pytest.mark.parametrize(("word", "as_utf8"), [("学习", "ѧϰ"), ("模式", "ģʽ"), ("陆路", "½·")])
def test_short_gbk_that_is_also_valid_utf8_is_read_as_gbk(word, as_utf8):
    data = word.encode("gbk")
    assert data.decode("utf-8") == as_utf8  # strict UTF-8 accepts these bytes
    assert cleanweb.decode(data) == word


@pytest.mark.parametrize(("word", "as_gbk"), [("國家", "瓣產"), ("商務", "坝叭"), ("網絡", "呼蹈")])
def test_two_character_big5_tie_broken_by_character_frequency(word, as_gbk):
    data = word.encode("big5")
    assert data.decode("gb18030") == as_gbk  # common characters too: plausibility ties
    assert cleanweb.decode(data) == word


def test_short_utf8_with_a_rare_character_stays_utf8():
    # As Big5 these six bytes read as three common-looking characters (撉亥粥).
    assert cleanweb.decode("骥走".encode()) == "骥走"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-32-be"])
def test_clean_accepts_bomless_wide_encodings(codec):
    page = "这是一篇很长的文章，讲述了一个重要的故事。它有很多句子，每一句都很有意思。\n"
    result = cleanweb.clean(page.encode(codec))
    assert result.meta["encoding"] == codec
    assert "这是一篇很长的文章" in result.text


def test_plausibility_separates_chinese_from_mojibake():
    assert plausibility(SIMP) > 0.9 and plausibility(TRAD) > 0.9
    assert plausibility(SIMP.encode("utf-8").decode("gb18030", errors="replace")) < 0.5
    assert plausibility(SIMP.encode("gbk").decode("cp1252", errors="replace")) < 0.5
    assert plausibility("plain ascii") == 1.0


def test_ascii_and_empty_input():
    assert decode_with_info(b"") == ("", {"encoding": "utf-8", "confidence": 1.0, "method": "empty"})
    out, info = decode_with_info(b'<meta charset="gbk"><p>hello</p>')
    assert out == '<meta charset="gbk"><p>hello</p>'
    assert (info["encoding"], info["method"]) == ("gb18030", "ascii")


def test_seven_bit_chinese_declared_hz():
    text = _page(SIMP, '<meta charset="hz-gb-2312">')
    out, info = decode_with_info(text.encode("hz"))
    assert out == text
    assert (info["encoding"], info["method"]) == ("hz", "declared")


def test_widen_labels():
    assert [widen(x) for x in ("GB2312", "gbk", "x-gbk", "cp936", "BIG5", "cp950", "ISO-8859-1")] == [
        "gb18030", "gb18030", "gb18030", "gb18030", "big5hkscs", "big5hkscs", "cp1252"
    ]
    assert widen("utf8") == "utf-8"


def _noise(seed: int, low: int) -> bytes:
    """4 KiB of random bytes no lower than `low` (0x20: no control bytes at all)."""
    rng = random.Random(seed)
    return bytes(rng.randrange(low, 256) for _ in range(4096))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG"),
        (b"PK\x03\x04" + bytes(range(256)), "ZIP"),
        (_noise(1, 0), "binary"),
        (_noise(2, 0x20), "does not decode"),
    ],
    ids=["png", "zip", "random", "random-printable"],
)
def test_binary_input_raises_input_error(data, message):
    with pytest.raises(cleanweb.InputError, match=message):
        cleanweb.decode(data)


def test_non_bytes_raises_input_error():
    with pytest.raises(cleanweb.InputError, match="expects bytes"):
        cleanweb.decode("already text")


def test_clean_records_encoding_in_meta():
    page = "这是一篇很长的文章，讲述了一个重要的故事。它有很多句子，每一句都很有意思。\n"
    result = cleanweb.clean(page.encode("gbk"))
    assert result.meta["encoding"] == "gb18030"
    assert result.meta["method"] == "plausibility"
    assert result.meta["confidence"] >= 0.9
    assert "这是一篇很长的文章" in result.text


def test_cli_writes_one_utf8_text_for_pages_in_every_encoding(tmp_path):
    from cleanweb.cli import main

    body = "这是一篇很长的文章，讲述了一个重要的故事。它有很多句子，每一句都很有意思。"
    page = body + "\n"
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    codecs = ["utf-8", "utf-8-sig", "gb2312", "gbk", "gb18030", "utf-16", "utf-16-le", "utf-32"]
    for codec in codecs:
        (src / f"{codec}.txt").write_bytes(page.encode(codec))
    (src / "big5.txt").write_bytes(cleanweb.convert(page, "traditional").encode("big5"))
    assert main(["clean", str(src), "-o", str(out), "-q"]) == 0
    for codec in [*codecs, "big5"]:
        assert (out / f"{codec}.txt").read_text("utf-8") == body + "\n", codec


def test_a_stray_nul_in_ascii_text_is_not_utf16():
    assert cleanweb.clean(b"hello\x00 world").text == "hello world\n"
