"""Benchmark: HTML extract + build per article, beside Markdown and translate-toolkit.

Generates N news articles from the Korean-English sentence pairs (the corpus
pipeline.py reads), each twice with the same text: as Markdown (pipeline.py's
article) and as an HTML page (title, description, heading, paragraphs, list,
table, quote). Every round, in an order that rotates from round to round (l10n on one
worker, ``L10N_JOBS=1``, as the toolkit's converters run on one; the settings are printed):

- ``l10n extract`` then ``l10n build`` on the Markdown project;
- the same on the HTML project;
- translate-toolkit's ``html2po`` then ``po2html`` on the HTML pages.

The sentences are pipeline.py's: whole sentences of the pairs l10n's QA lets out
in the direction used (bench/kept_pairs.py, a fixed list in bench/data/), titles
and table cells whole sentences short enough. Before each build (not timed) every
entry of every catalog gets what a newsroom has: the corpus's own aligned
translation of its text (the same msgid, the same translation, in l10n and in the
toolkit), and l10n's are approved with its review command, as an editor would, so
that its default publishing policy lets the articles out; l10n.toml sets only the
languages. So every article is ready and every build writes every article. How
many articles each build wrote is printed, and what ``l10n check`` blocks and why.
``--identity`` gives the old articles and state instead: every corpus line, titles
and cells cut, every msgstr a copy of its msgid, with the checks that block a
copied source (echo, script) off in both projects.

``--unchecked`` adds a fourth column: l10n on the same HTML pages with every QA
check switched off in l10n.toml. No user runs that way (build judges every
translation before it publishes); it shows what judging costs beside the rest.

Figures are CPU time (user + system) of each process and the workers it waited for
(os.wait4), so a loaded machine adds little, and beside them the same processes'
wall time, start to exit; the medians over the rounds are printed
per article, with each round's value beside them, and the ratios taken within each
round. Each step is printed on its own too (l10n's extract beside html2po, its build
beside po2html): which half of the work a gap is in. So is the system part of the CPU
time, with the ratio of the user part: the kernel's share (creating files, mostly)
swings most from run to run, and shows whether a gap or a swing is there.

Each tool's build starts ``--settle`` seconds (35) after the untimed steps before
it. ext4 skips the inodes freed in the last half minute or so when it makes new
files, at a cost charged to the process making them: l10n's approve rewrites every
catalog (a new file each, the old one freed) and the toolkit's translation step
rewrites its catalogs in place, so without the wait l10n's build paid for some
1,000 files its untimed approve freed (0.2-0.5 s of system time on 1,000 pages
by hand, against 0.17-0.31 s after 35 s). Both tools wait the same.

    python bench/html_pages.py --articles 1000 --rounds 3 --corpus ../shared/corpus

Not named html.py: run from bench/, a script of that name would shadow the standard
library's ``html`` package, which the html format itself imports.
"""

from __future__ import annotations

import argparse
import html
import itertools
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from statistics import median

from common import (
    CORPUS,
    REVIEWER,
    AlignedTranslations,
    Translated,
    Verdicts,
    approve_all,
    corpus_missing,
    describe,
    environment,
    files_under,
    identity,
    load_corpus,
    machine_speed,
    translate_catalogs,
    verdicts,
    warm_up,
)
from kept_pairs import KeptPairs, kept_pairs
from pipeline import (
    CELL_LENGTH,
    HEADER,
    LANGUAGES,
    TITLE_LENGTH,
    Sentences,
    header_words,
    kept_sentences,
    old_sentences,
    reference_pieces,
)
from pipeline import article as markdown_article

MARKDOWN = "l10n Markdown"
HTML = "l10n HTML"
TOOLKIT = "html2po + po2html"
UNCHECKED = "l10n HTML, no QA"  # --unchecked: where the time goes, not a user's setting


def escaped(text: str) -> str:
    """Text as the page holds it: &, < and > written as character references."""
    return html.escape(text, quote=False)


def html_article(index: int, sentences: Sentences, korean: bool) -> str:
    """The page pipeline.article writes as Markdown, with the same sentences; the
    title and the cell cut as the old bench cut them, after escaping (the sentences
    a ``whole`` Sentences picks for them fit, escaped: nothing is cut)."""
    pick = [escaped(sentence) for sentence in sentences.picked(index)]
    title = pick[0][:TITLE_LENGTH]
    header = HEADER["ko" if korean else "en"]
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
        f"<tr><td>{pick[9][:CELL_LENGTH]}</td><td>{index}</td></tr>\n</table>\n"
        f"<blockquote><p>{pick[10]}</p></blockquote>\n"
        f"<p>{pick[11]}</p>\n"
        "</article>\n</body>\n</html>\n"
    )


