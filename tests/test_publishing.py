"""What may be published, and why not: one verdict per article and language.

The newsroom's story: an editor translates the seed article with machine drafts and
nobody reviews them. `l10n check` must fail and `l10n build` must write nothing, each
saying why; once people have done their part, both let the article through.
"""

from __future__ import annotations

import json
import os
from dataclasses import fields
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.app import publishing
from l10n.app.check_settings import Rules
from l10n.cli import main
from l10n.model import State
from l10n.po import catalog

STORY = """\
---
title: 부산항 자동화 부두 개장
subtitle: 무인 크레인 12대 도입
---

# 부산항의 변화

부산항만공사는 2일 자동화 부두를 개장했다고 밝혔다.

![무인 크레인이 컨테이너를 옮기고 있다](crane.jpg)
"""

ARTICLE = "content/2026/port.md"
CATALOG = "locales/en/2026/port.md.po"
OUTPUT = "build/en/2026/port.md"

# What a translator would write for each source text.
ENGLISH = {
    "부산항 자동화 부두 개장": "Busan port opens an automated terminal",
    "무인 크레인 12대 도입": "12 unmanned cranes arrive",
    "부산항의 변화": "A changing port",
    "부산항만공사는 2일 자동화 부두를 개장했다고 밝혔다.": "Busan Port Authority said on the 2nd it opened an automated terminal.",
    # The same sentence with a link, for the tests of link targets.
    "부산항만공사는 2일 [자동화 부두](https://www.busanpa.com/)를 개장했다고 밝혔다.": (
        "Busan Port Authority said on the 2nd it opened an [automated terminal](https://www.busanpa.com/)."
    ),
    "무인 크레인이 컨테이너를 옮기고 있다": "Unmanned cranes move containers",
}


