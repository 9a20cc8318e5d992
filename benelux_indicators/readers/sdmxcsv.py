"""SDMX-CSV 1.0, as Eurostat serves it (API ``format=SDMX-CSV``, data-browser downloads).

Wire format (one observation a line, dimension columns in the DSD's order)::

    DATAFLOW,LAST UPDATE,freq,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS
    ESTAT:NAMA_10_GDP(1.0),26/09/25 23:00:00,A,CP_MEUR,BE,2021,506047.2,p,

Quirks handled here, in one place:

* ``LAST UPDATE`` (``dd/mm/yy HH:MM:SS``) dates the release: it becomes the vintage
  (ISO date). A file without the column has no vintage of its own and is refused.
* ``CONF_STATUS`` exists only since Eurostat's flag reform of 27 January 2025; older
  files end at ``OBS_FLAG``. Both columns reach the tidy table (``flag``, ``conf_status``):
  a confidential cell is confidential, not missing.
* "SDMX-CSV with labels" (``labels=both``) writes ``geo:Geopolitical entity`` in the header
  and ``BE:Belgium`` in cells: the code before the first colon is kept, never the label.
* Line ends CRLF (API) or LF (re-saved files), an optional UTF-8 BOM, quoted cells: the
  ``csv`` module reads them all the same.
* An empty ``OBS_VALUE`` is not available (with its flag, if any).
"""
from __future__ import annotations

import csv
import io
import math
import re
from datetime import datetime

import pandas as pd

from ..errors import CorruptDataError, EmptyResultError
from ..flags import valid
from ..geo import harmonise

REQUIRED = ("DATAFLOW", "LAST UPDATE", "TIME_PERIOD", "OBS_VALUE")
ATTRIBUTES = {"OBS_FLAG": "flag", "CONF_STATUS": "conf_status"}
NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE]-?[0-9]{1,3})?", re.ASCII)  # SDMX-CSV may write 4.5E-4
DATAFLOW = re.compile(r"^(?:[A-Z0-9_]+:)?([A-Za-z0-9_]+)(?:\([0-9.]+\))?(?::|$)")  # a label may follow


def sniff(text: str) -> bool:
    """Whether a decoded body is SDMX-CSV (its first cell is ``DATAFLOW``)."""
    return text.lstrip('"').startswith("DATAFLOW")


def _code(cell: str) -> str:
    """``'BE:Belgium'`` -> ``'BE'`` (labelled files); a plain code stays as it is."""
    return cell.split(":", 1)[0].strip()


def _updated(stamp: str, where: str, lineno: int) -> str:
    for pattern in ("%d/%m/%y %H:%M:%S", "%d/%m/%Y %H:%M:%S", "%d/%m/%y %H:%M", "%Y-%m-%dT%H:%M:%S%z",
                    "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d"):
        try:
            return datetime.strptime(stamp.strip(), pattern).date().isoformat()
        except ValueError:
            continue
    raise CorruptDataError(where, f"line {lineno}, column LAST UPDATE: unreadable date {stamp!r}", path=where)


def read(text: str, dataset: str, where: str) -> pd.DataFrame:
    """Parse an SDMX-CSV body into long rows: dimensions, time, value, flag, conf_status,
    vintage. The file must hold ``dataset`` (its DATAFLOW id); nothing is returned from a
    file with a malformed line."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [_code(h) for h in next(reader, [])]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise CorruptDataError(dataset, f"line 1: not an SDMX-CSV 1.0 header (lacks {', '.join(missing)})", path=where)
    at = {name: i for i, name in enumerate(header)}
    known = set(REQUIRED) | set(ATTRIBUTES)
    dims = [h for h in header if h not in known]
    rows: list[tuple] = []
    stamps: dict[str, str] = {}
    for lineno, cells in enumerate(reader, start=2):
        if not cells or not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            raise CorruptDataError(dataset, f"line {lineno}: {len(cells)} cells, expected {len(header)}", path=where)
        flow = DATAFLOW.match(cells[at["DATAFLOW"]].strip())
        if not flow or flow.group(1).lower() != dataset.lower():
            raise CorruptDataError(dataset, f"line {lineno}, column DATAFLOW: {cells[at['DATAFLOW']]!r} "
                                            f"is not dataset {dataset}", path=where)
        stamp = cells[at["LAST UPDATE"]]
        if stamp not in stamps:
            stamps[stamp] = _updated(stamp, where, lineno)
        raw = cells[at["OBS_VALUE"]].strip()
        value = float(raw) if raw and NUMBER.fullmatch(raw) else None
        if raw and (value is None or not math.isfinite(value)):
            raise CorruptDataError(dataset, f"line {lineno}, column OBS_VALUE: {raw!r} is not a number",
                                   path=where)
        attributes = [cells[at[a]].strip() if a in at else "" for a in ATTRIBUTES]
        if not valid(f"{attributes[0]}{'@' + attributes[1] if attributes[1] else ''}"):
            raise CorruptDataError(dataset, f"line {lineno}, column OBS_FLAG/CONF_STATUS: {attributes!r} is not in "
                                            "Eurostat's flag alphabet", path=where)
        rows.append((*(_code(cells[at[d]]) for d in dims), _code(cells[at["TIME_PERIOD"]]), value,
                     *attributes, stamps[stamp]))
    if not rows:
        raise EmptyResultError(dataset, "the SDMX-CSV holds a header but no observation", path=where)
    frame = pd.DataFrame(rows, columns=[*dims, "time", "value", *ATTRIBUTES.values(), "vintage"])
    if "geo" in frame:
        frame["geo"] = frame["geo"].map(harmonise)
    return frame
