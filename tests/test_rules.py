"""The rules the README promises, one per test, each on a tiny table the test builds (in the
manner of Our World in Data's etl tests): none depends on the committed snapshot, and each
sits on the rule's boundary, so a one-line change to a rule fails here."""
from __future__ import annotations

import dataclasses
import json
from decimal import Decimal

import pandas as pd
import pytest

from benelux_indicators import changelog, compare, editions, engine, messages, rounding, tidy
from benelux_indicators.compare import Comparison, Part
from benelux_indicators.errors import RecipeError
from benelux_indicators.plan import PrintedFigure
from benelux_indicators.present import explain, provenance
from benelux_indicators.recipes import parse
from benelux_indicators.sources import rawcache
from benelux_indicators.sources.eurostat_api import EurostatAPI
from benelux_indicators.sources.query import Query

LABELS = {"nl": "x", "fr": "x", "de": "x", "en": "x"}


def table(*rows: tuple, dataset: str = "d", source: str = "eurostat", **columns: str) -> pd.DataFrame:
    """Rows of (geo, time, value[, flag[, vintage[, conf_status]]]) in the tidy table."""
    records = []
    for row in rows:
        geo, time, value, flag, vintage, conf = (*row, *("", "v1", "")[len(row) - 3:])
        records.append({"dataset": dataset, "indicator": dataset, "geo": geo, "time": str(time), "value": value,
                        "flag": flag, "conf_status": conf, "unit": "X", "source": source, "origin": "test",
                        "vintage": vintage, **columns})
    return tidy.conform(pd.DataFrame(records))


def recipe(operation: str = "sum", **extra) -> object:
    inputs = extra.pop("inputs", {"value": {"source": "eurostat", "dataset": "d", **extra.pop("series", {})}})
    return parse({"id": "r", "labels": LABELS, "theme": "general", "unit": extra.pop("unit", "persons"),
                  "operation": operation, "inputs": inputs, **extra}, "test")


def printed(value: str, decimals: int, year: int = 2021, text: str | None = None) -> PrintedFigure:
    return PrintedFigure("r", text or value, Decimal(value), decimals, "x", year)


BNL = [("BE", 2021, 1.0), ("NL", 2021, 2.0), ("LU", 2021, 3.0)]


# --- rounding and years ----------------------------------------------------------------------------

@pytest.mark.parametrize("value, decimals, expected", [(2.5, 0, 3), (0.125, 2, Decimal("0.13")), (6.65, 1, Decimal("6.7")),
                                                       (6.6499, 1, Decimal("6.6")), (-0.5, 0, -1)])
def test_rounding_is_half_up_at_the_printed_precision(value, decimals, expected):
    assert rounding.rounded(value, decimals) == expected


@pytest.mark.parametrize("be, status", [(1.05, "match"), (1.0499, "differs")])
def test_match_means_rounding_half_up_to_the_printed_value(be, status):
    data = engine.Data(table(("BE", 2021, be), ("NL", 2021, 2.0), ("LU", 2021, 3.0)))
    c = compare.compare(recipe(), printed("6.1", 1), data)  # 6.05 -> 6.1, 6.0499 -> 6.0
    assert c.status == status and c.stated == 6.1


def test_a_reference_year_is_never_compared_with_another_years_printed_value():
    data = engine.Data(table(*BNL, ("BE", 2022, 1.0), ("NL", 2022, 2.0), ("LU", 2022, 3.5)))
    c = compare.compare(recipe(), printed("6", 0, year=2021), data, year=2022, plan_name="2024")
    assert (c.computed, c.status, c.stated, c.stated_text) == (6.5, "not_printed", None, "")
    assert c.cause == (Part("since_plan", {"plan": "2024", "printed": "6", "printed_year": 2021, "stated": 6.0,
                                           "unit": "x", "decimals": 0, "now": 6.5,
                                           "change": pytest.approx(100 / 12)}),)


# --- inputs ----------------------------------------------------------------------------------------

def test_conflicting_rows_for_one_country_are_refused():
    data = engine.Data(table(*BNL, ("BE", 2021, 1.5)))
    c = compare.compare(recipe(), printed("6", 0), data)
    assert c.computed is None and c.status == "no_data"
    assert c.cause[0].values["problems"][0]["what"] == "conflicting values [1.0, 1.5]"


def test_the_same_row_twice_is_not_a_conflict():
    assert compare.compare(recipe(), printed("6", 0), engine.Data(table(*BNL, ("BE", 2021, 1.0)))).computed == 6.0


