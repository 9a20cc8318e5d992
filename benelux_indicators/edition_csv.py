"""An edition's CSV for the staff: the figures of a record one row each, label, cause and
notes in words (``messages``), sources as JSON text. Words are made here, at the edge; the
record itself (:mod:`.editions`) holds none."""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from . import atomic, messages, textsafe
from .editions import Record, csv_path


def flat(rec: Record, lang: str = "en") -> pd.DataFrame:
    """The figures of a record as one row each, label, cause and notes in ``lang`` (sources
    and parts as JSON text): the edition's CSV for the staff."""
    rows = []
    for f in rec.figures:
        row = {k: v for k, v in messages.flat(f.comparison, lang).items() if k not in ("sources", "parts")}
        rows.append({**row, "stale": ";".join(f.stale),
                     "sources": json.dumps([e.as_dict() for e in f.comparison.sources], ensure_ascii=False)})
    frame = pd.DataFrame(rows)
    frame.insert(0, "edition", rec.edition)
    return frame


def write_csv(rec: Record) -> Path:
    path = csv_path(rec.edition)
    atomic.write_text(path, textsafe.csv(flat(rec)))
    return path
