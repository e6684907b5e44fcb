"""The strict PO reader: one pass that checks a file and yields its entries.

``parse_po`` accepts a file only if every non-blank line is a comment, a keyword
with one quoted string or a continuation string, keywords come in PO order, escapes
are ones GNU decodes, no two live entries share msgctxt and msgid, no plural entry
has more forms than the header's ``nplurals``, the file neither is empty nor ends
inside an entry, and the bytes are UTF-8 (a declared charset must say so). Each
refusal is an ``L10nError`` naming the file, the line and the fix. On the way it
builds every entry (``entry.Entry``) and the header comment, so a catalog is read
once: catalog.py makes the model from what it returns. ``check_po`` and
``read_translations`` run the strict checks alone, without building entries or the
refusals that guard them (the build needs four fields of each entry, and the
checks have them at hand).

Entries come out exactly as polib 1.2 read them before this module built them, so
every catalog is rewritten byte for byte as before; what polib refused, or would
have attached to another entry than the lines say (a comment between msgstr[0] and
msgstr[1], a string continuing a ``#|`` line without ``#|``), is refused here with
its line, after every other check of the file has passed.

Must not touch: files (callers pass bytes and the name to show), the catalog model,
the writer, or any third-party library. It raises; it never prints.

Why hand-written: polib reads broken files without complaint, dropping or garbling
what it cannot parse (a duplicate entry shadows the first; an unknown keyword's
text vanishes), and names neither file nor line when it does fail; checking first
and then parsing with polib read every catalog twice. Measured with ``python
bench/po_formats.py`` on 200 generated news catalogs (4,200 entries, 1.9 MiB),
``read_catalog`` takes 100-108 ms where the check followed by ``polib.pofile`` took
186-204 ms (the check alone: 73-77 ms; best of 25 rounds, three runs on a busy
two-core machine).

Why two readers: every command reads every catalog, and the line-by-line lexer
spent 190-250 us of CPU on each of a newsroom's catalogs (about 110 lines). Files
laid out as GNU gettext and this tool write them are read first by one regular
expression per entry (``_read_plain``), which gives up on anything else; measured
with ``python bench/po_read.py`` on the 321 catalogs of a 300-article project from
bench/status_check.py and tests/fixtures, ``parse_po`` takes 73-76 us per catalog
where the lexer alone took 239-256 us, ``read_translations`` 50-70 us where it took
182-203 us (best of 20 rounds, old and new runs alternated on a busy two-core
machine). On the 200 catalogs of ``python bench/po_formats.py --rounds 10``,
``read_catalog`` now takes 31-32 ms where it took 93-106 ms.
"""

from __future__ import annotations

import re
import sys
from typing import NamedTuple

from l10n.errors import L10nError
from l10n.frozen import filler_of
from l10n.po.entry import Entry

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[\s\"])\s*(.*)$")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"\s*$')
_UNESCAPES = {
    "\\": "\\",
    '"': '"',
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "v": "\v",
    "b": "\b",
    "f": "\f",
    "a": "\a",
}
_UNESCAPE = re.compile(r"\\(.)")
# A reference on a "#:" line: a file name GNU gettext 0.20+ enclosed in U+2068 and
# U+2069 because it has white space (then ":line"), or a run without white space.
_REFERENCE = re.compile("\u2068([^\u2069]*)\u2069(\\S*)|(\\S+)")
_CHARSET = re.compile(r"charset=\s*([^\s;]+)", re.IGNORECASE)
_NPLURALS = re.compile(r"Plural-Forms:[^\n]*?nplurals\s*=\s*(\d+)", re.IGNORECASE)


class _Notes:
    """The comment lines and previous strings (``#|``) of one entry, as they come."""

    __slots__ = ("comments", "flags", "last_previous", "line", "previous", "references", "tcomments")

    def __init__(self, line: int) -> None:
        self.line = line  # the entry's first line
        self.tcomments: list[str] = []
        self.comments: list[str] = []
        self.references: list[str] = []
        self.flags: list[str] = []
        self.previous: dict[str, str] = {}  # msgctxt/msgid/msgid_plural -> text
        self.last_previous = ""  # the keyword a "#|" continuation string extends


class _Entry:
    """What the lexer has seen of the entry it is reading."""

    def __init__(self, obsolete: bool, flags: frozenset[str]) -> None:
        self.obsolete = obsolete
        self.flags = flags
        self.keywords: list[str] = []
        self.values: dict[str, list[str]] = {}
        self.msgid_line = 0
        self.complete = False  # a msgstr or msgstr[N] line has been read
        self.notes: _Notes | None = None  # parse_po only
        self.msgid_obsolete = obsolete  # whether its msgid line is "#~" (parse_po only)


