"""Benchmark: extract and build on a generated corpus of articles, as whole processes.

Builds N Markdown articles from the Korean-English news sentence pairs in
../shared/corpus (skipped with a message when the corpus is absent), then times
``l10n extract`` and ``l10n build`` cold, a no-op re-run of each, and a re-run after
editing one article. Prints milliseconds per article and each process's peak RSS.
When mdpo is importable (``pip install mdpo``), its Python API is timed on the same
articles in the same run, for comparison.

    python bench/pipeline.py                 # 1,000 articles
    python bench/pipeline.py --articles 250  # a smaller corpus (memory should not grow)
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

from common import CORPUS, ENGLISH, KOREAN, REPO, run_l10n, warm_up


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000, help="how many articles (default 1000)")
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
    rows = []
    rows.append(("extract, cold", *run(root, "extract")))
    rows.append(("build, cold", *run(root, "build")))
    rows.append(("extract, no-op re-run", *run(root, "extract")))
    rows.append(("build, no-op re-run", *run(root, "build")))
    edited = paths[n // 2]
    edited.write_text(edited.read_text(encoding="utf-8").replace("author: desk", "author: night desk") + "\nOne more line.\n", encoding="utf-8")
    rows.append(("extract, one article edited", *run(root, "extract")))
    rows.append(("build, one article edited", *run(root, "build")))
    print(f"{'step':<30}{'total ms':>10}{'ms/article':>12}{'peak RSS MiB':>14}")
    for name, seconds, rss in rows:
        print(f"{name:<30}{seconds * 1000:>10.0f}{seconds * 1000 / n:>12.3f}{rss:>14}")
    cold = rows[0][1] + rows[1][1]
    noop = rows[2][1] + rows[3][1]
    print(f"extract + build cold: {cold * 1000 / n:.3f} ms/article; no-op re-run: {100 * noop / cold:.1f}% of cold")
    # mdpo writes one translated file per article; build writes every language
    # (the source language too, for a site's per-language folders). The same
    # output as mdpo's: the English build alone, from scratch.
    shutil.rmtree(root / "build")
    english, english_rss = run(root, "build", "--lang", "en")
    print(f"build --lang en, cold (one output per article, as mdpo writes): {english * 1000 / n:.3f} ms/article, peak RSS {english_rss} MiB")

    mdpo = bench_mdpo(paths, work)
    if mdpo is None:
        print("mdpo: not installed here (pip install mdpo to compare in the same run)")
    else:
        extract, build = mdpo
        print(
            f"mdpo Python API (in-process, no start-up cost): extract {extract * 1000 / n:.3f} ms/article, "
            f"rebuild {build * 1000 / n:.3f} ms/article, together {(extract + build) * 1000 / n:.3f}"
        )
        print(f"l10n extract + build as processes / mdpo API: {cold / (extract + build):.2f}x the time")
        print(f"l10n extract + build --lang en / mdpo API: {(rows[0][1] + english) / (extract + build):.2f}x the time")
    if options.keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
