"""Faults during a run: killed workers, runaway documents, Ctrl-C, unreadable input, unwritable output."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import cleanweb
from cleanweb import Filter, Pipeline
from cleanweb.engines import work
from cleanweb.engines.local import LocalEngine
from cleanweb.engines.runner import Runner, StopRun, plan
from cleanweb.engines.work import RunOptions
from cleanweb.output import TEMP_SUFFIX

BODY = "这是第{n}篇文章的正文，讲述了城市里发生的一件普通小事，文字平实，却让很多读者感到温暖。\n"


class _Trap(Filter):
    """Test filter: misbehaves on pages that contain its marker."""

    name = "trap"

    def __init__(self, marker: str, action):
        self.marker, self.action = marker, action

    def apply(self, doc):
        if self.marker in doc.source:
            self.action()


def _factory(marker: str, action):
    def build():
        pipe = Pipeline.default()
        return Pipeline([_Trap(marker, action), *pipe.filters])

    return build


def _pages(root: Path, n: int, bad: dict[int, str] | None = None) -> list[Path]:
    root.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = root / f"p{i:03d}.txt"
        p.write_text(BODY.format(n=i) + (bad or {}).get(i, ""), "utf-8")
        paths.append(p)
    return paths


def _run(src: Path, out: Path, factory, *, jobs=2, timeout=None, budget=None, progress=None):
    opts = RunOptions(budget=budget)
    engine = LocalEngine(factory, opts, jobs=jobs, timeout=timeout)
    runner = Runner(engine, opts, progress=progress or (lambda f, b: None))
    return runner.run(plan([src], out, "txt", False))


def _temps(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.name.endswith(TEMP_SUFFIX)]


def test_killed_worker_fails_its_file_and_the_run_finishes(tmp_path):
    paths = _pages(tmp_path / "in", 24, {7: "KILLME"})
    out = tmp_path / "out"
    summary = _run(tmp_path / "in", out, _factory("KILLME", lambda: os.kill(os.getpid(), signal.SIGKILL)))
    assert [(Path(f.path).name, f.kind) for f in summary.failures] == [("p007.txt", "crashed")]
    assert "killed by SIGKILL" in summary.failures[0].message
    assert summary.files == 23
    for i, p in enumerate(paths):
        dest = out / p.name
        if i == 7:
            assert not dest.exists()
        else:
            assert dest.read_text("utf-8") == cleanweb.clean(p.read_bytes()).text
    assert _temps(out) == []


def test_runaway_document_is_a_timeout_in_the_worker(tmp_path):
    def spin():
        while True:
            pass

    _pages(tmp_path / "in", 6, {2: "SPIN"})
    t0 = time.monotonic()
    summary = _run(tmp_path / "in", tmp_path / "out", _factory("SPIN", spin), budget=0.5, timeout=20)
    assert time.monotonic() - t0 < 15
    assert [(Path(f.path).name, f.kind) for f in summary.failures] == [("p002.txt", "timeout")]
    assert "time budget of 0.5 s exceeded" in summary.failures[0].message
    assert summary.files == 5


def test_document_deaf_to_the_budget_is_killed_by_the_parent(tmp_path):
    def hang():
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})  # like C code that never yields
        time.sleep(3600)

    _pages(tmp_path / "in", 6, {4: "HANG"})
    t0 = time.monotonic()
    summary = _run(tmp_path / "in", tmp_path / "out", _factory("HANG", hang), budget=0.3, timeout=1.0)
    assert time.monotonic() - t0 < 15
    assert [(Path(f.path).name, f.kind) for f in summary.failures] == [("p004.txt", "timeout")]
    assert summary.failures[0].message == "did not finish in 1 s: its worker was killed"
    assert summary.files == 5
    assert _temps(tmp_path / "out") == []


def test_unreadable_and_vanished_inputs_are_named(tmp_path):
    src = tmp_path / "in"
    _pages(src, 3)
    # Reading /proc/self/mem at offset 0 fails with EIO even for root: a truly unreadable file.
    (src / "unreadable.html").symlink_to("/proc/self/mem")
    entries = list(plan([src], tmp_path / "out", "txt", False))
    (src / "p001.txt").unlink()  # gone between listing and reading
    opts = RunOptions()
    runner = Runner(LocalEngine(Pipeline.default, opts, jobs=1), opts)
    summary = runner.run(iter(entries))
    failures = {Path(f.path).name: (f.kind, f.message) for f in summary.failures}
    assert failures == {
        "p001.txt": ("unreadable", "No such file or directory"),
        "unreadable.html": ("unreadable", "Input/output error"),
    }
    assert summary.files == 2


def test_output_folder_becoming_unwritable_midrun(tmp_path):
    # Root ignores permission bits, so the output folder is replaced by a file mid-run:
    # every later write then fails (ENOTDIR), as it would on a folder turned read-only.
    src, out = tmp_path / "in", tmp_path / "out"
    sub = src / "sub"
    _pages(sub, 40)
    seen = []

    def progress(files, nbytes):
        seen.append(files)
        if len(seen) == 1:
            (out / "sub").rename(tmp_path / "moved")
            (out / "sub").write_text("not a folder")

    summary = _run(src, out, Pipeline.default, jobs=1, progress=progress)
    # One worker takes 16 files a task: the first task is written, every later file fails.
    assert (summary.files, len(summary.failures)) == (16, 24)
    assert {f.kind for f in summary.failures} == {"unwritable"}
    assert all("Not a directory" in f.message for f in summary.failures)
    assert _temps(tmp_path) == []


def test_full_disk_stops_the_run_with_a_clear_error(tmp_path, monkeypatch):
    calls = []
    real = work.atomic_write

    def filling(dest, data):
        calls.append(dest)
        if len(calls) > 2:  # forked workers inherit this patch: the disk fills after two files
            raise OSError(errno.ENOSPC, "No space left on device")
        real(dest, data)

    monkeypatch.setattr(work, "atomic_write", filling)
    _pages(tmp_path / "in", 30)
    try:
        _run(tmp_path / "in", tmp_path / "out", Pipeline.default, jobs=1)
    except StopRun as exc:
        assert "No space left on device" in str(exc)
    else:
        raise AssertionError("a full disk must stop the run")


def test_cli_full_disk_exit_status(tmp_path, monkeypatch, capsys):
    from cleanweb.cli import main

    def full(dest, data):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(work, "atomic_write", full)
    _pages(tmp_path / "in", 5)
    assert main(["clean", str(tmp_path / "in"), "-o", str(tmp_path / "out"), "-j", "1", "-q"]) == 1
    err = capsys.readouterr().err
    assert "run stopped:" in err and "No space left on device" in err and "Traceback" not in err


_INTERRUPT = textwrap.dedent(
    """
    import os, signal, sys, time
    from cleanweb import Filter, Pipeline
    from cleanweb import cli

    class Interrupt(Filter):
        name = "interrupt"
        def apply(self, doc):
            if "STOP" in doc.source:
                os.kill(os.getppid(), signal.SIGINT)   # Ctrl-C reaches the CLI process
                time.sleep(0.5)

    default = Pipeline.default
    Pipeline.default = classmethod(lambda cls, **kw: cls([Interrupt(), *default(**kw).filters]))
    sys.exit(cli.main(sys.argv[1:]))
    """
)


def _interrupted(src: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", _INTERRUPT, "clean", str(src), "-o", str(out), "-j", "2"],
        capture_output=True, text=True, timeout=120, check=False,
    )


def test_ctrl_c_exits_130_with_partial_summary_and_no_partial_files(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    paths = _pages(src, 60, {20: "STOP"})
    run = _interrupted(src, out)
    assert run.returncode == 130, run.stderr
    assert "interrupted after" in run.stderr and "Traceback" not in run.stderr
    assert _temps(tmp_path) == []
    made = sorted(out.glob("*.txt"))
    assert 0 < len(made) < 60
    for dest in made:  # every output that exists is complete
        assert dest.read_text("utf-8") == cleanweb.clean(paths[int(dest.stem[1:])].read_bytes()).text


def test_ctrl_c_inside_a_corpus_leaves_no_partial_corpus(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    lines = [json.dumps({"text": BODY.format(n=i).strip()}) + "\n" for i in range(1000)]
    lines[600] = '{"text": "STOP"}\n'  # in the third task: two tasks are already written
    (src / "c.jsonl").write_text("".join(lines), "utf-8")
    run = _interrupted(src, out)
    assert run.returncode == 130, run.stderr
    assert "interrupted after" in run.stderr
    assert list(out.iterdir()) == []


def test_sigterm_is_handled_like_ctrl_c(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    _pages(src, 400)
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleanweb.cli", "clean", str(src), "-o", str(out), "-j", "2"],
        stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 60
    while not list(out.glob("*.txt")) and time.monotonic() < deadline:
        time.sleep(0.02)
    proc.send_signal(signal.SIGTERM)
    err = proc.communicate(timeout=60)[1]
    if proc.returncode == 0:  # finished before the signal landed: nothing to check
        assert len(list(out.glob("*.txt"))) == 400
        return
    assert proc.returncode == 143, err
    assert "interrupted after" in err
    assert _temps(tmp_path) == []


def test_worker_dying_while_idle_loses_nothing(tmp_path):
    from cleanweb.engines.local import Task
    from cleanweb.engines.work import FileItem

    engine = LocalEngine(Pipeline.default, RunOptions(), jobs=2)
    paths = _pages(tmp_path / "in", 12)
    done: dict[str, object] = {}

    def tasks():
        for i, src in enumerate(paths):
            if i == 6:  # the engine asks for work for an idle worker: kill that worker first
                victim = next(s for s in engine._slots if s.task is None).proc
                victim.kill()
                victim.join()
            yield Task("file", [FileItem(str(src), str(tmp_path / "out" / src.name), src.name)])

    engine.run(tasks(), lambda task, results: done.update({task.items[0].display: results[0]}))
    assert sorted(done) == [p.name for p in paths]
    assert all(r.error is None for r in done.values())
    assert all((tmp_path / "out" / p.name).exists() for p in paths)
