import math

from benelux_indicators.sources.publications import Publications
from benelux_indicators.sources.query import Query


def test_units_are_converted_in_the_open(publications):
    frame = Publications(publications).fetch(
        Query.make("road_go_ta_tott", {"indicator": "road_freight_tkm"}, geo=["EU27_2020"], start=2021, end=2021))
    row = frame.iloc[0]
    assert (row.value, row.unit, row.printed_value, row.printed_unit) == (1_921_000, "MIO_TKM", "1921", "billion tkm")
    assert "Road freight transport statistics" in row.citation and row.vintage == "Eurostat article on 2023 data (published 2024)"


def test_confidential_gap_is_flagged_not_zero(publications):
    frame = Publications(publications).fetch(
        Query.make("rail_go_total", {"indicator": "rail_freight_tkm"}, geo=["BE"], start=2020, end=2020))
    assert math.isnan(frame.iloc[0].value) and frame.iloc[0].flag == "c"


def test_approximate_figures_are_flagged_estimated(publications):
    frame = Publications(publications).fetch(
        Query.make("TAXUD VAT gap report 2022", {"indicator": "vat_gap"}, geo=["BE", "NL"], start=2020, end=2020))
    assert frame.set_index("geo").flag.to_dict() == {"BE": "e", "NL": ""}
    assert frame.set_index("geo").value.to_dict() == {"BE": 4500, "NL": 1700}
