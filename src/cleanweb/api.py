"""The library entry point: `clean(data)` and the result it returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import html as html_input
from . import text as text_input
from .decode import decode_with_info
from .document import Document, Edit, Removed
from .errors import InputError
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


def build_document(data: str | bytes, kind: str = "auto") -> Document:
    """Decode and segment `data` into a Document (no filters run yet)."""
    if kind not in KINDS:
        raise InputError(f"kind must be one of {KINDS}, got {kind!r}")
    meta: dict[str, Any] = {}
    if isinstance(data, (bytes, bytearray)):
        data, info = decode_with_info(bytes(data))
        meta.update(info)
    elif not isinstance(data, str):
        raise InputError(f"clean expects str or bytes, got {type(data).__name__}")
    if kind == "auto":
        kind = "html" if html_input.looks_like_html(data) else "text"
    doc = Document(source=data, kind=kind, meta=meta)
    (html_input if kind == "html" else text_input).segment(doc)
    return doc


def clean(
    data: str | bytes,
    *,
    to: str = "simplified",
    kind: str = "auto",
    pipeline: Pipeline | None = None,
) -> CleanResult:
    """Clean one page (str or bytes, page text or HTML) and return a CleanResult."""
    doc = build_document(data, kind)
    (pipeline or _default(to)).run(doc)
    return result_of(doc)


def result_of(doc: Document) -> CleanResult:
    """View a processed Document as a CleanResult."""
    titles = [b.text.strip() for b in doc.kept() if b.kind == "title"]
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
