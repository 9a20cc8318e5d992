"""The theme dashboards' panels: a chart (or, when there is no data, the reason in words),
its source line, its data as CSV and its table. Which charts a page has is data
(``themes.yaml``); this module turns one spec into one panel for one language.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import yaml

from .. import engine
from ..compare import Part, no_data_cause
from ..plan import PrintedFigure
from ..messages import render
from ..recipes import Context, Recipe, context
from . import charts, provenance
from .fmt import PERCENT_UNITS
from .i18n import geo_name, unit_name, word

SPECS: dict[str, list[dict]] = yaml.safe_load((Path(__file__).with_name("themes.yaml")).read_text(encoding="utf-8"))
PERCENT = PERCENT_UNITS | {"PC", "PC_ACT"}  # the recipes' percent units and Eurostat's


@dataclass
class Panel:
    id: str
    title: str
    figure: go.Figure | None
    message: str  # why there is no chart, in the public's words
    source: str  # HTML: the sources in words, linked
    table: str
    rows: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)  # the data shown: the download
    note: str = ""  # countries the chart cannot show, named
    inputs: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)  # what a figure was computed from


def _decimals(unit: str) -> int:
    return 1 if unit in PERCENT else 0


def _nothing(geos: tuple[str, ...], lang: str) -> str:
    """'Not available in this edition: the statistics for … are not in the data', for a
    series the snapshot does not hold at all."""
    problem = {"series": "", "what": "not in the data", "geos": list(geos)}
    return render((Part("no_data", {"year": 0, "problems": [problem], "fetch": []}),), lang, public=True)


def _why_empty(recipe: Recipe, data: engine.Data, lang: str) -> str:
    """Why a chart has nothing to draw, in the public's words."""
    years = [y for _, c in recipe.attempts() for y in engine.candidate_years(c, data)]
    if not years:
        return _nothing(next(iter(recipe.primary.inputs.values())).geos, lang)
    year = max(years)
    return render(no_data_cause(engine.figure(recipe, data, year)[1], year), lang, public=True)


def _missing_note(results: list[engine.Result], countries: list[str], lang: str) -> str:
    """Countries a chart cannot show, named: declared without value (no sea port), or without data."""
    absent = {g: why for r in results for g, why in r.outcome.absent.items()}
    notes = [render((Part("absent", {"geos": [g], "why": why}),), lang) for g, why in absent.items()]
    lacking = [g for g in ("BE", "NL", "LU") if g not in countries and g not in absent]
    if lacking:
        notes.append(f"{word('not_shown', lang)}: {', '.join(geo_name(g, lang) for g in lacking)}.")
    return " ".join(notes)


def _figure_panel(recipe: Recipe, data: engine.Data, lang: str, printed: PrintedFigure | None = None) -> Panel:
    results = engine.history(recipe, data)
    years = sorted({r.year for r in results})
    span = str(years[0]) if len(years) == 1 else word("per_year", lang)
    title = f"{recipe.label(lang)} - {word('benelux_and_countries', lang)}, {span}"
    used = list(dict.fromkeys(r.computation for r in results)) or [c for _, c in recipe.attempts()]
    series = [s for c in used for s in c.inputs.values()]
    rows = pd.concat([r.inputs for r in results], ignore_index=True) if results else pd.DataFrame()
    source = provenance.sources_html(provenance.entries(series, rows), lang)
    if not results:
        return Panel(f"{recipe.id}-figure", title, None, f"{word('chart_no_data', lang)}. {_why_empty(recipe, data, lang)}",
                     source, "")
    ts = engine.tabulate(results)
    countries = [g for g in ("BE", "NL", "LU") if f"part_{g}" in ts and ts[f"part_{g}"].notna().any()]
    decimals = _decimals(recipe.unit)
    share = recipe.primary.operation == "share_of_eu"
    fig = charts.figure_over_time(ts, countries, recipe.primary.operation in ("sum", "share_of_eu"),
                                  word("pct_of_eu", lang) if share else unit_name(recipe.unit, lang), lang, decimals,
                                  printed)
    plotted = pd.concat([pd.DataFrame({"geo": g, "time": ts.year.astype(str), "value": ts[f"part_{g}"], "flag": ""})
                         for g in countries]
                        + [pd.DataFrame({"geo": "Benelux", "time": ts.year.astype(str), "value": ts.value,
                                         "flag": ts["flags"]})], ignore_index=True)
    return Panel(f"{recipe.id}-figure", title, fig, "", source, provenance.table(plotted, lang, decimals), plotted,
                 _missing_note(results, countries, lang), rows)


