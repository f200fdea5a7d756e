"""Fuzz `cleanweb.clean` with generated hostile inputs; report crashes and hangs.

    python bench/fuzz.py --cases 100000 --seed 1 -j 2
    python bench/fuzz.py --seed 1 --case 4711          # replay one case, show its traceback

Case i is generated from `Random(f"{seed}:{i}")` alone, so any case is replayed
exactly from its number. Inputs mix random bytes, strings from an alphabet of the
characters pages break on (CJK, separators, controls, lone surrogates, entities, tag
fragments), random nested HTML, and mutations (bit flips, truncation, splices, NULs,
re-encoding) of the seed pages in fixtures/seeds. Every case runs under clean()'s
time budget (`--budget`, in each worker process): a documented error (a CleanwebError
other than BudgetExceeded) is a pass, any other exception a crash, and BudgetExceeded
a hang. Failing inputs are written to `--out` for replay. Exit status 1 on any crash
or hang.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
import traceback
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import cleanweb  # noqa: E402
from cleanweb.errors import BudgetExceeded, CleanwebError  # noqa: E402

ALPHABET = (
    "的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也得里后自以会"
    "國學習發開關門說這們體為來鬥"
    "锟斤拷烫屯"
    "，。！？、；：“”‘’（）《》【】…—·"
    "|｜>›»•·-_/\\,.;:!?()[]{}<>&#=\"'*+~^%$@"
    "abcxyzABCXYZ0123456789"
    " \t\n\r\u3000\u00a0\u200b\ufeff\u2028\x0b\x0c\x1c\x85"
    "\x00\x01\x07\x1b\x7f\ud800\udfff\ufffd"
    "āáǎàōóǒòēéěèīíǐìūúǔùǖǘǚǜü"
    "ÃÂ¤¥¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾¿ä¸­æ–‡"
)
TOKENS = [
    "<div>", "</div>", "<p>", "</p>", "<a href='#'>", "</a>", "<br>", "<span>", "</span>",
    "<script>", "</script>", "<!--", "-->", "<table><tr><td>", "</td></tr></table>",
    "&amp;", "&nbsp;", "&#12345;", "&#x4e2d;", "&lt;", "&", "&#", "<", ">", "<?xml ?>",
    "<!DOCTYPE html>", "<meta charset=gbk>", "<title>", "</title>", "<ul><li>", "</li>",
    "首页", "新闻", "登录", "注册", "上一篇", "下一篇", "相关阅读", "热门推荐", "责任编辑：",
    "来源：", "作者：", "2024-10-23 11:23", "版权所有", "© 2024", "ICP备", "娱乐城", "彩票",
    "今天上午，市政府召开新闻发布会，介绍了经济运行情况。", "竞(jìng)争(zhēng)", "(a)(b)(c)",
    "\n", "\n\n", " | ", " > ", "锟斤拷", "?" * 5, "　　",
]
ENCODINGS = ["utf-8", "gb18030", "big5", "utf-16-le", "utf-16-be", "utf-8-sig", "latin-1"]


def seed_pages() -> list[bytes]:
    """The bundled seed pages (a mutation base); empty if the folder is missing."""
    folder = ROOT / "fixtures" / "seeds"
    return [p.read_bytes() for p in sorted(folder.glob("*")) if p.is_file()][:50]


def _text(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(ALPHABET) for _ in range(n))


def _tokens(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(TOKENS) if rng.random() < 0.7 else _text(rng, 3) for _ in range(n))


def _html(rng: random.Random, depth: int) -> str:
    if depth <= 0 or rng.random() < 0.2:
        return _tokens(rng, rng.randint(0, 6))
    tag = rng.choice(["div", "p", "span", "a", "li", "td", "b", "section", "article"])
    inner = "".join(_html(rng, depth - 1) for _ in range(rng.randint(1, 3)))
    close = f"</{tag}>" if rng.random() < 0.8 else ""
    return f"<{tag} class='{rng.choice(['nav', 'content', 'ad', 'footer', 'x'])}'>{inner}{close}"


def _encode(rng: random.Random, text: str) -> bytes:
    enc = rng.choice(ENCODINGS)
    return text.encode(enc, errors=rng.choice(["replace", "ignore", "surrogatepass"]) if "utf" in enc else "replace")


def _mutate(rng: random.Random, data: bytes) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        op = rng.randrange(7)
        pos = rng.randrange(len(buf) + 1)
        if op == 0 and buf:  # flip bits
            i = rng.randrange(len(buf))
            buf[i] ^= 1 << rng.randrange(8)
        elif op == 1:  # truncate, often inside a multi-byte character
            buf = buf[:pos]
        elif op == 2:  # insert NUL or control bytes
            buf[pos:pos] = bytes(rng.choice([0, 1, 0x1b, 0x7f]) for _ in range(rng.randint(1, 4)))
        elif op == 3 and buf:  # duplicate a slice many times
            j = min(len(buf), pos + rng.randint(1, 16))
            buf[pos:pos] = buf[pos:j] * rng.randint(2, 500)
        elif op == 4:  # splice a token in another encoding
            buf[pos:pos] = _encode(rng, _tokens(rng, 3))
        elif op == 5:  # delete a slice
            del buf[pos : pos + rng.randint(1, 64)]
        else:  # random bytes
            buf[pos:pos] = rng.randbytes(rng.randint(1, 32))
    return bytes(buf)


def make_case(seed: int, i: int, seeds: list[bytes]) -> str | bytes:
    """The input of case `i`: generated from (seed, i) alone."""
    rng = random.Random(f"{seed}:{i}")
    kind = rng.randrange(10)
    if kind == 0:
        return rng.randbytes(rng.randint(0, 2048))
    if kind == 1:
        return _text(rng, rng.randint(0, 400))
    if kind == 2:
        return _tokens(rng, rng.randint(0, 80))
    if kind == 3:
        return _encode(rng, _tokens(rng, rng.randint(0, 80)))
    if kind == 4:
        return _html(rng, rng.randint(1, 8))
    if kind == 5:
        return _encode(rng, _html(rng, rng.randint(1, 8)))
    if kind == 6:  # a run of one token: what makes regexes backtrack
        return rng.choice(TOKENS + list(ALPHABET)) * rng.randint(1, 2000) + rng.choice(["", "x", "\n"])
    if seeds and kind in (7, 8):  # a window of a real page (whole pages now and then: slow)
        page = rng.choice(seeds)
        if rng.random() < 0.02:
            return _mutate(rng, page)
        start = rng.randrange(len(page))
        return _mutate(rng, page[start : start + rng.randint(64, 4096)])
    return _mutate(rng, _encode(rng, _tokens(rng, rng.randint(1, 60))))


def case_mode(i: int) -> str:
    """Every third case runs in forum mode (ThreadFilter, DOM forum rules), the rest in auto."""
    return "forum" if i % 3 == 2 else "auto"


def run_case(seed: int, i: int, seeds: list[bytes], budget: float) -> tuple[str, str]:
    """(outcome, detail): "ok", "error:<kind>", "hang" or "crash"."""
    data = make_case(seed, i, seeds)
    try:
        cleanweb.clean(data, budget=budget, mode=case_mode(i))
    except BudgetExceeded as exc:
        return "hang", str(exc)
    except CleanwebError as exc:
        return f"error:{exc.kind}", ""
    except Exception as exc:  # noqa: BLE001 - a crash is what the fuzzer looks for
        where = traceback.extract_tb(exc.__traceback__)[-1]
        return "crash", f"{type(exc).__name__}: {exc} at {Path(where.filename).name}:{where.lineno}"
    return "ok", ""


_SEEDS: list[bytes] = []


def _init() -> None:
    _SEEDS.extend(seed_pages())
    cleanweb.clean("预热")  # build the default pipeline once per worker


def _chunk(args: tuple[int, int, int, float]) -> list[tuple[int, str, str]]:
    seed, start, stop, budget = args
    out = []
    for i in range(start, stop):
        outcome, detail = run_case(seed, i, _SEEDS, budget)
        out.append((i, outcome, detail))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--budget", type=float, default=10.0, help="seconds per case before a hang")
    ap.add_argument("--case", type=int, help="replay one case and print its traceback")
    ap.add_argument("--out", type=Path, default=Path("bench/fuzz-failures"))
    args = ap.parse_args(argv)
    if args.case is not None:
        data = make_case(args.seed, args.case, seed_pages())
        print(f"case {args.case}: {type(data).__name__} of {len(data)}: {data[:200]!r}")
        print(cleanweb.clean(data, budget=args.budget, mode=case_mode(args.case)).text[:500])
        return 0
    t0 = time.perf_counter()
    counts: Counter[str] = Counter()
    failures: list[tuple[int, str, str]] = []
    step = 200
    tasks = [(args.seed, s, min(s + step, args.cases), args.budget) for s in range(0, args.cases, step)]
    with Pool(args.jobs, initializer=_init) as pool:
        for done, results in enumerate(pool.imap_unordered(_chunk, tasks), 1):
            for i, outcome, detail in results:
                counts[outcome] += 1
                if outcome in ("crash", "hang"):
                    failures.append((i, outcome, detail))
                    print(f"{outcome} case {i}: {detail}", file=sys.stderr, flush=True)
            if done % 50 == 0 or done == len(tasks):
                n = sum(counts.values())
                print(f"{n} cases, {counts['crash']} crashes, {counts['hang']} hangs,"
                      f" {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
    seconds = time.perf_counter() - t0
    seeds = seed_pages()
    if failures:
        args.out.mkdir(parents=True, exist_ok=True)
        for i, outcome, detail in sorted(failures)[:200]:
            data = make_case(args.seed, i, seeds)
            suffix = "bin" if isinstance(data, bytes) else "txt"
            payload = data if isinstance(data, bytes) else data.encode("utf-8", "surrogatepass")
            (args.out / f"{outcome}-{args.seed}-{i}.{suffix}").write_bytes(payload)
            print(f"{outcome} case {i}: {detail}")
    total = sum(counts.values())
    print(f"fuzz seed={args.seed} cases={total} seconds={seconds:.0f} ({total / seconds:.0f}/s)")
    for outcome, n in sorted(counts.items()):
        print(f"  {outcome:<20} {n}")
    print(f"crashes={counts['crash']} hangs={counts['hang']}")
    return 1 if counts["crash"] or counts["hang"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
