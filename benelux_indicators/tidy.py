"""The one tidy long table every source is normalised into.

One row per observation. Dimension columns (``unit``, ``na_item``, ``nrg_bal``, ``siec``...)
are kept as their own columns, so the table is the union of the datasets' dimensions;
a dimension a dataset lacks is empty for its rows.
"""
from __future__ import annotations

import pandas as pd

# Columns every row has, in display order. Dimension columns follow them.
CORE = [
    "dataset", "indicator", "geo", "time", "value", "flag", "conf_status", "unit",
    "source", "origin", "vintage", "citation", "citation_ref", "note",
]
# Columns that describe provenance rather than identify a series.
PROVENANCE = ["source", "origin", "vintage", "citation", "citation_ref", "note"]
NOT_DIMENSIONS = set(CORE) | {"printed_value", "printed_unit"}


def dimensions(frame: pd.DataFrame) -> list[str]:
    """The dimension columns of a tidy frame (everything that is not a core column)."""
    return [c for c in frame.columns if c not in NOT_DIMENSIONS]


def conform(frame: pd.DataFrame) -> pd.DataFrame:
    """Order the columns (core first), fill absent core columns, fix dtypes."""
    out = frame.copy()
    for col in CORE:
        if col not in out.columns:
            out[col] = pd.NA if col not in ("flag", "conf_status") else ""
    out["value"] = pd.to_numeric(out["value"], errors="raise").astype("float64")
    text_cols = [c for c in out.columns if c != "value"]
    out[text_cols] = out[text_cols].astype("string")
    out[["flag", "conf_status"]] = out[["flag", "conf_status"]].fillna("")
    extra = sorted(c for c in out.columns if c not in CORE)
    return out[CORE + extra].reset_index(drop=True)


def compact(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop dimension columns that are empty for these rows (other datasets' dimensions)."""
    empty = [c for c in dimensions(frame) if frame[c].isna().all()]
    return frame.drop(columns=empty)


def select(frame: pd.DataFrame, **criteria: object) -> pd.DataFrame:
    """Rows whose columns equal the given values (a list means any of them).

    A criterion on a column the frame lacks selects nothing, which is what a filter on a
    dimension the dataset does not have should do.
    """
    mask = pd.Series(True, index=frame.index)
    for column, wanted in criteria.items():
        if column not in frame.columns:
            return frame.iloc[0:0]
        values = [str(v) for v in wanted] if isinstance(wanted, (list, tuple, set)) else [str(wanted)]
        mask &= frame[column].isin(values)
    return frame[mask]


def year_ranges(years: list[int], dash: str = "-") -> str:
    """[2012, 2013, 2014, 2020] -> '2012-2014, 2020' (runs of consecutive years)."""
    runs: list[list[int]] = []
    for y in sorted(set(years)):
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return ", ".join(f"{r[0]}{dash}{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
