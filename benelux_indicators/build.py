"""What every page needs, computed once per run: the plan, the recipes, the snapshot split
by dataset, every comparison and every figure's trend. The CLI, the library, the dashboards
and the static site all read one :class:`Build`; pages in four languages render the same
comparisons, they never compute them again.

Two ways in, one meaning each: :func:`build` computes now, from the snapshot, against a plan
(the current one unless named); :func:`of_edition` shows an edition, a set of figures a
refresh computed and kept, as it stood (its trends from the snapshot)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from . import compare, engine, plan, recipes, snapshot
from .errors import EditionError
from .compare import Comparison, Year
from .plan import Edition
from .recipes import Recipe


@dataclass
class Build:
    plan: Edition
    recipes: dict[str, Recipe]
    data: engine.Data
    built_at: str = ""  # when the snapshot was built (its manifest)
    year: Year = None  # every figure for this year, or each its latest, instead of the plan's
    kept: tuple[Comparison, ...] | None = None  # an edition's figures, shown as they were kept

    @cached_property
    def comparisons(self) -> list[Comparison]:
        if self.kept is not None:
            return list(self.kept)
        return compare.compare_all(self.recipes, self.plan, self.data, self.year)

    @cached_property
    def trends(self) -> dict[str, pd.DataFrame]:
        """Every year each figure of the plan can be computed for (the cards' trend lines)."""
        return {c.id: engine.timeseries(self.recipes[c.id], self.data) for c in self.comparisons
                if c.id in self.recipes}


def build(plan_name: str | None = None, year: Year = None, frame: pd.DataFrame | None = None) -> Build:
    """Compute now: every figure of a plan (the current one when None) on the committed
    snapshot (or on ``frame``)."""
    built_at = snapshot.manifest().built_at if frame is None else ""
    return Build(plan.load(plan_name), recipes.load_all(), engine.Data(snapshot.load() if frame is None else frame),
                 built_at, year)


def of_edition(name: str | None = None) -> Build:
    """An edition as it was kept (the newest when None), with the plan it was compared with."""
    from . import editions

    record = editions.load(name) if name else editions.latest()
    if record is None:
        raise EditionError(f"no edition yet in {editions.json_path('0000').parent}: "
                                    "`benelux-indicators refresh --edition YYYY` makes one")
    run = build(record.plan if record.plan in plan.editions() else None)
    run.kept = tuple(record.comparisons())
    run.built_at = record.created_at
    return run
