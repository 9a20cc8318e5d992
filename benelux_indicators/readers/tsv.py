"""Eurostat's TSV format, as served by the SDMX 2.1 API and the bulk download service.

Wire format (one header line, then one line per series)::

    freq,unit,geo\\TIME_PERIOD<TAB>2020 <TAB>2021 \\r\\n
    A,NR,BE<TAB>11522440 <TAB>11554767 p\\r\\n

Quirks handled here, in one place:

* Line endings are CRLF from the API, but files in the wild (re-saved bulk files) have
  bare LF; the ``eurostat`` package reads 0 rows from those, this reader takes both.
* A cell is ``value<space>flags``; the flag string may have several letters (``bep``).
  Comext and some API answers omit the trailing space (``1235161``); ``0n`` (less than
  half the unit shown, a documented convention) has no space at all: value 0, flag ``n``.
* ``:`` means not available; ``: c`` confidential; ``: z`` not applicable. They stay
  distinct: value missing, flag ``''``, ``'c'`` or ``'z'``.
* Since 27 January 2025 confidentiality is its own attribute, written after ``@``:
  ``: @C`` is a missing value with CONF_STATUS ``C`` (column ``conf_status``), and
  ``12.3 p@C`` would be flag ``p``, CONF_STATUS ``C``.
* Bodies may be gzip-compressed (the API always compresses; bulk files may be ``.tsv.gz``).
"""
from __future__ import annotations

import gzip
import math
import re
import zlib

import pandas as pd

from ..errors import CorruptDataError, EmptyResultError, NotDataError
from ..flags import valid
from ..geo import harmonise


def decode(raw: bytes, dataset: str, where: str, kind: str = "TSV") -> str:
    """Bytes (plain or gzip, with or without a BOM) to text; typed errors for truncated
    gzip and HTML pages. Shared by the text formats (``kind`` names the one expected)."""
    if raw[:2] == b"\x1f\x8b":
        try:
            raw = gzip.decompress(raw)
        except (EOFError, OSError, zlib.error) as exc:
            raise CorruptDataError(dataset, f"truncated or corrupt gzip: {exc}", path=where) from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CorruptDataError(dataset, f"not UTF-8 text: {exc}", path=where) from exc
    head = text.lstrip()[:200].lower()
    if head.startswith("<!doctype html") or head.startswith("<html") or "<body" in head:
        raise NotDataError(dataset, f"an HTML page came back instead of {kind} data", path=where)
    if head.startswith("<"):
        raise NotDataError(dataset, f"an XML document came back instead of {kind} data", path=where)
    return text


# Eurostat's number form only: ASCII digits, an optional sign and decimals; no exponent, no
# thousands separator, no decimal comma. Flags follow, with or without a space (``0n``).
_CELL = re.compile(r"(-?[0-9]+(?:\.[0-9]+)?) ?(\S*)", re.ASCII)


def parse_cell(cell: str) -> tuple[float | None, str]:
    """``'1234 p'`` -> (1234.0, 'p'); ``'0n'`` -> (0.0, 'n'); ``': c'`` -> (None, 'c');
    ``':'`` -> (None, ''). Flags may carry ``@`` and a CONF_STATUS (see :func:`conf`).
    Anything else is refused (``1e309``, ``11_554_767``, ``11554767,5``, a flag that is not
    in Eurostat's alphabet), never read as a number plus a 'flag'."""
    cell = cell.strip()
    if cell.startswith(":"):
        flags = cell[1:].strip()
        if not valid(flags):
            raise ValueError(cell)
        return None, flags
    match = _CELL.fullmatch(cell)
    if not match or not valid(match.group(2)):
        raise ValueError(cell)
    value = float(match.group(1))
    if not math.isfinite(value):
        raise ValueError(cell)
    return value, match.group(2)


def conf(flags: str) -> tuple[str, str]:
    """``'p@C'`` -> ('p', 'C'): observation flags, then CONF_STATUS (2025 scheme)."""
    flag, _, status = flags.partition("@")
    return flag.strip(), status.strip()


def read(text: str, dataset: str, where: str) -> pd.DataFrame:
    """Parse a TSV body into long rows: one column per dimension, then time, value, flag."""
    lines = text.splitlines()
    if not lines or "\t" not in lines[0] or "\\" not in lines[0].split("\t")[0]:
        raise CorruptDataError(dataset, "first line is not a Eurostat TSV header (dims\\TIME_PERIOD)", path=where)
    head, *periods = lines[0].split("\t")
    dims = head.split(",")
    dims[-1] = dims[-1].split("\\")[0]
    periods = [p.strip() for p in periods]
    rows: list[tuple] = []
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        key, *cells = line.split("\t")
        codes = key.split(",")
        if len(codes) != len(dims) or len(cells) != len(periods):
            raise CorruptDataError(
                dataset, f"malformed line {lineno}: {len(codes)} codes/{len(cells)} cells, "
                f"expected {len(dims)}/{len(periods)}", path=where)
        for period, cell in zip(periods, cells):
            try:
                value, flags = parse_cell(cell)
            except ValueError as exc:
                raise CorruptDataError(dataset, f"malformed cell {cell.strip()!r} on line {lineno}, column {period}",
                                       path=where) from exc
            rows.append((*codes, period, value, *conf(flags)))
    if not rows:
        raise EmptyResultError(dataset, "the TSV holds a header but no observation", path=where)
    frame = pd.DataFrame(rows, columns=[*dims, "time", "value", "flag", "conf_status"])
    if "geo" in frame:
        frame["geo"] = frame["geo"].map(harmonise)
    return frame
