"""The annual refresh: fetch every series, recompute every figure, write a new edition with
its changelog, and replace the snapshot, without ever losing the last good state.

Order of writing, each file atomically (temporary file, fsync, rename):
1. the new snapshot and manifest, staged beside the old ones (``.refresh-<edition>.*``);
2. the edition's CSV and changelog;
3. the edition's JSON: from here on the edition exists (the commit point);
4. the staged snapshot and manifest renamed over the old ones.
A run killed before 3 leaves the previous snapshot and editions as they were (at worst an
incomplete edition's files, which the rerun replaces); a run killed between 3 and 4 is
finished by the rerun. A failed write (a full disk) removes what it staged and says so.

A dataset that cannot be fetched does not stop the run: its rows from the previous
snapshot are kept, the figures using them are marked stale, and the run says so and
exits non-zero. A rerun reuses what the first run already fetched (see ``fresh_after``).
"""
from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from . import atomic, changelog, edition_csv, editions, engine, plan, recipes, snapshot, validate
from .build import Build
from .compare import Year
from .editions import Failures, Record
from .errors import EditionError, SourceError, WriteError
from .paths import manifest_path, processed_dir, snapshot_path
from .pipeline import BuildReport, collect, manifest_info, needed
from .sources import Source
from .sources.publications import Publications
from .sources.rawcache import stamp


@dataclass(frozen=True, slots=True)
class RefreshResult:
    record: Record
    changes: list[changelog.Change]
    written: list[Path]  # nothing on a dry run
    baseline: Record | None = None  # what the changes are measured from
    changelog: str = ""  # the changelog's markdown, as written (or, on a dry run, as it would be)

    @property
    def failed(self) -> dict[str, str]:
        """Series that lost their update: kept from before (stale) or failed by a fault."""
        return self.record.failures.lost


def journal(name: str) -> Path:
    """Where a run notes when it started, so that a rerun reuses what it fetched."""
    return processed_dir() / f".refresh-{editions.check_name(name)}.json"


def started(name: str) -> str:
    """This edition's run start: the interrupted run's if there was one, else now."""
    path = journal(name)
    if path.exists():
        return json.loads(path.read_text(encoding="utf-8"))["started"]
    when = stamp()
    atomic.write_text(path, json.dumps({"started": when}) + "\n")
    return when


def _keep_stale(table: pd.DataFrame, report: BuildReport, old: engine.Data) -> tuple[pd.DataFrame, Failures]:
    """Add the previous snapshot's rows of every series that failed, and sort the failures:
    ``stale`` (previous rows kept), ``faults`` (nothing to keep, and not merely a series the
    source does not hold) and ``unavailable`` (the source does not hold it, nor did we).
    They are keyed by series; the queries of one series (with and without the EU row)
    each add their reason."""
    kept, sorted_out = [], {"stale": {}, "faults": {}, "unavailable": {}}
    for failure in report.failures.values():
        series, why, message = failure.series, str(failure), failure.message
        rows = old.select(series)
        rows = rows[rows.geo.isin([*series.geos, *series.eu_geos])]
        if len(rows):
            kind, text = "stale", f"{why} (kept {len(rows)} previous rows)"
            kept.append(rows)
        else:
            kind, text = ("faults", why) if failure.held else ("unavailable", message)
        known = sorted_out[kind].get(series.key)
        sorted_out[kind][series.key] = text if known in (None, text) else f"{known}; {text}"
    frames = [f for f in [table, *kept] if not f.empty]
    return (pd.concat(frames, ignore_index=True).drop_duplicates() if frames else table), Failures(**sorted_out)


def _reached(source: Source, report: BuildReport, name: str) -> None:
    """A refresh that got nothing from its source writes no edition: an all-stale edition
    would use up the name and say nothing new. (Series the source simply does not hold do
    not count as failures here.)"""
    fetched = [label for label in report.fetched if label.startswith("eurostat:")]
    failed = {label: str(f) for label, f in report.failures.items() if label.startswith("eurostat:") and f.held}
    if failed and not fetched:
        first = next(iter(failed.values()))
        raise SourceError("refresh", f"nothing could be fetched from {source.name} ({len(failed)} series failed, "
                                     f"first: {first}); no edition was written and the name {name!r} stays free")


def _previous_snapshot() -> pd.DataFrame:
    return snapshot.load() if snapshot_path().exists() else snapshot.prepare(pd.DataFrame())


def staged(name: str) -> tuple[Path, Path]:
    """Where a run stages the new snapshot and manifest until the edition exists."""
    base = processed_dir() / f".refresh-{editions.check_name(name)}"
    return base.with_suffix(".parquet"), base.with_suffix(".manifest.json")


def changelog_paths(name: str) -> tuple[Path, Path]:
    base = processed_dir() / f"changelog-{editions.check_name(name)}"
    return base.with_suffix(".md"), base.with_suffix(".json")


