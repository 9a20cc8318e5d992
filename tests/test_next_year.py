"""Next year's page: a year per figure, computed-but-not-printed apart from no data, the plan's
printing of a draft, trial runs that leave nothing, and staff data outside the package.

Rule tests build tiny tables; the workflow tests run the staff's commands in a project home
(``BENELUX_HOME``) holding a copy of the committed ``data/``."""
from __future__ import annotations

import re
import shutil
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from benelux_indicators import cli, compare, draft, editions, engine, plan, recipes, refresh, snapshot
from benelux_indicators.compare import Part, Status
from benelux_indicators.errors import EditionError
from benelux_indicators.plan import PrintedFigure
from benelux_indicators.sources.committed import SnapshotSource
from conftest import FIXTURES, ROOT
from test_rules import BNL, printed, recipe, table

BNL_2022 = [("BE", 2022, 1.0), ("NL", 2022, 2.0), ("LU", 2022, 3.5)]


# --- a year per figure ----------------------------------------------------------------------------

def test_the_latest_year_is_the_last_with_every_country_and_says_who_held_the_next_back():
    data = engine.Data(table(*BNL, ("BE", 2022, 1.0), ("NL", 2022, 2.0)))  # LU not yet in 2022
    year, held = compare.latest_year(recipe(), data)
    assert year == 2021
    assert held == (Part("held_back", {"year": 2022, "problems": [
        {"series": "d", "what": "not in the data", "geos": ["LU"]}]}),)


def test_a_share_waits_for_the_eu_total():
    rows = [*BNL, *BNL_2022, ("EU27_2020", 2021, 60.0)]  # the EU total only to 2021
    year, held = compare.latest_year(recipe("share_of_eu", unit="percent"), engine.Data(table(*rows)))
    assert year == 2021 and held[0].values["problems"][0]["geos"] == ["EU27_2020"]


def test_latest_compares_each_figure_in_its_own_year_and_computed_is_never_no_data():
    data = engine.Data(table(*BNL, *BNL_2022))
    c = compare.compare(recipe(), printed("6", 0, year=2021), data, year="latest", plan_name="2024")
    assert (c.year, c.computed, c.status) == (2022, 6.5, Status.NOT_PRINTED)
    assert c.cause[0].key == "since_plan" and c.cause[0].values["change"] == pytest.approx(100 * 0.5 / 6)
    same = compare.compare(recipe(), printed("6", 0, year=2022), data, year="latest")
    assert (same.year, same.status, same.stated_text) == (2022, Status.DIFFERS, "6")  # printed for that year: compared


def test_no_data_is_kept_for_figures_the_data_cannot_give():
    data = engine.Data(table(("BE", 2021, 1.0), ("NL", 2021, 2.0)))
    c = compare.compare(recipe(), printed("6", 0, year=2021), data, year="latest")
    assert (c.year, c.computed, c.status) == (2021, None, Status.NO_DATA)
    assert c.cause[0].key == "no_data" and c.cause[0].values["problems"][0]["geos"] == ["LU"]


def test_a_figure_the_plan_leaves_unprinted_is_not_printed_without_a_since():
    blank = PrintedFigure("r", "", None, 0, "x", 2021)
    c = compare.compare(recipe(), blank, engine.Data(table(*BNL)))
    assert (c.status, c.cause, c.stated) == (Status.NOT_PRINTED, (), None)


# --- the plan's printing --------------------------------------------------------------------------

@pytest.mark.parametrize("value, template, decimals, expected", [
    (30_432_088, "29.664.912", 0, "30.432.088"),
    (6.7731, "6,6 %", 1, "6,8 %"),
    (59_891.49, "48.238 €", 0, "59.891 €"),
    (70_653, "70.640 km²", 0, "70.653 km²"),
    (6.749, "6,7 miljard euro", 1, "6,7 miljard euro"),
    (27.5, "28 %", 0, "28 %"),  # half up, as the plan rounds
    (41.0, "41,0 %", 1, "41,0 %"),  # the plan's decimals kept, even a zero
    (1234.5, "1.000 €", 0, "1.235 €"),
])
def test_the_draft_prints_each_unit_at_the_plans_precision(value, template, decimals, expected):
    assert draft.printed_text(value, template, decimals, "nl") == expected


@pytest.mark.parametrize("caption, marked, expected", [
    ("BEVOLKING", False, "BEVOLKING"), ("LANDOPPERVLAKTE", True, "LANDOPPERVLAKTE *"),
    ("UITGAVEN ONDERWIJS * - van het Benelux-BBP", False, "UITGAVEN ONDERWIJS - van het Benelux-BBP"),
    ("ZEEVAART - van het EU-totaal", True, "ZEEVAART * - van het EU-totaal")])
def test_the_star_follows_the_year_not_the_last_plan(caption, marked, expected):
    assert draft.caption(caption, marked) == expected


