"""Traditional/Simplified conversion with OpenCC configurations."""

from __future__ import annotations

from functools import cache

import opencc

# Target name -> OpenCC configuration converting into it.
TARGETS: dict[str, str | None] = {
    "simplified": "t2s",
    "traditional": "s2t",
    "taiwan": "s2twp",
    "hongkong": "s2hk",
    "keep": None,
}


@cache
def _converter(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def convert(text: str, to: str = "simplified") -> str:
    """Return `text` in the script `to` (see TARGETS); `keep` returns it unchanged."""
    if to not in TARGETS:
        raise ValueError(f"unknown script target {to!r}; choose one of {sorted(TARGETS)}")
    config = TARGETS[to]
    return text if config is None else _converter(config).convert(text)
