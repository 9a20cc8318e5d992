"""Words at the edge: the catalogue of sentences about a figure (its cause and notes) in
nl/fr/de/en, and :func:`render`, which turns a comparison's structured parts into text in
the reader's language, numbers in that language's style (babel). The comparison itself
holds no words (see :class:`.compare.Part`); a recipe's known cause is data, in every
language. Details the sentences quote (series codes, flags, Eurostat's vintage labels)
stay as the sources write them."""
from __future__ import annotations

from babel.lists import format_list
from decimal import Decimal

from babel import Locale
from babel.numbers import format_decimal, format_percent

from .geo import name as geo_name
from .rounding import rounded

SENTENCES: dict[str, dict[str, str]] = {
    "rounds": {"en": "Rounds to the printed {printed}.",
               "nl": "Rondt af op het gedrukte {printed}.",
               "fr": "Arrondi, il donne le chiffre imprimé {printed}.",
               "de": "Gerundet ergibt sich der gedruckte Wert {printed}."},
    "fallback": {"en": "(From a fallback series.)", "nl": "(Uit een vervangende reeks.)",
                 "fr": "(D'une série de repli.)", "de": "(Aus einer Ersatzreihe.)"},
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
    "mixed": {"en": " Different releases, accepted by the recipe: {detail}. {reason}",
              "nl": " Verschillende publicaties, aanvaard door het recept: {detail}. {reason}",
              "fr": " Publications différentes, acceptées par la recette : {detail}. {reason}",
              "de": " Verschiedene Veröffentlichungen, vom Rezept akzeptiert: {detail}. {reason}"},
    "since_plan": {"en": "Plan {plan} printed {printed} for {printed_year}; {change} since.",
                   "nl": "Plan {plan} drukte {printed} voor {printed_year}; {change} sindsdien.",
                   "fr": "Le plan {plan} imprimait {printed} pour {printed_year}\u00a0; {change} depuis.",
                   "de": "Plan {plan} druckte {printed} für {printed_year}; {change} seither."},
    "held_back": {"en": "Not {year}: {parts}.", "nl": "Niet {year}: {parts}.", "fr": "Pas {year}\u00a0: {parts}.",
                  "de": "Nicht {year}: {parts}."},
    "not_in_snapshot": {"en": "Not in the snapshot: {series}.", "nl": "Niet in de momentopname: {series}.",
                        "fr": "Absent de l'instantané : {series}.", "de": "Nicht im Datenstand: {series}."},
}
# The plan's footnote on its years: "Cijfers van 2021 (* cijfers van 2020)".
FOOTNOTE: dict[str, dict[str, str]] = {
    "main": {"nl": "Cijfers van {year}", "fr": "Chiffres de {year}", "de": "Zahlen von {year}", "en": "Figures for {year}"},
    "others": {"nl": " (* cijfers van {years})", "fr": " (* chiffres de {years})", "de": " (* Zahlen von {years})",
               "en": " (* figures for {years})"},
}


def footnote(main: int | None, others: list[int], lang: str) -> str:
    """The plan's line on its years, in ``lang``."""
    if main is None:
        return ""
    tail = FOOTNOTE["others"][lang].format(years=", ".join(map(str, others))) if others else ""
    return FOOTNOTE["main"][lang].format(year=main) + tail


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



def _problems(problems: list[dict], lang: str) -> str:
    return "; ".join(say("part", lang, series=p["series"] or "inputs", what=what(p["what"], lang),
                         geos=", ".join(p["geos"])) for p in problems)


