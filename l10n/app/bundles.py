"""Bundle catalogs for Weblate: many articles' entries in one PO file, and back.

One catalog per article gives Weblate one component per article (thousands, some
with a slug Weblate takes for a language code). ``export_bundles`` writes, from
the per-article catalogs, one catalog per bundle and language under
``bundles/<source language>/<bundle>/<target language>.po``: the bundle is the
article's section (its first folder) or its month (the first ``YYYY/MM`` of its
path), as ``bundle`` in the configuration says. One folder per source language
and bundle is one Weblate component with one source language; its file mask is
``bundles/ko/news/*.po``.

Each entry is the article entry as it is (translation, flags, translator
comments with their review marks, ``#:`` lines naming the article), with the
article's path as its msgctxt, so entries of different articles never merge
and every entry maps back. ``import_bundles`` takes what Weblate changed back
to the article catalogs, through saving.py, logging each change of state under
the translator's name as a PO editor's save is logged. The per-article
catalogs stay the project's truth: build, review and check read only them.

It writes bundle files (``export_bundles``) and catalogs with their logs
(``import_bundles``), and imports no other use case.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime

from l10n.app import saving
from l10n.app.config import Config
from l10n.app.workspace import Article, catalog_display, catalog_path, find_articles, inside_project
from l10n.errors import L10nError
from l10n.po import catalog, history
from l10n.po.entry import FUZZY, Entry, Key
from l10n.po.unlogged import unlogged_changes

FOLDER = "bundles"
UNDATED = "undated"
_MONTH = re.compile(r"(?:^|/)((?:19|20)\d\d)/(0[1-9]|1[0-2])(?:/|$)")


def bundle_of(article: Article, mode: str) -> str:
    """The bundle an article belongs to: its section, or its month (``2026-11``)."""
    if mode == "month":
        match = _MONTH.search(article.rel)
        return f"{match[1]}-{match[2]}" if match else UNDATED
    section, slash, _ = article.rel.partition("/")
    return section if slash else "front"


def _context(article: Article, entry: Entry) -> str:
    return article.display if entry.msgctxt is None else f"{article.display}|{entry.msgctxt}"


@dataclass(frozen=True)
class _Member:
    article: Article
    display: str  # the article's catalog
    lang: str


def _mode(config: Config) -> str:
    if config.bundle not in ("section", "month"):
        raise L10nError(
            "no bundle mode is set",
            path=config.source,
            hint='set bundle = "section" (one catalog per section) or bundle = "month" in the configuration',
        )
    return config.bundle


def _members(config: Config) -> Iterator[tuple[_Member, catalog.Catalog]]:
    for article in find_articles(config):
        for lang in config.languages:
            if catalog_path(config, article, lang).exists():
                display = catalog_display(config, article, lang)
                yield _Member(article, display, lang), catalog.read_catalog(config.root / display, display)


def _bundle_display(po: catalog.Catalog, member: _Member, mode: str) -> str:
    """``bundles/<source language>/<bundle>/<target language>.po`` for one article's catalog."""
    sources = [code.strip() for code in po.metadata.get("X-Source-Language", "").split(",") if code.strip()]
    return f"{FOLDER}/{sources[0] if sources else 'und'}/{bundle_of(member.article, mode)}/{member.lang}.po"


def export_bundles(config: Config) -> list[str]:
    """Write every bundle catalog (only those whose bytes change); their display paths.

    A bundle with translations not imported yet is not overwritten: that would
    undo Weblate's work. The error says to import first.
    """
    mode = _mode(config)
    pending, _ = _pending(config, mode)
    if pending:
        raise L10nError(
            f"{sum(len(entries) for entries in pending.values())} entries changed in the bundles are not imported yet",
            path=FOLDER,
            hint="run `l10n weblate import` first, then export again",
        )
    bundles: dict[str, catalog.Catalog] = {}
    for member, po in _members(config):
        entries = [dataclasses.replace(e, msgctxt=_context(member.article, e)) for e in po.live()]
        if not entries:
            continue
        display = _bundle_display(po, member, mode)
        if display not in bundles:
            header = {key: po.metadata[key] for key in _HEADER_FIELDS if key in po.metadata}
            header["X-Source-Language"] = display.split("/")[1]
            bundles[display] = catalog.Catalog({"Project-Id-Version": display, **header})
        for entry in entries:
            bundles[display].append(entry)
    for display, po in sorted(bundles.items()):
        path = config.root / display
        inside_project(config, path, display)
        path.parent.mkdir(parents=True, exist_ok=True)
        catalog.save_catalog(po, path)
    return sorted(bundles)


_HEADER_FIELDS = ("Language", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Plural-Forms")


def _pending(config: Config, mode: str) -> tuple[dict[str, dict[Key, Entry]], int]:
    """The bundle entries that differ from their article's entry, per article catalog;
    and how many bundle entries have no article entry any more."""
    pending: dict[str, dict[Key, Entry]] = {}
    bundle_entries: dict[str, dict[Key, Entry]] = {}
    for member, po in _members(config):
        display = _bundle_display(po, member, mode)
        if display not in bundle_entries:
            path = config.root / display
            bundle_entries[display] = {e.key: e for e in catalog.read_catalog(path, display).live()} if path.exists() else {}
        found = bundle_entries[display]
        for entry in po.live():
            theirs = found.pop((_context(member.article, entry), entry.msgid), None)
            if theirs is not None and _fields(theirs) != _fields(entry):
                pending.setdefault(member.display, {})[entry.key] = theirs
    return pending, sum(len(left) for left in bundle_entries.values())


@dataclass(frozen=True)
class BundleImport:
    changed: int  # entries whose translation, flags or comments came back changed
    missing: int  # bundle entries whose article entry is gone (re-extracted since)
    catalogs_written: int


def import_bundles(config: Config, *, translator: str, now: datetime | None = None) -> BundleImport:
    """Take what was changed in the bundle catalogs back to the article catalogs."""
    mode = _mode(config)
    when = now or datetime.now(UTC)
    wanted, missing = _pending(config, mode)
    changed: dict[str, int] = {}

    def change_for(theirs_by_key: dict[Key, Entry]) -> saving.Change:
        def change(fresh: saving.Fresh) -> list[history.Event]:
            # Called again with a fresh read if the file changed before the write.
            # A PO editor's saves since the last logged change are logged first, as theirs.
            unlogged = unlogged_changes(fresh.po, history.Index(history.parse(fresh.log_text)), history.stamp(when))
            events = []
            for key, theirs in theirs_by_key.items():
                ours = fresh.po.get(key)
                if ours is None or _fields(ours) == _fields(theirs):
                    continue
                old = ours.state
                after = fresh.po.update(key, msgstr=theirs.msgstr, flags=theirs.flags, tcomment=theirs.tcomment)
                events.append(
                    history.Event(
                        at=history.stamp(when),
                        by=translator,
                        msgid=after.msgid,
                        msgctxt=after.msgctxt,
                        old=old.value,
                        new=after.state.value,
                        text=after.msgstr or None,
                    )
                )
            changed[fresh.display] = len(events)
            return [*unlogged, *events] if events else []

        return change

    updates = [saving.Update(config.root / display, display, change_for(entries)) for display, entries in sorted(wanted.items())]
    written = saving.update(config, updates, command="l10n weblate import") if updates else set()
    return BundleImport(sum(changed.values()), missing, len(written))


def _fields(entry: Entry) -> tuple[str, bool]:
    """What a Weblate change is: the translation, and whether it needs work.

    Comments come back with them; a change of comments alone does not (it
    would be a catalog write with nothing to log)."""
    return (entry.msgstr, FUZZY in entry.flags)
