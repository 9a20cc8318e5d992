"""``live-check``: is Eurostat answering for every dataset the recipes use, before a refresh?

Per dataset: its catalogue entry (title, first and last period: has the new year
arrived?), its dataflow and structure, then one tiny data request: every code the recipes
filter on, joined with ``+``, for Belgium and the last few years. So the check shows, in
seconds, the release date, the dimensions, and any code Eurostat refuses (a retired code
gives fault 150 naming it) or any dimension the recipes name and the dataset lacks.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from . import pipeline
from .errors import SourceError, UnknownDimensionError
from .readers import tsv
from .recipes import Recipe
from .sources import estat
from .sources.eurostat_api import EurostatAPI
from .sources.query import Query


@dataclass(frozen=True)
class Check:
    """What Eurostat answered for one dataset."""

    dataset: str
    ok: bool
    title: str = ""
    period: str = ""  # first - last period Eurostat holds, from its catalogue
    last_update: str = ""
    dimensions: tuple[str, ...] = ()
    rows: int = 0
    problem: str = ""
    refused: tuple[str, ...] = field(default=())


def probes(recipes: dict[str, Recipe], years: int = 3) -> dict[str, Query]:
    """One query per Eurostat dataset: the union of the codes its recipes filter on, BE only."""
    wanted: dict[str, dict[str, set[str]]] = {}
    for (kind, query), _series in pipeline.needed(recipes).items():
        if kind != "eurostat":
            continue
        dims = wanted.setdefault(query.dataset, {})
        for dim, values in query.filters:
            dims.setdefault(dim, set()).update(values)
    start = date.today().year - years
    return {ds: Query.make(ds, {d: sorted(v) for d, v in dims.items()}, geo=["BE"], start=start)
            for ds, dims in sorted(wanted.items())}


def check(recipes: dict[str, Recipe], api: EurostatAPI,
          progress: Callable[[int, int, Check], None] | None = None) -> list[Check]:
    found = []
    todo = probes(recipes)
    for i, (dataset, query) in enumerate(todo.items(), start=1):
        client = api.client(dataset)
        entry: dict[str, str] = {}
        try:
            entry = api.catalogue(dataset)
            shape = api.structure(dataset, client)
            lacking = sorted({d for d, _ in query.filters} - set(shape.dimensions))
            if lacking:
                raise UnknownDimensionError(dataset, f"the recipes filter on {lacking}, which the dataset lacks")
            key = estat.key(list(shape.dimensions), dict(query.filters), query.geo)
            body = api.ask(client, estat.data_url(api.base, dataset, key, query.start)).body
            queue = estat.queued(body)
            rows = 0 if queue else sum(1 for line in body_lines(body)[1:] if line.strip())
            result = Check(dataset, True, entry.get("title", ""), _period(entry), shape.last_update,
                           shape.dimensions, rows, f"queued by Eurostat (id {queue})" if queue else "")
        except SourceError as exc:
            known = api.known(dataset)
            result = Check(dataset, False, entry.get("title", ""), _period(entry),
                           known.last_update if known else entry.get("last update of data", ""),
                           known.dimensions if known else (), 0, f"{type(exc).__name__}: {exc.reason}",
                           getattr(exc, "refused", ()))
        finally:
            client.close()
        found.append(result)
        if progress:
            progress(i, len(todo), result)
    return found


def _period(entry: dict[str, str]) -> str:
    start, end = entry.get("data start") or "", entry.get("data end") or ""
    return f"{start}-{end}" if start or end else ""


def body_lines(body: bytes) -> list[str]:
    return tsv.decode(body, "live-check", "live-check").splitlines()
