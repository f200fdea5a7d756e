"""The speed and memory benchmark: one command, every figure side by side, ratios printed.

    python bench/run.py [--mb 20] [--rss-mb 10] [--jobs N] [--skip-ray]

Builds (once) the reproducible 200 MB corpus of bench/make_corpus.py under
bench/_work/, then measures on slices of it (hard links, so a slice costs nothing):

- I/O floor: read + atomically write the same files, no cleaning (one core);
- default pipeline on one core, in process (decode, segment, filters, render, write);
- each filter alone on a smaller slice (segmentation reported separately);
- the CLI with -j 1 and -j N worker processes (N = all cores), and the scaling ratio;
- the Ray engine (--engine ray) on the same slice, outputs compared byte for byte;
- peak RSS of the whole process tree for a slice 10x larger than the 1x slice;
- the HTML path against trafilatura on the dev-set HTML pages, if trafilatura is installed.

Machines are noisy: read the ratios, which compare runs made minutes apart on the same machine.
"""

from __future__ import annotations

import argparse
import filecmp
import json
import os
import resource
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import make_corpus  # noqa: E402

import cleanweb  # noqa: E402
from cleanweb import Pipeline  # noqa: E402
from cleanweb.api import build_document, result_of  # noqa: E402
from cleanweb.engines.local import cpu_count  # noqa: E402
from cleanweb.output import atomic_write  # noqa: E402

WORK = Path(__file__).resolve().parent / "_work"
CORPUS = WORK / "corpus"
DEVSET = Path(__file__).resolve().parents[2] / "shared" / "devset"
CPU: dict[str, float] = {}  # CPU seconds (user+sys, whole process tree) of each CLI run
RESULTS: dict[str, float] = {}  # MB/s of every measure, and the RSS ratio: bench/_work/results.json


def slice_of(mb: float) -> tuple[Path, int, int]:
    """A folder of hard links to the first corpus pages adding up to `mb` MB: (folder, files, bytes)."""
    dest = WORK / f"slice-{mb:g}MB"
    files = sorted(p for p in CORPUS.rglob("page-*.txt"))
    total = count = 0
    if dest.exists():
        shutil.rmtree(dest)
    for src in files:
        if total >= mb * 1e6:
            break
        link = dest / src.relative_to(CORPUS)
        link.parent.mkdir(parents=True, exist_ok=True)
        os.link(src, link)
        total += src.stat().st_size
        count += 1
    if total < mb * 1e6 * 0.99:
        sys.exit(f"bench: the corpus holds only {total / 1e6:.1f} MB; rebuild with --corpus-mb")
    return dest, count, total


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.txt"))


def io_floor(folder: Path) -> float:
    """Seconds to read and atomically write every file of `folder` (no cleaning)."""
    out = WORK / "out-io"
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.perf_counter()
    for src in _files(folder):
        atomic_write(out / src.relative_to(folder), src.read_bytes())
    return time.perf_counter() - t0


def in_process(folder: Path) -> float:
    """Seconds for the default pipeline on one core, in this process, writing outputs.

    Also stores the CPU seconds this took in CPU["in-process"].
    """
    out = WORK / "out-inproc"
    shutil.rmtree(out, ignore_errors=True)
    pipe = Pipeline.default()
    pipe.warm_up()  # load tables outside the timing
    t0, c0 = time.perf_counter(), time.process_time()
    for src in _files(folder):
        result = cleanweb.clean(src.read_bytes(), pipeline=pipe, budget=None)
        atomic_write(out / src.relative_to(folder), result.text.encode("utf-8"))
    CPU["in-process"] = time.process_time() - c0
    return time.perf_counter() - t0


def each_filter(folder: Path) -> tuple[float, dict[str, float]]:
    """(segmentation seconds, {filter: seconds run alone}) on the files of `folder`."""
    datas = [p.read_bytes() for p in _files(folder)]
    t0 = time.perf_counter()
    for data in datas:
        build_document(data)
    segment = time.perf_counter() - t0
    alone = {}
    for flt in Pipeline.default().filters:
        docs = [build_document(d) for d in datas]
        pipe = Pipeline([flt])
        t0 = time.perf_counter()
        for doc in docs:
            pipe.run(doc)
            result_of(doc)
        alone[flt.name] = time.perf_counter() - t0
    return segment, alone


