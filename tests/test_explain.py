"""`explain` and `removed` are two views of one Document and agree line for line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import cleanweb
from cleanweb.api import build_document
from cleanweb.explain import explain_lines
from cleanweb.pipeline import Pipeline

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"


def test_every_removed_line_is_explained_with_filter_and_rule():
    for seed in sorted(SEEDS.glob("*.txt")):
        doc = build_document(seed.read_bytes())
        Pipeline.default().run(doc)
        lines = list(explain_lines(doc, width=10_000))
        removed_lines = [line for line in lines if "  - " in line]
        removed = doc.removed()
        assert len(removed_lines) == len(removed)
        for line, r in zip(removed_lines, removed, strict=True):
            assert f"- {r.filter}:{r.rule}" in line
            assert line.split()[0] == (str(r.start) if r.start == r.end else f"{r.start}-{r.end}")
        source_lines = [x for x in seed.read_text("utf-8").splitlines() if x.strip()]
        block_lines = [x for x in lines if not x.lstrip().startswith("edit")]
        assert len(block_lines) == len(source_lines), seed.name


def test_api_removed_matches_document():
    seed = next(SEEDS.glob("004_*.txt"))
    result = cleanweb.clean(seed.read_bytes())
    assert result.removed == result.document.removed()
    assert all(r.text.strip() for r in result.removed)
    assert {r.filter for r in result.removed} >= {"boilerplate", "recommendation"}


def test_cli_explain_marks_kept_and_removed(tmp_path):
    seed = next(SEEDS.glob("001_*.txt"))
    out = subprocess.run(
        [sys.executable, "-m", "cleanweb.cli", "explain", str(seed), "--color", "never"],
        capture_output=True, text=True, check=True,
    ).stdout
    assert "- spam:stuffing" in out
    assert "TITLE" in out and "KEEP" in out
    assert "\033[" not in out
