"""Where the project's files live, derived from one place.

The repository is the project's home: recipes ship inside the package, while the plan
editions, raw cache and committed snapshot sit under ``data/``. ``BENELUX_HOME`` points
elsewhere (a test's temporary directory, a deployment) without touching code.
"""
from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
RECIPES_DIR = PACKAGE_DIR / "recipes"


def home() -> Path:
    """Project home: ``$BENELUX_HOME`` or the repository that holds this package."""
    return Path(os.environ.get("BENELUX_HOME", PACKAGE_DIR.parent)).resolve()


def user_recipes_dir() -> Path:
    """The staff's own recipes (``$BENELUX_HOME/recipes/``): each overrides the packaged
    recipe of the same id, or adds a figure."""
    return home() / "recipes"


def aliases_path() -> Path:
    """The staff's dataset renames (``$BENELUX_HOME/aliases.yaml``, ``aliases: {old: new}``)."""
    return home() / "aliases.yaml"


def data_dir() -> Path:
    return home() / "data"


def raw_dir() -> Path:
    return data_dir() / "raw"


def processed_dir() -> Path:
    return data_dir() / "processed"


def plan_dir() -> Path:
    return data_dir() / "plan"


def snapshot_path() -> Path:
    return processed_dir() / "snapshot.parquet"


def manifest_path() -> Path:
    return processed_dir() / "manifest.json"
