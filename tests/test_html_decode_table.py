"""decode's plausibility table: the dense string form classifies exactly as a dict would."""

from __future__ import annotations

import importlib

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

# The module (cleanweb.decode is also the name of the function the package exports).
decode = importlib.import_module("cleanweb.decode")


def _dict_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code, (_weight, spans) in zip(decode._CODES[1:], decode._RANGES, strict=True):
        for lo, hi in regex.findall(r"(.)-(.)", spans):
            for cp in range(ord(lo), ord(hi) + 1):
                table[cp] = code
    for ch in decode._common_han():
        table[ord(ch)] = decode._CODES[0]
    return table


def test_dense_table_gives_every_bmp_character_the_dicts_class():
    dense, table = decode._class_table(), _dict_table()
    assert isinstance(dense, str) and len(dense) == 0x10000
    assert all(dense[cp] == table.get(cp, "g") for cp in range(0x10000))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("国家瓣產ÖÐÎÄ¡£\ufffd\ue000😀𠀀"),
               max_size=80))
def test_class_counts_match_the_dict_translation(text):
    text = decode._ASCII.sub("", text)  # plausibility classifies the non-ASCII characters only
    dense = text.translate(decode._class_table())
    by_dict = text.translate(_dict_table())
    assert [dense.count(c) for c in decode._CODES] == [by_dict.count(c) for c in decode._CODES]


def test_plausibility_of_chinese_and_mojibake():
    assert decode.plausibility("国家发展和改革委员会") == 1.0
    gbk_as_latin1 = "国家发展".encode("gbk").decode("latin-1")
    assert decode.plausibility(gbk_as_latin1) < 0.5
