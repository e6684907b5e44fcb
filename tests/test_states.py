"""An entry's review state lives in the PO file alone, and survives the tools translators use.

The fixture tests/fixtures/review/every-state.po holds one entry in each state; each
entry says what it should read as in an extracted comment (``#. expect: reviewed``),
so a test can read the file back after msgcat, msgmerge or a PO editor and compare.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from l10n.model import State
from l10n.po import catalog, states
from l10n.po.states import EntryFacts, Mark, content_hash, machine_origin, parse_marks, state_of, strip_marks
from tests.conftest import FIXTURES, msgfmt_check, requires, requires_msgfmt

EVERY_STATE = FIXTURES / "review" / "every-state.po"
EXPECT = "expect: "

requires_gettext = requires("msgcat", "msgmerge")


def states_in(path: Path) -> dict[str, State]:
    """msgid -> state, as the tool reads the catalog."""
    po = catalog.read_catalog(path, path.name)
    return {entry.msgid: catalog.state(entry) for entry in po if entry.msgid and not entry.obsolete}


def expected_in(path: Path) -> dict[str, State]:
    """msgid -> the state its ``#. expect:`` comment names."""
    po = polib.pofile(str(path), encoding="utf-8")
    return {entry.msgid: State(entry.comment.removeprefix(EXPECT)) for entry in po if entry.msgid}


def pot_from(path: Path, target: Path, *, change: dict[str, str] | None = None) -> Path:
    """A template with the catalog's msgids (some changed), as `l10n extract` would make."""
    change = change or {}
    po = polib.pofile(str(path), encoding="utf-8")
    pot = polib.POFile(wrapwidth=79, encoding="utf-8")
    pot.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Content-Transfer-Encoding": "8bit"}
    for entry in po:
        msgid = entry.msgid
        for old, new in change.items():
            msgid = msgid.replace(old, new)
        pot.append(polib.POEntry(msgid=msgid, comment=entry.comment, occurrences=entry.occurrences))
    pot.save(str(target))
    return target


def facts(msgid: str, msgstr: str, *, fuzzy: bool = False, previous: str | None = None, marks: list[Mark] = (), msgctxt: str | None = None, extra: str = "") -> EntryFacts:
    lines = [mark.render() for mark in marks] + ([extra] if extra else [])
    return EntryFacts(msgctxt, msgid, msgstr, fuzzy, previous, "\n".join(lines))


SOURCE = "부산항만공사는 2일 신항 서측에 완전 자동화 부두를 개장했다고 밝혔다."
DRAFT = "Busan Port Authority said on the 2nd that it opened a fully automated pier."
FIXED = "Busan Port Authority opened a fully automated pier on the 2nd."


def machine(text: str = DRAFT, source: str = SOURCE, provider: str = "google") -> Mark:
    return Mark("machine", "2026-11-28", content_hash(None, source, text), provider=provider)


def reviewed(text: str, source: str = SOURCE) -> Mark:
    return Mark("reviewed", "2026-11-29", content_hash(None, source, text), who="Kim Min-ji")


def rejected(text: str, source: str = SOURCE) -> Mark:
    return Mark("rejected", "2026-11-29", content_hash(None, source, text), who="Kim Min-ji", note="say who opened it")


# --------------------------------------------------------------------------- the fixture


def test_every_state_is_read_from_the_po_file_alone() -> None:
    found = states_in(EVERY_STATE)

    assert found == expected_in(EVERY_STATE)
    assert set(found.values()) == set(State)


# --------------------------------------------------------------------------- the rules


