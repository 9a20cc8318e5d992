"""Geo codes and groups, in Eurostat's spelling (EL for Greece, UK for the United Kingdom)."""
from __future__ import annotations

BENELUX: tuple[str, ...] = ("BE", "NL", "LU")
EU_AGGREGATE = "EU27_2020"

# Members of EU27_2020 (the EU since 1 February 2020), for datasets without an EU row.
EU27_2020_MEMBERS: tuple[str, ...] = (
    "AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "EL", "ES", "FI", "FR", "HR", "HU",
    "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK",
)
AGGREGATES: frozenset[str] = frozenset({"EU27_2020", "EU28", "EU27_2007", "EA20", "EA19", "EA"})

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
    """Return Eurostat's spelling of a geo code (GR -> EL, GB -> UK)."""
    code = code.strip()
    return _ISO_TO_EUROSTAT.get(code, code)


def group(name: str) -> tuple[str, ...]:
    """Expand a group name used in recipes (``BENELUX``, ``EU27_2020_MEMBERS``) or a code."""
    groups = {"BENELUX": BENELUX, "EU27_2020_MEMBERS": EU27_2020_MEMBERS}
    return groups.get(name, (harmonise(name),))
