"""The raw cache: every live answer kept byte for byte, one folder per query and vintage.

Layout: ``data/raw/<dataset>/<query key>/<retrieved-at>/part-NNN.tsv.gz`` plus ``meta.json``
(the query, the URLs, retrieval time, package version, Eurostat's last-update date). A
new fetch is a new folder; nothing is ever overwritten. A folder is written under a
temporary name and renamed when complete, so a half-written vintage is never read.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from ..errors import CorruptDataError
from .query import Query


def query_dir(root: Path, query: Query) -> Path:
    return root / query.dataset / query.key()


def vintages(root: Path, query: Query) -> list[Path]:
    """Complete vintage folders of a query, oldest first."""
    base = query_dir(root, query)
    if not base.is_dir():
        return []
    return sorted(p for p in base.iterdir() if p.is_dir() and not p.name.startswith(".") and (p / "meta.json").exists())


def stamp() -> str:
    """Now, as a vintage folder is named (sortable UTC)."""
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")


def store(root: Path, query: Query, parts: list[bytes], meta: dict) -> Path:
    """Write a new vintage folder atomically and return it."""
    base = query_dir(root, query)
    base.mkdir(parents=True, exist_ok=True)
    stamp_now = stamp()
    tmp = Path(tempfile.mkdtemp(prefix=f".{stamp_now}.", dir=base))
    try:
        for i, body in enumerate(parts):
            (tmp / f"part-{i:03d}.tsv.gz").write_bytes(body)
        (tmp / "meta.json").write_text(json.dumps({**meta, "query": query.as_dict()}, indent=2, sort_keys=True))
        final = base / stamp_now
        os.rename(tmp, final)
        return final
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def load(folder: Path) -> tuple[dict, list[tuple[Path, bytes]]]:
    """Meta and parts of one vintage folder; a damaged meta file is a typed error."""
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise CorruptDataError(folder.parent.parent.name, f"corrupt cache metadata: {exc}", path=str(folder)) from exc
    return meta, [(p, p.read_bytes()) for p in sorted(folder.glob("part-*.tsv.gz"))]


def queue_file(root: Path, query: Query) -> Path:
    """Where a query's pending Eurostat queue id is kept until its delivery is fetched."""
    return query_dir(root, query) / "queued.json"


def remember_queue(root: Path, query: Query, queue_id: str, url: str) -> None:
    path = queue_file(root, query)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps({"id": queue_id, "url": url, "queued_at": stamp()}))
    os.replace(tmp, path)


def pending_queue(root: Path, query: Query) -> dict | None:
    try:
        return json.loads(queue_file(root, query).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def forget_queue(root: Path, query: Query) -> None:
    queue_file(root, query).unlink(missing_ok=True)
