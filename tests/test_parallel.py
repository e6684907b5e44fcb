"""Work spread over worker processes: results in order, shared set-up made once per worker."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pytest

from l10n.app.rerun import Deferred
from l10n.store.parallel import parallel_map


def note_maker(log: Path) -> str:
    with log.open("a", encoding="utf-8") as handle:
        handle.write(f"{os.getpid()}\n")
    return "glossary"


def use(setup: Deferred, item: int) -> tuple[int, str]:
    return item, setup.value


def test_a_deferred_setup_is_made_once_per_worker_not_per_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("L10N_JOBS", "2")
    log = tmp_path / "made.log"
    setup = Deferred(partial(note_maker, log))

    results = list(parallel_map(partial(use, setup), range(400)))  # 25 batches

    assert results == [(item, "glossary") for item in range(400)]
    makers = log.read_text(encoding="utf-8").split()
    assert len(makers) == len(set(makers)) <= 2


# ---------------------------------------------------------------- a killed run


def children_of(pid: int) -> set[int]:
    """The processes whose parent is ``pid`` (Linux /proc)."""
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text(encoding="utf-8")
            except OSError:
                continue  # gone while we looked
            if int(stat.rpartition(")")[2].split()[1]) == pid:
                found.add(int(entry))
    return found


def running(pid: int) -> bool:
    """Whether ``pid`` is still a live process (a zombie waiting to be reaped is not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8")
    except OSError:
        return False
    return stat.rpartition(")")[2].split()[0] != "Z"


def wait_until(condition: Callable[[], bool], seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
def test_workers_die_when_the_run_is_killed_and_a_pipe_after_it_ends(newsroom: Path) -> None:
    # 80 articles make a run use workers; a named pipe with no writer late in the
    # walk keeps the run waiting with its workers up, whatever the machine's speed.
    for number in range(80):
        (newsroom / f"content/news/brief-{number:02d}.md").write_text(f"# 속보 {number}\n", encoding="utf-8")
    os.mkfifo(newsroom / "content/news/brief-70-stuck.md")
    env = {**os.environ, "L10N_JOBS": "2"}
    run = subprocess.Popen(
        [sys.executable, "-m", "l10n", "extract"], cwd=newsroom, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    workers: set[int] = set()
    try:
        assert wait_until(lambda: len(children_of(run.pid)) == 2), "the run never started its workers"
        workers = children_of(run.pid)

        run.kill()  # SIGKILL: no chance to clean up
        run.wait()

        assert wait_until(lambda: not any(running(pid) for pid in workers)), "workers outlived the run"
        # Like `l10n extract | cat`: nothing holds the run's stdout open any more.
        readable, _, _ = select.select([run.stdout], [], [], 20)
        assert readable and run.stdout is not None
        run.stdout.read()
    finally:
        run.kill()
        for pid in filter(running, workers):  # a failed run must not leave them behind either
            os.kill(pid, signal.SIGKILL)
        if run.stdout is not None:
            run.stdout.close()
