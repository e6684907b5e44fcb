"""An entry's state and provenance, read from the PO entry itself.

The facts live where every PO editor and GNU tool keeps them: the ``fuzzy`` flag,
the previous msgid (``#|``) and translator comments. Poedit and msgmerge drop
unknown ``#,`` flags but keep translator comments, so the tool's own marks are
translator comment lines starting with ``l10n:``::

    # l10n: machine google 2026-11-28 h:1a2b3c4d
    # l10n: memory 2026-11-28 h:1a2b3c4d
    # l10n: reviewed 2026-11-28 h:1a2b3c4d by Kim Min-ji
    # l10n: rejected 2026-11-28 h:1a2b3c4d by Kim Min-ji: the figure is wrong

Each mark is bound to the exact text it speaks of by ``h:``, a short hash of
msgctxt, msgid and msgstr. Change the source or the translation and the mark no
longer matches: an approval goes stale instead of silently covering new text, and
an edited machine draft counts as a person's translation. Fuzzy always wins: a
fuzzy entry is never translated or reviewed.

Pure functions; no polib, no files.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from l10n.frozen import filler_of
from l10n.model import State

MARK = "l10n:"
_MARK_LINE = re.compile(
    r"^l10n: (?P<kind>machine|memory|reviewed|rejected)"
    r"(?: (?P<provider>(?!\d{4}-)[\w.+-]+))?"
    r" (?P<date>\d{4}-\d{2}-\d{2})"
    r" h:(?P<hash>[0-9a-f]{8})"
    r"(?: by (?P<who>[^:]+))?"
    r"(?:: (?P<note>.*))?$"
)
# The name runs to the first colon or the end, taken whole: the engine takes the
# run in one step where a lazy ``[^:]+?`` tried the rest of the pattern after each
# character (half the time of reading a mark). The same match on the lines _scan
# hands it, which hold no line feed: there ``$`` is only the end and ``.`` any
# character, so the rest can only match at that colon (when ": " starts there) or
# at the end, the one place either form's name can stop (tests/test_states.py).


def content_hash(msgctxt: str | None, msgid: str, msgstr: str) -> str:
    """Eight hex digits that change whenever context, source or translation do."""
    key = f"{msgctxt or ''}\x04{msgid}\x00{msgstr}".encode()
    return hashlib.sha256(key).hexdigest()[:8]


@dataclass(frozen=True)
class Mark:
    """One ``l10n:`` comment line, parsed."""

    kind: str  # machine | memory | reviewed | rejected
    date: str
    hash: str
    provider: str | None = None
    who: str | None = None
    note: str | None = None

    def render(self) -> str:
        parts = [MARK, self.kind]
        if self.provider:
            parts.append(self.provider)
        parts += [self.date, f"h:{self.hash}"]
        line = " ".join(parts)
        if self.who:
            line += f" by {self.who}"
        if self.note:
            line += f": {' '.join(self.note.split())}"
        return line


_MARK_HEAD = re.compile(r"^l10n: (?:machine|memory|reviewed|rejected) ")


def _scan(tcomment: str) -> list[tuple[re.Match[str] | None, list[str]]]:
    """Translator comment lines grouped as (mark match or None, the raw lines).

    polib wraps long comment lines when it saves, which can push a mark's hash onto
    the next line; such a cut mark is joined back (up to three lines).
    """
    lines = tcomment.splitlines()
    groups: list[tuple[re.Match[str] | None, list[str]]] = []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        match = _MARK_LINE.match(line)
        end = i + 1
        if match is None and _MARK_HEAD.match(line):
            joined = line
            for j in range(i + 1, min(i + 4, len(lines))):
                joined = f"{joined} {lines[j].strip()}"
                match = _MARK_LINE.match(joined)
                if match:
                    end = j + 1
                    break
        groups.append((match, lines[i:end]))
        i = end
    return groups


def parse_marks(tcomment: str) -> list[Mark]:
    """The ``l10n:`` marks among an entry's translator comment lines."""
    lines = tcomment.splitlines()
    if len(lines) == 1:  # most comments: one mark, with no line after it to join (_scan)
        match = _MARK_LINE.match(lines[0].strip())
        return [_mark_of(match)] if match else []
    return [_mark_of(match) for match, _ in _scan(tcomment) if match]


def dated_marks(tcomment: str) -> list[tuple[str, str, str | None]]:
    """The kind, date and reviewer (None without one) of each mark ``parse_marks``
    reads, in order, without making the marks.

    For a caller that reads only these three of an entry's marks, and not its state:
    who worked on a catalog and when (a verdict's activity, for every entry it judges).
    Making each Mark took twice as long as matching its line.
    """
    if MARK not in tcomment:
        return []  # every mark line holds it (_MARK_LINE)
    lines = tcomment.splitlines()
    found: list[Any]  # the groups' values: strings, but for "who", which may be None
    if len(lines) == 1:  # as parse_marks reads it
        match = _MARK_LINE.match(lines[0].strip())
        found = [match.group("kind", "date", "who")] if match else []
    else:
        found = [match.group("kind", "date", "who") for match, _ in _scan(tcomment) if match]
    return found


