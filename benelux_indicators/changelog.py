"""What changed between two editions (or the snapshot before a refresh and the new edition),
each change scored by its size so the big ones come first.

Scores: a figure that can no longer be computed, or a series that disappeared, 1.0 and 0.9;
a revision, its relative size; a new reference year 0.3 plus the relative move; a figure
that can now be computed 0.5; a status change 0.2; a new vintage or changed flags 0.05.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass

from .editions import Figure, Record, SeriesRows
from .messages import render


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


def _num(value: float, sign: str = "") -> str:
    """Large numbers whole with thousands separators, small ones to six significant digits."""
    return f"{value:{sign},.0f}" if abs(value) >= 1000 else f"{value:{sign}.6g}"


def _relative(old: float, new: float) -> float:
    return abs(new - old) / abs(old) if old else 1.0


def _figure_changes(fid: str, before: Figure, after: Figure) -> list[Change]:
    out = []
    old, new = before.comparison, after.comparison
    was, now = old.computed, new.computed
    if was is not None and now is None:  # the cause in English: the changelog is written for the staff
        out.append(Change("no_longer_computed", fid, 1.0, f"was {_num(was)} ({old.year}); now: {render(new.cause, 'en')}",
                          was, None))
    elif was is None and now is not None:
        out.append(Change("newly_computed", fid, 0.5, f"now {_num(now)} ({new.year}, {new.role})", None, now))
    elif was is not None and now is not None:
        rel = _relative(was, now)
        move = (f"{_num(was)} -> {_num(now)} ({_num(now - was, '+')}, {(now - was) / was:+.3%})" if was
                else f"0 -> {_num(now)}")
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
    return sorted(changes, key=lambda c: (-c.score, c.kind, c.id))


def as_json(changes: list[Change], old: Record, new: Record) -> dict:
    return {"from": old.edition, "to": new.edition, "changes": [asdict(c) for c in changes]}


def markdown(changes: list[Change], old: Record, new: Record) -> str:
    lines = [f"# Changes from {old.edition} to {new.edition}", "",
             f"{len(changes)} change(s), biggest first. Snapshot {old.snapshot_sha256[:12] or '?'} -> "
             f"{new.snapshot_sha256[:12] or '?'}.", ""]
    for failed, text in ((new.failures.stale, "Could not be fetched; previous values kept and marked stale"),
                         (new.failures.faults, "Failed, with nothing previous to keep"),
                         (new.failures.unavailable, "Not held by the source, nor before")):
        if failed:
            lines += [f"**{text}:**", ""] + [f"- `{label}`: {why}" for label, why in sorted(failed.items())] + [""]
    lines += ["| score | change | what | detail |", "|---:|---|---|---|"]
    lines += [f"| {c.score:.3f} | {c.kind} | `{c.id}` | {c.detail.replace('|', '/')} |" for c in changes]
    return "\n".join(lines) + "\n"
