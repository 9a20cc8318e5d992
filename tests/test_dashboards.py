"""Dashboards: the HTML the pages show, and each notebook executing top to bottom."""
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from benelux_indicators import compare, plan, recipes, snapshot
from benelux_indicators.present.cards import page

DASHBOARDS = Path(__file__).resolve().parents[1] / "dashboards"


@pytest.fixture(scope="module")
def comparisons():
    return compare.keyfigures(recipes.load_all(), plan.load("2024"), snapshot.load(), "nl")


def test_cards_show_numbers_in_the_language_style(comparisons):
    assert "29.664.912" in page(comparisons, "nl")
    en = compare.keyfigures(recipes.load_all(), plan.load("2024"), snapshot.load(), "en")
    assert "29,664,912" in page(en, "en") and "Explain this number" in page(en, "en")


def test_every_card_has_a_status_in_words(comparisons):
    html = page(comparisons, "nl")
    assert html.count("class='bnl-card'") == 24
    assert html.count(">klopt<") == 2 and html.count(">geen gegevens<") == 15


@pytest.mark.parametrize("notebook", sorted(DASHBOARDS.glob("*.ipynb")), ids=lambda p: p.name)
def test_dashboard_notebook_executes(notebook):
    nb = nbformat.read(notebook, as_version=4)
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(DASHBOARDS)}}).execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
