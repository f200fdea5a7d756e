"""Build the benchmark corpus: page-text files derived from the fixtures and the dev set.

    python bench/make_corpus.py [--mb 200] [--seed 0] [--out bench/_work/corpus]

No network. Every page is a recombination of real page texts (fixtures/seeds and
../shared/devset/*.page.txt): the header noise of one page, the body of another and
the footer of a third, with digits remapped, some paragraphs repeated or dropped and
one page in eight converted to Traditional. The same seed gives the same bytes.
Pages are written as OUT/NNN/page-NNNNNN.txt (a folder run) and the first pages can
also be written as a JSON Lines corpus (`write_corpus`, used by the tests).
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parents[1]
SOURCES = (ROOT / "fixtures" / "seeds", ROOT.parent / "shared" / "devset")
DEFAULT_OUT = ROOT / "bench" / "_work" / "corpus"
PAGES_PER_FOLDER = 1000


@cache
def source_pages() -> tuple[tuple[str, ...], ...]:
    """Every source page as a tuple of lines (seeds, then dev-set page texts, by name)."""
    pages = []
    for folder in SOURCES:
        pattern = "*.page.txt" if folder.name == "devset" else "*.txt"
        for path in sorted(folder.glob(pattern)):
            lines = tuple(path.read_text("utf-8", errors="replace").splitlines())
            if len(lines) >= 6:
                pages.append(lines)
    if not pages:
        sys.exit("make_corpus: no source pages found under fixtures/seeds or ../shared/devset")
    return tuple(pages)


@cache
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def _split(lines: tuple[str, ...]) -> tuple[list[str], list[str], list[str]]:
    """Header, body and footer thirds of a page (by the longest run of long lines)."""
    n = len(lines)
    best, start, run_start = (0, n // 3, n // 3), None, None
    for i, line in enumerate(lines):
        if len(line) >= 40:
            run_start = i if run_start is None else run_start
            if i - run_start + 1 > best[0]:
                best = (i - run_start + 1, run_start, i + 1)
        else:
            run_start = None
    _, start, end = best
    return list(lines[:start]), list(lines[start:end]), list(lines[end:])


def make_page(rng: random.Random) -> str:
    """One generated page: three real pages recombined, with variations."""
    pages = source_pages()
    head, _, _ = _split(rng.choice(pages))
    _, body, _ = _split(rng.choice(pages))
    _, _, foot = _split(rng.choice(pages))
    body = list(body)
    if len(body) > 3 and rng.random() < 0.3:
        body.pop(rng.randrange(len(body)))
    if body and rng.random() < 0.3:
        i = rng.randrange(len(body))
        body.insert(i, body[i])
    digits = list("0123456789")
    rng.shuffle(digits)
    text = "\n".join([*head, *body, *foot]).translate(str.maketrans("0123456789", "".join(digits)))
    if rng.random() < 0.125:
        text = _s2t().convert(text)
    return text + "\n"


def iter_pages(seed: int) -> Iterator[str]:
    """An endless, reproducible stream of generated pages."""
    rng = random.Random(seed)
    while True:
        yield make_page(rng)


def write_pages(out: Path, target_bytes: int, seed: int = 0) -> tuple[int, int]:
    """Write pages under `out` until `target_bytes`; returns (files, bytes). Reuses a complete build."""
    stamp = out / "_complete.json"
    wanted = {"target_bytes": target_bytes, "seed": seed}
    if stamp.exists() and json.loads(stamp.read_text())["params"] == wanted:
        done = json.loads(stamp.read_text())
        return done["files"], done["bytes"]
    files = total = 0
    for page in iter_pages(seed):
        if total >= target_bytes:
            break
        data = page.encode("utf-8")
        dest = out / f"{files // PAGES_PER_FOLDER:03d}" / f"page-{files:06d}.txt"
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
        files += 1
        total += len(data)
    stamp.write_text(json.dumps({"params": wanted, "files": files, "bytes": total}))
    return files, total


def write_corpus(dest: Path, target_bytes: int, seed: int = 0) -> int:
    """Write generated pages as a JSON Lines corpus (gzip if `dest` ends in .gz); returns records."""
    opener = gzip.open if dest.suffix == ".gz" else open
    n = total = 0
    with opener(dest, "wt", encoding="utf-8") as fh:
        for page in iter_pages(seed):
            if total >= target_bytes:
                break
            fh.write(json.dumps({"id": f"p{n:06d}", "lang": "zh", "text": page}, ensure_ascii=False) + "\n")
            n += 1
            total += len(page.encode("utf-8"))
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=200.0, help="corpus size in MB (default 200)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    files, total = write_pages(args.out, int(args.mb * 1e6), args.seed)
    print(f"{args.out}: {files} pages, {total / 1e6:.1f} MB (seed {args.seed})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
