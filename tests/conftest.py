"""Shared fixtures. Tests run offline: models load from local files only."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

REPO = Path(__file__).resolve().parent.parent
# The dequantized embedded model outlives one pytest run (materializing takes ~25 s).
MODEL_CACHE_HOME = REPO / ".pytest_cache" / "embedded-home"


@pytest.fixture(scope="session")
def embedded_base() -> str:
    """The real embedded model (SmolLM2-135M-Instruct) as a local safetensors dir."""
    from model.base import materialize_embedded

    return str(materialize_embedded(MODEL_CACHE_HOME))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """An empty data home."""
    path = tmp_path / "home"
    path.mkdir()
    return path


def invoke_cli(home: Path, *args: str, code: int = 0, env: dict | None = None, input: str | None = None):
    """`versus --home HOME ARGS...` in-process; asserts it exited with `code` and raised nothing but
    click's own exit (a traceback is never an answer)."""
    from click.testing import CliRunner

    from cli import cli

    result = CliRunner().invoke(cli, ["--home", str(home), *args], env={"COLUMNS": "200", **(env or {})},
                                input=input)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    assert result.exit_code == code, f"exit {result.exit_code}, expected {code}: {result.output}"
    return result


@pytest.fixture
def versus():
    """The CLI as a test calls it: versus(home, "status", "--json", code=0)."""
    return invoke_cli
