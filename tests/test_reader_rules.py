"""The readers' rules, one per test, on tiny files the tests write in the exact formats:
what each cell becomes (value, flag, CONF_STATUS), which header lines are read, and where a
defect is reported (file, row or line, column)."""
from __future__ import annotations

import re

import io

import openpyxl
import pytest

from benelux_indicators.errors import CorruptDataError, EmptyResultError, UnknownDimensionError
from benelux_indicators.readers import xlsx

HEAD = [["Data extracted on 14/03/2025 23:00:41 from [ESTAT]"],
        ["Dataset:", "Unemployment by sex and age – annual data [une_rt_a__custom_123]"],
        ["Last updated: ", "14/03/2025 23:00"], [],
        ["Time frequency", None, "Annual"], ["Unit of measure", None, "Percentage of population in the labour force"],
        ["Sex", None, "Total"], []]


def book(rows: list[list], sheet: str = "Sheet 1") -> bytes:
    """A data-browser export with these rows in ``sheet``."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def fails(call, kind: type, message: str) -> None:
    """``call`` raises ``kind`` with exactly this message (which names dataset and file)."""
    with pytest.raises(kind) as caught:
        call()
    assert str(caught.value) == message


def records(frame) -> list[dict]:
    """Rows as dicts, a missing value as None."""
    return frame.astype(object).where(frame.notna(), None).to_dict("records")


def table(time_header: str = "TIME", *body: list) -> list[list]:
    return [*HEAD, [time_header, "Belgium", "Netherlands"], *body]


def test_xlsx_cells_become_value_flag_and_conf_status_with_the_fixed_dimensions():
    raw = book(table("TIME", ["2021", 6.3, "4.2 p"], ["2022", ": c", "3.5 p@C"], [None, 1, 1], ["2099", 9, 9]))
    dataset, updated, frame = xlsx.read(raw, "f.xlsx")
    assert (dataset, updated) == ("une_rt_a", "2025-03-14")
    assert records(frame) == [
        {"freq": "A", "unit": "PC_ACT", "sex": "T", "geo": "BE", "time": "2021", "value": 6.3, "flag": "", "conf_status": ""},
        {"freq": "A", "unit": "PC_ACT", "sex": "T", "geo": "NL", "time": "2021", "value": 4.2, "flag": "p", "conf_status": ""},
        {"freq": "A", "unit": "PC_ACT", "sex": "T", "geo": "BE", "time": "2022", "value": None, "flag": "c", "conf_status": ""},
        {"freq": "A", "unit": "PC_ACT", "sex": "T", "geo": "NL", "time": "2022", "value": 3.5, "flag": "p", "conf_status": "C"},
    ]  # the table ends at the first row without a period


@pytest.mark.parametrize("header", ["TIME", "Time", "Date"])
def test_xlsx_table_header_is_time_or_date(header):
    assert len(xlsx.read(book(table(header, ["2021", 1, 2])), "f")[2]) == 2


@pytest.mark.parametrize("rows, message", [
    (table("time", ["2021", 1, 2]), "not a Eurostat data-browser export"),  # no header row: 'time' is not one
    ([HEAD[0], *HEAD[2:], ["TIME", "Belgium"], ["2021", 1]], "not a Eurostat data-browser export"),  # no dataset line
    ([HEAD[0], ["Dataset:", "no code here"], *HEAD[2:], ["TIME", "Belgium"], ["2021", 1]],
     "not a Eurostat data-browser export"),
])
def test_xlsx_without_dataset_or_table_header_is_refused(rows, message):
    with pytest.raises(CorruptDataError, match=message):
        xlsx.read(book(rows), "f.xlsx")


def test_xlsx_defects_name_sheet_row_and_column():
    fails(lambda: xlsx.read(book(table("TIME", ["2021", 1, 2], ["2022", 1, "six"])), "f.xlsx"), CorruptDataError,
          "une_rt_a: Sheet 1, row 11, column C: 'six' is not a Eurostat cell (value and flags) (f.xlsx)")
    fails(lambda: xlsx.read(book(table("TIME", ["2021", "inf", 2])), "f.xlsx"), CorruptDataError,
          "une_rt_a: Sheet 1, row 10, column B: 'inf' is not a Eurostat cell (value and flags) (f.xlsx)")
    bad_date = [HEAD[0], HEAD[1], ["Last updated: ", "yesterday"], *HEAD[3:]]
    fails(lambda: xlsx.read(book([*bad_date, ["TIME", "Belgium"], ["2021", 1]]), "f.xlsx"), CorruptDataError,
          "une_rt_a: Sheet 1, row 3, column B: unreadable update date 'yesterday' (f.xlsx)")


def test_xlsx_without_an_update_line_has_no_release_date():
    assert xlsx.read(book([HEAD[0], HEAD[1], *HEAD[3:], ["TIME", "Belgium"], ["2021", 1]]), "f")[1] == ""


def test_xlsx_unknown_labels_and_other_sheets_are_refused_by_name():
    fails(lambda: xlsx.read(book([*HEAD, ["TIME", "Atlantis"], ["2021", 1]]), "f.xlsx"), UnknownDimensionError,
          "une_rt_a: no code known for geo label 'Atlantis' (f.xlsx)")
    odd = [*HEAD[:4], ["Sex", None, "Neither"], ["TIME", "Belgium"], ["2021", 1]]
    fails(lambda: xlsx.read(book(odd), "f.xlsx"), UnknownDimensionError,
          "une_rt_a: no code known for sex label 'Neither' (f.xlsx)")
    fails(lambda: xlsx.read(book(table("TIME", ["2021", 1, 2]), sheet="Data"), "f.xlsx"), CorruptDataError,
          "f.xlsx: unreadable spreadsheet: 'Worksheet Sheet 1 does not exist.' (f.xlsx)")
    fails(lambda: xlsx.read(book(table("TIME")), "f.xlsx"), EmptyResultError,
          "une_rt_a: the spreadsheet holds no observation (f.xlsx)")


# --- SDMX-CSV 1.0 ---------------------------------------------------------------------------------
from benelux_indicators.errors import NotDataError  # noqa: E402
from benelux_indicators.readers import sdmxcsv, tsv  # noqa: E402

SDMX_HEAD = "DATAFLOW,LAST UPDATE,freq,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS\r\n"


def sdmx(*lines: str, head: str = SDMX_HEAD) -> str:
    return head + "".join(line + "\r\n" for line in lines)


@pytest.mark.parametrize("stamp, iso", [("26/09/25 23:00:00", "2025-09-26"), ("26/09/2025 23:00:00", "2025-09-26"),
                                         ("26/09/25 23:00", "2025-09-26"), ("2025-09-26T23:00:00+0200", "2025-09-26"),
                                         ("2025-09-26T23:00:00", "2025-09-26"), ("2025-09-26", "2025-09-26")])
def test_sdmx_csv_last_update_in_each_written_form_becomes_the_vintage(stamp, iso):
    frame = sdmxcsv.read(sdmx(f"ESTAT:NAMA_10_GDP(1.0),{stamp},A,CP_MEUR,BE,2021,506047.2,p,"), "nama_10_gdp", "f")
    assert frame.vintage.tolist() == [iso]


def test_sdmx_csv_rows_keep_codes_flags_conf_status_and_skip_blank_lines():
    text = sdmx("ESTAT:NAMA_10_GDP(1.0),26/09/25 23:00:00,A,CP_MEUR,BE:Belgium,2021,506047.2,p,",
                ",,,,,,,,", "", "ESTAT:nama_10_gdp(1.0),26/09/25 23:00:00,A,CP_MEUR,EL:Greece,2021:2021,,,C")
    assert records(sdmxcsv.read(text, "nama_10_gdp", "f")) == [
        {"freq": "A", "unit": "CP_MEUR", "geo": "BE", "time": "2021", "value": 506047.2, "flag": "p", "conf_status": "",
         "vintage": "2025-09-26"},
        {"freq": "A", "unit": "CP_MEUR", "geo": "EL", "time": "2021", "value": None, "flag": "", "conf_status": "C",
         "vintage": "2025-09-26"}]  # 'EL' stays Eurostat's code for Greece; only the code before ':' is kept


def test_sdmx_csv_before_the_flag_reform_has_no_conf_status_column():
    head = "DATAFLOW,LAST UPDATE,freq,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG\n"
    frame = sdmxcsv.read(sdmx("ESTAT:MAR_GO_AA(1.0),12/05/26 23:00:00,A,BE,2021,1.5,e", head=head), "mar_go_aa", "f")
    assert records(frame) == [{"freq": "A", "geo": "BE", "time": "2021", "value": 1.5, "flag": "e", "conf_status": "",
                               "vintage": "2026-05-12"}]


@pytest.mark.parametrize("text, kind, message", [
    ("freq,geo\r\nA,BE\r\n", CorruptDataError,
     "d: line 1: not an SDMX-CSV 1.0 header (lacks DATAFLOW, LAST UPDATE, TIME_PERIOD, OBS_VALUE) (f.csv)"),
    ("", CorruptDataError, "d: line 1: not an SDMX-CSV 1.0 header (lacks DATAFLOW, LAST UPDATE, TIME_PERIOD, OBS_VALUE) (f.csv)"),
    (sdmx("ESTAT:D(1.0),26/09/25 23:00:00,A,NR,BE,2021,1"), CorruptDataError, "d: line 2: 7 cells, expected 9 (f.csv)"),
    (sdmx("ESTAT:OTHER(1.0),26/09/25 23:00:00,A,NR,BE,2021,1,,"), CorruptDataError,
     "d: line 2, column DATAFLOW: 'ESTAT:OTHER(1.0)' is not dataset d (f.csv)"),
    (sdmx("ESTAT:D(1.0),someday,A,NR,BE,2021,1,,"), CorruptDataError,
     "f.csv: line 2, column LAST UPDATE: unreadable date 'someday' (f.csv)"),
    (sdmx("ESTAT:D(1.0),26/09/25 23:00:00,A,NR,BE,2021,1,,", "ESTAT:D(1.0),26/09/25 23:00:00,A,NR,NL,2021,x1,,"),
     CorruptDataError, "d: line 3, column OBS_VALUE: 'x1' is not a number (f.csv)"),
    (sdmx("ESTAT:D(1.0),26/09/25 23:00:00,A,NR,BE,2021,nan,,"), CorruptDataError,
     "d: line 2, column OBS_VALUE: 'nan' is not a number (f.csv)"),
    (sdmx(), EmptyResultError, "d: the SDMX-CSV holds a header but no observation (f.csv)"),
])
def test_sdmx_csv_defects_name_dataset_line_column_and_file(text, kind, message):
    fails(lambda: sdmxcsv.read(text, "d", "f.csv"), kind, message)


@pytest.mark.parametrize("text, expected", [("DATAFLOW,x", True), ('"DATAFLOW","x"', True), ("freq,geo\\TIME", False),
                                            ("x DATAFLOW", False)])
def test_sdmx_csv_is_told_by_its_first_cell(text, expected):
    assert sdmxcsv.sniff(text) is expected


# --- TSV ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("raw, kind, message", [
    (b"\x1f\x8b\x08\x00broken", CorruptDataError, None),
    (b"\xff\xfe\x00bad", CorruptDataError, None),
    (b"  <!DOCTYPE html><html>", NotDataError, "d: an HTML page came back instead of TSV data (f.tsv)"),
    (b"<HTML><head>", NotDataError, "d: an HTML page came back instead of TSV data (f.tsv)"),
    (b"<?xml version='1.0'?><x><BODY>", NotDataError, "d: an HTML page came back instead of TSV data (f.tsv)"),
    (b"<?xml version='1.0'?><message/>", NotDataError, "d: an XML document came back instead of TSV data (f.tsv)"),
])
def test_tsv_bodies_that_are_not_data_are_named(raw, kind, message):
    with pytest.raises(kind) as caught:
        tsv.decode(raw, "d", "f.tsv")
    assert (caught.value.dataset, caught.value.path) == ("d", "f.tsv")
    if message:
        assert str(caught.value) == message


def test_tsv_decodes_gzip_and_a_byte_order_mark():
    import gzip

    body = "\ufefffreq,geo\\TIME_PERIOD\t2021 \r\nA,BE\t1 \r\n"
    assert tsv.decode(gzip.compress(body.encode("utf-8")), "d", "f") == body[1:]
    late = "x" * 196 + "<body>"  # the first 200 characters are what tell an HTML page
    assert tsv.decode(late.encode(), "d", "f") == late


@pytest.mark.parametrize("cell, expected", [("12.5 p", (12.5, "p")), ("0n", (0.0, "n")), (": c", (None, "c")),
                                            (":", (None, "")), (":c", (None, "c")), ("-3", (-3.0, "")),
                                            ("7 bep", (7.0, "bep"))])
def test_tsv_cells(cell, expected):
    assert tsv.parse_cell(cell) == expected


@pytest.mark.parametrize("text, kind, message", [
    ("freq,geo\t2021\nA,BE\t1\n", CorruptDataError,
     "d: first line is not a Eurostat TSV header (dims\\TIME_PERIOD) (f.tsv)"),
    ("freq,geo\\TIME_PERIOD 2021\nA,BE 1\n", CorruptDataError,
     "d: first line is not a Eurostat TSV header (dims\\TIME_PERIOD) (f.tsv)"),
    ("freq,geo\\TIME_PERIOD\t2021 \nA,BE\t1 \nA\t2 \n", CorruptDataError,
     "d: malformed line 3: 1 codes/1 cells, expected 2/1 (f.tsv)"),
    ("freq,geo\\TIME_PERIOD\t2021 \t2022 \nA,BE\t1 \tx \n", CorruptDataError,
     "d: malformed cell 'x' on line 2, column 2022 (f.tsv)"),
    ("freq,geo\\TIME_PERIOD\t2021 \n\n", EmptyResultError, "d: the TSV holds a header but no observation (f.tsv)"),
])
def test_tsv_defects_name_dataset_line_column_and_file(text, kind, message):
    fails(lambda: tsv.read(text, "d", "f.tsv"), kind, message)


def test_tsv_rows_keep_flags_and_conf_status_and_eurostat_geo_codes():
    text = "freq,unit,geo\\TIME_PERIOD\t2021 \t2022 \r\nA,NR,EL\t10 p\t: @C\r\n\r\nA,NR,BE\t0n\t12.3 p@C\r\n"
    assert records(tsv.read(text, "d", "f")) == [
        {"freq": "A", "unit": "NR", "geo": "EL", "time": "2021", "value": 10.0, "flag": "p", "conf_status": ""},
        {"freq": "A", "unit": "NR", "geo": "EL", "time": "2022", "value": None, "flag": "", "conf_status": "C"},
        {"freq": "A", "unit": "NR", "geo": "BE", "time": "2021", "value": 0.0, "flag": "n", "conf_status": ""},
        {"freq": "A", "unit": "NR", "geo": "BE", "time": "2022", "value": 12.3, "flag": "p", "conf_status": "C"}]


@pytest.mark.parametrize("cell", ["1e309", "11_554_767", "11554767,5", "1.5.2", "١٢٣", "12 <b>", "12 p<script>",
                                  ": <i>", "9" * 400, "12 P", "12 p@X", "+12"])
def test_a_damaged_cell_is_refused_not_read_as_a_number_and_a_flag(cell):
    with pytest.raises(ValueError):
        tsv.parse_cell(cell)


@pytest.mark.parametrize("cell, expected", [("12.3 p@C", (12.3, "p@C")), (": @C", (None, "@C")), ("5 i", (5.0, "i")),
                                            (": m", (None, "m")), ("1235161", (1235161.0, "")), ("4 bep", (4.0, "bep"))])
def test_both_flag_schemes_are_read(cell, expected):
    assert tsv.parse_cell(cell) == expected


def test_a_damaged_cell_is_named_by_file_line_and_column():
    with pytest.raises(CorruptDataError, match=r"d: malformed cell '11_554_767' on line 3, column 2021 \(f.tsv\)"):
        tsv.read("freq,geo\\TIME_PERIOD\t2020 \t2021 \nA,BE\t1 \t2 \nA,NL\t3 \t11_554_767 \n", "d", "f.tsv")


@pytest.mark.parametrize("value, flag, message", [
    ("1e309", "", "column OBS_VALUE: '1e309' is not a number"), ("11_554_767", "", "'11_554_767' is not a number"),
    ("11554767,5", "", "is not a number"), ("12", "<b>x</b>", "column OBS_FLAG/CONF_STATUS: ['<b>x</b>', '']")])
def test_sdmx_csv_cells_are_read_strictly(value, flag, message):
    head = "DATAFLOW,LAST UPDATE,freq,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS\n"
    row = f'ESTAT:D(1.0),26/09/25 23:00:00,A,BE,2021,"{value}",{flag},\n'
    with pytest.raises(CorruptDataError, match=re.escape(message)):
        sdmxcsv.read(head + row, "d", "f.csv")
