"""The arithmetic of ``l10n status``: entries and size by state, added up and grouped.

``measure(text)`` sizes one source text the way the translation trade bills it:
English in words, Korean in characters without spaces (with its space-separated
words as a second figure), both after NFC. To add Korean and English sources into
one figure, ``Size.words`` converts Korean characters into English-word
equivalents at 2.3 characters a word (the Korean-English news corpus the project
calibrates on has 51,961 Korean characters for 22,147 English words: 2.35).

``tally`` adds up entries; status_report.py groups the tallies into the report
``l10n status`` renders. Done means usable in a built article: translated or
reviewed (``State.done``). The headline percentage counts entries, as
``msgfmt --statistics`` and PO editors do; ``Tally.percent_done_words`` weighs
them by size.

Pure: data in, frozen dataclasses out. No files, no printing, no catalogs: the
status use case (status.py) reads them and hands the sizes here, and the status
renderers (cli/render_status.py) take the result without loading any of that.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from l10n.model import State
from l10n.text.language import ENGLISH, KOREAN, detect_language, language_of_readable, readable_text


class Counted(Protocol):
    """What counting needs of a catalog entry."""

    @property
    def state(self) -> State: ...
    @property
    def msgid(self) -> str: ...


KOREAN_CHARS_PER_WORD = 2.3

# States in the order reports show them: from nothing done to approved.
ORDER = (State.UNTRANSLATED, State.MACHINE, State.STALE, State.REJECTED, State.TRANSLATED, State.REVIEWED)

# A word: a run of non-space characters (as str.split() cuts them: \s is exactly
# str.isspace) holding a letter or digit, the runs ``re.findall(r"\S*\w\S*", text)``
# finds. Counted as str.split()'s runs (Korean needs them for its characters anyway)
# less the runs with no \w at all, which _NOT_A_WORD finds, one match per run: it
# starts at a character that is neither \w nor space (a character class, which lets
# the regex engine skip ahead in C: 40% faster than findall over words), the
# lookbehind then makes sure the character before it is a space or nothing (two
# characters wide: the one before and the one just matched), and the match runs on
# to the end of the run, failing if a \w comes first. test_status compares the two
# counts on odd texts.
_NOT_A_WORD = re.compile(r"[^\w\s](?<!\S[^\w\s])[^\w\s]*(?!\S)")


@dataclass(frozen=True)
class Size:
    """The billable size of some source text."""

    en_words: int = 0
    ko_chars: int = 0  # Korean characters, spaces not counted
    ko_words: int = 0  # Korean space-separated words (eojeol)
    other_words: int = 0  # text in neither language (rare), counted as words

    @property
    def words(self) -> float:
        """English-word equivalents: English words plus Korean characters / 2.3."""
        return self.en_words + self.other_words + self.ko_chars / KOREAN_CHARS_PER_WORD

    def __add__(self, other: Size) -> Size:
        return Size(
            self.en_words + other.en_words,
            self.ko_chars + other.ko_chars,
            self.ko_words + other.ko_words,
            self.other_words + other.other_words,
        )


def measure(text: str, lang: str | None) -> Size:
    """The size of one source text written in ``lang`` ("ko", "en" or other).

    Markup a reader never reads (URLs, code, tags) is not counted.

    >>> measure("부산항만공사는 2일 밝혔다.", "ko")
    Size(en_words=0, ko_chars=13, ko_words=3, other_words=0)
    >>> measure("Rail unions called off a strike.", "en").en_words
    6
    """
    return Size(*_measured(text, lang))


def _measured(text: str, lang: str | None) -> tuple[int, int, int, int]:
    """``measure(text, lang)`` as Size's fields."""
    return _size_fields(readable_text(unicodedata.normalize("NFC", text)), lang)


