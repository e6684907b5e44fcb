"""The review use cases: list, show, approve, reject, edit, log and stats.

Reads catalogs and their history logs, writes both atomically, and refuses to
write a catalog that changed on disk since it was read (a translator saving the
same file in Poedit meanwhile): the error names the file and nothing is written.
Edits made outside the tool (in a PO editor) are noticed here and logged as a
person's translation, keeping the machine provenance of the entry.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from . import catalog, history, locales, review
from .config import Config
from .errors import L10nError
from .fileio import Staging
from .language import detect_language
from .model import State
from .mt.glossary import Glossary
from .project import catalog_display, find_articles
from .states import machine_origin, parse_marks

PO_EDITOR = "a PO editor"  # who made changes found in a catalog but not in its log


@dataclass(frozen=True)
class Item:
    """One catalog entry as review sees it."""

    id: str  # short, stable: the same entry keeps its id across runs
    lang: str
    catalog: str  # display path of the catalog
    article: str  # display path of the article
    line: int | None  # the article line (from the #: reference)
    kind: str  # block kind (#. comment)
    msgctxt: str | None
    msgid: str
    msgstr: str
    state: State
    provider: str | None  # where a machine draft came from
    draft: str | None  # the exact machine output, from the history log
    notes: tuple[str, ...]  # rejection comments and other translator comments


def entry_id(lang: str, article: str, msgctxt: str | None, msgid: str) -> str:
    key = f"{lang}\x00{article}\x00{msgctxt or ''}\x04{msgid}".encode()
    return hashlib.sha1(key).hexdigest()[:8]


@dataclass
class _Loaded:
    """A catalog read for review, with the bytes it was read from."""

    display: str
    path: Path
    lang: str
    article: str
    po: Any
    digest: str
    events: list[history.Event]
    log_text: str
    index: history.Index


def _digest_of(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return ""


def _load(config: Config, display: str, article: str, lang: str) -> _Loaded:
    path = config.root / display
    digest = _digest_of(path)
    po = catalog.read_catalog(path, display)
    log = history.path_for(path)
    text = log.read_text(encoding="utf-8") if log.exists() else ""
    events = history.parse(text)
    return _Loaded(display, path, lang, article, po, digest, events, text, history.Index(events))


def _catalogs(config: Config, only: Sequence[str], langs: Sequence[str]) -> Iterator[_Loaded]:
    targets = [locales.normalise(lang) for lang in langs] or list(config.languages)
    for article in find_articles(config, only):
        for lang in targets:
            display = catalog_display(config, article, lang)
            if (config.root / display).exists():
                yield _load(config, display, article.display, lang)


def _item(loaded: _Loaded, entry: Any) -> Item:
    facts = catalog.facts(entry)
    origin = machine_origin(facts)
    draft = loaded.index.last_draft(entry.msgctxt, entry.msgid)
    line = None
    if entry.occurrences:
        try:
            line = int(entry.occurrences[0][1])
        except (TypeError, ValueError):
            line = None
    notes = tuple(
        f"rejected by {m.who} on {m.date}: {m.note}" for m in parse_marks(entry.tcomment or "") if m.kind == "rejected"
    )
    return Item(
        id=entry_id(loaded.lang, loaded.article, entry.msgctxt, entry.msgid),
        lang=loaded.lang,
        catalog=loaded.display,
        article=loaded.article,
        line=line,
        kind=entry.comment or "",
        msgctxt=entry.msgctxt,
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        state=catalog.state(entry),
        provider=origin.provider if origin else (draft.provider if draft else None),
        draft=draft.text if draft else None,
        notes=notes,
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
        for entry in loaded.po:
            if entry.obsolete or not entry.msgid:
                continue
            item = _item(loaded, entry)
            if states and item.state not in states:
                continue
            found.append(item)
    return found


def select(all_items: Sequence[Item], ids: Sequence[str]) -> list[Item]:
    """The items named by ids or unambiguous id prefixes (four characters or more)."""
    chosen: dict[str, Item] = {}
    for wanted in ids:
        wanted = wanted.strip().lower()
        if len(wanted) < 4:
            raise L10nError(f"entry id {wanted!r} is too short", hint="give at least four characters of the id `l10n review list` shows")
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
    expected_digests: dict[str, str] | None = None,
) -> DecisionReport:
    """Approve, reject or edit the chosen entries; every catalog lands or none does.

    ``expected_digests`` (catalog display -> sha256 of the bytes the caller read)
    makes a catalog that changed on disk since then an error.
    """
    when = now or datetime.now(timezone.utc)
    date = when.strftime("%Y-%m-%d")
    stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    by_catalog: dict[str, list[Item]] = {}
    for item in chosen:
        by_catalog.setdefault(item.catalog, []).append(item)
    changed: list[tuple[Item, State]] = []
    unchanged: list[Item] = []
    written = 0
    with Staging() as staging:
        for display, group in by_catalog.items():
            loaded = _load(config, display, group[0].article, group[0].lang)
            if expected_digests and display in expected_digests and expected_digests[display] != loaded.digest:
                raise L10nError(
                    "changed on disk since it was read (saved in another program?)",
                    path=display,
                    hint="nothing was written; run the command again to review the saved version",
                )
            events = _external_edits(loaded, stamp)
            touched = False
            for item in group:
                entry = _find_entry(loaded.po, item)
                facts = catalog.facts(entry)
                if action == "approve":
                    decision = review.approve(facts, reviewer, date)
                elif action == "reject":
                    decision = review.reject(facts, reviewer, date, comment or "")
                elif action == "edit":
                    decision = review.edit(facts, text or "")
                else:
                    raise ValueError(action)
                if decision.old is decision.new and decision.msgstr == entry.msgstr and decision.tcomment == (entry.tcomment or ""):
                    unchanged.append(item)
                    continue
                _apply(entry, decision)
                events.append(
                    history.Event(
                        at=stamp,
                        by=reviewer,
                        msgid=entry.msgid,
                        msgctxt=entry.msgctxt,
                        old=decision.old.value,
                        new=catalog.state(entry).value,
                        text=entry.msgstr,
                        note=comment if action == "reject" else None,
                    )
                )
                changed.append((item, catalog.state(entry)))
                touched = True
            if touched or events:
                # Only a new translation revises the catalog; approvals and rejections
                # are dated in their marks and the log. Bumping the header for them made
                # two reviewers of one article on two branches conflict on that line.
                if touched and action == "edit":
                    loaded.po.metadata["PO-Revision-Date"] = when.strftime("%Y-%m-%d %H:%M+0000")
                    loaded.po.metadata["Last-Translator"] = reviewer
                staging.stage(loaded.path, catalog.format_catalog(loaded.po).encode("utf-8"))
                staging.stage(history.path_for(loaded.path), history.append(loaded.log_text, events).encode("utf-8"))
                written += 1
    return DecisionReport(tuple(changed), tuple(unchanged), written)


def _find_entry(po: Any, item: Item) -> Any:
    for entry in po:
        if not entry.obsolete and entry.msgid == item.msgid and entry.msgctxt == item.msgctxt:
            return entry
    raise L10nError(
        f"entry {item.id} is no longer in the catalog",
        path=item.catalog,
        hint="the article was re-extracted meanwhile; list the entries again",
    )


def _apply(entry: Any, decision: review.Decision) -> None:
    entry.msgstr = decision.msgstr
    entry.tcomment = decision.tcomment
    if decision.fuzzy and "fuzzy" not in entry.flags:
        entry.flags.append("fuzzy")
    if not decision.fuzzy and "fuzzy" in entry.flags:
        entry.flags.remove("fuzzy")
    if decision.clear_previous:
        entry.previous_msgid = None
        entry.previous_msgctxt = None


def _external_edits(loaded: _Loaded, stamp: str) -> list[history.Event]:
    """Events for changes made to the catalog outside the tool since its last logged state.

    A machine draft a translator post-edited in Poedit (and un-fuzzied) is now
    'translated'; the log says so, by a PO editor, with the final text, while the
    machine mark in the entry keeps saying where the draft came from.
    """
    found = []
    for entry in loaded.po:
        if entry.obsolete or not entry.msgid:
            continue
        last = loaded.index.last(entry.msgctxt, entry.msgid)
        if last is None:
            continue  # never touched by the tool: nothing to compare with
        now = catalog.state(entry)
        if now.value != last.new or (entry.msgstr and entry.msgstr != last.text and now.done):
            found.append(
                history.Event(
                    at=stamp,
                    by=PO_EDITOR,
                    msgid=entry.msgid,
                    msgctxt=entry.msgctxt,
                    old=last.new,
                    new=now.value,
                    text=entry.msgstr or None,
                )
            )
    return found


def sync(config: Config, *, now: datetime | None = None) -> int:
    """Log every change made outside the tool; returns how many entries changed."""
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y-%m-%dT%H:%M:%SZ")
    count = 0
    with Staging() as staging:
        for loaded in _catalogs(config, (), ()):
            events = _external_edits(loaded, stamp)
            if events:
                staging.stage(history.path_for(loaded.path), history.append(loaded.log_text, events).encode("utf-8"))
                count += len(events)
    return count


def digests(config: Config, chosen: Iterable[Item]) -> dict[str, str]:
    """sha256 of each catalog the items live in, to detect changes before writing."""
    return {item.catalog: _digest_of(config.root / item.catalog) for item in chosen}


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
) -> list[LoggedEvent]:
    """Every logged state change, oldest first, filtered by person, article and date."""
    found = []
    for loaded in _catalogs(config, only, ()):
        if article_glob and not fnmatch(loaded.article, article_glob):
            continue
        for event in loaded.events:
            if by and by.lower() not in event.by.lower():
                continue
            if since and event.at[: len(since)] < since:
                continue
            if until and event.at[: len(until)] > until:
                continue
            found.append(LoggedEvent(loaded.display, loaded.article, loaded.lang, event))
    found.sort(key=lambda e: (e.event.at, e.catalog))
    return found


def post_edits(config: Config, *, only: Sequence[str] = (), langs: Sequence[str] = ()) -> list[review.PostEdit]:
    """Every machine draft that a person has since finished (translated or reviewed)."""
    edits = []
    for loaded in _catalogs(config, only, langs):
        target = locales.base_language(loaded.lang)
        for entry in loaded.po:
            if entry.obsolete or not entry.msgid:
                continue
            state = catalog.state(entry)
            if not state.done:
                continue
            draft = loaded.index.last_draft(entry.msgctxt, entry.msgid)
            if draft is None or draft.text is None:
                continue
            edits.append(
                review.PostEdit(
                    provider=draft.provider or "unknown",
                    lang=target,
                    article=loaded.article,
                    draft=draft.text,
                    final=entry.msgstr,
                    effort=review.effort(draft.text, entry.msgstr, target),
                )
            )
    return edits


def source_language(item: Item) -> str:
    return detect_language(item.msgid) or "?"


@dataclass(frozen=True)
class Advice:
    """What the interactive session shows beside an entry."""

    glossary: str | None  # "glossary: 국방부 = Ministry of National Defense"
    warnings: tuple[str, ...]  # QA findings on the current translation, "id: message"


def advise(item: Item, glossary: Glossary) -> Advice:
    """Glossary hints and QA findings for one entry (no structure check: no article here)."""
    from . import checks

    source = source_language(item)
    target = locales.base_language(item.lang)
    hint = glossary.hint_comment(item.msgid, source, target) if glossary.terms else None
    findings = checks.run(
        checks.Entry(source=item.msgid, target=item.msgstr, source_lang=source, target_lang=target, kind=item.kind),
        glossary=glossary,
    )
    return Advice(hint, tuple(f"{f.check}: {f.message}" for f in findings))

