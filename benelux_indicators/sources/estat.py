"""What Eurostat's dissemination API does, one named place per behaviour (as sdmx1's
``sdmx.source.estat`` does): URLs, keys, faults, asynchronous answers, maintenance pages.

Each behaviour says what the server does and since when, from its documentation and the
recorded answers in ``../shared/eurostat-wire/`` (the tests replay those). Nothing here
sends a request: :mod:`.http` does, and :mod:`.eurostat_api` puts the two together.
"""
from __future__ import annotations

import gzip
import json
import os
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import urlencode

from ..errors import (CorruptDataError, EmptyResultError, KeyShapeError, MaintenanceError, NotDataError, ServerError, SourceError,
                      TooBigError, UnknownDatasetError, UnknownDimensionError)
from ..normalise import GEO_ALIASES

# The SDMX 2.1 REST base (2023 API). ``BENELUX_EUROSTAT_URL`` lets a proxy, a national
# mirror or a local replay server stand in; the async endpoints sit beside it (1.0/async).
DEFAULT_BASE = "https://ec.europa.eu/eurostat/api/dissemination/sdmx/2.1/"
AGENCY = "ESTAT"
SORRY_HOST = "sorry.ec.europa.eu"  # EC infrastructure answers 307 to this page during maintenance


def base_url() -> str:
    base = os.environ.get("BENELUX_EUROSTAT_URL", "").strip() or DEFAULT_BASE
    return base if base.endswith("/") else base + "/"


def budget() -> float:
    """Seconds allowed per query (``BENELUX_EUROSTAT_BUDGET``, default 300): every retry, wait
    and body read of a query fits in it."""
    text = os.environ.get("BENELUX_EUROSTAT_BUDGET", "").strip() or "300"
    try:
        seconds = float(text)
    except ValueError:
        seconds = float("nan")
    if not 0 < seconds < 86_400:
        raise SourceError("BENELUX_EUROSTAT_BUDGET", f"{text!r} is not a number of seconds between 0 and 86400")
    return seconds


def async_base(base: str) -> str:
    """``.../sdmx/2.1/`` -> ``.../1.0/async/`` (documented: status/{id}, data/{id})."""
    return re.sub(r"sdmx/2\.1/$", "", base) + "1.0/async/"


def dataflow_url(base: str, dataset: str) -> str:
    return f"{base}dataflow/{AGENCY}/{dataset}/latest"


def catalogue_url(base: str, dataset: str, lang: str = "en") -> str:
    """A dataset's entry of Eurostat's catalogue: JSON, gzipped (``compressed=true``)."""
    return f"{base}dataflow/{AGENCY}/{dataset}?format=JSON&compressed=true&lang={lang}"


def catalogue_entry(body: bytes, dataset: str, url: str) -> dict[str, str]:
    """Title, release and period of one dataset from its catalogue entry (the fields the
    ``eurostat`` package's ``get_toc`` gives, read here without patching that package)."""
    try:
        entry = json.loads(gzip.decompress(body) if body[:2] == b"\x1f\x8b" else body)
        notes = {a.get("type"): a for a in entry["extension"]["annotation"]}
        return {"title": str(entry["label"]), "code": str(entry["extension"]["id"]),
                "last update of data": str(notes.get("UPDATE_DATA", {}).get("date", "")),
                "last table structure change": str(notes.get("UPDATE_STRUCTURE", {}).get("date", "")),
                "data start": str(notes.get("OBS_PERIOD_OVERALL_OLDEST", {}).get("title", "")),
                "data end": str(notes.get("OBS_PERIOD_OVERALL_LATEST", {}).get("title", ""))}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise CorruptDataError(dataset, f"the catalogue entry is not Eurostat's JSON ({exc})", url=url) from None


def structure_url(base: str, dataset: str) -> str:
    """Dataset codes are case-insensitive; the DSD id is the code in capitals."""
    return f"{base}datastructure/{AGENCY}/{dataset.upper()}/latest"


