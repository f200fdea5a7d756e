"""The batched feature pass the engines rely on for speed gives exactly the per-block counts."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanweb._norm import judge_view
from cleanweb.features import measure, measure_many

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
# Characters every counted class cares about (Han from every block, astral too), plus the whitespace str.split and \s disagree on.
ALPHABET = list(" \t.。!？?-|/\\>»·…,，:：“”《》ab Z1２３٣的了是中文𠀀豈⺀〇々\u3000\u00a0\u2028\u0085\x1c\x1f")


def test_seed_pages_count_the_same_batched():
    for seed in sorted(SEEDS.iterdir()):
        views = judge_view(seed.read_text("utf-8")).split("\n")
        assert measure_many(views) == [measure(v) for v in views]


def test_known_counts_of_one_line():
    views = ["第一行", "他说: 你好. 再见 - 明天 | 后天。", "abc 123", "end."]
    feats = measure_many(views)
    assert feats[1] == {
        "chars": 15, "han": 10, "punct": 2, "ends": 2, "seps": 2, "digits": 0, "latin": 0, "function": 2,
    }
    assert (feats[2]["latin"], feats[2]["digits"], feats[3]["ends"]) == (3, 3, 1)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=ALPHABET, max_size=12), min_size=4, max_size=12))
def test_batched_counts_equal_per_block_counts(views):
    assert measure_many(views) == [measure(v) for v in views]
