"""The local process engine: streaming, one pipeline per worker, no stalls, same output at any -j."""

from __future__ import annotations

import os
import time
from pathlib import Path

from cleanweb import Filter, Pipeline
from cleanweb.cli import main
from cleanweb.engines.local import LocalEngine, Task
from cleanweb.engines.work import FileItem, RunOptions

PAGE = (
    "首页\n国内\n国际\n"
    "第{n}号通告：本市将于下月起调整部分公交线路，具体方案已经在官方网站公布，请市民留意出行安排。\n"
    "调整后的线路覆盖了新建的住宅小区和学校，预计每天可以方便上万名乘客，相关部门表示将持续听取意见。\n"
    "相关推荐\n公交线路调整引热议\n地铁新线今日开通\n"
)


def _folder(root: Path, n: int) -> None:
    root.mkdir(parents=True)
    for i in range(n):
        (root / f"{i % 7}" / f"page{i}.txt").parent.mkdir(exist_ok=True)
        (root / f"{i % 7}" / f"page{i}.txt").write_text(PAGE.format(n=i), "utf-8")


def _tree_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_outputs_are_identical_at_any_job_count(tmp_path):
    _folder(tmp_path / "in", 90)
    runs = {}
    for jobs in ("1", "2", "auto"):
        out = tmp_path / f"out{jobs}"
        assert main(["clean", str(tmp_path / "in"), "-o", str(out), "-j", jobs, "-q"]) == 0
        runs[jobs] = _tree_bytes(out)
    assert len(runs["1"]) == 90
    assert runs["1"] == runs["2"] == runs["auto"]
    assert "第5号通告" in runs["1"]["5/page5.txt"].decode() and "相关推荐" not in runs["1"]["5/page5.txt"].decode()


def _tasks(root: Path, n: int, pulled: list[int]):
    for i in range(n):
        src = root / f"p{i}.txt"
        src.write_text(PAGE.format(n=i), "utf-8")
        pulled.append(i)
        yield Task("file", [FileItem(str(src), str(root / "out" / f"p{i}.txt"), str(src))], key=i)


def test_tasks_are_pulled_only_as_workers_free_up(tmp_path):
    pulled: list[int] = []
    finished: list[int] = []
    ahead = []

    def on_result(task, results):
        ahead.append(len(pulled) - len(finished))
        finished.append(task.key)
        assert results[0].error is None

    engine = LocalEngine(Pipeline.default, RunOptions(), jobs=2)
    engine.run(_tasks(tmp_path, 40, pulled), on_result)
    assert sorted(finished) == list(range(40))
    assert max(ahead) <= 2  # never more tasks in flight than workers: flat memory


class _Counting(Filter):
    name = "counting"

    def __init__(self, log: Path):
        with open(log, "a") as fh:
            fh.write(f"{os.getpid()}\n")

    def apply(self, doc):
        pass


def test_each_worker_builds_its_pipeline_once(tmp_path):
    log = tmp_path / "builds.log"

    def factory():
        return Pipeline([_Counting(log), *Pipeline.default().filters])

    engine = LocalEngine(factory, RunOptions(), jobs=2)
    engine.run(_tasks(tmp_path, 30, []), lambda task, results: None)
    pids = log.read_text().split()
    workers = [pid for pid in pids if pid != str(os.getpid())]
    assert len(workers) == 2 and len(set(workers)) == 2
    # With fork, the parent builds and warms one first, so the workers inherit its tables.
    assert pids.count(str(os.getpid())) == 1


class _Slow(Filter):
    name = "slow"

    def apply(self, doc):
        if "第0号" in doc.source:
            time.sleep(2.0)


def test_a_slow_file_does_not_stall_the_others(tmp_path):
    order: list[int] = []
    engine = LocalEngine(lambda: Pipeline([_Slow(), *Pipeline.default().filters]), RunOptions(), jobs=2)
    t0 = time.monotonic()
    times = {}

    def on_result(task, results):
        order.append(task.key)
        times[task.key] = time.monotonic() - t0

    engine.run(_tasks(tmp_path, 30, []), on_result)
    assert order[-1] == 0  # the slow one was first in and last out
    assert max(t for k, t in times.items() if k != 0) < times[0]