def render_part(part, lang: str) -> str:
    """One part of a cause or note in ``lang``."""
    v = part.values
    if part.key == "known":
        return v["text"].get(lang, v["text"]["en"])
    if part.key == "method":
        return v["text"]
    if part.key == "verbatim":  # a cause saved as text by an edition of schema 1
        return v["text"]
    if part.key in ("no_data", "cannot"):
        text = say(part.key, lang, year=v["year"], parts=_problems(v["problems"], lang))
        return text + (say("fetch", lang, series="; ".join(v["fetch"])) if v.get("fetch") else "")
    if part.key == "earlier":
        digits = v["digits"]
        return say("earlier", lang, vintage=v["vintage"], old=num(v["old"], digits, lang), printed=v["printed"],
                   new=num(v["new"], digits, lang), diff=num(v["new"] - v["old"], digits, lang, sign=True))
    if part.key == "implied_eu":
        return say("implied_eu", lang, printed=v["printed"], low=num(v["low"], 0, lang), high=num(v["high"], 0, lang),
                   eu=v["eu"], total=num(v["total"], 0, lang))
    if part.key == "since_plan":
        return say("since_plan", lang, plan=v["plan"], printed=v["printed"], printed_year=v["printed_year"],
                   change=_change(v, lang))
    if part.key == "held_back":
        return say("held_back", lang, year=v["year"], parts=_problems(v["problems"], lang))
    if part.key == "absent":
        return say("absent", lang, geos=", ".join(v["geos"]), why=ABSENT[v["why"]].get(lang, ABSENT[v["why"]]["en"]))
    return say(part.key, lang, **v)


# The public register: what a citizen reads on the pages. No dataset codes, filters,
# commands or release hashes; those stay in the operator register above (CLI, notebooks,
# explain, downloads).
PUBLIC: dict[str, dict[str, str]] = {
    "no_data": {"en": "Not available in this edition: {why}.", "nl": "Niet beschikbaar in deze editie: {why}.",
                "fr": "Pas disponible dans cette édition : {why}.", "de": "In dieser Ausgabe nicht verfügbar: {why}."},
    "cannot": {"en": "Cannot be calculated: {why}.", "nl": "Niet te berekenen: {why}.",
               "fr": "Ne peut pas être calculé : {why}.", "de": "Nicht berechenbar: {why}."},
    "missing_for": {"en": "the statistics for {geos} are not in the data of this edition",
                    "nl": "de statistieken voor {geos} zitten niet in de gegevens van deze editie",
                    "fr": "les statistiques pour {geos} ne figurent pas dans les données de cette édition",
                    "de": "die Statistiken für {geos} sind nicht in den Daten dieser Ausgabe"},
    "confidential_for": {"en": "the figure for {geos} is confidential", "nl": "het cijfer voor {geos} is vertrouwelijk",
                         "fr": "le chiffre pour {geos} est confidentiel", "de": "die Zahl für {geos} ist vertraulich"},
    "not_usable": {"en": "the statistics for {geos} cannot be used as published",
                   "nl": "de statistieken voor {geos} zijn niet bruikbaar zoals gepubliceerd",
                   "fr": "les statistiques pour {geos} ne sont pas utilisables telles que publiées",
                   "de": "die Statistiken für {geos} sind in der veröffentlichten Form nicht verwendbar"},
    "earlier": {"en": "The source has revised this figure since the plan was printed: the earlier release gives {old}, "
                      "the current one {new}.",
                "nl": "De bron heeft dit cijfer herzien sinds het plan werd gedrukt: de eerdere publicatie geeft {old}, "
                      "de huidige {new}.",
                "fr": "La source a révisé ce chiffre depuis l'impression du plan : la publication antérieure donne {old}, "
                      "l'actuelle {new}.",
                "de": "Die Quelle hat diese Zahl seit dem Druck des Plans revidiert: die frühere Veröffentlichung ergibt "
                      "{old}, die aktuelle {new}."},
}
PUBLIC |= {
    "since_plan": {"en": "The annual plan {plan} printed {printed} for {printed_year}; {change} since then.",
                   "nl": "Het jaarplan {plan} vermeldde {printed} voor {printed_year}; sindsdien {change}.",
                   "fr": "Le plan annuel {plan} indiquait {printed} pour {printed_year}\u00a0; {change} depuis.",
                   "de": "Der Jahresplan {plan} nannte {printed} für {printed_year}; seither {change}."},
    "held_back": {"en": "{year} is not complete yet: {why}.", "nl": "{year} is nog niet volledig: {why}.",
                  "fr": "{year} n'est pas encore complet\u00a0: {why}.", "de": "{year} ist noch nicht vollständig: {why}."},
}
_PUBLIC_SKIPPED = frozenset({"implied_eu", "method", "mixed", "verbatim"})  # operator detail only


