"""How far the `postable` proxy agrees with a strict editor who read captions blind.

data/eval/judged.jsonl holds such reads (DATA.md): each row a snippet, a caption (a model draft or a
seed reference mixed in as a control) and the editor's verdict: post, edit (a light edit) or reject.
`agreement` counts, per source, how many captions of each verdict the proxy calls postable: what
`versus eval`'s postable rate is worth as a stand-in for the editor. A draft's row also holds its mean
log-probability under the shipped adapter (bench/judged_logprobs.py), which the guards read as the
backend's candidates carry it.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from generate.backends.base import Candidate
from generate.files import snippet_records
from generate.guards import postable, score_caption

JUDGED = Path(__file__).resolve().parents[2] / "data" / "eval" / "judged.jsonl"


def read_judged(path: Path = JUDGED) -> list[dict]:
    return [record for _, record in snippet_records(path)]


def agreement(rows: list[dict]) -> dict:
    """{"reject": (judged, proxy-postable), "keep": (...), "post": (...), "reference": (...), "agree": share,
    "agree_post": share} where "keep" is post or light edit. "agree": the share of all rows where the proxy's
    postable matches the editor's not-reject; "agree_post": where it matches the editor's post as is."""
    counts: Counter = Counter()
    agreed = agreed_post = 0
    for row in rows:
        caption = Candidate.scored(row["caption"], row.get("mean_logprob"))
        passes = postable(score_caption(row["snippet"], caption))
        kept = row["verdict"] != "reject"
        posted = row["verdict"] == "post"
        groups = (["keep" if kept else "reject"] + (["post"] if posted else [])
                  + (["reference"] if row["source"] == "reference" else []))
        for group in groups:
            counts[group, "judged"] += 1
            counts[group, "postable"] += passes
        agreed += passes == kept
        agreed_post += passes == posted
    result = {group: (counts[group, "judged"], counts[group, "postable"])
              for group in ("reject", "keep", "post", "reference")}
    result["agree"] = round(agreed / len(rows), 3) if rows else 0.0
    result["agree_post"] = round(agreed_post / len(rows), 3) if rows else 0.0
    return result
