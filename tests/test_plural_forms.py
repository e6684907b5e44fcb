"""A plural entry with more forms than its catalog's header allows is refused.

Korean has one plural form (``nplurals=1``). A ``msgstr[1]`` in a Korean catalog
(pasted from an English one, or left by a tool that ignored the header) cannot be
used by anything: msgfmt refuses the file, and read as it is, the entry passed for
untranslated with no word about why. The reader refuses it with its line, as
msgfmt does, so status, check, build and review all say the same.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n.cli import main
from l10n.errors import L10nError
from l10n.po import catalog

HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
    '"Language: {lang}\\n"\n"Plural-Forms: nplurals={n}; plural={rule};\\n"\n\n'
)
KOREAN = HEADER.format(lang="ko", n=1, rule="0")
ENGLISH = HEADER.format(lang="en", n=2, rule="(n != 1)")
PLURAL = 'msgid "{n} container"\nmsgid_plural "{n} containers"\nmsgstr[0] "컨테이너 {n}개"\nmsgstr[1] "컨테이너 {n}개"\n'


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "port.md.po"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_form_beyond_nplurals_is_an_error_naming_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, KOREAN + PLURAL)

    for read in (catalog.read_catalog, catalog.read_translations):
        with pytest.raises(L10nError) as caught:
            read(path, "locales/ko/port.md.po")
        assert (caught.value.path, caught.value.line) == ("locales/ko/port.md.po", 10)
        assert "msgstr[1]" in caught.value.message and "nplurals=1" in caught.value.message
        assert "Plural-Forms" in (caught.value.hint or "")


def test_as_many_forms_as_nplurals_read_as_they_are(tmp_path: Path) -> None:
    po = catalog.read_catalog(write(tmp_path, ENGLISH + PLURAL), "locales/en/port.md.po")

    assert [entry.msgstr_plural for entry in po] == [("컨테이너 {n}개", "컨테이너 {n}개")]


def test_status_and_check_stop_at_the_extra_form(newsroom: Path) -> None:
    assert CliRunner().invoke(main, ["extract"]).exit_code == 0
    korean = newsroom / "locales/ko/news/rail-strike.md.po"  # the bilingual article's Korean catalog
    text = korean.read_text(encoding="utf-8")
    korean.write_text(text + "\n" + PLURAL, encoding="utf-8")
    line = text.count("\n") + 1 + 4

    for command in (["status"], ["check"], ["build"]):
        result = CliRunner().invoke(main, command)
        # `l10n check` tells a tool error (2) from a blocked article (1).
        assert result.exit_code == (2 if command == ["check"] else 1), result.output
        assert f"locales/ko/news/rail-strike.md.po:{line}: msgstr[1]" in result.stderr
