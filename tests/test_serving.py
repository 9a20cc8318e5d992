"""Voilà as `make dashboard` runs it: a cap on kernels, and a home page that stays on the host."""
from __future__ import annotations

import sys
import urllib.error
import urllib.request

import pytest

from conftest import free_port, voila_server


@pytest.fixture(scope="module")
def capped(tmp_path_factory):
    main = [sys.executable, "-m", "benelux_indicators.present.serving", "--port", str(free_port()), "--max-kernels",
            "1", "--cull", "60"]  # as `make dashboard` starts it
    with voila_server(main, tmp_path_factory.mktemp("voila") / "voila.log") as base:
        yield base


def test_a_page_says_its_language_and_title_and_a_visit_past_the_cap_is_told_to_come_back(capped):
    first = urllib.request.urlopen(f"{capped}/voila/render/keyfigures.ipynb?lang=fr", timeout=120).read().decode()
    assert '<html lang="nl">' in first and "<title>Benelux - kerncijfers</title>" in first
    with pytest.raises(urllib.error.HTTPError) as busy:  # the one kernel allowed is taken
        urllib.request.urlopen(f"{capped}/voila/render/energy.ipynb", timeout=60)
    assert busy.value.code == 503 and "please try again in a minute" in busy.value.read().decode()


def test_the_home_page_sends_nothing_off_the_host(capped):
    home = urllib.request.urlopen(capped, timeout=30).read().decode()
    assert "voila-tree-main" in home and "cdn.jsdelivr" not in home and "https://" not in home


def test_the_language_in_the_address_reaches_the_page_and_its_links(monkeypatch):
    from benelux_indicators.present import dashboard

    monkeypatch.setenv("QUERY_STRING", "lang=fr")
    monkeypatch.setattr("voila.utils.get_query_string", lambda: "lang=fr", raising=False)
    assert dashboard.requested_lang("nl") == "fr"
    monkeypatch.setattr("voila.utils.get_query_string", lambda: "lang=xx", raising=False)
    assert dashboard.requested_lang("nl") == "nl"  # an unknown language falls back
    assert "href='freight.ipynb?lang=de'" in dashboard._nav("keyfigures", "de")


def test_the_kernel_cap_holds_under_a_burst_of_parallel_starts(monkeypatch):
    """50 visits at once on an idle server with a cap of 4: 4 kernels, 46 refusals. Before
    the reservation every request passed the count while the first starts were awaited."""
    import asyncio
    import uuid

    from jupyter_server.services.kernels.kernelmanager import AsyncMappingKernelManager
    from tornado import web

    from benelux_indicators.present.serving import CappedKernelManager

    async def slow_start(self, *args, **kwargs):  # a kernel takes a while to start, as a real one does
        await asyncio.sleep(0.05)
        if kwargs.get("fail"):
            raise RuntimeError("kernel died at start")
        kid = str(uuid.uuid4())
        self._kernels[kid] = object()
        return kid

    monkeypatch.setattr(AsyncMappingKernelManager, "start_kernel", slow_start)
    manager = CappedKernelManager(max_kernels=4)

    async def burst(n: int, **kwargs) -> list:
        return await asyncio.gather(*(manager.start_kernel(**kwargs) for _ in range(n)), return_exceptions=True)

    outcome = asyncio.run(burst(50))
    started = [o for o in outcome if isinstance(o, str)]
    refused = [o for o in outcome if isinstance(o, web.HTTPError) and o.status_code == 503]
    assert (len(started), len(refused), len(manager.list_kernel_ids())) == (4, 46, 4)
    manager._kernels.clear()
    failed = asyncio.run(burst(3, fail=True))  # failed starts give their slot back
    assert all(isinstance(o, RuntimeError) for o in failed) and manager._starting == 0
    assert sum(isinstance(o, str) for o in asyncio.run(burst(6))) == 4
