"""The review use cases: list, show, approve, reject, edit, log and stats.

Reads catalogs and their history logs, writes both atomically, and refuses to
write a catalog that changed on disk since it was read (a translator saving the
same file in Poedit meanwhile): the error names the file and nothing is written.
Edits made outside the tool (in a PO editor) are noticed here and logged as a
person's translation, keeping the machine provenance of the entry: ``log`` and
``post_edits`` (review stats) list and count them, and write nothing; ``decide``
logs them for good when it writes their catalog.

It writes only catalogs and their history logs (only ``decide`` writes), never
articles or built outputs, and never prints. It imports no other use case: the
``[check]`` rules its advice honours come from check_settings.py.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from fnmatch import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING

from l10n.app import saving
from l10n.app.config import Config
from l10n.app.workspace import catalog_display, catalog_path, entry_id, find_articles
from l10n.errors import L10nError
from l10n.model import State
from l10n.po import catalog, history, review
from l10n.po.states import EntryFacts, machine_origin, parse_marks
from l10n.po.unlogged import PO_EDITOR as PO_EDITOR  # who review log names for unlogged saves
from l10n.po.unlogged import unlogged_changes
from l10n.qa.glossary import Glossary
from l10n.text import locales
from l10n.text.language import detect_language

if TYPE_CHECKING:
    from l10n.app.check_settings import CheckSettings


@dataclass(frozen=True)
class Item:
    """One catalog entry as review sees it."""

    id: str  # short, stable: the same entry keeps its id across runs
    lang: str
    catalog: str  # display path of the catalog
    digest: str  # sha256 of the catalog bytes it was read from; decide() refuses if they changed
    article: str  # display path of the article
    line: int | None  # the article line (from the #: reference)
    kind: str  # the #. comment: the block kind on its first line
    msgctxt: str | None
    msgid: str
    msgstr: str
    state: State
    provider: str | None  # where a machine draft came from
    draft: str | None  # the exact machine output, from the history log
    notes: tuple[str, ...]  # rejection comments and other translator comments
    tcomment: str  # the translator comment as written: its `l10n: ignore` lines silence checks
    previous: str | None = None  # a stale entry's old source (#| msgid)


@dataclass
class _Loaded:
    """A catalog read for review, with the bytes it was read from."""

    display: str
    path: Path
    lang: str
    article: str
    po: catalog.Catalog
    digest: str
    events: list[history.Event]
    log_text: str
    index: history.Index


def _loaded(fresh: saving.Fresh, article: str, lang: str) -> _Loaded:
    """A catalog re-read just before a write, as review works on it."""
    events = history.parse(fresh.log_text)
    return _Loaded(
        fresh.display, fresh.path, lang, article, fresh.po, fresh.digest, events, fresh.log_text, history.Index(events)
    )


def _load(config: Config, display: str, article: str, lang: str) -> _Loaded:
    path = config.root / display
    # The digest is taken before the catalog is read: a save in between makes them
    # disagree, so a decision on what was read fails instead of covering unseen text.
    digest = saving.digest_of(path)
    po = catalog.read_catalog(path, display)
    text = history.read(path)
    events = history.parse(text)
    return _Loaded(display, path, lang, article, po, digest, events, text, history.Index(events))


def _catalogs(config: Config, only: Sequence[str], langs: Sequence[str], article_glob: str | None = None) -> Iterator[_Loaded]:
    targets = [locales.normalise(lang) for lang in langs] or list(config.languages)
    for article in find_articles(config, only):
        if article_glob and not fnmatch(article.display, article_glob):
            continue  # matched on the name, before any of its catalogs is read
        for lang in targets:
            display = catalog_display(config, article, lang)
            if catalog_path(config, article, lang).exists():
                yield _load(config, display, article.display, lang)


def _article_line(entry: catalog.Entry) -> int | None:
    """The article line of the entry's first #: reference, if it names one."""
    if not entry.occurrences:
        return None
    try:
        return int(entry.occurrences[0][1])
    except (TypeError, ValueError):
        return None


def _notes(facts: EntryFacts) -> tuple[str, ...]:
    return tuple(f"rejected by {m.who} on {m.date}: {m.note}" for m in parse_marks(facts.tcomment) if m.kind == "rejected")


