"""What the benchmarks share: where the corpus is, the translations a newsroom would
have, and timing a tool as a process.

Every timed tool runs as a process of its own and is measured the same way: wall
time, CPU time (user + system of the process and every process it waited for, from
the getrusage(RUSAGE_CHILDREN) difference around it) and peak RSS.

"Translations present" means what a newsroom has: every entry of every tool's
catalogs translated with the corpus's own aligned sentences (``AlignedTranslations``,
``translate_catalogs``), and, for l10n, approved by a reviewer through its own CLI
(``approve_all``), so that its default publishing policy lets the articles out.

Processes run as users run the tool: with compiled bytecode kept (a pip install
writes it; an editable one on first import). Some environments set
PYTHONDONTWRITEBYTECODE, which would recompile every module in every timed process.
"""

from __future__ import annotations

import html
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import polib

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
KOREAN = "korean-english-park.dev.ko"
ENGLISH = "korean-english-park.dev.en"


def corpus_missing(folder: Path) -> bool:
    """Whether the sentence pairs are missing from ``folder``; says so, and the
    benchmark is skipped (the corpus is not part of the repository)."""
    if (folder / KOREAN).exists():
        return False
    print(f"skipped: no corpus at {folder} (see ../shared/corpus/README.md)")
    return True


def load_corpus(folder: Path) -> tuple[list[str], list[str]]:
    """The corpus's Korean lines and their English translations, line by line."""
    korean = (folder / KOREAN).read_text(encoding="utf-8").splitlines()
    english = (folder / ENGLISH).read_text(encoding="utf-8").splitlines()
    return korean, english


def environment(**extra: str) -> dict[str, str]:
    """The calling environment without L10N_* settings and bytecode suppression."""
    kept = {
        name: value
        for name, value in os.environ.items()
        if name != "PYTHONDONTWRITEBYTECODE" and not name.startswith("L10N_")
    }
    return {**kept, **extra}


def warm_up() -> None:
    """Import the tool once so its bytecode is cached before anything is timed."""
    modules = "l10n.cli, l10n.cli.pipeline, l10n.cli.translate, l10n.app.extract, l10n.app.build, l10n.po.catalog, l10n.formats.markdown, l10n.formats.plaintext, l10n.app.translate"
    subprocess.run([sys.executable, "-c", f"import {modules}"], env=environment(), check=True)


def machine_speed() -> str:
    """How fast this machine runs Python now: CPU seconds of a fixed loop (10 million
    additions) in a fresh process, best and worst of three.

    Printed before and after a benchmark: on a shared machine the same work took
    0.56 s in one minute and 0.98 s in another, so figures from different runs
    compare only beside this; ratios within one run compare directly."""
    times = []
    for _ in range(3):
        before = cpu_of_children()
        subprocess.run([sys.executable, "-c", "s = 0\nfor i in range(10**7): s += i"], check=True)
        times.append(cpu_of_children() - before)
    return f"machine speed: a fixed Python loop took {min(times):.2f}-{max(times):.2f} s CPU (3 runs; lower is faster)"


@dataclass(frozen=True)
class Timed:
    seconds: float  # wall time
    cpu: float  # user + system seconds of the whole process tree
    rss_mib: int  # peak resident memory of the process and its workers
    output: str  # stdout and stderr, interleaved as written
    code: int


