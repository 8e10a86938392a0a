"""`versus eval`: a model version captions a held-out set, and the guards measure it.

A version (the active one, any registered one, or the bare base) captions the seed set's fixed
validation split, or any JSONL file of {"id", "snippet"[, "caption"]}, with one candidate per
snippet, greedy by default, so two versions compared on the same snippets with the same parameters
differ only by their weights. Each caption is scored by the same guards that rank drafts
(generate/guards/), and per version we report:

    postable_rate      share of captions an editor could post as is: they pass every guard (facts,
                       meaning, fluency, persona, no loop), copy nothing, paste no sentence of the
                       snippet and clear the style floor
                       (guards.postable): the number the promotion gate guards first
    style              style score: mean, quantiles and a 10-bin histogram over [0, 1]
    fact_keep          mean share of each snippet's key facts the caption kept
    invented_rate      share of captions inventing a number or name the snippet does not have
    persona_rate       share of captions talking like an assistant (apology, fact-check, meta, ...)
    meaning_rate       share of captions contradicting the snippet (who won, score order, currency, ...)
    made_up_rate       share of captions with a word that is no English, no slang and not the snippet's
    copy_rate          share of captions that just repeat the snippet
    paste_rate         share of captions that paste a run of its words (guards: "pastes:")
    mean_length        characters per caption
    distinct_2         distinct word pairs / all word pairs, over all captions (1.0: no repetition)
    val_loss           mean per-token loss of the reference captions, teacher-forced with exactly
                       the tokens training sees (None when the set has no references)
    captions_per_s     generation only (model loading excluded)
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import config
import text
from generate.backends import open_backend
from generate.backends.base import ModelSpec, SamplingParams
from generate.house import house_style
from generate.files import snippet_records
from generate.guards import postable, score_caption
from model.base import resolve_base
from model.dataset import load_seed
from model.prompt import build_messages, render_prompt
from model.registry import RegistryError, active_spec, ensure_initial_version, spec_for
from store import Store

HISTOGRAM_BINS = 10
SEED_SPLIT_NAME = "seed validation split"


@dataclass(frozen=True)
class Item:
    id: str
    snippet: str
    reference: str | None = None  # a human caption, for the teacher-forced validation loss


# --- the held-out set ------------------------------------------------------------------------------------


def held_out(input_path: Path | None = None, limit: int | None = None) -> tuple[str, list[Item]]:
    """(name, items): the seed validation split, or a JSONL file of {"id", "snippet"[, "caption"]}."""
    if input_path is None:
        items = [Item(r["id"], r["snippet"], r["caption"]) for r in load_seed() if r["split"] == "validation"]
        name = SEED_SPLIT_NAME
    else:
        items = list(_read_items(input_path))
        name = str(input_path)
    if not items:
        raise ValueError(f"{name}: no snippets to evaluate")
    return name, items[:limit] if limit else items


def _read_items(path: Path):
    for number, record in snippet_records(path):
        reference = record.get("caption")
        yield Item(str(record.get("id", number)), record["snippet"],
                   reference if isinstance(reference, str) and reference.strip() else None)


# --- which model ----------------------------------------------------------------------------------------


def resolve_spec(store: Store, settings: config.Settings, home: Path, version: str | None) -> ModelSpec:
    """None: what drafts now (the active version, or the base); "base": the bare base model;
    otherwise a registered version, on the base it was trained on."""
    if version is None:
        return active_spec(store, settings.model.base, home)
    if version == "base":
        return ModelSpec(version="base", base=resolve_base(settings.model.base, home))
    ensure_initial_version(store, settings.model.base)
    row = store.model_version(version)
    if row is None:
        raise RegistryError(f"no such model version: {version} (see `versus models list`)")
    if row["adapter_path"] and not Path(row["adapter_path"]).exists():
        raise RegistryError(f"{version}'s adapter is missing: {row['adapter_path']}")
    return spec_for(row, resolve_base(row["base_model"], home))


def eval_params(settings: config.GenerationSettings, *, temperature: float = 0.0, seed: int | None = None,
                max_new_tokens: int | None = None) -> SamplingParams:
    """One candidate per snippet; greedy unless a temperature is given, then sampled with `seed`."""
    return SamplingParams(temperature=temperature, top_p=settings.top_p,
                          max_new_tokens=max_new_tokens or settings.max_new_tokens, n=1,
                          seed=settings.seed if seed is None else seed)


# --- metrics ----------------------------------------------------------------------------------------------


def distinct_n(captions: list[str], n: int = 2) -> float:
    """Distinct word n-grams over all n-grams in all captions: 1.0 when nothing repeats."""
    grams = []
    for caption in captions:
        words = [w.casefold() for w in text.words(caption)]
        grams += list(zip(*(words[i:] for i in range(n))))
    return round(len(set(grams)) / len(grams), 4) if grams else 0.0


def summarize(items: list[Item], raw_captions: list[str]) -> tuple[dict, list[dict]]:
    """(metrics, per-caption rows) for one version's captions of `items`, in order."""
    rows = []
    for item, raw in zip(items, raw_captions, strict=True):
        scored = score_caption(item.snippet, raw)
        rows.append({"id": item.id, "snippet": item.snippet, "caption": scored.caption,
                     "reference": item.reference, "style": scored.scores["style"],
                     "fact_keep": scored.scores["fact_keep"], "invented": scored.scores["invented"],
                     "persona": scored.scores["persona"], "meaning": scored.scores["meaning"],
                     "made_up": scored.scores["made_up"], "postable": postable(scored), "flags": scored.flags})
    count = len(rows)
    styles = sorted(r["style"] for r in rows)
    histogram = [0] * HISTOGRAM_BINS
    for s in styles:
        histogram[min(int(s * HISTOGRAM_BINS), HISTOGRAM_BINS - 1)] += 1

    def share(test: Callable[[dict], bool]) -> float:
        return round(sum(map(test, rows)) / count, 4)

    metrics = {
        "snippets": count,
        "postable_rate": share(lambda r: r["postable"]),
        "style": {
            "mean": round(statistics.fmean(styles), 4),
            "min": styles[0],
            "p25": _quantile(styles, 0.25),
            "median": _quantile(styles, 0.5),
            "p75": _quantile(styles, 0.75),
            "max": styles[-1],
            "histogram": histogram,
        },
        "fact_keep": round(statistics.fmean(r["fact_keep"] for r in rows), 4),
        "invented_rate": share(lambda r: r["invented"] > 0),
        "persona_rate": share(lambda r: r["persona"] > 0),
        "meaning_rate": share(lambda r: r["meaning"] > 0),
        "made_up_rate": share(lambda r: r["made_up"] > 0),
        "copy_rate": share(lambda r: "copies_snippet" in r["flags"]),
        "paste_rate": share(lambda r: any(flag.startswith("pastes:") for flag in r["flags"])),
        "mean_length": round(statistics.fmean(len(r["caption"]) for r in rows), 1),
        "distinct_2": distinct_n([r["caption"] for r in rows]),
    }
    return metrics, rows


