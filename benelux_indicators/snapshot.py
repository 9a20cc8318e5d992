"""The committed snapshot: the tidy table in parquet plus a manifest of where it came from.

The snapshot is the embedded default: a fresh clone with no network and no mirror still
has data. It is only ever replaced whole (atomic rename), and its manifest records, per
dataset, the source, vintage, row count, and why a dataset a recipe wanted is absent.
"""
from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
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


@dataclass(frozen=True, slots=True)
class Manifest:
    """Where a snapshot came from: when, from which sources, rows per series and vintages
    per dataset, why each series a recipe wanted is missing, after a refresh which series
    are stale or faulty, and the snapshot file's SHA-256."""
    built_at: str = ""
    eurostat_source: str = ""
    publications: str | None = None
    datasets: Mapping[str, int] = field(default_factory=dict)  # series label -> rows
    missing: Mapping[str, str] = field(default_factory=dict)
    vintages: Mapping[str, list[str]] = field(default_factory=dict)
    stale: Mapping[str, str] = field(default_factory=dict)
    faults: Mapping[str, str] = field(default_factory=dict)
    sha256: str = ""

    @classmethod
    def from_json(cls, data: Mapping) -> Manifest:
        return cls(**{k: data[k] for k in cls.__dataclass_fields__ if k in data})


def manifest(path: Path | None = None) -> Manifest:
    """The snapshot's manifest (an empty one when there is no snapshot yet)."""
    path = path or manifest_path()
    if not path.exists():
        return Manifest()
    return Manifest.from_json(json.loads(path.read_text(encoding="utf-8")))


def prepare(frame: pd.DataFrame) -> pd.DataFrame:
    """The table exactly as the snapshot stores it (conformed, in a stable order)."""
    return tidy.conform(frame).sort_values(["dataset", "indicator", "geo", "time"], kind="stable").reset_index(drop=True)


def write(frame: pd.DataFrame, info: Manifest, path: Path | None = None, manifest_to: Path | None = None) -> str:
    """Replace snapshot, then manifest, each atomically; return the snapshot's SHA-256."""
    path = path or snapshot_path()
    manifest_to = manifest_to or manifest_path()
    frame = prepare(frame)
    with atomic.replacing(path) as tmp:
        frame.to_parquet(tmp, index=False)
        digest = hashlib.sha256(tmp.read_bytes()).hexdigest()
    atomic.write_text(manifest_to, json.dumps(asdict(replace(info, sha256=digest)), indent=2, sort_keys=True) + "\n")
    return digest