def run(root: Path, *args: str, environ: dict[str, str] | None = None) -> tuple[int, str, str]:
    """``l10n -C root <args>`` with exactly these L10N_ variables set (others hidden)."""
    hidden: dict[str, str | None] = {name: None for name in os.environ if name.startswith("L10N_")}
    result = CliRunner().invoke(main, ["-C", str(root), *args], env={**hidden, **(environ or {})})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with the seed article, extracted and drafted by the pseudo provider."""
    root = tmp_path / "newsroom"
    (root / "content/2026").mkdir(parents=True)
    (root / "l10n.toml").write_text('languages = ["ko", "en"]\nproviders = ["pseudo"]\n', encoding="utf-8")
    (root / ARTICLE).write_text(STORY, encoding="utf-8")
    monkeypatch.chdir(root)  # articles are named as the editor types them
    assert run(root, "extract")[0] == 0
    code, out, err = run(root, "translate")
    assert code == 0, out + err
    return root


def translate_by_hand(root: Path, *, only: tuple[str, ...] = ()) -> None:
    """A translator replaces the machine drafts in a PO editor (fuzzy flag off)."""
    path = root / CATALOG
    po = catalog.read_catalog(path, CATALOG)
    for entry in list(po.live()):
        if not only or entry.msgid in only:
            po.update(entry.key, msgstr=ENGLISH[entry.msgid], flags=())
    catalog.save_catalog(po, path)


def approve_everything(root: Path) -> None:
    code, out, err = run(root, "review", "approve", ARTICLE, "--state", "translated", "--reviewer", "Kim Min-ji")
    assert code == 0, out + err


def test_machine_drafts_nobody_reviewed_fail_the_check_with_every_reason(newsroom: Path) -> None:
    code, out, _ = run(newsroom, "check")
    assert code == 1
    assert f"{ARTICLE}:2: machine: front-matter:title is a machine draft nobody has reviewed" in out
    assert "blocked: content/2026/port.md in en" in out
    assert "check failed" in out


def test_a_person_translating_is_not_enough_for_the_headline(newsroom: Path) -> None:
    translate_by_hand(newsroom)
    code, out, _ = run(newsroom, "check", "--format", "json")
    assert code == 1
    report = json.loads(out)
    reasons = [(p["field"], p["code"], p["line"]) for p in report["problems"] if p["blocking"]]
    # Headline, subtitle and caption need a reviewer; the body only a translator.
    assert reasons == [("front-matter:title", "translated", 2), ("front-matter:subtitle", "translated", 3), ("image-alt", "translated", 10)]
    assert report["verdicts"][0]["verdict"] == "blocked"


def test_reviewed_headline_and_translated_body_pass(newsroom: Path) -> None:
    translate_by_hand(newsroom)
    approve_everything(newsroom)
    code, out, _ = run(newsroom, "check")
    assert code == 0, out
    assert "check passed" in out


def test_the_policy_can_let_machine_drafts_through(newsroom: Path) -> None:
    (newsroom / "l10n.toml").write_text(
        'languages = ["ko", "en"]\n[publish]\nallow_machine = true\nminimum = { "*" = "translated" }\n', encoding="utf-8"
    )
    code, out, _ = run(newsroom, "check")
    assert code == 0, out


def test_the_policy_is_per_language_and_the_environment_overrides_the_file(newsroom: Path) -> None:
    (newsroom / "l10n.toml").write_text(
        'languages = ["ko", "en"]\n[publish.languages.en]\nallow_machine = true\nminimum = { "*" = "translated" }\n',
        encoding="utf-8",
    )
    assert run(newsroom, "check")[0] == 0
    code, out, _ = run(newsroom, "check", environ={"L10N_PUBLISH_COVERAGE": "100", "L10N_PUBLISH_ALLOW_MACHINE": "false"})
    assert code == 0, out  # the language's own table wins over project-wide values
    (newsroom / "l10n.toml").write_text('languages = ["ko", "en"]\n[publish]\nminimum = { "*" = "translated" }\n', encoding="utf-8")
    assert run(newsroom, "check")[0] == 1
    assert run(newsroom, "check", environ={"L10N_PUBLISH_ALLOW_MACHINE": "true"})[0] == 0


def test_check_one_article(newsroom: Path) -> None:
    (newsroom / "content/2026/rail.md").write_text("---\ntitle: Rail strike ends\n---\n\nUnions called it off.\n", encoding="utf-8")
    assert run(newsroom, "extract")[0] == 0
    code, out, _ = run(newsroom, "check", "content/2026/rail.md")
    assert code == 1
    assert "blocked: content/2026/rail.md in ko" in out and "port.md" not in out
    code, out, _ = run(newsroom, "check", ARTICLE)
    assert code == 1
    assert "blocked: content/2026/port.md in en" in out and "rail.md" not in out


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "github", "text"])
def test_a_check_that_cannot_run_exits_2_and_says_so(newsroom: Path, fmt: str) -> None:
    (newsroom / "l10n.toml").write_text('languages = ["ko", "en"]\n[publish]\ncoverage = 120\n', encoding="utf-8")
    code, out, err = run(newsroom, "check", "--format", fmt)
    assert code == 2
    assert "l10n.toml:3: [publish] coverage is a percentage from 0 to 100, not 120" in err
    if fmt == "json":
        report = json.loads(out)
        assert report["passed"] is None and report["error"]["line"] == 3
    if fmt == "sarif":
        invocation = json.loads(out)["runs"][0]["invocations"][0]
        assert invocation["executionSuccessful"] is False
    if fmt == "junit":
        import xml.etree.ElementTree as ET

        assert ET.fromstring(out).get("errors") == "1"


def test_an_unreadable_catalog_is_a_tool_error_not_a_block(newsroom: Path) -> None:
    (newsroom / CATALOG).write_text('msgid "broken\n', encoding="utf-8")
    code, out, err = run(newsroom, "check", "--format", "json")
    assert code == 2, out + err
    assert json.loads(out)["error"]["path"] == CATALOG


def test_unknown_minimum_states_name_the_line(newsroom: Path) -> None:
    (newsroom / "l10n.toml").write_text('languages = ["ko", "en"]\n[publish]\nminimum = { heading = "machine" }\n', encoding="utf-8")
    code, _, err = run(newsroom, "check")
    assert code == 2
    assert "l10n.toml:3: [publish] minimum: heading = 'machine'" in err
    assert 'allow_machine = true' in err


# ---------------------------------------------------------------- build writes only what is ready


def test_machine_drafts_nobody_reviewed_are_not_built_and_build_says_why(newsroom: Path) -> None:
    code, out, _ = run(newsroom, "build")
    assert code == 0  # blocked is news, not a failure, unless --strict
    assert f"blocked    {OUTPUT} (0/5 may be published)" in out
    assert "  machine: front-matter:title is a machine draft nobody has reviewed" in out
    assert "0 written, 0 unchanged, 1 blocked" in out
    assert not (newsroom / "build").exists()
    code, out, _ = run(newsroom, "build", "--strict")
    assert code == 1 and f"blocked    {OUTPUT}" in out  # a re-run with nothing changed says it again


def test_a_ready_article_is_built_with_its_language_and_other_versions(newsroom: Path) -> None:
    translate_by_hand(newsroom)
    approve_everything(newsroom)
    code, out, _ = run(newsroom, "build", "--strict")
    assert code == 0, out
    built = (newsroom / OUTPUT).read_text(encoding="utf-8")
    assert built.startswith(
        "---\ntitle: Busan port opens an automated terminal\nsubtitle: 12 unmanned cranes arrive\n"
        "lang: en\ntranslations: [ko]\ntranslationKey: 2026/port\n---\n"
    )
    assert "machine_translat" not in built  # people translated it all


def test_published_machine_text_is_labelled(newsroom: Path) -> None:
    (newsroom / "l10n.toml").write_text(
        'languages = ["ko", "en"]\n[publish]\nallow_machine = true\nminimum = { "*" = "translated" }\n', encoding="utf-8"
    )
    translate_by_hand(newsroom, only=("부산항 자동화 부두 개장",))
    run(newsroom, "review", "approve", ARTICLE, "--state", "translated", "--reviewer", "Kim Min-ji")
    code, out, _ = run(newsroom, "build")
    assert code == 0, out
    front = (newsroom / OUTPUT).read_text(encoding="utf-8").split("---\n")[1]
    assert "machine_translated: true\nmachine_translation_provider: pseudo\n" in front
    assert "translation_review: partly reviewed\ntranslation_reviewer: Kim Min-ji\n" in front
    assert 'machine_translation_date: "20' in front and 'translation_review_date: "20' in front


def test_a_published_article_that_is_blocked_now_keeps_its_last_version(newsroom: Path) -> None:
    translate_by_hand(newsroom)
    approve_everything(newsroom)
    assert run(newsroom, "build")[0] == 0
    published = (newsroom / OUTPUT).read_bytes()
    code, out, _ = run(newsroom, "review", "reject", ARTICLE, "--state", "translated", "--state", "reviewed",
                       "--reviewer", "Lee Jun", "-m", "the figure is wrong")
    assert code == 0, out

    code, out, _ = run(newsroom, "build")
    assert f"kept       {OUTPUT}" in out and "kept the version published before" in out
    assert "was sent back by a reviewer" in out
    assert (newsroom / OUTPUT).read_bytes() == published

    code, out, _ = run(newsroom, "build", "--withdraw-blocked")
    assert f"withdrawn  {OUTPUT}" in out and "(1 withdrawn)" in out
    assert not (newsroom / OUTPUT).exists()


BODY = "부산항만공사는 2일 [자동화 부두](https://www.busanpa.com/)를 개장했다고 밝혔다."
TITLE = "부산항 자동화 부두 개장"


@pytest.mark.parametrize(
    ("msgid", "unsafe", "code"),
    [
        (TITLE, "Busan opens a terminal<script>alert(1)</script>", "markup"),
        (BODY, "Busan opened an [automated terminal](https://www.busanpa.com/) <img src=x onerror=alert(1)>.", "markup"),
        (BODY, "Busan opened an [automated terminal](javascript:alert(1)).", "markup"),
        (BODY, "Busan opened an [automated terminal](https://evil.example/).", "markup"),
    ],
    ids=["script-in-headline", "onerror", "javascript-link", "changed-link-target"],
)
def test_an_unsafe_translation_is_never_built_whatever_check_blocks(newsroom: Path, msgid: str, unsafe: str, code: str) -> None:
    (newsroom / "l10n.toml").write_text('languages = ["ko", "en"]\n[check]\nblock = []\n', encoding="utf-8")
    article = newsroom / ARTICLE
    article.write_text(STORY.replace("2일 자동화 부두를", "2일 [자동화 부두](https://www.busanpa.com/)를"), encoding="utf-8")
    assert run(newsroom, "extract")[0] == 0
    translate_by_hand(newsroom)
    path = newsroom / CATALOG
    po = catalog.read_catalog(path, CATALOG)
    po.update(next(e for e in po.live() if e.msgid == msgid).key, msgstr=unsafe)
    catalog.save_catalog(po, path)
    approve_everything(newsroom)  # a reviewer waved it through

    exit_code, out, _ = run(newsroom, "check")
    assert exit_code == 1 and f": {code}: " in out
    exit_code, out, _ = run(newsroom, "build")
    assert f"blocked    {OUTPUT}" in out and f"  {code}: " in out
    assert not (newsroom / "build").exists()


# ---------------------------------------------------------------- status answers the editor's question


def test_status_says_what_blocks_the_article_before_any_count(newsroom: Path) -> None:
    code, out, _ = run(newsroom, "status")
    assert code == 0
    lines = out.splitlines()
    english = lines.index("en")  # the Korean table is empty: the article is Korean
    header, row = lines[english + 1 : english + 3]
    assert header.split()[:2] == ["verdict", "article"]
    assert row.split()[:2] == ["blocked", ARTICLE]
    assert "blocked: content/2026/port.md in en\n  machine: front-matter:title is a machine draft" in out
    assert out.rstrip().endswith("0 ready to publish, 1 blocked")


def test_status_json_carries_the_verdicts_reviewers_and_rejections(newsroom: Path) -> None:
    translate_by_hand(newsroom)
    approve_everything(newsroom)
    code, out, _ = run(newsroom, "review", "reject", ARTICLE, "--state", "reviewed", "--reviewer", "Lee Jun",
                       "-m", "the figure is wrong")
    assert code == 0, out
    data = json.loads(run(newsroom, "status", "--format", "json")[1])
    assert data["schema_version"] == 2 and data["verdicts"] == {"ready": 0, "blocked": 1}
    (article,) = data["languages"][1]["articles"]
    assert article["verdict"] == "blocked"
    *sent_back, nothing = article["reasons"]
    assert len(sent_back) == 5 and all(r.startswith("rejected: ") for r in sent_back)
    assert nothing == "coverage: nothing in it may be published in en yet (content/2026/port.md)"
    assert article["headline"] == "부산항 자동화 부두 개장"  # rejected: the source headline, not the translation
    assert [r["comment"] for r in article["rejections"]] == ["the figure is wrong"] * 5
    assert article["rejections"][0]["name"] == "Lee Jun"
    assert article["last_activity"].startswith("20")


def test_check_build_and_status_agree(newsroom: Path) -> None:
    translate_by_hand(newsroom, only=tuple(text for text in ENGLISH if not text.startswith("무인 크레인이")))
    approve_everything(newsroom)
    status = json.loads(run(newsroom, "status", "--format", "json")[1])["languages"][1]["articles"][0]
    check_code, check_out, _ = run(newsroom, "check", "--format", "json")
    build_code, build_out, _ = run(newsroom, "build", "--strict")
    assert status["verdict"] == "blocked" and check_code == 1 and build_code == 1
    assert json.loads(check_out)["verdicts"][0]["reasons"] == status["reasons"]
    assert all(f"  {reason}" in build_out for reason in status["reasons"])


def test_problems_below_the_coverage_are_made_blocking_as_replace_would() -> None:
    # A fresh catalog's entries are all below their minimum and the coverage is never
    # reached: each problem is made without Problem's __init__ and copied as blocking.
    from dataclasses import replace

    from l10n.app import publishing
    from l10n.qa.findings import Severity

    assert publishing._new_problem.__name__ == "make"  # the fast way, not through __init__
    fields = ("untranslated", Severity.ERROR, False, "heading is not translated", "content/a.md", 3, "locales/en/a.md.po", 9, "en", "제목", "heading")
    problem = publishing._new_problem(*fields)
    assert problem == publishing.Problem(*fields)
    blocking = publishing._blocking(problem)
    assert blocking == replace(problem, blocking=True) and blocking.blocking and not problem.blocking
    assert hash(blocking) == hash(replace(problem, blocking=True))


# --- the messages a verdict judges: the shortcut for a catalog in its article's order


def _judged_the_plain_way(entries: list[catalog.Entry], keys: list[tuple[str | None, str]]) -> tuple[list[catalog.Entry], int, list[str]]:
    """What _entries_to_judge finds, worked out without its shortcut: the entries the
    article has, its message count, and the number of messages missing, if any."""
    present = {entry.key for entry in entries}
    missing = [key for key in keys if key not in present]
    wanted = set(keys)
    return [entry for entry in entries if entry.key in wanted], len(keys), [f"{len(missing)} segments missing"] if missing else []


_A_FEW_KEYS = st.sampled_from([(None, "Title"), (None, "First."), ("menu", "First."), (None, "Second."), (None, "")])


@given(st.lists(_A_FEW_KEYS, max_size=6), st.lists(_A_FEW_KEYS, max_size=6), st.booleans())
@settings(max_examples=400)
def test_the_messages_judged_are_the_same_whether_the_catalog_is_in_its_articles_order_or_not(
    catalog_keys: list[tuple[str | None, str]], article_keys: list[tuple[str | None, str]], same_order: bool
) -> None:
    from types import SimpleNamespace

    from l10n.app import publishing

    if same_order:
        article_keys = list(catalog_keys)  # what extract writes: the shortcut's case
    entries = [catalog.Entry(msgid, "번역", msgctxt=msgctxt) for msgctxt, msgid in catalog_keys]
    po = SimpleNamespace(live=lambda: iter(entries))
    subject = SimpleNamespace(
        source=SimpleNamespace(article=SimpleNamespace(display="content/a.html")),
        lang="ko",
        policy=SimpleNamespace(rules=SimpleNamespace(block=frozenset({"out-of-date"}))),
    )

    judged, total, problems = publishing._entries_to_judge(subject, "locales/ko/a.po", po, article_keys)  # type: ignore[arg-type]

    plain_entries, plain_total, plain_missing = _judged_the_plain_way(entries, article_keys)
    assert judged == plain_entries and [id(entry) for entry in judged] == [id(entry) for entry in plain_entries]
    assert total == plain_total
    assert [problem.message.split("(")[1].split(")")[0] for problem in problems] == plain_missing
    assert all(problem.blocking and problem.code == "out-of-date" for problem in problems)


# --- a catalog nobody has translated yet: one verdict for all its entries


_KINDS = st.sampled_from([None, "", "heading", "title", "front-matter:title", "image-alt", "paragraph\narticle: 제목 (content/a.html)"])
_REFERENCES = st.sampled_from(
    [(), ("content/a.html:3",), ("content/a.html",), ("content/a.html:12", "content/b.html:4"), ("content/b.html:5",), ("a.html:x",)]
)
_MARKS = st.sampled_from(
    ["", "l10n: reviewed 2026-12-04 h:f8e2e2e6 by Kim Min-ji", "l10n: rejected 2026-11-02 h:0ddc2992 by Lee Jun\nthe figure is wrong", "a note"]
)
_ENTRIES = st.lists(
    st.builds(
        lambda msgid, msgstr, kind, references, tcomment, line: catalog.Entry(
            msgid, msgstr, comment=kind, references=references, tcomment=tcomment, line=line
        ),
        st.text(st.sampled_from("부산항 ab1."), min_size=1, max_size=8),
        st.sampled_from(["", "", "", "Busan"]),
        _KINDS,
        _REFERENCES,
        _MARKS,
        st.none() | st.integers(1, 500),
    ),
    max_size=8,
    unique_by=lambda entry: entry.msgid,
)


@given(
    _ENTRIES,
    st.sampled_from([0, 50, 100]),
    st.booleans(),
    st.sampled_from([frozenset({"stale", "out-of-date"}), frozenset({"untranslated", "out-of-date"}), frozenset()]),
    st.sampled_from(["none", "same", "one missing", "one left out"]),
    st.booleans(),
    st.booleans(),
)
@settings(max_examples=300, deadline=None)
def test_a_catalog_nobody_has_translated_is_judged_as_the_rule_judges_each_entry(
    entries: list[catalog.Entry],
    coverage: int,
    allow_machine: bool,
    block: frozenset[str],
    keys_given: str,
    with_extra: bool,
    fresh: bool,
) -> None:
    # verdict works out a catalog whose entries are all untranslated once for them all
    # (publishing.untranslated): the same verdict, problem for problem and field for
    # field, as weighing each entry (_entry_by_entry), whatever the policy.
    from dataclasses import replace
    from types import SimpleNamespace

    from l10n.app import publishing, workspace
    from l10n.app.check_settings import Rules
    from l10n.qa.checks import NO_GLOSSARY
    from l10n.qa.findings import Severity

    if fresh:  # as extract makes a catalog: nothing translated, every reference to the article
        entries = [replace(entry, msgstr="", references=entry.references and ("content/a.html:7",)) for entry in entries]
    article = workspace.Article("content", "a.html", "content/a.html")
    policy = publishing.Policy(coverage=coverage, allow_machine=allow_machine, rules=Rules(block=block))
    config = SimpleNamespace(locales="locales")
    subject = publishing.Subject(config, policy, NO_GLOSSARY, publishing.LazyArticle(config, article), "en")  # type: ignore[arg-type]
    po = catalog.Catalog(entries=entries)
    keys: list[tuple[str | None, str]] | None = {
        "none": None,
        "same": [entry.key for entry in entries],
        "one missing": [*(entry.key for entry in entries), (None, "missing")],
        "one left out": [entry.key for entry in entries][1:],
    }[keys_given]
    extra = [publishing.Problem("out-of-date", Severity.ERROR, False, "out of date", "content/a.html", catalog="locales/en/a.html.po", lang="en")]
    extra = extra if with_extra else []

    judged = publishing.verdict(subject, po, keys=keys, extra=extra)

    display = "locales/en/a.html.po"
    weighed = publishing._entry_by_entry(subject, display, *publishing._entries_to_judge(subject, display, po, keys), extra)
    assert judged == weighed and repr(judged) == repr(weighed)
    # Field for field in Problem's order, as the JSON report copies them (render_check).
    assert [list(vars(problem).items()) for problem in judged.problems] == [list(vars(problem).items()) for problem in weighed.problems]
    taken, _, _ = publishing._entries_to_judge(subject, display, po, keys)
    nobody = bool(taken) and not any(entry.msgstr for entry in taken)
    elsewhere = any(entry.references and not entry.references[0].startswith("content/a.html") for entry in taken)
    assert (publishing.untranslated(subject, display, taken, len(taken)) is not None) == (nobody and not elsewhere)


# --- a translation the policy takes whether or not it is reviewed: its state is not worked out


def _as_drafted(draw: st.DrawFn) -> catalog.Entry:
    """An entry as translators, machines and reviewers leave them: any state, with
    marks that match its text or not."""
    from l10n.po.states import content_hash

    msgid = draw(st.text(st.sampled_from("부산항 ab1."), min_size=1, max_size=8))
    msgstr = draw(st.sampled_from(["", "Busan", "Busan port", "the port of Busan 1."]))
    matching = content_hash(None, msgid, msgstr)
    marks = draw(
        st.lists(
            st.sampled_from(
                [
                    f"l10n: reviewed 2026-12-04 h:{matching} by Kim Min-ji",
                    "l10n: reviewed 2026-12-03 h:0ddc2992 by Lee Jun",
                    f"l10n: machine google 2026-11-28 h:{matching}",
                    f"l10n: rejected 2026-11-02 h:{matching} by Lee Jun: the figure is wrong",
                    "a note",
                ]
            ),
            max_size=3,
        )
    )
    return catalog.Entry(
        msgid,
        msgstr,
        comment=draw(_KINDS),
        references=("content/a.html:3",),
        flags=("fuzzy",) if draw(st.booleans()) else (),
        previous_msgid=draw(st.sampled_from([None, None, "old text"])),
        tcomment="\n".join(marks),
        line=draw(st.integers(1, 500)),
    )


_MINIMUMS = st.dictionaries(
    st.sampled_from(["*", "title", "heading", "front-matter:title", "image-alt"]),
    st.sampled_from(["translated", "reviewed"]),
)
_BLOCKS = st.frozensets(st.sampled_from(["translated", "reviewed", "machine", "untranslated", "stale", "rejected", "qa-error"]))


@given(
    st.lists(st.composite(_as_drafted)(), max_size=8, unique_by=lambda entry: entry.msgid),
    _MINIMUMS,
    _BLOCKS,
    st.frozensets(st.sampled_from(["*", "title", "heading"])),
    st.booleans(),
    st.sampled_from([0, 50, 100]),
)
@settings(max_examples=300, deadline=None)
def test_a_translation_good_enough_either_way_is_judged_as_when_its_state_is_known(
    entries: list[catalog.Entry],
    minimum: dict[str, str],
    block: frozenset[str],
    require_human: frozenset[str],
    allow_machine: bool,
    coverage: int,
) -> None:
    # Where the policy takes a kind's translation whether or not it is reviewed, the
    # verdict does not work out the state of a translation that is not fuzzy (which
    # checks its reviewed mark). Its verdict must be the one reached from every
    # entry's state, as the rule is written: problem for problem, field for field.
    subject = _english_version_of_a_page(minimum, allow_machine, coverage, Rules(block=block, require_human=require_human))

    judged = publishing.verdict(subject, catalog.Catalog(entries=entries))

    # The plain way: every entry's state worked out first, and no shortcut taken.
    fresh = [catalog.Entry(**{f.name: getattr(entry, f.name) for f in fields(catalog.Entry)}) for entry in entries]
    states = [entry.state for entry in fresh]
    original = publishing._Standing.translated_is_enough
    publishing._Standing.translated_is_enough = lambda self, kind: False  # type: ignore[method-assign]
    try:
        plain = publishing.verdict(subject, catalog.Catalog(entries=fresh))
    finally:
        publishing._Standing.translated_is_enough = original  # type: ignore[method-assign]
    assert judged == plain and repr(judged) == repr(plain)
    assert [list(vars(problem).items()) for problem in judged.problems] == [list(vars(problem).items()) for problem in plain.problems]
    # Its activity asks the state of fuzzy entries alone: it is the same as asking every marked one's.
    for usable in ({}, {entry.key: entry.msgstr for entry in fresh}, dict(judged.usable)):
        assert publishing._activity(entries, usable) == _activity_from_every_state(fresh, usable)
    # A translation the shortcut took is one whose state is translated or reviewed.
    for entry, state in zip(entries, states, strict=True):
        if "state" not in vars(entry) and entry.msgstr:
            assert state in (State.TRANSLATED, State.REVIEWED)


def _english_version_of_a_page(minimum: dict[str, str], allow_machine: bool, coverage: int, rules: Rules) -> publishing.Subject:
    """The verdict's subject for content/a.html in English under a policy made of these."""
    from types import SimpleNamespace

    from l10n.app import workspace
    from l10n.qa.checks import NO_GLOSSARY

    article = workspace.Article("content", "a.html", "content/a.html")
    policy = publishing.Policy(
        minimum=tuple(sorted({"*": "translated", **minimum}.items())), allow_machine=allow_machine, coverage=coverage, rules=rules
    )
    config = SimpleNamespace(locales="locales")
    return publishing.Subject(config, policy, NO_GLOSSARY, publishing.LazyArticle(config, article), "en")  # type: ignore[arg-type]


