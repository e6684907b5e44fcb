"""Benchmark: extract and build on a generated corpus of articles, every tool as a process.

Builds N Markdown articles from the Korean-English news sentence pairs in
../shared/corpus (skipped with a message when the corpus is absent; ``--corpus``
points elsewhere) and times, on the same articles and in the same rounds:

- ``l10n extract`` and ``l10n build`` at one worker (``L10N_JOBS=1``; ``--jobs``
  changes it), with empty catalogs and with translations present; build both right
  after extract (its parse cache warm, as a user's build usually is) and truly cold
  (``.cache/`` deleted first); the no-op re-run of each and the re-run after
  editing one article;
- mdpo's Python API (one ``markdown_to_pofile`` / ``pofile_to_markdown`` call per
  article, merging into the filled catalogs when they are there);
- translate-toolkit's md2po and po2md converters over the whole folder;
- a standard-library floor: read the article, split it into blank-line blocks,
  write a PO-like file; read both back and write the article.

The articles are made of whole sentences of the pairs l10n's QA lets out as a
translation in the direction used (bench/kept_pairs.py: a fixed list committed in
bench/data/, the same whatever tree is measured; printed: how many were kept):
Korean to English in Korean-source articles, English to Korean in English-source
ones. A title or a table cell, which the generator cuts to 60 or 40 characters,
is a whole sentence short enough to stand there, so that nothing is cut.

"Translations present" is what a newsroom has, made once before the timed steps:
every entry of every tool's catalogs gets the corpus's own aligned translation of
its text (each sentence in a msgid replaced by its aligned sentence, so the same
msgid gets the same translation in every tool), and l10n's are approved with its
review command, as an editor would, so that its default publishing policy
(headlines reviewed) lets them out; l10n.toml sets only the languages. So every
article is ready and every tool's build writes every article: equal work. Printed:
how many msgids kept their source text, what ``l10n check`` still blocks and why,
and how many articles each build wrote.

``--identity`` gives the old benches' articles and state instead, for figures
comparable with those taken before: every corpus line, titles and cells cut,
every msgstr a copy of its msgid, nothing approved; l10n's policy then blocks
nearly every article.

Every tool runs as a process of its own (bench/rivals.py for the others) and is
measured the same way (bench/common.py): CPU time of the whole process tree, wall
time and peak RSS. Every tool gets the same rounds (``--rounds``, default 5, after
``--warmup`` rounds that are not counted, default 1); within a round the tools take
turns in an order that rotates from round to round, and pending disk writes are
flushed before each step. Printed per step: the median over the rounds of CPU and
wall time per article, the fastest and slowest round's CPU and the highest peak RSS.
CPU time is the figure to compare on a busy machine: wall time includes waiting for
the other processes.

    python bench/pipeline.py                            # 1,000 articles, 5 rounds
    python bench/pipeline.py --articles 16000 --rounds 1 --warmup 0
"""

from __future__ import annotations

import argparse
import contextlib
import html
import itertools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from common import (
    CORPUS,
    REPO,
    REVIEWER,
    AlignedTranslations,
    Timed,
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
    run_l10n,
    run_process,
    translate_catalogs,
    verdicts,
    warm_up,
)
from kept_pairs import KeptPairs, kept_pairs

RIVALS = Path(__file__).resolve().parent / "rivals.py"

EMPTY = "empty catalogs"
FILLED = "translations present"

# What l10n writes into the project; removed before each scenario so that it starts cold.
GENERATED = ("locales", "build", ".cache")
LANGUAGES = ("ko", "en")

# One round: step name -> what the process measured.
Round = dict[str, Timed]


def unquoted(text: str) -> str:
    """Text that can stand in a double-quoted YAML string: double quotes made single."""
    return text.replace('"', "'")


def unpiped(text: str) -> str:
    """Text that can stand in a Markdown table cell: no pipe."""
    return text.replace("|", "/")


# How long the text of a title and of a table cell may be: article() and
# html_pages.html_article() cut what is longer.
TITLE_LENGTH = 60
CELL_LENGTH = 40