def _size_fields(readable: str, lang: str | None) -> tuple[int, int, int, int]:
    """Size's fields (en_words, ko_chars, ko_words, other_words) of a text reduced to
    what a reader reads, as plain numbers: a tally adds them up without a Size per entry."""
    runs = readable.split()  # str.split() splits at exactly what isspace() is
    words = len(runs) - len(_NOT_A_WORD.findall(readable))
    if lang == KOREAN:
        # The characters of its runs: joined and measured once, not measured run by run.
        return 0, len("".join(runs)), words, 0
    if lang == ENGLISH:
        return words, 0, 0, 0
    return 0, 0, 0, words


@dataclass(frozen=True)
class Item:
    """One catalog entry, reduced to what status counts."""

    state: State
    size: Size


# Where each state's figures sit in a Tally.
_SLOT = {state: index for index, state in enumerate(ORDER)}


@dataclass(frozen=True)
class Tally:
    """Entries and size by state: ``counts[i]`` and ``sizes[i]`` are for ``ORDER[i]``."""

    counts: tuple[int, ...] = (0,) * len(ORDER)
    sizes: tuple[Size, ...] = (Size(),) * len(ORDER)

    def count(self, state: State) -> int:
        return self.counts[_SLOT[state]]

    def size(self, state: State) -> Size:
        return self.sizes[_SLOT[state]]

    @property
    def total(self) -> int:
        return sum(self.counts)

    @property
    def total_size(self) -> Size:
        total = Size()
        for size in self.sizes:
            total += size
        return total

    @property
    def done(self) -> int:
        return sum(n for state, n in zip(ORDER, self.counts, strict=True) if state.done)

    @property
    def percent_done(self) -> float:
        """Share of entries translated or reviewed; 100 when there is nothing to do."""
        return 100.0 if self.total == 0 else 100.0 * self.done / self.total

    @property
    def percent_done_words(self) -> float:
        """Share of the size (English-word equivalents) translated or reviewed."""
        total = self.total_size.words
        done = sum(size.words for state, size in zip(ORDER, self.sizes, strict=True) if state.done)
        return 100.0 if total == 0 else 100.0 * done / total

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            tuple(mine + theirs for mine, theirs in zip(self.counts, other.counts, strict=True)),
            tuple(mine + theirs for mine, theirs in zip(self.sizes, other.sizes, strict=True)),
        )


def tally_entries(entries: Iterable[Counted]) -> Tally:
    """Entries and size by state of catalog entries (their source text measured).

    ``tally(Item(entry.state, size_of(entry.msgid)) for entry in entries)``, without
    an Item and a Size per entry: extract tallies every catalog it judges, and
    those were a quarter of the time."""
    return _summed((entry.state, _fields_of(entry.msgid)) for entry in entries)


def size_of(text: str) -> Size:
    """``measure(text, detect_language(text))``, reading ``text`` once when it is
    already NFC (as extract writes every msgid): both reduce it to what a reader reads."""
    return Size(*_fields_of(text))


def _fields_of(text: str) -> tuple[int, int, int, int]:
    """``size_of(text)`` as Size's fields."""
    if not unicodedata.is_normalized("NFC", text):
        return _measured(text, detect_language(text))
    readable = readable_text(text)
    return _size_fields(readable, language_of_readable(readable))


def tally(items: Iterable[Item]) -> Tally:
    """Entries and size by state of ``items``."""
    return _summed((item.state, (item.size.en_words, item.size.ko_chars, item.size.ko_words, item.size.other_words)) for item in items)


def _summed(sized: Iterable[tuple[State, tuple[int, int, int, int]]]) -> Tally:
    """The Tally of (state, Size's fields) pairs: entries counted and sizes added up
    per state, as plain numbers."""
    counts = [0] * len(ORDER)
    fields = [[0, 0, 0, 0] for _ in ORDER]
    for state, (en_words, ko_chars, ko_words, other_words) in sized:
        slot = _SLOT[state]
        counts[slot] += 1
        added = fields[slot]
        added[0] += en_words
        added[1] += ko_chars
        added[2] += ko_words
        added[3] += other_words
    return Tally(tuple(counts), tuple(Size(*added) if any(added) else _NO_SIZE for added in fields))


_NO_SIZE = Size()  # of the states a catalog has no entries in (most): one frozen object serves them all