def _activity_from_every_state(entries: list[catalog.Entry], usable: dict) -> publishing.Activity:
    """Activity as it was written before the shortcut: each marked entry's state asked."""
    reviewers: dict[str, str] = {}
    rejections = []
    machine = set()
    last = ""
    for entry in entries:
        if not entry.tcomment:
            continue
        for mark in entry.marks:
            last = max(last, mark.date)
            if mark.kind == "reviewed" and mark.who:
                reviewers[mark.who] = max(reviewers.get(mark.who, ""), mark.date)
        if entry.state is State.REJECTED:
            rejections += [(mark.who or "", mark.date, mark.note or "") for mark in entry.marks if mark.kind == "rejected"]
        if entry.state is State.MACHINE and entry.key in usable:
            machine |= {(mark.provider or mark.kind, mark.date) for mark in entry.marks if mark.kind in ("machine", "memory")}
    ordered = tuple(sorted(reviewers.items(), key=lambda pair: (pair[1], pair[0]), reverse=True))
    return publishing.Activity(ordered, last, tuple(rejections), tuple(sorted(machine)))


@given(_MINIMUMS, _BLOCKS, st.frozensets(st.sampled_from(["*", "title", "heading"])), st.booleans())
@settings(max_examples=200, deadline=None)
def test_what_a_policy_says_of_each_state_is_kept_with_the_policy_and_is_the_rules_own(
    minimum: dict[str, str], block: frozenset[str], require_human: frozenset[str], allow_machine: bool
) -> None:
    # A run keeps one _Standing per policy, not one per verdict: an equal policy gets
    # the same answers, and they are what the policy and its rules say themselves.
    from l10n.app.check_settings import Rules

    def made() -> publishing.Policy:
        rules = Rules(block=frozenset(block), require_human=frozenset(require_human))
        return publishing.Policy(minimum=tuple(sorted({"*": "translated", **minimum}.items())), allow_machine=allow_machine, rules=rules)

    policy = made()
    assert publishing._standing_of(policy) is publishing._standing_of(made())
    standing = publishing._standing_of(policy)
    for kind in ("title", "heading", "front-matter:title", "image-alt", "paragraph"):
        for state in State:
            blocks = policy.rules.blocks_state(state, kind)
            assert standing.of(state, kind) == (blocks, policy.publishable(state, kind) and not blocks)
        either = {standing.of(State.TRANSLATED, kind), standing.of(State.REVIEWED, kind)}
        assert standing.translated_is_enough(kind) == (either == {(False, True)})


