"""A team hands catalogs to a CAT tool as XLIFF 2.0 and takes the work back.

The CAT tool is played by translate-toolkit's XLIFF 2.0 reader and writer (what
Weblate uses), so the documents are read and changed by a real parser.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from translate.storage import xliff2

from l10n.cli import main
from l10n.errors import L10nError
from l10n.interop import xliff
from l10n.model import State
from l10n.po import history
from tests.conftest import snapshot
from tests.test_review import edit_in_po_editor

PORT_EN = "locales/en/news/port-opening.md.po"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def handed_off(newsroom: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Drafted catalogs with one approval and one rejection, exported for a CAT tool."""
    monkeypatch.setenv("L10N_PSEUDO_RATE", "10000")
    monkeypatch.setenv("L10N_REVIEWER", "Kim Min-ji")
    assert run("extract")[0] == 0
    assert run("translate", "--provider", "pseudo")[0] == 0
    ids = [entry_id for entry_id, _ in listed("content/news/port-opening.md")]
    assert run("review", "approve", ids[0])[0] == 0
    assert run("review", "reject", ids[1], "--comment", "say 10,000 containers")[0] == 0
    code, out, _ = run("xliff", "export", "--lang", "en", "-o", "handoff")
    assert code == 0, out
    assert "handoff/ko-en.xlf" in out
    return newsroom


def listed(*args: str) -> list[tuple[str, str]]:
    """(id, state) of each en entry `review list` prints."""
    out = run("review", "list", "--lang", "en", *args)[1]
    return [(line.split()[0], line.split()[2]) for line in out.splitlines()[:-1] if not line.startswith(" ")]


def cat_tool(root: Path) -> tuple[xliff2.Xliff2File, dict[str, xliff2.Xliff2Unit]]:
    store = xliff2.Xliff2File.parsefile(str(root / "handoff/ko-en.xlf"))
    return store, {unit.getid(): unit for unit in store.units}


def entries(root: Path, display: str) -> list[polib.POEntry]:
    return [e for e in polib.pofile(str(root / display), encoding="utf-8") if not e.obsolete]


def test_a_cat_tool_reads_every_entry_with_its_state(handed_off: Path) -> None:
    _, units = cat_tool(handed_off)
    po = entries(handed_off, PORT_EN)
    states = dict(listed())
    assert set(units) == set(states)
    reviewed, rejected, machine = (units[entry_id] for entry_id, _ in listed("content/news/port-opening.md")[:3])
    assert [states[u.getid()] for u in (reviewed, rejected, machine)] == ["reviewed", "rejected", "machine"]
    assert reviewed.isapproved()
    assert rejected.isfuzzy() and machine.isfuzzy() and not machine.istranslated()
    assert reviewed.source == po[0].msgid and reviewed.target == po[0].msgstr
    text = (handed_off / "handoff/ko-en.xlf").read_text(encoding="utf-8")
    assert 'subState="l10n:rejected"' in text and 'subState="l10n:machine"' in text
    assert '<note category="rejection">rejected by Kim Min-ji on ' in text and ": say 10,000 containers</note>" in text
    assert '<note category="location">content/news/port-opening.md:2</note>' in text


def test_importing_an_unchanged_export_changes_no_byte(handed_off: Path) -> None:
    before = {k: v for k, v in snapshot(handed_off).items() if not k.startswith(".cache/")}
    code, out, _ = run("xliff", "import", "handoff/ko-en.xlf")
    assert code == 0, out
    assert "0 changes, 0 skipped; 0 catalogs written" in out
    assert {k: v for k, v in snapshot(handed_off).items() if not k.startswith(".cache/")} == before


def test_importing_a_re_saved_export_changes_no_byte(handed_off: Path) -> None:
    store, _ = cat_tool(handed_off)
    store.savefile(str(handed_off / "handoff/ko-en.xlf"))  # the CAT tool's own bytes
    before = {k: v for k, v in snapshot(handed_off).items() if not k.startswith((".cache/", "handoff/"))}
    assert "0 catalogs written" in run("xliff", "import", "handoff/ko-en.xlf")[1]
    assert {k: v for k, v in snapshot(handed_off).items() if not k.startswith((".cache/", "handoff/"))} == before


