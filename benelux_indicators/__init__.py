"""Benelux key figures from Eurostat and cited publications."""

from .api import compute, keyfigures, load_snapshot, releases, report, series

__all__ = ["compute", "keyfigures", "load_snapshot", "releases", "report", "series"]
