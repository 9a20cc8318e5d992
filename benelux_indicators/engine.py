"""Evaluate recipes on a tidy table: every year the data allow, with parts and inputs kept."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from . import tidy
from .flags import combine
from .operations import OPERATIONS, Outcome
from .recipes import Computation, Recipe, Series


@dataclass
class Result:
    """One figure for one year, from one computation (primary, a fallback, an earlier release)."""

    recipe: Recipe
    year: int
    computation: Computation
    role: str
    outcome: Outcome

    @property
    def value(self) -> float | None:
        return self.outcome.value

    @property
    def inputs(self) -> pd.DataFrame:
        return pd.concat(self.outcome.rows, ignore_index=True) if self.outcome.rows else pd.DataFrame()

    @property
    def flags(self) -> str:
        """Union of the inputs' flags: a sum of provisional values is provisional."""
        return combine(self.inputs.flag.tolist()) if self.value is not None else ""


def rows_for(series: Series, frame: pd.DataFrame) -> pd.DataFrame:
    return tidy.select(frame, dataset=series.dataset, source=series.source, **series.filters)


def evaluate(comp: Computation, frame: pd.DataFrame, year: int) -> Outcome:
    rows = {role: (r := rows_for(s, frame))[r.time == str(year)] for role, s in comp.inputs.items()}
    return OPERATIONS[comp.operation](comp, rows)


def candidate_years(comp: Computation, frame: pd.DataFrame) -> list[int]:
    years = set()
    for series in comp.inputs.values():
        years |= {int(t) for t in rows_for(series, frame).time.unique() if str(t).isdigit()}
    return sorted(years)


def figure(recipe: Recipe, frame: pd.DataFrame, year: int) -> tuple[Result, list[Result]]:
    """The figure for ``year`` (primary, else the first fallback that computes), and the
    attempts that failed before it (their problems explain a ``no_data``)."""
    tried: list[Result] = []
    for role, comp in [("primary", recipe.primary), *(("fallback", c) for c in recipe.fallbacks)]:
        result = Result(recipe, year, comp, role, evaluate(comp, frame, year))
        if result.value is not None:
            return result, tried
        tried.append(result)
    return tried[0], tried


def earlier(recipe: Recipe, frame: pd.DataFrame, year: int) -> list[Result]:
    return [Result(recipe, year, c, "earlier_release", evaluate(c, frame, year)) for c in recipe.earlier_releases]


def timeseries(recipe: Recipe, frame: pd.DataFrame) -> pd.DataFrame:
    """Every year any computation can give: year, value, flags, role, parts (per country)."""
    years = sorted({y for c in (recipe.primary, *recipe.fallbacks) for y in candidate_years(c, frame)})
    records = []
    for year in years:
        result, _ = figure(recipe, frame, year)
        if result.value is not None:
            records.append({"id": recipe.id, "year": year, "value": result.value, "flags": result.flags,
                            "role": result.role, **{f"part_{g}": v for g, v in result.outcome.parts.items()}})
    return pd.DataFrame(records)
