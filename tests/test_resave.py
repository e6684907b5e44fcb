"""A translator saves a catalog in a PO editor: CI must stay green.

PO editors and libraries re-wrap lines, re-split long strings and rewrite the
header comment when they save. None of that is the tool's business: a catalog is
"out of date with its article" only when its entries differ in what extract
writes (contexts, msgids, references, extracted comments, fuzzy state, previous
and obsolete entries), never in layout.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from l10n.app import check as checking
from l10n.app import config, staleness
from l10n.app import extract as extracting
from l10n.cli import main
from tests.conftest import program, unavailable

ARTICLE = "content/news/port-opening.md"
CATALOG = "locales/en/news/port-opening.md.po"
LONG = (
    "The Busan Port Authority said on the 2nd that it had opened a fully automated "
    "terminal on the west side of the new port, and that the new terminal would "
    "publish its live status on the authority's website for anyone to follow."
)


def settings(root: Path) -> config.Config:
    return config.load(root, {}, environ={})


def translator_at_work(root: Path) -> None:
    """Catalogs as a newsroom has them mid-week: long translations, a changed
    paragraph kept as fuzzy with its previous text, a removed heading kept obsolete."""
    extracting.extract(settings(root))
    po = polib.pofile(str(root / CATALOG))
    for entry in po:
        entry.msgstr = LONG if "부산항만공사" in entry.msgid else "EN " + entry.msgid
    po.save()
    article = root / ARTICLE
    text = article.read_text(encoding="utf-8")
    text = text.replace("밝혔다.", "밝혔다고 전했다.").replace("# 부산 신항 자동화 부두 개장\n\n", "")
    article.write_text(text, encoding="utf-8")
    extracting.extract(settings(root))
    po = polib.pofile(str(root / CATALOG))
    assert any(e.previous_msgid for e in po) and po.obsolete_entries()


def save_with_polib(path: Path) -> None:
    polib.pofile(str(path)).save()


def save_with_msgcat(*options: str) -> Callable[[Path], None]:
    def save(path: Path) -> None:
        subprocess.run([program("msgcat"), *options, "-o", str(path), str(path)], check=True)

    return save


def save_with_translate_toolkit(path: Path) -> None:
    try:
        from translate.storage import pypo
    except ImportError:
        unavailable("translate-toolkit is not installed")
    store = pypo.pofile.parsefile(str(path))
    for unit in store.units:  # a translator edits a long entry; the editor re-wraps it
        if unit.target == LONG:
            unit.target = LONG.replace("terminal", "terminal (" + "부산신항서측완전자동화부두" * 4 + ")", 1)
    store.savefile(str(path))


def resplit_every_string(path: Path) -> None:
    """What Poedit does to Korean text: every long string cut into other pieces,
    and its own line above the header."""
    lines = ["# Saved by an editor"]
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.fullmatch(r'(#~\| |#\| |#~ )?(msg\w+(?:\[\d+\])? )?"(.*)"', line)
        if match is None or len(match.group(3)) < 8:
            lines.append(line)
            continue
        marker, keyword, body = match.group(1) or "", match.group(2), match.group(3)
        if keyword:
            lines.append(f'{marker}{keyword}""')
        lines.extend(f'{marker}"{piece}"' for piece in re.findall(r"(?:\\.|[^\\]){1,7}", body))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


SAVERS = {
    "polib": save_with_polib,
    "msgcat": save_with_msgcat(),
    "msgcat-width-60": save_with_msgcat("--width=60"),
    "msgcat-no-wrap": save_with_msgcat("--no-wrap"),
    "translate-toolkit": save_with_translate_toolkit,
    "re-split": resplit_every_string,
}


@pytest.mark.parametrize("save", SAVERS.values(), ids=SAVERS.keys())
def test_a_catalog_resaved_by_a_po_editor_is_not_out_of_date(newsroom: Path, save: Callable[[Path], None]) -> None:
    translator_at_work(newsroom)
    before = polib.pofile(str(newsroom / CATALOG))

    save(newsroom / CATALOG)

    assert [(e.msgid, e.obsolete) for e in polib.pofile(str(newsroom / CATALOG))] == [
        (e.msgid, e.obsolete) for e in before
    ]
    assert extracting.extract(settings(newsroom), check=True).out_of_date == []
    result = CliRunner().invoke(main, ["extract", "--check"])
    assert result.exit_code == 0, result.output
    check = checking.check(settings(newsroom))
    assert [p.message for p in check.problems if p.code == "out-of-date"] == []


@pytest.mark.parametrize("save", SAVERS.values(), ids=SAVERS.keys())
def test_after_a_resave_extract_still_runs_and_a_real_change_is_still_reported(
    newsroom: Path, save: Callable[[Path], None]
) -> None:
    translator_at_work(newsroom)
    save(newsroom / CATALOG)
    saved = (newsroom / CATALOG).read_bytes()

    report = extracting.extract(settings(newsroom))

    assert report.out_of_date == []
    assert (newsroom / CATALOG).read_bytes() == saved  # left as its editor saved it
    assert extracting.extract(settings(newsroom), check=True).out_of_date == []
    assert staleness.catalogs_up_to_date(settings(newsroom))  # and the next run is a no-op again
    article = newsroom / ARTICLE
    article.write_text(article.read_text(encoding="utf-8").replace("무인 크레인 12기", "무인 크레인 14기"), encoding="utf-8")
    stale = extracting.extract(settings(newsroom), check=True).out_of_date
    assert [c.path for c in stale] == [CATALOG]
    check = checking.check(settings(newsroom))
    assert [p.catalog for p in check.problems if p.code == "out-of-date"] == [CATALOG]
