"""Re-extracting articles never loses a translator's work, and catalogs are written the
way GNU gettext writes them, only when they change."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import tempfile
from pathlib import Path

import polib
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from l10n.errors import L10nError
from l10n.frozen import plain_dataclass
from l10n.po.catalog import (
    Catalog,
    Entry,
    MergeResult,
    Message,
    format_catalog,
    located,
    merge,
    new_catalog,
    new_catalog_text,
    new_message,
    parse_catalog,
    read_catalog,
    save_catalog,
)
from tests.conftest import requires, requires_msgfmt

HEADER = {
    "Project-Id-Version": "newsroom",
    "Language": "en",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
}

TITLE = "서울시, 심야 버스 노선 확대"
LEAD = "서울시는 내년부터 심야 버스 노선을 열두 개로 늘린다고 밝혔다."
# About 600 characters: a long paragraph in which one word will change.
PARAGRAPH = " ".join(
    [
        "The city government said on Tuesday that it would expand late-night bus routes",
        "from eight to twelve next year, cut the average waiting time to fifteen minutes,",
        "and add stops near hospitals, markets and university campuses where night-shift",
        "workers and students had asked for better service. Officials said the plan",
        "followed a survey of about 3,000 residents, most of whom said they relied on",
        "taxis after midnight because the subway stops running. The expansion will cost",
        "roughly 4.2 billion won a year, and the city will review ridership data after",
        "six months before deciding whether to add more routes in the outer districts.",
    ]
)


def message(msgid: str, line: int = 1, msgctxt: str | None = None) -> Message:
    return Message(msgid, msgctxt, (f"content/bus.md:{line}",), ("paragraph",))


def translated(messages: list[Message], translations: dict[str, str]) -> Catalog:
    """A catalog as a translator left it: some entries translated, one commented."""
    po = merge(None, messages, HEADER).catalog
    for entry in list(po):
        po.update(entry.key, msgstr=translations.get(entry.msgid, ""))
        if entry.msgid == TITLE:
            po.update(entry.key, tcomment="keep it short", flags=(*entry.flags, "no-wrap"))
    return po


def by_msgid(po: Catalog) -> dict[str, Entry]:
    return {entry.msgid: entry for entry in po}


TRANSLATIONS = {TITLE: "Seoul expands night buses", LEAD: "Seoul will add night bus routes.", PARAGRAPH: "번역된 문단."}


def test_a_new_catalog_holds_every_message_untranslated() -> None:
    result = merge(None, [message(TITLE), message(LEAD, 3)], HEADER)
    assert (result.added, result.kept, result.fuzzy, result.obsoleted) == (2, 0, 0, 0)
    assert [(e.msgid, e.msgstr, e.occurrences) for e in result.catalog] == [
        (TITLE, "", [("content/bus.md", "1")]),
        (LEAD, "", [("content/bus.md", "3")]),
    ]
    assert list(result.catalog.metadata) == list(HEADER)


def test_unchanged_reextraction_keeps_translations_comments_and_flags() -> None:
    old = translated([message(TITLE), message(LEAD, 3)], TRANSLATIONS)
    result = merge(old, [message(TITLE, 2), message(LEAD, 5)], HEADER)
    entries = by_msgid(result.catalog)
    assert (result.kept, result.added, result.fuzzy) == (2, 0, 0)
    assert entries[TITLE].msgstr == "Seoul expands night buses"
    assert entries[TITLE].tcomment == "keep it short"
    assert list(entries[TITLE].flags) == ["no-wrap"]
    assert entries[LEAD].occurrences == [("content/bus.md", "5")]  # references follow the article


def test_a_one_word_edit_in_a_long_paragraph_becomes_fuzzy_with_the_old_text() -> None:
    assert 550 < len(PARAGRAPH) < 650
    old = translated([message(PARAGRAPH)], TRANSLATIONS)
    edited = PARAGRAPH.replace("Tuesday", "Wednesday")
    result = merge(old, [message(edited)], HEADER)
    entry = result.catalog[0]
    assert (result.fuzzy, result.obsoleted) == (1, 0)
    assert (entry.msgid, entry.msgstr, list(entry.flags)) == (edited, "번역된 문단.", ["fuzzy"])
    assert entry.previous_msgid == PARAGRAPH
    text = format_catalog(result.catalog)
    assert "#, fuzzy\n#| msgid \"\"\n#| \"The city government said on Tuesday" in text


def test_removed_text_becomes_obsolete_and_comes_back_translated() -> None:
    old = translated([message(TITLE), message(LEAD, 3)], TRANSLATIONS)
    removed = merge(old, [message(TITLE)], HEADER)
    assert removed.obsoleted == 1
    assert [(e.msgid, e.obsolete) for e in removed.catalog] == [(TITLE, False), (LEAD, True)]
    assert f'#~ msgid "{LEAD}"\n#~ msgstr "Seoul will add night bus routes."\n' in format_catalog(
        removed.catalog
    )
    back = merge(removed.catalog, [message(TITLE), message(LEAD, 7)], HEADER)
    assert back.revived == 1
    entry = by_msgid(back.catalog)[LEAD]
    assert (entry.obsolete, entry.msgstr, list(entry.flags)) == (False, "Seoul will add night bus routes.", [])


def test_untranslated_text_that_disappears_is_simply_dropped() -> None:
    old = merge(None, [message(TITLE), message(LEAD)], HEADER).catalog
    result = merge(old, [message(TITLE)], HEADER)
    assert [e.msgid for e in result.catalog] == [TITLE]
    assert result.obsoleted == 0


def test_a_context_change_keeps_the_translation() -> None:
    old = translated([message(TITLE)], TRANSLATIONS)
    result = merge(old, [message(TITLE, msgctxt="headline")], HEADER)
    entry = result.catalog[0]
    assert (entry.msgctxt, entry.msgstr, list(entry.flags)) == ("headline", "Seoul expands night buses", ["no-wrap"])
    assert (result.kept, result.fuzzy, result.obsoleted) == (1, 0, 0)


def test_unrelated_new_text_is_never_given_the_msgid_as_translation() -> None:
    old = translated([message(TITLE)], TRANSLATIONS)
    result = merge(old, [message("Completely different words about the weather")], HEADER)
    entry = result.catalog[0]
    assert (entry.msgstr, list(entry.flags), result.added, result.obsoleted) == ("", [], 1, 1)


def test_merging_is_deterministic() -> None:
    old = translated([message(TITLE), message(LEAD), message(PARAGRAPH)], TRANSLATIONS)
    new = [message(LEAD + " 추가"), message(PARAGRAPH.replace("six", "nine")), message("새 제목")]
    first = format_catalog(merge(old, new, HEADER).catalog)
    second = format_catalog(merge(old, new, HEADER).catalog)
    assert first == second


def test_header_keeps_the_editors_order_updating_ours_in_place() -> None:
    # A PO editor may order the header its own way; re-extraction must not reorder
    # it, or every save in the editor would make the catalog look out of date.
    old = new_catalog({"Language": "en", "Last-Translator": "Kim <kim@example.kr>"})
    result = merge(old, [], {"Project-Id-Version": "newsroom 2", "Language": "en-GB"})
    assert list(result.catalog.metadata.items()) == [
        ("Language", "en-GB"),
        ("Last-Translator", "Kim <kim@example.kr>"),
        ("Project-Id-Version", "newsroom 2"),
    ]


def test_saving_writes_only_when_the_text_changes_and_reads_back_the_same(tmp_path: Path) -> None:
    path = tmp_path / "locales" / "en" / "news.po"
    po = translated([message(TITLE), message(LEAD), message(PARAGRAPH)], TRANSLATIONS)
    assert save_catalog(po, path) is True
    before = os.stat(path)
    again = read_catalog(path, "locales/en/news.po")
    assert format_catalog(again) == path.read_text(encoding="utf-8")
    assert save_catalog(again, path) is False
    after = os.stat(path)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_text_around_a_line_separator_survives_a_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "ls.po"
    po = merge(None, [message("before\u2028after")], HEADER).catalog
    po.update(po[0].key, msgstr="앞\u2028뒤")
    save_catalog(po, path)
    assert [(e.msgid, e.msgstr) for e in read_catalog(path, "ls.po")] == [("before\u2028after", "앞\u2028뒤")]


def test_a_broken_catalog_is_refused_with_its_name_and_line(tmp_path: Path) -> None:
    path = tmp_path / "ko.po"
    path.write_text('msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "unterminated\n', encoding="utf-8")
    with pytest.raises(L10nError) as caught:
        read_catalog(path, "locales/ko/news.po")
    assert (caught.value.location, caught.value.message) == ("locales/ko/news.po:5", "unterminated string")


def test_a_missing_catalog_is_an_error_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(L10nError, match="cannot read"):
        read_catalog(tmp_path / "none.po", "none.po")


@requires_msgfmt
def test_every_catalog_we_write_passes_msgfmt_check(tmp_path: Path) -> None:
    old = translated([message(TITLE), message(LEAD), message(PARAGRAPH)], TRANSLATIONS)
    merged = merge(old, [message(PARAGRAPH.replace("six", "nine")), message("새 제목")], HEADER)
    for name, po in (("new.po", old), ("merged.po", merged.catalog)):
        path = tmp_path / name
        save_catalog(po, path)
        done = subprocess.run(["msgfmt", "--check", "-o", os.devnull, str(path)], capture_output=True, text=True)
        assert done.returncode == 0, done.stderr


@requires("msgmerge")
@pytest.mark.parametrize(
    ("old_text", "new_text"),
    [
        (PARAGRAPH, PARAGRAPH.replace("Tuesday", "Wednesday")),  # one word: fuzzy
        (LEAD, LEAD.replace("열두", "열다섯")),  # a short Korean edit: fuzzy
        (TITLE, "Completely different words about the weather"),  # unrelated: new
    ],
)
def test_fuzzy_matching_agrees_with_msgmerge(tmp_path: Path, old_text: str, new_text: str) -> None:
    old = translated([message(old_text)], {old_text: "번역"})
    ours = merge(old, [message(new_text)], HEADER).catalog
    save_catalog(old, tmp_path / "old.po")
    save_catalog(merge(None, [message(new_text)], HEADER).catalog, tmp_path / "new.pot")
    subprocess.run(
        ["msgmerge", "--quiet", "-o", str(tmp_path / "gnu.po"), str(tmp_path / "old.po"), str(tmp_path / "new.pot")],
        check=True,
    )
    gnu = polib.pofile(str(tmp_path / "gnu.po"))
    theirs = next(e for e in gnu if not e.obsolete)
    assert ("fuzzy" in ours[0].flags, ours[0].msgstr) == ("fuzzy" in theirs.flags, theirs.msgstr)


def test_build_reader_agrees_with_polib(tmp_path: Path) -> None:
    # The build reads translations with the strict lexer alone; it must see exactly
    # what polib sees: fuzzy and obsolete entries out, context kept.
    from l10n.po.catalog import read_translations

    po = new_catalog(HEADER)
    po.append(Entry(msgid="plain", msgstr="done"))
    po.append(Entry(msgid="plain", msgctxt="heading", msgstr="done as heading"))
    po.append(Entry(msgid="draft", msgstr="machine", flags=("fuzzy",)))
    po.append(Entry(msgid="empty", msgstr=""))
    po.append(Entry(msgid="long " * 40 + "\n" + "두 줄 " * 30, msgstr="긴 번역 " * 30 + "\n끝"))
    po.append(Entry(msgid="gone", msgstr="old", obsolete=True))
    path = tmp_path / "x.po"
    save_catalog(po, path)

    expected = {
        (e.msgctxt, e.msgid): e.msgstr
        for e in polib.pofile(str(path))
        if e.msgstr and not e.obsolete and "fuzzy" not in e.flags
    }
    assert read_translations(path, "x.po") == expected
    assert read_translations(path, "x.po", use_fuzzy=True)[(None, "draft")] == "machine"
    assert len(expected) == 3


# --- one pass: what the lexer builds is what polib read, and what it would misread is refused

GOOD_HEAD = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        ('msgid"a"\nmsgstr ""\n', 4, "cannot parse: no space after msgid"),
        ('#fuzzy\nmsgid "a"\nmsgstr ""\n', 4, "cannot parse: unknown comment '#fuzzy'"),
        ('msgid "a"\n#, fuzzy\nmsgstr ""\n', 6, "cannot parse: a #, line inside an entry"),
        ('msgctxt "c"\n# note\nmsgid "a"\nmsgstr ""\n', 5, "cannot parse: translator comment between msgctxt and msgid"),
        (
            'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "x"\n# note\nmsgstr[1] "y"\n',
            8,
            "cannot parse: a comment line between the msgstr[N] lines of an entry",
        ),
        ('msgctxt "c"\n#| msgid "old"\n"more"\nmsgid "a"\nmsgstr ""\n', 6, "cannot parse: a string after a '#|' line continues nothing"),
        ('msgid "a"\n#| "more"\nmsgstr ""\n', 5, "cannot parse: a '#|' string that continues no '#|' line"),
        ('# one\r# two\nmsgid "a"\nmsgstr ""\n', 4, "cannot parse: carriage return inside a line"),
        ('msgid "a"\nmsgstr "x"\n#:\n', 6, "cannot parse: an empty comment line (or '#~|' line) after the last entry"),
    ],
)
def test_what_polib_misread_is_refused_with_its_line(tmp_path: Path, body: str, line: int, message: str) -> None:
    path = tmp_path / "x.po"
    path.write_bytes((GOOD_HEAD + body).encode("utf-8"))
    with pytest.raises(L10nError) as caught:
        read_catalog(path, "locales/en/x.po")
    assert (caught.value.location, caught.value.message) == (f"locales/en/x.po:{line}", message)
    assert caught.value.hint


def test_an_earlier_strict_error_wins_over_a_refusal(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_bytes((GOOD_HEAD + 'msgid"a"\nmsgstr ""\n\nmsgid "b"\nmsgstr "bell \\q"\n').encode("utf-8"))
    with pytest.raises(L10nError) as caught:
        read_catalog(path, "x.po")
    assert (caught.value.line, caught.value.message) == (8, "unsupported escape sequence \\q")


COMMENTED = (
    "# Header comment\n#\n"
    'msgid ""\nmsgstr ""\n"Language: en\\n"\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
    "# l10n: machine google 2026-11-28 h:1a2b3c4d\n#. heading\n#: content/a.md:3 content/b.md\n"
    '#, fuzzy, no-wrap\n#| msgctxt "old"\n#| msgid "was"\n#| "here"\nmsgctxt "title"\nmsgid "Seoul"\nmsgstr "서울"\n\n'
    'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "하나"\nmsgstr[1] "여럿"\n\n'
    '#~ msgid "gone"\n#~ msgstr "사라짐"\n'
)


def test_the_lexer_builds_every_field_polib_read(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    path.write_text(COMMENTED, encoding="utf-8")
    ours = read_catalog(path, "x.po")
    theirs = polib.pofile(str(path), encoding="utf-8")
    assert (dict(ours.metadata), ours.header_comment, ours.header_fuzzy) == (
        theirs.metadata,
        theirs.header,
        bool(theirs.metadata_is_fuzzy),
    )
    assert [
        (e.msgctxt, e.msgid, e.msgstr, e.msgid_plural or "", list(e.msgstr_plural), list(e.flags), e.tcomment,
         e.comment, e.occurrences, e.previous_msgctxt, e.previous_msgid, e.obsolete, e.line)
        for e in ours
    ] == [
        (e.msgctxt, e.msgid, e.msgstr, e.msgid_plural, [e.msgstr_plural[i] for i in sorted(e.msgstr_plural)],
         e.flags, e.tcomment, e.comment, e.occurrences, e.previous_msgctxt, e.previous_msgid, e.obsolete, e.linenum)
        for e in theirs
    ]
    assert format_catalog(ours) == COMMENTED.replace('#| msgid "was"\n#| "here"', '#| msgid "washere"')


TEXT = st.text(st.sampled_from([*list('서울 정부 news "quoted" \\ \n\t·…'), "\u2028", "😀"]), max_size=60)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(TEXT, TEXT, st.one_of(st.none(), TEXT), st.one_of(st.none(), TEXT), st.booleans(), st.booleans(), TEXT),
        max_size=12,
    )
)
def test_read_write_round_trip(rows: list[tuple]) -> None:
    po = new_catalog(HEADER)
    for number, (msgid, msgstr, msgctxt, previous, fuzzy, obsolete, note) in enumerate(rows):
        po.append(
            Entry(
                msgid=f"{msgid} {number}",
                msgstr=msgstr,
                msgctxt=msgctxt,
                previous_msgid=None if obsolete else previous,  # "#~|" lines are not read back
                flags=("fuzzy",) if fuzzy else (),
                tcomment=" ".join(note.split()),
                comment="paragraph",
                references=(f"content/{number}.md:{number + 1}",),
                obsolete=obsolete and bool(msgstr),
            )
        )
    text = format_catalog(po)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.po"
        path.write_text(text, encoding="utf-8")
        again = read_catalog(path, "x.po")
    assert format_catalog(again) == text


def test_a_merged_catalog_knows_the_lines_its_text_puts_its_entries_on() -> None:
    # Extract judges a catalog it has just merged without reading its text back:
    # located() must give every live entry exactly what parsing the text gives.
    po = translated([message(TITLE, 2), message(LEAD, 4), message(PARAGRAPH, 6)], TRANSLATIONS)
    po.update(next(po.live()).key, tcomment="first line\nsecond line")
    changed = merge(po, [message(TITLE, 2), message(PARAGRAPH.replace("twelve", "thirteen"), 6)], HEADER).catalog
    assert any(entry.obsolete for entry in changed) and any(entry.fuzzy for entry in changed)
    for catalog in (po, changed, merge(None, [message(LEAD, 3)], {}).catalog):
        text = format_catalog(catalog)
        read_back = parse_catalog(text.encode("utf-8"), "bus.md.po")
        assert [(e, e.line) for e in located(catalog, text).live()] == [(e, e.line) for e in read_back.live()]


def test_placing_entries_on_their_lines_changes_nothing_else_about_them() -> None:
    # located() copies each entry with its line set, as dataclasses.replace would,
    # whether or not the entry has already worked out its state. It copies the
    # entry's __dict__, which holds all there is to an entry while Entry stays a
    # plain dataclass.
    assert plain_dataclass(Entry)
    po = translated([message(TITLE, 2), message(LEAD, 4)], TRANSLATIONS)
    po.update(next(po.live()).key, flags=("fuzzy",), previous_msgid="이전 제목")
    states = [entry.state for entry in po]  # cached on the entries being copied, with their marks
    placed = located(po, format_catalog(po))
    for before, after, state in zip(po, placed, states, strict=True):
        worked_out = {"state": state, "marks": before.marks}
        assert vars(after) == {**vars(dataclasses.replace(before, line=after.line)), **worked_out}
        assert after.line is not None and after.state == state


@settings(max_examples=60, deadline=None)
@example([("a", None, [], ["x\n\ny.md:1"]), ("b", None, [], ["y.md:2"])], False)  # a file name with a blank line in it
@given(
    st.lists(
        st.tuples(TEXT, st.one_of(st.none(), TEXT), st.lists(TEXT, max_size=3), st.lists(TEXT, max_size=2)),
        max_size=8,
    ),
    st.booleans(),
)
def test_a_new_catalog_made_in_one_pass_is_the_merged_formatted_and_located_one(rows: list[tuple], with_header: bool) -> None:
    # Extract makes a new catalog, its text and its entries' lines in one pass: the
    # same as merging into nothing, formatting and placing, the plain way. An empty
    # msgid (the header's) takes the plain way; the last row may be one.
    messages = [
        new_message(msgid=msgid if number < len(rows) - 1 else msgid.strip(), msgctxt=msgctxt, references=tuple(refs), comments=tuple(comments))
        for number, (msgid, msgctxt, comments, refs) in enumerate(rows)
    ]
    keyed = {(m.msgctxt, m.msgid): m for m in messages}  # extraction folds repeats
    messages = list(keyed.values())
    header = dict(HEADER) if with_header else {}
    merged = merge(None, messages, header)
    text = format_catalog(merged.catalog)
    placed = located(merged.catalog, text)
    result, made_text = new_catalog_text(header, messages)
    assert made_text == text
    assert [(vars(e), e.line) for e in result.catalog] == [(vars(e), e.line) for e in placed]
    assert dict(result.catalog.metadata) == dict(placed.metadata) and result.catalog.header_comment == placed.header_comment
    assert dataclasses.replace(result, catalog=None) == dataclasses.replace(merged, catalog=None)


def test_a_new_catalogs_result_is_the_one_merge_gives() -> None:
    # new_catalog_text makes its MergeResult by name: the same fields merge sets.
    messages = [message(TITLE, 2), message(LEAD, 4)]
    made, _ = new_catalog_text(dict(HEADER), messages)
    merged = merge(None, messages, dict(HEADER))
    assert {**vars(made), "catalog": None} == {**vars(merged), "catalog": None} and plain_dataclass(MergeResult)


def test_a_message_made_by_name_is_the_one_the_constructor_makes() -> None:
    made = new_message(msgid="서울", msgctxt=None, references=("content/a.md:1",), comments=("heading",))
    assert vars(made) == vars(Message("서울", None, ("content/a.md:1",), ("heading",))) and plain_dataclass(Message)


def test_a_new_catalog_holds_the_entries_the_constructor_would_make() -> None:
    # merge makes a new catalog's entries straight into their __dict__, as located()
    # copies them: each must be the very entry Entry(...) makes, fields and all.
    headline = Message("서울시, 심야버스 늘린다", None, ("content/a.md:1",), ("heading", "article: 서울시"))
    lead = Message("버스는 새벽 3시까지 다닌다.", "lead", ("content/a.md:3", "content/a.md:9"), ("paragraph",))
    po = merge(None, [headline, lead], {"Language": "en"}).catalog
    for entry, message in zip(po, (headline, lead), strict=True):
        made = Entry(msgid=message.msgid, msgctxt=message.msgctxt, references=message.references, comment="\n".join(message.comments))
        assert vars(entry) == vars(made) and entry == made and entry.line is None
        assert entry.state == made.state
