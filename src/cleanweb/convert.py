"""Traditional/Simplified conversion with OpenCC, converting only text that needs it.

A document's script is detected from the characters that occur in one script only
(Traditional-only: in Big5, not in GB2312, changed by OpenCC t2s; Simplified-only:
in GB2312, not in Big5, changed by s2t, s2tw and s2hk alike). Text already in the target script is never sent through OpenCC, so
a Simplified page asked for in Simplified comes back byte for byte, and a page
that mixes scripts is converted sentence by sentence into one (each sentence is
taken to be in the script most of its one-script characters belong to).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from operator import methodcaller, ne

import opencc
import regex

from .document import Edit
from .errors import ConfigError, InputError

# Output targets; "keep" leaves the text as it is.
TARGETS: tuple[str, ...] = ("simplified", "traditional", "taiwan", "hongkong", "keep")
# What the source text may be declared as ("auto" detects it per sentence).
SOURCES: tuple[str, ...] = ("auto", "simplified", "traditional", "taiwan", "hongkong")
# Scripts `detect_script` reports.
SCRIPTS: tuple[str, ...] = ("simplified", "traditional", "mixed", "none")

# Share of one-script characters above which a text counts as written in that script.
PURE_SHARE = 0.9

# (source script, target, phrases) -> OpenCC configuration; absent means "leave as is".
_CONFIGS: dict[tuple[str, str, bool], str] = {
    ("simplified", "traditional", False): "s2t",
    ("simplified", "traditional", True): "s2t",
    ("simplified", "taiwan", False): "s2tw",
    ("simplified", "taiwan", True): "s2twp",
    ("simplified", "hongkong", False): "s2hk",
    ("simplified", "hongkong", True): "s2hkp",
    ("traditional", "simplified", False): "t2s",
    ("traditional", "simplified", True): "tw2sp",
    ("traditional", "taiwan", False): "t2tw",
    ("traditional", "taiwan", True): "t2tw",
    ("traditional", "hongkong", False): "t2hk",
    ("traditional", "hongkong", True): "t2hk",
    ("taiwan", "simplified", False): "tw2s",
    ("taiwan", "simplified", True): "tw2sp",
    ("taiwan", "traditional", False): "tw2t",
    ("taiwan", "traditional", True): "tw2t",
    ("taiwan", "hongkong", False): "t2hk",
    ("taiwan", "hongkong", True): "t2hk",
    ("hongkong", "simplified", False): "hk2s",
    ("hongkong", "simplified", True): "hk2sp",
    ("hongkong", "traditional", False): "hk2t",
    ("hongkong", "traditional", True): "hk2t",
    ("hongkong", "taiwan", False): "t2tw",
    ("hongkong", "taiwan", True): "t2tw",
}
# Phrase tables are on by default only where the target is regional vocabulary.
_DEFAULT_PHRASES = {"simplified": False, "traditional": False, "taiwan": True, "hongkong": False}

# Longest sentence aligned with difflib (quadratic); longer ones get one edit.
_DIFF_LIMIT = 2000
# A sentence: up to and including its closing punctuation or line break.
_SENTENCE = re.compile(r"[^。！？!?；;\n]*(?:[。！？!?；;]+[”」』）)]*|\n|$)")


@cache
def _opencc(config: str) -> opencc.OpenCC:
    return opencc.OpenCC(config)


def _charset(codec: str, ranges: Iterable[tuple[int, int, int, int]]) -> frozenset[str]:
    """The CJK ideographs a double-byte codec encodes in the given lead/trail ranges."""
    chars = set()
    for lead_lo, lead_hi, trail_lo, trail_hi in ranges:
        for lead in range(lead_lo, lead_hi + 1):
            for trail in range(trail_lo, trail_hi + 1):
                try:
                    ch = bytes((lead, trail)).decode(codec)
                except UnicodeDecodeError:
                    continue
                if "\u4e00" <= ch <= "\u9fff":
                    chars.add(ch)
    return frozenset(chars)


@cache
def script_chars() -> tuple[frozenset[str], frozenset[str]]:
    """(Traditional-only, Simplified-only) characters, derived from the charsets and OpenCC."""
    gb = _charset("gb2312", [(0xB0, 0xF7, 0xA1, 0xFE)])
    big5 = _charset("big5", [(0xA4, 0xF9, 0x40, 0x7E), (0xA4, 0xF9, 0xA1, 0xFE)])
    trad = sorted(big5 - gb)
    simp = sorted(gb - big5)
    trad_conv = _opencc("t2s").convert("\n".join(trad)).split("\n")
    trad_only = frozenset(c for c, s in zip(trad, trad_conv, strict=True) if s != c)
    # Hong Kong and Taiwan standard forms (户, 温, 税) are Traditional too: not Simplified-only.
    simp_only = frozenset(simp)
    for config in ("s2t", "s2tw", "s2hk"):
        conv = _opencc(config).convert("\n".join(simp)).split("\n")
        simp_only -= {c for c, t in zip(simp, conv, strict=True) if t == c}
    return trad_only, simp_only


@cache
def _class_patterns() -> tuple[re.Pattern, re.Pattern]:
    trad_only, simp_only = script_chars()
    # Stdlib `re`, not `regex`: `re` compiles a class of thousands of characters to a
    # bitmap, `regex` tests them one by one (40x slower, minutes on a 10 MB page).
    return (
        re.compile("[" + "".join(sorted(trad_only)) + "]"),
        re.compile("[" + "".join(sorted(simp_only)) + "]"),
    )


@cache
def _other_patterns() -> tuple[re.Pattern, re.Pattern]:
    """Runs of anything but Traditional-only (resp. Simplified-only) characters and newlines."""
    return tuple(re.compile("[^\n" + p.pattern[1:] + "+") for p in _class_patterns())  # type: ignore[return-value]


def script_counts(text: str) -> tuple[int, int]:
    """Count (Traditional-only, Simplified-only) characters in `text`."""
    trad, simp = _class_patterns()
    return len(trad.findall(text)), len(simp.findall(text))


def script_counts_many(texts: list[str]) -> list[tuple[int, int]]:
    """`script_counts` of every text, in two passes over them all."""
    if not texts:
        return []
    joined = "\n".join(t.replace("\n", " ") for t in texts)  # neither class holds a space
    trad, simp = (map(len, p.sub("", joined).split("\n")) for p in _other_patterns())
    return list(zip(trad, simp, strict=True))


def script_of(trad: int, simp: int) -> str:
    """Name the script of a text from its one-script character counts."""
    total = trad + simp
    if total == 0:
        return "none"
    if simp >= PURE_SHARE * total:
        return "simplified"
    if trad >= PURE_SHARE * total:
        return "traditional"
    return "mixed"


def detect_script(text: str) -> str:
    """Return "simplified", "traditional", "mixed" or "none" for `text`."""
    return script_of(*script_counts(text))


@cache
def _names() -> tuple[tuple[str, str], ...]:
    """(simplified, traditional) name pairs OpenCC converts wrongly, from data/script_names.tsv."""
    text = resources.files("cleanweb").joinpath("data", "script_names.tsv").read_text("utf-8")
    pairs = []
    for line in text.splitlines():
        fields = line.split("#", 1)[0].strip().split("\t")
        if len(fields) >= 2 and fields[0]:
            pairs.append((fields[0].strip(), fields[1].strip()))
    return tuple(pairs)


@dataclass(frozen=True)
class ScriptConverter:
    """Converts text to `to`; `phrases` switches regional vocabulary tables, `protect` words stay.

    `source` names the script of the input ("auto" detects it per sentence, so
    only sentences not already in the target's script are converted).
    """

    to: str = "simplified"
    phrases: bool | None = None
    protect: tuple[str, ...] = ()
    source: str = "auto"

    def __post_init__(self) -> None:
        if self.to not in TARGETS:
            raise ConfigError(f"unknown script target {self.to!r}; choose one of {list(TARGETS)}")
        if self.source not in SOURCES:
            raise ConfigError(f"unknown script source {self.source!r}; choose one of {list(SOURCES)}")
        if isinstance(self.protect, str) or not all(isinstance(w, str) for w in self.protect):
            raise ConfigError("protect must be a list of words")

    def convert(self, text: str, context: str | None = None) -> str:
        """Return `text` in the target script; `context` is the document's script."""
        if self.to == "keep" or not text:
            return text
        return "".join(self._convert_chunk(chunk, src) for src, chunk in self._pieces(text, context))

    def convert_with_edits(
        self,
        text: str,
        context: str | None = None,
        block: int | None = None,
        counts: tuple[int, int] | None = None,
    ) -> tuple[str, list[Edit]]:
        """Convert `text`; also return one Edit per changed run (pos in the input text).

        `counts` is `script_counts(text)` when the caller has it already.
        """
        if self.to == "keep" or not text:
            return text, []
        out: list[str] = []
        edits: list[Edit] = []
        pos = 0
        for source, chunk in self._pieces(text, context, counts):
            new = self._convert_chunk(chunk, source)
            if new != chunk and len(new) == len(chunk):
                edits.extend(_diff_equal(chunk, new, pos, block))
            elif new != chunk:
                # Phrase tables changed lengths: align sentence by sentence (no OpenCC entry
                # spans sentence punctuation, so this is the same conversion).
                new = self._convert_by_sentence(chunk, source, pos, block, edits)
            out.append(new)
            pos += len(chunk)
        return "".join(out), edits

    def _convert_by_sentence(
        self, chunk: str, source: str, pos: int, block: int | None, edits: list[Edit]
    ) -> str:
        out = []
        for m in _SENTENCE.finditer(chunk):
            sentence = m.group()
            new = self._convert_chunk(sentence, source)
            if new != sentence:
                edits.extend(_diff(sentence, new, pos + m.start(), block))
            out.append(new)
        return "".join(out)

    def converts_simplified(self) -> bool:
        """False if text without Traditional-only characters, on a page without any, is
        always left as it is (the target is Simplified and the source script is detected)."""
        return self.source != "auto" or self._config("simplified") is not None

    def _pieces(
        self, text: str, context: str | None, counts: tuple[int, int] | None = None
    ) -> list[tuple[str, str]]:
        """Split `text` into (source script, chunk) pieces that convert the same way."""
        if self.source != "auto":
            return [(self.source, text)]
        trad, simp = counts or script_counts(text)
        default = _fallback(context, trad, simp)
        if trad == 0 or simp == 0:
            return [(self._needs(trad, simp, default), text)]
        spans: list[tuple[str, int, int]] = []  # (script, start, end), consecutive merged
        for m in _SENTENCE.finditer(text):
            if m.start() == m.end():
                continue
            script = self._needs(*script_counts(m.group()), default)
            if spans and spans[-1][0] == script:
                spans[-1] = (script, spans[-1][1], m.end())
            else:
                spans.append((script, m.start(), m.end()))
        return [(script, text[start:end]) for script, start, end in spans]

    @staticmethod
    def _needs(trad: int, simp: int, default: str) -> str:
        """The script a span is written in: its majority, else the document's.

        A minority character inside a sentence (a name such as 昇腾 in Simplified text)
        is left as the sentence has it; a sentence in the other script is converted whole.
        """
        if trad > simp:
            return "traditional"
        if simp > trad:
            return "simplified"
        return default

    def _convert_chunk(self, chunk: str, source: str) -> str:
        """Convert one chunk from `source`, writing protected words and names as they should be."""
        config = self._config(source)
        if config is None:
            return chunk
        keep, names = _protect_pattern(self.protect, self.to != "simplified")
        if keep is None:
            return _opencc(config).convert(chunk)
        out, last = [], 0
        for m in keep.finditer(chunk):
            out.append(_opencc(config).convert(chunk[last : m.start()]))
            out.append(names.get(m.group(), m.group()))
            last = m.end()
        out.append(_opencc(config).convert(chunk[last:]))
        return "".join(out)

    def _config(self, source: str) -> str | None:
        phrases = _DEFAULT_PHRASES[self.to] if self.phrases is None else self.phrases
        return _CONFIGS.get((source, self.to, bool(phrases)))


@cache
def _protect_pattern(
    protect: tuple[str, ...], to_trad: bool
) -> tuple[regex.Pattern | None, dict[str, str]]:
    """A pattern of words to keep verbatim plus names to write in their correct form."""
    # Either form of a listed name is written in the target's form.
    names = {form: (t if to_trad else s) for s, t in _names() for form in (s, t)}
    words = {w for w in protect if w} | set(names)
    for w in protect:
        names.pop(w, None)
    if not words:
        return None, {}
    alternatives = sorted(words, key=len, reverse=True)
    return regex.compile("|".join(regex.escape(w) for w in alternatives)), names


def _fallback(context: str | None, trad: int, simp: int) -> str:
    """The script assumed for text without one-script characters."""
    if context == "traditional":
        return "traditional"
    if context == "mixed":
        return "traditional" if trad > simp else "simplified"
    return "simplified"


def _diff(before: str, after: str, offset: int, block: int | None) -> list[Edit]:
    """Edits for the changed runs of a conversion of one sentence."""
    if len(before) == len(after):
        return _diff_equal(before, after, offset, block)
    if len(before) > _DIFF_LIMIT:  # a run-on "sentence": one edit from first to last change
        start = 0
        while before[start] == after[start]:
            start += 1
        end_b, end_a = len(before), len(after)
        while end_b > start and end_a > start and before[end_b - 1] == after[end_a - 1]:
            end_b, end_a = end_b - 1, end_a - 1
        return [Edit("script", before[start:end_b], after[start:end_a], offset + start, block)]
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [
        Edit("script", before[i1:i2], after[j1:j2], offset + i1, block)
        for op, i1, i2, j1, j2 in matcher.get_opcodes()
        if op != "equal"
    ]


_CHANGED_RUN = re.compile(rb"\x01+")
_SPAN = methodcaller("span")


def _diff_equal(before: str, after: str, offset: int, block: int | None) -> list[Edit]:
    """Edits for the changed runs of a same-length conversion, character by character."""
    differs = bytes(map(ne, before, after))  # one byte a character, 1 where they differ
    spans = map(_SPAN, _CHANGED_RUN.finditer(differs))
    return [Edit("script", before[a:b], after[a:b], offset + a, block) for a, b in spans]


@cache
def converter(
    to: str = "simplified",
    phrases: bool | None = None,
    protect: tuple[str, ...] = (),
    source: str = "auto",
) -> ScriptConverter:
    """A cached ScriptConverter for these options."""
    return ScriptConverter(to, phrases, tuple(protect), source)


def convert(
    text: str,
    to: str = "simplified",
    *,
    phrases: bool | None = None,
    protect: Iterable[str] = (),
    source: str = "auto",
) -> str:
    """Return `text` in the script `to` (simplified, traditional, taiwan, hongkong, keep).

    Only sentences not already in the target's script go through OpenCC; `phrases`
    converts regional vocabulary (软件/軟體; default on for taiwan); words in
    `protect` are left exactly as written.
    """
    if not isinstance(text, str):
        raise InputError(f"convert expects str, got {type(text).__name__}")
    if isinstance(protect, str):
        raise ConfigError("protect must be a list of words, not a string")
    return converter(to, phrases, tuple(protect), source).convert(text)
