"""Words of the interface in nl/fr/de/en (figure labels live in the recipes; country names
come from CLDR through babel)."""
from __future__ import annotations

from ..geo import name

WORDS: dict[str, dict[str, str]] = {
    "figure": {"nl": "Kerncijfer", "fr": "Chiffre clé", "de": "Kennzahl", "en": "Key figure"},
    "year": {"nl": "Jaar", "fr": "Année", "de": "Jahr", "en": "Year"},
    "printed": {"nl": "Jaarplan", "fr": "Plan annuel", "de": "Jahresplan", "en": "Plan"},
    "computed": {"nl": "Berekend", "fr": "Calculé", "de": "Berechnet", "en": "Computed"},
    "status": {"nl": "Status", "fr": "Statut", "de": "Status", "en": "Status"},
    "match": {"nl": "klopt", "fr": "concorde", "de": "stimmt", "en": "match"},
    "revised": {"nl": "herzien", "fr": "révisé", "de": "revidiert", "en": "revised"},
    "differs": {"nl": "wijkt af", "fr": "diffère", "de": "weicht ab", "en": "differs"},
    "not_printed": {"nl": "niet gedrukt", "fr": "non imprimé", "de": "nicht gedruckt", "en": "not printed"},
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
    "chart_no_data": {"nl": "Geen gegevens voor deze grafiek", "fr": "Pas de données pour ce graphique",
                      "de": "Keine Daten für dieses Diagramm", "en": "No data for this chart"},
    "download": {"nl": "Download de gegevens (CSV)", "fr": "Télécharger les données (CSV)",
                 "de": "Daten herunterladen (CSV)", "en": "Download the data (CSV)"},
    "save_image": {"nl": "Grafiek opslaan als afbeelding (PNG)", "fr": "Enregistrer le graphique en image (PNG)",
                   "de": "Diagramm als Bild speichern (PNG)", "en": "Save the chart as an image (PNG)"},
    "source": {"nl": "Bron", "fr": "Source", "de": "Quelle", "en": "Source"},
    "table": {"nl": "Tabel", "fr": "Tableau", "de": "Tabelle", "en": "Table"},
    "flags": {"nl": "vlaggen", "fr": "indicateurs", "de": "Kennzeichen", "en": "flags"},
    "vintage": {"nl": "versie", "fr": "version", "de": "Stand", "en": "vintage"},
    "by_country": {"nl": "per land", "fr": "par pays", "de": "nach Land", "en": "by country"},
    "over_time": {"nl": "Benelux en landen, per jaar", "fr": "Benelux et pays, par année",
                  "de": "Benelux und Länder, nach Jahr", "en": "Benelux and countries, by year"},
    "of_eu": {"nl": "van het EU-totaal", "fr": "du total de l'UE", "de": "der EU insgesamt", "en": "of the EU total"},
    "edition_made": {"nl": "Editie gemaakt op", "fr": "Édition établie le", "de": "Ausgabe erstellt am",
                     "en": "Edition made on"},
    "stale": {"nl": "niet bijgewerkt, vorige waarden", "fr": "non mis à jour, valeurs précédentes",
              "de": "nicht aktualisiert, frühere Werte", "en": "not refreshed, previous values"},
    "formula": {"nl": "formule", "fr": "formule", "de": "Formel", "en": "formula"},
    "cause": {"nl": "oorzaak", "fr": "cause", "de": "Ursache", "en": "cause"},
    "method": {"nl": "methode", "fr": "méthode", "de": "Methode", "en": "method"},
    "inputs": {"nl": "invoer", "fr": "données d'entrée", "de": "Eingangsdaten", "en": "inputs"},
    "trend": {"nl": "verloop", "fr": "évolution", "de": "Verlauf", "en": "trend"},
    "language": {"nl": "Taal", "fr": "Langue", "de": "Sprache", "en": "Language"},
    "keyfigures_link": {"nl": "Kerncijfers", "fr": "Chiffres clés", "de": "Kennzahlen", "en": "Key figures"},
}