def headline(sentence: str) -> str:
    """The front-matter title article() makes of a sentence: its first 60 characters."""
    return unquoted(sentence[:TITLE_LENGTH])


def cell(sentence: str) -> str:
    """The table cell article() makes of a sentence: its first 40 characters."""
    return unpiped(sentence[:CELL_LENGTH])


def fits(sentence: str, length: int) -> bool:
    """Whether ``sentence`` is at most ``length`` characters long as Markdown holds it
    and as a page holds it (&, < and > written as character references), so that
    neither generator cuts it."""
    return len(html.escape(sentence, quote=False)) <= length


@dataclass(frozen=True)
class Sentences:
    """What the articles of one source language are made of.

    An article takes twelve consecutive sentences of ``body``, the first for its
    title and the tenth for its table cell, which the generators cut to 60 and 40
    characters. With ``titles`` and ``cells`` (``whole``), those two places take
    instead a whole sentence short enough to stand there uncut, chosen by the
    article's number, so that every segment is whole sentences, each with its whole
    aligned translation. Without them (``--identity``, the old benches' articles)
    any sentence is cut to fit.
    """

    body: tuple[str, ...]
    titles: tuple[str, ...] = ()  # sentences that fit a title
    cells: tuple[str, ...] = ()  # sentences that fit a table cell

    @classmethod
    def whole(cls, sentences: Iterable[str]) -> Sentences:
        body = tuple(sentences)
        titles = tuple(sentence for sentence in body if fits(sentence, TITLE_LENGTH))
        cells = tuple(sentence for sentence in body if fits(sentence, CELL_LENGTH))
        if not titles or not cells:
            raise SystemExit(f"no sentence short enough for a title ({len(titles)}) or a table cell ({len(cells)})")
        return cls(body, titles, cells)

    def picked(self, index: int) -> list[str]:
        """The twelve sentences of article ``index``, stripped."""
        n = len(self.body)
        pick = [self.body[(index * 7 + k) % n].strip() for k in range(12)]
        if self.titles:
            pick[0] = self.titles[index % len(self.titles)]
        if self.cells:
            pick[9] = self.cells[index % len(self.cells)]
        return pick


def old_sentences(korean: list[str], english: list[str]) -> tuple[Sentences, Sentences]:
    """The old benches' material (--identity): every corpus line, cut where a place is short."""
    return Sentences(tuple(korean)), Sentences(tuple(english))


def kept_sentences(kept: KeptPairs) -> tuple[Sentences, Sentences]:
    """The Korean and the English sentences of the pairs kept for articles of that
    source language, titles and cells whole."""
    return (
        Sentences.whole(sentence for sentence, _ in kept.korean_english),
        Sentences.whole(sentence for sentence, _ in kept.english_korean),
    )


# The table header article() writes in each language, word for word.
HEADER = {"ko": ("항목", "값"), "en": ("item", "value")}


def article(index: int, sentences: Sentences, korean: bool) -> str:
    """A news-shaped Markdown article from twelve sentences (Sentences.picked).

    The title and the cell are cut as the old benches cut them; the sentences a
    ``whole`` Sentences picks for them fit (``fits``), so nothing is cut from them."""
    header = "| {} | {} |".format(*HEADER["ko" if korean else "en"])
    pick = sentences.picked(index)
    return (
        "---\n"
        f'title: "{headline(pick[0])}"\n'
        f"date: 2026-11-{index % 28 + 1:02d}\n"
        "author: desk\n"
        "---\n\n"
        f"# {pick[1]}\n\n"
        f"{pick[2]} {pick[3]}\n\n"
        f"{pick[4]} {pick[5]} {pick[6]}\n\n"
        f"- {pick[7]}\n- {pick[8]}\n\n"
        f"{header}\n| --- | --- |\n"
        f"| {cell(pick[9])} | {index} |\n\n"
        f"> {pick[10]}\n\n"
        f"{pick[11]}\n"
    )


