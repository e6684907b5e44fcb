"""The core round trip as a newsroom uses it: articles -> catalogs -> localized articles."""

from __future__ import annotations

import os
import posixpath
import re
import shutil
from pathlib import Path

import polib
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from l10n.app import build as building
from l10n.app import config, staleness
from l10n.app import extract as extracting
from l10n.app.workspace import Article
from l10n.errors import L10nError
from l10n.formats import disclosure
from l10n.frozen import plain_dataclass
from l10n.po.catalog import read_catalog
from tests.conftest import msgfmt_check, publish_what_translators_write, requires_msgfmt, snapshot


def settings(root: Path, **overrides: object) -> config.Config:
    return config.load(root, overrides, environ={})


def fill_catalogs(root: Path, translate=lambda msgid: msgid) -> None:
    """Play the translator: give every live entry a translation, clear fuzzy."""
    for path in sorted((root / "locales").rglob("*.po")):
        po = polib.pofile(str(path))
        for entry in po:
            if entry.obsolete:
                continue
            entry.msgstr = translate(entry.msgid)
            if "fuzzy" in entry.flags:
                entry.flags.remove("fuzzy")
        po.save(str(path))


def without_language_key(text: str) -> str:
    """The article without what build sets: front matter ``lang:`` and the disclosure
    keys, ``<html lang>``, the disclosure ``<meta>`` tags and the alternates' ``<link>``."""
    text = re.sub(r"^lang: \w+\n", "", text, count=1, flags=re.MULTILINE)
    text = re.sub(rf"^(?:{'|'.join(disclosure.KEYS)}): .*\n", "", text, flags=re.MULTILINE)
    text = re.sub(rf'<meta name="(?:{"|".join(disclosure.KEYS)})" content="[^"]*">', "", text)
    text = re.sub(r'<link rel="alternate" hreflang="[^"]*" href="[^"]*">', "", text)
    return re.sub(r'(<html[^>]*? lang=")[^"]*"', r'\1"', text, count=1)


# ---------------------------------------------------------------- extraction


def test_extract_writes_one_catalog_per_article_and_target_language(newsroom: Path) -> None:
    report = project_extract(newsroom)

    catalogs = sorted(p.relative_to(newsroom).as_posix() for p in (newsroom / "locales").rglob("*.po"))
    # Korean text needs English and English text needs Korean: the English story's
    # Korean quote and the scraped page's English headline give both of them two.
    assert catalogs == [
        "locales/en/news/port-opening.md.po",
        "locales/en/news/rail-strike.md.po",
        "locales/en/news/scraped.txt.po",
        "locales/ko/news/rail-strike.md.po",
        "locales/ko/news/scraped.txt.po",
    ]
    assert report.count("created") == 5


def project_extract(root: Path, **kwargs: object) -> extracting.ExtractReport:
    return extracting.extract(settings(root), **kwargs)  # type: ignore[arg-type]


def test_bilingual_article_feeds_both_catalogs(newsroom: Path) -> None:
    project_extract(newsroom)
    english = polib.pofile(str(newsroom / "locales/en/news/rail-strike.md.po"))
    korean = polib.pofile(str(newsroom / "locales/ko/news/rail-strike.md.po"))

    assert [e.msgid for e in english] == ['"우리는 시민의 발을 멈추고 싶지 않았다," a union spokesperson said.']
    assert "Rail unions call off weekend strike" in [e.msgid for e in korean]
    assert all(e.msgstr == "" for e in korean), "a new language starts untranslated, never with the source copied"


