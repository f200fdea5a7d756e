"""What a line rule's regular expression guarantees, so a page can be scanned once, not per line.

`required_literals`: strings at least one of which every match contains; a rule is
tried only on the lines holding one. `page_safe`: the pattern can be searched over all
lines joined by newlines without missing a line it matches on its own. Both read the
pattern with the standard library's parser and answer "no guarantee" for anything they
do not understand, so they can make a rule slower but never wrong.
"""

from __future__ import annotations

try:  # Python >= 3.11
    from re import _constants as C  # noqa: N812
    from re import _parser as parser
except ImportError:  # Python 3.10
    import sre_constants as C  # noqa: N812
    import sre_parse as parser

Need = frozenset[str] | None
_MAX_CLASS = 8  # a larger character class (all digits, say) matches too often to be worth scanning for


def required_literals(pattern: str, ignorecase: bool) -> Need:
    """Literals, one of which occurs in every match of `pattern`; None when there are none.

    With `ignorecase` the literals are lower case and meant for case-folded text;
    patterns with cased non-ASCII letters then answer None.
    """
    try:
        tree = parser.parse(pattern, C.SRE_FLAG_IGNORECASE if ignorecase else 0)
    except Exception:  # syntax only the `regex` module knows (\p{Han}, ...)
        return None
    if tree.state.flags & ~(C.SRE_FLAG_IGNORECASE | C.SRE_FLAG_UNICODE):
        return None  # inline flags such as (?x) or (?s): not worth analysing
    return _sequence(list(tree), ignorecase)


def page_safe(pattern: str) -> bool:
    """True if, searched with MULTILINE over newline-joined lines, `pattern` finds a match in
    every line it matches alone (it may also report matches across lines, checked later).

    Unsafe are what can fail where the end of a line used to be: possessive and atomic
    repeats, lookarounds, and the anchors for the start and end of the whole string.
    """
    try:
        tree = parser.parse(pattern, 0)
    except Exception:
        return False
    if tree.state.flags & ~(C.SRE_FLAG_IGNORECASE | C.SRE_FLAG_UNICODE):
        return False
    return _safe(list(tree))


_UNSAFE_AT = {C.AT_BEGINNING_STRING, C.AT_END_STRING}


def _safe(items: list) -> bool:
    for op, av in items:
        if op in (C.ASSERT, C.ASSERT_NOT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
            return False
        if op is getattr(C, "ATOMIC_GROUP", None) or op is C.GROUPREF:
            return False
        if op is C.AT and av in _UNSAFE_AT:
            return False
        if op is C.BRANCH and not all(_safe(list(alt)) for alt in av[1]):
            return False
        if op is C.SUBPATTERN and not _safe(list(av[3])):
            return False
        if op in (C.MAX_REPEAT, C.MIN_REPEAT) and not _safe(list(av[2])):
            return False
    return True


def _sequence(items: list, ignorecase: bool) -> Need:
    """The best need of a sequence: a run of literal characters or one item's need."""
    options: list[frozenset[str]] = []
    run = ""
    for op, av in items:
        char = _char(op, av, ignorecase)
        if char is not None:
            run += char
            continue
        if run:
            options.append(frozenset([run]))
            run = ""
        need = _item(op, av, ignorecase)
        if need:
            options.append(need)
    if run:
        options.append(frozenset([run]))
    if not options:
        return None
    return max(options, key=lambda s: (min(map(len, s)), -len(s)))


def _char(op: object, av: object, ignorecase: bool) -> str | None:
    if op is not C.LITERAL:
        return None
    return _fold(chr(av), ignorecase)  # type: ignore[arg-type]


def _fold(char: str, ignorecase: bool) -> str | None:
    if not ignorecase or char.lower() == char.upper():
        return char
    return char.lower() if char.isascii() else None


def _item(op: object, av: object, ignorecase: bool) -> Need:
    if op is C.IN:
        return _class(av, ignorecase)  # type: ignore[arg-type]
    if op is C.BRANCH:
        needs = [_sequence(list(alt), ignorecase) for alt in av[1]]  # type: ignore[index]
        if any(n is None for n in needs):
            return None
        return frozenset().union(*needs)  # type: ignore[arg-type]
    if op is C.SUBPATTERN:
        _group, add, delete, sub = av  # type: ignore[misc]
        return None if add or delete else _sequence(list(sub), ignorecase)
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) or op is getattr(C, "POSSESSIVE_REPEAT", None):
        low, _high, sub = av  # type: ignore[misc]
        return _sequence(list(sub), ignorecase) if low >= 1 else None
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _sequence(list(av), ignorecase)  # type: ignore[arg-type]
    return None  # anchors, lookarounds, any character, categories, back references


def _class(members: list, ignorecase: bool) -> Need:
    chars: set[str] = set()
    for op, av in members:
        if op is C.LITERAL:
            chars.add(chr(av))
        elif op is C.RANGE and av[1] - av[0] < _MAX_CLASS:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None  # negated classes, categories, wide ranges
    folded = {_fold(c, ignorecase) for c in chars}
    if None in folded or len(folded) > _MAX_CLASS:
        return None
    return frozenset(folded)  # type: ignore[arg-type]
