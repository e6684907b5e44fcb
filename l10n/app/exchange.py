"""XLIFF 2.0 hand-off to CAT tools: export the catalogs of one language, import them back.

``export_xliff`` reads and writes nothing but returns documents (one per source
language: an XLIFF document has one). ``import_xliff`` goes through saving.py
like every command that writes catalogs: each catalog is locked, re-read and
the document's changes re-applied to what is there now. Only what the CAT tool
changed is applied, as a translator's or reviewer's decision would be, and each
change is logged under the translator's name: importing a document just
exported changes no byte of any catalog or history log.

It imports no other use case; entry ids come from workspace.py, as review's do.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from l10n.app import saving
from l10n.app.config import Config
from l10n.app.workspace import catalog_display, catalog_path, entry_id, find_articles
from l10n.errors import L10nError
from l10n.interop import xliff
from l10n.model import State
from l10n.po import catalog, history, review
from l10n.po.entry import Entry
from l10n.po.states import content_hash, machine_origin, parse_marks
from l10n.po.unlogged import unlogged_changes
from l10n.text import locales

UNKNOWN_LANGUAGE = "und"  # BCP 47 for "not known": catalogs that name no source language


@dataclass(frozen=True)
class _Target:
    display: str
    article: str
    lang: str


def _targets(config: Config, lang: str, only: Sequence[str]) -> Iterator[_Target]:
    for article in find_articles(config, only):
        if catalog_path(config, article, lang).exists():
            yield _Target(catalog_display(config, article, lang), article.display, lang)


def export_xliff(config: Config, *, lang: str, only: Sequence[str] = ()) -> list[xliff.Document]:
    """The ``lang`` catalogs of the selected articles as XLIFF documents, one per source language."""
    lang = locales.normalise(lang)
    by_source: dict[str, list[xliff.File]] = {}
    for target in _targets(config, lang, only):
        po = catalog.read_catalog(config.root / target.display, target.display)
        sources = [code.strip() for code in po.metadata.get("X-Source-Language", "").split(",") if code.strip()]
        units = tuple(_unit(target, entry) for entry in po.live())
        by_source.setdefault(sources[0] if sources else UNKNOWN_LANGUAGE, []).append(xliff.File(target.display, units))
    return [xliff.Document(source, lang, tuple(files)) for source, files in sorted(by_source.items())]


def _unit(target: _Target, entry: Entry) -> xliff.Unit:
    state = entry.state
    notes = [xliff.Note("location", ref) for ref in entry.references]
    notes += [xliff.Note("description", line) for line in entry.comment.splitlines() if line]
    if entry.msgctxt is not None:
        notes.append(xliff.Note("context", entry.msgctxt))
    if state is State.STALE and entry.previous_msgid is not None:
        notes.append(xliff.Note("previous-source", entry.previous_msgid))
    origin = machine_origin(entry.facts)
    if state is State.MACHINE and origin is not None and origin.provider:
        notes.append(xliff.Note("provider", origin.provider))
    notes += [xliff.Note("rejection", note) for note in _rejections(entry)]
    return xliff.Unit(
        id=entry_id(target.lang, target.article, entry.msgctxt, entry.msgid),
        source=entry.msgid,
        target=entry.msgstr,
        state=state,
        notes=tuple(notes),
        base=_base(entry),
    )


def _base(entry: Entry) -> str:
    """The entry's translation and state as exported, in eight hex digits."""
    return content_hash(entry.msgctxt, entry.msgid, f"{entry.msgstr}\x00{entry.state.value}")


def _rejections(entry: Entry) -> list[str]:
    return [f"rejected by {m.who} on {m.date}: {m.note}" for m in parse_marks(entry.tcomment) if m.kind == "rejected"]


# --------------------------------------------------------------------------- import

# How a state reads in a skip reason: "initial (machine)".
STATE_NAMES = {state: f"{xliff.STATES[state][0]} ({state.value})" for state in State}


@dataclass(frozen=True)
class Applied:
    catalog: str
    id: str
    old: State
    new: State


@dataclass(frozen=True)
class Skipped:
    catalog: str
    id: str
    reason: str


@dataclass(frozen=True)
class ImportReport:
    applied: tuple[Applied, ...]
    skipped: tuple[Skipped, ...]
    catalogs_written: int


