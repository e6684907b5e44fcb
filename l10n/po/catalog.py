"""Translation catalogs: read strictly, write as GNU gettext does, merge re-extractions.

``Catalog`` is the one model of a PO file the tool works with: header fields, then
entries (``entry.Entry``, frozen) in file order. It hands entries out and takes
changes back as whole operations (``apply_draft``, ``apply_decision``), so no
caller edits an entry in place. Reading is one pass of the strict lexer
(lexer.py), which refuses broken files with their line and yields the entries;
writing goes through writer.py, so the bytes are those ``msgcat`` would print.
Merging keeps every translation a translator wrote: exact matches keep everything,
edited source text becomes a fuzzy match with the old text shown as ``#| msgid``,
removed text becomes obsolete (``#~``), never dropped.

Must not touch: the project tree (callers name the file), the terminal, or the
rules of entry states (states.py). No printing; problems are raised as L10nError.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

from l10n.errors import L10nError
from l10n.frozen import filler_of, replacer_of
from l10n.model import State
from l10n.po import lexer
from l10n.po.entry import FUZZY, Entry, Key
from l10n.po.states import EntryFacts, Mark, add_mark, content_hash
from l10n.store.fileio import read_file, write_if_changed

if TYPE_CHECKING:
    from l10n.po.review import (
        Decision,  # review.py loads statistics: only for type checks
    )
    from l10n.po.writer import PoEntry

# The writer and difflib load when a catalog is written or merged: build and the
# commands that only read catalogs never need them (the writer is a tenth of build's
# start-up).

FUZZY_CUTOFF = 0.6  # msgmerge's similarity threshold for a fuzzy match


class Catalog:
    """A PO catalog in memory: its header, then its entries in file order.

    Iterating gives every entry but the header, obsolete ones included; ``live()``
    gives those a translator works on. ``header_comment`` holds the translator
    comment lines above the header, ``header_fuzzy`` whether the header is marked
    fuzzy.
    """

    def __init__(
        self,
        metadata: Mapping[str, str] | None = None,
        entries: Iterable[Entry] = (),
        *,
        header_comment: str = "",
        header_fuzzy: bool = False,
    ) -> None:
        self._metadata = dict(metadata or {})
        self._entries = list(entries)
        self._positions: dict[Key, int] | None = None  # key -> index of its live entry
        self.header_comment = header_comment
        self.header_fuzzy = header_fuzzy

    @property
    def metadata(self) -> Mapping[str, str]:
        """The header fields, in their order (read-only: see ``set_header``)."""
        return MappingProxyType(self._metadata)

    def set_header(self, fields: Mapping[str, str]) -> None:
        """Set header fields: an existing field keeps its place, a new one goes last."""
        self._metadata.update(fields)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __getitem__(self, index: int) -> Entry:
        return self._entries[index]

    def live(self) -> Iterator[Entry]:
        """The entries people translate: neither obsolete nor with an empty msgid."""
        return (entry for entry in self._entries if not entry.obsolete and entry.msgid)

    def get(self, key: Key) -> Entry | None:
        """The live entry with this (msgctxt, msgid), if there is one."""
        index = self._index().get(key)
        return None if index is None else self._entries[index]

    def append(self, entry: Entry) -> None:
        self._entries.append(entry)
        self._positions = None

    def update(self, key: Key, **fields: object) -> Entry:
        """Replace the live entry ``key`` with a copy whose ``fields`` are changed.

        KeyError if there is no such entry.
        """
        index = self._index()[key]
        changed = dataclasses.replace(self._entries[index], **fields)  # type: ignore[arg-type]
        self._entries[index] = changed
        if changed.key != key or changed.obsolete:
            self._positions = None
        return changed

    def apply_draft(self, key: Key, text: str, *, origin: str, provider: str | None, date: str) -> Entry:
        """Write a draft into the live entry ``key``: fuzzy, marked with where it came from.

        ``origin`` is "machine" or "memory"; ``date`` is YYYY-MM-DD. The mark is bound
        to the new text, and replaces earlier machine, memory and approval marks.
        """
        entry = self._entries[self._index()[key]]
        mark = Mark(origin, date, content_hash(entry.msgctxt, entry.msgid, text), provider=provider)
        return self.update(
            key,
            msgstr=text,
            flags=entry.flags if entry.fuzzy else (*entry.flags, FUZZY),
            previous_msgid=None,
            previous_msgctxt=None,
            # A rejection mark stays: it is bound to the rejected text, which must
            # never be drafted again, and the reviewer's note stays for the translator.
            tcomment=add_mark(entry.tcomment, mark, replace=("machine", "memory", "reviewed")),
        )

    def apply_decision(self, key: Key, decision: Decision) -> Entry:
        """Write a review decision (review.py) into the live entry ``key``."""
        entry = self._entries[self._index()[key]]
        flags = entry.flags
        if decision.fuzzy and not entry.fuzzy:
            flags = (*flags, FUZZY)
        if not decision.fuzzy and entry.fuzzy:
            index = flags.index(FUZZY)  # the first, as list.remove takes it
            flags = flags[:index] + flags[index + 1 :]
        previous = {"previous_msgid": None, "previous_msgctxt": None} if decision.clear_previous else {}
        return self.update(key, msgstr=decision.msgstr, tcomment=decision.tcomment, flags=flags, **previous)

    def _index(self) -> dict[Key, int]:
        if self._positions is None:
            # The last entry of a key wins, should a catalog made in memory repeat one.
            self._positions = {e.key: i for i, e in enumerate(self._entries) if not e.obsolete}
        return self._positions


@dataclass(frozen=True)
class Message:
    """One entry as extraction produces it, in document order."""

    msgid: str
    msgctxt: str | None
    references: tuple[str, ...]  # ("content/a.md:12", ...)
    comments: tuple[str, ...]  # extracted comments, e.g. ("heading",)


# Messages are made without their frozen __init__ (frozen.filler_of), every field given
# by name: extraction makes one per entry of every catalog.
new_message = filler_of(Message)


@dataclass(frozen=True)
class MergeResult:
    """The merged catalog and what happened to its entries."""

    catalog: Catalog
    added: int  # new messages without any earlier translation
    kept: int  # same text as before (context changes included)
    fuzzy: int  # edited text that got an earlier translation, marked fuzzy
    obsoleted: int  # translated entries whose text is gone, now ``#~``
    revived: int  # obsolete entries whose text came back


def read_catalog(path: Path, display: str) -> Catalog:
    """Load a PO file, checking it strictly; ``display`` names it in errors."""
    return parse_catalog(read_bytes(path, display), display)


def read_bytes(path: Path, display: str) -> bytes:
    """A PO file's bytes, for ``parse_catalog``; L10nError naming it if unreadable."""
    return _read(path, display)


