"""An editor bills translators and reviewers: work per person and month, from the history logs."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import polib
import pytest

from l10n.app import review as reviewing
from l10n.app.config import load
from l10n.po.review import units
from tests.conftest import snapshot
from tests.test_xliff import run

PORT_EN = "locales/en/news/port-opening.md.po"
RAIL_KO = "locales/ko/news/rail-strike.md.po"
OCTOBER = datetime(2026, 10, 5, 9, 0, tzinfo=UTC)
NOVEMBER = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def worked(newsroom: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Lee translated one English and one Korean entry in October; Kim approved two English ones in November."""
    monkeypatch.setenv("L10N_PSEUDO_RATE", "10000")
    assert run("extract")[0] == 0
    assert run("translate", "--provider", "pseudo")[0] == 0
    config = load(newsroom, {})
    english = reviewing.items(config, only=["content/news/port-opening.md"], langs=["en"])
    korean = reviewing.items(config, only=["content/news/rail-strike.md"], langs=["ko"])
    reviewing.decide(config, [english[0]], "edit", reviewer="Lee Ji-eun", text="Busan opens an automated pier", now=OCTOBER)
    reviewing.decide(config, [korean[0]], "edit", reviewer="Lee Ji-eun", text="철도 노조 주말 파업 철회", now=OCTOBER)
    english = reviewing.items(config, only=["content/news/port-opening.md"], langs=["en"])
    reviewing.decide(config, english[:2], "approve", reviewer="Kim Min-ji", now=NOVEMBER)
    return newsroom


def test_work_per_person_and_month_in_korean_characters_and_english_words(worked: Path) -> None:
    draft = [e for e in polib.pofile(str(worked / PORT_EN)) if e.msgid][1].msgstr
    before = snapshot(worked)

    code, out, _ = run("review", "stats", "--by", "person", "--period", "month")

    assert code == 0, out
    assert snapshot(worked) == before  # read-only
    rows = [line.split("  ") for line in out.splitlines()[1:]]
    rows = [[cell.strip() for cell in row if cell.strip()] for row in rows]
    assert rows == [
        ["Kim Min-ji", "2026-11", "en", "0", "0", "2", str(5 + len(units(draft, "en"))), "0", "words"],
        ["Lee Ji-eun", "2026-10", "en", "1", "5", "0", "0", "0", "words"],
        ["Lee Ji-eun", "2026-10", "ko", "1", "10", "0", "0", "0", "characters"],
    ]


def test_the_same_figures_as_json_and_for_one_month(worked: Path) -> None:
    code, out, _ = run(
        "review", "stats", "--by", "person", "--period", "month", "--since", "2026-10", "--until", "2026-10", "--format", "json"
    )
    assert code == 0
    assert json.loads(out) == [
        {
            "person": "Lee Ji-eun",
            "period": "2026-10",
            "lang": "en",
            "translated": 1,
            "translated_units": 5,
            "reviewed": 0,
            "reviewed_units": 0,
            "rejected": 0,
            "unit": "words",
        },
        {
            "person": "Lee Ji-eun",
            "period": "2026-10",
            "lang": "ko",
            "translated": 1,
            "translated_units": 10,
            "reviewed": 0,
            "reviewed_units": 0,
            "rejected": 0,
            "unit": "characters",
        },
    ]
    _, whole, _ = run("review", "stats", "--by", "person", "--period", "all", "--format", "json")
    assert {row["period"] for row in json.loads(whole)} == {"all"}


def test_a_period_needs_the_person_table(worked: Path) -> None:
    code, _, err = run("review", "stats", "--by", "provider", "--period", "month")
    assert code == 2 and "--period, --since and --until go with --by person" in err
