"""The publishable key-figure page of an edition, laid out like the plan's "BENELUX -
KERNCIJFERS" page: themes in capitals, each figure a big number with its caption and a
note number, and the notes in plain words (source with its release date, reference year,
and why a figure differs or is missing). Drawn from the edition's record, never
recomputed, so a past edition reads as it stood, in any language.

The print version is the A4 page the refresh staff put into the annual plan; ``pdf``
renders it with the chromium the browser tests use.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import date
from html import escape
from pathlib import Path

from babel.dates import format_date

from .. import editions, messages
from ..compare import Comparison, Status
from ..errors import WriteError
from . import templating
from .fmt import quantity
from .i18n import word
from .provenance import sources_html
from .templating import Markup

SCREEN = """body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1b1b;max-width:60rem;margin:2rem auto;padding:0 1rem}
h2{font-size:1rem;letter-spacing:.05em;text-transform:uppercase;color:#0b4f8a;margin:1.5rem 0 .5rem}
.kf{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,14rem),1fr));gap:.75rem}
.fig{border-top:3px solid #0b4f8a;padding:.4rem 0}.num{font-size:1.8rem;font-weight:700}
.lbl{font-size:.95rem}sup.mark{margin-left:.3em;font-weight:400}.notes{font-size:.8rem;color:#444}.notes li{margin:.2rem 0}a{color:#0b4f8a}"""
PRINT = """@page{size:A4;margin:14mm 14mm 16mm}body{font-family:Georgia,'Times New Roman',serif;color:#000;margin:0;font-size:9.5pt}
h1{font-size:16pt;letter-spacing:.08em;text-transform:uppercase;border-bottom:2pt solid #0b4f8a;padding-bottom:3pt;margin:0 0 6pt}
.themes{columns:2;column-gap:10mm}.theme{break-inside:avoid;margin:0 0 7pt}
h2{font-size:10pt;letter-spacing:.06em;text-transform:uppercase;color:#0b4f8a;margin:0 0 2pt}
.fig{break-inside:avoid;margin:0 0 4pt}.num{font-size:15pt;font-weight:bold}.lbl{font-size:9pt}sup{font-size:6.5pt}sup.mark{margin-left:2.5pt;font-weight:normal}
.notes{font-size:7pt;line-height:1.25;margin-top:8pt;columns:2;column-gap:8mm}.notes li{break-inside:avoid;margin:0 0 2pt}
a{color:#000;text-decoration:none}.meta{font-size:7.5pt;margin:2pt 0 6pt}"""


def _note(c: Comparison, stale: tuple[str, ...], lang: str) -> str:
    """A numbered note in plain words: year, sources, and why a figure differs."""
    why = messages.render(c.cause, lang, public=True) if c.status != Status.MATCH else ""
    old = f" {word('stale', lang)}." if stale else ""
    return (f"{escape(c.label(lang))}, {c.year}. {sources_html(list(c.sources), lang)}."
            f"{' ' + escape(why) if why else ''}{escape(old)}")


def missing(record: editions.Record) -> list[str]:
    """The figures the page leaves out for want of data, for the staff (operator register):
    what is missing and the series to fetch, with its data-browser and API addresses."""
    from ..draft import status_line

    return [f"{f.id} ({f.comparison.year}): {messages.render(f.comparison.cause, 'en')} -> {status_line(f)}"
            for f in record.figures if f.comparison.computed is None]


def _date(stamp: str, lang: str) -> str:
    """An ISO timestamp as the language writes a date, e.g. '23 november 2026'."""
    return format_date(date.fromisoformat(stamp[:10]), format="long", locale=lang)


def render(record: editions.Record, lang: str, printable: bool = False) -> str:
    """The page for one edition in one language; ``printable`` gives the A4 version. Like
    the plan's page: the figures of the main year, those of another year marked ``*`` and
    the plan's footnote on years; figures without data are not on it (see :func:`missing`)."""
    shown = [f for f in record.figures if f.comparison.computed is not None]
    main = record.main_year
    groups: dict[str, list[tuple[int, Comparison, str, bool]]] = {}
    for n, f in enumerate(shown, start=1):
        c = f.comparison
        groups.setdefault(c.theme, []).append((n, c, quantity(c.computed, c.unit, c.decimals, lang), c.year != main))
    notes = [(n, Markup(_note(f.comparison, f.stale, lang))) for n, f in enumerate(shown, start=1)]
    return templating.render("edition.html.j2", record=record, lang=lang, style=Markup(PRINT if printable else SCREEN),
                             years=messages.footnote(main, record.other_years, lang),
                             made=_date(record.created_at, lang), groups=groups, notes=notes)


CHROMIUM = Path("/usr/bin/chromium")


def pdf(html: str, target: Path) -> Path:
    """The print version as an A4 PDF, through chromium (Debian's, driven by Playwright)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise WriteError("a PDF needs Playwright (pip install playwright) and chromium (apt install chromium)") from None
    if not CHROMIUM.exists():
        raise WriteError(f"a PDF needs chromium at {CHROMIUM} (apt install chromium)")
    def render_pdf() -> None:  # in a thread of its own: Playwright's sync API refuses a running event loop
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-gpu"])
            try:
                page = browser.new_page()
                page.set_content(html, wait_until="load")
                target.write_bytes(page.pdf(format="A4", print_background=True, prefer_css_page_size=True))
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(render_pdf).result()
    return target

