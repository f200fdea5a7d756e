"""How much of cleanweb's dev-set score survives changes an unseen page may bring.

    python bench/robustness.py [--devset ../shared/devset] [--input html|text]
                               [--variants orig,random-class,...] [--worst N]

The dev set is small, and rules tuned on it may lean on what its pages happen to
share. Each variant rewrites every page the same way and scores it again with the
dev-set scorer, so a drop shows what the extractor depends on:

- HTML: `random-class` (class and id values replaced by random tokens, as CSS
  modules and obfuscating sites do; the same value keeps the same token), `no-class`
  (class and id removed, as on old table-layout pages), `no-html5` (nav, header,
  footer, aside, main, article and section turned into div), `bare` (both of the last
  two), `traditional` (the page converted to Traditional script with OpenCC).
- Page text: `traditional`, `blank-lines` (a blank line between blocks),
  `crlf-indent` (CRLF line ends and ideographic-space indents), `no-bullets` (list
  markers `* ` removed), `nbsp` (spaces as no-break spaces).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
from collections.abc import Callable
from pathlib import Path

import opencc
import regex

sys.path.insert(0, str(Path(__file__).resolve().parent))

from devset import DEFAULT_DEVSET, bigram_prf, pages  # noqa: E402

_ATTR = regex.compile(r"""\s(class|id)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", regex.I)
_HTML5 = regex.compile(r"<(/?)(?:article|nav|header|footer|aside|main|section)\b", regex.I)
_S2T = opencc.OpenCC("s2t")


def random_classes(html: str) -> str:
    """Every class/id token replaced by a random one; equal tokens stay equal."""
    rng = random.Random(len(html))
    names: dict[str, str] = {}

    def token(word: str) -> str:
        return names.setdefault(word, "x" + "".join(rng.choice("abcdefghjkmnpqrstuvwxyz") for _ in range(6)))

    def sub(match: regex.Match) -> str:
        value = match.group(2).strip("\"'")
        return f' {match.group(1)}="{" ".join(map(token, value.split()))}"'

    return _ATTR.sub(sub, html)


def no_classes(html: str) -> str:
    return _ATTR.sub("", html)


def no_html5(html: str) -> str:
    return _HTML5.sub(lambda m: f"<{m.group(1)}div", html)


HTML_VARIANTS: dict[str, Callable[[str], str]] = {
    "orig": lambda h: h,
    "random-class": random_classes,
    "no-class": no_classes,
    "no-html5": no_html5,
    "bare": lambda h: no_html5(no_classes(h)),
    "traditional": _S2T.convert,
}

TEXT_VARIANTS: dict[str, Callable[[str], str]] = {
    "orig": lambda t: t,
    "traditional": _S2T.convert,
    "blank-lines": lambda t: t.replace("\n", "\n\n"),
    "crlf-indent": lambda t: "\r\n".join("\u3000\u3000" + line for line in t.split("\n")),
    "no-bullets": lambda t: regex.sub(r"(?m)^\* ", "", t),
    "nbsp": lambda t: t.replace(" ", "\u00a0"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEFAULT_DEVSET)
    parser.add_argument("--input", choices=("html", "text"), default="html")
    parser.add_argument("--variants", help="comma-separated subset of the variants")
    parser.add_argument("--worst", type=int, default=5, help="pages that lose most, per variant")
    args = parser.parse_args(argv)

    import cleanweb
    from cleanweb.decode import decode

    table = HTML_VARIANTS if args.input == "html" else TEXT_VARIANTS
    names = args.variants.split(",") if args.variants else list(table)
    unknown = [n for n in names if n not in table]
    if unknown:
        parser.error(f"unknown variant(s) {unknown}; known: {list(table)}")
    if "orig" not in names:
        names.insert(0, "orig")
    pipe = cleanweb.Pipeline.default()
    scores: dict[str, dict[str, float]] = {n: {} for n in names}
    for page in pages(args.devset, "all"):
        name = page["name"]
        suffix = ".html" if args.input == "html" else ".page.txt"
        source = decode((args.devset / f"{name}{suffix}").read_bytes())
        gold = (args.devset / f"{name}.gold.txt").read_text("utf-8")
        for variant in names:
            result = cleanweb.clean(table[variant](source), kind=args.input, url=page.get("url") or None, pipeline=pipe)
            scores[variant][name] = bigram_prf(result.text, gold)[2]

    base = scores["orig"]
    print(f"dev set, {len(base)} pages, {args.input} input; F1 per variant (drop against orig)")
    print("| variant | F1 mean | drop | F1 median | <0.5 |")
    print("|---|---|---|---|---|")
    for variant in names:
        f1 = list(scores[variant].values())
        drop = statistics.mean(base.values()) - statistics.mean(f1)
        print(f"| {variant} | {statistics.mean(f1):.3f} | {drop:+.3f} | {statistics.median(f1):.3f} | {sum(f < 0.5 for f in f1)} |")
    for variant in names[1:]:
        losers = sorted(base, key=lambda n: scores[variant][n] - base[n])[: args.worst]
        shown = [f"{n} {base[n]:.2f}->{scores[variant][n]:.2f}" for n in losers if scores[variant][n] < base[n] - 0.01]
        if shown:
            print(f"{variant}: " + "; ".join(shown))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
