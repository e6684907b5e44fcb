"""PO text exactly as GNU gettext prints it: ``format_po`` and ``format_entry``.

``format_po`` produces the bytes ``msgcat`` (GNU gettext 0.21, default options, page
width 79) prints for the same entries: the same escapes, flag order and reference
lines, and strings cut where GNU cuts them (linebreak.py says where a line may
break). So neither msgcat nor Poedit reflows a file we wrote, and re-running the
tool rewrites nothing.

Must not touch: files, polib or the catalog model. It takes ``PoEntry`` values
(catalog.py makes them from its entries) and returns text; saving only when the
bytes change is the caller's business.

Why hand-written: polib's writer (``POFile.__unicode__``) wraps with ``textwrap``
at spaces and counts characters rather than columns, so msgcat reflows every long
Korean line it writes (of 200 generated news catalogs msgcat prints none as polib
wrote it, all 200 as we do). It is also the faster: ``python bench/po_formats.py``
formats one catalog of 2,000 news entries in 31 ms, polib's ``__unicode__`` in 97 ms
(best of 25 rounds, one run on a quiet two-core machine).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from l10n.po import linebreak

PAGE_WIDTH = 79


class PoEntry(NamedTuple):
    """One PO entry as the writer sees it (``catalog.py`` makes them from its entries).

    ``tcomments`` are translator comments (``# ``), ``comments`` extracted ones
    (``#.``), ``references`` are ``file:line`` or ``file``. The header is the entry
    whose ``msgid`` is empty.

    A named tuple, not a frozen dataclass: every catalog written makes one per
    entry, and with thirteen fields a tuple is made in under half the time (as
    formats/html_tokens.py's tokens are).
    """

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: tuple[str, ...] = ()
    tcomments: tuple[str, ...] = ()
    comments: tuple[str, ...] = ()
    references: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    previous_msgctxt: str | None = None
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False


_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\a": "\\a",
    "\b": "\\b",
    "\f": "\\f",
    "\v": "\\v",
}
_ESCAPE_TABLE = str.maketrans(_ESCAPES)
# The same, keeping a line feed after each escaped newline to cut the text at.
_CUTTING_ESCAPE_TABLE = str.maketrans({**_ESCAPES, "\n": "\\n\n"})


def _has_rare_escape(value: str) -> bool:
    """Whether ``value`` holds one of the escapes a PO string rarely needs (tab,
    carriage return, bell, backspace, form feed, vertical tab): without them,
    three replaces escape it.

    Six ``in`` tests, each a scan in C that skips ahead like memchr: a tenth of
    what the character class ``[\\t\\r\\a\\b\\f\\v]`` took on a catalog header
    (0.5 against 6 us), which tests every character against the class, and a
    third on a news paragraph. test_pofile holds the two equal.
    """
    return "\t" in value or "\r" in value or "\a" in value or "\b" in value or "\f" in value or "\v" in value


def _needs_escape(value: str) -> bool:
    """Whether ``value`` holds any character a PO string escapes (``_ESCAPES``),
    looked for as ``_has_rare_escape`` looks."""
    return "\\" in value or '"' in value or "\n" in value or _has_rare_escape(value)


def escape(value: str) -> str:
    """``value`` as it appears between the quotes of a PO string."""
    if not _has_rare_escape(value):
        # Each replace is one scan in C; translate looks every character up in the
        # table, five times as long on a header line ("Language: ko\n", ten a
        # catalog). Backslashes go first, so that those the other two add stay single.
        return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return value.translate(_ESCAPE_TABLE)


def _escaped_portions(value: str) -> list[str]:
    """``value`` escaped and cut after each newline: one portion a line of its own.

    Escaped at once, each newline followed by a line feed that ``split`` cuts at (an
    escaped value holds no other), rather than cut first and escaped piece by piece:
    a header's ten fields are ten portions.
    """
    if not _has_rare_escape(value):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n\n")
    else:
        escaped = value.translate(_CUTTING_ESCAPE_TABLE)
    portions = escaped.split("\n")
    if not portions[-1]:
        portions.pop()  # the value ends in a newline: so does its last portion
    return portions


def format_string(keyword: str, value: str, prefix: str = "", *, wrap: bool = True, width: int = PAGE_WIDTH) -> str:
    """``keyword "value"`` with GNU's line splitting, each line ending in a newline.

    A value is cut after every ``\\n``; a piece too wide for the page is broken at
    Unicode line-break opportunities. Whenever the value takes more than one line,
    the first line is ``keyword ""``.
    """
    if not value:
        return f'{prefix}{keyword} ""\n'  # an untranslated msgstr, whatever the page
    # Continuation lines start with the prefix and a quote; the closing quote must fit.
    limit = (width if wrap else 1 << 30) - 2 - len(prefix)
    # Nothing to escape means no newline either: the value is one portion, as it is.
    as_it_is = not _needs_escape(value)
    if as_it_is and len(keyword) + 1 + _widest(value) <= limit:
        # Fits after its keyword however wide its characters are: one line, as the loop
        # below would make it (a short heading or table cell).
        return f'{prefix}{keyword} "{value}"\n'
    portions = [value] if as_it_is else _escaped_portions(value)
    if len(portions) > 1 and (1 if value.isascii() else 2) * max(map(len, portions)) <= limit:
        # Several lines, each of which fits on a line of its own however wide its
        # characters are: the loop below would print the keyword with "" and then
        # each as it is (a header's fields), without a cut to look for.
        return f'{prefix}{keyword} ""\n' + "".join([f'{prefix}"{text}"\n' for text in portions])
    ends_in_newline = value.endswith("\n")
    lines: list[str] = []
    first = True
    last = len(portions) - 1
    for number, text in enumerate(portions):
        if first and number < last:  # more portions to come: the value starts on the next line
            lines.append(f'{prefix}{keyword} ""\n')
            first = False
        if not first and _widest(text) <= limit:
            # On a line of its own, it fits however wide its characters are: no cut
            # to look for (a header field, a short line of a longer value).
            lines.append(f'{prefix}"{text}"\n')
            continue
        # Measured once, whichever line it starts on.
        piece = _Piece(text, ends_in_newline=number < last or ends_in_newline)
        cuts: list[int] | None = None  # where to cut it, once known
        if first:  # the value's one portion
            if piece.fits(limit, len(keyword) + 1):
                after_keyword, cuts = True, []
            else:
                # Too wide to follow the keyword: it starts on the next line if it
                # would be cut there. A text cut from the start of a line would be
                # cut after the keyword too (linebreak.breaks), so those cuts, the
                # ones it gets, are mostly all there is to find; only when there are
                # none is the first cut after the keyword looked for.
                cuts = piece.breaks(limit, 0)
                after_keyword = not cuts and not piece.breaks(limit, len(keyword) + 1, first_only=True)
            if not after_keyword:
                lines.append(f'{prefix}{keyword} ""\n')
                first = False
        if cuts is None:
            cuts = piece.breaks(limit, len(keyword) + 1 if first else 0)
        head = f'{prefix}{keyword} "' if first else f'{prefix}"'
        first = False
        begin = 0
        for cut in cuts:
            lines.append(f'{head}{text[begin:cut]}"\n')
            head, begin = f'{prefix}"', cut
        lines.append(f'{head}{text[begin:]}"\n')
    return "".join(lines)


def _widest(text: str) -> int:
    """The most columns ``text`` can take: one a character if it is ASCII (control
    characters take none), else two (linebreak.widths: 0, 1 or 2 a character).
    ``isascii`` is a flag the string carries: asking costs nothing."""
    return len(text) if text.isascii() else 2 * len(text)


class _Piece:
    """One escaped portion of a value, measured on first need and only once: a value
    that does not fit after its keyword is placed twice (after ``msgid ""``, again)."""

    __slots__ = ("columns", "ends_in_newline", "plain", "protected", "sizes", "text")

    def __init__(self, text: str, *, ends_in_newline: bool) -> None:
        self.text = text
        self.ends_in_newline = ends_in_newline  # with an escaped newline, "\\n"
        self.sizes: bytes | None = None  # linebreak.widths(text), once measured
        self.columns = -1  # its width, once measured
        self.plain = False  # linebreak.plain(text), once measured
        self.protected: set[int] | None = None  # where no cut may go, once found

    def fits(self, limit: int, start: int) -> bool:
        """Whether it fits on a line starting at column ``start``."""
        text = self.text
        if start + _widest(text) <= limit:
            return True  # fits however wide its characters are: no need to measure
        if self.columns < 0:
            # Measured once, for the fit and for the breaker, which it also chooses.
            self.sizes, self.plain = linebreak.measure(text)
            self.columns = linebreak.columns(self.sizes, len(text))
        return start + self.columns <= limit

    def breaks(self, limit: int, start: int, *, first_only: bool = False) -> list[int]:
        """Where to cut it on a line starting at column ``start``; with ``first_only``,
        no more than the first of those cuts (enough to know whether it is cut)."""
        if self.fits(limit, start):
            return []  # the common case, decided without looking for break points
        text = self.text
        if self.protected is None:
            # No break inside an escape sequence, nor just before a final "\\n" (GNU keeps it
            # with the text it ends).
            self.protected = set()
            index = text.find("\\")
            while index >= 0:
                self.protected.add(index + 1)
                index = text.find("\\", index + 2)
            if self.ends_in_newline:
                self.protected.add(len(text) - 2)
        return linebreak.breaks(text, self.protected, limit, start, self.sizes, first_only=first_only, is_plain=self.plain)


# Flags GNU gettext knows, in the order it prints them; it drops any other flag.
_FORMATS = (
    "c objc python python-brace java java-printf csharp javascript scheme lisp elisp "
    "librep ruby sh awk lua object-pascal smalltalk qt qt-plural kde kde-kuit boost tcl "
    "perl perl-brace php gcc-internal gfc-internal ycp"
).split()
_FLAG_ORDER = {
    "fuzzy": 0,
    **{f"{name}-format": 1 + 3 * i for i, name in enumerate(_FORMATS)},
    **{f"no-{name}-format": 1 + 3 * i for i, name in enumerate(_FORMATS)},
    **{f"possible-{name}-format": 1 + 3 * i for i, name in enumerate(_FORMATS)},
    "wrap": 1000,
    "no-wrap": 1000,
}
_RANGE_ORDER = 999


def _flag_rank(flag: str) -> int | None:
    if flag in _FLAG_ORDER:
        return _FLAG_ORDER[flag]
    if flag.startswith("range:"):
        return _RANGE_ORDER
    return None


def _flags_line(flags: Sequence[str]) -> str:
    known = []
    for flag in dict.fromkeys(flags):
        rank = _flag_rank(flag)
        if rank is not None:
            known.append((rank, flag))
    if not known:
        return ""
    known.sort(key=lambda item: item[0])
    return "#, " + ", ".join(flag for _, flag in known) + "\n"


def _comment_lines(marker: str, comments: Sequence[str]) -> str:
    lines = "\n".join(comments).split("\n")
    if all(lines):  # the usual comments: no empty line, so each is marker, space, text
        return f"{marker} " + f"\n{marker} ".join(lines) + "\n"
    return "".join([f"{marker} {text}\n" if text else f"{marker}\n" for text in lines])


# GNU gettext 0.20+ encloses a file name with white space in a reference between
# FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE, so that "#: a b.md:3" cannot be
# read as two files; readers (lexer.split_references) take the marks off again.
ISOLATE_START = "\u2068"
ISOLATE_END = "\u2069"
_WHITE_SPACE = re.compile(r"\s")


def quote_reference(ref: str) -> str:
    """``content/a b.md:3`` -> ``⁨content/a b.md⁩:3``; names without white space unchanged."""
    name, colon, line = ref.rpartition(":")
    if not (colon and line.isdigit()):
        name, line = ref, ""
    if _WHITE_SPACE.search(name) is None:  # the common case; \s is exactly str.isspace
        return ref
    return f"{ISOLATE_START}{name}{ISOLATE_END}" + (f":{line}" if line else "")


def _references_line(references: Sequence[str], width: int) -> str:
    if len(references) == 1:  # the usual entry: one line, never wrapped (see below)
        ref = references[0]
        # The usual reference: nothing to quote or take off. Of the characters \s
        # matches (str.isspace), only the space is printable (the tests check).
        if " " not in ref and ref.isprintable() and not ref.startswith("./"):
            return f"#: {ref}\n"
        return f"#: {quote_reference(_without_dot_slash(ref))}\n"
    # GNU counts bytes here, not columns.
    out = ["#:"]
    column = 2
    for plain in dict.fromkeys(map(_without_dot_slash, references)):
        ref = quote_reference(plain)
        size = len(ref.encode("utf-8")) + 1
        if column > 2 and column + size > width:
            out.append("\n#:")
            column = 2
        out.append(" ")
        out.append(ref)
        column += size
    out.append("\n")
    return "".join(out)


def _without_dot_slash(ref: str) -> str:
    """A reference as GNU writes it: without a leading "./"."""
    return ref[2:] if ref.startswith("./") else ref


def format_entry(entry: PoEntry, width: int = PAGE_WIDTH) -> str:
    """One entry as GNU gettext prints it (no separating blank line).

    An obsolete entry without a translation carries nothing and prints as ``""``, as
    msgcat drops it.
    """
    if entry.obsolete:
        first_msgstr = entry.msgstr_plural[0] if entry.msgid_plural is not None else entry.msgstr
        if not first_msgstr:
            return ""
    out = []
    if entry.tcomments:
        out.append(_comment_lines("#", entry.tcomments))
    if entry.comments:
        out.append(_comment_lines("#.", entry.comments))
    if entry.references:
        out.append(_references_line(entry.references, width))
    wrap = True
    if entry.obsolete:
        if "fuzzy" in entry.flags:
            out.append("#, fuzzy\n")
        prev, prefix = "#~| ", "#~ "
    else:
        flags = entry.flags
        if flags:  # most entries have none: no flag line, and wrapped
            first_msgstr = entry.msgstr_plural[0] if entry.msgstr_plural else entry.msgstr
            if not first_msgstr and "fuzzy" in flags:
                flags = tuple(flag for flag in flags if flag != "fuzzy")  # GNU: nothing to doubt
            out.append(_flags_line(flags))
            wrap = "no-wrap" not in entry.flags
        prev, prefix = "#| ", ""
    if entry.previous_msgctxt is not None:
        out.append(format_string("msgctxt", entry.previous_msgctxt, prev, wrap=wrap, width=width))
    if entry.previous_msgid is not None:
        out.append(format_string("msgid", entry.previous_msgid, prev, wrap=wrap, width=width))
    if entry.previous_msgid_plural is not None:
        out.append(format_string("msgid_plural", entry.previous_msgid_plural, prev, wrap=wrap, width=width))
    if entry.msgctxt is not None:
        out.append(format_string("msgctxt", entry.msgctxt, prefix, wrap=wrap, width=width))
    out.append(format_string("msgid", entry.msgid, prefix, wrap=wrap, width=width))
    if entry.msgid_plural is not None:
        out.append(format_string("msgid_plural", entry.msgid_plural, prefix, wrap=wrap, width=width))
        for index, text in enumerate(entry.msgstr_plural):
            out.append(format_string(f"msgstr[{index}]", text, prefix, wrap=wrap, width=width))
    elif entry.msgstr:
        out.append(format_string("msgstr", entry.msgstr, prefix, wrap=wrap, width=width))
    else:
        out.append(f'{prefix}msgstr ""\n')  # what format_string makes of it, without the call
    return "".join(out)


def extracted_comment_lines(comment: str) -> str:
    """The ``#.`` lines of an entry's extracted comments, joined by ``\\n`` in ``comment``."""
    return _comment_lines("#.", comment.split("\n")) if comment else ""


def format_untranslated(msgid: str, msgctxt: str | None, comment_lines: str, references: Sequence[str]) -> str:
    """``format_entry`` of a live entry with nothing but a msgid, its context, its
    extracted comments (``comment_lines``: ``extracted_comment_lines``) and its
    references: an entry as extraction first makes it, at the page width.

    The comment lines come printed: an article's entries share most of theirs (the
    block kind and the ``article:`` line), which a new catalog then prints once per
    kind, not once per entry. test_writer holds this equal to ``format_entry``.
    """
    references_line = _references_line(references, PAGE_WIDTH) if references else ""
    context = format_string("msgctxt", msgctxt) if msgctxt is not None else ""
    return f'{comment_lines}{references_line}{context}{format_string("msgid", msgid)}msgstr ""\n'


def format_po(entries: Iterable[PoEntry], width: int = PAGE_WIDTH) -> str:
    """A whole PO file: entries in the given order, separated by blank lines."""
    return "\n".join(filter(None, [format_entry(entry, width) for entry in entries]))
