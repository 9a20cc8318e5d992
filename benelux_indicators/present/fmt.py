"""Numbers in each language's own style, through babel (CLDR), never by hand.

nl 29.664.912 / 6,6 %; fr 29 664 912 / 6,6 %; de 29.664.912 / 6,6 %; en 29,664,912 / 6.6%.
One deliberate departure from CLDR: Dutch CLDR writes "6,6%", but the Benelux page (and
Dutch government style) prints "6,6 %", so nl uses a no-break space before the sign.
Rounding is half up, as the plan rounds, not babel's default half-even.
"""
from __future__ import annotations

from decimal import Decimal

from babel import Locale
from babel.numbers import format_percent

from ..messages import num, pattern
from ..rounding import rounded

LANGUAGES = ("nl", "fr", "de", "en")
_PERCENT_OVERRIDE = {"nl": "#,##0\u00a0%"}
_UNIT_WORDS = {
    "persons": {"nl": "", "fr": "", "de": "", "en": ""},
    "EUR": {"nl": " €", "fr": " €", "de": " €", "en": " EUR"},
    "km2": {"nl": " km²", "fr": " km²", "de": " km²", "en": " km²"},
    "billion EUR": {"nl": " miljard euro", "fr": " milliards d'euros", "de": " Mrd. Euro", "en": " billion EUR"},
}
PERCENT_UNITS = {"percent", "percent_of_gdp"}


def percent(value: float, decimals: int, lang: str) -> str:
    base = _PERCENT_OVERRIDE.get(lang) or Locale.parse(lang).percent_formats[None].pattern
    return format_percent(rounded(value, decimals) / Decimal(100), format=base.replace("#,##0", pattern(decimals)),
                          locale=lang)


def quantity(value: float | None, unit: str, decimals: int, lang: str) -> str:
    """A figure in its unit, e.g. '6,6 %', '48.238 €', '70.640 km²'; '–' when there is none."""
    if value is None:
        return "–"
    if unit in PERCENT_UNITS:
        return percent(value, decimals, lang)
    return num(value, decimals, lang) + _UNIT_WORDS.get(unit, {}).get(lang, f" {unit}")
