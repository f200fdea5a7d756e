"""Pipeline: an ordered list of filters run over one Document, with per-filter statistics."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from .config import Config
from .document import Document
from .errors import ConfigError
from .filters import FILTERS, Filter, ScriptFilter, UserRulesFilter
from .guard import check_budget
from .text import refresh, segment


class Pipeline:
    """Filters applied in order. Build one with `Pipeline([...])` or `Pipeline.default()`.

    The pipeline counts, per filter, the blocks it dropped (as the page ends up) and
    the seconds it took (`stats`), so a run can report where noise came from and where
    time went.
    """

    def __init__(self, filters: Iterable[Filter]):
        self.filters: list[Filter] = list(filters)
        for f in self.filters:
            if not callable(getattr(f, "apply", None)):
                raise TypeError(f"{f!r} is not a filter: it has no apply(doc) method")
        self.stats: dict[str, Counter] = {}
        self.config: Config = Config()  # what Pipeline.default was built from (HTML rules live here)

    @classmethod
    def default(
        cls,
        *,
        to: str = "simplified",
        config: Config | str | Path | dict[str, Any] | None = None,
    ) -> Pipeline:
        """The standard pipeline, tuned by `config` (a Config, a TOML path or a dict)."""
        cfg = _as_config(config)
        unknown = (set(cfg.disable) | set(cfg.options)) - set(FILTERS)
        if unknown:
            raise ConfigError(f"unknown filter(s) {sorted(unknown)}; known: {list(FILTERS)}")
        filters: list[Filter] = []
        for name, cls_ in FILTERS.items():
            if name in cfg.disable:
                continue
            opts = dict(cfg.options.get(name, {}))
            if cls_ is ScriptFilter:
                opts.setdefault("to", to)
            if cls_ is UserRulesFilter:
                opts.setdefault("drop", cfg.drop)
                opts.setdefault("keep", cfg.keep)
            try:
                filters.append(cls_(**opts))
            except TypeError as exc:
                raise ConfigError(f"filter {name!r}: bad option: {exc}") from None
        pipe = cls(filters)
        pipe.config = cfg
        return pipe

    def names(self) -> list[str]:
        return [f.name for f in self.filters]

    def __iter__(self) -> Iterator[Filter]:
        return iter(self.filters)

    def __len__(self) -> int:
        return len(self.filters)

    def get(self, name: str) -> Filter:
        for f in self.filters:
            if f.name == name:
                return f
        raise KeyError(name)

    def warm_up(self) -> None:
        """Run once over a small built-in page, so what is built on first use is built now.

        An engine calls it before forking its workers: they then share those tables
        instead of each building its own.
        """
        doc = Document(_WARM_UP_PAGE)
        segment(doc)
        self.run(doc)
        self.stats.clear()

    def run(self, doc: Document) -> Document:
        """Apply every filter to `doc` in order and return it."""
        stale = False
        for f in self.filters:
            check_budget(doc, f.name)  # a clean() time budget is enforced between filters too
            t0 = time.perf_counter()
            if stale and getattr(f, "needs_features", True):
                refresh(doc)
                stale = False
            edits = len(doc.edits)
            f.apply(doc)
            stale = stale or len(doc.edits) != edits
            stat = self.stats.setdefault(f.name, Counter())
            stat["seconds"] += time.perf_counter() - t0
            stat["documents"] += 1
        # Blocks each filter dropped, as the page ends up (a title taken back is nobody's drop).
        for name, count in Counter(b.verdict.filter for b in doc.blocks if b.verdict is not None).items():
            self.stats.setdefault(name, Counter())["dropped"] += count
        return doc


# Both scripts, prose, a menu and a footer: enough for every filter to reach its tables.
_WARM_UP_PAGE = "首页 | 新闻 | 體育\n這是一個用來預先載入表格的頁面，內容並不重要。\n" * 2 + (
    "这是一段简体中文的正文，它足够长，可以让每个过滤器都走一遍自己的路径。\n版权所有 2024\n"
)


def _as_config(config: Config | str | Path | dict[str, Any] | None) -> Config:
    if config is None:
        return Config()
    if isinstance(config, Config):
        return config
    if isinstance(config, dict):
        return Config.from_dict(config)
    return Config.load(config)
