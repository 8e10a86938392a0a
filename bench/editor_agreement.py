"""The postable proxy against the blind editor's verdicts (data/eval/judged.jsonl), per read.

    python bench/editor_agreement.py

Prints, for each read and all together, how many captions the editor rejected / kept (post or light
edit) / posted as is / how many were seed references, and how many of each the proxy calls postable; then
the share of captions where postable matches the editor's keep, and where it matches post as is.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generate.eval.editor import agreement, read_judged  # noqa: E402


def main() -> None:
    rows = read_judged()
    reads = sorted({row["read"] for row in rows})
    print(f"{'read':<6}{'rejected: postable':>22}{'kept: postable':>18}{'posted: postable':>18}"
          f"{'references: postable':>24}{'agree':>8}{'agree (post)':>14}")
    for name, part in [*((str(r), [row for row in rows if row["read"] == r]) for r in reads), ("all", rows)]:
        a = agreement(part)
        cells = [f"{a[g][1]} of {a[g][0]}" for g in ("reject", "keep", "post", "reference")]
        print(f"{name:<6}{cells[0]:>22}{cells[1]:>18}{cells[2]:>18}{cells[3]:>24}{a['agree']:>8.0%}"
              f"{a['agree_post']:>14.0%}")


if __name__ == "__main__":
    main()
