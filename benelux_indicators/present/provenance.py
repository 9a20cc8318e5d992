"""What goes under every chart: the source line, the data as CSV, and the data as a table.

All three are plain HTML (a ``data:`` link for the CSV), so they work the same in Voilà, in
a static export and with scripts off; the table is the chart's text alternative.
"""
from __future__ import annotations

import base64
from datetime import date
from html import escape

import pandas as pd
from babel.dates import format_date

from .. import textsafe, tidy
from ..citation import DATASETS
from ..messages import num
from ..compare import SourceEntry
from ..recipes import Series
from ..sources.estat import browser_url
from .i18n import flag_words, geo_name, word


def source_line(series: list[Series], rows: pd.DataFrame, lang: str) -> str:
    """'Source: eurostat demo_pjan [age=TOTAL, sex=T], vintage …, flags BE 2021 p; citation …'."""
    parts = []
    for s in dict.fromkeys(series):
        mine = rows[(rows.source == s.source) & (rows.dataset == s.dataset)] if not rows.empty else rows
        vintages = sorted(mine.vintage.dropna().unique()) if not mine.empty else []
        flagged = [f"{r.geo} {r.time} {r.flag}" for r in mine.itertuples() if r.flag] if not mine.empty else []
        citations = sorted(mine.citation.dropna().unique()) if not mine.empty else []
        text = f"{s.source} {s.describe()}"
        if vintages:
            text += f", {word('vintage', lang)} {'; '.join(vintages)}"
        if flagged:
            text += f", {word('flags', lang)} {', '.join(flagged)}"
        if citations:
            text += f" ({'; '.join(citations)})"
        parts.append(text)
    return f"{word('source', lang)}: " + " · ".join(parts)




def entries(series: list[Series], rows: pd.DataFrame) -> list[SourceEntry]:
    """What the public source line of a chart needs of each series: release dates, flags
    (by 'geo year'), citations."""
    out = []
    for s in dict.fromkeys(series):
        mine = rows[(rows.source == s.source) & (rows.dataset == s.dataset)] if not rows.empty else rows
        out.append(SourceEntry(
            s.source, s.dataset, vintage=tuple(sorted(mine.vintage.dropna().unique())) if not mine.empty else (),
            flags={f"{r.geo} {r.time}": r.flag for r in mine.itertuples() if r.flag} if not mine.empty else {},
            cited=tuple(sorted({(r.citation, r.citation_ref if isinstance(r.citation_ref, str) else "")
                                for r in mine.itertuples() if isinstance(r.citation, str)}))))
    return out


def _released(vintage: str, lang: str) -> str:
    """A release date in the reader's words. A file checksum (bulk files carry no date) and a
    cited publication's own vintage words ("report 2022 (data 2021)", in the language of the
    data file) are not shown on public pages: the linked title names the edition, and the
    words stay in the operator's downloads."""
    try:
        return f"{word('updated', lang)} {format_date(date.fromisoformat(vintage[:10]), format='long', locale=lang)}"
    except ValueError:
        return ""


def _grouped_flags(flags: dict[str, str]) -> dict[tuple[str, str], list[int]]:
    """``{'BE 2012': 'e', 'BE 2013': 'e'}`` -> ``{('BE', 'e'): [2012, 2013]}`` (keys without a year too)."""
    out: dict[tuple[str, str], list[int]] = {}
    for where, flag in flags.items():
        geo, _, year = where.partition(" ")
        out.setdefault((geo, flag), [])
        if year.isdigit():
            out[(geo, flag)].append(int(year))
    return out


def _years(years: list[int]) -> str:
    """[2012, 2013, 2014, 2020] -> '2012–2014, 2020'."""
    return tidy.year_ranges(years, "–")


def _browser(code: str, lang: str) -> str:
    return browser_url(code, lang)


def _link(href: str, text: str) -> str:
    return f"<a href='{escape(href)}'>{escape(text)}</a>" if href.startswith(("https://", "http://")) else escape(text)


