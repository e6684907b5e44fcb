"""Writing a run's files together: all land, or none do, whatever their number or names."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from l10n.store.fileio import Staging

# Names a newsroom really has, and a newline no sane one has but a path may hold.
NAMES = ["서울 시청.md", "plain.md", "with\nnewline.md", "space and ü.txt"]


def targets(folder: Path, count: int) -> list[Path]:
    return [folder / f"{number:05d}-{NAMES[number % len(NAMES)]}" for number in range(count)]


@pytest.mark.parametrize("count", [3, 3000])  # fsync per file; one sync and a journal past 64 KiB
def test_a_committed_run_lands_every_file(tmp_path: Path, count: int) -> None:
    paths = targets(tmp_path, count)
    paths[0].write_bytes(b"old")

    with Staging() as staging:
        for path in paths:
            assert staging.stage(path, path.name.encode())
        assert not any(path.exists() for path in paths[1:])  # nothing lands before commit

    assert [path.read_bytes() for path in paths] == [path.name.encode() for path in paths]
    assert sorted(tmp_path.iterdir()) == sorted(paths)  # no temporary file left behind


@pytest.mark.parametrize("count", [3, 3000])
def test_a_failed_run_leaves_every_file_as_it_was(tmp_path: Path, count: int) -> None:
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