def parse_catalog(data: bytes, display: str) -> Catalog:
    """The catalog in a PO file's bytes, checked strictly; ``display`` names it in errors."""
    parsed = lexer.parse_po(data, display)
    entries = list(parsed.entries)
    header = _header_of(entries)
    if header is None:
        return Catalog({}, entries, header_comment=parsed.header_comment)
    entries.remove(header)
    return Catalog(
        _metadata(header.msgstr),
        entries,
        header_comment=parsed.header_comment,
        header_fuzzy=bool(header.flags),  # any flag at all, as catalogs were always read
    )


def format_catalog(po: Catalog) -> str:
    """The PO text GNU msgcat would print for ``po``: header, live entries, obsolete."""
    # The writer's entry type is handed to the helpers: imported here, once per catalog.
    from l10n.po.writer import PoEntry, format_po

    entries = [_header_entry(po, PoEntry)] if po.metadata or po.header_comment else []
    live = [_to_entry(entry, PoEntry) for entry in po if not entry.obsolete and entry.msgid != ""]
    dead = [_to_entry(entry, PoEntry) for entry in po if entry.obsolete]
    return format_po([*entries, *live, *dead])


def located(po: Catalog, text: str) -> Catalog:
    """``po`` with each live entry's ``line`` where ``text``, its ``format_catalog``
    output, prints it: the catalog as reading ``text`` back would give it, unparsed.

    Entries are blocks separated by one blank line, and no block holds one (every
    line of an entry has a keyword, a quote or a ``#``), so a block starts after each
    blank line; live entries follow the header, in the catalog's order.
    """
    starts = [1]
    line, counted = 1, 0
    blank = text.find("\n\n")
    while blank != -1:
        line += text.count("\n", counted, blank + 2)
        counted = blank + 2
        starts.append(line)
        blank = text.find("\n\n", counted)
    block = 1 if po.metadata or po.header_comment else 0
    entries = []
    for entry in po:
        if not entry.obsolete and entry.msgid:
            entry = _at_line(entry, starts[block])
            block += 1
        entries.append(entry)
    return Catalog(po.metadata, entries, header_comment=po.header_comment, header_fuzzy=po.header_fuzzy)