def page_pieces(kept: KeptPairs) -> Iterator[tuple[str, str]]:
    """Every piece of text html_article() makes of a kept sentence, with the aligned
    sentence as its translation in the direction the pair is kept for, escaped as the
    page escapes them (a tool that decodes the references finds the plain sentences
    among the spellings AlignedTranslations adds)."""
    for sentence, translation in itertools.chain(kept.korean_english, kept.english_korean):
        yield escaped(sentence), escaped(translation)


def make_projects(root: Path, count: int, korean: Sentences, english: Sentences, copied_source: bool) -> None:
    for name, write, suffix in (("md", markdown_article, ".md"), ("html", html_article, ".html")):
        for index in range(count):
            is_english = index % 5 == 4  # four in five stories are Korean-source
            path = root / name / "content" / f"{index // 100:02d}" / f"story-{index:04d}{suffix}"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(write(index, english if is_english else korean, not is_english), encoding="utf-8")
        settings = f"languages = {json.dumps(LANGUAGES)}\n"
        if copied_source:
            # Translations that copy the source: the checks that say so would block
            # every article, and build would render none.
            settings += '[check]\nignore = ["echo", "script"]\n'
        (root / name / "l10n.toml").write_text(settings, encoding="utf-8")


def every_check_ignored(root: Path) -> None:
    """A copy of the HTML project whose l10n.toml switches every QA check off: the
    work build does besides judging translations, for --unchecked."""
    from l10n.qa.checks import CHECKS

    shutil.copytree(root / "html" / "content", root / "unchecked" / "content")
    settings = (root / "html" / "l10n.toml").read_text(encoding="utf-8")
    if "[check]" in settings:
        settings = settings[: settings.index("[check]")]
    settings += f"[check]\nignore = {json.dumps(list(CHECKS))}\n"
    (root / "unchecked" / "l10n.toml").write_text(settings, encoding="utf-8")


# l10n runs on one worker, as the toolkit's converters do: equal resources, printed.
L10N_SETTINGS = {"L10N_JOBS": "1"}