def data_url(base: str, dataset: str, key: str, start: int | None = None, end: int | None = None) -> str:
    """Gzipped TSV (``compressed=true``: a gzip body and no Content-Encoding header)."""
    period = (f"&startPeriod={start}" if start is not None else "") + (f"&endPeriod={end}" if end is not None else "")
    return f"{base}data/{dataset}/{key}?format=TSV&compressed=true{period}"


BROWSER = "https://ec.europa.eu/eurostat/databrowser/view/{code}/default/table?lang={lang}"
STATISTICS = "https://ec.europa.eu/eurostat/api/dissemination/statistics/1.0/data/{code}"


def browser_url(dataset: str, lang: str = "en") -> str:
    """A dataset's page in Eurostat's data browser (which has no Dutch interface)."""
    return BROWSER.format(code=dataset, lang=lang if lang in ("en", "fr", "de") else "en")


def statistics_url(dataset: str, filters: dict, geos: tuple[str, ...] = ()) -> str:
    """A series as one address of the statistics API (JSON-stat): dimensions as query
    parameters, so it needs no key order, and anyone can paste it into a browser."""
    pairs = [(dim, str(v)) for dim, wanted in sorted(filters.items())
             for v in (wanted if isinstance(wanted, (list, tuple)) else [wanted])]
    pairs += [("geo", g) for g in dict.fromkeys(geos)]
    return STATISTICS.format(code=dataset) + "?" + urlencode(pairs)


# --- Structure ---------------------------------------------------------------------------

def _xml(body: bytes) -> ET.Element | None:
    try:
        return ET.fromstring(body)
    except ET.ParseError:
        return None


def dimensions(body: bytes, dataset: str, url: str) -> list[str]:
    """The DSD's dimensions in key order. ``position`` is compared as a number: the
    ``eurostat`` package sorts it as text, which puts position 10 before 2."""
    root = _xml(body)
    if root is None:
        raise NotDataError(dataset, "the data structure is not XML", url=url)
    dims = [(int(el.get("position") or 0), el.get("id") or "") for el in root.iter() if el.tag.endswith("}Dimension")]
    if not dims:
        raise NotDataError(dataset, "the data structure lists no dimension", url=url)
    return [name for _, name in sorted(dims)]


def last_update(body: bytes) -> str:
    """The dataflow's ``UPDATE_DATA`` annotation (SDMX-ML: AnnotationTitle), '' if absent."""
    root = _xml(body)
    for ann in (root.iter() if root is not None else ()):
        if ann.tag.endswith("}Annotation"):
            kind = next((c.text for c in ann if c.tag.endswith("AnnotationType")), None)
            if kind == "UPDATE_DATA":
                return next((c.text or "" for c in ann if c.tag.endswith("AnnotationTitle")), "")
    return ""


def geo_dimension(dims: list[str]) -> str:
    """The dimension that holds the country: ``geo``, or ``rep_mar`` in the maritime tables."""
    return next((d for d in ("geo", *GEO_ALIASES) if d in dims), "geo")


def key(dims: list[str], filters: dict[str, tuple[str, ...]], geos: tuple[str, ...]) -> str:
    """Positional key: values of one position joined by ``+``, an empty position = all.
    One key asks for every country at once, so a query costs one data call."""
    wanted = dict(filters)
    if geos:
        wanted[geo_dimension(dims)] = geos
    return ".".join("+".join(dict.fromkeys(wanted.get(dim, ()))) for dim in dims)  # each code once


# --- Faults ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Fault:
    code: int
    text: str


def fault(body: bytes) -> Fault | None:
    """A bare ``<S:Fault>`` (or one inside an Envelope) with a numeric ``faultcode``."""
    if b"Fault" not in body[:2000]:
        return None
    root = _xml(body)
    if root is None:
        return None
    def first(name: str) -> str:
        return next(((el.text or "").strip() for el in root.iter() if el.tag.split("}")[-1] == name), "")

    # The 2023 API puts the number in faultcode; the SOAP Envelope form says S:Server there
    # and gives the number as detail/ErrorDetails/ErrorCode.
    for code in (first("faultcode"), first("ErrorCode")):
        if code.isdigit():
            return Fault(int(code), first("faultstring"))
    return None


_REFUSED = re.compile(r"not allowed:\s*(.+?)\.?\s*$")


