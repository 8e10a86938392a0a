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
