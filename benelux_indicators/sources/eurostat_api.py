"""Eurostat's SDMX 2.1 API, through the ``eurostat`` package, with a raw cache.

What the server and the package do, and how this module bends to it:

* The package asks the dataflow, then the data structure, then one data URL per
  combination of filter values (gzip TSV). It has no cache, no default timeout worth
  having (120 s, 4 immediate retries, 5 providers: up to 20 calls for one lookup) and
  reports failures as a bare ``ValueError`` or an ``UnboundLocalError``. So every call
  runs with a timeout and through a :class:`_Recorder`, which keeps each exchange and lets
  :func:`_classify` name the failure (timeout, 5xx, 'sorry' maintenance redirect, 413 too
  big, HTML page, unknown dataset). The package's ``requests`` is replaced once by
  :class:`_Dispatch`, which hands each thread's calls to that thread's recorder, so a few
  downloads can run at once (``parallel``) without mixing their exchanges.
* The recorded data bodies are the raw answers; they are stored unchanged in the raw cache
  and parsed by :mod:`benelux_indicators.readers.tsv`, the same reader as the mirror.
* Big extracts are answered asynchronously ("status" XML); the package polls in a loop
  with no pause. The recorder stops that loop after ``max_polls`` and reports what to
  filter.
* Filter keys the data structure does not know are silently dropped by the package; they
  are an error here.
* Offline (``offline=True`` or ``BENELUX_OFFLINE=1``): only the raw cache answers, and a
  query it cannot answer raises :class:`OfflineError` naming the URL it refused.
"""
from __future__ import annotations

import logging
import os
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

import eurostat
import eurostat.eurostat as _impl
import pandas as pd
import requests

from .. import normalise
from ..errors import (CorruptDataError, EmptyResultError, FetchTimeout, MaintenanceError, NotDataError,
                      OfflineError, ServerError, SourceError, TooBigError, UnknownDatasetError,
                      UnknownDimensionError)
from ..paths import raw_dir
from ..readers import tsv
from . import rawcache
from .query import Query

log = logging.getLogger(__name__)
BASE_URL = _impl.__Uri__.BASE_URL["EUROSTAT"]
SORRY_HOST = "sorry.ec.europa.eu"


@dataclass
class Exchange:
    url: str
    status: int | None = None
    final_url: str = ""
    body: bytes = b""
    error: BaseException | None = None


@dataclass
class _Recorder:
    """Stands in for the ``requests`` module inside ``eurostat.eurostat`` for one call."""

    dataset: str
    max_polls: int = 30
    exchanges: list[Exchange] = field(default_factory=list)

    def get(self, url: str, **kwargs) -> requests.Response:
        if "/async/" in url and sum("/async/" in e.url for e in self.exchanges) >= self.max_polls:
            raise TooBigError(self.dataset, f"Eurostat still preparing the extract after {self.max_polls} polls", url=url)
        try:
            resp = requests.get(url, **kwargs)
        except Exception as exc:
            self.exchanges.append(Exchange(url, error=exc))
            raise
        self.exchanges.append(Exchange(url, resp.status_code, resp.url, resp.content))
        return resp

    def __getattr__(self, name: str):
        return getattr(requests, name)


class _Dispatch:
    """``requests`` as the ``eurostat`` package sees it: a thread with an active recorder is
    recorded, any other call (someone using the package directly) passes straight through."""

    def __init__(self) -> None:
        self._local = threading.local()

    @contextmanager
    def recording(self, recorder: _Recorder) -> Iterator[_Recorder]:
        self._local.recorder = recorder
        try:
            yield recorder
        finally:
            self._local.recorder = None

    def get(self, url: str, **kwargs) -> requests.Response:
        recorder = getattr(self._local, "recorder", None)
        return recorder.get(url, **kwargs) if recorder else requests.get(url, **kwargs)

    def __getattr__(self, name: str):
        return getattr(requests, name)


_DISPATCH = _Dispatch()
_impl.requests = _DISPATCH


