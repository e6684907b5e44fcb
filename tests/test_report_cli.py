"""`l10n status` and `l10n check` as a newsroom's CI runs them."""

from __future__ import annotations

import json
import shlex
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner

from l10n.cli import main
from l10n.cli.report import check, status
from l10n.po import catalog
from l10n.qa.checks import CHECKS

main.add_command(status)
main.add_command(check)

ROOT = Path(__file__).parent.parent
FIXTURES = Path(__file__).parent / "fixtures"
PORT_EN = "locales/en/2026/port.md.po"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tests/fixtures/report: everything translated; the English title is a machine draft."""
    root = tmp_path / "newsroom"
    shutil.copytree(FIXTURES / "report", root)
    monkeypatch.chdir(root)
    for variable in ("L10N_CHECK_BLOCK", "L10N_CHECK_REQUIRE_HUMAN", "L10N_CHECK_IGNORE", "L10N_LANGUAGES"):
        monkeypatch.delenv(variable, raising=False)
    return root


def run(*args: str) -> click.testing.Result:
    return CliRunner().invoke(main, list(args))


def retranslate(root: Path, msgid_start: str, msgstr: str, comment: str = "") -> None:
    """Replace one translation in the English catalog, as a translator would in a PO editor."""
    path = root / PORT_EN
    po = catalog.read_catalog(path, PORT_EN)
    entry = next(e for e in po if e.msgid.startswith(msgid_start))
    po.update(entry.key, msgstr=msgstr, tcomment=comment)
    catalog.save_catalog(po, path)


def wrong_figure(root: Path) -> None:
    retranslate(root, "무인 크레인", "120 unmanned cranes")  # the article says 12


def test_a_finished_project_passes(project: Path) -> None:
    result = run("check")
    assert result.exit_code == 0, result.output
    assert "check passed" in result.output


def test_a_wrong_figure_fails_and_points_at_the_article_line(project: Path) -> None:
    wrong_figure(project)
    result = run("check")
    assert result.exit_code == 1
    # The article line, the check id, then the catalog entry.
    assert "content/2026/port.md:12: numbers: number '12' of the source is not in the translation" in result.output
    assert f"({PORT_EN}:" in result.output


def test_an_unknown_option_is_a_usage_error(project: Path) -> None:
    assert run("check", "--format", "xml").exit_code == 2
    assert run("status", "--fail-under", "120").exit_code == 2


def test_a_translator_can_silence_a_check_on_one_entry(project: Path) -> None:
    retranslate(project, "무인 크레인", "A dozen unmanned cranes plus 2 spares", comment="l10n: ignore numbers")
    assert run("check").exit_code == 0


def test_the_project_can_switch_a_check_off(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wrong_figure(project)
    monkeypatch.setenv("L10N_CHECK_IGNORE", "numbers")
    assert run("check").exit_code == 0


def test_machine_drafts_block_only_where_configured(project: Path) -> None:
    assert run("check").exit_code == 0  # the title is a machine draft; headings are not
    config = project / "l10n.toml"
    config.write_text(config.read_text(encoding="utf-8").replace('["heading"]', '["heading", "front-matter:title"]'), encoding="utf-8")
    result = run("check")
    assert result.exit_code == 1
    assert "content/2026/port.md:2: machine: front-matter:title is a machine draft nobody has reviewed" in result.output


def test_per_language_rules_replace_the_project_rules(project: Path) -> None:
    config = project / "l10n.toml"
    config.write_text(config.read_text(encoding="utf-8") + '\n[check.languages.ko]\nblock = ["translated"]\n', encoding="utf-8")
    result = run("check")
    assert result.exit_code == 1
    assert "content/2026/rail.md:6: translated:" in result.output
    assert "port.md" not in result.output.replace("passed", "")


def test_an_untranslated_entry_blocks(project: Path) -> None:
    retranslate(project, "문의는", "")
    result = run("check")
    assert result.exit_code == 1
    assert "content/2026/port.md:14: untranslated: paragraph is not translated" in result.output


def test_catalogs_out_of_date_with_the_content_fail_without_writing(project: Path) -> None:
    article = project / "content/2026/port.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n새 문단이 추가됐다.\n", encoding="utf-8")
    before = (project / PORT_EN).read_bytes()
    result = run("check")
    assert result.exit_code == 1
    assert f"out-of-date: {PORT_EN} is out of date with its article; run `l10n extract`" in result.output
    assert (project / PORT_EN).read_bytes() == before


@pytest.mark.parametrize(
    ("setting", "message"),
    [
        ('colour = "red"', "unknown setting 'colour' in [check]"),
        ('block = ["untranslated", "typos"]', "unknown value 'typos'"),
        ('ignore = ["spelling"]', "unknown value 'spelling'"),
    ],
)
def test_a_bad_check_setting_names_the_file_and_line(project: Path, setting: str, message: str) -> None:
    (project / "l10n.toml").write_text(f'languages = ["ko", "en"]\n[check]\n{setting}\n', encoding="utf-8")
    result = run("check")
    assert result.exit_code == 2  # a bad setting is a tool error, not a blocked article
    assert "error: l10n.toml:3: " in result.output and message in result.output
    assert "hint:" in result.output


DESK_CONFIG = """\
# made for the desk
languages = ["ko", "en"]

