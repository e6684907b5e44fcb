"""Status: how much is left to translate, sized the way the trade bills it."""

from __future__ import annotations

import re
import shutil
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.app import check as checking
from l10n.app import config, extract, workspace
from l10n.app import status as statusing
from l10n.app.status_report import ArticleStatus, Filters, summarise
from l10n.app.tally import Item, Size, measure, size_of, tally, tally_entries
from l10n.formats import base
from l10n.model import State
from l10n.text.language import detect_language, readable_text

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tests/fixtures/report: a Korean and an English article, their catalogs, a glossary."""
    root = tmp_path / "newsroom"
    shutil.copytree(FIXTURES / "report", root)
    monkeypatch.chdir(root)
    return root


@pytest.mark.parametrize(
    ("text", "lang", "size"),
    [
        ("Rail unions called off a planned strike.", "en", Size(en_words=7)),
        ("부산항만공사는 2일 밝혔다.", "ko", Size(ko_chars=13, ko_words=3)),
        # Decomposed Hangul (as typed on macOS) counts as the same syllables.
        ("\u1107\u116e\u1109\u1161\u11ab 항", "ko", Size(ko_chars=3, ko_words=2)),
        ("See [the report](https://example.org/a/very/long/path) now.", "en", Size(en_words=4)),
    ],
)
def test_size_is_english_words_or_korean_characters_without_spaces(text: str, lang: str, size: Size) -> None:
    assert measure(text, lang) == size


@settings(max_examples=300, deadline=None)
@given(st.text(st.sampled_from(" \t\n\x0b\x0c\x1c\x1f\x85a7.,-_!?()"), max_size=40))  # \x1c-\x1f, \x85: spaces too
def test_a_word_is_any_piece_between_spaces_with_a_letter_or_digit(text: str) -> None:
    # measure()'s NFC and readable-text steps leave such a text as it is (no URL can form).
    pieces_with_letters = sum(1 for piece in text.split() if any(char.isalnum() or char == "_" for char in piece))
    assert measure(text, "en").en_words == pieces_with_letters


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from(" \t\n\u3000\u00a0\u2028\x1c\x85a7_.-—()«가・\u0301①²"), max_size=30) | st.text(max_size=30))
def test_words_are_the_runs_between_spaces_that_the_word_pattern_finds(text: str) -> None:
    # tally counts str.split()'s runs less those without \w, for speed; the definition is this findall.
    expected = len(re.findall(r"\S*\w\S*", readable_text(unicodedata.normalize("NFC", text))))
    assert measure(text, "en").en_words == expected
    assert measure(text, "ko").ko_words == expected


class Counted(NamedTuple):
    """What tally_entries reads of a catalog entry."""

    state: State
    msgid: str


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(list(State)), st.text(alphabet=st.sampled_from("가나 ab1.\u0301\u1100\u1161<`"), max_size=12))))
def test_tallying_entries_adds_up_their_items(entries: list[tuple[State, str]]) -> None:
    # tally_entries adds plain numbers instead of making an Item per entry: the same tally.
    counted = [Counted(state, msgid) for state, msgid in entries]
    assert tally_entries(counted) == tally(Item(state, size_of(msgid)) for state, msgid in entries)


_MARK_LINES = st.sampled_from(
    [
        "",
        "l10n: reviewed 2026-12-04 h:f8e2e2e6 by Kim Min-ji",
        "l10n: machine deepl 2026-11-30 h:0ddc2992",
        "l10n: rejected 2026-11-02 h:a9b555f9 by Lee Jun\nthe figure is wrong",
        "a translator's note",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.text(st.sampled_from("가a. "), min_size=1, max_size=6),
    st.sampled_from(["", "", "Busan", " "]),
    st.sampled_from([(), ("fuzzy",), ("fuzzy", "python-format")]),
    st.none() | st.just("옛 문장"),
    _MARK_LINES,
    st.sampled_from(["", "번역"]),
)
def test_an_entry_without_a_translation_is_counted_untranslated_as_its_state_says(
    msgid: str, msgstr: str, flags: tuple[str, ...], previous_msgid: str | None, tcomment: str, plural_form: str
) -> None:
    # An entry's state does not read its marks when it has no msgstr: the state rules
    # (po/states.py) call every such entry untranslated, and no other.
    from l10n.po.entry import Entry
    from l10n.po.states import state_of

    plural = {"msgid_plural": f"{msgid}s", "msgstr_plural": (plural_form, plural_form)} if plural_form else {}
    entry = Entry(msgid, msgstr, flags=flags, previous_msgid=previous_msgid, tcomment=tcomment, **plural)  # type: ignore[arg-type]
    assert entry.state is state_of(entry.facts)  # the rules as written, marks read by state_of itself
    assert (entry.state is State.UNTRANSLATED) == (not entry.msgstr)


def test_korean_characters_convert_to_english_word_equivalents() -> None:
    assert Size(en_words=10, ko_chars=23).words == pytest.approx(20.0)


def test_done_counts_translated_and_reviewed_entries() -> None:
    counted = tally(
        [
            Item(State.UNTRANSLATED, Size(en_words=10)),
            Item(State.MACHINE, Size(en_words=10)),
            Item(State.TRANSLATED, Size(en_words=20)),
            Item(State.REVIEWED, Size(en_words=40)),
        ]
    )
    assert counted.total == 4 and counted.done == 2
    assert counted.percent_done == 50.0
    assert counted.percent_done_words == pytest.approx(75.0)
    assert counted.size(State.MACHINE).words == 10


def _article(name: str, lang: str, *states: State) -> ArticleStatus:
    return ArticleStatus(name, lang, f"locales/{lang}/{name}.po", tally(Item(s, Size(en_words=1)) for s in states))


ARTICLES = [
    _article("content/2026/b.md", "en", State.MACHINE, State.REVIEWED),
    _article("content/2025/a.md", "en", State.REVIEWED),
    _article("content/2026/a.md", "en", State.TRANSLATED, State.UNTRANSLATED),
    _article("content/2026/c.md", "ko", State.REVIEWED),
]


def test_articles_are_grouped_by_language_and_sorted_by_path() -> None:
    report = summarise(ARTICLES, ["ko", "en"])
    assert [lang.lang for lang in report.languages] == ["ko", "en"]
    assert [a.article for a in report.languages[1].articles] == ["content/2025/a.md", "content/2026/a.md", "content/2026/b.md"]
    assert report.total.total == 6 and report.total.done == 4


@pytest.mark.parametrize(
    ("filters", "shown"),
    [
        (Filters(langs=("ko",)), ["content/2026/c.md"]),
        (Filters(articles=("content/2026/*",)), ["content/2026/c.md", "content/2026/a.md", "content/2026/b.md"]),
        (Filters(states=(State.MACHINE, State.UNTRANSLATED)), ["content/2026/a.md", "content/2026/b.md"]),
    ],
)
def test_filters_choose_languages_articles_and_states(filters: Filters, shown: list[str]) -> None:
    report = summarise(ARTICLES, ["ko", "en"], filters)
    assert [a.article for lang in report.languages for a in lang.articles] == shown


def test_status_of_the_sample_newsroom(project: Path) -> None:
    report = statusing.status(config.load(project))
    by_lang = {lang.lang: lang for lang in report.languages}
    english = by_lang["en"].tally  # the Korean article, translated into English
    assert english.count(State.MACHINE) == 1 and english.count(State.REVIEWED) == 2 and english.count(State.TRANSLATED) == 3
    assert english.total_size.ko_chars > 0 and english.total_size.en_words == 0
    korean = by_lang["ko"].tally  # the English article, translated into Korean
    assert korean.percent_done == 100.0 and korean.total_size.en_words == 28


def test_an_article_without_catalogs_counts_as_untranslated(project: Path) -> None:
    (project / "content/2026/new.md").write_text("# 새 기사\n\n아직 번역하지 않은 문단이다.\n", encoding="utf-8")
    report = statusing.status(config.load(project), filters=Filters(langs=("en",), articles=("*/new.md",)))
    (article,) = report.languages[0].articles
    assert not article.has_catalog
    assert article.tally.count(State.UNTRANSLATED) == 2 and article.tally.percent_done == 0.0


def test_after_extract_status_reads_catalogs_without_parsing_articles(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A project as extract left it: an article with no catalog in a language has
    nothing for it (extract would have written one), so status need not parse it."""
    settings = config.load(project)
    extract.extract(settings)
    before = statusing.status(settings)
    parsed: list[str] = []
    parse = workspace.parse_article
    monkeypatch.setattr(workspace, "parse_article", lambda c, article, *rest: parsed.append(article.display) or parse(c, article, *rest))
    assert statusing.status(settings) == before
    assert parsed == []
    # Once an article changes, status cannot trust that, and parses again.
    (project / "content/2026/new.md").write_text("# 새 기사\n\n아직 번역하지 않은 문단이다.\n", encoding="utf-8")
    report = statusing.status(settings, filters=Filters(langs=("en",), articles=("*/new.md",)))
    assert not report.languages[0].articles[0].has_catalog
    assert "content/2026/new.md" in parsed


