"""A directory of Eurostat bulk files, read as an offline stand-in for the API.

Eurostat's bulk download service serves exactly these files (``<code>.tsv.gz``), and a
data-browser export is an ``.xlsx``; in CI the mirror is ``../shared/eurostat``. A bulk
file carries no release date, so its vintage is the file's SHA-256 (12 hex digits): two
files with the same content are the same release, a changed file is a new vintage.
"""
from __future__ import annotations

import functools
import hashlib
import logging
from pathlib import Path

import pandas as pd

from .. import normalise
from ..errors import UnknownDatasetError
from ..readers import tsv, xlsx
from .query import Query

log = logging.getLogger(__name__)


class Mirror:
    def __init__(self, directory: Path):
        self.directory = Path(directory)
        self.name = f"mirror:{self.directory}"

    def locate(self, dataset: str) -> Path:
        names = [f"{dataset}.tsv", f"{dataset}.tsv.gz", f"estat_{dataset}.tsv",
                 f"estat_{dataset}.tsv.gz", f"{dataset}.xlsx"]
        for name in names:
            if (self.directory / name).is_file():
                return self.directory / name
        raise UnknownDatasetError(dataset, f"no file {' / '.join(names)} in the mirror", path=str(self.directory))

    def datasets(self) -> list[str]:
        """Dataset codes the mirror holds, from the file names."""
        found = set()
        for path in self.directory.iterdir():
            name = path.name.removeprefix("estat_")
            for suffix in (".tsv.gz", ".tsv", ".xlsx"):
                if name.endswith(suffix):
                    found.add(name[: -len(suffix)])
        return sorted(found)

    def fetch(self, query: Query) -> pd.DataFrame:
        path = self.locate(query.dataset)
        stat = path.stat()
        frame = _read(path, query.dataset, stat.st_mtime_ns, stat.st_size)
        log.info("mirror %s: %s", query.dataset, path.name)
        return query.apply(frame, str(path))


@functools.lru_cache(maxsize=32)
def _read(path: Path, dataset: str, _mtime: int, _size: int) -> pd.DataFrame:
    """Parse one mirror file (cached per content stamp: a snapshot asks a file many times)."""
    raw = path.read_bytes()
    origin = f"mirror:{path.name}"
    if path.suffix == ".xlsx":
        _, updated, rows = xlsx.read(raw, str(path))
        return normalise.eurostat_rows(rows, dataset, origin, updated)
    rows = tsv.read(tsv.decode(raw, dataset, str(path)), dataset, str(path))
    vintage = "sha256:" + hashlib.sha256(raw).hexdigest()[:12]
    return normalise.eurostat_rows(rows, dataset, origin, vintage)