# A named tuple, not a frozen dataclass: made at import, a dataclass costs start-up
# half a millisecond (each of its methods is compiled from source).
class Translation(NamedTuple):
    """What the strict reader learns of each live entry on the way: enough to build with."""

    msgctxt: str | None
    msgid: str
    msgstr: str
    fuzzy: bool


class Parsed(NamedTuple):  # a named tuple, as Translation
    """A PO file's entries in file order (header and obsolete ones included), and the
    translator comment lines above its first entry, joined by ``\\n``."""

    header_comment: str
    entries: tuple[Entry, ...]


def parse_po(data: bytes, display: str) -> Parsed:
    """Check ``data`` like ``check_po`` and return everything in it."""
    text = _decode(data, display)
    quick = _read_plain(text.removeprefix("\ufeff"), build=True)
    if quick is not None:
        return Parsed("\n".join(quick.header), tuple(quick.entries))
    model = _Model(display, "\r" in text)
    _Lexer(display, None, model).run(text.removeprefix("\ufeff").split("\n"))
    return Parsed("\n".join(model.header), tuple(model.entries))


def read_translations(data: bytes, display: str) -> list[Translation]:
    """Check ``data`` like ``check_po`` and return its live singular entries (no header).

    The build only needs msgctxt, msgid, msgstr and the fuzzy flag; the strict check
    has them in hand already, so the build never pays for a second parse.
    """
    text = _decode(data, display).removeprefix("\ufeff")
    quick = _read_plain(text, build=False)
    if quick is not None:
        return quick.translations
    found: list[Translation] = []
    _Lexer(display, found, None).run(text.split("\n"))
    return found


def check_po(data: bytes, display: str) -> None:
    """Raise L10nError (file, line, hint) unless ``data`` is a PO file we read safely.

    Every non-blank line must be a comment, a keyword with one quoted string, or a
    continuation string; keywords must come in PO order; escapes must be ones GNU
    decodes; no two live entries may share msgctxt and msgid; the bytes must be UTF-8
    (and a declared charset must say so).
    """
    text = _decode(data, display).removeprefix("\ufeff")
    if _read_plain(text, build=False) is None:
        _Lexer(display, None, None).run(text.split("\n"))


