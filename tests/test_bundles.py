"""A team hosts its translations on Weblate: one catalog per section, mapped back to the articles.

translate-toolkit's PO reader and writer (what Weblate uses) plays Weblate.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from translate.storage import pypo as pofile

from l10n.app.bundles import bundle_of
from l10n.app.workspace import Article
from l10n.po import history
from tests.conftest import snapshot
from tests.test_xliff import run

PORT_EN = "locales/en/news/port-opening.md.po"
BUNDLE_EN = "bundles/ko/news/en.po"


@pytest.fixture
def bundled(newsroom: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("L10N_PSEUDO_RATE", "10000")
    with (newsroom / "l10n.toml").open("a", encoding="utf-8") as config:
        config.write('bundle = "section"\n')
    assert run("extract")[0] == 0
    assert run("translate", "--provider", "pseudo")[0] == 0
    code, out, _ = run("weblate", "export")
    assert code == 0, out
    return newsroom


def live(path: Path) -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(path), encoding="utf-8") if not e.obsolete]


def test_one_catalog_per_section_and_source_language_holds_every_entry(bundled: Path) -> None:
    assert sorted(p.relative_to(bundled).as_posix() for p in (bundled / "bundles").rglob("*.po")) == [
        "bundles/en/news/ko.po",
        BUNDLE_EN,
    ]
    store = pofile.pofile.parsefile(str(bundled / BUNDLE_EN))
    units = [u for u in store.units if not u.isheader()]
    # Every English catalog of Korean text: rail-strike.md is English but quotes a Korean name.
    articles = [live(path) for path in sorted((bundled / "locales/en/news").glob("*.po"))]
    assert len(units) == sum(len(a) for a in articles)
    assert {u.getcontext().split("|")[0] for u in units} == {
        "content/news/port-opening.md",
        "content/news/rail-strike.md",
        "content/news/scraped.txt",
    }
    assert units[0].target == live(bundled / PORT_EN)[0].msgstr and units[0].isfuzzy()
    if shutil.which("msgfmt"):
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(bundled / BUNDLE_EN)], check=True)


def test_importing_an_unchanged_bundle_changes_no_byte(bundled: Path) -> None:
    store = pofile.pofile.parsefile(str(bundled / BUNDLE_EN))
    store.savefile(str(bundled / BUNDLE_EN))  # as Weblate saves it
    before = {k: v for k, v in snapshot(bundled).items() if not k.startswith(".cache/")}
    code, out, _ = run("weblate", "import", "--translator", "Lee Ji-eun")
    assert code == 0 and "0 entries changed" in out
    assert {k: v for k, v in snapshot(bundled).items() if not k.startswith(".cache/")} == before


def test_a_translation_made_on_weblate_lands_in_its_article_and_is_logged(bundled: Path) -> None:
    store = pofile.pofile.parsefile(str(bundled / BUNDLE_EN))
    unit = next(u for u in store.units if not u.isheader() and u.getcontext() == "content/news/port-opening.md")
    unit.target = "Busan opens an automated pier"
    unit.markfuzzy(False)
    store.savefile(str(bundled / BUNDLE_EN))

    code, out, _ = run("weblate", "import", "--translator", "Lee Ji-eun")

    assert code == 0 and "1 entries changed" in out and "1 catalogs written" in out
    entry = next(e for e in live(bundled / PORT_EN) if e.msgid == unit.source)
    assert entry.msgstr == "Busan opens an automated pier" and not entry.fuzzy
    log = history.parse((bundled / PORT_EN.replace(".po", ".history.jsonl")).read_text(encoding="utf-8"))
    assert (log[-1].by, log[-1].old, log[-1].new) == ("Lee Ji-eun", "machine", "translated")
    assert "0 entries changed" in run("weblate", "import", "--translator", "Lee Ji-eun")[1]


def test_an_export_never_overwrites_work_not_imported_yet(bundled: Path) -> None:
    store = pofile.pofile.parsefile(str(bundled / BUNDLE_EN))
    unit = next(u for u in store.units if not u.isheader() and u.getcontext() == "content/news/port-opening.md")
    unit.target = "Busan opens an automated pier"
    store.savefile(str(bundled / BUNDLE_EN))
    before = (bundled / BUNDLE_EN).read_bytes()
    code, _, err = run("weblate", "export")
    assert code != 0 and "1 entries changed in the bundles are not imported yet" in err
    assert "hint: run `l10n weblate import` first" in err
    assert (bundled / BUNDLE_EN).read_bytes() == before


def test_without_a_bundle_mode_the_command_says_how_to_set_one(newsroom: Path) -> None:
    assert run("extract")[0] == 0
    code, _, err = run("weblate", "export")
    assert code != 0 and 'bundle = "section"' in err


@pytest.mark.parametrize(
    ("rel", "mode", "bundle"),
    [
        ("news/story.md", "section", "news"),
        ("story.md", "section", "front"),
        ("2026/11/story.md", "month", "2026-11"),
        ("news/2026/03/story.md", "month", "2026-03"),
        ("news/story.md", "month", "undated"),
    ],
)
def test_the_bundle_of_an_article(rel: str, mode: str, bundle: str) -> None:
    assert bundle_of(Article("content", rel, f"content/{rel}"), mode) == bundle
