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
from ..compare import no_data_cause
from ..messages import render, say
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
    message: str
    source: str
    table: str
    rows: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)  # the tidy rows behind the chart


def _decimals(unit: str) -> int:
    return 1 if unit in PERCENT else 0


def _why_empty(recipe: Recipe, data: engine.Data, lang: str) -> str:
    years = [y for _, c in recipe.attempts() for y in engine.candidate_years(c, data)]
    if not years:
        missing = "; ".join(f"{s.source} {s.describe()}" for _, c in recipe.attempts() for s in c.inputs.values())
        return say("not_in_snapshot", lang, series=missing)
    year = max(years)
    return render(no_data_cause(engine.figure(recipe, data, year)[1], year), lang)


def _figure_panel(recipe: Recipe, data: engine.Data, lang: str) -> Panel:
    results = engine.history(recipe, data)
    title = f"{recipe.label(lang)} - {word('over_time', lang)}"
    used = list(dict.fromkeys(r.computation for r in results)) or [c for _, c in recipe.attempts()]
    series = [s for c in used for s in c.inputs.values()]
    rows = pd.concat([r.inputs for r in results], ignore_index=True) if results else pd.DataFrame()
    if not results:
        return Panel(f"{recipe.id}-figure", title, None, f"{word('chart_no_data', lang)}. {_why_empty(recipe, data, lang)}",
                     provenance.source_line(series, rows, lang), "")
    ts = engine.tabulate(results)
    countries = [g for g in ("BE", "NL", "LU") if f"part_{g}" in ts]
    decimals = _decimals(recipe.unit)
    fig = charts.figure_over_time(ts, countries, recipe.primary.operation in ("sum", "share_of_eu"),
                                  unit_name(recipe.unit, lang), lang, decimals)
    plotted = pd.concat([pd.DataFrame({"geo": g, "time": ts.year.astype(str), "value": ts[f"part_{g}"], "flag": ""})
                         for g in countries]
                        + [pd.DataFrame({"geo": "Benelux", "time": ts.year.astype(str), "value": ts.value,
                                         "flag": ts["flags"]})], ignore_index=True)
    return Panel(f"{recipe.id}-figure", title, fig, "", provenance.source_line(series, rows, lang),
                 provenance.table(plotted, lang, decimals), rows)


def _inputs_panel(recipe: Recipe, data: engine.Data, lang: str) -> Panel:
    """The first input of the first computation (primary, then fallbacks) the data has."""
    firsts = [next(iter(c.inputs.values())) for _, c in recipe.attempts()]
    candidates = [(s, (r := data.select(s))[r.geo.isin(s.geos)]) for s in firsts]
    series, rows = next(((s, r) for s, r in candidates if not r.empty), candidates[0])
    title = f"{recipe.label(lang)} - {word('by_country', lang)}"
    source = provenance.source_line([series], rows, lang)
    if rows.value.notna().sum() == 0:
        why = ("; ".join(f"{r.geo} {r.time}: {r.flag}" for r in rows.itertuples())
               or say("not_in_snapshot", lang, series=series.describe()))
        return Panel(f"{recipe.id}-inputs", title, None, f"{word('chart_no_data', lang)}. {why}", source, "")
    unit = rows.unit.dropna().iloc[0]
    decimals = _decimals(unit)
    return Panel(f"{recipe.id}-inputs", title, charts.by_country(rows.dropna(subset=["value"]), lang, decimals),
                 "", source, provenance.table(rows, lang, decimals), rows)


def _split_panel(ctx: Context, data: engine.Data, lang: str) -> Panel:
    """The newest year in which every country has every part (the modal split sums to 100)."""
    series = ctx.series
    rows = data.select(series)
    rows = rows[rows.geo.isin(series.geos) & rows.value.notna()]
    codes = tuple(series.filters[ctx.by])
    complete = rows.groupby("time").size() == len(series.geos) * len(codes) if not rows.empty else None
    years = sorted(complete[complete].index) if complete is not None else []
    source = provenance.source_line([series], rows, lang)
    if not years:
        why = say("not_in_snapshot", lang, series=series.describe())
        return Panel(f"{ctx.id}-split", ctx.label(lang), None, f"{word('chart_no_data', lang)}. {why}", source, "")
    year = years[-1]
    shown = rows[rows.time == year]
    names = {code: ctx.code_label(code, lang) for code in codes}
    fig = charts.split(shown, ctx.by, names, lang, 1)
    parts = rows.assign(geo=[f"{geo_name(g, lang)}: {names[c]}" for g, c in zip(rows.geo, rows[ctx.by])])
    return Panel(f"{ctx.id}-split", f"{ctx.label(lang)}, {year}", fig, "", source,
                 provenance.table(parts, lang, 1), rows)


def panels(theme: str, recipes: dict[str, Recipe], data: engine.Data, lang: str) -> list[Panel]:
    """Every panel of one theme page, in the order ``themes.yaml`` gives."""
    if theme not in SPECS:
        raise KeyError(f"no theme dashboard {theme!r}; known: {', '.join(SPECS)}")
    build = {"figure": _figure_panel, "inputs": _inputs_panel}
    contexts = context()
    return [_split_panel(contexts[spec["context"]], data, lang) if spec["show"] == "split"
            else build[spec["show"]](recipes[spec["recipe"]], data, lang) for spec in SPECS[theme]]
