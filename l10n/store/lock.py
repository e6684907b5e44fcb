"""Advisory locks that make two l10n processes take turns on one file.

``hold(lock_file, command)`` takes an exclusive ``flock`` on ``lock_file`` for as
long as the ``with`` block runs, and writes "<pid> <command>" into it so that a
process kept waiting can say who it waits for. Only commands that write take a
lock: read-only commands never create a lock file.

A lock is short by design (read, apply, write one catalog), so waiting longer
than ``timeout`` means something is stuck; the error names the holder. The lock
keeps l10n processes apart only: a PO editor takes none, which is why writers
also re-read a catalog just before replacing it. Where the platform has no
``flock`` (Windows) nothing is locked and only that re-read protects.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from l10n.errors import L10nError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

TIMEOUT = 30.0  # seconds a writer waits for another l10n process's lock
_STEP = 0.05


def _pause(seconds: float) -> None:
    """Wait between tries; tests replace it to interleave processes without sleeping."""
    time.sleep(seconds)


@contextmanager
def hold(
    lock_file: Path,
    command: str,
    *,
    timeout: float = TIMEOUT,
    clock: Callable[[], float] = time.monotonic,
) -> Iterator[None]:
    """Hold the lock ``lock_file`` for the ``with`` block, waiting up to ``timeout``."""
    if fcntl is None:  # pragma: no cover - Windows
        yield
        return
    lock_file.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(lock_file, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o666)
    try:
        deadline = clock() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if clock() >= deadline:
                    raise L10nError(
                        f"busy: locked by {_holder(fd)}",
                        path=str(lock_file),
                        hint="wait for that command to finish and run this one again; "
                        "if no such process runs, delete the lock file",
                    ) from None
                _pause(_STEP)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()} {command}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def _holder(fd: int) -> str:
    """'pid 123 (l10n translate)' from what the holder wrote into the lock file."""
    text = os.pread(fd, 512, 0).decode("utf-8", "replace").strip()
    pid, _, command = text.partition(" ")
    if not pid.isdigit():
        return "another l10n process"
    return f"pid {pid} ({command})" if command else f"pid {pid}"
