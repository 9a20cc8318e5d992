"""Checks a new tidy table must pass before it replaces the snapshot: nothing poisoned,
nothing lost without a word. The last good snapshot stays when one fails."""
from __future__ import annotations

import re

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


# Units whose values are counts or amounts and cannot be negative. THS_T is left out: it is
# also the unit of greenhouse-gas sectors, and land use (CRF4) is a net removal, below zero.
NON_NEGATIVE = frozenset({"NR", "PER", "THS_PER", "KM2", "MIO_TKM", "T", "CP_MEUR", "MIO_EUR", "GWH", "KTOE",
                          "CP_EUR_HAB"})
# A period as Eurostat writes it: a year, or a year and its quarter, month, half or week.
PERIOD = re.compile(r"[0-9]{4}(?:-(?:Q[1-4]|S[12]|M(?:0[1-9]|1[0-2])|W[0-5][0-9]|(?:0[1-9]|1[0-2])))?", re.ASCII)


def impossible(table: pd.DataFrame) -> list[str]:
    """Values no source could mean: a negative count or amount, a period that is not one."""
    out = []
    negative = table[table["unit"].isin(NON_NEGATIVE) & (table["value"] < 0)]
    out += [f"{r.dataset} [unit={r.unit}] {r.geo} {r.time}: value {r.value:g} cannot be negative ({r.origin})"
            for r in negative.itertuples()]
    bad = table[~table["time"].astype(str).map(lambda t: PERIOD.fullmatch(t) is not None)]
    out += [f"{r.dataset} {r.geo}: period {r.time!r} is not a year or a period of one ({r.origin})"
            for r in bad.itertuples()]
    return out[:20]


def emptied(new: pd.DataFrame, old: pd.DataFrame) -> list[str]:
    """Datasets that had values and now have rows but not one value (a file all ':')."""
    if old.empty or new.empty:
        return []
    had = old[old["value"].notna()].groupby(["source", "dataset"]).size()
    has = new.groupby(["source", "dataset"])["value"].count()
    return [f"{source}:{dataset}: {int(n)} values in the previous snapshot, none now (every cell empty)"
            for (source, dataset), n in had.items() if (source, dataset) in has.index and has[(source, dataset)] == 0]


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
    """Raise :class:`ValidationError` listing every problem: non-finite or impossible values,
    a dataset emptied of values, series that failed for a reason other than 'not held', and
    datasets that lost rows."""
    problems = (finite(new) + impossible(new) + emptied(new, old) + [f"{label}: {why}" for label, why in failures.items()]
                + losses(new, old, accepted))
    if problems:
        shown = "\n  ".join(problems[:30])
        raise ValidationError(f"the new data would poison or shrink the snapshot, so it was not written "
                              f"(the previous snapshot is unchanged):\n  {shown}\n"
                              "Fix the source; a dataset that really lost rows (a renamed dimension, a "
                              "dropped country) can be accepted with --accept-loss DATASET.")
