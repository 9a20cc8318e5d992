"""Fetch every series the recipes need, normalise, and write the snapshot.

Load inputs (one query per distinct series, from the Eurostat-kind source or the cited
publications) -> process (stack, de-duplicate) -> save (atomic snapshot + manifest). A
failing dataset does not stop the run: it is recorded in the manifest with the reason,
and the figures that need it come out as ``no_data``.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from . import snapshot, validate
from .errors import SourceError
from .paths import snapshot_path
from .recipes import Recipe, Series, context
from .sources import Source
from .sources.publications import Publications
from .sources.query import Query
from .validate import NOT_HELD

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Failure:
    """A series a source could not deliver: which, what kind of error, and its message."""

    series: Series
    kind: str  # the error class name, e.g. UnknownDatasetError
    message: str

    @property
    def held(self) -> bool:
        """False when the source simply does not hold the series (not a fault of the run)."""
        return self.kind not in NOT_HELD

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


@dataclass
class BuildReport:
    fetched: dict[str, int] = field(default_factory=dict)  # label -> rows
    failures: dict[str, Failure] = field(default_factory=dict)  # label -> why

    def lines(self) -> list[str]:
        ok = [f"ok      {k}: {n} rows" for k, n in sorted(self.fetched.items())]
        bad = [f"missing {k}: {f.message}" for k, f in sorted(self.failures.items())]
        return ok + bad


def needed(recipes: dict[str, Recipe]) -> dict[tuple[str, Query], Series]:
    """Distinct (source kind, query) pairs over all recipes, fallbacks and earlier releases,
    then the context series the pages show beside them."""
    out: dict[tuple[str, Query], Series] = {}
    for series in [s for r in recipes.values() for s in r.series()] + [c.series for c in context().values()]:
        out.setdefault((series.source, series.query()), series)
    return out


def collect(recipes: dict[str, Recipe], eurostat: Source, publications: Publications | None,
            progress: Callable[[int, int, str, str], None] | None = None) -> tuple[pd.DataFrame, BuildReport]:
    """Fetch all needed series, ``eurostat.parallel`` at a time (the live API: a few; files:
    one), reported in a fixed order so that the table comes out the same on every run.
    Failures are reported through ``progress(i, n, label, outcome)``, never fatal."""
    report, frames = BuildReport(), []
    todo = list(needed(recipes).items())

    def fetch(item: tuple[tuple[str, Query], Series]) -> pd.DataFrame | SourceError:
        (kind, query), _series = item
        source = eurostat if kind == "eurostat" else publications
        try:
            if source is None:
                raise SourceError(query.dataset, "no publications file given")
            return source.fetch(query)
        except SourceError as exc:
            return exc

    with ThreadPoolExecutor(max_workers=getattr(eurostat, "parallel", 1)) as pool:
        for i, (((kind, query), series), got) in enumerate(zip(todo, pool.map(fetch, todo)), start=1):
            label = f"{kind}:{series.describe()} geo={','.join(query.geo)}"
            if isinstance(got, SourceError):
                report.failures[label] = Failure(series, type(got).__name__, str(got))
                outcome = f"FAILED {type(got).__name__}: {got}"
            else:
                frames.append(got)
                report.fetched[label] = len(got)
                outcome = f"{len(got)} rows"
            log.info("[%d/%d] %s: %s", i, len(todo), label, outcome)
            if progress:
                progress(i, len(todo), label, outcome)
    table = pd.concat(frames, ignore_index=True).drop_duplicates() if frames else pd.DataFrame()
    return table, report


def manifest_info(table: pd.DataFrame, report: BuildReport, eurostat: str, publications: str | None,
                  built_at: str, **after_refresh: Mapping[str, str]) -> snapshot.Manifest:
    """What the snapshot's manifest records: when, from where, rows and vintages per
    series, why each series a recipe wanted is missing (``after_refresh``: stale, faults)."""
    return snapshot.Manifest(built_at, eurostat, publications, dict(sorted(report.fetched.items())),
                             {k: f.message for k, f in report.failures.items()},
                             table.groupby("dataset")["vintage"].unique().map(sorted).to_dict(), **after_refresh)


def build_snapshot(recipes: dict[str, Recipe], eurostat: Source, publications: Publications | None,
                   out: Path | None = None, accept_loss: frozenset[str] = frozenset()) -> tuple[str, BuildReport]:
    """Fetch, validate against the previous snapshot, write. A series that fails for any
    reason but 'the source does not hold it' stops the run, as does a dataset that loses
    rows (unless accepted by name), so one bad cell cannot turn a figure into no data."""
    table, report = collect(recipes, eurostat, publications)
    if table.empty:
        raise SourceError("snapshot", "no series could be fetched; the previous snapshot is kept")
    previous = snapshot.load(out) if (out or snapshot_path()).exists() else table.iloc[0:0]
    broken = {label: str(f) for label, f in report.failures.items() if f.held}
    validate.check(snapshot.prepare(table), previous, broken, accept_loss)
    info = manifest_info(table, report, eurostat.name, publications.name if publications else None,
                         datetime.now(timezone.utc).isoformat(timespec="seconds"))
    digest = snapshot.write(table, info, path=out)
    return digest, report