def _inputs_panel(recipe: Recipe, data: engine.Data, lang: str, printed: PrintedFigure | None = None) -> Panel:
    """The first input of the first computation (primary, then fallbacks) the data has."""
    firsts = [next(iter(c.inputs.values())) for _, c in recipe.attempts()]
    candidates = [(s, (r := data.select(s))[r.geo.isin(s.geos)]) for s in firsts]
    series, rows = next(((s, r) for s, r in candidates if not r.empty), candidates[0])
    title = f"{recipe.label(lang)} - {word('by_country', lang)}"
    source = provenance.sources_html(provenance.entries([series], rows), lang)
    if rows.value.notna().sum() == 0:
        return Panel(f"{recipe.id}-inputs", title, None, f"{word('chart_no_data', lang)}. {_why_empty(recipe, data, lang)}",
                     source, "")
    unit = rows.unit.dropna().iloc[0]
    decimals = _decimals(unit)
    shown = sorted(rows.dropna(subset=["value"]).geo.unique())
    return Panel(f"{recipe.id}-inputs", title, charts.by_country(rows.dropna(subset=["value"]), lang, decimals),
                 "", source, provenance.table(rows, lang, decimals), rows, _missing_note([], shown, lang))


def _split_panel(ctx: Context, data: engine.Data, lang: str) -> Panel:
    """The newest year in which every country has every part (the modal split sums to 100)."""
    series = ctx.series
    rows = data.select(series)
    rows = rows[rows.geo.isin(series.geos) & rows.value.notna()]
    codes = tuple(series.filters[ctx.by])
    complete = rows.groupby("time").size() == len(series.geos) * len(codes) if not rows.empty else None
    years = sorted(complete[complete].index) if complete is not None else []
    source = provenance.sources_html(provenance.entries([series], rows), lang)
    if not years:
        why = _nothing(series.geos, lang)
        return Panel(f"{ctx.id}-split", ctx.label(lang), None, f"{word('chart_no_data', lang)}. {why}", source, "")
    year = years[-1]
    shown = rows[rows.time == year]
    names = {code: ctx.code_label(code, lang) for code in codes}
    fig = charts.split(shown, ctx.by, names, lang, 1)
    parts = rows.assign(geo=[f"{geo_name(g, lang)}: {names[c]}" for g, c in zip(rows.geo, rows[ctx.by])])
    return Panel(f"{ctx.id}-split", f"{ctx.label(lang)}, {year}", fig, "", source,
                 provenance.table(parts, lang, 1), rows)


def panels(theme: str, recipes: dict[str, Recipe], data: engine.Data, lang: str,
           printed: dict[str, PrintedFigure] | None = None) -> list[Panel]:
    """Every panel of one theme page, in the order ``themes.yaml`` gives; ``printed`` (the
    plan's figures) marks each printed value on its chart."""
    if theme not in SPECS:
        raise KeyError(f"no theme dashboard {theme!r}; known: {', '.join(SPECS)}")
    build = {"figure": _figure_panel, "inputs": _inputs_panel}
    contexts = context()
    return [_split_panel(contexts[spec["context"]], data, lang) if spec["show"] == "split"
            else build[spec["show"]](recipes[spec["recipe"]], data, lang, (printed or {}).get(spec["recipe"]))
            for spec in SPECS[theme]]
