"""Reviewing as a newsroom does it: decisions bound to text, who and when, effort, merges.

Library level: review.py's pure decisions and measurements, and reviewing.py's use
cases run on a real copy of the sample newsroom after `extract` and a pseudo
translation (no server involved).
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from l10n.app import config
from l10n.app import review as reviewing
from l10n.cli import main
from l10n.errors import L10nError
from l10n.model import State
from l10n.po import catalog, history, review
from l10n.po.states import EntryFacts, Mark, content_hash, state_of
from tests.conftest import msgfmt_check, requires_msgfmt, snapshot

MONDAY = datetime(2026, 11, 30, 9, 15, tzinfo=UTC)
TUESDAY = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
SCRAPED_EN = "locales/en/news/scraped.txt.po"
RAIL_KO = "locales/ko/news/rail-strike.md.po"
requires_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


@pytest.fixture
def drafted(newsroom: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The newsroom after `l10n extract` and `l10n translate --provider pseudo`."""
    monkeypatch.setenv("L10N_PSEUDO_RATE", "10000")  # no need to pace a local pseudo provider
    for args in (["extract"], ["translate", "--provider", "pseudo"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
    return newsroom


def settings(root: Path) -> config.Config:
    return config.load(root, {})


def items_of(root: Path, catalog_display: str) -> list[reviewing.Item]:
    return [item for item in reviewing.items(settings(root)) if item.catalog == catalog_display]


def entries(root: Path, catalog_display: str) -> dict[str, polib.POEntry]:
    return {entry.msgid: entry for entry in polib.pofile(str(root / catalog_display), encoding="utf-8") if entry.msgid}


def logged(root: Path, catalog_display: str) -> list[history.Event]:
    return history.parse((root / history.path_for(Path(catalog_display))).read_text(encoding="utf-8"))


def edit_in_po_editor(root: Path, catalog_display: str, msgid: str, new_text: str) -> None:
    """A translator's own change, saved outside the tool: new msgstr, 'needs work' cleared."""
    po = polib.pofile(str(root / catalog_display), encoding="utf-8", wrapwidth=79)
    entry = po.find(msgid)
    entry.msgstr = new_text
    if "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    po.save(str(root / catalog_display))


# --------------------------------------------------------------------------- decisions


SOURCE = "새 부두는 하루 컨테이너 1만 개를 처리한다."
DRAFT = "The new pier processes 10,000 containers a day."


def draft_facts(text: str = DRAFT) -> EntryFacts:
    mark = Mark("machine", "2026-11-28", content_hash(None, SOURCE, DRAFT), provider="google")
    return EntryFacts(None, SOURCE, text, True, None, mark.render())


def state_after(facts: EntryFacts, decision: review.Decision) -> State:
    """The state of the entry ``facts`` describe once ``decision`` is written to it."""
    previous = None if decision.clear_previous else facts.previous_msgid
    return state_of(dataclasses.replace(facts, msgstr=decision.msgstr, fuzzy=decision.fuzzy, tcomment=decision.tcomment, previous_msgid=previous))


def test_approving_a_draft_binds_the_approval_to_its_text() -> None:
    decision = review.approve(draft_facts(), "Kim Min-ji", "2026-11-30")

    assert (decision.old, state_after(draft_facts(), decision), decision.fuzzy) == (State.MACHINE, State.REVIEWED, False)
    assert decision.tcomment.splitlines()[-1] == f"l10n: reviewed 2026-11-30 h:{content_hash(None, SOURCE, DRAFT)} by Kim Min-ji"
    assert decision.tcomment.startswith("l10n: machine google")  # the provenance stays


def test_rejecting_leaves_the_comment_where_the_translator_sees_it() -> None:
    decision = review.reject(draft_facts(), "Kim Min-ji", "2026-11-30", "  say\nwhich pier  ")

    assert (state_after(draft_facts(), decision), decision.fuzzy) == (State.REJECTED, True)
    assert decision.tcomment.endswith("by Kim Min-ji: say which pier")


def test_a_new_approval_replaces_an_earlier_rejection() -> None:
    rejected = review.reject(draft_facts(), "Kim Min-ji", "2026-11-30", "check the figure")
    facts = EntryFacts(None, SOURCE, DRAFT, rejected.fuzzy, None, rejected.tcomment)

    approved = review.approve(facts, "Lee Jun", "2026-12-01")

    assert approved.old is State.REJECTED
    assert "rejected" not in approved.tcomment
    assert approved.tcomment.count("l10n: ") == 2  # machine origin + the approval


@pytest.mark.parametrize(
    ("attempt", "message"),
    [
        (lambda: review.approve(EntryFacts(None, SOURCE, "", False, None, ""), "Kim", "2026-11-30"), "cannot approve an empty translation"),
        (lambda: review.reject(EntryFacts(None, SOURCE, "", False, None, ""), "Kim", "2026-11-30", "why"), "cannot reject an empty translation"),
        (lambda: review.reject(draft_facts(), "Kim", "2026-11-30", "   "), "a rejection needs a comment"),
        (lambda: review.edit(draft_facts(), " \n"), "the new translation is empty"),
        (lambda: review.check_reviewer(""), "no reviewer name"),
        (lambda: review.check_reviewer("   "), "no reviewer name"),
        (lambda: review.check_reviewer("Kim: desk"), "may not contain ':'"),
    ],
    ids=["approve-empty", "reject-empty", "reject-without-comment", "edit-to-nothing", "no-name", "blank-name", "colon-in-name"],
)
def test_impossible_decisions_are_refused_with_a_hint(attempt: object, message: str) -> None:
    with pytest.raises(L10nError) as caught:
        attempt()  # type: ignore[operator]

    assert message in caught.value.message
    assert caught.value.hint


# --------------------------------------------------------------------------- post-edit effort


@pytest.mark.parametrize(
    ("lang", "draft", "final", "expected"),
    [
        ("en", DRAFT, DRAFT, 0.0),
        ("en", "The new pier processes containers", "The new pier handles containers", 1 / 5),
        ("en", "The new pier processes containers", "The new pier  processes\ncontainers", 0.0),  # spacing is not effort
        ("en", "a b c", "x y z w", 1.0),
        # Korean counts characters: one particle fixed is a small edit, not a whole word.
        ("ko", "부산항에 부두가 개장", "부산항에 부두를 개장", 1 / 9),
        ("ko", "부산항에 부두가 개장", "부산항에부두가 개장", 0.0),
        ("ko", "부두", "크레인", 1.0),
        ("en", "", "", 0.0),
    ],
)
def test_effort_counts_characters_for_korean_and_words_for_english(lang: str, draft: str, final: str, expected: float) -> None:
    assert review.effort(draft, final, lang) == pytest.approx(expected)


def test_effort_rows_give_the_unchanged_share_and_the_median() -> None:
    def post_edit(provider: str, lang: str, effort: float) -> review.PostEdit:
        return review.PostEdit(provider, lang, "content/news/a.md", "draft", "final", effort)

    edits = [post_edit("google", "en", 0.0), post_edit("google", "en", 0.0), post_edit("google", "ko", 0.5), post_edit("deepl", "en", 0.25)]

    rows = {row.group: row for row in review.summarise(edits, "provider")}

    assert rows["google"] == review.EffortRow("google", 3, 2 / 3, 0.0, 0.5 / 3)
    assert rows["deepl"] == review.EffortRow("deepl", 1, 0.0, 0.25, 0.25)
    assert [row.group for row in review.summarise(edits, "lang")] == ["en", "ko"]


# --------------------------------------------------------------------------- use cases on a newsroom


def test_machine_drafts_keep_their_exact_output_for_review(drafted: Path) -> None:
    found = items_of(drafted, SCRAPED_EN)

    assert found and all(item.state is State.MACHINE for item in found)
    assert all(item.provider == "pseudo" and item.draft == item.msgstr for item in found)
    assert all(event.provider == "pseudo" and event.by == "l10n translate" for event in logged(drafted, SCRAPED_EN))


def test_ids_are_stable_and_prefixes_select_entries(drafted: Path) -> None:
    first, second = reviewing.items(settings(drafted)), reviewing.items(settings(drafted))

    assert [item.id for item in first] == [item.id for item in second]
    assert len({item.id for item in first}) == len(first)
    assert reviewing.select(first, [first[3].id[:6].upper()]) == [first[3]]


def test_an_approval_is_written_with_who_and_when(drafted: Path) -> None:
    item = items_of(drafted, SCRAPED_EN)[0]

    report = reviewing.decide(settings(drafted), [item], "approve", reviewer="Kim Min-ji", now=MONDAY)

    assert report.changed == ((item, State.REVIEWED),) and report.catalogs_written == 1
    entry = entries(drafted, SCRAPED_EN)[item.msgid]
    assert "fuzzy" not in entry.flags
    assert entry.tcomment.splitlines()[-1].startswith("l10n: reviewed 2026-11-30 h:")
    assert entry.tcomment.endswith(" by Kim Min-ji")
    last = logged(drafted, SCRAPED_EN)[-1]
    assert (last.by, last.at, last.old, last.new, last.text) == ("Kim Min-ji", "2026-11-30T09:15:00Z", "machine", "reviewed", item.msgstr)


def test_approving_twice_on_the_same_day_changes_nothing(drafted: Path) -> None:
    item = items_of(drafted, SCRAPED_EN)[0]
    reviewing.decide(settings(drafted), [item], "approve", reviewer="Kim Min-ji", now=MONDAY)
    before = snapshot(drafted)

    again = items_of(drafted, SCRAPED_EN)[0]
    report = reviewing.decide(settings(drafted), [again], "approve", reviewer="Kim Min-ji", now=MONDAY)

    assert (report.changed, report.unchanged, report.catalogs_written) == ((), (again,), 0)
    assert snapshot(drafted) == before


def test_a_rejection_reaches_the_translator_and_the_log(drafted: Path) -> None:
    item = items_of(drafted, SCRAPED_EN)[1]

    reviewing.decide(settings(drafted), [item], "reject", reviewer="Kim Min-ji", comment="name the ministry", now=MONDAY)

    fresh = items_of(drafted, SCRAPED_EN)[1]
    assert fresh.state is State.REJECTED
    assert fresh.notes == ("rejected by Kim Min-ji on 2026-11-30: name the ministry",)
    assert "fuzzy" in entries(drafted, SCRAPED_EN)[item.msgid].flags
    assert logged(drafted, SCRAPED_EN)[-1].note == "name the ministry"


def test_a_reviewers_edit_is_a_translation_awaiting_approval(drafted: Path) -> None:
    item = items_of(drafted, SCRAPED_EN)[2]

    reviewing.decide(settings(drafted), [item], "edit", reviewer="Lee Jun", text="Memory prices recover", now=MONDAY)

    fresh = items_of(drafted, SCRAPED_EN)[2]
    assert (fresh.state, fresh.msgstr, fresh.provider, fresh.draft) == (State.TRANSLATED, "Memory prices recover", "pseudo", item.msgstr)
    po = polib.pofile(str(drafted / SCRAPED_EN), encoding="utf-8")
    assert po.metadata["Last-Translator"] == "Lee Jun"


def test_editing_back_to_approved_text_is_reviewed_again(drafted: Path) -> None:
    approved = items_of(drafted, SCRAPED_EN)[0]
    reviewing.decide(settings(drafted), [approved], "approve", reviewer="Kim Min-ji", now=MONDAY)
    reviewing.decide(settings(drafted), items_of(drafted, SCRAPED_EN)[:1], "edit", reviewer="Lee Jun", text="Economy | Industry", now=MONDAY)
    edited = items_of(drafted, SCRAPED_EN)[0]

    report = reviewing.decide(settings(drafted), [edited], "edit", reviewer="Lee Jun", text=approved.msgstr, now=TUESDAY)

    assert edited.state is State.TRANSLATED
    assert report.changed == ((edited, State.REVIEWED),)  # the approval of that very text holds again
    last = logged(drafted, SCRAPED_EN)[-1]
    assert (last.old, last.new, last.text) == ("translated", "reviewed", approved.msgstr)
    before = snapshot(drafted)
    again = items_of(drafted, SCRAPED_EN)[0]
    same = reviewing.decide(settings(drafted), [again], "edit", reviewer="Lee Jun", text=approved.msgstr, now=TUESDAY)
    assert (same.changed, same.unchanged, same.catalogs_written) == ((), (again,), 0)
    assert snapshot(drafted) == before


def stale_item(root: Path, index: int) -> reviewing.Item:
    """Entry ``index`` of the English scraped catalog after its source text was edited."""
    old = items_of(root, SCRAPED_EN)[index]
    article = root / "content/news/scraped.txt"
    article.write_text(article.read_text(encoding="utf-8").replace(old.msgid, old.msgid + " 속보"), encoding="utf-8")
    assert CliRunner().invoke(main, ["extract"]).exit_code == 0
    return next(item for item in items_of(root, SCRAPED_EN) if item.msgid == old.msgid + " 속보")


def test_rejecting_a_stale_entry_leaves_it_stale_and_again_changes_nothing(drafted: Path) -> None:
    stale = stale_item(drafted, 0)

    report = reviewing.decide(settings(drafted), [stale], "reject", reviewer="Kim Min-ji", comment="say it is breaking news", now=MONDAY)

    assert stale.state is State.STALE
    assert report.changed == ((stale, State.STALE),)  # still fuzzy with its #| previous text
    last = logged(drafted, SCRAPED_EN)[-1]
    assert (last.old, last.new, last.note) == ("stale", "stale", "say it is breaking news")
    before = snapshot(drafted)
    again = next(item for item in items_of(drafted, SCRAPED_EN) if item.id == stale.id)
    twice = reviewing.decide(settings(drafted), [again], "reject", reviewer="Kim Min-ji", comment="say it is breaking news", now=MONDAY)
    assert (twice.changed, twice.unchanged, twice.catalogs_written) == ((), (again,), 0)
    assert snapshot(drafted) == before


@pytest.mark.parametrize("change", ["translation", "source"])
def test_an_approval_goes_void_when_its_text_changes(drafted: Path, change: str) -> None:
    item = items_of(drafted, SCRAPED_EN)[0]
    reviewing.decide(settings(drafted), [item], "approve", reviewer="Kim Min-ji", now=MONDAY)
    if change == "translation":
        edit_in_po_editor(drafted, SCRAPED_EN, item.msgid, "Economy | Industry")
        expected = State.TRANSLATED
    else:
        article = drafted / "content/news/scraped.txt"
        article.write_text(article.read_text(encoding="utf-8").replace(item.msgid, item.msgid + " 속보"), encoding="utf-8")
        assert CliRunner().invoke(main, ["extract"]).exit_code == 0
        expected = State.STALE

    states = {i.msgid: i.state for i in items_of(drafted, SCRAPED_EN)}

    assert State.REVIEWED not in states.values()
    assert expected in states.values()


# --------------------------------------------------------------------------- who is reviewing


def isolated_git(monkeypatch: pytest.MonkeyPatch, home: Path) -> None:
    """No personal or system git settings leak into the test."""
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("L10N_REVIEWER", raising=False)


def git(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, text=True, encoding="utf-8", check=True)


@requires_git
@pytest.mark.parametrize(
    ("flag", "variable", "git_name", "expected"),
    [
        ("Kim Min-ji", "Lee Jun", "Park Seo-yeon", "Kim Min-ji"),
        (None, "Lee Jun", "Park Seo-yeon", "Lee Jun"),
        (None, None, "Park Seo-yeon", "Park Seo-yeon"),
        (None, None, "  Park   Seo-yeon ", "Park Seo-yeon"),
    ],
    ids=["flag-first", "then-L10N_REVIEWER", "then-git-user.name", "spacing-tidied"],
)
def test_the_reviewer_comes_from_the_flag_the_environment_or_git(
    newsroom: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flag: str | None, variable: str | None, git_name: str, expected: str
) -> None:
    isolated_git(monkeypatch, tmp_path)
    git(newsroom, "init", "-q")
    git(newsroom, "config", "user.name", git_name)
    environ = {"L10N_REVIEWER": variable} if variable else {}

    assert reviewing.reviewer_name(settings(newsroom), flag, environ) == expected


@requires_git
@pytest.mark.parametrize("flag", [None, "", "  "], ids=["nothing-anywhere", "empty-flag", "blank-flag"])
def test_no_reviewer_name_is_an_error_with_a_hint(newsroom: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, flag: str | None) -> None:
    isolated_git(monkeypatch, tmp_path)
    git(newsroom, "init", "-q")
    if flag is not None:
        git(newsroom, "config", "user.name", "Park Seo-yeon")  # an empty flag must not fall back to it

    with pytest.raises(L10nError) as caught:
        reviewing.reviewer_name(settings(newsroom), flag, {})

    assert caught.value.message == "no reviewer name"
    assert "--reviewer" in (caught.value.hint or "") and "L10N_REVIEWER" in (caught.value.hint or "")


# --------------------------------------------------------------------------- edits made outside the tool


def test_a_translators_own_edit_is_found_and_keeps_its_machine_origin(drafted: Path) -> None:
    item = items_of(drafted, SCRAPED_EN)[3]
    edit_in_po_editor(drafted, SCRAPED_EN, item.msgid, "Memory prices recover")

    found = [e.event for e in reviewing.log(settings(drafted), now=MONDAY) if e.event.by == reviewing.PO_EDITOR]

    assert len(found) == 1
    event = found[0]
    assert (event.by, event.old, event.new, event.text, event.at) == (reviewing.PO_EDITOR, "machine", "translated", "Memory prices recover", "2026-11-30T09:15:00Z")
    assert all(e.by != reviewing.PO_EDITOR for e in logged(drafted, SCRAPED_EN))  # `review log` writes nothing
    fresh = items_of(drafted, SCRAPED_EN)[3]
    assert (fresh.state, fresh.provider, fresh.draft) == (State.TRANSLATED, "pseudo", item.msgstr)
    # The next decision on the catalog logs it for good, once.
    reviewing.decide(settings(drafted), items_of(drafted, SCRAPED_EN)[:1], "approve", reviewer="Kim Min-ji", now=TUESDAY)
    again = [e.event for e in reviewing.log(settings(drafted), now=TUESDAY) if e.event.by == reviewing.PO_EDITOR]
    assert [(e.new, e.text) for e in again] == [("translated", "Memory prices recover")]
    assert [e for e in logged(drafted, SCRAPED_EN) if e.by == reviewing.PO_EDITOR] == again


def test_post_edits_measure_drafts_people_finished(drafted: Path) -> None:
    chosen = items_of(drafted, SCRAPED_EN)[:3]
    reviewing.decide(settings(drafted), chosen[:2], "approve", reviewer="Kim Min-ji", now=MONDAY)
    edit_in_po_editor(drafted, SCRAPED_EN, chosen[2].msgid, "Exports rise")

    edits = reviewing.post_edits(settings(drafted), langs=["en"])

    assert sorted((e.provider, e.lang, e.article, e.effort) for e in edits) == [
        ("pseudo", "en", "content/news/scraped.txt", 0.0),
        ("pseudo", "en", "content/news/scraped.txt", 0.0),
        ("pseudo", "en", "content/news/scraped.txt", 1.0),
    ]


def count_reads(root: Path, monkeypatch: pytest.MonkeyPatch) -> Counter[tuple[str, str]]:
    """How often each catalog, and the log beside it, is read from here on: ("po"|"log", catalog)."""
    reads: Counter[tuple[str, str]] = Counter()
    read_catalog, read_log = catalog.read_catalog, history.read

    def counted_catalog(path: Path, display: str) -> catalog.Catalog:
        reads["po", display] += 1
        return read_catalog(path, display)

    def counted_log(path: Path) -> str:
        reads["log", path.relative_to(root).as_posix()] += 1
        return read_log(path)

    monkeypatch.setattr(catalog, "read_catalog", counted_catalog)
    monkeypatch.setattr(history, "read", counted_log)
    return reads


def test_log_reads_each_selected_catalog_once_and_lists_edits_made_outside(drafted: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Logging the outside edits and listing share one read per catalog; the glob spares the rest.
    item = items_of(drafted, SCRAPED_EN)[3]
    edit_in_po_editor(drafted, SCRAPED_EN, item.msgid, "Memory prices recover")
    reads = count_reads(drafted, monkeypatch)

    found = reviewing.log(settings(drafted), article_glob="content/news/scraped*", now=MONDAY)

    scraped = ["locales/ko/news/scraped.txt.po", SCRAPED_EN]  # the other articles' catalogs: not read at all
    assert reads == {(kind, display): 1 for display in scraped for kind in ("po", "log")}
    outside = [logged for logged in found if logged.event.by == reviewing.PO_EDITOR]
    assert [(e.catalog, e.event.new, e.event.text) for e in outside] == [(SCRAPED_EN, "translated", "Memory prices recover")]
    assert all(e.by != reviewing.PO_EDITOR for e in logged(drafted, SCRAPED_EN))  # listed, not written


def test_post_edits_read_each_catalog_of_the_language_once(drafted: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    item = items_of(drafted, SCRAPED_EN)[3]
    edit_in_po_editor(drafted, SCRAPED_EN, item.msgid, "Memory prices recover")
    english = {i.catalog for i in reviewing.items(settings(drafted), langs=["en"])}
    reads = count_reads(drafted, monkeypatch)

    edits = reviewing.post_edits(settings(drafted), langs=["en"], now=MONDAY)

    assert reads == {(kind, display): 1 for display in english for kind in ("po", "log")}
    assert [(e.draft, e.final) for e in edits] == [(item.msgstr, "Memory prices recover")]
    assert all(e.by != reviewing.PO_EDITOR for e in logged(drafted, SCRAPED_EN))  # counted, not written


# --------------------------------------------------------------------------- a catalog changed meanwhile


@requires_msgfmt
def test_a_catalog_saved_elsewhere_since_it_was_read_is_not_overwritten(drafted: Path) -> None:
    chosen = items_of(drafted, SCRAPED_EN)[:2] + items_of(drafted, RAIL_KO)[:1]  # each holds the digest it was read with
    edit_in_po_editor(drafted, SCRAPED_EN, chosen[1].msgid, "Saved in Poedit meanwhile")
    before = snapshot(drafted)

    with pytest.raises(L10nError) as caught:
        reviewing.decide(settings(drafted), chosen, "approve", reviewer="Kim Min-ji")

    assert caught.value.path == SCRAPED_EN
    assert "changed on disk since it was read" in str(caught.value)
    assert caught.value.hint and "nothing was written" in caught.value.hint
    assert snapshot(drafted) == before  # neither this catalog nor the other one
    assert msgfmt_check(drafted / SCRAPED_EN).returncode == 0


# --------------------------------------------------------------------------- two branches, one merge


def commit_all(root: Path, message: str) -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def approve_on_branch(root: Path, branch: str, catalog_display: str, index: int, who: str, when: datetime) -> None:
    git(root, "checkout", "-q", "main")
    git(root, "checkout", "-q", "-b", branch)
    item = items_of(root, catalog_display)[index]
    reviewing.decide(settings(root), [item], "approve", reviewer=who, now=when)
    commit_all(root, f"{who} reviews")


@requires_git
@pytest.mark.parametrize(
    ("second_catalog", "second_index"),
    [(RAIL_KO, 0), (SCRAPED_EN, -1)],
    ids=["different-articles", "same-article"],
)
def test_reviews_on_two_branches_merge_without_conflict(
    drafted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, second_catalog: str, second_index: int
) -> None:
    isolated_git(monkeypatch, tmp_path)
    git(drafted, "init", "-q", "-b", "main")
    git(drafted, "config", "user.name", "Desk")
    git(drafted, "config", "user.email", "desk@example.org")
    # As `l10n init` writes them: history logs merge by union, the cache stays out of git.
    (drafted / ".gitattributes").write_text("*.history.jsonl merge=union\n", encoding="utf-8")
    (drafted / ".gitignore").write_text(".cache/\nbuild/\n*.mo\n", encoding="utf-8")
    commit_all(drafted, "drafts")
    approve_on_branch(drafted, "kim", SCRAPED_EN, 0, "Kim Min-ji", MONDAY)
    approve_on_branch(drafted, "lee", second_catalog, second_index, "Lee Jun", TUESDAY)

    merged = subprocess.run(["git", "merge", "-q", "--no-edit", "kim"], cwd=drafted, capture_output=True, text=True, encoding="utf-8")

    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert git(drafted, "status", "--porcelain").stdout == ""
    reviewers = {event.event.by for event in reviewing.log(settings(drafted)) if event.event.new == "reviewed"}
    assert reviewers == {"Kim Min-ji", "Lee Jun"}
    reviewed = [item for item in reviewing.items(settings(drafted), states=[State.REVIEWED])]
    assert len(reviewed) == 2
    for path in (SCRAPED_EN, second_catalog):
        assert "<<<<<<<" not in (drafted / path).read_text(encoding="utf-8")


def test_the_session_shows_glossary_hints_and_qa_warnings(newsroom: Path) -> None:
    # What a reviewer sees beside an entry: the glossary's term and what the
    # QA checks find in the current translation (here a changed figure).
    from l10n.qa.glossary import Glossary, Term

    glossary = Glossary((Term("부산항만공사", "Busan Port Authority", "ko", "en"),))
    item = reviewing.Item(
        id="0000aaaa",
        lang="en",
        catalog="locales/en/news/port-opening.md.po",
        digest="",
        article="content/news/port-opening.md",
        line=11,
        kind="paragraph",
        msgctxt=None,
        msgid="부산항만공사는 무인 크레인 12기를 들였다.",
        msgstr="The Busan Port Authority brought in 21 unmanned cranes.",
        state=State.TRANSLATED,
        provider=None,
        draft=None,
        notes=(),
        tcomment="",
    )

    advice = reviewing.advise(item, glossary)

    assert advice.glossary == "glossary: 부산항만공사 = Busan Port Authority"
    assert any(warning.startswith("numbers:") for warning in advice.warnings)
    fixed = reviewing.advise(dataclasses.replace(item, msgstr="The Busan Port Authority brought in 12 unmanned cranes."), glossary)
    assert fixed.warnings == ()


EXPORTS = "11월 수출 12% 늘어"  # a bullet of SCRAPED_EN
SILENCING = {
    "nothing": ("", ""),
    "entry-comment": ("l10n: ignore numbers", ""),
    "project-rule": ("", '\n[check]\nignore = ["numbers"]\n'),
    "language-rule": ("", '\n[check.languages.en]\nignore = ["numbers", "length-ratio"]\n'),
}


@pytest.mark.parametrize("silenced_by", SILENCING)
def test_the_session_warns_of_exactly_what_l10n_check_reports(drafted: Path, silenced_by: str) -> None:
    # A check the translator's `l10n: ignore` comment or the [check] rules switch off is
    # not reported by `l10n check`; the session must not show it to the reviewer either.
    from l10n.app import check as checking
    from l10n.app import check_settings, workspace
    from l10n.qa import checks

    comment, rules = SILENCING[silenced_by]
    po = polib.pofile(str(drafted / SCRAPED_EN), encoding="utf-8", wrapwidth=79)
    entry = po.find(EXPORTS)
    entry.msgstr, entry.flags = "Exports up 21% in November", []  # a figure changed, then saved in a PO editor
    entry.tcomment = "\n".join(filter(None, [entry.tcomment, comment]))
    po.save(str(drafted / SCRAPED_EN))
    with (drafted / "l10n.toml").open("a", encoding="utf-8") as toml:
        toml.write(rules)
    project_settings = settings(drafted)
    [item] = [item for item in items_of(drafted, SCRAPED_EN) if item.msgid == EXPORTS]

    advice = reviewing.advise(item, workspace.project_glossary(project_settings), check_settings.check_settings(project_settings))

    shown = {warning.split(":")[0] for warning in advice.warnings}
    reported = {
        problem.code
        for problem in checking.check(project_settings).problems
        if problem.catalog == SCRAPED_EN and problem.msgid == EXPORTS and problem.code in checks.CHECKS
    }
    assert shown == reported
    assert ("numbers" in shown) == (silenced_by == "nothing")
