"""The mirror reader on the real Eurostat files in ../shared/eurostat."""
import pytest

from benelux_indicators.errors import EmptyResultError, UnknownDatasetError, UnknownDimensionError
from benelux_indicators.sources.mirror import Mirror
from benelux_indicators.sources.query import Query

POP = {"freq": "A", "unit": "NR", "age": "TOTAL", "sex": "T"}


def test_benelux_population_2021(mirror):
    frame = Mirror(mirror).fetch(Query.make("demo_pjan", POP, geo=["BE", "NL", "LU"], start=2021, end=2021))
    assert frame.set_index("geo").value.to_dict() == {"BE": 11554767, "LU": 634730, "NL": 17475415}
    assert frame.value.sum() == 29_664_912
    assert set(frame.vintage) == {"sha256:d9bc68d191df"} and set(frame.source) == {"eurostat"}


def test_eu_total_keeps_its_three_letter_flag(mirror):
    frame = Mirror(mirror).fetch(Query.make("demo_pjan", POP, geo=["EU27_2020"], start=2021, end=2021))
    assert frame.iloc[0].value == 445_891_011 and frame.iloc[0].flag == "bep"


def test_provisional_flags_survive(mirror):
    frame = Mirror(mirror).fetch(Query.make("nama_10_pc", {"unit": "CP_EUR_HAB"}, geo=["BE"], start=2024))
    assert frame.set_index("time").flag.to_dict() == {"2024": "p", "2025": "p"}


def test_data_browser_xlsx_is_read_with_codes_and_update_date(mirror):
    frame = Mirror(mirror).fetch(Query.make("une_rt_a", {"unit": "PC_ACT", "age": "Y15-74"},
                                            geo=["BE", "NL", "LU", "EU27_2020"], start=2021, end=2021))
    assert frame.set_index("geo").value.to_dict() == {"BE": 6.3, "EU27_2020": 7.1, "LU": 5.3, "NL": 4.2}
    assert set(frame.vintage) == {"2024-12-12"}


def test_extract_without_eu_row_sums_to_the_published_benelux_gic(mirror):
    frame = Mirror(mirror).fetch(Query.make("nrg_bal_c", {"nrg_bal": "GIC", "siec": "TOTAL"},
                                            geo=["BE", "NL", "LU"], start=2021, end=2021))
    assert round(frame.value.sum(), 3) == round(660835.667 + 863780.860 + 49098.579, 3)


def test_unknown_dataset_dimension_and_code(mirror):
    source = Mirror(mirror)
    with pytest.raises(UnknownDatasetError, match="nama_10_gdp: no file"):
        source.fetch(Query.make("nama_10_gdp"))
    with pytest.raises(UnknownDimensionError, match="no dimension 'sectperf'"):
        source.fetch(Query.make("demo_pjan", {"sectperf": "TOTAL"}))
    with pytest.raises(EmptyResultError, match=r"no rows for nrg_bal=\['PPRD'\]; present: \['GIC'\]"):
        source.fetch(Query.make("nrg_bal_c", {"nrg_bal": "PPRD"}))
