"""The committed snapshot as a source: what a fresh clone reads with no network."""
from __future__ import annotations

import pandas as pd

from .. import snapshot, tidy
from .query import Query


class SnapshotSource:
    name = "snapshot"

    def __init__(self, frame: pd.DataFrame | None = None):
        self._frame = frame

    def fetch(self, query: Query) -> pd.DataFrame:
        frame = self._frame if self._frame is not None else snapshot.load()
        rows = tidy.compact(frame[frame["dataset"] == query.dataset])
        return query.apply(rows, "snapshot")