# Eurostat's observation flags (both schemes) and the pages' other public words.
FLAGS: dict[str, dict[str, str]] = {
    "b": {"nl": "breuk in de reeks", "fr": "rupture de série", "de": "Zeitreihenbruch", "en": "break in series"},
    "c": {"nl": "vertrouwelijk", "fr": "confidentiel", "de": "vertraulich", "en": "confidential"},
    "d": {"nl": "afwijkende definitie", "fr": "définition différente", "de": "abweichende Definition", "en": "definition differs"},
    "e": {"nl": "geschat", "fr": "estimé", "de": "geschätzt", "en": "estimated"},
    "f": {"nl": "prognose", "fr": "prévision", "de": "Prognose", "en": "forecast"},
    "i": {"nl": "aangevuld", "fr": "imputé", "de": "imputiert", "en": "imputed"},
    "m": {"nl": "ontbreekt of niet van toepassing", "fr": "manquant ou sans objet", "de": "fehlt oder entfällt",
          "en": "missing or not applicable"},
    "n": {"nl": "niet significant", "fr": "non significatif", "de": "nicht signifikant", "en": "not significant"},
    "p": {"nl": "voorlopig", "fr": "provisoire", "de": "vorläufig", "en": "provisional"},
    "r": {"nl": "herzien", "fr": "révisé", "de": "revidiert", "en": "revised"},
    "s": {"nl": "schatting van Eurostat", "fr": "estimation d'Eurostat", "de": "Schätzung von Eurostat", "en": "Eurostat estimate"},
    "u": {"nl": "weinig betrouwbaar", "fr": "peu fiable", "de": "geringe Zuverlässigkeit", "en": "low reliability"},
    "z": {"nl": "niet van toepassing", "fr": "sans objet", "de": "entfällt", "en": "not applicable"},
}
WORDS |= {
    "updated": {"nl": "bijgewerkt op", "fr": "mise à jour du", "de": "aktualisiert am", "en": "updated on"},
    "flag_word": {"nl": "kenmerken", "fr": "indicateurs", "de": "Kennzeichen", "en": "flags"},
    "cited": {"nl": "geciteerd uit", "fr": "cité de", "de": "zitiert aus", "en": "cited from"},
    "download_inputs": {"nl": "Download de invoergegevens (CSV)", "fr": "Télécharger les données d'entrée (CSV)",
                        "de": "Eingangsdaten herunterladen (CSV)", "en": "Download the inputs (CSV)"},
    "sum_of": {"nl": "som van", "fr": "somme de", "de": "Summe von", "en": "sum of"},
    "weighted_mean_of": {"nl": "gewogen gemiddelde van", "fr": "moyenne pondérée de", "de": "gewichteter Mittelwert von",
                         "en": "weighted mean of"},
    "weighted_by": {"nl": "gewogen naar", "fr": "pondérée par", "de": "gewichtet nach", "en": "weighted by"},
    "country": {"nl": "Land", "fr": "Pays", "de": "Land", "en": "Country"},
    "value": {"nl": "Waarde", "fr": "Valeur", "de": "Wert", "en": "Value"},
    "pct_of_eu": {"nl": "% van het EU-totaal", "fr": "% du total de l'UE", "de": "% der EU insgesamt", "en": "% of the EU total"},
    "benelux_and_countries": {"nl": "Benelux en landen", "fr": "Benelux et pays", "de": "Benelux und Länder",
                              "en": "Benelux and countries"},
    "per_year": {"nl": "per jaar", "fr": "par année", "de": "nach Jahr", "en": "by year"},
    "not_shown": {"nl": "Zonder gegevens, niet getoond", "fr": "Sans données, non affichés", "de": "Ohne Daten, nicht gezeigt",
                  "en": "Without data, not shown"},
    "not_available": {"nl": "niet beschikbaar", "fr": "non disponible", "de": "nicht verfügbar", "en": "not available"},
    "intro": {"nl": "De kerncijfers van het Benelux-jaarplan, opnieuw berekend uit de officiële statistieken van "
                    "Eurostat en uit geciteerde publicaties, naast het cijfer dat het plan drukte.",
              "fr": "Les chiffres clés du plan annuel Benelux, recalculés à partir des statistiques officielles "
                    "d'Eurostat et de publications citées, à côté du chiffre imprimé dans le plan.",
              "de": "Die Kennzahlen des Benelux-Jahresplans, neu berechnet aus den amtlichen Statistiken von Eurostat "
                    "und aus zitierten Veröffentlichungen, neben der im Plan gedruckten Zahl.",
              "en": "The key figures of the Benelux annual plan, recalculated from Eurostat's official statistics and "
                    "from cited publications, beside the figure the plan printed."},
    "match_means": {"nl": "het berekende cijfer geeft afgerond het gedrukte cijfer",
                    "fr": "le chiffre calculé, arrondi, donne le chiffre imprimé",
                    "de": "die berechnete Zahl ergibt gerundet die gedruckte Zahl",
                    "en": "the calculated figure rounds to the printed one"},
    "revised_means": {"nl": "de bron heeft het cijfer sindsdien herzien", "fr": "la source a révisé le chiffre depuis",
                      "de": "die Quelle hat die Zahl seitdem revidiert", "en": "the source has revised the figure since"},
    "differs_means": {"nl": "het cijfer wijkt af; de uitleg zegt waarom", "fr": "le chiffre diffère ; l'explication dit pourquoi",
                      "de": "die Zahl weicht ab; die Erklärung sagt warum", "en": "the figure differs; the explanation says why"},
    "not_printed_means": {"nl": "berekend voor een jaar waarvoor het plan nog geen cijfer drukte",
                          "fr": "calculé pour une année pour laquelle le plan n'a pas encore imprimé de chiffre",
                          "de": "berechnet für ein Jahr, für das der Plan noch keine Zahl gedruckt hat",
                          "en": "calculated for a year the plan has not printed yet"},
    "no_data_means": {"nl": "de statistieken ontbreken in deze editie", "fr": "les statistiques manquent dans cette édition",
                      "de": "die Statistiken fehlen in dieser Ausgabe", "en": "the statistics are missing from this edition"},
    "data_as_of": {"nl": "Gegevens van", "fr": "Données du", "de": "Daten vom", "en": "Data as of"},
    "plan_printed": {"nl": "jaarplan gedrukt in", "fr": "plan annuel imprimé en", "de": "Jahresplan gedruckt im",
                     "en": "annual plan printed in"},
    "download_all": {"nl": "De 24 kerncijfers downloaden", "fr": "Télécharger les 24 chiffres clés",
                     "de": "Die 24 Kennzahlen herunterladen", "en": "Download the 24 key figures"},
}