def publish(name: str) -> bool:
    """Move a committed edition's staged snapshot and manifest into place (step 4);
    False when there was nothing left to move."""
    moved = False
    for stage, target in zip(staged(name), (snapshot_path(), manifest_path())):
        if stage.exists():
            os.replace(stage, target)
            moved = True
    journal(name).unlink(missing_ok=True)
    return moved


def baseline(against: str | None, printed: plan.Edition, all_recipes: dict, old: engine.Data,
             year: Year) -> Record:
    """What a refresh is compared with: an edition by name, ``"plan"`` (the printed figures
    as an edition), or by default the newest edition (before any, the snapshot as it was)."""
    if against == "plan":
        return editions.printed(printed, all_recipes)
    if against:
        return editions.load(against)
    return editions.latest() or editions.record(
        "snapshot before refresh", Build(printed, all_recipes, old, year=year).comparisons, all_recipes, old,
        Failures(), "", snapshot_sha256=snapshot.manifest().sha256)


def run(name: str, source: Source, publications: Publications | None, plan_name: str | None = None,
        year: Year = None, progress: Callable[[int, int, str, str], None] | None = None,
        accept_loss: frozenset[str] = frozenset(), dry_run: bool = False, against: str | None = None,
        threshold: float = changelog.THRESHOLD) -> RefreshResult:
    """Refresh into edition ``name`` compared with plan ``plan_name`` (the current plan when
    None); raises before writing anything if nothing could be fetched. ``dry_run`` computes
    the edition and its changes and writes nothing; ``against`` chooses the baseline."""
    if editions.exists(name) and not dry_run:
        if publish(name):  # an earlier run committed the edition and was stopped before step 4
            record = editions.load(name)
            return RefreshResult(record, [], [snapshot_path(), manifest_path()])
        raise EditionError(f"edition {name!r} exists ({editions.json_path(name)}); editions are never "
                           "overwritten: choose another name, or `benelux-indicators editions discard` a trial one")
    all_recipes, printed = recipes.load_all(), plan.load(plan_name)
    if not dry_run:
        for leftover in processed_dir().glob(".*.tmp"):  # a killed run's half-written files
            leftover.unlink()
    old = engine.Data(_previous_snapshot())
    table, report = collect(all_recipes, source, publications, progress)
    _reached(source, report, name)
    table, failures = _keep_stale(table, report, old)
    if table.empty:
        raise SourceError("refresh", "no series could be fetched; nothing was changed")
    frame = snapshot.prepare(table)
    validate.check(frame, old.frame, {}, accept_loss)  # nothing poisoned, nothing lost unexplained
    new = engine.Data(frame)
    record = editions.record(name, Build(printed, all_recipes, new, year=year).comparisons, all_recipes, new, failures,
                             datetime.now(timezone.utc).isoformat(timespec="seconds"), plan=printed.edition,
                             year=year, source=source.name,
                             publications=publications.name if publications else None,
                             snapshot_sha256=snapshot.identity(frame) if dry_run else "")  # else: the write's
    before = baseline(against, printed, all_recipes, old, year)
    changes = changelog.ordered([*changelog.diff(before, record), *changelog.data_changes(old.frame, frame, threshold)])
    series = {s.key: s for s in needed(all_recipes).values()}  # where the changelog says to fetch a missing one
    if dry_run:
        return RefreshResult(record, changes, [], before, changelog.markdown(changes, before, record, series))
    record, written, md = _write(record, changes, before, frame, report, series)
    publish(name)
    return RefreshResult(record, changes, [*written, snapshot_path(), manifest_path()], before, md)


def _write(record: Record, changes: list[changelog.Change], before: Record, frame: pd.DataFrame,
           report: BuildReport, series: dict) -> tuple[Record, list[Path], str]:
    """Steps 1 to 3; on a failed write, everything of this edition is removed again. The
    record comes back with the checksum of the snapshot it was computed from."""
    name = record.edition
    md, js = changelog_paths(name)
    stage, stage_manifest = staged(name)
    info = manifest_info(frame, report, record.source, record.publications, record.created_at,
                         stale=dict(record.failures.stale), faults=dict(record.failures.faults))
    try:
        record = replace(record, snapshot_sha256=snapshot.write(frame, info, path=stage, manifest_to=stage_manifest))
        atomic.write_text(js, json.dumps(changelog.as_json(changes, before, record), indent=1, ensure_ascii=False,
                                         default=str) + "\n")
        text = changelog.markdown(changes, before, record, series)
        atomic.write_text(md, text)
        return record, [edition_csv.write_csv(record), md, js, editions.write_json(record)], text
    except OSError as exc:
        for path in (editions.csv_path(name), md, js, stage, stage_manifest):
            path.unlink(missing_ok=True)
        raise WriteError(f"could not write {exc.filename or 'the results'}: {exc.strerror or exc}; edition "
                         f"{name!r} was not made and the previous snapshot is unchanged") from exc
