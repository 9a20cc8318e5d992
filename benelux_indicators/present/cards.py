"""The key-figure page as HTML cards: big number, printed vs computed, status badge, cause,
and an 'explain this number' panel (a <details> element: no script, works in any export).

Status colours are from the Okabe-Ito palette (safe for colour-blind readers) and every
badge also says its status in words.
"""
from __future__ import annotations

from html import escape

import pandas as pd

from .. import messages
from ..compare import Comparison
from . import method, provenance
from .fmt import quantity
from .i18n import word
from .templating import Markup, render

# Okabe-Ito hues darkened to at least 5.3:1 against white text (WCAG 2.1 AA); every badge
# also says its status in words, and keeps its colour in print.
BADGE = {"match": "#00734F", "revised": "#8A5A00", "differs": "#A33A00", "not_printed": "#00568A", "no_data": "#595959"}
STYLE = """
<style>
.bnl-page{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1b1b;max-width:1200px}
.bnl-page a{color:#0b4f8a;text-decoration:underline}
.bnl-theme{margin:1.2em 0 .4em;font-size:1.05em;letter-spacing:.05em;text-transform:uppercase;color:#0b4f8a}
.bnl-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,260px),1fr));gap:12px}
.bnl-card{border:1px solid #d0d7de;border-radius:8px;padding:12px;background:#fff;min-width:0;overflow-wrap:anywhere}
.bnl-label{font-weight:600;font-size:1em;margin:0}.bnl-big{font-size:1.9em;font-weight:700;margin:.2em 0}
.bnl-meta{font-size:.9em;color:#444}.bnl-badge{display:inline-block;color:#fff;border-radius:4px;padding:1px 6px;font-size:.85em}
.bnl-card details{font-size:.85em}.bnl-inputs{border-collapse:collapse;font-size:.9em;display:block;overflow-x:auto}
.bnl-inputs th,.bnl-inputs td{border-bottom:1px solid #d0d7de;padding:1px 4px;text-align:left}
.bnl-legend dt{font-weight:600;display:inline}.bnl-legend dd{display:inline;margin:0 1em 0 .3em}
@media print{.bnl-badge{-webkit-print-color-adjust:exact;print-color-adjust:exact;border:1px solid #000}
.bnl-card details{display:none}}
</style>"""


def sparkline(trend: pd.DataFrame | None, c: Comparison, lang: str) -> str:
    """A small inline SVG of the figure over the years, drawn from zero so that a change of
    one in 70,000 stays flat, with its first and last values written beside it (no script:
    it survives any export). The reference year is the marked point; fewer than two years
    draw nothing."""
    if trend is None or len(trend) < 2:
        return ""
    w, h, pad = 160, 28, 3
    years, values = trend.year.tolist(), trend.value.tolist()
    top = max(max(values), 0) or 1
    x = {y: pad + (w - 2 * pad) * (y - years[0]) / (years[-1] - years[0]) for y in years}
    y = {yr: h - pad - (h - 2 * pad) * max(v, 0) / top for yr, v in zip(years, values)}
    points = " ".join(f"{x[yr]:.1f},{y[yr]:.1f}" for yr in years)
    dot = f"<circle cx='{x[c.year]:.1f}' cy='{y[c.year]:.1f}' r='2.5' fill='#0072B2'/>" if c.year in x else ""
    label = (f"{word('trend', lang)} {years[0]}–{years[-1]}: {quantity(values[0], c.unit, c.decimals, lang)} → "
             f"{quantity(values[-1], c.unit, c.decimals, lang)}")
    return (f"<div class='bnl-meta'><svg class='bnl-spark' role='img' aria-label='{escape(label)}' width='{w}' "
            f"height='{h}' viewBox='0 0 {w} {h}'><title>{escape(label)}</title><line x1='{pad}' y1='{h - pad}' "
            f"x2='{w - pad}' y2='{h - pad}' stroke='#999' stroke-width='.5'/><polyline points='{points}' fill='none' "
            f"stroke='#1b1b1b' stroke-width='1.5'/>{dot}</svg><br>{escape(label)}</div>")


def card(c: Comparison, lang: str, trend: pd.DataFrame | None = None, share: Comparison | None = None) -> str:
    """One figure; ``share`` is its '<id>_share_eu' sibling, shown as 'x % of the EU total'.
    The public reads plain words and linked sources; 'explain' keeps the operator's detail."""
    return render("card.html.j2", c=c, lang=lang, badge=BADGE[c.status],
                  computed=quantity(c.computed, c.unit, c.decimals, lang) if c.computed is not None
                  else word("not_available", lang),
                  of_eu=quantity(share.computed, share.unit, share.decimals, lang)
                  if share is not None and share.computed is not None else "",
                  sparkline=Markup(sparkline(trend, c, lang)), cause=messages.render(c.cause, lang, public=True),
                  sources=Markup(provenance.sources_html(list(c.sources), lang)), method=Markup(method.block(c, lang)))


def page(comparisons: list[Comparison], lang: str, trends: dict[str, pd.DataFrame] | None = None,
         dates: str = "", downloads: str = "") -> str:
    """All cards, grouped by theme in the plan's order, after an introduction, the dates of
    the data and the edition, a legend of the statuses and the downloads."""
    groups: dict[str, list[Markup]] = {}
    by_id = {c.id: c for c in comparisons}
    for c in comparisons:
        groups.setdefault(c.theme, []).append(
            Markup(card(c, lang, (trends or {}).get(c.id), by_id.get(f"{c.id}_share_eu"))))
    return render("keyfigures.html.j2", style=Markup(STYLE), lang=lang, dates=dates, badges=BADGE,
                  downloads=Markup(downloads), groups=groups)
