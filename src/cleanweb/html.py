"""HTML to blocks (selectolax/Lexbor)."""

from __future__ import annotations

import regex
from selectolax.lexbor import LexborHTMLParser

from .document import Block, Document
from .text import refresh

_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "form", "head")
_SNIFF = regex.compile(r"^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<!--|<\?xml)", regex.I)
_TAGS = regex.compile(r"</?(?:html|head|body|div|p|span|a|table|td|tr|ul|li|br|meta|script)\b", regex.I)


def looks_like_html(text: str) -> bool:
    """True if `text` is markup rather than page text (a leading tag or many tags)."""
    head = text[:4096]
    return bool(_SNIFF.match(head)) or len(_TAGS.findall(head)) >= 8


def segment(doc: Document) -> None:
    """Fill `doc.blocks` from the visible text of `doc.source`, one block per text line."""
    tree = LexborHTMLParser(doc.source)
    title = tree.css_first("title")
    if title is not None and title.text(strip=True):
        doc.meta.setdefault("html_title", title.text(strip=True))
    tree.strip_tags(list(_DROP_TAGS))
    root = tree.body or tree.root
    text = root.text(separator="\n") if root is not None else ""
    lines = [line for line in text.splitlines() if line.strip()]
    doc.blocks = [Block(line, i + 1, i + 1, index=i, kind="line") for i, line in enumerate(lines)]
    refresh(doc)