def test_entries_carry_line_kind_and_headers(newsroom: Path) -> None:
    project_extract(newsroom)
    po = polib.pofile(str(newsroom / "locales/en/news/port-opening.md.po"))
    heading = po.find("부산 신항 자동화 부두 개장")

    assert heading is not None
    assert heading.occurrences == [("content/news/port-opening.md", "9")]
    assert heading.comment == "heading\narticle: 부산 신항에 자동화 부두 문 열어 (content/news/port-opening.md)"
    assert po.metadata["Language"] == "en"
    assert po.metadata["X-Source-Language"] == "ko"
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    msgids = [e.msgid for e in po]
    assert "code stays as it is" not in msgids
    assert "이수진 기자" not in msgids, "bylines are never translated"
    assert "부산항만공사는 2일 신항 서측에 **완전 자동화 부두**를 개장했다고 밝혔다.\n새 부두는 [공사 누리집](https://example.org/port)에서 실시간 현황을 공개한다." in msgids


def test_scraped_page_keeps_copyright_out_and_bullets_per_line(newsroom: Path) -> None:
    project_extract(newsroom)
    po = polib.pofile(str(newsroom / "locales/en/news/scraped.txt.po"))
    msgids = [e.msgid for e in po]

    assert "메모리 수출 15% 증가" in msgids
    assert not any("Copyright" in m for m in msgids)
    korean_catalog = polib.pofile(str(newsroom / "locales/ko/news/scraped.txt.po"))
    assert [e.msgid for e in korean_catalog] == ["Chip exports rise for third month"]


@requires_msgfmt
def test_every_catalog_passes_msgfmt_check(newsroom: Path) -> None:
    project_extract(newsroom)
    for path in (newsroom / "locales").rglob("*.po"):
        result = msgfmt_check(path)
        assert result.returncode == 0, result.stderr


def test_extract_twice_leaves_catalogs_untouched(newsroom: Path) -> None:
    project_extract(newsroom)
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (newsroom / "locales").rglob("*.po")}

    report = project_extract(newsroom)

    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (newsroom / "locales").rglob("*.po")}
    assert after == before
    assert report.count("unchanged") == 5
    assert report.out_of_date == []


def test_extract_without_its_manifest_reaches_the_same_bytes(newsroom: Path) -> None:
    project_extract(newsroom)
    before = snapshot(newsroom)
    shutil.rmtree(newsroom / ".cache")

    report = project_extract(newsroom)

    assert snapshot(newsroom) == before
    assert report.count("unchanged") == 5


def test_changed_paragraph_keeps_its_translation_as_fuzzy(newsroom: Path) -> None:
    project_extract(newsroom)
    fill_catalogs(newsroom, translate=lambda msgid: "EN: " + msgid)
    article = newsroom / "content/news/rail-strike.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("by 4.5 percent", "by 4.8 percent"), encoding="utf-8"
    )

    report = project_extract(newsroom)

    po = polib.pofile(str(newsroom / "locales/ko/news/rail-strike.md.po"))
    changed = next(e for e in po if "4.8 percent" in e.msgid)
    assert changed.fuzzy
    assert "4.5 percent" in changed.previous_msgid
    assert changed.msgstr.startswith("EN: ") and "4.5 percent" in changed.msgstr
    assert [c.fuzzy for c in report.catalogs if c.path.endswith("ko/news/rail-strike.md.po")] == [1]


def test_removed_segment_becomes_obsolete_and_comes_back(newsroom: Path) -> None:
    project_extract(newsroom)
    fill_catalogs(newsroom, translate=lambda msgid: "EN: " + msgid)
    article = newsroom / "content/news/rail-strike.md"
    original = article.read_text(encoding="utf-8")
    article.write_text(original.replace("## What changed\n\n", ""), encoding="utf-8")

    project_extract(newsroom)
    po = polib.pofile(str(newsroom / "locales/ko/news/rail-strike.md.po"))
    obsolete = [e for e in po.obsolete_entries()]
    assert [e.msgid for e in obsolete] == ["What changed"]
    assert obsolete[0].msgstr == "EN: What changed"

    article.write_text(original, encoding="utf-8")
    project_extract(newsroom)
    po = polib.pofile(str(newsroom / "locales/ko/news/rail-strike.md.po"))
    revived = po.find("What changed")
    assert revived is not None and not revived.obsolete and not revived.fuzzy
    assert revived.msgstr == "EN: What changed"