@pytest.mark.parametrize("flag, conf", [("c", ""), ("", "C"), ("", "N")])
def test_confidential_inputs_give_no_number(flag, conf):
    data = engine.Data(table(("BE", 2021, None, flag, "v1", conf), *BNL[1:]))
    c = compare.compare(recipe(), printed("6", 0), data)
    assert c.computed is None and c.cause[0].key == "cannot"
    assert c.cause[0].values["problems"] == [{"series": "d", "what": "confidential", "geos": ["BE"]}]


def test_a_missing_country_never_counts_as_zero():
    c = compare.compare(recipe(), printed("3", 0), engine.Data(table(*BNL[1:])))
    assert c.computed is None and c.cause[0].values["problems"][0] == {"series": "d", "what": "not in the data",
                                                                         "geos": ["BE"]}


def test_a_filter_on_a_dimension_the_data_lack_is_an_error():
    with pytest.raises(RecipeError, match=r"the d rows have no dimension \['sectperf'\]"):
        compare.compare(recipe(series={"filters": {"sectperf": "TOTAL"}}), printed("6", 0), engine.Data(table(*BNL)))


def test_a_country_declared_absent_is_left_out_and_said():
    r = recipe(series={"absent": {"LU": "no_sea_port"}})
    c = compare.compare(r, printed("3", 0), engine.Data(table(*BNL[:2])))
    assert (c.computed, c.status) == (3.0, "match") and Part("absent", {"geos": ["LU"], "why": "no_sea_port"}) in c.notes


# --- shares: one release, one kind of source ------------------------------------------------------------

SHARE = {"series": {"eu": "EU27_2020"}}


def test_a_share_refuses_a_numerator_and_eu_denominator_from_different_releases():
    frame = pd.concat([table(*BNL), table(("EU27_2020", 2021, 60.0, "", "v2"))])
    c = compare.compare(recipe("share_of_eu", **SHARE), printed("10", 0), engine.Data(frame))
    assert c.computed is None
    assert c.cause[0].values["problems"][0]["what"] == ("mixed releases refused: numerator ['eurostat'] ['v1'] vs "
                                                         "EU denominator ['eurostat'] ['v2']")


def test_a_share_from_one_release_is_computed():
    frame = pd.concat([table(*BNL), table(("EU27_2020", 2021, 60.0))])
    c = compare.compare(recipe("share_of_eu", **SHARE), printed("10", 0), engine.Data(frame))
    assert (c.computed, c.status) == (10.0, "match") and c.parts["EU27_2020"] == 60.0


def test_a_share_may_mix_releases_when_the_recipe_says_why():
    frame = pd.concat([table(*BNL), table(("EU27_2020", 2021, 60.0, "", "v2"))])
    c = compare.compare(recipe("share_of_eu", mixed_vintages="same figures, reprinted", **SHARE), printed("10", 0),
                        engine.Data(frame))
    assert c.computed == 10.0 and c.notes[-1].key == "mixed" and c.notes[-1].values["reason"] == "same figures, reprinted"


def test_the_eu_as_the_sum_of_its_members_needs_every_member():
    from benelux_indicators.geo import EU27_2020_MEMBERS

    members = [(g, 2021, 10.0) for g in EU27_2020_MEMBERS]
    r = recipe("share_of_eu", series={"eu": "EU27_2020_MEMBERS"})
    assert compare.compare(r, printed("11", 0), engine.Data(table(*members))).computed == pytest.approx(30 / 270 * 100)
    one = compare.compare(r, printed("11", 0), engine.Data(table(*members[:-1]))).cause[0].values["problems"]
    assert one == [{"series": "d", "what": "not in the data", "geos": [EU27_2020_MEMBERS[-1]]}]
    two = compare.compare(r, printed("11", 0), engine.Data(table(*members[:-2]))).cause[0].values["problems"]
    assert two[0]["what"] == "2 of 27 members lacking" and two[0]["geos"] == ["EU27_2020_MEMBERS"]


# --- plausibility -----------------------------------------------------------------------------------

@pytest.mark.parametrize("unit, value, shown", [("km2", -1.0, False), ("km2", 0.0, True), ("percent", 100.0, True),
                                                ("percent", 100.5, False), ("percent", -0.1, False)])
def test_a_compared_figure_its_unit_cannot_have_is_not_shown(unit, value, shown):
    c = compare.compare(recipe(unit=unit, series={"geo": "BE"}), printed("1", 0), engine.Data(table(("BE", 2021, value))))
    assert (c.computed is not None) == shown


# --- fallbacks -------------------------------------------------------------------------------------------

FALLBACK = {"fallbacks": [{"operation": "sum", "note": "the stand-in",
                           "inputs": {"value": {"source": "eurostat", "dataset": "f"}}}]}


