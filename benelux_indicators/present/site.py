"""The static site: every dashboard page in every language as plain HTML, charts embedded,
one local copy of plotly.js, and the data behind each chart as CSV beside the pages.

Any static file server or CDN can serve it: no kernel, no Python, no request to another
host. The site is built in a temporary folder and swapped in whole, so a half-written
site is never served.
"""
from __future__ import annotations

from html import escape
from pathlib import Path

from .. import atomic, textsafe
from ..build import of_edition
from . import bundle, cards, charts, provenance, themes
from .fmt import LANGUAGES
from .i18n import word
from .layout import PAGES, below, image, nav, no_data, page_word, title
from .templating import Markup, render

SITE_STYLE = """<style>
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1b1b;max-width:1200px;margin:0 auto;padding:1em}
.bnl-langs{margin:.6em 0}.bnl-langs a,.bnl-langs b{margin-right:.8em}footer{font-size:.8em;color:#444;margin-top:2em}
</style>"""


def _document(page: str, lang: str, body: str, stamp: str, scripts: list[str]) -> str:
    return render("site.html.j2", page=page, title=title(page, lang), lang=lang, languages=LANGUAGES,
                  style=Markup(SITE_STYLE), scripts=scripts, chart_js=Markup(charts.SCRIPT),
                  nav=Markup(nav(page, lang, f"-{lang}.html")), body=Markup(body), stamp=stamp)


def _panel_html(panel: themes.Panel, lang: str, stamp: str) -> str:
    figure = charts.plain(panel.figure) if panel.figure is not None else None
    return render("panel.html.j2", panel=panel, figure=figure, config=charts.config(lang),
                  image=image(panel, lang, stamp), no_data=Markup(no_data(panel)),
                  below=Markup(below(panel, lang, f"data/{panel.id}.csv")))


def build(out: Path, edition: str | None = None) -> list[Path]:
    """Write the whole site of an edition (the newest when None) to ``out``, staged and
    swapped in whole; ``out`` must have passed :func:`atomic.check_output` (it is new,
    empty, or a previous site)."""
    run = of_edition(edition)  # once: the four languages only render it
    found, printed, data, trends, compared, built = (run.recipes, run.plan, run.data, run.trends, run.comparisons,
                                                     run.built_at)

    def fill(work: Path) -> list[Path]:
        (work / "data").mkdir()
        drawn = {theme: {lang: themes.panels(theme, found, data, lang, printed.figures) for lang in LANGUAGES}
                 for theme in PAGES[1:]}
        kinds = {t.type for by_lang in drawn.values() for p in by_lang["nl"] if p.figure for t in p.figure.data}
        script_name, script = bundle.script(kinds)
        (work / script_name).write_text(script, encoding="utf-8")
        locales = {lang: bundle.locale_name(lang) for lang in LANGUAGES}
        for lang, name in locales.items():
            if name:
                (work / name).write_text(bundle.locale_script(lang), encoding="utf-8")
        pages, rows = [], {}
        for lang in LANGUAGES:
            table = provenance.keyfigures_frame(compared, lang)
            _write(work / "data" / f"keyfigures-{lang}.csv", textsafe.csv(table))
            (work / "data" / f"keyfigures-{lang}.xlsx").write_bytes(provenance.xlsx_bytes(table))
            stamp = provenance.dates(lang, built, printed.published)  # in words: no checksum on a public page
            body = cards.page(compared, lang, trends, stamp,
                              provenance.downloads(lang, f"data/keyfigures-{lang}.csv", f"data/keyfigures-{lang}.xlsx"))
            pages.append(_write(work / f"keyfigures-{lang}.html", _document("keyfigures", lang, body, stamp, [])))
            for theme in PAGES[1:]:
                panels = drawn[theme][lang]
                rows |= {p.id: p.rows for p in panels if not p.rows.empty}  # the same in every language
                rows |= {f"{p.id}-inputs": p.inputs for p in panels if not p.inputs.empty}
                body = f"<h1>{escape(word(page_word(theme), lang))}</h1>" + "".join(_panel_html(p, lang, stamp)
                                                                                   for p in panels)
                scripts = [script_name, *([locales[lang]] if locales[lang] else [])]
                pages.append(_write(work / f"{theme}-{lang}.html", _document(theme, lang, body, stamp, scripts)))
        for pid, frame in rows.items():
            _write(work / "data" / f"{pid}.csv", provenance.csv_text(frame))
        _write(work / "index.html", "<!doctype html><meta charset='utf-8'><meta http-equiv='refresh' "
                                    "content='0; url=keyfigures-nl.html'><a href='keyfigures-nl.html'>Benelux</a>")
        return pages

    pages = atomic.swap_in(out, fill)
    return [out / p.name for p in pages]


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
