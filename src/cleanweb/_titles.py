"""Matching a line against the page's own title (`<h1>`, og:title, `<title>`)."""

from __future__ import annotations

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