# --- the staff's workflow in a project home -------------------------------------------------------

@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A project home with a copy of the committed data/ (plan, snapshot, shipped edition)."""
    shutil.copytree(ROOT / "data" / "plan", tmp_path / "data" / "plan")
    shutil.copytree(ROOT / "data" / "processed", tmp_path / "data" / "processed",
                    ignore=shutil.ignore_patterns(".write.lock"))
    monkeypatch.setenv("BENELUX_HOME", str(tmp_path))
    return tmp_path


def _listing(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _committed() -> SnapshotSource:
    frame = snapshot.load(ROOT / "data" / "processed" / "snapshot.parquet")
    return SnapshotSource(frame[frame.source == "eurostat"])


def test_a_dry_run_writes_nothing_and_keeps_the_name_free(home, capsys):
    before = _listing(home / "data")
    outcome = refresh.run("2025", _committed(), None, year="latest", dry_run=True)
    assert outcome.written == [] and outcome.baseline.edition == "2024"
    population = next(f for f in outcome.record.figures if f.id == "population")
    assert (population.comparison.year, population.comparison.status) == (2024, Status.NOT_PRINTED)
    assert _listing(home / "data") == before and not editions.exists("2025")


def test_against_plan_measures_from_the_printed_figures(home):
    outcome = refresh.run("2025", _committed(), None, year="latest", dry_run=True, against="plan")
    assert outcome.baseline.edition == "plan 2024"
    moved = {c.id: c for c in outcome.changes if c.kind == "new_year"}
    assert moved["population"].old == 29_664_912


def test_discard_removes_a_trial_edition_and_refuses_the_shipped_one(home):
    refresh.run("2025-trial", _committed(), None)
    assert editions.names() == ["2024", "2025-trial"]
    assert cli.main(["editions", "discard", "2024"]) == 2  # shipped (data/processed/shipped.txt)
    with pytest.raises(EditionError, match="ships with the project"):
        editions.discard("2024")
    assert cli.main(["editions", "discard", "2025-trial"]) == 0
    assert editions.names() == ["2024"] and not list((home / "data" / "processed").glob("*2025-trial*"))
    assert editions.latest().edition == "2024"  # the next refresh measures from the shipped edition again


def test_only_the_newest_edition_can_be_discarded(home):
    refresh.run("2025a", _committed(), None)
    refresh.run("2025b", _committed(), None)
    with pytest.raises(EditionError, match="not the newest"):
        editions.discard("2025a")


def test_a_user_recipe_overrides_the_packaged_one_and_adds_figures(home):
    doc = (recipes.RECIPES_DIR / "population.yaml").read_text(encoding="utf-8")
    (home / "recipes").mkdir()
    (home / "recipes" / "population.yaml").write_text(doc.replace("dataset: demo_pjan", "dataset: demo_pjanx"))
    (home / "recipes" / "population_be.yaml").write_text(doc.replace("id: population", "id: population_be")
                                                         .replace("operation: sum", "operation: sum\ngeo_note: x"))
    with pytest.raises(Exception, match="population_be.yaml.*geo_note"):  # same schema and checks
        recipes.load_all()
    (home / "recipes" / "population_be.yaml").unlink()
    found = recipes.load_all()
    assert found["population"].primary.inputs["value"].dataset == "demo_pjanx"
    assert found["population"].path.startswith(str(home / "recipes")) and len(found) == 24


def test_a_renamed_dataset_is_changed_in_one_place(home):
    (home / "aliases.yaml").write_text("aliases: {demo_pjan: demo_pjan_new}\n")
    renamed = recipes.load_all()
    uses = {s.dataset for r in renamed.values() for s in r.series() if s.source == "eurostat"}
    assert "demo_pjan_new" in uses and "demo_pjan" not in uses
    (home / "aliases.yaml").write_text("aliases: {demo_pjan: 'Demo PJAN'}\n")
    with pytest.raises(Exception, match="aliases.yaml"):
        recipes.load_all()


def test_the_mirror_hints_at_a_renamed_file(tmp_path):
    from benelux_indicators.sources.mirror import Mirror

    shutil.copy(FIXTURES / "mirror" / "demo_pjan.tsv", tmp_path / "demo_pjan_2026.tsv")
    with pytest.raises(Exception, match=r"it holds demo_pjan_2026: .*aliases: \{demo_pjan: demo_pjan_2026\}"):
        Mirror(tmp_path).locate("demo_pjan")


def _lagging_mirror(tmp_path: Path) -> Path:
    """The fixture mirror with Luxembourg's 2022 population not yet published."""
    mirror = tmp_path / "mirror"
    shutil.copytree(FIXTURES / "mirror", mirror)
    tsv = mirror / "demo_pjan.tsv"
    tsv.write_text(tsv.read_text().replace("626108 \t634730 \t645397 ", "626108 \t634730 \t: "))
    return mirror


