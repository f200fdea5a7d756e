"""Local execution: N worker processes fed one small task at a time, streaming.

Memory stays flat: tasks are pulled from a generator only when a worker is idle,
so at most one task per worker is in flight, and results are handed back as they
finish. Each worker builds its pipeline once. The parent watches every worker: a
document that runs past the time budget, or a worker that dies (killed, out of
memory, a crash in C code), becomes a failure of that one input; the worker is
replaced and the rest of its task is run again.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import time
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import wait
from typing import Any

from ..errors import CleanwebError
from .work import HANDLERS, RunOptions

_IDLE = 0.0


@dataclass
class Task:
    """A list of items of one kind ("file" or "record") that one worker runs in order."""

    kind: str
    items: list[Any]
    key: Any = None
    # Items already settled (index -> result), e.g. the one that killed a worker.
    settled: dict[int, Any] = field(default_factory=dict)
    deaths: int = 0


class Failed:
    """Result placeholder for an item the parent settled: it timed out or killed its worker."""

    def __init__(self, kind: str, message: str):
        self.error = (kind, message)

    def __repr__(self) -> str:
        return f"Failed{self.error!r}"


def cpu_count() -> int:
    """Cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def _context():
    # fork starts workers instantly with the parent's imports; elsewhere use spawn.
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    return multiprocessing.get_context(method)


def _worker(conn, progress, factory, opts: RunOptions) -> None:
    """Worker loop: build the pipeline once, then run tasks until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent handles Ctrl-C
    try:
        pipeline = factory()
    except Exception as exc:  # noqa: BLE001
        conn.send(("fatal", f"cannot build the pipeline: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        msg = conn.recv()
        if msg is None:
            return
        kind, items, settled = msg
        handler = HANDLERS[kind]
        results = []
        for i, item in enumerate(items):
            if i in settled:
                results.append(settled[i])
                continue
            progress[0] = i
            progress[1] = time.monotonic()
            results.append(handler(item, pipeline, opts))
            progress[1] = _IDLE
        conn.send(("done", results))


class _Slot:
    """One worker process, its pipe, its progress cell and the task it is running."""

    def __init__(self, ctx, factory, opts):
        parent, child = ctx.Pipe()
        self.progress = ctx.RawArray("d", 2)
        self.proc = ctx.Process(
            target=_worker, args=(child, self.progress, factory, opts), daemon=True
        )
        self.proc.start()
        child.close()
        self.conn = parent
        self.task: Task | None = None
        self.ready = False

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        self.conn.close()

    def stop(self) -> None:
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.proc.join(5)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join()
        self.conn.close()


class LocalEngine:
    """Run tasks on `jobs` worker processes; `timeout` is the budget per item, in seconds.

    `factory()` builds the pipeline inside each worker. `on_result(task, results)`
    is called in the parent as each task finishes, with one result per item
    (a `Failed` for an item that timed out or crashed its worker). `on_abandon(task)`
    is called for tasks in flight when the run is interrupted, so the caller can
    remove what they may have left behind.
    """

    def __init__(
        self,
        factory: Callable[[], Any],
        opts: RunOptions,
        *,
        jobs: int = 1,
        timeout: float | None = None,
    ):
        self.factory = factory
        self.opts = opts
        self.jobs = max(1, jobs)
        self.timeout = timeout
        self._ctx = _context()
        self._slots: list[_Slot] = []

    def run(
        self,
        tasks: Iterator[Task],
        on_result: Callable[[Task, list[Any]], None],
        *,
        may_dispatch: Callable[[], bool] = lambda: True,
        on_abandon: Callable[[Task], None] = lambda task: None,
    ) -> None:
        """Feed `tasks` to the workers until all are done (or an exception stops the run)."""
        pending: deque[Task] = deque()
        source = iter(tasks)
        exhausted = False
        if self._ctx.get_start_method() == "fork":
            self.factory().warm_up()  # forked workers inherit the tables built here
        self._slots = [self._spawn() for _ in range(self.jobs)]
        try:
            while True:
                for slot in self._slots:
                    if not slot.ready or slot.task is not None:
                        continue
                    task = None
                    if pending:  # requeued work first, whatever the caller's window says
                        task = pending.popleft()
                    elif not exhausted and may_dispatch():
                        task = next(source, None)
                        exhausted = task is None
                    if task is None:
                        break
                    slot.task = task
                    try:
                        slot.conn.send((task.kind, task.items, task.settled))
                    except OSError:  # the worker died while idle: rerun the task elsewhere
                        self._replace(slot, pending, on_result, self._death_reason(slot))
                        break
                busy = [s for s in self._slots if s.task is not None]
                if not busy and not pending and exhausted:
                    return
                self._wait(pending, on_result)
        except BaseException:
            for slot in self._slots:
                slot.kill()
                if slot.task is not None:
                    on_abandon(slot.task)
            for task in pending:
                on_abandon(task)
            self._slots = []
            raise
        finally:
            for slot in self._slots:
                slot.stop()
            self._slots = []

    def _spawn(self) -> _Slot:
        return _Slot(self._ctx, self.factory, self.opts)

    def _wait(self, pending: deque[Task], on_result) -> None:
        """Wait for one event (a result, a death, a timeout) and handle it."""
        poll = 0.5 if self.timeout is None else min(0.5, max(0.02, self.timeout / 10))
        waitables = {}
        for slot in self._slots:
            waitables[slot.conn] = slot
            waitables[slot.proc.sentinel] = slot
        for ready in wait(list(waitables), timeout=poll):
            slot = waitables[ready]
            if slot not in self._slots:
                continue  # replaced while handling another event of this round
            if ready is slot.conn:
                self._receive(slot, pending, on_result)
            elif not slot.conn.poll():
                self._replace(slot, pending, on_result, self._death_reason(slot))
        if self.timeout is not None:
            now = time.monotonic()
            for slot in list(self._slots):
                started = slot.progress[1]
                if slot.task is not None and started != _IDLE and now - started > self.timeout:
                    reason = ("timeout", f"did not finish in {self.timeout:g} s: its worker was killed")
                    self._replace(slot, pending, on_result, reason)

    def _receive(self, slot: _Slot, pending, on_result) -> None:
        try:
            what, payload = slot.conn.recv()
        except (EOFError, OSError):
            self._replace(slot, pending, on_result, self._death_reason(slot))
            return
        if what == "fatal":
            raise CleanwebError(payload)
        if what == "ready":
            slot.ready = True
            return
        task, slot.task = slot.task, None
        on_result(task, payload)

    def _death_reason(self, slot: _Slot) -> tuple[str, str]:
        slot.proc.join(1)
        code = slot.proc.exitcode
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            return "crashed", f"worker process was killed by {name}"
        return "crashed", f"worker process exited with status {code}"

    def _replace(self, slot: _Slot, pending, on_result, reason: tuple[str, str]) -> None:
        """Kill `slot`, settle the item it was on as failed, requeue the rest of its task."""
        culprit = int(slot.progress[0]) if slot.progress[1] != _IDLE else None
        slot.kill()
        self._slots[self._slots.index(slot)] = self._spawn()
        task = slot.task
        if task is None:
            return
        task.deaths += 1
        if culprit is None and task.deaths >= 2:
            # It dies outside any one item, again: give up on the whole task.
            on_result(task, [Failed(*reason)] * len(task.items))
            return
        if culprit is not None:
            task.settled[culprit] = Failed(*reason)
            if len(task.settled) == len(task.items):
                on_result(task, [task.settled[i] for i in range(len(task.items))])
                return
        pending.appendleft(task)
