"""The live source, replayed at the HTTP level with hand-written Eurostat responses.

The ``eurostat`` package makes a dataflow call, a data-structure call, then one data call
per filter combination; every test below registers exactly those answers (or a fault).
"""
from __future__ import annotations

import gzip
import json
import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
import responses

from benelux_indicators.errors import (CorruptDataError, EmptyResultError, FetchTimeout, MaintenanceError,
                                       NotDataError, OfflineError, ServerError, TooBigError, UnknownDatasetError,
                                       UnknownDimensionError)
from benelux_indicators.sources import rawcache
from benelux_indicators.sources.eurostat_api import BASE_URL, EurostatAPI
from benelux_indicators.sources.query import Query
from conftest import FIXTURES
from wire import DATA, DATAFLOW, QUERY, WIRE, slice_for, structure

@pytest.fixture
def api(tmp_path):
    return EurostatAPI(cache_dir=tmp_path, timeout=1, offline=False)


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def test_fetch_stores_raw_answers_and_parses_them(api, mocked, tmp_path):
    structure(mocked)
    mocked.add_callback(responses.GET, DATA, callback=slice_for)
    frame = api.fetch(QUERY)
    assert frame[frame.time == "2021"].value.sum() == 29_664_912
    assert set(frame.vintage) == {"2025-03-14T23:00:00+0100"}  # Eurostat's UPDATE_DATA
    assert len(mocked.calls) == 2 + 3  # dataflow, DSD, one data call per geo
    [folder] = rawcache.vintages(tmp_path, QUERY)
    meta = json.loads((folder / "meta.json").read_text())
    assert meta["query"]["filters"]["unit"] == ["NR"] and meta["eurostat_package"]
    assert len(list(folder.glob("part-*.tsv.gz"))) == 3


def test_cache_answers_the_same_query_and_never_another(api, mocked):
    structure(mocked)
    mocked.add_callback(responses.GET, DATA, callback=slice_for)
    api.fetch(QUERY)
    calls = len(mocked.calls)
    api.fetch(QUERY)
    assert len(mocked.calls) == calls  # served from the raw cache
    other = Query.make("demo_pjan", {"freq": "A", "unit": "NR", "age": "TOTAL", "sex": "T"}, geo=["BE"])
    assert other.key() != QUERY.key()
    assert set(api.fetch(other).geo) == {"BE"}
    assert len(mocked.calls) > calls  # a different filter is a new request


def test_offline_names_the_refused_url(tmp_path):
    with pytest.raises(OfflineError, match=re.escape(DATAFLOW)):
        EurostatAPI(cache_dir=tmp_path, offline=True).fetch(QUERY)


def test_offline_still_serves_the_cache(api, mocked, tmp_path):
    structure(mocked)
    mocked.add_callback(responses.GET, DATA, callback=slice_for)
    api.fetch(QUERY)
    assert len(EurostatAPI(cache_dir=tmp_path, offline=True).fetch(QUERY)) == 9


def test_timeout(api, mocked):
    mocked.get(re.compile(".*"), body=requests.exceptions.ConnectTimeout("timed out"))
    with pytest.raises(FetchTimeout, match="demo_pjan: no answer within the timeout"):
        api.fetch(QUERY)


def test_server_error(api, mocked):
    mocked.get(re.compile(".*"), status=503, body=b"Service Unavailable")
    with pytest.raises(ServerError, match="HTTP 503"):
        api.fetch(QUERY)


def test_sorry_redirect(api, mocked):
    mocked.get(DATAFLOW, status=302, headers={"Location": "https://sorry.ec.europa.eu/"})
    mocked.get("https://sorry.ec.europa.eu/", body=(FIXTURES / "maintenance.html").read_bytes())
    with pytest.raises(MaintenanceError, match="maintenance"):
        api.fetch(QUERY)


def test_html_page_instead_of_data(api, mocked, tmp_path):
    structure(mocked)
    mocked.get(DATA, body=(FIXTURES / "maintenance.html").read_bytes())
    with pytest.raises(NotDataError, match="HTML page"):
        api.fetch(QUERY)
    assert rawcache.vintages(tmp_path, QUERY) == []  # nothing cached


