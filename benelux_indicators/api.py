"""The library API for economists: tidy frames with their provenance attached."""
from __future__ import annotations

import pandas as pd

from . import snapshot
from .sources import eurostat_source
from .sources.query import Query


def series(dataset: str, geo: list[str] | None = None, source: str = "snapshot", **filters: str) -> pd.DataFrame:
    """Tidy rows of one dataset; ``df.attrs`` carries dataset, vintages, origins and citations.

    >>> df = series("demo_pjan", geo=["BE", "NL", "LU"], age="TOTAL", sex="T")
    >>> int(df[df.time == "2021"].value.sum())
    29664912
    """
    frame = eurostat_source(source).fetch(Query.make(dataset, filters, geo=geo or []))
    frame = frame.reset_index(drop=True)
    frame.attrs.update({
        "dataset": dataset,
        "filters": dict(filters),
        "source": source,
        "vintages": sorted(frame["vintage"].dropna().unique().tolist()),
        "origins": sorted(frame["origin"].dropna().unique().tolist()),
        "citations": sorted(frame["citation"].dropna().unique().tolist()),
        "units": sorted(frame["unit"].dropna().unique().tolist()),
    })
    return frame


def load_snapshot() -> pd.DataFrame:
    """The whole committed snapshot (all datasets, all sources)."""
    return snapshot.load()