_MARK_FIELDS = ("kind", "date", "hash", "provider", "who", "note")  # Mark's fields, in order


_fill_mark = filler_of(Mark)


def _mark_of(match: re.Match[str]) -> Mark:
    """``Mark(**match.groupdict())`` without Mark's ``__init__`` (``frozen.filler_of``),
    in a fifth of the time: a verdict reads the marks of every entry it judges.

    _MARK_FIELDS are Mark's fields and _MARK_LINE's named groups, and the names below
    are the same, in the same order (tests/test_states.py holds all four the same).
    Given by name, not zipped with _MARK_FIELDS: a third less time again.
    """
    kind, date, hash_, provider, who, note = match.group(*_MARK_FIELDS)
    return _fill_mark(kind=kind, date=date, hash=hash_, provider=provider, who=who, note=note)


def strip_marks(tcomment: str, kinds: Iterable[str]) -> str:
    """The translator comment without the marks of the given kinds."""
    kinds = set(kinds)
    kept = []
    for match, lines in _scan(tcomment):
        if match and match["kind"] in kinds:
            continue
        kept.extend(lines)
    return "\n".join(kept)


def add_mark(tcomment: str, mark: Mark, *, replace: Iterable[str] = ()) -> str:
    """The translator comment with ``mark`` added last, dropping marks of ``replace`` kinds."""
    base = strip_marks(tcomment, replace) if replace else tcomment
    return f"{base}\n{mark.render()}" if base else mark.render()


def rejected_hashes(tcomment: str) -> frozenset[str]:
    """The hashes of every text a reviewer rejected for this entry (``content_hash``).

    A rejected text is never drafted again: translate compares each candidate's
    hash with these before it writes.
    """
    return frozenset(mark.hash for mark in parse_marks(tcomment) if mark.kind == "rejected")


def rejected_by_reviewer(msgctxt: str | None, msgid: str, msgstr: str, tcomment: str) -> bool:
    """Whether a reviewer rejected this very translation (not a translator marking it
    "needs work" by hand: both leave the entry fuzzy, state REJECTED)."""
    return content_hash(msgctxt, msgid, msgstr) in rejected_hashes(tcomment)


@dataclass(frozen=True)
class EntryFacts:
    """What the state is derived from: the fields of a PO entry."""

    msgctxt: str | None
    msgid: str
    msgstr: str
    fuzzy: bool
    previous_msgid: str | None
    tcomment: str


class Facts(Protocol):
    """Whatever holds an entry's facts under EntryFacts' names: EntryFacts itself, or
    a catalog entry (entry.py), which asks for its state without copying them out."""

    @property
    def msgctxt(self) -> str | None: ...
    @property
    def msgid(self) -> str: ...
    @property
    def msgstr(self) -> str: ...
    @property
    def fuzzy(self) -> bool: ...
    @property
    def previous_msgid(self) -> str | None: ...
    @property
    def tcomment(self) -> str: ...


def marks_of(tcomment: str) -> tuple[Mark, ...]:
    """``parse_marks(tcomment)`` as a tuple, without the scan when no line holds a mark."""
    return tuple(parse_marks(tcomment)) if MARK in tcomment else ()


def state_of(facts: Facts, marks: Sequence[Mark] | None = None) -> State:
    """The entry's state; see the module docstring for the rules.

    ``marks`` are ``parse_marks(facts.tcomment)`` when the caller has them already
    (a catalog entry keeps its own), so that they are not parsed again.
    """
    if not facts.msgstr:
        return State.UNTRANSLATED
    fuzzy = facts.fuzzy
    if fuzzy and facts.previous_msgid is not None:
        return State.STALE  # whatever its marks say
    if MARK not in facts.tcomment:
        # No mark at all (a translation made by hand): nothing to hash.
        return State.REJECTED if fuzzy else State.TRANSLATED
    if marks is None:
        marks = parse_marks(facts.tcomment)
    if not fuzzy:
        # Only a reviewed mark that matches the text changes a translation's state:
        # the text is hashed only when there is one to match (a post-edited machine
        # draft keeps its machine mark, which says nothing of its state).
        reviewed = [mark.hash for mark in marks if mark.kind == "reviewed"]
        if reviewed and content_hash(facts.msgctxt, facts.msgid, facts.msgstr) in reviewed:
            return State.REVIEWED
        return State.TRANSLATED
    current = content_hash(facts.msgctxt, facts.msgid, facts.msgstr)
    kinds = {mark.kind for mark in marks if mark.hash == current}
    if "rejected" not in kinds and not kinds.isdisjoint(_DRAFT_KINDS):
        return State.MACHINE
    return State.REJECTED  # rejected by a reviewer, or fuzzy by hand ("needs work" in Poedit)


_DRAFT_KINDS = frozenset({"machine", "memory"})


def machine_origin(facts: EntryFacts) -> Mark | None:
    """The newest machine or memory mark, matching or not: where the text came from."""
    origins = [m for m in parse_marks(facts.tcomment) if m.kind in ("machine", "memory")]
    return origins[-1] if origins else None