class TreeRSS:
    """Polls /proc for the summed RSS of a process and its descendants; keeps the peak."""

    def __init__(self, pid: int):
        self.pid, self.peak, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._poll, daemon=True)
        self._thread.start()

    def _tree(self, pid: int) -> list[int]:
        try:
            kids = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return [pid]
        return [pid] + [p for k in kids for p in self._tree(int(k))]

    def _rss(self, pid: int) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0

    def _poll(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, sum(self._rss(p) for p in self._tree(self.pid)))
            time.sleep(0.05)

    def stop(self) -> int:
        self._stop.set()
        self._thread.join()
        return self.peak


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cli(folder: Path, out: Path, *extra: str) -> tuple[float, int]:
    """Run `cleanweb clean` in a subprocess: (seconds, peak RSS of its process tree)."""
    shutil.rmtree(out, ignore_errors=True)
    cmd = [sys.executable, "-m", "cleanweb.cli", "clean", str(folder), "-o", str(out), "-q", *extra]
    cpu0 = _child_cpu()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    rss = TreeRSS(proc.pid)
    err = proc.communicate()[1]
    seconds = time.perf_counter() - t0
    peak = rss.stop()
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed ({proc.returncode}):\n{err[-2000:]}")
    CPU[out.name] = _child_cpu() - cpu0
    return seconds, peak


def same_tree(a: Path, b: Path) -> bool:
    fa = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    fb = sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    return fa == fb and all(filecmp.cmp(a / f, b / f, shallow=False) for f in fa)


def html_vs_trafilatura() -> str:
    pages = sorted(DEVSET.glob("*.html"))
    if not pages:
        return "HTML path: no dev-set HTML pages found"
    datas = [p.read_bytes() for p in pages]
    mb = sum(map(len, datas)) / 1e6
    pipe = Pipeline.default()
    t0 = time.perf_counter()
    for data in datas:
        cleanweb.clean(data, kind="html", pipeline=pipe, budget=None)
    ours = time.perf_counter() - t0
    line = f"HTML path ({len(datas)} dev-set pages, {mb:.1f} MB): cleanweb {mb / ours:.2f} MB/s"
    try:
        import trafilatura
    except ImportError:
        return line + "; trafilatura not installed (pip install trafilatura to compare)"
    t0 = time.perf_counter()
    for data in datas:
        trafilatura.extract(data)
    theirs = time.perf_counter() - t0
    return line + f", trafilatura {mb / theirs:.2f} MB/s, ratio cleanweb/trafilatura {theirs / ours:.2f}x"


def filters_alone(filter_mb: float, report) -> None:
    fslice, fn, fsize = slice_of(filter_mb)
    segment, alone = each_filter(fslice)
    print(f"\n  each filter alone ({fn} pages, {fsize / 1e6:.1f} MB; MB/s of the filter's own time):")
    report("segment (decode+lines+features)", segment, fsize)
    for name, seconds in alone.items():
        share = seconds / sum(alone.values())
        report(f"  {name}", seconds, fsize, f"{share:5.1%} of filter time")


def jobs_and_ray(folder: Path, mb: float, jobs: int, parts: set[str], report, repeat: int = 1) -> None:
    print()
    outn = WORK / f"out-j{jobs}"
    t1 = tn = float("inf")
    for _ in range(repeat):  # alternate the two, keep the best of each: load comes and goes
        t1 = min(t1, cli(folder, WORK / "out-j1", "-j", "1")[0])
        tn = min(tn, cli(folder, outn, "-j", str(jobs))[0])
    best = f" (best of {repeat})" if repeat > 1 else ""
    r1 = report("CLI -j 1" + best, t1)
    rn = report(f"CLI -j {jobs}" + best, tn)
    print(f"    -> -j {jobs} / -j 1: {rn / r1:.2f}x (wall clock)")
    c1, cn = CPU["out-j1"], CPU[outn.name]
    print(f"    -> CPU seconds: -j 1 {c1:.1f}, -j {jobs} {cn:.1f} ({mb / c1:.2f} and {mb / cn:.2f} MB per CPU second)")
    print(f"    -> outputs identical: {same_tree(WORK / 'out-j1', outn)}")
    if "ray" in parts:
        tr, _ = cli(folder, WORK / "out-ray", "--engine", "ray", "-j", str(jobs))
        rr = report(f"CLI --engine ray (local, {jobs} CPUs)", tr)
        print(f"    -> ray / local -j {jobs}: {rr / rn:.2f}x (includes starting Ray)")
        print(f"    -> ray outputs byte-identical to local: {same_tree(WORK / 'out-ray', outn)}")


