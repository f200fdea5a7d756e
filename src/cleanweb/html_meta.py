"""Page metadata from HTML: title, author, date, source/site, canonical URL, language.

Evidence comes from `<meta>` (name, property, http-equiv), Open Graph, JSON-LD and
the `<title>`/`<h1>` pair; visible bylines (来源：, 作者：) are read later by the text
filters on the blocks themselves. Keys follow the page-text path: author, date,
source, url, plus site, lang, description, generator and title.
"""

from __future__ import annotations

import json
from typing import Any

import regex
from selectolax.lexbor import LexborHTMLParser

from .metadata import find_date

# <meta> keys (lower case) that carry each field, best first.
_META_KEYS: dict[str, tuple[str, ...]] = {
    "author": ("author", "article:author", "og:article:author", "dc.creator", "byl"),
    "date": (
        "article:published_time", "og:release_date", "og:article:published_time",
        "news:published_time", "pubdate", "publishdate", "publish_date", "dc.date",
        "dc.date.issued", "date", "weibo:article:create_at", "article:modified_time",
    ),
    "source": ("source", "mediaid", "article:source", "og:article:source", "copyright_source"),
    "site": ("og:site_name", "application-name", "apple-mobile-web-app-title", "site"),
    "url": ("og:url", "twitter:url"),
    "description": ("og:description", "description"),
    "generator": ("generator",),  # the site's software (Discuz! X3.4, WordPress 6.1)
}
# Separators between a page title and the site/channel names after it.
_TITLE_SEP = regex.compile(r"\s*(?:_|\||｜|--|——|—|–|\s-\s|-(?=[^-]*$))\s*")
_NAME_CHARS = 16  # a title part this long or longer is a headline, not a site or channel name
_POWERED = regex.compile(r"\s*powered\s+by\b", regex.I)
_SPACE = regex.compile(r"\s+")
_LABEL = regex.compile(r"^\s*(?:来源|來源|稿源|出处|出處)\s*[:：]\s*")
_HAN = regex.compile(r"\p{Han}")
_LANG = regex.compile(r"^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*$")  # zh, zh-CN, zh-Hant-TW


def extract(tree: LexborHTMLParser) -> dict[str, Any]:
    """Every metadata field found in the parsed page (absent fields are left out)."""
    meta: dict[str, Any] = {}
    tags = _meta_tags(tree)
    for key, names in _META_KEYS.items():
        for name in names:
            value = tags.get(name)
            if value:
                meta[key] = value
                break
    _merge_json_ld(tree, meta)
    canonical = tree.css_first('link[rel="canonical"]')
    if canonical is not None and canonical.attributes.get("href"):
        meta["url"] = canonical.attributes["href"].strip()
    lang = _lang(tree, tags)
    if _LANG.match(lang):
        meta["lang"] = lang
    if "source" in meta:
        meta["source"] = _LABEL.sub("", meta["source"]).strip()
    if "date" in meta:
        meta["date"] = find_date(meta["date"]) or meta["date"]
    headline = meta.pop("ld_title", None)
    title, site = pick_title(
        _text_of(tree, "title"), tags.get("og:title") or headline, _headings(tree)
    )
    if title:
        meta["title"] = title
    if site and "site" not in meta:
        meta["site"] = site
    return {k: v for k, v in meta.items() if v}


def pick_title(page_title: str, og_title: str | None, headings: list[str]) -> tuple[str, str]:
    """(article title, site name) from `<title>`, `og:title` and the page's h1/h2 texts.

    A heading that the `<title>` contains wins (it is the visible title without the
    site suffix); otherwise `og:title`, otherwise the `<title>` minus its trailing
    site/channel parts such as `_新浪新闻`.
    """
    parts = [p for p in _TITLE_SEP.split(page_title) if p.strip()] if page_title else []
    parts = [p for p in parts if not _POWERED.match(p)] or parts  # `Powered by Discuz!` names no site
    site = parts[-1].strip() if len(parts) > 1 else ""
    whole = _compact(page_title) + _compact(og_title or "")
    # A short trailing part is the site's or a channel's name, not the article's; a long
    # one is the article's title after a channel (`明日股市预测--联合国报告：...`).
    trailing = {core for core in map(_compact, parts[1:]) if len(core) < _NAME_CHARS}
    for heading in headings:
        core = _compact(heading)
        if len(core) >= 4 and core in whole and core not in trailing:
            return heading, ("" if core == _compact(site) else site)
    if og_title:
        og_parts = [p for p in _TITLE_SEP.split(og_title) if p.strip()]
        return (og_parts[0] if len(og_parts[0]) >= 4 else og_title).strip(), site
    if not parts:
        return (headings[0] if headings else ""), site
    first = parts[0].strip()
    if len(_HAN.findall(first)) < 4 and len(first) < 8:
        first = max(parts, key=len).strip()
    return first, site


def _meta_tags(tree: LexborHTMLParser) -> dict[str, str]:
    tags: dict[str, str] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or attrs.get("http-equiv")
        content = attrs.get("content")
        if key and content and content.strip():
            tags.setdefault(key.strip().lower(), _SPACE.sub(" ", content).strip())
    return tags


def _merge_json_ld(tree: LexborHTMLParser, meta: dict[str, Any]) -> None:
    """Fill fields from schema.org JSON-LD (NewsArticle, Article, BlogPosting, ...)."""
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text() or "null")
        except ValueError:
            continue
        for item in _ld_items(data):
            if not isinstance(item, dict) or not any(
                k in item for k in ("headline", "datePublished", "author")
            ):
                continue
            author = _ld_name(item.get("author"))
            if author:
                meta.setdefault("author", author)
            if item.get("datePublished"):
                meta.setdefault("date", str(item["datePublished"]))
            publisher = _ld_name(item.get("publisher"))
            if publisher:
                meta.setdefault("site", publisher)
            if item.get("headline"):
                meta.setdefault("ld_title", str(item["headline"]).strip())


def _ld_items(data: Any) -> list[Any]:
    if isinstance(data, list):
        return [x for d in data for x in _ld_items(d)]
    if isinstance(data, dict) and isinstance(data.get("@graph"), list):
        return [data, *data["@graph"]]
    return [data]


def _ld_name(value: Any) -> str:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return str(value).strip() if isinstance(value, str) else ""


def _lang(tree: LexborHTMLParser, tags: dict[str, str]) -> str:
    html = tree.css_first("html")
    lang = html.attributes.get("lang") if html is not None else None
    return (lang or tags.get("content-language") or "").strip()


def _text_of(tree: LexborHTMLParser, selector: str) -> str:
    node = tree.css_first(selector)
    return _SPACE.sub(" ", node.text()).strip() if node is not None else ""


def _headings(tree: LexborHTMLParser) -> list[str]:
    """Texts of h1/h2, then of h3 and title-classed elements (`<div class="title-text">`)."""
    out: list[str] = []
    nodes = tree.css("h1, h2")[:12] + tree.css("h3, [class*=title], [id*=title]")[:24]
    for node in nodes:
        text = _SPACE.sub(" ", node.text()).strip()
        if 2 <= len(text) <= 120 and text not in out:
            out.append(text)
    return out


def _compact(text: str) -> str:
    return "".join(text.split()).casefold()
