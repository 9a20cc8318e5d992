"""The committed snapshot: the tidy table in parquet plus a manifest of where it came from.

The snapshot is the embedded default: a fresh clone with no network and no mirror still
has data. It is only ever replaced whole (atomic rename), and its manifest records, per
dataset, the source, vintage, row count, and why a dataset a recipe wanted is absent.
"""
from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path

import pandas as pd

from . import atomic, tidy
from .errors import CorruptDataError
from .paths import manifest_path, snapshot_path


def load(path: Path | None = None) -> pd.DataFrame:
    """The tidy snapshot table (cached per file content stamp)."""
    path = path or snapshot_path()
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise CorruptDataError("snapshot", "no snapshot: run `benelux-indicators snapshot`", path=str(path)) from None
    return _load(path, stat.st_mtime_ns, stat.st_size).copy()


@functools.lru_cache(maxsize=4)
def _load(path: Path, _mtime: int, _size: int) -> pd.DataFrame:
    try:
        frame = pd.read_parquet(path)
    except Exception as exc:  # pyarrow raises several types for a damaged file
        raise CorruptDataError("snapshot", f"unreadable parquet: {exc}", path=str(path)) from exc
    return tidy.conform(frame)


def manifest(path: Path | None = None) -> dict:
    path = path or manifest_path()
    if not path.exists():
        return {"datasets": {}, "missing": {}}
    return json.loads(path.read_text(encoding="utf-8"))


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    """The table exactly as the snapshot stores it (conformed, in a stable order)."""
    return tidy.conform(frame).sort_values(["dataset", "indicator", "geo", "time"], kind="stable").reset_index(drop=True)


def write(frame: pd.DataFrame, info: dict, path: Path | None = None, manifest_to: Path | None = None) -> str:
    """Replace snapshot, then manifest, each atomically; return the snapshot's SHA-256."""
    path = path or snapshot_path()
    manifest_to = manifest_to or manifest_path()
    frame = prepare(frame)
    with atomic.replacing(path) as tmp:
        frame.to_parquet(tmp, index=False)
        digest = hashlib.sha256(tmp.read_bytes()).hexdigest()
    atomic.write_text(manifest_to, json.dumps({**info, "sha256": digest}, indent=2, sort_keys=True) + "\n")
    return digest