def new_catalog_text(header: dict[str, str], messages: Sequence[Message]) -> tuple[MergeResult, str]:
    """``merge(None, messages, header)`` with its catalog ``located`` in its
    ``format_catalog`` text, and that text, from one pass over the messages.

    A new catalog is the header, then one live entry per message in their order,
    none obsolete (``merge`` of nothing): each entry is printed as it is made, and
    made on the line its printed block starts on, counted as ``located`` counts
    blocks (one blank line after each). What merge, format and located spend on
    the entries besides (an entry made, copied for its line, and turned into the
    writer's) was a fifth of a cold extract's catalog work. A message with an empty
    msgid (never extracted: such a segment has no language) would read as a second
    header, so such messages take the plain path. So do those with a line break in
    a reference (a file name may hold one): printed as it is, two of them make a
    blank line inside the entry, where ``located`` counts one more block, and the
    lines must be ``located``'s. test_catalog holds the two equal.
    """
    if any(not message.msgid or any("\n" in ref for ref in message.references) for message in messages):
        merged = merge(None, messages, header)
        text = format_catalog(merged.catalog)
        return dataclasses.replace(merged, catalog=located(merged.catalog, text)), text
    from l10n.po.writer import PoEntry, extracted_comment_lines, format_entry, format_untranslated

    po = new_catalog(header)
    # The header entry as _header_entry makes it for a new catalog (no comment, not fuzzy).
    blocks = [format_entry(PoEntry(msgid="", msgstr=_header_msgstr(header)))] if header else []
    line = blocks[0].count("\n") + 2 if blocks else 1  # where the next block starts
    # Extracted comments -> the entry's comment and its printed lines: a catalog has a
    # few (its block kinds, each with the "article:" line), joined and printed once each.
    printed: dict[tuple[str, ...], tuple[str, str]] = {}
    copy, blank = _replaced_entry, _BLANK_ENTRY
    for message in messages:
        known = printed.get(message.comments)
        if known is None:
            joined = "\n".join(message.comments)
            known = printed[message.comments] = (joined, extracted_comment_lines(joined))
        comment, comment_lines = known
        block = format_untranslated(message.msgid, message.msgctxt, comment_lines, message.references)
        blocks.append(block)
        po.append(copy(blank, msgid=message.msgid, msgctxt=message.msgctxt, references=message.references, comment=comment, line=line))
        line += block.count("\n") + 1
    return _merge_result(catalog=po, added=len(messages), kept=0, fuzzy=0, obsoleted=0, revived=0), "\n".join(blocks)


# A new catalog's result is made without its frozen __init__ (frozen.filler_of), every
# field given by name: a cold extract makes one per catalog.
_merge_result = filler_of(MergeResult)


def _at_line(entry: Entry, line: int) -> Entry:
    """``dataclasses.replace(entry, line=line)``, five times faster
    (``frozen.replacer_of``): a cold extract places every entry of every catalog it
    writes, a tenth of its catalog work. The ``state`` and marks the entry may have
    kept go with the copy: ``line`` takes no part in them. (test_catalog checks that
    the two copies equal.)
    """
    return _replaced_entry(entry, line=line)


_replaced_entry = replacer_of(Entry)


def save_catalog(po: Catalog, path: Path) -> bool:
    """Write ``po`` to ``path`` unless the file already holds exactly that text."""
    return write_if_changed(path, format_catalog(po).encode("utf-8"))


def same_content(old: Catalog, new: Catalog) -> bool:
    """Whether two catalogs hold the same header fields and entries, in the order
    ``format_catalog`` writes them, however their files are laid out.

    How strings are wrapped or split, the comment above the header and the order of
    an entry's flags are a PO editor's to choose: re-saving a catalog in Poedit,
    Weblate or with msgcat must not make it differ from what extract would write.
    """
    return dict(old.metadata) == dict(new.metadata) and _comparable(old) == _comparable(new)


def _comparable(po: Catalog) -> list[Entry]:
    live = [entry for entry in po if not entry.obsolete and entry.msgid != ""]
    dead = [entry for entry in po if entry.obsolete]
    return [_sorted_flags(entry) for entry in (*live, *dead)]


