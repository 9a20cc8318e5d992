"""Computed versus printed, rounding-aware, with a status and a cause for every figure.

* ``match``: the computed value rounds (half up) to the printed value at the printed precision.
* ``revised``: it does not, and a newer release explains it: either an earlier release kept
  in the data reproduces the printed figure (the difference is then measured), or the
  recipe records the known revision.
* ``differs``: the recipe or definition probably differs from the plan's (the recipe says what).
* ``not_printed``: computed, but the plan printed no figure for that year (a new edition's
  year): the value with its sources, and beside it the plan's last printed figure and the
  change since.
* ``no_data``: a series is not in the snapshot (named, with how to fetch it), or an input is
  confidential, so no number is shown.

The year of a figure is the plan's, one year for all, or ``"latest"``: for each figure the
latest year for which every part it needs is in the data (:func:`latest_year`).
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Literal

import pandas as pd

from . import engine
from .errors import RecipeError
from .rounding import rounded
from .plan import Edition, PrintedFigure
from .recipes import Recipe


class Status(StrEnum):
    """A figure's verdict against the plan (its words live at the edge)."""
    MATCH = "match"
    REVISED = "revised"
    DIFFERS = "differs"
    NOT_PRINTED = "not_printed"
    NO_DATA = "no_data"


Year = int | Literal["latest"] | None  # one year for every figure, each its latest, or the plan's


@dataclass(frozen=True, slots=True)
class Part:
    """One piece of a cause or note, without words: a sentence key of the catalogue
    (:mod:`.messages`) and the numbers, codes and series it refers to. A recipe's known
    cause is the key ``known`` with its text in every language (recipes are data)."""

    key: str
    values: Mapping[str, object] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {"key": self.key, "values": dict(self.values)}

    @classmethod
    def from_dict(cls, data: Mapping) -> "Part":
        return cls(data["key"], dict(data.get("values", {})))


Cause = tuple[Part, ...]


@dataclass(frozen=True, slots=True)
class SourceEntry:
    """Where one input of a figure (or of a chart) comes from: the series and, from the
    rows used, their releases, flags (by geo, or 'geo year' on a chart) and citations."""

    source: str
    dataset: str
    role: str = ""
    filters: Mapping[str, object] = field(default_factory=dict)
    series: str = ""
    geo: tuple[str, ...] = ()
    vintage: tuple[str, ...] = ()
    flags: Mapping[str, str] = field(default_factory=dict)
    citation: tuple[str, ...] = ()
    cited: tuple[tuple[str, str], ...] = ()  # (publication, its address)
    absent: Mapping[str, str] = field(default_factory=dict)

    @property
    def key(self) -> str:
        """``source:series``, as editions and failures name a series."""
        return f"{self.source}:{self.series}"

    def as_dict(self) -> dict:
        return {"role": self.role, "source": self.source, "dataset": self.dataset, "filters": dict(self.filters),
                "series": self.series, "geo": list(self.geo), "vintage": list(self.vintage), "flags": dict(self.flags),
                "citation": list(self.citation), "cited": [list(c) for c in self.cited], "absent": dict(self.absent)}

    @classmethod
    def from_dict(cls, data: Mapping) -> SourceEntry:
        return cls(data["source"], data["dataset"], data.get("role", ""), dict(data.get("filters", {})),
                   data.get("series", ""), tuple(data.get("geo", ())), tuple(data.get("vintage", ())),
                   dict(data.get("flags", {})), tuple(data.get("citation", ())),
                   tuple(tuple(c) for c in data.get("cited", ())), dict(data.get("absent", {})))


