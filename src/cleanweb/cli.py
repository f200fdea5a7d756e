"""The `cleanweb` command: clean files, folders and corpora, explain one page, list filters.

Exit status: 0 everything cleaned; 1 some inputs failed (each named on stderr and in
OUT_DIR/_cleanweb_errors.jsonl) or the output could not be written; 2 usage error;
130 interrupted (Ctrl-C; 143 for SIGTERM), with a partial summary and no partial file.
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import signal
import sys
from pathlib import Path

from . import __version__
from .api import build_document
from .corpus import CORPUS_SUFFIXES, RecordOptions, is_corpus
from .engines.local import LocalEngine, cpu_count
from .engines.runner import Runner, StopRun, Summary, plan
from .engines.work import RunOptions, clean_bytes_to_output
from .errors import CleanwebError
from .explain import explain_lines
from .filters import FILTERS
from .modes import MODES
from .output import OutputError, check_output_dir, write_manifest
from .pipeline import Pipeline

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_TERMINATED = 143
DEFAULT_MAX_BYTES = "64M"
DEFAULT_TIMEOUT = 120.0
# Applied to the stripped value: one whitespace run only, so no backtracking between two.
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([kmgKMG]?)i?[bB]?")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="cleanweb", description="Clean scraped Chinese web pages.")
    ap.add_argument("--version", action="version", version=f"cleanweb {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    c = sub.add_parser("clean", help="clean files, folders or JSONL corpora into OUT_DIR")
    c.add_argument("paths", nargs="+", help="files, folders or corpora ('-' reads stdin, writes stdout)")
    c.add_argument("-o", "--output", help="output folder (mirrors the input tree), or a .jsonl[.gz|.zst] file for one corpus")
    c.add_argument("--to", default="simplified", help="simplified|traditional|taiwan|hongkong|keep")
    c.add_argument("--kind", default="auto", choices=("auto", "text", "html"))
    c.add_argument("--mode", default="auto", choices=MODES,
                   help="forum: a thread's posts are the content (auto: by URL and page)")
    c.add_argument("--format", default="txt", choices=("txt", "jsonl"), help="output of pages")
    c.add_argument("--config", help="TOML file of user rules and filter options")
    c.add_argument("-j", "--jobs", type=_jobs, default="auto", help="worker processes (0 or auto: all cores)")
    c.add_argument("--engine", choices=("local", "ray"), default="local")
    c.add_argument("--ray-address", help="Ray cluster to join (default: start a local one)")
    c.add_argument("--text-field", default="text", help="corpus: field holding the page (default text)")
    c.add_argument("--id-field", help="corpus: field naming the record in error reports")
    c.add_argument("--url-field", default="url", help="corpus: field holding the page's URL (default url)")
    c.add_argument("--keep-empty", action="store_true", help="corpus: keep records cleaned to nothing")
    c.add_argument("--max-bytes", type=_size, default=_size(DEFAULT_MAX_BYTES),
                   help=f"skip inputs larger than this (e.g. 500K, 64M; 0 = no limit; default {DEFAULT_MAX_BYTES})")
    c.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                   help=f"seconds one document may take before it is failed (0 = none; default {DEFAULT_TIMEOUT:g})")
    c.add_argument("--resume", action="store_true", help="skip inputs whose output exists and is newer")
    c.add_argument("--allow-inplace", action="store_true", help="allow OUT_DIR inside an input folder")
    c.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")

    e = sub.add_parser("explain", help="show each line of FILE kept or removed, and why")
    e.add_argument("file")
    e.add_argument("--to", default="simplified")
    e.add_argument("--kind", default="auto", choices=("auto", "text", "html"))
    e.add_argument("--mode", default="auto", choices=MODES)
    e.add_argument("--url", help="the page's address (site rules, forum detection)")
    e.add_argument("--config")
    e.add_argument("--color", choices=("auto", "always", "never"), default="auto")

    sub.add_parser("filters", help="list the filters of the default pipeline and their options")
    return ap


def _jobs(value: str) -> int:
    """-j value: a count, or 0/auto for every core."""
    if value.strip().lower() in ("auto", "0"):
        return cpu_count()
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of processes or 'auto', got {value!r}") from None
    if n < 0:
        raise argparse.ArgumentTypeError(f"expected 0 or more processes, got {n}")
    return n


def _size(value: str) -> int | None:
    """--max-bytes value: bytes with an optional K/M/G suffix; 0 means no limit."""
    m = _SIZE.fullmatch(value.strip())
    if not m:
        raise argparse.ArgumentTypeError(f"expected a size such as 500K or 64M, got {value!r}")
    scale = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[m.group(2).lower()]
    n = int(float(m.group(1)) * scale)
    return n or None


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except BrokenPipeError:  # e.g. `cleanweb explain f | head`: the reader left, stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


def _dispatch(args: argparse.Namespace) -> int:
    try:
        if args.command == "filters":
            return cmd_filters()
        pipeline = Pipeline.default(to=args.to, config=args.config)
        if args.command == "explain":
            return cmd_explain(args, pipeline)
        return cmd_clean(args, pipeline)
    except CleanwebError as exc:
        print(f"cleanweb: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def cmd_filters() -> int:
    for name, cls in FILTERS.items():
        doc = (cls.__doc__ or "").strip().splitlines()[0]
        print(f"{name:<16} {doc}")
        for key, value in cls().options().items():
            print(f"    {key} = {value!r}")
    return EXIT_OK


def cmd_explain(args: argparse.Namespace, pipeline: Pipeline) -> int:
    path = Path(args.file)
    try:
        data = path.read_bytes()
    except OSError as exc:
        print(f"cleanweb: error: {path}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    try:
        options = {"html": pipeline.config.html, "mode": args.mode, "url": args.url}
        doc = build_document(data, args.kind, options=options)
    except CleanwebError as exc:
        print(f"cleanweb: error: {path}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    pipeline.run(doc)
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    for line in explain_lines(doc, color=color):
        print(line)
    return EXIT_OK


def _run_options(args: argparse.Namespace) -> RunOptions:
    record = RecordOptions(
        args.text_field, args.id_field, args.keep_empty, args.max_bytes, url_field=args.url_field
    )
    budget = args.timeout if args.timeout and args.timeout > 0 else None
    return RunOptions(args.format, args.kind, args.max_bytes, budget, record, mode=args.mode)


def cmd_clean(args: argparse.Namespace, pipeline: Pipeline) -> int:
    opts = _run_options(args)
    if args.paths == ["-"]:
        return _clean_stdin(pipeline, opts)
    if "-" in args.paths:
        return _usage("'-' (standard input) can not be mixed with other inputs")
    if not args.output:
        return _usage("-o/--output is required unless reading '-'")
    paths = [Path(p) for p in args.paths]
    missing = [p for p in paths if not p.exists()]
    if missing:
        return _usage(f"no such file or folder: {', '.join(map(str, missing))}")
    out = Path(args.output)
    single = str(out).lower().endswith(CORPUS_SUFFIXES)
    if single and (len(paths) != 1 or not is_corpus(paths[0])):
        return _usage(f"-o {out} names a corpus file: give exactly one .jsonl[.gz|.zst] or .warc[.gz] input")
    out_root = out.parent if single else out
    try:
        if single:
            check_output_dir(out_root, allow_inplace=True)
        else:
            folders = [p for p in paths if p.is_dir()]
            parents = [p.parent for p in paths if not p.is_dir()]
            check_output_dir(out_root, folders, args.allow_inplace, parents)
    except OutputError as exc:
        print(f"cleanweb: error: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if args.engine == "local":
        # Load every lazily built table once here: forked workers then share it.
        clean_bytes_to_output("预热。\n".encode(), pipeline, opts, "-")
    engine = _engine(args, opts)
    show = not args.quiet
    bar = _progress_bar(args.quiet)
    runner = Runner(engine, opts, resume=args.resume, progress=bar.update, all_outputs=len(paths) > 1)
    code = EXIT_OK
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        summary = runner.run(plan(paths, out, args.format, single))
    except KeyboardInterrupt as exc:
        summary, code = runner.summary, EXIT_TERMINATED if isinstance(exc, _Terminated) else EXIT_INTERRUPTED
    except StopRun:
        summary, code = runner.summary, EXIT_FAILED
    finally:
        signal.signal(signal.SIGTERM, previous)
        bar.close()
    return _finish(summary, out_root, code, show)


class _Terminated(KeyboardInterrupt):
    """SIGTERM, handled like Ctrl-C: stop, clean up, report."""


def _terminate(signum, frame):
    raise _Terminated()


def _finish(summary: Summary, out_root: Path, code: int, show: bool) -> int:
    """Print failures and the summary, write the manifest, and choose the exit status."""
    for failure in summary.failures:
        print(f"cleanweb: {failure.line()}", file=sys.stderr)
    try:
        manifest = write_manifest(out_root, summary.failures)
    except OSError as exc:
        manifest = None
        print(f"cleanweb: error: cannot write the error manifest: {exc.strerror or exc}", file=sys.stderr)
    if summary.fatal:
        print(f"cleanweb: error: run stopped: {summary.fatal}", file=sys.stderr)
    if show or code != EXIT_OK:
        for line in summary.lines():
            print(line, file=sys.stderr)
        if manifest is not None:
            print(f"  failures listed in {manifest}", file=sys.stderr)
    if code != EXIT_OK:
        return code
    return EXIT_FAILED if summary.failures else EXIT_OK


def _engine(args: argparse.Namespace, opts: RunOptions):
    factory = functools.partial(Pipeline.default, to=args.to, config=args.config)
    if args.engine == "ray":
        from .engines.raydata import RayEngine

        return RayEngine(factory, opts, address=args.ray_address, jobs=args.jobs)
    # The parent's hard limit backs up the in-worker budget (which C code can outlast).
    hard = None if opts.budget is None else opts.budget * 1.5 + 1.0
    return LocalEngine(factory, opts, jobs=args.jobs or cpu_count(), timeout=hard)


def _clean_stdin(pipeline: Pipeline, opts: RunOptions) -> int:
    data = sys.stdin.buffer.read()
    try:
        out = clean_bytes_to_output(data, pipeline, opts, "-")
    except CleanwebError as exc:
        print(f"cleanweb: -: {exc.kind}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    try:
        sys.stdout.buffer.write(out)
        sys.stdout.buffer.flush()
    except BrokenPipeError:
        raise
    except OSError as exc:
        print(f"cleanweb: error: cannot write standard output: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _usage(message: str) -> int:
    print(f"cleanweb: error: {message}", file=sys.stderr)
    return EXIT_USAGE


class _Progress:
    """A tqdm bar of files and MB/s on stderr, or nothing when quiet or not a terminal."""

    def __init__(self, bar):
        self.bar = bar
        self.nbytes = 0

    def update(self, files: int, nbytes: int) -> None:
        if self.bar is None:
            return
        self.nbytes += nbytes
        self.bar.update(files)
        elapsed = self.bar.format_dict.get("elapsed") or 0.0
        rate = self.nbytes / 1e6 / elapsed if elapsed > 0 else 0.0
        self.bar.set_postfix_str(f"{self.nbytes / 1e6:.1f} MB, {rate:.1f} MB/s", refresh=False)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _progress_bar(quiet: bool) -> _Progress:
    if quiet or not sys.stderr.isatty():
        return _Progress(None)
    import tqdm

    tqdm.tqdm.monitor_interval = 0  # no monitor thread: workers are forked
    return _Progress(tqdm.tqdm(unit=" files", file=sys.stderr, dynamic_ncols=True))


if __name__ == "__main__":
    sys.exit(main())