def test_the_cat_tools_translations_and_approvals_come_back_and_are_logged(handed_off: Path) -> None:
    store, units = cat_tool(handed_off)
    po = entries(handed_off, PORT_EN)
    machine = [u for u in units.values() if u.isfuzzy() and "l10n:machine" == u.xmlelement.get("subState")]
    first, second, third = machine[:3]
    first.target = "Ten thousand containers a day"
    first.marktranslated()
    second.markapproved()  # the draft, approved as it is
    third.target = "A half-done sentence"  # left initial: not finished
    store.savefile(str(handed_off / "handoff/ko-en.xlf"))

    code, out, err = run("xliff", "import", "handoff/ko-en.xlf", "--translator", "Lee Ji-eun")
    assert code == 0, out + err
    assert f"{first.getid()}  {PORT_EN}  machine -> translated" in out
    assert f"{second.getid()}  {PORT_EN}  machine -> reviewed" in out
    assert f"skipped {third.getid()}" in err and "mark it translated" in err
    after = {e.msgid: e for e in entries(handed_off, PORT_EN)}
    assert after[first.source].msgstr == "Ten thousand containers a day" and not after[first.source].fuzzy
    assert "l10n: reviewed" in after[second.source].tcomment and "by Lee Ji-eun" in after[second.source].tcomment
    assert after[third.source].msgstr == {e.msgid: e for e in po}[third.source].msgstr
    log = history.parse((handed_off / PORT_EN.replace(".po", ".history.jsonl")).read_text(encoding="utf-8"))
    mine = [(e.by, e.msgid, e.old, e.new) for e in log if e.by == "Lee Ji-eun"]
    assert mine == [("Lee Ji-eun", first.source, "machine", "translated"), ("Lee Ji-eun", second.source, "machine", "reviewed")]
    assert run("xliff", "import", "handoff/ko-en.xlf")[1].endswith("0 catalogs written\n")  # once is enough
    if shutil.which("msgfmt"):
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(handed_off / PORT_EN)], check=True)


def test_a_translation_changed_in_the_project_since_the_export_is_not_undone(handed_off: Path) -> None:
    store, units = cat_tool(handed_off)
    machine = next(u for u in units.values() if u.xmlelement.get("subState") == "l10n:machine")
    machine.target = "The CAT tool's version"
    machine.marktranslated()
    store.savefile(str(handed_off / "handoff/ko-en.xlf"))
    edit_in_po_editor(handed_off, PORT_EN, machine.source, "The translator's newer version")

    code, _, err = run("xliff", "import", "handoff/ko-en.xlf")

    assert code == 0
    assert f"skipped {machine.getid()}" in err and "changed in the project since the export (now translated)" in err
    entry = next(e for e in entries(handed_off, PORT_EN) if e.msgid == machine.source)
    assert entry.msgstr == "The translator's newer version"


def test_a_po_editors_unlogged_save_is_logged_as_its_own_before_the_import(handed_off: Path) -> None:
    store, units = cat_tool(handed_off)
    first, second = [u for u in units.values() if u.xmlelement.get("subState") == "l10n:machine"][:2]  # in PORT_EN
    edit_in_po_editor(handed_off, PORT_EN, first.source, "Saved in Poedit")
    second.target = "From the CAT tool"
    second.marktranslated()
    store.savefile(str(handed_off / "handoff/ko-en.xlf"))

    assert run("xliff", "import", "handoff/ko-en.xlf", "--translator", "Lee Ji-eun")[0] == 0

    log = history.parse((handed_off / PORT_EN.replace(".po", ".history.jsonl")).read_text(encoding="utf-8"))
    assert [(e.by, e.msgid, e.new, e.text) for e in log[-2:]] == [
        ("a PO editor", first.source, "translated", "Saved in Poedit"),
        ("Lee Ji-eun", second.source, "translated", "From the CAT tool"),
    ]


