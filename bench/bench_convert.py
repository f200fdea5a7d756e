"""Speed and accuracy of cleanweb.decode and cleanweb.convert against their baselines.

    python bench/bench_convert.py [--devset ../shared/devset] [--repeat 3] [--samples 300]

Decode: every dev-set page's bytes through `decode_with_info`, compared with the
encoding the dev set records (`decoded_as`); speed as a ratio to a plain
`bytes.decode` with that known encoding and to charset-normalizer's detection.
Short inputs: random runs of 1-12 characters cut from the gold texts, encoded in
each codec, counted correct when decoded back to the same text. Lying pages: the
gold's first lines in a page whose meta charset names another encoding.
Convert: each gold text (Simplified) and its OpenCC s2t form (Traditional) through
`convert(to=...)`, as a ratio to one OpenCC call per text; Simplified to simplified
must come back unchanged.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections import Counter
from pathlib import Path

import charset_normalizer
import opencc
import regex

import cleanweb
from cleanweb.convert import converter
from cleanweb.decode import decode_with_info

DEFAULT_DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"
SHORT_CODECS = ("utf-8", "gbk", "big5", "utf-16-le", "utf-16-be")
SHORT_LENGTHS = (1, 2, 3, 4, 6, 8, 12)


def best_of(repeat: int, fn) -> float:
    """Fastest of `repeat` timed runs of `fn()` (seconds)."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def bench_decode(devset: Path, repeat: int) -> None:
    index = json.loads((devset / "index.json").read_text("utf-8"))
    pages = [((devset / f"{p['name']}.html").read_bytes(), p["decoded_as"]) for p in index]
    same = sum(decode_with_info(data)[0] == data.decode(enc) for data, enc in pages)
    methods = Counter(
        (info["encoding"], info["method"]) for info in (decode_with_info(d)[1] for d, _ in pages)
    )
    mb = sum(len(d) for d, _ in pages) / 1e6
    ours = best_of(repeat, lambda: [decode_with_info(d) for d, _ in pages])
    plain = best_of(repeat, lambda: [d.decode(enc) for d, enc in pages])
    normalizer = best_of(1, lambda: [charset_normalizer.from_bytes(d).best() for d, _ in pages])
    print(f"decode: {same}/{len(pages)} dev-set pages decode to the same text as `decoded_as`")
    print(f"  encodings/methods: {dict(methods)}")
    print(f"  {mb:.1f} MB: ours {ours:.3f}s ({mb / ours:.0f} MB/s); plain bytes.decode {plain:.3f}s;"
          f" charset-normalizer {normalizer:.3f}s")
    print(f"  ratio ours/plain {ours / plain:.1f}x, ours/charset-normalizer {ours / normalizer:.2f}x")


def bench_short(golds: list[str], samples: int) -> None:
    rng = random.Random(1)
    s2t = opencc.OpenCC("s2t")
    runs = [r for g in golds for r in regex.findall(r"[\p{Han}，。、“”：；！？]{12,}", g)]
    print(f"short inputs ({samples} random runs per length, cut from the gold texts):")
    print("  chars " + " ".join(f"{c:>10}" for c in SHORT_CODECS))
    for length in SHORT_LENGTHS:
        ok, total = Counter(), Counter()
        for _ in range(samples):
            run = rng.choice(runs)
            start = rng.randrange(0, len(run) - length + 1)
            for codec in SHORT_CODECS:
                text = run[start : start + length]
                text = s2t.convert(text) if codec == "big5" else text
                try:
                    data = text.encode(codec)
                except UnicodeEncodeError:
                    continue
                total[codec] += 1
                try:
                    ok[codec] += cleanweb.decode(data) == text
                except cleanweb.InputError:
                    pass
        cells = " ".join(f"{ok[c] / max(1, total[c]):>10.1%}" for c in SHORT_CODECS)
        print(f"  {length:>5} {cells}")


def bench_lying(golds: list[str]) -> None:
    """Pages whose meta charset names the wrong encoding: the gold's first 1 or 3 lines."""
    s2t = opencc.OpenCC("s2t")
    cases = [  # (declared label, real codec, Traditional text?)
        ("utf-8", "gbk", False), ("gb2312", "utf-8", False), ("big5", "gbk", False),
        ("gbk", "big5", True), ("big5", "utf-8", True), ("iso-8859-1", "gbk", False),
    ]
    ok, total = Counter(), Counter()
    for gold in golds:
        lines = [line for line in gold.splitlines() if regex.search(r"\p{Han}", line)]
        for count in (1, 3):
            snippet = "\n".join(lines[:count])
            for label, codec, trad in cases:
                text = s2t.convert(snippet) if trad else snippet
                page = f'<html><head><meta charset="{label}"></head><body>\n{text}\n</body></html>'
                data = page.encode(codec, errors="ignore")
                ok[label, codec] += cleanweb.decode(data) == data.decode(codec)
                total[label, codec] += 1
    cells = ", ".join(f"{label}-labelled {codec} {ok[label, codec]}/{total[label, codec]}"
                      for label, codec, _ in cases)
    print(f"pages that lie about their charset (gold's first 1 and 3 lines): {cells}")


def bench_convert(golds: list[str], repeat: int) -> None:
    simp = golds
    trad = [opencc.OpenCC("s2t").convert(g) for g in golds]
    mb = sum(len(g.encode("utf-8")) for g in golds) / 1e6
    # Baseline: the one OpenCC call a naive converter makes per page (t2s for the
    # Simplified pages too, which cleanweb skips as they are in the target script).
    cases = [
        ("simplified -> simplified", simp, "simplified", "t2s"),
        ("traditional -> simplified", trad, "simplified", "t2s"),
        ("simplified -> traditional", simp, "traditional", "s2t"),
        ("simplified -> taiwan", simp, "taiwan", "s2twp"),
        ("traditional -> taiwan", trad, "taiwan", "t2tw"),
    ]
    print(f"convert ({len(golds)} gold texts, {mb:.1f} MB, page by page; baseline: one OpenCC"
          " call per page with the config named):")
    for label, texts, to, config in cases:
        conv, cc = converter(to), opencc.OpenCC(config)
        ours = best_of(repeat, lambda texts=texts, conv=conv: [conv.convert(t) for t in texts])
        base = best_of(repeat, lambda texts=texts, cc=cc: [cc.convert(t) for t in texts])
        print(f"  {label:<26} ours {ours:.3f}s ({mb / ours:.0f} MB/s); OpenCC {config}"
              f" {base:.3f}s; ratio {ours / base:.2f}x")
    scripts = Counter(cleanweb.detect_script(g) for g in golds)
    simple = [g for g in golds if cleanweb.detect_script(g) == "simplified"]
    unchanged = sum(cleanweb.convert(g, "simplified") == g for g in simple)
    t2s_alters = sum(opencc.OpenCC("t2s").convert(g) != g for g in simple)
    print(f"  gold texts detected as {dict(scripts)}; of the Simplified ones, to='simplified'"
          f" leaves {unchanged}/{len(simple)} unchanged (t2s would alter {t2s_alters}; the rest"
          " hold whole Traditional sentences, converted)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEFAULT_DEVSET)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args()
    golds = [p.read_text("utf-8") for p in sorted(args.devset.glob("*.gold.txt"))]
    cleanweb.convert("预热", "traditional")  # load OpenCC and the character tables once
    decode_with_info("预热".encode("gbk"))
    bench_decode(args.devset, args.repeat)
    bench_short(golds, args.samples)
    bench_lying(golds)
    bench_convert(golds, args.repeat)


if __name__ == "__main__":
    main()