def _sorted_flags(entry: Entry) -> Entry:
    """``entry`` with its flags sorted and each once; itself when they already are."""
    flags = tuple(sorted(set(entry.flags)))
    return entry if flags == entry.flags else dataclasses.replace(entry, flags=flags)


def check_not_cut_short(po: Catalog, data: bytes, expected: int, display: str) -> None:
    """Refuse a catalog whose bytes ``data`` stop mid-line (no final newline) while it
    has fewer live entries than the ``expected`` messages of its article: a file cut
    at the end of a line parses cleanly, and would pass for one with less to do.
    (Files cut anywhere else are refused by the reader.)"""
    if data and not data.endswith(b"\n") and sum(1 for _ in po.live()) < expected:
        raise L10nError(
            f"ends mid-entry with fewer entries than its article has segments ({expected})",
            path=display,
            line=data.count(b"\n") + 1,
            hint=lexer.cut_short_hint(display),
        )


def read_translations(path: Path, display: str, *, use_fuzzy: bool = False) -> dict[tuple[str | None, str], str]:
    """A catalog's usable translations: (msgctxt, msgid) -> msgstr, as msgfmt compiles.

    Fuzzy entries (machine drafts, stale translations) are left out unless
    ``use_fuzzy``; obsolete and empty ones always are. The file is checked as
    strictly as ``read_catalog`` checks it, without building entries the build
    has no use for.
    """
    return {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in lexer.read_translations(_read(path, display), display)
        if entry.msgstr and (use_fuzzy or not entry.fuzzy)
    }


def facts(entry: Entry) -> EntryFacts:
    """The fields of an entry that its state is derived from (see states.py)."""
    return entry.facts


def state(entry: Entry) -> State:
    """The entry's state: untranslated, machine, stale, rejected, translated, reviewed."""
    return entry.state


def new_catalog(header: dict[str, str]) -> Catalog:
    """An empty catalog whose header fields are exactly ``header``, in that order."""
    return Catalog(header)


# --- merging --------------------------------------------------------------------------


def merge(existing: Catalog | None, messages: Sequence[Message], header: dict[str, str]) -> MergeResult:
    """Bring ``existing`` up to date with freshly extracted ``messages``.

    Entries come out in the order of ``messages``, then obsolete ones (those already
    obsolete first, then the newly obsoleted, each in their old order). Untranslated
    entries that no longer match anything are dropped: they hold no work to keep.
    """
    if existing is None:
        po = new_catalog(header)
        for message in messages:
            po.append(_new_entry(message))
        return MergeResult(po, added=len(messages), kept=0, fuzzy=0, obsoleted=0, revived=0)
    old = _OldEntries(existing)
    slots, counts = _match_exactly(old, messages)
    counts.update(_match_fuzzily(old, messages, slots))
    po = _merged_header(existing, header)
    for entry in slots:
        assert entry is not None
        po.append(entry)
    for entry in old.dead:
        if id(entry) not in old.used:
            po.append(entry)
    obsoleted = 0
    for entry in old.live:
        if id(entry) not in old.used and entry.translated:
            po.append(_obsolete(entry))
            obsoleted += 1
    return MergeResult(po, obsoleted=obsoleted, **counts)


class _OldEntries:
    """The entries of the catalog being merged into, and which of them are taken."""

    def __init__(self, existing: Catalog) -> None:
        self.live = [e for e in existing if not e.obsolete and e.msgid != ""]
        self.dead = [e for e in existing if e.obsolete]
        self.live_by_key = {e.key: e for e in self.live}
        self.dead_by_key = {e.key: e for e in self.dead}
        self.live_by_msgid: dict[str, list[Entry]] = {}
        for entry in self.live:
            self.live_by_msgid.setdefault(entry.msgid, []).append(entry)
        self.used: set[int] = set()  # id() of old entries already given to a new message

    def take(self, entry: Entry | None) -> Entry | None:
        """``entry``, now taken, unless it is None or was taken already."""
        if entry is None or id(entry) in self.used:
            return None
        self.used.add(id(entry))
        return entry


def _merged_header(existing: Catalog, header: dict[str, str]) -> Catalog:
    # Existing fields keep their place (a PO editor may order them its own way) and
    # ours are updated in place, so saving in Poedit does not make the catalog
    # look out of date to ``extract --check``.
    return Catalog(
        {**existing.metadata, **header},
        header_comment=existing.header_comment,
        header_fuzzy=existing.header_fuzzy,
    )


