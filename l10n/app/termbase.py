"""The glossary as TBX: export the project's, import a terminology tool's.

The project's glossary is already a CSV or TSV file any spreadsheet opens
(qa/glossary.py); TBX is for terminology tools and CAT tools. ``export_glossary``
writes nothing. ``import_glossary`` adds the rows the glossary file lacks, in
its own column order, and writes it only when the result still reads as a
glossary: a term the TBX translates differently from the glossary is the
glossary's usual error, naming the term, and nothing is written.

It writes only the glossary file and imports no other use case.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from l10n.app.config import Config
from l10n.app.workspace import project_glossary
from l10n.errors import L10nError
from l10n.interop import tbx
from l10n.qa.glossary import KEEP_MARKERS, Glossary, language_of, parse_glossary
from l10n.store.fileio import write_if_changed
from l10n.text.scripts import has_hangul

KEEP_NOTE = KEEP_MARKERS[0]


def export_glossary(config: Config) -> list[tbx.TermEntry]:
    """The glossary (with never-translate.txt) as TBX entries, one per row, in file order."""
    entries = []
    rows: set[tuple[str, int]] = set()
    kept: set[str] = set()
    for term in project_glossary(config).terms:
        if term.keep:
            if term.source in kept:  # in the glossary and in never-translate.txt
                continue
            kept.add(term.source)
            entries.append(tbx.TermEntry(((_script_language(term.source), term.source),), term.note or KEEP_NOTE))
        elif (term.path, term.line) not in rows:  # each row gives a term both ways: the first is the row's order
            rows.add((term.path, term.line))
            entries.append(tbx.TermEntry(((term.source_lang, term.source), (term.target_lang, term.target)), term.note))
    return entries


def _script_language(term: str) -> str:
    return "ko" if has_hangul(term) else "en"


@dataclass(frozen=True)
class GlossaryImport:
    path: str  # the glossary file, relative to the project root
    added: int
    already: int  # rows the glossary held already
    ignored: int  # entries with neither a Korean nor an English term


def import_glossary(config: Config, entries: Iterable[tbx.TermEntry]) -> GlossaryImport:
    """Add the TBX entries the glossary lacks to the glossary file."""
    display = config.glossary
    path = config.root / display
    suffix = Path(display).suffix.lower()
    if suffix not in (".tsv", ".csv"):
        raise L10nError("TBX imports into a .tsv or .csv glossary", path=display, hint='set glossary = "glossary.tsv"')
    existing = path.read_text(encoding="utf-8-sig") if path.exists() else ""
    columns = _columns(parse_glossary(existing, display, suffix))
    current = project_glossary(config)  # never-translate.txt's terms are there already too
    pairs = {(t.source_lang, t.source, t.target) for t in current.terms if not t.keep}
    kept = {t.source for t in current.terms if t.keep}
    rows: list[list[str]] = [] if existing.strip() else [[*columns, "note"]]
    added = already = ignored = 0
    for entry in entries:
        terms = {language_of(lang): term for lang, term in reversed(entry.terms) if term}
        wanted = [terms.get(columns[0], ""), terms.get(columns[1], "")]
        if not any(wanted):
            ignored += 1
            continue
        if not all(wanted) or any(marker in entry.note.lower() for marker in KEEP_MARKERS):
            term = wanted[0] or wanted[1]
            if term in kept:
                already += 1
                continue
            kept.add(term)
            rows.append([term, "", entry.note or KEEP_NOTE])
            added += 1
            continue
        if (columns[0], wanted[0], wanted[1]) in pairs:
            already += 1
            continue
        pairs.add((columns[0], wanted[0], wanted[1]))
        rows.append([*wanted, entry.note])
        added += 1
    if added:
        text = _joined(existing, rows, "\t" if suffix == ".tsv" else ",")
        parse_glossary(text, display, suffix)  # a conflict is an error here, before anything is written
        write_if_changed(path, text.encode("utf-8"))
    return GlossaryImport(display, added, already, ignored)


def _columns(glossary: Glossary) -> tuple[str, str]:
    """The languages of the glossary's two term columns: its first row's, else ko and en."""
    for term in glossary.terms:
        if not term.keep and term.source_lang:
            return term.source_lang, term.target_lang
    return "ko", "en"


def _joined(existing: str, rows: list[list[str]], delimiter: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator="\n").writerows(rows)
    if existing and not existing.endswith("\n"):
        existing += "\n"
    return existing + out.getvalue()