def _item(loaded: _Loaded, entry: catalog.Entry, facts: EntryFacts, state: State) -> Item:
    origin = machine_origin(facts)
    draft = loaded.index.last_draft(entry.msgctxt, entry.msgid)
    if draft is None and facts.previous_msgid is not None:
        # A stale entry: its draft was made for the old source.
        draft = loaded.index.last_draft(entry.msgctxt, facts.previous_msgid)
    return Item(
        id=entry_id(loaded.lang, loaded.article, entry.msgctxt, entry.msgid),
        lang=loaded.lang,
        catalog=loaded.display,
        digest=loaded.digest,
        article=loaded.article,
        line=_article_line(entry),
        kind=entry.comment or "",
        msgctxt=entry.msgctxt,
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        state=state,
        provider=(origin.provider if origin else None) or (history.draft_origin(draft) if draft else None),
        # A draft whose log was lost in a crash is still the entry's text.
        draft=draft.text if draft else (entry.msgstr if state is State.MACHINE else None),
        notes=_notes(facts),
        previous=facts.previous_msgid,
        tcomment=entry.tcomment,
    )


def items(
    config: Config,
    *,
    only: Sequence[str] = (),
    langs: Sequence[str] = (),
    states: Sequence[State] = (),
) -> list[Item]:
    """Every live entry of the selected catalogs, in catalog order."""
    found = []
    for loaded in _catalogs(config, only, langs):
        for entry in loaded.po.live():
            facts = entry.facts
            state = entry.state
            if states and state not in states:
                continue  # before the id, notes and draft are built for nothing
            found.append(_item(loaded, entry, facts, state))
    return found


def select(all_items: Sequence[Item], ids: Sequence[str]) -> list[Item]:
    """The items named by ids or unambiguous id prefixes (four characters or more)."""
    chosen: dict[str, Item] = {}
    for wanted in ids:
        wanted = wanted.strip().lower()
        if len(wanted) < 4:
            raise L10nError(
                f"entry id {wanted!r} is too short", hint="give at least four characters of the id `l10n review list` shows"
            )
        matches = [item for item in all_items if item.id.startswith(wanted)]
        if not matches:
            raise L10nError(f"no entry with id {wanted!r}", hint="list ids with: l10n review list")
        if len(matches) > 1:
            raise L10nError(f"entry id {wanted!r} is ambiguous ({len(matches)} entries)", hint="give more characters of the id")
        chosen[matches[0].id] = matches[0]
    return list(chosen.values())


