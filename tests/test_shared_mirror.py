"""The real Eurostat extracts in ../shared/eurostat: values its PROVENANCE.md checks, read
through the same mirror. Each test asserts what the file holds (skipped when the folder is
absent), never what it lacks."""
import pytest

from benelux_indicators.sources.mirror import Mirror
from benelux_indicators.sources.query import Query

BNL = ["BE", "NL", "LU"]


def values(mirror, dataset: str, filters: dict, geo: list[str], year: int = 2021) -> dict[str, float]:
    frame = Mirror(mirror).fetch(Query.make(dataset, filters, geo=geo, start=year, end=year))
    return frame.set_index("geo").value.to_dict()


def test_population_and_its_census_flag(mirror):
    pop = Mirror(mirror).fetch(Query.make("demo_pjan", {"unit": "NR", "age": "TOTAL", "sex": "T"},
                                          geo=[*BNL, "EU27_2020"], start=2021, end=2021)).set_index("geo")
    assert pop.loc[BNL, "value"].sum() == 29_664_912
    assert (pop.loc["EU27_2020", "value"], pop.loc["EU27_2020", "flag"]) == (445_891_011, "bep")


@pytest.mark.parametrize("dataset, filters, expected", [
    ("nama_10_gdp", {"unit": "CP_MEUR", "na_item": "B1GQ"},
     {"BE": 506047.2, "NL": 891550.0, "LU": 73039.5, "EU27_2020": 14793613.1}),
    ("iww_go_atygo", {"unit": "MIO_TKM", "tra_cov": "TOTAL", "nst07": "TOTAL"},
     {"BE": 8180, "NL": 46591, "LU": 217, "EU27_2020": 135332}),
    ("ttr00011", {"unit": "T", "tra_meas": "FRM_LD_NLD"},
     {"BE": 2083632, "NL": 1807924.4, "LU": 1088016, "EU27_2020": 15045040}),
    ("mar_go_aa", {"unit": "THS_T", "direct": "TOTAL"}, {"BE": 288827, "NL": 580179, "EU27_2020": 3453031}),
    ("reg_area3", {"unit": "KM2", "landuse": "TOTAL"}, {"BE": 30667, "NL": 37378, "LU": 2595, "EU27_2020": 4225134}),
])
def test_provenance_checks_of_2021(mirror, dataset, filters, expected):
    assert values(mirror, dataset, filters, list(expected)) == expected


def test_sdmx_csv_files_are_dated_by_their_last_update(mirror):
    vintages = {ds: set(Mirror(mirror).fetch(Query.make(ds)).vintage)
                for ds in ("iww_go_atygo", "mar_go_aa", "reg_area3", "env_air_gge")}
    assert vintages == {"iww_go_atygo": {"2025-09-26"}, "mar_go_aa": {"2026-05-12"},
                        "reg_area3": {"2026-01-22"}, "env_air_gge": {"2024-04-18"}}


def test_ghg_sector_rows_sum_to_the_net_totals(mirror):
    frame = Mirror(mirror).fetch(Query.make("env_air_gge", {"airpol": "GHG", "unit": "THS_T"}, start=2021, end=2021))
    totals = frame.groupby("geo").value.sum()
    assert totals[BNL].round(2).to_dict() == {"BE": 109926.17, "NL": 170956.51, "LU": 8777.95}
    assert round(totals.sum(), 1) == 3216315.3 and len(totals) == 27


def test_cofog_education_2020(mirror):
    got = values(mirror, "gov_10a_exp", {"unit": "MIO_EUR", "cofog99": "GF09", "sector": "S13"},
                 [*BNL, "EU27_2020"], 2020)
    assert got == {"BE": 30227.7, "NL": 41701, "LU": 3223.1, "EU27_2020": 672769.4}
