"""Rule tables stored as data: `rule<TAB>regex` lines compiled once."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

import regex


@cache
def load_rules(name: str) -> tuple[tuple[str, regex.Pattern], ...]:
    """Read `data/<name>.txt`: one `rule<TAB>pattern` a line, `#` lines are comments."""
    text = resources.files("cleanweb").joinpath("data", f"{name}.txt").read_text("utf-8")
    return tuple(compile_rules(text.splitlines()))


def compile_rules(lines: Iterable[str]) -> list[tuple[str, regex.Pattern]]:
    """Compile `rule<TAB>pattern` lines; a line without a tab is its own rule name."""
    rules = []
    for line in lines:
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        rule, _, pattern = line.partition("\t")
        if not pattern:
            rule, pattern = "custom", rule
        rules.append((rule.strip(), regex.compile(pattern.strip(), regex.IGNORECASE)))
    return rules


def first_match(rules: Iterable[tuple[str, regex.Pattern]], text: str) -> str | None:
    """The name of the first rule whose pattern is found in `text`."""
    for rule, pattern in rules:
        if pattern.search(text):
            return rule
    return None
