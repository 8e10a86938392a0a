"""How an evaluation is shown: the terminal table, report.md and the style-score plot."""

from __future__ import annotations

import re
from pathlib import Path

from generate.eval.run import HISTOGRAM_BINS

_ROWS = [  # (label, how to read it from a version's result, format)
    ("postable rate", lambda r: r["postable_rate"], "{:.0%}"),
    ("style score (mean)", lambda r: r["style"]["mean"], "{:.3f}"),
    ("style score (p25 / median / p75)", lambda r: (r["style"]["p25"], r["style"]["median"], r["style"]["p75"]),
     "{0[0]:.2f} / {0[1]:.2f} / {0[2]:.2f}"),
    ("fact-lock keep rate", lambda r: r["fact_keep"], "{:.0%}"),
    ("invented-fact rate", lambda r: r["invented_rate"], "{:.0%}"),
    ("persona-leak rate", lambda r: r["persona_rate"], "{:.0%}"),
    ("contradicts the snippet", lambda r: r["meaning_rate"], "{:.0%}"),
    ("made-up words", lambda r: r["made_up_rate"], "{:.0%}"),
    ("copies the snippet", lambda r: r["copy_rate"], "{:.0%}"),
    ("pastes a sentence of it", lambda r: r.get("paste_rate"), "{:.0%}"),  # none in an older version's result
    ("mean length (chars)", lambda r: r["mean_length"], "{:.0f}"),
    ("distinct-2", lambda r: r["distinct_2"], "{:.3f}"),
    ("validation loss", lambda r: r["val_loss"], "{:.4f}"),
    ("captions/s", lambda r: r["captions_per_s"], "{:.2f}"),
]


def metric_rows(result: dict) -> list[tuple[str, list[str]]]:
    """(metric label, one formatted cell per version) for the terminal table and the report."""
    rows = []
    for label, read, fmt in _ROWS:
        cells = []
        for version in result["versions"]:
            value = read(version)
            cells.append("-" if value is None else fmt.format(value))
        rows.append((label, cells))
    return rows


def describe(result: dict) -> str:
    """What was measured, in one line: the set, its size and the generation parameters."""
    p = result["params"]
    how = "greedy" if p["temperature"] <= 0 else f"temperature {p['temperature']}, seed {p['seed']}"
    first = result["versions"][0]
    return (f"{result['set']}: {first['snippets']} snippets, {how}, at most {p['max_new_tokens']} new tokens, "
            f"{first['backend']} backend")


def results_table(result: dict):
    from rich.table import Table

    table = Table("metric", *(v["version"] for v in result["versions"]))
    for label, cells in metric_rows(result):
        table.add_row(label, *cells)
    return table


def write_report(result: dict, directory: Path, sample: int = 12) -> Path:
    """report.md with a style-score distribution plot per version and captions side by side."""
    directory.mkdir(parents=True, exist_ok=True)
    plot = directory / "style_scores.png"
    plot_style_scores(result, plot)
    versions = result["versions"]
    names = [v["version"] for v in versions]
    lines = [
        f"# Caption evaluation: {' vs '.join(names)}",
        "",
        f"{result['date']} · {describe(result)}",
        "",
        "| metric | " + " | ".join(names) + " |",
        "|---|" + "---:|" * len(names),
        *(f"| {label} | " + " | ".join(cells) + " |" for label, cells in metric_rows(result)),
        "",
        f"![style score distribution per version]({plot.name})",
        "",
        f"## Sample captions (first {min(sample, versions[0]['snippets'])})",
        "",
        "| snippet | " + " | ".join(names) + " |",
        "|---|" + "---|" * len(names),
    ]
    for index in range(min(sample, versions[0]["snippets"])):
        cells = [_md_cell(versions[0]["captions"][index]["snippet"])]
        for v in versions:
            row = v["captions"][index]
            flags = [f for f in row["flags"] if not f.startswith("missing_fact:")]
            cells.append(_md_cell(row["caption"] or "(empty)") + f" <br>*style {row['style']:.2f}"
                         + (f"; {_md_cell(', '.join(flags))}" if flags else "") + "*")
        lines.append("| " + " | ".join(cells) + " |")
    report = directory / "report.md"
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return report


def _md_cell(text: str) -> str:
    return re.sub(r"\s+", " ", text).replace("|", "\\|").replace("<", "&lt;").strip()


def plot_style_scores(result: dict, path: Path) -> None:
    """Side-by-side histograms of the per-caption style scores (Figure directly: no pyplot state,
    no display needed; matplotlib renders it with Agg)."""
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    versions = result["versions"]
    figure = Figure(figsize=(7, 3.6), dpi=110)
    axes = figure.add_subplot()
    width = 1 / HISTOGRAM_BINS / (len(versions) + 1)
    for k, v in enumerate(versions):
        lefts = [b / HISTOGRAM_BINS + (k + 0.5) * width for b in range(HISTOGRAM_BINS)]
        axes.bar(lefts, v["style"]["histogram"], width=width, align="edge",
                 label=f"{v['version']} (mean {v['style']['mean']:.2f})")
    axes.set_xlim(0, 1)
    axes.set_xticks([b / HISTOGRAM_BINS for b in range(HISTOGRAM_BINS + 1)])
    axes.set_xlabel("style score")
    axes.set_ylabel("captions")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_title(f"Style score distribution, {result['set']}")
    axes.legend()
    figure.tight_layout()
    figure.savefig(path)
