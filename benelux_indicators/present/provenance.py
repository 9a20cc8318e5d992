"""What goes under every chart: the source line, the data as CSV, and the data as a table.

All three are plain HTML (a ``data:`` link for the CSV), so they work the same in Voilà, in
a static export and with scripts off; the table is the chart's text alternative.
"""
from __future__ import annotations

import base64
from html import escape

import pandas as pd

from .. import textsafe, tidy
from ..messages import num
from ..recipes import Series
from .i18n import geo_name, word


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


def csv_text(rows: pd.DataFrame) -> str:
    """The tidy rows as CSV, provenance columns included, other datasets' columns left out."""
    return textsafe.csv(tidy.compact(rows))


def csv_link(rows: pd.DataFrame, name: str, lang: str, href: str | None = None) -> str:
    """A download link to ``href``, or (without one) carrying the rows themselves."""
    href = href or "data:text/csv;base64," + base64.b64encode(csv_text(rows).encode()).decode()
    return f"<a download='{escape(name)}.csv' href='{href}'>{escape(word('download', lang))}</a>"


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