def test_deleted_article_catalog_is_reported_and_kept_until_prune(newsroom: Path) -> None:
    project_extract(newsroom)
    (newsroom / "content/news/scraped.txt").unlink()

    report = project_extract(newsroom)
    assert [c.path for c in report.catalogs if c.action == "orphaned"] == [
        "locales/en/news/scraped.txt.po",
        "locales/ko/news/scraped.txt.po",
    ]
    assert (newsroom / "locales/en/news/scraped.txt.po").exists()

    report = project_extract(newsroom, prune=True)
    assert report.count("pruned") == 2
    assert not (newsroom / "locales/en/news/scraped.txt.po").exists()


def test_check_reports_out_of_date_catalogs_and_writes_nothing(newsroom: Path) -> None:
    before = snapshot(newsroom)

    report = project_extract(newsroom, check=True)

    assert len(report.out_of_date) == 5
    assert snapshot(newsroom) == before
    project_extract(newsroom)
    assert project_extract(newsroom, check=True).out_of_date == []


def test_sentence_mode_splits_paragraphs(newsroom: Path) -> None:
    newsroom.joinpath("l10n.toml").write_text('languages = ["ko", "en"]\nsegment = "sentence"\n', encoding="utf-8")
    project_extract(newsroom)
    po = polib.pofile(str(newsroom / "locales/en/news/scraped.txt.po"))
    msgids = [e.msgid for e in po]
    assert "반도체 수출이 석 달 연속 늘었다." in msgids
    assert "산업통상자원부는 11월 반도체 수출액이 작년보다 12% 늘었다고 밝혔다." in msgids


# ---------------------------------------------------------------- building


def test_identity_translations_rebuild_every_article_byte_for_byte(newsroom: Path) -> None:
    project_extract(newsroom)
    fill_catalogs(newsroom)
    publish_what_translators_write(newsroom)  # identity translations echo the source: a QA error

    # copy_sources: the source-language edition too, so every pair can be compared
    report = building.build(settings(newsroom, copy_sources=True))

    assert report.count("written") == 6
    for article in (newsroom / "content").rglob("*.*"):
        rel = article.relative_to(newsroom / "content")
        for lang in ("ko", "en"):
            built = (newsroom / "build" / lang / rel).read_text(encoding="utf-8")
            source = article.read_text(encoding="utf-8")
            assert without_language_key(built) == without_language_key(source), (rel, lang)


def test_build_writes_each_article_in_its_target_languages_only(newsroom: Path) -> None:
    project_extract(newsroom)
    fill_catalogs(newsroom)  # nothing untranslated is built
    publish_what_translators_write(newsroom)

    report = building.build(settings(newsroom))

    built = sorted(p.relative_to(newsroom / "build").as_posix() for p in (newsroom / "build").rglob("*.*"))
    assert built == [
        "en/news/port-opening.md",  # a Korean story: English only
        "en/news/rail-strike.md",  # an English story with a Korean quote: both
        "en/news/scraped.txt",
        "ko/news/rail-strike.md",
        "ko/news/scraped.txt",  # the scraped page has English lines too
    ]
    assert report.count("written") == 5 and report.count("source") == 1
    assert all(result.action != "source" for result in report.articles)  # counted, not listed


def test_build_replaces_translated_segments_and_sets_the_language(newsroom: Path) -> None:
    project_extract(newsroom)
    publish_what_translators_write(newsroom)  # one heading translated is enough
    fill_catalogs(newsroom, translate=lambda msgid: {"부산 신항 자동화 부두 개장": "Busan New Port opens automated terminal"}.get(msgid, ""))

    building.build(settings(newsroom), langs=["en"])

    built = (newsroom / "build/en/news/port-opening.md").read_text(encoding="utf-8")
    assert "# Busan New Port opens automated terminal\n" in built
    assert "\nlang: en\n" in built  # the disclosure keys follow it
    assert "부산항만공사는" in built, "untranslated segments keep the source text"


