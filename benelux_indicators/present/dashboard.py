"""The Voilà pages as ipywidgets: a language switch over the key-figure cards or a theme's
panels. Charts are ``go.FigureWidget`` (anywidget), not figures shown into an ``Output``:
the latter made Voilà pages hang in about 1 load of 6 (voila#1428).
"""
from __future__ import annotations

from html import escape

import ipywidgets as widgets
import plotly.graph_objects as go

from .. import compare, engine, plan, recipes, snapshot
from . import cards, themes
from .fmt import LANGUAGES
from .i18n import word

PAGES = ("keyfigures", *themes.SPECS)
PANEL_STYLE = """<style>
.bnl-nav{display:flex;flex-wrap:wrap;gap:.3em 1.2em}.bnl-src{font-size:.85em;color:#444;margin:.2em 0 .4em}
.bnl-nodata{border:1px dashed #6b6b6b;padding:1em;color:#1b1b1b;background:#f6f8fa}
.bnl-table table{border-collapse:collapse;font-size:.85em}.bnl-table td,.bnl-table th{border:1px solid #d0d7de;padding:2px 6px;text-align:right}
</style>"""


def nav(current: str, lang: str, suffix: str = ".ipynb") -> str:
    """Links to the other pages; ``suffix`` is '.ipynb' under Voilà, '-<lang>.html' in an export."""
    links = [f"<b>{escape(word(_page_word(p), lang))}</b>" if p == current
             else f"<a href='{p}{suffix}'>{escape(word(_page_word(p), lang))}</a>" for p in PAGES]
    return f"{PANEL_STYLE}<nav class='bnl-nav' aria-label='pages'>{''.join(links)}</nav>"


def _page_word(page: str) -> str:
    return {"keyfigures": "keyfigures_link", "vat_gap": "fraud_prevention"}.get(page, page)


def _switch(lang: str) -> widgets.ToggleButtons:
    return widgets.ToggleButtons(options=[(code.upper(), code) for code in LANGUAGES], value=lang,
                                 description=" / ".join(word("language", code) for code in LANGUAGES),
                                 style={"description_width": "initial", "button_width": "3.5em"})


def _page(build, page: str, lang: str) -> widgets.VBox:
    """A language switch above a body that is rebuilt in the chosen language."""
    switch = _switch(lang)
    header = widgets.HTML(nav(page, lang))
    body = widgets.VBox(build(lang), layout=widgets.Layout(width="100%"))

    def relabel(change: dict) -> None:
        header.value = nav(page, change["new"])
        body.children = build(change["new"])

    switch.observe(relabel, names="value")
    return widgets.VBox([header, switch, body], layout=widgets.Layout(width="100%"))


def keyfigures_page(edition: str = "2024", lang: str = "nl") -> widgets.VBox:
    """The key-figure cards with their trend lines; comparisons are kept per language."""
    found, printed, data = recipes.load_all(), plan.load(edition), engine.Data(snapshot.load())
    trends = {rid: engine.timeseries(found[rid], data) for rid in printed.figures}
    cached: dict[str, str] = {}

    def build(code: str) -> list[widgets.Widget]:
        if code not in cached:
            cached[code] = cards.page(compare.keyfigures(found, printed, data.frame, code), code, trends)
        return [widgets.HTML(cached[code])]

    return _page(build, "keyfigures", lang)


def _panel(panel: themes.Panel) -> widgets.Widget:
    title = widgets.HTML(f"<h3>{escape(panel.title)}</h3>")
    chart = (go.FigureWidget(panel.figure) if panel.figure is not None
             else widgets.HTML(f"<p class='bnl-nodata' role='note'>{escape(panel.message)}</p>"))
    below = widgets.HTML(f"<p class='bnl-src'>{escape(panel.source)}</p>"
                         f"<p class='bnl-src'>{panel.download}</p>{panel.table}")
    return widgets.VBox([title, chart, below], layout=widgets.Layout(width="100%", margin="0 0 1.5em 0"))


def theme_page(theme: str, lang: str = "nl") -> widgets.VBox:
    """One theme dashboard: every panel of ``themes.yaml`` for that theme."""
    found, data = recipes.load_all(), engine.Data(snapshot.load())

    def build(code: str) -> list[widgets.Widget]:
        title = widgets.HTML(f"<h1>{escape(word(_page_word(theme), code))}</h1>")
        return [title, *(_panel(p) for p in themes.panels(theme, found, data, code))]

    return _page(build, theme, lang)
