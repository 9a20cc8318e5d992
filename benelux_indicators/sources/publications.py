"""Figures that Eurostat does not publish (or not offline): transcribed from cited reports.

Input is a CSV with the columns ``indicator, dataset, geo, year, value, unit, source_title,
source_ref, vintage, note`` (the format of ``../shared/transcribed/values.csv``). Every row
keeps its citation. Rules, stated once:

* Units are converted through ``units.json`` to Eurostat codes; the printed value and unit
  are kept in ``printed_value`` / ``printed_unit``.
* An empty value is a missing observation; when its note says the figure is confidential
  (Belgian rail tonne-km) the flag is ``c``, so a figure built on it says it cannot be
  computed rather than treating the gap as zero.
* Approximate figures ("nearly 4.5 bn") are flagged ``e`` (estimated) when the note says so.
"""
from __future__ import annotations

import json
import logging
import math
import re
from pathlib import Path

import pandas as pd

from .. import tidy
from ..errors import CorruptDataError, UnknownDatasetError
from ..geo import harmonise
from ..paths import PACKAGE_DIR
from .query import Query

log = logging.getLogger(__name__)
UNITS: dict[str, list] = {k: v for k, v in json.loads((PACKAGE_DIR / "units.json").read_text()).items()
                          if not k.startswith("_")}
REQUIRED = ["indicator", "dataset", "geo", "year", "value", "unit",
            "source_title", "source_ref", "vintage", "note"]
_APPROXIMATE = re.compile(r"\b(approximate|nearly|almost|around|bijna|pres de|près de)\b", re.I)


class Publications:
    def __init__(self, path: Path):
        self.path = Path(path)
        self.name = f"publications:{self.path.name}"
        self._frame: pd.DataFrame | None = None

    def table(self) -> pd.DataFrame:
        if self._frame is None:
            self._frame = normalise_csv(self.path)
        return self._frame

    def fetch(self, query: Query) -> pd.DataFrame:
        frame = self.table()
        if not (frame["dataset"] == query.dataset).any():
            raise UnknownDatasetError(query.dataset, "no cited rows for this dataset", path=str(self.path))
        return query.apply(tidy.compact(frame[frame["dataset"] == query.dataset]), str(self.path))


def _flag(value: float | None, note: str) -> str:
    if value is None:
        return "c" if "confidential" in note.lower() else ""
    return "e" if _APPROXIMATE.search(note) else ""


def normalise_csv(path: Path) -> pd.DataFrame:
    """Read the cited-values CSV into the tidy table (one row per cited number)."""
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, pd.errors.ParserError, UnicodeDecodeError) as exc:
        raise CorruptDataError("publications", f"unreadable CSV: {exc}", path=str(path)) from exc
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise CorruptDataError("publications", f"missing columns {missing}", path=str(path))
    records = []
    for lineno, row in enumerate(raw.to_dict("records"), start=2):
        try:
            printed = float(row["value"]) if row["value"].strip() else None
            if printed is not None and not math.isfinite(printed):
                raise ValueError(row["value"])
        except ValueError:
            raise CorruptDataError("publications", f"line {lineno}, column value: {row['value']!r} is not a number",
                                   path=str(path)) from None
        unit, factor = UNITS.get(row["unit"], [row["unit"], 1])
        records.append({
            "dataset": row["dataset"], "indicator": row["indicator"], "geo": harmonise(row["geo"]),
            "time": row["year"], "value": None if printed is None else printed * factor,
            "flag": _flag(printed, row["note"]), "unit": unit,
            "printed_value": row["value"], "printed_unit": row["unit"],
            "source": "publication", "origin": f"publications:{path.name}", "vintage": row["vintage"],
            "citation": row["source_title"], "citation_ref": row["source_ref"], "note": row["note"],
        })
    log.info("publications: %d cited rows from %s", len(records), path)
    return tidy.conform(pd.DataFrame(records))
