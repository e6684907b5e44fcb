"""The strict PO reader: refuse what GNU gettext or polib would misread, with path:line.

``check_po`` accepts a file only if every non-blank line is a comment, a keyword
with one quoted string or a continuation string, keywords come in PO order, escapes
are ones GNU decodes, no two live entries share msgctxt and msgid, and the bytes are
UTF-8 (a declared charset must say so). Each refusal is an ``L10nError`` naming the
file, the line and the fix. ``read_translations`` does the same check and hands
over the live entries the build needs on the way.

Must not touch: files (callers pass bytes and the name to show), polib, or the
writer. It raises; it never prints.

Why hand-written: polib reads broken files without complaint, dropping or garbling
what it cannot parse (a duplicate entry shadows the first; an unknown keyword's
text vanishes), and names neither file nor line when it does fail. The check is
also cheap: ``python bench/po_formats.py`` checks 200 generated news catalogs
(4,200 entries, 1.9 MiB) in 91 ms; polib.pofile needs about 270 ms more for them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from l10n.errors import L10nError

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[\s\"])\s*(.*)$")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"\s*$')
_UNESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f"}
_UNESCAPE = re.compile(r'\\(.)')
_CHARSET = re.compile(r"charset=\s*([^\s;]+)", re.IGNORECASE)


class _Entry:
    """What the lexer has seen of the entry it is reading."""

    def __init__(self, obsolete: bool, flags: frozenset[str]) -> None:
        self.obsolete = obsolete
        self.flags = flags
        self.keywords: list[str] = []
        self.values: dict[str, list[str]] = {}
        self.msgid_line = 0


@dataclass(frozen=True)
class Translation:
    """What the strict reader learns of each live entry on the way: enough to build with."""

    msgctxt: str | None
    msgid: str
    msgstr: str
    fuzzy: bool


def read_translations(data: bytes, display: str) -> list[Translation]:
    """Check ``data`` like ``check_po`` and return its live singular entries (no header).

    The build only needs msgctxt, msgid, msgstr and the fuzzy flag; the strict check
    has them in hand already, so the build never pays for a second parse.
    """
    found: list[Translation] = []
    _lex(data, display, found)
    return found


def check_po(data: bytes, display: str) -> None:
    """Raise L10nError (file, line, hint) unless ``data`` is a PO file we read safely.

    Every non-blank line must be a comment, a keyword with one quoted string, or a
    continuation string; keywords must come in PO order; escapes must be ones polib
    decodes; no two live entries may share msgctxt and msgid; the bytes must be UTF-8
    (and a declared charset must say so).
    """
    _lex(data, display, None)


def _lex(data: bytes, display: str, translations: list[Translation] | None) -> None:
    """Check ``data`` strictly, adding its live entries to ``translations`` if given."""
    nul = data.find(b"\x00")
    if nul >= 0:
        raise L10nError(
            "contains a NUL byte",
            path=display,
            line=data.count(b"\n", 0, nul) + 1,
            hint="this is not a text PO file; restore it from version control",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise L10nError(
            f"is not valid UTF-8 (byte 0x{data[error.start]:02x})",
            path=display,
            line=data.count(b"\n", 0, error.start) + 1,
            hint="catalogs must be UTF-8; convert it with: msgconv --to-code=UTF-8",
        ) from None
    _Lexer(display, translations).run(text.removeprefix("\ufeff").split("\n"))


class _Lexer:
    def __init__(self, display: str, translations: list[Translation] | None) -> None:
        self.display = display
        self.entry: _Entry | None = None
        self.keyword: str | None = None  # the keyword continuation strings extend
        self.seen: dict[tuple[str | None, str], int] = {}
        self.first = True
        self.flags: frozenset[str] = frozenset()  # from the "#," line before an entry
        # None for check_po: it runs on every catalog read and has no use for them.
        self.translations = translations

    def fail(self, message: str, number: int, hint: str) -> L10nError:
        return L10nError(message, path=self.display, line=number, hint=hint)

    def run(self, lines: list[str]) -> None:
        for number, raw in enumerate(lines, start=1):
            line = raw.rstrip("\r")
            stripped = line.strip()
            if not stripped:
                self.finish(number)  # a blank line ends an entry
                continue
            if stripped.startswith("#~"):
                rest = stripped[2:]
                if rest.startswith("|"):
                    self.previous(rest[1:].strip(), number)
                elif rest.strip():
                    self.statement(rest.strip(), number, obsolete=True)
                continue
            if stripped.startswith("#|"):
                self.previous(stripped[2:].strip(), number)
                continue
            if stripped.startswith("#,"):
                self.flags = self.flags | {f.strip() for f in stripped[2:].split(",") if f.strip()}
                continue
            if stripped.startswith("#"):
                continue
            self.statement(stripped, number, obsolete=False)
        self.finish(len(lines))

    def previous(self, text: str, number: int) -> None:
        """``#| msgid "..."`` lines: the same syntax as live ones, checked the same way."""
        if text.startswith('"'):
            self.string(text, number)
            return
        match = _KEYWORD.match(text)
        if match is None or match.group(1).startswith("msgstr"):
            raise self.fail(
                f"unknown previous-string line: {text[:40]!r}",
                number,
                "after '#|' only msgctxt, msgid or msgid_plural with a quoted string may follow",
            )
        self.string(match.group(3), number)

    def statement(self, text: str, number: int, obsolete: bool) -> None:
        if text.startswith('"'):
            if self.keyword is None or self.entry is None:
                raise self.fail(
                    "string without a keyword",
                    number,
                    "a continuation string must follow a msgid, msgstr or msgctxt line",
                )
            self.entry.values[self.keyword].append(self.string(text, number))
            return
        match = _KEYWORD.match(text)
        if match is None:
            word = text.split()[0] if text.split() else text
            raise self.fail(
                f"unknown keyword {word[:30]!r}",
                number,
                "lines are comments (#), msgctxt, msgid, msgid_plural, msgstr, msgstr[N] "
                "or quoted continuation strings",
            )
        keyword, index, rest = match.group(1), match.group(2), match.group(3)
        kind = "msgstr[]" if index is not None else keyword
        entry = self.entry
        complete = entry is not None and (
            "msgstr" in entry.keywords or "msgstr[]" in entry.keywords
        )
        if complete and kind != "msgstr[]":
            self.finish(number)
            entry = None
        if entry is None and kind in ("msgctxt", "msgid"):
            entry = self.entry = _Entry(obsolete, self.flags)
            self.flags = frozenset()
        if entry is None:
            raise self.fail(
                f"{keyword} without msgid",
                number,
                "every entry starts with msgid (optionally after msgctxt)",
            )
        self.order(entry, kind, keyword, index, number)
        entry.keywords.append(kind)
        self.keyword = keyword
        entry.values[keyword] = [self.string(rest, number)]
        if kind == "msgid":
            entry.msgid_line = number

    def order(self, entry: _Entry, kind: str, keyword: str, index: str | None, number: int) -> None:
        seen = entry.keywords
        expected = {
            "msgctxt": not seen,
            "msgid": seen in ([], ["msgctxt"]),
            "msgid_plural": bool(seen) and seen[-1] == "msgid",
            "msgstr": bool(seen) and seen[-1] == "msgid",
            "msgstr[]": bool(seen)
            and (seen[-1] == "msgid_plural" or seen[-1] == "msgstr[]")
            and int(index or 0) == seen.count("msgstr[]"),
        }[kind]
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
            "an entry is: [msgctxt] msgid, then msgstr, or msgid_plural and msgstr[0], "
            "msgstr[1], ... numbered from 0",
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
        if not any(kind in ("msgstr", "msgstr[]") for kind in entry.keywords):
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
            self.translations.append(
                Translation(msgctxt, msgid, "".join(entry.values["msgstr"]), "fuzzy" in entry.flags)
            )

    def charset(self, header: _Entry) -> None:
        match = _CHARSET.search("".join(header.values.get("msgstr", [""])))
        if match and match.group(1).lower() not in ("utf-8", "utf8"):
            raise self.fail(
                f"declares charset {match.group(1)}; only UTF-8 catalogs are supported",
                header.msgid_line,
                "convert it with: msgconv --to-code=UTF-8",
            )
