"""The live source against what Eurostat really sends.

Replayed at the HTTP level (``responses``) with our own demo_pjan answers and the recorded
bodies of ``../shared/eurostat-wire`` (read there, never copied), plus a real HTTP server
on a loopback port for timeouts, slow answers and ``Retry-After``. Each case asserts what
reaches the tidy table and that ``data/raw/`` holds no partial vintage.
"""
from __future__ import annotations

import gzip
import json
import math
import re
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
import responses

from benelux_indicators.errors import (CorruptDataError, EmptyResultError, FetchTimeout, KeyShapeError,
                                       MaintenanceError, NotDataError, OfflineError, QueuedError, ServerError,
                                       SourceError, TooBigError, UnknownDatasetError, UnknownDimensionError,
                                       UnreachableError)
from benelux_indicators.flags import observation_status
from benelux_indicators.readers import tsv
from benelux_indicators.sources import estat, rawcache
from benelux_indicators.sources.eurostat_api import EurostatAPI
from benelux_indicators.sources.query import Query
from conftest import FIXTURES
from wire import (ASYNC, BASE_URL, DATA, DATAFLOW, DSD, QUERY, WIRE, series_for, shared_wire, slice_for,
                  structure)

POP = {"freq": "A", "unit": "NR", "age": "TOTAL", "sex": "T"}


@pytest.fixture
def api(tmp_path):
    return EurostatAPI(cache_dir=tmp_path, timeout=1, offline=False, backoff=0, poll_pause=0.01)


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as rsps:
        yield rsps


def data_calls(mocked) -> list[str]:
    return [c.request.url for c in mocked.calls if "/data/" in c.request.url]


def test_one_data_call_per_query_stores_the_raw_answer_and_parses_it(api, mocked, tmp_path):
    structure(mocked)
    mocked.add_callback(responses.GET, DATA, callback=slice_for)
    frame = api.fetch(QUERY)
    assert frame[frame.time == "2021"].value.sum() == 29_664_912
    assert set(frame.vintage) == {"2025-03-14T23:00:00+0100"}  # Eurostat's UPDATE_DATA
    assert [c.request.url.split("?")[0] for c in mocked.calls] == [
        DATAFLOW, DSD, BASE_URL + "data/demo_pjan/A.NR.TOTAL.T.BE+LU+NL"]
    [folder] = rawcache.vintages(tmp_path, QUERY)
    meta = json.loads((folder / "meta.json").read_text())
    assert meta["query"]["filters"]["unit"] == ["NR"] and meta["absent"] == {}
    assert len(list(folder.glob("part-*.tsv.gz"))) == 1


def test_structure_is_asked_once_per_dataset(api, mocked):
    structure(mocked)
    mocked.add_callback(responses.GET, DATA, callback=slice_for)
    api.fetch(QUERY)
    api.fetch(Query.make("demo_pjan", POP, geo=["BE", "EU27_2020"]))
    assert len(mocked.calls) == 4 and api.requests == 4  # dataflow, DSD, then one data call each


def test_cache_answers_the_same_query_and_never_another(api, mocked):
    structure(mocked)
    mocked.add_callback(responses.GET, DATA, callback=slice_for)
    api.fetch(QUERY)
    calls = len(mocked.calls)
    api.fetch(QUERY)
    assert len(mocked.calls) == calls  # served from the raw cache
    other = Query.make("demo_pjan", POP, geo=["BE"])
    assert set(api.fetch(other).geo) == {"BE"}
    assert len(mocked.calls) > calls  # a different filter is a new request


def test_a_country_eurostat_leaves_out_is_recorded_absent_not_a_failure(api, mocked, tmp_path):
    structure(mocked)
    mocked.add_callback(responses.GET, DATA, callback=slice_for)
    query = Query.make("demo_pjan", POP, geo=["BE", "MT", "NL"])  # MT: no series in the answer
    frame = api.fetch(query)
    assert sorted(frame.geo.unique()) == ["BE", "NL"]
    [folder] = rawcache.vintages(tmp_path, query)
    assert list(json.loads((folder / "meta.json").read_text())["absent"]) == ["MT"]


