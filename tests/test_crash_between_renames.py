"""A crash between a catalog's rename and its history log's: who did what is not lost.

A save renames the catalog into place, then its ``.history.jsonl``. When the
process dies in between, the catalog holds the drafts or decisions, marked and
bound to their text, and the log does not. The next command that logs reads the
marks: a machine draft stays the machine's, with its provider, and an approval
stays the reviewer's instead of becoming "a PO editor"'s.
"""

from __future__ import annotations

import os
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n.app import config
from l10n.app import review as reviewing
from l10n.cli import main
from l10n.model import State
from l10n.po import history
from l10n.store import fileio

RAIL_KO = "locales/ko/news/rail-strike.md.po"
MONDAY = datetime(2026, 11, 30, 9, 15, tzinfo=UTC)
TUESDAY = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)


def settings(root: Path) -> config.Config:
    return config.load(root, {})


def crash_after_renaming(monkeypatch: pytest.MonkeyPatch, catalog: Path) -> None:
    """The process dies right after ``catalog`` is renamed into place: every later rename raises.

    From every thread: translate saves several catalogs at once, and a process
    that dies stops them all.
    """
    real = os.replace
    dead = threading.Event()

    def replace(source: str, target: str) -> None:
        if dead.is_set():
            raise KeyboardInterrupt("killed between two renames")
        real(source, target)
        if Path(target) == catalog:
            dead.set()

    monkeypatch.setattr(fileio.os, "replace", replace)


def run(*args: str) -> None:
    result = CliRunner().invoke(main, list(args))
    assert result.exit_code == 0, result.output


def logged(root: Path) -> list[history.Event]:
    return [e.event for e in reviewing.log(settings(root), now=TUESDAY) if e.catalog == RAIL_KO]


def test_drafts_whose_log_was_lost_in_a_crash_stay_the_machines(newsroom: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("L10N_PSEUDO_RATE", "10000")
    run("extract")
    with monkeypatch.context() as crashing:
        crash_after_renaming(crashing, newsroom / RAIL_KO)  # the catalog lands, its log does not
        CliRunner().invoke(main, ["translate", "--provider", "pseudo", "--lang", "ko"])
    assert not history.path_for(newsroom / RAIL_KO).exists()

    shown = {i.msgid: i for i in reviewing.items(settings(newsroom)) if i.catalog == RAIL_KO}
    assert shown and all((i.provider, i.draft) == ("pseudo", i.msgstr) for i in shown.values()), "review show"
    events = logged(newsroom)

    assert {(e.by, e.provider, e.new) for e in events} == {("l10n translate", "pseudo", "machine")}
    assert {e.msgid: e.text for e in events} == {msgid: i.msgstr for msgid, i in shown.items()}


def test_an_approval_whose_log_was_lost_in_a_crash_stays_the_reviewers(
    newsroom: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("L10N_PSEUDO_RATE", "10000")
    run("extract")
    run("translate", "--provider", "pseudo", "--lang", "ko")
    [chosen] = [i for i in reviewing.items(settings(newsroom)) if i.catalog == RAIL_KO][:1]
    with monkeypatch.context() as crashing:
        crash_after_renaming(crashing, newsroom / RAIL_KO)
        with pytest.raises(KeyboardInterrupt):
            reviewing.decide(settings(newsroom), [chosen], "approve", reviewer="Kim Min-ji", now=MONDAY)

    events = [e for e in logged(newsroom) if e.msgid == chosen.msgid]

    assert {(e.by, e.old, e.new) for e in events} == {
        ("l10n translate", "untranslated", "machine"),
        ("Kim Min-ji", "machine", "reviewed"),
    }
    [item] = [i for i in reviewing.items(settings(newsroom)) if i.id == chosen.id]
    assert item.state is State.REVIEWED
