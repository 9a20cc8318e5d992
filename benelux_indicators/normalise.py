"""Turn a reader's rows into the tidy table: provenance columns added, dtypes fixed.

Readers know the wire format; this module knows what every row must carry so a number
never reaches a user without its dataset, origin and vintage.
"""
from __future__ import annotations

import pandas as pd

from . import tidy

# Eurostat's maritime tables name the reporting country ``rep_mar``, not ``geo``; its codes
# are geo codes (BE, NL, EU27_2020), so they are copied into ``geo`` and the column stays.
GEO_ALIASES = ("rep_mar",)


def eurostat_rows(rows: pd.DataFrame, dataset: str, origin: str, vintage: str | None = None) -> pd.DataFrame:
    """Eurostat observations: the dataset code doubles as indicator, the dimensions stay.
    ``vintage`` None: the rows carry their own (SDMX-CSV dates each line's release)."""
    out = rows.copy()
    out["dataset"] = dataset
    out["indicator"] = dataset
    out["source"] = "eurostat"
    out["origin"] = origin
    if vintage is not None:
        out["vintage"] = vintage
    elif "vintage" not in out:
        raise ValueError(f"{dataset}: rows from {origin} carry no vintage")
    if "geo" not in out:
        alias = next((a for a in GEO_ALIASES if a in out), None)
        if alias:
            out["geo"] = out[alias]
    return tidy.conform(out)
