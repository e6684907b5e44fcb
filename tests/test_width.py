"""Display width: what a line of Korean and English takes on a monospaced screen.

The plain-text reader measures lines to tell a hard-wrapped paragraph from a list
of short lines, so a Korean line must measure the same whether its Hangul is
composed (NFC) or decomposed (NFD, as macOS file names and some editors write it).
"""

from __future__ import annotations

import unicodedata

import pytest

from l10n.formats import plaintext
from l10n.formats.base import FormatOptions
from l10n.text.width import char_width, display_width


@pytest.mark.parametrize(
    ("text", "width"),
    [
        ("", 0),
        ("Seoul", 5),
        ("서울", 4),
        (unicodedata.normalize("NFD", "서울"), 4),  # ᄉ+ᅥ ᄋ+ᅮ+ᆯ: medials and finals join the initial
        ("\ua97c\ud7b0\ud7cb", 2),  # an archaic syllable from the extension blocks
        ("ㅋㅋ", 4),  # compatibility jamo stand alone
        ("漢字", 4),
        ("ＡＢ", 4),  # full-width forms
        ("ｶﾅ", 2),  # half-width forms
        ("e\u0301", 1),  # combining acute
        ("a\u200bb", 2),  # zero-width space
        ("\u2764\ufe0f", 1),  # a variation selector takes nothing
        ("1\ufe0f\u20e3", 1),  # keycap: the enclosing mark takes nothing
        ("\ufeffa", 1),  # byte order mark
        ("a\tb", 3),  # a tab takes at least one column
        ("a\x1bb", 2),  # other control characters take none
        ("“·…”", 4),  # East Asian Ambiguous is narrow
        ("기사 title", 10),
    ],
)
def test_display_width(text: str, width: int) -> None:
    assert display_width(text) == width
    assert sum(char_width(c) for c in text) == width


def test_every_syllable_is_as_wide_decomposed_as_composed() -> None:
    for code in range(0xAC00, 0xD7A4):
        syllable = chr(code)
        assert display_width(unicodedata.normalize("NFD", syllable)) == display_width(syllable) == 2


def test_a_decomposed_korean_line_is_read_as_its_composed_form() -> None:
    # 33 columns either way: under WRAP_MIN, so a line of its own, not prose. Counted
    # by combining class (the rule before), the decomposed form took 54 columns and
    # was read as a paragraph.
    line = "정부는 오늘 추가 대책을 발표했다."
    options = FormatOptions()
    composed = [s.kind for s in plaintext.blocks(line, options)]
    decomposed = [s.kind for s in plaintext.blocks(unicodedata.normalize("NFD", line), options)]
    assert display_width(line) < plaintext.WRAP_MIN
    assert composed == decomposed == ["line"]
