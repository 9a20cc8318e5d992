"""Plan editions: the figures the Benelux Union printed, as data (``data/plan/*.yaml``).

Each figure keeps the text as printed, the value it means, its printed precision, unit and
reference year. On load, the printed text is parsed in the edition's language (babel) and
must give the stated value: a typo in either is caught here, not on the public page.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
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
    printed: str
    value: Decimal
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


def load(edition: str, directory: Path | None = None) -> Edition:
    """Load ``jaarplan-<edition>.yaml``; errors name the file, line and field."""
    path = (directory or plan_dir()) / f"jaarplan-{edition}.yaml"
    if not path.exists():
        known = sorted(p.stem.removeprefix("jaarplan-") for p in path.parent.glob("jaarplan-*.yaml"))
        raise RecipeError(f"{path}: no such plan edition; known editions: {known}")
    data, text = yamlfile.load(path, SCHEMA)
    assert isinstance(data, dict)
    language = data["language"]
    figures = {fid: _figure(fid, spec, language, str(path), text) for fid, spec in data["figures"].items()}
    return Edition(str(data.get("edition", edition)), data.get("title", ""), data.get("published", ""), language,
                   data.get("source", ""), data.get("footnote", ""), figures, str(path))


def editions(directory: Path | None = None) -> list[str]:
    return sorted(p.stem.removeprefix("jaarplan-") for p in (directory or plan_dir()).glob("jaarplan-*.yaml"))
