"""Input guards: refuse binary and oversized input, strip stray control characters, and
bound the time one document may take.

Policy (what `clean` does with hostile input):
- Bytes that start with a known binary signature (data/binary_magic.txt: PNG, ZIP, PDF,
  ELF...) or in which more than `BINARY_SHARE` of the sampled bytes are control bytes
  (NUL and the other C0 controls except tab, line breaks and ESC; 16 at least) raise
  `BinaryInputError`. UTF-16/32 (with or without a byte-order mark) is recognised by
  the decoder first. Fewer NUL bytes are removed before decoding (`strip_nul_bytes`).
- Text (given as str, or decoded) in which more than `BINARY_SHARE` of the characters are
  control characters or lone surrogates (16 at least) raises `BinaryInputError`; fewer
  are repaired:
  control characters (NUL included) are removed and lone surrogates become U+FFFD, each
  family recorded as one document-level Edit ("control", "surrogate") and counted in
  `doc.flags`.
- Input larger than `max_size` (bytes for bytes, characters for str) raises
  `TooLargeError`.
- `time_budget(seconds)` bounds the time for one document: past the deadline it raises
  `BudgetExceeded`. In the main thread of a process (a CLI run, a worker process) a
  SIGALRM timer interrupts even a long regex; elsewhere the deadline is checked between
  pipeline steps.
"""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from importlib import resources
from itertools import accumulate
from operator import sub

import regex

from .document import Document, Edit
from .errors import BinaryInputError, BudgetExceeded, ConfigError, TooLargeError

DEFAULT_MAX_SIZE = 256 * 1024 * 1024  # bytes (or characters for str input)
DEFAULT_BUDGET = 60.0  # seconds per document
# Above this share of control characters (or bytes) the input is not text.
BINARY_SHARE = 0.05
_SAMPLE = 64 * 1024  # bytes per sampled window of a bytes input
_MIN_BAD = 16  # fewer control characters than this are repaired, whatever the share
_MAGIC_HEAD = 64  # where control bytes must appear to confirm a short printable signature

# C0 controls that never belong in page text: all but tab, LF, VT, FF, CR and the
# separators U+001C-U+001E (line breaks to str.splitlines). ESC is allowed in raw bytes
# (ISO-2022 encodings use it) but not in decoded text.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x1B), 0x1F, 0x7F])
_CONTROL = regex.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f]")
# The same characters as bytes: in UTF-8 they are those single bytes and no others, so
# memchr over the encoded text finds them faster than a scan of the str.
_CONTROL_CHAR_BYTES = tuple(bytes((b,)) for b in (*range(0x00, 0x09), *range(0x0E, 0x1C), 0x1F, 0x7F))
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")  # UTF-16/32: NULs are text
_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def check_size(data: str | bytes, max_size: int | None) -> None:
    """Raise TooLargeError if `data` is longer than `max_size` (None: no limit)."""
    if max_size is not None and (isinstance(max_size, bool) or not isinstance(max_size, int)):
        raise ConfigError(f"max_size must be a whole number or None, got {max_size!r}")
    if max_size is not None and len(data) > max_size:
        unit = "bytes" if isinstance(data, (bytes, bytearray)) else "characters"
        raise TooLargeError(
            f"input is {len(data)} {unit}, over the limit of {max_size}",
            size=len(data),
            limit=max_size,
        )


def check_bytes(data: bytes, *, max_size: int | None = DEFAULT_MAX_SIZE) -> None:
    """Raise BinaryInputError or TooLargeError for binary or oversized bytes.

    UTF-16/32 without a byte-order mark is the decoder's to recognise (decode.wide_encoding)
    before this test, which would take its NUL bytes for binary.
    """
    check_size(data, max_size)
    label = binary_signature(data)
    if label:
        raise BinaryInputError(f"input is binary ({label}), not text")
    if data.startswith(_WIDE_BOMS):
        return None  # a UTF-16/32 byte-order mark: NULs are expected; decode checks the text
    sample = _sample(data)
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    if controls > max(BINARY_SHARE * len(sample), _MIN_BAD):
        nuls = sample.count(0)
        raise BinaryInputError(
            f"input is binary: {controls} of {len(sample)} sampled bytes are control bytes"
            f" ({nuls} NUL)"
        )
    return None


def binary_signature(data: bytes) -> str | None:
    """The format name if `data` starts with a known binary signature, else None."""
    for label, magic, offset in _signatures():
        if data[offset : offset + len(magic)] != magic:
            continue
        if len(magic) < 5 and _printable(magic):
            head = data[: _MAGIC_HEAD]
            if head == head.translate(None, _CONTROL_BYTES):
                continue  # "BMW ..." or "MZ..." text, not a bitmap or an executable
        return label
    return None


def _printable(magic: bytes) -> bool:
    return all(0x20 <= b < 0x7F for b in magic)


