"""Rule tables stored as data: `rule<TAB>regex` lines compiled once."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache
from importlib import resources
from itertools import accumulate

import regex

from ._literals import page_safe, required_literals
from .lexicon import trie_pattern


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


class RuleTable:
    """A rule table that finds, for all lines of a page at once, the first rule each line matches.

    Each rule is tried only on lines holding one of its required literals (see
    `_literals`), found in one scan of the page; rules without such literals are tried on
    every line. The answer is the same as `first_match` line by line, at a fraction of
    the cost, because most lines of a page hold no literal of most rules.
    """

    def __init__(self, rules: Iterable[tuple[str, regex.Pattern]]):
        self.rules = tuple(rules)
        needs = [required_literals(p.pattern, bool(p.flags & regex.IGNORECASE)) for _, p in self.rules]
        unfound = [i for i, need in enumerate(needs) if need is None]
        # Rules without literals: searched over the page when that is exact, else line by line.
        self._always = [i for i in unfound if not page_safe(self.rules[i][1].pattern)]
        self._paged = [
            (i, regex.compile(self.rules[i][1].pattern, self.rules[i][1].flags | regex.MULTILINE))
            for i in unfound
            if i not in self._always
        ]
        self._rules_of: dict[str, list[int]] = {}
        for i, need in enumerate(needs):
            for literal in need or ():
                self._rules_of.setdefault(literal, []).append(i)
        literals = sorted(self._rules_of)
        self._scan = re.compile(trie_pattern(literals) if literals else "(?!x)x")
        self._found: dict[str, tuple[int, ...]] = {}

    def first_matches(self, norms: list[str]) -> list[str | None]:
        """`first_match(rules, norm)` for every line in `norms`.

        Lines are in the normalised view (case-folded, no newline inside a line), as
        filters judge them: literals of case-insensitive rules are looked for in lower case.
        """
        hits = self._hits(norms)
        out: list[str | None] = []
        for i, norm in enumerate(norms):
            rules = hits.get(i, ())
            if self._always:
                rules = {*rules, *self._always}
            out.append(first_match((self.rules[r] for r in sorted(rules)), norm) if rules else None)
        return out

    def _hits(self, norms: list[str]) -> dict[int, set[int]]:
        """Line index -> rules that may match it: their literals occur in it, or the page scan hit it."""
        hits: dict[int, set[int]] = {}
        whole = "\n".join(norms)
        starts = list(accumulate((len(n) + 1 for n in norms), initial=0))
        m = self._scan.search(whole)
        while m is not None:
            at = m.start()
            hits.setdefault(bisect_right(starts, at) - 1, set()).update(self._rules_for(m.group()))
            m = self._scan.search(whole, at + 1)  # from the next position: literals may overlap
        for rule, pattern in self._paged:
            m = pattern.search(whole)
            while m is not None:
                line = bisect_right(starts, m.start()) - 1
                hits.setdefault(line, set()).add(rule)
                m = pattern.search(whole, starts[line + 1])  # the next line may match too
        return hits

    def _rules_for(self, found: str) -> tuple[int, ...]:
        """Rules needing the longest literal found at a position, or any literal it starts with."""
        rules = self._found.get(found)
        if rules is None:
            prefixes = (found[:n] for n in range(1, len(found) + 1))
            rules = tuple({i for p in prefixes for i in self._rules_of.get(p, ())})
            self._found[found] = rules
        return rules


@cache
def load_table(name: str) -> RuleTable:
    """The packaged rule table `data/<name>.txt` as a RuleTable."""
    return RuleTable(load_rules(name))
