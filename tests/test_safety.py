"""Safe by default: the hostile and careless cases, one test each.

Writes that cannot destroy, validation before commit, one writer at a time, outputs a web
server can read, hardened inputs, and a refresh that cannot reach its source.
"""
from __future__ import annotations

import os
import pwd
import shutil
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import openpyxl
import pytest
import yaml

from benelux_indicators import cli, editions, engine, plan, recipes, snapshot
from benelux_indicators.errors import CorruptDataError, EditionError, RecipeError
from benelux_indicators.readers import xlsx
from benelux_indicators.sources.mirror import Mirror
from benelux_indicators.sources.query import Query
from conftest import FIXTURES, ROOT

MIRROR = FIXTURES / "mirror"
PUBLICATIONS = FIXTURES / "publications.csv"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A project home whose snapshot was built from the fixture mirror."""
    shutil.copytree(ROOT / "data" / "plan", tmp_path / "data" / "plan")
    monkeypatch.setenv("BENELUX_HOME", str(tmp_path))
    assert cli.main(["snapshot", "--source", f"mirror:{MIRROR}", "--publications", str(PUBLICATIONS)]) == 0
    return tmp_path


def sha(path: Path) -> bytes:
    return path.read_bytes()


# --- writes that cannot destroy ---------------------------------------------------------------

def test_export_refuses_a_folder_it_did_not_make(tmp_path, capsys):
    target = tmp_path / "mine"
    target.mkdir()
    (target / "thesis.docx").write_text("years of work")
    assert cli.main(["export", "--out", str(target)]) == 2
    assert "holds files this tool did not write" in capsys.readouterr().err
    assert [p.name for p in target.iterdir()] == ["thesis.docx"]


@pytest.mark.parametrize("where", [".", "", "file", "project", "above"])
def test_export_refuses_dangerous_targets(tmp_path, monkeypatch, capsys, where):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "file").write_text("a plain file")
    option = {".": ".", "": "", "file": "file", "project": str(ROOT), "above": str(ROOT.parent)}[where]
    assert cli.main(["export", "--out", option]) == 2
    assert capsys.readouterr().err.startswith("error: --out")
    assert (tmp_path / "file").read_text() == "a plain file" and (ROOT / "pyproject.toml").exists()


def test_export_replaces_only_its_own_previous_output_and_leaves_no_staging(tmp_path, capsys):
    site = tmp_path / "site"
    assert cli.main(["export", "--out", str(site)]) == 0
    assert cli.main(["export", "--out", str(site)]) == 0  # its own output: replaced
    assert (site / ".benelux-output").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no staging or old folder left
    (site / "notes.txt").write_text("mine")
    assert cli.main(["export", "--out", str(site)]) == 2  # a file the tool did not write: nothing touched
    assert "holds what this tool did not write there, or changed since: notes.txt" in capsys.readouterr().err
    assert (site / "notes.txt").read_text() == "mine"


def test_page_and_export_never_share_a_folder_and_a_users_file_survives(tmp_path, capsys):
    reports = tmp_path / "reports"
    assert cli.main(["page", "--edition", "2024", "--lang", "nl", "--out", str(reports)]) == 0
    assert cli.main(["page", "--edition", "2024", "--lang", "fr", "--out", str(reports)]) == 0  # page adds to page
    (reports / "mijn-notities.txt").write_text("van mij")
    assert cli.main(["export", "--out", str(reports)]) == 2
    assert "was written by `page`; `export` does not share its folder" in capsys.readouterr().err
    assert (reports / "mijn-notities.txt").read_text() == "van mij"
    assert cli.main(["page", "--edition", "2024", "--lang", "de", "--out", str(reports)]) == 2  # nor does page, now
    assert "mijn-notities.txt" in capsys.readouterr().err


def test_a_folder_changed_during_the_build_is_checked_again_before_the_swap(tmp_path, monkeypatch):
    from benelux_indicators.present import site as site_module

    out = tmp_path / "site"
    assert cli.main(["export", "--out", str(out)]) == 0
    real = site_module.atomic.swap_in

    def meddling(target, fill):
        (target / "arrived-meanwhile.txt").write_text("mine")  # while the site was being built
        return real(target, fill)

    monkeypatch.setattr(site_module.atomic, "swap_in", meddling)
    assert cli.main(["export", "--out", str(out)]) == 2
    assert (out / "arrived-meanwhile.txt").read_text() == "mine" and not list(tmp_path.glob(".site.*"))


def _readable_by_others(path: Path) -> None:
    mode = path.stat().st_mode
    assert mode & stat.S_IROTH and (not path.is_dir() or mode & stat.S_IXOTH), oct(mode)
    if os.geteuid() == 0 and shutil.which("runuser"):  # really read it as another account
        try:
            pwd.getpwnam("nobody")
        except KeyError:
            return
        reader = ["ls"] if path.is_dir() else ["head", "-c", "1"]
        out = subprocess.run(["runuser", "-u", "nobody", "--", *reader, str(path)], capture_output=True)
        assert out.returncode == 0, out.stderr


@pytest.fixture
def public_tmp():
    """A folder every account can traverse (pytest's own tmp folders are 0700)."""
    path = Path(tempfile.mkdtemp(prefix="benelux-public-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_outputs_follow_the_umask_and_another_account_can_read_them(public_tmp):
    tmp_path = public_tmp
    old = os.umask(0o022)
    try:
        site = tmp_path / "site"
        assert cli.main(["export", "--out", str(site)]) == 0
        assert cli.main(["page", "--edition", "2024", "--out", str(tmp_path / "pages")]) == 0
    finally:
        os.umask(old)
    for path in [site, site / "keyfigures-nl.html", site / "data", *sorted((site / "data").iterdir())[:1],
                 tmp_path / "pages", tmp_path / "pages" / "keyfigures-2024-nl.html"]:
        assert stat.S_IMODE(path.stat().st_mode) == (0o755 if path.is_dir() else 0o644), path
        _readable_by_others(path)


def test_snapshot_files_are_readable_by_the_web_server(home):
    processed = home / "data" / "processed"
    for name in ("snapshot.parquet", "manifest.json"):
        assert stat.S_IMODE((processed / name).stat().st_mode) == 0o666 & ~_umask()


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


# --- validation before commit --------------------------------------------------------------------

def _mirror_with(tmp_path: Path, name: str, old: str, new: str) -> Path:
    mirror = tmp_path / "bad-mirror"
    shutil.copytree(MIRROR, mirror)
    text = (mirror / name).read_text()
    assert old in text
    (mirror / name).write_text(text.replace(old, new, 1))
    return mirror


@pytest.mark.parametrize("name, old, new, where", [
    ("demo_pjan.tsv", "11554767 ", "abc", "malformed cell 'abc' on line 2, column 2021"),
    ("nama_10_gdp.csv", "506047.2", "inf", "line 2, column OBS_VALUE: 'inf' is not a number"),
    ("demo_pjan.tsv", "11554767 ", "11_554_767 ", "malformed cell '11_554_767' on line 2, column 2021"),
    ("demo_pjan.tsv", "11554767 ", "11554767,5 ", "malformed cell '11554767,5' on line 2, column 2021"),
    ("demo_pjan.tsv", "11554767 ", "1e309 ", "malformed cell '1e309' on line 2, column 2021"),
    ("demo_pjan.tsv", "11554767 ", "11554767 <b>x</b>", "malformed cell '11554767 <b>x</b>' on line 2, column 2021"),
    ("demo_pjan.tsv", "11554767 ", "-11554767 ", "demo_pjan [unit=NR] BE 2021: value -1.15548e+07 cannot be negative"),
    ("nama_10_gdp.csv", ",2021,", ",2021-xx,", "nama_10_gdp BE: period '2021-xx' is not a year"),
])
def test_one_bad_cell_stops_the_snapshot_and_names_file_line_and_column(home, tmp_path, capsys, name, old, new, where):
    before = sha(home / "data" / "processed" / "snapshot.parquet")
    mirror = _mirror_with(tmp_path, name, old, new)
    assert cli.main(["snapshot", "--source", f"mirror:{mirror}", "--publications", str(PUBLICATIONS)]) == 2
    err = capsys.readouterr().err
    assert where in err and name in err and "the previous snapshot is unchanged" in err
    assert sha(home / "data" / "processed" / "snapshot.parquet") == before
    assert snapshot.load().value.abs().max() < float("inf")


def test_a_dataset_emptied_of_values_stops_the_snapshot(home, tmp_path, capsys):
    before = sha(home / "data" / "processed" / "snapshot.parquet")
    mirror = tmp_path / "bad-mirror"
    shutil.copytree(MIRROR, mirror)
    lines = (mirror / "demo_pjan.tsv").read_text().splitlines()
    (mirror / "demo_pjan.tsv").write_text("\n".join([lines[0], *(
        line.split("\t")[0] + "\t" + "\t".join([": "] * (len(line.split("\t")) - 1)) for line in lines[1:])]) + "\n")
    assert cli.main(["snapshot", "--source", f"mirror:{mirror}", "--publications", str(PUBLICATIONS)]) == 2
    assert "eurostat:demo_pjan: 12 values in the previous snapshot, none now (every cell empty)" in capsys.readouterr().err
    assert sha(home / "data" / "processed" / "snapshot.parquet") == before


def test_a_dataset_that_loses_rows_stops_the_run_unless_accepted(home, tmp_path, capsys):
    mirror = _mirror_with(tmp_path, "demo_pjan.tsv", "A,NR,TOTAL,T,LU\t626108 \t634730 \t645397 \n", "")
    args = ["snapshot", "--source", f"mirror:{mirror}", "--publications", str(PUBLICATIONS)]
    assert cli.main(args) == 2
    assert "eurostat:demo_pjan: 12 rows in the previous snapshot, 9 now" in capsys.readouterr().err
    assert cli.main([*args, "--accept-loss", "demo_pjan"]) == 0
    assert "LU" not in set(snapshot.load().query("dataset == 'demo_pjan'").geo)


def test_an_infinite_cited_value_is_refused_with_its_line(tmp_path):
    from benelux_indicators.sources.publications import Publications

    bad = tmp_path / "values.csv"
    bad.write_text(PUBLICATIONS.read_text().replace(",6904,", ",inf,"))
    with pytest.raises(CorruptDataError, match=r"line 4, column value: 'inf' is not a number"):
        Publications(bad).table()


def test_a_negative_area_is_not_shown(home):
    frame = snapshot.load()
    rows = frame[frame.dataset == "demo_pjan"].assign(value=lambda f: -f.value)
    recipe = recipes.parse({**yaml.safe_load((recipes.RECIPES_DIR / "population.yaml").read_text())}, "test")
    result, tried = engine.figure(recipe, engine.Data(rows), 2021)
    assert result.value is None and "implausible value -2.96649e+07 for a figure in persons" in str(
        result.outcome.problems[-1])


# --- one writer at a time -------------------------------------------------------------------------

HOLDER = """
import sys, time
from pathlib import Path
from benelux_indicators import lock
with lock.writing("test"):
    Path(sys.argv[1]).write_text("holding")
    time.sleep(30)
"""


def test_a_second_writer_waits_then_refuses_clearly(home, tmp_path, monkeypatch, capsys):
    flag = tmp_path / "holding"
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(flag)], env={**os.environ})
    try:
        deadline = time.monotonic() + 30
        while not flag.exists():
            assert time.monotonic() < deadline and holder.poll() is None
            time.sleep(0.05)
        monkeypatch.setenv("BENELUX_LOCK_WAIT", "0.5")
        before = sha(home / "data" / "processed" / "snapshot.parquet")
        assert cli.main(["snapshot", "--source", f"mirror:{MIRROR}", "--publications", str(PUBLICATIONS)]) == 2
        assert "another benelux-indicators run is writing" in capsys.readouterr().err
        assert sha(home / "data" / "processed" / "snapshot.parquet") == before
    finally:
        holder.kill()
        holder.wait()
    assert cli.main(["snapshot", "--source", f"mirror:{MIRROR}", "--publications", str(PUBLICATIONS)]) == 0


@pytest.mark.parametrize("name", ["2025.1", "2025\n", "x2025", "2025/../..", "2025_b", ""])
def test_edition_names_are_strict(name):
    with pytest.raises(EditionError, match="a year, then optionally"):
        editions.check_name(name)


# --- hardened inputs ----------------------------------------------------------------------------

LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8))


