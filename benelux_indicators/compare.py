"""Computed versus printed, rounding-aware, with a status and a cause for every figure.

* ``match``: the computed value rounds (half up) to the printed value at the printed precision.
* ``revised``: it does not, and a newer release explains it: either an earlier release kept
  in the data reproduces the printed figure (the difference is then measured), or the
  recipe records the known revision.
* ``differs``: the recipe or definition probably differs from the plan's (the recipe says what).
* ``no_data``: a series is not in the snapshot (named, with how to fetch it), or an input is
  confidential, so no number is shown.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from . import engine
from .errors import RecipeError
from .plan import PrintedFigure
from .recipes import Recipe


def rounded(value: float, decimals: int) -> Decimal:
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


@dataclass
class Comparison:
    id: str
    label: str
    theme: str
    year: int
    stated: float | None
    stated_text: str
    decimals: int
    unit: str
    computed: float | None
    status: str
    cause: str
    flags: str
    role: str
    operation: str
    note: str
    sources: list[dict] = field(default_factory=list)
    parts: dict[str, float] = field(default_factory=dict)
    inputs: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)

    def as_dict(self) -> dict:
        keys = ["id", "label", "theme", "year", "stated", "stated_text", "decimals", "unit", "computed",
                "status", "cause", "flags", "role", "operation", "note", "sources", "parts"]
        return {k: getattr(self, k) for k in keys}


def sources(result: engine.Result) -> list[dict]:
    """Per input series: dataset, filters, vintages, flags by geo, citation."""
    out = []
    inputs = result.inputs
    for role, series in result.computation.inputs.items():
        rows = inputs[inputs.role.isin([role, "EU"] if role == "value" else [role])] if not inputs.empty else inputs
        out.append({
            "role": role, "source": series.source, "dataset": series.dataset, "filters": dict(series.filters),
            "geo": list(series.geos) + ([series.eu] if series.eu else []),
            "vintage": sorted(rows.vintage.dropna().unique().tolist()) if not rows.empty else [],
            "flags": {geo: flag for geo, flag in zip(rows.geo, rows.flag) if flag} if not rows.empty else {},
            "citation": sorted(rows.citation.dropna().unique().tolist()) if not rows.empty else [],
        })
    return out


def no_data_cause(tried: list[engine.Result], year: int) -> str:
    """Group the attempts' problems by series and reason: 'X: not in the data for BE, NL'."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for problem in (p for r in tried for p in r.outcome.problems):
        grouped.setdefault((problem.series, problem.what), []).append(problem.geo)
    parts = [f"{series or 'inputs'}: {what} for {', '.join(dict.fromkeys(geos))}"
             for (series, what), geos in grouped.items()]
    if any(what == "confidential" for _, what in grouped):
        return f"Cannot be computed for {year}: " + "; ".join(p for p in parts if "confidential" in p) + "."
    fetch = sorted({s.describe() for r in tried for s in r.computation.inputs.values() if s.source == "eurostat"})
    hint = f" `benelux-indicators snapshot --source live` would fetch: {'; '.join(fetch)}." if fetch else ""
    return f"No data for {year}: " + "; ".join(parts) + "." + hint


def _implied_eu(result: engine.Result, printed: PrintedFigure) -> str:
    """For a share: the EU totals the printed value allows, next to the source's."""
    if result.computation.operation != "share_of_eu":
        return ""
    series = result.computation.inputs["value"]
    eu = result.outcome.parts.get(series.eu or "EU")
    benelux = result.value * eu / 100 / result.computation.scale
    half = Decimal(1).scaleb(-printed.decimals) / 2
    low, high = (benelux * 100 / float(printed.value + half), benelux * 100 / float(printed.value - half))
    return (f" The printed {printed.printed} needs an EU total between {low:,.0f} and {high:,.0f}; "
            f"the source's {series.eu} total is {eu:,.0f}.")


def compare(recipe: Recipe, printed: PrintedFigure, data: engine.Data, lang: str = "en",
            year: int | None = None) -> Comparison:
    year = year or printed.year
    result, tried = engine.figure(recipe, data, year)
    base = dict(id=recipe.id, label=recipe.label(lang), theme=recipe.theme, year=year,
                stated=float(printed.value) if year == printed.year else None, stated_text=printed.printed,
                decimals=printed.decimals, unit=recipe.unit, computed=result.value, flags=result.flags,
                role=result.role, operation=result.computation.operation, note=" ".join(filter(None, [result.computation.note, *result.outcome.notes])),
                sources=sources(result), parts=result.outcome.parts, inputs=result.inputs)
    if result.value is None:
        return Comparison(**base, status="no_data", cause=no_data_cause(tried, year))
    if base["stated"] is None:
        return Comparison(**base, status="no_data", cause=f"The plan printed no figure for {year}.")
    fallback = f" (fallback: {result.computation.note})" if result.role == "fallback" else ""
    if rounded(result.value, printed.decimals) == printed.value:
        return Comparison(**base, status="match", cause=f"Rounds to the printed {printed.printed}{fallback}.")
    for old in engine.earlier(recipe, data, year):
        if old.value is not None and rounded(old.value, printed.decimals) == printed.value:
            return Comparison(**base, status="revised", cause=(
                f"{old.computation.note} gives {old.value:.{printed.decimals + 2}f}, which rounds to the printed "
                f"{printed.printed}; the current release gives {result.value:.{printed.decimals + 2}f} "
                f"({result.value - old.value:+.{printed.decimals + 2}f})."
                f" {(result.computation.on_mismatch or recipe.primary.on_mismatch or {}).get('cause', '')}").strip())
    known = result.computation.on_mismatch or recipe.primary.on_mismatch
    status = known["status"] if known else "differs"
    cause = known["cause"] if known else "The recipe does not reproduce the printed figure; the plan's source is unknown."
    return Comparison(**base, status=status, cause=cause + _implied_eu(result, printed) + fallback)


def keyfigures(recipes: dict[str, Recipe], edition, frame: pd.DataFrame, lang: str = "en",
               year: int | None = None) -> list[Comparison]:
    """Every figure of a plan edition, in the plan's order."""
    missing = [fid for fid in edition.figures if fid not in recipes]
    if missing:
        raise RecipeError(f"{edition.path}: no recipe for {missing}")
    data = engine.Data(frame)
    return [compare(recipes[fid], printed, data, lang, year) for fid, printed in edition.figures.items()]
