"""Editions of the key-figure page: every figure as one refresh computed it, kept for good.

``data/processed/keyfigures-<edition>.json`` is the :class:`Record`: each figure with its
labels in every language, value, status, structured cause, flags, inputs and sources, plus
the snapshot's checksum, the series used and the failures; written and read through the
type, with a schema version. It is written last, so an edition exists once
its JSON does; the CSV beside it holds the same figures flat. Editions are never
overwritten, so any past edition can be shown again as it stood.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import atomic, engine
from .compare import Comparison, Status
from .errors import EditionError
from .paths import processed_dir
from .plan import Edition
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


def _saved() -> list[dict]:
    """Every complete edition's file, parsed, oldest first (by when it was made)."""
    records = [json.loads(p.read_text(encoding="utf-8")) for p in processed_dir().glob("keyfigures-*.json")]
    return sorted(records, key=lambda r: r["created_at"])


def names() -> list[str]:
    """Complete editions, oldest first (by when they were made)."""
    return [r["edition"] for r in _saved()]


def load(name: str) -> Record:
    path = json_path(name)
    if not path.exists():
        raise EditionError(f"no edition {name!r} in {path.parent}; known: {', '.join(names()) or 'none'}")
    return Record.from_json(json.loads(path.read_text(encoding="utf-8")))


def latest() -> Record | None:
    """The edition made last (each file read once)."""
    saved = _saved()
    return Record.from_json(saved[-1]) if saved else None


def series_info(recipes: dict[str, Recipe], data: engine.Data) -> dict[str, SeriesRows]:
    """Per input series of all recipes: rows and vintages in this table (0 rows: absent)."""
    out = {}
    for series in needed(recipes).values():
        rows = data.select(series)
        out[series.key] = SeriesRows(len(rows), tuple(sorted(rows.vintage.dropna().unique().tolist())))
    return out


SCHEMA = 2  # 2: causes and notes stored as structured parts, rendered in any language on read


@dataclass(frozen=True, slots=True)
class SeriesRows:
    """What an edition holds of one input series."""
    rows: int
    vintages: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Failures:
    """Series a refresh could not update, keyed by series, with the reason: ``stale`` (the
    previous rows kept), ``faults`` (nothing to keep) and ``unavailable`` (the source does
    not hold it, nor did we)."""
    stale: Mapping[str, str] = field(default_factory=dict)
    faults: Mapping[str, str] = field(default_factory=dict)
    unavailable: Mapping[str, str] = field(default_factory=dict)

    @property
    def lost(self) -> dict[str, str]:
        """Series that lost their update: kept from before, or failed by a fault."""
        return {**self.stale, **self.faults}


@dataclass(frozen=True, slots=True)
class Figure:
    """One figure of an edition: its comparison and the stale series it used."""
    comparison: Comparison
    stale: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.comparison.id


@dataclass(frozen=True, slots=True)
class Record:
    """An edition, as written to and read from ``keyfigures-<edition>.json``."""
    edition: str
    created_at: str
    figures: tuple[Figure, ...] = ()
    series: Mapping[str, SeriesRows] = field(default_factory=dict)
    failures: Failures = Failures()
    plan: str | None = None
    year: int | str | None = None  # one year for all, 'latest' (each figure its own), or the plan's
    source: str | None = None
    publications: str | None = None
    snapshot_sha256: str = ""
    schema: int = SCHEMA

    @property
    def main_year(self) -> int | None:
        """The page's year: the one most computed figures have (the later one on a tie);
        the plan marks a figure of another year with ``*``."""
        years = Counter(f.comparison.year for f in self.figures if f.comparison.computed is not None)
        return max(years, key=lambda y: (years[y], y)) if years else None

    @property
    def other_years(self) -> list[int]:
        """The years of computed figures that are not the main one (marked ``*``)."""
        return sorted({f.comparison.year for f in self.figures if f.comparison.computed is not None} - {self.main_year})

    def comparisons(self) -> list[Comparison]:
        """The page of a past edition is drawn from what it recorded, not recomputed, and in any language."""
        return [f.comparison for f in self.figures]

    def to_json(self) -> dict:
        return {"edition": self.edition, "schema": self.schema, "created_at": self.created_at, "plan": self.plan,
                "year": self.year, "source": self.source, "publications": self.publications,
                "stale": dict(self.failures.stale), "faults": dict(self.failures.faults),
                "unavailable": dict(self.failures.unavailable),
                "series": {k: {"rows": v.rows, "vintages": list(v.vintages)} for k, v in self.series.items()},
                "figures": [_figure_json(f) for f in self.figures], "snapshot_sha256": self.snapshot_sha256}

    @classmethod
    def from_json(cls, data: Mapping) -> Record:
        """A record as written (schema 2) or by the first version (schema 1: English causes)."""
        return cls(data["edition"], data["created_at"],
                   tuple(Figure(Comparison.from_dict(_upgrade(f), pd.DataFrame(f.get("inputs", []))),
                                tuple(f.get("stale", ()))) for f in data.get("figures", [])),
                   {k: SeriesRows(v["rows"], tuple(v["vintages"])) for k, v in data.get("series", {}).items()},
                   Failures(data.get("stale", {}), data.get("faults", {}), data.get("unavailable", {})),
                   data.get("plan"), data.get("year"), data.get("source"), data.get("publications"),
                   data.get("snapshot_sha256", ""), data.get("schema", 1))


