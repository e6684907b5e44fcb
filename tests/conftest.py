"""Shared fixtures: a small newsroom project copied into a temporary folder."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of tests/fixtures/project: three articles (Korean, English, plain text)."""
    root = tmp_path / "newsroom"
    shutil.copytree(FIXTURES / "project", root)
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")  # pins PO-Revision-Date of new catalogs
    for variable in ("L10N_CONTENT", "L10N_LOCALES", "L10N_LANGUAGES", "L10N_OUTPUT", "L10N_SEGMENT"):
        monkeypatch.delenv(variable, raising=False)
    return root


def snapshot(root: Path) -> dict[str, str]:
    """Every file under root (except the cache) with a hash of its bytes."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".cache" not in path.parts
    }


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    """GNU msgfmt --check on a catalog (the caller skips when msgfmt is missing)."""
    return subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


requires_msgfmt = pytest.mark.skipif(shutil.which("msgfmt") is None, reason="GNU gettext (msgfmt) is not installed")
