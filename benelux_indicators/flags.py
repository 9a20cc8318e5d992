"""Eurostat observation flags: meanings, and how flags carry into derived figures.

Eurostat glues flags to values (``1234 p``, ``56.7 bep``, ``: c``). The whole flag string
is kept per observation; a derived figure carries the union of its inputs' flags, so a
Benelux sum of a provisional value is provisional.

Two schemes exist. Until 26 January 2025 confidentiality was the letter ``c`` and "not
applicable" ``z``; since 27 January 2025 the observation status has ``i`` (imputed, was
``s``) and ``m`` (missing / not applicable, was ``z``), and confidentiality is its own
attribute, CONF_STATUS (``C`` confidential, ``N`` not for publication, ``P``/``D``
secondary confidentiality), kept in the tidy table's ``conf_status`` column.
"""
from __future__ import annotations

import math
import re

MEANINGS: dict[str, str] = {
    "b": "break in time series",
    "c": "confidential",
    "d": "definition differs",
    "e": "estimated",
    "f": "forecast",
    "i": "imputed",
    "m": "missing or not applicable",
    "n": "not significant",
    "p": "provisional",
    "r": "revised",
    "s": "Eurostat estimate",
    "u": "low reliability",
    "z": "not applicable",
}


def combine(flags: list[str]) -> str:
    """Union of the letters of several flags, in alphabetical order (Eurostat's order)."""
    return "".join(sorted({letter for flag in flags for letter in flag if letter.isalpha()}))


CONFIDENTIAL = frozenset("CNPD")  # CONF_STATUS codes that withhold a value (F is free)
# What a flag may be, in either scheme: observation letters (in any order Eurostat glues
# them), then optionally ``@`` and one CONF_STATUS code. Anything else (HTML, a number's
# tail like ``_554_767`` or ``e309``) is not a flag but a damaged cell.
FLAG = re.compile(r"[" + "".join(MEANINGS) + r"]*(?:@[" + "".join(sorted(CONFIDENTIAL | {"F"})) + r"])?", re.ASCII)


def valid(flags: str) -> bool:
    """Whether ``flags`` (e.g. ``bep``, ``p@C``, ``@C``) is in Eurostat's alphabet."""
    return FLAG.fullmatch(flags.strip()) is not None


def observation_status(value: float | None, flag: str, conf_status: str = "") -> str:
    """``value``, ``confidential``, ``not_applicable`` or ``missing``: kept distinct on purpose.
    A cell whose CONF_STATUS withholds it is confidential even if a number came with it."""
    if conf_status.strip() in CONFIDENTIAL:
        return "confidential"
    if value is not None and not (isinstance(value, float) and math.isnan(value)):
        return "value"
    if "c" in flag:
        return "confidential"
    if "z" in flag or "m" in flag:
        return "not_applicable"
    return "missing"
