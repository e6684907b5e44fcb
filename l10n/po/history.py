"""Who changed which entry's state, when, and with what text: one log per catalog.

``locales/<lang>/<article>.history.jsonl`` sits beside its catalog, one JSON object
per line, oldest first. One file per catalog means translators working on
different articles on different branches never touch the same file, and
``init`` marks these files ``merge=union`` in .gitattributes so that two
branches appending to the same log merge without a conflict too.

A machine event keeps the provider's exact output, so review can always compare
the final translation with the draft it started from, however the PO file was
edited since.

Mostly pure data and the line format. ``read`` and ``stage`` are the one way every
writer of a log reads it and appends to it; the atomic write itself is
``fileio.Staging``'s.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path

from l10n.model import State
from l10n.po import HISTORY_SUFFIX
from l10n.po.entry import Entry
from l10n.store.fileio import Staging

STAMP = "%Y-%m-%dT%H:%M:%SZ"  # Event.at: UTC to the second, so logs sort as text


def path_for(catalog: Path) -> Path:
    """The log beside a catalog: ``x.md.po`` -> ``x.md.history.jsonl``."""
    return catalog.with_name(catalog.name.removesuffix(".po") + HISTORY_SUFFIX)


@dataclass(frozen=True)
class Event:
    """One change of an entry's state."""

    at: str  # ISO 8601 UTC, seconds
    by: str  # a person, or "l10n translate" for the tool
    msgid: str
    old: str  # state before (model.State value)
    new: str  # state after
    msgctxt: str | None = None
    provider: str | None = None  # for machine drafts
    text: str | None = None  # the translation after the change (the draft itself for machine)
    note: str | None = None  # a reviewer's comment, a failure reason

    def to_line(self) -> str:
        # Its fields are strings or None: asdict's deep copy of each is not needed.
        data = {name: value for name in _EVENT_FIELDS if (value := getattr(self, name)) is not None}
        return _encode_line(data)


_EVENT_FIELDS = tuple(f.name for f in fields(Event))
# What json.dumps(data, ensure_ascii=False, sort_keys=True) would write, from one
# encoder made once: dumps makes a new one for each call that passes options, and a
# run that drafts 2,000 entries logs 2,000 events.
_encode_line = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def entry_event(
    entry: Entry, *, old: str, by: str, at: str, text: str | None, provider: str | None = None, note: str | None = None
) -> Event:
    """The event for a change that left ``entry`` as it is now (its key and state)."""
    return Event(
        at=at, by=by, msgid=entry.msgid, msgctxt=entry.msgctxt, old=old, new=entry.state.value,
        provider=provider, text=text, note=note,
    )


# Who logs a draft: the machine translation run, and the translation memory within it.
TOOL = "l10n translate"
MEMORY = "l10n translate (memory)"


def draft_origin(event: Event) -> str | None:
    """Where a draft came from: its provider, "memory" for the translation memory
    (logged without a provider), or None when the log does not say."""
    if event.provider:
        return event.provider
    return "memory" if event.by == MEMORY else None


def stamp(when: datetime) -> str:
    """``when`` (a UTC time) as an event's ``at``."""
    return when.strftime(STAMP)


def parse(text: str) -> list[Event]:
    """The events of a log; a line that is not a complete event is skipped.

    A crash while appending can leave a partial last line; everything before it
    is still good, so it is not an error.
    """
    events = []
    for line in text.splitlines():
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            events.append(Event(**data))
        except (ValueError, TypeError):
            continue
    return events


def append(existing: str, events: Iterable[Event]) -> str:
    """The log text with ``events`` added at the end."""
    lines = [event.to_line() for event in events]
    if not lines:
        return existing
    if existing and not existing.endswith("\n"):
        existing += "\n"
    return existing + "\n".join(lines) + "\n"


def read(catalog: Path) -> str:
    """The text of the log beside ``catalog``; "" while it has none."""
    log = path_for(catalog)
    return log.read_text(encoding="utf-8") if log.exists() else ""


def stage(staging: Staging, catalog: Path, existing: str, events: Iterable[Event]) -> None:
    """Stage the log beside ``catalog``: ``existing`` (its text as read) plus ``events``."""
    staging.stage(path_for(catalog), append(existing, events).encode("utf-8"))


class Index:
    """The newest event, and the newest machine draft, of each entry of one log.

    Built once per catalog, so looking up every entry costs one pass over the log
    instead of one pass per entry.
    """

    def __init__(self, events: Iterable[Event]) -> None:
        self._last: dict[tuple[str | None, str], Event] = {}
        self._draft: dict[tuple[str | None, str], Event] = {}
        for event in events:  # oldest first: later events overwrite earlier ones
            key = (event.msgctxt, event.msgid)
            self._last[key] = event
            if event.new == State.MACHINE.value and event.text is not None:
                self._draft[key] = event

    def last(self, msgctxt: str | None, msgid: str) -> Event | None:
        return self._last.get((msgctxt, msgid))

    def last_draft(self, msgctxt: str | None, msgid: str) -> Event | None:
        """The newest machine event (its exact draft text), if any."""
        return self._draft.get((msgctxt, msgid))
