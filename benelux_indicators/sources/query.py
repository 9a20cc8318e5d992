"""A query: the whole description of a slice (dataset, filters, geos, periods).

The cache key is a hash of all of it, so a different filter is never answered from
another query's file (the rOpenGov/eurostat#257 bug class: a cache keyed by dataset only).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from typing import Mapping

import pandas as pd

from ..errors import EmptyResultError, UnknownDimensionError
from ..geo import harmonise


@dataclass(frozen=True)
class Query:
    dataset: str
    filters: tuple[tuple[str, tuple[str, ...]], ...] = ()
    geo: tuple[str, ...] = ()
    start: int | None = None
    end: int | None = None

    @classmethod
    def make(cls, dataset: str, filters: Mapping[str, object] | None = None,
             geo: list[str] | tuple[str, ...] = (), start: int | None = None,
             end: int | None = None) -> "Query":
        """Canonical form: sorted dimensions, values as sorted tuples of strings."""
        items = []
        for dim, wanted in sorted((filters or {}).items()):
            values = wanted if isinstance(wanted, (list, tuple)) else [wanted]
            items.append((dim, tuple(sorted(str(v) for v in values))))
        return cls(dataset, tuple(items), tuple(sorted(harmonise(g) for g in geo)), start, end)

    def as_dict(self) -> dict:
        return {"dataset": self.dataset, "filters": {d: list(v) for d, v in self.filters},
                "geo": list(self.geo), "start": self.start, "end": self.end}

    def key(self) -> str:
        """Stable 16-hex hash of the whole query."""
        blob = json.dumps(self.as_dict(), sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:16]

    def filter_pars(self) -> dict:
        """The ``filter_pars`` argument of ``eurostat.get_data``."""
        pars: dict[str, object] = {dim: list(values) for dim, values in self.filters}
        if self.geo:
            pars["geo"] = list(self.geo)
        if self.start is not None:
            pars["startPeriod"] = self.start
        if self.end is not None:
            pars["endPeriod"] = self.end
        return pars

    def apply(self, frame: pd.DataFrame, where: str) -> pd.DataFrame:
        """Filter a whole-dataset frame locally; unknown dimensions and empty results are errors."""
        out = frame
        for dim, values in self.filters:
            if dim not in out.columns:
                known = [c for c in frame.columns if c not in ("time", "value", "flag")]
                raise UnknownDimensionError(self.dataset, f"no dimension {dim!r}; it has {known}", path=where)
            subset = out[out[dim].isin(values)]
            if subset.empty:
                have = sorted(out[dim].dropna().unique().tolist())[:20]
                raise EmptyResultError(self.dataset, f"no rows for {dim}={list(values)}; present: {have}", path=where)
            out = subset
        if self.geo:
            kept = out[out["geo"].isin(self.geo)]
            if kept.empty:
                have = sorted(out["geo"].dropna().unique().tolist())
                raise EmptyResultError(self.dataset, f"no rows for geo={list(self.geo)}; present: {have}", path=where)
            out = kept
        years = pd.to_numeric(out["time"].str[:4], errors="coerce")
        if self.start is not None:
            out = out[years >= self.start]
        if self.end is not None:
            out = out[years[out.index] <= self.end]
        if out.empty:
            raise EmptyResultError(self.dataset, f"no rows from {self.start} to {self.end}", path=where)
        return out
