"""One catalog entry as the rest of the tool sees it: a frozen value and its facts.

The lexer makes them from a file's lines, ``merge`` from extracted messages, and
``Catalog`` hands them out and replaces them whole when a draft or a decision is
applied; nobody changes one in place. An entry's state (untranslated, machine,
stale, ...) is derived from its fields by states.py, never stored.

Must not touch: files, PO syntax (lexer.py reads it, writer.py prints it) or any
third-party library; it is a plain value.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from l10n.frozen import computed_once
from l10n.model import State
from l10n.po.states import EntryFacts, Mark, marks_of, state_of

FUZZY = "fuzzy"

Key = tuple[str | None, str]  # (msgctxt, msgid): what identifies a live entry


@dataclass(frozen=True)
class Entry:
    """A PO entry's fields, as GNU gettext keeps them.

    ``tcomment`` holds the translator comment lines (``# ``) and ``comment`` the
    extracted ones (``#.``), each joined by ``\\n``; ``references`` are the ``#:``
    items as written (``content/a.md:12``); ``msgstr_plural`` is empty unless
    ``msgid_plural`` is set. ``line`` is where the entry starts in the file it was
    read from (None for one made in memory); it takes no part in comparisons.
    """

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    tcomment: str = ""
    comment: str = ""
    references: tuple[str, ...] = ()
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False
    line: int | None = field(default=None, compare=False)

    @property
    def key(self) -> Key:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return FUZZY in self.flags

    @property
    def translated(self) -> bool:
        """Whether it holds any translation (every plural form counts)."""
        if self.msgid_plural:
            return any(self.msgstr_plural)
        return bool(self.msgstr)

    @property
    def occurrences(self) -> list[tuple[str, str]]:
        """The references as (file, line) pairs; line is "" when a reference has none."""
        pairs = []
        for ref in self.references:
            name, colon, line = ref.rpartition(":")
            pairs.append((name, line) if colon and line.isdigit() else (ref, ""))
        return pairs

    @property
    def facts(self) -> EntryFacts:
        """The fields its state is derived from (see states.py)."""
        return EntryFacts(
            msgctxt=self.msgctxt,
            msgid=self.msgid,
            msgstr=self.msgstr,
            fuzzy=FUZZY in self.flags,
            previous_msgid=self.previous_msgid,
            tcomment=self.tcomment,
        )

    @computed_once
    def marks(self) -> tuple[Mark, ...]:
        """The ``l10n:`` marks among its translator comments (states.py), parsed
        once: its state and a verdict's record of who reviewed what both read them."""
        return marks_of(self.tcomment)

    @computed_once
    def state(self) -> State:
        """Untranslated, machine, stale, rejected, translated or reviewed.

        Worked out once per entry (a hash of its texts and a scan of its comment):
        the entry never changes, and a run asks for its state up to three times.
        The entry hands itself to ``state_of``: it has every fact under its name.
        Without a translation it is untranslated before any mark is looked at
        (state_of's first rule), so its marks are not parsed for that: every entry
        of a catalog extract has just made is such.
        """
        return state_of(self, self.marks if self.msgstr else ())
