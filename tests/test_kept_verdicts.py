"""The verdicts extract keeps: status, check and build answer from them, exactly as
if they had judged every article themselves.

The story: a desk's catalogs are filled in (some reviewed, one machine draft, one
translation with a changed link, one rejected), and extract runs. The editor then
asks status, CI runs check, and build publishes: none of them judges an article
again, and each says exactly what it would have said after judging afresh. When a
translator saves a catalog, the article's verdict is judged afresh; so it is when
the publishing policy or the glossary changes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.app import publishing
from l10n.cli import main
from l10n.po import catalog

PORT = """\
---
title: 부산항 자동화 부두 개장
---

부산항만공사는 2일 [자동화 부두](https://port.example.kr/)를 개장했다고 밝혔다.

새 부두에는 무인 크레인 12대가 있다.
"""

RAIL = """\
---
title: Rail unions call off strike
---

The unions said on Monday that trains would run as usual.

Talks resume next week.
"""

ENGLISH = {
    "부산항 자동화 부두 개장": "Busan port opens an automated terminal",
    "부산항만공사는 2일 [자동화 부두](https://port.example.kr/)를 개장했다고 밝혔다.": (
        # The link target changed: a safety finding that blocks.
        "Busan Port Authority said on the 2nd it opened an [automated terminal](https://elsewhere.example.com/)."
    ),
    "새 부두에는 무인 크레인 12대가 있다.": "The new terminal has 12 unmanned cranes.",
}
KOREAN = {  # the last sentence is not translated yet
    "Rail unions call off strike": "철도 노조 파업 철회",
    "The unions said on Monday that trains would run as usual.": "노조는 월요일 열차가 평소대로 운행한다고 밝혔다.",
}
CONFIG = 'languages = ["ko", "en"]\n[publish]\ncoverage = 60\n'
KEPT = ".cache/l10n/verdicts-manifest.sqlite3"


def run(root: Path, *args: str) -> tuple[int, str]:
    hidden: dict[str, str | None] = {name: None for name in os.environ if name.startswith("L10N_")}
    result = CliRunner().invoke(main, ["-C", str(root), *args], env={**hidden, "L10N_JOBS": "1"})
    return result.exit_code, result.stdout + result.stderr


def fill(root: Path, path: str, texts: dict[str, str]) -> None:
    """A translator fills a catalog in a PO editor."""
    po = catalog.read_catalog(root / path, path)
    for entry in list(po.live()):
        if entry.msgid in texts:
            po.update(entry.key, msgstr=texts[entry.msgid], flags=())
    catalog.save_catalog(po, root / path)


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two articles, translated by people (the rail story reviewed but for its last
    sentence, which the desk's coverage of 60% lets it do without), then extracted."""
    root = tmp_path / "desk"
    (root / "content/2026").mkdir(parents=True)
    (root / "l10n.toml").write_text(CONFIG, encoding="utf-8")
    (root / "content/2026/port.md").write_text(PORT, encoding="utf-8")
    (root / "content/2026/rail.md").write_text(RAIL, encoding="utf-8")
    monkeypatch.chdir(root)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1795000000")
    assert run(root, "extract")[0] == 0
    fill(root, "locales/en/2026/port.md.po", ENGLISH)
    fill(root, "locales/ko/2026/rail.md.po", KOREAN)
    code, out = run(root, "review", "approve", "content/2026/rail.md", "--reviewer", "Kim Min-ji")
    assert code == 0, out
    code, out = run(root, "extract")
    assert code == 0, out
    assert (root / KEPT).is_file()
    return root


def answers(root: Path) -> dict[str, tuple[int, str]]:
    return {
        "status": run(root, "status", "--format", "json"),
        "status page": run(root, "status", "--format", "html"),
        "check": run(root, "check", "--format", "json"),
        "check sarif": run(root, "check", "--format", "sarif"),
        "check text": run(root, "check"),
    }


def built(root: Path) -> tuple[tuple[int, str], dict[str, str]]:
    shutil.rmtree(root / "build", ignore_errors=True)
    report = run(root, "build")
    files = {p.relative_to(root).as_posix(): p.read_text(encoding="utf-8") for p in sorted((root / "build").rglob("*")) if p.is_file()}
    return report, files


def count_judging(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The articles judged afresh in this process (L10N_JOBS=1 keeps them here)."""
    judged: list[str] = []
    real = publishing.verdict

    def counting(subject: publishing.Subject, *args: object, **kwargs: object) -> publishing.Verdict:
        judged.append(f"{subject.source.article.display} in {subject.lang}")
        return real(subject, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(publishing, "verdict", counting)
    return judged


def cache_bytes(root: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted((root / ".cache").rglob("*")) if p.is_file()}


def test_after_extract_status_check_and_build_judge_nothing_again_and_say_the_same(desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    judged = count_judging(monkeypatch)
    kept_answers = answers(desk)
    kept_build = built(desk)
    assert judged == []
    # The rail story is ready; the port story is blocked by its changed link.
    assert kept_answers["check"][0] == 1
    assert "markup: link target" in kept_answers["check text"][1] and "blocked: content/2026/port.md in en" in kept_answers["check text"][1]
    assert "ko/2026/rail.md" in " ".join(kept_build[1])

    (desk / KEPT).unlink()
    assert answers(desk) == kept_answers
    assert built(desk) == kept_build
    assert "content/2026/port.md in en" in judged and "content/2026/rail.md in ko" in judged


def test_status_and_check_read_the_kept_verdicts_without_writing_a_byte(desk: Path) -> None:
    before = cache_bytes(desk)
    answers(desk)
    assert cache_bytes(desk) == before


def test_a_catalog_saved_after_extract_is_judged_afresh(desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(desk, "check", "content/2026/rail.md")[0] == 0
    # A translator slips a script into the reviewed story in a PO editor.
    path = desk / "locales/ko/2026/rail.md.po"
    path.write_text(path.read_text(encoding="utf-8").replace("노조는", "<script>alert(1)</script> 노조는"), encoding="utf-8")
    judged = count_judging(monkeypatch)
    code, out = run(desk, "check", "content/2026/rail.md")
    assert code == 1, out
    assert "markup" in out
    assert judged == ["content/2026/rail.md in ko"]


@pytest.mark.parametrize("chosen", [(), ("content/2026/rail.md",), ("--lang", "ko")])
def test_a_catalog_deleted_after_extract_is_reported_out_of_date(desk: Path, chosen: tuple[str, ...]) -> None:
    # The whole project's check learns that the tree changed from its lookups' stats;
    # a check of some articles or languages asks extract's snapshot (steady_tree).
    (desk / "locales/ko/2026/rail.md.po").unlink()
    code, out = run(desk, "check", *chosen)
    assert code == 1
    assert "does not exist yet; run `l10n extract`" in out


def test_an_article_added_after_extract_is_reported_by_the_whole_projects_check_and_status(desk: Path) -> None:
    (desk / "content/2026/ferry.md").write_text(RAIL.replace("Rail unions", "Ferry crews"), encoding="utf-8")
    code, out = run(desk, "check")
    assert code == 1
    assert "locales/ko/2026/ferry.md.po does not exist yet; run `l10n extract`" in out
    code, out = run(desk, "status", "--format", "json")
    assert code == 0 and "content/2026/ferry.md" in out  # counted as untranslated work, from the article


def test_the_whole_projects_status_and_check_stat_each_file_once(desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Whether extract left the tree as it is comes from the stats the lookups take:
    # no second walk of the project (rerun.steady_tree) and one stat per file.
    from l10n.app import rerun
    from l10n.store import manifest

    kept_answers = answers(desk)

    def refuse(*args: object) -> None:
        raise AssertionError("a second walk of the project")

    stats: list[str] = []
    real_stat = manifest.file_stat
    monkeypatch.setattr(rerun, "steady_tree", refuse)
    monkeypatch.setattr(manifest, "file_stat", lambda name: stats.append(name) or real_stat(name))
    code, out = run(desk, "check", "--format", "json")
    assert (code, out) == kept_answers["check"]
    files = [f"{desk}/{name}" for name in ("content/2026/port.md", "content/2026/rail.md")]
    files += [f"{desk}/locales/{lang}/2026/{article}.md.po" for article in ("port", "rail") for lang in ("ko", "en")]
    assert sorted(stats) == sorted(files)
    assert run(desk, "status", "--format", "json") == kept_answers["status"]


def test_build_reads_each_file_once_to_know_whether_a_kept_verdict_holds(desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A translator edits the port story's catalog after extract: build's manifest
    # hashes it to know what changed, the kept verdict is found out of date from
    # that same hash, and the catalog is judged from the bytes that were hashed: the
    # file is opened once, and so is the article.
    from l10n.store import manifest

    path = desk / "locales/en/2026/port.md.po"
    path.write_text(path.read_text(encoding="utf-8").replace("12 unmanned cranes", "twelve unmanned cranes"), encoding="utf-8")
    judged = count_judging(monkeypatch)
    hashed: list[str] = []
    real_read = manifest._read_existing
    monkeypatch.setattr(manifest, "_read_existing", lambda name: hashed.append(str(name)) or real_read(name))
    opened: list[str] = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda name, *args: opened.append(os.fspath(name)) or real_open(name, *args))
    report, files = built(desk)
    assert report[0] == 0, report[1]
    assert "twelve unmanned cranes" not in " ".join(files.values())  # still blocked by its changed link
    assert judged == ["content/2026/port.md in en"]
    assert f"{desk}/locales/en/2026/port.md.po" in hashed
    assert len(hashed) == len(set(hashed))
    for name in (f"{desk}/locales/en/2026/port.md.po", f"{desk}/content/2026/port.md"):
        assert opened.count(name) == 1, opened


def test_a_catalog_judged_from_the_bytes_build_hashed_builds_as_one_read_again(
    desk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Build judges a catalog it hashed from the bytes it hashed, not from a second
    # read: the same project built with every file read again says and writes the same.
    from l10n.store.manifest import Manifest

    path = desk / "locales/en/2026/port.md.po"
    path.write_text(path.read_text(encoding="utf-8").replace("12 unmanned cranes", "twelve unmanned cranes"), encoding="utf-8")
    fill(desk, "locales/ko/2026/rail.md.po", {"Talks resume next week.": "협상은 다음 주에 재개된다."})
    twin = tmp_path / "twin"
    shutil.copytree(desk, twin)
    judged = count_judging(monkeypatch)
    from_hashed_bytes = built(desk)
    assert "협상은 다음 주에 재개된다." in from_hashed_bytes[1]["build/ko/2026/rail.md"]  # judged from the edited bytes
    assert sorted(judged) == ["content/2026/port.md in en", "content/2026/rail.md in ko"]
    monkeypatch.setattr(Manifest, "observe_read", lambda self, path: (*self.observe(path), None))  # no bytes handed over
    monkeypatch.chdir(twin)
    assert built(twin) == from_hashed_bytes
    assert sorted(judged) == ["content/2026/port.md in en", "content/2026/port.md in en", "content/2026/rail.md in ko", "content/2026/rail.md in ko"]


def test_a_new_policy_or_glossary_is_obeyed_at_once(desk: Path) -> None:
    assert run(desk, "check", "content/2026/rail.md")[0] == 0
    (desk / "l10n.toml").write_text(CONFIG.replace("60", "100"), encoding="utf-8")
    code, out = run(desk, "check", "content/2026/rail.md")
    assert code == 1 and "untranslated" in out, out

    (desk / "l10n.toml").write_text(CONFIG, encoding="utf-8")
    assert run(desk, "check", "content/2026/rail.md")[0] == 0
    # A glossary term changes the catalogs' hints: out of date until extract runs,
    # and then judged with the term.
    (desk / "never-translate.txt").write_text("Rail\n", encoding="utf-8")
    code, out = run(desk, "check", "content/2026/rail.md")
    assert code == 1 and "out of date with its article" in out, out
    assert run(desk, "extract")[0] == 0
    code, out = run(desk, "check", "content/2026/rail.md")
    assert code == 1 and "never-translate" in out and "out of date" not in out, out


def answers_without_judging_again(desk: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, tuple[int, str]]:
    """Status's and check's answers, which must take every verdict from the cache and
    say exactly what judging afresh (without the cache) says."""
    judged = count_judging(monkeypatch)
    kept_answers = answers(desk)
    assert judged == []
    (desk / KEPT).unlink()
    assert answers(desk) == kept_answers
    assert judged, "judged afresh without the cache"
    return kept_answers


def test_a_reviewers_decision_keeps_the_verdict_current(desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The desk approves the port story's headline: its catalog changes, and the verdict
    # kept with it says what judging it afresh says.
    code, out = run(desk, "review", "approve", "content/2026/port.md", "--reviewer", "Park Ji-won")
    assert code == 0, out
    assert "Park Ji-won" in answers_without_judging_again(desk, monkeypatch)["status"][1]


def test_machine_drafts_keep_the_verdicts_current(desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The rail story's last sentence gets a machine draft (the pseudo provider needs
    # no network): translate keeps the verdict of the catalog it wrote.
    code, out = run(desk, "translate", "--provider", "pseudo")
    assert code == 0, out
    assert '"machine"' in answers_without_judging_again(desk, monkeypatch)["status"][1]


def test_after_a_new_policy_the_next_extract_judges_every_article_again(desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (desk / "l10n.toml").write_text(CONFIG.replace("60", "100"), encoding="utf-8")
    before = {p: p.read_bytes() for p in (desk / "locales").rglob("*.po")}
    code, out = run(desk, "extract")
    assert code == 0, out
    assert {p: p.read_bytes() for p in (desk / "locales").rglob("*.po")} == before  # catalogs left as they are
    code, out = answers_without_judging_again(desk, monkeypatch)["check text"]
    assert code == 1 and "untranslated" in out


def test_a_damaged_row_is_judged_afresh(desk: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = answers(desk)
    with sqlite3.connect(desk / KEPT) as db:
        db.execute("UPDATE entries SET value = '{\"article\": ' WHERE key LIKE 'ko%rail.md'")
    judged = count_judging(monkeypatch)
    assert answers(desk) == expected
    assert "content/2026/rail.md in ko" in judged


def test_a_row_whose_files_still_match_but_whose_verdict_is_damaged_is_judged_afresh(
    desk: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The digests are compared before the verdict is read: a row that passes them
    # and then cannot be read is news to judge, not an error.
    expected = answers(desk)
    with sqlite3.connect(desk / KEPT) as db:
        ((key, value),) = db.execute("SELECT key, value FROM entries WHERE key LIKE 'ko%rail.md'").fetchall()
        fields = json.loads(value)
        fields["verdict"] = {"article": fields["verdict"]["article"]}
        db.execute("UPDATE entries SET value = ? WHERE key = ?", (json.dumps(fields), key))
    judged = count_judging(monkeypatch)
    assert answers(desk) == expected
    assert "content/2026/rail.md in ko" in judged


def test_a_ci_job_with_an_earlier_runs_cache_judges_only_what_the_change_touched(
    desk: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # examples/github-workflow.yml restores .cache/l10n from an earlier run into a
    # fresh checkout (every file with a new timestamp), where a translator's change
    # to the port story is the only news.
    checkout = tmp_path / "checkout"
    checkout.mkdir()
    shutil.copy(desk / "l10n.toml", checkout)  # copy, not copy2: timestamps of now, as git gives
    for folder in ("content", "locales"):
        shutil.copytree(desk / folder, checkout / folder, copy_function=shutil.copy)
    shutil.copytree(desk / ".cache", checkout / ".cache")
    fill(checkout, "locales/en/2026/port.md.po", {"새 부두에는 무인 크레인 12대가 있다.": "The new terminal has twelve unmanned cranes."})
    monkeypatch.chdir(checkout)
    catalogs = {p: p.read_bytes() for p in (checkout / "locales").rglob("*.po")}

    judged = count_judging(monkeypatch)
    assert run(checkout, "extract", "--check")[0] == 0
    code, out = run(checkout, "extract")  # the workflow's "Judge what changed"
    assert code == 0, out
    assert judged == ["content/2026/port.md in en"]
    assert {p: p.read_bytes() for p in (checkout / "locales").rglob("*.po")} == catalogs

    judged.clear()
    kept_answers = answers(checkout)
    assert judged == []
    (checkout / KEPT).unlink()
    assert answers(checkout) == kept_answers  # what a job without the cache says


def test_reading_kept_verdicts_never_loads_the_qa_checks(desk: Path) -> None:
    # Importing the checks compiles their patterns, a sizeable share of a run that
    # only looks verdicts up; they load when something is judged, not before. So
    # do the PO reader (8 ms) and the other modules checked below.
    probe = (
        "import sys\n"
        "from l10n.cli import main\n"
        "for args in (['status', '--format', 'json'], ['check', '--format', 'json'], ['check']):\n"
        "    try:\n"
        "        main(['-C', sys.argv[1], *args])\n"
        "    except SystemExit:\n"
        "        pass\n"
        "    assert 'l10n.qa.checks' not in sys.modules, args\n"
        # Nor the PO reader and writer, OpenSSL, or what only other report formats use.
        "    for name in ('l10n.po.catalog', 'hashlib', 'xml.etree.ElementTree', 'html'):\n"
        "        assert name not in sys.modules, (name, args)\n"
        "main(['-C', sys.argv[1], 'check', '--format', 'sarif'])  # lists every check: loads them\n"
    )
    hidden = {name: value for name, value in os.environ.items() if not name.startswith("L10N_")}
    done = subprocess.run(
        [sys.executable, "-c", probe, str(desk)], env={**hidden, "L10N_JOBS": "1"}, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1, done.stderr  # the port story is blocked: check's exit 1 ends the probe
    assert '"runs"' in done.stdout and "AssertionError" not in done.stderr


def test_a_broken_glossary_fails_the_build_before_it_writes_anything(desk: Path) -> None:
    # Read up front, whether or not anything is judged with it.
    (desk / "glossary.tsv").write_text("ko\ten\tnote\n철도\trailway\tnote\textra\n", encoding="utf-8")
    shutil.rmtree(desk / "build", ignore_errors=True)

    code, out = run(desk, "build")

    assert code == 1 and "glossary.tsv:2" in out, out
    assert not (desk / "build").exists()


def test_kept_problems_are_made_equal_to_the_judged_ones() -> None:
    # verdicts.py makes the problems of a kept row by filling their __dict__ (a third
    # of the time of __init__: frozen.maker_of), which holds only while Problem is a plain dataclass.
    from dataclasses import FrozenInstanceError, astuple, dataclass, field

    from l10n import frozen
    from l10n.app import verdicts
    from l10n.app.publishing import Activity, Problem, Severity, Verdict

    assert verdicts._new_problem.__name__ == "make"  # the fast way, not through __init__
    problem = Problem("numbers", Severity.ERROR, True, "number '12' is missing", "content/a.md", 7, "locales/en/a.md.po", 40, "en", "새 부두", "paragraph")
    fields = [problem.__dict__[name] for name in verdicts._PROBLEM_FIELDS]
    verdict = Verdict("content/a.md", "en", "locales/en/a.md.po", False, (problem,), 1, 1, (), None, Activity((), None, (), ()))
    decoded = verdicts._verdict(verdicts._verdict_fields(verdict)).problems[0]
    reversed_names = verdicts._PROBLEM_FIELDS[::-1]  # other names than the fields in order: through __init__
    by_init = frozen.maker_of(Problem, reversed_names)(*[problem.__dict__[name] for name in reversed_names])
    for made in (decoded, by_init):
        assert made == problem and hash(made) == hash(problem) and repr(made) == repr(problem) and astuple(made) == astuple(problem)
        with pytest.raises(FrozenInstanceError):
            made.code = "other"  # type: ignore[misc]
    values = [fields[0], Severity.ERROR, *fields[2:]]
    for damaged in (values[:-1], [*values, "more"]):
        with pytest.raises((TypeError, ValueError)):
            verdicts._new_problem(*damaged)

    @dataclass(frozen=True)
    class Checked:
        value: int
        twice: int = field(init=False)

        def __post_init__(self) -> None:
            object.__setattr__(self, "twice", 2 * self.value)

    @dataclass(frozen=True, slots=True)
    class Slotted:
        value: int

    assert not frozen.plain_dataclass(Checked) and not frozen.plain_dataclass(Slotted)
    # Not plain, or other fields than named: made by name through __init__.
    assert frozen.maker_of(Checked, ("value",))(3) == Checked(3) and frozen.maker_of(Slotted, ("value",))(3) == Slotted(3)
    by_name = frozen.maker_of(Slotted, ("other",))
    with pytest.raises(TypeError):
        by_name(3)


def test_kept_rows_make_verdicts_and_judgements_equal_to_the_judged_ones() -> None:
    # The verdicts, activities, tallies and judgements of kept rows, and status's rows,
    # are made as problems are (frozen.maker_of): equal, frozen, and refused with too
    # few or too many values.
    from dataclasses import FrozenInstanceError, astuple, fields

    from l10n import frozen
    from l10n.app import verdicts
    from l10n.app.publishing import Activity, Judged, Problem, Severity, Verdict
    from l10n.app.status_report import ArticleStatus, Judgement
    from l10n.app.tally import Size, Tally

    problem = Problem("numbers", Severity.ERROR, True, "number '12' is missing", "content/a.md", 7, "locales/en/a.md.po", 40, "en", "새 부두", "paragraph")
    activity = Activity((("kim", "2026-11-02"),), "2026-11-02", (("lee", "2026-11-01", "no"),), (("deepl", "2026-10-30"),))
    verdict = Verdict("content/a.md", "en", "locales/en/a.md.po", False, (problem,), 3, 4, (((None, "Hi"), "Hello"),), "Hi", activity)
    size = Size(3, 0, 0, 1)
    tally = Tally((1, 0, 0, 0, 0, 3), (size,) * 6)
    judged = Judged("en", "locales/en/a.md.po", None, verdict, 4, tally)
    judgement = Judgement(False, ("numbers: 1 entry",), "Hi", activity.reviewers, "2026-11-02", activity.rejections)
    article_status = ArticleStatus("content/a.md", "en", "locales/en/a.md.po", tally, True, judgement)
    kinds = ((Activity, activity), (Verdict, verdict), (Size, size), (Tally, tally), (Judged, judged), (Judgement, judgement), (ArticleStatus, article_status))
    for kind, made_one in kinds:
        names = tuple(f.name for f in fields(kind))
        make = frozen.maker_of(kind, names)
        assert make.__name__ == "make"  # each is a plain dataclass
        values = [getattr(made_one, name) for name in names]
        made = make(*values)
        reordered = frozen.maker_of(kind, names[::-1])  # fields in another order: by name
        assert reordered.__name__ == "by_name" and reordered(*values[::-1]) == made_one
        assert made == made_one and hash(made) == hash(made_one) and repr(made) == repr(made_one) and astuple(made) == astuple(made_one)
        with pytest.raises(FrozenInstanceError):
            made.lang = "ko"  # type: ignore[attr-defined]
        for damaged in (values[:-1], [*values, "more"]):
            with pytest.raises(ValueError):
                make(*damaged)
    # The makers in use are the fast ones: their names are still the classes' fields, in order.
    from l10n.app import status

    in_use = (verdicts._new_judged, verdicts._new_verdict, verdicts._new_activity, verdicts._new_tally, verdicts._new_size, verdicts._new_problem)
    assert all(make.__name__ == "make" for make in (*in_use, status._new_article_status, status._new_judgement))
    row = verdicts.Row("a" * 32, "b" * 32, 4, tally, verdict)
    assert verdicts.Row.decode(row.encode()) == row
    assert verdicts.Row.decode(verdicts.Row("a" * 32).encode()) == verdicts.Row("a" * 32)


def test_reports_are_whole_when_the_process_exits_without_its_last_collection(desk: Path, tmp_path: Path) -> None:
    # status and check freeze the collector at exit (report.py): what they write must
    # be written and flushed by then, to a pipe or to --output alike.
    hidden = {name: value for name, value in os.environ.items() if not name.startswith("L10N_")}
    for args in (["check", "--format", "json"], ["status", "--format", "json"]):
        piped = subprocess.run([sys.executable, "-m", "l10n", "-C", str(desk), *args], env=hidden, capture_output=True, text=True, check=False)
        assert piped.stdout.endswith("}\n") and json.loads(piped.stdout), piped.stderr
        written = tmp_path / f"{args[0]}.json"
        subprocess.run([sys.executable, "-m", "l10n", "-C", str(desk), *args, "--output", str(written)], env=hidden, capture_output=True, check=False)
        assert written.read_text(encoding="utf-8") == piped.stdout


def test_pausing_the_cycle_collector_restores_it_and_frees_cycles_made_meanwhile() -> None:
    import gc
    import weakref

    from l10n.app import bulk

    class Node:
        pass

    assert gc.isenabled()
    with bulk.no_cycle_collection():
        assert not gc.isenabled()
        node = Node()
        node.itself = node  # type: ignore[attr-defined]
        made = weakref.ref(node)
        del node
    assert gc.isenabled() and gc.get_freeze_count() == 0  # promoted, not left frozen
    gc.collect()
    assert made() is None  # the cycle is freed by the next full collection
    gc.disable()
    try:
        with bulk.no_cycle_collection():
            pass
        assert not gc.isenabled()  # a caller's pause is left as it was
    finally:
        gc.enable()


def test_problem_records_of_the_json_report_are_made_equal_and_in_order_from_any_problem() -> None:
    from dataclasses import fields, replace

    from l10n.app import verdicts
    from l10n.app.publishing import Problem, Severity
    from l10n.cli import render_check

    assert tuple(f.name for f in fields(Problem)) == render_check.PROBLEM_KEYS
    made = Problem("numbers", Severity.WARNING, False, "number '12' is missing", "content/a.md", 7, "locales/en/a.md.po", 40, "en", "새 부두", "paragraph")
    code, severity, *rest = [getattr(made, name) for name in verdicts._PROBLEM_FIELDS]
    kept = verdicts._new_problem(code, Severity(severity), *rest)
    changed = replace(made, blocking=True)
    odd = Problem("urls", Severity.ERROR, True, "link changed", "content/b.md")
    object.__setattr__(odd, "extra", 1)  # an attribute besides the fields: made the long way
    problems = [made, kept, changed, odd]
    records = render_check._problem_records(problems)
    expected = [render_check._problem_record(p) for p in problems]
    assert records == expected and [list(r.items()) for r in records] == [list(r.items()) for r in expected]
    assert "extra" not in records[3]


def test_a_kept_problem_elsewhere_than_its_verdict_keeps_where_it_is() -> None:
    # A row leaves out a problem's article, catalog and language when they are its
    # verdict's; one that points elsewhere keeps them, and both read back as judged.
    from l10n.app import verdicts
    from l10n.app.publishing import Activity, Problem, Severity, Verdict

    here = Problem("numbers", Severity.ERROR, True, "number '12' is missing", "content/a.md", 3, "locales/en/a.md.po", 9, "en", "제목", "title")
    elsewhere = Problem("glossary", Severity.WARNING, False, "term differs", "glossary.csv", None, None, None, None, "", "")
    verdict = Verdict("content/a.md", "en", "locales/en/a.md.po", False, (here, elsewhere), 0, 1, (), None, Activity((), None, (), ()))
    fields = verdicts._verdict_fields(verdict)
    assert [len(problem) for problem in fields["problems"]] == [8, 11]
    assert verdicts._verdict(fields) == verdict


def test_an_untranslated_entrys_problem_is_kept_by_its_place_alone() -> None:
    # Every entry of a catalog extract has just made has the same problem but for where
    # it is and what it holds: a row keeps only that, and reads back the whole problem.
    # One that says anything else (not blocking, another message) is kept whole.
    from dataclasses import replace

    from l10n.app import verdicts
    from l10n.app.publishing import Activity, Problem, Severity, Verdict

    untranslated = Problem("untranslated", Severity.ERROR, True, "title is not translated", "content/a.md", 3, "locales/en/a.md.po", 9, "en", "제목", "title")
    below = replace(untranslated, blocking=False)
    other = replace(untranslated, message="title is untranslated")
    warning = replace(untranslated, severity=Severity.WARNING)
    elsewhere = replace(untranslated, path="content/b.md")
    problems = (untranslated, below, other, warning, elsewhere)
    verdict = Verdict("content/a.md", "en", "locales/en/a.md.po", False, problems, 0, 5, (), "제목", Activity((), "", (), ()))
    fields = verdicts._verdict_fields(verdict)
    assert fields["problems"][0] == [3, 9, "제목", "title"]
    assert [len(problem) for problem in fields["problems"]] == [4, 8, 8, 8, 11]
    decoded = verdicts._verdict(json.loads(json.dumps(fields)))
    assert decoded == verdict
    assert [list(vars(problem).items()) for problem in decoded.problems] == [list(vars(problem).items()) for problem in problems]


_FRESH_KINDS = st.sampled_from([None, "heading", "title", "front-matter:title", "paragraph\narticle: 제목 (content/a.html)"])
_FRESH_ENTRIES = st.lists(
    st.builds(
        lambda msgid, msgstr, kind, references, line: catalog.Entry(msgid, msgstr, comment=kind, references=references, line=line),
        st.text(st.sampled_from("부산항 ab1.\n\"\\<&"), min_size=1, max_size=10),
        st.sampled_from(["", "", "", "Busan"]),
        _FRESH_KINDS,
        st.sampled_from([(), ("content/a.html:3",), ("content/a.html",), ("content/b.html:5",)]),
        st.none() | st.integers(1, 500),
    ),
    max_size=8,
    unique_by=lambda entry: entry.msgid,
)


@given(_FRESH_ENTRIES, st.booleans(), st.sampled_from([50, 100]))
@settings(max_examples=300, deadline=None)
def test_a_row_kept_for_a_fresh_catalog_is_the_row_of_its_judged_verdict(entries: list[catalog.Entry], fresh: bool, coverage: int) -> None:
    # judged_row writes the row of a catalog nobody has translated straight from its
    # entries' places (publishing.untranslated): the same bytes as encoding the verdict
    # the rule reaches entry by entry, and the same row read back.
    from dataclasses import replace
    from types import SimpleNamespace

    from l10n.app import verdicts, workspace
    from l10n.app.check_settings import Rules
    from l10n.app.tally import tally_entries
    from l10n.qa.checks import NO_GLOSSARY

    if fresh:  # as extract makes a catalog: nothing translated, every reference to the article
        entries = [replace(entry, msgstr="", references=entry.references and ("content/a.html:7",)) for entry in entries]
    config = SimpleNamespace(locales="locales")
    source = publishing.LazyArticle(config, workspace.Article("content", "a.html", "content/a.html"))  # type: ignore[arg-type]
    settings_ = publishing.PublishSettings(publishing.Policy(coverage=coverage, rules=Rules()))
    po = catalog.Catalog(entries=entries)

    row = verdicts.judged_row(settings_, NO_GLOSSARY, source, "en", po, "a" * 32, "b" * 32)

    display = "locales/en/a.html.po"
    subject = publishing.Subject(config, settings_.for_lang("en"), NO_GLOSSARY, source, "en")  # type: ignore[arg-type]
    weighed = publishing._entry_by_entry(subject, display, *publishing._entries_to_judge(subject, display, po, None), ())
    plain = verdicts.Row("a" * 32, "b" * 32, len(entries), tally_entries(entries), weighed)
    assert row == plain.encode()
    assert verdicts.Row.decode(row) == plain


DIGESTS = st.sampled_from(["0" * 32, "0123456789abcdef" * 2, "f" * 32])


@settings(max_examples=300, deadline=None)
@given(DIGESTS, st.one_of(st.none(), DIGESTS), DIGESTS, st.one_of(st.none(), DIGESTS))
def test_a_kept_row_is_passed_over_undecoded_exactly_when_its_digests_differ(
    kept_article: str, kept_catalog: str | None, article: str, catalog: str | None
) -> None:
    # Lookups compare a row's head with the files' digests before decoding it; the
    # head must say what the decoded row says.
    from l10n.app import verdicts
    from l10n.app.tally import Tally

    if kept_catalog is None:
        text = verdicts.Row(kept_article).encode()
    else:
        text = verdicts._row_text(kept_article, kept_catalog, 0, Tally(), {"ready": True})
    fields = json.loads(text)
    assert text.startswith(verdicts._article_head(article)) == (fields["article"] == article)
    assert text.startswith(verdicts._row_head(article, catalog)) == (fields["article"] == article and fields["catalog"] == catalog)
