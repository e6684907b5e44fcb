"""Review as a first-time team meets it: rejection comments in the list, a stale
entry's old source, where memory drafts came from, the editor file, one article at
a time, quoted globs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from l10n.app import review as reviewing
from l10n.cli.render_review import EDITOR_MARK, edited_translation, editor_text
from l10n.model import State
from tests.test_review import edit_in_po_editor
from tests.test_review_cli import drafted, listed, run
from tests.test_review_session import Terminal

__all__ = ["drafted"]  # the fixture, used by name

STORY = "content/news/port-opening.md"


def ids_of(*args: str) -> list[str]:
    return [row[0] for row in listed(*args)]


def test_approve_takes_a_quoted_glob_of_articles(drafted: Path) -> None:
    code, out, _ = run("review", "approve", "content/news/port-*", "--reviewer", "Kim")

    assert code == 0, out
    assert {row[3].split(":")[0] for row in listed("--state", "reviewed")} == {STORY}
    assert out.splitlines()[-1].startswith("13 approved")

    code, _, err = run("review", "approve", "content/sports/*", "--reviewer", "Kim")
    assert code == 1 and "no article matches 'content/sports/*'" in err


def test_list_shows_why_an_entry_was_rejected(drafted: Path) -> None:
    first = ids_of("--lang", "en", STORY)[0]
    run("review", "reject", first, "--comment", "the figure should be 110 million", "--reviewer", "Lee")

    code, out, _ = run("review", "list", "--state", "rejected")

    assert code == 0
    assert "    ! rejected by Lee on " in out and ": the figure should be 110 million" in out


def test_show_on_a_stale_entry_gives_the_old_source_and_the_draft(drafted: Path) -> None:
    story = drafted / STORY
    story.write_text(story.read_text(encoding="utf-8").replace("무인 크레인 12기", "무인 크레인 14기"), encoding="utf-8")
    assert run("extract")[0] == 0
    (stale,) = ids_of("--state", "stale", "--lang", "en")

    code, out, _ = run("review", "show", stale)

    assert code == 0
    assert "source:      무인 크레인 14기" in out
    assert "old source:  무인 크레인 12기" in out
    assert "draft (pseudo): " in out


def _item(**fields: object) -> reviewing.Item:
    base = {
        "id": "0000aaaa",
        "lang": "en",
        "catalog": "locales/en/news/port-opening.md.po",
        "digest": "",
        "article": STORY,
        "line": 7,
        "kind": "heading",
        "msgctxt": None,
        "msgid": "부산 신항 자동화 부두 개장",
        "msgstr": "# Busan's new port opens",  # a translation may itself start with "#"
        "state": State.MACHINE,
        "provider": "deepl",
        "draft": "# Busan's new port opens",
        "notes": ("rejected by Lee on 2026-11-28: say 'automated'",),
        "tcomment": "",
    }
    return reviewing.Item(**{**base, **fields})  # type: ignore[arg-type]


def test_the_editor_file_holds_source_and_context_above_the_translation_and_only_the_translation_is_kept() -> None:
    text = editor_text(_item(previous="부산 신항 부두 개장"))
    head, _, translation = text.partition(EDITOR_MARK + "\n")

    assert all(line.startswith("#") for line in head.splitlines())
    assert "# source:\n#   부산 신항 자동화 부두 개장" in head
    assert "# old source:\n#   부산 신항 부두 개장" in head
    assert "# draft (deepl):" in head and "say 'automated'" in head
    assert f"{STORY}:7 (heading)" in head
    assert translation == "# Busan's new port opens\n"

    saved = text.replace("# Busan's new port opens\n", "# Busan's automated port opens\nsecond line\n")
    assert edited_translation(saved) == "# Busan's automated port opens\nsecond line"
    assert edited_translation("written over the whole file\n") == "written over the whole file"


def test_stats_name_the_translation_memory_as_the_origin_of_its_drafts(newsroom: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("L10N_PSEUDO_RATE", "10000")
    assert run("extract")[0] == 0
    edit_in_po_editor(newsroom, "locales/en/news/port-opening.md.po", "항목", "Item")  # a person's translation
    (newsroom / "content/news/brief.md").write_text("항목\n", encoding="utf-8")
    assert run("extract")[0] == 0
    assert run("translate", "--provider", "pseudo", "content/news/brief.md")[0] == 0
    (remembered,) = ids_of("content/news/brief.md", "--lang", "en")
    assert "draft (memory): Item" in run("review", "show", remembered)[1]
    run("review", "approve", remembered, "--reviewer", "Kim")

    code, out, _ = run("review", "stats")

    assert code == 0
    providers = [line.split()[0] for line in out.split("by provider:")[1].split("by ")[0].splitlines()[1:] if line.strip()]
    assert "memory" in providers and "unknown" not in providers


def test_check_can_be_limited_to_one_article(newsroom: Path) -> None:
    assert run("extract")[0] == 0
    code, everything, _ = run("check")
    assert code == 1 and "in 5 catalogs" in everything

    code, out, _ = run("check", "content/news/rail-strike.md")

    # Each problem line, then (from the publishing verdict) "blocked:" and its reasons indented.
    problems = [line for line in out.splitlines() if not line.startswith(("check ", "blocked: ", "  "))]
    assert problems and all(line.startswith("content/news/rail-strike.md:") for line in problems)
    assert out.splitlines()[-1].endswith("in 2 catalogs (6 entries)")


def test_the_interactive_review_can_be_limited_to_one_article(drafted: Path) -> None:
    env = {**os.environ, "TERM": "xterm"}
    env.pop("L10N_REVIEWER", None)
    session = Terminal(drafted, env, "--article", "content/news/rail-strike.md")
    try:
        match = session.expect(r"\[1/(\d+)\]  reviewer: Tester\n\w{8}  \w+  (\S+)")
        assert int(match.group(1)) == len(listed("content/news/rail-strike.md"))
        assert "/rail-strike.md.po" in match.group(2)
        session.press("q")
        session.expect("0 decisions saved")
    finally:
        session.close()
