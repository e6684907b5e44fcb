"""A translator in any PO editor sees which article a sentence belongs to."""

from __future__ import annotations

import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import polib
import pytest

from l10n.po.messages import creation_fields, headline_of
from tests.test_tmx import translated  # noqa: F401  (a fixture)
from tests.test_xliff import listed, run

PORT_EN = "locales/en/news/port-opening.md.po"
RAIL_KO = "locales/ko/news/rail-strike.md.po"


def comments(root: Path, display: str) -> list[str]:
    return [e.comment for e in polib.pofile(str(root / display), encoding="utf-8") if not e.obsolete]


def test_every_entry_names_its_articles_headline_and_path(newsroom: Path) -> None:
    assert run("extract")[0] == 0
    port = comments(newsroom, PORT_EN)
    assert port[0] == "front-matter:title\narticle: 부산 신항에 자동화 부두 문 열어 (content/news/port-opening.md)"
    assert all(c.endswith("\narticle: 부산 신항에 자동화 부두 문 열어 (content/news/port-opening.md)") for c in port)
    rail = comments(newsroom, RAIL_KO)
    assert all(c.endswith("\narticle: Rail unions call off weekend strike (content/news/rail-strike.md)") for c in rail)
    if shutil.which("msgfmt"):
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(newsroom / PORT_EN)], check=True)


def test_a_preview_link_pattern_replaces_the_path(newsroom: Path) -> None:
    with (newsroom / "l10n.toml").open("a", encoding="utf-8") as config:
        config.write('preview = "https://preview.example.org/{slug}"\n')
    assert run("extract")[0] == 0
    assert comments(newsroom, PORT_EN)[0].endswith(
        "\narticle: 부산 신항에 자동화 부두 문 열어 (https://preview.example.org/news/port-opening)"
    )


def test_an_unknown_placeholder_in_the_preview_pattern_is_named(newsroom: Path) -> None:
    with (newsroom / "l10n.toml").open("a", encoding="utf-8") as config:
        config.write('preview = "https://preview.example.org/{id}"\n')
    code, _, err = run("extract")
    assert code != 0 and "preview" in err and "{id}" in err and "{path}" in err


def test_catalogs_made_before_keep_every_translation_and_state(translated: Path) -> None:  # noqa: F811
    """A project extracted by a version without the context line, drafted and reviewed."""
    po = translated / PORT_EN
    old = po.read_text(encoding="utf-8")
    without = "\n".join(line for line in old.splitlines() if not line.startswith("#. article: ")) + "\n"
    po.write_text(without, encoding="utf-8")
    before = [(e.msgid, e.msgstr, e.tcomment, e.flags) for e in polib.pofile(str(po)) if not e.obsolete]
    states = listed()

    assert run("extract")[0] == 0
    assert po.read_text(encoding="utf-8") == old
    assert [(e.msgid, e.msgstr, e.tcomment, e.flags) for e in polib.pofile(str(po)) if not e.obsolete] == before
    assert listed() == states


def test_the_headline_is_the_title_else_the_first_heading_else_the_first_text() -> None:
    from l10n.model import Segment, Span

    def seg(text: str, kind: str) -> Segment:
        return Segment(text, kind, 1, (Span(0, len(text)),))

    assert headline_of([seg("Lead", "paragraph"), seg("Title", "front-matter:title")]) == "Title"
    assert headline_of([seg("Lead", "paragraph"), seg("Head", "heading")]) == "Head"
    assert headline_of([seg("경제 | 산업\n둘째 줄", "paragraph")]) == "경제 | 산업 둘째 줄"
    assert headline_of([seg("x" * 200, "paragraph")]) == "x" * 79 + "…"
    assert headline_of([]) is None


@pytest.mark.parametrize("epoch", ["0", "59", "60", "1795000000", "1795000019", "-1", "-61", "253402300799"])
def test_a_new_catalogs_date_is_the_minute_of_its_moment(monkeypatch: pytest.MonkeyPatch, epoch: str) -> None:
    # The date is written once per minute: any moment of a minute gets what
    # formatting that moment itself gives.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    moment = datetime.fromtimestamp(int(epoch), UTC)
    assert creation_fields()["PO-Revision-Date"] == moment.strftime("%Y-%m-%d %H:%M+0000")


def test_a_new_catalogs_date_without_a_pinned_clock_is_now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
    stamped = creation_fields()["PO-Revision-Date"]
    after = datetime.now(UTC).strftime("%Y-%m-%d %H:%M+0000")
    assert before <= stamped <= after
