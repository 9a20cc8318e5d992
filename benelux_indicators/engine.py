"""Evaluate recipes on a tidy table: every year the data allow, with parts and inputs kept."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from . import tidy
from .errors import RecipeError
from .flags import combine
from .operations import OPERATIONS, Outcome, Problem
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

    @cached_property
    def inputs(self) -> pd.DataFrame:
        return pd.concat(self.outcome.rows, ignore_index=True) if self.outcome.rows else pd.DataFrame()

    @property
    def vintages(self) -> list[str]:
        """The releases the inputs come from."""
        return sorted(self.inputs.vintage.dropna().unique()) if not self.inputs.empty else []

    @property
    def flags(self) -> str:
        """Union of the inputs' flags: a sum of provisional values is provisional."""
        return combine(self.inputs.flag.tolist()) if self.value is not None else ""


def _text_as_objects(frame: pd.DataFrame) -> pd.DataFrame:
    """Text columns as one object block: recipes slice the pieces hundreds of times, and
    per-column string arrays made each slice slow."""
    return frame.astype({c: object for c in frame.columns if c != "value"})


class Data:
    """The tidy table, split once by source and dataset, each piece cut to its own columns.

    Recipes read a few rows of one dataset at a time; selecting them from the whole wide
    table cost most of the time of a comparison. A series' rows are indexed by year once found.
    """

    def __init__(self, frame: pd.DataFrame):
        self.frame = frame
        self._pieces = {key: tidy.compact(piece)
                        for key, piece in _text_as_objects(frame).groupby(["source", "dataset"], sort=False)}
        self._selected: dict[tuple[str, str], pd.DataFrame] = {}
        self._years: dict[tuple[str, str], dict[str, object]] = {}

    def select(self, series: Series) -> pd.DataFrame:
        """All rows of one series, every year and geo. A filter on a dimension the dataset's
        rows do not have is an error (a misspelt or renamed dimension), never ignored."""
        key = (series.source, series.describe())
        if key not in self._selected:
            piece = self._pieces.get((series.source, series.dataset))
            if piece is None:
                self._selected[key] = self.frame.iloc[0:0]
            else:
                lacking = sorted(set(series.filters) - set(piece.columns))
                if lacking:
                    raise RecipeError(f"{series.key}: the {series.dataset} rows have no dimension {lacking}; they "
                                      f"have {tidy.dimensions(piece)}")
                self._selected[key] = tidy.select(piece, **series.filters)
        return self._selected[key]

    def years(self, series: Series) -> dict[str, object]:
        """Row positions of the series by year (as the table writes it, e.g. '2021')."""
        key = (series.source, series.describe())
        if key not in self._years:
            rows = self.select(series)
            self._years[key] = rows.groupby("time", sort=False).indices if not rows.empty else {}
        return self._years[key]

    def rows(self, series: Series, year: int) -> pd.DataFrame:
        where = self.years(series).get(str(year))
        rows = self.select(series)
        return rows.iloc[where] if where is not None else rows.iloc[0:0]


def evaluate(comp: Computation, data: Data, year: int) -> Outcome:
    rows = {role: data.rows(s, year) for role, s in comp.inputs.items()}
    return OPERATIONS[comp.operation](comp, rows)


def candidate_years(comp: Computation, data: Data) -> list[int]:
    return sorted({int(t) for s in comp.inputs.values() for t in data.years(s) if str(t).isdigit()})


# Units whose values cannot be negative, and those that are shares of a whole.
NON_NEGATIVE = frozenset({"persons", "km2", "EUR", "billion EUR"})
SHARES = frozenset({"percent", "percent_of_gdp"})


def plausible(recipe: Recipe, outcome: Outcome) -> Outcome:
    """A value its unit cannot have (a negative area, a share above 100 %) is not shown:
    it becomes a problem, so the figure says why it has no number."""
    value = outcome.value
    if value is None or not ((recipe.unit in NON_NEGATIVE and value < 0)
                             or (recipe.unit in SHARES and not 0 <= value <= 100)):
        return outcome
    why = f"implausible value {value:g} for a figure in {recipe.unit}"
    return Outcome(None, outcome.parts, outcome.rows, [*outcome.problems, Problem("value", "", why, "")],
                   outcome.notes, outcome.absent)


def attempts(recipe: Recipe, data: Data, year: int) -> Iterator[Result]:
    """The primary, then each fallback, computed one at a time as asked for."""
    for role, comp in recipe.attempts():
        yield Result(recipe, year, comp, role, plausible(recipe, evaluate(comp, data, year)))


def figure(recipe: Recipe, data: Data, year: int) -> tuple[Result, list[Result]]:
    """The figure for ``year`` (primary, else the first fallback that computes), and the
    attempts that failed before it (their problems explain a ``no_data``)."""
    tried: list[Result] = []
    for result in attempts(recipe, data, year):
        if result.value is not None:
            return result, tried
        tried.append(result)
    return tried[0], tried


def earlier(recipe: Recipe, data: Data, year: int) -> list[Result]:
    return [Result(recipe, year, c, "earlier_release", evaluate(c, data, year)) for c in recipe.earlier_releases]


def history(recipe: Recipe, data: Data) -> list[Result]:
    """The figure for every year any of its computations can give, oldest first."""
    years = sorted({y for _, c in recipe.attempts() for y in candidate_years(c, data)})
    return [r for r in (figure(recipe, data, y)[0] for y in years) if r.value is not None]


def tabulate(results: list[Result]) -> pd.DataFrame:
    """Results as rows: id, year, value, flags, role, parts (``part_<geo>``)."""
    return pd.DataFrame([{"id": r.recipe.id, "year": r.year, "value": r.value, "flags": r.flags, "role": r.role,
                          **{f"part_{g}": v for g, v in r.outcome.parts.items()}} for r in results])


def timeseries(recipe: Recipe, data: Data) -> pd.DataFrame:
    """Every year any computation can give: year, value, flags, role, parts (per country)."""
    return tabulate(history(recipe, data))
