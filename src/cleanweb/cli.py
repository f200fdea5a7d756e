"""The `cleanweb` command: clean files and folders, explain one page, list filters."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import __version__
from .api import build_document, result_of
from .errors import CleanwebError
from .explain import explain_lines
from .filters import FILTERS
from .pipeline import Pipeline

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
INPUT_SUFFIXES = (".txt", ".html", ".htm", ".xhtml", ".shtml")


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="cleanweb", description="Clean scraped Chinese web pages.")
    ap.add_argument("--version", action="version", version=f"cleanweb {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    c = sub.add_parser("clean", help="clean files or folders into OUT_DIR")
    c.add_argument("paths", nargs="+", help="files or folders ('-' reads stdin, writes stdout)")
    c.add_argument("-o", "--output", help="output folder (mirrors the input tree)")
    c.add_argument("--to", default="simplified", help="simplified|traditional|taiwan|hongkong|keep")
    c.add_argument("--kind", default="auto", choices=("auto", "text", "html"))
    c.add_argument("--format", default="txt", choices=("txt", "jsonl"))
    c.add_argument("--config", help="TOML file of user rules and filter options")
    c.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")

    e = sub.add_parser("explain", help="show each line of FILE kept or removed, and why")
    e.add_argument("file")
    e.add_argument("--to", default="simplified")
    e.add_argument("--kind", default="auto", choices=("auto", "text", "html"))
    e.add_argument("--config")
    e.add_argument("--color", choices=("auto", "always", "never"), default="auto")

    sub.add_parser("filters", help="list the filters of the default pipeline and their options")
    return ap


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _dispatch(args)
    except BrokenPipeError:  # e.g. `cleanweb explain f | head`
        sys.stderr.close()
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
    doc = build_document(data, args.kind)
    pipeline.run(doc)
    color = args.color == "always" or (args.color == "auto" and sys.stdout.isatty())
    for line in explain_lines(doc, color=color):
        print(line)
    return EXIT_OK


def iter_inputs(paths: list[str]) -> list[tuple[Path, Path]]:
    """(input file, path relative to its root) for every file under `paths`."""
    found = []
    for raw in paths:
        root = Path(raw)
        if root.is_dir():
            for f in sorted(root.rglob("*")):
                if f.is_file() and f.suffix.lower() in INPUT_SUFFIXES:
                    found.append((f, f.relative_to(root)))
        else:
            found.append((root, Path(root.name)))
    return found


def cmd_clean(args: argparse.Namespace, pipeline: Pipeline) -> int:
    if args.paths == ["-"]:
        doc = build_document(sys.stdin.buffer.read(), args.kind)
        pipeline.run(doc)
        sys.stdout.write(_render(doc, "-", args.format))
        return EXIT_OK
    if not args.output:
        print("cleanweb: error: -o/--output is required unless reading '-'", file=sys.stderr)
        return EXIT_USAGE
    out_root = Path(args.output)
    failures = 0
    for src, rel in iter_inputs(args.paths):
        try:
            doc = build_document(src.read_bytes(), args.kind)
            pipeline.run(doc)
        except (OSError, CleanwebError) as exc:
            failures += 1
            print(f"cleanweb: {src}: {exc}", file=sys.stderr)
            continue
        dest = out_root / rel.with_suffix(".txt" if args.format == "txt" else ".jsonl")
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(_render(doc, str(src), args.format), "utf-8")
    return EXIT_FAILED if failures else EXIT_OK


def _render(doc, path: str, fmt: str) -> str:
    result = result_of(doc)
    if fmt == "txt":
        return result.text
    record = {"path": path, "text": result.text, "title": result.title, "meta": result.meta,
              "removed": _counts(result.removed)}
    return json.dumps(record, ensure_ascii=False) + "\n"


def _counts(removed) -> dict[str, int]:
    counts: dict[str, int] = {}
    for r in removed:
        counts[r.filter] = counts.get(r.filter, 0) + 1
    return counts


if __name__ == "__main__":
    sys.exit(main())
