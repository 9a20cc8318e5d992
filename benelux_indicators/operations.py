"""The few operations that combine series into a key figure, for one year.

Each takes the tidy rows of its inputs (already cut to one year) and returns an
:class:`Outcome`: the value, the per-country parts, the rows it used, and - when it cannot
compute - the problems, in words. A missing or confidential country never counts as zero;
a country the recipe declares structurally without value (no sea port) is left out, and said.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .flags import observation_status
from .recipes import Computation, Series


@dataclass(frozen=True)
class Problem:
    """Why an input could not be used: grouped by series and reason when reported."""

    role: str
    geo: str
    what: str
    series: str

    def __str__(self) -> str:
        return f"{self.role} {self.geo}: {self.what} ({self.series})"


@dataclass
class Outcome:
    value: float | None
    parts: dict[str, float] = field(default_factory=dict)
    rows: list[pd.DataFrame] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[dict] = field(default_factory=list)  # releases accepted by the recipe: detail, reason
    absent: dict[str, str] = field(default_factory=dict)  # geo -> reason code, declared by the recipe


def _cell(values: np.ndarray, flags: np.ndarray, conf: np.ndarray, idx: np.ndarray) -> tuple[str, int]:
    """The status of one observation given its row positions (several rows must agree)."""
    distinct = np.unique(values[idx][~np.isnan(values[idx])])
    if len(distinct) > 1:
        return f"conflicting values {distinct.tolist()}", -1
    first = idx[0]
    return observation_status(values[first], flags[first], conf[first] or "").replace("_", " "), first


def _values(rows: pd.DataFrame, series: Series, geos: tuple[str, ...], role: str,
            out: Outcome) -> dict[str, float] | None:
    """One value per geo; records a problem for each geo that is absent, masked or ambiguous.
    A geo the recipe declares structurally absent is skipped and noted, not a problem. With
    ``sum_over``, a geo's value is the sum of its component rows (every component must be
    there, except the recipe's ``optional`` ones; a not-applicable component counts as
    nothing, its flag carried).
    Works on the rows' arrays: this runs for every input of every figure and year."""
    found: dict[str, float] = {}
    keys = ["geo", series.sum_over] if series.sum_over else ["geo"]
    where = rows.groupby(keys, sort=False).indices if not rows.empty else {}
    values, flags = rows["value"].to_numpy(dtype=float), rows["flag"].to_numpy()
    conf = rows["conf_status"].to_numpy()
    # (key, label) of each cell making up a geo's value: the geo itself, or its components
    cells = [(c, f"{c} ") for c in series.components] if series.sum_over else [(None, "")]
    used = []
    for geo in geos:
        if geo in series.absent:
            out.absent[geo] = series.absent[geo]
            continue
        total, mine, trouble = 0.0, [], ""
        for component, label in cells:
            idx = where.get((geo, component) if component else geo)
            if idx is None and component in series.optional:
                continue
            status, first = ("not in the data", -1) if idx is None else _cell(values, flags, conf, idx)
            if status == "value":
                total += float(values[first])
            elif not (component and status == "not applicable"):
                trouble = f"{label}{status}"
                break
            mine.append(first)
        if trouble:
            out.problems.append(Problem(role, geo, trouble, series.describe()))
            continue
        found[geo] = total
        used.extend(mine)
    if used:
        out.rows.append(rows.iloc[used].assign(role=role))
    return None if out.problems else found


def _vintage_guard(num: pd.DataFrame, den: pd.DataFrame, comp: Computation, out: Outcome) -> None:
    """A share takes numerator and EU denominator from one release and one kind of source."""
    nv, dv = set(num.vintage.dropna()), set(den.vintage.dropna())
    ns, ds = set(num.source), set(den.source)
    if nv == dv and ns == ds:
        return
    detail = f"numerator {sorted(ns)} {sorted(nv)} vs EU denominator {sorted(ds)} {sorted(dv)}"
    if comp.mixed_vintages:
        out.notes.append({"detail": detail, "reason": comp.mixed_vintages})
    else:
        out.problems.append(Problem("value", "", f"mixed releases refused: {detail}", ""))


def share_of_eu(comp: Computation, rows: dict[str, pd.DataFrame]) -> Outcome:
    series, out = comp.inputs["value"], Outcome(None)
    countries = _values(rows["value"], series, series.geos, "value", out)
    eu_out = Outcome(None)
    eu = _values(rows["value"], series, series.eu_geos, "EU", eu_out)
    if eu is None:
        out.problems.extend(eu_out.problems if len(eu_out.problems) == 1 else [Problem(
            "EU", series.eu or "", f"{len(eu_out.problems)} of {len(series.eu_geos)} members lacking",
            series.describe())])
    if countries is None or eu is None:
        return out
    eu_total = sum(eu.values())
    eu_rows = pd.concat(eu_out.rows)
    _vintage_guard(pd.concat(out.rows), eu_rows, comp, out)
    if out.problems:
        return out
    out.rows.extend(eu_out.rows)
    out.parts = {geo: 100 * v / eu_total for geo, v in countries.items()} | {series.eu or "EU": eu_total}
    out.value = 100 * sum(countries.values()) / eu_total * comp.scale
    return out


def total(comp: Computation, rows: dict[str, pd.DataFrame]) -> Outcome:
    series, out = comp.inputs["value"], Outcome(None)
    values = _values(rows["value"], series, series.geos, "value", out)
    if values is not None:
        out.parts, out.value = values, sum(values.values()) * comp.scale
    return out


def _pair(comp: Computation, rows: dict[str, pd.DataFrame], first: str, second: str):
    """Both inputs of a two-series operation, one value per geo each (or the problems)."""
    out = Outcome(None)
    a = _values(rows[first], comp.inputs[first], comp.inputs[first].geos, first, out)
    b = _values(rows[second], comp.inputs[second], comp.inputs[second].geos, second, out)
    return out, a, b


def ratio_of_sums(comp: Computation, rows: dict[str, pd.DataFrame]) -> Outcome:
    out, num, den = _pair(comp, rows, "numerator", "denominator")
    if num is None or den is None:
        return out
    if len(comp.inputs["numerator"].geos) == len(comp.inputs["denominator"].geos):
        out.parts = {g: num[g] / den[g] * comp.scale for g in num if den.get(g)}
    out.value = sum(num.values()) / sum(den.values()) * comp.scale
    return out


def weighted_mean(comp: Computation, rows: dict[str, pd.DataFrame]) -> Outcome:
    out, values, weights = _pair(comp, rows, "value", "weight")
    if values is None or weights is None:
        return out
    out.parts = values
    out.value = sum(values[g] * weights[g] for g in values) / sum(weights[g] for g in values) * comp.scale
    return out


OPERATIONS = {"sum": total, "share_of_eu": share_of_eu, "ratio_of_sums": ratio_of_sums,
              "per_head": ratio_of_sums, "weighted_mean": weighted_mean}
