"""Model versions: which adapter drafts captions now, and how to change that.

Versions live in the store (base model, adapter and merged paths, dataset hash, params, metrics,
status). Exactly one is active. A fresh embedded install registers the adapter shipped in
data/adapters/ as v1, so the first drafts are already in the @versus voice.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from model.adapters import read_metadata
from model.base import EMBEDDED, resolve_base
from store import Store


@dataclass(frozen=True)
class ModelSpec:
    """Which weights to serve: a merged model dir when there is one, else the base plus an adapter."""

    version: str  # registry version, or "base" for the bare base model
    base: str  # local HF-format directory (or a hub id the user configured)
    adapter: Path | None = None
    merged: Path | None = None

    @property
    def weights(self) -> str:
        return str(self.merged or self.base)


SHIPPED_ADAPTER = Path(__file__).resolve().parent.parent / "data" / "adapters" / "smollm2-seed"


# A version the promotion gate turned down is noted with this prefix (retrain.py writes it).
GATE_PREFIX = "not promoted: "


class RegistryError(ValueError):
    """A registry request that cannot be honoured; the message is one line for the user."""


def ensure_initial_version(store: Store, base_setting: str) -> None:
    """Register the shipped adapter as v1 (active) on first use of the embedded model, once however
    many processes start on a fresh database at the same moment."""
    if store.model_versions() or base_setting != EMBEDDED or not SHIPPED_ADAPTER.exists():
        return
    meta = read_metadata(SHIPPED_ADAPTER)
    store.add_model_version(
        {
            "base_model": EMBEDDED,
            "adapter_path": str(SHIPPED_ADAPTER),
            "dataset_hash": meta.get("dataset_hash"),
            "dataset_size": meta.get("dataset_size"),
            "params": meta.get("train_config", {}),
            "metrics": {"val_loss": meta.get("val_loss")},
            "note": "shipped with versus-captions, trained on the seed set",
        },
        activate=True,
        only_if_none=True,
    )


def active_spec(store: Store, base_setting: str, home: Path) -> ModelSpec:
    """What to serve: the active version's adapter on the configured base, or the bare base when no
    version exists or the active one was trained on a different base."""
    ensure_initial_version(store, base_setting)
    base = resolve_base(base_setting, home)
    active = store.active_model_version()
    if not active or active["base_model"] != base_setting:
        return ModelSpec(version="base", base=base)
    return spec_for(active, base)


def spec_for(version: dict, base: str) -> ModelSpec:
    merged = Path(version["merged_path"]) if version.get("merged_path") else None
    return ModelSpec(
        version=version["version"],
        base=base,
        adapter=Path(version["adapter_path"]) if version.get("adapter_path") else None,
        merged=merged if merged and merged.exists() else None,
    )


def failed_gate(version: dict) -> str | None:
    """Why `version` was kept inactive by a promotion gate, or None if it never failed one."""
    gate = (version.get("metrics") or {}).get("gate") or {}
    if gate.get("passed") is False:
        return gate.get("reason") or "failed the promotion gate"
    note = version.get("note") or ""
    return note[len(GATE_PREFIX):] if note.startswith(GATE_PREFIX) else None


def versions(store: Store, base_setting: str) -> list[dict]:
    """Every registered version, the shipped one registered first on a fresh embedded install."""
    ensure_initial_version(store, base_setting)
    return store.model_versions()


def promote(store: Store, version: str, force: bool = False) -> dict:
    """Make `version` active. One the promotion gate turned down needs `force`; versions that never
    failed a gate (rollback targets, the shipped one) promote freely."""
    row = store.model_version(version)
    if row is None:
        raise RegistryError(f"no such model version: {version}")
    if (reason := failed_gate(row)) and not force:
        raise RegistryError(f"{version} failed the promotion gate ({reason}); use --force to promote it anyway")
    if row["status"] == "failed":
        raise RegistryError(f"{version} failed training and cannot be promoted")
    if row["adapter_path"] and not Path(row["adapter_path"]).exists():
        raise RegistryError(f"{version}'s adapter is missing: {row['adapter_path']}")
    store.activate_model_version(version)
    return store.model_version(version)


def rollback(store: Store, base_setting: str | None = None) -> dict:
    """Re-activate the version that was active before the current one, walking back one promotion per
    call (v3 → v2 → v1).

    The promotion history is the versions' `promoted` times. Rolling back withdraws the active
    version's promotion (clears its time), so the next rollback cannot return to it; the version
    rolled back to was the most recent remaining promotion, so re-stamping it on activation keeps the
    order. Withdrawing first means a crash in between still leaves a consistent history."""
    if base_setting:
        ensure_initial_version(store, base_setting)
    active = store.active_model_version()
    if active is None:
        raise RegistryError("no active model version to roll back from")
    earlier = [
        v for v in store.model_versions()
        if v["version"] != active["version"] and v["promoted"] and v["status"] == "inactive"
    ]
    if not earlier:
        raise RegistryError(f"no version was active before {active['version']}; nothing to roll back to")
    # Promotion times are to the second; a tie goes to the later-numbered (usually later-promoted) version.
    previous = max(earlier, key=lambda v: (v["promoted"], int(v["version"][1:])))
    store.update_model_version(active["version"], promoted=None)
    store.activate_model_version(previous["version"])
    return store.model_version(previous["version"])
