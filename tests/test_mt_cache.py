"""The machine translation cache: what a provider answered is kept, whatever happens next."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from l10n.errors import L10nError
from l10n.mt.cache import CacheStats, Failure, Hit, MachineCache

ROOT = Path(__file__).resolve().parent.parent
NOW = 1_700_000_000.0


@pytest.fixture
def cache_path(tmp_path: Path) -> Path:
    return tmp_path / ".cache" / "l10n" / "mt.sqlite3"


def run_child(code: str, *args: str) -> subprocess.Popen[str]:
    """Start a Python process that can import l10n from this checkout."""
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
    )


def test_an_answer_comes_back_for_the_same_request_only(cache_path: Path) -> None:
    with MachineCache(cache_path) as cache:
        cache.put("deepl", "ko", "en", "대통령이 ⟦0⟧ 발표했다", "The president announced ⟦0⟧", now=NOW)

        assert cache.get_any(["deepl"], "ko", "en", "대통령이 ⟦0⟧ 발표했다") == Hit("deepl", "The president announced ⟦0⟧")
        # Any difference in what would be sent is a different request.
        assert cache.get_any(["google"], "ko", "en", "대통령이 ⟦0⟧ 발표했다") is None
        assert cache.get_any(["deepl"], "ko", "ja", "대통령이 ⟦0⟧ 발표했다") is None
        assert cache.get_any(["deepl"], "ko", "en", "대통령이 ⟦0⟧ 발표했다 ") is None


@pytest.mark.parametrize(
    ("chain", "expected"),
    [
        (["deepl", "google"], Hit("deepl", "Seoul (Yonhap)")),
        (["google", "deepl"], Hit("google", "Seoul = Yonhap")),
        (["libre", "google"], Hit("google", "Seoul = Yonhap")),
        (["libre"], None),
        ([], None),
    ],
)
def test_get_any_prefers_the_chain_order(cache_path: Path, chain: list[str], expected: Hit | None) -> None:
    with MachineCache(cache_path) as cache:
        cache.put("google", "ko", "en", "서울=연합뉴스", "Seoul = Yonhap", now=NOW)
        cache.put("deepl", "ko", "en", "서울=연합뉴스", "Seoul (Yonhap)", now=NOW)

        assert cache.get_any(chain, "ko", "en", "서울=연합뉴스") == expected


def test_answers_survive_closing_and_reopening(cache_path: Path) -> None:
    with MachineCache(cache_path) as cache:
        cache.put("deepl", "en", "ko", "Breaking news", "속보", now=NOW)
        cache.put("deepl", "en", "ko", "Markets fell", "증시 하락", now=NOW, billed=20)

    with MachineCache(cache_path) as cache:
        assert cache.get_any(["deepl"], "en", "ko", "Breaking news") == Hit("deepl", "속보")
        assert cache.stats() == CacheStats(entries=2, characters=len("Breaking news") + 20, failures=0)


def test_a_newer_answer_replaces_the_old_one_and_clears_the_failure(cache_path: Path) -> None:
    with MachineCache(cache_path) as cache:
        cache.record_failure("deepl", "ko", "en", "속보", "deepl: answer echoed the source", now=NOW)
        assert cache.failure("ko", "en", "속보") == Failure("deepl", "deepl: answer echoed the source", NOW)

        cache.put("google", "ko", "en", "속보", "Breaking", now=NOW + 1)
        cache.put("google", "ko", "en", "속보", "Breaking news", now=NOW + 2)

        assert cache.get_any(["google"], "ko", "en", "속보") == Hit("google", "Breaking news")
        assert cache.failure("ko", "en", "속보") is None
        assert cache.stats().entries == 1


def test_a_request_s_answers_clear_their_own_failures_and_no_others(cache_path: Path) -> None:
    with MachineCache(cache_path) as cache:
        cache.record_failure("deepl", "ko", "en", "속보", "deepl: answer echoed the source", now=NOW)
        cache.record_failure("deepl", "ko", "en", "단독", "deepl: the answer is empty", now=NOW)

        cache.put_many([("google", "ko", "en", "속보", "Breaking news"), ("google", "ko", "en", "사설", "Editorial")], now=NOW + 1)

        assert cache.failure("ko", "en", "속보") is None
        assert cache.failure("ko", "en", "단독") == Failure("deepl", "deepl: the answer is empty", NOW)
        assert cache.get_any(["google"], "ko", "en", "사설") == Hit("google", "Editorial")
        assert cache.stats() == CacheStats(entries=2, characters=len("속보") + len("사설"), failures=1)


def test_the_same_text_twice_in_one_request_keeps_the_last_answer(cache_path: Path) -> None:
    with MachineCache(cache_path) as cache:
        cache.put_many([("google", "ko", "en", "속보", "Breaking"), ("google", "ko", "en", "속보", "Breaking news")], now=NOW)

        assert cache.get_any(["google"], "ko", "en", "속보") == Hit("google", "Breaking news")
        assert cache.stats().entries == 1


def test_long_texts_are_keyed_exactly(cache_path: Path) -> None:
    long = "가" * 4500
    with MachineCache(cache_path) as cache:
        cache.put("deepl", "ko", "en", long, "ga" * 4500, now=NOW)
        assert cache.get_any(["deepl"], "ko", "en", long) == Hit("deepl", "ga" * 4500)
        assert cache.get_any(["deepl"], "ko", "en", long[:-1]) is None


CHILD_PUTS_THEN_DIES = """
import os, signal, sys
from pathlib import Path
from l10n.mt.cache import MachineCache
cache = MachineCache(Path(sys.argv[1]))
for number in range(int(sys.argv[2])):
    cache.put("deepl", "ko", "en", f"문장 {number}", f"sentence {number}", now=0.0)
    print(number, flush=True)
