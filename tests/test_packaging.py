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


def test_every_module_imports_first_on_its_own():
    """An import cycle shows when a module is the first one imported: the voice once imported the guards'
    lexicon, whose package imports the voice back."""
    import pkgutil
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    modules = [name for package in ("generate", "ingest", "model")
               for _, name, _ in pkgutil.walk_packages([str(root / package)], prefix=f"{package}.")]
    script = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"
    failed = []
    for name in modules:
        done = subprocess.run([sys.executable, "-c", script, name], cwd=root, capture_output=True, text=True,
                              env={**__import__("os").environ, "HF_HUB_OFFLINE": "1"})
        if done.returncode:
            failed.append(f"{name}: {done.stderr.strip().splitlines()[-1]}")
    assert not failed, failed
