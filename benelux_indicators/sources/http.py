"""The HTTP exchange with Eurostat: one ``requests`` session per query, urllib3 ``Retry``.

Why not the ``eurostat`` package's own calls: it has a 120 s timeout, retries every answer
(4xx included) four times with no pause, and polls asynchronous answers in a tight loop.
Every request counts against Eurostat's fair use, so here:

* connect and read timeouts (``timeout``), separately;
* retries with exponential back-off only on connection errors, read timeouts, 5xx and 429,
  honouring ``Retry-After``; never on 4xx (a refused code stays refused);
* an overall time budget per query: no back-off or ``Retry-After`` wait may run past it,
  so an outage costs seconds to minutes, not 20 x 30 s per query.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

import requests
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ReadTimeoutError
from urllib3.util.retry import Retry

from ..errors import FetchTimeout, ServerError, SourceError, UnreachableError

RETRY_STATUS = (429, 500, 502, 503, 504)
CHUNK = 64 * 1024


class _BrokenBody(Exception):
    """The body broke off after the headers (a reset, a truncated chunk, a bad encoding)."""


def _read_timeout(exc: Exception) -> bool:
    """Whether a ``requests`` ConnectionError is a read timeout in disguise (before or
    during the body)."""
    first = exc.args[0] if exc.args else None
    return isinstance(first, ReadTimeoutError) or isinstance(getattr(first, "reason", None), ReadTimeoutError)


class BudgetExceeded(Exception):
    """A wait would run past the query's time budget."""


class BudgetRetry(Retry):
    """urllib3's Retry that refuses to sleep past a deadline (``time.monotonic`` value)."""

    def __init__(self, *args, deadline: float | None = None, **kwargs):
        self.deadline = deadline
        super().__init__(*args, **kwargs)

    def new(self, **kwargs) -> "BudgetRetry":
        retry = super().new(**kwargs)
        retry.deadline = self.deadline
        return retry

    def sleep(self, response=None) -> None:
        wait = (self.get_retry_after(response) if response is not None and self.respect_retry_after_header
                else None)
        wait = self.get_backoff_time() if wait is None else wait
        if self.deadline is not None and time.monotonic() + wait > self.deadline:
            raise BudgetExceeded(f"waiting {wait:.0f} s would exceed the time budget")
        super().sleep(response)


@dataclass
class Answer:
    url: str
    status: int
    final_url: str
    body: bytes
    headers: dict = field(default_factory=dict)


@dataclass
class Client:
    """GETs for one query, within ``budget`` seconds from creation."""

    dataset: str
    timeout: tuple[float, float] = (10.0, 60.0)
    budget: float = 300.0
    retries: int = 3
    backoff: float = 2.0
    log: list[Answer] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.deadline = time.monotonic() + self.budget
        retry = BudgetRetry(total=self.retries, connect=self.retries, read=self.retries, status=self.retries,
                            other=0, backoff_factor=self.backoff, backoff_max=60, status_forcelist=RETRY_STATUS,
                            allowed_methods=frozenset({"GET"}), respect_retry_after_header=True,
                            raise_on_status=False, deadline=self.deadline)
        self.session = requests.Session()
        self.session.mount("https://", HTTPAdapter(max_retries=retry))
        self.session.mount("http://", HTTPAdapter(max_retries=retry))

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def get(self, url: str) -> Answer:
        """One GET (its retries included); network failures as typed errors naming the URL.
        A body that breaks off (a reset, a bad gzip) is asked again up to ``retries`` times,
        then a :class:`ServerError`; a body that stalls or trickles past the time budget is a
        :class:`FetchTimeout`, which does not mark Eurostat unreachable (only a failed
        connection does)."""
        broken = 0
        while True:
            try:
                return self._get(url)
            except _BrokenBody as exc:
                broken += 1
                if broken > self.retries or self.remaining() <= 0:
                    raise ServerError(self.dataset, f"the answer broke off while its body was read, "
                                                    f"{broken} time(s): {exc}", url=url) from exc

    def _get(self, url: str) -> Answer:
        if self.remaining() <= 0:
            raise FetchTimeout(self.dataset, f"time budget of {self.budget:.0f} s used up before this request", url=url)
        connect, read = self.timeout
        try:
            resp = self.session.get(url, timeout=(connect, min(read, max(self.remaining(), 1.0))), stream=True)
        except BudgetExceeded as exc:
            raise FetchTimeout(self.dataset, f"Eurostat kept failing and {exc}", url=url) from exc
        except requests.exceptions.RetryError as exc:
            raise SourceError(self.dataset, f"still failing after {self.retries} retries: {exc}", url=url) from exc
        except requests.exceptions.ConnectTimeout as exc:
            raise UnreachableError(self.dataset, f"no answer within the connect timeout ({connect:g} s, "
                                                 f"{self.retries} retries)", url=url) from exc
        except requests.exceptions.ReadTimeout as exc:
            raise FetchTimeout(self.dataset, f"no answer within the read timeout ({read:g} s, "
                                             f"{self.retries} retries)", url=url) from exc
        except requests.exceptions.ConnectionError as exc:
            if _read_timeout(exc):  # requests wraps a read timeout that outlived its retries
                raise FetchTimeout(self.dataset, f"no answer within the read timeout ({read:g} s, "
                                                 f"{self.retries} retries)", url=url) from exc
            raise UnreachableError(self.dataset, f"network unreachable: {exc}", url=url) from exc
        answer = Answer(url, resp.status_code, resp.url, self._body(resp, url, read), dict(resp.headers))
        self.log.append(answer)
        return answer

    def _body(self, resp: requests.Response, url: str, read: float) -> bytes:
        """The body in chunks, each checked against the query's deadline: a trickle (each
        gap under the read timeout) cannot outlive the budget."""
        chunks: list[bytes] = []
        try:
            for chunk in resp.iter_content(CHUNK):
                chunks.append(chunk)
                if self.remaining() <= 0:
                    raise FetchTimeout(self.dataset, f"the body was still arriving when the time budget of "
                                                     f"{self.budget:.0f} s ran out ({sum(map(len, chunks)):,} bytes "
                                                     "read)", url=url)
        except (requests.exceptions.ChunkedEncodingError, requests.exceptions.ContentDecodingError) as exc:
            raise _BrokenBody(str(exc)) from exc
        except requests.exceptions.ConnectionError as exc:
            if _read_timeout(exc):
                raise FetchTimeout(self.dataset, f"the body stalled: nothing for {read:g} s after "
                                                 f"{sum(map(len, chunks)):,} bytes", url=url) from exc
            raise _BrokenBody(str(exc)) from exc
        finally:
            resp.close()
        return b"".join(chunks)

    def close(self) -> None:
        self.session.close()
