"""Matching a line against the page's own title (`<h1>`, og:title, `<title>`)."""

from __future__ import annotations

from ._norm import judge_view
from .document import Document

_TITLE_SLACK = 10  # characters a line and the page's title may differ by (a site name, a count)


def compact(text: str) -> str:
    """`text` without any whitespace."""
    return "".join(text.split())


def same_title(norm: str, page_title: str) -> bool:
    """A line (normalised view) that is the page's title (compacted normalised view),
    give or take a site name or a count around it."""
    if "\n" in norm:
        return False  # a run of lines merged outside the article container
    line = compact(norm)
    if len(line) < 4 or abs(len(line) - len(page_title)) > _TITLE_SLACK:
        return False
    return line in page_title or page_title in line


def own_title(doc: Document) -> str:
    """The title an HTML page names for itself (meta `title`), compacted in the judged
    view; "" for page text, which names none."""
    return compact(judge_view(doc.meta.get("title") or "")) if doc.kind == "html" else ""