def test_the_primary_comes_first_when_it_computes():
    frame = pd.concat([table(*BNL), table(("BE", 2021, 10.0), ("NL", 2021, 10.0), ("LU", 2021, 10.0), dataset="f")])
    c = compare.compare(recipe(**FALLBACK), printed("6", 0), engine.Data(frame))
    assert (c.computed, c.role) == (6.0, "primary") and Part("fallback") not in c.cause


def test_a_fallback_stands_in_and_says_so():
    frame = table(("BE", 2021, 10.0), ("NL", 2021, 10.0), ("LU", 2021, 10.0), dataset="f")
    c = compare.compare(recipe(**FALLBACK), printed("30", 0), engine.Data(frame))
    assert (c.computed, c.role, c.status) == (30.0, "fallback", "match") and c.cause[-1] == Part("fallback")
    assert Part("method", {"text": "the stand-in"}) in c.notes
    assert "(From a fallback series.)" in messages.render(c.cause, "en")


# --- revisions ---------------------------------------------------------------------------------------------

def test_revised_needs_an_earlier_release_that_rounds_to_the_printed_value():
    earlier = {"earlier_releases": [{"operation": "sum", "inputs": {"value": {"source": "eurostat", "dataset": "old"}}}]}
    frame = pd.concat([table(*BNL), table(("BE", 2021, 0.0), ("NL", 2021, 2.0), ("LU", 2021, 3.0), dataset="old")])
    c = compare.compare(recipe(**earlier), printed("5", 0), engine.Data(frame))
    assert c.status == "revised" and c.cause[0].key == "earlier"
    assert (c.cause[0].values["old"], c.cause[0].values["new"]) == (5.0, 6.0)
    assert compare.compare(recipe(**earlier), printed("4", 0), engine.Data(frame)).status == "differs"


# --- raw vintages and editions ---------------------------------------------------------------------------

def test_the_newest_raw_vintage_is_served(tmp_path):
    query = Query.make("demo_pjan", {"unit": "NR"}, geo=["BE"])
    for value in ("1", "2"):
        body = f"freq,unit,geo\\TIME_PERIOD\t2021 \r\nA,NR,BE\t{value} \r\n".encode()
        rawcache.store(tmp_path, query, [body], {"retrieved_at": "x", "last_update": f"release {value}"})
    frame = EurostatAPI(cache_dir=tmp_path, offline=True).fetch(query)
    assert frame.value.tolist() == [2.0] and set(frame.vintage) == {"release 2"}


def test_the_latest_edition_is_the_one_made_last_not_the_highest_name(tmp_path, monkeypatch):
    monkeypatch.setenv("BENELUX_HOME", str(tmp_path))
    (tmp_path / "data" / "processed").mkdir(parents=True)
    for name, made in (("2031", "2026-01-01T00:00:00+00:00"), ("2030b", "2026-02-01T00:00:00+00:00")):
        editions.write_json(editions.Record(name, made))
    assert editions.names() == ["2031", "2030b"] and editions.latest().edition == "2030b"


def _figure(fid: str = "f", computed: float | None = 1.0, year: int = 2021, flags: str = "", status: str = "match",
            stale: tuple = ()) -> editions.Figure:
    cause = (Part("no_data", {"year": year, "problems": [], "fetch": []}),)
    source = compare.SourceEntry("eurostat", "d", vintage=("v1",))
    return editions.Figure(Comparison(fid, {"en": fid}, "general", year, None, "", 0, "NR", computed, status, cause,
                                      flags, "primary", "sum", sources=(source,)), tuple(stale))


def _figure_with_cause(**kwargs) -> editions.Figure:
    figure = _figure(**kwargs)
    cause = (Part("no_data", {"year": 2021, "problems": [{"series": "d", "what": "not in the data", "geos": ["BE"]}],
                              "fetch": []}),)
    return dataclasses.replace(figure, comparison=dataclasses.replace(figure.comparison, cause=cause))


def _edition(name: str, *figures: editions.Figure, **more) -> editions.Record:
    return editions.Record(name, "2026-01-01T00:00:00+00:00", figures, **more)


