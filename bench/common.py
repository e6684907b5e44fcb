"""What the benchmarks share: where the corpus is, and timing a tool as a process.

Every timed tool runs as a process of its own and is measured the same way: wall
time, CPU time (user + system of the process and every process it waited for, from
the getrusage(RUSAGE_CHILDREN) difference around it) and peak RSS.

Processes run as users run the tool: with compiled bytecode kept (a pip install
writes it; an editable one on first import). Some environments set
PYTHONDONTWRITEBYTECODE, which would recompile every module in every timed process.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path

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
