"""Eurostat's wire format for demo_pjan, hand-written, and the faults a refresh must survive.

The ``eurostat`` package makes a dataflow call, a data-structure call, then one data call
per filter combination; ``structure`` and ``slice_for`` answer those like Eurostat does.
"""
from __future__ import annotations

import gzip
import re

import requests

from benelux_indicators.sources.eurostat_api import BASE_URL
from benelux_indicators.sources.query import Query
from conftest import FIXTURES

DATAFLOW = BASE_URL + "dataflow/ESTAT/demo_pjan/latest"
DSD = BASE_URL + "datastructure/ESTAT/DEMO_PJAN/latest"
DATA = re.compile(re.escape(BASE_URL + "data/demo_pjan/") + r"A\.NR\.TOTAL\.T\.(\w+)\?.*")
WIRE = (FIXTURES / "data_demo_pjan.tsv").read_bytes()
QUERY = Query.make("demo_pjan", {"freq": "A", "unit": "NR", "age": "TOTAL", "sex": "T"}, geo=["BE", "NL", "LU"])


def slice_for(request):
    """Answer like Eurostat: the header plus the one series the URL's key asks for."""
    geo = DATA.match(request.url).group(1)
    lines = WIRE.split(b"\r\n")
    body = b"\r\n".join([lines[0]] + [l for l in lines[1:] if l.endswith(b"," + geo.encode()) or
                                      l.split(b"\t")[0].endswith(b"," + geo.encode())]) + b"\r\n"
    return 200, {}, gzip.compress(body)


def structure(rsps):
    rsps.get(DATAFLOW, body=(FIXTURES / "dataflow_demo_pjan.xml").read_bytes())
    rsps.get(DSD, body=(FIXTURES / "datastructure_DEMO_PJAN.xml").read_bytes())


def _changed_dimensions(rsps):
    """Eurostat renamed a dimension the recipe filters on."""
    rsps.get(DATAFLOW, body=(FIXTURES / "dataflow_demo_pjan.xml").read_bytes())
    rsps.get(DSD, body=(FIXTURES / "datastructure_DEMO_PJAN.xml").read_bytes().replace(b'id="age"', b'id="age_class"'))


# name -> (register the fault, the error class the run must report)
FAULTS = {
    "timeout": (lambda r: r.get(re.compile(".*"), body=requests.exceptions.ConnectTimeout("timed out")), "FetchTimeout"),
    "http_503": (lambda r: r.get(re.compile(".*"), status=503, body=b"Service Unavailable"), "ServerError"),
    "sorry_redirect": (lambda r: (r.get(re.compile(".*dataflow.*"), status=302, headers={"Location": "https://sorry.ec.europa.eu/"}),
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
