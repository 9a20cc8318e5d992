"""A directory of Eurostat files, read as an offline stand-in for the API.

Eurostat serves each of these formats itself: bulk TSV (``<code>.tsv[.gz]``, the bulk
download service and the API's ``format=TSV``), SDMX-CSV 1.0 (``<code>.csv``, the API's
``format=SDMX-CSV`` and the data browser) and data-browser ``.xlsx`` exports; in CI the
mirror is ``../shared/eurostat``. The reader is picked from the file's content, not its
name. Vintages: an SDMX-CSV or xlsx file dates its release (LAST UPDATE); a bulk TSV
carries no date, so its vintage is the file's SHA-256 (12 hex digits): two files with
the same content are the same release, a changed file is a new vintage.
"""
from __future__ import annotations

import difflib
import functools
import hashlib
import logging
from pathlib import Path

import pandas as pd

from .. import normalise
from ..errors import UnknownDatasetError
from ..readers import sdmxcsv, tsv, xlsx
from .query import Query

log = logging.getLogger(__name__)
SUFFIXES = (".tsv", ".tsv.gz", ".csv", ".csv.gz", ".xlsx")
ZIP_MAGIC = b"PK\x03\x04"  # an xlsx is a zip file


class Mirror:
    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.name = f"mirror:{self.directory}"
        if not self.directory.is_dir():
            raise UnknownDatasetError("mirror", f"{self.directory} is not a folder (read from {Path.cwd()})",
                                      path=str(self.directory.resolve()))

    def locate(self, dataset: str) -> Path:
        names = [f"{prefix}{dataset}{suffix}" for prefix in ("", "estat_") for suffix in SUFFIXES]
        for name in names:
            if (self.directory / name).is_file():
                return self.directory / name
        raise UnknownDatasetError(dataset, f"no file {dataset}.tsv/.csv/.xlsx (or .gz, or estat_ prefixed) "
                                           f"in the mirror{self._hint(dataset)}", path=str(self.directory))

    def _hint(self, dataset: str) -> str:
        """A file of a similar name that no recipe asks for: perhaps the dataset was renamed."""
        from ..recipes import load_all  # only on this error path: which files the recipes already read

        claimed = {s.dataset for r in load_all().values() for s in r.series()}
        held = {_code(p.name) for p in self.directory.iterdir() if p.is_file() and p.name.endswith(SUFFIXES)}
        close = difflib.get_close_matches(dataset, sorted(held - claimed - {dataset}), n=1, cutoff=0.75)
        if not close:
            return ""
        return (f"; it holds {close[0]}: if Eurostat renamed {dataset}, map it once in aliases.yaml of the project "
                f"home (aliases: {{{dataset}: {close[0]}}})")

    def fetch(self, query: Query) -> pd.DataFrame:
        path = self.locate(query.dataset)
        stat = path.stat()
        frame = read_file(path, query.dataset, stat.st_mtime_ns, stat.st_size)
        log.info("mirror %s: %s", query.dataset, path.name)
        return query.apply(frame, str(path))


def _code(name: str) -> str:
    """The dataset code a mirror file's name gives (``estat_nama_10_gdp.tsv.gz`` -> ``nama_10_gdp``)."""
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return name.removeprefix("estat_")


@functools.lru_cache(maxsize=32)
def read_file(path: Path, dataset: str, _mtime: int = 0, _size: int = 0) -> pd.DataFrame:
    """Parse one mirror file into the tidy table, whatever its format (cached per content
    stamp: a snapshot asks a file many times)."""
    raw = path.read_bytes()
    origin = f"mirror:{path.name}"
    if raw.startswith(ZIP_MAGIC):
        _, updated, rows = xlsx.read(raw, str(path))
        return normalise.eurostat_rows(rows, dataset, origin, updated)
    text = tsv.decode(raw, dataset, str(path), kind="TSV or SDMX-CSV")
    if sdmxcsv.sniff(text):
        return normalise.eurostat_rows(sdmxcsv.read(text, dataset, str(path)), dataset, origin)
    rows = tsv.read(text, dataset, str(path))
    return normalise.eurostat_rows(rows, dataset, origin, "sha256:" + hashlib.sha256(raw).hexdigest()[:12])
