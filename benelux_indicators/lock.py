"""One writer at a time on the data folder: snapshot, refresh, discard and draft-plan hold a
lock (``filelock``, an OS-level lock released when the process dies, kill -9 included) while
they write. A second run waits a bounded time, then refuses with a clear message. Commands
that only read it (page, export) wait for a writer to finish when they can take the lock,
and read without it from a folder they cannot write (a web account that only reads)."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from filelock import FileLock, Timeout

from .errors import BeneluxError
from .paths import processed_dir



def _wait() -> float:
    """``BENELUX_LOCK_WAIT`` seconds (default 30), a finite number from 0 to a day."""
    text = os.environ.get("BENELUX_LOCK_WAIT", "30")
    try:
        wait = float(text)
    except ValueError:
        wait = float("nan")
    if not 0 <= wait <= 86_400:
        raise BeneluxError(f"BENELUX_LOCK_WAIT={text!r}: a number of seconds from 0 to 86400")
    return wait


class BusyError(BeneluxError):
    """Another run holds the data folder's lock."""


@contextmanager
def writing(what: str, wait: float | None = None) -> Iterator[None]:
    folder = processed_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / ".write.lock"
    lock = FileLock(path)
    try:
        wait = _wait() if wait is None else wait
        lock.acquire(timeout=wait)
    except Timeout:
        raise BusyError(f"another benelux-indicators run is writing {folder} (lock {path}); {what} waited "
                        f"{wait:g} s and gave up: try again when it has finished") from None
    try:
        yield
    finally:
        lock.release()


@contextmanager
def reading(what: str) -> Iterator[None]:
    """For a command that only reads the data folder: the lock when it can be taken (so a
    refresh in progress is waited for), nothing from a folder it cannot write."""
    folder = processed_dir()
    if not os.access(folder, os.W_OK):
        yield
        return
    with writing(what):
        yield