def test_truncated_gzip(api, mocked, tmp_path):
    structure(mocked)
    mocked.get(DATA, body=gzip.compress(WIRE)[:50])
    with pytest.raises(CorruptDataError, match="truncated or corrupt gzip"):
        api.fetch(QUERY)
    assert rawcache.vintages(tmp_path, QUERY) == []


def test_malformed_tsv_is_refused_before_caching(api, mocked, tmp_path):
    structure(mocked)
    mocked.get(DATA, body=gzip.compress(b"freq,unit,age,sex,geo\\TIME_PERIOD\t2021 \r\nA,NR,TOTAL,T,BE\tx y\r\n"))
    with pytest.raises(CorruptDataError, match="malformed cell"):
        api.fetch(QUERY)
    assert rawcache.vintages(tmp_path, QUERY) == []


def test_unknown_dataset(api, mocked):
    mocked.get(re.compile(".*dataflow.*"), status=404, body=(FIXTURES / "soap_fault_404.xml").read_bytes())
    with pytest.raises(UnknownDatasetError, match="does not know this dataset"):
        api.fetch(Query.make("demo_pjan"))


def test_unknown_dimension(api, mocked):
    structure(mocked)
    mocked.get(re.compile(re.escape(BASE_URL + "data/") + ".*"), body=gzip.compress(WIRE))
    with pytest.raises(UnknownDimensionError, match=r"unknown dimension\(s\) \['sectperf'\]"):
        api.fetch(Query.make("demo_pjan", {"sectperf": "TOTAL"}))


def test_empty_result(api, mocked):
    structure(mocked)
    mocked.get(DATA, status=404, body=(FIXTURES / "soap_fault_404.xml").read_bytes())
    with pytest.raises(EmptyResultError, match="no data for these filters"):
        api.fetch(QUERY)


def test_too_big(api, mocked):
    structure(mocked)
    mocked.get(DATA, status=413, body=(FIXTURES / "soap_fault_413.xml").read_bytes())
    with pytest.raises(TooBigError, match="add dimension filters"):
        api.fetch(QUERY)


def test_corrupt_cached_file_is_reported_and_kept(api, mocked, tmp_path):
    structure(mocked)
    mocked.add_callback(responses.GET, DATA, callback=slice_for)
    api.fetch(QUERY)
    [folder] = rawcache.vintages(tmp_path, QUERY)
    part = folder / "part-000.tsv.gz"
    part.write_bytes(part.read_bytes()[:30])
    with pytest.raises(CorruptDataError, match="part-000"):
        EurostatAPI(cache_dir=tmp_path, offline=True).fetch(QUERY)
    assert part.exists()  # evidence kept, not silently replaced


def test_refresh_adds_a_vintage_keeps_the_old_one_and_a_rerun_reuses_it(api, mocked, tmp_path):
    structure(mocked)
    mocked.add_callback(responses.GET, DATA, callback=slice_for)
    api.fetch(QUERY)
    started = rawcache.stamp()
    EurostatAPI(cache_dir=tmp_path, offline=False, fresh_after=started).fetch(QUERY)
    assert len(rawcache.vintages(tmp_path, QUERY)) == 2
    EurostatAPI(cache_dir=tmp_path, offline=True, fresh_after=started).fetch(QUERY)  # the rerun: no download
    assert len(rawcache.vintages(tmp_path, QUERY)) == 2


def test_a_few_downloads_at_once_keep_their_own_answers(api, mocked, tmp_path):
    """Three queries fetched together (as a refresh does): each caches only its own answers."""
    structure(mocked)
    mocked.add_callback(responses.GET, DATA, callback=lambda request: (time.sleep(0.2), slice_for(request))[1])
    queries = {geo: Query.make("demo_pjan", {"freq": "A", "unit": "NR", "age": "TOTAL", "sex": "T"}, geo=[geo])
               for geo in ("BE", "NL", "LU")}
    with ThreadPoolExecutor(max_workers=EurostatAPI.parallel) as pool:
        frames = dict(zip(queries, pool.map(api.fetch, queries.values())))
    for geo, query in queries.items():
        assert set(frames[geo].geo) == {geo}
        [folder] = rawcache.vintages(tmp_path, query)
        urls = json.loads((folder / "meta.json").read_text())["urls"]
        assert len(urls) == 1 and urls[0].split("?")[0].endswith(f".{geo}")