def test_offline_names_the_refused_url(tmp_path):
    with pytest.raises(OfflineError, match=re.escape(DATAFLOW)):
        EurostatAPI(cache_dir=tmp_path, offline=True).fetch(QUERY)


def test_offline_still_serves_the_cache(api, mocked, tmp_path):
    structure(mocked)
    mocked.add_callback(responses.GET, DATA, callback=slice_for)
    api.fetch(QUERY)
    assert len(EurostatAPI(cache_dir=tmp_path, offline=True).fetch(QUERY)) == 9


def test_the_endpoint_is_configurable(tmp_path, mocked, monkeypatch):
    monkeypatch.setenv("BENELUX_EUROSTAT_URL", "http://replay.test/sdmx/2.1")
    for url, body in ((DATAFLOW, (FIXTURES / "dataflow_demo_pjan.xml").read_bytes()),
                      (DSD, (FIXTURES / "datastructure_DEMO_PJAN.xml").read_bytes())):
        mocked.get(url.replace(BASE_URL, "http://replay.test/sdmx/2.1/"), body=body)
    mocked.get(re.compile(r"http://replay\.test/sdmx/2\.1/data/.*"), body=gzip.compress(series_for(["LU"])))
    frame = EurostatAPI(cache_dir=tmp_path, offline=False).fetch(Query.make("demo_pjan", POP, geo=["LU"]))
    assert frame.set_index("time").value["2021"] == 634_730
    assert all(c.request.url.startswith("http://replay.test/") for c in mocked.calls)


# --- faults, at the first, a middle and the last call ------------------------------------

@pytest.mark.parametrize("failing", [DATAFLOW, DSD, DATA], ids=["first", "middle", "last"])
def test_a_gateway_503_at_any_call_caches_nothing_and_names_the_url(api, mocked, tmp_path, failing):
    gateway = b"<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"
    for url, name in ((DATAFLOW, "dataflow_demo_pjan.xml"), (DSD, "datastructure_DEMO_PJAN.xml")):
        if url != failing:
            mocked.get(url, body=(FIXTURES / name).read_bytes())
    mocked.get(failing, status=503, body=gateway)
    if failing is not DATA:
        mocked.add_callback(responses.GET, DATA, callback=slice_for)
    with pytest.raises(ServerError, match=r"HTTP 503 from Eurostat \(an HTML gateway page\)") as err:
        api.fetch(QUERY)
    assert err.value.url and ("/data/" in err.value.url) == (failing is DATA)
    calls = [c for c in mocked.calls if (failing.match(c.request.url) if failing is DATA else c.request.url == failing)]
    assert len(calls) == 1 + api.retries  # 5xx is retried, then named
    assert rawcache.vintages(tmp_path, QUERY) == []


def test_429_is_retried_and_then_succeeds(api, mocked, tmp_path):
    structure(mocked)
    mocked.get(DATA, status=429, body=b"Too Many Requests")
    mocked.add_callback(responses.GET, DATA, callback=slice_for)
    frame = api.fetch(QUERY)
    assert frame[frame.time == "2021"].value.sum() == 29_664_912


def test_fault_150_names_the_refused_code_and_is_not_retried(api, mocked, tmp_path):
    structure(mocked)
    mocked.get(DATA, status=400, body=shared_wire("quoted_fault-150_invalid-dimension-value_http400.xml"))
    with pytest.raises(UnknownDimensionError, match=r"Eurostat refused the code\(s\) UNIT=NOTAUNIT \(fault 150"):
        api.fetch(QUERY)
    assert len(data_calls(mocked)) == 1 and rawcache.vintages(tmp_path, QUERY) == []