def test_a_billion_laughs_recipe_is_refused_at_once(tmp_path):
    path = tmp_path / "laughs.yaml"
    path.write_text(LAUGHS)
    started = time.monotonic()
    with pytest.raises(RecipeError, match=r"laughs.yaml:2: invalid YAML: alias \*a is not allowed here"):
        recipes.load_file(path)
    assert time.monotonic() - started < 1


def test_an_oversized_plan_is_not_read(tmp_path):
    (tmp_path / "jaarplan-2099.yaml").write_text("# " + "x" * 1_100_000)
    with pytest.raises(RecipeError, match="larger than 1,000,000 bytes"):
        plan.load("2099", tmp_path)


def test_a_misspelt_optional_key_is_an_error_naming_it(tmp_path):
    text = (recipes.RECIPES_DIR / "gdp_per_capita.yaml").read_text().replace("fallbacks:", "fallback:")
    (tmp_path / "gdp_per_capita.yaml").write_text(text)
    with pytest.raises(RecipeError, match=r"gdp_per_capita.yaml:1: field \(top level\): unknown key\(s\) not "
                                          r"allowed \('fallback' was unexpected\)"):
        recipes.load_file(tmp_path / "gdp_per_capita.yaml")


@pytest.mark.parametrize("old, new, message", [
    ("decimals: 0, unit: persons", "decimals: one, unit: persons", r":13: field figures/population/decimals: 'one' is not of type 'integer'"),
    ("year: 2021, caption: \"BEVOLKING\"", "year: \"2021\", caption: \"BEVOLKING\"", r":13: field figures/population/year: '2021' is not of type 'integer'"),
    ("language: nl", "language: xx", r":9: field language: 'xx' is not one of"),
    ("value: 29664912,", "value: [29664912],", r":13: field figures/population/value: \[29664912\] is not of type 'number'"),
    ("caption: \"BEVOLKING\"}", "caption: \"BEVOLKING\", colour: red}", r":13: field figures/population: Additional properties"),
])
def test_bad_plan_types_name_file_line_and_field(tmp_path, old, new, message):
    text = (ROOT / "data" / "plan" / "jaarplan-2024.yaml").read_text()
    assert old in text
    (tmp_path / "jaarplan-2024.yaml").write_text(text.replace(old, new, 1))
    with pytest.raises(RecipeError, match=r"jaarplan-2024.yaml" + message):
        plan.load("2024", tmp_path)