@pytest.mark.parametrize(
    ("story", "entry", "state"),
    [
        ("nothing written yet", facts(SOURCE, ""), State.UNTRANSLATED),
        ("an empty msgstr with a stray mark is still empty", facts(SOURCE, "", marks=[reviewed("")]), State.UNTRANSLATED),
        ("a provider's draft nobody touched", facts(SOURCE, DRAFT, fuzzy=True, marks=[machine()]), State.MACHINE),
        (
            "a draft from the translation memory",
            facts(SOURCE, DRAFT, fuzzy=True, marks=[Mark("memory", "2026-11-28", content_hash(None, SOURCE, DRAFT))]),
            State.MACHINE,
        ),
        (
            "a draft from a chain of providers",
            facts(SOURCE, DRAFT, fuzzy=True, marks=[machine(provider="libre+pseudo")]),
            State.MACHINE,
        ),
        ("a translator cleared 'needs work' on the draft as it was", facts(SOURCE, DRAFT, marks=[machine()]), State.TRANSLATED),
        ("a translator fixed the draft in Poedit and cleared 'needs work'", facts(SOURCE, FIXED, marks=[machine()]), State.TRANSLATED),
        ("a translator wrote it from scratch", facts(SOURCE, FIXED), State.TRANSLATED),
        ("a reviewer approved exactly this text", facts(SOURCE, FIXED, marks=[machine(), reviewed(FIXED)]), State.REVIEWED),
        ("the translation changed after the approval", facts(SOURCE, FIXED + " ", marks=[reviewed(FIXED)]), State.TRANSLATED),
        (
            "the source changed after the approval (no previous msgid kept)",
            facts(SOURCE.replace("2일", "3일"), FIXED, marks=[reviewed(FIXED)]),
            State.TRANSLATED,
        ),
        (
            "the context changed after the approval",
            facts(SOURCE, FIXED, marks=[reviewed(FIXED)], msgctxt="title"),
            State.TRANSLATED,
        ),
        (
            "the source changed and the merge kept the previous msgid",
            facts(SOURCE.replace("2일", "3일"), FIXED, fuzzy=True, previous=SOURCE, marks=[reviewed(FIXED)]),
            State.STALE,
        ),
        ("fuzzy wins over a matching approval", facts(SOURCE, FIXED, fuzzy=True, marks=[reviewed(FIXED)]), State.REJECTED),
        ("fuzzy with a previous msgid wins over a matching approval", facts(SOURCE, FIXED, fuzzy=True, previous="옛 문장", marks=[reviewed(FIXED)]), State.STALE),
        ("a reviewer sent it back", facts(SOURCE, DRAFT, fuzzy=True, marks=[machine(), rejected(DRAFT)]), State.REJECTED),
        ("a translator marked it 'needs work' by hand", facts(SOURCE, FIXED, fuzzy=True), State.REJECTED),
        ("an older rejection of other text does not stick", facts(SOURCE, FIXED, marks=[rejected(DRAFT)]), State.TRANSLATED),
        (
            "a translator's own comment that merely starts like a mark",
            facts(SOURCE, FIXED, extra="l10n: reviewed by the desk, honest"),
            State.TRANSLATED,
        ),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_state_follows_the_rules(story: str, entry: EntryFacts, state: State) -> None:
    assert state_of(entry) is state, story


@pytest.mark.parametrize("state", list(State))
def test_only_translated_and_reviewed_count_as_done(state: State) -> None:
    assert state.done is (state in (State.TRANSLATED, State.REVIEWED))


@pytest.mark.parametrize(
    "mark",
    [
        Mark("machine", "2026-11-28", "0a1b2c3d", provider="google"),
        Mark("machine", "2026-11-28", "0a1b2c3d", provider="libre+pseudo"),
        Mark("memory", "2026-11-28", "0a1b2c3d"),
        Mark("reviewed", "2026-11-29", "0a1b2c3d", who="Kim Min-ji"),
        Mark("reviewed", "2026-11-29", "0a1b2c3d", who="김민지"),
        Mark("rejected", "2026-11-29", "0a1b2c3d", who="Jane Doe", note="the figure is 1.4 km, not 14"),
    ],
    ids=lambda mark: f"{mark.kind}-{mark.provider or mark.who}",
)
def test_a_mark_reads_back_as_written(mark: Mark) -> None:
    assert parse_marks(f"a translator's note\n{mark.render()}") == [mark]


def test_a_read_mark_is_the_mark_its_fields_make() -> None:
    # parse_marks stores the line's fields straight into each Mark (states._mark_of):
    # that is Mark's __init__ only while Mark stays a plain frozen dataclass and the
    # mark line's named groups are its fields, in its order.
    assert [f.name for f in dataclasses.fields(Mark)] == list(states._MARK_FIELDS)
    assert set(states._MARK_LINE.groupindex) == set(states._MARK_FIELDS)
    assert not hasattr(Mark, "__post_init__") and "__slots__" not in vars(Mark)
    mark = Mark("rejected", "2026-11-29", "0a1b2c3d", who="Jane Doe", note="the figure is 1.4 km")

    (read,) = parse_marks(mark.render())

    assert read == mark and vars(read) == vars(mark) and repr(read) == repr(mark)
    assert list(vars(read)) == list(vars(mark))  # the fields stored in Mark's order too
    with pytest.raises(dataclasses.FrozenInstanceError):
        read.who = "someone else"  # type: ignore[misc]


@given(
    st.sampled_from(["machine", "memory", "reviewed", "rejected"]),
    st.one_of(st.none(), st.sampled_from(["google", "deepl", "tm.v2"])),
    st.one_of(st.none(), st.text(st.characters(exclude_characters=":\n\r"), min_size=1, max_size=12)),
    st.one_of(st.none(), st.text(st.characters(exclude_characters="\n\r"), min_size=1, max_size=12)),
)
@settings(max_examples=300)
def test_a_mark_line_reads_as_its_named_groups_make_it(kind: str, provider: str | None, who: str | None, note: str | None) -> None:
    line = Mark(kind, "2026-11-29", "0a1b2c3d", provider=provider, who=who, note=note).render()
    match = states._MARK_LINE.match(line)
    if match is None:
        return  # a name or note the line cannot hold as written (spaces only, say): nothing read
    read, made = states._mark_of(match), Mark(**match.groupdict())
    assert read == made and vars(read) == vars(made) and list(vars(read)) == list(vars(made)) and repr(read) == repr(made)


_LAZY_NAME_MARK_LINE = re.compile(states._MARK_LINE.pattern.replace("(?P<who>[^:]+)", "(?P<who>[^:]+?)"))


@given(
    st.sampled_from(["l10n: reviewed 2026-11-29 h:0a1b2c3d", "l10n: machine google 2026-11-28 h:0a1b2c3d", "l10n: rejected"]),
    st.lists(st.sampled_from([" by ", "Kim", ":", ": ", " ", "x", "\t"]), max_size=10),
    st.text(st.characters(exclude_characters="\n"), max_size=8),
)
@settings(max_examples=500)
def test_a_mark_line_reads_the_same_with_its_name_taken_whole(head: str, pieces: list[str], tail: str) -> None:
    # _MARK_LINE takes the reviewer's name greedily: the same fields as the lazy
    # form on any line without a line feed (what _scan hands it).
    line = head + "".join(pieces) + tail
    greedy, lazy = states._MARK_LINE.match(line), _LAZY_NAME_MARK_LINE.match(line)
    assert (greedy and greedy.groupdict()) == (lazy and lazy.groupdict())


@pytest.mark.parametrize("tail", ["", " by Kim Min-ji", " by Kim: the figure is wrong", " by Kim:no space", ": a note: with colons", " by A by B"])
def test_a_mark_line_reads_the_same_with_its_name_taken_whole_in_the_usual_shapes(tail: str) -> None:
    line = f"l10n: rejected 2026-11-29 h:0a1b2c3d{tail}"
    greedy, lazy = states._MARK_LINE.match(line), _LAZY_NAME_MARK_LINE.match(line)
    assert (greedy and greedy.groupdict()) == (lazy and lazy.groupdict())


@given(
    st.lists(
        st.sampled_from(
            ["l10n: reviewed 2026-11-29 h:0a1b2c3d by Kim", "l10n: machine google 2026-11-28", "h:0a1b2c3d", "a note", "  ", "", "\r", "\u2028"]
        ),
        max_size=4,
    )
)
@settings(max_examples=300)
def test_a_comment_of_one_line_reads_as_the_line_scan_reads_it(lines: list[str]) -> None:
    # parse_marks reads a one-line comment without _scan, which has no line to join it with.
    tcomment = "\n".join(lines)
    assert parse_marks(tcomment) == [states._mark_of(match) for match, _ in states._scan(tcomment) if match]


@given(
    st.lists(
        st.sampled_from(
            [
                "l10n: reviewed 2026-11-29 h:0a1b2c3d by Kim Min-ji",
                "  l10n: reviewed 2026-11-30 h:0a1b2c3d  ",
                "l10n: rejected 2026-11-02 h:0a1b2c3d by Lee Jun: the figure is wrong",
                "l10n: machine google 2026-11-28",
                "h:0a1b2c3d by Lee Jun",
                "l10n: memory 2026-11-27 h:0a1b2c3d",
                "a note",
                "l10n: ignore numbers",
                "  ",
                "",
                "\r",
                "\u2028",
            ]
        ),
        max_size=5,
    )
)
@settings(max_examples=300)
def test_a_comment_s_marks_read_for_their_dates_are_the_marks_parse_marks_reads(lines: list[str]) -> None:
    # A verdict's activity reads the kind, date and reviewer of each mark without
    # making the marks: the same marks, cut ones joined back too.
    tcomment = "\n".join(lines)
    assert states.dated_marks(tcomment) == [(mark.kind, mark.date, mark.who) for mark in parse_marks(tcomment)]


def state_by_the_rules(facts: EntryFacts) -> State:
    """The state as the module docstring's rules say it, every matching mark's kind
    gathered first: what state_of, which hashes the text only when a mark could
    decide the state, must agree with."""
    if not facts.msgstr:
        return State.UNTRANSLATED
    current = content_hash(facts.msgctxt, facts.msgid, facts.msgstr)
    kinds = {mark.kind for mark in parse_marks(facts.tcomment) if mark.hash == current}
    if facts.fuzzy:
        if facts.previous_msgid is not None:
            return State.STALE
        if "rejected" in kinds:
            return State.REJECTED
        if kinds & {"machine", "memory"}:
            return State.MACHINE
        return State.REJECTED
    return State.REVIEWED if "reviewed" in kinds else State.TRANSLATED


_TEXTS = st.sampled_from([SOURCE, DRAFT, FIXED, ""])


@given(
    msgid=_TEXTS,
    msgstr=_TEXTS,
    msgctxt=st.sampled_from([None, "heading"]),
    fuzzy=st.booleans(),
    previous=st.sampled_from([None, SOURCE]),
    marked=st.lists(
        st.tuples(st.sampled_from(["machine", "memory", "reviewed", "rejected"]), _TEXTS, st.sampled_from([None, "heading"])), max_size=4
    ),
    extra=st.sampled_from(["", "a note", "l10n: ignore numbers"]),
)
@example(SOURCE, DRAFT, None, True, None, [("machine", DRAFT, None), ("rejected", DRAFT, None)], "")  # sent back
@example(SOURCE, DRAFT, None, True, None, [("rejected", FIXED, None), ("memory", DRAFT, None)], "")  # a fresh draft
@example(SOURCE, FIXED, None, False, None, [("machine", DRAFT, None), ("reviewed", FIXED, None)], "")  # approved
@example(SOURCE, FIXED, None, False, None, [("machine", FIXED, None)], "")  # a reviewed mark alone decides
@settings(max_examples=500)
def test_the_state_is_what_the_rules_make_of_every_matching_mark(
    msgid: str, msgstr: str, msgctxt: str | None, fuzzy: bool, previous: str | None, marked: list, extra: str
) -> None:
    # Marks of each kind, some bound to this very text (the hash of the same
    # context, source and translation) and some to another.
    marks = [Mark(kind, "2026-11-29", content_hash(context, msgid, text), who="Kim") for kind, text, context in marked]
    entry = facts(msgid, msgstr, fuzzy=fuzzy, previous=previous, marks=marks, msgctxt=msgctxt, extra=extra)
    assert state_of(entry) is state_by_the_rules(entry)
    assert state_of(entry, parse_marks(entry.tcomment)) is state_by_the_rules(entry)


def test_a_catalog_entry_reads_its_state_as_its_facts_do() -> None:
    po = catalog.read_catalog(EVERY_STATE, EVERY_STATE.name)
    for entry in po.live():
        assert entry.state is state_of(entry.facts), entry.msgid
        assert entry.marks == tuple(parse_marks(entry.tcomment))


def test_a_mark_cut_by_a_tool_that_wraps_comments_still_counts() -> None:
    # polib wraps translator comments at its width; the hash can land on the next line.
    mark = machine()
    head, _, tail = mark.render().rpartition(" h:")
    wrapped = f"checked with the desk\n{head}\nh:{tail}"

    assert parse_marks(wrapped) == [mark]
    assert state_of(EntryFacts(None, SOURCE, DRAFT, True, None, wrapped)) is State.MACHINE
    assert strip_marks(wrapped, ["machine"]) == "checked with the desk"


def test_the_machine_origin_outlives_a_post_edit() -> None:
    edited = facts(SOURCE, FIXED, marks=[machine(provider="deepl"), reviewed(FIXED)])

    origin = machine_origin(edited)

    assert origin is not None and origin.provider == "deepl"


# --------------------------------------------------------------------------- GNU gettext and PO editors


@requires_gettext
def test_states_survive_msgcat(tmp_path: Path) -> None:
    out = tmp_path / "catted.po"

    subprocess.run(["msgcat", "-o", str(out), str(EVERY_STATE)], check=True, capture_output=True)

    assert states_in(out) == expected_in(EVERY_STATE)
    assert "l10n-checked" not in out.read_text(encoding="utf-8")  # msgcat drops flags it does not know


@requires_gettext
def test_states_survive_msgmerge_with_previous_against_the_same_msgids(tmp_path: Path) -> None:
    pot = pot_from(EVERY_STATE, tmp_path / "article.pot")
    out = tmp_path / "merged.po"

    subprocess.run(["msgmerge", "--previous", "--quiet", "-o", str(out), str(EVERY_STATE), str(pot)], check=True)

    assert states_in(out) == expected_in(EVERY_STATE)


@requires_gettext
def test_msgmerge_makes_an_approval_stale_when_its_source_changed(tmp_path: Path) -> None:
    pot = pot_from(EVERY_STATE, tmp_path / "article.pot", change={"크레인 12기": "크레인 14기"})
    out = tmp_path / "merged.po"

    subprocess.run(["msgmerge", "--previous", "--quiet", "-o", str(out), str(EVERY_STATE), str(pot)], check=True)

    expected = expected_in(EVERY_STATE)
    found = states_in(out)
    changed = "안벽 길이는 1.4킬로미터이며 무인 크레인 14기가 배치됐다."
    assert expected.pop("안벽 길이는 1.4킬로미터이며 무인 크레인 12기가 배치됐다.") is State.REVIEWED
    assert found.pop(changed) is State.STALE
    assert found == expected


@requires_gettext
def test_plain_msgmerge_never_lets_an_approval_cover_a_changed_source(tmp_path: Path) -> None:
    # Without --previous msgmerge keeps no `#|` line, so "stale" cannot be told from
    # "needs work"; either way the entry is fuzzy and not done.
    pot = pot_from(EVERY_STATE, tmp_path / "article.pot", change={"크레인 12기": "크레인 14기"})
    out = tmp_path / "merged.po"

    subprocess.run(["msgmerge", "--quiet", "-o", str(out), str(EVERY_STATE), str(pot)], check=True)

    found = states_in(out)
    for msgid in ("안벽 길이는 1.4킬로미터이며 무인 크레인 14기가 배치됐다.", "노조는 4일 오전 9시부터 파업에 들어간다고 밝혔다."):
        assert found[msgid] in (State.STALE, State.REJECTED)
        assert not found[msgid].done


def poedit_save(path: Path, wrapwidth: int) -> None:
    """What a PO editor does on save: re-serialise at its own width, keep only flags it knows."""
    po = polib.pofile(str(path), encoding="utf-8", wrapwidth=wrapwidth)
    for entry in po:
        entry.flags = [flag for flag in entry.flags if flag in ("fuzzy", "c-format", "no-c-format")]
    po.metadata["X-Generator"] = "Poedit 3.4"
    po.save(str(path))


@requires_msgfmt
@pytest.mark.parametrize("wrapwidth", [40, 79, 200])
def test_states_survive_a_save_in_a_po_editor(tmp_path: Path, wrapwidth: int) -> None:
    path = tmp_path / "saved.po"
    shutil.copy(EVERY_STATE, path)

    poedit_save(path, wrapwidth)

    assert states_in(path) == expected_in(EVERY_STATE)
    assert msgfmt_check(path).returncode == 0


@pytest.mark.parametrize(
    ("edit", "state"),
    [
        ("fix the machine draft and clear 'needs work'", State.TRANSLATED),
        ("change one word of the approved translation", State.TRANSLATED),
        ("mark the approved, unchanged draft 'needs work': a draft again", State.MACHINE),
        ("mark the post-edited translation 'needs work'", State.REJECTED),
    ],
)
def test_a_translators_save_moves_the_entry_along(tmp_path: Path, edit: str, state: State) -> None:
    path = tmp_path / "saved.po"
    shutil.copy(EVERY_STATE, path)
    po = polib.pofile(str(path), encoding="utf-8")
    expected = {entry.comment: entry for entry in po}
    if edit.startswith("fix"):
        entry = expected["expect: machine"]
        entry.msgstr = "Busan Port Authority opened a fully automated pier on the 2nd."
        entry.flags.remove("fuzzy")
    elif edit.startswith("change"):
        entry = expected["expect: reviewed"]
        entry.msgstr = entry.msgstr.replace("unmanned", "driverless")
    elif "draft" in edit:
        entry = expected["expect: reviewed"]
        entry.flags.append("fuzzy")
    else:
        entry = expected["expect: translated"]
        entry.flags.append("fuzzy")
    po.save(str(path))

    assert states_in(path)[entry.msgid] is state