def test_fault_140_is_a_key_shape_error(api, mocked):
    structure(mocked)
    mocked.get(DATA, status=400, body=shared_wire("quoted_fault-140_nb-filters_http400.xml"))
    with pytest.raises(KeyShapeError, match="fault 140 .*INVALID_QUERY_NB_FILTERS"):
        api.fetch(QUERY)
    assert len(data_calls(mocked)) == 1


def test_unknown_dataset_from_the_recorded_404(api, mocked):
    mocked.get(re.compile(".*dataflow.*"), status=404, body=shared_wire("unknown_ds-999999_dataflow-404.xml"))
    with pytest.raises(UnknownDatasetError, match="fault 100 .*ERR_NOT_FOUND_4"):
        api.fetch(Query.make("demo_pjan"))
    assert len(mocked.calls) == 1


def test_no_results_is_an_empty_result(api, mocked, tmp_path):
    structure(mocked)
    mocked.get(DATA, status=404, body=(FIXTURES / "soap_fault_404.xml").read_bytes())
    with pytest.raises(EmptyResultError, match="fault 100 .*No Results Found"):
        api.fetch(QUERY)
    assert rawcache.vintages(tmp_path, QUERY) == []


def test_too_big_from_the_recorded_413(api, mocked):
    structure(mocked)
    mocked.get(DATA, status=413, body=shared_wire("comext_ds-045409_fault-413.xml"))
    with pytest.raises(TooBigError, match="EXTRACTION_TOO_BIG.*add dimension filters"):
        api.fetch(QUERY)
    assert len(data_calls(mocked)) == 1


def test_timeout(api, mocked):
    mocked.get(re.compile(".*"), body=requests.exceptions.ConnectTimeout("timed out"))
    with pytest.raises(FetchTimeout, match="demo_pjan: no answer within the connect timeout"):
        api.fetch(QUERY)


def test_sorry_redirect(api, mocked):
    mocked.get(DATAFLOW, status=307, headers={"Location": "https://sorry.ec.europa.eu/"})
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


def test_unknown_dimension(api, mocked):
    structure(mocked)
    with pytest.raises(UnknownDimensionError, match=r"unknown dimension\(s\) \['sectperf'\]"):
        api.fetch(Query.make("demo_pjan", {"sectperf": "TOTAL"}))
    assert data_calls(mocked) == []


# --- asynchronous answers ------------------------------------------------------------------

QUEUE_ID = "e3d39a1b-27eb-4ce4-936d-8f95b23bf74f"  # the id in the recorded envelope


def status_body(status: str) -> bytes:
    """An async status answer in the shape the eurostat package reads."""
    return (f'<env:Envelope xmlns:env="http://schemas.xmlsoap.org/soap/envelope/"><env:Body>'
            f'<ns0:asyncResponse xmlns:ns0="http://estat.ec.europa.eu/disschain/soap/asynchronous">'
            f'<ns1:status xmlns:ns1="http://estat.ec.europa.eu/disschain/asynchronous"><ns1:key>{QUEUE_ID}</ns1:key>'
            f'<ns1:status>{status}</ns1:status></ns1:status></ns0:asyncResponse></env:Body></env:Envelope>').encode()


def test_queued_then_running_then_delivered(tmp_path, mocked):
    pauses: list[float] = []
    api = EurostatAPI(cache_dir=tmp_path, offline=False, poll_pause=2.0, sleep=pauses.append)
    structure(mocked)
    mocked.get(DATA, body=shared_wire("quoted_async-queued-envelope_http200.xml"))
    for status in ("SUBMITTED", "PROCESSING", "AVAILABLE"):
        mocked.get(f"{ASYNC}status/{QUEUE_ID}", body=status_body(status))
    mocked.get(f"{ASYNC}data/{QUEUE_ID}", body=gzip.compress(series_for(["BE", "LU", "NL"])))
    frame = api.fetch(QUERY)
    assert frame[frame.time == "2021"].value.sum() == 29_664_912
    assert pauses == [2.0, 2.0]  # a pause between polls, never a tight loop
    assert rawcache.pending_queue(tmp_path, QUERY) is None and len(rawcache.vintages(tmp_path, QUERY)) == 1


