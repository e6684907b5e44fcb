"""A run that fails leaves no temporary files, says which file it could not write,
and claims no write that did not land; one that was killed is cleaned up after by
the next run."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from l10n.app import config
from l10n.app import extract as extracting
from l10n.cli import main
from l10n.errors import L10nError
from l10n.store import fileio
from l10n.store.fileio import Staging
from tests.conftest import snapshot


def settings(root: Path) -> config.Config:
    return config.load(root, {}, environ={})


def temp_files(root: Path) -> list[Path]:
    return sorted(root.rglob(".*.tmp"))


def add_briefs(root: Path, count: int, text: str = "오늘 소식입니다.") -> None:
    """Enough short Korean articles for a run to use worker processes."""
    for number in range(count):
        (root / f"content/news/brief-{number:02d}.md").write_text(f"# 속보 {number}번\n\n{text}\n", encoding="utf-8")


class DiskFull:
    """``os.write`` that takes ``room`` writes, then fails with ENOSPC (temporary
    files are written with one ``os.write`` each)."""

    def __init__(self, room: int) -> None:
        self.room = room
        self.real = os.write

    def __call__(self, fd: int, data: Any) -> int:
        if self.room > 0:
            self.room -= 1
            return self.real(fd, data)
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_a_full_disk_names_the_file_and_says_the_listed_changes_were_rolled_back(
    newsroom: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(os, "write", DiskFull(room=2))
    before = snapshot(newsroom)

    result = CliRunner().invoke(main, ["extract"])

    assert result.exit_code == 1
    assert "cannot write: No space left on device" in result.stderr
    assert "error: locales/" in result.stderr and ".md.po: cannot write" in result.stderr  # the file
    assert "hint: free some disk space" in result.stderr
    assert "created" in result.stdout  # the changes it was about to land ...
    assert result.stderr.endswith("rolled back: none of the changes listed above were written\n")  # ... did not
    assert snapshot(newsroom) == before
    assert temp_files(newsroom) == []


def test_an_article_vanishing_midway_through_a_parallel_run_leaves_no_temporary_files(
    newsroom: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    add_briefs(newsroom, 80)
    extracting.extract(settings(newsroom))
    add_briefs(newsroom, 80, text="고친 소식입니다.")  # every catalog is out of date
    vanishing = newsroom / "content/news/brief-40.md"
    judged = extracting._Extraction.stale

    def stale_then_vanish(self: extracting._Extraction, article: Any) -> Any:
        item = judged(self, article)
        if article.display == "content/news/brief-40.md":
            vanishing.unlink()  # deleted after the walk found it, before a worker reads it
        return item

    monkeypatch.setattr(extracting._Extraction, "stale", stale_then_vanish)
    monkeypatch.setenv("L10N_JOBS", "2")
    before = snapshot(newsroom)

    with pytest.raises(L10nError) as caught:
        extracting.extract(settings(newsroom))

    assert caught.value.path == "content/news/brief-40.md"
    assert "No such file or directory" in caught.value.message
    assert snapshot(newsroom) == {k: v for k, v in before.items() if k != "content/news/brief-40.md"}
    assert temp_files(newsroom) == []


def test_a_failed_rename_names_the_file_and_leaves_no_temporary_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def read_only(source: str, target: str) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    staging = Staging()
    staging.stage(tmp_path / "a.po", b"a")
    staging.stage(tmp_path / "b.po", b"b")
    monkeypatch.setattr(os, "replace", read_only)

    with pytest.raises(L10nError) as caught:
        staging.commit()

    assert caught.value.path is not None and caught.value.path.endswith("a.po")
    assert "Read-only file system" in caught.value.message
    assert list(tmp_path.iterdir()) == []


def dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_the_next_run_sweeps_what_a_killed_run_left_and_nothing_else(newsroom: Path) -> None:
    extracting.extract(settings(newsroom))
    news = newsroom / "locales/en/news"
    gone = dead_pid()
    left = [news / f".port-opening.md.po.{gone}-0.tmp", newsroom / f"build/en/news/.x.md.{gone}-3.tmp"]
    working = news / f".rail-strike.md.po.{os.getppid()}-0.tmp"  # a run still at work
    someones = [news / ".notes.tmp", newsroom / f"content/news/.draft.md.{gone}-0.tmp"]
    for path in [*left, working, *someones]:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half a catalog")

    result = CliRunner().invoke(main, ["extract"])

    assert result.exit_code == 0, result.output
    assert [path.exists() for path in left] == [False, False]
    assert working.exists()
    assert [path.exists() for path in someones] == [True, True]


def test_a_finished_workers_files_are_kept_while_its_run_still_works(newsroom: Path) -> None:
    # A worker may exit before its run adopts the files it wrote: a second run
    # starting then must not take them for a killed run's leftovers.
    extracting.extract(settings(newsroom))
    news = newsroom / "locales/en/news"
    run = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    try:
        worker_file = news / f".port-opening.md.po.{run.pid}-{dead_pid()}_0.tmp"
        worker_file.write_bytes(b"a finished worker's catalog")

        assert CliRunner().invoke(main, ["extract"]).exit_code == 0
        assert worker_file.exists()
    finally:
        run.communicate(b"")
    assert CliRunner().invoke(main, ["extract"]).exit_code == 0
    assert not worker_file.exists()  # its run is gone now: a leftover


def test_a_worker_names_its_files_after_the_run_it_works_for(tmp_path: Path) -> None:
    run = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE)
    script = (
        "import sys; from pathlib import Path; from l10n.store import fileio\n"
        "fileio.work_for(int(sys.argv[2])); print(fileio.write_temp(Path(sys.argv[1]), b'x'))\n"
    )
    try:
        written = subprocess.run(
            [sys.executable, "-c", script, str(tmp_path / "story.md.po"), str(run.pid)],
            capture_output=True, text=True, check=True,
        ).stdout.strip()

        assert Path(written).name.startswith(f".story.md.po.{run.pid}-")
        assert fileio.sweep_temps(tmp_path) == 0  # the worker is gone, its run is not
    finally:
        run.communicate(b"")
    assert fileio.sweep_temps(tmp_path) == 1
