"""Dashboards: the HTML the pages show, and each notebook executing top to bottom."""
import base64
import io
import re
from pathlib import Path

import pandas as pd
import pytest

from benelux_indicators import compare, engine, plan, recipes, snapshot
from benelux_indicators.compare import SourceEntry
from benelux_indicators.present import charts, layout, provenance, themes
from benelux_indicators.present.cards import page, sparkline
from nbrun import execute

DASHBOARDS = Path(__file__).resolve().parents[1] / "dashboards"


@pytest.fixture(scope="module")
def comparisons():
    return compare.compare_all(recipes.load_all(), plan.load("2024"), engine.Data(snapshot.load()))


def test_cards_show_numbers_in_the_language_style(comparisons):
    assert "29.664.912" in page(comparisons, "nl")
    en = compare.compare_all(recipes.load_all(), plan.load("2024"), engine.Data(snapshot.load()))
    assert "29,664,912" in page(en, "en") and "Explain this number" in page(en, "en")


def test_every_card_has_a_status_in_words(comparisons):
    html = page(comparisons, "nl")
    assert html.count("class='bnl-card'") == 24
    assert html.count(">klopt</span></div>") == 7 and html.count(">geen gegevens</span></div>") == 9
    assert html.count("<h3 class='bnl-label'>") == 24  # every card has a heading


def test_cards_speak_to_the_public_and_link_their_sources(comparisons):

    visible = page(comparisons, "nl")  # 'explain this number' included: it speaks to the public too
    assert "snapshot --source live" not in visible and "[freq=" not in visible and "sha256:" not in visible
    rd = visible[visible.index("data-figure='rd_pct_gdp'"):]
    assert "Niet beschikbaar in deze editie: de statistieken voor België, Nederland en Luxemburg" in rd[:3000]
    assert ("<a href='https://ec.europa.eu/eurostat/databrowser/view/demo_pjan/default/table?lang=en'>"
            "Bevolking op 1 januari naar leeftijd en geslacht</a>") in visible
    assert "kenmerken: EU-27: breuk in de reeks, geschat, voorlopig" in visible
    assert "klopt</span></dt><dd>het berekende cijfer geeft afgerond het gedrukte cijfer" in visible  # the legend


def test_a_sparkline_starts_at_zero_and_writes_its_range(comparisons, data):
    from benelux_indicators.present.cards import sparkline

    area = next(c for c in comparisons if c.id == "land_area")
    svg = sparkline(engine.timeseries(recipes.load_all()["land_area"], data), area, "nl")
    heights = [float(p.split(",")[1]) for p in svg.split("points='")[1].split("'")[0].split()]
    assert max(heights) - min(heights) < 0.1  # 70,628 -> 70,653 km² is flat, not a cliff
    assert "verloop 2013–2026: 70.628 km² → 70.653 km²" in svg


@pytest.mark.parametrize("notebook", sorted(DASHBOARDS.glob("*.ipynb")), ids=lambda p: p.name)
def test_dashboard_notebook_executes_and_shows_a_widget(notebook):
    *_, page = execute(notebook)
    assert "application/vnd.jupyter.widget-view+json" in page


@pytest.fixture(scope="module")
def data():
    return engine.Data(snapshot.load())


@pytest.mark.parametrize("lang, seps", [("nl", ",."), ("fr", ",\u202f"), ("de", ",."), ("en", ".,")])
def test_charts_take_separators_from_the_language_and_no_tickformat_overrides_them(data, lang, seps):
    [panel] = [p for p in themes.panels("freight", recipes.load_all(), data, lang) if p.id == "freight_road_share_eu-inputs"]
    fig = panel.figure
    assert fig.layout.separators == seps
    assert fig.layout.xaxis.tickformat == "d" and fig.layout.yaxis.tickformat is None
    assert {t.name for t in fig.data} == {charts.geo_name(g, lang) for g in ("BE", "NL", "LU")}


def test_a_chart_without_data_says_why_in_words(data):
    panels = {p.id: p for p in themes.panels("vat_gap", recipes.load_all(), data, "en")}
    share = panels["vat_gap_share_eu-figure"]
    assert share.figure is None and share.message.startswith("No data for this chart.")
    assert "Not available in this edition: the statistics for Luxembourg are not in the data" in share.message
    assert "TAXUD" not in share.message and "[indicator=" not in share.message  # plain words for the public
    levels = panels["vat_gap-inputs"]
    assert [t.name for t in levels.figure.data] == ["Belgium", "Netherlands"]
    assert levels.note == "Without data, not shown: Luxembourg."  # a missing country is named


