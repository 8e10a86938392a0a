"""A blind read: drafts of several systems and seed references, shuffled, for strict editors to judge.

    python bench/blind_read.py make 25 /tmp/read25 data/eval/fresh40g.jsonl before=b.jsonl now=n.jsonl
    python bench/blind_read.py score /tmp/read25 [-v]
    python bench/blind_read.py add 25 /tmp/read25          # then: python bench/judged_logprobs.py --from 25

`make` writes partN.jsonl (`item`, `snippet`, `caption`; nothing says who wrote it) and key.json. A caption
two systems wrote is one item, counted for both. Each reader writes verdictsN.jsonl, one line per item:
{"item", "verdict": post|edit|reject, "facts": 0-2, "fluency": 0-2, "style": 1-5, "note"}.
`score` prints each system's counts and means; `add` appends the read to data/eval/judged.jsonl.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generate.eval.editor import JUDGED, read_judged  # noqa: E402
from model.dataset import load_seed  # noqa: E402

REFERENCE = "reference"


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def make(read: int, folder: Path, snippets: Path, systems: dict[str, Path], references: int, parts: int) -> None:
    rng = random.Random(read)
    wanted = {row["id"]: row["snippet"] for row in _jsonl(snippets)}
    items: dict[tuple[str, str], dict] = {}
    for name, path in systems.items():
        drafts = {row["id"]: row for row in _jsonl(path)}
        if missing := set(wanted) - set(drafts):
            sys.exit(f"{path}: no draft for {sorted(missing)[:5]}")
        for snippet_id, snippet in wanted.items():
            caption = drafts[snippet_id]["caption"]
            item = items.setdefault((snippet, caption), {"snippet": snippet, "caption": caption, "systems": []})
            item["systems"].append(name)
    unseen = [row for row in load_seed() if row["split"] != "train"]  # captions the adapter never trained on
    for row in rng.sample(unseen, references):
        items[(row["snippet"], row["caption"])] = {"snippet": row["snippet"], "caption": row["caption"],
                                                   "systems": [REFERENCE]}
    shuffled = list(items.values())
    rng.shuffle(shuffled)
    folder.mkdir(parents=True, exist_ok=True)
    key = {f"R{read}-{number:03d}": item for number, item in enumerate(shuffled, 1)}
    chunks = [[] for _ in range(parts)]
    for number, (item_id, item) in enumerate(key.items()):
        chunks[number * parts // len(key)].append(
            json.dumps({"item": item_id, "snippet": item["snippet"], "caption": item["caption"]}, ensure_ascii=False))
    for part, chunk in enumerate(chunks, 1):
        (folder / f"part{part}.jsonl").write_text("".join(line + "\n" for line in chunk), encoding="utf-8")
    (folder / "key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"{len(shuffled)} items in {parts} parts under {folder}")


def _verdicts(folder: Path) -> dict[str, dict]:
    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    verdicts = {row["item"]: row for path in sorted(folder.glob("verdicts*.jsonl")) for row in _jsonl(path)}
    if missing := set(key) - set(verdicts):
        sys.exit(f"no verdict for {len(missing)} items, e.g. {sorted(missing)[:5]}")
    return {item_id: {**key[item_id], **verdicts[item_id]} for item_id in key}


def score(folder: Path, verbose: bool) -> None:
    by_system = defaultdict(list)
    for item_id, item in _verdicts(folder).items():
        for name in item["systems"]:
            by_system[name].append((item_id, item))
    print("| system | post | edit | reject | facts | fluency | style |\n|---|---:|---:|---:|---:|---:|---:|")
    for name, rows in by_system.items():
        counts = [sum(item["verdict"] == v for _, item in rows) for v in ("post", "edit", "reject")]
        means = [statistics.fmean(item[field] for _, item in rows) for field in ("facts", "fluency", "style")]
        print(f"| {name} | " + " | ".join(map(str, counts)) + " | " + " | ".join(f"{m:.2f}" for m in means) + " |")
    if verbose:
        for name, rows in by_system.items():
            for item_id, item in rows:
                if item["verdict"] != "post":
                    print(f"{name} {item_id} {item['verdict']}: {item['caption']}\n    {item.get('note', '')}")


def add(read: int, folder: Path) -> None:
    if any(row["read"] == read for row in read_judged()):
        sys.exit(f"read {read} is already in {JUDGED}")
    with JUDGED.open("a", encoding="utf-8") as out:
        for item_id, item in sorted(_verdicts(folder).items()):
            source = REFERENCE if item["systems"] == [REFERENCE] else "draft"
            row = {"read": read, "id": item_id, "source": source, "snippet": item["snippet"],
                   "caption": item["caption"], "verdict": item["verdict"], "facts": item["facts"],
                   "fluency": item["fluency"], "style": item["style"], "note": item.get("note", "")}
            if source == "draft":
                row["mean_logprob"] = None  # bench/judged_logprobs.py fills it
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"read {read} appended to {JUDGED}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    verbs = parser.add_subparsers(dest="verb", required=True)
    p_make = verbs.add_parser("make")
    p_make.add_argument("read", type=int)
    p_make.add_argument("folder", type=Path)
    p_make.add_argument("snippets", type=Path)
    p_make.add_argument("systems", nargs="+", help="NAME=drafts.jsonl (versus generate --output)")
    p_make.add_argument("--references", type=int, default=20)
    p_make.add_argument("--parts", type=int, default=3)
    p_score = verbs.add_parser("score")
    p_score.add_argument("folder", type=Path)
    p_score.add_argument("-v", "--verbose", action="store_true")
    p_add = verbs.add_parser("add")
    p_add.add_argument("read", type=int)
    p_add.add_argument("folder", type=Path)
    args = parser.parse_args()
    if args.verb == "make":
        systems = dict(arg.split("=", 1) for arg in args.systems)
        make(args.read, args.folder, args.snippets, {k: Path(v) for k, v in systems.items()}, args.references,
             args.parts)
    elif args.verb == "score":
        score(args.folder, args.verbose)
    else:
        add(args.read, args.folder)


if __name__ == "__main__":
    main()
