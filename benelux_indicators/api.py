"""The library API for economists: tidy frames with their provenance attached."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from . import snapshot
from .sources import eurostat_source
from .sources.query import Query

if TYPE_CHECKING:
    from .compare import Year


def series(dataset: str, geo: list[str] | None = None, source: str = "snapshot", **filters: str) -> pd.DataFrame:
    """Tidy rows of one dataset; ``df.attrs`` carries dataset, vintages, origins and citations.

    >>> df = series("demo_pjan", geo=["BE", "NL", "LU"], age="TOTAL", sex="T")
    >>> int(df[df.time == "2021"].value.sum())
    29664912
    """
    frame = eurostat_source(source).fetch(Query.make(dataset, filters, geo=geo or []))
    frame = frame.reset_index(drop=True)
    frame.attrs.update({
        "dataset": dataset,
        "filters": dict(filters),
        "source": source,
        "vintages": sorted(frame["vintage"].dropna().unique().tolist()),
        "origins": sorted(frame["origin"].dropna().unique().tolist()),
        "citations": sorted(frame["citation"].dropna().unique().tolist()),
        "units": sorted(frame["unit"].dropna().unique().tolist()),
    })
    return frame


def compared(edition: str | None = None, plan: str | None = None, year: Year = None,
             frame: pd.DataFrame | None = None) -> list:
    """The comparisons behind ``keyfigures``, ``report`` and the CLI, in no language: an
    edition's as kept, or (no ``edition``) computed now against ``plan`` (the current one)."""
    from .build import build, of_edition

    if edition is not None:
        if year is not None or frame is not None:
            raise ValueError("an edition is shown as it was kept: year and frame apply only when computing "
                             "now (leave edition out)")
        return of_edition(edition).comparisons
    return build(plan, year, frame).comparisons


def keyfigures(edition: str | None = None, lang: str = "en", year: Year = None,
               frame: pd.DataFrame | None = None, plan: str | None = None) -> pd.DataFrame:
    """All figures: printed, computed, status, cause and sources. Without ``edition``,
    computed now from the snapshot against ``plan`` (the current plan), for the plan's
    years, one ``year`` or each figure's ``"latest"``; with ``edition``, that edition as kept.

    >>> kf = keyfigures(plan="2024")
    >>> row = kf.set_index("id").loc["population"]
    >>> int(row.computed), row.status
    (29664912, 'match')
    """
    from .messages import flat

    out = pd.DataFrame([flat(c, lang) for c in compared(edition, plan, year, frame)])
    out.attrs.update({"edition": edition, "plan": plan, "snapshot": snapshot.manifest().sha256})
    return out


def report(edition: str | None = None, lang: str = "en", year: Year = None,
           frame: pd.DataFrame | None = None, plan: str | None = None):
    """The figures for reading in Jupyter: an HTML table in ``lang``'s number style with
    status badges and sources; ``report()["population"]`` shows one figure with its inputs,
    ``.frame`` gives the DataFrame. Same choices as :func:`keyfigures`.

    >>> r = report(lang="nl", plan="2024")
    >>> r["population"].value, r["population"].comparison.status.value
    (29664912.0, 'match')
    """
    from .present.rich import KeyFigures

    return KeyFigures(compared(edition, plan, year, frame), lang)


def releases(recipe: str, year: int, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """One figure for one year from every computation its recipe knows: the primary, the
    fallbacks and the earlier releases it records, each with its vintages. This is how a
    figure moved between releases.

    >>> r = releases("renewables_share_consumption", 2021)
    >>> r[["role", "value"]].round(3).values.tolist()
    [['primary', 13.031], ['earlier_release', 12.575]]
    """
    from . import engine, recipes

    parsed = recipes.load_all()[recipe]
    data = engine.Data(snapshot.load() if frame is None else frame)
    tried = [*engine.attempts(parsed, data, year), *engine.earlier(parsed, data, year)]
    return pd.DataFrame([{"role": r.role, "value": r.value, "flags": r.flags, "note": r.computation.note,
                          "vintages": r.vintages} for r in tried])


def compute(recipe: dict | str, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """Time series of any recipe: a recipe id, or a recipe of your own as a dict (same schema
    as the YAML files). Columns: year, value, flags, role, part_<geo>.

    >>> ts = compute("population")
    >>> int(ts.set_index("year").loc[2021, "value"])
    29664912
    """
    from . import engine, recipes

    parsed = recipes.load_all()[recipe] if isinstance(recipe, str) else recipes.parse(recipe, "<dict>")
    return engine.timeseries(parsed, engine.Data(snapshot.load() if frame is None else frame))


def load_snapshot() -> pd.DataFrame:
    """The whole committed snapshot (all datasets, all sources)."""
    return snapshot.load()