def _decode(data: bytes, display: str) -> str:
    """``data`` as text, or L10nError at the NUL byte or the first byte that is not UTF-8."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise L10nError(
            "contains a NUL byte",
            path=display,
            line=data.count(b"\n", 0, nul) + 1,
            hint="this is not a text PO file; restore it from version control",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise L10nError(
            f"is not valid UTF-8 (byte 0x{data[error.start]:02x})",
            path=display,
            line=data.count(b"\n", 0, error.start) + 1,
            hint="catalogs must be UTF-8; convert it with: msgconv --to-code=UTF-8",
        ) from None


def cut_short_hint(display: str) -> str:
    """What to do about a catalog that lost its end."""
    return (
        "it was emptied or cut short; restore it from version control "
        f"(git checkout -- {display}), or delete it and run `l10n extract` to start over"
    )


# The quick reader. Nearly every catalog a newsroom keeps is laid out as GNU gettext
# and this tool write it: entries separated by blank lines, each one a run of
# comment lines in GNU's order, then msgctxt, msgid and msgstr (all "#~ " for an
# obsolete entry), every line free of stray white space. One regular expression
# reads such an entry whole, where the lexer spends a dozen calls on each line.
# It reads only what the lexer accepts and reads the same way; anything else
# (plural forms, "#~|" lines, a stray space or "\r", an error of any kind) makes it
# give up, and the lexer reads the file from the start, with its exact errors.
# tests/test_po_reader_identical.py holds it to what the lexer returned before it.
_PLAIN_STRING = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
_PLAIN_ENTRY_PATTERN = r"""
    (?P<tcomments>(?:\#(?:\ TEXT)?\n)*)       # "#" alone, or "# " and text
    (?P<comments>(?:\#\.\ TEXT\n)*)
    (?P<references>(?:\#:\ TEXT\n)*)
    (?P<flags>(?:\#,\ TEXT\n)*)
    (?P<previous>(?:\#\|\ (?:msgctxt|msgid_plural|msgid)\ STRING\n(?:\#\|\ STRING\n)*)*)
    (?:
        (?:msgctxt\ (?P<msgctxt>STRING(?:\nSTRING)*)\n)?
        msgid\ (?P<msgid>STRING(?:\nSTRING)*)\n
        msgstr\ (?P<msgstr>STRING(?:\nSTRING)*)
    |
        (?:\#~\ msgctxt\ (?P<old_msgctxt>STRING(?:\n\#~\ STRING)*)\n)?
        \#~\ msgid\ (?P<old_msgid>STRING(?:\n\#~\ STRING)*)\n
        \#~\ msgstr\ (?P<old_msgstr>STRING(?:\n\#~\ STRING)*)
    )
    (?:\n\n+|\n?\Z)                            # blank lines, or the end of the file
"""


def _plain_entry(possessive: bool) -> re.Pattern[str]:
    """The pattern of a plain entry; ``possessive``: the same, read a quarter faster.

    A comment's TEXT is a line's rest that ends in a character other than white space
    (so "#." alone, or with only spaces, is not one). Possessive repetitions (``*+``:
    what one has taken is never given back) spare the regex engine recording a way
    back into every line and string. They find what the greedy ones find because
    nothing a repetition takes could start what follows it: the comment groups take
    lines by their heads ("#" alone or "# ", "#.", "#:", "#,", "#|"), which nothing
    after them starts with; a string's characters stop at the quote or backslash that
    must come next; the strings continuing a keyword start with '"' (or '#~ "'), and
    the keyword after them does not. The lookbehind then checks the last character of
    a comment's text, where ``\\S`` matched it by giving one character back.
    """
    pattern = _PLAIN_ENTRY_PATTERN.replace("STRING", _PLAIN_STRING)
    if possessive:
        pattern = pattern.replace("TEXT", r"[^\n]*(?<=\S)").replace("*", "*+")
    else:
        pattern = pattern.replace("TEXT", r"[^\n]*\S")
    return re.compile(pattern, re.VERBOSE)


# Before Python 3.11.5 a possessive repetition that failed half way could keep what it
# had taken (CPython issues 100061 and 106052), so older versions read greedily.
_PLAIN_ENTRY = _plain_entry(possessive=sys.version_info >= (3, 11, 5))


class _NotPlain(Exception):
    """The quick reader met something only the lexer reads (or refuses) right."""


class _Plain(NamedTuple):  # its lists grow in place
    header: list[str]  # the header comment's lines
    entries: list[Entry]  # when asked to build them
    translations: list[Translation]


def _read_plain(text: str, build: bool) -> _Plain | None:
    """What the lexer makes of ``text`` (entries if ``build``, else translations),
    or None unless ``text`` is a plain catalog (see above) that it accepts."""
    if "\r" in text:
        if text.count("\r") != text.count("\r\n"):
            return None  # a carriage return inside a line, which the lexer refuses
        text = text.replace("\r\n", "\n")  # the lexer takes one "\r" off each line
    try:
        return _read_plain_entries(text, build)
    except _NotPlain:
        return None


def _read_plain_entries(text: str, build: bool) -> _Plain:
    plain = _Plain([], [], [])
    add_entry = plain.entries.append
    seen: set[tuple[str | None, str]] = set()
    position = len(text) - len(text.lstrip("\n"))
    line = position + 1  # where the entry being read starts
    end = len(text)
    match = _PLAIN_ENTRY.match
    string = _plain_string
    first = True
    while position < end:
        found = match(text, position)
        if found is None:
            raise _NotPlain
        tcomments, comments, references, flags, previous, msgctxt, msgid, msgstr, *old = found.groups()
        obsolete = msgid is None
        joint = '"\n"'
        if obsolete:
            msgctxt, msgid, msgstr = old
            joint = '"\n#~ "'
        context = None if msgctxt is None else string(msgctxt, joint)
        source = string(msgid, joint)
        target = string(msgstr, joint)
        header = first and source == "" and context is None
        if header:
            charset = _CHARSET.search(target)
            if charset and charset.group(1).lower() not in ("utf-8", "utf8"):
                raise _NotPlain
        # Read (and checked) even when not built: a bad escape in one makes the lexer refuse the file.
        notes = _plain_previous(previous) if previous else _NO_PREVIOUS
        # Each group is whole lines, each "#x " and text without a newline, so joining
        # a group's texts is cutting the heads off its lines.
        flag_list = [flag.strip() for flag in flags[3:-1].replace("\n#, ", ",").split(",")] if flags else []
        if build:
            tcomment = ""
            if first:
                # Translator comments above the first entry are the file's header comment.
                for comment in tcomments.split("\n")[:-1]:
                    _add_line(plain.header, comment[2:])
            elif tcomments.find("\n") == len(tcomments) - 1:
                # One line ("#" alone or "# " and text; or none): what _add_line keeps of it.
                tcomment = tcomments[2:-1]
            else:
                texts: list[str] = []
                for comment in tcomments.split("\n")[:-1]:
                    _add_line(texts, comment[2:])
                tcomment = "\n".join(texts)
            add_entry(
                _new_entry(
                    source,
                    target,
                    context,
                    tuple(flag_list),
                    tcomment,
                    comments[3:-1].replace("\n#. ", "\n"),
                    _plain_references(references) if references else (),
                    notes.get("msgctxt"),
                    notes.get("msgid"),
                    notes.get("msgid_plural"),
                    obsolete,
                    line + tcomments.count("\n") if first else line,
                )
            )
            line += text.count("\n", position, found.end())
        first = False
        position = found.end()
        if obsolete:
            continue  # msgfmt skips it: it may repeat a live key, and nothing builds with it
        key = (context, source)
        if key in seen:
            raise _NotPlain  # a duplicate: the lexer says where the first one is
        seen.add(key)
        if not header and not build:
            plain.translations.append(Translation(context, source, target, "fuzzy" in flag_list))
    if first:
        raise _NotPlain  # no entry at all
    return plain


_NO_PREVIOUS: dict[str, str] = {}


def _new_entry(
    msgid: str,
    msgstr: str,
    msgctxt: str | None,
    flags: tuple[str, ...],
    tcomment: str,
    comment: str,
    references: tuple[str, ...],
    previous_msgctxt: str | None,
    previous_msgid: str | None,
    previous_msgid_plural: str | None,
    obsolete: bool,
    line: int,
) -> Entry:
    """``Entry(...)`` with these fields (no plural forms) in half the time, without
    Entry's ``__init__`` (``frozen.filler_of``): a catalog's entries are most of what
    reading it makes. Every field is given; test_po_reader_identical checks that
    these entries equal, field for field, the ones ``__init__`` makes.
    """
    return _fill_entry(
        msgid=msgid,
        msgstr=msgstr,
        msgctxt=msgctxt,
        msgid_plural=None,
        msgstr_plural=(),
        flags=flags,
        tcomment=tcomment,
        comment=comment,
        references=references,
        previous_msgctxt=previous_msgctxt,
        previous_msgid=previous_msgid,
        previous_msgid_plural=previous_msgid_plural,
        obsolete=obsolete,
        line=line,
    )


_fill_entry = filler_of(Entry)


def _plain_string(strings: str, joint: str) -> str:
    """The text of a keyword's strings (``"a"\\n"b"``), each line checked by the pattern."""
    body = strings[1:-1]
    if "\n" in body:
        body = body.replace(joint, "")  # every newline in ``strings`` ends a line
    if "\\" not in body:
        return body
    if "\\" not in body.replace("\\n", ""):
        return body.replace("\\n", "\n")  # every backslash starts a "\n": the header's case
    if "\\\\" not in body:
        # Without an escaped backslash, every backslash starts an escape with the
        # character after it, and no two escapes overlap: each escape can be replaced
        # on its own. Quotes and line breaks are what translations escape; any other
        # escape left over goes through the pattern, which also refuses unknown ones.
        decoded = body.replace('\\"', '"').replace("\\n", "\n")
        if "\\" not in decoded:
            return decoded
    return _UNESCAPE.sub(_plain_unescape, body)


def _plain_unescape(escape: re.Match[str]) -> str:
    character = _UNESCAPES.get(escape.group(1))
    if character is None:
        raise _NotPlain  # an escape GNU does not decode: the lexer names its line
    return character


def _plain_references(lines: str) -> tuple[str, ...]:
    """The references of an entry's ``#:`` lines."""
    if "\u2068" in lines:  # a file name with white space: split_references reads it
        return tuple(ref for line in lines.split("\n")[:-1] for ref in split_references(line[3:]))
    return tuple(lines[3:].replace("\n#: ", "\n").split())  # what split_references finds in each line


def _plain_previous(lines: str) -> dict[str, str]:
    """The ``#|`` lines of an entry: keyword -> text, as ``_Model.previous`` keeps them."""
    previous: dict[str, str] = {}
    keyword = ""
    for line in lines.split("\n")[:-1]:
        rest = line[3:]
        if rest[0] == '"':
            previous[keyword] += _plain_string(rest, "")
        else:
            keyword, _, strings = rest.partition(" ")
            previous[keyword] = _plain_string(strings, "")
    return previous


class _Lexer:
    def __init__(self, display: str, translations: list[Translation] | None, model: _Model | None) -> None:
        self.display = display
        self.entry: _Entry | None = None
        self.keyword: str | None = None  # the keyword continuation strings extend
        self.seen: dict[tuple[str | None, str], int] = {}
        self.first = True
        self.flags: frozenset[str] = frozenset()  # from the "#," line before an entry
        self.dangling: int | None = None  # the first comment line since the last statement
        self.nplurals: int | None = None  # from the header's Plural-Forms, once read
        # None for check_po: it runs on every catalog read and has no use for them.
        self.translations = translations
        self.model = model  # parse_po only

    def fail(self, message: str, number: int, hint: str) -> L10nError:
        return L10nError(message, path=self.display, line=number, hint=hint)

    def run(self, lines: list[str]) -> None:
        model = self.model
        for number, raw in enumerate(lines, start=1):
            line = raw.rstrip("\r")
            stripped = line.strip()
            if not stripped:
                self.finish(number)  # a blank line ends an entry
                continue
            if model is not None:
                if model.carriage_returns:
                    model.start_line(line, number)
                else:
                    model.ignored_last = 0  # what start_line does without a "\r" in the file
            if stripped[0] != "#":  # a keyword or a string: most lines, and no comment rule applies
                self.statement(stripped, number, obsolete=False)
                continue
            if self.dangling is None and self.open_entry() is None:
                self.dangling = number  # comments for an entry to come
            if stripped.startswith("#~"):
                rest = stripped[2:]
                if rest.startswith("|"):
                    self.previous(rest[1:].strip(), number)
                    if model is not None:
                        model.ignore(stripped, "#~|", number)  # an obsolete entry's old text
                elif rest.strip():
                    if model is not None:
                        model.check_head(stripped, "#~", number)
                    self.statement(rest.strip(), number, obsolete=True)
                elif model is not None:
                    model.unknown_comment(stripped, number)  # "#~" alone
                continue
            if stripped.startswith("#|"):
                keyword, value = self.previous(stripped[2:].strip(), number)
                if model is not None:
                    model.previous(stripped, keyword, value, number, self.open_entry())
                continue
            if stripped.startswith("#,"):
                self.flags = self.flags | {f.strip() for f in stripped[2:].split(",") if f.strip()}
            if model is not None:
                model.comment(stripped, number, self.open_entry())
        self.finish(len(lines))
        if model is not None:
            model.end()
        self.cut_short()

    def cut_short(self) -> None:
        """Refuse a file that lost its end: no entry at all, or comments that an
        entry's msgid never follows. Read as they are, such files look finished
        (nothing left to translate) and the build would publish the source text."""
        hint = cut_short_hint(self.display)
        if self.first:  # no entry was closed: not even a header
            raise self.fail("is empty: no header and no entries", 1, hint)
        if self.dangling is not None:
            raise self.fail("ends in the middle of an entry (comment lines, then no msgid)", self.dangling, hint)

    def open_entry(self) -> _Entry | None:
        """The entry whose msgstr is still to come, which comment lines now belong to."""
        entry = self.entry
        return entry if entry is not None and not entry.complete else None

    def previous(self, text: str, number: int) -> tuple[str | None, str]:
        """``#| msgid "..."`` lines: the same syntax as live ones, checked the same way.

        Returns the keyword (None for a continuation string) and the string.
        """
        if text.startswith('"'):
            return None, self.string(text, number)
        match = _KEYWORD.match(text)
        if match is None or match.group(1).startswith("msgstr"):
            raise self.fail(
                f"unknown previous-string line: {text[:40]!r}",
                number,
                "after '#|' only msgctxt, msgid or msgid_plural with a quoted string may follow",
            )
        return match.group(1), self.string(match.group(3), number)

    def statement(self, text: str, number: int, obsolete: bool) -> None:
        self.dangling = None
        if text.startswith('"'):
            if self.keyword is None or self.entry is None:
                raise self.fail(
                    "string without a keyword",
                    number,
                    "a continuation string must follow a msgid, msgstr or msgctxt line",
                )
            match = _STRING.match(text)
            # Inlined ``string`` for the common case, one string with nothing escaped:
            # continuation lines are most of a catalog.
            body = match.group(1) if match is not None else "\\"
            self.entry.values[self.keyword].append(body if "\\" not in body else self.string(text, number))
            if self.model is not None and self.model.last not in _KEYWORD_KINDS:
                self.model.continuation(number)
            return
        match = _KEYWORD.match(text)
        if match is None:
            word = text.split()[0] if text.split() else text
            raise self.fail(
                f"unknown keyword {word[:30]!r}",
                number,
                "lines are comments (#), msgctxt, msgid, msgid_plural, msgstr, msgstr[N] or quoted continuation strings",
            )
        keyword, index, rest = match.group(1), match.group(2), match.group(3)
        kind = "msgstr[]" if index is not None else keyword
        entry = self.entry
        if entry is not None and entry.complete and kind != "msgstr[]":
            self.finish(number)
            entry = None
        created = entry is None and kind in ("msgctxt", "msgid")
        if created:
            entry = self.entry = _Entry(obsolete, self.flags)
            self.flags = frozenset()
        if entry is None:
            raise self.fail(
                f"{keyword} without msgid",
                number,
                "every entry starts with msgid (optionally after msgctxt)",
            )
        self.order(entry, kind, keyword, index, number)
        if index is not None and not obsolete and self.nplurals is not None and int(index) >= self.nplurals:
            # msgfmt refuses the file; read as it is, the entry passed for untranslated.
            raise self.fail(
                f"{keyword}: more plural forms than the header's Plural-Forms allows (nplurals={self.nplurals})",
                number,
                f"a plural entry has msgstr[0] to msgstr[{self.nplurals - 1}] here; delete the extra forms, "
                "or correct Plural-Forms in the header",
            )
        entry.keywords.append(kind)
        self.keyword = keyword
        entry.values[keyword] = [self.string(rest, number)]
        if kind == "msgid":
            entry.msgid_line = number
        elif kind in ("msgstr", "msgstr[]"):
            entry.complete = True
        if self.model is not None:
            self.model.keyword(entry, kind, text[len(keyword)], number, created=created, obsolete=obsolete)

    def order(self, entry: _Entry, kind: str, keyword: str, index: str | None, number: int) -> None:
        seen = entry.keywords
        last = seen[-1] if seen else None
        # Only the condition for this kind is evaluated: this runs on every keyword line.
        if kind == "msgstr" or kind == "msgid_plural":
            expected = last == "msgid"
        elif kind == "msgid":
            expected = last is None or seen == ["msgctxt"]
        elif kind == "msgctxt":
            expected = last is None
        else:  # msgstr[]
            expected = (last == "msgid_plural" or last == "msgstr[]") and int(index or 0) == seen.count("msgstr[]")
        if expected:
            return
        if "msgid" not in seen:
            message = f"{keyword} without msgid"
        elif kind == "msgstr[]" and "msgid_plural" not in seen:
            message = f"{keyword} in an entry without msgid_plural"
        elif kind == "msgstr" and "msgid_plural" in seen:
            message = "msgstr in a plural entry (it needs msgstr[0], msgstr[1], ...)"
        else:
            message = f"{keyword} out of order"
        raise self.fail(
            message,
            number,
            "an entry is: [msgctxt] msgid, then msgstr, or msgid_plural and msgstr[0], msgstr[1], ... numbered from 0",
        )

    def string(self, text: str, number: int) -> str:
        match = _STRING.match(text)
        if match is None:
            if text.startswith('"') and not re.search(r'(?<!\\)(?:\\\\)*"\s*\S', text[1:]):
                message = "unterminated string"
            else:
                message = "expected exactly one quoted string"
            raise self.fail(
                message,
                number,
                'each line holds one string in double quotes; write a quote inside it as \\"',
            )
        body = match.group(1)
        if "\\" not in body:
            return body  # nothing escaped: the common case, and the fast one
        bad = next((m for m in _UNESCAPE.finditer(body) if m.group(1) not in _UNESCAPES), None)
        if bad is not None:
            raise self.fail(
                f"unsupported escape sequence \\{bad.group(1)}",
                number,
                'use \\n, \\t, \\\\ or \\" (write other characters as they are)',
            )
        return _UNESCAPE.sub(lambda m: _UNESCAPES[m.group(1)], body)

    def finish(self, number: int) -> None:
        """Close the current entry: it needs a msgstr; live keys must be unique."""
        entry, self.entry, self.keyword = self.entry, None, None
        if entry is None:
            return
        if not entry.complete:
            raise self.fail(
                "msgid without msgstr",
                entry.msgid_line,
                'add a msgstr line (msgstr "" for an untranslated entry)',
            )
        msgid = "".join(entry.values["msgid"])
        msgctxt = "".join(entry.values["msgctxt"]) if "msgctxt" in entry.values else None
        header = self.first and msgid == "" and msgctxt is None
        self.first = False
        if header:
            self.charset(entry)
        if self.model is not None:
            self.model.add(entry, msgctxt, msgid)
        if entry.obsolete:
            return  # msgfmt skips it: it may repeat a live key, and nothing builds with it
        key = (msgctxt, msgid)
        if key in self.seen:
            raise self.fail(
                f"duplicate entry (first at line {self.seen[key]})",
                entry.msgid_line,
                "merge the two translations and delete one entry (msguniq finds all of them)",
            )
        self.seen[key] = entry.msgid_line
        if self.translations is not None and not header and "msgstr" in entry.values:
            self.translations.append(Translation(msgctxt, msgid, "".join(entry.values["msgstr"]), "fuzzy" in entry.flags))

    def charset(self, header: _Entry) -> None:
        """Check the header's charset, and learn nplurals from its Plural-Forms."""
        plurals = _NPLURALS.search("".join(header.values.get("msgstr", [""])))
        self.nplurals = int(plurals.group(1)) if plurals else None
        match = _CHARSET.search("".join(header.values.get("msgstr", [""])))
        if match and match.group(1).lower() not in ("utf-8", "utf8"):
            raise self.fail(
                f"declares charset {match.group(1)}; only UTF-8 catalogs are supported",
                header.msgid_line,
                "convert it with: msgconv --to-code=UTF-8",
            )


_KEYWORD_KINDS = ("msgctxt", "msgid", "msgid_plural", "msgstr", "msgstr[]")
_COMMENT_HINT = "comment lines (#, #., #:, #, and #|) go above an entry's msgctxt or msgid"


class _Model:
    """Builds the entries of ``parse_po`` from the lines the lexer has checked.

    Comment lines (``#``, ``#.``, ``#:``, ``#,``, ``#|``) belong to the open entry
    (read up to its msgid, not yet its msgstr), or else to the next one; translator
    comments above everything else are the header comment. That is how polib 1.2
    grouped them when it read our catalogs, and where its grouping differs from what
    the lines say, ``refuse`` records why; the first refusal is raised at the end,
    when every other check has passed, so a file polib also refused keeps the error
    the lexer gave it before.
    """

    def __init__(self, display: str, carriage_returns: bool) -> None:
        self.display = display
        self.carriage_returns = carriage_returns  # whether any line may hold a lone "\r"
        self.entries: list[Entry] = []
        self.header: list[str] = []
        self.pending: _Notes | None = None  # comments read since the last msgstr
        self.last = "start"  # the kind of the last line that was neither blank nor ignored
        self.ignored_last = 0  # the last non-blank line, if it was one polib skipped
        self.refusal: L10nError | None = None

    def refuse(self, message: str, number: int, hint: str) -> None:
        if self.refusal is None:
            self.refusal = L10nError(f"cannot parse: {message}", path=self.display, line=number, hint=hint)

    def start_line(self, line: str, number: int) -> None:
        self.ignored_last = 0
        if self.carriage_returns and "\r" in line:
            self.refuse(
                "carriage return inside a line",
                number,
                "end lines with LF or CRLF only (an old Mac editor may have saved it)",
            )

    def unknown_comment(self, stripped: str, number: int) -> None:
        self.refuse(
            f"unknown comment {stripped.split()[0][:30]!r}",
            number,
            "a comment starts with '# ', '#.', '#:', '#,', '#|' or '#~ ' followed by a space",
        )

    def check_head(self, stripped: str, head: str, number: int) -> bool:
        """Whether the line starts with ``head`` and then a space (or nothing); refuse if not."""
        if stripped.split(None, 1)[0] == head:
            return True
        self.unknown_comment(stripped, number)
        return False

    def ignore(self, stripped: str, head: str, number: int) -> None:
        """A line that adds nothing to any entry."""
        self.check_head(stripped, head, number)
        self.ignored_last = number

    def notes(self, entry: _Entry | None, number: int) -> _Notes:
        """Where a comment line read now belongs: the open entry, else the next one."""
        if entry is not None and entry.notes is not None:
            return entry.notes
        if self.pending is None:
            self.pending = _Notes(number)
        return self.pending

    def comment(self, stripped: str, number: int, entry: _Entry | None) -> None:
        parts = stripped.split(None, 1)
        head = parts[0]
        if head == "#" or head.startswith("##"):
            self.translator_comment(stripped, number, entry)
            return
        if head not in ("#.", "#:", "#,"):
            self.unknown_comment(stripped, number)
            return
        if len(parts) == 1:
            self.ignored_last = number  # "#." alone, and so on: nothing to keep
            return
        notes = self.notes(entry, number)
        text = stripped[3:]
        if head == "#.":
            _add_line(notes.comments, text)
            self.last = "extracted"
        elif head == "#:":
            notes.references.extend(split_references(text))
            self.last = "references"
        else:
            notes.flags.extend(flag.strip() for flag in text.split(","))
            self.last = "flags"

    def translator_comment(self, stripped: str, number: int, entry: _Entry | None) -> None:
        if self.last == "msgctxt":
            self.refuse("translator comment between msgctxt and msgid", number, _COMMENT_HINT)
            return
        if self.last in ("start", "header"):
            _add_line(self.header, stripped[2:])
            self.last = "header"
            return
        text = stripped.lstrip("#")
        _add_line(self.notes(entry, number).tcomments, text.removeprefix(" "))
        self.last = "translator"

    def previous(self, stripped: str, keyword: str | None, value: str, number: int, entry: _Entry | None) -> None:
        """A ``#|`` line: the text an entry had when it was translated."""
        if not self.check_head(stripped, "#|", number):
            return
        notes = self.notes(entry, number)
        if keyword is None:
            if self.last != "previous" or notes.last_previous not in notes.previous:
                self.refuse(
                    "a '#|' string that continues no '#|' line",
                    number,
                    "a '#|' continuation string goes right below '#| msgid' (or msgctxt, msgid_plural)",
                )
                return
            notes.previous[notes.last_previous] += value
            return
        if not stripped[2:].lstrip()[len(keyword) :][:1].isspace():
            self.refuse(f"no space after '#| {keyword}'", number, f'write it as: #| {keyword} "..."')
            return
        notes.previous[keyword] = value
        notes.last_previous = keyword
        self.last = "previous"

    def continuation(self, number: int) -> None:
        if self.last not in _KEYWORD_KINDS:
            after = "a '#|' line" if self.last == "previous" else "a comment line"
            self.refuse(
                f"a string after {after} continues nothing",
                number,
                "a continuation string goes right below its keyword line or another string; " + _COMMENT_HINT,
            )

    def keyword(self, entry: _Entry, kind: str, after: str, number: int, *, created: bool, obsolete: bool) -> None:
        """A keyword line of ``entry``; ``after`` is the character that follows the keyword."""
        if kind != "msgstr[]" and not after.isspace():
            self.refuse(f"no space after {kind}", number, f'write it as: {kind} "..."')
        elif kind in ("msgid_plural", "msgstr", "msgstr[]") and self.last in ("references", "flags"):
            self.refuse(f"a #{':' if self.last == 'references' else ','} line inside an entry", number, _COMMENT_HINT)
        elif kind in ("msgstr", "msgstr[]") and self.last in ("extracted", "previous"):
            self.refuse(f"a #{'.' if self.last == 'extracted' else '|'} line inside an entry", number, _COMMENT_HINT)
        elif kind == "msgstr[]" and self.pending is not None:
            self.refuse("a comment line between the msgstr[N] lines of an entry", number, _COMMENT_HINT)
        if created:
            entry.notes = self.pending or _Notes(number)
            self.pending = None
        if kind == "msgid":
            entry.msgid_obsolete = obsolete
        self.last = kind

    def add(self, entry: _Entry, msgctxt: str | None, msgid: str) -> None:
        """Build the entry the lexer has just closed."""
        values = entry.values
        notes = entry.notes or _Notes(entry.msgid_line)
        plural = "".join(values["msgid_plural"]) if "msgid_plural" in values else ""
        self.entries.append(
            Entry(
                msgid=msgid,
                msgstr="".join(values["msgstr"]) if "msgstr" in values else "",
                msgctxt=msgctxt,
                # An empty msgid_plural makes no plural entry: it is written with msgstr.
                msgid_plural=plural or None,
                msgstr_plural=tuple("".join(v) for k, v in values.items() if k[6:7] == "[") if plural else (),
                flags=tuple(notes.flags),
                tcomment="\n".join(notes.tcomments),
                comment="\n".join(notes.comments),
                references=tuple(notes.references),
                previous_msgctxt=notes.previous.get("msgctxt"),
                previous_msgid=notes.previous.get("msgid"),
                previous_msgid_plural=notes.previous.get("msgid_plural"),
                obsolete=entry.msgid_obsolete,
                line=notes.line,
            )
        )

    def end(self) -> None:
        """Raise the first refusal, now that every other check has passed."""
        if self.ignored_last and self.pending is None and self.last in ("msgstr", "msgstr[]"):
            # polib dropped the last entry of such a file without a word.
            self.refuse(
                "an empty comment line (or '#~|' line) after the last entry",
                self.ignored_last,
                "delete it, or move it above an entry",
            )
        if self.refusal is not None:
            raise self.refusal


def split_references(text: str) -> list[str]:
    """The references of a ``#:`` line, file names unquoted: ``⁨a b.md⁩:3 c.md:4`` -> ``a b.md:3``, ``c.md:4``.

    >>> split_references("\u2068content/a b.md\u2069:3 content/c.md:4")
    ['content/a b.md:3', 'content/c.md:4']
    """
    return [plain if plain else name + rest for name, rest, plain in _REFERENCE.findall(text)]


def _add_line(lines: list[str], text: str) -> None:
    """Add one comment line; leading empty ones are dropped, as polib dropped them."""
    if text or lines:
        lines.append(text)
