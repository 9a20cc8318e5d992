"""Eurostat's wire for demo_pjan, and the faults a refresh must survive.

The live source asks the dataflow, then the data structure, then ONE data call whose key
joins every wanted country with ``+`` (``A.NR.TOTAL.T.BE+LU+NL``); ``structure`` and
``slice_for`` answer those like Eurostat does: the header plus the series asked for,
leaving out series without data. Bodies recorded from the real API are read from
``../shared/eurostat-wire`` (``shared_wire``), never copied here.
"""
from __future__ import annotations

import gzip
import re

import pytest
import requests

from benelux_indicators.sources.estat import DEFAULT_BASE as BASE_URL
from benelux_indicators.sources.query import Query
from conftest import FIXTURES, ROOT

DATAFLOW = BASE_URL + "dataflow/ESTAT/demo_pjan/latest"
DSD = BASE_URL + "datastructure/ESTAT/DEMO_PJAN/latest"
DATA = re.compile(re.escape(BASE_URL + "data/demo_pjan/") + r"A\.NR\.TOTAL\.T\.([\w+]*)\?.*")
ASYNC = BASE_URL.replace("sdmx/2.1/", "") + "1.0/async/"
WIRE = (FIXTURES / "data_demo_pjan.tsv").read_bytes()
QUERY = Query.make("demo_pjan", {"freq": "A", "unit": "NR", "age": "TOTAL", "sex": "T"}, geo=["BE", "NL", "LU"])
SHARED_WIRE = ROOT.parent / "shared" / "eurostat-wire"


def shared_wire(name: str) -> bytes:
    """A recorded Eurostat answer from ../shared/eurostat-wire (skips when it is absent)."""
    path = SHARED_WIRE / name
    if not path.is_file():
        pytest.skip(f"{path} absent (it is there in CI, beside the clone)")
    return path.read_bytes()


def series_for(geos: list[str], wire: bytes = WIRE) -> bytes:
    """The header plus the lines of the given geos, as Eurostat answers a key."""
    lines = wire.split(b"\r\n")
    body = [lines[0]] + [line for line in lines[1:] if line and line.split(b"\t")[0].split(b",")[-1].decode() in geos]
    return b"\r\n".join(body) + b"\r\n"


def slice_for(request):
    """Answer like Eurostat: every series the URL's key asks for (an empty position = all)."""
    geos = DATA.match(request.url).group(1)
    wanted = geos.split("+") if geos else ["BE", "EU27_2020", "LU", "NL", "LI"]
    return 200, {}, gzip.compress(series_for(wanted))


def structure(rsps):
    rsps.get(DATAFLOW, body=(FIXTURES / "dataflow_demo_pjan.xml").read_bytes())
    rsps.get(DSD, body=(FIXTURES / "datastructure_DEMO_PJAN.xml").read_bytes())


def _changed_dimensions(rsps):
    """Eurostat renamed a dimension the recipe filters on."""
    rsps.get(DATAFLOW, body=(FIXTURES / "dataflow_demo_pjan.xml").read_bytes())
    rsps.get(DSD, body=(FIXTURES / "datastructure_DEMO_PJAN.xml").read_bytes().replace(b'id="age"', b'id="age_class"'))


# name -> (register the fault, the error class the run must report)
FAULTS = {
    "timeout": (lambda r: (structure(r), r.get(DATA, body=requests.exceptions.ReadTimeout("timed out"))), "FetchTimeout"),
    "http_503": (lambda r: r.get(re.compile(".*"), status=503, body=b"Service Unavailable"), "ServerError"),
    "sorry_redirect": (lambda r: (r.get(re.compile(".*dataflow.*"), status=307, headers={"Location": "https://sorry.ec.europa.eu/"}),
                                  r.get("https://sorry.ec.europa.eu/", body=(FIXTURES / "maintenance.html").read_bytes())),
                       "MaintenanceError"),
    "html_instead_of_data": (lambda r: (structure(r), r.get(DATA, body=(FIXTURES / "maintenance.html").read_bytes())),
                             "NotDataError"),
    "truncated_gzip": (lambda r: (structure(r), r.get(DATA, body=gzip.compress(WIRE)[:50])), "CorruptDataError"),
    "malformed_tsv": (lambda r: (structure(r), r.get(DATA, body=gzip.compress(
        b"freq,unit,age,sex,geo\\TIME_PERIOD\t2021 \r\nA,NR,TOTAL,T,BE\tx y\r\n"))), "CorruptDataError"),
    "dimensions_changed": (_changed_dimensions, "UnknownDimensionError"),
    "empty_result": (lambda r: (structure(r), r.get(DATA, status=404, body=(FIXTURES / "soap_fault_404.xml").read_bytes())),
                     "EmptyResultError"),
}
