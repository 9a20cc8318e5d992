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
from decimal import Decimal

import pandas as pd

from . import engine
from .errors import RecipeError
from .messages import ABSENT, known, num, rounded, say
from .messages import what as words
from .plan import Edition, PrintedFigure
from .recipes import Recipe


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
    """Per input series: dataset, filters, vintages, flags by geo, citation. (Plain Python
    over the few input rows: this runs for every figure on every page view.)"""
    inputs = result.inputs
    columns = ["role", "geo", "vintage", "flag", "citation"]
    records = inputs[columns].to_numpy().tolist() if not inputs.empty else []
    out = []
    for role, series in result.computation.inputs.items():
        mine = [r for r in records if r[0] in ((role, "EU") if role == "value" else (role,))]
        out.append({
            "role": role, "source": series.source, "dataset": series.dataset, "filters": dict(series.filters),
            "series": series.describe(),
            "geo": list(series.geos) + ([series.eu] if series.eu else []),
            "vintage": sorted({r[2] for r in mine if isinstance(r[2], str)}),
            "flags": {r[1]: r[3] for r in mine if r[3]},
            "citation": sorted({r[4] for r in mine if isinstance(r[4], str)}),
            "absent": dict(series.absent),
        })
    return out


def absent_note(absent: dict[str, str], lang: str) -> str:
    """The countries a recipe declares without value (Luxembourg has no sea port), in words."""
    by_reason: dict[str, list[str]] = {}
    for geo, reason in absent.items():
        by_reason.setdefault(reason, []).append(geo)
    return "".join(say("absent", lang, geos=", ".join(geos), why=ABSENT[reason].get(lang, ABSENT[reason]["en"]))
                   for reason, geos in by_reason.items()).strip()


def no_data_cause(tried: list[engine.Result], year: int, lang: str = "en") -> str:
    """Group the attempts' problems by series and reason: 'X: not in the data for BE, NL'."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for problem in (p for r in tried for p in r.outcome.problems):
        grouped.setdefault((problem.series, problem.what), []).append(problem.geo)
    parts = {what: say("part", lang, series=series or "inputs", what=words(what, lang),
                       geos=", ".join(dict.fromkeys(geos)))
             for (series, what), geos in grouped.items()}
    if "confidential" in parts:
        return say("cannot", lang, year=year, parts=parts["confidential"])
    fetch = sorted({s.describe() for r in tried for s in r.computation.inputs.values() if s.source == "eurostat"})
    hint = say("fetch", lang, series="; ".join(fetch)) if fetch else ""
    return say("no_data", lang, year=year, parts="; ".join(parts.values())) + hint


def _implied_eu(result: engine.Result, printed: PrintedFigure, lang: str) -> str:
    """For a share: the EU totals the printed value allows, next to the source's."""
    if result.computation.operation != "share_of_eu":
        return ""
    series = result.computation.inputs["value"]
    eu = result.outcome.parts.get(series.eu or "EU")
    benelux = result.value * eu / 100 / result.computation.scale
    half = Decimal(1).scaleb(-printed.decimals) / 2
    low, high = (benelux * 100 / float(printed.value + half), benelux * 100 / float(printed.value - half))
    return say("implied_eu", lang, printed=printed.printed, low=num(low, 0, lang), high=num(high, 0, lang),
               eu=series.eu, total=num(eu, 0, lang))


def _known_cause(result: engine.Result, recipe: Recipe, lang: str) -> tuple[str, str] | None:
    """The recipe's known status and cause for this computation, in ``lang``."""
    known_mismatch = result.computation.on_mismatch or recipe.primary.on_mismatch
    return (known_mismatch["status"], known(known_mismatch["cause"], lang)) if known_mismatch else None


def compare(recipe: Recipe, printed: PrintedFigure, data: engine.Data, lang: str = "en",
            year: int | None = None) -> Comparison:
    """One figure against the plan; labels and cause in ``lang``."""
    year = year or printed.year
    result, tried = engine.figure(recipe, data, year)
    base = dict(id=recipe.id, label=recipe.label(lang), theme=recipe.theme, year=year,
                stated=float(printed.value) if year == printed.year else None, stated_text=printed.printed,
                decimals=printed.decimals, unit=recipe.unit, computed=result.value, flags=result.flags,
                role=result.role, operation=result.computation.operation,
                note=" ".join(filter(None, [result.computation.note, *result.outcome.notes,
                                            absent_note(result.outcome.absent, lang)])),
                sources=sources(result), parts=result.outcome.parts, inputs=result.inputs)
    if result.value is None:
        return Comparison(**base, status="no_data", cause=no_data_cause(tried, year, lang))
    if base["stated"] is None:
        return Comparison(**base, status="no_data", cause=say("not_printed", lang, year=year))
    fallback = say("fallback", lang) if result.role == "fallback" else ""
    if rounded(result.value, printed.decimals) == printed.value:
        return Comparison(**base, status="match", cause=say("rounds", lang, printed=printed.printed, fallback=fallback))
    known_cause = _known_cause(result, recipe, lang)
    digits = printed.decimals + 2
    for old in engine.earlier(recipe, data, year):
        if old.value is not None and rounded(old.value, printed.decimals) == printed.value:
            measured = say("earlier", lang, vintage="; ".join(old.vintages), old=num(old.value, digits, lang), printed=printed.printed,
                           new=num(result.value, digits, lang), diff=num(result.value - old.value, digits, lang, sign=True))
            return Comparison(**base, status="revised", cause=f"{measured} {known_cause[1] if known_cause else ''}".strip())
    status, cause = known_cause or ("differs", say("unknown", lang))
    return Comparison(**base, status=status, cause=cause + _implied_eu(result, printed, lang) + fallback)


def keyfigures(recipes: dict[str, Recipe], edition: Edition, data: engine.Data, lang: str = "en",
               year: int | None = None) -> list[Comparison]:
    """Every figure of a plan edition, in the plan's order. ``data`` is split once by the
    caller, so pages drawn in several languages do not split the snapshot again."""
    missing = [fid for fid in edition.figures if fid not in recipes]
    if missing:
        raise RecipeError(f"{edition.path}: no recipe for {missing}")
    return [compare(recipes[fid], printed, data, lang, year) for fid, printed in edition.figures.items()]
