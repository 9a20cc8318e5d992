"""'How this number is made', for the public: the formula in words, every country's input
with its source, year and flags in words, and the sources as links. The operator's
version (dataset codes, filters, vintages, commands) is :mod:`.explain`, for the CLI and
the notebooks; no code, filter or checksum reaches a public page."""
from __future__ import annotations

from html import escape

from ..compare import Comparison, SourceEntry
from ..geo import BENELUX
from ..messages import num
from .i18n import flag_words, geo_name, unit_name, word
from .provenance import DATASETS, sources_html


def _title(source: SourceEntry, lang: str) -> str:
    """A series by its dataset's title (Eurostat) or its cited publication."""
    return DATASETS.get(source.dataset, {}).get(lang) or (source.cited[0][0] if source.cited else source.dataset)


def formula(c: Comparison, lang: str) -> str:
    """The operation in words: 'Belgium + Netherlands + Luxembourg', '… / EU-27 × 100',
    'sum of GDP … / sum of Population …'."""
    by_role = {s.role: s for s in c.sources}
    countries = " + ".join(geo_name(g, lang) for g in BENELUX)
    if c.operation == "sum":
        return countries
    if c.operation == "share_of_eu":
        return f"({countries}) / {geo_name('EU27_2020', lang)} × 100"
    if c.operation in ("ratio_of_sums", "per_head"):
        return (f"{word('sum_of', lang)} {_title(by_role['numerator'], lang)} / "
                f"{word('sum_of', lang)} {_title(by_role['denominator'], lang)}")
    return (f"{word('weighted_mean_of', lang)} {_title(by_role['value'], lang)}, "
            f"{word('weighted_by', lang)} {_title(by_role['weight'], lang)}")


def _inputs(c: Comparison, lang: str) -> str:
    if c.inputs.empty:
        return ""
    titles = {s.dataset: _title(s, lang) for s in c.sources}
    rows = "".join(
        f"<tr><th scope='row'>{escape(geo_name(r.geo, lang))}</th><td>{escape(titles.get(r.dataset, r.dataset))}</td>"
        f"<td>{escape(str(r.time))}</td><td>{escape(num(r.value, 0 if abs(r.value) >= 1000 else 2, lang))} "
        f"{escape(unit_name(str(r.unit), lang))}</td><td>{escape(flag_words(r.flag or '', lang))}</td></tr>"
        for r in c.inputs.itertuples())
    head = "".join(f"<th scope='col'>{escape(word(k, lang))}</th>"
                   for k in ("country", "source", "year", "value", "flag_word"))
    return f"<table class='bnl-inputs'><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def block(c: Comparison, lang: str) -> str:
    """The card's 'how this number is made' panel (a <details>: no script, works anywhere):
    what the figure is, the formula, the inputs and the sources."""
    definition = c.definition.get(lang, "")
    return (f"<details><summary>{escape(word('explain', lang))}</summary>"
            + (f"<p>{escape(definition)}</p>" if definition else "")
            + f"<p>{escape(word('formula', lang).capitalize())}: {escape(formula(c, lang))}</p>{_inputs(c, lang)}"
            f"<p>{sources_html(list(c.sources), lang)}</p></details>")
