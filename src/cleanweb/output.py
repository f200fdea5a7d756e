"""Safe output: atomic writes, resume checks, the output-folder guard and the error manifest.

Every output file is written to a temporary name in its own folder and renamed into
place only when complete, so an interrupted run never leaves a half-written file and
an existing output is always whole (which is what `--resume` relies on).
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO

from .errors import CleanwebError

MANIFEST_NAME = "_cleanweb_errors.jsonl"
TEMP_SUFFIX = ".cleanweb-tmp"
# Write errors that no other file will escape either: the run stops on these.
FATAL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS})


class OutputError(CleanwebError, OSError):
    """The output can not be written (full disk, read-only or missing folder)."""


def temp_path(dest: Path) -> Path:
    """The temporary name `dest` is written under before the rename (same folder)."""
    return dest.with_name(f".{dest.name}.{os.getpid()}{TEMP_SUFFIX}")


def sweep_temps(dest: Path) -> None:
    """Remove temporary files any process left for `dest` (after a worker was killed)."""
    with contextlib.suppress(OSError):
        for tmp in dest.parent.glob(f".{dest.name}.*{TEMP_SUFFIX}"):
            with contextlib.suppress(OSError):
                tmp.unlink()


@contextlib.contextmanager
def atomic_open(dest: Path) -> Iterator[IO[bytes]]:
    """Open a temporary file next to `dest`; rename it onto `dest` only if the block succeeds."""
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file stands where the folder should be
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(dest.parent)) from None
    tmp = temp_path(dest)
    try:
        with open(tmp, "wb") as fh:
            yield fh
            fh.flush()
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def atomic_write(dest: Path, data: bytes) -> None:
    """Write `data` to `dest` atomically (temporary file + rename in the same folder)."""
    with atomic_open(dest) as fh:
        fh.write(data)


def is_fatal(exc: BaseException) -> bool:
    """True for write errors that will hit every output: full disk, quota, read-only."""
    return isinstance(exc, OSError) and exc.errno in FATAL_ERRNOS


def is_complete(dest: Path, src: Path) -> bool:
    """True if `dest` exists and is at least as new as `src` (atomic writes make it whole)."""
    try:
        return dest.stat().st_mtime_ns >= src.stat().st_mtime_ns
    except OSError:
        return False


def check_output_dir(
    out_root: Path,
    input_dirs: Iterable[Path] = (),
    allow_inplace: bool = False,
    file_dirs: Iterable[Path] = (),
) -> None:
    """Create `out_root` and prove it writable; refuse writing into an input folder unless allowed.

    Into an input folder means: `out_root` is an input folder or lies inside one, or it
    is the folder holding an input file (outputs would land next to their inputs).
    """
    resolved = out_root.resolve()
    if not allow_inplace:
        for folder in input_dirs:
            inp = folder.resolve()
            if resolved == inp or inp in resolved.parents:
                raise OutputError(
                    f"{out_root}: output folder is inside input folder {folder}; "
                    "choose another -o or pass --allow-inplace"
                )
        for folder in file_dirs:
            if resolved == folder.resolve():
                raise OutputError(
                    f"{out_root}: output folder is the folder of the input files; "
                    "choose another -o or pass --allow-inplace"
                )
    try:
        out_root.mkdir(parents=True, exist_ok=True)
        probe = temp_path(out_root / ".probe")
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise OutputError(f"{out_root}: cannot write output: {exc.strerror or exc}") from None


@dataclass(frozen=True)
class Failure:
    """One input that produced no output: where, what kind of problem, and the message."""

    path: str
    kind: str
    message: str

    def line(self) -> str:
        return f"{self.path}: {self.kind}: {self.message}"


def write_manifest(out_root: Path, failures: list[Failure]) -> Path | None:
    """Write OUT_DIR/_cleanweb_errors.jsonl (one JSON object a failure), or remove a stale one."""
    path = out_root / MANIFEST_NAME
    if not failures:
        with contextlib.suppress(OSError):
            path.unlink()
        return None
    body = "".join(json.dumps(asdict(f), ensure_ascii=False) + "\n" for f in failures)
    atomic_write(path, body.encode("utf-8"))
    return path
