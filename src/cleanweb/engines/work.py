"""The unit jobs every engine runs: clean one file, clean one corpus record.

The local process engine and the Ray engine call the same functions, which is
why their outputs are byte-identical. Binary input, size limits and the time budget
of one document are enforced by `cleanweb.clean` itself (see cleanweb.errors).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..api import clean
from ..corpus import RecordOptions, RecordResult, clean_record, clean_warc_page, removed_counts
from ..errors import CleanwebError
from ..output import atomic_write, is_fatal


@dataclass(frozen=True)
class RunOptions:
    """Per-run settings every job needs (picklable, shipped once to each worker)."""

    fmt: str = "txt"
    kind: str = "auto"
    max_bytes: int | None = None
    budget: float | None = None
    record: RecordOptions = field(default_factory=RecordOptions)
    mode: str = "auto"


@dataclass(frozen=True)
class FileItem:
    """One input page and where its output goes."""

    src: str
    dest: str
    display: str


@dataclass
class FileResult:
    """What cleaning one file gave: sizes, blocks removed per filter, or the failure."""

    display: str
    bytes_in: int = 0
    bytes_out: int = 0
    removed: dict[str, int] = field(default_factory=dict)
    error: tuple[str, str] | None = None


def render_page(result, display: str, fmt: str) -> bytes:
    """The output bytes of one cleaned page: its text, or one JSON line."""
    if fmt == "txt":
        return result.text.encode("utf-8")
    record = {
        "path": display,
        "text": result.text,
        "title": result.title,
        "meta": result.meta,
        "removed": removed_counts(result.removed),
    }
    return (json.dumps(record, ensure_ascii=False, default=str) + "\n").encode("utf-8")


def clean_page(data: bytes, pipeline, opts: RunOptions):
    """`cleanweb.clean` of one page with the run's kind, mode, budget and size limit."""
    return clean(
        data, kind=opts.kind, pipeline=pipeline, budget=opts.budget, max_size=opts.max_bytes,
        mode=opts.mode,
    )


def clean_bytes_to_output(data: bytes, pipeline, opts: RunOptions, display: str) -> bytes:
    """Clean one page held in memory and render it (raises the cleanweb error on bad input)."""
    return render_page(clean_page(data, pipeline, opts), display, opts.fmt)


def clean_file(item: FileItem, pipeline, opts: RunOptions) -> FileResult:
    """Read, clean and atomically write one page; every problem becomes a named failure."""
    src = Path(item.src)
    try:
        size = os.stat(src).st_size
        if opts.max_bytes is not None and size > opts.max_bytes:
            msg = f"file is {size} bytes, over the --max-bytes limit of {opts.max_bytes}"
            return FileResult(item.display, size, error=("too-large", msg))
        data = src.read_bytes()
    except OSError as exc:
        return FileResult(item.display, error=("unreadable", exc.strerror or str(exc)))
    try:
        result = clean_page(data, pipeline, opts)
        out = render_page(result, item.display, opts.fmt)
    except Exception as exc:  # noqa: BLE001 - any page bug is that page's failure
        return FileResult(item.display, len(data), error=describe(exc))
    try:
        atomic_write(Path(item.dest), out)
    except OSError as exc:
        kind = "write-fatal" if is_fatal(exc) else "unwritable"
        return FileResult(item.display, len(data), error=(kind, f"{item.dest}: {exc.strerror or exc}"))
    return FileResult(item.display, len(data), len(out), removed_counts(result.removed))


def clean_line(item: tuple[int, bytes], pipeline, opts: RunOptions) -> RecordResult:
    """Clean one corpus record; a bug on one record becomes its failure, not the run's."""
    _lineno, raw = item
    try:
        return clean_record(raw, pipeline, opts.record, opts.kind, opts.budget, opts.mode)
    except Exception as exc:  # noqa: BLE001
        return RecordResult(None, len(raw), error=describe(exc))


def clean_warc_item(item: tuple[int, dict[str, str], bytes], pipeline, opts: RunOptions) -> RecordResult:
    """Clean the page of one WARC response record."""
    _n, head, data = item
    try:
        return clean_warc_page(head, data, pipeline, opts.record, opts.kind, opts.budget, opts.mode)
    except Exception as exc:  # noqa: BLE001
        return RecordResult(None, len(data), error=describe(exc))


HANDLERS: dict[str, Any] = {"file": clean_file, "record": clean_line, "warc": clean_warc_item}


def describe(exc: BaseException) -> tuple[str, str]:
    """(kind, one-line message) for an exception raised while cleaning one input."""
    if isinstance(exc, CleanwebError):
        return exc.kind, str(exc)
    if isinstance(exc, MemoryError):
        return "memory", "out of memory"
    if isinstance(exc, RecursionError):
        return "recursion", "nesting too deep"
    tb = exc.__traceback__
    while tb is not None and tb.tb_next is not None:
        tb = tb.tb_next
    where = f" at {Path(tb.tb_frame.f_code.co_filename).name}:{tb.tb_lineno}" if tb else ""
    return "internal", f"{type(exc).__name__}: {exc}{where}"
