"""Which letters are Hangul and which are Latin: the one definition for the tool.

``HANGUL`` and ``LATIN`` are the bodies of regular-expression character classes,
for patterns that need a script inside them (``f"[{HANGUL}]+"``); the functions
below answer the usual questions about a character or a text. Hanja, digits and
punctuation are in neither script; ``KANA`` and ``HAN`` are there to tell a Japanese
or Chinese answer from a Korean one.

Standard library only, and nothing from the rest of l10n: ``text/`` is the bottom
layer. The functions' patterns are compiled once, on first use rather than at
import: compiling a Hangul class takes the regex compiler a millisecond or two
(it builds a bitmap over the ranges), and ``app/config.py`` imports this module at
start-up for a class string, which a run with nothing to do should not pay for.
"""

from __future__ import annotations

import re
from functools import cache

# Hangul as Unicode lays it out. Modern text is written in precomposed syllables;
# decomposed (NFD) text, which macOS file names and some editors produce, uses the
# conjoining jamo of U+1100-11FF; archaic text also needs the two extension blocks
# (old initial consonants, old vowels and finals); compatibility jamo stand alone
# (ㄱ, ㅋㅋ, ㅏ). All five blocks are Hangul; the extension blocks hold old
# consonants and vowels that the basic jamo block does not.
HANGUL_SYLLABLES = "\uac00-\ud7a3"  # 가-힣
HANGUL_JAMO = "\u1100-\u11ff"
HANGUL_COMPATIBILITY_JAMO = "\u3131-\u318e"
HANGUL_JAMO_EXTENDED_A = "\ua960-\ua97f"
HANGUL_JAMO_EXTENDED_B = "\ud7b0-\ud7ff"
HANGUL = HANGUL_SYLLABLES + HANGUL_JAMO + HANGUL_COMPATIBILITY_JAMO + HANGUL_JAMO_EXTENDED_A + HANGUL_JAMO_EXTENDED_B

# ASCII letters plus the accented letters of Latin-1 and Latin Extended-A/B
# (without × and ÷, which sit among them).
LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"


# The scripts a provider answers in when it picks the wrong East Asian language:
# Japanese kana (hiragana, katakana, their extensions and half-width forms) and Han
# ideographs (CJK unified, extension A, compatibility), which Korean news uses
# only now and then as Hanja (美, 中).
KANA = "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\uff66-\uff9d"
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"


# Runs of letters: a count adds up their lengths, one string for findall to make
# where each letter was one (a Korean word has three syllables or so), and a search
# or match finds a run where a letter is. One pattern per script, so each class is
# compiled once.
@cache
def _hangul_letters() -> re.Pattern[str]:
    return re.compile(f"[{HANGUL}]+")


@cache
def _latin_letters() -> re.Pattern[str]:
    return re.compile(f"[{LATIN}]+")


def is_hangul(char: str) -> bool:
    """Whether ``char`` (one character; False for the empty string) is a Hangul letter.

    >>> is_hangul("한"), is_hangul("ㅋ"), is_hangul("韓"), is_hangul("")
    (True, True, False, False)
    """
    return _hangul_letters().match(char) is not None


def has_hangul(text: str) -> bool:
    """Whether ``text`` has any Hangul letter."""
    # No Hangul letter is ASCII, and a string knows whether it is all ASCII without
    # reading it (English text is not scanned).
    return not text.isascii() and _hangul_letters().search(text) is not None


def has_latin(text: str) -> bool:
    """Whether ``text`` has any Latin letter."""
    return _latin_letters().search(text) is not None


def count_hangul(text: str) -> int:
    """The number of Hangul letters in ``text`` (a syllable block counts once)."""
    if text.isascii():  # see has_hangul
        return 0
    return sum(map(len, _hangul_letters().findall(text)))


def count_latin(text: str) -> int:
    """The number of Latin letters in ``text``."""
    return sum(map(len, _latin_letters().findall(text)))


def count_kana(text: str) -> int:
    """The number of Japanese kana in ``text``."""
    return len(_letter(KANA).findall(text))


def count_han(text: str) -> int:
    """The number of Han ideographs (Hanja, kanji, hanzi) in ``text``."""
    return len(_letter(HAN).findall(text))


@cache
def _letter(script: str) -> re.Pattern[str]:
    return re.compile(f"[{script}]")