@pytest.mark.parametrize("old, new, expected", [
    (_figure(computed=100.0), _figure(computed=101.0),
     [("revised", "f", 0.01, "2021: 100 -> 101 (+1, +1.000%); vintage v1 -> v1", 100.0, 101.0)]),
    (_figure(computed=2000.0), _figure(computed=2500.0),
     [("revised", "f", 0.25, "2021: 2,000 -> 2,500 (+500, +25.000%); vintage v1 -> v1", 2000.0, 2500.0)]),
    (_figure(computed=100.0), _figure(computed=100.0, year=2022),
     [("new_year", "f", 0.3, "reference year 2021 -> 2022: 100 -> 100 (+0, +0.000%); vintage v1 -> v1", 100.0, 100.0)]),
    (_figure(flags=""), _figure(flags="p"), [("flags", "f", 0.05, "flags '' -> 'p'", "", "p")]),
    (_figure(status="match"), _figure(status="differs"), [("status", "f", 0.2, "status match -> differs", "match", "differs")]),
    (_figure(computed=5.0), _figure_with_cause(computed=None, status="no_data"),
     [("no_longer_computed", "f", 1.0, "was 5 (2021); now: No data for 2021: d: not in the data for BE.", 5.0, None),
      ("status", "f", 0.2, "status match -> no_data", "match", "no_data")]),
    (_figure(computed=None, status="no_data"), _figure(computed=5.0),
     [("newly_computed", "f", 0.5, "now 5 (2021, primary)", None, 5.0),
      ("status", "f", 0.2, "status no_data -> match", "no_data", "match")]),
    (_figure(), _figure(stale=("eurostat:d",)), [("stale", "f", 0.6, "uses values kept from before: eurostat:d", None, None)]),
    (_figure(computed=1.0), _figure(computed=1.0 + 1e-12), []),  # a rounding-noise move is no revision
])
def test_every_change_kind_reaches_the_changelog_with_its_numbers(old, new, expected):
    changes = changelog.diff(_edition("a", old), _edition("b", new))
    assert [(c.kind, c.id, round(c.score, 6), c.detail, c.old, c.new) for c in changes] == expected


def test_figures_added_or_removed_and_the_biggest_change_first():
    changes = changelog.diff(_edition("a", _figure("x", computed=1.0), _figure("z", computed=10.0)),
                             _edition("b", _figure("y"), _figure("z", computed=10.5)))
    assert [(c.kind, c.id, c.score, c.detail) for c in changes] == [
        ("figure_added", "y", 0.8, "a new figure"), ("figure_removed", "x", 0.8, "no longer on the page"),
        ("revised", "z", pytest.approx(0.05), "2021: 10 -> 10.5 (+0.5, +5.000%); vintage v1 -> v1")]
    md = changelog.markdown(changes, _edition("a", snapshot_sha256="0" * 64),
                            _edition("b", snapshot_sha256="1" * 64,
                                     failures=editions.Failures(stale={"eurostat:d": "ServerError: 503"})))
    assert md.startswith("# Changes from a to b\n\n3 change(s), biggest first. Snapshot 000000000000 -> 111111111111.")
    assert "**Could not be fetched; previous values kept and marked stale:**\n\n- `eurostat:d`: ServerError: 503" in md
    assert "| 0.800 | figure_added | `y` | a new figure |" in md
    assert changelog.as_json(changes, _edition("a"), _edition("b"))["changes"][2]["new"] == 10.5


@pytest.mark.parametrize("before, after, kind", [
    ({"s": editions.SeriesRows(3, ("v1",))}, {}, "series_gone"),
    ({}, {"s": editions.SeriesRows(3, ("v1",))}, "series_new"),
    ({"s": editions.SeriesRows(3, ("v1",))}, {"s": editions.SeriesRows(3, ("v2",))}, "vintage")])
def test_series_gone_new_or_in_a_new_release_reach_the_changelog(before, after, kind):
    changes = changelog.diff(_edition("a", series=before), _edition("b", series=after))
    assert [c.kind for c in changes] == [kind]


def test_a_saved_edition_renders_its_cause_in_the_readers_language():
    data = engine.Data(table(*BNL[1:]))
    c = compare.compare(recipe(), printed("6", 0), data)
    saved = editions.Record("x", "2026-01-01T00:00:00+00:00", (editions.Figure(c),)).to_json()
    back = editions.Record.from_json(json.loads(json.dumps(saved))).comparisons()[0]
    assert back == c
    assert messages.render(back.cause, "nl").startswith("Geen gegevens voor 2021: d: niet in de gegevens voor BE.")
    assert messages.render(back.cause, "fr").startswith("Pas de données pour 2021 : d : absent des données pour BE.")


# --- provenance reaches explain and the downloads --------------------------------------------------------

def test_every_source_entry_and_the_eu_rows_reach_explain_and_the_download():
    frame = pd.concat([table(*[(g, t, v, "", "release-A") for g, t, v in BNL]),
                       table(("EU27_2020", 2021, 60.0, "p", "release-A"))])
    c = compare.compare(recipe("share_of_eu", **SHARE), printed("10", 0), engine.Data(frame))
    [entry] = c.sources
    assert entry.vintage == ("release-A",) and entry.flags == {"EU27_2020": "p"}
    assert entry.geo == ("BE", "NL", "LU", "EU27_2020")
    text = "\n".join(explain.lines(c, "en"))
    assert text.count("vintage release-A") == 4 and "EU27_2020" in text
    csv = provenance.csv_text(c.inputs)
    assert csv.count("release-A") == 4 and "EU27_2020" in csv


