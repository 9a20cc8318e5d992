import gzip
import math

import pytest

from benelux_indicators.errors import CorruptDataError, EmptyResultError, NotDataError
from benelux_indicators.readers import sdmxcsv, tsv
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


SDMX = ("DATAFLOW,LAST UPDATE,freq,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS\r\n"
        "ESTAT:NAMA_10_GDP(1.0),26/09/25 23:00:00,A,CP_MEUR,BE,2021,506047.2,p,\r\n"
        "ESTAT:NAMA_10_GDP(1.0),26/09/25 23:00:00,A,CP_MEUR,MT,2021,,,C\r\n")


def sdmx(text: str):
    return sdmxcsv.read(text, "nama_10_gdp", "test")


def test_sdmx_csv_crlf_lf_bom_and_quotes_read_the_same():
    plain = sdmx(SDMX)
    assert plain.equals(sdmx(SDMX.replace("\r\n", "\n")))
    bom = tsv.decode(b"\xef\xbb\xbf" + SDMX.encode(), "nama_10_gdp", "t", kind="SDMX-CSV")
    assert plain.equals(sdmx(bom))
    quoted = "\r\n".join(",".join(f'"{c}"' for c in line.split(",")) for line in SDMX.split("\r\n") if line)
    assert plain.equals(sdmx(quoted))
    be = plain.iloc[0]
    assert (be.geo, be.time, be.value, be.flag, be.conf_status, be.vintage) == (
        "BE", "2021", 506047.2, "p", "", "2025-09-26")
    assert math.isnan(plain.iloc[1].value) and plain.iloc[1].conf_status == "C"


def test_sdmx_csv_with_labels_keeps_the_codes():
    labelled = ("DATAFLOW,LAST UPDATE,freq:Time frequency,geo:Geopolitical entity,TIME_PERIOD:Time,OBS_VALUE,"
                "OBS_FLAG:Observation status\n"
                "ESTAT:NAMA_10_GDP(1.0):Gross domestic product,26/09/25 23:00:00,A:Annual,BE:Belgium,2021,7.5,\n")
    row = sdmx(labelled).iloc[0]
    assert (row.freq, row.geo, row.time, row.value) == ("A", "BE", "2021", 7.5)


@pytest.mark.parametrize("body, message", [
    (SDMX.replace(",p,\r\n", ",p\r\n", 1), r"line 2: 8 cells, expected 9 \(test\)"),
    (SDMX.replace("506047.2", "5o6", 1), r"line 2, column OBS_VALUE: '5o6' is not a number"),
    (SDMX.replace("26/09/25 23:00:00,A,CP_MEUR,MT", "yesterday,A,CP_MEUR,MT"),
     r"line 3, column LAST UPDATE: unreadable date 'yesterday'"),
    (SDMX.replace("LAST UPDATE,", "", 1), r"line 1: not an SDMX-CSV 1.0 header \(lacks LAST UPDATE\)"),
])
def test_malformed_sdmx_csv_names_file_line_and_column(body, message):
    with pytest.raises(CorruptDataError, match=message):
        sdmx(body)


def test_header_only_sdmx_csv_is_an_empty_result():
    with pytest.raises(EmptyResultError, match="header but no observation"):
        sdmx(SDMX.split("\r\n")[0] + "\r\n")
