"""The `cleanweb clean` command: tree mirroring, formats, stdin, limits, resume, guards, exit codes."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import cleanweb
from cleanweb.cli import main
from cleanweb.output import MANIFEST_NAME, TEMP_SUFFIX

SEEDS = Path(__file__).resolve().parents[1] / "fixtures" / "seeds"
ARTICLE = (
    "标题:城市河道治理取得新进展\n"
    "首页\n新闻\n体育\n财经\n"
    "今年以来，我市持续推进河道综合治理工程，沿岸生态环境得到明显改善。工程分三期实施，目前第一期已经完工。\n"
    "据介绍，治理工程包括清淤、护岸和绿化三个部分，计划在明年底全部完成，届时河水将常年保持清澈。\n"
    "返回列表\n"
)


def _tree(root: Path) -> dict[str, Path]:
    """a/b.html (HTML), c.txt (page text), a/deep/d.htm, and a file cleanweb ignores."""
    (root / "a" / "deep").mkdir(parents=True)
    files = {
        "a/b.html": "<html><body><p>" + ARTICLE.replace("\n", "</p><p>") + "</p></body></html>",
        "c.txt": ARTICLE,
        "a/deep/d.htm": "<html><body><div>" + ARTICLE.replace("\n", "<br>") + "</div></body></html>",
        "notes.md": "not a page",
    }
    paths = {}
    for rel, text in files.items():
        p = root / rel
        p.write_text(text, "utf-8")
        paths[rel] = p
    return paths


def _digest(root: Path) -> dict[str, tuple[str, int]]:
    return {
        str(p.relative_to(root)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_clean_mirrors_tree_and_matches_the_api(tmp_path, capsys):
    src, out = tmp_path / "in", tmp_path / "out"
    paths = _tree(src)
    assert main(["clean", str(src), "-o", str(out), "-j", "2"]) == 0
    made = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert made == ["a/b.txt", "a/deep/d.txt", "c.txt"]
    for rel in ("a/b.html", "c.txt", "a/deep/d.htm"):
        expected = cleanweb.clean(paths[rel].read_bytes()).text
        assert (out / rel).with_suffix(".txt").read_text("utf-8") == expected
    text = (out / "c.txt").read_text("utf-8")
    assert "今年以来，我市持续推进河道综合治理工程" in text
    assert "返回列表" not in text and "体育" not in text
    err = capsys.readouterr().err
    assert "cleaned 3 files" in err and "failures: 0" in err
    assert not (out / MANIFEST_NAME).exists()


def test_seed_outputs_equal_the_api_with_two_workers(tmp_path):
    out = tmp_path / "out"
    assert main(["clean", str(SEEDS), "-o", str(out), "-j", "2", "-q"]) == 0
    for seed in sorted(SEEDS.iterdir()):
        assert (out / seed.name).read_text("utf-8") == cleanweb.clean(seed.read_bytes()).text


def test_jsonl_format_record(tmp_path):
    page = tmp_path / "in" / "p.txt"
    page.parent.mkdir()
    page.write_text(ARTICLE, "utf-8")
    out = tmp_path / "out"
    assert main(["clean", str(page), "-o", str(out), "--format", "jsonl", "-q"]) == 0
    lines = (out / "p.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    expected = cleanweb.clean(page.read_bytes())
    assert record["path"] == str(page)
    assert record["text"] == expected.text
    assert record["title"] == expected.title
    assert set(record) == {"path", "text", "title", "meta", "removed"}
    counts: dict[str, int] = {}
    for r in expected.removed:
        counts[r.filter] = counts.get(r.filter, 0) + 1
    assert record["removed"] == counts and counts["navigation"] >= 4


def test_stdin_to_stdout_and_traditional_target():
    run = subprocess.run(
        [sys.executable, "-m", "cleanweb.cli", "clean", "-", "--to", "traditional"],
        input=ARTICLE.encode(), capture_output=True, check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.decode() == cleanweb.clean(ARTICLE, to="traditional").text
    assert "治理工程包括清淤、護岸和綠化三個部分" in run.stdout.decode()


def test_stdout_on_a_full_disk_is_a_clear_error():
    with open("/dev/full", "wb") as full:
        run = subprocess.run(
            [sys.executable, "-m", "cleanweb.cli", "clean", "-"],
            input=ARTICLE.encode(), stdout=full, stderr=subprocess.PIPE, check=False,
        )
    assert run.returncode == 1
    assert b"No space left on device" in run.stderr and b"Traceback" not in run.stderr


@pytest.mark.parametrize(
    "argv, message",
    [
        (["clean", "SRC"], "-o/--output is required"),
        (["clean", "SRC/nope", "-o", "OUT"], "no such file or folder"),
        (["clean", "SRC", "-", "-o", "OUT"], "can not be mixed"),
        (["clean", "SRC", "-o", "OUT/x.jsonl"], "give exactly one .jsonl"),
    ],
)
def test_usage_errors_exit_2(tmp_path, capsys, argv, message):
    (tmp_path / "src").mkdir()
    argv = [a.replace("SRC", str(tmp_path / "src")).replace("OUT", str(tmp_path / "out")) for a in argv]
    assert main(argv) == 2
    assert message in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["clean", "x", "-o", "y", "-j", "many"], ["clean", "x", "-o", "y", "--max-bytes", "lots"]])
def test_bad_option_values_exit_2(argv):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2


def test_output_inside_input_folder_is_refused_unless_allowed(tmp_path, capsys):
    src = tmp_path / "in"
    _tree(src)
    before = _digest(src)
    assert main(["clean", str(src), "-o", str(src / "cleaned"), "-q"]) == 1
    assert "inside input folder" in capsys.readouterr().err
    assert _digest(src) == before  # nothing written
    assert main(["clean", str(src), "-o", str(src / "cleaned"), "--allow-inplace", "-q"]) == 0
    assert (src / "cleaned" / "c.txt").exists()
    # A second run does not clean its own earlier outputs.
    assert main(["clean", str(src), "-o", str(src / "cleaned"), "--allow-inplace", "-q"]) == 0
    assert not (src / "cleaned" / "cleaned").exists()


def test_output_next_to_input_files_is_refused_but_a_subfolder_is_fine(tmp_path, capsys):
    paths = _tree(tmp_path / "in")
    page = paths["a/b.html"]
    assert main(["clean", str(page), "-o", str(page.parent), "-q"]) == 1
    assert "output folder is the folder of the input files" in capsys.readouterr().err
    assert not page.with_suffix(".txt").exists()
    assert main(["clean", str(page), "-o", str(page.parent / "clean"), "-q"]) == 0
    assert (page.parent / "clean" / "b.txt").exists()


def test_output_overwriting_an_input_is_refused_even_inplace(tmp_path, capsys):
    src = tmp_path / "in"
    paths = _tree(src)
    original = paths["c.txt"].read_bytes()
    assert main(["clean", str(src), "-o", str(src), "--allow-inplace", "-q"]) == 1
    err = capsys.readouterr().err
    assert "c.txt: refused: output would overwrite the input" in err
    assert paths["c.txt"].read_bytes() == original
    assert (src / "a" / "b.txt").exists()  # the .html pages were cleaned next to their sources


def test_inputs_are_never_modified(tmp_path):
    src = tmp_path / "in"
    _tree(src)
    before = _digest(src)
    assert main(["clean", str(src), "-o", str(tmp_path / "out"), "-j", "2", "-q"]) == 0
    assert _digest(src) == before


def test_binary_and_oversized_inputs_are_skipped_with_reasons(tmp_path, capsys):
    src = tmp_path / "in"
    _tree(src)
    (src / "logo.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (src / "big.txt").write_text(ARTICLE * 400, "utf-8")
    out = tmp_path / "out"
    assert main(["clean", str(src), "-o", str(out), "--max-bytes", "20K", "-q"]) == 1
    err = capsys.readouterr().err
    assert "logo.html: binary:" in err and "PNG" in err
    assert "big.txt: too-large: file is" in err and "--max-bytes limit of 20480" in err
    manifest = [json.loads(line) for line in (out / MANIFEST_NAME).read_text("utf-8").splitlines()]
    assert {(Path(m["path"]).name, m["kind"]) for m in manifest} == {("logo.html", "binary"), ("big.txt", "too-large")}
    assert not (out / "logo.txt").exists() and not (out / "big.txt").exists()
    assert (out / "c.txt").exists()  # the good files were still cleaned


def test_resume_skips_complete_outputs_and_redoes_stale_ones(tmp_path, capsys):
    src, out = tmp_path / "in", tmp_path / "out"
    paths = _tree(src)
    assert main(["clean", str(src), "-o", str(out), "-q"]) == 0
    done = (out / "c.txt").stat().st_mtime_ns
    (out / "a" / "deep" / "d.txt").unlink()  # never finished
    later = (out / "a" / "b.txt").stat().st_mtime_ns + 10**9
    os.utime(paths["a/b.html"], ns=(later, later))  # the input changed after its output
    capsys.readouterr()
    assert main(["clean", str(src), "-o", str(out), "--resume"]) == 0
    err = capsys.readouterr().err
    assert "skipped 1 inputs already done" in err and "cleaned 2 files" in err
    assert (out / "c.txt").stat().st_mtime_ns == done
    assert (out / "a" / "deep" / "d.txt").exists()


def test_output_under_a_file_is_a_clear_error(tmp_path, capsys):
    src = tmp_path / "in"
    _tree(src)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["clean", str(src), "-o", str(blocker / "out"), "-q"]) == 1
    err = capsys.readouterr().err
    assert "cannot write output" in err and "Not a directory" in err


def test_stale_temp_files_never_survive_a_run(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    _tree(src)
    assert main(["clean", str(src), "-o", str(out), "-j", "2", "-q"]) == 0
    assert not [p for p in out.rglob("*") if p.name.endswith(TEMP_SUFFIX)]


def test_explain_into_a_closed_pipe_is_quiet(tmp_path):
    page = tmp_path / "long.txt"
    page.write_text(ARTICLE * 3000, "utf-8")  # far more output than a pipe buffers
    run = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {sys.executable} -m cleanweb.cli explain {page} | head -1"],
        capture_output=True, check=False,
    )
    assert run.returncode == 0
    assert len(run.stdout.decode().splitlines()) == 1
    assert run.stderr == b""


def test_filters_lists_every_filter(capsys):
    assert main(["filters"]) == 0
    out = capsys.readouterr().out
    for name in ("spam", "navigation", "recommendation", "boilerplate", "body", "script", "normalize"):
        assert any(line.startswith(name + " ") for line in out.splitlines())


def _run_with_tty_stderr(argv: list[str]) -> str:
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # a 100-column terminal
    proc = subprocess.Popen([sys.executable, "-m", "cleanweb.cli", *argv], stderr=slave, stdout=subprocess.DEVNULL)
    os.close(slave)
    chunks = []
    while True:
        try:
            data = os.read(master, 4096)
        except OSError:  # the pty closes when the process ends
            break
        if not data:
            break
        chunks.append(data)
    proc.wait()
    os.close(master)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal_only_and_not_when_quiet(tmp_path):
    src = tmp_path / "in"
    _tree(src)
    shown = _run_with_tty_stderr(["clean", str(src), "-o", str(tmp_path / "o1"), "-j", "1"])
    frames = [part for part in shown.split("\r") if " files [" in part]  # tqdm redraws with \r
    assert frames[-1].startswith("3 files [") and frames[-1].endswith(" MB/s]")  # count, time, MB, MB/s
    quiet = _run_with_tty_stderr(["clean", str(src), "-o", str(tmp_path / "o2"), "-j", "1", "-q"])
    assert quiet == ""
    piped = subprocess.run(
        [sys.executable, "-m", "cleanweb.cli", "clean", str(src), "-o", str(tmp_path / "o3"), "-j", "1"],
        capture_output=True, text=True, check=True,
    )
    assert "files [" not in piped.stderr and "cleaned 3 files" in piped.stderr


def test_explain_of_a_binary_file_is_one_clear_line(tmp_path):
    png = tmp_path / "logo.html"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    run = subprocess.run([sys.executable, "-m", "cleanweb.cli", "explain", str(png)], capture_output=True, text=True, check=False)
    assert run.returncode == 1
    assert run.stderr.startswith(f"cleanweb: error: {png}: ") and "PNG" in run.stderr
    assert len(run.stderr.splitlines()) == 1


def test_bad_config_is_a_usage_error(tmp_path, capsys):
    cfg = tmp_path / "rules.toml"
    cfg.write_text("[filters]\ndisable = ['no-such-filter']\n", "utf-8")
    src = tmp_path / "in"
    _tree(src)
    assert main(["clean", str(src), "-o", str(tmp_path / "out"), "--config", str(cfg)]) == 2
    assert "unknown filter" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_two_inputs_with_one_output_name_are_not_silently_merged(tmp_path, capsys):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.html").write_text("<html><body><p>" + ARTICLE + "</p></body></html>", "utf-8")
    (src / "a.txt").write_text(ARTICLE, "utf-8")
    other = tmp_path / "other"
    other.mkdir()
    (other / "c.txt").write_text(ARTICLE, "utf-8")
    (src / "c.txt").write_text(ARTICLE.replace("今年", "去年"), "utf-8")
    out = tmp_path / "out"
    assert main(["clean", str(src), str(other), "-o", str(out), "-q"]) == 1
    err = capsys.readouterr().err
    assert f"{src / 'a.txt'}: refused: output {out / 'a.txt'} is already the output of {src / 'a.html'}" in err
    assert f"{other / 'c.txt'}: refused: output {out / 'c.txt'} is already the output of {src / 'c.txt'}" in err
    assert "去年以来" in (out / "c.txt").read_text("utf-8")  # the first input's output stands
