"""Time `cleanweb.clean` on adversarial inputs at two sizes: linear code takes ~10x at 10x size.

    python bench/adversarial.py                    # every pattern at 1 MB and 10 MB
    python bench/adversarial.py --sizes 0.1,1 -p gt_run,short_lines
    python bench/adversarial.py --regexes          # every compiled regex in the package, alone
    python bench/adversarial.py --sizes 80 -p long_line   # the 80 MB single-line page

For each pattern it prints seconds, seconds per MB and the ratio of the times at the
last and first size divided by the size ratio ("norm"): ~1 is linear, >>1 super-linear.
A run that exceeds `--budget` seconds is stopped by clean()'s own time budget and
reported as such. `--regexes` times each module-level pattern, rule table and lexicon
of the package on runs of one character at n and 10n characters, which finds a
quadratic regex even where today's filters happen not to reach it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import cleanweb  # noqa: E402
from cleanweb.errors import BudgetExceeded, CleanwebError  # noqa: E402
from cleanweb.guard import time_budget  # noqa: E402

PROSE = "今天上午，市政府召开新闻发布会，介绍了今年前三季度全市经济运行的总体情况。"


def _fill(unit: str, size: int, head: str = "", tail: str = "") -> str:
    """`unit` repeated to about `size` UTF-8 bytes, between `head` and `tail`."""
    n = max(1, size // len(unit.encode("utf-8")))
    return head + unit * n + tail


def _nested(tag: str) -> Callable[[int], str]:
    def make(size: int) -> str:
        depth = max(1, size // (2 * len(tag) + 5))
        return f"<html><body>{f'<{tag}>' * depth}{PROSE}{f'</{tag}>' * depth}</body></html>"

    return make


# name -> generator of an adversarial page of about `size` bytes.
PATTERNS: dict[str, Callable[[int], str]] = {
    "han_run": lambda s: _fill("啊", s),
    "letter_run": lambda s: _fill("a", s),
    "digit_run": lambda s: _fill("1", s),
    "space_run": lambda s: _fill(" ", s, "作者", "x"),
    "space_run_digit": lambda s: _fill(" ", s, "1", "x"),
    "phone_spaces": lambda s: _fill(" ", s, "电话", "x"),
    "ideographic_space_run": lambda s: _fill("\u3000", s, "正文", "x"),
    "tab_run": lambda s: _fill("\t", s, "a", "b"),
    "pipe_run": lambda s: _fill("|", s),
    "gt_run": lambda s: _fill(">", s, "", "x"),
    "dash_run": lambda s: _fill("-", s),
    "comma_run": lambda s: _fill(",", s),
    "fullwidth_comma_run": lambda s: _fill("，", s),
    "question_run": lambda s: _fill("?", s),
    "period_run": lambda s: _fill("。", s),
    "menu_items": lambda s: _fill("首页 | ", s),
    "breadcrumb_gt": lambda s: _fill("新闻 > ", s),
    "pinyin_parens": lambda s: _fill("竞(jìng)", s),
    "letter_parens": lambda s: _fill("(a)", s),
    "open_parens": lambda s: _fill("(", s),
    "brackets": lambda s: _fill("【", s),
    "short_lines": lambda s: _fill("首页\n", s),
    "blank_lines": lambda s: _fill("\n", s, PROSE + "\n", PROSE),
    "long_line": lambda s: _fill(PROSE, s),
    "prose_lines": lambda s: _fill(PROSE + "\n", s),
    "mojibake_kun": lambda s: _fill("锟斤拷", s),
    "mojibake_tang": lambda s: _fill("烫烫烫屯屯屯", s),
    "replacement_chars": lambda s: _fill("\ufffd", s),
    "entity_amp": lambda s: _fill("&amp;", s),
    "entity_numeric": lambda s: _fill("&#12345;", s),
    "entity_bare": lambda s: _fill("&", s),
    "entity_nbsp_text": lambda s: _fill("&nbsp;文", s),
    "open_tag_unclosed": lambda s: _fill("x", s, "<a "),
    "lt_run": lambda s: _fill("<", s),
    "tag_run": lambda s: _fill("<b>", s),
    "date_run": lambda s: _fill("2024年10月23日 ", s),
    "counter_digits": lambda s: _fill("1", s, "", "x"),
    "nested_div": _nested("div"),
    "nested_span": _nested("span"),
    "nested_b": _nested("b"),
    "nested_a": _nested("a"),
    "nested_table": _nested("table"),
    "nested_p": _nested("p"),
}


def time_clean(text: str, budget: float) -> tuple[float, str]:
    """Seconds clean() took on `text`, and its outcome ("ok", "timeout" or an error kind)."""
    t0 = time.perf_counter()
    try:
        cleanweb.clean(text, budget=budget)
        outcome = "ok"
    except BudgetExceeded:
        outcome = "timeout"
    except CleanwebError as exc:
        outcome = exc.kind
    return time.perf_counter() - t0, outcome


def run_patterns(names: list[str], sizes: list[float], budget: float) -> list[str]:
    """Print a row per pattern; return the names that are not linear."""
    print(f"{'pattern':<24}" + "".join(f"{f'{s:g} MB s':>12}{'s/MB':>8}" for s in sizes)
          + f"{'ratio':>8}{'norm':>7}  outcome")
    bad = []
    cleanweb.clean(PROSE)  # build the default pipeline outside the timings
    for name in names:
        row, times, outcomes = f"{name:<24}", [], []
        for mb in sizes:
            text = PATTERNS[name](int(mb * 1_000_000))
            real_mb = len(text.encode("utf-8")) / 1e6
            seconds, outcome = time_clean(text, budget)
            del text
            times.append((seconds, real_mb))
            outcomes.append(outcome)
            row += f"{seconds:>12.3f}{seconds / real_mb:>8.3f}"
            if sys.stdout.isatty():
                print(row, end="\r", flush=True)
        (t_lo, mb_lo), (t_hi, mb_hi) = times[0], times[-1]
        ratio = t_hi / max(t_lo, 1e-9)
        norm = ratio / (mb_hi / mb_lo)
        print(f"{row}{ratio:>8.1f}{norm:>7.2f}  {','.join(outcomes)}", flush=True)
        # Small timings are noisy; a pattern is flagged when it is both slow and super-linear.
        if "timeout" in outcomes or (norm > 2.0 and t_hi > 1.0):
            bad.append(name)
    return bad


def _package_regexes() -> list[tuple[str, object]]:
    """Every compiled pattern the package holds: module globals, rule tables, lexicons."""
    import importlib
    import pkgutil

    import regex

    from cleanweb import patterns

    found: list[tuple[str, object]] = []
    mods = [m.name for m in pkgutil.walk_packages(cleanweb.__path__, "cleanweb.")]
    for modname in mods:
        if modname.endswith("__main__"):
            continue  # importing it would run the command line
        try:
            mod = importlib.import_module(modname)
        except ImportError:
            continue
        for attr, value in vars(mod).items():
            if isinstance(value, (regex.Pattern, type(__import__("re").compile("")))):
                found.append((f"{modname}.{attr}", value))
    data = Path(cleanweb.__file__).parent / "data"
    for path in sorted(data.glob("*_patterns.txt")):
        for rule, pattern in patterns.load_rules(path.stem):
            found.append((f"{path.name}:{rule}:{pattern.pattern[:30]}", pattern))
    # Word lists are Aho-Corasick automata (ahocorasick-rs): linear by construction, no regex.
    return found


# Runs of one character (with a non-matching tail) that drive backtracking.
_REGEX_PROBES = [
    " ", "\u3000", "\t", "1", "a", "啊", "|", ">", "-", ",", "，", "?", ".", "(", "<", "&", "/",
    "#", "_", "【", "年", ":", "：", "»", "•", "\n",
]


def _best_of(repeat: int, pattern, text) -> float:
    """Least seconds of `repeat` sub+findall runs (timings this small are noisy)."""
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        pattern.sub(text[:0], text)
        pattern.findall(text)
        best = min(best, time.perf_counter() - t0)
        if best > 0.5:
            break
    return best


def run_regexes(n: int, limit: float = 2.0) -> list[str]:
    """Time each regex's search, findall and sub on probes of n and 10n chars; list the slow."""
    bad = []
    for name, pattern in _package_regexes():
        worst = (0.0, "", 0.0)
        for ch in _REGEX_PROBES:
            for head, tail in (("", "\x01"), ("1", "x"), ("电话", "x"), ("a", "b")):
                cost = []
                for size in (n, 10 * n):
                    text = head + ch * size + tail
                    if isinstance(pattern.pattern, bytes):
                        text = text.encode("utf-8")
                    try:
                        with time_budget(limit):  # an exponential pattern never returns
                            cost.append(_best_of(3, pattern, text))
                    except BudgetExceeded:
                        cost.append(float("inf"))
                        break
                ratio = cost[-1] / max(cost[0], 1e-6) if len(cost) == 2 else float("inf")
                # Linear is 10x; allow noise on tiny timings.
                if cost[-1] > worst[2] and ratio > 30 and cost[-1] > 0.02:
                    worst = (ratio, repr(head + ch + tail), cost[-1])
        if worst[1]:
            print(f"SUPER-LINEAR {name}: probe {worst[1]} x{n}->x{10 * n}: ratio {worst[0]:.0f},"
                  f" {worst[2]:.3f} s", flush=True)
            bad.append(name)
    print(f"{len(bad)} super-linear regexes")
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1,10", help="MB sizes, comma-separated (default 1,10)")
    ap.add_argument("-p", "--patterns", default="", help="comma-separated names (default all)")
    ap.add_argument("--budget", type=float, default=120.0, help="seconds per document")
    ap.add_argument("--regexes", action="store_true", help="time each package regex alone")
    ap.add_argument("-n", type=int, default=2000, help="probe length for --regexes")
    ap.add_argument("--list", action="store_true", help="list the pattern names")
    args = ap.parse_args(argv)
    if args.list:
        print("\n".join(PATTERNS))
        return 0
    if args.regexes:
        return 1 if run_regexes(args.n) else 0
    names = [p for p in args.patterns.split(",") if p] or list(PATTERNS)
    unknown = set(names) - set(PATTERNS)
    if unknown:
        ap.error(f"unknown pattern(s) {sorted(unknown)}; see --list")
    sizes = [float(s) for s in args.sizes.split(",")]
    bad = run_patterns(names, sizes, args.budget)
    print(f"not linear: {', '.join(bad) if bad else 'none'}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
