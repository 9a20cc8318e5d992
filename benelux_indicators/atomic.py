"""Write files and folders so that a crash, kill -9, full disk or careless path loses nothing.

Files are written to a temporary file in the target's directory, flushed and fsynced, then
renamed over the target (``os.replace`` is atomic on POSIX within one filesystem). Output
folders (the static site, a page) are staged beside the target and swapped in whole, and a
folder is only ever replaced when a marker file says a previous run of this tool made it.
Modes follow the process umask (0644 files, 0755 folders under the usual 022), as any
other program's files would, so a web server running as another account can read them:
``mkstemp`` and ``mkdtemp`` would leave 0600 / 0700.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, TypeVar

from .errors import WriteError

MARKER = ".benelux-output"  # in every folder this tool made; only such a folder is replaced
T = TypeVar("T")


def umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def readable(path: Path) -> Path:
    """Give ``path`` the mode a plain ``open``/``mkdir`` would have under the umask."""
    os.chmod(path, (0o777 if path.is_dir() else 0o666) & ~umask())
    return path


@contextmanager
def replacing(target: Path) -> Iterator[Path]:
    """Yield a temporary path to write; on success it replaces ``target``, on error it vanishes."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        with open(tmp_path, "rb") as handle:
            os.fsync(handle.fileno())
        readable(tmp_path)
        os.replace(tmp_path, target)
    finally:
        tmp_path.unlink(missing_ok=True)


def write_bytes(target: Path, data: bytes) -> None:
    with replacing(target) as tmp:
        tmp.write_bytes(data)


def write_text(target: Path, text: str) -> None:
    write_bytes(target, text.encode("utf-8"))


def check_output(option: str, protected: Path) -> Path:
    """The folder an ``--out`` option names, refused when writing there could destroy:
    empty, ``.`` (or any folder holding the current one), the project or a folder above
    it, a file, or a non-empty folder this tool did not make."""
    if not option or not option.strip():
        raise WriteError("--out is empty: name a new folder, e.g. --out site")
    out = Path(option).expanduser().resolve()
    here = Path.cwd().resolve()
    if out == here or out in here.parents:
        raise WriteError(f"--out {option!r} is the current folder or holds it; name a new folder, e.g. --out site")
    if out == protected or out in protected.parents:
        raise WriteError(f"--out {option!r} is the project folder {protected} or holds it; name a folder inside it")
    if out.exists() and not out.is_dir():
        raise WriteError(f"--out {option!r} is a file, not a folder; nothing was written")
    if out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        raise WriteError(f"--out {option!r} holds files this tool did not write (no {MARKER} marker); "
                         "refusing to touch them: name an empty or new folder")
    return out


def mark(folder: Path) -> None:
    """Say that this tool made ``folder`` (so a later run may replace what it wrote)."""
    (folder / MARKER).write_text("written by benelux-indicators; safe for it to replace\n", encoding="utf-8")
    readable(folder / MARKER)


def swap_in(out: Path, fill: Callable[[Path], T]) -> T:
    """Build a folder in a fresh staging folder beside ``out`` (``fill`` writes into it),
    then swap it in whole; on any error the staging folder vanishes and ``out`` is as it was.
    ``out`` must have passed :func:`check_output`."""
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging.", dir=out.parent))
    old = Path(tempfile.mkdtemp(prefix=f".{out.name}.old.", dir=out.parent))
    try:
        readable(work)
        result = fill(work)
        mark(work)
        for path in work.rglob("*"):
            readable(path)
        if out.exists():
            os.replace(out, old / "previous")
        os.replace(work, out)
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
