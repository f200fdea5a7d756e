"""Throughput of `cleanweb.repair` on clean text, against baselines measured in the same run.

    python bench/bench_repair.py [--devset ../shared/devset] [--repeat 5]

Clean corpus: the dev set's gold texts (real article text, 70 pages) plus the clean
seeds 000, 001 and 004. Baselines: a UTF-8 encode+decode round trip of the same text
(what every pipeline pays anyway) and `unicodedata.normalize("NFKC")`. Each figure is
the best of `--repeat` passes after one warm-up pass (tables load once per process).
Also reports, for information, repair on the same text broken as UTF-8 read as GBK,
and how many clean pages repair changed beyond width and invisible characters (must be 0).
"""

from __future__ import annotations

import argparse
import time
import unicodedata
from pathlib import Path

from cleanweb import repair

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DEVSET = ROOT.parent / "shared" / "devset"
_FULLWIDTH = {c: c - 0xFEE0 for c in [*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B), *range(0xFF41, 0xFF5B)]}
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u2060\ufeff\u00ad"))


def corpus(devset: Path) -> list[str]:
    texts = [p.read_text("utf-8") for p in sorted(devset.glob("*.gold.txt"))] if devset.is_dir() else []
    for seed in ("000", "001", "004"):
        texts += [p.read_text("utf-8") for p in (ROOT / "fixtures" / "seeds").glob(f"{seed}_*.txt")]
    return texts


def best_seconds(fn, texts: list[str], repeat: int) -> float:
    for t in texts:  # warm-up
        fn(t)
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for t in texts:
            fn(t)
        best = min(best, time.perf_counter() - t0)
    return best


def recall(texts: list[str], lines: int = 400) -> None:
    """Per family: clean lines broken by a real encode/decode call, and how many come back exactly.

    Lines whose strict decode fails in a family's codec are left out of that family.
    """
    import opencc

    s2t = opencc.OpenCC("s2t")
    sample = [ln for t in texts for ln in t.split("\n") if len(ln) >= 10][:lines]
    families = {
        "latin1_utf8 (UTF-8 read as Latin-1)": (lambda s: s, lambda s: s.encode().decode("latin-1")),
        "double_utf8 (twice)": (lambda s: s, lambda s: s.encode().decode("latin-1").encode().decode("latin-1")),
        "latin1_gbk (GBK read as Latin-1)": (lambda s: s, lambda s: s.encode("gbk").decode("latin-1")),
        "gbk_utf8 (UTF-8 read as GB18030)": (lambda s: s, lambda s: s.encode().decode("gb18030")),
        "big5_gbk (GBK read as Big5)": (lambda s: s, lambda s: s.encode("gbk").decode("big5")),
        "gbk_big5 (Big5 read as GB18030)": (s2t.convert, lambda s: s.encode("big5").decode("gb18030")),
    }
    print(f"recall on the first {len(sample)} clean lines >= 10 chars, broken by real calls:")
    for name, (source, breaker) in families.items():
        ok = n = 0
        for line in sample:
            original = source(line)
            try:
                broken = breaker(original)
            except UnicodeError:
                continue
            n += 1
            ok += repair(broken) == original
        print(f"  {name:40s} {ok:4d} / {n:4d} exact")


def pinyin_damage(texts: list[str], lines: int = 150, table_size: int = 1500) -> None:
    """Seed-003-style damage made byte for byte on dev-set lines, and how much comes back.

    Lines go to Traditional (OpenCC s2t) and GBK; `(pinyin)` is inserted after every byte
    match of the `table_size` most frequent Traditional-only characters (table in pinyin
    order, as the broken site did); a GBK->UTF-8 conversion then writes `?` for an
    unpaired lead byte and swallows the byte after it.
    """
    import opencc
    from pypinyin import Style, pinyin

    from cleanweb.repair import repair_text
    from cleanweb.repair.score import han_costs

    s2t, t2s = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    table = []
    for ch, _ in sorted(han_costs().items(), key=lambda kv: kv[1]):
        if len(table) == table_size:
            break
        if t2s.convert(ch) != ch and ch.encode("gbk", errors="ignore"):
            table.append((ch.encode("gbk"), pinyin(ch, style=Style.TONE)[0][0]))
    table.sort(key=lambda kv: kv[1])

    def corrupt(text: str) -> str:
        data = text.encode("gbk")
        for key, py in table:
            data = data.replace(key, key + b"(" + py.encode("gbk") + b")")
        out, i = [], 0
        while i < len(data):
            if data[i] < 0x80:
                out.append(chr(data[i]))
                i += 1
                continue
            try:
                out.append(data[i : i + 2].decode("gbk"))
            except UnicodeDecodeError:
                out.append("?")
            i += 2
        return "".join(out)

    sample = [ln for t in texts for ln in t.split("\n") if len(ln) > 40]
    exact = damaged = lost = left = n = 0
    t0 = time.perf_counter()
    for line in sample:
        original = s2t.convert(line)
        try:
            broken = corrupt(original)
        except UnicodeEncodeError:
            continue
        n += 1
        damaged += "?" in broken
        out = repair_text(broken)
        exact += out.text == original
        lost += out.text.count("\ufffd")
        left += "(" in out.text and ")" in out.text and out.text.count("(") > original.count("(")
        if n == lines:
            break
    sec = time.perf_counter() - t0
    print(
        f"pinyin damage ({table_size}-character table): {n} lines, {damaged} with `?` damage; "
        f"{exact} exact, {lost} characters marked lost (U+FFFD), {left} with an annotation left; {sec:.2f} s"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--devset", type=Path, default=DEFAULT_DEVSET)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    texts = corpus(args.devset)
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"clean corpus: {len(texts)} texts, {mb:.2f} MB UTF-8")

    runs = {
        "baseline utf-8 encode+decode": lambda t: t.encode("utf-8").decode("utf-8"),
        "baseline NFKC normalize": lambda t: unicodedata.normalize("NFKC", t),
        "repair (clean text)": repair,
    }
    speeds = {}
    for name, fn in runs.items():
        sec = best_seconds(fn, texts, args.repeat)
        speeds[name] = mb / sec
        print(f"{name:32s} {mb / sec:9.1f} MB/s")
    base = speeds["baseline utf-8 encode+decode"]
    print(f"repair / utf-8 round trip: {speeds['repair (clean text)'] / base:.3f}x")
    print(f"repair / NFKC: {speeds['repair (clean text)'] / speeds['baseline NFKC normalize']:.3f}x")

    changed = [
        i for i, t in enumerate(texts) if repair(t) != t.translate(_FULLWIDTH).translate(_INVISIBLE)
    ]
    print(f"clean texts changed beyond width/invisibles: {len(changed)}")

    recall(texts)
    pinyin_damage(texts)

    broken = [t.encode("utf-8").decode("gb18030", errors="replace") for t in texts[:10]]
    bmb = sum(len(t.encode("utf-8")) for t in broken) / 1e6
    sec = best_seconds(repair, broken, 1)
    print(f"repair (UTF-8 read as GBK, 10 pages, {bmb:.2f} MB): {bmb / sec:.2f} MB/s")


if __name__ == "__main__":
    main()
