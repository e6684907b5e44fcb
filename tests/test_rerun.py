"""Re-runs: a newsroom runs extract and build on every push, and most pushes touch
nothing they read. Those runs must be quick, and must still notice every change."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import time
from pathlib import Path

import polib
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from l10n.app import build as building
from l10n.app import config, rerun
from l10n.app import extract as extracting
from l10n.store.manifest import Manifest
from tests.conftest import FIXTURES, publish_what_translators_write, translate_first_entries

RAIL = "content/news/rail-strike.md"


def settings(root: Path, **overrides: object) -> config.Config:
    return config.load(root, overrides, environ={})


def reported(report: extracting.ExtractReport | building.BuildReport) -> tuple[object, ...]:
    """What a report tells the user, in order."""
    if isinstance(report, extracting.ExtractReport):
        return report.counts, report.catalogs, report.articles
    return report.counts, report.articles


def no_row_lookups(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make any per-article manifest lookup fail the test: only the snapshot may answer."""

    def refuse(*args: object) -> None:
        raise AssertionError("a re-run with nothing changed looked up a manifest row")

    monkeypatch.setattr(Manifest, "get", refuse)
    monkeypatch.setattr(Manifest, "digest", refuse)


def rewrite_in_the_same_tick(path: Path, old: str, new: str) -> None:
    """Change ``path`` without changing its size or modification time, as a second
    save within one timestamp tick of the file system would."""
    assert len(old.encode()) == len(new.encode())
    info = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert path.stat().st_size == info.st_size


def started(root: Path) -> None:
    """Extracted, a first entry of each catalog translated, published as translated:
    every article is built (nothing untranslated ever is)."""
    extracting.extract(settings(root))
    translate_first_entries(root)
    publish_what_translators_write(root)
    extracting.extract(settings(root))  # the push that brings the translations


