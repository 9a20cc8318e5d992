"""The library API for economists: tidy frames with their provenance attached."""
from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from . import snapshot
from .errors import NothingComputedError, OutOfRangeError
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
    if source == "snapshot" and (frame["source"] == "eurostat").any():
        from .citation import dataset as reference

        frame.attrs["cite"] = reference(dataset, frame).text()  # the rows just read carry their releases
    return frame


def compared(edition: str | None = None, plan: str | None = None, year: Year = None,
             frame: pd.DataFrame | None = None, countries: str | list[str] | None = None,
             source: str | None = None) -> list:
    """The comparisons behind ``keyfigures``, ``report`` and the CLI, in no language: an
    edition's as kept, or (no ``edition``) computed now against ``plan`` (the current one).
    ``countries`` computes every figure for another country set (nothing is compared: the
    plan printed the Benelux); data the snapshot lacks come from ``source`` (default: the
    mirror, else live)."""
    from . import coverage, engine, geo, recipes
    from . import plan as plans
    from .build import Build, build, of_edition

    if edition is not None:
        if year is not None or frame is not None or countries is not None:
            raise ValueError("an edition is shown as it was kept: year, frame and countries apply only when "
                             "computing now (leave edition out)")
        return of_edition(edition).comparisons
    if countries is None and source is None:
        run = build(plan, year, frame)
        _check_year(year, run.data.frame)
        return run.comparisons
    codes = geo.countries(countries) if countries is not None else geo.BENELUX
    chosen = {rid: recipes.with_countries(r, codes) for rid, r in recipes.load_all().items()}
    found = coverage.gather(chosen.values(), frame, source)
    _check_year(year, found.frame)
    printed = plans.load(plan) if codes == geo.BENELUX else plans.unprinted(plans.load(plan))
    return Build(printed, chosen, engine.Data(found.frame), year=year).comparisons


def _check_year(year: Year, frame: pd.DataFrame) -> None:
    """A year the data do not hold is refused with the range they do hold."""
    if not isinstance(year, int):
        return
    years = pd.to_numeric(frame["time"].str[:4], errors="coerce").dropna()
    low, high = int(years.min()), int(years.max())
    if not low <= year <= high:
        raise OutOfRangeError(f"year {year}: the data hold {low}-{high}")


def keyfigures(edition: str | None = None, lang: str = "en", year: Year = None,
               frame: pd.DataFrame | None = None, plan: str | None = None,
               countries: str | list[str] | None = None, source: str | None = None) -> pd.DataFrame:
    """All figures: printed, computed, status, cause and sources. Without ``edition``,
    computed now from the snapshot against ``plan`` (the current plan), for the plan's
    years, one ``year`` or each figure's ``"latest"``; with ``edition``, that edition as kept.

    >>> kf = keyfigures(plan="2024")
    >>> row = kf.set_index("id").loc["population"]
    >>> int(row.computed), row.status
    (29664912, 'match')
    """
    from .messages import flat

    out = pd.DataFrame([flat(c, lang) for c in compared(edition, plan, year, frame, countries, source)])
    out.attrs.update({"edition": edition, "plan": plan, "countries": countries, "snapshot": snapshot.manifest().sha256})
    return out


def report(edition: str | None = None, lang: str = "en", year: Year = None,
           frame: pd.DataFrame | None = None, plan: str | None = None,
           countries: str | list[str] | None = None, source: str | None = None):
    """The figures for reading in Jupyter: an HTML table in ``lang``'s number style with
    status badges and sources; ``report()["population"]`` shows one figure with its inputs,
    ``.frame`` gives the DataFrame. Same choices as :func:`keyfigures`.

    >>> r = report(lang="nl", plan="2024")
    >>> r["population"].value, r["population"].comparison.status.value
    (29664912.0, 'match')
    """
    from .present.rich import KeyFigures

    return KeyFigures(compared(edition, plan, year, frame, countries, source), lang)


def releases(recipe: str, year: int, frame: pd.DataFrame | None = None) -> pd.DataFrame:
    """One figure for one year from every computation its recipe knows: the primary, the
    fallbacks and the earlier releases it records, each with its vintages. This is how a
    figure moved between releases.

    >>> r = releases("renewables_share_consumption", 2021)
    >>> r[["role", "value"]].round(3).values.tolist()
    [['primary', 13.031], ['earlier_release', 12.575]]
    """
    from . import engine, recipes

    parsed = recipes.figure(recipe)
    data = engine.Data(snapshot.load() if frame is None else frame)
    tried = [*engine.attempts(parsed, data, year), *engine.earlier(parsed, data, year)]
    return pd.DataFrame([{"role": r.role, "value": r.value, "flags": r.flags, "note": r.computation.note,
                          "vintages": r.vintages} for r in tried])