def _quantile(ordered: list[float], q: float) -> float:
    position = q * (len(ordered) - 1)
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (position - low), 4)


def teacher_forced(tokenizer, snippet: str, caption: str) -> tuple[list[int], int]:
    """(token ids of the whole training example, where the caption starts), tokenized the way trl's
    SFTTrainer does it for a conversational prompt/completion pair: the whole conversation through
    the chat template, the caption starting where it stops agreeing with the served prompt."""
    prompt = tokenizer(render_prompt(tokenizer, snippet), add_special_tokens=False)["input_ids"]
    full = list(tokenizer.apply_chat_template(build_messages(snippet, caption), tokenize=True,
                                              return_dict=True)["input_ids"])
    start = 0
    while start < min(len(prompt), len(full)) and prompt[start] == full[start]:
        start += 1
    return full, start


def reference_loss(model, tokenizer, pairs: list[tuple[str, str]], batch_size: int = 8) -> float | None:
    """Mean per-token cross-entropy of the reference captions (and their end-of-turn) given their
    prompts: the validation loss training reports, for any model and any labelled set."""
    import torch

    from model.loss import IGNORE_INDEX, causal_lm_loss

    if not pairs:
        return None
    total, tokens = 0.0, 0
    pad = tokenizer.pad_token_id if tokenizer.pad_token_id is not None else tokenizer.eos_token_id
    for start in range(0, len(pairs), batch_size):
        examples = [teacher_forced(tokenizer, s, c) for s, c in pairs[start : start + batch_size]]
        width = max(len(ids) for ids, _ in examples)
        input_ids = torch.full((len(examples), width), pad, dtype=torch.long)
        attention = torch.zeros_like(input_ids)
        labels = torch.full_like(input_ids, IGNORE_INDEX)
        for row, (ids, caption_start) in enumerate(examples):  # right-padded: positions stay 0..n
            input_ids[row, : len(ids)] = torch.tensor(ids)
            attention[row, : len(ids)] = 1
            labels[row, caption_start : len(ids)] = torch.tensor(ids[caption_start:])
        batch = {k: v.to(model.device) for k, v in
                 {"input_ids": input_ids, "attention_mask": attention, "labels": labels}.items()}
        with torch.inference_mode():
            total += float(causal_lm_loss(model, batch, num_items_in_batch=1))  # the sum, not the mean
        tokens += int((labels[:, 1:] != IGNORE_INDEX).sum())
    return round(total / tokens, 4) if tokens else None


