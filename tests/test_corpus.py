"""JSON Lines corpora: plain, gzip and zstd in and out, fields passed through, empties counted."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

import cleanweb
from cleanweb.cli import main
from cleanweb.corpus import INFO_KEY, iter_lines, open_read, open_write
from cleanweb.output import MANIFEST_NAME

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
NOISE_ONLY = "\u3000\u3000\n \n\t\n"  # indentation and blank lines only: cleans to nothing


def _records() -> list[dict]:
    pages = [p.read_text("utf-8") for p in sorted(SEEDS.iterdir())]
    records = [
        {"id": f"doc-{i}", "url": f"https://example.cn/{i}", "score": 0.5 + i, "tags": ["a", {"b": None}], "content": page}
        for i, page in enumerate(pages * 2)
    ]
    records.insert(3, {"id": "empty", "url": "https://example.cn/e", "content": NOISE_ONLY})
    return records


def _write(path: Path, records: list[dict], extra_lines: list[str] = ()) -> None:
    with open_write(path) as fh:
        for r in records:
            fh.write((json.dumps(r, ensure_ascii=False) + "\n").encode())
        for line in extra_lines:
            fh.write((line + "\n").encode())


def _read(path: Path) -> list[dict]:
    with open_read(path) as fh:
        return [json.loads(line) for line in fh]


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".jsonl.zst"])
def test_corpus_round_trip_passes_other_fields_through(tmp_path, suffix):
    records = _records()
    src, dest = tmp_path / f"in{suffix}", tmp_path / "out" / f"clean{suffix}"
    _write(src, records)
    code = main(["clean", str(src), "-o", str(dest), "--text-field", "content", "--id-field", "id", "-j", "2", "-q"])
    assert code == 0
    out = _read(dest)
    kept = [r for r in records if r["id"] != "empty"]
    assert [r["id"] for r in out] == [r["id"] for r in kept]  # input order, the emptied one dropped
    for before, after in zip(kept, out, strict=True):
        expected = cleanweb.clean(before["content"])
        assert after["content"] == expected.text
        assert {k: v for k, v in after.items() if k not in ("content", INFO_KEY)} == {
            k: v for k, v in before.items() if k != "content"
        }
        assert after[INFO_KEY]["title"] == expected.title
        assert sum(after[INFO_KEY]["removed"].values()) == len(expected.removed)
    assert list(out[0]) == ["id", "url", "score", "tags", "content", INFO_KEY]  # key order kept


def test_gzip_output_is_really_gzip_and_reproducible(tmp_path):
    src = tmp_path / "in.jsonl"
    _write(src, _records()[:3])
    a, b = tmp_path / "a" / "c.jsonl.gz", tmp_path / "b" / "c.jsonl.gz"
    for dest in (a, b):
        assert main(["clean", str(src), "-o", str(dest), "--text-field", "content", "-q"]) == 0
    assert a.read_bytes()[:2] == b"\x1f\x8b"
    assert a.read_bytes() == b.read_bytes()
    with gzip.open(a, "rt", encoding="utf-8") as fh:
        assert len(fh.readlines()) == 3


def test_emptied_records_are_counted_or_kept(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    _write(src, _records()[:5])
    dest = tmp_path / "o1" / "c.jsonl"
    assert main(["clean", str(src), "-o", str(dest), "--text-field", "content"]) == 0
    assert "5 records (1 emptied, dropped)" in capsys.readouterr().err
    assert "empty" not in [r["id"] for r in _read(dest)]
    dest2 = tmp_path / "o2" / "c.jsonl"
    assert main(["clean", str(src), "-o", str(dest2), "--text-field", "content", "--keep-empty", "-q"]) == 0
    kept = {r["id"]: r for r in _read(dest2)}
    assert kept["empty"]["content"] == ""
    assert kept["empty"][INFO_KEY]["title"] is None
    assert kept["empty"][INFO_KEY]["removed"] == {}
    assert kept["empty"]["url"] == "https://example.cn/e"


def test_bad_records_are_named_by_line_and_id(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    good = _records()[:2]
    _write(src, good, ['{"id": "x1", "content": 5}', "not json at all", "[1, 2]"])
    out = tmp_path / "out"
    assert main(["clean", str(src), "-o", str(out), "--text-field", "content", "--id-field", "id", "-q"]) == 1
    manifest = [json.loads(x) for x in (out / MANIFEST_NAME).read_text("utf-8").splitlines()]
    assert [(m["path"], m["kind"]) for m in manifest] == [
        (f"{src}:3", "input"),
        (f"{src}:4", "input"),
        (f"{src}:5", "input"),
    ]
    assert "no string field 'content'" in manifest[0]["message"]
    assert "not a JSON object" in manifest[1]["message"]
    assert [r["id"] for r in _read(out / "in.jsonl")] == ["doc-0", "doc-1"]


def test_folder_of_corpora_mirrors_names(tmp_path):
    src = tmp_path / "in"
    (src / "part").mkdir(parents=True)
    _write(src / "part" / "a.jsonl.gz", [{"text": "今天天气很好，我们一起去公园散步，看到了很多盛开的花。"}])
    out = tmp_path / "out"
    assert main(["clean", str(src), "-o", str(out), "-q"]) == 0
    assert _read(out / "part" / "a.jsonl.gz")[0]["text"] == "今天天气很好，我们一起去公园散步，看到了很多盛开的花。\n"


def test_truncated_gzip_keeps_what_was_read_and_reports(tmp_path, capsys):
    src = tmp_path / "in.jsonl.gz"
    _write(src, _records())
    data = src.read_bytes()
    src.write_bytes(data[: len(data) // 2])
    out = tmp_path / "out"
    assert main(["clean", str(src), "-o", str(out), "--text-field", "content", "-q"]) == 1
    assert "unreadable: corpus read stopped" in capsys.readouterr().err


def test_iter_lines_skips_blank_lines_and_numbers_from_one(tmp_path):
    path = tmp_path / "c.jsonl"
    path.write_bytes(b'{"a":1}\n\n  \n{"a":2}\r\n')
    assert list(iter_lines(path)) == [(1, b'{"a":1}'), (4, b'{"a":2}')]


def test_open_write_leaves_nothing_when_interrupted(tmp_path):
    dest = tmp_path / "c.jsonl.gz"
    with pytest.raises(KeyboardInterrupt), open_write(dest) as fh:
        fh.write(b'{"a":1}\n')
        raise KeyboardInterrupt
    assert list(tmp_path.iterdir()) == []


def _warc(path: Path, pages: list[tuple[str, str, bytes]]) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=str(path).endswith(".gz"))
        for url, ctype, body in pages:
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=http))
        writer.write_record(writer.create_warc_record("https://example.cn/", "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")))


def test_warc_responses_become_jsonl_records(tmp_path):
    page = SEEDS.glob("000_*").__next__().read_text("utf-8")
    html = ("<html><head><meta charset='gbk'></head><body>" + "".join(f"<p>{line}</p>" for line in page.splitlines()) + "</body></html>").encode("gbk", "replace")
    src = tmp_path / "in" / "crawl.warc.gz"
    src.parent.mkdir()
    _warc(src, [
        ("https://example.cn/a", "text/html; charset=gbk", html),
        ("https://example.cn/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
        ("https://example.cn/b", "text/plain", page.encode("utf-8")),
    ])
    out = tmp_path / "out"
    assert main(["clean", str(src.parent), "-o", str(out), "-q"]) == 0
    records = _read(out / "crawl.jsonl.gz")  # a WARC comes out as JSON Lines
    assert [r["url"] for r in records] == ["https://example.cn/a", "https://example.cn/b"]  # the image is skipped
    assert records[0]["text"] == cleanweb.clean(html).text
    assert records[1]["text"] == cleanweb.clean(page.encode("utf-8")).text
    assert "美国限售GPU芯片" in records[1]["text"]
    assert records[0]["warc_record_id"].startswith("<urn:uuid:") and records[0]["warc_date"]
    assert records[0][INFO_KEY]["meta"]["encoding"] == "gb18030"
