"""The sentences the engine writes about a figure (its cause), in nl/fr/de/en, with numbers
in each language's style (babel). Causes known in advance are data, per language, in the
recipes; these are the generated ones. Details the sentences quote (series codes, flags,
Eurostat's vintage labels) stay as the sources write them."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_decimal

SENTENCES: dict[str, dict[str, str]] = {
    "rounds": {"en": "Rounds to the printed {printed}{fallback}.",
               "nl": "Rondt af op het gedrukte {printed}{fallback}.",
               "fr": "Arrondi, il donne le chiffre imprimé {printed}{fallback}.",
               "de": "Gerundet ergibt sich der gedruckte Wert {printed}{fallback}."},
    "fallback": {"en": " (from a fallback series)", "nl": " (uit een vervangende reeks)",
                 "fr": " (d'une série de repli)", "de": " (aus einer Ersatzreihe)"},
    "not_printed": {"en": "The plan printed no figure for {year}.", "nl": "Het plan drukte geen cijfer voor {year}.",
                    "fr": "Le plan n'a pas imprimé de chiffre pour {year}.",
                    "de": "Der Plan hat für {year} keine Zahl gedruckt."},
    "no_data": {"en": "No data for {year}: {parts}.", "nl": "Geen gegevens voor {year}: {parts}.",
                "fr": "Pas de données pour {year} : {parts}.", "de": "Keine Daten für {year}: {parts}."},
    "cannot": {"en": "Cannot be computed for {year}: {parts}.", "nl": "Niet te berekenen voor {year}: {parts}.",
               "fr": "Incalculable pour {year} : {parts}.", "de": "Für {year} nicht berechenbar: {parts}."},
    "part": {"en": "{series}: {what} for {geos}", "nl": "{series}: {what} voor {geos}",
             "fr": "{series} : {what} pour {geos}", "de": "{series}: {what} für {geos}"},
    "fetch": {"en": " `benelux-indicators snapshot --source live` would fetch: {series}.",
              "nl": " `benelux-indicators snapshot --source live` zou ophalen: {series}.",
              "fr": " `benelux-indicators snapshot --source live` irait chercher : {series}.",
              "de": " `benelux-indicators snapshot --source live` würde abrufen: {series}."},
    "earlier": {"en": "The earlier release ({vintage}) gives {old}, which rounds to the printed {printed}; "
                      "the current release gives {new} ({diff}).",
                "nl": "De eerdere publicatie ({vintage}) geeft {old}, afgerond het gedrukte {printed}; "
                      "de huidige publicatie geeft {new} ({diff}).",
                "fr": "La publication antérieure ({vintage}) donne {old}, soit après arrondi le chiffre imprimé "
                      "{printed} ; la publication actuelle donne {new} ({diff}).",
                "de": "Die frühere Veröffentlichung ({vintage}) ergibt {old}, gerundet der gedruckte Wert {printed}; "
                      "die aktuelle Veröffentlichung ergibt {new} ({diff})."},
    "unknown": {"en": "The recipe does not reproduce the printed figure; the plan's source is unknown.",
                "nl": "Het recept geeft het gedrukte cijfer niet; de bron van het plan is onbekend.",
                "fr": "La recette ne reproduit pas le chiffre imprimé ; la source du plan est inconnue.",
                "de": "Das Rezept ergibt die gedruckte Zahl nicht; die Quelle des Plans ist unbekannt."},
    "implied_eu": {"en": " The printed {printed} needs an EU total between {low} and {high}; the source's {eu} total is {total}.",
                   "nl": " Het gedrukte {printed} vraagt een EU-totaal tussen {low} en {high}; het {eu}-totaal van de bron is {total}.",
                   "fr": " Le chiffre imprimé {printed} suppose un total de l'UE entre {low} et {high} ; le total {eu} de la source est {total}.",
                   "de": " Der gedruckte Wert {printed} erfordert eine EU-Summe zwischen {low} und {high}; die {eu}-Summe der Quelle ist {total}."},
    "absent": {"en": " {geos}: {why}, so no value exists; left out, not missing.",
               "nl": " {geos}: {why}, dus er bestaat geen waarde; weggelaten, niet ontbrekend.",
               "fr": " {geos} : {why}, aucune valeur n'existe donc ; omis, non manquant.",
               "de": " {geos}: {why}, daher gibt es keinen Wert; weggelassen, nicht fehlend."},
    "not_in_snapshot": {"en": "Not in the snapshot: {series}.", "nl": "Niet in de momentopname: {series}.",
                        "fr": "Absent de l'instantané : {series}.", "de": "Nicht im Datenstand: {series}."},
}
# The reasons a value cannot be used (operations.Problem.what) that have words of their own.
WHAT: dict[str, dict[str, str]] = {
    "not in the data": {"en": "not in the data", "nl": "niet in de gegevens", "fr": "absent des données",
                        "de": "nicht in den Daten"},
    "confidential": {"en": "confidential", "nl": "vertrouwelijk", "fr": "confidentiel", "de": "vertraulich"},
    "missing": {"en": "missing", "nl": "ontbreekt", "fr": "manquant", "de": "fehlt"},
    "not applicable": {"en": "not applicable", "nl": "niet van toepassing", "fr": "sans objet", "de": "entfällt"},
}


# Why a recipe declares a country structurally without value (recipes' ``absent``).
ABSENT: dict[str, dict[str, str]] = {
    "no_sea_port": {"en": "no sea port", "nl": "geen zeehaven", "fr": "pas de port maritime", "de": "kein Seehafen"},
}


def say(key: str, lang: str, **values: object) -> str:
    return SENTENCES[key].get(lang, SENTENCES[key]["en"]).format(**values)


def what(reason: str, lang: str) -> str:
    """A problem's reason in words; detailed ones (conflicting values...) stay in English."""
    return WHAT.get(reason, {}).get(lang, reason)


def rounded(value: float, decimals: int) -> Decimal:
    """Half up, as the plan rounds (babel and Python round half to even)."""
    return Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def num(value: float, decimals: int, lang: str, sign: bool = False) -> str:
    """A number in the language's style, rounded half up; ``sign`` writes '+' too."""
    fmt = f"+{pattern(decimals)};-{pattern(decimals)}" if sign else pattern(decimals)
    return format_decimal(rounded(value, decimals), format=fmt, locale=lang)


def known(cause: dict[str, str], lang: str) -> str:
    """A recipe's known cause in ``lang`` (the schema requires all four languages)."""
    return cause[lang]
