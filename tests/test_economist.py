"""The library for economists: any country set, other libraries left alone, citations,
labels, errors that say what to do. Each rule on a tiny table or the committed snapshot."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import benelux_indicators as bi
from benelux_indicators import geo
from benelux_indicators.errors import NothingComputedError, OutOfRangeError, UnknownDatasetError, UnknownNameError
from conftest import FIXTURES, ROOT
from test_rules import table

SNAPSHOT_2021 = {"BE": 11_554_767, "NL": 17_475_415, "LU": 634_730}


# --- countries as a parameter ----------------------------------------------------------------------

def test_a_figure_for_another_country_set_sums_those_countries():
    ts = bi.compute("population", countries=["BE", "NL"])
    assert ts.year.dtype == "int64" and ts.set_index("year").loc[2021, "value"] == 29_030_182
    assert ts.attrs["countries"] == "BE+NL" and ts.attrs["source"] == "snapshot"
    assert list(bi.compute("population", countries="be+nl").value) == list(ts.value)  # one set, any spelling


def test_a_ratio_for_another_country_set_is_the_ratio_of_sums_never_a_mean_of_ratios():
    frame = pd.concat([table(("BE", 2021, 500.0), ("NL", 2021, 900.0), dataset="gdp", unit_="x"),
                       table(("BE", 2021, 10.0), ("NL", 2021, 30.0), dataset="pop")])
    mine = {"id": "per_head", "labels": {k: "x" for k in ("nl", "fr", "de", "en")}, "theme": "general",
            "unit": "EUR", "operation": "ratio_of_sums",
            "inputs": {"numerator": {"source": "eurostat", "dataset": "gdp"},
                       "denominator": {"source": "eurostat", "dataset": "pop"}}}
    [value] = bi.compute(mine, frame=frame, countries=["BE", "NL"]).value
    assert value == 1400 / 40  # not (50 + 30) / 2


def test_gdp_per_head_of_belgium_and_the_netherlands_from_the_snapshot():
    snap = bi.load_snapshot()
    gdp = snap[(snap.dataset == "nama_10_gdp") & (snap.time == "2021") & snap.geo.isin(["BE", "NL"])].value.sum()
    pop = snap[(snap.dataset == "demo_pjan") & (snap.time == "2021") & snap.geo.isin(["BE", "NL"])].value.sum()
    value = bi.compute("gdp_per_capita", countries=["BE", "NL"]).set_index("year").loc[2021, "value"]
    assert value == pytest.approx(gdp / pop * 1e6) and round(value) == 48_143


def test_a_share_for_another_country_set_stays_a_share_of_the_eu_total():
    row = bi.compute("population_share_eu", countries="BE").set_index("year").loc[2021]
    assert row.value == pytest.approx(100 * SNAPSHOT_2021["BE"] / 445_891_011) and row.part_EU27_2020 == 445_891_011


@pytest.mark.parametrize("asked, codes", [("be, nl", ("BE", "NL")), (["GR", "de"], ("EL", "DE")),
                                          ("benelux+DE", ("BE", "NL", "LU", "DE")), (["NL", "nl"], ("NL",))])
def test_country_codes_are_normalised(asked, codes):
    assert geo.countries(asked) == codes


@pytest.mark.parametrize("asked", [["XX"], "BE,XX", ["Belgium"]])
def test_an_unknown_country_is_refused_by_name(asked):
    with pytest.raises(UnknownNameError, match=r"unknown country code '(XX|Belgium)'"):
        bi.compute("population", countries=asked)


def _mirror_with_germany(tmp_path: Path) -> Path:
    """A one-file mirror in Eurostat's SDMX-CSV: GDP for the Benelux, Germany and the EU."""
    rows = {"BE": 506047.2, "NL": 891550.0, "LU": 73039.5, "DE": 3617450.0, "EU27_2020": 14793613.1}
    lines = ["DATAFLOW,LAST UPDATE,freq,unit,na_item,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS"]
    lines += [f"ESTAT:NAMA_10_GDP(1.0),26/09/25 23:00:00,A,CP_MEUR,B1GQ,{g},2021,{v},," for g, v in rows.items()]
    (tmp_path / "nama_10_gdp.csv").write_text("\n".join(lines) + "\n")
    return tmp_path


def test_countries_the_snapshot_lacks_come_from_the_mirror_and_say_so(tmp_path):
    ts = bi.compute("gdp_share_eu", countries="benelux,DE", source=f"mirror:{_mirror_with_germany(tmp_path)}")
    row = ts.set_index("year").loc[2021]
    assert row.value == pytest.approx(100 * (506047.2 + 891550.0 + 73039.5 + 3617450.0) / 14793613.1)
    assert ts.attrs["source"] == f"mirror:{tmp_path}" and ts.attrs["countries"] == "BE+NL+LU+DE"


def test_a_figure_no_year_can_give_is_an_error_that_names_what_is_missing():
    with pytest.raises(NothingComputedError, match=r"gdp_share_eu for BE\+NL\+LU\+MT: no year computes .*MT"):
        bi.compute("gdp_share_eu", countries="benelux,MT", source=f"mirror:{FIXTURES / 'mirror'}")


