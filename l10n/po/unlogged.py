"""Changes found in a catalog but not in its history log: a PO editor's saves.

A machine draft a translator post-edited in Poedit (and un-fuzzied) is now
'translated', but nothing logged it. ``unlogged_changes`` gives the events that
say so, by a PO editor, with the final text, while the machine mark in the
entry keeps saying where the draft came from. Every command that writes a
catalog logs them first (review's decisions, XLIFF and bundle imports), so
the log tells a PO editor's work from the command's; read-only commands list
and count them without writing.

Pure: a catalog and its log's index in, events out.
"""

from __future__ import annotations

from l10n.model import State
from l10n.po import history
from l10n.po.catalog import Catalog
from l10n.po.entry import Entry
from l10n.po.states import content_hash, parse_marks

PO_EDITOR = "a PO editor"  # who made changes found in a catalog but not in its log

# Who made a change whose mark is in the catalog (the ``by`` translate logs).
_MARKED_BY = {"machine": history.TOOL, "memory": history.MEMORY}


def unlogged_changes(po: Catalog, index: history.Index, stamp: str) -> list[history.Event]:
    """Events (dated ``stamp``) for the entries whose state or finished text differs from their last logged event."""
    found = []
    for entry in po.live():
        last = index.last(entry.msgctxt, entry.msgid)
        now = entry.state
        if last is None:
            # Never logged: unless a mark of the tool's own explains it (its log was
            # lost in a crash between the two renames), nothing to compare with.
            event = _logged_by_mark(entry, State.UNTRANSLATED.value, stamp)
            if event is not None:
                found.append(event)
            continue
        if now.value != last.new or (entry.msgstr and entry.msgstr != last.text and now.done):
            found.append(
                _logged_by_mark(entry, last.new, stamp)
                or history.entry_event(entry, old=last.new, by=PO_EDITOR, at=stamp, text=entry.msgstr or None)
            )
    return found


def _logged_by_mark(entry: Entry, old: str, stamp: str) -> history.Event | None:
    """The event the tool logged, or would have, for a state its own mark explains.

    The catalog is renamed into place before its log: a crash in between leaves a
    draft or a decision in the catalog, marked and bound to the exact text, with
    no event. The mark says who made it, so it is not a PO editor's change.
    """
    state = entry.state
    wanted = {State.MACHINE: ("machine", "memory"), State.REVIEWED: ("reviewed",), State.REJECTED: ("rejected",)}
    current = content_hash(entry.msgctxt, entry.msgid, entry.msgstr)
    marks = [m for m in parse_marks(entry.tcomment) if m.hash == current and m.kind in wanted.get(state, ())]
    if not marks:
        return None
    mark = marks[-1]
    by = mark.who or _MARKED_BY[mark.kind]
    return history.entry_event(entry, old=old, by=by, at=stamp, text=entry.msgstr, provider=mark.provider, note=mark.note)