def test_a_share_that_differs_says_which_eu_totals_the_printed_value_needs():
    frame = pd.concat([table(*BNL), table(("EU27_2020", 2021, 60.0))])
    c = compare.compare(recipe("share_of_eu", **SHARE), printed("9", 0), engine.Data(frame))
    assert c.status == "differs" and [p.key for p in c.cause] == ["unknown", "implied_eu"]
    implied = c.cause[1].values
    assert (implied["printed"], implied["eu"], implied["total"]) == ("9", "EU27_2020", 60.0)
    assert implied["low"] == pytest.approx(600 / 9.5) and implied["high"] == pytest.approx(600 / 8.5)
    assert messages.render(c.cause, "en").endswith("needs an EU total between 63 and 71; the source's EU27_2020 "
                                                   "total is 60.")


def test_a_source_entry_holds_vintages_flags_citations_and_declared_absences():
    frame = table(("BE", 2021, 1.0, "p", "r1"), ("NL", 2021, 2.0, "", "r1"), source="publication",
                  citation="A report", citation_ref="https://example.org/r")
    r = recipe(inputs={"value": {"source": "publication", "dataset": "d", "absent": {"LU": "no_sea_port"}}})
    [entry] = compare.compare(r, printed("3", 0), engine.Data(frame)).sources
    assert entry == compare.SourceEntry("publication", "d", "value", {}, "d", ("BE", "NL", "LU"), ("r1",), {"BE": "p"},
                                        ("A report",), (("A report", "https://example.org/r"),), {"LU": "no_sea_port"})
    assert entry.key == "publication:d"
    assert compare.SourceEntry.from_dict(json.loads(json.dumps(entry.as_dict()))) == entry
    assert compare.SourceEntry.from_dict({"source": "eurostat", "dataset": "x"}) == compare.SourceEntry("eurostat", "x")


def test_one_build_computes_each_figure_once_for_every_language(monkeypatch):
    from benelux_indicators import build

    calls = []
    real = compare.compare_all
    monkeypatch.setattr(compare, "compare_all", lambda *a, **k: calls.append(1) or real(*a, **k))
    run = build.Build(build.plan.load("2024"), build.recipes.load_all(), engine.Data(table(*BNL)))
    for lang in ("nl", "fr", "de", "en"):
        [messages.render(c.cause, lang) for c in run.comparisons]
    assert len(calls) == 1 and len(run.comparisons) == 24


# --- operations: the whole outcome, on the rule's boundary ---------------------------------------------
from benelux_indicators.operations import Problem  # noqa: E402


def outcome(r, frame: pd.DataFrame, year: int = 2021):
    return engine.evaluate(r.primary, engine.Data(frame), year)


def test_a_sum_over_components_carries_optional_and_not_applicable_parts_and_names_the_missing_one():
    crf = {"sum_over": "src_crf", "filters": {"src_crf": ["S1", "S2", "S6"]}, "optional": ["S6"]}
    rows = [(g, 2021, v, f, "v1", "", s) for g, s, v, f in
            [("BE", "S1", 10.0, ""), ("BE", "S2", 5.0, "e"), ("BE", "S6", None, "z"),  # z: not applicable
             ("NL", "S1", 20.0, ""), ("NL", "S2", 1.0, ""),  # NL has no S6 row: optional
             ("LU", "S1", 1.0, "")]]  # LU lacks S2
    frame = tidy.conform(pd.concat([table(r[:6], src_crf=r[6]) for r in rows], ignore_index=True))
    out = outcome(recipe(series=crf), frame)
    assert out.value is None and out.parts == {}
    assert out.problems == [Problem("value", "LU", "S2 not in the data", "d [src_crf=S1+S2+S6]")]
    fine = outcome(recipe(series=crf), frame[frame.geo != "LU"].pipe(
        lambda f: pd.concat([f, table(("LU", 2021, 1.0, "", "v1"), src_crf="S2"), table(("LU", 2021, 1.0), src_crf="S1")])))
    assert (fine.value, fine.parts) == (38.0, {"BE": 15.0, "NL": 21.0, "LU": 2.0})
    assert sorted(pd.concat(fine.rows).flag) == ["", "", "", "", "", "e", "z"]  # the n/a row's flag is carried


