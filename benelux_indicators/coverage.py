"""The data a set of recipes needs, from the snapshot when it holds them, else from the
mirror or Eurostat live: how a figure is computed for countries the snapshot does not hold
(Benelux + DE). Which source answered is said, never guessed afterwards."""
from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import snapshot
from .errors import SourceError
from .paths import home
from .recipes import Recipe, Series
from .sources import eurostat_source


@dataclass(frozen=True)
class Gathered:
    """The rows found, the source of the Eurostat rows, and each series that could not be had."""
    frame: pd.DataFrame
    source: str
    missing: dict[str, str]


def default_mirror() -> str | None:
    """``$BENELUX_MIRROR``, else ``../shared/eurostat`` beside the project home when it exists."""
    path = os.environ.get("BENELUX_MIRROR") or str(home().parent / "shared" / "eurostat")
    return f"mirror:{path}" if Path(path).is_dir() else None


def _held(frame: pd.DataFrame, series: Series) -> bool:
    rows = frame[(frame.source == series.source) & (frame.dataset == series.dataset)]
    return set(series.geos) | set(series.eu_geos) <= set(rows.geo)


def gather(recipes: Iterable[Recipe], frame: pd.DataFrame | None = None, source: str | None = None) -> Gathered:
    """Rows for every series of ``recipes``: ``frame`` (or the snapshot) when it holds every
    country they name, else Eurostat series from ``source`` (default: the mirror, else live)
    and cited ones from the snapshot."""
    base = snapshot.load() if frame is None else frame
    wanted = list({(s.source, s.query()): s for r in recipes for s in r.series()}.values())
    if source is None and all(_held(base, s) for s in wanted if s.source == "eurostat"):
        return Gathered(base, "snapshot" if frame is None else "frame", {})
    chosen = source or default_mirror() or "live"
    eurostat = eurostat_source(chosen)
    frames, missing = [base[base.source != "eurostat"]], {}
    for s in wanted:
        if s.source != "eurostat":
            continue
        try:
            frames.append(eurostat.fetch(s.query()))
        except SourceError as exc:
            missing[s.key] = str(exc)
    found = pd.concat([f for f in frames if not f.empty], ignore_index=True).drop_duplicates()
    return Gathered(snapshot.prepare(found), chosen, missing)
