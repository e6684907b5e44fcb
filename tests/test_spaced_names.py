"""Articles whose names have spaces: their catalog references quote the name the way
GNU gettext 0.20+ does, so every reader finds the file and its line again."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from click.testing import CliRunner

from l10n.cli import main
from l10n.cli.report import check
from l10n.po.lexer import parse_po
from l10n.po.writer import PoEntry, format_po
from tests.conftest import msgfmt_check, requires

main.add_command(check)

HEADER = PoEntry(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\n")
SPACED = "content/news/부산 신항 개장 소식.md"


def msgcat(text: str, tmp_path: Path) -> str:
    source = tmp_path / "in.po"
    source.write_text(text, encoding="utf-8")
    return subprocess.run(["msgcat", str(source)], capture_output=True, check=True).stdout.decode("utf-8")


def test_a_spaced_name_is_quoted_and_read_back_whole() -> None:
    references = (*(f"{SPACED}:{line}" for line in range(1, 12)), "content/news/plain.md:4", "content/a b.md")
    ours = format_po([HEADER, PoEntry(msgid="부산", msgstr="Busan", references=references)])
    assert f"#: \u2068{SPACED}\u2069:1\n" in ours and " \u2068content/a b.md\u2069\n" in ours
    (entry,) = [e for e in parse_po(ours.encode("utf-8"), "in.po").entries if e.msgid]
    assert entry.references == references
    assert entry.occurrences[0] == (SPACED, "1") and entry.occurrences[-1] == ("content/a b.md", "")


@requires("msgcat")
def test_gnu_msgcat_keeps_a_quoted_reference_as_it_is(tmp_path: Path) -> None:
    # GNU gettext 0.21 (Debian's) neither writes nor reads the marks: it splits the name
    # at its spaces and joins the pieces again, so one reference per entry survives
    # byte for byte (two to the same spaced file would not: it drops the repeated piece).
    entries = [HEADER]
    for line in range(1, 6):
        entries.append(PoEntry(msgid=f"문장 {line}", msgstr=f"Sentence {line}", references=(f"{SPACED}:{line}", "content/b.md:9")))
    ours = format_po(entries)
    assert msgcat(ours, tmp_path) == ours


def test_names_without_spaces_are_written_as_before() -> None:
    ours = format_po([HEADER, PoEntry(msgid="x", msgstr="y", references=("content/a.md:3", "content/b.md"))])
    assert "#: content/a.md:3 content/b.md\n" in ours


@requires("msgfmt")
def test_check_points_at_the_spaced_article_and_its_line(newsroom: Path) -> None:
    shutil.move(newsroom / "content/news/port-opening.md", newsroom / SPACED)
    assert CliRunner().invoke(main, ["extract"]).exit_code == 0
    po = newsroom / "locales/en" / (SPACED.removeprefix("content/") + ".po")
    assert f"#: \u2068{SPACED}\u2069:" in po.read_text(encoding="utf-8")
    assert msgfmt_check(po).returncode == 0
    result = CliRunner().invoke(main, ["check", "--format", "github", SPACED])  # its annotations, not the project's
    assert result.exit_code == 1
    # Before, the reference was cut at the first space: a file "content/news/부산" with no line.
    assert f"::error file={SPACED},line=11,title=l10n untranslated (en)::paragraph is not translated" in result.output