def cpu(command: list[str], cwd: Path, wall: list[float], system: list[float], **settings: str) -> float:
    """CPU seconds (user + system) of ``command`` and the workers it waited for; its
    wall seconds, start to exit, are appended to ``wall``, and the system part of its
    CPU seconds to ``system``."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=environment(**settings), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    errors = process.stderr.read().decode("utf-8", "replace") if process.stderr else ""
    _, status, usage = os.wait4(process.pid, 0)
    wall.append(time.perf_counter() - started)
    system.append(usage.ru_stime)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{errors}")
    return usage.ru_utime + usage.ru_stime


class Runs:
    """Each tool's extract + build on one project, and what was translated and written."""

    def __init__(self, translate: Callable[[str], str], approve: bool, settle: float) -> None:
        self.translate = translate
        self.approve = approve
        self.settle = settle  # seconds between the untimed steps and the timed build (see main)
        self.translated: dict[str, Translated] = {}  # per run, what translate_catalogs did (the same every round)
        self.written: dict[str, list[int]] = {}  # per run, the articles its build wrote, round by round
        self.wall: dict[str, list[float]] = {}  # per run, wall seconds of its extract + build, round by round
        self.system: dict[str, list[float]] = {}  # per run, the system part of its CPU seconds, round by round
        self.steps: dict[str, list[tuple[float, float]]] = {}  # per run, CPU seconds of each of its two steps

    def l10n(self, name: str, project: Path) -> float:
        for generated in ("locales", "build", ".cache"):
            shutil.rmtree(project / generated, ignore_errors=True)
        walls: list[float] = []
        systems: list[float] = []
        extract = cpu([sys.executable, "-m", "l10n", "extract"], project, walls, systems, **L10N_SETTINGS)
        self.translated[name] = translate_catalogs(project / "locales", self.translate)
        if self.approve:
            approve_all(project, LANGUAGES, environment(**L10N_SETTINGS))
        time.sleep(self.settle)
        build = cpu([sys.executable, "-m", "l10n", "build"], project, walls, systems, **L10N_SETTINGS)
        return self._done(name, (extract, build), walls, systems, files_under(project / "build"))

    def toolkit(self, name: str, project: Path) -> float:
        bin_dir = Path(sys.executable).parent
        po_dir, out_dir = project / "tt-po", project / "tt-out"
        for generated in (po_dir, out_dir):
            shutil.rmtree(generated, ignore_errors=True)
        walls: list[float] = []
        systems: list[float] = []
        extract = cpu([str(bin_dir / "html2po"), "--progress=none", "-i", "content", "-o", str(po_dir)], project, walls, systems)
        self.translated[name] = translate_catalogs(po_dir, self.translate)
        time.sleep(self.settle)
        build = cpu(
            [str(bin_dir / "po2html"), "--progress=none", "-i", str(po_dir), "-t", "content", "-o", str(out_dir)], project, walls, systems
        )
        return self._done(name, (extract, build), walls, systems, files_under(out_dir))

    def _done(self, name: str, steps: tuple[float, float], walls: list[float], systems: list[float], written: int) -> float:
        """Record one round of a run; its CPU seconds, both steps together."""
        self.steps.setdefault(name, []).append(steps)
        self.system.setdefault(name, []).append(sum(systems))
        self.written.setdefault(name, []).append(written)
        self.wall.setdefault(name, []).append(sum(walls))
        return sum(steps)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder with the sentence pairs")
    parser.add_argument(
        "--identity",
        action="store_true",
        help="the old bench's translations: every msgstr a copy of its msgid, nothing approved, and "
        "[check] ignore = echo, script in l10n.toml so that l10n's build renders them (to compare with "
        "figures taken before; no user's build reads Korean as an English translation)",
    )
    parser.add_argument(
        "--unchecked",
        action="store_true",
        help=f"also time l10n on the HTML pages with every QA check in [check] ignore ({UNCHECKED!r}): "
        "what judging the translations costs, beside the rest of the work (no user's default)",
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=35.0,
        help="seconds to wait between the untimed steps (translating, approving) and each tool's timed build "
        "(default 35; 0 for the old bench): ext4 charges the files a step just freed to the next process that "
        "creates files, and l10n's approve rewrites every catalog, the toolkit's translation step none",
    )
    args = parser.parse_args()
    if corpus_missing(args.corpus):
        return
    korean, english = load_corpus(args.corpus)
    if args.identity:
        sentences = old_sentences(korean, english)
        runs = Runs(identity, approve=False, settle=args.settle)
        print("sentence pairs: every corpus line, titles and table cells cut to 60 and 40 characters (the old articles)")
    else:
        kept = kept_pairs(korean, english, args.corpus)
        sentences = kept_sentences(kept)
        pieces = itertools.chain(reference_pieces(kept), page_pieces(kept))
        # html2po offers <html lang> for translation: a translated page is in the other language.
        words = header_words() | {"ko": "en", "en": "ko"}
        runs = Runs(AlignedTranslations(pieces, words), approve=True, settle=args.settle)
        print(f"sentence pairs: {kept}; titles and table cells are whole sentences short enough")
    warm_up()
    print(machine_speed(), "before the runs")
    with tempfile.TemporaryDirectory(prefix="l10n-bench-html-") as temp:
        root = Path(temp)
        make_projects(root, args.articles, *sentences, copied_source=args.identity)
        run = {
            MARKDOWN: lambda: runs.l10n(MARKDOWN, root / "md"),
            HTML: lambda: runs.l10n(HTML, root / "html"),
            TOOLKIT: lambda: runs.toolkit(TOOLKIT, root / "html"),
        }
        if args.unchecked:
            every_check_ignored(root)
            run[UNCHECKED] = lambda: runs.l10n(UNCHECKED, root / "unchecked")
        names = list(run)
        runs.l10n(HTML, root / "html")  # warm-up, not counted
        runs.wall.clear()
        runs.steps.clear()
        runs.system.clear()
        timings: dict[str, list[float]] = {name: [] for name in names}
        for number in range(args.rounds):
            shift = number % len(names)
            for name in names[shift:] + names[:shift]:
                timings[name].append(run[name]())
        # After the rounds, not timed: what l10n's policy makes of the last round's catalogs.
        judged: dict[str, Verdicts] = {
            name: verdicts(root / folder, environment(**L10N_SETTINGS)) for name, folder in ((MARKDOWN, "md"), (HTML, "html"))
        }
    per_article = {name: [1000 * s / args.articles for s in values] for name, values in timings.items()}
    print("settings (what differs between tools, and from a user's defaults):")
    if args.identity:
        print("  l10n: L10N_JOBS=1 (a user's default is one worker per core); [check] ignore = echo, script (identity translations)")
    else:
        print("  l10n: L10N_JOBS=1 (a user's default is one worker per core); l10n.toml sets only the languages")
    print("  l10n: no .cache at the start of a round (extract fills it; build reads extract's segments and verdicts)")
    if args.identity:
        print("  translations (--identity, the old bench's): every msgstr a copy of its msgid, in both tools, nothing approved")
    else:
        print(
            "  translations: every entry of both tools' catalogs gets the corpus's aligned translation (not timed); "
            f"l10n's are approved before build (not timed) with 'l10n review approve --all --state translated "
            f'--reviewer "{REVIEWER}"\''
        )
    print("  html2po + po2html: one process each, no cache; the same translations")
    print(f"  every tool: its build starts {args.settle:g} s after the untimed steps before it (--settle)")
    if args.unchecked:
        print(f"  {UNCHECKED}: the l10n HTML project with every QA check in [check] ignore (not a default: a diagnostic)")
    for name in names:
        print(f"  {name} catalogs: {describe(runs.translated[name])}")
    for name, verdict in judged.items():
        print(f"  {name}: l10n check of the last round, per article and language: {verdict}")
    print(f"{args.articles} articles x {args.rounds} rounds, CPU ms per article (extract + build), median [rounds]")
    for name in names:
        print(f"  {name:<20}{median(per_article[name]):>8.2f}   [{', '.join(f'{v:.2f}' for v in per_article[name])}]")
    pairs = [(HTML, MARKDOWN), (TOOLKIT, HTML)] + ([(TOOLKIT, UNCHECKED)] if args.unchecked else [])
    for left, right in pairs:
        ratios = [a / b for a, b in zip(timings[left], timings[right], strict=True)]
        print(f"  {left} / {right}: {median(ratios):.2f}x   [{', '.join(f'{r:.2f}' for r in ratios)}]")
    print("each step's CPU ms per article, median [rounds] (l10n: extract, build; the toolkit: html2po, po2html)")
    for name in names:
        steps = ("html2po", "po2html") if name == TOOLKIT else (f"{name} extract", f"{name} build")
        for step, label in enumerate(steps):
            values = [1000 * pair[step] / args.articles for pair in runs.steps[name]]
            print(f"  {label:<28}{median(values):>8.2f}   [{', '.join(f'{v:.2f}' for v in values)}]")
    # The system part swings most from run to run (file creation in the kernel, slower
    # after the mass deletes each round starts with): shown apart, with the ratio of
    # the user part, so that a reader sees which part a gap or a swing is in.
    print("of the CPU above, system (kernel) ms per article (extract + build), median [rounds]")
    for name in names:
        kernel = [1000 * s / args.articles for s in runs.system[name]]
        print(f"  {name:<20}{median(kernel):>8.2f}   [{', '.join(f'{v:.2f}' for v in kernel)}]")
    user = {name: [cpu_s - kernel_s for cpu_s, kernel_s in zip(timings[name], runs.system[name], strict=True)] for name in names}
    for left, right in pairs:
        ratios = [a / b for a, b in zip(user[left], user[right], strict=True)]
        print(f"  user CPU only, {left} / {right}: {median(ratios):.2f}x   [{', '.join(f'{r:.2f}' for r in ratios)}]")
    print("the same runs' wall ms per article (extract + build, process start to exit), median [rounds]")
    for name in names:
        walls = [1000 * s / args.articles for s in runs.wall[name]]
        print(f"  {name:<20}{median(walls):>8.2f}   [{', '.join(f'{v:.2f}' for v in walls)}]")
    for left, right in pairs:
        ratios = [a / b for a, b in zip(runs.wall[left], runs.wall[right], strict=True)]
        print(f"  {left} / {right}: {median(ratios):.2f}x   [{', '.join(f'{r:.2f}' for r in ratios)}]")
    print(f"articles written by each build ({args.articles} articles; files in its output folder, every round):")
    for name in names:
        low, high = min(runs.written[name]), max(runs.written[name])
        print(f"  {name:<20}{low:>8}" + (f" to {high}" if high != low else ""))
    print(machine_speed(), "after the runs")


if __name__ == "__main__":
    main()