def test_keyfigures_for_another_country_set_compare_nothing():
    kf = bi.keyfigures(countries=["BE", "NL"]).set_index("id")
    assert kf.loc["population", "computed"] == 29_030_182 and set(kf.status) <= {"not_printed", "no_data"}
    assert kf.loc["population", "stated_text"] == ""  # the plan printed the Benelux, not this set


# --- leave other libraries alone --------------------------------------------------------------------

def test_the_eurostat_package_keeps_its_own_requests_after_every_module_is_imported():
    code = ("import pkgutil, importlib, requests, eurostat.eurostat as e, benelux_indicators as bi\n"
            "for m in pkgutil.walk_packages(bi.__path__, 'benelux_indicators.'):\n"
            "    if not m.name.endswith('__main__'):\n"
            "        importlib.import_module(m.name)\n"
            "bi.series('demo_pjan', geo=['BE'])\n"
            "assert e.requests is requests, e.requests\n"
            "print('ok')")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "ok", out.stderr[-2000:]


# --- citations and labels ---------------------------------------------------------------------------

def test_a_figure_is_cited_by_its_datasets_with_their_addresses():
    text = bi.cite("gdp_share_eu")
    assert text.startswith("Eurostat: GDP and main components (online data code: nama_10_gdp), undated release "
                           "(sha256:ea3f82f769df). https://ec.europa.eu/eurostat/databrowser/view/nama_10_gdp/default/"
                           "table?lang=en (API: https://ec.europa.eu/eurostat/api/dissemination/statistics/1.0/data/"
                           "nama_10_gdp?freq=A&na_item=B1GQ&unit=CP_MEUR&geo=BE&geo=NL&geo=LU&geo=EU27_2020).")


def test_a_dataset_that_dates_its_release_is_cited_with_that_date_in_every_style():
    assert "release of 2025-09-26" in bi.cite("iww_go_atygo")
    assert bi.cite("iww_go_atygo", "apa").startswith("Eurostat. (2025). Inland waterways transport by type of good "
                                                     "(iww_go_atygo) [Data set]. https://ec.europa.eu/")
    bib = bi.cite("iww_go_atygo", "bibtex")
    assert bib.startswith("@misc{eurostat_iww_go_atygo,\n  author = {{Eurostat}},") and "year = {2025}" in bib
    with pytest.raises(UnknownNameError, match="did you mean bibtex"):
        bi.cite("iww_go_atygo", "bibtx")


def test_a_cited_publication_is_cited_as_its_own_reference():
    assert "Annual Report on Intra-EU Labour Mobility 2022" in bi.cite("cross_border_workers")


def test_labels_in_the_readers_language_beside_the_codes():
    frame = bi.label(bi.series("demo_pjan", geo=["BE", "EU27_2020"]), "nl")
    first = frame.drop_duplicates("geo").set_index("geo")
    assert first.loc["BE", "geo_label"] == "België" and first.loc["EU27_2020", "geo_label"] == "EU-27"
    assert set(frame.dataset_label) == {"Bevolking op 1 januari naar leeftijd en geslacht"}
    assert frame.attrs["dataset"] == "demo_pjan" and "geo" in frame.columns  # codes kept, provenance kept


# --- errors that say what to do ---------------------------------------------------------------------

def test_an_unknown_figure_names_the_close_match():
    with pytest.raises(UnknownNameError, match="did you mean gdp_share_eu"):
        bi.compute("gdp_shar_eu")
    with pytest.raises(UnknownNameError, match="did you mean gdp_share_eu"):
        bi.report()["gdp_shar_eu"]


def test_an_unknown_dataset_names_the_close_match():
    with pytest.raises(UnknownDatasetError, match="did you mean nama_10_gdp"):
        bi.series("nama_10_gpd")


def test_a_year_outside_the_data_says_the_range_that_exists():
    with pytest.raises(OutOfRangeError, match=r"year 2090: the data hold 1960-20\d\d"):
        bi.keyfigures(year=2090)


def test_an_empty_selection_names_the_filter_that_emptied_it():
    with pytest.raises(Exception, match=r"no rows for geo=\['DE'\]; present: \['BE', 'EU27_2020', 'LU', 'NL'\]"):
        bi.series("demo_pjan", geo=["de"])


def test_a_mirror_folder_that_does_not_exist_is_refused_as_such(tmp_path):
    with pytest.raises(UnknownDatasetError, match="is not a folder"):
        bi.series("demo_pjan", source=f"mirror:{tmp_path / 'nowhere'}")


def test_an_aggregate_named_by_its_members_is_split_and_a_published_aggregate_is_not():
    assert geo.group("BE+NL") == ("BE", "NL") and geo.group("EU27_2020+EFTA") == ("EU27_2020+EFTA",)


def test_the_library_imports_no_page_machinery():
    """The README's promise for a fast first call: the API loads neither plotly, Voilà nor
    ipywidgets, and a plain series needs no schema checker."""
    code = ("import sys, benelux_indicators as bi\nbi.series('demo_pjan', geo=['BE'])\n"
            "light = 'jsonschema' not in sys.modules\nbi.keyfigures()\n"
            "print(light, sorted(m for m in ('plotly', 'voila', 'ipywidgets', 'jupyter_server') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert out.stdout.strip() == "True []", out.stderr[-2000:]
