"""Commands that only look write nothing, ever: not a catalog, not a log, not a cache.

An editor runs `l10n status` or `review log` on a working copy mid-week, CI runs
`l10n check` on a checkout: neither may leave a changed file behind, or the next
`git status` shows work nobody did.
"""

from __future__ import annotations

from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from l10n.cli import main

SCRAPED_EN = "locales/en/news/scraped.txt.po"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.output


@pytest.fixture
def midweek(newsroom: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Catalogs with machine drafts, one approval, one rejection, and a translator's
    own edit saved in a PO editor that no log knows of yet."""
    monkeypatch.setenv("L10N_PSEUDO_RATE", "10000")
    monkeypatch.setenv("L10N_REVIEWER", "Kim Min-ji")
    assert run("extract")[0] == 0
    assert run("translate", "--provider", "pseudo")[0] == 0
    ids = listed_ids()
    assert run("review", "approve", ids[0])[0] == 0
    assert run("review", "reject", ids[1], "--comment", "check the figure")[0] == 0
    po = polib.pofile(str(newsroom / SCRAPED_EN), wrapwidth=79)
    edited = [e for e in po if e.fuzzy][-1]
    edited.msgstr = "Memory prices recover"
    edited.flags.remove("fuzzy")
    po.save()
    article = newsroom / "content/news/port-opening.md"  # and an article changed since extract
    article.write_text(article.read_text(encoding="utf-8").replace("12기", "14기"), encoding="utf-8")
    return newsroom


def listed_ids() -> list[str]:
    _, out = run("review", "list", "--lang", "en")
    return [line.split()[0] for line in out.splitlines() if "content/" in line and not line.startswith(" ")]


def every_file(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        path.relative_to(root).as_posix(): (path.read_bytes(), path.stat().st_mtime_ns)
        for path in sorted(root.rglob("*"))
        if path.is_file()
    } | {path.relative_to(root).as_posix() + "/": (b"", 0) for path in root.rglob("*") if path.is_dir()}


READ_ONLY = {
    "status": ["status"],
    "status-fail-under": ["status", "--fail-under", "90"],
    "check": ["check"],
    "review-list": ["review", "list"],
    "review-show": ["review", "show", "{id}"],
    "review-log": ["review", "log"],
    "review-stats": ["review", "stats"],
    "review-stats-by-person": ["review", "stats", "--by", "person", "--period", "month", "--format", "json"],
    "extract-check": ["extract", "--check"],
    "translate-dry-run": ["translate", "--provider", "pseudo", "--dry-run"],
}


@pytest.mark.parametrize("command", READ_ONLY.values(), ids=READ_ONLY.keys())
def test_a_read_only_command_leaves_every_byte_of_the_project_as_it_was(midweek: Path, command: list[str]) -> None:
    command = [listed_ids()[-1] if arg == "{id}" else arg for arg in command]
    before = every_file(midweek)

    code, output = run(*command)

    assert code in (0, 1), output  # 1: the check or the threshold failed, as it should here
    assert every_file(midweek) == before


@pytest.mark.parametrize("command", READ_ONLY.values(), ids=READ_ONLY.keys())
def test_a_read_only_command_in_a_project_never_extracted_leaves_no_trace(newsroom: Path, command: list[str]) -> None:
    before = every_file(newsroom)

    run(*command)  # "{id}" names no entry: an error, which writes nothing either

    assert every_file(newsroom) == before


@pytest.mark.parametrize("command", [["extract", "--check"], ["check"]], ids=["extract-check", "check"])
def test_a_cache_from_other_settings_is_not_replaced_by_a_read_only_run(
    midweek: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.setenv("L10N_SEGMENT", "sentence")  # the last extract ran with other settings
    before = every_file(midweek)

    code, output = run(*command)

    assert code == 1, output  # every catalog is out of date under the new settings
    assert every_file(midweek) == before
