"""The tool reads, writes and deletes files inside the project only.

A symbolic link (a language folder, a catalog, a history log, the cache) or an
output setting can point anywhere; each such way out is refused with an error that
names the path and says what to do, and nothing outside is touched.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from l10n.app import build as building
from l10n.app import config, review
from l10n.app import extract as extracting
from l10n.errors import L10nError
from tests.conftest import publish_what_translators_write, translate_first_entries


def settings(root: Path, **overrides: object) -> config.Config:
    return config.load(root, overrides, environ={})


def link_to_empty_folder(root: Path, outside: Path, at: str) -> Path:
    """Make ``at`` (below ``root``) a link to a new, empty folder ``outside``."""
    outside.mkdir()
    (root / at).parent.mkdir(parents=True, exist_ok=True)
    os.symlink(outside, root / at)
    return outside


def test_prune_never_deletes_catalogs_behind_a_linked_language_folder(newsroom: Path, tmp_path: Path) -> None:
    # Someone's own catalogs elsewhere, reached through locales/fr -> elsewhere.
    elsewhere = link_to_empty_folder(newsroom, tmp_path / "elsewhere", "locales/fr")
    (elsewhere / "keep.md.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")

    with pytest.raises(L10nError) as caught:
        extracting.extract(settings(newsroom), prune=True)

    assert caught.value.path == "locales/fr"
    assert "outside the project" in caught.value.message
    assert caught.value.hint and "symbolic link" in caught.value.hint
    assert (elsewhere / "keep.md.po").exists()


def test_a_linked_catalog_is_never_read(newsroom: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("password=hunter2\n", encoding="utf-8")
    (newsroom / "locales/ko/news").mkdir(parents=True)
    os.symlink(secret, newsroom / "locales/ko/news/rail-strike.md.po")

    with pytest.raises(L10nError) as caught:
        extracting.extract(settings(newsroom))

    assert caught.value.path == "locales/ko/news/rail-strike.md.po"
    assert "outside the project" in caught.value.message
    assert "hunter2" not in str(caught.value)


def test_a_linked_catalog_among_many_in_its_folder_is_never_read(newsroom: Path, tmp_path: Path) -> None:
    # Past a few catalogs, a folder's links are listed once instead of looking at
    # each file: the link is found all the same, wherever it sits in the folder.
    secret = tmp_path / "secret.txt"
    secret.write_text("password=hunter2\n", encoding="utf-8")
    story = (newsroom / "content/news/rail-strike.md").read_text(encoding="utf-8")
    for number in range(12):
        (newsroom / f"content/news/story-{number:02d}.md").write_text(story.replace("Seoul", f"Seoul {number}"), encoding="utf-8")
    extracting.extract(settings(newsroom))
    linked = newsroom / "locales/ko/news/story-09.md.po"
    linked.unlink()
    os.symlink(secret, linked)
    shutil.rmtree(newsroom / ".cache")  # every article is looked at again, in path order

    with pytest.raises(L10nError) as caught:
        extracting.extract(settings(newsroom))

    assert caught.value.path == "locales/ko/news/story-09.md.po"
    assert "outside the project" in caught.value.message
    assert "hunter2" not in str(caught.value)


def test_a_linked_history_log_is_never_copied_into_the_project(newsroom: Path, tmp_path: Path) -> None:
    extracting.extract(settings(newsroom))
    secret = tmp_path / "secret.jsonl"
    secret.write_text('{"secret": 1}\n', encoding="utf-8")
    os.symlink(secret, newsroom / "locales/en/news/rail-strike.md.history.jsonl")

    with pytest.raises(L10nError) as caught:
        review.items(settings(newsroom))

    assert caught.value.path == "locales/en/news/rail-strike.md.history.jsonl"
    assert "outside the project" in caught.value.message


def test_a_linked_cache_folder_is_refused(newsroom: Path, tmp_path: Path) -> None:
    elsewhere = link_to_empty_folder(newsroom, tmp_path / "cache", ".cache/l10n")

    with pytest.raises(L10nError) as caught:
        extracting.extract(settings(newsroom))

    assert caught.value.path == ".cache/l10n/extract-manifest.sqlite3"
    assert list(elsewhere.iterdir()) == []


@pytest.mark.parametrize("output", ["../out/{lang}/{path}", "/tmp/out/{lang}/{path}", "build/../../{lang}/{path}"])
def test_an_output_setting_leading_out_of_the_project_is_refused(newsroom: Path, output: str) -> None:
    (newsroom / "l10n.toml").write_text(f'languages = ["ko", "en"]\noutput = "{output}"\n', encoding="utf-8")

    with pytest.raises(L10nError) as caught:
        settings(newsroom)

    assert caught.value.path == "l10n.toml"
    assert caught.value.line == 2
    assert "leads outside the project" in caught.value.message
    assert caught.value.hint and "build/{lang}/{path}" in caught.value.hint


def test_build_never_overwrites_a_source_article_through_a_linked_output_folder(newsroom: Path) -> None:
    extracting.extract(settings(newsroom))
    (newsroom / "build").mkdir()
    os.symlink(newsroom / "content", newsroom / "build/en")
    article = newsroom / "content/news/rail-strike.md"
    before = article.read_bytes()

    with pytest.raises(L10nError) as caught:
        building.build(settings(newsroom))

    assert "would overwrite the source article content/news/" in caught.value.message
    assert caught.value.path and caught.value.path.startswith("build/en/news/")
    assert article.read_bytes() == before


def test_build_never_writes_through_a_linked_output_folder_leading_outside(newsroom: Path, tmp_path: Path) -> None:
    extracting.extract(settings(newsroom))
    elsewhere = link_to_empty_folder(newsroom, tmp_path / "site", "build/en")

    with pytest.raises(L10nError) as caught:
        building.build(settings(newsroom))

    assert "outside the project" in caught.value.message
    assert list(elsewhere.iterdir()) == []


def test_hugo_style_output_beside_the_source_still_builds(newsroom: Path) -> None:
    with (newsroom / "l10n.toml").open("a", encoding="utf-8") as file:
        file.write('output = "{dir}/{stem}.{lang}{ext}"\n')  # where extract reads it too
    extracting.extract(settings(newsroom))
    translate_first_entries(newsroom)  # nothing untranslated is built
    publish_what_translators_write(newsroom)

    building.build(settings(newsroom))

    assert sorted(p.name for p in (newsroom / "content/news").glob("*.??.*")) != []
