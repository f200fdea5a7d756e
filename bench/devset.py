"""Score cleanweb on the dev set (real pages with human gold): bigram P/R/F1 per page.

    python bench/devset.py [--devset ../shared/devset] [--input text|html] [--subset art|for|all]
                           [--no-url] [--per-page]

Scoring follows the dev set's README: both sides NFKC, lower-case, Simplified, no
whitespace; character bigrams counted as a multiset; P/R/F1 per page, then mean,
median and the number of pages under 0.5. Each page is cleaned with its origin URL
from index.json (what a crawler knows; it decides forum mode), unless --no-url.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

import opencc

_T2S = opencc.OpenCC("t2s")
DEFAULT_DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"


def normalise(text: str) -> str:
    text = _T2S.convert(unicodedata.normalize("NFKC", text)).lower()
    return "".join(text.split())


def bigram_prf(predicted: str, gold: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of character bigrams (multisets) of normalised texts."""
    p, g = normalise(predicted), normalise(gold)
    pb = Counter(p[i : i + 2] for i in range(len(p) - 1))
    gb = Counter(g[i : i + 2] for i in range(len(g) - 1))
    overlap = sum((pb & gb).values())
    if not pb or not gb:
        return (0.0, 0.0, 0.0) if pb or gb else (1.0, 1.0, 1.0)
    prec, rec = overlap / sum(pb.values()), overlap / sum(gb.values())
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return prec, rec, f1


def pages(devset: Path, subset: str) -> list[dict]:
    index = json.loads((devset / "index.json").read_text("utf-8"))
    prefixes = {"art": ("mh-art", "cw-"), "for": ("mh-for",), "all": ("mh-", "cw-")}[subset]
    return [p for p in index if p["name"].startswith(prefixes)]


def summary(scores: list[tuple[float, float, float]]) -> dict[str, float]:
    """Pages, mean P and R, mean and median F1, and pages under F1 0.5."""
    f1 = [s[2] for s in scores]
    return {
        "pages": len(f1),
        "p": statistics.mean(s[0] for s in scores),
        "r": statistics.mean(s[1] for s in scores),
        "f1": statistics.mean(f1),
        "median": statistics.median(f1),
        "under": sum(1 for x in f1 if x < 0.5),
    }


def summarise(name: str, scores: list[tuple[float, float, float]], ms: list[float]) -> str:
    s = summary(scores)
    return (
        f"{name:<22} pages={s['pages']:3d}  P={s['p']:.3f}  R={s['r']:.3f}  "
        f"F1 mean={s['f1']:.3f}  median={s['median']:.3f}  <0.5: {s['under']:2d}  "
        f"ms/page median={statistics.median(ms):.1f}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--devset", type=Path, default=DEFAULT_DEVSET)
    ap.add_argument("--input", choices=("text", "html"), default="text")
    ap.add_argument("--subset", choices=("art", "for", "all"), default="art")
    ap.add_argument("--no-url", action="store_true", help="clean without the pages' URLs")
    ap.add_argument("--per-page", action="store_true", help="print each page's scores")
    args = ap.parse_args(argv)

    import cleanweb

    suffix = ".page.txt" if args.input == "text" else ".html"
    raw_scores, scores, ms = [], [], []
    for page in pages(args.devset, args.subset):
        gold = (args.devset / f"{page['name']}.gold.txt").read_text("utf-8")
        data = (args.devset / f"{page['name']}{suffix}").read_bytes()
        t0 = time.perf_counter()
        url = None if args.no_url else page.get("url")
        result = cleanweb.clean(data, kind=args.input, url=url)
        ms.append((time.perf_counter() - t0) * 1000)
        scores.append(bigram_prf(result.text, gold))
        page_text = (args.devset / f"{page['name']}.page.txt").read_text("utf-8")
        raw_scores.append(bigram_prf(page_text, gold))
        if args.per_page:
            p, r, f = scores[-1]
            print(f"{f:.3f}  P={p:.3f} R={r:.3f}  {page['name']}")
    print(summarise("uncleaned page text", raw_scores, [0.0]))
    print(summarise(f"cleanweb ({args.input})", scores, ms))
    return 0


if __name__ == "__main__":
    sys.exit(main())