def _match_exactly(old: _OldEntries, messages: Sequence[Message]) -> tuple[list[Entry | None], dict[str, int]]:
    """One slot per message: the old entry of the same text, refreshed, or None.

    Same key live first, then the same key obsolete (revived), then the same msgid
    in another context (the same text needs the same translation).
    """
    slots: list[Entry | None] = []
    counts = {"kept": 0, "revived": 0}
    wanted = {(message.msgctxt, message.msgid) for message in messages}
    for message in messages:
        key = (message.msgctxt, message.msgid)
        exact = old.live_by_key.get(key)
        if exact is not None and not exact.translated:
            # Two old entries may now be one (a headline once extracted for the title
            # and again, with a msgctxt, for the heading): the one with the
            # translation carries it over, unless a message still needs it as it is.
            translated = [
                e
                for e in old.live_by_msgid.get(message.msgid, [])
                if e.translated and id(e) not in old.used and e.key not in wanted
            ]
            if translated:
                old.take(translated[0])
                slots.append(dataclasses.replace(_refresh(translated[0], message), msgctxt=message.msgctxt))
                counts["kept"] += 1
                continue
        found = old.take(exact)
        if found is not None:
            slots.append(_refresh(found, message))
            counts["kept"] += 1
            continue
        found = old.take(old.dead_by_key.get(key))
        if found is not None:
            slots.append(dataclasses.replace(_refresh(found, message), obsolete=False))
            counts["revived"] += 1
            continue
        same_text = [e for e in old.live_by_msgid.get(message.msgid, []) if id(e) not in old.used]
        found = old.take(same_text[0]) if same_text else None
        if found is not None:
            slots.append(dataclasses.replace(_refresh(found, message), msgctxt=message.msgctxt))
            counts["kept"] += 1
            continue
        slots.append(None)
    return slots, counts


def _match_fuzzily(old: _OldEntries, messages: Sequence[Message], slots: list[Entry | None]) -> dict[str, int]:
    """Fill the empty slots: a fuzzy match with an old translation, else a new entry."""
    unmatched = [number for number, slot in enumerate(slots) if slot is None]
    # Only old entries with a translation carry something over.
    candidates = [e for e in [*old.live, *old.dead] if id(e) not in old.used and e.translated]
    pairs = _best_pairs([messages[i] for i in unmatched], candidates)
    counts = {"added": 0, "fuzzy": 0}
    for slot, number in enumerate(unmatched):
        match = pairs.get(slot)
        if match is None:
            slots[number] = _new_entry(messages[number])
            counts["added"] += 1
            continue
        old.take(match)
        slots[number] = _fuzzy_entry(match, messages[number])
        counts["fuzzy"] += 1
    return counts


def _new_entry(message: Message) -> Entry:
    """``Entry(msgid=..., msgctxt=..., references=..., comment=...)``, six times faster
    without Entry's ``__init__`` (``frozen.filler_of``): a cold extract makes every
    entry of every catalog here, and ``located`` copies each once more. Every other
    field takes its default (msgstr "": never the msgid, empty is what
    "untranslated" means)."""
    return _fill_entry(
        **_NEW_ENTRY_DEFAULTS,
        msgid=message.msgid,
        msgctxt=message.msgctxt,
        references=message.references,
        comment="\n".join(message.comments),
    )


_fill_entry = filler_of(Entry)


# Every field of a new entry but those ``_new_entry`` sets, at its default.
_NEW_ENTRY_DEFAULTS = {
    field.name: field.default for field in dataclasses.fields(Entry) if field.name not in ("msgid", "msgctxt", "references", "comment")
}
# What ``new_catalog_text`` copies each of its entries from, its five fields set
# (frozen.replacer_of): handing five values over by name rather than all fourteen,
# as ``_new_entry`` hands them, takes about 60% of the time. Never asked for its
# state or marks, so that the copies keep none (they work out their own).
_BLANK_ENTRY = _fill_entry(**_NEW_ENTRY_DEFAULTS, msgid="", msgctxt=None, references=(), comment="")


def _refresh(old: Entry, message: Message) -> Entry:
    """The old entry with the new references and extracted comments, all else kept."""
    comment = "\n".join(message.comments)
    if old.references == message.references and old.comment == comment:
        return old  # the usual case: nothing moved
    return dataclasses.replace(old, references=message.references, comment=comment)


