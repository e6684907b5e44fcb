"""Benchmark: ``l10n status`` and ``l10n check`` beside ``pocount`` and ``pofilter``.

Generates N Markdown articles from the Korean-English sentence pairs in
../shared/corpus with bench/pipeline.py's generator (four in five Korean-source).
That generator makes them of the pairs bench/kept_pairs.py keeps (those l10n's QA
lets out as a translation in the direction used), titles and table cells whole
short sentences; before it did, it used every corpus line and cut titles and
cells, so figures taken before that change are of other articles. The bench runs
``l10n extract``, then fills the catalogs with the corpus's own translations in a
way of its own (most entries translated, some left empty, some marked fuzzy: not
every article is meant to be ready) and runs ``l10n extract`` again, so the
project is as a newsroom leaves it between edits. Then, in each of R rounds, in
an order that rotates from round to round, it times as processes:

- ``l10n status`` and ``l10n check``, with ``L10N_JOBS=1`` and with the default
  (one worker per core), each twice: "cold" with no ``.cache`` folder (a fresh
  checkout in CI) and "again" with the caches that the writing commands keep
  (nothing changed since ``l10n extract``);
- ``pocount`` and ``pofilter`` (translate-toolkit, single process) on the same
  catalogs: the locales folder.

Each timing is CPU time (user + system) of the whole process tree, from
``resource.getrusage(RUSAGE_CHILDREN)`` around the process (workers are waited
for by their parent, so they count), and wall time. Printed per tool: the median
over the rounds; then the goals (status <= pocount, check <= pofilter / 2, the
re-run <= 10% of the cold run), each as a ratio of medians of CPU time.

    python bench/status_check.py                              # 1,000 articles, 3 rounds
    python bench/status_check.py --articles 16000 --rounds 1  # the large end
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from statistics import median

from common import CORPUS, REPO, corpus_missing, environment, load_corpus, machine_speed, warm_up
from kept_pairs import kept_pairs
from pipeline import kept_sentences, make_project

BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Tool:
    name: str
    argv: tuple[str, ...]
    env: dict[str, str]
    settings: str  # what differs from the other tools, printed
    ok: tuple[int, ...] = (0,)
    cold: bool = False  # remove .cache first
    output: str = ""  # folder the tool writes, removed before and after


def timed(tool: Tool, root: Path, kept: Path | None) -> tuple[float, float]:
    """(CPU seconds of the whole process tree, wall seconds) of one run of ``tool``.

    ``kept`` is the cache folder as the last ``l10n extract`` left it: the run
    starts from a copy of it, or with no cache for a cold tool. None: the cache is
    left as it is.
    """
    if kept is not None:
        shutil.rmtree(root / ".cache", ignore_errors=True)
        if not tool.cold:
            shutil.copytree(kept, root / ".cache")
    if tool.output:
        shutil.rmtree(root / tool.output, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(tool.argv, cwd=root, env=tool.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in tool.ok:
        raise SystemExit(f"{' '.join(tool.argv)} failed ({done.returncode}):\n{done.stdout.decode()[-3000:]}")
    if tool.output:
        shutil.rmtree(root / tool.output, ignore_errors=True)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return cpu, wall


def fill_catalogs(root: Path, korean: list[str], english: list[str]) -> tuple[int, int, int]:
    """Translate the catalogs with the corpus: the sentence's own translation where
    the entry is one corpus sentence, another sentence of the target language
    otherwise. Of every 20 entries, 2 stay empty and 1 is marked fuzzy."""
    import polib

    to_english = dict(zip((k.strip() for k in korean), (e.strip() for e in english), strict=True))
    to_korean = dict(zip((e.strip() for e in english), (k.strip() for k in korean), strict=True))
    counts = [0, 0, 0]
    for number, path in enumerate(sorted((root / "locales").rglob("*.po"))):
        po = polib.pofile(str(path), wrapwidth=79)
        english_target = path.relative_to(root / "locales").parts[0].startswith("en")
        known, pool = (to_english, english) if english_target else (to_korean, korean)
        for index, entry in enumerate(po):
            turn = (number + index) % 20
            if turn < 2:
                counts[1] += 1
                continue
            entry.msgstr = known.get(entry.msgid) or pool[(number * 31 + index) % len(pool)].strip()
            if turn == 2:
                entry.flags.append("fuzzy")
                counts[2] += 1
            else:
                counts[0] += 1
        po.save(str(path))
    return counts[0], counts[1], counts[2]


def l10n(name: str, args: tuple[str, ...], jobs: str | None, *, cold: bool, ok: tuple[int, ...] = (0,)) -> Tool:
    env = environment(**({"L10N_JOBS": jobs} if jobs else {}))
    where = "no .cache (cold)" if cold else "caches of the writing commands (again)"
    setting = f"L10N_JOBS={jobs}" if jobs else f"L10N_JOBS unset ({len(os.sched_getaffinity(0))} cores)"
    return Tool(name, (sys.executable, "-m", "l10n", *args), env, f"{setting}; {where}", ok=ok, cold=cold)


def tools() -> list[Tool]:
    found = []
    for jobs, label in (("1", "jobs=1"), (None, "jobs=default")):
        for cold in (True, False):
            when = "cold" if cold else "again"
            found.append(l10n(f"status {label} {when}", ("status",), jobs, cold=cold))
            # check exits 1 when something blocks publishing, as it does here.
            found.append(l10n(f"check {label} {when}", ("check", "--format", "json"), jobs, cold=cold, ok=(0, 1)))
    found.append(Tool("pocount", (str(BIN / "pocount"), "locales"), environment(), "pocount locales (full format, single process)"))
    found.append(
        Tool(
            "pofilter",
            (str(BIN / "pofilter"), "--progress=none", "locales", "pofilter-out"),
            environment(),
            "pofilter --progress=none locales pofilter-out (every default test, single process, writes snippets)",
            output="pofilter-out",
        )
    )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=1000, help="how many articles (default 1000)")
    parser.add_argument("--rounds", type=int, default=3, help="how many times to time every tool (default 3)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder with the sentence pairs")
    parser.add_argument("--work", type=Path, default=REPO / ".cache" / "bench", help="where to generate the project")
    parser.add_argument("--keep", action="store_true", help="keep the generated project and print its path")
    options = parser.parse_args()
    if corpus_missing(options.corpus):
        return
    korean, english = load_corpus(options.corpus)
    options.work.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="l10n-status-", dir=options.work))
    root = work / "project"
    n = options.articles
    pairs = kept_pairs(korean, english, options.corpus)
    make_project(root, n, *kept_sentences(pairs))
    print(f"sentence pairs: {pairs}; titles and table cells are whole sentences short enough")
    warm_up()
    print(machine_speed(), "before the runs")
    extract = Tool("extract", (sys.executable, "-m", "l10n", "extract"), environment(), "")
    first = timed(extract, root, None)
    translated, empty, fuzzy = fill_catalogs(root, korean, english)
    # Catalogs saved by translators: extract brings them up to date and keeps what
    # status and check reuse (it judges every catalog it rewrites or has no verdict of).
    again = timed(extract, root, None)
    kept = work / "kept-cache"
    shutil.copytree(root / ".cache", kept)
    catalogs = sum(1 for _ in (root / "locales").rglob("*.po"))
    print(f"{n} articles, {catalogs} catalogs: {translated} entries translated, {empty} empty, {fuzzy} fuzzy; in {root}")
    print(
        f"setup, once, default jobs: extract of empty catalogs {first[0]:.2f} s CPU ({first[1]:.2f} s wall); "
        f"extract after the catalogs were translated {again[0]:.2f} s CPU ({again[1]:.2f} s wall)"
    )
    print(f"python {sys.version.split()[0]}, {len(os.sched_getaffinity(0))} cores, load average {os.getloadavg()[0]:.2f}")

    every = tools()
    times: dict[str, list[tuple[float, float]]] = {tool.name: [] for tool in every}
    for number in range(options.rounds):
        shift = number % len(every)
        for tool in every[shift:] + every[:shift]:  # a rotating order: none always goes first
            times[tool.name].append(timed(tool, root, kept))

    print(f"\n{options.rounds} rounds, median (CPU = user + system of the process tree)")
    print(f"{'tool':<28}{'CPU s':>8}{'wall s':>8}{'CPU ms/article':>16}   settings")
    cpu: dict[str, float] = {}
    for tool in every:
        cpu[tool.name] = median(c for c, _ in times[tool.name])
        wall = median(w for _, w in times[tool.name])
        print(f"{tool.name:<28}{cpu[tool.name]:>8.2f}{wall:>8.2f}{1000 * cpu[tool.name] / n:>16.3f}   {tool.settings}")
    print("\ngoals (ratios of median CPU time):")
    for label in ("jobs=1", "jobs=default"):
        for when in ("cold", "again"):
            status = cpu[f"status {label} {when}"] / cpu["pocount"]
            check = cpu[f"check {label} {when}"] / cpu["pofilter"]
            print(
                f"  {label:<13}{when:<6} status/pocount {status:5.2f} ({'holds' if status <= 1 else 'misses'} <= 1)   "
                f"check/pofilter {check:5.2f} ({'holds' if check <= 0.5 else 'misses'} <= 0.5)"
            )
        for command in ("status", "check"):
            share = cpu[f"{command} {label} again"] / cpu[f"{command} {label} cold"]
            print(f"  {label:<13}{command} again / cold {100 * share:5.1f}% ({'holds' if share <= 0.1 else 'misses'} <= 10%)")
    print(machine_speed(), "after the runs")
    if options.keep:
        print(f"kept {work}")
    else:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
