"""The Filter interface every cleaning step implements."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from ..document import Block, Document


class Filter:
    """A pipeline step: looks at a Document and drops blocks or edits their text.

    Subclasses set `name`, take their options as keyword arguments and implement
    `apply(doc)`. Users write their own filter the same way and put it in a
    Pipeline. `options()` lists the keyword options with their current values.
    """

    name: ClassVar[str] = "filter"
    # True for filters that rewrite block text; the pipeline then re-measures features.
    changes_text: ClassVar[bool] = False
    # False for filters that never read block features, so none are recomputed for them.
    needs_features: ClassVar[bool] = True

    def apply(self, doc: Document) -> None:
        raise NotImplementedError

    def __call__(self, doc: Document) -> Document:
        self.apply(doc)
        return doc

    def drop(self, doc: Document, block: Block, rule: str, detail: str = "") -> bool:
        """Drop `block` with this filter's name and `rule`."""
        return doc.drop(block, self.name, rule, detail)

    def drop_runs(
        self, doc: Document, blocks: Iterable[Block], member: Callable[[Block], bool], min_run: int, rule: str
    ) -> None:
        """Drop every run of at least `min_run` consecutive `blocks` for which `member` holds."""
        run: list[Block] = []
        for block in [*blocks, None]:
            if block is not None and member(block):
                run.append(block)
                continue
            if len(run) >= min_run:
                for b in run:
                    self.drop(doc, b, rule)
            run = []

    def options(self) -> dict[str, Any]:
        """The filter's options (public attributes) as a dict."""
        return {k: v for k, v in vars(self).items() if not k.startswith("_")}

    def __repr__(self) -> str:
        opts = ", ".join(f"{k}={v!r}" for k, v in self.options().items())
        return f"{type(self).__name__}({opts})"
