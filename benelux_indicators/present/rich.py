"""Rich display in Jupyter: a key figure, or all of them, as a readable HTML table with
numbers in the chosen language's style, status badges in words, and sources."""
from __future__ import annotations

from ..errors import UnknownNameError

from dataclasses import dataclass
from html import escape

import pandas as pd

from ..compare import Comparison
from ..messages import flat, render
from .cards import BADGE
from .fmt import quantity
from .i18n import word

_TABLE = "border-collapse:collapse;font-size:.9em"
_CELL = "border-bottom:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top"


def _badge(status: str, lang: str) -> str:
    return (f"<span style='background:{BADGE[status]};color:#fff;border-radius:4px;padding:0 6px'>"
            f"{escape(word(status, lang))}</span>")


def _sources(c: Comparison) -> str:
    return "<br>".join(escape(f"{s.source} {s.series}"
                              + (f" · {'; '.join(s.vintage)}" if s.vintage else "")
                              + (f" · flags {dict(s.flags)}" if s.flags else "")) for s in c.sources)


def _row(c: Comparison, lang: str) -> str:
    cells = [escape(c.label(lang)), str(c.year), escape(c.stated_text),
             escape(quantity(c.computed, c.unit, c.decimals, lang)), _badge(c.status, lang), _sources(c)]
    return "<tr>" + "".join(f"<td style='{_CELL}'>{cell}</td>" for cell in cells) + "</tr>"


def _table(rows: list[Comparison], lang: str) -> str:
    head = [word(k, lang) for k in ("figure", "year", "printed", "computed", "status", "source")]
    return (f"<table style='{_TABLE}'><thead><tr>" + "".join(f"<th style='{_CELL}'>{escape(h)}</th>" for h in head)
            + "</tr></thead><tbody>" + "".join(_row(c, lang) for c in rows) + "</tbody></table>")


@dataclass
class KeyFigure:
    """One compared figure; shows as a table row with its cause and inputs in a notebook."""

    comparison: Comparison
    lang: str = "en"

    @property
    def value(self) -> float | None:
        return self.comparison.computed

    @property
    def inputs(self) -> pd.DataFrame:
        """The tidy rows the figure was computed from, with flags and provenance."""
        return self.comparison.inputs

    def _repr_html_(self) -> str:
        c = self.comparison
        return (_table([c], self.lang) + f"<p style='font-size:.9em'>{escape(render(c.cause, self.lang))}</p>"
                + self.inputs[["role", "geo", "time", "value", "flag", "unit", "dataset", "vintage"]].to_html(index=False))


@dataclass
class KeyFigures:
    """Every figure of an edition; ``.frame`` is the plain DataFrame for your own work."""

    comparisons: list[Comparison]
    lang: str = "en"

    @property
    def frame(self) -> pd.DataFrame:
        return pd.DataFrame([flat(c, self.lang) for c in self.comparisons])

    def __getitem__(self, fid: str) -> KeyFigure:
        found = {c.id: c for c in self.comparisons}
        if fid not in found:
            raise UnknownNameError("figure", fid, list(found))
        return KeyFigure(found[fid], self.lang)

    def _repr_html_(self) -> str:
        return _table(self.comparisons, self.lang)
