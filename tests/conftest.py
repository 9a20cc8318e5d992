"""Shared fixtures. No test reaches the network: live-source tests replay hand-written
responses with ``responses``; everything else reads the committed snapshot or the mirror."""
from __future__ import annotations

import os
from contextlib import contextmanager
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


@pytest.fixture(autouse=True)
def _uncached_under_mutation():
    """Under ``make mutation`` a mutant must run, not a result cached from the clean run
    (the mirror and snapshot readers keep parsed files per content stamp)."""
    if os.environ.get("MUTANT_UNDER_TEST"):
        from benelux_indicators import snapshot
        from benelux_indicators.sources import mirror

        mirror.read_file.cache_clear()
        snapshot._load.cache_clear()
    yield


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def voila_server(argv: list[str], log_path: Path):
    """Voilà started from ``argv`` (offline), yielded once it answers on its port, stopped after."""
    import re
    import subprocess
    import time
    import urllib.request

    from benelux_indicators.present import serving

    port = re.search(r"--port[= ](\d+)", " ".join(argv)).group(1)
    with open(log_path, "w") as log:
        server = subprocess.Popen(argv, env={**serving.environment(), "BENELUX_OFFLINE": "1"}, stdout=log,
                                  stderr=subprocess.STDOUT)
        base, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 60
        try:
            while True:
                try:
                    urllib.request.urlopen(base, timeout=2)
                    break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        pytest.fail(f"Voilà did not start; see {log_path}")
                    time.sleep(0.3)
            yield base
        finally:
            server.terminate()
            server.wait(timeout=20)
