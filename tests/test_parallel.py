"""Work spread over worker processes: results in order, shared set-up made once per worker."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path

import pytest

from l10n.store.parallel import parallel_map
from l10n.app.rerun import Deferred


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