def fault_error(found: Fault, dataset: str, url: str, status: int) -> SourceError:
    """Eurostat's numeric fault codes as the project's typed errors.

    100 no results / not available (404, or 400 for an empty result), 140 wrong number of
    key positions, 150 a code the dataset does not have (e.g. a retired ``GEO=EA20``; the
    refused ``DIM=VALUE`` pairs are named), 413 extraction too big, 500/503 server trouble."""
    text = f"Eurostat fault {found.code} (HTTP {status}): {found.text}"
    if found.code == 100:
        if "DATA_SET" in found.text or "/dataflow/" in url or "/datastructure/" in url:
            return UnknownDatasetError(dataset, text, url=url)
        return EmptyResultError(dataset, text, url=url)
    if found.code == 140:
        return KeyShapeError(dataset, text, url=url)
    if found.code == 150:
        refused = _REFUSED.search(found.text)
        pairs = refused.group(1) if refused else found.text
        error = UnknownDimensionError(dataset, f"Eurostat refused the code(s) {pairs} (fault 150, HTTP {status})",
                                      url=url)
        error.refused = tuple(p.strip() for p in pairs.split(",")) if refused else ()
        return error
    if found.code == 413:
        return TooBigError(dataset, f"{text}; add dimension filters or a start year", url=url)
    return ServerError(dataset, text, url=url)


def is_html(body: bytes) -> bool:
    head = body.lstrip()[:300].lower()
    return head.startswith(b"<!doctype html") or head.startswith(b"<html") or b"<body" in head


def answer_error(dataset: str, url: str, status: int, final_url: str, body: bytes) -> SourceError | None:
    """The error an answer means, or None for a 2xx answer that may hold data."""
    if SORRY_HOST in final_url:
        return MaintenanceError(dataset, "Eurostat is in maintenance (redirected to its 'sorry' page); try later",
                                url=url)
    found = fault(body)
    if found is not None and (status >= 400 or found.code in (100, 140, 150, 413)):
        return fault_error(found, dataset, url, status)
    if status == 429:
        return ServerError(dataset, "HTTP 429: Eurostat's fair-use limit; retried and still refused", url=url)
    if status >= 500:
        kind = "an HTML gateway page" if is_html(body) else "an answer"
        return ServerError(dataset, f"HTTP {status} from Eurostat ({kind})", url=url)
    if status == 404:
        return EmptyResultError(dataset, "HTTP 404: nothing at this address", url=url)
    if status >= 400:
        return SourceError(dataset, f"HTTP {status} from Eurostat", url=url)
    if is_html(body):
        return NotDataError(dataset, "an HTML page came back instead of data", url=url)
    return None


# --- Asynchronous answers ----------------------------------------------------------------
# Eurostat answers HTTP 200 with a ``syncResponse/queued`` envelope when an extraction is
# costly AND when a client trips fair use. The client polls ``1.0/async/status/{id}`` with
# a pause, and fetches ``1.0/async/data/{id}`` once the status is AVAILABLE.

PENDING = frozenset({"SUBMITTED", "PROCESSING"})
GONE = frozenset({"EXPIRED", "UNKNOWN_REQUEST"})
WAITING = frozenset({"SUBMITTED", "PROCESSING"})  # the documented statuses worth polling again


def queued(body: bytes) -> str | None:
    """The queue id of a ``syncResponse/queued`` envelope, None for any other body."""
    if b"syncResponse" not in body[:2000] or b"queued" not in body:
        return None
    root = _xml(body)
    for el in (root.iter() if root is not None else ()):
        if el.tag.split("}")[-1] == "queued":
            found = next((c.text for c in el if c.tag.split("}")[-1] == "id"), None)
            return found.strip() if found else None
    return None


def async_status(body: bytes) -> str:
    """``asyncResponse/status/status`` of a status answer (SUBMITTED, PROCESSING, AVAILABLE,
    EXPIRED, UNKNOWN_REQUEST); '' when the body says nothing readable."""
    root = _xml(body)
    for el in (root.iter() if root is not None else ()):
        if el.tag.split("}")[-1] == "status" and el.text and el.text.strip():
            return el.text.strip()
    return ""