# --- the build's verdict: the checks whose findings only inform are not run

# Source and translation pairs that draw findings of every severity: none, a dropped
# figure (an error), broken markup and a changed link (safety errors), a missing end
# stop, a lowercase start and an odd length (warnings), a converted unit (a notice).
_JUDGED_PAIRS = [
    ("부산항은 1876년에 열렸다.", "The port of Busan opened in 1876."),
    ("부산항은 1876년에 처음 열렸다.", "The port of Busan first opened long ago."),
    ("부산항에 <b>새 부두</b>가 있다.", "Busan has a <b>new pier."),
    ('<a href="https://busan.example/port">부산항</a> 안내.', '<a href="https://evil.example/">Port</a> guide.'),
    ("부산항은 크다.", "the port of Busan is big"),
    ("부산항은 아주 크다.", "Busan's port is big, very very big, bigger than any port people here have seen before."),
    ("부두는 5마일 길이다.", "The pier is 8 km long."),
]


@st.composite
def _judged_entry(draw: st.DrawFn) -> catalog.Entry:
    from l10n.po.states import content_hash

    msgid, msgstr = draw(st.sampled_from(_JUDGED_PAIRS))
    msgstr = draw(st.sampled_from([msgstr, msgstr, msgstr, ""]))
    marks = draw(
        st.lists(
            st.sampled_from(
                [
                    f"l10n: reviewed 2026-12-04 h:{content_hash(None, msgid, msgstr)} by Kim Min-ji",
                    f"l10n: machine google 2026-11-28 h:{content_hash(None, msgid, msgstr)}",
                    "l10n: rejected 2026-11-02 h:0ddc2992 by Lee Jun: the figure is wrong",
                ]
            ),
            max_size=2,
        )
    )
    return catalog.Entry(
        msgid,
        msgstr,
        comment=draw(_KINDS),
        references=("content/a.html:3",),
        flags=("fuzzy",) if draw(st.booleans()) else (),
        previous_msgid=draw(st.sampled_from([None, None, "old text"])),
        tcomment="\n".join(marks),
        line=draw(st.integers(1, 500)),
    )