@cache
def _signatures() -> tuple[tuple[str, bytes, int], ...]:
    """Read data/binary_magic.txt: `label<TAB>hex[<TAB>offset]` lines."""
    text = resources.files("cleanweb").joinpath("data", "binary_magic.txt").read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        label, hexbytes, *rest = line.split("\t")
        rows.append((label, bytes.fromhex(hexbytes), int(rest[0]) if rest else 0))
    return tuple(rows)


def _sample(data: bytes) -> bytes:
    """Up to four windows (start, thirds, end) of a large input; all of a small one."""
    if len(data) <= 4 * _SAMPLE:
        return bytes(data)
    step = len(data) // 3
    starts = (0, step, 2 * step, len(data) - _SAMPLE)
    return b"".join(data[s : s + _SAMPLE] for s in starts)


def strip_nul_bytes(data: bytes) -> tuple[bytes, Edit | None]:
    """Remove the few NUL bytes of text bytes that passed `check_bytes`, recorded as an Edit.

    In ASCII-compatible encodings (UTF-8, GB18030, Big5) a NUL byte is always a NUL
    character, never part of a multi-byte one, so removing it before decoding equals
    removing it after. Call only on input that is not UTF-16/32.
    """
    count = data.count(0)
    if not count or data.startswith(_WIDE_BOMS):
        return data, None
    return data.replace(b"\x00", b""), Edit("control", "\x00" * count, "", data.index(0), None)


def check_text(text: str, *, max_size: int | None = None) -> tuple[str, list[Edit], dict[str, int]]:
    """Raise for binary text; return it with controls removed, surrogates replaced, and the record.

    The record is the document-level Edits (one per family) and flag counts.
    """
    check_size(text, max_size)
    # Fast tests first, the regexes only when there is something to find: UTF-8 refuses
    # surrogates, and each control character is one byte value of the encoding.
    try:
        encoded, has_surrogate = text.encode("utf-8"), False
    except UnicodeEncodeError:
        encoded, has_surrogate = text.encode("utf-8", "surrogatepass"), True
    has_control = any(b in encoded for b in _CONTROL_CHAR_BYTES)
    del encoded
    controls = _CONTROL.findall(text) if has_control else []
    surrogates = _SURROGATE.findall(text) if has_surrogate else []
    bad = len(controls) + len(surrogates)
    if bad > max(BINARY_SHARE * len(text), _MIN_BAD):
        raise BinaryInputError(
            f"input is not text: {bad} of {len(text)} characters are control characters"
            " or lone surrogates"
        )
    edits: list[Edit] = []
    flags: dict[str, int] = {}
    if controls:
        pos = _CONTROL.search(text).start()
        text = _CONTROL.sub("", text)
        edits.append(Edit("control", "".join(controls), "", pos, None))
        flags["control_chars"] = len(controls)
    if surrogates:
        pos = _SURROGATE.search(text).start()
        text = _SURROGATE.sub("\ufffd", text)
        edits.append(Edit("surrogate", "".join(surrogates), "\ufffd" * len(surrogates), pos, None))
        flags["lone_surrogates"] = len(surrogates)
    return text, edits, flags


# Browsers stop nesting at 512 levels (Blink's parser attaches deeper elements as siblings).
MAX_NESTING = 512
# Block tags whose start checks the open-element stack for a <p> "in button scope": nested
# without end, each costs the parser a walk of the whole stack (quadratic in the depth).
_SCOPE_TAGS = (
    "address", "article", "aside", "blockquote", "center", "details", "dialog", "dir", "div",
    "dl", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "main",
    "menu", "nav", "ol", "section", "summary", "table", "ul",
)
# `[^<>]*` stops at the next tag, so a run of unclosed `<div ` stays linear.
_SCOPE_TAG = regex.compile(r"<(/?)(?:" + "|".join(_SCOPE_TAGS) + r")\b[^<>]*>", regex.I)


# Characters regex.I matches for an ASCII letter besides its two cases (tests/test_html_guard.py).
_FOLDS = {"i": "\u0130", "k": "\u212a", "s": "\u017f"}


def _letter_class(letters: set[str]) -> str:
    return "[" + "".join(sorted(c + c.upper() + _FOLDS.get(c, "") for c in letters)) + "]"


def _opening_prefixes() -> str:
    """`<` and the first two letters of a scope tag, in any case: a start every opening tag has."""
    seconds: dict[str, set[str]] = {}
    for tag in _SCOPE_TAGS:
        seconds.setdefault(tag[0], set()).add(tag[1])
    return "<(?:" + "|".join(_letter_class({a}) + _letter_class(b) for a, b in seconds.items()) + ")"


def _plain_closings() -> str:
    """Closing scope tags in plain ASCII upper/lower case, ended by a space, `/` or `>`."""
    names = "|".join("".join(f"[{c}{c.upper()}]" for c in tag) for tag in _SCOPE_TAGS)
    return "<(/)(?:" + names + r")(?=[\t\n\f\r />])[^<>]*>"