def compute(recipe: dict | str, frame: pd.DataFrame | None = None, countries: str | list[str] | None = None,
            source: str | None = None) -> pd.DataFrame:
    """Time series of any recipe: a recipe id, or a recipe of your own as a dict (same schema
    as the YAML files), for the Benelux or any ``countries`` (``["BE", "NL"]``, ``"BE+NL"``,
    ``"benelux,DE"``). Columns: year (an integer), value, flags, role, part_<geo>. A share
    stays a share of the EU, a ratio a ratio of sums. Data the snapshot lacks come from
    ``source`` (default: the mirror, else live); ``df.attrs`` says which.

    >>> ts = compute("population")
    >>> int(ts.set_index("year").loc[2021, "value"])
    29664912
    >>> int(compute("population", countries=["be", "NL"]).set_index("year").loc[2021, "value"])
    29030182
    """
    from . import coverage, engine, geo, recipes

    parsed = recipes.figure(recipe) if isinstance(recipe, str) else recipes.parse(recipe, "<dict>")
    codes = geo.countries(countries) if countries is not None else None
    if codes:
        parsed = recipes.with_countries(parsed, codes)
    found = coverage.gather([parsed], frame, source)
    data = engine.Data(found.frame)
    out = engine.timeseries(parsed, data)
    if out.empty:
        raise NothingComputedError(_why_nothing(parsed, data, found))
    out.attrs.update({"figure": parsed.id, "countries": "+".join(codes or geo.BENELUX), "source": found.source,
                      "missing": found.missing})
    return out


def _why_nothing(recipe, data, found) -> str:
    """What kept every year of a figure from being computed, for the error."""
    from . import compare, messages

    _, held = compare.latest_year(recipe, data)
    said = messages.render(held[:1], "en") if held else "none of its series has rows"
    lost = "; ".join(f"{k}: {v}" for k, v in found.missing.items())
    return (f"{recipe.id} for {'+'.join(dict.fromkeys(g for s in recipe.series() for g in s.geos))}: no year "
            f"computes from {found.source} ({said}{'; ' + lost if lost else ''})")


def cite(name: str, style: str = "text") -> str:
    """How to cite a figure (every dataset and publication it uses) or one Eurostat dataset:
    publisher, title, online code, release, data-browser and API addresses, access date;
    ``style`` is ``"text"``, ``"apa"`` or ``"bibtex"``.

    >>> print(cite("nama_10_gdp", "apa"))
    Eurostat. (n.d.). GDP and main components (nama_10_gdp) [Data set]. https://ec.europa.eu/eurostat/databrowser/view/nama_10_gdp/default/table?lang=en
    """
    from .citation import cite as _cite

    return _cite(name, style)  # type: ignore[arg-type]


def label(frame: pd.DataFrame, lang: str = "en") -> pd.DataFrame:
    """The frame with words beside its codes, like R's ``label_eurostat``: ``geo_label``
    (CLDR country names), ``unit_label``, ``dataset_label`` (Eurostat's titles), ``flag_label``
    and, for dimension codes the project knows, ``<dim>_label``; codes stay as they are.

    >>> label(series("demo_pjan", geo=["BE"]), "nl")[["geo_label", "dataset_label"]].iloc[0].tolist()
    ['België', 'Bevolking op 1 januari naar leeftijd en geslacht']
    """
    from . import geo, tidy
    from .citation import DATASETS
    from .errors import UnknownNameError
    from .present.i18n import UNITS, flag_words
    from .readers.xlsx import LABELS

    if lang not in ("nl", "fr", "de", "en"):
        raise UnknownNameError("language", lang, ["nl", "fr", "de", "en"])
    out = frame.copy()
    words = {"geo": lambda c: geo.name(c, lang), "unit": lambda c: UNITS.get(c, {}).get(lang, c),
             "dataset": lambda c: DATASETS.get(c, {}).get(lang, c), "flag": lambda c: flag_words(c, lang)}
    english = {dim: {code: text for text, code in codes.items()} for dim, codes in LABELS["codes"].items()}
    for dim in tidy.dimensions(frame):
        if dim in english and lang == "en":
            words[dim] = lambda c, d=dim: english[d].get(c, c)
    for column, say in words.items():
        if column in out.columns:
            codes = out[column].dropna().unique()
            out[f"{column}_label"] = out[column].map({c: say(c) for c in codes})
    out.attrs = dict(frame.attrs)
    return out


def load_snapshot() -> pd.DataFrame:
    """The whole committed snapshot (all datasets, all sources)."""
    return snapshot.load()
