"""'Explain this number': formula, every country input with its provenance, printed vs
computed, and the cause of any difference. The CLI and the dashboards share this text."""
from __future__ import annotations

from ..compare import Comparison
from ..flags import MEANINGS
from ..messages import num, render
from .fmt import PERCENT_UNITS, quantity
from .i18n import word

FORMULAS = {
    "sum": "BE + NL + LU",
    "share_of_eu": "(BE + NL + LU) / EU × 100",
    "ratio_of_sums": "Σ numerator / Σ denominator (BE, NL, LU)",
    "per_head": "Σ numerator / Σ population (BE, NL, LU)",
    "weighted_mean": "Σ (value × weight) / Σ weight (BE, NL, LU)",
}


def lines(c: Comparison, lang: str = "en") -> list[str]:
    out = [f"{c.label(lang)} ({c.id}), {c.year}",
           f"  {word('formula', lang)}: {FORMULAS[c.operation]}",
           f"  {word('printed', lang)}: {c.stated_text}    {word('computed', lang)}: "
           f"{quantity(c.computed, c.unit, c.decimals + (2 if c.unit in PERCENT_UNITS else 0), lang)}"
           f"    {word('status', lang)}: {word(c.status, lang)}"
           + (f"  [{word('flags', lang)}: {c.flags} = {', '.join(MEANINGS.get(f, '?') for f in c.flags)}]" if c.flags else ""),
           f"  {word('cause', lang)}: {render(c.cause, lang)}"]
    if c.notes:
        out.append(f"  {word('method', lang)}: {render(c.notes, lang)}")
    out.append(f"  {word('inputs', lang)}:")
    for row in c.inputs.itertuples() if not c.inputs.empty else []:
        origin = row.citation if isinstance(row.citation, str) else row.origin
        flag = f" [{row.flag}]" if row.flag else ""
        out.append(f"    {row.role:<11} {row.geo:<18} {row.time}  {num(row.value, 3, lang):>16} {row.unit}{flag}"
                   f"  {row.dataset}  vintage {row.vintage}  ({origin})")
    for src in c.sources:
        out.append(f"  {word('source', lang).lower()}: {src.role}: {src.source} {src.series} geo {','.join(src.geo)}")
    return out