@dataclass(frozen=True, slots=True)
class Comparison:
    """One figure against the plan, in no language: labels per language, the status code
    and a structured cause; sentences are made at the edge (:func:`.messages.render`)."""

    id: str
    labels: Mapping[str, str]
    theme: str
    year: int
    stated: float | None
    stated_text: str
    decimals: int
    unit: str
    computed: float | None
    status: Status
    cause: Cause
    flags: str
    role: str
    operation: str
    notes: Cause = ()
    sources: tuple[SourceEntry, ...] = ()
    parts: Mapping[str, float] = field(default_factory=dict)
    inputs: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False, compare=False)
    definition: Mapping[str, str] = field(default_factory=dict)  # what the figure is, per language

    def label(self, lang: str) -> str:
        return self.labels.get(lang, self.labels["en"])

    def as_dict(self) -> dict:
        """JSON-able, as an edition stores it (inputs apart)."""
        return {"id": self.id, "labels": dict(self.labels), "theme": self.theme, "year": self.year,
                "stated": self.stated, "stated_text": self.stated_text, "decimals": self.decimals,
                "unit": self.unit, "computed": self.computed, "status": self.status,
                "cause": [p.as_dict() for p in self.cause], "flags": self.flags, "role": self.role,
                "operation": self.operation, "notes": [p.as_dict() for p in self.notes],
                "sources": [e.as_dict() for e in self.sources], "parts": dict(self.parts),
                "definition": dict(self.definition)}

    @classmethod
    def from_dict(cls, data: Mapping, inputs: pd.DataFrame | None = None) -> "Comparison":
        return cls(data["id"], dict(data["labels"]), data["theme"], data["year"], data["stated"],
                   data["stated_text"], data["decimals"], data["unit"], data["computed"], Status(data["status"]),
                   tuple(Part.from_dict(p) for p in data["cause"]), data["flags"], data["role"], data["operation"],
                   tuple(Part.from_dict(p) for p in data.get("notes", [])),
                   tuple(SourceEntry.from_dict(e) for e in data.get("sources", [])),
                   dict(data.get("parts", {})), inputs if inputs is not None else pd.DataFrame(),
                   dict(data.get("definition", {})))


def sources(result: engine.Result) -> tuple[SourceEntry, ...]:
    """Per input series: dataset, filters, vintages, flags by geo, citation. (Plain Python
    over the few input rows: this runs for every figure on every page view.)"""
    inputs = result.inputs
    columns = ["role", "geo", "vintage", "flag", "citation", "citation_ref"]
    records = inputs[columns].to_numpy().tolist() if not inputs.empty else []
    out = []
    for role, series in result.computation.inputs.items():
        mine = [r for r in records if r[0] in ((role, "EU") if role == "value" else (role,))]
        out.append(SourceEntry(
            series.source, series.dataset, role, dict(series.filters), series.describe(),
            (*series.geos, *([series.eu] if series.eu else [])),
            tuple(sorted({r[2] for r in mine if isinstance(r[2], str)})),
            {r[1]: r[3] for r in mine if r[3]},
            tuple(sorted({r[4] for r in mine if isinstance(r[4], str)})),
            tuple(sorted({(r[4], r[5] if isinstance(r[5], str) else "") for r in mine if isinstance(r[4], str)})),
            dict(series.absent)))
    return tuple(out)


def _grouped(tried: list[engine.Result]) -> list[dict]:
    """The attempts' problems grouped by series and reason, with the geos each concerns."""
    grouped: dict[tuple[str, str], list[str]] = {}
    for problem in (p for r in tried for p in r.outcome.problems):
        grouped.setdefault((problem.series, problem.what), []).append(problem.geo)
    return [{"series": series, "what": what, "geos": list(dict.fromkeys(geos))}
            for (series, what), geos in grouped.items()]


def no_data_cause(tried: list[engine.Result], year: int) -> Cause:
    """The attempts' problems grouped by series and reason, and the Eurostat series a live
    fetch would ask for; confidentiality says the figure cannot be computed at all."""
    problems = _grouped(tried)
    confidential = [p for p in problems if p["what"] == "confidential"]
    if confidential:
        return (Part("cannot", {"year": year, "problems": confidential}),)
    fetch = sorted({s.describe() for r in tried for s in r.computation.inputs.values() if s.source == "eurostat"})
    return (Part("no_data", {"year": year, "problems": problems, "fetch": fetch}),)


def _implied_eu(result: engine.Result, printed: PrintedFigure) -> Cause:
    """For a share: the EU totals the printed value allows, next to the source's."""
    if result.computation.operation != "share_of_eu":
        return ()
    series = result.computation.inputs["value"]
    eu = result.outcome.parts.get(series.eu or "EU")
    benelux = result.value * eu / 100 / result.computation.scale
    half = Decimal(1).scaleb(-printed.decimals) / 2
    low, high = (benelux * 100 / float(printed.value + half), benelux * 100 / float(printed.value - half))
    return (Part("implied_eu", {"printed": printed.printed, "low": low, "high": high, "eu": series.eu, "total": eu}),)


def _notes(result: engine.Result) -> Cause:
    """The method note (the recipe's, in English), releases accepted by the recipe, and
    countries declared without value."""
    notes = [Part("method", {"text": result.computation.note})] if result.computation.note else []
    notes += [Part("mixed", dict(n)) for n in result.outcome.notes]
    by_reason: dict[str, list[str]] = {}
    for geo, reason in result.outcome.absent.items():
        by_reason.setdefault(reason, []).append(geo)
    notes += [Part("absent", {"geos": geos, "why": reason}) for reason, geos in by_reason.items()]
    return tuple(notes)


