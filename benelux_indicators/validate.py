"""Checks a new tidy table must pass before it replaces the snapshot: nothing poisoned,
nothing lost without a word. The last good snapshot stays when one fails."""
from __future__ import annotations

import numpy as np
import pandas as pd

from .errors import BeneluxError
from .tidy import year_ranges

# What a source answers for a series it simply does not hold: not a fault of the run.
NOT_HELD = frozenset({"UnknownDatasetError", "EmptyResultError"})


class ValidationError(BeneluxError):
    """The new table would poison or shrink the snapshot; nothing was written."""


def finite(table: pd.DataFrame) -> list[str]:
    """Rows whose value is infinite (a missing value is NaN and allowed)."""
    values = table["value"].to_numpy(dtype=float)
    bad = table[np.isinf(values)]
    return [f"{r.dataset} {r.geo} {r.time}: value {r.value} is not a finite number ({r.origin})"
            for r in bad.itertuples()][:20]


def losses(new: pd.DataFrame, old: pd.DataFrame, accepted: frozenset[str] = frozenset()) -> list[str]:
    """Datasets with fewer rows than in the previous snapshot, unless accepted by name."""
    before = old.groupby(["source", "dataset"]).size() if not old.empty else pd.Series(dtype=int)
    after = new.groupby(["source", "dataset"]).size() if not new.empty else pd.Series(dtype=int)
    out = []
    for (source, dataset), rows in before.items():
        now = int(after.get((source, dataset), 0))
        if now < rows and dataset not in accepted:
            out.append(f"{source}:{dataset}: {rows} rows in the previous snapshot, {now} now{_gone(new, old, source, dataset)}")
    return out


def _gone(new: pd.DataFrame, old: pd.DataFrame, source: str, dataset: str) -> str:
    """Which countries and years the dataset lost (values it had and has no more)."""
    def held(frame: pd.DataFrame) -> set[tuple[str, str]]:
        mine = frame[(frame.source == source) & (frame.dataset == dataset) & frame.value.notna()] if not frame.empty else frame
        return set(zip(mine.geo, mine.time)) if not mine.empty else set()

    lost = held(old) - held(new)
    by_geo: dict[str, list[int]] = {}
    for geo, time in lost:
        by_geo.setdefault(geo, []).extend([int(time)] if str(time).isdigit() else [])
    return ("; gone: " + "; ".join(f"{geo} {year_ranges(years)}" for geo, years in sorted(by_geo.items()))) if lost else ""


def check(new: pd.DataFrame, old: pd.DataFrame, failures: dict[str, str],
          accepted: frozenset[str] = frozenset()) -> None:
    """Raise :class:`ValidationError` listing every problem: non-finite values, series that
    failed for a reason other than 'not held', and datasets that lost rows."""
    problems = finite(new) + [f"{label}: {why}" for label, why in failures.items()] + losses(new, old, accepted)
    if problems:
        shown = "\n  ".join(problems[:30])
        raise ValidationError(f"the new data would poison or shrink the snapshot, so it was not written "
                              f"(the previous snapshot is unchanged):\n  {shown}\n"
                              "Fix the source; a dataset that really lost rows (a renamed dimension, a "
                              "dropped country) can be accepted with --accept-loss DATASET.")
