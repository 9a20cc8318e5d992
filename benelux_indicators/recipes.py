"""Key-figure recipes: YAML files, one per figure, validated against ``recipe_schema.yaml``.

A recipe is data: which series (source, dataset, filters), which operation combines them,
how the reference year follows from the plan edition, which fallbacks may stand in when
the primary series is absent, which earlier releases can show that a mismatch is a
revision, and labels in nl/fr/de/en. Adding a figure means adding a YAML file.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .errors import RecipeError, UnknownNameError
from .geo import EU_AGGREGATE, group
from .paths import PACKAGE_DIR, RECIPES_DIR, aliases_path, user_recipes_dir
from .sources.query import Query
from .yamlfile import line_of, load, validate

# The operations a recipe may name and the inputs each needs: with operations.OPERATIONS (the
# code) the one place an operation is added (its formula in words lives at the edge).
ROLES = {
    "sum": {"value"},
    "share_of_eu": {"value"},
    "ratio_of_sums": {"numerator", "denominator"},
    "per_head": {"numerator", "denominator"},
    "weighted_mean": {"value", "weight"},
}
SCHEMA = yaml.safe_load((PACKAGE_DIR / "recipe_schema.yaml").read_text(encoding="utf-8"))
SCHEMA["$defs"]["computation"]["properties"]["operation"] = {"enum": sorted(ROLES)}


@dataclass(frozen=True)
class Series:
    """One input series: where it comes from and which rows of the tidy table it is."""

    source: str
    dataset: str
    filters: dict = field(default_factory=dict, hash=False)
    geo: str = "BENELUX"
    eu: str | None = None
    sum_over: str | None = None  # a dimension whose filtered codes are summed per geo (CRF sectors)
    absent: dict = field(default_factory=dict, hash=False)  # geo -> reason code: no value can exist
    optional: tuple[str, ...] = ()  # components of sum_over that count as nothing when a geo has no row

    @property
    def geos(self) -> tuple[str, ...]:
        return group(self.geo)

    @property
    def components(self) -> tuple[str, ...]:
        """The codes of ``sum_over`` that make up one geo's value."""
        wanted = self.filters.get(self.sum_over, ()) if self.sum_over else ()
        return tuple(wanted) if isinstance(wanted, list) else (wanted,)

    @property
    def eu_geos(self) -> tuple[str, ...]:
        return group(self.eu) if self.eu else ()

    def query(self) -> Query:
        """The slice a source must deliver for this series (country and EU rows)."""
        return Query.make(self.dataset, self.filters, geo=[*self.geos, *self.eu_geos])

    @property
    def key(self) -> str:
        """``source:dataset [filters]``: names the series in editions, changelogs and failures."""
        return f"{self.source}:{self.describe()}"

    def describe(self) -> str:
        filters = ", ".join(f"{k}={'+'.join(map(str, v)) if isinstance(v, list) else v}"
                            for k, v in self.filters.items())
        return f"{self.dataset} [{filters}]" if filters else self.dataset


@dataclass(frozen=True)
class Computation:
    operation: str
    inputs: dict[str, Series] = field(hash=False)
    scale: float = 1.0
    note: str = ""
    mixed_vintages: str = ""
    on_mismatch: dict | None = field(default=None, hash=False)


@dataclass(frozen=True)
class Recipe:
    id: str
    labels: dict[str, str] = field(hash=False)
    theme: str
    unit: str
    primary: Computation
    fallbacks: tuple[Computation, ...] = ()
    earlier_releases: tuple[Computation, ...] = ()
    path: str = ""
    definition: dict[str, str] = field(default_factory=dict, hash=False)  # plain words per language

    def label(self, lang: str) -> str:
        return self.labels.get(lang, self.labels["en"])

    def attempts(self) -> list[tuple[str, Computation]]:
        """What computes the figure, in the order tried: the primary, then each fallback."""
        return [("primary", self.primary), *(("fallback", c) for c in self.fallbacks)]

    def computations(self) -> tuple[Computation, ...]:
        return (self.primary, *self.fallbacks, *self.earlier_releases)

    def series(self) -> list[Series]:
        return [s for c in self.computations() for s in c.inputs.values()]


def _computation(data: dict, where: str) -> Computation:
    missing = ROLES[data["operation"]] - set(data["inputs"])
    extra = set(data["inputs"]) - ROLES[data["operation"]]
    if missing or extra:
        raise RecipeError(f"{where}: operation {data['operation']} needs inputs {sorted(ROLES[data['operation']])}, "
                          f"got {sorted(data['inputs'])}")
    inputs = {role: Series(**{**s, "optional": tuple(s.get("optional", ()))}) for role, s in data["inputs"].items()}
    if data["operation"] == "share_of_eu":
        value = inputs["value"]
        inputs["value"] = replace(value, eu=value.eu or EU_AGGREGATE)
    for role, series in inputs.items():
        if series.sum_over and (series.sum_over not in series.filters or len(series.components) < 2):
            raise RecipeError(f"{where}: inputs/{role}: sum_over {series.sum_over!r} needs a list of at least "
                              "two codes in the filter of that dimension")
    return Computation(data["operation"], inputs, float(data.get("scale", 1.0)), data.get("note", ""),
                       data.get("mixed_vintages", ""), data.get("on_mismatch"))