def import_xliff(
    config: Config, doc: xliff.Document, *, translator: str, display: str, now: datetime | None = None
) -> ImportReport:
    """Apply what a CAT tool changed in ``doc`` (read from ``display``) to the catalogs.

    A finished segment (translated, reviewed, final) with new text is the
    translator's translation; reviewed or final approves it; ``l10n:rejected``
    with a ``rejection`` note rejects it. Unfinished segments with new text,
    units whose entry is gone (the article was re-extracted) and changes l10n
    cannot make (from reviewed back to translated) are skipped and reported.
    All catalogs land or none does.
    """
    when = now or datetime.now(UTC)
    lang = locales.normalise(doc.target_lang) if doc.target_lang else ""
    known = {t.display: t for t in _targets(config, lang, ())} if lang in config.languages else {}
    imports = []
    for file in doc.files:
        target = known.get(file.original)
        if target is None:
            raise L10nError(
                f"{file.original!r} is not a {doc.target_lang or '?'} catalog of this project",
                path=display,
                hint="import the document into the project it was exported from",
            )
        imports.append(_CatalogImport(target, file, translator, when))
    updates = [saving.Update(config.root / i.target.display, i.target.display, i) for i in imports]
    written = saving.update(config, updates, command="l10n xliff import")
    return ImportReport(tuple(a for i in imports for a in i.applied), tuple(s for i in imports for s in i.skipped), len(written))


class _Skip(Exception):
    """A unit whose change l10n does not make; the message says why."""


class _CatalogImport:
    """The changes of one ``<file>``, applied to a fresh read of its catalog (a ``saving.Change``)."""

    def __init__(self, target: _Target, file: xliff.File, translator: str, when: datetime) -> None:
        self.target, self.file, self.translator, self.when = target, file, translator, when
        self.applied: list[Applied] = []
        self.skipped: list[Skipped] = []

    def __call__(self, fresh: saving.Fresh) -> list[history.Event]:
        # Called again with a fresh read if the file changed before the write.
        self.applied, self.skipped = [], []
        target = self.target
        # Logged first, as review's decisions do: a PO editor's saves since the last
        # logged change are theirs, not this import's.
        unlogged = unlogged_changes(fresh.po, history.Index(history.parse(fresh.log_text)), history.stamp(self.when))
        by_id = {entry_id(target.lang, target.article, e.msgctxt, e.msgid): e for e in fresh.po.live()}
        events: list[history.Event] = []
        edits: list[list[tuple[str, str]]] = []
        for unit in self.file.units:
            entry = by_id.get(unit.id)
            try:
                if entry is None or entry.msgid != unit.source:
                    raise _Skip("no such entry now (the article was re-extracted since the export?)")
                if unit.base and unit.base != _base(entry) and (unit.target, unit.state) != (entry.msgstr, entry.state):
                    # Both sides changed it: the CAT tool's version would undo the project's.
                    raise _Skip(f"changed in the project since the export (now {entry.state.value}): export it again")
                steps = _steps(entry, unit)
            except _Skip as skip:
                self.skipped.append(Skipped(target.display, unit.id, str(skip)))
                continue
            edits.append(steps)
            for action, argument in steps:
                current = fresh.po.get(entry.key)
                assert current is not None
                event = self._apply(fresh.po, current, action, argument)
                events.append(event)
                self.applied.append(Applied(target.display, unit.id, State(event.old), State(event.new)))
        if any(action == "edit" for unit_steps in edits for action, _ in unit_steps):
            when = self.when.strftime("%Y-%m-%d %H:%M+0000")
            fresh.po.set_header({"PO-Revision-Date": when, "Last-Translator": self.translator})
        return [*unlogged, *events] if events else []

    def _apply(self, po: catalog.Catalog, entry: Entry, action: str, argument: str) -> history.Event:
        decision = review.decide(action, entry.facts, self.translator, self.when.strftime("%Y-%m-%d"), argument)
        after = po.apply_decision(entry.key, decision)
        note = argument if action == "reject" else None
        return history.entry_event(
            after, old=decision.old.value, by=self.translator, at=history.stamp(self.when), text=after.msgstr, note=note
        )


def _steps(entry: Entry, unit: xliff.Unit) -> list[tuple[str, str]]:
    """The decisions that take ``entry`` to what ``unit`` says: (action, text or comment)."""
    now, wanted, text = entry.state, unit.state, unit.target
    if wanted is State.REVIEWED:
        if not text:
            raise _Skip("reviewed without a target")
        if text != entry.msgstr:
            return [("edit", text), ("approve", "")]
        return [] if now is State.REVIEWED else [("approve", "")]
    if wanted is State.TRANSLATED:
        if not text.strip():
            raise _Skip("translated without a target")
        if text == entry.msgstr and now is State.REVIEWED:
            raise _Skip("an approval is not taken back by an import; reject the entry to send it back")
        return [] if text == entry.msgstr and now is State.TRANSLATED else [("edit", text)]
    if text and text != entry.msgstr:
        raise _Skip(f"new text in a segment left {STATE_NAMES[wanted]}: mark it translated to import it")
    if wanted is State.REJECTED and now is not State.REJECTED:
        comments = [n for n in xliff.notes_of(unit, "rejection") if n not in _rejections(entry)]
        if not entry.msgstr or not comments:
            raise _Skip("rejected without a new note of category 'rejection' saying what to fix")
        return [("reject", comments[-1])]
    if wanted is not now and now.done:
        raise _Skip(f"l10n does not set a {now.value} entry back to {wanted.value}")
    return []