def test_a_confidential_component_names_itself():
    crf = {"sum_over": "src_crf", "filters": {"src_crf": ["S1", "S2"]}}
    frame = pd.concat([table(("BE", 2021, 1.0), src_crf="S1"), table(("BE", 2021, None, "c"), src_crf="S2")])
    out = outcome(recipe(series={**crf, "geo": "BE"}), frame)
    assert out.problems == [Problem("value", "BE", "S2 confidential", "d [src_crf=S1+S2]")]


def test_a_share_of_the_eu_has_each_countrys_part_and_the_eu_total():
    frame = pd.concat([table(*BNL), table(("EU27_2020", 2021, 60.0))])
    out = outcome(recipe("share_of_eu", **SHARE), frame)
    assert out.value == 10.0 and out.parts == {"BE": 100 / 60, "NL": 200 / 60, "LU": 300 / 60, "EU27_2020": 60.0}
    assert [(r.role.iloc[0], len(r)) for r in out.rows] == [("value", 3), ("EU", 1)]


def test_an_eu_built_from_members_says_how_many_are_lacking():
    members = {"series": {"eu": "EU27_2020_MEMBERS"}}
    frame = table(*BNL, ("DE", 2021, 10.0))
    out = outcome(recipe("share_of_eu", **members), frame)
    assert out.value is None
    lacking = len(recipe("share_of_eu", **members).primary.inputs["value"].eu_geos) - 4
    assert out.problems == [Problem("EU", "EU27_2020_MEMBERS", f"{lacking} of 27 members lacking", "d")]
    one = outcome(recipe("share_of_eu", **SHARE), table(*BNL))
    assert one.problems == [Problem("EU", "EU27_2020", "not in the data", "d")]


def test_mixed_releases_accepted_by_the_recipe_are_noted_with_the_reason():
    frame = pd.concat([table(*BNL), table(("EU27_2020", 2021, 60.0, "", "v2"))])
    out = outcome(recipe("share_of_eu", series={"eu": "EU27_2020"}, mixed_vintages="the 2021 values were not revised"),
                  frame)
    assert out.value == 10.0 and out.problems == []
    assert out.notes == [{"detail": "numerator ['eurostat'] ['v1'] vs EU denominator ['eurostat'] ['v2']",
                          "reason": "the 2021 values were not revised"}]
    refused = outcome(recipe("share_of_eu", **SHARE), frame)
    assert refused.problems == [Problem("value", "", "mixed releases refused: numerator ['eurostat'] ['v1'] vs "
                                                     "EU denominator ['eurostat'] ['v2']", "")]


def test_a_ratio_of_sums_gives_parts_only_per_matching_country():
    two = {"numerator": {"source": "eurostat", "dataset": "n"}, "denominator": {"source": "eurostat", "dataset": "p"}}
    frame = pd.concat([table(*BNL, dataset="n"), table(("BE", 2021, 2.0), ("NL", 2021, 0.0), ("LU", 2021, 2.0),
                                                       dataset="p")])
    out = outcome(recipe("ratio_of_sums", inputs=two, scale=10), frame)
    assert out.value == 6 / 4 * 10 and out.parts == {"BE": 5.0, "LU": 15.0}  # no part where the denominator is 0
    eu_den = {**two, "denominator": {**two["denominator"], "geo": "EU27_2020"}}
    out = outcome(recipe("ratio_of_sums", inputs=eu_den), pd.concat([table(*BNL, dataset="n"),
                                                                      table(("EU27_2020", 2021, 60.0), dataset="p")]))
    assert out.value == 0.1 and out.parts == {}


def test_a_weighted_mean_weights_each_country():
    two = {"value": {"source": "eurostat", "dataset": "r"}, "weight": {"source": "eurostat", "dataset": "w"}}
    frame = pd.concat([table(("BE", 2021, 6.0), ("NL", 2021, 4.0), ("LU", 2021, 5.0), dataset="r"),
                       table(("BE", 2021, 1.0), ("NL", 2021, 3.0), ("LU", 2021, 0.0), dataset="w")])
    out = outcome(recipe("weighted_mean", inputs=two, unit="percent"), frame)
    assert out.value == (6 + 12) / 4 and out.parts == {"BE": 6.0, "NL": 4.0, "LU": 5.0}


@pytest.mark.parametrize("unit, value, shown", [("percent", 0.0, True), ("percent", 100.0, True),
                                                ("percent", -0.01, False), ("percent", 100.01, False),
                                                ("persons", 0.0, True), ("persons", -1.0, False), ("index", -5.0, True)])
def test_a_value_its_unit_cannot_have_is_not_shown(unit, value, shown):
    r = recipe(unit=unit)
    result = engine.plausible(r, engine.Outcome(value, {"BE": value}, [], [], [{"n": 1}], {"LU": "x"}))
    if shown:
        assert result.value == value and result.problems == []
    else:
        assert result.value is None and result.parts == {"BE": value}
        assert result.problems == [Problem("value", "", f"implausible value {value:g} for a figure in {unit}", "")]
        assert (result.notes, result.absent) == ([{"n": 1}], {"LU": "x"})


