"""Benelux key figures from Eurostat and cited publications."""

from .api import cite, compute, keyfigures, label, load_snapshot, releases, report, series

__all__ = ["cite", "compute", "keyfigures", "label", "load_snapshot", "releases", "report", "series"]