def test_next_years_page_from_refresh_to_draft_to_the_new_plan(home, tmp_path, capsys):
    for name in ("snapshot.parquet", "manifest.json"):  # the small fixture mirror would shrink the committed one
        (home / "data" / "processed" / name).unlink()
    sources = ["--source", f"mirror:{_lagging_mirror(tmp_path)}", "--publications", str(FIXTURES / "publications.csv")]
    assert cli.main(["refresh", *sources, "--edition", "2025", "--year", "latest"]) == 0
    capsys.readouterr()
    assert cli.main(["keyfigures", "--edition", "2025", "--format", "csv"]) == 0
    rows = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out)).set_index("id")
    assert len(rows) == 24 and {"year", "computed", "status"} <= set(rows.columns)
    assert (rows.loc["population", "year"], rows.loc["population", "computed"]) == (2021, 29_664_912)  # LU held 2022 back
    assert not rows[rows.computed.notna() & (rows.status == "no_data")].size
    record = editions.load("2025")
    population = next(f.comparison for f in record.figures if f.id == "population")
    assert any(p.key == "held_back" and p.values["year"] == 2022 for p in population.notes)

    assert cli.main(["draft-plan", "--edition", "2025"]) == 0
    drafted = home / "data" / "plan" / "jaarplan-2025.draft.yaml"
    text = drafted.read_text()
    assert 'printed: "29.664.912", value: 29664912' in text and "# status: ready" in text
    assert plan.editions() == ["2024"]  # a draft is not a plan until renamed
    drafted.rename(drafted.with_name("jaarplan-2025.yaml"))
    assert plan.current() == "2025" and plan.load().figures["population"].value == Decimal(29_664_912)
    assert cli.main(["refresh", *sources, "--edition", "2025b", "--year", "latest"]) == 0
    again = {f.id: f.comparison for f in editions.load("2025b").figures}
    assert again["population"].status == Status.MATCH and editions.load("2025b").plan == "2025"


def test_the_page_of_a_new_edition_marks_other_years_and_leaves_out_figures_without_data(home, tmp_path, capsys):
    from benelux_indicators.present.page import render

    refresh.run("2025", _committed(), None, year="latest")
    record = editions.load("2025")
    html = render(record, "nl", printable=True)
    assert record.main_year == 2024 and "Cijfers van 2024 (* cijfers van" in html
    assert "drukte geen cijfer" not in html and "–<sup" not in html
    text = re.sub(r"href='[^']*'", "", html)  # addresses may hold codes
    for code in ("EU27_2020", "demo_pjan", "sha256:", "[freq="):
        assert code not in text
    assert "km²<sup" not in html  # a note mark never touches a unit
    assert cli.main(["page", "--edition", "2025", "--lang", "fr", "--out", str(tmp_path / "p")]) == 0
    staff = capsys.readouterr().out
    assert "not on the page, for want of data" in staff and "rd_e_gerdtot" in staff and "databrowser" in staff


def test_edition_2025_from_the_real_mirror(home, mirror, publications, capsys):
    """The issue's staff workflow on ../shared/eurostat: population 2024, the last year with
    all three countries (BE and NL reach 2025, LU and the EU stop at 2024)."""
    sources = ["--source", f"mirror:{mirror}", "--publications", str(publications)]
    assert cli.main(["refresh", *sources, "--edition", "2025", "--year", "latest"]) == 0
    capsys.readouterr()
    assert cli.main(["keyfigures", "--edition", "2025", "--format", "csv"]) == 0
    rows = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out)).set_index("id")
    assert len(rows) == 24
    assert (rows.loc["population", "year"], rows.loc["population", "computed"]) == (2024, 11_817_096 + 17_942_942 + 672_050)
    assert not rows[rows.computed.notna() & (rows.status == "no_data")].size
    assert cli.main(["draft-plan", "--edition", "2025"]) == 0
    drafted = home / "data" / "plan" / "jaarplan-2025.draft.yaml"
    assert 'population:                    {printed: "30.432.088", value: 30432088, decimals: 0, unit: "persons", year: 2024' \
        in drafted.read_text()
    drafted.rename(drafted.with_name("jaarplan-2025.yaml"))
    assert cli.main(["refresh", *sources, "--edition", "2025b", "--year", "latest", "--plan", "2025"]) == 0
    assert {f.id: f.comparison.status for f in editions.load("2025b").figures}["population"] == Status.MATCH


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_the_new_editions_pdf_is_one_a4_page(home, lang, tmp_path):
    refresh.run("2025", _committed(), None, year="latest")
    out = tmp_path / "pages"
    assert cli.main(["page", "--edition", "2025", "--lang", lang, "--out", str(out), "--pdf"]) == 0
    pdf = (out / f"keyfigures-2025-{lang}.pdf").read_bytes()
    assert pdf.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
    artifacts = ROOT / "tests" / "artifacts"
    artifacts.mkdir(exist_ok=True)
    (artifacts / f"keyfigures-2025-{lang}.pdf").write_bytes(pdf)