def cpu_of_children() -> float:
    """User + system seconds of every child process waited for so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


# A child's peak RSS starts at its parent's size at the fork (Linux carries the
# forked copy's high-water mark across exec), so a benchmark holding 16,000 paths
# would show in every tool's figure. GNU time, small itself, forks the tool and
# reports the tool's own peak.
GNU_TIME = shutil.which("time", path="/usr/bin:/bin")


def run_process(command: list[str], cwd: Path, env: dict[str, str] | None = None, ok: tuple[int, ...] = (0,)) -> Timed:
    """Run ``command`` in ``cwd``; SystemExit unless it exits with ``ok``."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss_file:
        prefix = [GNU_TIME, "-f", "%M", "-o", rss_file.name] if GNU_TIME else []
        timed = _run(prefix + command, cwd, env)
        reported = rss_file.read().split()
    if timed.code not in ok:
        raise SystemExit(f"{' '.join(command)} failed ({timed.code}):\n{timed.output}")
    if reported and reported[-1].isdigit():
        return replace(timed, rss_mib=int(reported[-1]) // 1024)
    return timed


def _run(command: list[str], cwd: Path, env: dict[str, str] | None) -> Timed:
    cpu = cpu_of_children()
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=cwd,
        env=env or environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,  # one pipe: two read one after the other could both fill
    )
    # Read before waiting: a full pipe would stall the child.
    output = process.stdout.read().decode("utf-8") if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    return Timed(elapsed, cpu_of_children() - cpu, usage.ru_maxrss // 1024, output, code)


def run_l10n(root: Path, *args: str, env: dict[str, str] | None = None, ok: tuple[int, ...] = (0,)) -> Timed:
    """Run ``l10n ARGS`` in ``root`` as a process; SystemExit unless it exits with ``ok``."""
    return run_process([sys.executable, "-m", "l10n", *args], root, env, ok)


# --- translations present -------------------------------------------------------------

# A piece is looked for only where its first characters are; the shortest corpus
# line has four.
_PREFIX = 4


class AlignedTranslations:
    """Text translated the way the corpus translates it: each known piece (a corpus
    sentence, or what a generator made of one) replaced by its aligned translation;
    a msgid that is one of the generator's own words (a table header, a language
    code) translated as a whole.

    A msgid is read left to right once; at each place the longest piece that starts
    there wins, and the text put in is not read again, so an English translation
    put into a Korean paragraph is never taken for an English source sentence.
    Whatever no piece covers (figures, markup, the generator's dates) stays as it is.
    The same msgid from any tool gets the same translation, so every tool builds
    the same words; answers are kept, as the benches translate the same msgids
    round after round.
    """

    def __init__(self, pieces: Iterable[tuple[str, str]], words: dict[str, str]) -> None:
        table: dict[str, str] = {}
        for piece, translation in pieces:
            for source, target in spellings(piece, translation):
                if source and source != target:
                    table.setdefault(source, target)  # a repeated corpus line keeps its first translation
        self.starting_with: dict[str, list[str]] = {}
        for piece in sorted((piece for piece in table if len(piece) >= _PREFIX), key=len, reverse=True):
            self.starting_with.setdefault(piece[:_PREFIX], []).append(piece)
        self.table = table
        self.words = words
        self.answers: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        answer = self.answers.get(text)
        if answer is None:
            answer = self.answers[text] = self._translate(text)
        return answer

    def _translate(self, text: str) -> str:
        word = text.strip()
        if word in self.words:
            return text.replace(word, self.words[word])
        parts = []
        copied = position = 0
        while position < len(text):
            for piece in self.starting_with.get(text[position : position + _PREFIX], ()):
                if text.startswith(piece, position):
                    parts += [text[copied:position], self.table[piece]]
                    position = copied = position + len(piece)
                    break
            else:
                position += 1
        return "".join(parts) + text[copied:]


def _collapsed(text: str) -> str:
    return " ".join(text.split())


def _decoded_and_collapsed(text: str) -> str:
    return _collapsed(html.unescape(text))


def spellings(piece: str, translation: str) -> Iterator[tuple[str, str]]:
    """The ways a tool may write a piece in a msgid, each with its translation written
    the same way: as it is; with character references (the corpus's ``&ntilde;``)
    decoded; with each run of whitespace (the corpus's no-break spaces) made one
    space; and both, as Markdown and HTML parsers do."""
    for spell in (str, html.unescape, _collapsed, _decoded_and_collapsed):
        yield spell(piece), spell(translation)


def identity(text: str) -> str:
    """The old benches' stand-in for a translation: the source copied."""
    return text


@dataclass(frozen=True)
class Translated:
    """What translate_catalogs did to a folder of catalogs."""

    entries: int  # entries given a translation
    unchanged: int  # of which the translation is the msgid itself (no known piece in it)
    figures: int  # of those, msgids without a letter (a table's figure), which stay as they are


def translate_catalogs(folder: Path, translate: Callable[[str], str]) -> Translated:
    """Give every entry of every catalog under ``folder`` ``translate(msgid)`` as its
    translation, as a translator would (not fuzzy); the header stays as it is."""
    entries = unchanged = figures = 0
    for path in sorted(folder.rglob("*.po")):
        catalog = polib.pofile(str(path), wrapwidth=0)
        for entry in catalog:
            entry.msgstr = translate(entry.msgid)
            entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
            entries += 1
            if entry.msgstr == entry.msgid:
                unchanged += 1
                figures += not any(character.isalpha() for character in entry.msgid)
        catalog.save(str(path))
    return Translated(entries, unchanged, figures)


def describe(translated: Translated) -> str:
    """``10999 entries, 0 left as the msgid`` with what those are."""
    words = translated.unchanged - translated.figures
    return (
        f"{translated.entries} entries, {translated.unchanged} left as the msgid "
        f"({translated.figures} figures only, {words} with words)"
    )


# Who approves the translations in the benches, as an editor would after reading them.
REVIEWER = "Bench Desk"


def approve_all(root: Path, languages: Iterable[str], env: dict[str, str]) -> None:
    """Approve every translated entry of the project at ``root`` with l10n's own
    review command, so that the default policy (headlines reviewed) publishes them."""
    command = ["review", "approve", "--all", "--state", "translated", "--reviewer", REVIEWER]
    for language in languages:
        command += ["--lang", language]
    run_l10n(root, *command, env=env)


@dataclass(frozen=True)
class Verdicts:
    """What ``l10n check`` says of every article in every language it translates into."""

    ready: int
    blocked: int
    blocking_codes: Counter[str]  # the QA codes (and other reasons) that block, with their count

    def __str__(self) -> str:
        codes = ", ".join(f"{code} {count}" for code, count in self.blocking_codes.most_common()) or "none"
        return f"{self.ready} ready, {self.blocked} blocked (blocking findings: {codes})"


def verdicts(root: Path, env: dict[str, str]) -> Verdicts:
    """``l10n check --format json`` of the project at ``root``, counted."""
    report = json.loads(run_l10n(root, "check", "--format", "json", env=env, ok=(0, 1)).output)
    ready = sum(verdict["verdict"] == "ready" for verdict in report["verdicts"])
    codes = Counter(problem["code"] for problem in report["problems"] if problem["blocking"])
    return Verdicts(ready, len(report["verdicts"]) - ready, codes)


def files_under(folder: Path) -> int:
    """How many files a build wrote into ``folder`` (none when it is not there)."""
    return sum(len(names) for _, _, names in os.walk(folder))
