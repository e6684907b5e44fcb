"""A catalog emptied or cut short (a full disk, a killed editor, a bad merge) is damage.

It must never read as "nothing left to translate": status would show 100%, CI
would pass and build would replace good translations with the source text. Every
command that reads it stops with an error naming the file; nothing is written.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from l10n.cli import main
from tests.conftest import snapshot

PORT_EN = "locales/en/news/port-opening.md.po"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def published(newsroom: Path) -> Path:
    """Every entry translated and reviewed enough to publish, and built once."""
    assert run("extract")[0] == 0
    for path in sorted((newsroom / "locales").rglob("*.po")):
        po = polib.pofile(str(path), wrapwidth=79)
        for entry in po:
            entry.msgstr = "EN " + entry.msgid
        po.save()
    assert run("extract")[0] == 0
    assert run("build")[0] == 0
    return newsroom


def zero_bytes(path: Path) -> int:
    path.write_bytes(b"")
    return 1


def cut_inside_an_entry(path: Path) -> int:
    """The bytes end after an entry's comments, before its msgid."""
    data = path.read_bytes()
    fourth = data.index(b"\n#.", data.index(b"\n#.", data.index(b"\n#.") + 1) + 1)
    cut = data.index(b"\nmsgid", fourth) + 1
    path.write_bytes(data[:cut])
    return data[: fourth + 1].count(b"\n") + 1  # where the entry cut short starts


DAMAGE = {"zero-bytes": zero_bytes, "cut-inside-an-entry": cut_inside_an_entry}
COMMANDS = {
    "status": ["status"],
    "status-fail-under": ["status", "--fail-under", "90"],
    "check": ["check"],
    "build": ["build"],
    "review-list": ["review", "list"],
    "extract": ["extract"],
}


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
@pytest.mark.parametrize("command", COMMANDS.values(), ids=COMMANDS.keys())
def test_an_emptied_or_cut_catalog_is_an_error_naming_it_and_nothing_is_written(
    published: Path, damage: Callable[[Path], int], command: list[str]
) -> None:
    line = damage(published / PORT_EN)
    before = snapshot(published)

    code, out, err = run(*command)

    # `l10n check` tells a tool error (2) from a blocked article (1).
    assert code == (2 if command == ["check"] else 1), out
    assert f"{PORT_EN}:{line}:" in err
    assert "restore it" in err  # the hint: from version control, or delete it and extract again
    assert snapshot(published) == before  # the built article still holds its translations


def cut_after_a_string(path: Path) -> int:
    """The bytes end right after an entry's msgstr line, before its newline: the
    file parses, it just holds fewer entries than the article has segments."""
    data = path.read_bytes()
    cut = data.index(b"\n\n", data.index(b"\nmsgstr", data.index(b"\n#.", data.index(b"\n#.") + 1)))
    path.write_bytes(data[:cut])
    return data[:cut].count(b"\n") + 1


@pytest.mark.parametrize("command", [["check"], ["extract", "--check"], ["extract"]], ids=["check", "extract-check", "extract"])
def test_a_catalog_cut_at_the_end_of_a_line_is_found_against_its_article(published: Path, command: list[str]) -> None:
    line = cut_after_a_string(published / PORT_EN)
    before = snapshot(published)

    code, out, err = run(*command)

    # `l10n check` tells a tool error (2) from a blocked article (1).
    assert code == (2 if command == ["check"] else 1), out
    assert f"{PORT_EN}:{line}: ends mid-entry" in err
    assert snapshot(published) == before
