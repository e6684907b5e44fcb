"""The translation memory as TMX 1.4: export the project's, import another's.

The project's memory is what translate drafts from first: every entry people
translated or approved, keyed by (source language, target language, source
text). ``export_memory`` writes those pairs with who made them and when, from
the history logs; machine drafts nobody finished are left out. ``import_memory``
fills untranslated entries whose source text a TMX document holds exactly, the
way translate fills them from the in-project memory: as a fuzzy draft marked
``memory`` (provider ``tmx``), never a text a reviewer rejected for that entry,
logged like any draft, for review to approve.

It writes only catalogs and their history logs (``import_memory``, through
saving.py) and imports no other use case.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from l10n.app import saving
from l10n.app.config import Config
from l10n.app.workspace import catalog_display, catalog_path, find_articles
from l10n.interop import tmx
from l10n.model import State
from l10n.po import catalog, history
from l10n.po.entry import Entry
from l10n.po.states import content_hash, rejected_hashes
from l10n.po.unlogged import unlogged_changes
from l10n.qa.glossary import language_of
from l10n.text import locales
from l10n.text.language import translated_from

IMPORTED_BY = "l10n tm import"
PROVIDER = "tmx"  # the provider a draft from an imported memory is marked with

_DONE = (State.TRANSLATED.value, State.REVIEWED.value)


def _catalogs(config: Config, only: Sequence[str] = ()) -> Iterator[tuple[str, str]]:
    """(display path, target language) of every catalog of the selected articles."""
    for article in find_articles(config, only):
        for lang in config.languages:
            if catalog_path(config, article, lang).exists():
                yield catalog_display(config, article, lang), locales.base_language(lang)


@dataclass(frozen=True)
class MemoryExport:
    units: tuple[tmx.TranslationUnit, ...]
    left_out: int  # translations TMX cannot hold (control characters)


def export_memory(config: Config) -> MemoryExport:
    """People's translations in the whole project, each pair once, in catalog order."""
    units: dict[tuple[str, str, str, str], tmx.TranslationUnit] = {}
    left_out = 0
    for display, target in _catalogs(config):
        path = config.root / display
        po = catalog.read_catalog(path, display)
        logged: dict[tuple[str | None, str], list[history.Event]] = {}
        for event in history.parse(history.read(path)):
            logged.setdefault((event.msgctxt, event.msgid), []).append(event)
        for entry in po.live():
            if not entry.state.done:
                continue
            unit = _unit(entry, target, logged.get(entry.key, []))
            key = (unit.source_lang, unit.target_lang, unit.source, unit.target)
            if key in units:
                continue
            if not tmx.writable(unit):
                left_out += 1
                continue
            units[key] = unit
    return MemoryExport(tuple(units.values()), left_out)


def _unit(entry: Entry, target: str, events: Iterable[history.Event]) -> tmx.TranslationUnit:
    # The events that made or approved exactly this text: the first is its
    # translation, the last its latest approval.
    made = [e for e in events if e.new in _DONE and e.text == entry.msgstr]
    first, last = (made[0], made[-1]) if made else (None, None)
    changed = last is not None and last is not first
    return tmx.TranslationUnit(
        translated_from(entry.msgid, target),
        target,
        entry.msgid,
        entry.msgstr,
        created_by=first.by if first else "",
        created_at=first.at if first else "",
        changed_by=last.by if last and changed else "",
        changed_at=last.at if last and changed else "",
    )


@dataclass(frozen=True)
class MemoryImport:
    filled: int  # entries drafted from the memory
    catalogs_written: int


def import_memory(
    config: Config, units: Iterable[tmx.TranslationUnit], *, only: Sequence[str] = (), now: datetime | None = None
) -> MemoryImport:
    """Draft every untranslated entry whose source text the memory holds exactly."""
    when = now or datetime.now(UTC)
    memory: dict[tuple[str, str, str], str] = {}
    for unit in units:
        memory.setdefault((language_of(unit.source_lang), language_of(unit.target_lang), unit.source), unit.target)
    filled: dict[str, int] = {}

    def change_for(target: str) -> saving.Change:
        def change(fresh: saving.Fresh) -> list[history.Event]:
            # Called again with a fresh read if the file changed before the write.
            # A PO editor's saves since the last logged change are logged first, as theirs.
            unlogged = unlogged_changes(fresh.po, history.Index(history.parse(fresh.log_text)), history.stamp(when))
            events = [_fill(fresh.po, entry, text, when) for entry, text in _matches(fresh.po, target, memory)]
            filled[fresh.display] = len(events)
            return [*unlogged, *events] if events else []

        return change

    updates = []
    for display, target in _catalogs(config, only):
        po = catalog.read_catalog(config.root / display, display)
        if any(True for _ in _matches(po, target, memory)):  # lock only the catalogs with work to do
            updates.append(saving.Update(config.root / display, display, change_for(target)))
    written = saving.update(config, updates, command=IMPORTED_BY) if updates else set()
    return MemoryImport(sum(filled.values()), len(written))


def _matches(po: catalog.Catalog, target: str, memory: dict[tuple[str, str, str], str]) -> Iterator[tuple[Entry, str]]:
    for entry in po.live():
        if entry.state is not State.UNTRANSLATED:
            continue
        text = memory.get((translated_from(entry.msgid, target), target, entry.msgid))
        if text and content_hash(entry.msgctxt, entry.msgid, text) not in rejected_hashes(entry.tcomment):
            yield entry, text


def _fill(po: catalog.Catalog, entry: Entry, text: str, when: datetime) -> history.Event:
    after = po.apply_draft(entry.key, text, origin="memory", provider=PROVIDER, date=when.strftime("%Y-%m-%d"))
    return history.entry_event(
        after, old=State.UNTRANSLATED.value, by=IMPORTED_BY, at=history.stamp(when), text=text, provider=PROVIDER
    )