def _known(result: engine.Result, recipe: Recipe) -> tuple[str, Part] | None:
    """The recipe's known status and cause for this computation (its text in every language)."""
    known = result.computation.on_mismatch or recipe.primary.on_mismatch
    return (known["status"], Part("known", {"text": dict(known["cause"])})) if known else None


def _since_plan(value: float, printed: PrintedFigure, plan_name: str) -> Part:
    """What the plan printed last, for a figure computed for another year: the change since."""
    change = (value / float(printed.value) - 1) * 100 if printed.value else None
    return Part("since_plan", {"plan": plan_name, "printed": printed.printed, "printed_year": printed.year,
                               "stated": float(printed.value), "unit": printed.unit, "decimals": printed.decimals,
                               "now": value, "change": change})


def judge(result: engine.Result, tried: list[engine.Result], recipe: Recipe, printed: PrintedFigure,
          data: engine.Data, year: int, plan_name: str = "") -> tuple[Status, Cause]:
    """Status and cause of one computed (or not) figure: the rules, in the order applied."""
    fallback = (Part("fallback"),) if result.role == "fallback" else ()
    if result.value is None:
        return Status.NO_DATA, no_data_cause(tried, year)
    if year != printed.year or printed.value is None:
        return Status.NOT_PRINTED, ((_since_plan(result.value, printed, plan_name),) if printed.value is not None
                                    else ()) + fallback
    if rounded(result.value, printed.decimals) == printed.value:
        return Status.MATCH, (Part("rounds", {"printed": printed.printed}), *fallback)
    known = _known(result, recipe)
    for old in engine.earlier(recipe, data, year):
        if old.value is not None and rounded(old.value, printed.decimals) == printed.value:
            measured = Part("earlier", {"vintage": "; ".join(old.vintages), "old": old.value, "new": result.value,
                                        "printed": printed.printed, "digits": printed.decimals + 2})
            return Status.REVISED, (measured, *((known[1],) if known else ()))
    status, cause = known or (Status.DIFFERS, Part("unknown"))
    return Status(status), (cause, *_implied_eu(result, printed), *fallback)


def latest_year(recipe: Recipe, data: engine.Data) -> tuple[int | None, Cause]:
    """The latest year for which the figure can be computed whole (every country, the EU
    total of a share), and what held each later year back: the years some input reaches
    but not all, as a ``held_back`` part with the problems of that year."""
    years = sorted({y for _, c in recipe.attempts() for y in engine.candidate_years(c, data)}, reverse=True)
    held: list[Part] = []
    for year in years:
        result, tried = engine.figure(recipe, data, year)
        if result.value is not None:
            return year, tuple(held)
        held.append(Part("held_back", {"year": year, "problems": _grouped(tried)}))
    return None, tuple(held)


def compare(recipe: Recipe, printed: PrintedFigure, data: engine.Data, year: Year = None,
            plan_name: str = "") -> Comparison:
    """One figure against the plan, for ``year`` (the plan's when None; ``"latest"``: the
    latest year the data hold the whole figure, with what held later years back in its notes)."""
    held: Cause = ()
    if year == "latest":
        year, held = latest_year(recipe, data)
        held = held if year else ()  # a figure with no year at all says why under no_data
    year = year or printed.year
    result, tried = engine.figure(recipe, data, year)
    status, cause = judge(result, tried, recipe, printed, data, year, plan_name)
    shown = year == printed.year and printed.value is not None
    return Comparison(
        id=recipe.id, labels=dict(recipe.labels), theme=recipe.theme, year=year,
        stated=float(printed.value) if shown else None, stated_text=printed.printed if shown else "",
        decimals=printed.decimals, unit=recipe.unit, computed=result.value, status=status, cause=cause,
        flags=result.flags, role=result.role, operation=result.computation.operation,
        notes=(*_notes(result), *held), sources=sources(result), parts=dict(result.outcome.parts),
        inputs=result.inputs, definition=dict(recipe.definition))


def compare_all(recipes: dict[str, Recipe], edition: Edition, data: engine.Data,
                year: Year = None) -> list[Comparison]:
    """Every figure of a plan, in the plan's order, in no language: pages in four
    languages render the same comparisons four times, they do not compute them again."""
    missing = [fid for fid in edition.figures if fid not in recipes]
    if missing:
        raise RecipeError(f"{edition.path}: no recipe for {missing}")
    return [compare(recipes[fid], printed, data, year, edition.edition) for fid, printed in edition.figures.items()]
