"""User configuration: a TOML file or a dict that tunes, adds to and switches off filters.

Shape (every key optional):

    [filters]
    disable = ["recommendation"]      # filter names to leave out
    [filters.spam]                    # keyword options of one filter
    min_terms = 3
    add_terms = ["某某娱乐"]
    [rules]
    drop = ["^本文由.*整理$"]         # regex: drop lines that match
    keep = ["^【\\d+】"]               # regex: never drop lines that match
    [html]
    drop_selectors = ["div.ad"]       # CSS selectors (HTML input)
    keep_selectors = ["article"]
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

from .errors import ConfigError


@dataclass(frozen=True)
class Config:
    """Validated user configuration (see the module docstring for the file format)."""

    disable: tuple[str, ...] = ()
    options: dict[str, dict[str, Any]] = field(default_factory=dict)
    drop: tuple[str, ...] = ()
    keep: tuple[str, ...] = ()
    html: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: str | Path) -> Config:
        """Read a TOML config file; errors name the file and the problem."""
        try:
            data = tomllib.loads(Path(path).read_text("utf-8"))
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read config: {exc.strerror or exc}") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        return cls.from_dict(data, source=str(path))

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "config") -> Config:
        known = {"filters", "rules", "html"}
        unknown = set(data) - known
        if unknown:
            raise ConfigError(f"{source}: unknown section(s) {sorted(unknown)}; known: {sorted(known)}")
        filters = dict(data.get("filters", {}))
        disable = tuple(filters.pop("disable", ()))
        rules = data.get("rules", {})
        return cls(
            disable=disable,
            options={k: dict(v) for k, v in filters.items()},
            drop=tuple(rules.get("drop", ())),
            keep=tuple(rules.get("keep", ())),
            html=dict(data.get("html", {})),
        )
