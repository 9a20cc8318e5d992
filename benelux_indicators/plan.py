"""Plans: the figures the Benelux Union printed, as data (``data/plan/jaarplan-YYYY.yaml``).

A *plan* is what was printed; an *edition* (:mod:`.editions`) is a set of figures the tool
computed and kept. Each figure of a plan keeps the text as printed, the value it means, its
printed precision, unit and reference year. On load, the printed text is parsed in the
plan's language (babel) and must give the stated value: a typo in either is caught here,
not on the public page. A draft (``jaarplan-YYYY.draft.yaml``, :mod:`.draft`) may leave a
figure unprinted (no data yet); renamed without ``.draft`` it is the plan compared with.
The current plan is the newest plan file (:func:`current`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

import yaml
from babel.numbers import NumberFormatError, parse_decimal

from . import yamlfile
from .errors import RecipeError
from .paths import PACKAGE_DIR, plan_dir
from .yamlfile import line_of

_NUMBER = re.compile(r"[\d][\d.,\u00a0\u202f ]*")
SCHEMA = yaml.safe_load((PACKAGE_DIR / "plan_schema.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class PrintedFigure:
    id: str
    printed: str  # "" when the plan prints nothing for it (a draft's figure without data)
    value: Decimal | None
    decimals: int
    unit: str
    year: int
    caption: str = ""


@dataclass(frozen=True)
class Edition:
    edition: str
    title: str
    published: str
    language: str
    source: str
    footnote: str
    figures: dict[str, PrintedFigure]
    path: str


def _figure(fid: str, data: dict, language: str, where: str, text: str) -> PrintedFigure:
    if "printed" not in data:
        return PrintedFigure(fid, "", None, int(data["decimals"]), str(data["unit"]), int(data["year"]),
                             str(data.get("caption", "")))
    match = _NUMBER.search(str(data["printed"]))
    try:
        parsed = parse_decimal(match.group(0).strip(), locale=language) if match else None
    except NumberFormatError:
        parsed = None
    value = Decimal(str(data["value"]))
    if parsed != value:
        raise RecipeError(f"{where}:{line_of(text, ['figures', fid, 'printed'])}: field figures/{fid}/printed: "
                          f"{data['printed']!r} reads as {parsed} "
                          f"in {language}, but value says {value}")
    return PrintedFigure(fid, str(data["printed"]), value, int(data["decimals"]), str(data["unit"]),
                         int(data["year"]), str(data.get("caption", "")))


def load(name: str | None = None, directory: Path | None = None) -> Edition:
    """Load ``jaarplan-<name>.yaml`` (the current plan when None); errors name the file,
    line and field."""
    name = name or current(directory)
    path = (directory or plan_dir()) / f"jaarplan-{name}.yaml"
    if not path.exists():
        raise RecipeError(f"{path}: no such plan; known plans: {editions(directory)}")
    data, text = yamlfile.load(path, SCHEMA)
    assert isinstance(data, dict)
    language = data["language"]
    figures = {fid: _figure(fid, spec, language, str(path), text) for fid, spec in data["figures"].items()}
    return Edition(str(data.get("edition", name)), data.get("title", ""), data.get("published", ""), language,
                   data.get("source", ""), data.get("footnote", ""), figures, str(path))


def editions(directory: Path | None = None) -> list[str]:
    """The plans there are, oldest first (drafts are not plans yet)."""
    found = (p.name.removeprefix("jaarplan-").removesuffix(".yaml") for p in (directory or plan_dir()).glob("jaarplan-*.yaml"))
    return sorted(n for n in found if "." not in n)


def current(directory: Path | None = None) -> str:
    """The plan compared with unless one is chosen: the newest plan file."""
    known = editions(directory)
    if not known:
        raise RecipeError(f"no plan in {directory or plan_dir()}: a plan is data/plan/jaarplan-YYYY.yaml")
    return known[-1]


def unprinted(plan: Edition) -> Edition:
    """The plan's figures with nothing printed: for figures of another country set, which
    the plan never printed (each computed one is then ``not_printed``)."""
    return replace(plan, figures={fid: replace(f, printed="", value=None) for fid, f in plan.figures.items()})
