"""Shared fixtures. No test reaches the network: live-source tests replay hand-written
responses with ``responses``; everything else reads the committed snapshot or the mirror."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures"
MIRROR = ROOT.parent / "shared" / "eurostat"
PUBLICATIONS = ROOT.parent / "shared" / "transcribed" / "values.csv"

os.environ.setdefault("BENELUX_OFFLINE", "1")  # a test that forgets its mock must not go online


@pytest.fixture
def mirror() -> Path:
    if not MIRROR.is_dir():
        pytest.skip(f"mirror {MIRROR} absent (it is there in CI, beside the clone)")
    return MIRROR


@pytest.fixture
def publications() -> Path:
    if not PUBLICATIONS.is_file():
        pytest.skip(f"cited values {PUBLICATIONS} absent (they are there in CI, beside the clone)")
    return PUBLICATIONS