def test_a_comparison_is_read_back_whole_and_a_short_record_gets_the_defaults():
    frame = pd.concat([table(*BNL), table(("EU27_2020", 2021, 60.0, "", "v2"))])
    r = recipe("share_of_eu", series={"eu": "EU27_2020"}, mixed_vintages="not revised")
    c = compare.compare(r, printed("10", 0), engine.Data(frame))
    assert c.notes and c.sources and c.parts and not c.inputs.empty  # every field carries something
    inputs = pd.DataFrame({"geo": ["BE"]})
    back = Comparison.from_dict(json.loads(json.dumps(c.as_dict())), inputs)
    assert back == c and back.inputs is inputs and back.computed == 10.0
    short = {k: v for k, v in c.as_dict().items() if k not in ("notes", "sources", "parts")}
    bare = Comparison.from_dict(short)
    assert (bare.notes, bare.sources, bare.parts) == ((), (), {}) and bare.inputs.empty
    assert Part.from_dict({"key": "k"}) == Part("k", {})


# --- editions and changelogs, whole -----------------------------------------------------------------------

def test_an_edition_record_is_written_and_read_back_whole(tmp_path, monkeypatch):
    monkeypatch.setenv("BENELUX_HOME", str(tmp_path))
    (tmp_path / "data" / "processed").mkdir(parents=True)
    frame = pd.concat([table(*BNL), table(("EU27_2020", 2021, 60.0, "p"))])
    c = compare.compare(recipe("share_of_eu", **SHARE), printed("10", 0), engine.Data(frame))
    rec = editions.Record("2031", "2026-01-01T00:00:00+00:00", (editions.Figure(c, ("eurostat:d",)),),
                          {"eurostat:d": editions.SeriesRows(4, ("v1",))},
                          editions.Failures({"eurostat:d": "kept"}, {"eurostat:e": "503"}, {"publication:p": "none"}),
                          "2024", 2021, "mirror:x", "pubs.csv", "ab" * 32)
    saved = rec.to_json()
    assert {k: v for k, v in saved.items() if k != "figures"} == {
        "edition": "2031", "schema": 2, "created_at": "2026-01-01T00:00:00+00:00", "plan": "2024", "year": 2021,
        "source": "mirror:x", "publications": "pubs.csv", "stale": {"eurostat:d": "kept"}, "faults": {"eurostat:e": "503"},
        "unavailable": {"publication:p": "none"}, "series": {"eurostat:d": {"rows": 4, "vintages": ["v1"]}},
        "snapshot_sha256": "ab" * 32}
    [figure] = saved["figures"]
    assert figure["stale"] == ["eurostat:d"] and len(figure["inputs"]) == 4 and figure["computed"] == 10.0
    editions.write_json(rec)
    back = editions.load("2031")
    assert back == rec and back.figures[0].comparison.inputs.value.tolist() == [1.0, 2.0, 3.0, 60.0]
    assert editions.latest() == rec and editions.exists("2031") and editions.names() == ["2031"]
    assert rec.failures.lost == {"eurostat:d": "kept", "eurostat:e": "503"} and rec.figures[0].id == "r"


def test_a_first_version_record_reads_with_its_english_cause_and_the_defaults():
    figure = {**_figure().comparison.as_dict(), "cause": "The plan used another release.", "note": "A method note."}
    del figure["notes"]
    rec = editions.Record.from_json({"edition": "2023", "created_at": "2025-01-01", "figures": [figure]})
    assert (rec.schema, rec.plan, rec.year, rec.source, rec.publications, rec.snapshot_sha256) == (1, None, None, None,
                                                                                                   None, "")
    assert rec.failures == editions.Failures() and rec.series == {} and rec.figures[0].stale == ()
    [c] = rec.comparisons()
    assert messages.render(c.cause, "nl") == "The plan used another release."
    assert messages.render(c.notes, "en") == "A method note."


