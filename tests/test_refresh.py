"""The annual refresh: a new edition with its changelog, and nothing lost on any fault.

Each test works in its own project home (``BENELUX_HOME``) holding a copy of the committed
snapshot and plan. The fault matrix fetches demo_pjan from the live source replaying a
fault, and every other series from the committed snapshot.
"""
from __future__ import annotations

import errno
import hashlib
import json
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import responses

from benelux_indicators import atomic, cli, editions, pipeline, recipes, refresh, snapshot
from benelux_indicators.errors import EditionError, RecipeError, WriteError
from benelux_indicators.sources.eurostat_api import EurostatAPI
from benelux_indicators.sources.committed import SnapshotSource
from conftest import FIXTURES, ROOT
from wire import DATA, FAULTS, QUERY, slice_for, structure

POPULATION = 29_664_912


MIRROR = FIXTURES / "mirror"
PUBLICATIONS = FIXTURES / "publications.csv"


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A project home with the committed snapshot and plan, and no edition yet."""
    shutil.copytree(ROOT / "data" / "plan", tmp_path / "data" / "plan")
    (tmp_path / "data" / "processed").mkdir()
    for name in ("snapshot.parquet", "manifest.json"):
        shutil.copy(ROOT / "data" / "processed" / name, tmp_path / "data" / "processed" / name)
    monkeypatch.setenv("BENELUX_HOME", str(tmp_path))
    return tmp_path


def fresh_project(home: Path) -> None:
    """No snapshot yet: the small fixture mirror may build one (it would shrink the committed one)."""
    for name in ("snapshot.parquet", "manifest.json"):
        (home / "data" / "processed" / name).unlink()


def sha(path: Path) -> str:
    """The file's bytes: for a snapshot that must stay untouched."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def content(path: Path) -> str:
    """The snapshot's identity: for one rewritten with the same rows (by any pandas/pyarrow)."""
    return snapshot.identity(snapshot.load(path))


class Routed:
    """demo_pjan from one source, every other dataset from another."""

    name = "routed"

    def __init__(self, demo_pjan, rest):
        self.demo_pjan, self.rest = demo_pjan, rest

    def fetch(self, query):
        return (self.demo_pjan if query.dataset == "demo_pjan" else self.rest).fetch(query)


def committed(kind: str) -> SnapshotSource:
    frame = snapshot.load(ROOT / "data" / "processed" / "snapshot.parquet")
    return SnapshotSource(frame[frame.source == kind])


def run(name: str, demo_pjan, **kwargs) -> refresh.RefreshResult:
    return refresh.run(name, Routed(demo_pjan, committed("eurostat")), committed("publication"), "2024", **kwargs)


def figure(outcome: refresh.RefreshResult, fid: str) -> editions.Figure:
    return next(f for f in outcome.record.figures if f.id == fid)


def test_refresh_from_a_mirror_writes_edition_changelog_and_the_same_snapshot(home, capsys):
    sources = ["--source", f"mirror:{MIRROR}", "--publications", str(PUBLICATIONS)]
    fresh_project(home)
    assert cli.main(["snapshot", *sources]) == 0
    out = home / "data" / "processed"
    before = content(out / "snapshot.parquet")
    code = cli.main(["refresh", *sources, "--edition", "2090"])
    assert code == 0  # series the mirror lacks were never in the snapshot: not a fault of this run
    record = editions.Record.from_json(json.loads((out / "keyfigures-2090.json").read_text()))
    computed = {f.id: f.comparison.computed for f in record.figures}
    assert computed["population"] == POPULATION and round(computed["gdp_share_eu"], 3) == 9.941  # TSV, SDMX-CSV
    assert round(computed["freight_road_share_eu"], 3) == 5.898  # cited values
    lacking = {key.split(":")[1].split(" ")[0] for key in record.failures.unavailable}
    assert "rd_e_gerdtot" in lacking and not lacking & {"demo_pjan", "nama_10_gdp", "une_rt_a", "mar_go_aa"}
    assert not record.failures.stale and not record.failures.faults
    assert pd.read_csv(out / "keyfigures-2090.csv").set_index("id").loc["population", "status"] == "match"
    assert (out / "changelog-2090.md").read_text().startswith("# Changes from snapshot before refresh to 2090")
    assert content(out / "snapshot.parquet") == before == record.snapshot_sha256  # same sources, same rows
    n = len(pipeline.needed(recipes.load_all()))
    assert f"[####################] {n:>3}/{n}" in capsys.readouterr().err
    assert not list(out.glob(".refresh-*"))


