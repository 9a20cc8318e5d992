"""Eurostat's SDMX 2.1 API, live, with a raw cache: the source behind ``--source live``.

Who does what, and why:

* **The ``eurostat`` package is left alone**: no attribute of it (or of anything else) is
  replaced, so an economist's own ``eurostat.get_data_df`` keeps working beside us. The
  catalogue entry ``live-check`` shows (title, last data update, first and last period:
  what ``eurostat.get_toc`` reads) is asked through this module's client, with our
  timeouts, retries and base URL.
* **This module owns the data exchange**, because the package gets it wrong against the
  real wire (``../shared/eurostat-wire``): it re-parses the previous URL's text when a
  later call gets a 503/429 page (a partial download looks complete), throws away
  asynchronous answers or loops on them without a pause, reports Eurostat's faults as
  bare exceptions, sorts DSD positions as text, refuses ``0n`` cells and sends one request
  per filter combination. Here a query costs three calls: the dataflow (its UPDATE_DATA
  date is the vintage), the data structure (the key order), and one data call whose key
  joins every wanted code with ``+``. What Eurostat does is named in :mod:`.estat`; the
  HTTP policy (timeouts, retries, time budget) is :mod:`.http`.
* **Completeness**: a vintage is written to ``data/raw/`` only when the data call was
  answered with data that parse; otherwise nothing is cached and the error names the URL
  and the answer. Countries Eurostat leaves out (it omits series without data) are
  recorded in the vintage's ``meta.json`` as absent, not a failure of the query.
* **Asynchronous answers**: the queue id is kept beside the cache, the status is polled
  with a pause within the time budget, and the delivery fetched; a rerun picks a pending
  id up instead of asking again.
* **Offline** (``offline=True`` or ``BENELUX_OFFLINE=1``): only the raw cache answers, and a
  query it cannot answer raises :class:`OfflineError` naming the URL it refused.
"""
from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib.metadata import version
from pathlib import Path

import pandas as pd

from .. import normalise
from ..errors import (EmptyResultError, OfflineError, QueuedError, SourceError,
                      UnknownDimensionError, UnreachableError)
from ..paths import raw_dir
from ..readers import tsv
from . import estat, rawcache
from .http import Answer, Client
from .query import Query

log = logging.getLogger(__name__)
BASE_URL = estat.DEFAULT_BASE


@dataclass(frozen=True)
class Structure:
    """What a download needs to know of a dataset before asking for data."""

    dimensions: tuple[str, ...]
    last_update: str
    urls: tuple[str, ...]


