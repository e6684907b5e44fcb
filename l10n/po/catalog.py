"""Translation catalogs: read strictly, write as GNU gettext does, merge re-extractions.

The only module that imports polib. Reading validates every line first
(``lexer.check_po``) because polib accepts some broken files and silently drops what
it cannot parse; writing goes through ``writer.format_po`` so the bytes are those
``msgcat`` would print. Merging keeps every translation a translator wrote: exact
matches keep everything, edited source text becomes a fuzzy match with the old text
shown as ``#| msgid``, removed text becomes obsolete (``#~``), never dropped.

No printing; problems are raised as L10nError.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import polib

from l10n.errors import L10nError
from l10n.model import State
from l10n.po import lexer
from l10n.po.lexer import check_po
from l10n.po.states import EntryFacts, state_of
from l10n.po.writer import PoEntry, format_po
from l10n.store.fileio import write_if_changed

FUZZY_CUTOFF = 0.6  # msgmerge's similarity threshold for a fuzzy match
FUZZY = "fuzzy"


@dataclass(frozen=True)
class Message:
    """One entry as extraction produces it, in document order."""

    msgid: str
    msgctxt: str | None
    references: tuple[str, ...]  # ("content/a.md:12", ...)
    comments: tuple[str, ...]  # extracted comments, e.g. ("heading",)


@dataclass(frozen=True)
class MergeResult:
    """The merged catalog and what happened to its entries."""

    catalog: polib.POFile
    added: int  # new messages without any earlier translation
    kept: int  # same text as before (context changes included)
    fuzzy: int  # edited text that got an earlier translation, marked fuzzy
    obsoleted: int  # translated entries whose text is gone, now ``#~``
    revived: int  # obsolete entries whose text came back


def read_catalog(path: Path, display: str) -> polib.POFile:
    """Load a PO file after checking it strictly; ``display`` names it in errors."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise L10nError(f"cannot read: {error.strerror}", path=display) from None
    check_po(data, display)
    try:
        # polib gets the path, never the text: its string parser loses text around
        # U+2028 when handed a string.
        return polib.pofile(str(path), encoding="utf-8", wrapwidth=79)
    except (OSError, ValueError) as error:
        raise L10nError(
            f"cannot parse: {error}", path=display, hint="check the file with: msgfmt --check"
        ) from None


def format_catalog(po: polib.POFile) -> str:
    """The PO text GNU msgcat would print for ``po``: header, live entries, obsolete."""
    entries = [_header_entry(po)] if po.metadata or po.header else []
    live = [_to_entry(entry) for entry in po if not entry.obsolete and entry.msgid != ""]
    dead = [_to_entry(entry) for entry in po if entry.obsolete]
    return format_po([*entries, *live, *dead])


def save_catalog(po: polib.POFile, path: Path) -> bool:
    """Write ``po`` to ``path`` unless the file already holds exactly that text."""
    return write_if_changed(path, format_catalog(po).encode("utf-8"))


def read_translations(path: Path, display: str, *, use_fuzzy: bool = False) -> dict[tuple[str | None, str], str]:
    """A catalog's usable translations: (msgctxt, msgid) -> msgstr, as msgfmt compiles.

    Fuzzy entries (machine drafts, stale translations) are left out unless
    ``use_fuzzy``; obsolete and empty ones always are. The file is checked as
    strictly as ``read_catalog`` checks it; the strict reader already holds every
    string, so polib's slower parse is skipped on this read-only path.
    """
    try:
        data = path.read_bytes()
    except OSError as error:
        raise L10nError(f"cannot read: {error.strerror}", path=display) from None
    return {
        (entry.msgctxt, entry.msgid): entry.msgstr
        for entry in lexer.read_translations(data, display)
        if entry.msgstr and (use_fuzzy or not entry.fuzzy)
    }


def facts(entry: polib.POEntry) -> EntryFacts:
    """The fields of a polib entry that its state is derived from (see states.py)."""
    return EntryFacts(
        msgctxt=entry.msgctxt,
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        fuzzy=FUZZY in entry.flags,
        previous_msgid=entry.previous_msgid,
        tcomment=entry.tcomment or "",
    )


def state(entry: polib.POEntry) -> State:
    """The entry's state: untranslated, machine, stale, rejected, translated, reviewed."""
    return state_of(facts(entry))


