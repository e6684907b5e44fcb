"""The interactive `l10n review`, driven through a pseudo-terminal as a person would.

A reviewer approves, rejects with a comment, skips, goes back, edits in $EDITOR and
approves the edit; then the process is killed mid-session. Every decision made
before the kill must be on disk, logged, and the catalogs must still compile.
"""

from __future__ import annotations

import codecs
import os
import pty
import re
import select
import signal
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner

from l10n.app import review as reviewing
from l10n.cli import main
from l10n.po import HISTORY_SUFFIX, history
from tests.conftest import msgfmt_check, requires_msgfmt, snapshot
from tests.test_review import edit_in_po_editor

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

KEYS = "a approve   e edit   r reject   s skip   b back   q quit"
EDITED = "Edited by hand in the editor"


@pytest.fixture
def drafted(newsroom: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("L10N_PSEUDO_RATE", "10000")
    for args in (["extract"], ["translate", "--provider", "pseudo"]):
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 0, result.output
    return newsroom


class Terminal:
    """`l10n review` running on a pseudo-terminal, and what it has printed so far."""

    def __init__(self, root: Path, env: dict[str, str], *args: str) -> None:
        master, slave = pty.openpty()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "l10n", "review", "--reviewer", "Tester", *args],
            cwd=root,
            env=env,
            stdin=slave,
            stdout=slave,
            stderr=slave,
            start_new_session=True,
        )
        os.close(slave)
        self.master = master
        self.screen = ""
        self.shown = ""  # the entry on screen, up to its keys
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def expect(self, pattern: str, timeout: float = 20.0) -> re.Match[str]:
        """Read until ``pattern`` shows up in what was printed since the last expect."""
        deadline = time.monotonic() + timeout
        while True:
            match = re.search(pattern, self.screen)
            if match:
                self.screen = self.screen[match.end() :]
                return match
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{pattern!r} did not appear; the screen shows:\n{self.screen[-2000:]}")
            ready, _, _ = select.select([self.master], [], [], min(left, 0.5))
            if ready:
                try:
                    chunk = os.read(self.master, 4096)
                except OSError:  # the other side closed
                    chunk = b""
                if not chunk and self.process.poll() is not None:
                    raise AssertionError(f"the session ended before {pattern!r} appeared:\n{self.screen[-2000:]}")
                self.screen += self.decoder.decode(chunk).replace("\r\n", "\n")

    def entry(self, number: int) -> str:
        """Wait for entry ``number`` and its keys; the id of the entry on screen."""
        match = self.expect(rf"(?s)\[{number}/\d+\]  reviewer: Tester\n(\w{{8}})  (.*?){re.escape(KEYS)}")
        self.shown = match.group(2)
        return match.group(1)

    def press(self, key: str, timeout: float = 20.0) -> None:
        """One key, once the session reads single keys (raw mode discards earlier typing)."""
        deadline = time.monotonic() + timeout
        while termios.tcgetattr(self.master)[3] & termios.ICANON:
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"the session never waited for a key; the screen shows:\n{self.screen[-2000:]}")
            time.sleep(0.01)
        os.write(self.master, key.encode("utf-8"))

    def type_line(self, text: str) -> None:
        """A line of text at a prompt (the terminal is back in line mode)."""
        os.write(self.master, (text + "\r").encode("utf-8"))

    def close(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        os.close(self.master)


@pytest.fixture
def terminal(drafted: Path, tmp_path: Path) -> Iterator[Terminal]:
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys\n"
        "from pathlib import Path\n"
        f"Path(sys.argv[1]).write_text({EDITED!r} + '\\n', encoding='utf-8')\n",
        encoding="utf-8",
    )
    env = {
        **os.environ,
        "EDITOR": f"{sys.executable} {editor}",
        "VISUAL": f"{sys.executable} {editor}",
        "TERM": "xterm",
        "L10N_PSEUDO_RATE": "10000",
    }
    env.pop("L10N_REVIEWER", None)
    session = Terminal(drafted, env)
    yield session
    session.close()


def by_id(root: Path) -> dict[str, reviewing.Item]:
    from l10n.app import config

    return {item.id: item for item in reviewing.items(config.load(root, {}))}


@requires_msgfmt
def test_decisions_made_before_a_crash_are_on_disk(drafted: Path, terminal: Terminal) -> None:
    first = terminal.entry(1)
    terminal.press("a")

    second = terminal.entry(2)
    terminal.press("r")
    terminal.expect("comment for the translator")
    terminal.type_line("the figure is 12 percent")

    third = terminal.entry(3)
    terminal.press("s")
    fourth = terminal.entry(4)
    terminal.press("b")
    assert terminal.entry(3) == third

    terminal.press("e")  # the editor rewrites the text; the edited entry shows again
    assert terminal.entry(3) == third
    assert "translation: " + EDITED in terminal.shown
    terminal.press("a")
    assert terminal.entry(4) == fourth

    os.killpg(terminal.process.pid, signal.SIGKILL)  # a crash in the middle of the session
    assert terminal.process.wait(timeout=10) == -signal.SIGKILL

    found = by_id(drafted)
    assert found[first].state.value == "reviewed"
    assert found[second].state.value == "rejected"
    assert found[second].notes[0].endswith(": the figure is 12 percent")
    assert (found[third].state.value, found[third].msgstr) == ("reviewed", EDITED)
    assert found[third].provider == "pseudo" and found[third].draft != EDITED  # the draft is kept
    assert found[fourth].state.value == "machine"
    assert sum(item.state.value == "machine" for item in found.values()) == len(found) - 3

    events = [
        event
        for log in drafted.glob("locales/*/*/*" + HISTORY_SUFFIX)
        for event in history.parse(log.read_text(encoding="utf-8"))
        if event.by == "Tester"
    ]
    assert sorted((event.old, event.new) for event in events) == [
        ("machine", "rejected"),
        ("machine", "reviewed"),
        ("machine", "translated"),
        ("translated", "reviewed"),
    ]
    for path in drafted.glob("locales/*/*/*.po"):
        checked = msgfmt_check(path)
        assert checked.returncode == 0, checked.stderr
        polib.pofile(str(path), encoding="utf-8")


def test_quitting_keeps_what_was_decided(drafted: Path, terminal: Terminal) -> None:
    first = terminal.entry(1)
    terminal.press("a")
    terminal.entry(2)
    terminal.press("x")  # an unknown key does nothing
    terminal.entry(2)
    terminal.press("q")

    terminal.expect("1 decision saved")
    assert terminal.process.wait(timeout=10) == 0
    assert by_id(drafted)[first].state.value == "reviewed"


def test_a_catalog_saved_elsewhere_while_the_entry_is_on_screen_is_not_overwritten(drafted: Path, terminal: Terminal) -> None:
    first = terminal.entry(1)
    shown = by_id(drafted)[first]
    # Meanwhile a translator saves the same catalog in a PO editor.
    edit_in_po_editor(drafted, shown.catalog, shown.msgid, "Fixed in Poedit")
    before = snapshot(drafted)

    terminal.press("a")

    terminal.expect(f"error: {re.escape(shown.catalog)}: changed on disk since it was read")
    terminal.expect("hint: nothing was written")
    assert terminal.process.wait(timeout=10) == 1
    assert snapshot(drafted) == before
    assert by_id(drafted)[first].state.value == "translated"  # the editor's save, not approved unseen
