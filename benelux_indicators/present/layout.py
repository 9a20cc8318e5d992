"""Page furniture shared by the Voilà pages and the static export: the pages, their
names, the navigation between them, and the styles of the panels."""
from __future__ import annotations

import re
import textwrap
from html import escape, unescape

from . import provenance, themes
from .i18n import word

PAGES = ("keyfigures", *themes.SPECS)
PANEL_STYLE = """<style>
.bnl-nav{display:flex;flex-wrap:wrap;gap:.3em 1.2em}.bnl-src{font-size:.85em;color:#444;margin:.2em 0 .4em}
.bnl-nodata{border:1px dashed #6b6b6b;padding:1em;color:#1b1b1b;background:#f6f8fa}
.bnl-save{font:inherit;font-size:.85em;margin:.3em 0;padding:.2em .6em;border:1px solid #1b1b1b;background:#fff;color:#1b1b1b;border-radius:3px;cursor:pointer}
.bnl-save:focus-visible{outline:3px solid #0057b8;outline-offset:2px}
.bnl-table table{border-collapse:collapse;font-size:.85em}.bnl-table td,.bnl-table th{border:1px solid #d0d7de;padding:2px 6px;text-align:right}
</style>"""


def nav(current: str, lang: str, suffix: str = ".ipynb") -> str:
    """Links to the other pages; ``suffix`` is '.ipynb' under Voilà, '-<lang>.html' in an export."""
    links = [f"<b aria-current='page'>{escape(word(page_word(p), lang))}</b>" if p == current
             else f"<a href='{escape(p + suffix)}'>{escape(word(page_word(p), lang))}</a>" for p in PAGES]
    return f"{PANEL_STYLE}<nav class='bnl-nav' aria-label='pages'>{''.join(links)}</nav>"


def page_word(page: str) -> str:
    return {"keyfigures": "keyfigures_link", "vat_gap": "fraud_prevention"}.get(page, page)


def title(page: str, lang: str) -> str:
    """A page's title in the browser tab, in the static export and in Voilà alike."""
    return f"{word('title', lang)} - {word(page_word(page), lang)}"


def no_data(panel: themes.Panel) -> str:
    return f"<p class='bnl-nodata' role='note'>{escape(panel.message)}</p>"


def below(panel: themes.Panel, lang: str, href: str | None = None) -> str:
    """Under a chart: its source line, the download of its rows (from ``href``, or carried in
    the link itself) and its table."""
    link = provenance.csv_link(panel.rows, panel.id, lang, href) if not panel.rows.empty else ""
    if not panel.inputs.empty:  # a figure's chart: the shares shown, then what they were computed from
        link += " · " + provenance.csv_link(panel.inputs, f"{panel.id}-inputs", lang,
                                            href.replace(".csv", "-inputs.csv") if href else None, "download_inputs")
    note = f"<p class='bnl-src'>{escape(panel.note)}</p>" if panel.note else ""
    return f"{note}<p class='bnl-src'>{panel.source}</p><p class='bnl-src'>{link}</p>{panel.table}"


def image(panel: themes.Panel, lang: str, stamp: str) -> dict:
    """What the saved image of a chart carries besides the chart: its title, its sources and
    the dates, in the reader's language (plotly's text takes HTML escapes and <br> only)."""
    plain = unescape(re.sub(r"<[^>]+>", "", panel.source))
    caption = "<br>".join(escape(line, quote=False) for line in textwrap.wrap(f"{plain} · {stamp}", 150))
    return {"title": escape(panel.title, quote=False), "caption": caption, "filename": f"{panel.id}-{lang}.png",
            "label": word("save_image", lang)}