# --- running a version ------------------------------------------------------------------------------------


def evaluate(spec: ModelSpec, items: list[Item], settings: config.Settings, params: SamplingParams,
             backend_name: str | None = None, progress: Callable[[int], None] | None = None) -> dict:
    """One version over the held-out items: metrics, per-caption rows and throughput."""
    from generate.backends.transformers import TransformersBackend, load_model

    backend = open_backend(settings, spec, backend_name)
    # With house sign-offs the model is trained on, and scored by, each reference's hook and fact line.
    house = settings.generation.closers == "house"
    cut = (lambda caption: text.split_sign_off(caption)[0]) if house else (lambda caption: caption)
    references = [(i.snippet, cut(i.reference)) for i in items if i.reference]
    val_loss = None
    try:
        started = time.perf_counter()
        snippets = [item.snippet for item in items]
        # The seed set's sign-offs only: an approved caption may be one of the held-out stories.
        outputs = house_style(settings.generation).draft(backend, snippets, params, progress)
        seconds = time.perf_counter() - started
        if references and isinstance(backend, TransformersBackend):
            val_loss = reference_loss(backend.model, backend.tokenizer, references)
        elif references:  # vLLM or an HTTP server: score the references with transformers
            backend.close()
            val_loss = reference_loss(*load_model(spec, settings.model.dtype, settings.model.gpu_quantize),
                                      references)
    finally:
        backend.close()
    metrics, rows = summarize(items, [candidates[0] if candidates else "" for candidates in outputs])
    return {
        "version": spec.version,
        "backend": backend.name,
        **metrics,
        "val_loss": val_loss,
        "references": len(references),
        "seconds": round(seconds, 2),
        "captions_per_s": round(len(items) / seconds, 3) if seconds else None,
        "captions": rows,
    }


def run_eval(store: Store, settings: config.Settings, home: Path, versions: list[str | None], *,
             input_path: Path | None = None, limit: int | None = None, params: SamplingParams | None = None,
             backend_name: str | None = None, progress: Callable[[str, int, int], None] | None = None) -> dict:
    """Every version in `versions` (None: the active one; "base") over the same items with the same
    parameters, one after another (one model in memory at a time)."""
    name, items = held_out(input_path, limit)
    params = params or eval_params(settings.generation)
    specs = [resolve_spec(store, settings, home, v) for v in versions]
    results = []
    for spec in specs:
        report = (lambda done, v=spec.version: progress(v, done, len(items))) if progress else None
        results.append(evaluate(spec, items, settings, params, backend_name, report))
    return {"set": name, "params": params.as_dict(), "date": dt.datetime.now(dt.timezone.utc).isoformat(
        timespec="seconds"), "versions": results}


def summary(result: dict) -> dict:
    """A version's metrics without its captions: what the registry stores."""
    return {k: v for k, v in result.items() if k != "captions"}
