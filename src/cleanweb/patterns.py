"""Rule tables stored as data: `rule<TAB>regex` lines compiled once."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources

import ahocorasick_rs
import regex

from ._literals import page_safe, required_literals
from ._page import JoinedLines


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


# A list item's marker as page-text dumps write it (`* 责任编辑：…`, `+ 上一篇：…`).
_LIST_MARK = regex.compile(r"^\s*[*+•·-]\s+")
_MARKS = frozenset("*+•·- \t")


def unmarked(norm: str) -> str:
    """`norm` without a leading list marker, so anchored rules see the item's own text."""
    return _LIST_MARK.sub("", norm, count=1) if norm[:1] in _MARKS else norm


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
        self._literals = sorted({lit for need in needs for lit in need or ()})
        self._rules_of: dict[int, list[int]] = {}
        for i, need in enumerate(needs):
            for literal in need or ():
                self._rules_of.setdefault(self._literals.index(literal), []).append(i)
        # Standard match kind with overlapping=True reports every occurrence of every literal.
        self._scan = ahocorasick_rs.AhoCorasick(self._literals) if self._literals else None

    def first_matches(self, norms: list[str]) -> list[str | None]:
        """`first_match(rules, norm)` for every line in `norms`.

        Lines are in the normalised view (case-folded, no newline inside a line), as
        filters judge them: literals of case-insensitive rules are looked for in lower case.
        A leading list marker is not part of the line (`unmarked`).
        """
        norms = [unmarked(norm) for norm in norms]
        hits = self._hits(JoinedLines(norms))
        out: list[str | None] = []
        for i, norm in enumerate(norms):
            rules = hits.get(i, ())
            if self._always:
                rules = {*rules, *self._always}
            out.append(first_match((self.rules[r] for r in sorted(rules)), norm) if rules else None)
        return out

    def _hits(self, page: JoinedLines) -> dict[int, set[int]]:
        """Line index -> rules that may match it: their literals occur in it, or the page scan hit it."""
        hits: dict[int, set[int]] = {}
        if self._scan is not None:
            for literal, start, _end in self._scan.find_matches_as_indexes(page.text, overlapping=True):
                hits.setdefault(page.line_of(start), set()).update(self._rules_of[literal])
        for rule, pattern in self._paged:
            m = pattern.search(page.text)
            while m is not None:
                line = page.line_of(m.start())
                hits.setdefault(line, set()).add(rule)
                m = pattern.search(page.text, page.starts[line + 1])  # the next line may match too
        return hits


@cache
def load_table(name: str) -> RuleTable:
    """The packaged rule table `data/<name>.txt` as a RuleTable."""
    return RuleTable(load_rules(name))