def test_queued_past_the_budget_keeps_the_id_and_a_rerun_picks_the_delivery_up(tmp_path, mocked):
    structure(mocked)
    mocked.get(DATA, body=shared_wire("quoted_async-queued-envelope_http200.xml"))
    mocked.get(f"{ASYNC}status/{QUEUE_ID}", body=status_body("SUBMITTED"))
    slow = EurostatAPI(cache_dir=tmp_path, offline=False, budget=0.5, poll_pause=0.2)
    with pytest.raises(QueuedError, match=f"queued by Eurostat, retry later \\(id {QUEUE_ID}\\)"):
        slow.fetch(QUERY)
    assert rawcache.pending_queue(tmp_path, QUERY)["id"] == QUEUE_ID and rawcache.vintages(tmp_path, QUERY) == []
    asked = len(data_calls(mocked))
    mocked.replace(responses.GET, f"{ASYNC}status/{QUEUE_ID}", body=status_body("AVAILABLE"))
    mocked.get(f"{ASYNC}data/{QUEUE_ID}", body=gzip.compress(series_for(["BE", "LU", "NL"])))
    frame = EurostatAPI(cache_dir=tmp_path, offline=False).fetch(QUERY)
    assert frame[frame.time == "2021"].value.sum() == 29_664_912
    assert len([u for u in data_calls(mocked) if "/sdmx/" in u]) == asked == 1  # not asked again


# --- flags and cells -------------------------------------------------------------------------

def test_both_flag_schemes_reach_the_tidy_table(api, mocked):
    """Before 2025: ``: c`` and ``: z``; since: ``: @C`` (CONF_STATUS) and ``m``."""
    structure(mocked)
    body = series_for(["BE", "LI"]).replace(b"11617623 ", b": @C").replace(b"11522440 ", b"0n")
    mocked.get(DATA, body=gzip.compress(body))
    frame = api.fetch(Query.make("demo_pjan", POP, geo=["BE", "LI"])).set_index(["geo", "time"])
    be20, be22 = frame.loc[("BE", "2020")], frame.loc[("BE", "2022")]
    assert (be20.value, be20.flag) == (0.0, "n")  # 0n: a value, flag n
    assert math.isnan(be22.value) and be22.conf_status == "C" and be22.flag == ""
    assert observation_status(None, be22.flag, be22.conf_status) == "confidential"
    li = frame.loc["LI"]
    assert li.loc["2021", "flag"] == "c" and observation_status(None, li.loc["2021", "flag"]) == "confidential"
    assert observation_status(None, "m") == observation_status(None, "z") == "not_applicable"


def test_recorded_tsv_bodies_read_as_eurostat_means_them():
    conf = tsv.read(tsv.decode(shared_wire("quoted_sts_inpr_m_confidential.tsv"), "sts_inpr_m", "t"), "sts_inpr_m", "t")
    ie = conf[conf.geo == "IE"]
    assert ie.value.isna().all() and set(ie.conf_status) == {"C"} and set(ie.flag) == {""}
    bg = conf[(conf.geo == "BG") & (conf.time == "2023-01")].iloc[0]
    assert (bg.value, bg.flag, bg.conf_status) == (94.4, "p", "")
    nama = tsv.read(tsv.decode(shared_wire("quoted_nama_10_gdp_slice.tsv"), "nama_10_gdp", "t"), "nama_10_gdp", "t")
    de = nama[(nama.geo == "DE") & (nama.time == "2022")].iloc[0]
    assert (de.value, de.flag) == (3591874.0, "p")
    comext = tsv.read(tsv.decode(shared_wire("comext_ds-045409_de-us-m-2026-06-07.tsv"), "ds-045409", "t"),
                      "ds-045409", "t")
    assert comext.value.iloc[0] == 1235161 and comext.flag.iloc[0] == ""  # no trailing space


