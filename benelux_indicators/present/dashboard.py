"""The Voilà pages as ipywidgets: a language switch over the key-figure cards or a theme's
panels. Charts are :class:`widgets.Chart` (anywidget), not figures shown into an ``Output``:
the latter made Voilà pages hang in about 1 load of 6 (voila#1428).
"""
from __future__ import annotations

import base64
import os
from html import escape
from urllib.parse import parse_qs

import ipywidgets as widgets

from .. import textsafe
from ..build import of_edition
from . import cards, charts, provenance, themes
from .fmt import LANGUAGES
from .i18n import word
from .layout import below, image, nav, no_data, page_word, title
from .widgets import Chart, LanguageSwitch


def _switch(page: str, lang: str) -> LanguageSwitch:
    return LanguageSwitch(options=[(code.upper(), code) for code in LANGUAGES], value=lang,
                          label=" / ".join(word("language", code) for code in LANGUAGES),
                          titles={code: title(page, code) for code in LANGUAGES})


def requested_lang(default: str) -> str:
    """The language in the page's address (``?lang=fr``), which Voilà hands the kernel as
    QUERY_STRING (a preheated kernel reads it through voila.utils), else ``default``."""
    try:
        from voila.utils import get_query_string

        query = get_query_string() or ""
    except ImportError:
        query = os.environ.get("QUERY_STRING", "")
    wanted = parse_qs(query).get("lang", [default])[0]
    return wanted if wanted in LANGUAGES else default


def _nav(page: str, lang: str) -> str:
    """Links to the other pages that keep the chosen language."""
    return nav(page, lang, f".ipynb?lang={lang}")


def _page(build, page: str, lang: str) -> widgets.VBox:
    """A language switch above a body that is rebuilt in the chosen language; the language
    comes from the address and goes on in every link."""
    lang = requested_lang(lang)
    switch = _switch(page, lang)
    header = widgets.HTML(_nav(page, lang))
    body = widgets.VBox(build(lang), layout=widgets.Layout(width="100%"))

    def relabel(change: dict) -> None:
        header.value = _nav(page, change["new"])
        body.children = build(change["new"])

    switch.observe(relabel, names="value")
    return widgets.VBox([header, switch, body], layout=widgets.Layout(width="100%"))


def keyfigures_page(edition: str | None = None, lang: str = "nl") -> widgets.VBox:
    """The key-figure cards of an edition (the newest when None) with their trend lines:
    computed once, drawn in each language."""
    run = of_edition(edition)
    compared, trends, printed, built = run.comparisons, run.trends, run.plan, run.built_at
    cached: dict[str, str] = {}

    def build(code: str) -> list[widgets.Widget]:
        if code not in cached:
            table = provenance.keyfigures_frame(compared, code)
            csv = "data:text/csv;base64," + base64.b64encode(textsafe.csv(table).encode()).decode()
            xlsx = ("data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,"
                    + base64.b64encode(provenance.xlsx_bytes(table)).decode())
            cached[code] = cards.page(compared, code, trends, provenance.dates(code, built, printed.published),
                                      provenance.downloads(code, csv, xlsx))
        return [widgets.HTML(cached[code])]

    return _page(build, "keyfigures", lang)


def _panel(panel: themes.Panel, lang: str, stamp: str) -> widgets.Widget:
    heading = widgets.HTML(f"<h2>{escape(panel.title)}</h2>")
    chart = (Chart.of(panel.figure, charts.config(lang), image(panel, lang, stamp)) if panel.figure is not None
             else widgets.HTML(no_data(panel)))
    return widgets.VBox([heading, chart, widgets.HTML(below(panel, lang))],
                        layout=widgets.Layout(width="100%", margin="0 0 1.5em 0"))


def theme_page(theme: str, lang: str = "nl", edition: str | None = None) -> widgets.VBox:
    """One theme dashboard: every panel of ``themes.yaml`` for that theme, marked with the
    plan of an edition (the newest when None); the charts run to the latest year the data hold."""
    run = of_edition(edition)

    def build(code: str) -> list[widgets.Widget]:
        heading = widgets.HTML(f"<h1>{escape(word(page_word(theme), code))}</h1>")
        stamp = provenance.dates(code, run.built_at, run.plan.published)
        return [heading, *(_panel(p, code, stamp) for p in themes.panels(theme, run.recipes, run.data, code,
                                                                        run.plan.figures))]

    return _page(build, theme, lang)
