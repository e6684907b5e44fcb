"""Shared fixtures: a small newsroom project copied into a temporary folder, and
the rule for tests that run other programs (GNU gettext, chromium, the installed
``l10n`` script): skipped where a program is missing, failed where CI=true."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import polib
import pytest
from hypothesis import HealthCheck, settings

FIXTURES = Path(__file__).parent / "fixtures"

# Hypothesis' 200 ms deadline per example and its check on how fast examples are
# generated measure wall-clock time: on a loaded machine they fail correct tests.
settings.register_profile("l10n", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("l10n")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "requires(*programs): the test runs these programs (see unavailable)")
    # A job a shell starts in the background without job control (`cmd &` in a
    # script, some CI runners) has SIGINT ignored, and so has every process it
    # starts. The Ctrl-C tests need Python's usual handler, here and in the l10n
    # processes they interrupt.
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def unavailable(reason: str) -> NoReturn:
    """Skip the test for want of a program, or fail it when CI=true.

    CI installs every program the tests run (.ci/run), so there a missing one means
    the tests did not run, which a skip would hide in a green build."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason}, and CI=true: CI must provide it (see .ci/run)", pytrace=False)
    pytest.skip(reason)


def program(*names: str) -> str:
    """The path of the first of ``names`` on PATH; ``unavailable`` when none is."""
    for name in names:
        found = shutil.which(name)
        if found is not None:
            return found
    unavailable(f"{' or '.join(names)} is not installed")


def requires(*programs: str) -> pytest.MarkDecorator:
    """Mark a test that runs each of ``programs``: without one, ``unavailable``."""
    return pytest.mark.requires(*programs)


def pytest_runtest_setup(item: pytest.Item) -> None:
    for mark in item.iter_markers("requires"):
        for name in mark.args:
            program(name)


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


def publish_what_translators_write(root: Path, block: Sequence[str] = ("stale", "rejected", "out-of-date")) -> None:
    """Give the project the loosest publishing policy: whatever a translator filled
    in goes out (if anything is), and only ``block`` blocks. For tests of how build
    writes, not of what it may publish (test_publishing.py)."""
    with (root / "l10n.toml").open("a", encoding="utf-8") as config:
        config.write('\n[publish]\nminimum = { "*" = "translated" }\ncoverage = 0\n')
        config.write(f"[check]\nblock = {json.dumps(list(block))}\n")


def translate_first_entries(root: Path) -> None:
    """A translator's first minutes: the first untranslated entry of every catalog."""
    for path in sorted((root / "locales").rglob("*.po")):
        po = polib.pofile(str(path))
        entry = next((e for e in po if not e.obsolete and not e.msgstr), None)
        if entry is not None:
            entry.msgstr = "T " + entry.msgid
            po.save(str(path))


def snapshot(root: Path) -> dict[str, str]:
    """Every file under root (except the cache) with a hash of its bytes."""
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file() and ".cache" not in path.parts
    }


def msgfmt_check(path: Path) -> subprocess.CompletedProcess[str]:
    """GNU msgfmt --check on a catalog (mark the test ``requires_msgfmt``)."""
    return subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
    )


requires_msgfmt = requires("msgfmt")
