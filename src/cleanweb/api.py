"""The library entry point: `clean(data)` and the result it returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import html as html_input
from . import text as text_input
from .convert import TARGETS
from .decode import decode_with_info, wide_encoding
from .document import Document, Edit, Removed
from .errors import ConfigError, InputError
from .guard import (
    DEFAULT_BUDGET,
    DEFAULT_MAX_SIZE,
    check_bytes,
    check_size,
    check_text,
    limit_nesting,
    strip_nul_bytes,
    time_budget,
)
from .patterns import unmarked
from .pipeline import Pipeline

KINDS = ("auto", "text", "html")


@dataclass
class CleanResult:
    """What `clean` returns: the article and the record of how it was made."""

    text: str
    title: str | None
    meta: dict[str, Any]
    removed: list[Removed]
    edits: list[Edit]
    flags: dict[str, int] = field(default_factory=dict)
    document: Document | None = field(default=None, repr=False)


def build_document(
    data: str | bytes,
    kind: str = "auto",
    *,
    max_size: int | None = DEFAULT_MAX_SIZE,
    options: dict[str, Any] | None = None,
) -> Document:
    """Decode and segment `data` into a Document (no filters run yet).

    `options` reach the segmenter and filters as `doc.options` (url, mode, html selectors).

    Binary input raises BinaryInputError, input over `max_size` TooLargeError (see guard).
    """
    if kind not in KINDS:
        raise InputError(f"kind must be one of {KINDS}, got {kind!r}")
    meta: dict[str, Any] = {}
    if isinstance(data, (bytes, bytearray)):
        if wide_encoding(bytes(data)):  # BOM-less UTF-16/32: its NUL bytes are text, not binary
            check_size(bytes(data), max_size)
            nul_edit = None
        else:
            check_bytes(bytes(data), max_size=max_size)
            data, nul_edit = strip_nul_bytes(bytes(data))  # a few NULs in text: removed, recorded
        data, info = decode_with_info(bytes(data))
        meta.update(info)
    elif not isinstance(data, str):
        raise InputError(f"clean expects str or bytes, got {type(data).__name__}")
    else:
        nul_edit = None
    data, repairs, flags = check_text(data, max_size=max_size)
    if nul_edit:
        repairs.insert(0, nul_edit)
        flags["control_chars"] = flags.get("control_chars", 0) + len(nul_edit.before)
    if kind == "auto":
        kind = "html" if html_input.looks_like_html(data) else "text"
    if kind == "html":
        data, flattened = limit_nesting(data)  # parsing cost is quadratic in nesting depth
        if flattened:
            flags["flattened_tags"] = flattened
    doc = Document(source=data, kind=kind, meta=meta, options=dict(options or {}))
    doc.edits.extend(repairs)
    doc.flags.update(flags)
    (html_input if kind == "html" else text_input).segment(doc)
    return doc


def clean(
    data: str | bytes,
    *,
    to: str = "simplified",
    kind: str = "auto",
    pipeline: Pipeline | None = None,
    budget: float | None = DEFAULT_BUDGET,
    max_size: int | None = DEFAULT_MAX_SIZE,
    mode: str = "auto",
    url: str | None = None,
) -> CleanResult:
    """Clean one page (str or bytes, page text or HTML) and return a CleanResult.

    `budget` is the most seconds one page may take (None: no limit) and `max_size` the
    largest input (bytes, or characters for str); beyond them BudgetExceeded or
    TooLargeError is raised. Every error raised on purpose is a cleanweb.errors type.
    `mode` is "auto", "article" or "forum" (a thread's posts are its content) and `url`
    the page's address (forum detection; site rules for HTML), for both kinds of input.
    """
    if to not in TARGETS:
        raise ConfigError(f"unknown script target {to!r}; choose one of {sorted(TARGETS)}")
    if pipeline is not None and not callable(getattr(pipeline, "run", None)):
        raise ConfigError(f"pipeline must be a Pipeline, got {type(pipeline).__name__}")
    with time_budget(budget) as clock:
        pipe = pipeline or _default(to)
        html_rules = pipe.config.html if hasattr(pipe, "config") else {}
        options = {"mode": mode, "url": url, "html": html_rules}
        doc = build_document(data, kind, max_size=max_size, options=options)
        doc.options["budget"] = clock
        pipe.run(doc)
        clock.check("render")
        del doc.options["budget"]
        return result_of(doc)


def result_of(doc: Document) -> CleanResult:
    """View a processed Document as a CleanResult."""
    titles = [unmarked(b.text.strip()) for b in doc.kept() if b.kind == "title"]
    return CleanResult(
        text=doc.render(),
        title=titles[0] if titles else doc.title,
        meta=dict(doc.meta),
        removed=doc.removed(),
        edits=list(doc.edits),
        flags=dict(doc.flags),
        document=doc,
    )


_DEFAULTS: dict[str, Pipeline] = {}


def _default(to: str) -> Pipeline:
    """Default pipelines are built once per target script and reused."""
    if to not in _DEFAULTS:
        _DEFAULTS[to] = Pipeline.default(to=to)
    return _DEFAULTS[to]