def reviewer_name(config: Config, given: str | None, environ: dict[str, str] | None = None) -> str:
    """--reviewer, else L10N_REVIEWER, else git's user.name."""
    environ = dict(os.environ) if environ is None else environ
    if given is not None:
        # Even an empty --reviewer is the answer: a mistake to report, not a reason
        # to fall back to someone else's name.
        return review.check_reviewer(given)
    name = environ.get("L10N_REVIEWER")
    if not name:
        try:
            name = subprocess.run(
                ["git", "config", "user.name"], cwd=config.root, capture_output=True, text=True, timeout=5
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            name = ""
    return review.check_reviewer(name)


@dataclass(frozen=True)
class DecisionReport:
    changed: tuple[tuple[Item, State], ...]  # item (as it was) and its new state
    unchanged: tuple[Item, ...]  # already in the wanted state
    catalogs_written: int


def decide(
    config: Config,
    chosen: Sequence[Item],
    action: str,
    *,
    reviewer: str,
    comment: str | None = None,
    text: str | None = None,
    now: datetime | None = None,
) -> DecisionReport:
    """Approve, reject or edit the chosen entries; every catalog lands or none does.

    A catalog whose bytes differ from those its items were read from (``Item.digest``)
    is an error: someone saved it meanwhile, and the decision was made on what the
    reviewer saw, not on what is there now.
    """
    when = now or datetime.now(UTC)
    outcomes: dict[str, tuple[list[tuple[Item, State]], list[Item]]] = {}

    def change_for(group: list[Item]) -> saving.Change:
        def change(fresh: saving.Fresh) -> list[history.Event]:
            # Called again with a new read if the file changed before the write.
            loaded = _loaded(fresh, group[0].article, group[0].lang)
            _refuse_if_saved_since(loaded, group)
            changed, unchanged = outcomes[fresh.display] = ([], [])
            events = _external_edits(loaded, history.stamp(when))
            for item in group:
                entry = _find_entry(loaded.po, item)
                event = _decide_entry(loaded.po, entry, action, reviewer, when, comment=comment, text=text)
                if event is None:
                    unchanged.append(item)
                    continue
                events.append(event)
                changed.append((item, State(event.new)))
            # Only a new translation revises the catalog; approvals and rejections
            # are dated in their marks and the log. Bumping the header for them made
            # two reviewers of one article on two branches conflict on that line.
            if changed and action == "edit":
                loaded.po.set_header({"PO-Revision-Date": when.strftime("%Y-%m-%d %H:%M+0000"), "Last-Translator": reviewer})
            return events

        return change

    groups = _by_catalog(chosen)
    updates = [saving.Update(config.root / display, display, change_for(group)) for display, group in groups.items()]
    written = saving.update(config, updates, command=f"l10n review {action}")
    changed = [pair for display in groups for pair in outcomes[display][0]]
    unchanged = [item for display in groups for item in outcomes[display][1]]
    return DecisionReport(tuple(changed), tuple(unchanged), len(written))


def _by_catalog(chosen: Sequence[Item]) -> dict[str, list[Item]]:
    by_catalog: dict[str, list[Item]] = {}
    for item in chosen:
        by_catalog.setdefault(item.catalog, []).append(item)
    return by_catalog


def _refuse_if_saved_since(loaded: _Loaded, group: Sequence[Item]) -> None:
    if any(item.digest != loaded.digest for item in group):
        raise L10nError(
            "changed on disk since it was read (saved in another program?)",
            path=loaded.display,
            hint="nothing was written; run the command again to review the saved version",
        )


def _decide_entry(
    po: catalog.Catalog,
    entry: catalog.Entry,
    action: str,
    reviewer: str,
    when: datetime,
    *,
    comment: str | None,
    text: str | None,
) -> history.Event | None:
    """Apply one decision to ``entry`` of ``po``; the event to log, or None when nothing changed."""
    argument = (comment if action == "reject" else text) or ""
    decision = review.decide(action, entry.facts, reviewer, when.strftime("%Y-%m-%d"), argument)
    after = po.apply_decision(entry.key, decision)
    # The previous msgctxt is no state fact, but approving clears it along with the
    # previous msgid, and that alone is a change the catalog must be written for.
    if after.facts == entry.facts and after.previous_msgctxt == entry.previous_msgctxt:
        return None  # already so: approved or rejected alike today, or the same text again
    note = comment if action == "reject" else None
    return history.entry_event(after, old=decision.old.value, by=reviewer, at=history.stamp(when), text=after.msgstr, note=note)


def _find_entry(po: catalog.Catalog, item: Item) -> catalog.Entry:
    entry = po.get((item.msgctxt, item.msgid))
    if entry is None:
        raise L10nError(
            f"entry {item.id} is no longer in the catalog",
            path=item.catalog,
            hint="the article was re-extracted meanwhile; list the entries again",
        )
    return entry


def _external_edits(loaded: _Loaded, stamp: str) -> list[history.Event]:
    """Events for changes made to the catalog outside the tool since its last logged state."""
    return unlogged_changes(loaded.po, loaded.index, stamp)


def _synced(
    config: Config,
    stamp: str,
    *,
    only: Sequence[str] = (),
    langs: Sequence[str] = (),
    article_glob: str | None = None,
) -> Iterator[_Loaded]:
    """The selected catalogs, each read once, with the changes made outside the tool
    added to their events in memory (dated ``stamp``).

    Nothing is written: log and stats are read-only. The changes are logged for
    good by the next command that writes the catalog (``decide``).
    """
    for loaded in _catalogs(config, only, langs, article_glob):
        events = _external_edits(loaded, stamp)
        if events:
            loaded.events.extend(events)
            loaded.index = history.Index(loaded.events)
        yield loaded


def _stamp(now: datetime | None) -> str:
    return history.stamp(now or datetime.now(UTC))


# --------------------------------------------------------------------------- log and stats


@dataclass(frozen=True)
class LoggedEvent:
    catalog: str
    article: str
    lang: str
    event: history.Event


def log(
    config: Config,
    *,
    only: Sequence[str] = (),
    by: str | None = None,
    article_glob: str | None = None,
    since: str | None = None,
    until: str | None = None,
    now: datetime | None = None,
) -> list[LoggedEvent]:
    """Every logged state change, oldest first, filtered by person, article and date.

    Changes made outside the tool and not logged yet are listed too, dated ``now``.
    """
    found: list[LoggedEvent] = []
    for loaded in _synced(config, _stamp(now), only=only, article_glob=article_glob):
        found.extend(
            LoggedEvent(loaded.display, loaded.article, loaded.lang, event)
            for event in loaded.events
            if _event_wanted(event, by, since, until)
        )
    found.sort(key=lambda e: (e.event.at, e.catalog))
    return found


def _event_wanted(event: history.Event, by: str | None, since: str | None, until: str | None) -> bool:
    if by and by.lower() not in event.by.lower():
        return False
    # Compared on the given date's length: "2026-11" covers the whole month.
    if since and event.at[: len(since)] < since:
        return False
    if until and event.at[: len(until)] > until:
        return False
    return True


def post_edits(
    config: Config, *, only: Sequence[str] = (), langs: Sequence[str] = (), now: datetime | None = None
) -> list[review.PostEdit]:
    """Every machine draft that a person has since finished (translated or reviewed).

    Changes made outside the tool count too, as ``log`` lists them.
    """
    edits: list[review.PostEdit] = []
    for loaded in _synced(config, _stamp(now), only=only, langs=langs):
        edits.extend(_post_edits_in(loaded))
    return edits


def _post_edits_in(loaded: _Loaded) -> Iterator[review.PostEdit]:
    target = locales.base_language(loaded.lang)
    for entry in loaded.po.live():
        if not entry.state.done:
            continue
        draft = loaded.index.last_draft(entry.msgctxt, entry.msgid)
        if draft is None or draft.text is None:
            continue
        yield review.PostEdit(
            provider=history.draft_origin(draft) or "unknown",
            lang=target,
            article=loaded.article,
            draft=draft.text,
            final=entry.msgstr,
            effort=review.effort(draft.text, entry.msgstr, target),
        )


# --------------------------------------------------------------------------- work per person

PERIODS = {"day": 10, "month": 7, "year": 4, "all": 0}  # how much of an event's date names its period


@dataclass(frozen=True)
class WorkRow:
    """What one person did in one period, in one target language: for billing.

    Sizes are counted in the translation's language, as post-edit effort is:
    characters without spaces for Korean, words for English.
    """

    person: str
    period: str  # 2026-11 for a month, "all" for the whole history
    lang: str
    translated: int  # entries the person translated (wrote, post-edited, edited)
    translated_units: int
    reviewed: int  # entries the person approved
    reviewed_units: int
    rejected: int  # entries the person sent back
    unit: str  # characters | words


def work(
    config: Config,
    *,
    period: str = "month",
    since: str | None = None,
    until: str | None = None,
    now: datetime | None = None,
) -> list[WorkRow]:
    """Translations, approvals and rejections per person, period and language, from the logs.

    Every logged change counts, each time it was made; the tool's own drafts do
    not (they are the providers' work, see ``post_edits``). Changes made in a
    PO editor and not logged yet count under "a PO editor", dated ``now``.
    Read-only, as ``log`` is.
    """
    width = PERIODS[period]
    counts: dict[tuple[str, str, str], list[int]] = {}
    for logged in log(config, since=since, until=until, now=now):
        event = logged.event
        column = {State.TRANSLATED.value: 0, State.REVIEWED.value: 2}.get(event.new)
        if event.new == State.REJECTED.value or (event.note is not None and event.old != event.new):
            column = 4
        if column is None or event.by.startswith("l10n "):
            continue  # drafts, by the tool; a stale entry is nobody's work
        lang = locales.base_language(logged.lang)
        row = counts.setdefault((event.by, event.at[:width] if width else "all", lang), [0, 0, 0, 0, 0])
        row[column] += 1
        if column < 4:
            row[column + 1] += len(review.units(event.text or "", lang))
    return [
        WorkRow(person, when, lang, v[0], v[1], v[2], v[3], v[4], unit="characters" if lang == "ko" else "words")
        for (person, when, lang), v in sorted(counts.items())
    ]


def source_language(item: Item) -> str:
    return detect_language(item.msgid) or "?"


@dataclass(frozen=True)
class Advice:
    """What the interactive session shows beside an entry."""

    glossary: str | None  # "glossary: 국방부 = Ministry of National Defense"
    warnings: tuple[str, ...]  # QA findings on the current translation, "id: message"


def advise(item: Item, glossary: Glossary, settings: CheckSettings | None = None) -> Advice:
    """Glossary hints and the QA findings `l10n check` reports for one entry.

    ``settings`` are the project's ``[check]`` rules (``check_settings.check_settings``);
    what they and the entry's own comment switch off is not shown either. No
    structure check against the article: the session has not parsed it.
    """
    from l10n.qa import checks

    source = source_language(item)
    target = locales.base_language(item.lang)
    hint = glossary.hint_comment(item.msgid, source, target) if glossary.terms else None
    ignore = settings.for_lang(item.lang).ignore if settings else frozenset()
    unit, skip = checks.catalog_entry(
        item.msgid, item.msgstr, item.lang, comment=item.kind, tcomment=item.tcomment, ignore=ignore
    )
    findings = checks.run(unit, glossary=glossary, skip=skip)
    return Advice(hint, tuple(f"{f.check}: {f.message}" for f in findings))