def memory(rss_mb: float, jobs: int, report) -> None:
    print()
    small, _, small_size = slice_of(rss_mb)
    big, _, big_size = slice_of(rss_mb * 10)
    ts, rss1 = cli(small, WORK / "out-rss1", "-j", str(jobs))
    tb, rss10 = cli(big, WORK / "out-rss10", "-j", str(jobs))
    report(f"memory run 1x  ({small_size / 1e6:.0f} MB)", ts, small_size, f"peak RSS {rss1 / 2**20:.0f} MiB")
    report(f"memory run 10x ({big_size / 1e6:.0f} MB)", tb, big_size, f"peak RSS {rss10 / 2**20:.0f} MiB")
    print(f"    -> peak RSS 10x / 1x: {rss10 / rss1:.2f}")
    RESULTS["rss_ratio_10x_1x"] = rss10 / rss1


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="cleanweb speed and memory benchmark")
    ap.add_argument("--mb", type=float, default=20.0, help="slice for the timing runs (MB)")
    ap.add_argument("--filter-mb", type=float, default=4.0, help="slice for each filter alone (MB)")
    ap.add_argument("--rss-mb", type=float, default=10.0, help="1x slice of the memory runs (10x is 10 times it)")
    ap.add_argument("--corpus-mb", type=float, default=200.0, help="size of the corpus to build")
    ap.add_argument("--jobs", type=int, default=cpu_count(), help="N of -j N (default: all cores)")
    ap.add_argument("--parts", default="io,filters,jobs,ray,rss,html",
                    help="comma-separated subset of io,filters,jobs,ray,rss,html (default: all)")
    ap.add_argument("--skip-ray", action="store_true", help="leave out the Ray engine run")
    ap.add_argument("--repeat", type=int, default=1, help="runs of -j 1 and -j N, best kept (default 1)")
    args = ap.parse_args(argv)
    parts = set(args.parts.split(","))
    if args.skip_ray:
        parts.discard("ray")

    files, total = make_corpus.write_pages(CORPUS, int(args.corpus_mb * 1e6), 0)
    print(f"corpus: {CORPUS} {files} pages, {total / 1e6:.1f} MB (seed 0)")
    folder, n, size = slice_of(args.mb)
    mb = size / 1e6
    print(f"timing slice: {n} pages, {mb:.1f} MB; {cpu_count()} cores; N = {args.jobs}")
    load = "load average at {}: {:.1f} {:.1f} {:.1f}"
    print(load.format("start", *os.getloadavg()) + " (other work on the machine skews wall clocks)\n")

    def report(name: str, seconds: float, nbytes: float = size, note: str = "") -> float:
        rate = nbytes / 1e6 / seconds
        RESULTS[name] = rate
        print(f"  {name:<34} {seconds:8.2f} s  {rate:8.2f} MB/s  {note}")
        return rate

    if "io" in parts:
        io = report("I/O floor (read+write, 1 core)", io_floor(folder))
        one = report("default pipeline, 1 core in-process", in_process(folder))
        print(f"    -> pipeline / I/O floor: {one / io:.3f} (I/O is {io / one:.0f}x faster)")
        print(f"    -> per CPU second: {mb / CPU['in-process']:.2f} MB (the speed on an idle core)")
    if "filters" in parts:
        filters_alone(args.filter_mb, report)
    if "jobs" in parts or "ray" in parts:
        jobs_and_ray(folder, mb, args.jobs, parts, report, args.repeat)
    if "rss" in parts:
        memory(args.rss_mb, args.jobs, report)
    if "html" in parts:
        print("\n" + html_vs_trafilatura())
    print(load.format("end", *os.getloadavg()))
    (WORK / "results.json").write_text(json.dumps(RESULTS, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
