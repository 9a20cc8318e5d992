"""The committed snapshot: readable in a fresh clone, replaced only whole."""
import os
import re
import json
import subprocess
import sys

import pytest

from benelux_indicators import snapshot


def test_committed_snapshot_holds_the_population_with_provenance():
    frame = snapshot.load()
    pop = frame[(frame.dataset == "demo_pjan") & (frame.time == "2021") & frame.geo.isin(["BE", "NL", "LU"])]
    assert pop.value.sum() == 29_664_912
    assert set(pop.source) == {"eurostat"} and set(pop.origin) == {"mirror:demo_pjan.tsv"}
    cited = frame[frame.source == "publication"]
    assert cited.citation.notna().all() and cited.vintage.notna().all()


def test_manifest_says_what_is_missing_and_why():
    info = snapshot.manifest()
    assert any(k.startswith("eurostat:rd_e_gerdtot") for k in info.missing)
    assert info.sha256 == snapshot.identity(snapshot.load()) and info.identity == snapshot.IDENTITY


def test_a_snapshot_is_identified_by_its_rows_not_by_the_library_that_wrote_it(tmp_path):
    frame = snapshot.load()
    first = snapshot.write(frame, snapshot.Manifest(), path=tmp_path / "a.parquet", manifest_to=tmp_path / "a.json")
    shuffled = frame.sample(frac=1, random_state=1)[list(reversed(frame.columns))]
    assert snapshot.write(shuffled, snapshot.Manifest(), path=tmp_path / "b.parquet",
                          manifest_to=tmp_path / "b.json") == first  # same rows in another order
    import pyarrow.parquet as pq

    assert pq.read_schema(tmp_path / "a.parquet").metadata is None  # no pandas version in the file
    changed = frame.assign(value=frame.value.where(frame.index != 0, frame.value + 1))
    assert snapshot.identity(changed) != first and snapshot.identity(frame.head(-1)) != first


def test_cli_data_prints_flags_source_and_vintage():
    out = subprocess.run([sys.executable, "-m", "benelux_indicators", "data", "--dataset", "demo_pjan",
                          "--geo", "EU27_2020", "--format", "json"], capture_output=True, text=True, check=True)
    rows = {r["time"]: r for r in json.loads(out.stdout)}
    assert rows["2021"]["value"] == 445891011 and rows["2021"]["flag"] == "bep"
    assert rows["2021"]["vintage"].startswith("sha256:") and rows["2021"]["source"] == "eurostat"


def test_cli_reports_bad_input_without_traceback():
    out = subprocess.run([sys.executable, "-m", "benelux_indicators", "data", "--dataset", "nope"],
                         capture_output=True, text=True)
    assert out.returncode == 2 and out.stderr.startswith("error: nope:") and "Traceback" not in out.stderr


def test_failed_write_leaves_the_previous_snapshot(tmp_path, monkeypatch):
    target = tmp_path / "snapshot.parquet"
    manifest = tmp_path / "manifest.json"
    frame = snapshot.load()
    snapshot.write(frame, snapshot.Manifest(), path=target, manifest_to=manifest)
    before = target.read_bytes()

    def disk_full(self, *args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(snapshot.pq, "write_table", disk_full)
    with pytest.raises(OSError):
        snapshot.write(frame.head(3), snapshot.Manifest(), path=target, manifest_to=manifest)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json", "snapshot.parquet"]


def test_a_fresh_clone_ships_the_current_edition(tmp_path):
    from benelux_indicators import cli, editions

    assert editions.names()[-1] == "2024"
    record = editions.load("2024")
    assert record.snapshot_sha256 == snapshot.manifest().sha256  # drawn from the committed snapshot
    assert record.schema == 2
    assert cli.main(["page", "--edition", "2024", "--lang", "fr", "--out", str(tmp_path)]) == 0
    assert "29\u202f664\u202f912" in (tmp_path / "keyfigures-2024-fr.html").read_text()


def test_a_saved_edition_renders_its_causes_in_any_language(tmp_path):
    from benelux_indicators import cli

    for lang, words in (("nl", "De bron heeft dit cijfer herzien"), ("de", "Die Quelle hat diese Zahl seit dem Druck"),
                        ("en", "The source has revised this figure")):
        assert cli.main(["page", "--edition", "2024", "--lang", lang, "--out", str(tmp_path)]) == 0
        assert words in (tmp_path / f"keyfigures-2024-{lang}.html").read_text()


def test_the_readme_counts_are_what_the_code_computes():
    import runpy

    from conftest import ROOT

    readme = runpy.run_path(str(ROOT / "tools" / "readme.py"))
    text = (ROOT / "README.md").read_text()
    assert readme["render"](text) == text, "README.md is behind what the code computes: run `make readme`"


def test_no_test_name_is_defined_twice_in_a_module():
    """A second definition hides the first from pytest: it would never run."""
    import ast

    from conftest import ROOT

    twice = {}
    for path in (ROOT / "tests").glob("test_*.py"):
        names = [n.name for n in ast.parse(path.read_text()).body if isinstance(n, ast.FunctionDef)]
        twice.update({f"{path.name}::{n}": names.count(n) for n in set(names) if names.count(n) > 1})
    assert twice == {}


CORE = ["compare", "engine", "operations", "recipes", "readers", "sources", "normalise", "tidy", "validate",
        "editions", "pipeline", "snapshot", "rounding", "geo", "flags"]
EDGE = {"messages", "present", "cli"}


def test_imports_run_downward_no_core_module_imports_words_pages_or_the_cli():
    """The README's promise: the core makes no words. Every import of every core module,
    at the top or inside a function, is read from its source."""
    import ast

    from conftest import ROOT

    package = ROOT / "benelux_indicators"
    found = {}
    for name in CORE:
        for path in ([package / f"{name}.py"] if (package / f"{name}.py").exists() else sorted((package / name).glob("*.py"))):
            for node in ast.walk(ast.parse(path.read_text())):
                modules = ([node.module or ""] + [a.name for a in node.names] if isinstance(node, ast.ImportFrom)
                           else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
                hit = {m.split(".")[-1] for m in modules for part in [m.split(".")] if set(part) & EDGE}
                if hit:
                    found.setdefault(path.relative_to(package).as_posix(), set()).update(hit)
    assert found == {}


@pytest.mark.skipif(bool(os.environ.get("BENELUX_LATEST")), reason="make test-latest installs the newest releases")
def test_the_venv_is_what_the_lock_file_says_and_every_pin_carries_its_hashes():
    """The README's promise: set-up installs every package from requirements.txt, hashes
    required, so this interpreter holds exactly the locked versions."""
    import runpy

    from conftest import ROOT

    make = (ROOT / "Makefile").read_text()
    assert "LOCK := requirements.txt" in make and "pip install --quiet --require-hashes -r $(LOCK)" in make
    lock = (ROOT / "requirements.txt").read_text()
    pins = re.findall(r"^([A-Za-z0-9_.-]+)==\S+(?: ;[^\\\n]*)? \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", lock, re.M)
    assert len(pins) == len(re.findall(r"^[A-Za-z0-9_.-]+==", lock, re.M)) > 100  # every pin has its hashes
    assert runpy.run_path(str(ROOT / "tools" / "lockfile.py"))["diff"](ROOT / "requirements.txt") == "every package as locked"