def flag_words(flags: str, lang: str) -> str:
    """``'bep'`` -> 'breuk in de reeks, geschat, voorlopig' (unknown letters kept as they are)."""
    return ", ".join(FLAGS.get(f, {}).get(lang, f) for f in flags if f.strip())


# Eurostat unit codes and the recipes' units, as a reader says them.
UNITS: dict[str, dict[str, str]] = {
    "percent": {"nl": "%", "fr": "%", "de": "%", "en": "%"},
    "percent_of_gdp": {"nl": "% bbp", "fr": "% du PIB", "de": "% des BIP", "en": "% of GDP"},
    "PC": {"nl": "%", "fr": "%", "de": "%", "en": "%"},
    "PC_ACT": {"nl": "% beroepsbevolking", "fr": "% de la population active", "de": "% der Erwerbspersonen",
               "en": "% of labour force"},
    "PER": {"nl": "personen", "fr": "personnes", "de": "Personen", "en": "persons"},
    "persons": {"nl": "personen", "fr": "personnes", "de": "Personen", "en": "persons"},
    "NR": {"nl": "aantal", "fr": "nombre", "de": "Anzahl", "en": "number"},
    "MIO_TKM": {"nl": "miljoen tonkilometer", "fr": "millions de tonnes-kilomètres", "de": "Mio. Tonnenkilometer",
                "en": "million tonne-km"},
    "CP_MEUR": {"nl": "miljoen euro", "fr": "millions d'euros", "de": "Mio. Euro", "en": "million EUR"},
    "T": {"nl": "ton", "fr": "tonnes", "de": "Tonnen", "en": "tonnes"},
    "THS_T": {"nl": "duizend ton", "fr": "milliers de tonnes", "de": "Tausend Tonnen", "en": "thousand tonnes"},
    "PC_GDP": {"nl": "% bbp", "fr": "% du PIB", "de": "% des BIP", "en": "% of GDP"},
    "MIO_EUR": {"nl": "miljoen euro", "fr": "millions d'euros", "de": "Mio. Euro", "en": "million EUR"},
    "billion EUR": {"nl": "miljard euro", "fr": "milliards d'euros", "de": "Mrd. Euro", "en": "billion EUR"},
    "GWH": {"nl": "GWh", "fr": "GWh", "de": "GWh", "en": "GWh"},
    "KM2": {"nl": "km²", "fr": "km²", "de": "km²", "en": "km²"},
    "km2": {"nl": "km²", "fr": "km²", "de": "km²", "en": "km²"},
    "MIO_T": {"nl": "miljoen ton CO₂-eq.", "fr": "millions de tonnes éq. CO₂", "de": "Mio. t CO₂-Äq.",
              "en": "million tonnes CO₂-eq."},
    "CP_EUR_HAB": {"nl": "euro per inwoner", "fr": "euros par habitant", "de": "Euro je Einwohner",
                   "en": "EUR per inhabitant"},
    "EUR": {"nl": "euro", "fr": "euros", "de": "Euro", "en": "EUR"},
}


def unit_name(code: str, lang: str) -> str:
    """A unit in words; an unknown code is shown as it is rather than hidden."""
    return UNITS.get(code, {}).get(lang, code)


geo_name = name  # country names: geo.name



def word(key: str, lang: str) -> str:
    return WORDS[key].get(lang, WORDS[key]["en"])
