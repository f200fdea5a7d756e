"""A clean run over files, folders and corpora: plan the outputs, feed an engine, keep score.

The runner walks the inputs lazily (one folder listing at a time), turns them into
small tasks, hands them to an engine (local processes or Ray) and writes corpus
outputs in input order as results arrive. Page outputs are written by the workers
themselves, atomically. Whatever happens, it ends with a Summary and, where inputs
failed, the error manifest.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..corpus import is_corpus, is_warc, iter_lines, iter_warc, open_write, output_name
from ..errors import CleanwebError
from ..output import Failure, is_complete, sweep_temps
from .local import Failed, Task
from .work import FileItem, RunOptions

PAGE_SUFFIXES = (".txt", ".html", ".htm", ".xhtml", ".shtml")
FILES_PER_TASK = 16
BYTES_PER_TASK = 1 << 20
RECORDS_PER_TASK = 256


class StopRun(Exception):
    """Raised inside a run to stop it (a write error every later output would hit too)."""


@dataclass
class Summary:
    """What a run did: counts, sizes, blocks removed per filter, failures and time."""

    files: int = 0
    records: int = 0
    empty_dropped: int = 0
    resumed: int = 0
    bytes_in: int = 0
    bytes_out: int = 0
    removed: Counter = field(default_factory=Counter)
    failures: list[Failure] = field(default_factory=list)
    seconds: float = 0.0
    interrupted: bool = False
    fatal: str | None = None

    def lines(self) -> list[str]:
        """The human summary printed at the end of a run."""
        mb = self.bytes_in / 1e6
        rate = mb / self.seconds if self.seconds > 0 else 0.0
        head = "interrupted after" if self.interrupted else "cleaned"
        out = [
            f"cleanweb: {head} {self.files} files"
            + (f", {self.records} records ({self.empty_dropped} emptied, dropped)" if self.records else "")
            + f", {self.bytes_in:,} bytes in, {self.bytes_out:,} bytes out"
            + f", {self.seconds:.1f} s ({rate:.2f} MB/s)"
        ]
        if self.resumed:
            out.append(f"  skipped {self.resumed} inputs already done (--resume)")
        if self.removed:
            per = ", ".join(f"{k} {v}" for k, v in sorted(self.removed.items(), key=lambda kv: -kv[1]))
            out.append(f"  blocks removed: {per}")
        out.append(f"  failures: {len(self.failures)}")
        return out


@dataclass(frozen=True)
class Entry:
    """One input and its output path; `corpus` says whether it is a JSON Lines corpus."""

    src: Path
    dest: Path
    display: str
    corpus: bool
    size: int


def walk(root: Path, skip: Path | None) -> Iterator[Path]:
    """Files under `root`, depth first in name order, one folder listing in memory at a time."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            if skip is None or path.resolve() != skip:
                yield from walk(path, skip)
        elif entry.is_file() and (entry.name.lower().endswith(PAGE_SUFFIXES) or is_corpus(entry.name)):
            yield path


def plan(paths: list[Path], out: Path, fmt: str, single_corpus_out: bool) -> Iterator[Entry]:
    """Every input with its mirrored output path (`a/b.html` -> `OUT/a/b.txt`)."""
    suffix = ".txt" if fmt == "txt" else ".jsonl"
    skip = out.resolve()
    for root in paths:
        if root.is_dir():
            files = ((f, f.relative_to(root)) for f in walk(root, skip))
        else:
            files = iter([(root, Path(root.name))])
        for src, rel in files:
            try:
                size = src.stat().st_size
            except OSError:
                size = 0
            if is_corpus(src):
                dest = out if single_corpus_out else out / rel.with_name(output_name(rel.name))
                yield Entry(src, dest, str(src), True, size)
            else:
                yield Entry(src, out / rel.with_suffix(suffix), str(src), False, size)


