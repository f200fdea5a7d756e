"""Before/after: the default pipeline of another git revision against this tree, in one command.

    python bench/compare.py --rev 76f3732 [--mb 4] [--repeat 3] [--html]

Checks the revision out as a git worktree under bench/_work/ (once), then runs the
same in-process measure (CPU seconds to clean a slice of the bench corpus, tables
warmed outside the timing) with each source tree in turn, alternating `--repeat`
times, and prints the best of each side and their ratio. With `--html` the slice is
the dev set's HTML pages instead. Only the ratio of runs made minutes apart means
much on a shared machine.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
WORK = BENCH / "_work"
DEVSET = ROOT.parent / "shared" / "devset"
CORPUS_BYTES = 200_000_000  # bench/run.py's corpus, so both reuse one build


def tree_of(rev: str) -> Path:
    """A worktree of `rev` (created on first use), so its src/ can be imported."""
    sha = subprocess.run(
        ["git", "rev-parse", "--short", rev], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    tree = WORK / f"rev-{sha}"
    if not tree.exists():
        subprocess.run(["git", "worktree", "add", "--detach", str(tree), sha], cwd=ROOT, check=True)
    return tree


def measure(files: list[Path], kind: str) -> tuple[float, int]:
    """(CPU seconds, bytes) to clean `files` with the cleanweb importable here."""
    import cleanweb
    from cleanweb import Pipeline

    pipe = Pipeline.default()
    for path in files[:20]:  # load every table outside the timing
        cleanweb.clean(path.read_bytes(), kind=kind, pipeline=pipe)
    datas = [p.read_bytes() for p in files]
    start = time.process_time()
    for data in datas:
        cleanweb.clean(data, kind=kind, pipeline=pipe, budget=None)
    return time.process_time() - start, sum(map(len, datas))


def _files(html: bool, mb: float) -> list[Path]:
    if html:
        return sorted(DEVSET.glob("*.html"))
    sys.path.insert(0, str(BENCH))
    import run  # noqa: PLC0415 - the corpus and its slices live there

    run.make_corpus.write_pages(run.CORPUS, CORPUS_BYTES, 0)
    folder, _, _ = run.slice_of(mb)
    return run._files(folder)


def _child(args: argparse.Namespace) -> None:
    files = _files(args.html, args.mb)
    seconds, size = measure(files, "html" if args.html else "auto")
    print(f"{seconds} {size}")


def _run_side(src: Path, args: argparse.Namespace) -> tuple[float, int]:
    env = dict(os.environ, PYTHONPATH=str(src))
    cmd = [sys.executable, __file__, "--child", "--mb", str(args.mb)] + (["--html"] if args.html else [])
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, cwd=ROOT)
    if out.returncode != 0:
        sys.exit(f"bench/compare: {src} failed:\n{out.stderr[-2000:]}")
    seconds, size = out.stdout.split()[-2:]
    return float(seconds), int(size)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rev", default="HEAD~1", help="the revision to compare against (default HEAD~1)")
    ap.add_argument("--mb", type=float, default=4.0, help="size of the corpus slice (default 4)")
    ap.add_argument("--repeat", type=int, default=3, help="alternating runs of each side (default 3)")
    ap.add_argument("--html", action="store_true", help="time the dev-set HTML pages instead")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _child(args)
        return 0
    sides = {f"before ({args.rev})": tree_of(args.rev) / "src", "after (this tree)": ROOT / "src"}
    best = {name: float("inf") for name in sides}
    size = 0
    for _ in range(args.repeat):
        for name, src in sides.items():
            seconds, size = _run_side(src, args)
            best[name] = min(best[name], seconds)
    what = "dev-set HTML pages" if args.html else f"{args.mb:g} MB of page text"
    print(f"default pipeline, one core, {what}, best of {args.repeat} CPU times:")
    for name, seconds in best.items():
        print(f"  {name:24s} {seconds:7.2f} s   {size / 1e6 / seconds:6.2f} MB per CPU second")
    before, after = best.values()
    print(f"  -> after / before speed: {before / after:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