def header_words() -> dict[str, str]:
    """Each word of the table header with its translation, both ways."""
    korean, english = HEADER["ko"], HEADER["en"]
    return dict(zip(korean, english, strict=True)) | dict(zip(english, korean, strict=True))


_LIST_NUMBER = re.compile(r"^\d+[.)] +")


def reference_pieces(kept: KeptPairs) -> Iterator[tuple[str, str]]:
    """Every piece of text article() makes of a kept sentence, with what a newsroom
    translates it to: the aligned sentence, in the direction the pair is kept for.
    A title is the sentence with its double quotes made single, a cell with its pipes
    made slashes, and the translation the same. A sentence that starts like a
    numbered list item ("3. Arginine") is also a list item's text without its number."""
    for sentence, translation in itertools.chain(kept.korean_english, kept.english_korean):
        yield sentence, translation
        if _LIST_NUMBER.match(sentence):
            yield _LIST_NUMBER.sub("", sentence), _LIST_NUMBER.sub("", translation)
        yield unquoted(sentence), unquoted(translation)
        yield unpiped(sentence), unpiped(translation)


def make_project(root: Path, count: int, korean: Sentences, english: Sentences) -> list[Path]:
    content = root / "content"
    paths = []
    for index in range(count):
        # Four in five stories are Korean-source, as on a Korean news site.
        is_english = index % 5 == 4
        sentences = english if is_english else korean
        path = content / f"{index // 100:03d}" / f"story-{index:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(article(index, sentences, korean=not is_english), encoding="utf-8")
        paths.append(path)
    (root / "l10n.toml").write_text(f"languages = {json.dumps(LANGUAGES)}\n", encoding="utf-8")
    return paths


def remove(folder: Path) -> None:
    """Delete folder and everything in it; one that is not there is already gone."""
    with contextlib.suppress(FileNotFoundError):
        shutil.rmtree(folder)


def settle() -> None:
    """Write out everything pending before a timed step starts.

    Deleting the last step's thousands of files leaves work for the disk; without
    this, whichever tool runs next pays for it (l10n's commit syncs, the others do not).
    """
    os.sync()


def edit(path: Path, original: str) -> None:
    """The edit of one article: a changed front-matter field and a new paragraph."""
    path.write_text(original.replace("author: desk", "author: night desk") + "\nOne more line.\n", encoding="utf-8")