class _CorpusSink:
    """The output of one corpus: written in input order, committed only when complete."""

    def __init__(self, entry: Entry):
        self.entry = entry
        self._stack = contextlib.ExitStack()
        self.fh = self._stack.enter_context(open_write(entry.dest))
        self.waiting: dict[int, list[Any]] = {}
        self.next_seq = 0
        self.total: int | None = None

    def done(self) -> bool:
        return self.total is not None and self.next_seq == self.total

    def commit(self) -> None:
        self._stack.close()

    def abort(self) -> None:
        with contextlib.suppress(BaseException):
            self._stack.__exit__(KeyboardInterrupt, KeyboardInterrupt(), None)


class Runner:
    """Runs one `clean` job on an engine and keeps the Summary."""

    def __init__(
        self,
        engine,
        opts: RunOptions,
        *,
        resume: bool = False,
        progress: Callable[[int, int], None] = lambda files, nbytes: None,
        all_outputs: bool = False,
    ):
        self.engine = engine
        self.opts = opts
        self.resume = resume
        self.progress = progress
        self.all_outputs = all_outputs
        self.summary = Summary()
        self._sinks: dict[int, _CorpusSink] = {}
        self._window = 4 * getattr(engine, "jobs", 1) + 4
        self._next_cid = 0
        self._claimed: dict[Path, dict[str, str]] = {}

    def run(self, entries: Iterator[Entry]) -> Summary:
        """Clean every entry; returns the Summary (also on Ctrl-C, then re-raised)."""
        t0 = time.perf_counter()
        try:
            self.engine.run(
                self._tasks(entries),
                self._on_result,
                may_dispatch=self._may_dispatch,
                on_abandon=self._on_abandon,
            )
        except (KeyboardInterrupt, StopRun):
            self.summary.interrupted = True
            for sink in self._sinks.values():
                sink.abort()
            self._sinks.clear()
            raise
        finally:
            self.summary.seconds = time.perf_counter() - t0
        return self.summary

    # -- planning ---------------------------------------------------------------------
    def _tasks(self, entries: Iterator[Entry]) -> Iterator[Task]:
        batch: list[FileItem] = []
        size = 0
        for entry in entries:
            if entry.src.resolve() == entry.dest.resolve():
                self._fail(entry.display, "refused", "output would overwrite the input")
                continue
            other = self._claim(entry)
            if other is not None:
                self._fail(entry.display, "refused", f"output {entry.dest} is already the output of {other}")
                continue
            if self.resume and is_complete(entry.dest, entry.src):
                self.summary.resumed += 1
                continue
            if entry.corpus:
                if batch:
                    yield Task("file", batch)
                    batch, size = [], 0
                yield from self._corpus_tasks(entry)
                continue
            batch.append(FileItem(str(entry.src), str(entry.dest), entry.display))
            size += entry.size
            if len(batch) >= FILES_PER_TASK or size >= BYTES_PER_TASK:
                yield Task("file", batch)
                batch, size = [], 0
        if batch:
            yield Task("file", batch)

    def _claim(self, entry: Entry) -> str | None:
        """Record that `entry` writes its output; the input that already did, if any.

        Two inputs can share an output (`a.html` and `a.txt` -> `a.txt`; two input
        folders holding the same name). Outputs are remembered per output folder for
        the most recent folders only (a walk finishes a folder before it moves on),
        so memory stays bounded; `all_outputs` remembers every one (several roots).
        """
        seen = self._claimed.pop(entry.dest.parent, {})
        self._claimed[entry.dest.parent] = seen  # most recent last; the oldest is evicted
        other = seen.setdefault(entry.dest.name, entry.display)
        if not self.all_outputs and len(self._claimed) > 256:
            del self._claimed[next(iter(self._claimed))]
        return None if other == entry.display else other

    def _corpus_tasks(self, entry: Entry) -> Iterator[Task]:
        self._next_cid += 1
        cid = self._next_cid
        try:
            sink = _CorpusSink(entry)
        except OSError as exc:
            self._fail(entry.display, "unwritable", f"{entry.dest}: {exc.strerror or exc}")
            return
        self._sinks[cid] = sink
        self.summary.files += 1
        kind = "warc" if is_warc(entry.src) else "record"
        records = iter_warc(entry.src) if kind == "warc" else iter_lines(entry.src)
        seq, items, size = 0, [], 0
        try:
            for item in records:
                items.append(item)
                size += len(item[-1])
                if len(items) >= RECORDS_PER_TASK or size >= BYTES_PER_TASK:
                    yield Task(kind, items, key=(cid, seq))
                    seq, items, size = seq + 1, [], 0
        except CleanwebError as exc:
            self._fail(entry.display, exc.kind, str(exc))
        except (OSError, EOFError, ValueError) as exc:
            # A truncated .gz/.zst or unreadable corpus: keep what was read, report the rest.
            msg = getattr(exc, "strerror", None) or str(exc) or type(exc).__name__
            self._fail(entry.display, "unreadable", f"corpus read stopped: {msg}")
        if items:
            yield Task(kind, items, key=(cid, seq))
            seq += 1
        sink.total = seq
        self._flush(cid)

    def _may_dispatch(self) -> bool:
        return sum(len(s.waiting) for s in self._sinks.values()) < self._window

    # -- results ----------------------------------------------------------------------
    def _on_result(self, task: Task, results: list[Any]) -> None:
        if task.kind == "file":
            for item, res in zip(task.items, results, strict=True):
                self._file_result(item, res)
        else:
            cid, seq = task.key
            self._sinks[cid].waiting[seq] = list(zip(task.items, results, strict=True))
            self._flush(cid)

    def _file_result(self, item: FileItem, res) -> None:
        s = self.summary
        if isinstance(res, Failed):
            sweep_temps(Path(item.dest))
            self._fail(item.display, *res.error)
            return
        s.bytes_in += res.bytes_in
        self.progress(1, res.bytes_in)
        if res.error is not None:
            kind, msg = res.error
            if kind == "write-fatal":
                s.fatal = msg
                self._fail(item.display, kind, msg)
                raise StopRun(msg)
            self._fail(item.display, kind, msg)
            return
        s.files += 1
        s.bytes_out += res.bytes_out
        s.removed.update(res.removed)

    def _flush(self, cid: int) -> None:
        """Write the finished tasks of corpus `cid` that are next in input order."""
        sink = self._sinks[cid]
        s = self.summary
        while sink.next_seq in sink.waiting:
            nbytes = 0
            for item, res in sink.waiting.pop(sink.next_seq):
                where = f"{sink.entry.display}:{item[0]}"
                nbytes += len(item[-1])
                if isinstance(res, Failed):
                    self._fail(where, *res.error)
                    continue
                if res.error is not None:
                    self._fail(where + (f" (id {res.ident})" if res.ident else ""), *res.error)
                    continue
                s.records += 1
                s.removed.update(res.removed)
                if res.line is None:
                    s.empty_dropped += 1
                    continue
                try:
                    sink.fh.write(res.line)
                except OSError as exc:
                    s.fatal = f"{sink.entry.dest}: {exc.strerror or exc}"
                    self._fail(sink.entry.display, "write-fatal", s.fatal)
                    raise StopRun(s.fatal) from None
                s.bytes_out += len(res.line)
            s.bytes_in += nbytes
            self.progress(0, nbytes)
            sink.next_seq += 1
        if sink.done():
            try:
                sink.commit()
            except OSError as exc:
                self._fail(sink.entry.display, "unwritable", f"{sink.entry.dest}: {exc.strerror or exc}")
            del self._sinks[cid]
            self.progress(1, 0)

    def _on_abandon(self, task: Task) -> None:
        if task.kind == "file":
            for item in task.items:
                sweep_temps(Path(item.dest))

    def _fail(self, path: str, kind: str, message: str) -> None:
        self.summary.failures.append(Failure(path, kind, message))
