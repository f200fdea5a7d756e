"""The Ray Data engine: the same pipeline mapped over a `ray.data.Dataset` (`pip install cleanweb[ray]`).

Two ways in:

- `clean_dataset(ds)` for your own Ray Data job: every row's text field is
  cleaned, other columns pass through, `title`, `meta` and `removed` (JSON
  strings) are added, and rows cleaned to nothing are dropped unless
  `keep_empty=True`. The pipeline is built once per actor (`map_batches` with a
  callable class), not per row.

      import ray, cleanweb.engines.raydata as cr
      ds = ray.data.read_json("crawl/*.jsonl")
      cr.clean_dataset(ds, to="simplified", concurrency=8).write_parquet("clean/")

- `cleanweb clean ... --engine ray [--ray-address ADDR]`: the CLI's tasks run in
  Ray actors through the very functions the local engine runs, so outputs are
  byte-identical to `--engine local`. Page outputs are written by the actors:
  on a multi-node cluster OUT_DIR must be a shared file system.

Ray is imported only when this module is used.
"""

from __future__ import annotations

import json
import logging
import pickle
import warnings
from collections.abc import Callable, Iterator
from typing import Any

from ..corpus import removed_counts
from ..errors import CleanwebError
from .local import Task
from .work import HANDLERS, RunOptions

TASKS_PER_ROUND = 256


def _ray():
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            import ray
            import ray.data  # noqa: F401
    except ImportError:
        raise CleanwebError("the Ray engine needs Ray Data: pip install 'cleanweb[ray]'") from None
    return ray


class _CleanRecords:
    """map_batches UDF for `clean_dataset`: builds the pipeline once per actor."""

    def __init__(
        self, to: str, config: Any, text_field: str, kind: str, keep_empty: bool, mode: str, url_field: str
    ):
        from ..pipeline import Pipeline

        self.pipeline = Pipeline.default(to=to, config=config)
        self.text_field, self.kind, self.keep_empty = text_field, kind, keep_empty
        self.mode, self.url_field = mode, url_field

    def __call__(self, batch: dict) -> dict:
        import numpy as np

        from ..api import clean

        texts, titles, metas, removed, keep = [], [], [], [], []
        column = batch[self.text_field]
        urls = batch.get(self.url_field, [None] * len(column))
        for text, url in zip(column, urls, strict=True):
            url = url if isinstance(url, str) else None
            result = clean(str(text), kind=self.kind, pipeline=self.pipeline, mode=self.mode, url=url)
            texts.append(result.text)
            titles.append(result.title)
            metas.append(json.dumps(result.meta, ensure_ascii=False, default=str))
            removed.append(json.dumps(removed_counts(result.removed)))
            keep.append(bool(result.text) or self.keep_empty)
        mask = np.array(keep, dtype=bool)
        out = {name: np.asarray(column)[mask] for name, column in batch.items()}
        for name, column in ((self.text_field, texts), ("title", titles), ("meta", metas), ("removed", removed)):
            out[name] = np.array(column, dtype=object)[mask]
        return out


def clean_dataset(
    ds,
    *,
    to: str = "simplified",
    config: Any = None,
    text_field: str = "text",
    kind: str = "auto",
    keep_empty: bool = False,
    mode: str = "auto",
    url_field: str = "url",
    batch_size: int = 64,
    concurrency: int | None = None,
):
    """Clean the `text_field` of every row of `ds` (a ray.data.Dataset); returns a new Dataset.

    `mode` and a row's `url_field` (when the dataset has that column) decide forum mode.
    """
    ray = _ray()
    if concurrency is None:
        concurrency = max(1, int(ray.cluster_resources().get("CPU", 1)))
    return ds.map_batches(
        _CleanRecords,
        fn_constructor_kwargs={
            "to": to,
            "config": config,
            "text_field": text_field,
            "kind": kind,
            "keep_empty": keep_empty,
            "mode": mode,
            "url_field": url_field,
        },
        batch_format="numpy",
        batch_size=batch_size,
        compute=ray.data.ActorPoolStrategy(size=concurrency),
    )


class _RunTasks:
    """map_batches UDF for the CLI engine: runs pickled engine Tasks with the shared handlers."""

    def __init__(self, factory: Callable[[], Any], opts: RunOptions):
        self.pipeline = factory()
        self.opts = opts

    def __call__(self, batch: dict) -> dict:
        out = []
        for blob in batch["task"]:
            kind, items = pickle.loads(blob)
            handler = HANDLERS[kind]
            out.append(pickle.dumps([handler(item, self.pipeline, self.opts) for item in items]))
        return {"index": batch["index"], "results": out}


class RayEngine:
    """Runs the CLI's tasks on a Ray cluster (or a local Ray started for the run)."""

    def __init__(
        self,
        factory: Callable[[], Any],
        opts: RunOptions,
        *,
        address: str | None = None,
        jobs: int | None = None,
    ):
        self.factory = factory
        self.opts = opts
        self.address = address
        self.jobs = jobs or 1

    def run(
        self,
        tasks: Iterator[Task],
        on_result: Callable[[Task, list[Any]], None],
        *,
        may_dispatch: Callable[[], bool] = lambda: True,
        on_abandon: Callable[[Task], None] = lambda task: None,
    ) -> None:
        """Run `tasks` in rounds of Datasets; report each task's results as the round yields them."""
        ray = _ray()
        started = not ray.is_initialized()
        if started:
            ray.init(
                address=self.address,
                num_cpus=None if self.address else self.jobs,
                include_dashboard=False,
                log_to_driver=False,
                logging_level=logging.WARNING,
            )
        logging.getLogger("ray.data").setLevel(logging.ERROR)
        if not self.address:
            self.jobs = max(1, int(ray.cluster_resources().get("CPU", self.jobs)))
        ctx = ray.data.DataContext.get_current()
        ctx.execution_options.preserve_order = True
        ctx.enable_progress_bars = False
        source = iter(tasks)
        round_: list[Task] = []
        try:
            while True:
                round_ = [t for _, t in zip(range(TASKS_PER_ROUND), source, strict=False)]
                if not round_:
                    return
                self._round(ray, round_, on_result)
                round_ = []
        except BaseException:
            for task in round_:
                on_abandon(task)
            raise
        finally:
            if started:
                ray.shutdown()

    def _round(self, ray, round_: list[Task], on_result) -> None:
        rows = [{"index": i, "task": pickle.dumps((t.kind, t.items))} for i, t in enumerate(round_)]
        ds = ray.data.from_items(rows).map_batches(
            _RunTasks,
            fn_constructor_kwargs={"factory": self.factory, "opts": self.opts},
            batch_size=1,
            batch_format="numpy",
            compute=ray.data.ActorPoolStrategy(size=min(self.jobs, len(rows))),
        )
        for row in ds.iter_rows():
            on_result(round_[int(row["index"])], pickle.loads(row["results"]))
