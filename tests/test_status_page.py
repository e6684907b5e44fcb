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
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796380200")  # the page's clock: 2026-12-04 10:30 UTC
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
    """The rows, bars and counters of a dumped page, and the text of each row's cells."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.rows: list[dict[str, str | None]] = []
        self.cells: list[list[str]] = []  # per row, each cell's text
        self.segments: list[dict[str, str | None]] = []
        self.shown: dict[str, str | None] = {}
        self.texts: dict[str, str] = {}  # element id -> its text
        self._id: str | None = None
        self._in_cell = False
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if found.get("id"):
            self._id = found["id"]
            self.texts.setdefault(self._id, "")
        if tag == "tr" and "article" in classes:
            self.rows.append(found)
            self.cells.append([])
        if tag == "td" and self.cells:
            self.cells[-1].append("")
            self._in_cell = True
        if "seg" in classes:
            self.segments.append(found)
        if found.get("id") == "shown":
            self.shown = found

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self._in_cell = False
        if tag == "p":
            self._id = None

    def handle_data(self, data: str) -> None:
        if self._in_cell:
            self.cells[-1][-1] += data
        if self._id is not None:
            self.texts[self._id] += data


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


def test_the_page_answers_which_articles_can_go_out_and_why(chromium: str, page: Path, tmp_path: Path) -> None:
    dom = Dom(browser(chromium, tmp_path, "--dump-dom", page.as_uri()))
    by_article = {(row["data-lang"], row["data-article"]): row["data-verdict"] for row in dom.rows}
    # The rail story is reviewed; the port story publishes its machine-drafted title,
    # as the fixture's policy allows; the archive was never extracted.
    assert by_article == {
        ("ko", "content/2026/rail.md"): "ready",
        ("en", "content/2025/archive.md"): "blocked",
        ("en", "content/2026/port.md"): "ready",
    }
    verdict, article, _, reviewers, activity, *_ = dom.cells[0]
    assert verdict == "ready"
    assert article.startswith("철도 노조")  # the headline in the language, then the path
    assert reviewers == "Kim Min-ji (2026-11-28)" and activity == "2026-11-28"
    archive = dom.cells[1]
    assert archive[0].startswith("blocked") and "not extracted yet" in archive[0]
    assert dom.texts["generated"].startswith("Generated at 2026-12-04 10:30 UTC by l10n")
    assert dom.texts["verdicts"] == "2 ready to publish, 1 blocked"


def test_the_columns_sort(chromium: str, page: Path, tmp_path: Path) -> None:
    dom = Dom(browser(chromium, tmp_path, "--dump-dom", page.as_uri() + "#sort=-words"))
    english = [row["data-article"] for row in dom.rows if row["data-lang"] == "en"]
    assert english == ["content/2026/port.md", "content/2025/archive.md"]  # most words first
    dom = Dom(browser(chromium, tmp_path, "--dump-dom", page.as_uri() + "#sort=verdict"))
    english = [row["data-verdict"] for row in dom.rows if row["data-lang"] == "en"]
    assert english == ["blocked", "ready"]
