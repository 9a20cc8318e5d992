"""What changed between two editions (or the snapshot before a refresh and the new edition),
each change scored by its size so the big ones come first.

Scores: a figure that can no longer be computed, or a series that disappeared, 1.0 and 0.9;
a revision, its relative size; a new reference year 0.3 plus the relative move; a figure
that can now be computed 0.5; a status change 0.2; a new vintage or changed flags 0.05.
Below the figures, the data themselves (:func:`data_changes`, when the refresh has both
tables): each country's values revised beyond a threshold (scored by the largest move), and
what a dataset lost (countries and years that had values and have none now, 0.7).
Numbers are written at the figure's precision plus two digits, in English (the staff's file).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

import pandas as pd

from .editions import Figure, Record, SeriesRows
from .messages import render
from .recipes import Series
from .sources import estat
from .tidy import PROVENANCE, year_ranges


@dataclass(frozen=True, slots=True)
class Change:
    kind: str
    id: str
    score: float
    detail: str
    old: object = None
    new: object = None


def _vintages(figure: Figure) -> list[str]:
    return sorted({v for s in figure.comparison.sources for v in s.vintage})


def _num(value: float, sign: str = "", decimals: int = 0) -> str:
    """Large numbers whole with thousands separators, small ones at the figure's precision
    plus two digits (9.518, not 9.51793)."""
    return f"{value:{sign},.0f}" if abs(value) >= 1000 else f"{value:{sign},.{decimals + 2}f}".rstrip("0").rstrip(".")


def _relative(old: float, new: float) -> float:
    return abs(new - old) / abs(old) if old else 1.0


def _figure_changes(fid: str, before: Figure, after: Figure) -> list[Change]:
    out = []
    old, new = before.comparison, after.comparison
    was, now = old.computed, new.computed
    d = new.decimals
    if was is not None and now is None:  # the cause in English: the changelog is written for the staff
        out.append(Change("no_longer_computed", fid, 1.0,
                          f"was {_num(was, decimals=d)} ({old.year}); now: {render(new.cause, 'en')}", was, None))
    elif was is None and now is not None:
        out.append(Change("newly_computed", fid, 0.5, f"now {_num(now, decimals=d)} ({new.year}, {new.role})", None, now))
    elif was is not None and now is not None:
        rel = _relative(was, now)
        move = (f"{_num(was, decimals=d)} -> {_num(now, decimals=d)} ({_num(now - was, '+', d)}, "
                f"{(now - was) / was:+.3%})" if was else f"0 -> {_num(now, decimals=d)}")
        vintages = f"; vintage {', '.join(_vintages(before)) or '?'} -> {', '.join(_vintages(after)) or '?'}"
        if old.year != new.year:
            out.append(Change("new_year", fid, 0.3 + rel, f"reference year {old.year} -> {new.year}: {move}{vintages}",
                              was, now))
        elif rel > 1e-9:
            out.append(Change("revised", fid, rel, f"{new.year}: {move}{vintages}", was, now))
        if old.flags != new.flags:
            out.append(Change("flags", fid, 0.05, f"flags '{old.flags}' -> '{new.flags}'", old.flags, new.flags))
    if old.status != new.status:
        out.append(Change("status", fid, 0.2, f"status {old.status} -> {new.status}", old.status, new.status))
    if after.stale:
        out.append(Change("stale", fid, 0.6, f"uses values kept from before: {'; '.join(after.stale)}"))
    return out


def _series_changes(old: Mapping[str, SeriesRows], new: Mapping[str, SeriesRows]) -> list[Change]:
    out = []
    for label in sorted(set(old) | set(new)):
        was, now = old.get(label, SeriesRows(0)), new.get(label, SeriesRows(0))
        if was.rows and not now.rows:
            out.append(Change("series_gone", label, 0.9, f"{was.rows} rows before, none now (disappeared or renamed)"))
        elif now.rows and not was.rows:
            out.append(Change("series_new", label, 0.1, f"{now.rows} rows, vintage {', '.join(now.vintages)}"))
        elif was.vintages != now.vintages:
            out.append(Change("vintage", label, 0.05, f"vintage {', '.join(was.vintages)} -> {', '.join(now.vintages)}"))
    return out


def diff(old: Record, new: Record) -> list[Change]:
    """Changes from edition ``old`` to edition ``new``, biggest first."""
    before = {f.id: f for f in old.figures}
    after = {f.id: f for f in new.figures}
    changes = [Change("figure_added", fid, 0.8, "a new figure") for fid in after.keys() - before.keys()]
    changes += [Change("figure_removed", fid, 0.8, "no longer on the page") for fid in before.keys() - after.keys()]
    for fid in before.keys() & after.keys():
        changes += _figure_changes(fid, before[fid], after[fid])
    changes += _series_changes(old.series, new.series)
    return ordered(changes)


THRESHOLD = 0.01  # a country's value revised by more than 1 % is listed in the changelog


def data_changes(old: pd.DataFrame, new: pd.DataFrame, threshold: float = THRESHOLD) -> list[Change]:
    """The data under the figures, country by country: values revised by more than
    ``threshold`` (relative) and values a dataset no longer has (a dropped country or year)."""
    if old.empty or new.empty:
        return []
    keys = [c for c in old.columns if c == "source" or c not in ("value", "flag", "conf_status", *PROVENANCE)]
    keys = [c for c in keys if c in new.columns]
    both = old[old.value.notna()][[*keys, "value"]].fillna({k: "" for k in keys}).merge(
        new[[*keys, "value"]].fillna({k: "" for k in keys}), on=keys, how="left", suffixes=("_old", "_new"))
    both = both[both.dataset.isin(set(new.dataset))]  # a dataset gone whole is said by its series
    out = []
    lost = both[both.value_new.isna()]
    for (source, dataset, geo), rows in lost.groupby(["source", "dataset", "geo"], sort=True):
        years = sorted({int(t) for t in rows.time if str(t).isdigit()})
        out.append(Change("data_lost", f"{source}:{dataset} {geo}", 0.7,
                          f"{len(rows)} values gone: {geo} {year_ranges(years)}", len(rows), 0))
    kept = both[both.value_new.notna() & (both.value_old != 0)]
    rel = ((kept.value_new - kept.value_old) / kept.value_old.abs())
    moved = kept.assign(rel=rel)[rel.abs() > threshold]
    for (source, dataset, geo), rows in moved.groupby(["source", "dataset", "geo"], sort=True):
        rows = rows.sort_values("rel", key=abs, ascending=False)
        shown = "; ".join(f"{r.time}: {_num(r.value_old)} -> {_num(r.value_new)} ({r.rel:+.1%})" for r in rows.head(5).itertuples())
        more = f"; {len(rows) - 5} more" if len(rows) > 5 else ""
        out.append(Change("data_revised", f"{source}:{dataset} {geo}", float(rows.rel.abs().max()),
                          f"{geo} revised beyond {threshold:.0%}: {shown}{more}", float(rows.value_old.iloc[0]),
                          float(rows.value_new.iloc[0])))
    return out


def ordered(changes: list[Change]) -> list[Change]:
    """Biggest first."""
    return sorted(changes, key=lambda c: (-c.score, c.kind, c.id))


def as_json(changes: list[Change], old: Record, new: Record) -> dict:
    return {"from": old.edition, "to": new.edition, "changes": [asdict(c) for c in changes]}


def _fetch(label: str, series: Mapping[str, Series]) -> str:
    """Where to get a missing Eurostat series by hand: its data-browser page and API address."""
    s = series.get(label)
    if s is None or s.source != "eurostat":
        return ""
    return (f" ([data browser]({estat.browser_url(s.dataset)}), "
            f"[API]({estat.statistics_url(s.dataset, dict(s.filters), (*s.geos, *s.eu_geos))}))")


def markdown(changes: list[Change], old: Record, new: Record, series: Mapping[str, Series] | None = None) -> str:
    """The changelog for the staff; ``series`` (by key) adds where to fetch each missing one."""
    series = series or {}
    lines = [f"# Changes from {old.edition} to {new.edition}", "",
             f"{len(changes)} change(s), biggest first. Snapshot {old.snapshot_sha256[:12] or '?'} -> "
             f"{new.snapshot_sha256[:12] or '?'}.", ""]
    for failed, text in ((new.failures.stale, "Could not be fetched; previous values kept and marked stale"),
                         (new.failures.faults, "Failed, with nothing previous to keep"),
                         (new.failures.unavailable, "Not held by the source, nor before")):
        if failed:
            lines += [f"**{text}:**", ""] + [f"- `{label}`: {why}{_fetch(label, series)}"
                                             for label, why in sorted(failed.items())] + [""]
    if not changes:
        return "\n".join([*lines, "No change."]) + "\n"
    lines += ["| score | change | what | detail |", "|---:|---|---|---|"]
    lines += [f"| {c.score:.3f} | {c.kind} | `{c.id}` | {c.detail.replace('|', '/')} |" for c in changes]
    return "\n".join(lines) + "\n"
