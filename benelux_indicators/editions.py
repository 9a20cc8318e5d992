"""Editions of the key-figure page: every figure as one refresh computed it, kept for good.

``data/processed/keyfigures-<edition>.json`` is the record: each figure with its labels in
every language, value, status, cause, flags, inputs and sources, plus the snapshot's
checksum, the series used and the failures. It is written last, so an edition exists once
its JSON does; the CSV beside it holds the same figures flat. Editions are never
overwritten, so any past edition can be shown again as it stood.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from . import atomic, engine, messages, textsafe
from .compare import Comparison
from .errors import EditionError
from .paths import processed_dir
from .pipeline import needed
from .recipes import Recipe

# A year, then optionally lower-case letters, digits and '-' (2025, 2025b, 2025-rev1): no
# dot, so no edition's files can share a prefix with another's (changelog-2025.* vs 2025.1).
NAME = re.compile(r"[0-9]{4}[a-z0-9-]{0,32}")


def check_name(name: str) -> str:
    if not NAME.fullmatch(name):
        raise EditionError(f"edition name {name!r}: a year, then optionally lower-case letters, digits or '-' "
                           "(e.g. 2025, 2025b, 2025-rev1)")
    return name


def json_path(name: str) -> Path:
    return processed_dir() / f"keyfigures-{check_name(name)}.json"


def csv_path(name: str) -> Path:
    return processed_dir() / f"keyfigures-{check_name(name)}.csv"


def exists(name: str) -> bool:
    return json_path(name).exists()


def names() -> list[str]:
    """Complete editions, oldest first (by when they were made)."""
    records = [json.loads(p.read_text(encoding="utf-8")) for p in processed_dir().glob("keyfigures-*.json")]
    return [r["edition"] for r in sorted(records, key=lambda r: r["created_at"])]


def load(name: str) -> dict:
    path = json_path(name)
    if not path.exists():
        raise EditionError(f"no edition {name!r} in {path.parent}; known: {', '.join(names()) or 'none'}")
    return json.loads(path.read_text(encoding="utf-8"))


def latest() -> dict | None:
    known = names()
    return load(known[-1]) if known else None


def series_info(recipes: dict[str, Recipe], data: engine.Data) -> dict[str, dict]:
    """Per input series of all recipes: rows and vintages in this table (0 rows: absent)."""
    out = {}
    for series in needed(recipes).values():
        rows = data.select(series)
        out[series.key] = {"rows": len(rows),
                                              "vintages": sorted(rows.vintage.dropna().unique().tolist())}
    return out


SCHEMA = 2  # 2: causes and notes stored as structured parts, rendered in any language on read


def figure_record(c: Comparison, stale: set[str]) -> dict:
    used = {f"{s['source']}:{s['series']}" for s in c.sources}
    inputs = json.loads(c.inputs.to_json(orient="records")) if not c.inputs.empty else []
    return {**c.as_dict(), "inputs": inputs, "stale": sorted(used & stale)}


def record(name: str, comparisons: list[Comparison], recipes: dict[str, Recipe], data: engine.Data,
           failures: dict[str, dict[str, str]], meta: dict) -> dict:
    """``failures``: series that could not be fetched, as ``stale`` / ``faults`` / ``unavailable``."""
    return {"edition": name, "schema": SCHEMA, **meta, **failures, "series": series_info(recipes, data),
            "figures": [figure_record(c, set(failures["stale"])) for c in comparisons]}


def flat(rec: dict, lang: str = "en") -> pd.DataFrame:
    """The figures of a record as one row each, label, cause and notes in ``lang`` (sources
    and parts as JSON text): the edition's CSV for the staff."""
    rows = []
    for c, f in zip(comparisons(rec), rec["figures"]):
        row = {k: v for k, v in messages.flat(c, lang).items() if k not in ("sources", "parts")}
        rows.append({**row, "stale": ";".join(f["stale"]), "sources": json.dumps(f["sources"], ensure_ascii=False)})
    frame = pd.DataFrame(rows)
    frame.insert(0, "edition", rec["edition"])
    return frame


def write_csv(rec: dict) -> Path:
    path = csv_path(rec["edition"])
    atomic.write_text(path, textsafe.csv(flat(rec)))
    return path


def write_json(rec: dict) -> Path:
    """The record, last of an edition's files: from now on the edition exists."""
    path = json_path(rec["edition"])
    atomic.write_text(path, json.dumps(rec, indent=1, ensure_ascii=False, default=str) + "\n")
    return path


def _upgrade(figure: dict) -> dict:
    """A figure of a schema-1 record (cause and note saved as English text) in schema 2."""
    if isinstance(figure.get("cause"), list):
        return figure
    return {**figure, "cause": [{"key": "verbatim", "values": {"text": figure.get("cause", "")}}],
            "notes": [{"key": "method", "values": {"text": figure["note"]}}] if figure.get("note") else []}


def comparisons(rec: dict) -> list[Comparison]:
    """The record's figures as comparisons again: the page of a past edition is drawn from
    what it recorded, not recomputed, and in any language."""
    return [Comparison.from_dict(_upgrade(f), pd.DataFrame(f["inputs"])) for f in rec["figures"]]
