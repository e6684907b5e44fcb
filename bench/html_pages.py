"""Benchmark: HTML extract + build per article, beside Markdown and translate-toolkit.

Generates N news articles from the Korean-English sentence pairs (the corpus
pipeline.py reads), each twice with the same text: as Markdown (pipeline.py's
article) and as an HTML page (title, description, heading, paragraphs, list,
table, quote). Every round, in an order that rotates from round to round (l10n on one
worker, ``L10N_JOBS=1``, as the toolkit's converters run on one; the settings are printed):

- ``l10n extract`` then ``l10n build`` on the Markdown project;
- the same on the HTML project;
- translate-toolkit's ``html2po`` then ``po2html`` on the HTML pages.

Before each build the catalogs get identity translations (msgstr = msgid, not
timed), so build renders every segment; the checks that would block a translation
for copying its source (echo, script) are off in both projects. Figures are CPU time (user + system) of
each process and the workers it waited for (os.wait4), so a loaded machine adds
little; the medians over the rounds are printed per article, with each round's
value beside them, and the ratios taken within each round.

    python bench/html_pages.py --articles 1000 --rounds 3 --corpus ../shared/corpus

Not named html.py: run from bench/, a script of that name would shadow the standard
library's ``html`` package, which the html format itself imports.
"""

from __future__ import annotations

import argparse
import html
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from statistics import median

import polib
from common import CORPUS, corpus_missing, environment, load_corpus, machine_speed, warm_up
from pipeline import article as markdown_article

MARKDOWN = "l10n Markdown"
HTML = "l10n HTML"
TOOLKIT = "html2po + po2html"


def html_article(index: int, sentences: list[str], korean: bool) -> str:
    """The page pipeline.article writes as Markdown, with the same sentences."""
    n = len(sentences)
    pick = [html.escape(sentences[(index * 7 + k) % n].strip(), quote=False) for k in range(12)]
    title = pick[0][:60]
    header = ("항목", "값") if korean else ("item", "value")
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"ko" if korean else "en"}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n"
        '<meta name="author" content="desk">\n'
        "</head>\n<body>\n<article>\n"
        f"<h1>{pick[1]}</h1>\n"
        f"<p>{pick[2]} {pick[3]}</p>\n"
        f"<p>{pick[4]} {pick[5]} {pick[6]}</p>\n"
        f"<ul>\n<li>{pick[7]}</li>\n<li>{pick[8]}</li>\n</ul>\n"
        f"<table>\n<tr><th>{header[0]}</th><th>{header[1]}</th></tr>\n"
        f"<tr><td>{pick[9][:40]}</td><td>{index}</td></tr>\n</table>\n"
        f"<blockquote><p>{pick[10]}</p></blockquote>\n"
        f"<p>{pick[11]}</p>\n"
        "</article>\n</body>\n</html>\n"
    )


def make_projects(root: Path, count: int, korean: list[str], english: list[str]) -> None:
    for name, write, suffix in (("md", markdown_article, ".md"), ("html", html_article, ".html")):
        for index in range(count):
            is_english = index % 5 == 4  # four in five stories are Korean-source
            path = root / name / "content" / f"{index // 100:02d}" / f"story-{index:04d}{suffix}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(write(index, english if is_english else korean, not is_english), encoding="utf-8")
        # The identity translations below copy the source: the checks that say so
        # would block every article, and build would render none.
        settings = 'languages = ["ko", "en"]\n[check]\nignore = ["echo", "script"]\n'
        (root / name / "l10n.toml").write_text(settings, encoding="utf-8")


# l10n runs on one worker, as the toolkit's converters do: equal resources, printed.
L10N_SETTINGS = {"L10N_JOBS": "1"}


def cpu(command: list[str], cwd: Path, **settings: str) -> float:
    """CPU seconds (user + system) of ``command`` and the workers it waited for."""
    process = subprocess.Popen(command, cwd=cwd, env=environment(**settings), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    errors = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors}")
    return usage.ru_utime + usage.ru_stime


def identity_translations(folder: Path) -> None:
    """Give every entry of every catalog under ``folder`` its msgid as msgstr (not timed)."""
    for path in sorted(folder.rglob("*.po")):
        po = polib.pofile(str(path))
        for entry in po:
            entry.msgstr = entry.msgid
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        po.save(str(path))


def l10n_round(project: Path) -> float:
    for generated in ("locales", "build", ".cache"):
        shutil.rmtree(project / generated, ignore_errors=True)
    seconds = cpu([sys.executable, "-m", "l10n", "extract"], project, **L10N_SETTINGS)
    identity_translations(project / "locales")
    return seconds + cpu([sys.executable, "-m", "l10n", "build"], project, **L10N_SETTINGS)


def toolkit_round(project: Path) -> float:
    bin_dir = Path(sys.executable).parent
    po_dir, out_dir = project / "tt-po", project / "tt-out"
    for generated in (po_dir, out_dir):
        shutil.rmtree(generated, ignore_errors=True)
    seconds = cpu([str(bin_dir / "html2po"), "--progress=none", "-i", "content", "-o", str(po_dir)], project)
    identity_translations(po_dir)
    return seconds + cpu([str(bin_dir / "po2html"), "--progress=none", "-i", str(po_dir), "-t", "content", "-o", str(out_dir)], project)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder with the sentence pairs")
    args = parser.parse_args()
    if corpus_missing(args.corpus):
        return
    korean, english = load_corpus(args.corpus)
    warm_up()
    print(machine_speed(), "before the runs")
    with tempfile.TemporaryDirectory(prefix="l10n-bench-html-") as temp:
        root = Path(temp)
        make_projects(root, args.articles, korean, english)
        runs = {
            MARKDOWN: lambda: l10n_round(root / "md"),
            HTML: lambda: l10n_round(root / "html"),
            TOOLKIT: lambda: toolkit_round(root / "html"),
        }
        names = list(runs)
        l10n_round(root / "html")  # warm-up, not counted
        timings: dict[str, list[float]] = {name: [] for name in names}
        for number in range(args.rounds):
            shift = number % len(names)
            for name in names[shift:] + names[:shift]:
                timings[name].append(runs[name]())
    per_article = {name: [1000 * s / args.articles for s in values] for name, values in timings.items()}
    print("settings (what differs between tools, and from a user's defaults):")
    print("  l10n: L10N_JOBS=1 (a user's default is one worker per core); [check] ignore = echo, script (identity translations)")
    print("  l10n: no .cache at the start of a round (extract fills it; build reads extract's segments and verdicts)")
    print("  html2po + po2html: one process each, no cache; the same identity translations")
    print(f"{args.articles} articles x {args.rounds} rounds, CPU ms per article (extract + build), median [rounds]")
    for name in names:
        print(f"  {name:<20}{median(per_article[name]):>8.2f}   [{', '.join(f'{v:.2f}' for v in per_article[name])}]")
    for left, right in ((HTML, MARKDOWN), (TOOLKIT, HTML)):
        ratios = [a / b for a, b in zip(timings[left], timings[right], strict=True)]
        print(f"  {left} / {right}: {median(ratios):.2f}x   [{', '.join(f'{r:.2f}' for r in ratios)}]")
    print(machine_speed(), "after the runs")


if __name__ == "__main__":
    main()
