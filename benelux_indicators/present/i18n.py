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
    "general": {"nl": "Algemeen", "fr": "Général", "de": "Allgemein", "en": "General"},
    "labour_mobility": {"nl": "Arbeidsmobiliteit", "fr": "Mobilité de la main-d'œuvre", "de": "Arbeitsmobilität", "en": "Labour mobility"},
    "social_security": {"nl": "Sociale zekerheid", "fr": "Sécurité sociale", "de": "Soziale Sicherheit", "en": "Social security"},
    "freight": {"nl": "Goederenvervoer", "fr": "Transport de marchandises", "de": "Güterverkehr", "en": "Freight transport"},
    "energy": {"nl": "Energie", "fr": "Énergie", "de": "Energie", "en": "Energy"},
    "fraud_prevention": {"nl": "Fraudepreventie", "fr": "Prévention de la fraude", "de": "Betrugsbekämpfung", "en": "Fraud prevention"},
    "knowledge_economy": {"nl": "Kenniseconomie", "fr": "Économie de la connaissance", "de": "Wissenswirtschaft", "en": "Knowledge economy"},
    "greenhouse_gases": {"nl": "Broeikasgassen", "fr": "Gaz à effet de serre", "de": "Treibhausgase", "en": "Greenhouse gases"},
    "explain": {"nl": "Uitleg bij dit cijfer", "fr": "Expliquer ce chiffre", "de": "Diese Zahl erklären", "en": "Explain this number"},
    "title": {"nl": "Benelux - kerncijfers", "fr": "Benelux - chiffres clés", "de": "Benelux - Kennzahlen", "en": "Benelux - key figures"},
}


def word(key: str, lang: str) -> str:
    return WORDS[key].get(lang, WORDS[key]["en"])