def test_key_positions_are_numbers_not_text():
    dims = [f"d{i}" for i in range(1, 12)]
    shuffled = dsd_body(dims).replace(b'<s:Dimension id="d10" position="10"/>', b"")
    shuffled = shuffled.replace(b'<s:Dimension id="d1" ', b'<s:Dimension id="d10" position="10"/><s:Dimension id="d1" ')
    assert estat.dimensions(shuffled, "x", "u") == dims  # d10, d11 after d9, not after d1
    assert estat.key(dims, {"d2": ("A", "B"), "d10": ("Z",)}, ()) == ".A+B........Z."


def test_the_recorded_dsd_gives_the_key_order():
    dims = estat.dimensions(shared_wire("estat_GOV_10Q_GGNFA_dataflow+dsd_2023.xml"), "gov_10q_ggnfa", "t")
    assert dims[0] == "freq" and dims[-1] == "geo" and len(dims) == len(set(dims))


# --- cache behaviour ---------------------------------------------------------------------------

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
    """Queries fetched together (as a refresh does): each caches only its own answer."""
    structure(mocked)
    mocked.add_callback(responses.GET, DATA, callback=lambda request: (time.sleep(0.2), slice_for(request))[1])
    queries = {geo: Query.make("demo_pjan", POP, geo=[geo]) for geo in ("BE", "NL", "LU")}
    with ThreadPoolExecutor(max_workers=3) as pool:
        frames = dict(zip(queries, pool.map(api.fetch, queries.values())))
    for geo, query in queries.items():
        assert set(frames[geo].geo) == {geo}
        [folder] = rawcache.vintages(tmp_path, query)
        urls = json.loads((folder / "meta.json").read_text())["urls"]
        assert len(urls) == 1 and urls[0].split("?")[0].endswith(f".{geo}")


# --- a real server on a loopback port: timeouts, slow answers, Retry-After ----------------------

@dataclass
class Broken:
    """A body that goes wrong after the headers: ``reset`` (half, then the connection
    closes), ``stall`` (half, then silence for ``pause`` s) or ``trickle`` (a chunk every
    ``pause`` s, each gap under the read timeout)."""

    mode: str
    whole: bytes
    pause: float = 0.0

    def write(self, handler) -> None:
        half = len(self.whole) // 2
        if self.mode == "trickle":
            for i in range(0, len(self.whole), 16):
                handler.wfile.write(self.whole[i:i + 16])
                handler.wfile.flush()
                time.sleep(self.pause)
            return
        handler.wfile.write(self.whole[:half])
        handler.wfile.flush()
        if self.mode == "stall":
            time.sleep(self.pause)
        handler.close_connection = True
        handler.connection.shutdown(socket.SHUT_RDWR)


class Eurostat(BaseHTTPRequestHandler):
    """Answers from ``self.server.script``: path prefix -> list of (status, headers, body, delay)."""

    def do_GET(self):  # noqa: N802 (http.server's name)
        self.server.seen.append(self.path)
        for prefix, answers in self.server.script.items():
            if self.path.startswith(prefix):
                status, headers, body, delay = answers.pop(0) if len(answers) > 1 else answers[0]
                time.sleep(delay)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                whole = body.whole if isinstance(body, Broken) else body
                self.send_header("Content-Length", str(len(whole)))
                self.end_headers()
                if isinstance(body, Broken):
                    body.write(self)
                else:
                    self.wfile.write(body)
                return
        self.send_response(404)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def server(monkeypatch):
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Eurostat)
    httpd.seen, httpd.script = [], {}
    httpd.script["/sdmx/2.1/dataflow/"] = [(200, {}, (FIXTURES / "dataflow_demo_pjan.xml").read_bytes(), 0)]
    httpd.script["/sdmx/2.1/datastructure/"] = [(200, {}, (FIXTURES / "datastructure_DEMO_PJAN.xml").read_bytes(), 0)]
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    monkeypatch.setenv("BENELUX_EUROSTAT_URL", f"http://127.0.0.1:{httpd.server_address[1]}/sdmx/2.1/")
    yield httpd
    httpd.shutdown()