# Each opening tag _SCOPE_TAG matches starts at its own `<` with one of these prefixes, so
# their number bounds the depth from above; on most pages it is under the limit (one cheap scan).
_OPENING_PREFIX = re.compile(_opening_prefixes())
# Those prefixes as openings, and only closings _SCOPE_TAG surely matches too: one more
# opening or one closing fewer never lowers the depth, so this depth bounds the true one.
_DEPTH_BOUND = re.compile(_opening_prefixes() + "|" + _plain_closings())
_STEP = {"": 1, "/": -1}  # an opening tag (no slash captured) goes down a level, a closing one up


def _depth(marks: list[str]) -> int:
    """The deepest level a run of "" (opening) and "/" (closing) marks reaches from 0.

    Closing at depth 0 stays at 0, so the depth after each mark is its running sum
    minus the lowest running sum before it (Lindley's recursion, solved in C).
    """
    sums = list(accumulate(map(_STEP.__getitem__, marks), initial=0))
    return max(map(sub, sums, accumulate(sums, min)))


def nesting_depth(html: str) -> int:
    """The deepest nesting of the block tags `limit_nesting` counts, as it counts them."""
    return _depth(_SCOPE_TAG.findall(html))


def depth_bound(html: str) -> int:
    """An upper bound of `nesting_depth(html)` from one scan with the faster `re` engine."""
    return _depth(_DEPTH_BOUND.findall(html))


def limit_nesting(html: str, max_depth: int = MAX_NESTING) -> tuple[str, int]:
    """Remove the block tags nested deeper than `max_depth`; return the HTML and their number.

    lexbor takes time quadratic in the nesting depth of such tags (a 10 MB page of nested
    <div> would take hours); their text stays, only the tags go. Line breaks inside a
    removed tag are kept so line numbers do not move. Real pages never come near the limit.
    """
    if (
        len(_OPENING_PREFIX.findall(html)) <= max_depth  # most pages: few block tags at all
        or depth_bound(html) <= max_depth  # many block tags, none deep
        or nesting_depth(html) <= max_depth
    ):
        return html, 0
    depth = removed = 0

    def flatten(m: regex.Match) -> str:
        nonlocal depth, removed
        closing = bool(m.group(1))
        if not closing:
            depth += 1
        deep = depth > max_depth
        if closing:
            depth = max(0, depth - 1)
        if not deep:
            return m.group(0)
        removed += 1
        return "\n" * m.group(0).count("\n")

    return _SCOPE_TAG.sub(flatten, html), removed


class Budget:
    """The deadline of one document; `check(stage)` raises BudgetExceeded once it passed."""

    def __init__(self, seconds: float | None):
        self.seconds = validate_budget(seconds)
        self.deadline = None if seconds is None else time.monotonic() + seconds
        self.stage = "start"

    def check(self, stage: str) -> None:
        """Record that `stage` begins; raise if the deadline has passed."""
        self.stage = stage
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise self.exceeded()

    def exceeded(self) -> BudgetExceeded:
        return BudgetExceeded(
            f"time budget of {self.seconds:g} s exceeded (during {self.stage})",
            seconds=self.seconds,
            stage=self.stage,
        )


def validate_budget(seconds: float | None) -> float | None:
    """Accept None (no limit) or a positive number of seconds; anything else is a ConfigError."""
    if seconds is None:
        return None
    if isinstance(seconds, bool) or not isinstance(seconds, (int, float)) or not seconds > 0:
        raise ConfigError(f"budget must be a positive number of seconds or None, got {seconds!r}")
    return float(seconds)


@contextmanager
def time_budget(seconds: float | None) -> Iterator[Budget]:
    """Run the with-block under a Budget of `seconds` (None: unlimited).

    In the main thread, with no other real-time timer armed, SIGALRM interrupts the
    block at the deadline wherever it is (a regex in C included); otherwise only
    `Budget.check` calls between steps enforce it.
    """
    budget = Budget(seconds)
    if budget.seconds is None or not _can_alarm():
        yield budget
        return
    active = [True]

    def on_alarm(signum: int, frame: object) -> None:
        if active[0]:
            raise budget.exceeded()

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, budget.seconds)
    try:
        yield budget
    finally:
        active[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _can_alarm() -> bool:
    """SIGALRM is usable: POSIX, main thread, and no one else's timer running."""
    return (
        hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
        and signal.getitimer(signal.ITIMER_REAL)[0] == 0
    )


def check_budget(doc: Document, stage: str) -> None:
    """Raise BudgetExceeded if the Budget `clean` attached to `doc` has run out."""
    budget = doc.options.get("budget")
    if budget is not None:
        budget.check(stage)