def test_build_skips_articles_below_min_coverage_and_says_why(newsroom: Path) -> None:
    project_extract(newsroom)
    fill_catalogs(newsroom, translate=lambda msgid: {"부산 신항 자동화 부두 개장": "Busan New Port opens automated terminal"}.get(msgid, ""))
    publish_what_translators_write(newsroom)

    report = building.build(settings(newsroom), langs=["en"], coverage=50)

    # Below the coverage an article is blocked now, with the reason, and never written.
    skipped = [a for a in report.articles if a.action == "blocked"]
    assert {a.article for a in skipped} == {
        "content/news/port-opening.md",
        "content/news/rail-strike.md",
        "content/news/scraped.txt",
    }
    port = next(a for a in skipped if a.article == "content/news/port-opening.md")
    assert "below the coverage of 50%" in port.reason
    assert all("may be published" in a.reason for a in skipped)
    assert not (newsroom / "build/en/news/port-opening.md").exists()


def test_build_twice_writes_nothing_the_second_time(newsroom: Path) -> None:
    project_extract(newsroom)
    fill_catalogs(newsroom)
    building.build(settings(newsroom))
    before = {p: p.stat().st_mtime_ns for p in (newsroom / "build").rglob("*.*")}

    report = building.build(settings(newsroom))

    assert report.count("written") == 0
    assert {p: p.stat().st_mtime_ns for p in (newsroom / "build").rglob("*.*")} == before


def test_build_rewrites_an_output_someone_edited(newsroom: Path) -> None:
    project_extract(newsroom)
    fill_catalogs(newsroom)
    publish_what_translators_write(newsroom)
    building.build(settings(newsroom))
    output = newsroom / "build/en/news/rail-strike.md"
    good = output.read_bytes()
    output.write_text("vandalised", encoding="utf-8")

    report = building.build(settings(newsroom))

    assert output.read_bytes() == good
    assert report.count("written") == 1


def test_hugo_style_output_beside_the_source_is_not_extracted_again(newsroom: Path) -> None:
    with (newsroom / "l10n.toml").open("a", encoding="utf-8") as file:
        file.write('output = "{dir}/{stem}.{lang}{ext}"\n')  # where extract reads it too
    hugo = settings(newsroom)
    extracting.extract(hugo)
    fill_catalogs(newsroom)
    publish_what_translators_write(newsroom)
    building.build(settings(newsroom))
    assert (newsroom / "content/news/port-opening.en.md").exists()

    report = extracting.extract(hugo)

    assert report.articles == 3
    assert report.out_of_date == []


def test_crlf_and_bom_survive_the_rebuild(newsroom: Path) -> None:
    article = newsroom / "content/news/windows.md"
    article.write_bytes("\ufeff# 창원 소식\r\n\r\n창원시가 새 버스 노선을 발표했다.\r\n".encode("utf-8"))
    project_extract(newsroom)
    fill_catalogs(newsroom)
    publish_what_translators_write(newsroom)

    building.build(settings(newsroom), langs=["en"])

    assert (newsroom / "build/en/news/windows.md").read_bytes() == article.read_bytes()


def test_legacy_cp949_article_is_read_with_a_notice(newsroom: Path) -> None:
    (newsroom / "content/news/legacy.txt").write_bytes("서울시는 오늘 새 예산안을 발표했다.\n".encode("cp949"))

    report = project_extract(newsroom)

    assert any("legacy.txt" in n and "CP949" in n for n in report.notices)
    po = polib.pofile(str(newsroom / "locales/en/news/legacy.txt.po"))
    assert [e.msgid for e in po] == ["서울시는 오늘 새 예산안을 발표했다."]


