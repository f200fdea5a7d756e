"""Score cleanweb's HTML path against peer extractors on the dev set, in one run.

    python bench/eval_html.py [--devset ../shared/devset] [--subset art|for|all]
                              [--only cleanweb,trafilatura,...] [--per-page] [--worst N]
                              [--repeat N] [--stages [--baseline OLD/src]]

Every extractor gets the same page bytes; each is timed on its own call (parse and
extract; cleanweb also decodes), by default in CPU time of this process so that other
jobs on the machine do not skew the comparison (`--clock wall` for wall time). Scores are bigram P/R/F1 per page with the scorer of
bench/devset.py. Peers run when installed (`pip install -e '.[bench]'` for trafilatura,
then `pip install readability-lxml` on its own: pip's resolver fails on the two together;
magic-html is not on PyPI); a missing one is reported and skipped. cleanweb also
runs on the pages' `.page.txt` dumps, so both input paths are side by side.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devset import DEFAULT_DEVSET, bigram_prf, pages, summary  # noqa: E402

Extractor = Callable[[bytes], str]


_PIPELINES: dict[str, object] = {}


def _cleanweb_html() -> Extractor:
    import cleanweb

    pipe = _PIPELINES["cleanweb"] = cleanweb.Pipeline.default()
    return lambda data, url=None: cleanweb.clean(data, kind="html", url=url, pipeline=pipe).text


def _cleanweb_dom() -> Extractor:
    """cleanweb's DOM stage alone (segmentation + DomFilter, no text filters): its cost floor."""
    import cleanweb
    from cleanweb.filters import DomFilter

    pipe = cleanweb.Pipeline([DomFilter()])
    return lambda data, url=None: cleanweb.clean(data, kind="html", url=url, pipeline=pipe).text


def _trafilatura() -> Extractor:
    import trafilatura

    return lambda data: trafilatura.extract(data) or ""


def _readability() -> Extractor:
    import lxml.html
    from readability import Document

    from cleanweb.decode import decode

    def run(data: bytes) -> str:
        summary = Document(decode(data)).summary(html_partial=True)
        root = lxml.html.fromstring(summary)
        return "\n".join(t.strip() for t in root.itertext() if t.strip())

    return run


def _magic_html() -> Extractor:
    import lxml.html
    from magic_html import GeneralExtractor

    from cleanweb.decode import decode

    extractor = GeneralExtractor()

    def run(data: bytes) -> str:
        html = extractor.extract(decode(data))["html"]
        return "\n".join(t.strip() for t in lxml.html.fromstring(html).itertext() if t.strip())

    return run


PEERS: dict[str, Callable[[], Extractor]] = {
    "cleanweb": _cleanweb_html,
    "cleanweb-dom": _cleanweb_dom,
    "trafilatura": _trafilatura,
    "readability-lxml": _readability,
    "magic-html": _magic_html,
}


def _load(names: list[str]) -> dict[str, Extractor]:
    loaded: dict[str, Extractor] = {}
    for name in names:
        try:
            loaded[name] = PEERS[name]()
        except ImportError as exc:
            print(f"# {name}: not installed ({exc.name}); skipped", file=sys.stderr)
    return loaded