def test_with_catalogs_edited_since_extract_status_and_check_reuse_its_parsed_articles(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A translator saved a catalog after extract: status and check compare catalogs
    with their articles again, taking the articles' segments from extract's parse
    cache instead of parsing them, and say exactly what a run without it says."""
    settings = config.load(project)
    extract.extract(settings)
    catalog = project / "locales/en/2026/port.md.po"
    catalog.write_text(catalog.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    calls: list[str] = []
    segment = base.segment
    monkeypatch.setattr(base, "segment", lambda fmt, text, options: calls.append(text) or segment(fmt, text, options))
    def reports() -> tuple:
        # The check's own duration (for JUnit's time) differs between any two runs.
        return statusing.status(settings), replace(checking.check(settings), seconds=0.0)

    reused = reports()
    assert calls == []
    shutil.rmtree(project / ".cache")
    assert reports() == reused
    assert calls  # without the cache, each article is parsed


@given(st.text(alphabet=st.sampled_from("가나다 abc\u00a0\u3000\t\n.,<>&:@`]()1"), max_size=40) | st.text(max_size=40))
@settings(max_examples=300, deadline=None)
def test_sizing_a_text_once_gives_what_detecting_and_measuring_it_give(text: str) -> None:
    # status and extract size every entry with size_of, which reads the text once.
    assert size_of(text) == measure(text, detect_language(text))


@given(st.text() | st.text(alphabet="<>&\"';amp#x27 한"))
def test_the_status_page_escapes_text_as_the_standard_library_does(text: str) -> None:
    # render_status escapes with its own five replacements instead of importing html.
    import html

    from l10n.cli.render_status import _e

    assert _e(text) == html.escape(text, quote=True)
