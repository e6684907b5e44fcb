"""Benchmark: extract and build on a generated corpus of articles, as whole processes.

Builds N Markdown articles from the Korean-English news sentence pairs in
../shared/corpus (skipped with a message when the corpus is absent), then times
``l10n extract`` and ``l10n build`` cold, a no-op re-run of each, a re-run after
editing one article, and ``l10n build --copy-sources`` cold. When mdpo is importable
(``pip install mdpo``), its Python API is timed on the same articles, for comparison.

Creating a file costs 0.2-0.9 ms on this machine class, and the cost drifts from run
to run, so a single timing of a step swings by about 30%. The steps therefore run in
R rounds (``--rounds``, default 5, after ``--warmup`` rounds that are not counted,
default 1), each from a fresh start (no locales/, build/ or .cache/, the edited
article restored), with mdpo timed within the same round so that both tools see the
same machine conditions (each round alternates which goes first, and pending disk
writes are flushed before each timed block). Printed per step: the median over the
rounds, in total and per article, the fastest and slowest round (the spread), and
the highest peak RSS of any round. The no-op re-run's share of cold compares the
medians of the per-round sums (extract + build); l10n over mdpo is the median of the
ratios taken within each round. Each is printed with every round's own value beside
it.

    python bench/pipeline.py                            # 1,000 articles, 5 rounds
    python bench/pipeline.py --articles 250 --rounds 3  # smaller (memory should not grow)
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from statistics import median

from common import CORPUS, ENGLISH, KOREAN, REPO, run_l10n, warm_up

EXTRACT_COLD = "extract, cold"
BUILD_COLD = "build, cold"
EXTRACT_NOOP = "extract, no-op re-run"
BUILD_NOOP = "build, no-op re-run"
EXTRACT_EDITED = "extract, one article edited"
BUILD_EDITED = "build, one article edited"
BUILD_COPIES_COLD = "build --copy-sources, cold"

# What l10n writes into the project; removed before each round so that it starts cold.
GENERATED = ("locales", "build", ".cache")

# (seconds, peak RSS in MiB) of one l10n process, by step name, for one round.
Round = dict[str, tuple[float, int]]


def load_corpus(folder: Path) -> tuple[list[str], list[str]]:
    korean = (folder / KOREAN).read_text(encoding="utf-8").splitlines()
    english = (folder / ENGLISH).read_text(encoding="utf-8").splitlines()
    return korean, english


def article(index: int, sentences: list[str], korean: bool) -> str:
    """A news-shaped Markdown article from twelve consecutive sentences."""
    header = "| 항목 | 값 |" if korean else "| item | value |"
    n = len(sentences)
    pick = [sentences[(index * 7 + k) % n].strip() for k in range(12)]
    title = pick[0][:60].replace('"', "'")
    return (
        "---\n"
        f'title: "{title}"\n'
        f"date: 2026-11-{index % 28 + 1:02d}\n"
        "author: desk\n"
        "---\n\n"
        f"# {pick[1]}\n\n"
        f"{pick[2]} {pick[3]}\n\n"
        f"{pick[4]} {pick[5]} {pick[6]}\n\n"
        f"- {pick[7]}\n- {pick[8]}\n\n"
        f"{header}\n| --- | --- |\n"
        f"| {pick[9][:40].replace('|', '/')} | {index} |\n\n"
        f"> {pick[10]}\n\n"
        f"{pick[11]}\n"
    )


def make_project(root: Path, count: int, korean: list[str], english: list[str]) -> list[Path]:
    content = root / "content"
    paths = []
    for index in range(count):
        # Four in five stories are Korean-source, as on a Korean news site.
        is_english = index % 5 == 4
        sentences = english if is_english else korean
        path = content / f"{index // 100:02d}" / f"story-{index:04d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(index, sentences, korean=not is_english), encoding="utf-8")
        paths.append(path)
    (root / "l10n.toml").write_text('languages = ["ko", "en"]\n', encoding="utf-8")
    return paths


def run(root: Path, *args: str) -> tuple[float, int]:
    """Run ``l10n ARGS`` in root; return (seconds, peak RSS in MiB) of that process."""
    timed = run_l10n(root, *args)
    return timed.seconds, timed.rss_mib


def bench_mdpo(paths: list[Path], work: Path) -> tuple[float, float] | None:
    try:
        from mdpo.md2po import markdown_to_pofile
        from mdpo.po2md import pofile_to_markdown
    except ImportError:
        return None
    po_dir = work / "mdpo-po"
    out_dir = work / "mdpo-out"
    start = time.perf_counter()
    for index, path in enumerate(paths):
        po_path = po_dir / f"{index}.po"
        po_path.parent.mkdir(parents=True, exist_ok=True)
        markdown_to_pofile(str(path), po_filepath=str(po_path), save=True)
    extract = time.perf_counter() - start
    start = time.perf_counter()
    for index, path in enumerate(paths):
        out = out_dir / f"{index}.md"
        out.parent.mkdir(parents=True, exist_ok=True)
        pofile_to_markdown(str(path), str(po_dir / f"{index}.po"), save=str(out))
    build = time.perf_counter() - start
    return extract, build


def remove(folder: Path) -> None:
    """Delete folder and everything in it; one that is not there is already gone."""
    with contextlib.suppress(FileNotFoundError):
        shutil.rmtree(folder)


def edit(path: Path, original: str) -> None:
    """The edit of one article: a changed front-matter field and a new paragraph."""
    path.write_text(original.replace("author: desk", "author: night desk") + "\nOne more line.\n", encoding="utf-8")


def settle() -> None:
    """Write out everything pending before a timed step starts.

    Deleting the last round's thousands of files leaves work for the disk; without
    this, whichever tool runs next pays for it (l10n's commit syncs, mdpo does not).
    """
    os.sync()


def l10n_round(root: Path, edited: Path, original: str) -> Round:
    """Time every l10n step once, from a project with nothing generated yet."""
    for folder in GENERATED:
        remove(root / folder)
    # Undo the previous round's edit, so that every round extracts the same text.
    edited.write_text(original, encoding="utf-8")
    settle()
    steps: Round = {}
    steps[EXTRACT_COLD] = run(root, "extract")
    steps[BUILD_COLD] = run(root, "build")
    steps[EXTRACT_NOOP] = run(root, "extract")
    steps[BUILD_NOOP] = run(root, "build")
    edit(edited, original)
    steps[EXTRACT_EDITED] = run(root, "extract")
    steps[BUILD_EDITED] = run(root, "build")
    # Like mdpo, build writes one translated file per article by default. With
    # --copy-sources it also writes each article in its own language: twice the
    # files, for sites with one complete folder per language.
    remove(root / "build")
    settle()
    steps[BUILD_COPIES_COLD] = run(root, "build", "--copy-sources")
    return steps


def mdpo_round(paths: list[Path], work: Path) -> tuple[float, float] | None:
    """mdpo's (extract, rebuild) seconds into a folder of its own, removed afterwards."""
    settle()
    try:
        return bench_mdpo(paths, work)
    finally:
        remove(work)


def seconds(rounds: Sequence[Round], *steps: str) -> list[float]:
    """Per round, the seconds of the given steps added together."""
    return [sum(timings[step][0] for step in steps) for timings in rounds]


def listed(values: Sequence[float], form: str) -> str:
    """Every round's value, in order, so that the spread behind a median shows."""
    return ", ".join(form.format(value) for value in values)


def print_table(rounds: Sequence[Round], n: int) -> None:
    """Per step: the median round, its cost per article, the fastest and slowest round."""
    print(f"{'step':<30}{'median ms':>11}{'ms/article':>12}{'min ms':>9}{'max ms':>9}{'peak RSS MiB':>14}")
    for step in rounds[0]:
        totals_ms = [1000 * total for total in seconds(rounds, step)]
        median_ms = median(totals_ms)
        peak_rss = max(timings[step][1] for timings in rounds)
        print(
            f"{step:<30}{median_ms:>11.0f}{median_ms / n:>12.3f}"
            f"{min(totals_ms):>9.0f}{max(totals_ms):>9.0f}{peak_rss:>14}"
        )


def print_ratio(label: str, l10n: Sequence[float], mdpo: Sequence[float]) -> None:
    """l10n's time over mdpo's, taken within each round (same machine conditions)."""
    ratios = [ours / theirs for ours, theirs in zip(l10n, mdpo, strict=True)]
    print(f"{label} / mdpo API: {median(ratios):.2f}x the time (median; rounds: {listed(ratios, '{:.2f}x')})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000, help="how many articles (default 1000)")
    parser.add_argument("--rounds", type=int, default=5, help="how many times to time every step (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="rounds run first and not counted (default 1)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder with the sentence pairs")
    parser.add_argument("--keep", action="store_true", help="keep the generated project and print its path")
    parser.add_argument(
        "--work",
        type=Path,
        default=REPO / ".cache" / "bench",
        help="where to generate the project (default .cache/bench in the repo; /tmp on this "
        "machine class creates files 25x slower than the work disk)",
    )
    options = parser.parse_args()
    if options.warmup < 0:
        parser.error("--warmup cannot be negative")
    if options.rounds < 1:
        parser.error("--rounds must be at least 1")
    if not (options.corpus / KOREAN).exists():
        print(f"skipped: no corpus at {options.corpus} (see ../shared/corpus/README.md)")
        return
    korean, english = load_corpus(options.corpus)
    options.work.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="l10n-bench-", dir=options.work))
    root = work / "project"
    paths = make_project(root, options.articles, korean, english)
    n = options.articles
    print(f"{n} articles, {sum(p.stat().st_size for p in paths) / n / 1024:.1f} KiB each, in {root}")

    warm_up()
    edited = paths[n // 2]
    original = edited.read_text(encoding="utf-8")
    l10n_rounds: list[Round] = []
    mdpo_rounds: list[tuple[float, float]] = []
    # mdpo runs in the same round as l10n, so that the two see the same machine
    # conditions (file creation cost drifts) and can be compared round by round;
    # which goes first alternates, so that neither always inherits the other's mess.
    # Warm-up rounds run every step but are not counted, as with hyperfine's
    # --warmup: in our runs the first round after generating the corpus was the
    # outlier of the l10n/mdpo ratio (1.02x against a median of 0.76x).
    for number in range(1 - options.warmup, options.rounds + 1):
        if number % 2 == 0:
            mdpo = mdpo_round(paths, work / f"mdpo-round-{number}")
        timings = l10n_round(root, edited, original)
        if number % 2 != 0:
            mdpo = mdpo_round(paths, work / f"mdpo-round-{number}")
        if number < 1:
            continue
        l10n_rounds.append(timings)
        if mdpo is not None:
            mdpo_rounds.append(mdpo)

    print(
        f"{options.rounds} rounds after {options.warmup} not counted: median, fastest (min) and "
        "slowest (max); peak RSS is the highest of any round"
    )
    print_table(l10n_rounds, n)
    cold = seconds(l10n_rounds, EXTRACT_COLD, BUILD_COLD)
    noop = seconds(l10n_rounds, EXTRACT_NOOP, BUILD_NOOP)
    noop_share = [100 * again / first for again, first in zip(noop, cold, strict=True)]
    print(
        f"extract + build cold: {median(cold) * 1000 / n:.3f} ms/article; "
        f"no-op re-run: {100 * median(noop) / median(cold):.1f}% of cold (rounds: {listed(noop_share, '{:.1f}%')})"
    )
    if not mdpo_rounds:
        print("mdpo: not installed here (pip install mdpo to compare in the same run)")
    else:
        mdpo_extract = [extract for extract, _ in mdpo_rounds]
        mdpo_rebuild = [rebuild for _, rebuild in mdpo_rounds]
        mdpo_total = [extract + rebuild for extract, rebuild in mdpo_rounds]
        print(
            "mdpo Python API (in-process, no start-up cost), median: "
            f"extract {median(mdpo_extract) * 1000 / n:.3f} ms/article, "
            f"rebuild {median(mdpo_rebuild) * 1000 / n:.3f} ms/article, "
            f"together {median(mdpo_total) * 1000 / n:.3f}"
        )
        print_ratio("l10n extract + build as processes", cold, mdpo_total)
        with_copies = seconds(l10n_rounds, EXTRACT_COLD, BUILD_COPIES_COLD)
        print_ratio("l10n extract + build --copy-sources (twice mdpo's files)", with_copies, mdpo_total)
    if options.keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
