"""Plotly figures in the reader's language: separators from CLDR, names from the recipes.

Number style lives in ``layout.separators`` only. No axis carries a d3 ``tickformat`` with a
grouping comma, which would format with its own separators instead (plotly.js#1264); years
use ``"d"``, which never groups. Colours are Okabe-Ito, safe for colour-blind readers.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
from babel.numbers import get_decimal_symbol, get_group_symbol

from ..plan import PrintedFigure
from .i18n import geo_name, unit_name, word

COLOURS = {"BE": "#E69F00", "NL": "#56B4E9", "LU": "#009E73", "BENELUX": "#000000"}
OTHER = "#0072B2"


# The browser side of every chart, the static export's and Voilà's alike.
SCRIPT = (Path(__file__).with_name("js") / "chart.js").read_text(encoding="utf-8")


def plain(fig: go.Figure) -> dict:
    """A figure as plain JSON data for the browser (plotly's encoder turns arrays into lists)."""
    return json.loads(fig.to_json())


def config(lang: str) -> dict:
    """plotly's settings for every chart: no toolbar (its cloud upload, English tooltips and
    ten tab stops per chart; the page has its own button to save the image), plotly's own
    words in the reader's language, the width of the page."""
    return {"displayModeBar": False, "displaylogo": False, "responsive": True, "locale": lang}


def separators(lang: str) -> str:
    """Plotly's two-character separators (decimal, thousands) for a language."""
    return get_decimal_symbol(lang) + get_group_symbol(lang)


def _layout(fig: go.Figure, unit: str, lang: str, barmode: str | None = None) -> go.Figure:
    """Shared look; one tick per year (at most about ten), so a single year is one tick.
    The title is the page's HTML heading, not the figure's: plotly titles do not wrap on a phone."""
    years = [int(x) for trace in fig.data for x in trace.x]
    step = max(1, math.ceil((max(years) - min(years) + 1) / 10)) if years else 1
    fig.update_layout(
        separators=separators(lang), barmode=barmode, height=360, autosize=True,
        margin={"l": 10, "r": 10, "t": 10, "b": 10}, template="simple_white",
        font={"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 12},
        legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0},
        hovermode="x unified")
    fig.update_xaxes(tickformat="d", dtick=step, title={"text": word("year", lang)}, automargin=True)
    fig.update_yaxes(title={"text": unit}, separatethousands=True, exponentformat="none", automargin=True,
                     rangemode="tozero")
    return fig


def _hover(decimals: int) -> str:
    return f"%{{fullData.name}}: %{{y:,.{decimals}f}} %{{customdata}}<extra></extra>"


def by_country(rows: pd.DataFrame, lang: str, decimals: int) -> go.Figure:
    """The countries' own values over time (one trace per country), in the rows' unit.
    Bars when there are three years or fewer, where a line would suggest a trend."""
    fig = go.Figure()
    bars = rows.time.nunique() <= 3
    for geo, mine in rows.groupby("geo", sort=False):
        mine = mine.sort_values("time")
        style = dict(x=mine.time if bars else mine.time.astype(int), y=mine.value, name=geo_name(geo, lang),
                     customdata=mine.flag.fillna("").map(lambda f: f"[{f}]" if f else ""),
                     hovertemplate=_hover(decimals), marker_color=COLOURS.get(geo, OTHER))
        fig.add_trace(go.Bar(**style) if bars else go.Scatter(mode="lines+markers", **style))
    units = rows.unit.dropna().unique()
    _layout(fig, unit_name(units[0] if len(units) else "", lang), lang, "group" if bars else None)
    if bars:  # a few years, not a time axis: no empty years between them, no offset groups
        fig.update_xaxes(type="category", categoryorder="category ascending")
    return fig


def figure_over_time(series: pd.DataFrame, countries: list[str], stacked: bool, unit: str, lang: str,
                     decimals: int, printed: PrintedFigure | None = None) -> go.Figure:
    """A key figure over the years (``engine.timeseries`` rows): each country's part, stacked
    when the parts add up to the Benelux figure (sums, shares of the EU), else as lines
    beside the Benelux line (rates, weighted means). Years without a value are gaps, not
    lines drawn across them; the plan's printed value is marked in its year."""
    fig = go.Figure()
    full = range(int(series.year.min()), int(series.year.max()) + 1)
    series = series.set_index(series.year.astype(int)).reindex(full).assign(year=list(full))
    series["flags"] = series["flags"].fillna("")
    years = series.year.astype(int)
    flags = series["flags"].map(lambda f: f"[{f}]" if f else "")
    for geo in countries:
        column = f"part_{geo}"
        if column not in series:
            continue
        style = dict(x=years, y=series[column], name=geo_name(geo, lang), customdata=flags,
                     hovertemplate=_hover(decimals), marker_color=COLOURS[geo])
        fig.add_trace(go.Bar(**style) if stacked else go.Scatter(mode="lines+markers", **style))
    fig.add_trace(go.Scatter(x=years, y=series.value, name="Benelux", mode="lines+markers" if not stacked else "markers",
                             marker={"color": COLOURS["BENELUX"], "symbol": "diamond", "size": 8},
                             line={"width": 3, "color": COLOURS["BENELUX"]}, customdata=flags,
                             hovertemplate=_hover(decimals), connectgaps=False))
    if printed is not None and printed.year in full:
        fig.add_trace(go.Scatter(x=[printed.year], y=[float(printed.value)], mode="markers",
                                 name=f"{word('printed', lang)}: {printed.printed}", customdata=[""],
                                 marker={"symbol": "x-thin-open", "size": 14, "color": "#A33A00",
                                         "line": {"width": 3, "color": "#A33A00"}},
                                 hovertemplate=_hover(decimals)))
    return _layout(fig, unit, lang, "stack" if stacked else None)


SPLIT_COLOURS = ["#0072B2", "#D55E00", "#CC79A7", "#F0E442"]


def split(rows: pd.DataFrame, by: str, names: dict[str, str], lang: str, decimals: int) -> go.Figure:
    """Each country's value split by one dimension (e.g. transport mode), one stacked bar per
    country for one year: ``rows`` hold that year only."""
    fig = go.Figure()
    for i, (code, name) in enumerate(names.items()):
        mine = rows[rows[by] == code]
        fig.add_trace(go.Bar(x=[geo_name(g, lang) for g in mine.geo], y=mine.value, name=name,
                             customdata=mine.flag.fillna("").map(lambda f: f"[{f}]" if f else ""),
                             hovertemplate=_hover(decimals), marker_color=SPLIT_COLOURS[i % len(SPLIT_COLOURS)]))
    units = rows.unit.dropna().unique()
    fig.update_layout(separators=separators(lang), barmode="stack", height=360, autosize=True,
                      margin={"l": 10, "r": 10, "t": 10, "b": 10}, template="simple_white",
                      font={"family": "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif", "size": 12},
                      legend={"orientation": "h", "yanchor": "top", "y": -0.12, "x": 0})
    fig.update_xaxes(type="category", title=None)
    fig.update_yaxes(title={"text": unit_name(units[0] if len(units) else "", lang)}, rangemode="tozero")
    return fig