def test_download_carries_the_tidy_rows_with_their_provenance(data):
    [panel] = [p for p in themes.panels("vat_gap", recipes.load_all(), data, "en") if p.id == "vat_gap-inputs"]
    encoded = re.search(r"base64,([^']+)", layout.below(panel, "en")).group(1)
    rows = pd.read_csv(io.BytesIO(base64.b64decode(encoded)))
    assert sorted(rows.geo) == ["BE", "NL"] and rows.value.sum() == 6200
    assert rows.set_index("geo").loc["BE", "flag"] == "e" and rows.citation.notna().all()
    assert "flags: Belgium 2020: estimated" in panel.source
    assert "<a href='https://www.levif.be/belgique/gap-tva-en-europe-un-trou-de-pres-de-100-milliards-deuros/'>" in panel.source


def test_a_share_chart_says_what_its_axis_is_marks_the_printed_value_and_leaves_gaps(data):
    printed = plan.load("2024").figures
    [panel] = [p for p in themes.panels("freight", recipes.load_all(), data, "nl", printed)
               if p.id == "freight_maritime_share_eu-figure"]
    layout_ = panel.figure.layout
    assert layout_.yaxis.title.text == "% van het EU-totaal" and layout_.xaxis.title.text == "Jaar"
    marker = next(t for t in panel.figure.data if t.name == "Jaarplan: 25,4 %")
    assert list(marker.x) == [2021] and list(marker.y) == [25.4]
    assert panel.note == "LU: geen zeehaven, dus er bestaat geen waarde; weggelaten, niet ontbrekend."
    assert set(panel.rows.geo) == {"BE", "NL", "Benelux"} and not panel.inputs.empty  # shares shown; inputs apart
    rail = next(p for p in themes.panels("freight", recipes.load_all(), data, "nl") if p.id == "freight_rail_share_eu-figure")
    assert rail.figure is None and rail.message.startswith("Geen gegevens voor deze grafiek. Niet beschikbaar in deze editie")


def test_years_without_a_value_are_gaps_not_lines():
    from benelux_indicators.present import charts

    ts = pd.DataFrame({"year": [2019, 2021], "value": [1.0, 3.0], "flags": ["", ""], "part_BE": [1.0, 3.0]})
    fig = charts.figure_over_time(ts, ["BE"], False, "%", "en", 1)
    benelux = next(t for t in fig.data if t.name == "Benelux")
    assert list(benelux.x) == [2019, 2020, 2021] and benelux.y[1] is None or pd.isna(benelux.y[1])
    assert benelux.connectgaps is False


def test_figure_chart_stacks_country_shares_to_the_benelux_share(data):
    [panel] = [p for p in themes.panels("freight", recipes.load_all(), data, "de") if p.id == "freight_road_share_eu-figure"]
    bars = [t for t in panel.figure.data if t.type == "bar"]
    benelux = [t for t in panel.figure.data if t.name == "Benelux"][0]
    assert round(sum(t.y[0] for t in bars), 3) == round(benelux.y[0], 3) == 5.898
    assert "<td>5,9</td>" in panel.table


def test_sparkline_marks_the_reference_year(comparisons, data):
    population = next(c for c in comparisons if c.id == "population")
    svg = sparkline(engine.timeseries(recipes.load_all()["population"], data), population, "nl")
    assert "<circle" in svg and "verloop 1960–2024: 20.859.128 → 30.432.088" in svg


def test_freight_page_shows_the_modal_split_of_the_newest_complete_year(data):
    [panel] = [p for p in themes.panels("freight", recipes.load_all(), data, "fr") if p.id == "freight_modal_split-split"]
    assert panel.title == "Répartition modale du transport intérieur de marchandises, 2023"
    parts = {t.name: dict(zip(t.x, t.y)) for t in panel.figure.data}
    assert parts["route"]["Belgique"] == 77.6 and parts["rail"]["Belgique"] == 11.7
    assert parts["voies navigables"]["Belgique"] == 10.7  # BE 2023 adds up to 100 %
    assert "view/tran_hv_frmod/default/table?lang=fr'>Répartition modale" in panel.source
    assert "(indicateurs: Belgique 2012–2017, 2019–2023: estimé; Belgique 2018: rupture de série, estimé)" in panel.source
    assert "<th scope='col'>Pays-Bas: voies navigables</th>" in panel.table


def test_a_reprint_without_rows_is_named_by_the_dataset_it_reprints_not_its_code():
    nl = provenance.sources_html([SourceEntry("publication", "rail_go_total")], "nl")
    assert nl.startswith("Bron: geciteerd uit <a href='https://ec.europa.eu/eurostat/databrowser/view/rail_go_total/")
    assert ">rail_go_total<" not in nl
    assert provenance.sources_html([SourceEntry("publication", "A report")], "en") == "Source: cited from A report"
