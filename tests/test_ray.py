"""The Ray Data engine on a local 2-CPU Ray: byte-identical to the local engine; clean_dataset."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest
import ray  # the ray extra is part of the test install: pip install -e '.[test,ray]'
from test_thread import LEADING, LEADING_POSTS, THREAD_URL

import cleanweb
from cleanweb.cli import main

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "fixtures" / "seeds"


def _make_corpus_module():
    spec = importlib.util.spec_from_file_location("make_corpus", ROOT / "bench" / "make_corpus.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def _tree_bytes(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_ray_engine_matches_local_on_the_fixtures(local_ray, tmp_path):
    for engine in ("local", "ray"):
        for fmt in ("txt", "jsonl"):
            out = tmp_path / f"{engine}-{fmt}"
            argv = ["clean", str(SEEDS), "-o", str(out), "--format", fmt, "-j", "2", "-q"]
            assert main([*argv, "--engine", engine]) == 0
    for fmt in ("txt", "jsonl"):
        local, remote = _tree_bytes(tmp_path / f"local-{fmt}"), _tree_bytes(tmp_path / f"ray-{fmt}")
        assert len(local) == 5 and local == remote


def test_ray_engine_matches_local_on_a_bench_corpus_sample(local_ray, tmp_path):
    corpus = tmp_path / "sample.jsonl.gz"
    _make_corpus_module().write_corpus(corpus, target_bytes=600_000, seed=7)
    outs = {}
    for engine in ("local", "ray"):
        dest = tmp_path / engine / "clean.jsonl.gz"
        assert main(["clean", str(corpus), "-o", str(dest), "-j", "2", "-q", "--engine", engine]) == 0
        outs[engine] = dest.read_bytes()
    assert len(outs["local"]) > 10_000
    assert outs["local"] == outs["ray"]


def test_clean_dataset_maps_the_pipeline_over_a_dataset(local_ray):
    from cleanweb.engines.raydata import clean_dataset

    pages = [p.read_text("utf-8") for p in sorted(SEEDS.iterdir())]
    rows = [{"doc_id": i, "text": page, "url": ""} for i, page in enumerate(pages)]
    rows += [{"doc_id": 99, "text": " \n\u3000\n", "url": ""}, {"doc_id": 7, "text": LEADING, "url": THREAD_URL}]
    ds = clean_dataset(ray.data.from_items(rows), concurrency=2, batch_size=2)
    got = sorted(ds.take_all(), key=lambda r: r["doc_id"])
    assert [r["doc_id"] for r in got] == [0, 1, 2, 3, 4, 7]  # the empty page is dropped
    thread = got.pop()
    assert thread["text"] == LEADING_POSTS and json.loads(thread["meta"])["mode"] == "forum"  # url column read
    for row, page in zip(got, pages, strict=True):
        expected = cleanweb.clean(page)
        assert row["text"] == expected.text
        assert row["title"] == expected.title
        assert sum(json.loads(row["removed"]).values()) == len(expected.removed)