class Bench:
    """The project, the prepared catalogs and how to run each tool's steps."""

    def __init__(self, work: Path, paths: list[Path], jobs: str, translate: Callable[[str], str], approve: bool) -> None:
        self.work = work
        self.root = work / "project"
        self.content = self.root / "content"
        self.paths = paths
        self.edited = paths[len(paths) // 2]
        self.original = self.edited.read_text(encoding="utf-8")
        self.env = environment(L10N_JOBS=jobs)
        self.templates = work / "templates"  # filled catalogs, copied in before each scenario
        self.translate = translate
        self.approve = approve
        self.translated: dict[str, Translated] = {}  # per tool, what translate_catalogs did
        self.verdicts: Verdicts | None = None  # l10n check on the filled catalogs
        self.written: dict[str, list[int]] = {}  # build step -> files in its output folder, per round

    def l10n(self, *args: str) -> Timed:
        settle()
        return run_l10n(self.root, *args, env=self.env)

    def rival(self, tool: str, step: str, po_dir: Path, out_dir: Path | None = None) -> Timed:
        settle()
        # -P: the script's folder holds bench/translate.py, which would hide translate-toolkit.
        command = [sys.executable, "-P", str(RIVALS), tool, step, str(self.content), str(po_dir)]
        return run_process(command + ([str(out_dir)] if out_dir else []), self.work, environment())

    def count(self, step: str, output: Path) -> None:
        """Note how many articles a build step wrote (not timed: after the step)."""
        self.written.setdefault(step, []).append(files_under(output))

    def prepare(self) -> None:
        """Catalogs with every translation filled in, per tool, made once (not timed):
        the same translation of every msgid for every tool, and for l10n approved by
        a reviewer with its own review command."""
        self.l10n("extract")
        self.translated["l10n"] = translate_catalogs(self.root / "locales", self.translate)
        if self.approve:
            approve_all(self.root, LANGUAGES, self.env)
        self.verdicts = verdicts(self.root, self.env)
        shutil.copytree(self.root / "locales", self.templates / "l10n")
        for tool in ("mdpo", "ttk"):
            self.rival(tool, "extract", self.templates / tool)
            self.translated[tool] = translate_catalogs(self.templates / tool, self.translate)
        self.reset()

    def reset(self) -> None:
        for folder in GENERATED:
            remove(self.root / folder)
        self.edited.write_text(self.original, encoding="utf-8")

    def l10n_steps(self, steps: Round) -> None:
        self.reset()
        steps[f"l10n extract, {EMPTY}"] = self.l10n("extract")
        steps[f"l10n build, {EMPTY}, parse cache warm"] = self.l10n("build")
        self.count(f"l10n build, {EMPTY}, parse cache warm", self.root / "build")
        steps[f"l10n extract, {EMPTY}, no-op re-run"] = self.l10n("extract")
        steps[f"l10n build, {EMPTY}, no-op re-run"] = self.l10n("build")
        edit(self.edited, self.original)
        steps[f"l10n extract, {EMPTY}, one article edited"] = self.l10n("extract")
        steps[f"l10n build, {EMPTY}, one article edited"] = self.l10n("build")
        self.edited.write_text(self.original, encoding="utf-8")
        self.l10n("extract")  # back to the catalogs of the unedited article (not timed)
        remove(self.root / "build")
        remove(self.root / ".cache")
        steps[f"l10n build, {EMPTY}, truly cold"] = self.l10n("build")
        self.count(f"l10n build, {EMPTY}, truly cold", self.root / "build")
        self.reset()
        shutil.copytree(self.templates / "l10n", self.root / "locales")
        steps[f"l10n extract, {FILLED}"] = self.l10n("extract")
        steps[f"l10n build, {FILLED}, parse cache warm"] = self.l10n("build")
        self.count(f"l10n build, {FILLED}, parse cache warm", self.root / "build")
        remove(self.root / "build")
        remove(self.root / ".cache")
        steps[f"l10n build, {FILLED}, truly cold"] = self.l10n("build")
        self.count(f"l10n build, {FILLED}, truly cold", self.root / "build")

    def mdpo_steps(self, steps: Round) -> None:
        po, out = self.work / "mdpo-po", self.work / "mdpo-out"
        for scenario in (EMPTY, FILLED):
            remove(po)
            remove(out)
            if scenario == FILLED:
                shutil.copytree(self.templates / "mdpo", po)
            steps[f"mdpo API extract, {scenario}"] = self.rival("mdpo", "extract", po)
            steps[f"mdpo API build, {scenario}"] = self.rival("mdpo", "build", po, out)
            self.count(f"mdpo API build, {scenario}", out)
        remove(po)
        remove(out)

    def ttk_steps(self, steps: Round) -> None:
        po, out = self.work / "ttk-po", self.work / "ttk-out"
        remove(po)
        steps["translate-toolkit extract (always fresh)"] = self.rival("ttk", "extract", po)
        for scenario in (EMPTY, FILLED):
            remove(out)
            if scenario == FILLED:
                remove(po)
                shutil.copytree(self.templates / "ttk", po)
            steps[f"translate-toolkit build, {scenario}"] = self.rival("ttk", "build", po, out)
            self.count(f"translate-toolkit build, {scenario}", out)
        remove(po)
        remove(out)

    def floor_steps(self, steps: Round) -> None:
        po, out = self.work / "floor-po", self.work / "floor-out"
        remove(po)
        remove(out)
        steps["stdlib floor extract"] = self.rival("floor", "extract", po)
        steps["stdlib floor build"] = self.rival("floor", "build", po, out)
        self.count("stdlib floor build", out)
        remove(po)
        remove(out)


def column(rounds: Sequence[Round], step: str, field: Callable[[Timed], float]) -> list[float]:
    return [field(steps[step]) for steps in rounds]


def cpu(timed: Timed) -> float:
    return timed.cpu


def wall(timed: Timed) -> float:
    return timed.seconds


def print_table(rounds: Sequence[Round], n: int) -> None:
    print(f"{'step (ms per article)':<52}{'CPU':>8}{'wall':>8}{'CPU min':>9}{'CPU max':>9}{'peak RSS MiB':>14}")
    for step in sorted(rounds[0], key=lambda name: name.split(",")[0]):
        cpu_ms = [1000 * value / n for value in column(rounds, step, cpu)]
        wall_ms = median(column(rounds, step, wall)) * 1000 / n
        rss = max(steps[step].rss_mib for steps in rounds)
        print(f"{step:<52}{median(cpu_ms):>8.3f}{wall_ms:>8.3f}{min(cpu_ms):>9.3f}{max(cpu_ms):>9.3f}{rss:>14}")


def total(rounds: Sequence[Round], steps: Sequence[str], field: Callable[[Timed], float]) -> list[float]:
    """Per round, the given steps added together."""
    return [sum(field(timings[step]) for step in steps) for timings in rounds]


def print_summary(rounds: Sequence[Round], n: int) -> None:
    """extract + build per tool and scenario, and l10n over mdpo's API round by round."""
    pairs = {
        scenario: {
            "l10n (build after extract)": (f"l10n extract, {scenario}", f"l10n build, {scenario}, parse cache warm"),
            "l10n (build truly cold)": (f"l10n extract, {scenario}", f"l10n build, {scenario}, truly cold"),
            "mdpo API": (f"mdpo API extract, {scenario}", f"mdpo API build, {scenario}"),
            "translate-toolkit": ("translate-toolkit extract (always fresh)", f"translate-toolkit build, {scenario}"),
            "stdlib floor": ("stdlib floor extract", "stdlib floor build"),
        }
        for scenario in (EMPTY, FILLED)
    }
    for scenario, tools in pairs.items():
        print(f"\nextract + build, {scenario} (median ms per article; ratios are medians of per-round ratios):")
        mdpo_cpu = total(rounds, tools["mdpo API"], cpu)
        mdpo_wall = total(rounds, tools["mdpo API"], wall)
        for tool, steps in tools.items():
            tool_cpu = total(rounds, steps, cpu)
            tool_wall = total(rounds, steps, wall)
            cpu_ratio = median(a / b for a, b in zip(tool_cpu, mdpo_cpu, strict=True))
            wall_ratio = median(a / b for a, b in zip(tool_wall, mdpo_wall, strict=True))
            print(
                f"  {tool:<28} CPU {median(tool_cpu) * 1000 / n:7.3f} ({cpu_ratio:5.2f}x mdpo)   "
                f"wall {median(tool_wall) * 1000 / n:7.3f} ({wall_ratio:5.2f}x mdpo)"
            )


def print_settings(options: argparse.Namespace) -> None:
    cores = os.cpu_count()
    print("settings (what differs between tools, and from a user's defaults):")
    print(
        f"  l10n: L10N_JOBS={options.jobs} (a user's default is one worker per core: {cores} here); "
        "'parse cache warm' = build right after extract, reusing the segments extract cached "
        "in .cache/ (the usual case); 'truly cold' = .cache/ deleted before build"
    )
    print("  l10n's no-op and one-edit re-runs read the manifests in .cache/ (that is their point)")
    print("  mdpo: Python API, one process, one call per article, no cache; extract merges into the catalogs there")
    print("  translate-toolkit: md2po/po2md converters over the folder, one process, no cache; extract never merges")
    print("  stdlib floor: one process, no cache, blank-line blocks only")
    print("  every tool: a process of its own (start-up and imports counted), same rounds, same statistic")
    if options.identity:
        print(
            f"  {FILLED} (--identity, the old benches' state): every msgstr a copy of its msgid, nothing approved; "
            "l10n's default publishing policy blocks such translations (echo, script; headlines not reviewed), "
            "so its build writes far fewer articles than the others: see 'articles written'"
        )
    else:
        print(
            f"  {FILLED}: every entry of every tool's catalogs has the corpus's aligned translation "
            "(the same msgid, the same translation, in every tool); l10n's are then approved, not timed, with "
            f"'l10n review approve --all --state translated --reviewer \"{REVIEWER}\"', as an editor would, so "
            "that its default publishing policy (headlines reviewed) may publish them; l10n.toml sets only the languages"
        )


def print_translations(bench: Bench) -> None:
    print(f"{FILLED}, made once before the rounds (not timed):")
    for tool, name in (("l10n", "l10n"), ("mdpo", "mdpo"), ("ttk", "translate-toolkit")):
        print(f"  {name} catalogs: {describe(bench.translated[tool])}")
    print(f"  l10n check of them, per article and language: {bench.verdicts}")


def print_written(bench: Bench, n: int) -> None:
    """How many articles each build wrote, so that equal work (or not) is visible."""
    print(f"\narticles written by each build ({n} articles; files in the build's output folder, every round):")
    for step, counts in sorted(bench.written.items()):
        low, high = min(counts), max(counts)
        print(f"  {step:<50}{low:>7}" + (f" to {high}" if high != low else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000, help="how many articles, up to 100,000 (default 1000)")
    parser.add_argument("--rounds", type=int, default=5, help="how many times to time every step (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="rounds run first and not counted (default 1)")
    parser.add_argument("--jobs", default="1", help="L10N_JOBS for l10n (default 1, as the other tools use one core)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder with the sentence pairs")
    parser.add_argument("--keep", action="store_true", help="keep the generated project and print its path")
    parser.add_argument(
        "--identity",
        action="store_true",
        help="the old benches' 'translations present': every msgstr a copy of its msgid, nothing approved (to "
        "compare with figures taken before; l10n's default policy then blocks nearly every article, so its build "
        "writes a few where the others write all)",
    )
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
    if not 1 <= options.articles <= 100_000:
        parser.error("--articles must be between 1 and 100,000")
    if corpus_missing(options.corpus):
        return
    missing = [
        module
        for module in ("mdpo.md2po", "translate.convert.md2po")
        if subprocess.run([sys.executable, "-P", "-c", f"import {module}"], capture_output=True).returncode
    ]
    if missing:
        print(f"cannot compare: {', '.join(missing)} will not import (pip install -e '.[bench]')")
        return
    korean, english = load_corpus(options.corpus)
    translate: Callable[[str], str]
    if options.identity:
        sentences = old_sentences(korean, english)
        translate = identity
        made_of = "every corpus line, titles and table cells cut to 60 and 40 characters (the old articles)"
    else:
        kept = kept_pairs(korean, english, options.corpus)
        sentences = kept_sentences(kept)
        translate = AlignedTranslations(reference_pieces(kept), header_words())
        made_of = f"{kept}; titles and table cells are whole sentences short enough"
    options.work.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="l10n-bench-", dir=options.work))
    paths = make_project(work / "project", options.articles, *sentences)
    n = options.articles
    print(f"{n} articles, {sum(p.stat().st_size for p in paths) / n / 1024:.1f} KiB each, in {work}")
    print(f"sentence pairs: {made_of}")
    print_settings(options)
    warm_up()
    print(machine_speed(), "before the runs")
    bench = Bench(work, paths, options.jobs, translate, approve=not options.identity)
    bench.prepare()
    print_translations(bench)
    tools = [bench.l10n_steps, bench.mdpo_steps, bench.ttk_steps, bench.floor_steps]
    rounds: list[Round] = []
    for number in range(1 - options.warmup, options.rounds + 1):
        steps: Round = {}
        # Rotate who goes first, so that no tool always inherits another's mess.
        shift = number % len(tools)
        for tool in tools[shift:] + tools[:shift]:
            tool(steps)
        if number >= 1:
            rounds.append(steps)
    print(f"\n{options.rounds} rounds after {options.warmup} not counted; CPU = user + system of the process tree")
    print_table(rounds, n)
    print_summary(rounds, n)
    print_written(bench, n)
    print(machine_speed(), "after the runs")
    if options.keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