# --- a changelog staff can act on ----------------------------------------------------------------

def test_a_countrys_revision_beyond_the_threshold_is_listed_and_a_smaller_one_is_not():
    from benelux_indicators import changelog

    old = table(("BE", 2021, 8180.0), ("NL", 2021, 46591.0), ("LU", 2021, 217.0))
    new = table(("BE", 2021, 8425.4), ("NL", 2021, 46600.0), ("LU", 2021, 217.0))  # BE +3 %, NL +0.02 %
    [change] = changelog.data_changes(old, new)
    assert (change.kind, change.id, round(change.score, 4)) == ("data_revised", "eurostat:d BE", 0.03)
    assert change.detail == "BE revised beyond 1%: 2021: 8,180 -> 8,425 (+3.0%)"
    assert len(changelog.data_changes(old, new, threshold=0.0001)) == 2  # NL too, below a smaller threshold


def test_what_a_shrinking_dataset_lost_is_named_by_country_and_years():
    from benelux_indicators import changelog, validate

    old = table(*BNL, *BNL_2022, ("LU", 2020, 3.0), ("BE", 2020, 1.0))
    new = table(("BE", 2021, 1.0), ("NL", 2021, 2.0), ("BE", 2022, 1.0), ("NL", 2022, 2.0), ("BE", 2020, 1.0))
    [lost] = changelog.data_changes(old, new)
    assert (lost.kind, lost.id, lost.detail) == ("data_lost", "eurostat:d LU", "3 values gone: LU 2020-2022")
    assert validate.losses(new, old) == ["eurostat:d: 8 rows in the previous snapshot, 5 now; gone: LU 2020-2022"]


def test_the_changelog_links_each_missing_series_and_says_no_change_without_an_empty_table():
    from benelux_indicators import changelog

    s = recipes.Series("eurostat", "rd_e_gerdtot", {"unit": "MIO_EUR"})
    rec = editions.Record("b", "", failures=editions.Failures(unavailable={s.key: "no file"}))
    md = changelog.markdown([], editions.Record("a", ""), rec, {s.key: s})
    assert ("- `eurostat:rd_e_gerdtot [unit=MIO_EUR]`: no file ([data browser](https://ec.europa.eu/eurostat/databrowser/"
            "view/rd_e_gerdtot/default/table?lang=en), [API](https://ec.europa.eu/eurostat/api/dissemination/"
            "statistics/1.0/data/rd_e_gerdtot?unit=MIO_EUR&geo=BE&geo=NL&geo=LU))") in md
    assert md.endswith("No change.\n") and "| score |" not in md


def test_figure_numbers_in_the_changelog_keep_the_figures_precision():
    from benelux_indicators import changelog

    assert changelog._num(9.51793, decimals=1) == "9.518" and changelog._num(29_664_912) == "29,664,912"


@pytest.mark.parametrize("unit, lang, expected", [
    ("persons", "nl", "Het jaarplan 2024 vermeldde 29.664.912 voor 2021; sindsdien +2,6\u00a0%."),
    ("percent", "nl", "Het jaarplan 2024 vermeldde 6,6\u00a0% voor 2021; sindsdien +0,2\u00a0procentpunt."),
    ("percent", "fr", "Le plan annuel 2024 indiquait 6,6\u00a0% pour 2021\u00a0; +0,2\u00a0point de pourcentage depuis.")])
def test_the_change_since_the_plan_is_relative_for_counts_and_in_points_for_shares(unit, lang, expected):
    from benelux_indicators import messages

    stated, now = (29_664_912.0, 30_432_088.0) if unit == "persons" else (6.6, 6.773)
    part = Part("since_plan", {"plan": "2024", "printed": "x", "printed_year": 2021, "stated": stated, "unit": unit,
                               "decimals": 0 if unit == "persons" else 1, "now": now, "change": (now / stated - 1) * 100})
    assert messages.render((part,), lang, public=True) == expected


@pytest.mark.parametrize("lang", ["nl", "fr"])
def test_the_new_editions_print_page_carries_no_english_wording(home, lang):
    """No English sentence of the catalogue, and none of the cited publications' English
    vintage words; the publications' own titles are proper names and stay as published."""
    from test_i18n import _english_sentences, _visible

    from benelux_indicators.present.page import render

    refresh.run("2025", _committed(), None, year="latest")
    text = _visible(render(editions.load("2025"), lang, printable=True))
    assert not [s for s in _english_sentences() if s in text]
    assert "published 20" not in text and "data 2021)" not in text and "Eurostat article" not in text