def test_an_edition_is_never_overwritten(home):
    run("2091", committed("eurostat"))
    with pytest.raises(EditionError, match="never overwritten"):
        run("2091", committed("eurostat"))
    assert editions.names() == ["2091"]


def test_changelog_puts_the_biggest_revision_first(home):
    run("2092", committed("eurostat"))
    frame = snapshot.load()
    bumped = frame.assign(value=frame.value.where(~((frame.dataset == "demo_pjan") & (frame.geo == "LU")),
                                                  frame.value + 10_000))
    outcome = run("2093", SnapshotSource(bumped[bumped.source == "eurostat"]))
    data = [c for c in outcome.changes if c.kind == "data_revised"]
    assert [c.id for c in data] == ["eurostat:demo_pjan LU"]  # the country's own values, beyond 1 %
    assert data[0].detail.startswith("LU revised beyond 1%: 1960: 313,050 -> 323,050 (+3.2%); 1961: ")
    assert data[0].detail.endswith("; 60 more")  # 65 years moved, the five largest shown
    assert [(c.kind, c.id) for c in outcome.changes if c.kind != "data_revised"] == [
        ("status", "population"),  # 29,674,912 no longer rounds to the printed 29.664.912
        ("revised", "population"),  # +10,000 of 29,664,912
        ("revised", "population_share_eu"),  # the same relative change, a hair smaller in floating point
        ("revised", "gdp_per_capita"),  # the same GDP over 10,000 more people: -10,000 / 29,674,912
        ("revised", "unemployment_rate")]  # LU's population weighs in the Benelux rate
    revised = next(c for c in outcome.changes if c.kind == "revised")
    assert revised.new - revised.old == pytest.approx(10_000) and revised.score == pytest.approx(10_000 / POPULATION)
    assert "2021: 29,664,912 -> 29,674,912 (+10,000, +0.034%)" in revised.detail
    md = refresh.changelog_paths("2093")[0].read_text()
    assert md.index("| status | `population`") < md.index("| revised | `gdp_per_capita`")


@pytest.mark.parametrize("fault", FAULTS)
def test_a_failing_dataset_keeps_its_previous_values_marked_stale(home, fault, tmp_path):
    register, error = FAULTS[fault]
    before = content(home / "data" / "processed" / "snapshot.parquet")
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mocked:
        register(mocked)
        outcome = run("2094", EurostatAPI(cache_dir=tmp_path / "raw", timeout=1, offline=False, backoff=0))
    [(label, why)] = [(k, v) for k, v in outcome.failed.items() if k.startswith("eurostat:demo_pjan")]
    assert "kept 264 previous rows" in why or "kept 198 previous rows" in why
    population = figure(outcome, "population")
    assert population.comparison.computed == POPULATION and population.comparison.status == "match"
    assert population.stale == (label,)
    assert any(c.kind == "stale" and c.id == "population" for c in outcome.changes)
    assert why.startswith(error)
    assert content(home / "data" / "processed" / "snapshot.parquet") == before  # same rows kept: same identity
    assert snapshot.manifest().sha256 == before and snapshot.manifest().identity == snapshot.IDENTITY


def test_a_corrupt_raw_file_is_reported_and_the_previous_values_kept(home, tmp_path):
    api = EurostatAPI(cache_dir=tmp_path / "raw", timeout=1, offline=False, backoff=0)
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mocked:
        structure(mocked)
        mocked.add_callback(responses.GET, DATA, callback=slice_for)
        api.fetch(QUERY)
    [part] = (tmp_path / "raw" / "demo_pjan").glob("*/*/part-000.tsv.gz")
    part.write_bytes(part.read_bytes()[:30])
    outcome = run("2095", EurostatAPI(cache_dir=tmp_path / "raw", offline=True))
    stale = {k: v for k, v in outcome.record.failures.stale.items() if k.startswith("eurostat:demo_pjan")}
    assert any("truncated or corrupt gzip" in v for v in stale.values())
    assert figure(outcome, "population").comparison.computed == POPULATION


