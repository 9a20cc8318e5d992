"""The notebooks for economists run top to bottom on the committed snapshot, offline, and
show the numbers they teach."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from nbrun import execute

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
EXPECTED = {  # notebook -> strings its outputs must contain (the values the text talks about)
    "01_quickstart.ipynb": ["29664912.0", "29.664.912", ">klopt<", "'dataset': 'demo_pjan'", "application/vnd.plotly"],
    "02_own_aggregate.ipynb": ["29664912", "6.653", "part_LU"],
    "03_revisions.ipynb": ["first release 12.575, now 13.031: revised by +0.456 points", "Eurostat release 2023-01-19"],
    "04_energy.ipynb": ["27 countries", "9.52", "Benelux"],
    "05_neighbours.ipynb": ["29030182", "ratio of sums 48,143 EUR; mean of the two ratios 47,406 EUR",
                            "Benelux + DE  34.83", "online data code: nama_10_gdp", "year = {2025}", "België",
                            "did you mean gdp_share_eu", "unknown country code 'XX'", "the data hold 1960-"],
}
NEEDS_MIRROR = {"05_neighbours.ipynb"}  # Germany comes from ../shared/eurostat


def test_every_notebook_is_tested():
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_committed_notebooks_carry_no_outputs(name):
    cells = json.loads((NOTEBOOKS / name).read_text())["cells"]
    assert all(not c.get("outputs") and c.get("execution_count") is None for c in cells if c["cell_type"] == "code")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_notebook_runs_and_shows_its_numbers(name, request):
    if name in NEEDS_MIRROR:
        request.getfixturevalue("mirror")  # skipped with a reason where ../shared is absent
    outputs = "\n".join(execute(NOTEBOOKS / name))
    missing = [s for s in EXPECTED[name] if s not in outputs]
    assert not missing, missing
