"""Corpus files: JSON Lines records (plain, .gz or .zst) read and written as streams.

A record is one JSON object a line. Its text field (`text` unless told) is cleaned;
every other field is passed through unchanged, and what cleanweb learned about the
page (title, metadata, blocks removed per filter) is added under the `cleanweb` key
so no field of the input is ever overwritten.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .errors import CleanwebError, InputError
from .output import atomic_open

CORPUS_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".jsonl.zst", ".ndjson.zst")
WARC_SUFFIXES = (".warc", ".warc.gz")
INFO_KEY = "cleanweb"
# HTTP content types of WARC responses worth cleaning (others are skipped).
_PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def is_warc(path: str | Path) -> bool:
    """True if `path` names a WARC file (Common Crawl style, plain or gzip)."""
    return str(path).lower().endswith(WARC_SUFFIXES)


def is_corpus(path: str | Path) -> bool:
    """True if `path` names a JSON Lines corpus or a WARC file (by its suffix)."""
    return str(path).lower().endswith(CORPUS_SUFFIXES) or is_warc(path)


def output_name(name: str) -> str:
    """The output file name of corpus `name`: a WARC becomes JSON Lines (`a.warc.gz` -> `a.jsonl.gz`)."""
    lower = name.lower()
    if lower.endswith(".warc.gz"):
        return name[: -len(".warc.gz")] + ".jsonl.gz"
    if lower.endswith(".warc"):
        return name[: -len(".warc")] + ".jsonl"
    return name


def _zstd():
    try:
        import zstandard
    except ImportError:  # pragma: no cover - zstandard ships with the test extra
        raise InputError(".zst corpora need the zstandard package: pip install cleanweb[zstd]") from None
    return zstandard


def open_read(path: Path) -> IO[bytes]:
    """Open a corpus for reading, decompressing .gz and .zst transparently."""
    name = str(path).lower()
    if name.endswith(".gz"):
        return gzip.open(path, "rb")
    if name.endswith(".zst"):
        raw = open(path, "rb")
        return io.BufferedReader(_zstd().ZstdDecompressor().stream_reader(raw, closefd=True))
    return open(path, "rb")


@contextlib.contextmanager
def open_write(dest: Path) -> Iterator[IO[bytes]]:
    """Write a corpus atomically, compressed by the suffix of `dest` (.gz, .zst or none)."""
    name = str(dest).lower()
    with atomic_open(dest) as raw:
        if name.endswith(".gz"):
            # mtime=0 keeps the bytes reproducible from run to run.
            with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as gz:
                yield gz
        elif name.endswith(".zst"):
            with _zstd().ZstdCompressor().stream_writer(raw, closefd=False) as zw:
                yield zw
        else:
            yield raw


def iter_lines(path: Path) -> Iterator[tuple[int, bytes]]:
    """(1-based line number, raw line without its newline) for every non-blank line."""
    with open_read(path) as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.rstrip(b"\r\n")
            if line.strip():
                yield lineno, line


def iter_warc(path: Path) -> Iterator[tuple[int, dict[str, str], bytes]]:
    """(record number, WARC headers kept, page bytes) of every HTML/text response in a WARC file.

    Needs the optional warcio package (`pip install cleanweb[warc]`).
    """
    try:
        from warcio.archiveiterator import ArchiveIterator
    except ImportError:
        raise InputError("WARC input needs the warcio package: pip install cleanweb[warc]") from None
    with open(path, "rb") as fh:
        for n, record in enumerate(ArchiveIterator(fh), 1):
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = (record.http_headers.get_header("Content-Type") or "text/html").lower()
            if not ctype.startswith(_PAGE_TYPES):
                continue
            head = {
                "url": record.rec_headers.get_header("WARC-Target-URI") or "",
                "warc_record_id": record.rec_headers.get_header("WARC-Record-ID") or "",
                "warc_date": record.rec_headers.get_header("WARC-Date") or "",
            }
            yield n, head, record.content_stream().read()


@dataclass(frozen=True)
class RecordOptions:
    """How records are read and written."""

    text_field: str = "text"
    id_field: str | None = None
    keep_empty: bool = False
    max_bytes: int | None = None
    url_field: str = "url"  # the page's address, when a record has one (forum detection)


@dataclass
class RecordResult:
    """What cleaning one record gave: the output line (None if dropped) and its statistics."""

    line: bytes | None
    bytes_in: int = 0
    bytes_out: int = 0
    removed: dict[str, int] = field(default_factory=dict)
    empty: bool = False
    error: tuple[str, str] | None = None
    ident: str | None = None


def parse_record(raw: bytes, opts: RecordOptions) -> tuple[dict[str, Any], str, str | None]:
    """Decode one JSON line into (record, text, id); InputError says what is wrong with it."""
    try:
        record = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise InputError(f"not a JSON object: {exc}") from None
    if not isinstance(record, dict):
        raise InputError(f"not a JSON object but {type(record).__name__}")
    ident = None
    if opts.id_field is not None and opts.id_field in record:
        ident = str(record[opts.id_field])
    text = record.get(opts.text_field)
    if not isinstance(text, str):
        raise InputError(f"no string field {opts.text_field!r}")
    return record, text, ident


def dump_record(record: dict[str, Any]) -> bytes:
    """One record as a compact JSON line (UTF-8, no ASCII escaping) with its newline."""
    return (json.dumps(record, ensure_ascii=False, separators=(",", ":"), default=str) + "\n").encode()


def removed_counts(removed) -> dict[str, int]:
    """Blocks removed per filter, from a CleanResult's `removed` list."""
    counts: dict[str, int] = {}
    for r in removed:
        counts[r.filter] = counts.get(r.filter, 0) + 1
    return counts


