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

import hashlib
import json
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


def check_output(option: str, protected: Path, kind: str = "export") -> Path:
    """The folder an ``--out`` option names, refused when writing there could destroy:
    empty, ``.`` (or any folder holding the current one), the project or a folder above
    it, a file, a non-empty folder this tool did not make, a folder holding anything the
    tool did not write there (or changed since), or one another command wrote (``page`` and
    ``export`` never share a folder)."""
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
    guard(out, option, kind)
    return out


def guard(out: Path, option: str, kind: str) -> None:
    """Refuse a non-empty ``out`` this tool did not make, that holds anything it did not
    write there (or changed since), or that another command wrote."""
    if out.is_dir() and any(out.iterdir()):
        if not (out / MARKER).exists():
            raise WriteError(f"--out {option!r} holds files this tool did not write (no {MARKER} marker); "
                             "refusing to touch them: name an empty or new folder")
        made = _marker(out)
        if made.get("kind", kind) != kind:
            raise WriteError(f"--out {option!r} was written by `{made['kind']}`; `{kind}` does not share its "
                             "folder: name another one")
        foreign = sorted(_foreign(out, made.get("files")))
        if foreign:
            raise WriteError(f"--out {option!r} holds what this tool did not write there, or changed since: "
                             f"{', '.join(foreign[:5])}{' ...' if len(foreign) > 5 else ''}; nothing was touched")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _marker(folder: Path) -> dict:
    """What the marker says: the command that wrote the folder and its files' checksums
    (a marker of an earlier version is a line of text, and says neither)."""
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (ValueError, OSError):
        return {}
    return data if isinstance(data, dict) else {}


def _foreign(folder: Path, files: dict | None) -> list[str]:
    """Files in ``folder`` that are not the ones the marker lists with these contents."""
    if files is None:  # an earlier version's marker: nothing to compare with
        return []
    found = {p.relative_to(folder).as_posix(): p for p in folder.rglob("*") if p.is_file() and p.name != MARKER}
    return [name for name, path in found.items() if files.get(name) != _digest(path)]


def mark(folder: Path, kind: str = "export", written: list[Path] | None = None) -> None:
    """Say that this tool made ``folder`` and which files it wrote there, with checksums, so
    that a later run replaces only those. ``written`` adds to what the folder's marker
    listed (``page`` writes a few files at a time); by default every file is listed."""
    files = dict(_marker(folder).get("files") or {}) if written is not None else {}
    for path in written if written is not None else [p for p in folder.rglob("*") if p.is_file()]:
        if path.name != MARKER:
            files[path.relative_to(folder).as_posix()] = _digest(path)
    (folder / MARKER).write_text(json.dumps({"by": "benelux-indicators", "kind": kind, "files": files}, indent=0,
                                            sort_keys=True) + "\n", encoding="utf-8")
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
        mark(work, "export")
        for path in work.rglob("*"):
            readable(path)
        if out.exists():
            guard(out, str(out), "export")  # again, just before the swap: the build took a while
            os.replace(out, old / "previous")
        os.replace(work, out)
        return result
    finally:
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(old, ignore_errors=True)
