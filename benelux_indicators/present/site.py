"""The static site: every dashboard page in every language as plain HTML, charts embedded,
one local copy of plotly.js, and the data behind each chart as CSV beside the pages.

Any static file server or CDN can serve it: no kernel, no Python, no request to another
host. The site is built in a temporary folder and swapped in whole, so a half-written
site is never served.
"""
from __future__ import annotations

import json
from html import escape
from pathlib import Path

from .. import atomic, textsafe
from ..build import build as make
from . import bundle, cards, charts, provenance, themes
from .fmt import LANGUAGES
from .i18n import word
from .layout import PAGES, below, image, nav, no_data, page_word

SITE_STYLE = """<style>
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1b1b1b;max-width:1200px;margin:0 auto;padding:1em}
.bnl-langs{margin:.6em 0}.bnl-langs a,.bnl-langs b{margin-right:.8em}footer{font-size:.8em;color:#444;margin-top:2em}
</style>"""


def _languages(page: str, lang: str) -> str:
    links = [f"<b>{code.upper()}</b>" if code == lang else f"<a href='{page}-{code}.html' hreflang='{code}'>{code.upper()}</a>"
             for code in LANGUAGES]
    return f"<nav class='bnl-langs' aria-label='{escape(word('language', lang))}'>{''.join(links)}</nav>"


CHART_JS = (Path(__file__).with_name("js") / "chart.js").read_text(encoding="utf-8")


def _script_json(value) -> str:
    """JSON inside a <script>: no '</' that would end it."""
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


def _document(page: str, lang: str, body: str, stamp: str, scripts: list[str]) -> str:
    title = f"{word('title', lang)} - {word(page_word(page), lang)}"
    script = "".join(f"<script src='{name}'></script>" for name in scripts)
    script += f"<script>{CHART_JS}</script>" if scripts else ""
    return (f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'>"
            f"<meta name='viewport' content='width=device-width,initial-scale=1'><title>{escape(title)}</title>"
            f"{SITE_STYLE}{script}</head><body><header>{nav(page, lang, f'-{lang}.html')}{_languages(page, lang)}"
            f"</header><main>{body}</main><footer>{escape(stamp)}</footer></body></html>")


def _panel_html(panel: themes.Panel, lang: str, stamp: str) -> str:
    if panel.figure is None:
        chart = no_data(panel)
    else:
        figure = json.loads(panel.figure.to_json())
        args = ",".join(_script_json(v) for v in (figure, charts.config(lang), image(panel, lang, stamp)))
        chart = (f"<div id='{escape(panel.id)}' class='bnl-chart'></div>"
                 f"<script>bnlChart(document.getElementById({_script_json(panel.id)}),{args})</script>")
    return f"<section><h2>{escape(panel.title)}</h2>{chart}{below(panel, lang, f'data/{panel.id}.csv')}</section>"


def build(out: Path, edition: str = "2024") -> list[Path]:
    """Write the whole site to ``out``, staged and swapped in whole; ``out`` must have
    passed :func:`atomic.check_output` (it is new, empty, or a previous site)."""
    run = make(edition)  # once: the four languages only render it
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
