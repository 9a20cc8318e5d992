"""Turn a reader's rows into the tidy table: provenance columns added, dtypes fixed.

Readers know the wire format; this module knows what every row must carry so a number
never reaches a user without its dataset, origin and vintage.
"""
from __future__ import annotations

import pandas as pd

from . import tidy


def eurostat_rows(rows: pd.DataFrame, dataset: str, origin: str, vintage: str) -> pd.DataFrame:
    """Eurostat observations: the dataset code doubles as indicator, the dimensions stay."""
    out = rows.copy()
    out["dataset"] = dataset
    out["indicator"] = dataset
    out["source"] = "eurostat"
    out["origin"] = origin
    out["vintage"] = vintage
    return tidy.conform(out)
