"""The publishable key-figure page of an edition: static HTML like the printed page.

Drawn from the edition's record, never recomputed, so a past edition reads as it stood.
Each figure shows the computed number in the language's style with a footnote mark; the
footnotes give its reference year and sources (dataset, filters, vintage, citation). A
figure that could not be computed shows a dash and says why in its footnote. The print
version is the same content as a plain black-and-white table for A4.
"""
from __future__ import annotations

from datetime import date
from html import escape

from babel.dates import format_date

from .. import editions
from ..compare import Comparison
from .. import messages
from .fmt import quantity
from .i18n import word

SCREEN = """body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1b1b;max-width:60rem;margin:2rem auto;padding:0 1rem}
h2{font-size:1rem;letter-spacing:.05em;text-transform:uppercase;color:#0b4f8a;margin:1.5rem 0 .5rem}
.kf{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.75rem}
.fig{border-top:3px solid #0b4f8a;padding:.4rem 0}.num{font-size:1.8rem;font-weight:700}
.lbl{font-size:.95rem}.notes{font-size:.8rem;color:#444}.notes li{margin:.2rem 0}"""
PRINT = """body{font-family:Georgia,'Times New Roman',serif;color:#000;margin:0}@page{size:A4;margin:15mm}
table{border-collapse:collapse;width:100%;font-size:10pt}td,th{border-bottom:1px solid #000;padding:2pt 4pt;text-align:left}
td.num{text-align:right;font-weight:bold}h2{font-size:11pt;margin:8pt 0 2pt}.notes{font-size:8pt}"""


def _source_note(c: Comparison) -> str:
    parts = []
    for s in c.sources:
        text = s["series"]
        if s["vintage"]:
            text += f", {'; '.join(s['vintage'])}"
        if s["citation"]:
            text += f" ({'; '.join(s['citation'])})"
        parts.append(text)
    return "; ".join(parts)


def _note(n: int, c: Comparison, stale: list[str], lang: str) -> str:
    why = "" if c.computed is not None else f" {word('no_data', lang)}: {messages.render(c.cause, lang)}"
    old = f" {word('stale', lang)}: {'; '.join(stale)}." if stale else ""
    return (f"<li id='n{n}'>{escape(c.label(lang))}: {c.year}.{escape(why)} {escape(word('source', lang))}: "
            f"{escape(_source_note(c))}.{escape(old)}</li>")


def _date(stamp: str, lang: str) -> str:
    """An ISO timestamp as the language writes a date, e.g. '23 november 2026'."""
    return format_date(date.fromisoformat(stamp[:10]), format="long", locale=lang)


def render(record: dict, lang: str, printable: bool = False) -> str:
    """The page for one edition in one language; ``printable`` gives the A4 table version."""
    figures = editions.comparisons(record)
    groups: dict[str, list[tuple[int, Comparison]]] = {}
    for n, c in enumerate(figures, start=1):
        groups.setdefault(c.theme, []).append((n, c))
    title = f"{word('title', lang)} - {record['edition']}"
    body = []
    for theme, items in groups.items():
        body.append(f"<h2>{escape(word(theme, lang))}</h2>")
        if printable:
            body.append("<table>" + "".join(
                f"<tr><td>{escape(c.label(lang))}</td><td class='num'>{escape(quantity(c.computed, c.unit, c.decimals, lang))}"
                f"</td><td><sup>{n}</sup></td></tr>" for n, c in items) + "</table>")
        else:
            body.append("<div class='kf'>" + "".join(
                f"<div class='fig' data-figure='{c.id}'><div class='num'>{escape(quantity(c.computed, c.unit, c.decimals, lang))}"
                f"<sup><a href='#n{n}'>{n}</a></sup></div><div class='lbl'>{escape(c.label(lang))}</div></div>"
                for n, c in items) + "</div>")
    years = sorted({c.year for c in figures})
    notes = "".join(_note(n, c, f["stale"], lang) for n, (c, f) in enumerate(zip(figures, record["figures"]), start=1))
    return (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width,initial-scale=1'><title>{escape(title)}</title>"
            f"<style>{PRINT if printable else SCREEN}</style></head><body><h1>{escape(title)}</h1>{''.join(body)}"
            f"<p class='notes'>{escape(word('year', lang))}: {', '.join(map(str, years))}. "
            f"{escape(word('edition_made', lang))} {escape(_date(record['created_at'], lang))}, snapshot "
            f"{escape(record.get('snapshot_sha256', '')[:12])}.</p><ol class='notes'>{notes}</ol></body></html>")