DATA_PATH = "/sdmx/2.1/data/"
GOOD = (200, {}, gzip.compress(series_for(["BE", "LU", "NL"])), 0)


def test_a_connection_reset_mid_body_is_retried_then_a_typed_error_and_nothing_is_cached(server, tmp_path):
    server.script[DATA_PATH] = [(200, {}, Broken("reset", gzip.compress(series_for(["BE", "LU", "NL"]))), 0)]
    api = EurostatAPI(cache_dir=tmp_path, offline=False, retries=1, backoff=0)
    with pytest.raises(ServerError, match=r"the answer broke off while its body was read, 2 time\(s\)"):
        api.fetch(QUERY)
    assert rawcache.vintages(tmp_path, QUERY) == [] and sum(p.startswith(DATA_PATH) for p in server.seen) == 2


def test_a_reset_body_then_a_whole_one_is_used(server, tmp_path):
    server.script[DATA_PATH] = [(200, {}, Broken("reset", gzip.compress(series_for(["BE", "LU", "NL"]))), 0), GOOD]
    frame = EurostatAPI(cache_dir=tmp_path, offline=False, retries=1, backoff=0).fetch(QUERY)
    assert frame[frame.time == "2021"].value.sum() == 29_664_912


def test_a_stalled_body_is_a_timeout_not_an_unreachable_eurostat(server, tmp_path):
    server.script[DATA_PATH] = [(200, {}, Broken("stall", gzip.compress(series_for(["BE", "LU", "NL"])), 2.0), 0)]
    api = EurostatAPI(cache_dir=tmp_path, timeout=(1.0, 0.5), offline=False, retries=0, backoff=0)
    with pytest.raises(FetchTimeout, match=r"the body stalled: nothing for 0.5 s after") as caught:
        api.fetch(QUERY)
    assert not isinstance(caught.value, UnreachableError) and rawcache.vintages(tmp_path, QUERY) == []


def test_a_trickling_body_ends_with_the_budget(server, tmp_path, monkeypatch):
    body = gzip.compress(series_for(["BE", "LU", "NL"]) * 20)
    server.script[DATA_PATH] = [(200, {}, Broken("trickle", body, 0.2), 0)]
    monkeypatch.setenv("BENELUX_EUROSTAT_BUDGET", "2")
    api = EurostatAPI(cache_dir=tmp_path, timeout=(1.0, 1.0), offline=False, retries=0, backoff=0)
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match=r"the body was still arriving when the time budget of 2 s ran out"):
        api.fetch(QUERY)
    assert time.monotonic() - started < 4 and rawcache.vintages(tmp_path, QUERY) == []


@pytest.mark.parametrize("value", ["abc", "-1", "inf"])
def test_a_budget_that_is_not_a_number_of_seconds_is_refused(monkeypatch, value):
    monkeypatch.setenv("BENELUX_EUROSTAT_BUDGET", value)
    with pytest.raises(SourceError, match="BENELUX_EUROSTAT_BUDGET"):
        EurostatAPI(offline=False)


def test_a_slow_data_answer_is_a_read_timeout_named_as_such(server, tmp_path):
    server.script[DATA_PATH] = [(200, {}, b"", 1.5)]
    api = EurostatAPI(cache_dir=tmp_path, timeout=(1.0, 0.5), offline=False, retries=1, backoff=0)
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match=r"no answer within the read timeout \(0.5 s, 1 retries\)"):
        api.fetch(QUERY)
    assert time.monotonic() - started < 5 and rawcache.vintages(tmp_path, QUERY) == []
    assert sum(p.startswith(DATA_PATH) for p in server.seen) == 2  # the read timeout was retried once


