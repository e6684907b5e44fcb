"""What may be published, and why not: one verdict per article and language.

The newsroom's story: an editor translates the seed article with machine drafts and
nobody reviews them. `l10n check` must fail and `l10n build` must write nothing, each
saying why; once people have done their part, both let the article through.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n.cli import main
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
    "무인 크레인이 컨테이너를 옮기고 있다": "Unmanned cranes move containers",
}


def run(root: Path, *args: str) -> tuple[int, str, str]:
    hidden = {name: None for name in os.environ if name.startswith("L10N_")}
    result = CliRunner().invoke(main, ["-C", str(root), *args], env=hidden)
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