def test_an_xlsx_defect_names_sheet_row_and_column(tmp_path):
    book = openpyxl.load_workbook(MIRROR / "une_rt_a.xlsx")
    book["Sheet 1"]["C12"] = "six"
    book.save(tmp_path / "une_rt_a.xlsx")
    with pytest.raises(CorruptDataError, match=r"Sheet 1, row 12, column C: 'six' is not a Eurostat cell"):
        xlsx.read((tmp_path / "une_rt_a.xlsx").read_bytes(), "t")


def test_csv_downloads_neutralise_formula_cells():
    from benelux_indicators.present import provenance

    rows = Mirror(MIRROR).fetch(Query.make("demo_pjan", {"unit": "NR"}, geo=["BE"], start=2021, end=2021))
    rows = rows.assign(citation="=HYPERLINK(\"http://evil\",\"click\")", note="@SUM(A1:A9)", geo="-BE")
    text = provenance.csv_text(rows)
    assert "'=HYPERLINK" in text and "'@SUM" in text and ",'-BE," in text
    assert ",11554767.0," in text  # numbers stay numbers


def test_explain_prints_no_terminal_escapes(monkeypatch, capsys):
    import benelux_indicators.present.explain as explain

    real = explain.lines
    monkeypatch.setattr(explain, "lines", lambda c, lang: [*real(c, lang), "cited: \x1b[2J\x1b[31mred\x07 text"])
    assert cli.main(["explain", "population"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out and "cited: [2J[31mred text" in out


# --- a refresh that cannot reach its source ----------------------------------------------------------

def test_a_refresh_without_the_network_writes_no_edition_and_says_so_in_seconds(home, monkeypatch, capsys):
    monkeypatch.setenv("BENELUX_OFFLINE", "0")
    monkeypatch.setenv("BENELUX_EUROSTAT_URL", "http://127.0.0.1:9/sdmx/2.1/")  # discard port: refused
    before = sha(home / "data" / "processed" / "snapshot.parquet")
    started = time.monotonic()
    code = cli.main(["refresh", "--source", "live", "--publications", str(PUBLICATIONS), "--edition", "2031"])
    assert code == 2 and time.monotonic() - started < 20
    err = capsys.readouterr().err
    assert "nothing could be fetched from live" in err and "the name '2031' stays free" in err
    assert not editions.exists("2031") and sha(home / "data" / "processed" / "snapshot.parquet") == before


@pytest.mark.parametrize("kind", ["dev_zero", "fifo", "latin1"])
def test_a_recipe_that_is_not_a_regular_utf8_file_is_refused_at_once(tmp_path, monkeypatch, kind):
    from benelux_indicators import recipes
    from benelux_indicators.errors import RecipeError

    monkeypatch.setenv("BENELUX_HOME", str(tmp_path))
    folder = tmp_path / "recipes"
    folder.mkdir()
    target = folder / "population.yaml"
    if kind == "dev_zero":
        target.symlink_to("/dev/zero")
    elif kind == "fifo":
        os.mkfifo(target)
    else:
        target.write_bytes("id: population\nnote: 'Bevölkerung'\n".encode("latin-1"))
    started = time.monotonic()
    with pytest.raises(RecipeError, match="not a regular file|is not UTF-8"):
        recipes.load_file(target)
    assert time.monotonic() - started < 1
    with pytest.raises(RecipeError, match=r"recipes/population.yaml: (not a regular file|byte \d+ is not UTF-8)"):
        recipes.load_all()  # the staff's folder is read the same way


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to a read-only folder; CI runs as root, so see the next test")
def test_export_works_with_the_data_folder_read_only(tmp_path, monkeypatch):
    _export_read_only(tmp_path, monkeypatch)


def _export_read_only(tmp_path, monkeypatch):
    home = tmp_path / "home"
    shutil.copytree(ROOT / "data", home / "data", ignore=shutil.ignore_patterns(".write.lock"))
    monkeypatch.setenv("BENELUX_HOME", str(home))
    processed = home / "data" / "processed"
    processed.chmod(0o555)
    try:
        assert cli.main(["export", "--out", str(tmp_path / "site")]) == 0
        assert not (processed / ".write.lock").exists() and (tmp_path / "site" / "keyfigures-nl.html").exists()
    finally:
        processed.chmod(0o755)


def test_export_reads_without_the_lock_from_a_folder_it_cannot_write(tmp_path, monkeypatch):
    from benelux_indicators import lock

    monkeypatch.setattr(lock.os, "access", lambda path, mode: False)  # as a web account that only reads sees it
    _export_read_only(tmp_path, monkeypatch)


@pytest.mark.parametrize("value", ["abc", "-1", "inf", "nan"])
def test_a_lock_wait_that_is_not_a_number_of_seconds_is_refused(monkeypatch, value, tmp_path, capsys):
    monkeypatch.setenv("BENELUX_HOME", str(tmp_path))
    monkeypatch.setenv("BENELUX_LOCK_WAIT", value)
    (tmp_path / "data" / "processed").mkdir(parents=True)
    assert cli.main(["editions", "discard", "x"]) == 2
    assert "BENELUX_LOCK_WAIT" in capsys.readouterr().err
