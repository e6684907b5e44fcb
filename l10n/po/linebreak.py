"""Where GNU gettext may break a PO string line, and how wide text is on the page.

GNU gettext (0.21) asks libunistring (1.0, Unicode 14) where a line may break
(Unicode line breaking, UAX #14, in its pair-table form) and fills each line
greedily up to the page width, counting East Asian wide characters as two columns.
This module answers the same two questions: ``breaks`` gives the cut points of a
string too wide for its line, ``widths`` the columns each character takes. The
display-width rule (``_WidthOf``) and the Hangul ranges (``_category_class``) live
here and nowhere else in the package.

Character classes are exact for the blocks news text uses (Latin, Greek, Cyrillic,
general punctuation, symbols, arrows, CJK symbols and punctuation, kana, Hangul jamo
and syllables, CJK ideographs, half/full-width forms, emoji); elsewhere they are
derived from the general category, which is close but not exact (Thai and other
scripts that need a dictionary are not broken by GNU either).

Must not touch: escaping, keywords or anything else of the PO format (writer.py
owns those; callers pass the escaped text and the positions that may not break).
Pure functions over str; no I/O.

Why hand-written: no Python library breaks lines as libunistring 1.0 does. polib's
writer wraps with ``textwrap`` at spaces only and counts characters, not columns, so
msgcat reflows what it writes. Measured with ``python bench/po_formats.py`` against
msgcat 0.21: of the 10 catalogs in tests/fixtures/ and locales/, msgcat prints all
10 as we write them and 2 as polib writes them; of 200 generated Korean/English news
catalogs (4,200 entries), 200 of ours and none of polib's.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

# --- Unicode line-break classes ------------------------------------------------------

_CLASS_NAMES = (
    "BK SP ZW CM ZWJ WJ GL BA BB B2 HY NS OP CL CP QU EX IS SY PR PO NU AL HL ID IN H2 H3 JL JV JT RI EB EM OPW"
).split()
_C = {name: index for index, name in enumerate(_CLASS_NAMES)}
BK, SP, ZW, CM, ZWJ = _C["BK"], _C["SP"], _C["ZW"], _C["CM"], _C["ZWJ"]
ID, AL, RI = _C["ID"], _C["AL"], _C["RI"]

# Where Unicode 14's LineBreak.txt differs from the default ``_category_class`` gives,
# in the blocks listed in the module docstring ("hex[-hex]:class"). Ambiguous (AI),
# complex-context (SA) and unassigned (XX) code points are already resolved to AL and
# CJ to NS, as libunistring does for UTF-8 text; CR, LF and NL count as BK.
_EXCEPTIONS = """
9:BA A-D:BK 20:SP 21:EX 22:QU 24:PR 25:PO 27:QU 29:CP 2B:PR 2C:IS 2D:HY 2E:IS 2F:SY
3A-3B:IS 3F:EX 5C:PR 5D:CP 7C:BA 85:BK A0:GL A1:OP A2:PO A3-A5:PR AD:BA B0:PO B1:PR
B4:BB BF:OP 2C8:BB 2CC:BB 2DF:BB 34F:GL 35C-362:GL 378-379:AL 37E:IS 380-383:AL
38B:AL 38D:AL 3A2:AL 2000-2006:BA 2007:GL 2008-200A:BA 200B:ZW 200C:CM 200D:ZWJ
200E-200F:CM 2010:BA 2011:GL 2012-2013:BA 2014:B2 2024-2026:IN 2027:BA 2028-2029:BK
202A-202E:CM 202F:GL 2030-2037:PO 203C-203D:NS 2044:IS 2047-2049:NS 2056:BA
2058-205B:BA 205D-205F:BA 2060:WJ 2065:AL 2066-206F:CM 2072-2073:AL 208F:AL
209D-209F:AL 20A0-20A6:PR 20A7:PO 20A8-20B5:PR 20B6:PO 20B7-20BA:PR 20BB:PO
20BC-20BD:PR 20BE:PO 20BF:PR 20C0:PO 20C1-20CF:PR 20F1-20FF:AL 2103:PO 2109:PO
2116:PR 218C-218F:AL 2212-2213:PR 22EF:IN 23E9-23EC:AL 23F1-23F2:ID 2427-243F:AL
244B-245F:AL 25FD-25FE:AL 2600-2603:ID 2618:ID 261A-261C:ID 261D:EB 261E-261F:ID
2639-263B:ID 2648-2653:AL 2668:ID 2693:AL 26A1:AL 26AA-26AB:AL 26BF-26C3:ID
26C6-26C8:ID 26CD:ID 26CE:AL 26CF-26D1:ID 26D3:ID 26D8-26D9:ID 26DC:ID 26DF-26E1:ID
26F1:ID 26F4:ID 26F7-26F8:ID 26F9:EB 26FE-2704:ID 2705:AL 2708-2709:ID 270A-270D:EB
2728:AL 274C:AL 274E:AL 2753-2755:AL 2757:AL 275B-2760:QU 2762-2763:EX 2764:ID
2795-2797:AL 27B0:AL 27BF:AL 2B1B-2B1C:AL 2B50:AL 2B55:AL 2B74-2B75:AL 2B96:AL
2E00-2E01:QU 2E06-2E08:QU 2E0B:QU 2E0E-2E15:BA 2E17:BA 2E18:OP 2E19:BA 2E2A-2E2D:BA
2E2E:EX 2E30-2E31:BA 2E33-2E34:BA 2E3A-2E3B:B2 2E3C-2E3E:BA 2E40-2E41:BA
2E43-2E4A:BA 2E4C:BA 2E4E-2E4F:BA 2E53-2E54:EX 2E5D:BA 2E5E-2E7F:AL 3000:BA
3001-3002:CL 3005:NS 301C:NS 3035:CM 303B-303C:NS 303F:ID 3040:AL 3041:NS 3043:NS
3045:NS 3047:NS 3049:NS 3063:NS 3083:NS 3085:NS 3087:NS 308E:NS 3095-3096:NS
3097-3098:AL 309B-309E:NS 30A0-30A1:NS 30A3:NS 30A5:NS 30A7:NS 30A9:NS 30C3:NS
30E3:NS 30E5:NS 30E7:NS 30EE:NS 30F5-30F6:NS 30FB-30FE:NS 3100-3104:AL 3130:AL
318F:AL 31E4-31EF:AL 31F0-31FF:NS 321F:AL A97D-A97F:AL D7A4-D7AF:AL D7C7-D7CA:AL
D7FC-D7FF:AL FE10:IS FE11-FE12:CL FE13-FE14:IS FE15-FE16:EX FE19:IN FE1A-FE1F:AL
FE50:CL FE52:CL FE53:AL FE54-FE55:NS FE56-FE57:EX FE67:AL FE69:PR FE6A:PO
FE6C-FE6F:AL FF00:AL FF01:EX FF04:PR FF05:PO FF0C:CL FF0E:CL FF10-FF19:ID
FF1A-FF1B:NS FF1F:EX FF61:CL FF64:CL FF65:NS FF66:ID FF67-FF70:NS FF71-FF9D:ID
FF9E-FF9F:NS FFA0-FFBE:ID FFBF-FFC1:AL FFC2-FFC7:ID FFC8-FFC9:AL FFCA-FFCF:ID
FFD0-FFD1:AL FFD2-FFD7:ID FFD8-FFD9:AL FFDA-FFDC:ID FFDD-FFDF:AL FFE0:PO FFE1:PR
FFE5-FFE6:PR FFE7:AL FFEF:AL 1F000-1F003:ID 1F005-1F02B:ID 1F030-1F093:ID
1F0A0-1F0AE:ID 1F0B1-1F0BF:ID 1F0C1-1F0CE:ID 1F0D1-1F0F5:ID 1F10D-1F10F:ID
1F16D-1F16F:ID 1F18E:AL 1F191-1F19A:AL 1F1AD:ID 1F1E6-1F1FF:RI 1F321-1F32C:ID
1F336:ID 1F37D:ID 1F385:EB 1F394-1F39B:ID 1F39E-1F39F:ID 1F3B5-1F3B6:AL 1F3BC:AL
1F3C2-1F3C4:EB 1F3C7:EB 1F3CA-1F3CC:EB 1F3CD-1F3CE:ID 1F3D4-1F3DF:ID 1F3F1-1F3F3:ID
1F3F5-1F3F7:ID 1F3FB-1F3FF:EM 1F43F:ID 1F441:ID 1F442-1F443:EB 1F446-1F450:EB
1F466-1F478:EB 1F47C:EB 1F481-1F483:EB 1F485-1F487:EB 1F48F:EB 1F491:EB 1F4A0:AL
1F4A2:AL 1F4A4:AL 1F4AA:EB 1F4AF:AL 1F4B1-1F4B2:AL 1F4FD-1F4FE:ID 1F500-1F506:AL
1F517-1F524:AL 1F532-1F53D:AL 1F54A:ID 1F54F:ID 1F568-1F573:ID 1F574-1F575:EB
1F576-1F579:ID 1F57A:EB 1F57B-1F58F:ID 1F590:EB 1F591-1F594:ID 1F595-1F596:EB
1F597-1F5A3:ID 1F5A5-1F5D3:ID 1F5DC-1F5F3:ID 1F5FA:ID 1F645-1F647:EB 1F64B-1F64F:EB
1F676-1F678:QU 1F679-1F67B:NS 1F6A3:EB 1F6B4-1F6B6:EB 1F6C0:EB 1F6C6-1F6CB:ID
1F6CC:EB 1F6CD-1F6CF:ID 1F6D3-1F6D4:ID 1F6E0-1F6EA:ID 1F6F0-1F6F3:ID 1F7D5-1F7D8:ID
1F8B0-1F8B1:ID 1F90C:EB 1F90F:EB 1F918-1F91F:EB 1F926:EB 1F930-1F939:EB 1F93B:ID
1F93C-1F93E:EB 1F946:ID 1F977:EB 1F9B5-1F9B6:EB 1F9B8-1F9B9:EB 1F9BB:EB
1F9CD-1F9CF:EB 1F9D1-1F9DD:EB 1FA60-1FA6D:ID 1FAC3-1FAC5:EB 1FAF0-1FAF6:EB"""


def _parse_exceptions(spec: str) -> dict[int, int]:
    table: dict[int, int] = {}
    for item in spec.split():
        span, name = item.split(":")
        first, _, last = span.partition("-")
        for cp in range(int(first, 16), int(last or first, 16) + 1):
            table[cp] = _C[name]
    return table


_EXCEPTION_TABLE = _parse_exceptions(_EXCEPTIONS)

_CATEGORY_CLASS = {
    "Mn": CM,
    "Mc": CM,
    "Me": CM,
    "Cc": CM,
    "Nd": _C["NU"],
    "Ps": _C["OP"],
    "Pe": _C["CL"],
    "Pi": _C["QU"],
    "Pf": _C["QU"],
}


def _category_class(cp: int) -> int:
    if 0xAC00 <= cp <= 0xD7A3:  # Hangul syllables: LV (H2) every 28th, else LVT (H3)
        return _C["H2"] if (cp - 0xAC00) % 28 == 0 else _C["H3"]
    if 0x1100 <= cp <= 0x115F or 0xA960 <= cp <= 0xA97C:
        return _C["JL"]
    if 0x1160 <= cp <= 0x11A7 or 0xD7B0 <= cp <= 0xD7C6:
        return _C["JV"]
    if 0x11A8 <= cp <= 0x11FF or 0xD7CB <= cp <= 0xD7FB:
        return _C["JT"]
    ch = chr(cp)
    found = _CATEGORY_CLASS.get(unicodedata.category(ch))
    if found is not None:
        return found
    return ID if unicodedata.east_asian_width(ch) in "WF" else _C["AL"]


class _ClassOf(dict[str, int]):
    """Character -> line-break class, filled on first use (a pure function, never stale).

    OPW is an opening bracket of East Asian width (（ 「 《): a letter may break
    before it (UAX #14 LB30 keeps only narrow brackets with the word before them).
    """

    def __missing__(self, ch: str) -> int:
        cp = ord(ch)
        value = _EXCEPTION_TABLE.get(cp)
        if value is None:
            value = _category_class(cp)
        if value == _C["OP"] and unicodedata.east_asian_width(ch) in "FWH":
            value = _C["OPW"]
        self[ch] = value
        return value


class _WidthOf(dict[str, int]):
    """Character -> columns it takes, as libunistring's uc_width counts them in UTF-8."""

    def __missing__(self, ch: str) -> int:
        cp = ord(ch)
        if cp < 0x20 or 0x7F <= cp < 0xA0:
            value = 0  # control characters count as nothing
        elif unicodedata.category(ch) in ("Mn", "Me", "Cf") or 0x1160 <= cp <= 0x11FF:
            value = 0
        elif unicodedata.east_asian_width(ch) in "WF":
            value = 2
        else:
            value = 1
        self[ch] = value
        return value


_CLASS_OF = _ClassOf()
_WIDTH_OF = _WidthOf()

# The pair table: may a line break between a character of class ``before`` and one of
# class ``after``? DIRECT: yes; INDIRECT: only if spaces come between them;
# PROHIBITED: no, not even across spaces. Derived from the rules of UAX #14 (LB11-LB31)
# for Unicode 14, the form libunistring 1.0 implements.
DIRECT, INDIRECT, PROHIBITED = 0, 1, 2


_LETTERS = ("AL", "HL")
# (before, after) pairs that may break only across spaces, from LB23 to LB30b.
_INDIRECT_PAIRS = {
    # LB23, LB23a, LB24
    *((x, "NU") for x in _LETTERS),
    *(("NU", x) for x in _LETTERS),
    ("PR", "ID"),
    ("PR", "EB"),
    ("PR", "EM"),
    ("ID", "PO"),
    ("EB", "PO"),
    ("EM", "PO"),
    *((p, x) for p in ("PR", "PO") for x in _LETTERS),
    *((x, p) for p in ("PR", "PO") for x in _LETTERS),
    # LB25
    ("CL", "PO"),
    ("CP", "PO"),
    ("CL", "PR"),
    ("CP", "PR"),
    ("NU", "PO"),
    ("NU", "PR"),
    ("PO", "OP"),
    ("PO", "NU"),
    ("PR", "OP"),
    ("PR", "NU"),
    ("HY", "NU"),
    ("IS", "NU"),
    ("NU", "NU"),
    ("SY", "NU"),
    # LB26, LB27
    ("JL", "JL"),
    ("JL", "JV"),
    ("JL", "H2"),
    ("JL", "H3"),
    ("JV", "JV"),
    ("JV", "JT"),
    ("H2", "JV"),
    ("H2", "JT"),
    ("JT", "JT"),
    ("H3", "JT"),
    *((x, "PO") for x in ("JL", "JV", "JT", "H2", "H3")),
    *(("PR", x) for x in ("JL", "JV", "JT", "H2", "H3")),
    # LB28, LB30, LB30a, LB30b (libunistring 1.0 lets a line break between "www." and
    # "example": it has no LB29, IS x AL)
    *((x, y) for x in _LETTERS for y in _LETTERS),
    ("AL", "OP"),
    ("HL", "OP"),
    ("NU", "OP"),
    ("CP", "AL"),
    ("CP", "HL"),
    ("CP", "NU"),
    ("RI", "RI"),
    ("EB", "EM"),
}


def _pair_rule(before: str, after: str) -> int:
    if before == "OPW":
        before = "OP"
    if after == "OPW" and before not in ("AL", "HL", "NU"):
        after = "OP"
    b, a = before, after
    if a == "WJ" or a in ("CL", "CP", "EX", "IS", "SY"):
        return PROHIBITED  # LB11, LB13
    if b == "OP":
        return PROHIBITED  # LB14
    if b == "QU" and a == "OP":
        return PROHIBITED  # LB15
    if b == "CL" and a == "NS":
        return PROHIBITED  # LB16 (libunistring 1.0 lets ") " break before NS)
    if b == "CP" and a == "NS":
        return INDIRECT
    if b == "B2" and a == "B2":
        return PROHIBITED  # LB17
    if b == "WJ" or b == "GL":
        return INDIRECT  # LB11, LB12
    if a == "GL":
        return DIRECT if b in ("BA", "HY") else INDIRECT  # LB12a
    if a == "QU" or b == "QU":
        return INDIRECT  # LB19
    if a in ("BA", "HY", "NS") or b == "BB":
        return INDIRECT  # LB21
    if b == "SY" and a == "HL":
        return INDIRECT  # LB21b
    if a == "IN":
        return INDIRECT  # LB22
    return INDIRECT if (b, a) in _INDIRECT_PAIRS else DIRECT  # LB31: break everywhere else


_PAIRS = [[_pair_rule(b, a) for a in _CLASS_NAMES] for b in _CLASS_NAMES]


# Classes only the character-by-character breaker handles (characters of no width,
# too: see ``line_starts_fast``).
_RARE = frozenset((BK, ZW, CM, ZWJ, RI))
# Added to a character's width in ``_WIDTH_CODES`` when only that breaker handles it.
_RARE_MARK = 4
_WITHOUT_RARE_MARK = bytes(code & ~_RARE_MARK for code in range(256))


class _WidthCodes(dict[int, str]):
    """Code point -> its width as one character (chr(0), chr(1) or chr(2)), plus
    ``_RARE_MARK`` when the character is of a class in ``_RARE`` or of no width: one
    pass over a text then tells both how wide it is and which breaker it needs."""

    def __missing__(self, cp: int) -> str:
        ch = chr(cp)
        value = chr(_WIDTH_OF[ch] | (0 if _fast_breaker_knows(ch) else _RARE_MARK))
        self[cp] = value
        return value


def _fast_breaker_knows(ch: str) -> bool:
    """Whether ``line_starts_fast`` handles ``ch``: one or two columns wide, and of a
    class that needs no look at the characters around it but the one before."""
    return _CLASS_OF[ch] not in _RARE and _WIDTH_OF[ch] > 0


_WIDTH_CODES = _WidthCodes()

# Runs of assigned code points, in the blocks news text is written in, whose characters
# all take the same width and are known to the fast breaker: (first, last, columns).
# No 256-code-point page holds runs of two widths, so for a text made of these
# characters alone the high byte of each code point tells its width (``measure``).
# The tests check every code point here against ``_WIDTH_OF`` and ``_fast_breaker_knows``.
_UNIFORM_RUNS = (
    (0x0020, 0x007E, 1),  # printable ASCII
    (0x00A0, 0x00AC, 1),  # Latin-1 signs and letters (not the soft hyphen, 0 columns)
    (0x00AE, 0x00FF, 1),
    (0x2000, 0x200A, 1),  # general punctuation: spaces
    (0x2010, 0x2027, 1),  # dashes, quotation marks, bullets, ellipsis
    (0x202F, 0x205F, 1),  # per mille, primes, reference marks
    (0x2070, 0x2071, 1),  # superscripts and subscripts
    (0x2074, 0x208E, 1),
    (0x2090, 0x209C, 1),
    (0x20A0, 0x20C0, 1),  # currency signs
    (0x2100, 0x218B, 1),  # letterlike symbols (the degree Celsius sign), number forms
    (0x2190, 0x22FF, 1),  # arrows, mathematical operators
    (0x2500, 0x25FC, 1),  # box drawing, geometric shapes
    (0x25FF, 0x25FF, 1),
    (0x3000, 0x3029, 2),  # CJK symbols and punctuation
    (0x3030, 0x3034, 2),
    (0x3036, 0x303E, 2),
    (0x3041, 0x3096, 2),  # hiragana
    (0x309B, 0x30FF, 2),  # katakana
    (0x3105, 0x312F, 2),  # bopomofo
    (0x3131, 0x318E, 2),  # Hangul compatibility jamo
    (0x3190, 0x31E3, 2),  # kanbun, CJK strokes
    (0x31F0, 0x321E, 2),  # katakana extension, enclosed CJK letters
    (0x3220, 0x3247, 2),
    (0x3250, 0x4DBF, 2),  # enclosed CJK, CJK compatibility (units), CJK ideographs extension A
    (0x4E00, 0x9FFF, 2),  # CJK unified ideographs
    (0xAC00, 0xD7A3, 2),  # Hangul syllables
    (0xFF01, 0xFF60, 2),  # fullwidth forms
    (0xFFE0, 0xFFE6, 2),
)


def _page_widths(runs: Sequence[tuple[int, int, int]]) -> bytes:
    """High byte of a code point -> the columns of the uniform runs in its page."""
    table = bytearray(256)
    for first, last, columns in runs:
        table[first >> 8 : (last >> 8) + 1] = bytes([columns]) * ((last >> 8) - (first >> 8) + 1)
    return bytes(table)


_PAGE_WIDTHS = _page_widths(_UNIFORM_RUNS)
_OUTSIDE_UNIFORM_RUNS = re.compile("[^" + "".join(f"\\u{first:04x}-\\u{last:04x}" for first, last, _ in _UNIFORM_RUNS) + "]")
# Characters known to the fast breaker (filled as they are met, a pure fact about
# each character).
_SAFE_CHARS: set[str] = set()


def _break_marks(text: str) -> list[int]:
    """For each character: 1 if a line may break before it, 2 if it is a hard break.

    Spaces stay at the end of the line they follow. A combining mark (or a control
    character, which Unicode classes the same) directly after a space may start a
    line and then acts as a letter; nothing breaks after a zero-width joiner.
    """
    marks = [0] * len(text)
    last = BK  # class of the last character that was not a space
    spaced = False  # whether spaces came after it
    joined = False  # whether the character before was a zero-width joiner
    flags = 0  # length of the current run of regional indicators
    pairs = _PAIRS
    for i, prop in enumerate([_CLASS_OF[ch] for ch in text]):
        if prop == SP:
            spaced = True
            joined = False
            continue
        if prop == BK:
            marks[i] = 2
            last, spaced, joined = BK, False, False
            continue
        if prop == ZW:
            last, spaced, joined = ZW, False, False
            continue
        if prop == CM or prop == ZWJ:
            if last == ZW:
                marks[i] = 1
                last = ID
            elif spaced and last != BK:
                marks[i] = 1
                last = AL
            elif last == BK:
                last = AL
            spaced = False
            joined = prop == ZWJ
            continue  # otherwise the mark belongs to the character before it
        if last == ZW:
            marks[i] = 1
        elif last != BK and not joined:
            rule = pairs[last][prop]
            if rule == DIRECT or (rule == INDIRECT and spaced):
                marks[i] = 1
            elif prop == RI and last == RI and flags % 2 == 0:
                marks[i] = 1  # regional indicators pair up into flags; break between flags
        flags = flags + 1 if prop == RI and last == RI and not spaced else 1
        last, spaced, joined = prop, False, False
    return marks


def line_starts(text: str, protected: Iterable[int], width: int, start_column: int) -> list[int]:
    """Where to break ``text`` (escaped) so lines fit ``width`` columns, GNU's way.

    Pieces run from one break opportunity to the next; a line takes pieces while they
    fit, and a piece wider than a whole line stands alone, overlong.
    """
    marks = _break_marks(text)
    for index in protected:
        marks[index] = 0
    columns = [_WIDTH_OF[ch] for ch in text]
    found: list[int] = []
    last_break = -1  # start of the current piece, if a break may go there
    column = start_column
    piece = 0
    for i, mark in enumerate(marks):
        if mark:
            if last_break >= 0 and column + piece > width:
                found.append(last_break)
                column = 0
            if mark == 2:
                last_break, column, piece = -1, 0, 0
                continue
            last_break = i
            column += piece
            piece = 0
        piece += columns[i]
    if last_break >= 0 and column + piece > width:
        found.append(last_break)
    return found


def widths(text: str) -> bytes | None:
    """Each character's width in columns as a byte; None for ASCII (one column each)."""
    return measure(text)[0]


def measure(text: str) -> tuple[bytes | None, bool]:
    """``widths(text)`` and ``plain(text)``, from one pass over the text."""
    if text.isascii():
        # Printable ASCII holds none of the rare classes (they are control characters there).
        return None, text.isprintable() or plain(text)
    if _OUTSIDE_UNIFORM_RUNS.search(text) is None:
        # Korean, Chinese or Japanese text with ASCII and common punctuation: every
        # character's width is that of its page, and the fast breaker knows each. In
        # UTF-16 (big-endian: high byte first, and no surrogates: the runs are all
        # below U+10000) every other byte is a page; three passes in C instead of a
        # table lookup per character in ``_measure_each``.
        return text.encode("utf-16-be")[::2].translate(_PAGE_WIDTHS), True
    return _measure_each(text)


def _measure_each(text: str) -> tuple[bytes | None, bool]:
    """``measure(text)`` for text that is not ASCII, character by character."""
    codes = text.translate(_WIDTH_CODES).encode("latin-1")
    if max(codes) < _RARE_MARK:
        return codes, True
    return codes.translate(_WITHOUT_RARE_MARK), False


def columns(sizes: bytes | None, length: int) -> int:
    """How many columns a text ``length`` characters long takes; ``sizes`` is ``widths``
    of the text. (Counted, not summed: a character takes 0, 1 or 2 columns.)"""
    return length if sizes is None else length + sizes.count(2) - sizes.count(0)


def breaks(
    text: str,
    protected: set[int],
    limit: int,
    start: int,
    sizes: bytes | None,
    *,
    first_only: bool = False,
    is_plain: bool | None = None,
) -> list[int]:
    """Where to cut ``text``, already known not to fit, so its lines fit ``limit`` columns.

    The first line starts at column ``start``; no cut goes before an index in
    ``protected``; ``sizes`` is ``widths(text)``, which the caller measured to see
    whether the text fits at all. With ``first_only``, only the first cut (if any):
    the cuts are found line by line, so it is the first of all of them.
    ``is_plain`` is ``plain(text)``, if the caller has it already.

    A text that is cut at all from some column is cut from any column further
    right: the lines only fill sooner (the tests check it).
    """
    if not (plain(text) if is_plain is None else is_plain):
        found = line_starts(text, protected, limit, start)
        return found[:1] if first_only else found
    return line_starts_fast(text, protected, limit, start, sizes, first_only=first_only)


def plain(text: str) -> bool:
    """Whether ``line_starts_fast`` can break ``text``: no marks, joiners, flags, hard
    breaks or characters of no width."""
    return _SAFE_CHARS.issuperset(text) or _note_safe(text)


def _note_safe(text: str) -> bool:
    """Whether ``text`` avoids the characters the fast path does not know; remember them."""
    unknown = set(text) - _SAFE_CHARS
    if not all(map(_fast_breaker_knows, unknown)):
        return False
    _SAFE_CHARS.update(unknown)
    return True


def line_starts_fast(
    text: str,
    protected: set[int],
    limit: int,
    start: int,
    sizes: bytes | None,
    *,
    first_only: bool = False,
) -> list[int]:
    """``line_starts`` for ``plain`` text: without marks, joiners, flags, hard breaks
    or characters of no width; ``start`` is at most ``limit``.

    Instead of classifying every position it measures how far each line can reach
    and walks back from there to the nearest break opportunity, so a paragraph costs
    a few checks per line rather than a few per character.
    """
    n = len(text)
    # The text laid out a byte a column: each character's width, and a 0 for the
    # second column of a wide one (None for ASCII, a column a character). Every
    # character takes one column or two, so how far a line reaches is two counts in
    # C, not a sum character by character.
    cells = None if sizes is None else sizes.replace(b"\x02", b"\x02\x00")
    pairs = _PAIRS
    class_of = _CLASS_OF

    def may_break(i: int) -> bool:
        after = class_of[text[i]]
        if after == SP or i in protected:
            return False
        j = i - 1
        while j >= 0 and class_of[text[j]] == SP:
            j -= 1
        if j < 0:
            return False  # never at the start of the text
        rule = pairs[class_of[text[j]]][after]
        return rule == DIRECT or (rule == INDIRECT and j < i - 1)

    found: list[int] = []
    line = 0
    # Where this line's room ends, in columns from the start of the text.
    room_end = limit - start
    while True:
        # The furthest end this line can reach without passing the limit: the last
        # character to start at or before ``room_end`` (the cells up to there, less
        # the second columns of wide characters among them, less one).
        if cells is None:
            reach = room_end
        elif room_end >= len(cells):
            reach = n
        else:
            reach = room_end - cells.count(0, 0, room_end + 1)
        if reach >= n:
            return found
        cut = reach
        while cut > line and not may_break(cut):
            cut -= 1
        if cut == line:  # the first piece alone is too wide: it stands alone
            cut = reach + 1
            while cut < n and not may_break(cut):
                cut += 1
            if cut >= n:
                return found
        found.append(cut)
        if first_only:
            return found
        line = cut
        room_end = limit + (cut if sizes is None else cut + sizes.count(2, 0, cut))  # the columns before it, plus a line
