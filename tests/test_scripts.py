"""What counts as Hangul, asked in one place and answered the same everywhere.

Before there was one definition, most modules knew three Hangul blocks and one knew
five. The two extension blocks hold only archaic jamo: modern Korean never needs
them, composed or decomposed, and archaic letters now count as Hangul in every
module, as the syllables and basic jamo always did.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from l10n.qa import checks
from l10n.qa.glossary import load_glossary
from l10n.text.scripts import (
    HANGUL,
    LATIN,
    count_hangul,
    count_latin,
    has_hangul,
    has_latin,
    is_hangul,
)
from l10n.text.sentences import split_sentences

# First and last code point of each Hangul block.
BLOCKS = {
    "syllables": ("\uac00", "\ud7a3"),
    "jamo": ("\u1100", "\u11ff"),
    "compatibility jamo": ("\u3131", "\u318e"),
    "jamo extended-A": ("\ua960", "\ua97f"),
    "jamo extended-B": ("\ud7b0", "\ud7ff"),
}
# An archaic syllable written with the extension blocks alone: initial ꥼ (U+A97C,
# extended-A), medial ힰ (U+D7B0) and final ퟋ (U+D7CB), both extended-B.
ARCHAIC = "\ua97c\ud7b0\ud7cb"
# The class most modules had before: syllables, jamo and compatibility jamo only.
THREE_BLOCKS = frozenset(
    chr(c) for lo, hi in ((0xAC00, 0xD7A3), (0x1100, 0x11FF), (0x3131, 0x318E)) for c in range(lo, hi + 1)
)


@pytest.mark.parametrize("block", BLOCKS)
def test_every_hangul_block_is_hangul_from_end_to_end(block: str) -> None:
    first, last = BLOCKS[block]
    assert is_hangul(first) and is_hangul(last)
    assert has_hangul(f"x{last}y") and count_hangul(first + last) == 2


@pytest.mark.parametrize(
    "char",
    ["\u10ff", "\u1200", "\u3130", "\u318f", "\ua95f", "\ua980", "\ud7a4", "\ud7af", "韓", "1", "a", "·", " ", ""],
)
def test_what_lies_around_the_blocks_is_not_hangul(char: str) -> None:
    assert not is_hangul(char)


def test_the_class_is_the_five_blocks() -> None:
    assert HANGUL == "\uac00-\ud7a3\u1100-\u11ff\u3131-\u318e\ua960-\ua97f\ud7b0-\ud7ff"


def test_latin_letters_include_accented_ones_but_not_signs() -> None:
    assert count_latin("Café Zoë ×÷ 1") == 7
    assert has_latin("é") and not has_latin("한 1 ×")


def test_modern_korean_never_needs_the_extension_blocks() -> None:
    # Every modern syllable, composed or decomposed (NFD), is in the three blocks
    # most modules used before: for modern text the wider class changes nothing.
    for code in range(0xAC00, 0xD7A4):
        assert set(unicodedata.normalize("NFD", chr(code))) <= THREE_BLOCKS


def test_archaic_letters_were_missed_by_the_old_class() -> None:
    assert not set(ARCHAIC) & THREE_BLOCKS
    assert count_hangul(ARCHAIC) == 3


def test_a_sentence_may_start_with_an_archaic_letter() -> None:
    text = f"옛 문헌을 읽었다. {ARCHAIC} 자는 드물다."
    assert [text[s:e] for s, e in split_sentences(text)] == ["옛 문헌을 읽었다.", f"{ARCHAIC} 자는 드물다."]


def test_archaic_hangul_left_in_an_english_translation_is_reported() -> None:
    entry = checks.Entry("옛 글자를 설명했다.", f"He explained the old letter {ARCHAIC}.", "ko", "en")
    messages = [f.message for f in checks.run(entry) if f.check == "script"]
    assert messages == ["the English translation has 3 Hangul letters outside quotes and brackets"]


def test_a_glossary_row_in_archaic_hangul_is_korean(tmp_path: Path) -> None:
    path = tmp_path / "glossary.tsv"
    path.write_text(f"{ARCHAIC}\tarchaic term\n", encoding="utf-8")
    (term, back) = load_glossary(path, "glossary.tsv").terms
    assert (term.source_lang, term.target_lang, back.source_lang) == ("ko", "en", "en")


_MIXED = st.lists(st.sampled_from(["한", "ㅋ", ARCHAIC, "\u1100", "a", "é", "Z", "省", " ", "1", "\u00a0"]) | st.text(max_size=3))


@given(_MIXED.map("".join))
def test_letters_counted_by_runs_are_the_letters_one_by_one(text: str) -> None:
    # The patterns match runs of letters, and Hangul is not looked for in ASCII text:
    # the plain path is one match per letter.
    assert count_hangul(text) == len(re.findall(f"[{HANGUL}]", text))
    assert count_latin(text) == len(re.findall(f"[{LATIN}]", text))
    assert has_hangul(text) == (re.search(f"[{HANGUL}]", text) is not None)
    assert has_latin(text) == (re.search(f"[{LATIN}]", text) is not None)
    assert is_hangul(text[:1]) == (re.fullmatch(f"[{HANGUL}]", text[:1]) is not None)
