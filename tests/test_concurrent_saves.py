"""Two writers on one catalog: nobody's saved work is lost, and nobody is told "done" wrongly.

A translator keeps the catalog open in Poedit while `l10n translate` waits for the
providers; a reviewer approves entries while translate drafts others. Each story
puts the other writer's save exactly where it used to be lost: after l10n read the
catalog for writing and before it renamed the new file into place. No sleeps: the
interleaving is made with hooks and events.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import polib
import pytest

from l10n.app import config, saving
from l10n.app import extract as extracting
from l10n.app import review as reviewing
from l10n.app import translate as translating
from l10n.errors import L10nError
from l10n.model import State
from l10n.mt.clock import FakeClock
from l10n.po import catalog, history
from l10n.store import lock
from tests.mt_servers import LoopbackServer
from tests.test_translate import NewsServer

RAIL_KO = "locales/ko/news/rail-strike.md.po"
MONDAY = datetime(2026, 11, 30, 9, 15, tzinfo=UTC)


def settings(root: Path) -> config.Config:
    return config.load(root, {}, environ={})


def translate(root: Path, server: LoopbackServer) -> translating.TranslateReport:
    environ = {"L10N_LIBRE_URL": server.url, "L10N_LIBRE_RATE": "1000"}
    return translating.translate(settings(root), providers=["libre"], langs=["ko"], environ=environ, clock=FakeClock())


def entries(root: Path) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in polib.pofile(str(root / RAIL_KO)) if e.msgid and not e.obsolete}


def translator_saves(root: Path, msgid: str, text: str) -> None:
    """A translator's PO editor saving one finished translation (it takes no lock)."""
    po = polib.pofile(str(root / RAIL_KO), wrapwidth=79)
    po.find(msgid).msgstr = text
    po.save(str(root / RAIL_KO))


def after_reading(monkeypatch: pytest.MonkeyPatch, root: Path, armed: threading.Event, action) -> None:
    """Run ``action`` once, right after l10n reads the rail-strike catalog while ``armed``."""
    real = catalog.read_catalog
    done = threading.Event()

    def read_catalog(path: Path, display: str) -> catalog.Catalog:
        po = real(path, display)
        if armed.is_set() and path == root / RAIL_KO and not done.is_set():
            done.set()
            action()
        return po

    monkeypatch.setattr(catalog, "read_catalog", read_catalog)


def after_taking(monkeypatch: pytest.MonkeyPatch, root: Path, armed: threading.Event, action) -> None:
    """Run ``action`` once, right after a save takes the rail-strike catalog to write it
    while ``armed``: its digest, which the save then reads it after or matches to the
    catalog as planning read it (not parsed again)."""
    real = saving.read_with_digest
    done = threading.Event()

    def read_with_digest(path: Path) -> tuple[bytes | None, str]:
        taken = real(path)
        if armed.is_set() and path == root / RAIL_KO and not done.is_set():
            done.set()
            action()
        return taken

    monkeypatch.setattr(saving, "read_with_digest", read_with_digest)


class ArmingServer(NewsServer):
    """Arms a trap when the first text reaches the provider: planning reads are over."""

    def __init__(self, armed: threading.Event) -> None:
        super().__init__()
        self.armed = armed

    def translation(self, text: str, target: str) -> str:
        self.armed.set()
        return super().translation(text, target)