def _fuzzy_entry(old: Entry, message: Message) -> Entry:
    # Like msgmerge: keep the text the translation was made for, unless an earlier
    # fuzzy match already recorded it.
    keep_previous = old.fuzzy and old.previous_msgid is not None
    return dataclasses.replace(
        _new_entry(message),
        msgstr=old.msgstr,
        tcomment=old.tcomment,
        flags=(FUZZY, *(f for f in old.flags if f != FUZZY)),
        previous_msgid=old.previous_msgid if keep_previous else old.msgid,
        previous_msgctxt=old.previous_msgctxt if keep_previous else old.msgctxt,
    )


def _obsolete(old: Entry) -> Entry:
    # Where the text was no longer exists; what it was and its translation stay.
    return dataclasses.replace(old, obsolete=True, references=(), comment="")


def _best_pairs(messages: Sequence[Message], candidates: Sequence[Entry]) -> dict[int, Entry]:
    """Pair new messages with old entries by msgid similarity (>= FUZZY_CUTOFF).

    Greedy by best score; ties go to the earlier message, then the earlier old entry,
    so the outcome never depends on dict or set order.
    """
    import difflib

    scored: list[tuple[float, int, int]] = []
    for m_index, message in enumerate(messages):
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(message.msgid)
        for c_index, old in enumerate(candidates):
            matcher.set_seq1(old.msgid)
            if matcher.real_quick_ratio() >= FUZZY_CUTOFF and matcher.quick_ratio() >= FUZZY_CUTOFF:
                ratio = matcher.ratio()
                if ratio >= FUZZY_CUTOFF:
                    scored.append((-ratio, m_index, c_index))
    scored.sort()
    pairs: dict[int, Entry] = {}
    taken: set[int] = set()
    for _, m_index, c_index in scored:
        if m_index in pairs or c_index in taken:
            continue
        pairs[m_index] = candidates[c_index]
        taken.add(c_index)
    return pairs


# --- reading and writing --------------------------------------------------------------


def _read(path: Path, display: str) -> bytes:
    try:
        return read_file(path)
    except OSError as error:
        raise L10nError(f"cannot read: {error.strerror}", path=display) from None


def _header_of(entries: Sequence[Entry]) -> Entry | None:
    """The header entry: the live one with an empty msgid (the one without msgctxt, or
    the last of those, should there be several; else the first)."""
    found = [e for e in entries if not e.obsolete and e.msgid == ""]
    if len(found) > 1:
        plain = [e for e in found if not e.msgctxt]
        return plain[-1] if plain else found[0]
    return found[0] if found else None


def _metadata(text: str) -> dict[str, str]:
    """Header fields from the header's msgstr; a line without a colon continues the
    field before it."""
    fields: dict[str, str] = {}
    key = None
    for line in text.splitlines():
        name, colon, value = line.partition(":")
        if colon:
            key = name
            fields[key] = value.strip()
        elif key is not None:
            fields[key] += "\n" + line.strip()
    return fields


def _header_msgstr(metadata: Mapping[str, str]) -> str:
    """The header entry's msgstr: a ``Key: value`` line for each field, in order."""
    return "".join([f"{key}: {value}\n" for key, value in metadata.items()])


def _header_entry(po: Catalog, po_entry: type[PoEntry]) -> PoEntry:
    return po_entry(
        msgid="",
        msgstr=_header_msgstr(po.metadata),
        tcomments=tuple(po.header_comment.split("\n")) if po.header_comment else (),
        flags=(FUZZY,) if po.header_fuzzy else (),
    )


def _to_entry(entry: Entry, po_entry: type[PoEntry]) -> PoEntry:
    plural = entry.msgid_plural or None
    return po_entry(
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        msgctxt=entry.msgctxt,
        msgid_plural=plural,
        msgstr_plural=entry.msgstr_plural if plural else (),
        tcomments=tuple(entry.tcomment.split("\n")) if entry.tcomment else (),
        comments=tuple(entry.comment.split("\n")) if entry.comment else (),
        references=entry.references,
        flags=entry.flags,
        previous_msgctxt=entry.previous_msgctxt,
        previous_msgid=entry.previous_msgid,
        previous_msgid_plural=entry.previous_msgid_plural,
        obsolete=entry.obsolete,
    )
