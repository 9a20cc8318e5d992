import gzip
import math

import pytest

from benelux_indicators.errors import CorruptDataError, EmptyResultError, NotDataError
from benelux_indicators.readers import tsv
from conftest import FIXTURES

WIRE = (FIXTURES / "data_demo_pjan.tsv").read_bytes()


def rows(text: str):
    return tsv.read(text, "demo_pjan", "test")


def test_crlf_and_lf_give_the_same_rows():
    crlf = rows(tsv.decode(WIRE, "demo_pjan", "t"))
    lf = rows(tsv.decode(WIRE.replace(b"\r\n", b"\n"), "demo_pjan", "t"))
    assert len(crlf) == 15 and crlf.equals(lf)
    be = crlf[(crlf.geo == "BE") & (crlf.time == "2021")].iloc[0]
    assert be.value == 11554767 and be.flag == ""


def test_multi_letter_flags_and_special_values_stay_distinct():
    frame = rows(tsv.decode(gzip.compress(WIRE), "demo_pjan", "t"))
    eu = frame[(frame.geo == "EU27_2020") & (frame.time == "2021")].iloc[0]
    assert (eu.value, eu.flag) == (445891011, "bep")
    li = frame[frame.geo == "LI"].set_index("time")
    assert li.loc["2020", "value"] == 38747
    assert math.isnan(li.loc["2021", "value"]) and li.loc["2021", "flag"] == "c"
    assert math.isnan(li.loc["2022", "value"]) and li.loc["2022", "flag"] == "z"


def test_bare_colon_is_missing_without_flag():
    assert tsv.parse_cell(": ") == (None, "")
    assert tsv.parse_cell("56.7 be") == (56.7, "be")


def test_geo_codes_are_harmonised_to_eurostat_spelling():
    frame = rows("freq,geo\\TIME_PERIOD\t2021 \r\nA,GR\t1 \r\n")
    assert frame.geo.tolist() == ["EL"]


def test_malformed_line_names_the_line():
    bad = WIRE.decode().replace("A,NR,TOTAL,T,LU\t626108 \t", "A,NR,TOTAL,T,LU\t")
    with pytest.raises(CorruptDataError, match="malformed line 4"):
        rows(bad)


def test_non_numeric_cell_is_an_error():
    with pytest.raises(CorruptDataError, match="malformed cell 'abc p' on line 2"):
        rows("freq,geo\\TIME_PERIOD\t2021 \r\nA,BE\tabc p\r\n")


def test_truncated_gzip_is_reported():
    with pytest.raises(CorruptDataError, match="truncated or corrupt gzip"):
        tsv.decode(gzip.compress(WIRE)[:40], "demo_pjan", "t")


def test_html_instead_of_data_is_reported():
    with pytest.raises(NotDataError, match="HTML page"):
        tsv.decode((FIXTURES / "maintenance.html").read_bytes(), "demo_pjan", "t")


def test_header_only_is_an_empty_result():
    with pytest.raises(EmptyResultError):
        rows("freq,geo\\TIME_PERIOD\t2021 \r\n")