def _figure_json(f: Figure) -> dict:
    c = f.comparison
    inputs = json.loads(c.inputs.to_json(orient="records")) if not c.inputs.empty else []
    return {**c.as_dict(), "inputs": inputs, "stale": list(f.stale)}


def record(name: str, comparisons: list[Comparison], recipes: dict[str, Recipe], data: engine.Data,
           failures: Failures, created_at: str, **meta) -> Record:
    """The edition ``name`` of these comparisons; each figure names the stale series it used.
    ``meta``: plan, year, source, publications, snapshot_sha256."""
    stale = set(failures.stale)
    figures = tuple(Figure(c, tuple(sorted({s.key for s in c.sources} & stale)))
                    for c in comparisons)
    return Record(name, created_at, figures, series_info(recipes, data), failures, **meta)


def printed(plan: Edition, recipes: dict[str, Recipe]) -> Record:
    """A plan's printed figures as an edition: the baseline of ``refresh --against plan``."""
    figures = []
    for fid, p in plan.figures.items():
        r, value = recipes[fid], (float(p.value) if p.value is not None else None)
        figures.append(Figure(Comparison(fid, dict(r.labels), r.theme, p.year, value, p.printed, p.decimals, r.unit,
                                         value, Status.MATCH if value is not None else Status.NO_DATA, (), "",
                                         "printed", r.primary.operation)))
    return Record(f"plan {plan.edition}", "", tuple(figures), plan=plan.edition)


def shipped() -> set[str]:
    """Editions that ship with the project (``data/processed/shipped.txt``, one name a line):
    the page a fresh clone shows, which no discard may remove."""
    path = processed_dir() / "shipped.txt"
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def files(name: str) -> list[Path]:
    """Every file of an edition: its record, CSV and changelog."""
    base = processed_dir()
    return [json_path(name), csv_path(name), base / f"changelog-{name}.md", base / f"changelog-{name}.json"]


def discard(name: str) -> list[Path]:
    """Remove a trial edition (the newest only, never one shipped with the project), so that
    it is no longer the next refresh's baseline; the snapshot it wrote stays (it is data)."""
    known = names()
    if name not in known:
        raise EditionError(f"no edition {name!r} in {processed_dir()}; known: {', '.join(known) or 'none'}")
    if name in shipped():
        raise EditionError(f"edition {name!r} ships with the project ({processed_dir() / 'shipped.txt'}); "
                           "it is never discarded")
    if name != known[-1]:
        raise EditionError(f"edition {name!r} is not the newest ({known[-1]!r} came after and measured its changes "
                           "from it); discard the newer ones first")
    removed = [p for p in files(name) if p.exists()]
    removed[0].unlink()  # the record first: from here the edition no longer exists
    for path in removed[1:]:
        path.unlink()
    return removed


def write_json(rec: Record) -> Path:
    """The record, last of an edition's files: from now on the edition exists."""
    path = json_path(rec.edition)
    atomic.write_text(path, json.dumps(rec.to_json(), indent=1, ensure_ascii=False, default=str) + "\n")
    return path


def _upgrade(figure: Mapping) -> Mapping:
    """A figure of a schema-1 record (cause and note saved as English text) in schema 2."""
    if isinstance(figure.get("cause"), list):
        return figure
    return {**figure, "cause": [{"key": "verbatim", "values": {"text": figure.get("cause", "")}}],
            "notes": [{"key": "method", "values": {"text": figure["note"]}}] if figure.get("note") else []}
