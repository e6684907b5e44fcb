"""A glossary goes to a terminology tool as TBX and a tool's termbase comes in.

translate-toolkit's TBX reader plays the terminology tool.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from translate.storage import tbx as tt_tbx

from l10n.app.config import load
from l10n.app.workspace import project_glossary
from l10n.interop import tbx
from tests.conftest import FIXTURES
from tests.test_xliff import run


def terms_of(root: Path) -> set[tuple[str, str, str, str, str, bool]]:
    glossary = project_glossary(load(root, {}))
    return {(t.source, t.target, t.source_lang, t.target_lang, t.note, t.keep) for t in glossary.terms}


def test_the_glossary_goes_out_as_tbx_and_comes_back_whole(newsroom: Path, tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "glossary/defence.tsv", newsroom / "glossary.tsv")
    shutil.copy(FIXTURES / "glossary/never-translate.txt", newsroom / "never-translate.txt")
    code, out, _ = run("glossary", "export", "-o", "terms.tbx")
    assert code == 0 and "terms.tbx: 11 entries" in out
    store = tt_tbx.tbxfile.parsefile(str(newsroom / "terms.tbx"))
    assert ("국방부", "Ministry of National Defense") in {(u.source, u.target) for u in store.units}

    other = tmp_path / "other"
    shutil.copytree(FIXTURES / "project", other)
    code, out, _ = run("-C", str(other), "glossary", "import", str(newsroom / "terms.tbx"))
    assert code == 0 and "glossary.tsv: 11 rows added, 0 already there" in out
    assert {t for t in terms_of(other) if not t[5]} == {t for t in terms_of(newsroom) if not t[5]}
    kept = {t[0] for t in terms_of(other) if t[5]}
    assert kept == {"SDD", "KF-21", "K-pop", "BTS", "KOSPI"}
    assert (
        (other / "glossary.tsv")
        .read_text(encoding="utf-8")
        .startswith("ko\ten\tnote\n국방부\tMinistry of National Defense\tforce\n")
    )

    before = (newsroom / "glossary.tsv").read_bytes()
    assert "0 rows added, 11 already there" in run("glossary", "import", "terms.tbx")[1]
    assert (newsroom / "glossary.tsv").read_bytes() == before


def test_new_rows_follow_the_glossarys_column_order(newsroom: Path) -> None:
    (newsroom / "glossary.tsv").write_text("en\tko\tnote\nStrait of Korea\t대한해협\n", encoding="utf-8")
    termbase = tbx.format_termbase([tbx.TermEntry((("ko-KR", "국방부"), ("en-US", "Ministry of National Defense")), "force")])
    (newsroom / "terms.tbx").write_text(termbase, encoding="utf-8")
    assert "1 rows added" in run("glossary", "import", "terms.tbx")[1]
    assert (newsroom / "glossary.tsv").read_text(encoding="utf-8").endswith("\nMinistry of National Defense\t국방부\tforce\n")


def test_a_term_translated_differently_is_refused_and_nothing_is_written(newsroom: Path) -> None:
    shutil.copy(FIXTURES / "glossary/defence.tsv", newsroom / "glossary.tsv")
    before = (newsroom / "glossary.tsv").read_bytes()
    termbase = tbx.format_termbase([tbx.TermEntry((("ko", "국방부"), ("en", "Defense Ministry")))])
    (newsroom / "terms.tbx").write_text(termbase, encoding="utf-8")
    code, _, err = run("glossary", "import", "terms.tbx")
    assert code != 0 and "국방부" in err and "glossary.tsv" in err
    assert (newsroom / "glossary.tsv").read_bytes() == before