def test_retry_after_is_honoured_and_the_answer_then_used(server, tmp_path):
    server.script[DATA_PATH] = [(503, {"Retry-After": "1"}, b"<html><body>busy</body></html>", 0), GOOD]
    api = EurostatAPI(cache_dir=tmp_path, offline=False, backoff=0)
    started = time.monotonic()
    frame = api.fetch(QUERY)
    assert time.monotonic() - started >= 1.0  # waited as told
    assert frame[frame.time == "2021"].value.sum() == 29_664_912
    assert sum(p.startswith(DATA_PATH) for p in server.seen) == 2


def test_a_wait_past_the_budget_fails_fast(server, tmp_path):
    server.script[DATA_PATH] = [(429, {"Retry-After": "600"}, b"Too Many Requests", 0)]
    api = EurostatAPI(cache_dir=tmp_path, offline=False, budget=5)
    started = time.monotonic()
    with pytest.raises(FetchTimeout, match="exceed the time budget"):
        api.fetch(QUERY)
    assert time.monotonic() - started < 3 and rawcache.vintages(tmp_path, QUERY) == []


def test_4xx_is_never_resent(server, tmp_path):
    server.script[DATA_PATH] = [(400, {}, shared_wire("quoted_fault-150_invalid-dimension-value_http400.xml"), 0)]
    with pytest.raises(UnknownDimensionError, match="UNIT=NOTAUNIT"):
        EurostatAPI(cache_dir=tmp_path, offline=False).fetch(QUERY)
    assert sum(p.startswith(DATA_PATH) for p in server.seen) == 1


# --- live-check, and the eurostat package's catalogue through our client -------------------------

def catalogue_body(code: str, start: str = "1960", end: str = "2025") -> bytes:
    """A dataflow entry of Eurostat's JSON catalogue, gzipped (compressed=true)."""
    entry = {"label": f"Title of {code}", "class": "dataset",
             "extension": {"id": code.upper(), "annotation": [
                 {"type": "UPDATE_DATA", "date": "2025-03-14T23:00:00+0100"},
                 {"type": "UPDATE_STRUCTURE", "date": "2024-02-01T11:00:00+0100"},
                 {"type": "OBS_PERIOD_OVERALL_OLDEST", "title": start},
                 {"type": "OBS_PERIOD_OVERALL_LATEST", "title": end}]}}
    return gzip.compress(json.dumps(entry).encode())


def dsd_body(dims: list[str]) -> bytes:
    listed = "".join(f'<s:Dimension id="{d}" position="{i}"/>' for i, d in enumerate(dims, 1))
    return (f'<m:Structure xmlns:m="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/message" '
            f'xmlns:s="http://www.sdmx.org/resources/sdmxml/schemas/v2_1/structure">{listed}'
            f'<s:TimeDimension id="TIME_PERIOD" position="{len(dims) + 1}"/></m:Structure>').encode()


def nama_structure(rsps):
    rsps.get(BASE_URL + "dataflow/ESTAT/nama_10_gdp/latest", body=(FIXTURES / "dataflow_demo_pjan.xml").read_bytes())
    rsps.get(BASE_URL + "datastructure/ESTAT/NAMA_10_GDP/latest", body=dsd_body(["freq", "unit", "na_item", "geo"]))


def test_the_catalogue_is_read_through_our_client_once_even_when_refused(api, mocked):
    mocked.get(re.compile(r".*/dataflow/ESTAT/demo_pjan\?format=JSON.*"), body=catalogue_body("demo_pjan"))
    entry = api.catalogue("demo_pjan")
    assert (entry["title"], entry["data start"], entry["data end"]) == ("Title of demo_pjan", "1960", "2025")
    mocked.get(re.compile(r".*/dataflow/ESTAT/nope\?format=JSON.*"), status=404,
               body=shared_wire("unknown_ds-999999_dataflow-404.xml"))
    with pytest.raises(UnknownDatasetError, match="ERR_NOT_FOUND_4"):
        api.catalogue("nope")
    assert sum("/nope?" in c.request.url for c in mocked.calls) == 1  # the package would have sent it 4 times