def test_nfd_hangul_is_normalised_to_nfc(newsroom: Path) -> None:
    import unicodedata

    (newsroom / "content/news/mac.txt").write_text(unicodedata.normalize("NFD", "대구 날씨는 맑다.\n"), encoding="utf-8")
    project_extract(newsroom)
    po = polib.pofile(str(newsroom / "locales/en/news/mac.txt.po"))
    assert [e.msgid for e in po] == ["대구 날씨는 맑다."]


# ---------------------------------------------------------------- bad input


BAD_ARTICLES = [
    ("bad.txt", b"\xff\xfe\xfa broken\n", "bad.txt:1", "neither UTF-8 nor CP949", "UTF-8"),
    ("nul.md", b"# Title\n\nbody\x00\n", "nul.md:3", "NUL byte", "encoding"),
    ("eot.md", b"# Title\n\nbody\x04\n", "eot.md:3", "EOT control character", "invisible character"),
    ("open.md", b"---\ntitle: x\n\nBody text here.\n", "open.md:1", "front matter", "---"),
    ("yaml.md", b"---\ntitle: [unclosed\n---\n\nBody.\n", "yaml.md:", "YAML", ""),
    (
        "bomb.md",
        b"---\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        b"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\ntitle: Hello\n---\n\nText.\n",
        "bomb.md:2",
        "",
        "",
    ),
]


@pytest.mark.parametrize("name, data, where, what, hint", BAD_ARTICLES, ids=[b[0] for b in BAD_ARTICLES])
def test_bad_article_names_file_and_line_and_changes_nothing(
    newsroom: Path, name: str, data: bytes, where: str, what: str, hint: str
) -> None:
    project_extract(newsroom)
    (newsroom / "content/news" / name).write_bytes(data)
    before = snapshot(newsroom)

    with pytest.raises(L10nError) as caught:
        project_extract(newsroom)

    assert str(caught.value).startswith("content/news/" + where)
    assert what in str(caught.value)
    assert caught.value.hint and hint in caught.value.hint
    assert snapshot(newsroom) == before


@requires_msgfmt
def test_an_article_with_a_bell_character_extracts_and_its_catalog_reads_back(newsroom: Path) -> None:
    # A BEL pasted from a terminal is written as \a; the tool must read what it wrote.
    (newsroom / "content/news/bell.md").write_text("# 경보\n\n경보음\a이 울렸다.\n", encoding="utf-8")
    project_extract(newsroom)

    catalog = newsroom / "locales/en/news/bell.md.po"
    assert '"경보음\\a이 울렸다."' in catalog.read_text(encoding="utf-8")
    assert "경보음\a이 울렸다." in [entry.msgid for entry in read_catalog(catalog, "bell.md.po").live()]
    assert msgfmt_check(catalog).returncode == 0


