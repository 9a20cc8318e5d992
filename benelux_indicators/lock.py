"""One writer at a time on the data folder: snapshot, refresh, page and export hold a lock
(``filelock``, an OS-level lock released when the process dies, kill -9 included) while
they write. A second run waits a bounded time, then refuses with a clear message."""
from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager

from filelock import FileLock, Timeout

from .errors import BeneluxError
from .paths import processed_dir



def _wait() -> float:
    return float(os.environ.get("BENELUX_LOCK_WAIT", "30"))


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