def stage_times(
    devset: Path, selected: list[dict], repeat: int, clock: Callable[[], float],
    baseline: Path | None = None,
) -> None:
    """Print the CPU ms per page of each step of cleanweb's HTML path (before the text filters).

    With `baseline` (the `src` folder of another checkout, e.g. `git worktree add /tmp/old REV`)
    that copy runs too, page by page alternating with this one, so both see the same load.
    """
    import importlib

    runs = {"cleanweb": _html_steps(importlib.import_module("cleanweb"))}
    if baseline is not None:
        runs = {"baseline": _html_steps(_import_copy(baseline)), **runs}
    ms: dict[str, dict[str, list[float]]] = {name: {} for name in runs}
    for page in selected:
        data = (devset / f"{page['name']}.html").read_bytes()
        best: dict[str, dict[str, float]] = {name: {} for name in runs}
        for i in range(max(repeat, 1)):
            for name in sorted(runs, reverse=bool(i % 2)):  # alternate which copy goes first
                runs[name](data, page.get("url") or "", _Stopwatch(best[name], clock))
        for name in runs:
            for stage, seconds in best[name].items():
                ms[name].setdefault(stage, []).append(seconds * 1000)
    print(f"\ncleanweb HTML path by step, {len(selected)} pages, fastest of {max(repeat, 1)}, ms/page:")
    print("| step | " + " | ".join(f"{n} median | {n} mean" for n in runs) + " |")
    print("|---|" + "---|---|" * len(runs))
    steps = list(ms["cleanweb"])
    rows = [(stage, [ms[n][stage] for n in runs]) for stage in steps]
    html_steps = [s for s in steps if not s.startswith("text features")]
    totals = [[sum(ms[n][s][i] for s in steps) for i in range(len(selected))] for n in runs]
    html = [[sum(ms[n][s][i] for s in html_steps) for i in range(len(selected))] for n in runs]
    for stage, values in [*rows, ("all but text features", html), ("all steps", totals)]:
        cells = " | ".join(f"{statistics.median(v):.2f} | {statistics.mean(v):.2f}" for v in values)
        ratio = f" ({statistics.mean(values[0]) / statistics.mean(values[1]):.1f}x)" if baseline else ""
        print(f"| {stage}{ratio} | {cells} |")


def _import_copy(src: Path) -> Any:
    """Import the `cleanweb` package under `src` as `cleanweb_baseline` (a copy in a temp dir)."""
    import importlib
    import shutil
    import tempfile

    root = Path(tempfile.mkdtemp(prefix="cleanweb-baseline-"))
    shutil.copytree(src / "cleanweb", root / "cleanweb_baseline",
                    ignore=shutil.ignore_patterns("__pycache__"))
    sys.path.insert(0, str(root))
    return importlib.import_module("cleanweb_baseline")


def _html_steps(package: Any) -> Callable[[bytes, str, Any], None]:
    """Run the HTML path of one cleanweb package step by step under a stopwatch."""
    import importlib

    from selectolax.lexbor import LexborHTMLParser

    name = package.__name__
    mod = {m: importlib.import_module(f"{name}.{m}")
           for m in ("decode", "dom", "guard", "html", "html_meta", "document", "text")}
    dom, guard, html_input = mod["dom"], mod["guard"], mod["html"]

    def blocks(doc: Any, walked: Any, url: str) -> None:
        forum = html_input._forum_mode(doc, walked, url)
        doc.blocks = html_input._blocks(walked, dom.score(walked, forum=forum), forum)

    def run(data: bytes, url: str, step: _Stopwatch) -> None:
        step("input guard (bytes)", guard.check_bytes, data)
        text, _info = step("decode", mod["decode"].decode_with_info, data)
        text = step("input guard (text)", guard.check_text, text)[0]
        text = step("nesting guard", guard.limit_nesting, text)[0]
        tree = step("parse (lexbor)", LexborHTMLParser, text)
        step("metadata", mod["html_meta"].extract, tree)
        walked = step("DOM walk", dom.walk, tree)
        step("source lines", dom.locate, walked.units, text)
        doc = mod["document"].Document(source=text, kind="html", options={"url": url})
        step("scoring + blocks", blocks, doc, walked, url)
        step("text features (text.refresh)", mod["text"].refresh, doc)

    return run


class _Stopwatch:
    """Call a step and keep its fastest time so far under its name."""

    def __init__(self, best: dict[str, float], clock: Callable[[], float]):
        self.best = best
        self.clock = clock

    def __call__(self, stage: str, fn: Callable[..., Any], *args: object) -> Any:
        t0 = self.clock()
        out = fn(*args)
        self.best[stage] = min(self.best.get(stage, float("inf")), self.clock() - t0)
        return out