def test_symlink_leaving_the_content_folder_is_refused(newsroom: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.md"
    outside.write_text("# Not an article\n", encoding="utf-8")
    os.symlink(outside, newsroom / "content/news/link.md")

    with pytest.raises(L10nError) as caught:
        project_extract(newsroom)

    assert caught.value.path == "content/news/link.md"
    assert "leaves the content folder" in caught.value.message
    assert not (newsroom / "locales").exists()


def test_article_argument_outside_content_is_refused(newsroom: Path) -> None:
    (newsroom / "notes.md").write_text("# notes\n", encoding="utf-8")
    with pytest.raises(L10nError) as caught:
        project_extract(newsroom, only=["notes.md"])
    assert "not inside the content folder" in caught.value.message
    with pytest.raises(L10nError):
        project_extract(newsroom, only=["content/../notes.md"])


def test_broken_catalog_is_reported_and_never_overwritten(newsroom: Path) -> None:
    project_extract(newsroom)
    broken = newsroom / "locales/en/news/port-opening.md.po"
    text = broken.read_text(encoding="utf-8")
    broken.write_text(text.replace('msgstr ""\n\n#.', 'msgstr "unterminated\n\n#.', 1), encoding="utf-8")
    (newsroom / "content/news/port-opening.md").write_text("# 새 제목\n", encoding="utf-8")
    before = snapshot(newsroom)

    with pytest.raises(L10nError) as caught:
        project_extract(newsroom)

    assert caught.value.path == "locales/en/news/port-opening.md.po"
    assert caught.value.line is not None
    assert snapshot(newsroom) == before


def add_briefs(root: Path, count: int) -> None:
    """Enough short Korean articles for a run to use worker processes."""
    for number in range(count):
        (root / f"content/news/brief-{number:02d}.md").write_text(
            f"# 속보 {number}번\n\n오늘 {number}번째 소식입니다.\n", encoding="utf-8"
        )


def run_command(root: Path, command: str) -> None:
    if command == "extract":
        project_extract(root)
    else:
        building.build(settings(root))


@pytest.mark.parametrize("command", ["extract", "build"])
def test_a_bad_article_in_a_large_parallel_run_leaves_no_trace(newsroom: Path, command: str) -> None:
    # Past 64 articles the work is spread over worker processes, which write
    # temporary files themselves; one bad article must still leave nothing behind.
    add_briefs(newsroom, 80)
    project_extract(newsroom)
    (newsroom / "content/news/brief-40.md").write_bytes(b"---\ntitle: [broken\n---\n\nText.\n")
    (newsroom / "content/news/brief-41.md").write_text("# 바뀐 제목\n", encoding="utf-8")
    before = snapshot(newsroom)

    with pytest.raises(L10nError) as caught:
        run_command(newsroom, command)

    assert caught.value.path == "content/news/brief-40.md"
    assert snapshot(newsroom) == before
    leftovers = [p for p in newsroom.rglob(".*.tmp")]
    assert leftovers == []


def test_glossary_terms_are_shown_to_the_translator(newsroom: Path) -> None:
    project_extract(newsroom)
    (newsroom / "glossary.tsv").write_text("ko\ten\tnote\n부산항만공사\tBusan Port Authority\t\n", encoding="utf-8")

    report = project_extract(newsroom)  # a glossary change re-extracts, manifest or not

    po = polib.pofile(str(newsroom / "locales/en/news/port-opening.md.po"))
    lede = next(e for e in po if e.msgid.startswith("부산항만공사는"))
    assert lede.comment == (
        "paragraph\nglossary: 부산항만공사 = Busan Port Authority\narticle: 부산 신항에 자동화 부두 문 열어 (content/news/port-opening.md)"
    )
    assert report.count("updated") == 1


def test_every_sample_article_in_the_repo_round_trips(tmp_path: Path) -> None:
    # The articles a newcomer sees first: identity translations rebuild them exactly.
    repo = Path(__file__).resolve().parent.parent
    root = tmp_path / "samples"
    shutil.copytree(repo / "content", root / "content")
    extracting.extract(settings(root))
    fill_catalogs(root)
    publish_what_translators_write(root)
    building.build(settings(root, copy_sources=True))
    sources = sorted(p for p in (root / "content").rglob("*") if p.is_file())
    assert len(sources) >= 5
    for source in sources:
        rel = source.relative_to(root / "content")
        for lang in ("ko", "en"):
            built = (root / "build" / lang / rel).read_text(encoding="utf-8")
            assert without_language_key(built) == without_language_key(source.read_text(encoding="utf-8")), (rel, lang)


@pytest.mark.parametrize("command", ["extract", "build"])
def test_a_link_out_of_content_late_in_a_large_run_leaves_no_trace(
    newsroom: Path, tmp_path: Path, command: str
) -> None:
    # The walk meets the bad link after workers have started on earlier articles:
    # their temporary files and the folders made for them must all go.
    add_briefs(newsroom, 80)
    if command == "build":
        project_extract(newsroom)
    outside = tmp_path / "outside.md"
    outside.write_text("# 밖\n", encoding="utf-8")
    (newsroom / "content/zz").mkdir()
    os.symlink(outside, newsroom / "content/zz/late-link.md")
    before = snapshot(newsroom)

    with pytest.raises(L10nError) as caught:
        run_command(newsroom, command)

    assert caught.value.path == "content/zz/late-link.md"
    assert snapshot(newsroom) == before
    assert not (newsroom / ("locales" if command == "extract" else "build")).exists()
    assert list(newsroom.rglob(".*.tmp")) == []


FARES = "---\ntitle: 버스 요금 인상\n---\n\n# 버스 요금 인상\n\n시내버스 요금이 다음 달 오른다.\n"
FARES_PO = "locales/en/news/fares.md.po"


def test_a_headline_that_is_title_and_heading_is_one_entry_filled_once(newsroom: Path) -> None:
    (newsroom / "content/news/fares.md").write_text(FARES, encoding="utf-8")
    project_extract(newsroom)
    po = polib.pofile(str(newsroom / FARES_PO))
    headline = [e for e in po if e.msgid == "버스 요금 인상"]
    assert [(e.msgctxt, e.occurrences) for e in headline] == [
        (None, [("content/news/fares.md", "2"), ("content/news/fares.md", "5")])
    ]

    fill_catalogs(newsroom, translate=lambda msgid: {"버스 요금 인상": "Bus fares to rise"}.get(msgid, ""))
    publish_what_translators_write(newsroom)  # the rest of the article may stay in Korean here
    building.build(settings(newsroom, min_coverage=0), langs=["en"])

    built = (newsroom / "build/en/news/fares.md").read_text(encoding="utf-8")
    assert "title: Bus fares to rise\n" in built
    assert "\n# Bus fares to rise\n" in built


def test_a_catalog_with_the_headline_twice_merges_into_one_entry_keeping_its_translation(newsroom: Path) -> None:
    (newsroom / "content/news/fares.md").write_text(FARES, encoding="utf-8")
    project_extract(newsroom)
    # The catalog as an older extract wrote it: the heading apart, with a context,
    # and only the heading translated.
    po = polib.pofile(str(newsroom / FARES_PO))
    [title] = [e for e in po if e.msgid == "버스 요금 인상"]
    title.occurrences = [("content/news/fares.md", "2")]
    heading = polib.POEntry(
        msgctxt="heading", msgid="버스 요금 인상", msgstr="Bus fares to rise", occurrences=[("content/news/fares.md", "5")]
    )
    po.insert(po.index(title) + 1, heading)
    po.save(str(newsroom / FARES_PO))

    project_extract(newsroom)

    po = polib.pofile(str(newsroom / FARES_PO))
    headline = [e for e in po if e.msgid == "버스 요금 인상" and not e.obsolete]
    assert [(e.msgctxt, e.msgstr, len(e.occurrences)) for e in headline] == [(None, "Bus fares to rise", 2)]


@pytest.mark.parametrize(
    ("target", "folder"),
    [
        ("build/ko/news/a.md", "build/en/news"),  # build/{lang}/{path}
        ("content/news/a.md", "build/en/news"),  # a source published as it is
        ("content/news/a.ko.md", "content/news"),  # {dir}/{stem}.{lang}{ext}, Hugo-style
        ("./build//ko/a.md", "./build/en/"),  # a pattern written with ./ and //
        ("a.ko.md", ""),  # an article at the root of the project
        ("../site/ko/a.md", "build/en"),  # above the root: relpath itself answers
    ],
)
def test_a_version_is_addressed_from_another_as_relpath_addresses_it(target: str, folder: str) -> None:
    assert building._relative_address(target, folder) == posixpath.relpath(posixpath.normpath(target), folder or ".")


@given(
    st.lists(st.text(alphabet="ab.-_ 가", min_size=1, max_size=6).filter(lambda part: part not in (".", "..")), min_size=1, max_size=3)
)
def test_an_article_knows_its_suffix_as_its_path_does(parts: list[str]) -> None:
    # Article.suffix reads the name from ``rel`` as a string; it must agree with the
    # Path it no longer makes, dots at either end of the name included.
    rel = "/".join(parts)
    article = Article(folder="content", rel=rel, display=f"content/{rel}")
    assert article.suffix == Path("content", rel).suffix


def test_every_catalog_folder_is_handed_to_the_staging_and_made(newsroom: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # extract hands each catalog's path to Staging.make_parents as a string: the folders
    # handed over are exactly those of every catalog's path, as handing each catalog's
    # Path would make them, and the catalogs land in them.
    from l10n.store.fileio import Staging

    story = (newsroom / "content/news/port-opening.md").read_text(encoding="utf-8")
    for rel in ("a/one.md", "a/two.md", "a/b/three.md", "c/four.md", "c/five.md"):
        (newsroom / "content" / rel).parent.mkdir(parents=True, exist_ok=True)
        (newsroom / "content" / rel).write_text(story, encoding="utf-8")
    handed: list[str] = []
    make_parents = Staging.make_parents

    def recording(staging: Staging, path: str | Path) -> None:
        handed.append(os.path.dirname(path))
        make_parents(staging, path)

    monkeypatch.setattr(Staging, "make_parents", recording)
    project = config.load(newsroom)
    report = extracting.extract(project)

    from l10n.app import workspace

    every_catalog = {
        os.path.dirname(workspace.catalog_path(project, article, lang))
        for article in workspace.iter_articles(project, ())
        for lang in project.languages
    }
    assert set(handed) == every_catalog  # every folder, and none missed
    for change in report.catalogs:
        if change.action == "created":
            assert (newsroom / change.path).is_file()


def test_what_extract_makes_by_name_is_what_the_constructors_make() -> None:
    # A created catalog's change and an article's extraction are made without their
    # frozen __init__: each must be the very object the constructor makes.
    change = staleness._new_change(
        article="content/a.html", lang="en", path="locales/en/a.html.po", action="created", entries=3, added=3, fuzzy=0, obsoleted=0
    )
    made = staleness.CatalogChange("content/a.html", "en", "locales/en/a.html.po", "created", entries=3, added=3)
    assert vars(change) == vars(made) and change == made and plain_dataclass(staleness.CatalogChange)
    fields = {
        "article": "content/a.html",
        "segments": 2,
        "notices": (),
        "catalogs": ((made, "/tmp/x", "d"),),
        "produced": {"article": "a"},
        "parsed": "row",
        "verdicts": (("en", "locales/en/a.html.po", "{}"),),
        "error": None,
    }
    extraction = extracting._new_extract(**fields)
    assert vars(extraction) == vars(extracting._ArticleExtract(**fields)) and plain_dataclass(extracting._ArticleExtract)


OUTPUT_DISPLAYS = st.lists(st.sampled_from(["srv", "site", "ko", "a.html", ".", "..", "", "b c"]), min_size=1, max_size=5).map("/".join)


@example("srv/site/a.html", "/")  # an absolute pattern that leads back into the project
@example("./ko//a.html", "")
@given(OUTPUT_DISPLAYS, st.sampled_from(["", "/"]))
def test_an_output_is_shown_as_its_joined_path_shows_it(display: str, lead: str) -> None:
    # build takes an output's display path as it is when the Path joined from it would
    # give it back unchanged, and asks display_of otherwise: the two must agree.
    from types import SimpleNamespace

    project = SimpleNamespace(root=Path("/srv/site"))
    path = project.root / (lead + display)
    assert building._shown(project, path, lead + display) == building.workspace.display_of(project, path)  # type: ignore[arg-type]