def sources_html(items: list[SourceEntry], lang: str) -> str:
    """'Source: Eurostat, <a>Population on 1 January…</a> (updated on 14 March 2025; flags: …)'
    in the reader's language, each dataset linked to Eurostat's data browser and each cited
    publication to its address. Codes, filters and checksums stay in the downloads."""
    parts = []
    for item in items:
        if item.source == "eurostat":
            title = DATASETS.get(item.dataset, {}).get(lang) or item.dataset
            head = "Eurostat, " + _link(_browser(item.dataset, lang), title)
        else:
            # no row cited yet: the publication by name, or the Eurostat dataset it reprints by its title
            titled = DATASETS.get(item.dataset, {}).get(lang)
            cited = item.cited or [(titled, _browser(item.dataset, lang)) if titled else (item.dataset, "")]
            head = f"{escape(word('cited', lang))} " + "; ".join(_link(ref, title) for title, ref in cited)
        extra = [t for t in (_released(v, lang) for v in item.vintage) if t]
        flags = _grouped_flags(item.flags)
        if flags:
            extra.append(f"{word('flag_word', lang)}: " + "; ".join(
                f"{geo_name(geo, lang)}{(' ' + _years(years)) if years else ''}: {flag_words(f, lang)}"
                for (geo, f), years in list(flags.items())[:8]) + ("…" if len(flags) > 8 else ""))
        parts.append(head + (f" ({escape('; '.join(dict.fromkeys(extra)))})" if extra else ""))
    return f"{escape(word('source', lang))}: " + " · ".join(parts)


def keyfigures_frame(comparisons: list, lang: str) -> pd.DataFrame:
    """The key figures as the page's download: one row each, label, cause and notes in
    ``lang``, sources as JSON (the operator's detail belongs in the data)."""
    import json

    from ..messages import flat

    rows = [{**flat(c, lang), "sources": json.dumps([e.as_dict() for e in c.sources], ensure_ascii=False),
             "parts": json.dumps(dict(c.parts))} for c in comparisons]
    return pd.DataFrame(rows)


def xlsx_bytes(frame: pd.DataFrame) -> bytes:
    """``frame`` as a one-sheet workbook; text cells neutralised (openpyxl would store '=…' as a formula)."""
    import io

    buffer = io.BytesIO()
    textsafe.neutral(frame).to_excel(buffer, index=False, sheet_name="key figures")
    return buffer.getvalue()


def downloads(lang: str, csv_href: str, xlsx_href: str) -> str:
    return (f"<p class='bnl-meta'>{escape(word('download_all', lang))}: <a href='{escape(csv_href)}' "
            f"download='keyfigures-{lang}.csv'>CSV</a> · <a href='{escape(xlsx_href)}' "
            f"download='keyfigures-{lang}.xlsx'>xlsx</a></p>")


def dates(lang: str, built_at: str, published: str) -> str:
    """'Data as of 27 November 2026 · annual plan printed in January 2024'."""
    parts = []
    if built_at:
        parts.append(f"{word('data_as_of', lang)} {format_date(date.fromisoformat(built_at[:10]), format='long', locale=lang)}")
    if published:
        parts.append(f"{word('plan_printed', lang)} {format_date(date.fromisoformat(published[:7] + '-01'), format='LLLL y', locale=lang)}")
    return " · ".join(parts)


def csv_text(rows: pd.DataFrame) -> str:
    """The tidy rows as CSV, provenance columns included, other datasets' columns left out."""
    return textsafe.csv(tidy.compact(rows))


def csv_link(rows: pd.DataFrame, name: str, lang: str, href: str | None = None, words: str = "download") -> str:
    """A download link to ``href``, or (without one) carrying the rows themselves."""
    href = href or "data:text/csv;base64," + base64.b64encode(csv_text(rows).encode()).decode()
    return f"<a download='{escape(name)}.csv' href='{href}'>{escape(word(words, lang))}</a>"


def table(rows: pd.DataFrame, lang: str, decimals: int) -> str:
    """Years down, countries across, numbers in the language's style, flags in brackets."""
    if rows.empty:
        return ""
    cells = rows.assign(text=[num(v, decimals, lang) + (f" [{f}]" if f else "") if pd.notna(v) else f":{f}"
                              for v, f in zip(rows.value, rows.flag)])
    wide = cells.pivot_table(index="time", columns="geo", values="text", aggfunc="first", sort=True)
    head = "".join(f"<th scope='col'>{escape(geo_name(g, lang))}</th>" for g in wide.columns)
    body = "".join(f"<tr><th scope='row'>{escape(str(t))}</th>"
                   + "".join(f"<td>{escape(v) if isinstance(v, str) else '–'}</td>" for v in r) + "</tr>"
                   for t, r in zip(wide.index, wide.itertuples(index=False)))
    return (f"<details class='bnl-table'><summary>{escape(word('table', lang))}</summary>"
            f"<table><thead><tr><th>{escape(word('year', lang))}</th>{head}</tr></thead>"
            f"<tbody>{body}</tbody></table></details>")
