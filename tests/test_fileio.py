"""Writing a run's files together: all land, or none do, whatever their number or names."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from l10n.store import fileio
from l10n.store.fileio import Staging, read_file

# Names a newsroom really has, and a newline no sane one has but a path may hold.
NAMES = ["서울 시청.md", "plain.md", "with\nnewline.md", "space and ü.txt"]


def targets(folder: Path, count: int) -> list[Path]:
    return [folder / f"{number:05d}-{NAMES[number % len(NAMES)]}" for number in range(count)]


@pytest.fixture
def journal_after_512(monkeypatch: pytest.MonkeyPatch) -> None:
    """Staged writes go to the journal file past 512 of them, so that 3,000 fill it past 64 KiB."""
    monkeypatch.setattr(fileio, "_KEPT_IN_MEMORY", 512)


@pytest.mark.parametrize("count", [3, 3000])  # fsync per file; one sync and a journal past 64 KiB
def test_a_committed_run_lands_every_file(tmp_path: Path, count: int, journal_after_512: None) -> None:
    paths = targets(tmp_path, count)
    paths[0].write_bytes(b"old")

    with Staging() as staging:
        for path in paths:
            assert staging.stage(path, path.name.encode())
        assert not any(path.exists() for path in paths[1:])  # nothing lands before commit

    assert [path.read_bytes() for path in paths] == [path.name.encode() for path in paths]
    assert sorted(tmp_path.iterdir()) == sorted(paths)  # no temporary file left behind


@pytest.mark.parametrize("count", [3, 3000])
def test_a_failed_run_leaves_every_file_as_it_was(tmp_path: Path, count: int, journal_after_512: None) -> None:
    paths = targets(tmp_path, count)
    paths[0].write_bytes(b"old")

    with pytest.raises(RuntimeError), Staging() as staging:
        for path in paths:
            staging.stage(path, b"new")
        raise RuntimeError("the run fails after staging everything")

    assert paths[0].read_bytes() == b"old"
    assert list(tmp_path.iterdir()) == [paths[0]]


def test_unchanged_bytes_are_not_staged(tmp_path: Path) -> None:
    path = tmp_path / "same.md"
    path.write_bytes(b"same")
    before = path.stat().st_mtime_ns

    with Staging() as staging:
        assert not staging.stage(path, b"same")

    assert path.stat().st_mtime_ns == before


def test_a_replaced_file_keeps_its_permissions_and_a_new_one_follows_the_umask(tmp_path: Path) -> None:
    private = tmp_path / "private.po"
    private.write_bytes(b"old")
    private.chmod(0o600)
    fresh = tmp_path / "fresh.po"
    umask = os.umask(0o027)
    try:
        with Staging() as staging:
            staging.stage(private, b"new")
            staging.stage(fresh, b"new")
    finally:
        os.umask(umask)

    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o640


@pytest.mark.parametrize("size", [0, 5, 1 << 16, (1 << 16) + 1, 3 << 17])
def test_a_file_reads_back_whole_whatever_its_size(tmp_path: Path, size: int) -> None:
    path = tmp_path / "article.md"
    data = bytes(range(256)) * (size // 256) + b"x" * (size % 256)
    path.write_bytes(data)

    assert read_file(path) == data == read_file(str(path))


def test_reading_a_missing_file_or_a_folder_fails_as_open_does(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError) as missing:
        read_file(tmp_path / "gone.md")
    with pytest.raises(IsADirectoryError) as folder:
        read_file(tmp_path)

    assert missing.value.filename == str(tmp_path / "gone.md")  # as Path.read_bytes names it
    assert folder.value.filename == str(tmp_path)


def test_a_write_the_disk_takes_in_parts_still_lands_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_write = os.write

    def a_little_at_a_time(fd: int, data: bytes) -> int:
        return real_write(fd, bytes(data[:1000]))

    monkeypatch.setattr(os, "write", a_little_at_a_time)
    path = tmp_path / "long.md"
    data = "기사 본문. ".encode() * 2000

    with Staging() as staging:
        staging.stage(path, data)

    assert path.read_bytes() == data
    assert fileio.sweep_temps(tmp_path) == 0


def test_a_file_the_caller_found_missing_is_written_without_looking_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Extract knows a catalog it creates is not there: the temporary file is written
    # without a stat of the target, and lands as any new file does.
    target = tmp_path / "new.po"
    looked: list[str] = []
    real_stat = os.stat
    monkeypatch.setattr(fileio.os, "stat", lambda path, *a, **k: looked.append(str(path)) or real_stat(path, *a, **k))
    with Staging() as staging:
        temp = fileio.write_temp(target, b"hello\n", new=True)
        assert temp is not None
        staging.adopt(temp, target)
    assert str(target) not in looked
    assert read_file(target) == b"hello\n"
