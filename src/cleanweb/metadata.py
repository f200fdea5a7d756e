"""Bylines: recognise author/date/source/view-count lines and read their fields."""

from __future__ import annotations

import re

import regex

from ._norm import nfkc

_DATE = regex.compile(
    r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
    r"(?:\s*(\d{1,2})[:：](\d{2})(?:[:：](\d{2}))?)?"
)
_SHORT_DATE = regex.compile(r"(?<![\d-])(\d{1,2})-(\d{1,2})\s+(\d{1,2}):(\d{2})(?!\d)")
_FIELD = {
    "author": regex.compile(r"(?:作者|文|撰文|记者|作\s*者|發布者|发布者|楼主)\s*[:：/丨|]\s*([^\s|丨?•·:：]{1,24})"),
    "source": regex.compile(r"(?:来源|來源|出处|出處|稿源|转自|轉自)\s*[:：/]\s*([^\s|丨?•·:：)）]{1,30})"),
}
_VIEWS = regex.compile(r"(\d+)\s*(?:次阅读|次閱讀|次浏览|次瀏覽|阅读|閱讀|浏览|瀏覽|views?)|(?:阅读|閱讀|浏览|瀏覽|点击|點擊)(?:量|数|數)?\s*[:：]\s*(\d+)")
_MARKER = regex.compile(
    r"作者|來源|来源|發布|发布|發表|发表|時間|时间|編輯|编辑|记者|記者|阅读|閱讀|浏览|瀏覽|更新|稿源|出处|出處"
)
_CLAUSE = regex.compile(r"[,，;；]\s*\p{Han}{4,}")
_BRACKETED = regex.compile(r"^[(（\[【].*[)）\]】]$")  # a caption credit, not a byline
_SENTENCE_END = regex.compile(r"[。！？!?]\s*$")


def find_date(text: str) -> str | None:
    """The first full date in `text` as ISO `YYYY-MM-DD[ HH:MM[:SS]]`."""
    m = _DATE.search(text)
    if not m:
        return None
    y, mo, d, h, mi, s = m.groups()
    if not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31):
        return None
    out = f"{y}-{int(mo):02d}-{int(d):02d}"
    if h is not None:
        out += f" {int(h):02d}:{mi}" + (f":{s}" if s else "")
    return out


# What each byline field cannot do without, in the normalised view (NFKC, Simplified,
# case-folded; both scripts listed where the patterns above list both).
_YEAR_STARTS = ("19", "20")  # _DATE
_VIEW_WORDS = ("阅读", "閱讀", "浏览", "瀏覽", "view", "点击", "點擊")  # _VIEWS
_FIELD_WORDS = ("作", "文", "记者", "發布者", "发布者", "楼主", "来源", "來源", "出处", "出處", "稿源", "转自", "轉自")
_FIELD_SEPARATORS = (":", "/", "丨", "|")  # _FIELD, once NFKC has folded "：" and "／"


def _any_of(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(map(re.escape, words)))


_NUMBER_HINT, _FIELD_SEPARATOR, _FIELD_WORD = (
    _any_of(_YEAR_STARTS + _VIEW_WORDS), _any_of(_FIELD_SEPARATORS), _any_of(_FIELD_WORDS)
)


def may_be_byline(norm: str, digits: int) -> bool:
    """False when a line's normalised view cannot be a byline: the cheap test before `read_byline`.

    A byline has a date or view count (digits plus a year, a time or a view word) or an
    author/source field (a marker word plus a separator). `digits` is features["digits"].
    """
    if digits and (_NUMBER_HINT.search(norm) or ("-" in norm and ":" in norm)):  # ":" and "-": _SHORT_DATE
        return True
    return _FIELD_SEPARATOR.search(norm) is not None and _FIELD_WORD.search(norm) is not None


def read_byline(text: str) -> dict[str, str] | None:
    """Fields of a byline line (author, date, source, views), or None if it is not one.

    A byline is a short line carrying a date or a marker such as 作者/来源/发布时间,
    and no sentence of prose.
    """
    line = nfkc(text).strip()
    if not line or len(line) > 90 or "。" in line or _SENTENCE_END.search(line):
        return None  # a byline states facts; it has no full stop
    if _BRACKETED.match(line):
        return None
    found: dict[str, str] = {}
    date = find_date(line)
    has_date = date is not None or _SHORT_DATE.search(line) is not None
    if date:
        found["date"] = date
    for key, pattern in _FIELD.items():
        m = pattern.search(line)
        if m:
            found[key] = m.group(1).strip()
    views = _VIEWS.search(line)
    if views:
        found["views"] = views.group(1) or views.group(2)
    if not has_date and not found:
        return None
    rest = _DATE.sub("", line)
    if len(rest) > 25 and _CLAUSE.search(rest):
        return None  # a sentence that happens to start with a date
    if has_date and not _MARKER.search(line) and not views:
        # A bare date, or a name glued to a date: `何仪聊巨大的世界2024-10-23 11:23:26  117`.
        head = rest.strip().split()
        if len(rest.strip()) > 30:
            return None
        if head and "author" not in found and regex.match(r"^\p{Han}[\p{Han}\w]{1,15}$", head[0]):
            found["author"] = head[0]
    if "date" not in found and not (found.keys() & {"author", "source", "views"}):
        return None
    return found
