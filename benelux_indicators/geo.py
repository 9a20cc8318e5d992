"""Geo codes and groups, in Eurostat's spelling (EL for Greece, UK for the United Kingdom)."""
from __future__ import annotations

import re
from collections.abc import Sequence

BENELUX: tuple[str, ...] = ("BE", "NL", "LU")
EU_AGGREGATE = "EU27_2020"

# Members of EU27_2020 (the EU since 1 February 2020), for datasets without an EU row.
EU27_2020_MEMBERS: tuple[str, ...] = (
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
)
AGGREGATES: frozenset[str] = frozenset({"EU27_2020", "EU28", "EU27_2007", "EA20", "EA19", "EA"})
EFTA: tuple[str, ...] = ("CH", "IS", "LI", "NO")
# The countries a figure may be computed for: EU members, EFTA, and the UK (Eurostat's spelling).
COUNTRIES: frozenset[str] = frozenset({*EU27_2020_MEMBERS, *EFTA, "UK"})

# ISO 3166 codes that Eurostat spells differently.
_ISO_TO_EUROSTAT = {"GR": "EL", "GB": "UK"}


# The usual short name of the EU aggregate, which CLDR does not have.
EU_NAMES = {"nl": "EU-27", "fr": "UE-27", "de": "EU-27", "en": "EU-27"}


def name(code: str, lang: str) -> str:
    """A country's name in ``lang`` from CLDR (babel); EU aggregates by their short name."""
    from babel import Locale

    if code.startswith("EU27"):
        return EU_NAMES[lang] + ("+EFTA" if "EFTA" in code else "")
    return Locale.parse(lang).territories.get(code, code)


def harmonise(code: str) -> str:
    """Return Eurostat's spelling of a geo code (be -> BE, GR -> EL, GB -> UK)."""
    code = code.strip().upper()
    return _ISO_TO_EUROSTAT.get(code, code)


def group(name: str) -> tuple[str, ...]:
    """Expand a group name used in recipes (``BENELUX``, ``EU27_2020_MEMBERS``), an
    aggregate named by its members (``BE+NL``) or a code."""
    groups = {"BENELUX": BENELUX, "EU27_2020_MEMBERS": EU27_2020_MEMBERS}
    if name in groups:
        return groups[name]
    members = tuple(harmonise(code) for code in name.split("+"))
    return members if len(members) > 1 and set(members) <= COUNTRIES else (harmonise(name),)  # EU27_2020+EFTA is one


def countries(codes: str | Sequence[str]) -> tuple[str, ...]:
    """A country set as asked (``["be", "NL"]``, ``"BE+NL"``, ``"BE,NL"``, ``"benelux"``):
    upper-cased, in Eurostat's spelling, each known, no repeats; an unknown code is refused
    by name with the close matches.

    >>> countries("be, nl"), countries(["GR", "de"]), countries("benelux")
    (('BE', 'NL'), ('EL', 'DE'), ('BE', 'NL', 'LU'))
    """
    from .errors import UnknownNameError

    parts = re.split(r"[+,\s]+", codes.strip()) if isinstance(codes, str) else list(codes)
    out: list[str] = []
    for raw in parts:
        code = harmonise(str(raw).strip().upper())
        if not code:
            continue
        if code == "BENELUX":
            out.extend(BENELUX)
        elif code in COUNTRIES:
            out.append(code)
        else:
            raise UnknownNameError("country code", str(raw).strip(), sorted(COUNTRIES), "Eurostat's geo codes")
    if not out:
        raise UnknownNameError("country set", str(codes), sorted(COUNTRIES))
    return tuple(dict.fromkeys(out))