class EurostatAPI:
    parallel = 2  # queries at once: Eurostat queues clients that send many requests together

    def __init__(self, cache_dir: Path | None = None, timeout: float | tuple[float, float] = (10.0, 60.0),
                 offline: bool | None = None, fresh_after: str | None = None, budget: float | None = None,
                 retries: int = 2, backoff: float = 1.0, poll_pause: float = 5.0,
                 sleep: Callable[[float], None] = time.sleep):
        self.cache_dir = cache_dir or raw_dir()
        self.timeout = timeout if isinstance(timeout, tuple) else (float(timeout), float(timeout))
        self.offline = os.environ.get("BENELUX_OFFLINE", "") not in ("", "0") if offline is None else offline
        self.fresh_after = fresh_after
        self.budget, self.retries, self.backoff = estat.budget() if budget is None else budget, retries, backoff
        self.poll_pause, self.sleep = poll_pause, sleep
        self.base = estat.base_url()
        self.name = "live"
        self.requests = 0  # HTTP requests sent by this source (retries included by urllib3 are not)
        self._structures: dict[str, Structure] = {}
        self._lock = threading.Lock()
        self._down: UnreachableError | None = None

    def client(self, dataset: str) -> Client:
        return Client(dataset, self.timeout, self.budget, self.retries, self.backoff)

    # --- the Source protocol -------------------------------------------------------------

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
                               url=estat.dataflow_url(self.base, query.dataset))
        return self._parse(query, self.download(query))

    # --- the exchange --------------------------------------------------------------------

    def ask(self, client: Client, url: str) -> Answer:
        """One GET; Eurostat's faults, maintenance and gateway pages raised as typed errors."""
        if self.offline:
            raise OfflineError(client.dataset, "offline: refused the network request", url=url)
        answer = client.get(url)
        with self._lock:
            self.requests += 1
        error = estat.answer_error(client.dataset, url, answer.status, answer.final_url, answer.body)
        if error is not None:
            raise error
        return answer

    def known(self, dataset: str) -> Structure | None:
        """The structure this source has already read for ``dataset``, if any."""
        with self._lock:
            return self._structures.get(dataset)

    def structure(self, dataset: str, client: Client) -> Structure:
        """Dataflow (release date) and data structure (key order), once per dataset and run."""
        with self._lock:
            known = self._structures.get(dataset)
        if known:
            return known
        flow = self.ask(client, estat.dataflow_url(self.base, dataset))
        dsd = self.ask(client, estat.structure_url(self.base, dataset))
        found = Structure(tuple(estat.dimensions(dsd.body, dataset, dsd.url)), estat.last_update(flow.body),
                          (flow.url, dsd.url))
        with self._lock:
            self._structures[dataset] = found
        return found

    def download(self, query: Query) -> Path:
        """Ask Eurostat for one query (one data call), check the answer, store it as a new
        raw vintage; nothing is stored unless the whole answer is there and parses."""
        if self._down is not None:  # fail in a moment, not after another round of retries
            raise UnreachableError(query.dataset, f"not asked: Eurostat could not be reached earlier in this run "
                                                  f"({self._down.reason})", url=self._down.url)
        client = self.client(query.dataset)
        try:
            shape = self.structure(query.dataset, client)
            unknown = sorted({dim for dim, _ in query.filters} - set(shape.dimensions))
            if unknown:
                raise UnknownDimensionError(query.dataset, f"unknown dimension(s) {unknown}; the dataset has "
                                                           f"{list(shape.dimensions)}", url=shape.urls[1])
            key = estat.key(list(shape.dimensions), dict(query.filters), query.geo)
            url = estat.data_url(self.base, query.dataset, key, query.start, query.end)
            body = self._data(query, client, url)
        except UnreachableError as exc:
            self._down = exc
            raise
        finally:
            client.close()
        text = tsv.decode(body, query.dataset, url)
        rows = tsv.read(text, query.dataset, url)  # refuse to cache anything that does not parse
        geo_dim = estat.geo_dimension(list(shape.dimensions))
        absent = sorted(set(query.geo) - set(rows[geo_dim] if geo_dim in rows else ()))
        meta = {
            "retrieved_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "eurostat_package": version("eurostat"),
            "last_update": shape.last_update,
            "urls": [url],
            "structure_urls": list(shape.urls),
            "absent": {geo: "Eurostat returned no series for it (series without data are left out)"
                       for geo in absent},
        }
        folder = rawcache.store(self.cache_dir, query, [body], meta)
        rawcache.forget_queue(self.cache_dir, query)
        log.info("live %s: %s -> %s%s", query.dataset, url, folder, f" (absent: {absent})" if absent else "")
        return folder

    def _data(self, query: Query, client: Client, url: str) -> bytes:
        """The data body: a direct answer, or the delivery of a queued extraction."""
        pending = rawcache.pending_queue(self.cache_dir, query)
        if pending and pending.get("url") == url:
            return self._await(query, client, pending["id"], url)
        answer = self.ask(client, url)
        queue_id = estat.queued(answer.body)
        if queue_id is None:
            return answer.body
        rawcache.remember_queue(self.cache_dir, query, queue_id, url)
        return self._await(query, client, queue_id, url)

    def _await(self, query: Query, client: Client, queue_id: str, url: str) -> bytes:
        """Poll the queue with a pause until AVAILABLE, within the query's time budget."""
        base = estat.async_base(self.base)
        while True:
            status = estat.async_status(self.ask(client, f"{base}status/{queue_id}").body)
            if status == "AVAILABLE":
                return self.ask(client, f"{base}data/{queue_id}").body
            if status in estat.GONE:
                rawcache.forget_queue(self.cache_dir, query)
                raise SourceError(query.dataset, f"Eurostat's queue no longer knows the extraction (id {queue_id}: "
                                                 f"{status}); run again to ask anew", url=url)
            if status not in estat.WAITING:  # FAILED, or a word we do not know: polling will not help
                rawcache.forget_queue(self.cache_dir, query)
                raise SourceError(query.dataset, f"Eurostat's queue answered {status or 'nothing readable'!r} for the "
                                                 f"extraction (id {queue_id}); run again to ask anew", url=url)
            if client.remaining() < self.poll_pause:
                raise QueuedError(query.dataset, queue_id, url=url)
            self.sleep(self.poll_pause)

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

    # --- the catalogue entry ---------------------------------------------------------------

    def catalogue(self, dataset: str) -> dict[str, str]:
        """Eurostat's catalogue entry of one dataset (title, last data update, first and last
        period), asked through our own client: the ``eurostat`` package is left untouched
        for the economist who uses it beside us."""
        url = estat.catalogue_url(self.base, dataset)
        if self.offline:
            raise OfflineError(dataset, "offline: refused the network request", url=url)
        client = self.client(dataset)
        try:
            answer = client.get(url)
        finally:
            with self._lock:
                self.requests += len(client.log)
            client.close()
        error = estat.answer_error(dataset, answer.url, answer.status, answer.final_url, answer.body)
        if error is not None:
            raise error
        return estat.catalogue_entry(answer.body, dataset, answer.url)