def _geo_names(geos: list[str], lang: str) -> str:
    named = [geo_name(g, lang) for g in geos if not g.startswith("EU27_2020_")] or [geo_name("EU27_2020", lang)]
    return format_list(list(dict.fromkeys(named)), locale=lang)


def _reason(problem: dict, lang: str) -> str:
    """Why one input cannot be used, in the public's words."""
    what = problem["what"]
    kind = ("confidential_for" if what == "confidential" else
            "missing_for" if what in ("not in the data", "missing") or "lacking" in what else "not_usable")
    return PUBLIC[kind][lang].format(geos=_geo_names(problem["geos"] or ["EU27_2020"], lang))


POINTS = {"nl": "procentpunt", "fr": "point de pourcentage", "de": "Prozentpunkte", "en": "percentage points"}


def _change(v: dict, lang: str) -> str:
    """The change since the last plan: relative for a count ('+2,6 %'), in percentage points
    for a share or rate ('+0,2 procentpunt'), in the language's style."""
    signed = "+#,##0.0;-#,##0.0"
    if v.get("unit") in PERCENT_UNITS and v.get("now") is not None:
        return format_decimal(rounded(v["now"] - v["stated"], 1), format=signed, locale=lang) + "\u00a0" + POINTS[lang]
    if v["change"] is None:
        return "–"
    return format_decimal(rounded(v["change"], 1), format=signed, locale=lang) + "\u00a0%"


def _public_part(part, lang: str) -> str:
    v = part.values
    if part.key in ("no_data", "cannot"):
        reasons = [_reason(p, lang) for p in v["problems"]]
        return PUBLIC[part.key][lang].format(why="; ".join(dict.fromkeys(reasons)) or PUBLIC["missing_for"][lang]
                                             .format(geos=_geo_names(["BE", "NL", "LU"], lang)))
    if part.key == "since_plan":
        printed = quantity(v["stated"], v["unit"], v["decimals"], lang)
        return PUBLIC["since_plan"][lang].format(plan=v["plan"], printed=printed, printed_year=v["printed_year"],
                                                 change=_change(v, lang))
    if part.key == "held_back":
        return PUBLIC["held_back"][lang].format(year=v["year"], why="; ".join(dict.fromkeys(
            _reason(p, lang) for p in v["problems"])))
    if part.key == "earlier":
        return PUBLIC["earlier"][lang].format(old=num(v["old"], v["digits"] - 1, lang), new=num(v["new"], v["digits"] - 1, lang))
    if part.key in _PUBLIC_SKIPPED:
        return ""
    return render_part(part, lang)


def render(parts, lang: str, public: bool = False) -> str:
    """A cause or the notes of a comparison as one text in ``lang``; ``public`` gives the
    citizen's register (plain words, no codes or commands)."""
    one = _public_part if public else render_part
    return " ".join(t for t in (one(p, lang).strip() for p in parts) if t)


def flat(c, lang: str) -> dict:
    """A comparison as one flat row in ``lang`` (label, cause and notes as text): the CLI's
    CSV and JSON, the library's DataFrame."""
    row = c.as_dict()
    del row["labels"]
    return {**row, "label": c.label(lang), "cause": render(c.cause, lang), "notes": render(c.notes, lang),
            "definition": c.definition.get(lang, "")}


def say(key: str, lang: str, **values: object) -> str:
    return SENTENCES[key].get(lang, SENTENCES[key]["en"]).format(**values)


def what(reason: str, lang: str) -> str:
    """A problem's reason in words; detailed ones (conflicting values...) stay in English."""
    return WHAT.get(reason, {}).get(lang, reason)


def pattern(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals else "")


def num(value: float, decimals: int, lang: str, sign: bool = False) -> str:
    """A number in the language's style, rounded half up; ``sign`` writes '+' too."""
    fmt = f"+{pattern(decimals)};-{pattern(decimals)}" if sign else pattern(decimals)
    return format_decimal(rounded(value, decimals), format=fmt, locale=lang)


# Figures in their units, in each language's style (nl 29.664.912 / 6,6 %; fr 29 664 912 / 6,6 %;
# en 29,664,912 / 6.6%). Dutch CLDR writes "6,6%", but the Benelux page prints "6,6 %".
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
