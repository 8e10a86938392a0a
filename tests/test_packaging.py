"""The installed package holds every module the CLI imports (an editable install from a checkout
would hide a missing one)."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_every_top_level_module_is_packaged():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    declared = set(project["tool"]["setuptools"]["py-modules"])
    on_disk = {p.stem for p in REPO.glob("*.py")}
    assert declared == on_disk


def test_every_package_is_found_by_the_package_finder():
    project = tomllib.loads((REPO / "pyproject.toml").read_text())
    patterns = project["tool"]["setuptools"]["packages"]["find"]["include"]
    packages = {p.parent.name for p in REPO.glob("*/__init__.py")} - {"tests", "bench"}
    assert packages and all(any(name + "*" == pattern for pattern in patterns) for name in packages)