def test_a_rerun_with_nothing_changed_reads_no_manifest_rows(newsroom: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    started(newsroom)
    building.build(settings(newsroom))

    no_row_lookups(monkeypatch)
    extracted = extracting.extract(settings(newsroom))
    built = building.build(settings(newsroom))

    assert extracted.count("unchanged") == 5 and extracted.stale == 0
    assert built.count("unchanged") == 5 and built.count("written") == 0 and built.count("source") == 1


def test_the_quick_rerun_reports_exactly_what_a_full_rerun_reports(newsroom: Path) -> None:
    strict = settings(newsroom, min_coverage=50)  # some articles are skipped, with a reason
    extracting.extract(strict)
    (newsroom / "content/news/gone.md").write_text("# Gone\n\nSoon deleted.\n", encoding="utf-8")
    extracting.extract(strict)
    (newsroom / "content/news/gone.md").unlink()  # its catalog is now an orphan
    extracting.extract(strict)
    building.build(strict)

    quick = extracting.extract(strict), building.build(strict)
    shutil.rmtree(newsroom / ".cache")  # no snapshot: every article is looked at
    full = extracting.extract(strict), building.build(strict)

    assert [reported(r) for r in quick] == [reported(r) for r in full]
    assert quick[0].count("orphaned") == 1
    assert {a.action for a in quick[1].articles} == {"blocked"}  # was "skipped": blocked by the policy now


def test_the_quick_rerun_tells_of_blocked_articles_in_the_order_of_the_walk(newsroom: Path) -> None:
    # Folders whose names sort differently as paths and as path components: the
    # quick re-run reads its results back from rows, in the order the walk made them.
    names = ("news/a.md", "news/a/b.md", "news-x/c.md", "news/a-b.md")
    for name in names:
        (newsroom / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (newsroom / "content" / name).write_text(f"# {name}\n\nNobody has translated this yet.\n", encoding="utf-8")
    extracting.extract(settings(newsroom))
    full = building.build(settings(newsroom))

    quick = building.build(settings(newsroom))

    assert reported(quick) == reported(full)
    blocked = [a.article for a in quick.articles if a.action == "blocked" and a.article.removeprefix("content/") in names]
    assert blocked == ["content/news/a/b.md", "content/news/a-b.md", "content/news/a.md", "content/news-x/c.md"]


@pytest.mark.parametrize(
    "change",
    ["edit an article", "add an article", "delete a catalog", "translate an entry"],
)
def test_a_rerun_notices_every_kind_of_change(newsroom: Path, change: str) -> None:
    started(newsroom)
    building.build(settings(newsroom))
    time.sleep(0.2)  # what follows is an ordinary later edit, not one in the same tick
    if change == "edit an article":
        rail = newsroom / RAIL
        rail.write_text(rail.read_text(encoding="utf-8") + "\nA new closing line.\n", encoding="utf-8")
    elif change == "add an article":
        (newsroom / "content/news/new.md").write_text("# Fresh story\n\nJust in.\n", encoding="utf-8")
    elif change == "delete a catalog":
        (newsroom / "locales/ko/news/rail-strike.md.po").unlink()
    else:
        catalog = newsroom / "locales/en/news/port-opening.md.po"
        text = catalog.read_text(encoding="utf-8")
        catalog.write_text(text.replace('msgstr ""\n\n', 'msgstr "Translated."\n\n', 1), encoding="utf-8")

    extracted = extracting.extract(settings(newsroom))
    built = building.build(settings(newsroom))

    if change == "translate an entry":
        assert extracted.stale == 0
        assert "Translated." in (newsroom / "build/en/news/port-opening.md").read_text(encoding="utf-8")
    else:
        assert extracted.stale == 1
    if change == "delete a catalog":  # extract made it again, byte for byte: nothing to rebuild
        assert (newsroom / "locales/ko/news/rail-strike.md.po").exists()
        assert built.count("written") == 0
    elif change == "add an article":  # nobody translated it yet: noticed, and blocked with its reasons
        assert [a.action for a in built.articles if a.article == "content/news/new.md"] == ["blocked"]
    else:
        assert built.count("written") >= 1


def test_an_article_rewritten_in_the_same_tick_is_still_noticed(newsroom: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rail = newsroom / RAIL
    # The article changes just as extract starts: its timestamp cannot be trusted.
    # The manifest's clock starts at that instant and moves a millisecond each time a
    # run reads it, so the article stays inside the racy window however slow the machine.
    instant = 1_795_000_000 * 10**9
    os.utime(rail, ns=(instant, instant))
    ticks = itertools.count(instant, 1_000_000)
    monkeypatch.setattr(Manifest, "now_ns", staticmethod(lambda: next(ticks)))
    extracting.extract(settings(newsroom))
    rewrite_in_the_same_tick(rail, "late-night deal", "late-night pact")

    report = extracting.extract(settings(newsroom))

    assert report.stale == 1
    catalog = polib.pofile(str(newsroom / "locales/ko/news/rail-strike.md.po"))
    assert any("late-night pact" in entry.msgid for entry in catalog)


@pytest.mark.parametrize("build_settings", [{}, {"copy_sources": True, "output": "site/{lang}/{path}"}])
def test_build_takes_the_segments_extract_parsed(
    newsroom: Path, monkeypatch: pytest.MonkeyPatch, build_settings: dict[str, object]
) -> None:
    # Settings that change only what build writes must not cost the parsed segments.
    started(newsroom)
    from l10n.app import workspace
    from l10n.formats import base

    def no_parsing(*args: object) -> None:
        raise AssertionError("build parsed an article extract had already parsed")

    def no_patterns(*args: object) -> None:
        raise AssertionError("build compiled never-translate patterns with nothing to parse")

    with monkeypatch.context() as patch:
        patch.setattr(base, "segment", no_parsing)
        patch.setattr(workspace, "_joined", no_patterns)
        building.build(settings(newsroom, **build_settings))
    output = newsroom / str(build_settings.get("output", "build/{lang}/{path}")).split("/")[0]
    cached = {p: p.read_bytes() for p in sorted(output.rglob("*.*"))}
    shutil.rmtree(output)
    shutil.rmtree(newsroom / ".cache")

    building.build(settings(newsroom, **build_settings))  # parses every article itself

    assert {p: p.read_bytes() for p in sorted(output.rglob("*.*"))} == cached
    assert len(cached) == (6 if build_settings else 5)


@pytest.mark.parametrize(
    "article",
    sorted(
        path
        for folder in ("markdown", "html", "plaintext")
        for path in (FIXTURES / folder).iterdir()
        if path.suffix in {".md", ".html", ".txt"} and ".expect." not in path.name
    ),
    ids=lambda path: f"{path.parent.name}/{path.name}",
)
def test_an_article_is_written_back_alike_with_or_without_the_never_translate_patterns(tmp_path: Path, article: Path) -> None:
    # Build writes articles with workspace.render_options, which leaves the patterns
    # out (compiling them is a cost a build from the parse cache need not pay):
    # writing an article back must not read them.
    from l10n.app import workspace
    from l10n.formats import base, for_suffix
    from l10n.formats.disclosure import Disclosure

    (tmp_path / "l10n.toml").write_text('languages = ["ko", "en"]\nnever_translate = ["^By ", "council"]\n', encoding="utf-8")
    project = config.load(tmp_path, {}, environ={})
    fmt = for_suffix(article.suffix)
    assert fmt is not None
    text = article.read_text(encoding="utf-8")
    segments = base.segment(fmt, text, workspace.format_options(project))
    about = Disclosure("news/story", translations=("en",), machine=(("deepl", "2026-05-01"),), reviewers=(("Kim", "2026-05-02"),))

    def written(options: base.FormatOptions) -> str:
        return base.render(fmt, text, segments, lambda seg: f"[{seg.text}]", lang="ko", options=options, metadata=about)

    assert written(workspace.render_options(project)) == written(workspace.format_options(project))


def test_build_parses_an_article_edited_after_extract(newsroom: Path) -> None:
    extracting.extract(settings(newsroom))
    korean = newsroom / "locales/ko/news/rail-strike.md.po"
    catalog = polib.pofile(str(korean))
    for entry in catalog:
        entry.msgstr = "KO " + entry.msgid
    catalog.save(str(korean))
    publish_what_translators_write(newsroom, block=())  # built before extract has caught up
    rail = newsroom / RAIL
    rail.write_text(rail.read_text(encoding="utf-8").replace("late-night deal", "dawn agreement"), encoding="utf-8")

    building.build(settings(newsroom), langs=["ko"])

    built = (newsroom / "build/ko/news/rail-strike.md").read_text(encoding="utf-8")
    # The edited paragraph has no translation yet; the segments extract parsed
    # before the edit would have put the old one in its place.
    assert "\nRail unions called off a planned weekend strike on Friday after a dawn agreement.\n" in built
    assert "KO The agreement raises night-shift pay" in built


def test_extract_after_translators_saved_their_catalogs_formats_none_of_them(
    newsroom: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Translators fill the catalogs in their own editor; the cache is gone (a fresh
    # checkout in CI). Every catalog is up to date: extract compares entries and
    # leaves the files alone, and has no reason to format any catalog to see that.
    extracting.extract(settings(newsroom))
    saved = {}
    for path in sorted((newsroom / "locales").rglob("*.po")):
        catalog = polib.pofile(str(path))
        for entry in catalog:
            entry.msgstr = "T " + entry.msgid
        catalog.save(str(path))
        saved[path] = path.read_bytes()
    shutil.rmtree(newsroom / ".cache")
    from l10n.po import catalog as po_catalog

    def no_formatting(*args: object) -> None:
        raise AssertionError("extract formatted a catalog that was already up to date")

    monkeypatch.setattr(po_catalog, "format_catalog", no_formatting)
    report = extracting.extract(settings(newsroom))

    assert report.counts == (("unchanged", len(saved)),)
    assert {path: path.read_bytes() for path in saved} == saved


def test_rows_and_digests_read_in_key_order_are_those_read_one_by_one(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # status and check stream a language's rows and a folder's file states from one
    # query each; asked in any order, for any key, they answer as a query per key does.
    from l10n.store import manifest as manifest_module

    folder = tmp_path / "content"
    folder.mkdir()
    names = [str(folder / f"{number:03d}.md") for number in range(0, 300, 2)]
    for name in names:
        Path(name).write_text(name, encoding="utf-8")
    path = tmp_path / "m.sqlite3"
    monkeypatch.setattr(Manifest, "now_ns", staticmethod(lambda: time.time_ns() + 10**12))  # no file is too recent
    writer = Manifest(path, "stamp")
    for name in names:
        writer.record_text(f"en\n{name}", f"row of {name}")
        writer.record_text(f"ko\n{name}", "another language")
        writer.digest(name)
    writer.save()

    hashed: list[str] = []
    monkeypatch.setattr(manifest_module, "_read_existing", lambda name: hashed.append(str(name)) or b"hashed")
    reader = Manifest(path, "stamp", read_only=True)
    point_queries: list[str] = []
    one_row = Manifest._text_row
    monkeypatch.setattr(Manifest, "_text_row", lambda self, key: point_queries.append(key) or one_row(self, key))
    text, digest = reader.texts_in_order("en\n"), reader.digests_in_order(f"{folder}/")
    every = [str(folder / f"{number:03d}.md") for number in range(300)]  # half have no row
    # In order, then backwards, then leaps over more rows than the stream passes by.
    asked = [*every[:120], *reversed(every[40:80]), every[100], every[299], every[130], every[298], str(tmp_path / "elsewhere.md")]
    for name in asked:
        assert text(f"en\n{name}") == reader.get_text(f"en\n{name}"), name
        assert digest(name, os.stat(name) if os.path.exists(name) else None) == reader.digest(name), name
    # Only the keys asked for out of order were queried one by one.
    assert point_queries == [f"en\n{name}" for name in [*reversed(every[40:80]), every[100], every[130], every[298]]]
    assert text("ko\n" + names[0]) is None  # another language's rows are not in this stream
    assert hashed == []  # every existing file was known by its state: none was read
    reader.close()


def test_a_file_one_manifest_observed_is_known_to_another_without_reading_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Extract's manifest looks at each article and catalog before the work on them;
    # the verdict cache takes what it found (learn) instead of reading the files again,
    # and knows them on the next run as if it had hashed them itself.
    from l10n.store import manifest as manifest_module

    article, missing = tmp_path / "story.md", tmp_path / "gone.md"
    article.write_text("서울시는 심야 버스를 늘린다.", encoding="utf-8")
    monkeypatch.setattr(Manifest, "now_ns", staticmethod(lambda: time.time_ns() + 10**12))  # no file is too recent
    walk, kept = Manifest(tmp_path / "walk.sqlite3", "stamp"), Manifest(tmp_path / "kept.sqlite3", "stamp")
    observed = {path: walk.observe(path) for path in (article, missing)}
    assert observed[article][1] == manifest_module.file_digest(article) and observed[missing] == (None, None)

    hashed: list[str] = []
    real_read = manifest_module._read_existing
    monkeypatch.setattr(manifest_module, "_read_existing", lambda name: hashed.append(str(name)) or real_read(name))
    for path, (info, digest) in observed.items():
        kept.learn(path, info, digest)
    assert hashed == []
    assert kept.tree.value == walk.tree.value  # the snapshot sum saw the same files
    kept.save()
    walk.close()

    again = Manifest(tmp_path / "kept.sqlite3", "stamp")
    assert again.digest(article) == observed[article][1] and again.digest(missing) is None
    assert hashed == []  # known by its state
    again.close()


def test_segments_read_back_from_the_parse_cache_are_the_ones_extract_parsed() -> None:
    # Build makes the segments of a row by filling their __dict__, which is the same
    # as Segment.from_row only while Segment and Span are plain dataclasses.
    from l10n.app import rerun
    from l10n.frozen import plain_dataclass
    from l10n.model import Segment, Span

    assert plain_dataclass(Segment) and plain_dataclass(Span)
    segments = [
        Segment("부산항 재개장", "title", 2, (Span(10, 17),), None, "yaml", "ko"),
        Segment('A "quote"\non two lines', "blockquote", 5, (Span(22, 33), Span(36, 49)), "> ", "raw", "en"),
        Segment("Plain text, with \u2028 a line separator\\.", "paragraph", 9, (Span(60, 101),), "", "raw", None),
    ]
    row = rerun.parsed_row("2016716b2c3fc1635c9791e962a72f0b", segments)
    assert rerun.row_digest(row) == "2016716b2c3fc1635c9791e962a72f0b"
    read_back = rerun.parsed_segments(row)
    assert read_back == segments
    for segment, made in zip(segments, read_back, strict=True):
        assert vars(made) == vars(segment)
        assert [vars(span) for span in made.pieces] == [vars(span) for span in segment.pieces]
    assert rerun.parsed_segments(rerun.parsed_row("d", [])) == []


def test_a_first_run_that_fails_leaves_a_cache_the_next_run_starts_afresh(tmp_path: Path) -> None:
    # A new cache is made inside the run's one transaction: a run that stops before
    # saving leaves no rows, and the next run neither trusts nor trips over the file.
    path = tmp_path / "m.sqlite3"
    first = Manifest(path, "stamp")
    assert first.fresh
    first.record_text("content/a.md", "row")
    first.close()  # the run failed: nothing saved

    second = Manifest(path, "stamp")
    assert second.fresh and second.get_text("content/a.md") is None
    second.record_text("content/a.md", "row")
    second.save()

    third = Manifest(path, "stamp")
    assert not third.fresh and third.get_text("content/a.md") == "row"
    third.close()


def test_a_written_file_is_remembered_by_its_new_stat_in_every_manifest(tmp_path: Path) -> None:
    # Extract's manifest and the verdict cache both remember a catalog written
    # through a temporary file; the stats they keep are the file's once it is in place.
    from l10n.store.fileio import Staging, write_temp

    target = tmp_path / "story.md.po"
    walk, kept = Manifest(tmp_path / "walk.sqlite3", "stamp"), Manifest(tmp_path / "kept.sqlite3", "stamp")
    for manifest in (walk, kept):
        manifest.observe(target)  # not there yet
    temp = write_temp(target, b'msgid ""\nmsgstr ""\n', new=True)
    assert temp is not None
    with Staging() as staging:
        staging.adopt(temp, target)
        for manifest in (walk, kept):
            manifest.wrote(target, "digest", staged=temp)
    after = os.stat(target)
    fresh_sum = Manifest(tmp_path / "other.sqlite3", "stamp")
    fresh_sum.observe(target)
    for manifest in (walk, kept):
        assert manifest.tree.value == fresh_sum.tree.value  # as a run that found the file would sum it
        row = manifest._file_row(str(target))
        assert row is not None and (row[1], row[2], row[3], row[4]) == (after.st_size, after.st_mtime_ns, "digest", 1)
        manifest.close()
    fresh_sum.close()


def test_a_file_hashed_to_observe_it_is_handed_over_with_its_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Build hashes a changed catalog to know whether it changed, then parses it: the
    # bytes it hashed come with the digest, so the file is read once. A file known by
    # its state is not read at all, and then there are no bytes to hand over.
    from l10n.store import manifest as manifest_module

    article, missing = tmp_path / "story.md", tmp_path / "gone.md"
    article.write_text("서울시는 심야 버스를 늘린다.", encoding="utf-8")
    monkeypatch.setattr(Manifest, "now_ns", staticmethod(lambda: time.time_ns() + 10**12))  # no file is too recent
    first = Manifest(tmp_path / "walk.sqlite3", "stamp")
    info, hashed, data = first.observe_read(article)
    assert data == article.read_bytes() and hashed == manifest_module.digest(data)
    assert (info, hashed) == (os.stat(article), first.digest(article))  # what observe finds
    assert first.observe_read(missing) == (None, None, None)
    first.save()

    again = Manifest(tmp_path / "walk.sqlite3", "stamp")
    assert again.observe_read(article) == (os.stat(article), hashed, None)  # known by its state: not read
    again.close()


DISPLAYS = st.lists(st.sampled_from(["locales", "ko", "a.po", ".", "..", ""]), min_size=1, max_size=5).map("/".join)


@example("/srv/site/locales/ko/a.po", "/srv/site")
@given(DISPLAYS, st.sampled_from(["/", "/srv/site"]))
def test_a_written_file_is_named_as_its_joined_path_names_it(display: str, root: str) -> None:
    # The walk names the file it adopts without a Path when the Path would give the
    # joined string back unchanged; the two names must agree.
    assert rerun._joined(Path(root), display) == str(Path(root) / display)


ROW_VALUES = st.one_of(st.none(), st.text(max_size=8), st.integers(), st.booleans(), st.lists(st.text(max_size=3), max_size=2))


@given(st.dictionaries(st.text(max_size=6), ROW_VALUES, max_size=6))
def test_a_manifest_row_is_stored_as_json_dumps_writes_it(row: dict[str, object]) -> None:
    # Rows of strings and None are written out by hand, the rest by the encoder: both
    # must give json.dumps's text, which the rows have always held.
    from l10n.store import manifest

    assert manifest._row_json(row) == json.dumps(row, sort_keys=True)
