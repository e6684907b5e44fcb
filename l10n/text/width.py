"""How many columns of a monospaced display a piece of text takes.

``display_width("기사 title")`` is 10: a Hangul syllable takes two columns, a Latin
letter or a space one. The rule is the one terminals and GNU gettext follow (glibc's
``wcwidth``, libunistring's ``uc_width``):

- East Asian Wide and Fullwidth characters (Hangul syllables and initial jamo,
  Hanja, kana, full-width forms, most emoji) take 2 columns;
- nonspacing and enclosing marks (Mn, Me), format characters (Cf: zero-width
  space and joiners, the byte order mark, soft hyphen), control characters other
  than tab, and the conjoining Hangul medial vowels and final consonants take 0;
- everything else takes 1, East Asian Ambiguous characters included (``·``, ``…``,
  ``“”`` are narrow in Western and UTF-8 terminals), and so does a tab: it takes
  at least one column, and how many more depends on where it stands, which a
  string alone does not say.

The jamo rule is what makes Korean come out right whatever its normalisation: 한
(U+D55C) and its decomposed form ᄒ+ᅡ+ᆫ both take 2 columns, as they look. Deciding
by ``unicodedata.combining`` instead (a nonzero canonical combining class) would
give decomposed Hangul 3 or 4 columns a syllable, count variation selectors,
enclosing keycaps, zero-width joiners and other format characters as a column each,
and give the few spacing marks that have a combining class none.

Standard library only, and nothing from the rest of l10n.
"""

from __future__ import annotations

import unicodedata

_ZERO_CATEGORIES = frozenset(("Mn", "Me", "Cf"))


def _measure(char: str) -> int:
    code = ord(char)
    if char == "\t":
        return 1
    if code < 0x20 or 0x7F <= code < 0xA0:
        return 0  # control characters move the cursor, if anything; they draw nothing
    if unicodedata.category(char) in _ZERO_CATEGORIES:
        return 0
    # Conjoining medial vowels and final consonants (U+1160-11FF and their
    # extension, U+D7B0-D7FF) join the initial before them into one syllable.
    # EastAsianWidth.txt calls them neutral, but they draw no column of their own.
    if 0x1160 <= code <= 0x11FF or 0xD7B0 <= code <= 0xD7FF:
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


class _Widths(dict[str, int]):
    """Character -> columns, measured on first use (a pure function, never stale)."""

    def __missing__(self, char: str) -> int:
        value = _measure(char)
        self[char] = value
        return value


_WIDTHS = _Widths()


def char_width(char: str) -> int:
    """The columns the single character ``char`` takes: 0, 1 or 2.

    >>> char_width("한"), char_width("a"), char_width("\\u0301")
    (2, 1, 0)
    """
    return _WIDTHS[char]


def display_width(text: str) -> int:
    """The columns ``text`` takes on one line of a monospaced display.

    >>> display_width("기사 title")
    10
    """
    if text.isascii() and text.isprintable():
        return len(text)
    widths = _WIDTHS
    return sum(widths[char] for char in text)