def parse(data: object, where: str, text: str | None = None) -> Recipe:
    """Validate one recipe document; errors name the file, the line (given the text) and
    the field path."""
    validate(data, SCHEMA, where, text)
    assert isinstance(data, dict)
    return Recipe(
        id=data["id"], labels=data["labels"], theme=data["theme"], unit=data["unit"],
        primary=_computation(data, f"{where}"),
        fallbacks=tuple(_computation(c, f"{where}: fallbacks[{i}]") for i, c in enumerate(data.get("fallbacks", []))),
        earlier_releases=tuple(_computation(c, f"{where}: earlier_releases[{i}]")
                               for i, c in enumerate(data.get("earlier_releases", []))),
        path=where, definition=dict(data.get("definition", {})),
    )


def load_file(path: Path) -> Recipe:
    data, text = load(path, SCHEMA)
    recipe = parse(data, str(path), text)
    if recipe.id != path.stem:
        raise RecipeError(f"{path}:{line_of(text, ['id'])}: field id: {recipe.id!r} must match the file name {path.stem!r}")
    return recipe


@dataclass(frozen=True)
class Context:
    """A series shown beside the key figures (e.g. the modal split), split by one dimension."""

    id: str
    labels: dict[str, str] = field(hash=False)
    series: Series
    by: str
    codes: dict[str, dict[str, str]] = field(hash=False)

    def label(self, lang: str) -> str:
        return self.labels.get(lang, self.labels["en"])

    def code_label(self, code: str, lang: str) -> str:
        names = self.codes.get(code, {})
        return names.get(lang, names.get("en", code))


@functools.cache
def context(path: Path | None = None) -> dict[str, Context]:
    """The context series of ``context.yaml``, by id."""
    path = path or PACKAGE_DIR / "context.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out = {}
    for cid, spec in data.items():
        series = Series(**spec["series"])
        if spec["by"] not in series.filters:
            raise RecipeError(f"{path}: {cid}: 'by' {spec['by']!r} must be a filtered dimension of the series")
        out[cid] = Context(cid, spec["labels"], series, spec["by"], spec["codes"])
    return out


def load_all(directory: Path | None = None) -> dict[str, Recipe]:
    """Every recipe by id: the packaged ones, then the staff's own (``$BENELUX_HOME/recipes/``,
    same schema and checks), each overriding the packaged recipe of its id or adding one;
    ``directory`` reads that folder alone. Dataset codes pass through the alias map."""
    folders = [directory] if directory else [RECIPES_DIR, user_recipes_dir()]
    found = {r.id: r for folder in folders for r in (load_file(p) for p in sorted(folder.glob("*.yaml")))}
    renamed = aliases()
    return {rid: _renamed(r, renamed) for rid, r in found.items()} if renamed else found


ALIASES_SCHEMA = {"type": "object", "additionalProperties": False, "required": ["aliases"],
                  "properties": {"aliases": {"type": "object", "additionalProperties": {
                      "type": "string", "pattern": "^[a-z][a-z0-9_]*$"}, "propertyNames": {"pattern": "^[a-z][a-z0-9_]*$"}}}}


def aliases() -> dict[str, str]:
    """Renamed Eurostat datasets, old code -> new: the one place a rename is made
    (``aliases.yaml`` in the project home), every recipe follows it."""
    path = aliases_path()
    if not path.is_file():
        return {}
    data, _ = load(path, ALIASES_SCHEMA)
    return dict(data["aliases"])


def figure(name: str) -> Recipe:
    """One recipe by id; an unknown id is refused with the close matches."""
    found = load_all()
    if name not in found:
        raise UnknownNameError("figure", name, list(found))
    return found[name]


def with_countries(recipe: Recipe, codes: tuple[str, ...]) -> Recipe:
    """The recipe for another country set: every series over the Benelux is taken over
    ``codes`` instead (an aggregate named by its members, ``BE+NL``); EU totals, fixed geos
    and the operation stay, so a share stays a share of the EU and a ratio stays a ratio of
    sums."""
    geo = "+".join(codes)

    def comp(c: Computation) -> Computation:
        return replace(c, inputs={role: replace(s, geo=geo) if s.geo == "BENELUX" else s
                                  for role, s in c.inputs.items()})

    return replace(recipe, primary=comp(recipe.primary), fallbacks=tuple(map(comp, recipe.fallbacks)),
                   earlier_releases=tuple(map(comp, recipe.earlier_releases)))


def _renamed(recipe: Recipe, renamed: dict[str, str]) -> Recipe:
    def comp(c: Computation) -> Computation:
        return replace(c, inputs={role: replace(s, dataset=renamed.get(s.dataset, s.dataset)) if s.source == "eurostat"
                                  else s for role, s in c.inputs.items()})

    return replace(recipe, primary=comp(recipe.primary), fallbacks=tuple(map(comp, recipe.fallbacks)),
                   earlier_releases=tuple(map(comp, recipe.earlier_releases)))


__all__ = ["Computation", "Context", "Recipe", "Series", "context", "load_all", "load_file", "parse"]