def test_a_rejection_made_in_the_cat_tool_needs_a_note(handed_off: Path) -> None:
    store, units = cat_tool(handed_off)
    reviewed = next(u for u in units.values() if u.isapproved())
    reviewed.xmlelement.set("state", "initial")
    reviewed.xmlelement.set("subState", "l10n:rejected")
    store.savefile(str(handed_off / "handoff/ko-en.xlf"))
    code, _, err = run("xliff", "import", "handoff/ko-en.xlf")
    assert code == 0 and "rejected without a new note" in err

    text = (handed_off / "handoff/ko-en.xlf").read_text(encoding="utf-8")
    where = text.index(f'<unit id="{reviewed.getid()}"')
    notes = text.index("</notes>", where)
    text = text[:notes] + '<note category="rejection">the port is in Busan</note>' + text[notes:]
    (handed_off / "handoff/ko-en.xlf").write_text(text, encoding="utf-8")
    code, out, _ = run("xliff", "import", "handoff/ko-en.xlf")
    assert f"{reviewed.getid()}  {PORT_EN}  reviewed -> rejected" in out
    entry = next(e for e in entries(handed_off, PORT_EN) if e.msgid == reviewed.source)
    assert entry.fuzzy and "the port is in Busan" in entry.tcomment


def test_a_document_of_another_project_is_refused_and_nothing_is_written(handed_off: Path) -> None:
    path = handed_off / "handoff/ko-en.xlf"
    path.write_text(path.read_text(encoding="utf-8").replace("locales/en/news/port", "elsewhere/port"), encoding="utf-8")
    before = snapshot(handed_off)
    code, _, err = run("xliff", "import", "handoff/ko-en.xlf")
    assert code != 0
    assert "handoff/ko-en.xlf: 'elsewhere/port-opening.md.po' is not a en catalog of this project" in err
    assert "hint: import the document into the project it was exported from" in err
    assert {k: v for k, v in snapshot(handed_off).items() if not k.startswith(".cache/")} == {
        k: v for k, v in before.items() if not k.startswith(".cache/")
    }


def test_a_split_segment_and_markup_are_refused_with_the_unit() -> None:
    doc = xliff.format_document(
        xliff.Document("ko", "en", (xliff.File("a.po", (xliff.Unit("u1", "가", "a", State.TRANSLATED),)),))
    )
    split = doc.replace("</segment>", "</segment><segment><source>나</source></segment>")
    with pytest.raises(L10nError, match="unit u1 has 2 segments"):
        xliff.parse_document(split, "x.xlf")
    marked = doc.replace(">a</target>", '>a<ph id="1"/></target>')
    with pytest.raises(L10nError, match="inline element <ph>"):
        xliff.parse_document(marked, "x.xlf")
    with pytest.raises(L10nError, match="not well-formed XML"):
        xliff.parse_document("<xliff", "x.xlf")


texts = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)


@given(
    units=st.lists(st.tuples(texts.filter(bool), texts, st.sampled_from(list(State)), st.lists(texts, max_size=2)), max_size=4),
)
def test_every_text_and_state_reads_back_as_written(units: list[tuple[str, str, State, list[str]]]) -> None:
    written = tuple(
        xliff.Unit(
            f"u{i}",
            source,
            target if state is not State.UNTRANSLATED and target else "",
            state if target or state is State.UNTRANSLATED else State.UNTRANSLATED,
            tuple(xliff.Note("description", note) for note in notes),
        )
        for i, (source, target, state, notes) in enumerate(units)
    )
    doc = xliff.Document("ko", "en", (xliff.File("locales/en/a.md.po", written),))
    assert xliff.parse_document(xliff.format_document(doc), "x.xlf") == doc
