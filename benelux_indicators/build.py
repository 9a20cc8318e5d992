"""What every page of an edition needs, computed once per run: the plan, the recipes, the
snapshot split by dataset, every comparison and every figure's trend. The CLI, the library,
the dashboards and the static site all read one :class:`Build`; pages in four languages
render the same comparisons, they never compute them again."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from . import compare, engine, plan, recipes, snapshot
from .compare import Comparison
from .plan import Edition
from .recipes import Recipe


@dataclass
class Build:
    plan: Edition
    recipes: dict[str, Recipe]
    data: engine.Data
    built_at: str = ""  # when the snapshot was built (its manifest)
    year: int | None = None  # every figure for this year instead of the plan's

    @cached_property
    def comparisons(self) -> list[Comparison]:
        return compare.compare_all(self.recipes, self.plan, self.data, self.year)

    @cached_property
    def trends(self) -> dict[str, pd.DataFrame]:
        """Every year each figure of the plan can be computed for (the cards' trend lines)."""
        return {rid: engine.timeseries(self.recipes[rid], self.data) for rid in self.plan.figures}


def build(edition: str = "2024", year: int | None = None, frame: pd.DataFrame | None = None) -> Build:
    """The build of a plan edition on the committed snapshot (or on ``frame``)."""
    built_at = snapshot.manifest().built_at if frame is None else ""
    return Build(plan.load(edition), recipes.load_all(), engine.Data(snapshot.load() if frame is None else frame),
                 built_at, year)
