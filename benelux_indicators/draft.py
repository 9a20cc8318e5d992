"""A draft of the next plan's key-figure page from an edition: ``jaarplan-<edition>.draft.yaml``.

Each figure's printed text is made the way the last plan printed it: its number in the
plan's language and precision, around it the same words and unit ("6,7 miljard euro",
"48.238 €", "70.640 km²"); its year, its caption with ``*`` when its year is not the page's
main one, and a status line for the staff (ready, stale, or no data with the series to
fetch). A figure without data keeps its precision, unit and caption but no printed text, so
the draft loads as a plan; renamed without ``.draft`` it is what the next refresh compares with.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from babel.numbers import format_decimal

from . import atomic, messages, plan
from .compare import Status
from .editions import Figure, Record
from .errors import EditionError
from .paths import plan_dir
from .rounding import rounded
from .sources import estat

_NUMBER = re.compile(r"\d[\d.,\u00a0\u202f ]*\d|\d")
TITLE = {"nl": "Benelux Unie, Jaarplan {name} - Benelux kerncijfers", "fr": "Union Benelux, Plan annuel {name} - "
         "Chiffres clés Benelux", "de": "Benelux-Union, Jahresplan {name} - Benelux-Kennzahlen",
         "en": "Benelux Union, Annual plan {name} - Benelux key figures"}


def printed_text(value: float, template: str, decimals: int, lang: str) -> str:
    """``value`` printed as ``template`` (the last plan's text) prints its number: same
    words and unit around it, the language's separators, half-up rounding.

    >>> printed_text(30432088, "29.664.912", 0, "nl"), printed_text(6.74, "6,7 miljard euro", 1, "nl")
    ('30.432.088', '6,7 miljard euro')
    >>> printed_text(27.5, "28 %", 0, "nl"), printed_text(1.05, "48.238 €", 0, "nl")
    ('28 %', '1 €')
    """
    number = format_decimal(rounded(value, decimals), format="#,##0" + ("." + "0" * decimals if decimals else ""),
                            locale=lang)
    match = _NUMBER.search(template)
    if match is None:
        return number
    return template[:match.start()] + number + template[match.end():]


def caption(text: str, marked: bool) -> str:
    """The caption with the plan's ``*`` after its first words when the year is not the main one."""
    base = text.replace(" *", "")
    if not marked:
        return base
    head, sep, tail = base.partition(" - ")
    return f"{head} *{sep}{tail}"


def status_line(figure: Figure) -> str:
    """What the staff must know of one figure before the draft becomes the plan."""
    c = figure.comparison
    if c.computed is None or c.status == Status.NO_DATA:
        fetch = [f"{s.dataset} ({estat.statistics_url(s.dataset, dict(s.filters), s.geo)}; "
                 f"{estat.browser_url(s.dataset)})" for s in c.sources if s.source == "eurostat"]
        return "no data: fetch " + ("; ".join(fetch) if fetch else "the cited publication's new edition")
    if figure.stale:
        return f"stale: values kept from an earlier fetch of {'; '.join(figure.stale)}"
    return "ready"


def draft(record: Record, previous: plan.Edition) -> tuple[str, list[str]]:
    """The draft's YAML text and one status line per figure."""
    lang, main = previous.language, record.main_year
    footnote = messages.footnote(main, record.other_years, lang)
    head = [f"# Draft of the key-figure page of plan {record.edition}, made from edition {record.edition} "
            f"(keyfigures-{record.edition}.json, compared with plan {record.plan}).",
            "# Check every 'status' comment; rename to jaarplan-" + record.edition + ".yaml to make it the plan.",
            f"edition: {json.dumps(record.edition)}", f"title: {json.dumps(TITLE[lang].format(name=record.edition))}",
            "publisher: \"Benelux Unie / Union Benelux\"", "published: \"\"", f"language: {lang}",
            f"source: {json.dumps(f'draft from edition {record.edition}, made {record.created_at[:10]}')}",
            f"footnote: {json.dumps(footnote)}", "figures:"]
    lines, statuses = [], []
    width = max(len(f.id) for f in record.figures) + 1
    for f in record.figures:
        c, last = f.comparison, previous.figures.get(f.id)
        if last is None:
            raise EditionError(f"figure {f.id!r} of edition {record.edition} is not in plan {previous.edition}: "
                               "add it to the plan by hand (its precision, unit and caption)")
        computed = c.computed is not None and c.status != Status.NO_DATA
        year = c.year if computed else (main or c.year)  # no data yet: the page's year is the one to fill
        fields = {"decimals": last.decimals, "unit": last.unit, "year": year, "caption": caption(last.caption, year != main)}
        if computed:
            text = printed_text(c.computed, last.printed or str(last.value), last.decimals, lang)
            fields = {"printed": text, "value": float(rounded(c.computed, last.decimals)), **fields}
        if "value" in fields and last.decimals == 0:
            fields["value"] = int(fields["value"])
        status = status_line(f)
        body = ", ".join(f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in fields.items())
        lines.append(f"  {f.id + ':':<{width}} {{{body}}}  # status: {status}")
        statuses.append(f"{f.id}: {status}")
    return "\n".join(head + lines) + "\n", statuses


def path_for(name: str) -> Path:
    return plan_dir() / f"jaarplan-{name}.draft.yaml"


def write(record: Record) -> tuple[Path, list[str]]:
    """Write the draft beside the plans; a plan of that name is never overwritten."""
    if (plan_dir() / f"jaarplan-{record.edition}.yaml").exists():
        raise EditionError(f"plan {record.edition} exists ({plan_dir()}); a draft never replaces a plan")
    previous = plan.load(record.plan if record.plan in plan.editions() else None)
    text, statuses = draft(record, previous)
    path = path_for(record.edition)
    atomic.write_text(path, text)
    plan.load(path.name.removeprefix("jaarplan-").removesuffix(".yaml"))  # the draft must read as a plan
    return path, statuses
