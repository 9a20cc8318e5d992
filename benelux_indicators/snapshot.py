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
import pyarrow as pa
import pyarrow.parquet as pq

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
    are stale or faulty, and the snapshot's identity: ``sha256`` is the SHA-256 of its
    content in the form ``identity`` names (``IDENTITY``), so the same rows keep the same
    identity whatever pandas or pyarrow wrote the file."""
    built_at: str = ""
    eurostat_source: str = ""
    publications: str | None = None
    datasets: Mapping[str, int] = field(default_factory=dict)  # series label -> rows
    missing: Mapping[str, str] = field(default_factory=dict)
    vintages: Mapping[str, list[str]] = field(default_factory=dict)
    stale: Mapping[str, str] = field(default_factory=dict)
    faults: Mapping[str, str] = field(default_factory=dict)
    sha256: str = ""
    identity: str = ""

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


# How a snapshot's identity is made (named in its manifest): a parquet file's bytes carry
# the versions of the libraries that wrote it, so the identity is the table's, not the file's.
IDENTITY = "table-v1: sha256 of the column names, then one JSON array per row of the prepared table (columns " \
           "as stored, rows sorted by every column, empty cells null)"


def identity(frame: pd.DataFrame) -> str:
    """The SHA-256 of the table's content (``IDENTITY``): equal rows, equal identity.

    >>> a = pd.DataFrame({"dataset": ["d"], "indicator": ["i"], "geo": ["BE"], "time": ["2021"], "value": [1.5]})
    >>> identity(a) == identity(a.astype({"value": "float32"})) != identity(a.assign(value=2.0))
    True
    """
    table = prepare(frame)
    table = table.sort_values(list(table.columns), kind="stable", na_position="last")
    digest = hashlib.sha256(json.dumps(list(table.columns)).encode())
    columns = [[None if pd.isna(v) else (float(v) if name == "value" else str(v)) for v in table[name]]
               for name in table.columns]
    for row in zip(*columns):
        digest.update(b"\n" + json.dumps(row, ensure_ascii=False).encode())
    return digest.hexdigest()


def write(frame: pd.DataFrame, info: Manifest, path: Path | None = None, manifest_to: Path | None = None) -> str:
    """Replace snapshot, then manifest, each atomically; return the snapshot's identity.

    The parquet file holds no pandas metadata (``tidy.conform`` restores the dtypes on read),
    so it does not record which pandas wrote it."""
    path = path or snapshot_path()
    manifest_to = manifest_to or manifest_path()
    frame = prepare(frame)
    table = pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None)
    with atomic.replacing(path) as tmp:
        pq.write_table(table, tmp)
    digest = identity(frame)
    atomic.write_text(manifest_to, json.dumps(asdict(replace(info, sha256=digest, identity=IDENTITY)), indent=2,
                                              sort_keys=True) + "\n")
    return digest