[check]
block = ["untranslated", "stale"]

[check.languages.%s]
block = ["untranslated"]
%s
"""


@pytest.mark.parametrize(
    ("lang", "extra", "where", "message"),
    [
        ("de", "", "l10n.toml:7: ", "[check.languages.de]: de is not one of the project's languages"),
        ("en", 'ignore = ["spelling"]', "l10n.toml:9: ", "[check.languages.en] ignore: unknown value 'spelling'"),
        ("en", "stale = true", "l10n.toml:9: ", "unknown setting 'stale' in [check.languages.en]"),
    ],
)
def test_a_bad_language_setting_names_its_own_line(project: Path, lang: str, extra: str, where: str, message: str) -> None:
    # Line 1 mentions "de" (in "made") and line 5 "stale": the line is the table's, not the first mention.
    (project / "l10n.toml").write_text(DESK_CONFIG % (lang, extra), encoding="utf-8")
    result = run("check")
    assert result.exit_code == 2  # a bad setting is a tool error, not a blocked article
    assert f"error: {where}{message}" in result.output


def test_a_bad_setting_from_the_environment_names_no_line(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project / "l10n.toml").write_text(DESK_CONFIG % ("en", ""), encoding="utf-8")
    monkeypatch.setenv("L10N_CHECK_BLOCK", "untranslated,typos")
    result = run("check")
    assert result.exit_code == 2  # a bad setting is a tool error, not a blocked article
    assert "error: l10n.toml: [check] block: unknown value 'typos'" in result.output


def test_check_list_names_every_check(project: Path) -> None:
    result = run("check", "--list")
    assert result.exit_code == 0
    for check_id, info in CHECKS.items():
        assert f"{check_id}" in result.output and info.description in result.output


def test_github_annotations_point_at_the_article(project: Path) -> None:
    wrong_figure(project)
    result = run("check", "--format", "github")
    assert result.exit_code == 1
    (annotation,) = [line for line in result.output.splitlines() if line.startswith("::error ")]
    assert annotation.startswith("::error file=content/2026/port.md,line=12,title=l10n numbers (en)::number '12'")


def test_json_reports_are_stable_and_complete(project: Path) -> None:
    wrong_figure(project)
    result = run("check", "--format", "json")
    data = json.loads(result.output)
    assert data["schema_version"] == 1 and data["passed"] is False
    (problem,) = data["problems"]
    assert problem["code"] == "numbers" and problem["path"] == "content/2026/port.md" and problem["line"] == 12
    assert problem["catalog"] == PORT_EN and problem["catalog_line"] > 1


def test_junit_has_one_case_per_catalog(project: Path) -> None:
    wrong_figure(project)
    result = run("check", "--format", "junit")
    root = ET.fromstring(result.output.split("\n", 1)[1])
    cases = {case.get("name"): case for case in root.iter("testcase")}
    assert set(cases) == {PORT_EN, "locales/ko/2026/rail.md.po", "catalogs up to date"}
    failure = cases[PORT_EN].find("failure")
    assert failure is not None and failure.get("type") == "numbers"
    assert cases["locales/ko/2026/rail.md.po"].find("failure") is None


def test_sarif_has_rules_and_located_results(project: Path) -> None:
    wrong_figure(project)
    result = run("check", "--format", "sarif", "--output", "out/l10n.sarif")
    assert result.exit_code == 1
    data = json.loads((project / "out/l10n.sarif").read_text(encoding="utf-8"))
    assert data["version"] == "2.1.0"
    rules = data["runs"][0]["tool"]["driver"]["rules"]
    assert set(CHECKS) <= {rule["id"] for rule in rules}
    (finding,) = data["runs"][0]["results"]
    assert rules[finding["ruleIndex"]]["id"] == finding["ruleId"] == "numbers"
    location = finding["locations"][0]["physicalLocation"]
    assert location == {"artifactLocation": {"uri": "content/2026/port.md"}, "region": {"startLine": 12}}


def test_status_table_and_fail_under(project: Path) -> None:
    result = run("status")
    assert result.exit_code == 0
    assert "content/2026/port.md" in result.output and "83.3%" in result.output
    assert "\x1b[" not in result.output  # no colours when not a terminal
    assert run("status", "--fail-under", "80").exit_code == 0
    failing = run("status", "--fail-under", "95")
    assert failing.exit_code == 1 and "88.9% done, below --fail-under 95%" in failing.output


def test_status_json_has_a_schema_version(project: Path) -> None:
    data = json.loads(run("status", "--format", "json", "--lang", "en").output)
    assert data["schema_version"] == 2  # 2 added the publishing verdicts
    (english,) = data["languages"]
    assert english["lang"] == "en" and english["entries"]["machine"] == 1 and english["entries"]["total"] == 6
    assert english["articles"][0]["size"]["total"]["ko_chars"] > 0


def test_status_markdown_for_a_pull_request(project: Path) -> None:
    result = run("status", "--format", "markdown", "--state", "machine")
    assert result.exit_code == 0
    assert "**1 ready to publish, 0 blocked**" in result.output  # the verdicts first
    assert "| en | 1 | 0 | 0 | 1 | 0 | 0 | 3 | 2 | 83.3% |" in result.output
    assert "blocked</summary>" not in result.output  # nothing blocked: no list


def test_status_of_an_unknown_language_says_which_are_known(project: Path) -> None:
    result = run("status", "--lang", "ja")
    assert result.exit_code == 1 and "ja is not one of the project's languages" in result.output


# --- the files a newsroom copies into its repository -----------------------------


def test_the_pre_commit_hook_runs_l10n_check_on_what_the_settings_name() -> None:
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "l10n-check" and hook["entry"] == "l10n check --changed"
    assert hook["language"] == "python" and hook["pass_filenames"] is True
    assert "files" not in hook  # no folder of its own: the project's settings say which files matter


def test_check_changed_looks_only_when_a_file_it_reads_changed(project: Path) -> None:
    wrong_figure(project)
    (project / "content").rename(project / "stories")
    settings = project / "l10n.toml"
    settings.write_text('content = "stories"\n' + settings.read_text(encoding="utf-8"), encoding="utf-8")
    assert run("check").exit_code == 1
    nothing = run("check", "--changed", "README.md", "content/2026/port.md", "src/app.py")
    assert nothing.exit_code == 0 and "nothing to check" in nothing.output
    for changed in ("stories/2026/port.md", PORT_EN, "l10n.toml", "glossary.tsv"):
        result = run("check", "--changed", "README.md", changed)
        assert result.exit_code == 1, changed
        assert "check failed" in result.output


def test_the_example_workflow_installs_this_tool_not_the_other_l10n() -> None:
    text = (ROOT / "examples/github-workflow.yml").read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    installs = [step["run"] for job in workflow["jobs"].values() for step in job["steps"] if "pip install" in step.get("run", "")]
    assert installs == ['pip install "$L10N_TOOL"']
    assert workflow["env"]["L10N_TOOL"].startswith("newsroom-l10n @ git+")
    project = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'name = "newsroom-l10n"' in project and 'l10n = "l10n.cli:main"' in project


def workflow_commands() -> list[list[str]]:
    workflow = yaml.safe_load((ROOT / "examples/github-workflow.yml").read_text(encoding="utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    commands = []
    for step in steps:
        for line in step.get("run", "").splitlines():
            words = shlex.split(line.split(">>")[0])
            if words and words[0] == "l10n":
                commands.append(words[1:])
    return commands


def test_the_example_workflow_runs_commands_the_cli_accepts(project: Path) -> None:
    commands = workflow_commands()
    assert ["extract", "--check"] in commands and ["check", "--format", "github"] in commands
    assert ["status", "--format", "markdown"] in commands
    for words in commands:
        result = run(*words)
        assert result.exit_code == 0, (words, result.output)


def test_a_gloss_in_brackets_is_a_notice_that_never_blocks(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("L10N_CHECK_BLOCK", "qa-error,qa-warning")
    retranslate(project, "연간 처리량", "Annual capacity: 3 million boxes (about 1.5 million tons)")
    result = run("check")
    assert result.exit_code == 0, result.output
    assert "notice: conversions: '1.5 million' in the translation is a gloss of 3 million in brackets" in result.output
    data = json.loads(run("check", "--format", "json").output)
    assert data["summary"]["notices"] == 1
    assert "::notice file=content/2026/port.md" in run("check", "--format", "github").output
    sarif = json.loads(run("check", "--format", "sarif").output)
    assert [r["level"] for r in sarif["runs"][0]["results"] if r["ruleId"] == "conversions"] == ["note"]


def test_an_entry_a_translator_marked_fuzzy_is_not_said_to_be_sent_back_by_a_reviewer(project: Path) -> None:
    path = project / PORT_EN
    po = catalog.read_catalog(path, PORT_EN)
    entry = next(e for e in po if e.msgid.startswith("무인 크레인"))
    po.update(entry.key, flags=(*entry.flags, "fuzzy"))
    catalog.save_catalog(po, path)
    result = run("check")
    assert result.exit_code == 1
    assert "is marked fuzzy (needs work) by a translator" in result.output
    assert "sent back by a reviewer" not in result.output