class EurostatAPI:
    parallel = 3  # downloads at once: a few, to be polite to Eurostat and within its rate limits

    def __init__(self, cache_dir: Path | None = None, timeout: float = 30.0, offline: bool | None = None,
                 fresh_after: str | None = None):
        self.cache_dir = cache_dir or raw_dir()
        self.timeout = timeout
        self.offline = os.environ.get("BENELUX_OFFLINE", "") not in ("", "0") if offline is None else offline
        self.fresh_after = fresh_after
        self.name = "live"

    def fetch(self, query: Query) -> pd.DataFrame:
        """Newest cached vintage of this exact query, else a new download (never both mixed).

        With ``fresh_after`` (a UTC stamp like the vintage folders' names, ``20261123T101500Z``)
        only vintages retrieved since then count: a refresh asks for new data, and a rerun of
        an interrupted refresh reuses what the first run already fetched."""
        cached = [v for v in rawcache.vintages(self.cache_dir, query) if v.name >= (self.fresh_after or "")]
        if cached:
            return self._parse(query, cached[-1])
        if self.offline:
            raise OfflineError(query.dataset, "offline: refused the network request",
                               url=f"{BASE_URL}dataflow/ESTAT/{query.dataset}/latest")
        return self._parse(query, self.download(query))

    def download(self, query: Query) -> Path:
        """Ask Eurostat, check the answer, store it as a new raw vintage."""
        eurostat.set_requests_args(timeout=self.timeout)  # one value for every thread
        with _DISPATCH.recording(_Recorder(query.dataset)) as recorder:
            try:
                eurostat.get_data(query.dataset, flags=True, filter_pars=query.filter_pars())
            except Exception as exc:  # the package raises anything from ValueError to UnboundLocalError
                _check_dimensions(query, recorder.exchanges)  # a renamed dimension explains what failed after it
                raise _classify(query, recorder.exchanges, exc) from exc
        _check_dimensions(query, recorder.exchanges)
        parts = [e.body for e in recorder.exchanges if "/data/" in e.url and e.status == 200]
        for body in parts:  # refuse to cache anything that does not parse
            tsv.read(tsv.decode(body, query.dataset, "response"), query.dataset, "response")
        meta = {
            "retrieved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "eurostat_package": version("eurostat"),
            "last_update": _last_update(recorder.exchanges),
            "urls": [e.url for e in recorder.exchanges if "/data/" in e.url],
        }
        folder = rawcache.store(self.cache_dir, query, parts, meta)
        log.info("live %s: %d part(s) -> %s", query.dataset, len(parts), folder)
        return folder

    def _parse(self, query: Query, folder: Path) -> pd.DataFrame:
        meta, parts = rawcache.load(folder)
        if not parts:
            raise EmptyResultError(query.dataset, "Eurostat returned no data for this query", path=str(folder))
        frames = [tsv.read(tsv.decode(body, query.dataset, str(path)), query.dataset, str(path))
                  for path, body in parts]
        vintage = meta.get("last_update") or f"retrieved {meta['retrieved_at']}"
        rows = normalise.eurostat_rows(pd.concat(frames, ignore_index=True), query.dataset,
                                       f"eurostat-api:{folder.name}", vintage)
        return query.apply(rows, str(folder))


def _xml(body: bytes) -> ET.Element | None:
    try:
        return ET.fromstring(body)
    except ET.ParseError:
        return None


def _last_update(exchanges: list[Exchange]) -> str:
    """Eurostat's UPDATE_DATA annotation of the dataflow, when the answer carries one."""
    for ex in exchanges:
        root = _xml(ex.body) if "/dataflow/" in ex.url and ex.status == 200 else None
        if root is None:
            continue
        for ann in root.iter():
            if ann.tag.endswith("Annotation"):
                kind = next((c.text for c in ann if c.tag.endswith("AnnotationType")), None)
                if kind == "UPDATE_DATA":
                    return next((c.text or "" for c in ann if c.tag.endswith("AnnotationTitle")), "")
    return ""


def _check_dimensions(query: Query, exchanges: list[Exchange]) -> None:
    """The package drops unknown filter keys silently; here they are an error."""
    for ex in exchanges:
        root = _xml(ex.body) if "/datastructure/" in ex.url and ex.status == 200 else None
        if root is None:
            continue
        known = {el.get("id") for el in root.iter() if el.tag.endswith("}Dimension")}
        unknown = sorted({dim for dim, _ in query.filters} - known)
        if unknown:
            raise UnknownDimensionError(query.dataset, f"unknown dimension(s) {unknown}; the dataset has {sorted(known)}",
                                        url=ex.url)


def _classify(query: Query, exchanges: list[Exchange], exc: BaseException) -> SourceError:
    """Name the failure from what the server actually answered."""
    ds = query.dataset
    if isinstance(exc, SourceError):
        return exc
    for ex in exchanges:
        if SORRY_HOST in ex.final_url:
            return MaintenanceError(ds, "Eurostat redirected to its maintenance ('sorry') page; try later", url=ex.url)
    for ex in exchanges:
        if ex.status == 413 or b"EXTRACTION_TOO_BIG" in ex.body:
            return TooBigError(ds, "Eurostat refused the extract as too big; add dimension filters or a start year",
                               url=ex.url)
    for ex in exchanges:
        if ex.status is not None and ex.status >= 500:
            return ServerError(ds, f"HTTP {ex.status} from Eurostat", url=ex.url)
    errors = [ex for ex in exchanges if ex.error is not None]
    if errors and all(isinstance(ex.error, requests.Timeout) for ex in errors) and len(errors) == len(exchanges):
        return FetchTimeout(ds, f"no answer within the timeout ({len(errors)} attempts)", url=errors[0].url)
    if errors and len(errors) == len(exchanges):
        return SourceError(ds, f"network unreachable: {errors[-1].error}", url=errors[0].url)
    for ex in exchanges:
        if "/data/" in ex.url and ex.status == 200:
            try:
                tsv.decode(ex.body, ds, ex.url)
            except (NotDataError, CorruptDataError) as typed:
                typed.url = ex.url
                return typed
        if "/data/" in ex.url and ex.status == 404:
            return EmptyResultError(ds, "Eurostat has no data for these filters (HTTP 404)", url=ex.url)
    flows = [ex for ex in exchanges if "/dataflow/" in ex.url]
    if flows and all(ex.status == 404 for ex in flows if ex.error is None):
        return UnknownDatasetError(ds, "Eurostat does not know this dataset code", url=flows[0].url)
    return SourceError(ds, f"unexpected failure in the eurostat package: {exc!r}",
                       url=exchanges[-1].url if exchanges else None)
