"""Words of the interface in nl/fr/de/en (figure labels live in the recipes)."""
from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "figure": {"nl": "Kerncijfer", "fr": "Chiffre clé", "de": "Kennzahl", "en": "Key figure"},
    "year": {"nl": "Jaar", "fr": "Année", "de": "Jahr", "en": "Year"},
    "printed": {"nl": "Jaarplan", "fr": "Plan annuel", "de": "Jahresplan", "en": "Plan"},
    "computed": {"nl": "Berekend", "fr": "Calculé", "de": "Berechnet", "en": "Computed"},
    "status": {"nl": "Status", "fr": "Statut", "de": "Status", "en": "Status"},
    "match": {"nl": "klopt", "fr": "concorde", "de": "stimmt", "en": "match"},
    "revised": {"nl": "herzien", "fr": "révisé", "de": "revidiert", "en": "revised"},
    "differs": {"nl": "wijkt af", "fr": "diffère", "de": "weicht ab", "en": "differs"},
    "no_data": {"nl": "geen gegevens", "fr": "pas de données", "de": "keine Daten", "en": "no data"},
}


def word(key: str, lang: str) -> str:
    return WORDS[key].get(lang, WORDS[key]["en"])