def new_catalog(header: dict[str, str]) -> polib.POFile:
    """An empty catalog whose header fields are exactly ``header``, in that order."""
    po = polib.POFile(wrapwidth=79, encoding="utf-8")
    po.metadata = dict(header)
    return po


def merge(
    existing: polib.POFile | None, messages: Sequence[Message], header: dict[str, str]
) -> MergeResult:
    """Bring ``existing`` up to date with freshly extracted ``messages``.

    Entries come out in the order of ``messages``, then obsolete ones (those already
    obsolete first, then the newly obsoleted, each in their old order). Untranslated
    entries that no longer match anything are dropped: they hold no work to keep.
    """
    po = new_catalog(header)
    if existing is None:
        for message in messages:
            po.append(_new_entry(message))
        return MergeResult(po, added=len(messages), kept=0, fuzzy=0, obsoleted=0, revived=0)

    # Existing fields keep their place (a PO editor may order them its own way) and
    # ours are updated in place, so saving in Poedit does not make the catalog
    # look out of date to ``extract --check``.
    po.metadata = {**existing.metadata, **header}
    po.header = existing.header
    po.metadata_is_fuzzy = existing.metadata_is_fuzzy

    old_live = [e for e in existing if not e.obsolete and e.msgid != ""]
    old_dead = [e for e in existing if e.obsolete]
    live_by_key = {(e.msgctxt, e.msgid): e for e in old_live}
    dead_by_key = {(e.msgctxt, e.msgid): e for e in old_dead}
    used: set[int] = set()  # id() of old entries already given to a new message
    live_by_msgid: dict[str, list[polib.POEntry]] = {}
    for entry in old_live:
        live_by_msgid.setdefault(entry.msgid, []).append(entry)

    result: list[polib.POEntry | None] = []
    counts = {"added": 0, "kept": 0, "fuzzy": 0, "revived": 0}
    unmatched: list[int] = []  # indexes into result still needing a fuzzy match
    for message in messages:
        key = (message.msgctxt, message.msgid)
        old = live_by_key.get(key)
        if old is not None and id(old) not in used:
            used.add(id(old))
            result.append(_refresh(old, message))
            counts["kept"] += 1
            continue
        old = dead_by_key.get(key)
        if old is not None and id(old) not in used:
            used.add(id(old))
            revived = _refresh(old, message)
            revived.obsolete = False
            result.append(revived)
            counts["revived"] += 1
            continue
        # Context added, removed or changed: the same text needs the same translation.
        same_text = [e for e in live_by_msgid.get(message.msgid, []) if id(e) not in used]
        if same_text:
            old = same_text[0]
            used.add(id(old))
            moved = _refresh(old, message)
            moved.msgctxt = message.msgctxt
            result.append(moved)
            counts["kept"] += 1
            continue
        unmatched.append(len(result))
        result.append(None)

    # Fuzzy matching: only old entries with a translation carry something over.
    candidates = [e for e in [*old_live, *old_dead] if id(e) not in used and _translated(e)]
    # ``result`` has one slot per message, so a slot's position is its message's index.
    pairs = _best_pairs([messages[i] for i in unmatched], candidates)
    for slot, message_number in enumerate(unmatched):
        message = messages[message_number]
        match = pairs.get(slot)
        if match is None:
            result[message_number] = _new_entry(message)
            counts["added"] += 1
            continue
        used.add(id(match))
        result[message_number] = _fuzzy_entry(match, message)
        counts["fuzzy"] += 1

    for entry in result:
        assert entry is not None
        po.append(entry)
    obsoleted = 0
    for entry in old_dead:
        if id(entry) not in used:
            po.append(entry)
    for entry in old_live:
        if id(entry) not in used and _translated(entry):
            po.append(_obsolete(entry))
            obsoleted += 1
    return MergeResult(po, obsoleted=obsoleted, **counts)


# --- helpers --------------------------------------------------------------------------


def _translated(entry: polib.POEntry) -> bool:
    if entry.msgid_plural:
        return any(entry.msgstr_plural.values())
    return bool(entry.msgstr)


def _occurrences(references: Sequence[str]) -> list[tuple[str, str]]:
    pairs = []
    for ref in references:
        name, _, line = ref.rpartition(":")
        pairs.append((name, line) if name and line.isdigit() else (ref, ""))
    return pairs


