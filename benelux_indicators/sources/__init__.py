"""Where observations come from: Eurostat live, a mirror of bulk files, cited publications,
or the committed snapshot. Every source answers a :class:`Query` with a tidy frame."""
from __future__ import annotations

from pathlib import Path
from typing import Protocol

import pandas as pd

from .query import Query


class Source(Protocol):
    """What every source offers: a tidy, conformed frame for one query. A source may also
    say how many queries it serves at once (``parallel``, 1 when absent)."""

    name: str

    def fetch(self, query: Query) -> pd.DataFrame: ...


def eurostat_source(option: str, *, offline: bool | None = None, fresh_after: str | None = None) -> Source:
    """Build the Eurostat-kind source named on the command line.

    ``live`` (the API through the ``eurostat`` package), ``mirror:PATH`` (a directory of
    Eurostat bulk TSV / data-browser xlsx files) or ``snapshot`` (the committed snapshot).
    ``fresh_after`` applies to ``live``: see :meth:`EurostatAPI.fetch`.
    """
    from .eurostat_api import EurostatAPI
    from .mirror import Mirror
    from .committed import SnapshotSource

    if option == "live":
        return EurostatAPI(offline=offline, fresh_after=fresh_after)
    if option.startswith("mirror:"):
        return Mirror(Path(option.split(":", 1)[1]))
    if option == "snapshot":
        return SnapshotSource()
    raise ValueError(f"unknown source {option!r}: use live, mirror:PATH or snapshot")


__all__ = ["Query", "Source", "eurostat_source"]