def clean_warc_page(
    head: dict[str, str], data: bytes, pipeline, opts: RecordOptions, kind: str = "auto",
    budget: float | None = None, mode: str = "auto",
) -> RecordResult:
    """Clean one WARC response's page bytes into a JSON line: the WARC headers, text and info."""
    from .api import clean

    ident = head.get("url") or head.get("warc_record_id")
    try:
        result = clean(
            data, kind=kind, pipeline=pipeline, budget=budget, max_size=opts.max_bytes,
            mode=mode, url=head.get("url") or None,
        )
    except CleanwebError as exc:
        return RecordResult(None, len(data), error=(exc.kind, str(exc)), ident=ident)
    return _as_record(head, result, len(data), opts, ident)


def clean_record(
    raw: bytes, pipeline, opts: RecordOptions, kind: str = "auto", budget: float | None = None,
    mode: str = "auto",
) -> RecordResult:
    """Clean one JSON line with `pipeline`; a bad record becomes `error`, not an exception."""
    from .api import clean

    try:
        record, text, ident = parse_record(raw, opts)
    except InputError as exc:
        return RecordResult(None, len(raw), error=("input", str(exc)))
    url = record.get(opts.url_field)
    try:
        result = clean(
            text, kind=kind, pipeline=pipeline, budget=budget, max_size=opts.max_bytes,
            mode=mode, url=url if isinstance(url, str) else None,
        )
    except CleanwebError as exc:
        return RecordResult(None, len(raw), error=(exc.kind, str(exc)), ident=ident)
    return _as_record(record, result, len(raw), opts, ident)


def _as_record(base: dict, result, size: int, opts: RecordOptions, ident) -> RecordResult:
    """`base` with the cleaned text in `opts.text_field` and cleanweb's info, as one JSON line."""
    counts = removed_counts(result.removed)
    if not result.text and not opts.keep_empty:
        return RecordResult(None, size, removed=counts, empty=True, ident=ident)
    out = dict(base)
    out[opts.text_field] = result.text
    out[INFO_KEY] = {"title": result.title, "meta": result.meta, "removed": counts}
    line = dump_record(out)
    return RecordResult(line, size, len(line), counts, empty=not result.text, ident=ident)
