"""The committed snapshot as a source: what a fresh clone reads with no network."""
from __future__ import annotations

import difflib

import pandas as pd

from .. import snapshot, tidy
from ..errors import UnknownDatasetError
from .query import Query


class SnapshotSource:
    name = "snapshot"

    def __init__(self, frame: pd.DataFrame | None = None):
        self._frame = frame

    def fetch(self, query: Query) -> pd.DataFrame:
        frame = self._frame if self._frame is not None else snapshot.load()
        rows = tidy.compact(frame[frame["dataset"] == query.dataset])
        if rows.empty:
            held = sorted(frame["dataset"].dropna().unique().tolist())
            close = difflib.get_close_matches(query.dataset, held, n=2, cutoff=0.6)
            hint = f"did you mean {' or '.join(close)}?" if close else f"it holds {', '.join(held)}"
            raise UnknownDatasetError(query.dataset, f"not in the snapshot; {hint} (another dataset: "
                                                     "source='mirror:PATH' or 'live')", path="snapshot")
        return query.apply(rows, "snapshot")
