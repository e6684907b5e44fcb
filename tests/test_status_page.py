"""The HTML status page, opened in a real headless browser (Debian's chromium).

The page must work from a file with no network: bars per language and article,
a colour per state, counts, and a filter box that also reads ``#filter=`` from the
address. The browser's DOM after the page's script ran is read with --dump-dom;
a screenshot goes to test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n.cli import main
from l10n.cli.report import status
from tests.conftest import program

main.add_command(status)

ROOT = Path(__file__).parent.parent
ARTIFACTS = ROOT / "test-artifacts"


@pytest.fixture(scope="module")
def chromium() -> str:
    """The browser (Debian names it chromium, others chromium-browser)."""
    return program("chromium", "chromium-browser")


@pytest.fixture
def page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The status page of the report fixture plus an article nobody has extracted yet."""
    root = tmp_path / "newsroom"
    shutil.copytree(Path(__file__).parent / "fixtures" / "report", root)
    (root / "content/2025").mkdir()
    (root / "content/2025/archive.md").write_text("# 지난 기사\n\n아직 번역하지 않은 문단이다.\n", encoding="utf-8")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["status", "--format", "html", "--output", str(tmp_path / "status.html")])
    assert result.exit_code == 0, result.output
    return tmp_path / "status.html"


def browser(chromium: str, tmp_path: Path, *args: str) -> str:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    command = [
        chromium,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--no-first-run",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={profile}",
        *args,
    ]
    done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


class Dom(HTMLParser):
    """The rows, bars and counters of a dumped page."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.rows: list[dict[str, str | None]] = []
        self.segments: list[dict[str, str | None]] = []
        self.shown: dict[str, str | None] = {}
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if tag == "tr" and "article" in classes:
            self.rows.append(found)
        if "seg" in classes:
            self.segments.append(found)
        if found.get("id") == "shown":
            self.shown = found


def test_the_page_shows_a_bar_per_language_and_article(chromium: str, page: Path, tmp_path: Path) -> None:
    dom = Dom(browser(chromium, tmp_path, "--dump-dom", page.as_uri()))
    articles = [(row["data-lang"], row["data-article"]) for row in dom.rows]
    assert articles == [
        ("ko", "content/2026/rail.md"),
        ("en", "content/2025/archive.md"),
        ("en", "content/2026/port.md"),
    ]
    assert not any("hidden" in row for row in dom.rows)
    assert dom.shown["data-shown"] == "3"  # the script ran
    # Each state has its own colour class; counts ride on the bar segments.
    states = {(seg["data-state"], seg["data-count"]) for seg in dom.segments}
    assert {("machine", "1"), ("translated", "3"), ("reviewed", "2"), ("untranslated", "2")} <= states


def test_the_filter_from_the_address_hides_other_articles(chromium: str, page: Path, tmp_path: Path) -> None:
    dom = Dom(browser(chromium, tmp_path, "--dump-dom", page.as_uri() + "#filter=2026/port"))
    visible = [row["data-article"] for row in dom.rows if "hidden" not in row]
    assert visible == ["content/2026/port.md"]
    assert dom.shown["data-shown"] == "1"


def test_the_page_loads_nothing_from_the_network(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text)
    assert "<link" not in text and "@import" not in text


def test_a_screenshot_for_people(chromium: str, page: Path, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "status-page.png"
    shot.unlink(missing_ok=True)
    browser(chromium, tmp_path, f"--screenshot={shot}", "--window-size=1200,900", page.as_uri())
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
