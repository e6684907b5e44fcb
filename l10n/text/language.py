"""Tell whether a piece of article text is Korean or English.

``detect_language`` answers "ko", "en", or ``None`` when there is nothing a reader
would call words (numbers, dates, URLs, punctuation). It looks only at letters a
reader reads: URLs, e-mail addresses, Markdown link destinations, inline code, HTML
tags and entities are removed first, and Hanja, digits and punctuation never count.

Pure functions, standard library only; nothing here knows about files or formats.
"""

from __future__ import annotations

import re
from functools import lru_cache

from l10n.text.patterns import EMAIL_IN_TEXT, ENTITY, HTML_TAG, INLINE_CODE, URL
from l10n.text.scripts import count_hangul, count_latin, has_hangul, has_latin

KOREAN = "ko"
ENGLISH = "en"

# One Hangul syllable block carries a whole syllable (consonant + vowel [+ final]),
# so the same sentence needs about 2-3 Latin letters per Hangul letter (2.4 in the
# Korean-English news corpus the benchmark reads: 45,648 Hangul letters on the
# Korean side, 107,847 Latin letters on the English side). Weighting
# Hangul by 2.5 makes the share below compare "how much is said" in each script,
# which is why a Korean sentence with English glosses, only about a third Hangul by
# raw letter count, still looks mostly Korean.
HANGUL_WEIGHT = 2.5

# Weighted Hangul share at or above which the text is Korean without further ado.
# 0.7 weighted is about 48% Hangul letters: no English sentence quotes that much.
KOREAN_SHARE = 0.7
# Weighted Hangul share at or below which the text is English without further ado.
# 0.3 weighted is about 15% Hangul letters: one Korean word (``kimchi (김치)``) in
# an English sentence.
ENGLISH_SHARE = 0.3

# Between the two thresholds the scripts are genuinely mixed (a Korean sentence
# with English names and glosses, an English sentence quoting Korean), and the
# letter balance says little. Words decide there: Korean grammar attaches particles
# and endings to whatever it borrows (``COVID-19에``, ``Electronics)는``), so a
# Korean sentence has mostly Hangul-bearing words even when its letters are not.
# A Korean word (eojeol) also carries what English spreads over several words
# (particles, endings): the same corpus has 1.47 English words per Korean word. So
# a Korean word's vote counts 1.5, which settles two-word glosses such as
# ``competition 경쟁`` as Korean while one quoted Korean word in an English
# sentence is still outvoted.
KOREAN_WORD_WEIGHT = 1.5

_UNREAD = re.compile(
    rf"""
      {INLINE_CODE}                                 # inline code span
    | \]\([^)\s]*(?:\s+"[^"]*")?\)                  # link destination ](url "title")
    | {HTML_TAG}                                    # HTML tag or autolink
    | {ENTITY}                                      # HTML entity
    | {URL}                                         # URL
    | {EMAIL_IN_TEXT}                               # e-mail address
    """,
    re.VERBOSE,
)


def readable_text(text: str) -> str:
    """``text`` without the parts a reader does not read as prose.

    URLs, e-mail addresses, Markdown link destinations, inline code, HTML tags and
    entities are replaced by a space so that the words around them stay apart.
    """
    # What each part ``_UNREAD`` removes must contain: a backtick (code), "]" (link
    # destination), "<" (tag), "&" (entity), "://" or "www." (URL) and "@" (e-mail).
    # Each is looked for with ``in``, a scan in C that skips ahead like memchr: the
    # six characters take a sixth of what a regex class took on an English line
    # (0.11 against 0.66 us), which tests every character against the class; a
    # set's isdisjoint() makes a string of each one. A URL is looked for by its
    # "://", not by a colon: a colon alone ("10:30", "said:") starts no part, and
    # the full scan it would bring costs 20-30 us on a news paragraph.
    if not ("`" in text or "]" in text or "<" in text or "&" in text or "://" in text or "@" in text or "www." in text):
        return text  # none of them can be there: most prose
    return _UNREAD.sub(" ", text)


def letter_counts(text: str) -> tuple[int, int]:
    """The numbers of Hangul and Latin letters a reader reads in ``text``.

    Hanja, digits, punctuation and the unread parts (see ``readable_text``) do not
    count.
    """
    readable = readable_text(text)
    return count_hangul(readable), count_latin(readable)


def detect_language(text: str) -> str | None:
    """ "ko" or "en" for ``text``, or ``None`` when it has no Hangul or Latin letters.

    Hanja never counts, so text written only in Hanja (``大韓民國``) is ``None`` too.

    >>> detect_language("삼성전자(Samsung Electronics)는 실적을 발표했다.")
    'ko'
    >>> detect_language("She ordered kimchi (김치) at the market.")
    'en'
    >>> detect_language("2024-05-01 https://example.com") is None
    True
    """
    return language_of_readable(readable_text(text))


# extract detects each segment's language as it parses an article, then measures
# the same text as a catalog entry for the status counts (tally.size_of): one
# article's texts stay in the cache between the two.
@lru_cache(maxsize=4096)
def language_of_readable(readable: str) -> str | None:
    """``detect_language`` of a text already reduced to what a reader reads
    (``readable_text``): for callers that need that reduction themselves."""
    # Text in one script is that script's whatever the share below: it is 1 or 0.
    # Whether a script is there at all is read up to its first letter (or, for
    # Hangul, not at all in ASCII text); only mixed text has its letters counted.
    if not has_latin(readable):
        return KOREAN if has_hangul(readable) else None
    if not has_hangul(readable):
        return ENGLISH
    hangul, latin = count_hangul(readable), count_latin(readable)
    weighted = hangul * HANGUL_WEIGHT
    share = weighted / (weighted + latin)
    if share >= KOREAN_SHARE:
        return KOREAN
    if share <= ENGLISH_SHARE:
        return ENGLISH
    korean_words, english_words = _word_votes(readable)
    korean_vote = korean_words * KOREAN_WORD_WEIGHT
    if korean_vote != english_words:
        return KOREAN if korean_vote > english_words else ENGLISH
    # A tie in words: fall back to which script says more.
    return KOREAN if share >= 0.5 else ENGLISH


def translated_from(text: str, target: str) -> str:
    """The language a catalog entry's ``text`` is translated from into ``target``:
    what it reads as, else the other of Korean and English (numbers, names).

    This is the translation memory's key, in translate and in TMX alike.

    >>> translated_from("2026", "en")
    'ko'
    """
    return detect_language(text) or (KOREAN if target == ENGLISH else ENGLISH)


def _word_votes(readable: str) -> tuple[int, int]:
    """Whitespace-separated words with any Hangul, and words with only Latin letters."""
    korean = english = 0
    for word in readable.split():
        if has_hangul(word):
            korean += 1
        elif has_latin(word):
            english += 1
    return korean, english