def test_live_check_names_what_answered_and_the_refused_code(tmp_path, mocked, capsys, monkeypatch):
    from benelux_indicators import cli, livecheck, recipes

    chosen = {k: v for k, v in recipes.load_all().items() if k in ("population", "gdp_share_eu")}
    monkeypatch.setattr(recipes, "load_all", lambda *a: chosen)
    monkeypatch.setattr(livecheck.pipeline, "context", lambda: {})
    for code in ("demo_pjan", "nama_10_gdp"):
        mocked.get(re.compile(rf".*/dataflow/ESTAT/{code}\?format=JSON.*"), body=catalogue_body(code))
    structure(mocked)
    mocked.add_callback(responses.GET, DATA, callback=slice_for)
    nama_structure(mocked)
    fault = shared_wire("quoted_fault-150_invalid-dimension-value_http400.xml").replace(b"UNIT=NOTAUNIT", b"UNIT=CP_MEUR")
    mocked.get(re.compile(r".*/data/nama_10_gdp/.*"), status=400, body=fault)
    monkeypatch.setenv("BENELUX_HOME", str(tmp_path))
    monkeypatch.setenv("BENELUX_OFFLINE", "0")
    code = cli.main(["live-check", "--budget", "10"])
    out, err = capsys.readouterr()
    assert code == 3
    lines = {line.split()[0]: line for line in out.splitlines()[1:]}
    assert "ok" in lines["demo_pjan"] and "2025-03-14T23:00:00+0100" in lines["demo_pjan"] and "1960-2025" in lines["demo_pjan"]
    assert "FAILED" in lines["nama_10_gdp"] and lines["nama_10_gdp"].rstrip().endswith("UNIT=CP_MEUR")
    assert "1 of 2 datasets answered; 8 requests" in err
    probe = [c.request.url for c in mocked.calls if "/data/demo_pjan/" in c.request.url][0]
    assert "/data/demo_pjan/A.NR.TOTAL.T.BE?" in probe and "startPeriod=" in probe


def test_the_cli_says_a_broken_body_in_one_typed_line(server, tmp_path, monkeypatch, capsys):
    from benelux_indicators import cli

    server.script[DATA_PATH] = [(200, {}, Broken("reset", gzip.compress(series_for(["BE", "LU", "NL"]))), 0)]
    monkeypatch.setenv("BENELUX_HOME", str(tmp_path))
    monkeypatch.setenv("BENELUX_OFFLINE", "0")
    assert cli.main(["data", "--dataset", "demo_pjan", "--geo", "BE,LU,NL", "--source", "live", "--filter", "unit=NR",
                     "--filter", "age=TOTAL", "--filter", "sex=T", "--filter", "freq=A"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: demo_pjan: the answer broke off while its body was read") and "Traceback" not in err
    assert not list((tmp_path / "data" / "raw").rglob("part-*"))


@pytest.mark.parametrize("status", ["FAILED", ""])
def test_an_unknown_queue_status_ends_the_poll_with_eurostats_word_and_forgets_the_id(tmp_path, mocked, status):
    pauses: list[float] = []
    structure(mocked)
    mocked.get(DATA, body=shared_wire("quoted_async-queued-envelope_http200.xml"))
    mocked.get(f"{ASYNC}status/{QUEUE_ID}", body=status_body(status) if status else b"<?xml version=\"1.0\"?><nothing/>")
    api = EurostatAPI(cache_dir=tmp_path, offline=False, poll_pause=2.0, sleep=pauses.append)
    with pytest.raises(SourceError, match=f"queue answered {status or 'nothing readable'!r}"):
        api.fetch(QUERY)
    assert pauses == [] and rawcache.pending_queue(tmp_path, QUERY) is None  # not polled for the whole budget


def test_a_key_names_each_code_once():
    assert estat.key(["freq", "geo"], {"freq": ("A", "A")}, ("BE", "BE", "NL")) == "A.BE+NL"
