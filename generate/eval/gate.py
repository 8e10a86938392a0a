"""The promotion gate: a retrained version replaces the active one only if it is no worse.

The gate evaluates the new version and the active one side by side with the same greedy
parameters and seed on the seed validation split (plus, once there are enough approvals, the
editors' approved captions held out of training: model.dataset.held_out_approvals), and promotes
the new one only if its postable rate (the share of captions an editor could post as is) is at
least the active one's minus POSTABLE_TOLERANCE, it keeps both safety rates (no tolerance: one more
leaking or inventing caption on the held-out set is a regression) and its mean style score is at
least the active one's minus STYLE_TOLERANCE. A version it turned down stays registered but
inactive, with the reason in its note and metrics; `model.registry.promote` refuses it unless forced.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import config
from generate.backends.base import ModelSpec, SamplingParams
from generate.eval.run import Item, eval_params, evaluate, held_out, summary
from model.base import resolve_base
from model.dataset import held_out_approvals
from model.registry import spec_for
from store import Store

# Mean style scores this close count as a tie: greedy captions of two near-identical versions move a
# few hundredths on a 33-snippet set, and a tie must not block a version that improves anything else.
STYLE_TOLERANCE = 0.01
# One caption in 33 moving either way is greedy noise between near-identical versions; two is a fall.
POSTABLE_TOLERANCE = 0.031
# The safety rates get none: any extra caption that leaks assistant-speak or invents a fact blocks
# promotion (a tiny epsilon only absorbs float rounding).
RATE_EPSILON = 1e-9


def gate_verdict(new: dict, active: dict) -> str | None:
    """None when `new` may replace `active` (both `summarize`-shaped metrics), else why not."""
    against = active.get("version", "the active version")
    problems = []
    if new["postable_rate"] < active["postable_rate"] - POSTABLE_TOLERANCE:
        problems.append(f"postable rate fell to {new['postable_rate']:.0%} from {active['postable_rate']:.0%}")
    for key, label in (("persona_rate", "persona-leak rate"), ("invented_rate", "invented-fact rate")):
        if new[key] > active[key] + RATE_EPSILON:
            problems.append(f"{label} rose to {new[key]:.0%} from {active[key]:.0%}")
    if new["style"]["mean"] < active["style"]["mean"] - STYLE_TOLERANCE:
        problems.append(f"style score fell to {new['style']['mean']:.3f} from {active['style']['mean']:.3f}")
    if not problems:
        return None
    return f"{'; '.join(problems)} (vs {against} on {new['snippets']} held-out snippets)"


def comparison_line(new: dict, active: dict) -> str:
    """One line for the retrain output: the numbers the gate looked at."""
    return (f"postable {new['postable_rate']:.0%} vs {active['postable_rate']:.0%}, "
            f"style {new['style']['mean']:.3f} vs {active['style']['mean']:.3f}, "
            f"persona leaks {new['persona_rate']:.0%} vs {active['persona_rate']:.0%}, "
            f"invented facts {new['invented_rate']:.0%} vs {active['invented_rate']:.0%} "
            f"({new['version']} vs {active['version']}, {new['snippets']} held-out snippets)")


Evaluator = Callable[[ModelSpec, list[Item], SamplingParams], dict]


def eval_gate(store: Store, settings: config.Settings, home: Path, *, limit: int | None = None,
              max_new_tokens: int | None = None, evaluator: Evaluator | None = None):
    """A retrain Gate that evaluates the new version and the active one (or the bare base,
    when none is active) side by side on the seed validation split, with the same greedy
    parameters and the same seed, records both results in the registry and returns `gate_verdict`.
"""
    run = evaluator or (lambda spec, items, params: evaluate(spec, items, settings, params))

    def gate(new_row: dict, active_row: dict | None) -> str | None:
        try:
            return judge(new_row)
        except Exception as e:  # the new version stays registered, inactive, with this as its note
            return f"evaluation failed: {type(e).__name__}: {e}".splitlines()[0]

    def judge(new_row: dict) -> str | None:
        active_row = store.active_model_version()
        seed = ((active_row or {}).get("metrics", {}).get("eval", {}).get("params", {})
                .get("seed", settings.generation.seed))  # the seed the active version was judged with
        params = eval_params(settings.generation, seed=seed, max_new_tokens=max_new_tokens)
        _, items = held_out(limit=limit)
        items += [Item(f"approved:{a['draft_id']}", a["snippet"], a["caption"])
                  for a in held_out_approvals(store.approved_captions(), settings.train.holdout_min_approved)]
        base = resolve_base(settings.model.base, home)
        if active_row and active_row["base_model"] == settings.model.base:
            incumbent = spec_for(active_row, base)
        else:
            incumbent = ModelSpec(version="base", base=base)
        new = summary(run(spec_for(new_row, base), items, params)) | {"params": params.as_dict()}
        old = summary(run(incumbent, items, params)) | {"params": params.as_dict()}
        reason = gate_verdict(new, old)
        verdict = {"passed": reason is None, "reason": reason, "against": old["version"],
                   "summary": comparison_line(new, old)}
        store.update_model_version(new_row["version"], metrics=new_row["metrics"] | {"eval": new, "gate": verdict})
        if active_row and incumbent.version == active_row["version"]:
            store.update_model_version(active_row["version"], metrics=active_row["metrics"] | {"eval": old})
        return reason

    return gate
