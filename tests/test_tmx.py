"""A team shares its translation memory as TMX 1.4 and drafts from another's.

translate-toolkit's TMX reader (what Weblate and Pootle use) plays the other tool.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from translate.storage import tmx as tt_tmx

from l10n.interop import tmx
from l10n.po import history
from tests.conftest import FIXTURES, snapshot
from tests.test_review import edit_in_po_editor
from tests.test_xliff import listed, run

PORT_EN = "locales/en/news/port-opening.md.po"


@pytest.fixture
def translated(newsroom: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Drafts of which Kim approved two and rejected one; the rest are machine drafts."""
    monkeypatch.setenv("L10N_PSEUDO_RATE", "10000")
    monkeypatch.setenv("L10N_REVIEWER", "Kim Min-ji")
    assert run("extract")[0] == 0
    assert run("translate", "--provider", "pseudo")[0] == 0
    ids = [entry_id for entry_id, _ in listed("content/news/port-opening.md")]
    assert run("review", "approve", ids[0], ids[1])[0] == 0
    assert run("review", "reject", ids[2], "--comment", "wrong pier")[0] == 0
    return newsroom


def test_the_memory_holds_peoples_translations_with_who_and_when(translated: Path) -> None:
    code, out, _ = run("tm", "export", "-o", "memory.tmx")
    assert code == 0 and "memory.tmx: 2 translation units" in out
    store = tt_tmx.tmxfile.parsefile(str(translated / "memory.tmx"))
    po = [e for e in polib.pofile(str(translated / PORT_EN)) if not e.obsolete]
    assert [(u.source, u.target) for u in store.units] == [(e.msgid, e.msgstr) for e in po[:2]]
    approved = [
        e
        for e in history.parse((translated / PORT_EN.replace(".po", ".history.jsonl")).read_text("utf-8"))
        if e.new == "reviewed"
    ]
    text = (translated / "memory.tmx").read_text(encoding="utf-8")
    assert f'<tu srclang="ko" creationid="Kim Min-ji" creationdate="{tmx.tmx_date(approved[0].at)}">' in text
    assert '<tuv xml:lang="en">' in text
    before = snapshot(translated)
    assert run("tm", "export", "-o", "memory.tmx")[0] == 0  # the same memory: the same bytes
    assert snapshot(translated) == before


def test_another_projects_memory_drafts_exact_matches_for_review(
    translated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("tm", "export", "-o", str(tmp_path / "memory.tmx"))[0] == 0
    fresh = tmp_path / "fresh"
    shutil.copytree(FIXTURES / "project", fresh)
    monkeypatch.chdir(fresh)
    assert run("extract")[0] == 0

    code, out, _ = run("tm", "import", str(tmp_path / "memory.tmx"))
    assert code == 0 and "2 entries drafted" in out and "1 catalogs written" in out
    states = [state for _, state in listed("content/news/port-opening.md")]
    assert states[:3] == ["machine", "machine", "untranslated"]
    entry = next(e for e in polib.pofile(str(fresh / PORT_EN)) if not e.obsolete)
    assert entry.fuzzy and "l10n: memory tmx " in entry.tcomment
    logged = history.parse((fresh / PORT_EN.replace(".po", ".history.jsonl")).read_text("utf-8"))
    assert [(e.by, e.provider, e.old, e.new) for e in logged] == [("l10n tm import", "tmx", "untranslated", "machine")] * 2
    before = snapshot(fresh)
    assert "0 entries drafted" in run("tm", "import", str(tmp_path / "memory.tmx"))[1]  # only untranslated entries
    assert {k: v for k, v in snapshot(fresh).items() if not k.startswith(".cache/")} == {
        k: v for k, v in before.items() if not k.startswith(".cache/")
    }
    if shutil.which("msgfmt"):
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(fresh / PORT_EN)], check=True)


def test_a_text_rejected_for_an_entry_is_not_drafted_from_a_memory(translated: Path) -> None:
    rejected = next(e for e in polib.pofile(str(translated / PORT_EN)) if "l10n: rejected" in e.tcomment)
    memory = tmx.format_memory([tmx.TranslationUnit("ko", "en", rejected.msgid, rejected.msgstr)])
    (translated / "memory.tmx").write_text(memory, encoding="utf-8")
    po = translated / PORT_EN
    text = po.read_text(encoding="utf-8")
    # The translator cleared the rejected text in a PO editor: the entry is untranslated again.
    po.write_text(text.replace(f'msgstr "{rejected.msgstr}"', 'msgstr ""', 1), encoding="utf-8")
    assert listed("content/news/port-opening.md")[2][1] == "untranslated"
    assert "0 entries drafted" in run("tm", "import", "memory.tmx")[1]


def test_memories_of_other_tools_read_as_plain_pairs() -> None:
    document = """<?xml version="1.0"?>
<tmx version="1.4"><header srclang="ko-KR" segtype="sentence" o-tmf="x" adminlang="en" datatype="plaintext" creationtool="x" creationtoolversion="1"/>
<body>
  <tu><tuv xml:lang="ko-KR"><seg>국방부</seg></tuv><tuv xml:lang="en-US"><seg>the <hi>Ministry</hi> of Defense</seg></tuv></tu>
  <tu><tuv xml:lang="ko-KR"><seg>값 <ph x="1"/></seg></tuv><tuv xml:lang="en-US"><seg>value <ph x="1"/></seg></tuv></tu>
</body></tmx>"""
    units = tmx.parse_memory(document, "agency.tmx")
    assert [(u.source_lang, u.target_lang, u.source, u.target) for u in units] == [
        ("ko-KR", "en-US", "국방부", "the Ministry of Defense")
    ]


def test_a_po_editors_unlogged_save_is_logged_as_its_own_before_the_drafts(
    newsroom: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("L10N_PSEUDO_RATE", "10000")
    assert run("extract")[0] == 0
    assert run("translate", "--provider", "pseudo", "--lang", "en", "--limit", "1", "content/news/port-opening.md")[0] == 0
    po = [e for e in polib.pofile(str(newsroom / PORT_EN)) if not e.obsolete]
    edit_in_po_editor(newsroom, PORT_EN, po[0].msgid, "Saved in Poedit")  # the machine draft, post-edited
    memory = tmx.format_memory([tmx.TranslationUnit("ko", "en", po[1].msgid, "From the memory")])
    (newsroom / "memory.tmx").write_text(memory, encoding="utf-8")

    assert "1 entries drafted" in run("tm", "import", "memory.tmx")[1]

    logged = history.parse((newsroom / PORT_EN.replace(".po", ".history.jsonl")).read_text("utf-8"))
    assert [(e.by, e.msgid, e.new) for e in logged[1:]] == [
        ("a PO editor", po[0].msgid, "translated"),
        ("l10n tm import", po[1].msgid, "machine"),
    ]
