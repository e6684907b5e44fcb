"""The data every layer shares: where a translatable piece of text sits in an article.

Formats produce these, catalogs and builds consume them. Standard library only, and
every type is frozen so it can cross module boundaries and be used as a dict key.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from l10n.frozen import filler_of


@dataclass(frozen=True, order=True)
class Span:
    """A half-open range ``[start, end)`` of character offsets in an article's text."""

    start: int
    end: int


@dataclass(frozen=True)
class Segment:
    """One translatable unit of an article: what the translator sees and where it lives.

    ``text`` is the msgid. For ``quoting == "raw"`` it is exactly the source text of
    ``pieces`` joined with newlines: one piece per source line, so container prefixes
    (``> ``, list indentation) between the pieces stay out of the msgid and are put
    back on rebuild. Other quotings (YAML strings) hold the decoded value and a single
    piece covering its encoded form.

    ``continuation`` is the prefix a rebuilt translation puts before each line it has
    beyond the source's line count; ``None`` means the segment must stay on one line.
    """

    text: str
    kind: str
    line: int
    pieces: tuple[Span, ...]
    continuation: str | None = None
    quoting: str = "raw"
    lang: str | None = None

    @property
    def span(self) -> Span:
        """The range from the first piece's start to the last piece's end."""
        return Span(self.pieces[0].start, self.pieces[-1].end)

    def to_row(self) -> list[object]:
        """The segment as plain JSON values (see ``from_row``), for the parse cache."""
        pieces = [[piece.start, piece.end] for piece in self.pieces]
        return [self.text, self.kind, self.line, pieces, self.continuation, self.quoting, self.lang]

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> Segment:
        text, kind, line, pieces, continuation, quoting, lang = row
        # Build takes every segment of every article from the parse cache: made without
        # __init__ (frozen.filler_of, half the time), the spans as a list turned into a
        # tuple, not tuple() of a generator (0.3 us less a segment).
        spans = tuple([_fill_span(start=start, end=end) for start, end in pieces])
        fill = _fill_segment if cls is Segment else cls
        return fill(text=text, kind=kind, line=line, pieces=spans, continuation=continuation, quoting=quoting, lang=lang)


_fill_span = filler_of(Span)
_fill_segment = filler_of(Segment)


class State(enum.Enum):
    """Where an entry stands, in the order work moves it along.

    Derived from the catalog alone (see ``states.py``), so a translator, an editor
    and CI read the same state from the same file.
    """

    UNTRANSLATED = "untranslated"  # empty msgstr
    MACHINE = "machine"  # a provider's (or the memory's) draft nobody has touched
    STALE = "stale"  # the source changed after it was translated
    REJECTED = "rejected"  # sent back for work (fuzzy without a fresh draft)
    TRANSLATED = "translated"  # written or post-edited by a person
    REVIEWED = "reviewed"  # approved by a reviewer, for exactly this text

    @property
    def done(self) -> bool:
        """Usable in a built article: what msgfmt would compile."""
        return self in (State.TRANSLATED, State.REVIEWED)
