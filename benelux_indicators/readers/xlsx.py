"""Eurostat data-browser spreadsheet exports (``.xlsx``, "Sheet 1" layout).

The browser prints labels, not codes: the fixed dimensions sit as ``label | | value``
rows above the table, the table has one row per period and one column per geo label.
Labels are mapped back to codes through ``labels.json``; an unknown label stops the read
(a silently dropped country would bias an EU sum). Dataset code and last update come
from the sheet's own header lines.
"""
from __future__ import annotations

import io
import json
import math
import re
from datetime import datetime

import openpyxl
from openpyxl.utils import get_column_letter
import pandas as pd

from ..errors import CorruptDataError, EmptyResultError, UnknownDimensionError
from ..paths import PACKAGE_DIR
from .tsv import conf, parse_cell

LABELS = json.loads((PACKAGE_DIR / "labels.json").read_text(encoding="utf-8"))


def _code(dimension: str, label: str, dataset: str, where: str) -> str:
    try:
        return LABELS["codes"][dimension][label]
    except KeyError:
        raise UnknownDimensionError(dataset, f"no code known for {dimension} label {label!r}", path=where) from None


def read(raw: bytes, where: str) -> tuple[str, str, pd.DataFrame]:
    """Return (dataset code, last update ISO date, long rows) from an export's bytes."""
    try:
        book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        sheet = book["Sheet 1"]
    except Exception as exc:  # openpyxl raises many types for a broken zip/sheet
        raise CorruptDataError(where, f"unreadable spreadsheet: {exc}", path=where) from exc
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    dataset, updated, fixed, header_at = "", "", {}, None
    for i, row in enumerate(rows):
        first = (row[0] or "") if row else ""
        if isinstance(first, str) and first.startswith("Dataset:"):
            match = re.search(r"\[([a-z0-9_]+?)(?:__custom_\d+)?\]", str(row[1]))
            dataset = match.group(1) if match else ""
        elif first == "Last updated: ":
            try:
                updated = datetime.strptime(str(row[1]), "%d/%m/%Y %H:%M").date().isoformat()
            except ValueError:
                raise CorruptDataError(dataset or where, f"Sheet 1, row {i + 1}, column B: unreadable update date "
                                                         f"{row[1]!r}", path=where) from None
        elif first in LABELS["dimensions"] and row[2] is not None:
            dim = LABELS["dimensions"][first]
            fixed[dim] = _code(dim, str(row[2]), dataset or where, where)
        elif first in ("Date", "TIME", "Time"):
            header_at = i
            break
    if not dataset or header_at is None:
        raise CorruptDataError(where, "not a Eurostat data-browser export (no 'Dataset:' or table header)", path=where)
    geos = [_code("geo", str(label), dataset, where) for label in rows[header_at][1:] if label is not None]
    records = []
    for number, row in enumerate(rows[header_at + 1:], start=header_at + 2):
        if not row or row[0] is None:
            break
        for column, (geo, cell) in enumerate(zip(geos, row[1:]), start=2):
            try:
                value, flags = (float(cell), "") if isinstance(cell, (int, float)) else parse_cell(str(cell))
                if value is not None and not math.isfinite(value):
                    raise ValueError(cell)
            except ValueError:
                raise CorruptDataError(dataset, f"Sheet 1, row {number}, column {get_column_letter(column)}: "
                                                f"{cell!r} is not a Eurostat cell (value and flags)", path=where) from None
            flag, status = conf(flags)
            records.append({**fixed, "geo": geo, "time": str(row[0]), "value": value, "flag": flag,
                            "conf_status": status})
    if not records:
        raise EmptyResultError(dataset, "the spreadsheet holds no observation", path=where)
    return dataset, updated, pd.DataFrame(records)