@given(
    st.lists(_judged_entry(), max_size=6, unique_by=lambda entry: entry.msgid),
    _MINIMUMS,
    st.frozensets(st.sampled_from(["machine", "stale", "rejected", "qa-error", "qa-warning", "translated"])),
    st.frozensets(st.sampled_from(["numbers", "markup", "end-punctuation", "length-ratio", "urls"])),
    st.booleans(),
    st.sampled_from([0, 50, 100]),
)
@settings(max_examples=300, deadline=None)
def test_the_build_decides_as_the_full_verdict_does_without_the_findings_that_only_inform(
    entries: list[catalog.Entry],
    minimum: dict[str, str],
    block: frozenset[str],
    ignore: frozenset[str],
    allow_machine: bool,
    coverage: int,
) -> None:
    # A build acts on the decision alone, so it does not run the checks whose findings
    # cannot block under the policy, nor any check of a translation that may not be
    # published. Whatever the entries, states, [check] block list and ignores, it must
    # decide exactly as the full verdict does and give the same reasons; its problems
    # are the full verdict's, less some that only inform.
    subject = _english_version_of_a_page(minimum, allow_machine, coverage, Rules(block=block, ignore=ignore))

    full = publishing.verdict(subject, catalog.Catalog(entries=entries))
    deciding = publishing.verdict(subject, catalog.Catalog(entries=entries), informing=False)

    for name in ("ready", "publishable", "total", "usable", "headline", "activity", "reasons"):
        assert getattr(deciding, name) == getattr(full, name), name
    assert deciding.in_words() == full.in_words()
    left_out = [problem for problem in full.problems if problem not in deciding.problems]
    assert all(not problem.blocking for problem in left_out)
    assert [problem for problem in full.problems if problem not in left_out] == list(deciding.problems)
