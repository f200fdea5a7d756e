"""Exception types the library raises for bad input and misuse.

Every error cleanweb raises on purpose is a `CleanwebError`; its class attribute
`kind` is a short stable name a run manifest can record (`"binary"`,
`"too-large"`, `"timeout"`, ...). The tree:

    CleanwebError
    ├── ConfigError          bad option or configuration file (also a ValueError)
    ├── InputError           data that can not be cleaned, or not str/bytes (also a ValueError)
    │   ├── BinaryInputError image, archive, executable, random bytes: not text
    │   └── TooLargeError    over the size limit (`max_size`)
    └── BudgetExceeded       the per-document time budget ran out (also a TimeoutError)

All of them pickle, so a worker process can send one back to its parent.
"""

from __future__ import annotations

from typing import ClassVar


class CleanwebError(Exception):
    """Base class of every error cleanweb raises on purpose."""

    kind: ClassVar[str] = "error"


class ConfigError(CleanwebError, ValueError):
    """A configuration file or option is invalid (names the source and the problem)."""

    kind: ClassVar[str] = "config"


class InputError(CleanwebError, ValueError):
    """The input can not be cleaned: wrong type, binary data, undecodable bytes."""

    kind: ClassVar[str] = "input"


class BinaryInputError(InputError):
    """The input is binary (an image, archive, executable or random bytes), not text."""

    kind: ClassVar[str] = "binary"


class TooLargeError(InputError):
    """The input is larger than the configured size limit; `size` and `limit` say by how much."""

    kind: ClassVar[str] = "too-large"

    def __init__(self, message: str, *, size: int | None = None, limit: int | None = None):
        super().__init__(message)
        self.size = size
        self.limit = limit


class BudgetExceeded(CleanwebError, TimeoutError):
    """Cleaning one document took longer than its time budget (`seconds`), during `stage`."""

    kind: ClassVar[str] = "timeout"

    def __init__(self, message: str, *, seconds: float | None = None, stage: str | None = None):
        super().__init__(message)
        self.seconds = seconds
        self.stage = stage
