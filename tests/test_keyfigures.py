"""The engine on the committed snapshot: the expected results of the key-figure issue."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
import yaml

from benelux_indicators import api, compare, engine, plan, recipes, snapshot
from benelux_indicators.errors import RecipeError
from benelux_indicators.messages import num, render
from benelux_indicators.present.fmt import quantity


@pytest.fixture(scope="module")
def figures() -> dict[str, compare.Comparison]:
    rows = compare.compare_all(recipes.load_all(), plan.load("2024"), engine.Data(snapshot.load()))
    return {c.id: c for c in rows}


def test_all_24_ids_have_status_and_sources(figures):
    assert len(figures) == 24
    for c in figures.values():
        assert c.status in {"match", "revised", "differs", "no_data"} and render(c.cause, "en") and c.sources


def test_population_matches_exactly(figures):
    c = figures["population"]
    assert (c.computed, c.status) == (29_664_912, "match")
    assert c.parts == {"BE": 11_554_767, "NL": 17_475_415, "LU": 634_730}


def test_population_share_is_revised_and_names_the_eu_total(figures):
    c = figures["population_share_eu"]
    assert round(c.computed, 3) == 6.653 and c.status == "revised"
    assert "445,891,011" in render(c.cause, "en") and "446,088,902" in render(c.cause, "en")
    assert c.flags == "bep"  # the EU total is a break, estimated, provisional


def test_road_freight_from_cited_values_matches_and_declares_the_two_releases(figures):
    c = figures["freight_road_share_eu"]
    assert round(c.computed, 3) == 5.898 and c.status == "match"
    assert "Different releases, accepted by the recipe" in render(c.notes, "en")
    assert {s.source for s in c.sources} == {"publication"} and c.sources[0].citation


def test_renewables_revision_is_measured_against_the_first_release(figures):
    c = figures["renewables_share_consumption"]
    assert c.status == "revised" and round(c.computed, 2) == 13.03
    assert "gives 12.575" in render(c.cause, "en") and "(+0.456)" in render(c.cause, "en")


def test_confidential_input_means_no_number(figures):
    c = figures["freight_rail_share_eu"]
    assert c.computed is None and c.status == "no_data" and "confidential for BE" in render(c.cause, "en")


def test_missing_series_say_how_to_fetch_them(figures):
    c = figures["rd_pct_gdp"]
    assert c.computed is None and c.status == "no_data"
    assert "snapshot --source live" in render(c.cause, "en") and "rd_e_gerdtot [freq=A, sectperf=TOTAL, unit=MIO_EUR]" in render(c.cause, "en")


def test_fallbacks_are_labelled_and_judged(figures):
    assert figures["unemployment_rate"].status == "differs" and figures["unemployment_rate"].role == "fallback"
    assert round(figures["unemployment_rate"].computed, 2) == 5.04
    assert round(figures["energy_consumption_share_eu"].computed, 2) == 9.52
    air = figures["freight_air_share_eu"]  # ttr00011 stands in for avia_gooc, and says so
    assert (air.role, air.status, round(air.computed, 3)) == ("fallback", "match", 33.098)
    assert "ttr00011, Eurostat's published table of avia_gooc" in render(air.notes, "en")
    assert air.sources[0].dataset == "ttr00011" and air.sources[0].vintage == ("sha256:674b9993be6c",)


def test_area_is_the_total_area_and_reproduces_the_plan(figures):
    area, share = figures["land_area"], figures["land_area_share_eu"]
    assert (area.computed, area.status, area.role) == (70_640, "match", "primary")
    assert area.parts == {"BE": 30_667, "NL": 37_378, "LU": 2_595}
    assert round(share.computed, 3) == 1.672 and share.status == "match"
    assert share.sources[0].vintage == ("2026-01-22",)  # SDMX-CSV LAST UPDATE, one release for both sides


def test_gdp_figures_come_from_nama_10_gdp(figures):
    share, per_head = figures["gdp_share_eu"], figures["gdp_per_capita"]
    assert round(share.computed, 3) == 9.941 and share.status == "match" and share.role == "primary"
    assert round(per_head.computed) == 49_575 and per_head.status == "revised"
    assert per_head.sources[0].dataset == "nama_10_gdp"


def test_greenhouse_gases_sum_the_sectors_and_the_27_members(figures):
    c = figures["ghg_share_eu"]
    assert round(c.computed, 3) == 9.006 and c.status == "match" and c.role == "fallback"
    assert c.parts["EU27_2020_MEMBERS"] == pytest.approx(3_216_315.3)
    assert c.flags == "m"  # DE, ES, MT, PT report CRF6 as not applicable: counted as nothing, flag carried


def test_a_country_without_a_sea_port_is_declared_not_missing(figures):
    c = figures["freight_maritime_share_eu"]
    assert c.status == "differs" and round(c.computed, 2) == 25.17
    assert "LU: no sea port, so no value exists" in render(c.notes, "en") and c.sources[0].absent == {"LU": "no_sea_port"}
    assert "LU" not in c.parts


def test_share_refuses_to_mix_releases_unless_the_recipe_says_why():
    doc = yaml.safe_load((recipes.RECIPES_DIR / "freight_road_share_eu.yaml").read_text())
    del doc["mixed_vintages"]
    strict = recipes.parse(doc, "test")
    c = compare.compare(strict, plan.load("2024").figures["freight_road_share_eu"], engine.Data(snapshot.load()))
    assert c.status == "no_data" and "mixed releases refused" in render(c.cause, "en")


def test_a_25th_figure_needs_only_yaml(tmp_path):
    (tmp_path / "population_lu.yaml").write_text(yaml.safe_dump({
        "id": "population_lu", "labels": {"nl": "x", "fr": "x", "de": "x", "en": "LU population"},
        "theme": "general", "unit": "persons", "operation": "sum",
        "inputs": {"value": {"source": "eurostat", "dataset": "demo_pjan", "geo": "LU",
                             "filters": {"unit": "NR", "age": "TOTAL", "sex": "T"}}}}))
    recipe = recipes.load_all(tmp_path)["population_lu"]
    assert recipe.primary.inputs["value"].geos == ("LU",)
    series = api.compute(yaml.safe_load((tmp_path / "population_lu.yaml").read_text()))
    assert int(series.set_index("year").loc[2021, "value"]) == 634_730


def test_bad_recipe_names_file_and_field(tmp_path):
    bad = tmp_path / "broken.yaml"
    bad.write_text("id: broken\nlabels: {en: x}\ntheme: general\nunit: x\n"
                   "operation: average\ninputs: {value: {source: eurostat, dataset: x}}\n")
    with pytest.raises(RecipeError, match=r"broken.yaml:2: field labels: 'nl' is a required property"):
        recipes.load_file(bad)


def test_bad_recipe_deep_field_names_its_line(tmp_path):
    bad = tmp_path / "deep.yaml"
    bad.write_text("id: deep\nlabels: {nl: x, fr: x, de: x, en: x}\ntheme: general\nunit: x\n"
                   "operation: sum\ninputs:\n  value:\n    source: eurostat\n"
                   "    dataset: 12\n")
    with pytest.raises(RecipeError, match=r"deep.yaml:9: field inputs/value/dataset: 12 is not of type 'string'"):
        recipes.load_file(bad)


def test_plan_printed_text_must_agree_with_value(tmp_path):
    (tmp_path / "jaarplan-2099.yaml").write_text(
        "edition: '2099'\nlanguage: nl\nfigures:\n  population: {printed: '29.664.912', value: 29664913, "
        "decimals: 0, unit: persons, year: 2021}\n")
    with pytest.raises(RecipeError, match=r"jaarplan-2099.yaml:4: field figures/population/printed: '29.664.912' "
                                          r"reads as 29664912"):
        plan.load("2099", tmp_path)


@pytest.mark.parametrize("lang,expected", [("nl", "29.664.912"), ("fr", "29\u202f664\u202f912"),
                                           ("de", "29.664.912"), ("en", "29,664,912")])
def test_numbers_in_each_language(lang, expected):
    assert quantity(29_664_912, "persons", 0, lang) == expected


@pytest.mark.parametrize("lang,expected", [("nl", "6,6\u00a0%"), ("fr", "6,6\u00a0%"), ("en", "6.6%")])
def test_percent_in_each_language_rounds_half_up(lang, expected):
    assert quantity(6.55, "percent", 1, lang) == expected


def test_cli_json_lists_every_figure_with_sources():
    out = subprocess.run([sys.executable, "-m", "benelux_indicators", "keyfigures", "--edition", "2024",
                          "--format", "json"], capture_output=True, text=True, check=True)
    rows = json.loads(out.stdout)
    assert len(rows) == 24 and {"id", "label", "year", "stated", "stated_text", "unit", "computed", "status",
                                "cause", "sources"} <= set(rows[0])
    assert rows[0]["sources"][0]["vintage"] == ["sha256:d9bc68d191df"]


def test_cli_explain_shows_every_input():
    out = subprocess.run([sys.executable, "-m", "benelux_indicators", "explain", "population_share_eu"],
                         capture_output=True, text=True, check=True).stdout
    assert "445,891,011.000 NR [bep]" in out and "formula: (BE + NL + LU) / EU × 100" in out


def test_timeseries_covers_every_year_the_data_allow():
    ts = api.compute("freight_maritime_share_eu").set_index("year")
    assert list(ts.index) == [2020, 2021, 2022]  # the mar_go_aa extract holds only these years
    assert round(ts.loc[2020, "value"], 2) == 24.62


@pytest.mark.parametrize("lang, fid, expected", [
    ("nl", "population_share_eu", "het EU27_2020-totaal van de bron is 445.891.011."),
    ("fr", "freight_rail_share_eu", "Incalculable pour 2020 : rail_go_total [indicator=rail_freight_tkm, unit=MIO_TKM] : "
                                    "confidentiel pour BE."),
    ("de", "renewables_share_consumption", "ergibt 12,575, gerundet der gedruckte Wert 12,6 %"),
    ("nl", "freight_maritime_share_eu", "De hoofdhavens (publicatie van mei 2026) geven niet het gedrukte"),
])
def test_causes_speak_the_readers_language(lang, fid, expected):
    [c] = [c for c in compare.compare_all(recipes.load_all(), plan.load("2024"), engine.Data(snapshot.load())) if c.id == fid]
    assert expected in render(c.cause, lang)


def test_numbers_in_causes_round_half_up_like_the_plan():
    assert (num(2.5, 0, "en"), num(0.125, 2, "nl"), num(-0.0451, 3, "de", sign=True)) == ("3", "0,13", "-0,045")


def test_a_known_cause_in_one_language_only_is_refused():
    doc = yaml.safe_load((recipes.RECIPES_DIR / "education_pct_gdp.yaml").read_text())
    doc["on_mismatch"]["cause"] = {"en": doc["on_mismatch"]["cause"]["en"]}
    with pytest.raises(RecipeError, match=r"field on_mismatch/cause: 'nl' is a required property"):
        recipes.parse(doc, "test")


@pytest.mark.parametrize("lang", ["nl", "fr", "de", "en"])
def test_every_figure_has_a_status_and_a_cause_in_each_language(lang):
    rows = compare.compare_all(recipes.load_all(), plan.load("2024"), engine.Data(snapshot.load()))
    assert len(rows) == 24 and all(render(c.cause, lang).strip() for c in rows)
    computed = [c for c in rows if c.computed is not None]
    assert len(computed) == 15 and all(c.status in {"match", "revised", "differs"} for c in computed)