def _row(name: str, scores: list[tuple[float, float, float]], ms: list[float]) -> str:
    s = summary(scores)
    return (
        f"| {name:<22} | {s['pages']:3d} | {s['p']:.3f} | {s['r']:.3f} | {s['f1']:.3f} | "
        f"{s['median']:.3f} | {s['under']:3d} | "
        f"{statistics.median(ms):7.1f} | {statistics.mean(ms):7.1f} |"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--devset", type=Path, default=DEFAULT_DEVSET)
    ap.add_argument("--subset", choices=("art", "for", "all"), default="art")
    ap.add_argument("--only", default=",".join(PEERS), help="comma-separated extractors to run")
    ap.add_argument("--no-text", action="store_true", help="skip cleanweb on the page-text dumps")
    ap.add_argument("--per-page", action="store_true", help="print every page's F1 per extractor")
    ap.add_argument("--worst", type=int, default=0, help="list cleanweb's N worst pages")
    ap.add_argument(
        "--clock", choices=("cpu", "wall"), default="cpu",
        help="time with this process's CPU time (steady on a shared machine) or wall time",
    )
    ap.add_argument(
        "--repeat", type=int, default=1,
        help="time each call N times and keep the fastest (steadier on a busy machine)",
    )
    ap.add_argument(
        "--stages", action="store_true",
        help="time each step of cleanweb's HTML path (decode, guards, parse, walk...) and stop",
    )
    ap.add_argument(
        "--baseline", type=Path,
        help="with --stages: the src folder of another checkout, timed alternately in the same run",
    )
    args = ap.parse_args(argv)

    clock = time.process_time if args.clock == "cpu" else time.perf_counter
    if args.stages:
        stage_times(args.devset, pages(args.devset, args.subset), args.repeat, clock, args.baseline)
        return 0
    extractors = _load([n.strip() for n in args.only.split(",") if n.strip()])
    if not args.no_text and "cleanweb" in extractors:
        import cleanweb

        extractors["cleanweb (page text)"] = lambda data, url=None: cleanweb.clean(data, kind="text", url=url).text
    selected = pages(args.devset, args.subset)
    scores: dict[str, list[tuple[float, float, float]]] = {n: [] for n in extractors}
    ms: dict[str, list[float]] = {n: [] for n in extractors}
    for page in selected:
        gold = (args.devset / f"{page['name']}.gold.txt").read_text("utf-8")
        html = (args.devset / f"{page['name']}.html").read_bytes()
        text = (args.devset / f"{page['name']}.page.txt").read_bytes()
        cells = []
        for name, extract in extractors.items():
            data = text if name.endswith("(page text)") else html
            best = float("inf")
            for _ in range(max(args.repeat, 1)):
                t0 = clock()
                try:
                    out = (
                        extract(data, page.get("url")) if name.startswith("cleanweb")
                        else extract(data)
                    )
                except Exception as exc:  # a peer crashing on a page scores 0 there
                    print(f"# {name} failed on {page['name']}: {exc!r}", file=sys.stderr)
                    out = ""
                best = min(best, clock() - t0)
            ms[name].append(best * 1000)
            scores[name].append(bigram_prf(out, gold))
            cells.append(f"{scores[name][-1][2]:.3f}")
        if args.per_page:
            print("  ".join(cells), page["name"])

    print(f"\ndevset subset={args.subset}, {len(selected)} pages, {args.clock} time")
    print("| extractor              | pages | P | R | F1 mean | F1 median | <0.5 | ms median | ms mean |")
    print("|---|---|---|---|---|---|---|---|---|")
    for name in extractors:
        print(_row(name, scores[name], ms[name]))
    if "trafilatura" in ms and "cleanweb" in ms:
        ratio = statistics.median(ms["cleanweb"]) / statistics.median(ms["trafilatura"])
        print(f"\ncleanweb median ms/page = {ratio:.2f} x trafilatura's")
    if "cleanweb" in _PIPELINES:
        stats = _PIPELINES["cleanweb"].stats
        split = ", ".join(
            f"{name} {1000 * c['seconds'] / max(c['documents'], 1):.1f}" for name, c in stats.items()
        )
        print(f"cleanweb filters, mean ms/page over all calls: {split}")
    if args.worst and "cleanweb" in scores:
        ranked = sorted(zip(scores["cleanweb"], selected, strict=True), key=lambda x: x[0][2])
        for (p, r, f), page in ranked[: args.worst]:
            print(f"{f:.3f}  P={p:.3f} R={r:.3f}  {page['name']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