def test_a_translators_save_while_translate_writes_survives_beside_the_drafts(
    newsroom: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extracting.extract(settings(newsroom))
    first, *others = entries(newsroom)
    armed = threading.Event()
    after_taking(monkeypatch, newsroom, armed, lambda: translator_saves(newsroom, first, "번역가가 쓴 문장."))

    with ArmingServer(armed) as server:
        report = translate(newsroom, server)

    now = entries(newsroom)
    assert now[first].msgstr == "번역가가 쓴 문장." and not now[first].fuzzy, "the translator's save is kept"
    assert all(now[msgid].fuzzy and now[msgid].msgstr for msgid in others), "and every other entry got its draft"
    assert report.kept == ((RAIL_KO, first),)
    drafted = {e.msgid for e in history.parse(history.read(newsroom / RAIL_KO))}
    assert drafted == set(others), "the log records the drafts that landed, not the one that did not"


def test_a_translators_save_while_the_providers_work_is_kept_though_planning_read_the_file_before(
    newsroom: Path,
) -> None:
    extracting.extract(settings(newsroom))
    first, *others = entries(newsroom)
    saved = threading.Event()

    class SavingServer(NewsServer):  # the translator saves while translate waits for answers
        def translation(self, text: str, target: str) -> str:
            if not saved.is_set():
                saved.set()
                translator_saves(newsroom, first, "번역가가 쓴 문장.")
            return super().translation(text, target)

    with SavingServer() as server:
        report = translate(newsroom, server)

    now = entries(newsroom)
    assert now[first].msgstr == "번역가가 쓴 문장." and not now[first].fuzzy, "the translator's save is kept"
    assert all(now[msgid].fuzzy and now[msgid].msgstr for msgid in others), "and every other entry got its draft"
    assert report.kept == ((RAIL_KO, first),)


def test_review_approve_and_translate_at_once_both_land(newsroom: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    extracting.extract(settings(newsroom))
    first, *others = entries(newsroom)
    translator_saves(newsroom, first, "번역가가 쓴 문장.")
    [chosen] = [i for i in reviewing.items(settings(newsroom)) if i.catalog == RAIL_KO and i.msgid == first]

    # The reviewer's approve has read the catalog to write it; translate finishes
    # its drafts and wants to save the same catalog right then.
    translate_waits = threading.Event()
    approved = threading.Event()
    reports: list[translating.TranslateReport] = []

    def pause(seconds: float) -> None:  # translate waiting for the reviewer's lock
        translate_waits.set()
        approved.wait(30)

    monkeypatch.setattr(lock, "_pause", pause)

    def run_translate() -> None:
        try:
            with NewsServer() as server:
                reports.append(translate(newsroom, server))
        finally:
            translate_waits.set()

    worker = threading.Thread(target=run_translate)

    def translate_meanwhile() -> None:
        worker.start()
        translate_waits.wait(30)

    reviewing_now = threading.Event()
    reviewing_now.set()
    after_reading(monkeypatch, newsroom, reviewing_now, translate_meanwhile)

    report = reviewing.decide(settings(newsroom), [chosen], "approve", reviewer="Kim Min-ji", now=MONDAY)
    approved.set()
    worker.join(60)

    assert [state for _, state in report.changed] == [State.REVIEWED]
    now = entries(newsroom)
    assert "reviewed 2026-11-30" in now[first].tcomment and not now[first].fuzzy, "the approval is kept"
    assert all(now[msgid].fuzzy and "machine libre" in now[msgid].tcomment for msgid in others), "so are the drafts"
    log = history.parse(history.read(newsroom / RAIL_KO))
    assert {(e.msgid, e.by) for e in log} == {(first, "Kim Min-ji")} | {(m, "l10n translate") for m in others}
    assert reports and reports[0].failed == 0 and not reports[0].kept


def test_a_busy_catalog_names_the_command_holding_it(newsroom: Path) -> None:
    root = settings(newsroom)
    lock_file = saving.lock_file(root, RAIL_KO)
    with lock.hold(lock_file, "l10n translate"):
        with pytest.raises(L10nError) as caught:
            with lock.hold(lock_file, "l10n review approve", timeout=0):
                pass
    assert "locked by pid" in str(caught.value) and "(l10n translate)" in str(caught.value)
    assert caught.value.hint and "wait for that command" in caught.value.hint


def test_reading_commands_leave_no_lock_file(newsroom: Path) -> None:
    extracting.extract(settings(newsroom))
    reviewing.items(settings(newsroom))
    assert not (settings(newsroom).cache_dir / "locks").exists()
