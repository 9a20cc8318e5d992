"""The mirror on a small frozen mirror of our own (tests/fixtures/mirror): one file in each
format Eurostat serves (bulk TSV, gzipped TSV, SDMX-CSV before and after the 2025 flag
reform, a data-browser xlsx), so these tests hold whatever ../shared/eurostat holds."""
import math
import shutil

import pytest

from benelux_indicators.errors import CorruptDataError, EmptyResultError, UnknownDatasetError, UnknownDimensionError
from benelux_indicators.sources.mirror import Mirror
from benelux_indicators.sources.query import Query
from conftest import FIXTURES

POP = {"freq": "A", "unit": "NR", "age": "TOTAL", "sex": "T"}
GDP = {"freq": "A", "unit": "CP_MEUR", "na_item": "B1GQ"}
MIRROR = Mirror(FIXTURES / "mirror")


def test_bulk_tsv_sums_to_the_printed_population():
    frame = MIRROR.fetch(Query.make("demo_pjan", POP, geo=["BE", "NL", "LU"], start=2021, end=2021))
    assert frame.set_index("geo").value.to_dict() == {"BE": 11554767, "LU": 634730, "NL": 17475415}
    assert frame.value.sum() == 29_664_912
    assert set(frame.vintage) == {"sha256:4c7bdb6b2eee"} and set(frame.origin) == {"mirror:demo_pjan.tsv"}


def test_tsv_flags_survive_whole():
    frame = MIRROR.fetch(Query.make("demo_pjan", POP, geo=["EU27_2020", "NL"], start=2021))
    flags = frame.set_index(["geo", "time"]).flag.to_dict()
    assert flags[("EU27_2020", "2021")] == "bep" and flags[("NL", "2022")] == "p" and flags[("NL", "2021")] == ""


def test_sdmx_csv_dates_its_release_and_keeps_flag_and_confidentiality():
    frame = MIRROR.fetch(Query.make("nama_10_gdp", GDP, geo=["BE", "MT"])).set_index(["geo", "time"])
    assert frame.loc[("BE", "2021"), "value"] == 506047.2
    assert frame.loc[("BE", "2022"), "flag"] == "p"
    assert set(frame.vintage) == {"2025-09-26"}  # LAST UPDATE 26/09/25 23:00:00
    mt = frame.loc[("MT", "2021")]
    assert math.isnan(mt.value) and mt.conf_status == "C" and mt.flag == ""  # confidential, not missing
    assert set(frame.origin) == {"mirror:nama_10_gdp.csv"} and set(frame.na_item) == {"B1GQ"}


def test_sdmx_csv_reporting_country_rep_mar_is_also_geo():
    frame = MIRROR.fetch(Query.make("mar_go_aa", {"unit": "THS_T"}, geo=["BE", "NL", "EU27_2020"]))
    assert frame.set_index("geo").value.to_dict() == {"BE": 288827, "EU27_2020": 3453031, "NL": 580179}
    assert list(frame.rep_mar) == list(frame.geo) and set(frame.conf_status) == {""}


def test_data_browser_xlsx_is_read_with_codes_and_update_date():
    frame = MIRROR.fetch(Query.make("une_rt_a", {"unit": "PC_ACT", "age": "Y15-74"},
                                    geo=["BE", "NL", "LU", "EU27_2020"], start=2021, end=2021))
    assert frame.set_index("geo").value.to_dict() == {"BE": 6.3, "EU27_2020": 7.1, "LU": 5.3, "NL": 4.2}
    assert set(frame.vintage) == {"2024-12-12"}


def test_gzipped_tsv_is_found_and_read():
    frame = MIRROR.fetch(Query.make("nrg_bal_c", {"nrg_bal": "GIC", "siec": "TOTAL"}, geo=["BE", "NL", "LU"]))
    assert round(frame.value.sum(), 3) == round(660835.667 + 863780.860 + 49098.579, 3)


def test_unknown_dataset_dimension_and_code():
    with pytest.raises(UnknownDatasetError, match="rd_e_gerdtot: no file rd_e_gerdtot.tsv/.csv/.xlsx"):
        MIRROR.fetch(Query.make("rd_e_gerdtot"))
    with pytest.raises(UnknownDimensionError, match="no dimension 'sectperf'"):
        MIRROR.fetch(Query.make("demo_pjan", {"sectperf": "TOTAL"}))
    with pytest.raises(EmptyResultError, match=r"no rows for nrg_bal=\['PPRD'\]; present: \['GIC'\]"):
        MIRROR.fetch(Query.make("nrg_bal_c", {"nrg_bal": "PPRD"}))


def test_the_reader_follows_the_content_not_the_name(tmp_path):
    """A TSV saved as .csv is still read as TSV; an SDMX-CSV saved as .tsv as SDMX-CSV."""
    shutil.copy(FIXTURES / "mirror" / "demo_pjan.tsv", tmp_path / "demo_pjan.csv")
    shutil.copy(FIXTURES / "mirror" / "nama_10_gdp.csv", tmp_path / "nama_10_gdp.tsv")
    mirror = Mirror(tmp_path)
    assert mirror.fetch(Query.make("demo_pjan", POP, geo=["LU"], start=2021, end=2021)).value.tolist() == [634730]
    assert set(mirror.fetch(Query.make("nama_10_gdp", GDP, geo=["LU"])).vintage) == {"2025-09-26"}


def test_a_file_holding_another_dataset_is_refused(tmp_path):
    shutil.copy(FIXTURES / "mirror" / "mar_go_aa.csv", tmp_path / "mar_mg_aa_cwh.csv")
    with pytest.raises(CorruptDataError, match=r"line 2, column DATAFLOW: 'ESTAT:MAR_GO_AA\(1.0\)' is not dataset "
                                               r"mar_mg_aa_cwh \(.*mar_mg_aa_cwh.csv\)"):
        Mirror(tmp_path).fetch(Query.make("mar_mg_aa_cwh"))
