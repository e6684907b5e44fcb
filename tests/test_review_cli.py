"""`l10n review` as an editor uses it from the shell: list, show, approve, reject, log, stats."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from l10n.cli import main
from tests.conftest import snapshot, unavailable
from tests.test_review import RAIL_KO, SCRAPED_EN, edit_in_po_editor, git, isolated_git, requires_git

PORT_EN = "locales/en/news/port-opening.md.po"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def drafted(newsroom: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("L10N_PSEUDO_RATE", "10000")
    monkeypatch.delenv("L10N_REVIEWER", raising=False)
    assert run("extract")[0] == 0
    assert run("translate", "--provider", "pseudo")[0] == 0
    return newsroom


def listed(*args: str) -> list[tuple[str, str, str, str]]:
    """(id, lang, state, where) of each entry `review list` prints."""
    code, out, _ = run("review", "list", *args)
    assert code == 0
    rows = []
    for line in out.splitlines():
        if line and not line.startswith(" ") and not line.endswith((" entries", " entry")):
            entry_id, lang, state, where = line.split()
            rows.append((entry_id, lang, state, where))
    return rows


def test_list_shows_every_draft_with_an_id_and_filters_by_language_state_and_article(drafted: Path) -> None:
    everything = listed()

    assert len(everything) == 27 and {row[2] for row in everything} == {"machine"}
    assert {row[1] for row in listed("--lang", "ko")} == {"ko"}
    assert listed("--state", "reviewed") == []
    only_scraped = listed("content/news/scraped.txt", "--lang", "en")
    assert len(only_scraped) == 7 and all(row[3].startswith("content/news/scraped.txt:") for row in only_scraped)
    code, out, _ = run("review", "list", "--lang", "en", "content/news/rail-strike.md")
    assert code == 0
    assert out.splitlines()[-1] == "1 entry"


def test_show_prints_source_draft_translation_and_the_changes(drafted: Path) -> None:
    entry_id, _, _, _ = listed("content/news/scraped.txt", "--lang", "en")[2]
    po = polib.pofile(str(drafted / SCRAPED_EN), encoding="utf-8")
    entry = [e for e in po if e.msgid][2]
    draft = entry.msgstr
    edit_in_po_editor(drafted, SCRAPED_EN, entry.msgid, "Exports up 12% in November")

    code, out, _ = run("review", "show", entry_id)

    assert code == 0
    assert f"{entry_id}  translated  {SCRAPED_EN}" in out
    assert f"source:      {entry.msgid}" in out
    assert f"draft (pseudo): {draft}" in out
    assert "translation: Exports up 12% in November" in out
    assert "changes:     [-[11월 수출-] {+Exports up+} 12% [-늘어 ····]-] {+in November+}" in out
    assert "--- machine draft" in out and "+Exports up 12% in November" in out


def test_approve_one_entry_by_id_records_the_reviewer_and_date(drafted: Path) -> None:
    entry_id = listed("content/news/scraped.txt", "--lang", "en")[0][0]

    code, out, _ = run("review", "approve", entry_id[:6], "--reviewer", "Kim Min-ji")

    assert code == 0
    assert f"approved  {entry_id}" in out and "machine -> reviewed" in out
    assert out.splitlines()[-1] == "1 approved, 0 already so; 1 catalog written"
    assert " by Kim Min-ji" in (drafted / SCRAPED_EN).read_text(encoding="utf-8")
    code, out, _ = run("review", "log", "--by", "kim")
    assert "Kim Min-ji  machine -> reviewed  content/news/scraped.txt [en]" in out


def test_approve_a_whole_article(drafted: Path) -> None:
    code, out, _ = run("review", "approve", "content/news/scraped.txt", "--lang", "en", "--reviewer", "Kim Min-ji")

    assert code == 0
    assert out.splitlines()[-1] == "7 approved, 0 already so; 1 catalog written"
    assert {row[2] for row in listed("content/news/scraped.txt", "--lang", "en")} == {"reviewed"}
    assert {row[2] for row in listed("content/news/scraped.txt", "--lang", "ko")} == {"machine"}


def test_approve_everything_matching_a_filter(drafted: Path) -> None:
    # A translator post-edits two English drafts; the editor approves all translated English.
    edit_in_po_editor(drafted, SCRAPED_EN, "경제 | 산업", "Economy | Industry")
    edit_in_po_editor(drafted, RAIL_KO.replace("ko/", "en/"), polib.pofile(str(drafted / "locales/en/news/rail-strike.md.po"))[0].msgid, "A union spokesman said they did not want to stop the city.")

    code, out, _ = run("review", "approve", "--all", "--state", "translated", "--lang", "en", "--reviewer", "Kim Min-ji")

    assert code == 0, out
    assert out.splitlines()[-1] == "2 approved, 0 already so; 2 catalogs written"
    assert len(listed("--state", "reviewed")) == 2
    assert len(listed("--state", "machine")) == 25


def test_reject_with_a_comment_the_translator_sees(drafted: Path) -> None:
    entry_id = listed("content/news/scraped.txt", "--lang", "en")[1][0]

    code, out, _ = run("review", "reject", entry_id, "--comment", "keep the quotation marks", "--reviewer", "Kim Min-ji")

    assert code == 0
    assert "machine -> rejected" in out
    text = (drafted / SCRAPED_EN).read_text(encoding="utf-8")
    assert "by Kim Min-ji: keep the quotation marks" in text
    _, shown, _ = run("review", "show", entry_id)
    note = [line for line in shown.splitlines() if line.startswith("note:")]
    assert len(note) == 1 and note[0].startswith("note:        rejected by Kim Min-ji on ")
    assert note[0].endswith(": keep the quotation marks")


def test_reject_needs_a_comment(drafted: Path) -> None:
    entry_id = listed()[0][0]
    before = snapshot(drafted)

    code, _, err = run("review", "reject", entry_id, "--reviewer", "Kim Min-ji")

    assert code == 2 and "--comment" in err
    assert snapshot(drafted) == before


@pytest.mark.parametrize("source", ["flag", "environment", "git"])
@requires_git
def test_the_reviewer_name_comes_from_flag_environment_or_git(
    drafted: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, source: str
) -> None:
    isolated_git(monkeypatch, tmp_path)
    git(drafted, "init", "-q")
    git(drafted, "config", "user.name", "Park Seo-yeon")
    entry_id = listed()[0][0]
    args = ["review", "approve", entry_id]
    env = {}
    if source == "flag":
        args += ["--reviewer", "Kim Min-ji"]
        env["L10N_REVIEWER"] = "Lee Jun"
    elif source == "environment":
        env["L10N_REVIEWER"] = "Lee Jun"

    code, out, _ = run(*args, env=env)

    expected = {"flag": "Kim Min-ji", "environment": "Lee Jun", "git": "Park Seo-yeon"}[source]
    assert code == 0, out
    _, log, _ = run("review", "log")
    assert f"  {expected}  machine -> reviewed" in log


def test_log_filters_by_person_article_and_date(drafted: Path) -> None:
    ids = listed("--lang", "en")
    run("review", "approve", ids[0][0], "--reviewer", "Kim Min-ji")
    run("review", "reject", ids[-1][0], "--comment", "check the figure", "--reviewer", "Lee Jun")

    _, everything, _ = run("review", "log")
    _, by_lee, _ = run("review", "log", "--by", "lee")
    _, scraped, _ = run("review", "log", "--article", "content/news/scraped*")
    _, future, _ = run("review", "log", "--since", "2999-01-01")
    _, past, _ = run("review", "log", "--until", "2000-01-01")

    assert everything.splitlines()[-1] == "29 changes"  # 27 drafts, one approval, one rejection
    assert by_lee.splitlines()[-1] == "1 change" and "machine -> rejected" in by_lee and ": check the figure" in by_lee
    assert all("content/news/scraped.txt" in line for line in scraped.splitlines()[:-1])
    assert "(pseudo)" in everything  # the provider of each draft
    assert future.splitlines() == ["0 changes"] and past.splitlines() == ["0 changes"]


def test_stats_measure_post_editing_per_provider_language_and_article(drafted: Path) -> None:
    # English, counted in words: 3 drafts approved as they are, 1 rewritten entirely.
    english = [e for e in polib.pofile(str(drafted / SCRAPED_EN), encoding="utf-8") if e.msgid]
    edit_in_po_editor(drafted, SCRAPED_EN, english[3].msgid, "Memory prices recover")
    english_ids = [row[0] for row in listed("content/news/scraped.txt", "--lang", "en")]
    run("review", "approve", *english_ids[:3], "--reviewer", "Kim Min-ji")
    # Korean, counted in characters: one draft kept, one with a single character fixed.
    korean = [e for e in polib.pofile(str(drafted / RAIL_KO), encoding="utf-8") if e.msgid]
    edit_in_po_editor(drafted, RAIL_KO, korean[0].msgid, korean[0].msgstr)
    fixed = "X" + korean[1].msgstr[1:]
    edit_in_po_editor(drafted, RAIL_KO, korean[1].msgid, fixed)
    characters = len([ch for ch in korean[1].msgstr if not ch.isspace()])

    code, out, _ = run("review", "stats")

    assert code == 0
    rows = {line.split()[0] + "/" + section: line.split()[1:] for section, block in _sections(out).items() for line in block}
    assert rows["pseudo/provider"] == ["6", "67%", f"{0:.2f}", f"{(1 + 1 / characters) / 6:.2f}"]
    assert rows["en/lang"] == ["4", "75%", "0.00", "0.25"]
    assert rows["ko/lang"] == ["2", "50%", f"{1 / characters / 2:.2f}", f"{1 / characters / 2:.2f}"]
    assert rows["content/news/scraped.txt/article"][:2] == ["4", "75%"]
    assert rows["content/news/rail-strike.md/article"][:2] == ["2", "50%"]
    _, only_lang, _ = run("review", "stats", "--by", "lang")
    assert "by provider:" not in only_lang and "by lang:" in only_lang


def _sections(out: str) -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current = ""
    for line in out.splitlines():
        if line.startswith("by "):
            current = line[3:].rstrip(":")
            sections[current] = []
        elif line.strip() and not line.strip().startswith("drafts"):
            sections[current].append(line.strip())
    return sections


def test_stats_before_anything_is_finished(drafted: Path) -> None:
    code, out, _ = run("review", "stats")

    assert code == 0 and out.startswith("no finished machine drafts yet")


# --------------------------------------------------------------------------- bad input


def test_a_broken_catalog_is_named_with_its_line_and_nothing_is_written(drafted: Path) -> None:
    broken = drafted / SCRAPED_EN
    lines = broken.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines) if line.startswith("msgstr \"[")) + 1
    lines[number - 1] = 'msgstr "an unterminated string\n'
    broken.write_text("".join(lines), encoding="utf-8")
    before = snapshot(drafted)

    for args in (["list"], ["approve", "--all", "--reviewer", "Kim Min-ji"], ["reject", "--all", "-m", "no", "--reviewer", "Kim"], ["log"], ["stats"]):
        code, _, err = run("review", *args)

        assert code == 1, args
        assert err.startswith(f"error: {SCRAPED_EN}:{number}: "), err
        assert "\nhint: " in err and "Traceback" not in err
    assert snapshot(drafted) == before


@pytest.mark.parametrize("command", ["show", "approve", "reject"])
def test_an_unknown_entry_id_is_an_error_and_nothing_is_written(drafted: Path, command: str) -> None:
    before = snapshot(drafted)
    extra = ["--reviewer", "Kim Min-ji", "--comment", "x"] if command == "reject" else ["--reviewer", "Kim Min-ji"] if command == "approve" else []

    code, _, err = run("review", command, "deadbeef", *extra)

    assert code == 1
    assert "error: no entry with id 'deadbeef'" in err
    assert "hint: list ids with: l10n review list" in err
    assert snapshot(drafted) == before


@pytest.mark.parametrize("name", ["", "   "], ids=["empty", "blank"])
def test_an_empty_reviewer_name_is_an_error_and_nothing_is_written(drafted: Path, name: str) -> None:
    entry_id = listed()[0][0]
    before = snapshot(drafted)

    code, _, err = run("review", "approve", entry_id, "--reviewer", name, env={"L10N_REVIEWER": "Lee Jun"})

    assert code == 1
    assert "error: no reviewer name" in err and "hint: pass --reviewer NAME" in err
    assert snapshot(drafted) == before


def installed_script() -> str:
    """The ``l10n`` console script installed for the Python running the tests: in
    its scripts folder (a virtualenv's bin/), not whichever one PATH finds first."""
    folders = dict.fromkeys([str(Path(sys.executable).parent), sysconfig.get_path("scripts")])
    script = shutil.which("l10n", path=os.pathsep.join(folders))
    if script is None:
        unavailable(f"the l10n console script is not installed for {sys.executable} (pip install -e .)")
    return script


def test_the_installed_command_reviews_too(drafted: Path) -> None:
    l10n = installed_script()
    entry_id = listed()[0][0]

    done = subprocess.run([l10n, "review", "approve", entry_id, "--reviewer", "Kim Min-ji"], cwd=drafted, capture_output=True, text=True, encoding="utf-8")

    assert done.returncode == 0, done.stderr
    assert "1 approved" in done.stdout


def test_the_interactive_review_needs_a_terminal(drafted: Path) -> None:
    code, _, err = run("review", "--reviewer", "Kim Min-ji")

    assert code == 2 and "needs a terminal" in err


def test_a_rejected_draft_is_never_offered_again_and_only_a_person_clears_the_rejection(drafted: Path) -> None:
    entry_id = listed("content/news/scraped.txt", "--lang", "en")[1][0]
    rejected = polib.pofile(str(drafted / SCRAPED_EN))[1]
    assert run("review", "reject", entry_id, "--comment", "keep the quotation marks", "--reviewer", "Kim Min-ji")[0] == 0
    before = (drafted / SCRAPED_EN).read_bytes()

    # --fuzzy redrafts needs-work entries, but a reviewer's rejection waits for a person.
    code, _, _ = run("translate", "--provider", "pseudo", "--fuzzy")

    assert code == 0
    assert (drafted / SCRAPED_EN).read_bytes() == before
    code, out, _ = run("check")
    assert code == 1 and "was sent back by a reviewer" in out

    # The translator empties the translation to get a new draft: the cached answer,
    # and the provider asked again, give the rejected text, which is not written back.
    edit_in_po_editor(drafted, SCRAPED_EN, rejected.msgid, "")
    code, out, err = run("translate", "--provider", "pseudo")

    assert code == 1
    assert "pseudo: the answer is the translation a reviewer rejected" in err
    entry = polib.pofile(str(drafted / SCRAPED_EN)).find(rejected.msgid)
    assert entry.msgstr == "" and "keep the quotation marks" in entry.tcomment
    assert run("check")[0] == 1
