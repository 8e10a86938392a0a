"""LoRA adapters: save with our own metadata, load across peft versions, merge for serving.

The seed project's adapters broke when the inference environment's peft did not know a key that the
training environment's peft had written to adapter_config.json. So every adapter carries
`versus_adapter.json` (the LoRA settings we trained with, in our own stable format), and loading
builds the LoraConfig from the keys this peft knows, falling back to our metadata for the rest.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

METADATA_FILE = "versus_adapter.json"
PEFT_CONFIG_FILE = "adapter_config.json"


def save_adapter(peft_model, tokenizer, directory: Path, metadata: dict) -> None:
    """Adapter weights + peft's config + our metadata (LoRA settings, base model, library versions)."""
    import peft
    import transformers

    directory.mkdir(parents=True, exist_ok=True)
    peft_model.save_pretrained(directory)
    tokenizer.save_pretrained(directory)
    lora = peft_model.peft_config["default"]
    record = {
        "lora": {
            "r": lora.r,
            "lora_alpha": lora.lora_alpha,
            "lora_dropout": lora.lora_dropout,
            "target_modules": sorted(lora.target_modules),
            "bias": lora.bias,
            "task_type": str(lora.task_type.value if hasattr(lora.task_type, "value") else lora.task_type),
        },
        "versions": {"peft": peft.__version__, "transformers": transformers.__version__},
        **metadata,
    }
    (directory / METADATA_FILE).write_text(json.dumps(record, indent=2, sort_keys=True))


def read_metadata(directory: Path) -> dict:
    path = Path(directory) / METADATA_FILE
    return json.loads(path.read_text()) if path.exists() else {}


def peft_config(directory: Path) -> dict:
    """adapter_config.json as peft wrote it; OSError or ValueError when missing or unreadable."""
    config = json.loads((Path(directory) / PEFT_CONFIG_FILE).read_text(encoding="utf-8"))
    if not isinstance(config, dict):
        raise ValueError(f"{PEFT_CONFIG_FILE} is not a JSON object")
    return config


def lora_config(directory: Path):
    """A LoraConfig this peft can build from whatever the adapter dir holds: adapter_config.json keys
    this peft does not know are dropped (they come from a newer or older peft), and anything missing
    or unreadable is filled from our own metadata."""
    from peft import LoraConfig

    known = {f.name for f in dataclasses.fields(LoraConfig)}
    settings: dict = dict(read_metadata(directory).get("lora", {}))
    try:
        raw = peft_config(directory)
    except (OSError, ValueError):
        raw = {}
    settings.update({k: v for k, v in raw.items() if k in known and v is not None})
    settings.pop("peft_type", None)
    if "r" not in settings or "target_modules" not in settings:
        raise ValueError(f"{directory} holds no usable LoRA adapter config")
    settings["inference_mode"] = True
    return LoraConfig(**settings)


def load_adapter(base_model, directory: Path, trainable: bool = False):
    """Wrap a loaded base model with the adapter in `directory`, tolerant of peft version drift."""
    from peft import PeftModel

    return PeftModel.from_pretrained(
        base_model, str(directory), config=lora_config(directory), is_trainable=trainable
    )


def merge_adapter(base_path: str, adapter_dir: Path, output_dir: Path) -> Path:
    """Write base + adapter as one full-weight model that any server can load without peft: vLLM
    serves merged weights faster than LoRA on the fly. Merged on the CPU in the base's own 16-bit
    type (fp32 for an fp32 base), so the GPU, which may hold a training run's leftovers or be a
    16 GB card, never holds the whole model for it."""
    from transformers import AutoModelForCausalLM, AutoTokenizer

    base = AutoModelForCausalLM.from_pretrained(base_path, dtype="auto", device_map="cpu")
    merged = load_adapter(base, adapter_dir).merge_and_unload()
    output_dir.mkdir(parents=True, exist_ok=True)
    merged.save_pretrained(output_dir)
    AutoTokenizer.from_pretrained(base_path).save_pretrained(output_dir)
    return output_dir