if sys.argv[3] == "die":
    os.kill(os.getpid(), signal.SIGKILL)  # no close(), no checkpoint, no atexit
"""


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_process_killed_right_after_put_keeps_every_answer(cache_path: Path) -> None:
    child = run_child(CHILD_PUTS_THEN_DIES, str(cache_path), "40", "die")
    child.communicate(timeout=60)
    assert child.returncode == -signal.SIGKILL

    with MachineCache(cache_path) as cache:
        assert cache.stats().entries == 40
        assert cache.get_any(["deepl"], "ko", "en", "문장 39") == Hit("deepl", "sentence 39")


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_process_killed_from_outside_mid_run_keeps_what_it_reported(cache_path: Path) -> None:
    child = run_child(CHILD_PUTS_THEN_DIES, str(cache_path), "1000000", "live")
    assert child.stdout is not None
    reported = -1
    for line in child.stdout:
        reported = int(line)
        if reported >= 200:
            break
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=60)

    with MachineCache(cache_path) as cache:
        # Every put that had returned (and so printed) before the kill is there.
        for number in range(reported + 1):
            assert cache.get_any(["deepl"], "ko", "en", f"문장 {number}") == Hit("deepl", f"sentence {number}")


def test_threads_can_share_one_cache(cache_path: Path) -> None:
    errors: list[BaseException] = []

    with MachineCache(cache_path) as cache:

        def write(worker: int) -> None:
            try:
                for number in range(50):
                    text = f"{worker}-{number}"
                    cache.put("deepl", "ko", "en", text, text.upper(), now=NOW)
                    assert cache.get_any(["deepl"], "ko", "en", text) == Hit("deepl", text.upper())
                    cache.stats()
            except BaseException as error:  # pragma: no cover - reported below
                errors.append(error)

        threads = [threading.Thread(target=write, args=(worker,)) for worker in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()

        assert errors == []
        assert cache.stats().entries == 400


CHILD_WRITER = """
import sys
from pathlib import Path
from l10n.mt.cache import MachineCache
with MachineCache(Path(sys.argv[1])) as cache:
    for number in range(200):
        cache.put(sys.argv[2], "ko", "en", f"문장 {number}", "x", now=0.0)
"""


def test_two_processes_can_write_at_once(cache_path: Path) -> None:
    MachineCache(cache_path).close()
    writers = [run_child(CHILD_WRITER, str(cache_path), name) for name in ("deepl", "google")]
    for writer in writers:
        _, stderr = writer.communicate(timeout=60)
        assert writer.returncode == 0, stderr

    with MachineCache(cache_path) as cache:
        assert cache.stats().entries == 400


def test_the_file_is_in_wal_mode(cache_path: Path) -> None:
    MachineCache(cache_path).close()
    db = sqlite3.connect(cache_path)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        db.close()


def test_a_writer_that_holds_the_lock_too_long_is_reported(cache_path: Path) -> None:
    cache = MachineCache(cache_path, busy_timeout=0.1)
    other = sqlite3.connect(cache_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(L10nError) as raised:
            cache.put("deepl", "ko", "en", "속보", "Breaking", now=NOW)
        assert raised.value.path == str(cache_path)
        assert "locked" in raised.value.message
        assert "other l10n run" in (raised.value.hint or "")
        other.execute("ROLLBACK")
        # Once the other writer is gone, the same cache works again.
        cache.put("deepl", "ko", "en", "속보", "Breaking", now=NOW)
        assert cache.get_any(["deepl"], "ko", "en", "속보") == Hit("deepl", "Breaking")
    finally:
        other.close()
        cache.close()


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(b"this is not a database, just some bytes\n" * 200, id="not-sqlite"),
        pytest.param(b"SQLite format 3\x00" + b"\xff" * 4000, id="broken-header"),
    ],
)
def test_a_damaged_cache_file_says_to_delete_it(cache_path: Path, damage: bytes) -> None:
    cache_path.parent.mkdir(parents=True)
    cache_path.write_bytes(damage)

    with pytest.raises(L10nError) as raised:
        MachineCache(cache_path)

    assert raised.value.path == str(cache_path)
    assert "damaged" in raised.value.message
    assert f"delete {cache_path}" in (raised.value.hint or "")
    assert "only a cache" in (raised.value.hint or "")


def test_a_cache_from_another_version_says_to_delete_it(cache_path: Path) -> None:
    cache_path.parent.mkdir(parents=True)
    db = sqlite3.connect(cache_path)
    db.execute("PRAGMA user_version = 99")
    db.close()

    with pytest.raises(L10nError) as raised:
        MachineCache(cache_path)

    assert raised.value.path == str(cache_path)
    assert "schema version 99" in raised.value.message
    assert "delete" in (raised.value.hint or "")


def test_a_cache_folder_that_cannot_be_created_is_named(tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the folder should be", encoding="utf-8")

    with pytest.raises(L10nError) as raised:
        MachineCache(blocker / "mt.sqlite3")

    assert raised.value.path == str(blocker)
    assert "writable" in (raised.value.hint or "") or "permissions" in (raised.value.hint or "")


def test_nothing_is_printed(cache_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    with MachineCache(cache_path) as cache:
        cache.put("deepl", "ko", "en", "속보", "Breaking", now=NOW)
    assert capfd.readouterr() == ("", "")
    assert os.path.exists(cache_path)