def _new_entry(message: Message) -> polib.POEntry:
    return polib.POEntry(
        msgid=message.msgid,
        msgstr="",  # never the msgid: an empty msgstr is what "untranslated" means
        msgctxt=message.msgctxt,
        occurrences=_occurrences(message.references),
        comment="\n".join(message.comments),
    )


def _copy(entry: polib.POEntry) -> polib.POEntry:
    return polib.POEntry(
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        msgctxt=entry.msgctxt,
        msgid_plural=entry.msgid_plural,
        msgstr_plural=dict(entry.msgstr_plural),
        occurrences=list(entry.occurrences),
        comment=entry.comment,
        tcomment=entry.tcomment,
        flags=list(entry.flags),
        previous_msgctxt=entry.previous_msgctxt,
        previous_msgid=entry.previous_msgid,
        previous_msgid_plural=entry.previous_msgid_plural,
        obsolete=entry.obsolete,
    )


def _refresh(old: polib.POEntry, message: Message) -> polib.POEntry:
    """The old entry with the new references and extracted comments, all else kept."""
    entry = _copy(old)
    entry.occurrences = _occurrences(message.references)
    entry.comment = "\n".join(message.comments)
    return entry


def _fuzzy_entry(old: polib.POEntry, message: Message) -> polib.POEntry:
    entry = _new_entry(message)
    entry.msgstr = old.msgstr
    entry.tcomment = old.tcomment
    entry.flags = [FUZZY, *(f for f in old.flags if f != FUZZY)]
    # Like msgmerge: keep the text the translation was made for, unless an earlier
    # fuzzy match already recorded it.
    keep_previous = FUZZY in old.flags and old.previous_msgid is not None
    entry.previous_msgid = old.previous_msgid if keep_previous else old.msgid
    entry.previous_msgctxt = old.previous_msgctxt if keep_previous else old.msgctxt
    return entry


def _obsolete(old: polib.POEntry) -> polib.POEntry:
    entry = _copy(old)
    entry.obsolete = True
    # Where the text was no longer exists; what it was and its translation stay.
    entry.occurrences = []
    entry.comment = ""
    return entry


def _best_pairs(
    messages: Sequence[Message], candidates: Sequence[polib.POEntry]
) -> dict[int, polib.POEntry]:
    """Pair new messages with old entries by msgid similarity (>= FUZZY_CUTOFF).

    Greedy by best score; ties go to the earlier message, then the earlier old entry,
    so the outcome never depends on dict or set order.
    """
    scored: list[tuple[float, int, int]] = []
    for m_index, message in enumerate(messages):
        matcher = difflib.SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(message.msgid)
        for c_index, old in enumerate(candidates):
            matcher.set_seq1(old.msgid)
            if (
                matcher.real_quick_ratio() >= FUZZY_CUTOFF
                and matcher.quick_ratio() >= FUZZY_CUTOFF
            ):
                ratio = matcher.ratio()
                if ratio >= FUZZY_CUTOFF:
                    scored.append((-ratio, m_index, c_index))
    scored.sort()
    pairs: dict[int, polib.POEntry] = {}
    taken: set[int] = set()
    for _, m_index, c_index in scored:
        if m_index in pairs or c_index in taken:
            continue
        pairs[m_index] = candidates[c_index]
        taken.add(c_index)
    return pairs


def _header_entry(po: polib.POFile) -> PoEntry:
    msgstr = "".join(f"{key}: {value}\n" for key, value in po.metadata.items())
    return PoEntry(
        msgid="",
        msgstr=msgstr,
        tcomments=tuple(po.header.split("\n")) if po.header else (),
        flags=(FUZZY,) if po.metadata_is_fuzzy else (),
    )


def _to_entry(entry: polib.POEntry) -> PoEntry:
    plural = entry.msgid_plural or None
    return PoEntry(
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        msgctxt=entry.msgctxt,
        msgid_plural=plural,
        msgstr_plural=tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural))
        if plural
        else (),
        tcomments=tuple(entry.tcomment.split("\n")) if entry.tcomment else (),
        comments=tuple(entry.comment.split("\n")) if entry.comment else (),
        references=tuple(f"{name}:{line}" if line else name for name, line in entry.occurrences),
        flags=tuple(entry.flags),
        previous_msgctxt=entry.previous_msgctxt,
        previous_msgid=entry.previous_msgid,
        previous_msgid_plural=entry.previous_msgid_plural,
        obsolete=entry.obsolete,
    )