def test_the_changelog_markdown_lists_failures_and_every_change_whole():
    changes = changelog.diff(_edition("a", _figure("x", computed=None, status="no_data"), series={
        "eurostat:s": editions.SeriesRows(3, ("v1",)), "eurostat:t": editions.SeriesRows(2, ("v1",))}),
        _edition("b", _figure("x", computed=2.0), series={"eurostat:t": editions.SeriesRows(2, ("v1", "v2")),
                                                          "eurostat:u": editions.SeriesRows(1, ("v3",))},
                 failures=editions.Failures({"eurostat:s": "ServerError: 503"}, {"eurostat:f": "a | b"},
                                            {"publication:p": "not held"})))
    assert [(c.kind, c.id, c.score, c.detail) for c in changes] == [
        ("series_gone", "eurostat:s", 0.9, "3 rows before, none now (disappeared or renamed)"),
        ("newly_computed", "x", 0.5, "now 2 (2021, primary)"),
        ("status", "x", 0.2, "status no_data -> match"),
        ("series_new", "eurostat:u", 0.1, "1 rows, vintage v3"),
        ("vintage", "eurostat:t", 0.05, "vintage v1 -> v1, v2")]
    md = changelog.markdown(changes, _edition("a"), _edition("b", failures=editions.Failures(
        {"eurostat:s": "ServerError: 503"}, {"eurostat:f": "a | b"}, {"publication:p": "not held"})))
    assert md == (
        "# Changes from a to b\n\n5 change(s), biggest first. Snapshot ? -> ?.\n\n"
        "**Could not be fetched; previous values kept and marked stale:**\n\n- `eurostat:s`: ServerError: 503\n\n"
        "**Failed, with nothing previous to keep:**\n\n- `eurostat:f`: a | b\n\n"
        "**Not held by the source, nor before:**\n\n- `publication:p`: not held\n\n"
        "| score | change | what | detail |\n|---:|---|---|---|\n"
        "| 0.900 | series_gone | `eurostat:s` | 3 rows before, none now (disappeared or renamed) |\n"
        "| 0.500 | newly_computed | `x` | now 2 (2021, primary) |\n"
        "| 0.200 | status | `x` | status no_data -> match |\n"
        "| 0.100 | series_new | `eurostat:u` | 1 rows, vintage v3 |\n"
        "| 0.050 | vintage | `eurostat:t` | vintage v1 -> v1, v2 |\n")
    assert changelog.as_json(changes[:1], _edition("a"), _edition("b")) == {"from": "a", "to": "b", "changes": [
        {"kind": "series_gone", "id": "eurostat:s", "score": 0.9,
         "detail": "3 rows before, none now (disappeared or renamed)", "old": None, "new": None}]}


def test_a_detail_with_a_bar_does_not_break_the_changelog_table():
    md = changelog.markdown([changelog.Change("revised", "x", 0.5, "a | b")], _edition("a", snapshot_sha256="1" * 64),
                            _edition("b"))
    assert md.endswith("| 0.500 | revised | `x` | a / b |\n") and "Snapshot 111111111111 -> ?." in md


@pytest.mark.parametrize("old, new, detail", [
    (_figure(computed=100.0, year=2020), _figure(computed=110.0, year=2021),
     "reference year 2020 -> 2021: 100 -> 110 (+10, +10.000%); vintage v1 -> v1"),
    (_figure(computed=0.0), _figure(computed=5.0), "2021: 0 -> 5; vintage v1 -> v1"),
])
def test_a_new_year_or_a_move_from_zero_is_scored_and_said(old, new, detail):
    [change] = changelog.diff(_edition("a", old), _edition("b", new))
    assert change.detail == detail and change.score == pytest.approx(0.4 if "reference" in detail else 1.0)


def test_a_figure_no_longer_computed_says_why_in_english_with_its_vintages_and_staleness():
    gone = _figure_with_cause(computed=None, status="no_data", stale=("eurostat:d", "eurostat:e"))
    changes = changelog.diff(_edition("a", _figure(computed=5.0)), _edition("b", gone))
    assert [(c.kind, c.detail, c.old, c.new) for c in changes] == [
        ("no_longer_computed", "was 5 (2021); now: No data for 2021: d: not in the data for BE.", 5.0, None),
        ("stale", "uses values kept from before: eurostat:d; eurostat:e", None, None),
        ("status", "status match -> no_data", "match", "no_data")]
    bare = editions.Figure(dataclasses.replace(_figure(computed=2.0).comparison, sources=()))
    [revised] = changelog.diff(_edition("a", _figure(computed=1.0)), _edition("b", bare))
    assert revised.detail == "2021: 1 -> 2 (+1, +100.000%); vintage v1 -> ?"


def test_an_operation_is_added_in_one_place_and_an_unknown_one_is_named():
    from benelux_indicators import operations, recipes
    from benelux_indicators.present import explain

    assert set(operations.OPERATIONS) == set(recipes.ROLES) == set(explain.FORMULAS)
    with pytest.raises(RecipeError, match=r"operation: 'median' is not one of \['per_head', 'ratio_of_sums', "
                                          r"'share_of_eu', 'sum', 'weighted_mean'\]"):
        recipe("median")