def test_a_bad_plan_names_file_line_and_field_and_writes_nothing(home):
    plan = home / "data" / "plan" / "jaarplan-2024.yaml"
    plan.write_text(plan.read_text().replace("printed: \"29.664.912\"", "printed: \"29.664.913\""))
    with pytest.raises(RecipeError, match=r"jaarplan-2024.yaml:13: field figures/population/printed"):
        run("2096", committed("eurostat"))
    assert editions.names() == []


def test_a_full_disk_makes_no_edition_and_leaves_the_snapshot(home, monkeypatch):
    before = sha(home / "data" / "processed" / "snapshot.parquet")
    writes = {"n": 0}
    real = atomic.os.fsync

    def fsync(fd):
        writes["n"] += 1
        if writes["n"] == 4:  # after staging snapshot, manifest and the changelog JSON
            raise OSError(errno.ENOSPC, "No space left on device", "changelog-2097.md")
        real(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    with pytest.raises(WriteError, match="No space left on device; edition '2097' was not made"):
        run("2097", committed("eurostat"))
    processed = home / "data" / "processed"
    assert sha(processed / "snapshot.parquet") == before
    assert sorted(p.name for p in processed.iterdir()) == ["manifest.json", "snapshot.parquet"]


def outcome_date(home: Path, name: str) -> str:
    return json.loads((home / "data" / "processed" / f"keyfigures-{name}.json").read_text())["created_at"][:10]


KILLER = """
import os, sys, time
from pathlib import Path
real = os.replace
def stalled(src, dst, *args, **kwargs):
    if Path(dst).name == sys.argv[1]:
        Path(sys.argv[2]).write_text("writing")
        time.sleep(120)
    return real(src, dst, *args, **kwargs)
os.replace = stalled
from benelux_indicators.cli import main
sys.exit(main(sys.argv[3:]))
"""


@pytest.mark.parametrize("moment", [".refresh-2099.parquet", "snapshot.parquet"], ids=["staging", "publishing"])
def test_kill_9_during_the_write_leaves_the_snapshot_and_a_rerun_finishes(home, moment, tmp_path):
    processed = home / "data" / "processed"
    sources = ["--source", f"mirror:{MIRROR}", "--publications", str(PUBLICATIONS)]
    fresh_project(home)
    assert cli.main(["snapshot", *sources]) == 0  # the snapshot these sources make: nothing stale
    before = sha(processed / "snapshot.parquet")
    signal_file = tmp_path / "at-the-write"
    args = ["refresh", *sources, "--edition", "2099"]
    proc = subprocess.Popen([sys.executable, "-c", KILLER, moment, str(signal_file), *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while not signal_file.exists():
        assert proc.poll() is None and time.monotonic() < deadline, "the refresh never reached the write"
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert sha(processed / "snapshot.parquet") == before
    assert editions.exists("2099") == (moment == "snapshot.parquet")  # killed after the commit point, or before
    assert cli.main(args) == 0  # the rerun finishes the job
    assert editions.exists("2099") and not list(processed.glob(".*.tmp")) and not list(processed.glob(".refresh-*"))
    assert json.loads((processed / "manifest.json").read_text())["sha256"] == content(processed / "snapshot.parquet")


def test_the_page_of_an_edition_reads_as_it_stood(home, tmp_path):
    run("2098", committed("eurostat"))
    assert cli.main(["page", "--edition", "2098", "--lang", "nl", "--out", str(tmp_path / "site")]) == 0
    html = (tmp_path / "site" / "keyfigures-2098-nl.html").read_text()
    assert "29.664.912" in html and "<html lang='nl'>" in html
    assert "view/demo_pjan/default/table?lang=en'>Bevolking op 1 januari naar leeftijd en geslacht</a>" in html
    made = date.fromisoformat(outcome_date(home, "2098"))
    assert f"Editie gemaakt op {made.day} {('januari februari maart april mei juni juli augustus september oktober november december').split()[made.month - 1]} {made.year}" in html
    printable = (tmp_path / "site" / "keyfigures-2098-nl-print.html").read_text()
    assert "@page{size:A4" in printable and "<ol class='notes'>" in printable
