"""An HTML page cut into tokens that point into its text: tags, text and comments.

The html format (formats/html.py) splices translations into the untouched page, so
it needs, for every token, where it starts and ends in the source. Two readers give
the same tokens:

- ``scan`` matches one compiled pattern token after token over the text. It reads
  the markup pages are made of: start tags whose attributes are written plainly,
  end tags, comments, doctypes and other declarations, CDATA and conditional
  sections, processing instructions, entities and character references, and the
  raw text of ``<script>`` and ``<style>``. For anything else (a tag it would have
  to guess at, an unclosed comment, a page cut off inside a tag) it gives up and
  returns None.
- ``parser_tokens`` runs the standard library's ``html.parser``, whose line and
  column for each callback give the positions. It reads every page, but costs about
  two and a half times as much as the scan: it calls back per token, finds each
  tag's end with a second pattern, decodes every attribute value, and its positions
  have to be turned from lines and columns into offsets.

``tokens`` asks ``scan`` first and hands the pages it declines to the parser. The
scan follows html.parser's reading of every construct it accepts, quirks included,
not the HTML standard's (which reads ``<title>`` and ``<textarea>`` raw, for one):
a page's segments, and so its catalog and built page, must not depend on which of
the two read it. tests/test_html.py holds them equal on every fixture, on tricky
strings and on generated markup.

This module knows markup, never segments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from l10n.errors import L10nError
from l10n.frozen import filler_of
from l10n.model import Span


@dataclass(frozen=True)
class Value:
    """One attribute of a start tag: its name and where its value sits."""

    name: str
    span: Span  # the value without its quotes (empty at the name's end when it has none)
    quoting: str  # '"', "'" or "" (unquoted)
    bare: bool = False  # a name without a value (``<td nowrap>``)


class Token(NamedTuple):
    """One token and where it sits in the page.

    A named tuple, not a frozen dataclass: a page has a token every few dozen
    characters, and a tuple is made in a quarter of the time.
    """

    kind: str  # start | end | text | comment (comments, CDATA, declarations, processing instructions)
    start: int
    end: int
    name: str = ""
    values: tuple[Value, ...] = ()


def tokens(text: str) -> list[Token]:
    """Every token of ``text`` with its source range; together they cover ``text``.

    A token ends where the next one starts. Raises L10nError (with the line) for
    the few declarations html.parser refuses (``<![foo[``).
    """
    scanned = scan(text)
    return scanned if scanned is not None else parser_tokens(text)


# --- the scan ------------------------------------------------------------------------

# Only ASCII whitespace between the parts of a tag: html.parser also takes the other
# Unicode spaces there (and in names), and such rare tags are left to it.
_SPACE = "[ \t\n\r\f]"
_TAG_NAME = "[a-zA-Z][-.:a-zA-Z0-9_]*"  # followed by a space, "/" or ">", where html.parser's name ends too
# An attribute: a name, then optionally "=" and a quoted value or an unquoted one
# without quotes, "=", "<" or backquotes. html.parser reads these the same way; the
# forms it reads in its own way ("a==b", "a=", "a=b'c", no space before a name, a
# "/" between attributes) do not match, and the page goes to it.
_ATTRIBUTE_PART = f"""{_SPACE}+[^\\s"'<>/=`]+(?:{_SPACE}*={_SPACE}*(?:"[^"]*"|'[^']*'|[^\\s"'=<>`]+))?"""
_NEXT = re.compile(
    "|".join(
        (
            # Text runs to the next "<" or "&": html.parser calls back once per run.
            r"(?P<text>[^&<]+)",
            # A start tag ends at its first ">" outside quotes; "/>" closes it unless
            # the "/" belongs to an unquoted value (``<a href=/x/>``), as in html.parser.
            f"(?P<tag><(?P<start>{_TAG_NAME})(?P<attributes>(?:{_ATTRIBUTE_PART})*){_SPACE}*(?P<closed>/?)>)",
            f"(?P<close></(?P<end>{_TAG_NAME}){_SPACE}*>)",
            # A comment ends at the first "--" + spaces + ">" after its "<!--"; a
            # declaration (``<!DOCTYPE``, ``<!x>``) and a processing instruction at the first ">".
            r"(?P<comment><!--.*?--\s*>|<!(?!--|\[)[^>]*>|<\?[^>]*>)",
            r"(?P<section><!\[)",  # CDATA or a conditional section: see _section_end
            # Each reference is a token of its own, and so is a "&" or "<" that
            # starts none (``AT&T``, ``1 < 2``). "&#" without digits and a name
            # at the very end are read by html.parser in its own way.
            r"(?P<reference>&\#(?:[0-9]+|[xX][0-9a-fA-F]+)(?:;|(?=[^0-9a-fA-F]))"
            r"|&[a-zA-Z][-.a-zA-Z0-9]*(?:;|(?=[^a-zA-Z0-9]))"
            r"|&(?=[^a-zA-Z\#])|<(?=[^a-zA-Z/!?]))",
        )
    ),
    re.DOTALL,
)
# The text of these elements is raw up to their end tag, as html.parser reads it.
_RAW_END = {name: re.compile(rf"</\s*{name}\s*>", re.IGNORECASE) for name in ("script", "style")}
# The end tag found must be the one html.parser then reads as such: spelled in ASCII
# (case-insensitive matching also takes "ſcript", whose "ſ" no tag name holds).
_RAW_END_ASCII = re.compile(r"</[ \t\n\r\f]*(?:script|style)[ \t\n\r\f]*>", re.IGNORECASE | re.ASCII)
_SECTION_NAME = re.compile(r"[a-zA-Z][-_.a-zA-Z0-9]*\s*")
_SECTION_ENDS = {
    **dict.fromkeys(("temp", "cdata", "ignore", "include", "rcdata"), re.compile(r"]\s*]\s*>")),
    **dict.fromkeys(("if", "else", "endif"), re.compile(r"]\s*>")),  # Word's <![if !vml]>
}


# The groups the scan reads of each tag, by number: a group asked for by name is
# looked up in the pattern's names first, twice for each of a page's tags.
_START_NAME, _ATTRIBUTES, _CLOSED, _END_NAME = (_NEXT.groupindex[name] for name in ("start", "attributes", "closed", "end"))

# Token(kind, start, end, name, values) with every field given: the tuple the named
# tuple's __new__ would pack, without that Python-level call (a sixth of the scan).
_new_tuple = tuple.__new__


def scan(text: str) -> list[Token] | None:
    """The tokens of ``text`` as ``parser_tokens`` gives them, or None for a page
    with markup the scan leaves to the parser."""
    found: list[Token] = []
    append = found.append
    new, token = _new_tuple, Token
    match_next = _NEXT.match
    position, length = 0, len(text)
    while position < length:
        match = match_next(text, position)
        if match is None:
            return None
        kind = match.lastgroup
        end = match.end()
        if kind == "text" or kind == "reference":
            append(new(token, ("text", position, end, "", ())))
        elif kind == "tag":
            name = match.group(_START_NAME).lower()
            has_attributes = match.end(_ATTRIBUTES) > match.start(_ATTRIBUTES)
            append(new(token, ("start", position, end, name, attribute_values(text, position, end) if has_attributes else ())))
            if name in _RAW_END and not match.group(_CLOSED):
                raw_end = _RAW_END[name].search(text, end)
                if raw_end is None or _RAW_END_ASCII.fullmatch(raw_end.group()) is None:
                    return None
                if text.startswith("<!--", end) and text.find("-->", end) < 0:
                    return None  # parser_tokens reads it as an unclosed comment, to the end of the page
                if raw_end.start() > end:  # raw text that looks like markup is a comment, as in parser_tokens
                    append(_text_token(text, end, raw_end.start()))
                append(Token("end", raw_end.start(), raw_end.end(), name))
                end = raw_end.end()
        elif kind == "close":
            append(new(token, ("end", position, end, match.group(_END_NAME).lower(), ())))
        elif kind == "comment":
            append(new(token, ("comment", position, end, "", ())))
        else:
            end = _section_end(text, position)
            if end < 0:
                return None
            append(Token("comment", position, end))
        position = end
    return found


def _section_end(text: str, start: int) -> int:
    """Where the ``<![name[ ... ]]>`` section at ``start`` ends; -1 when html.parser
    reads it otherwise (an unknown name, which it refuses, or no end)."""
    name = _SECTION_NAME.match(text, start + 3)
    if name is None or name.end() == len(text):
        return -1
    section_end = _SECTION_ENDS.get(name.group().strip().lower())
    found = section_end.search(text, start + 3) if section_end is not None else None
    return -1 if found is None else found.end()


# --- the standard parser ---------------------------------------------------------------


def parser_tokens(text: str) -> list[Token]:
    """The tokens of ``text`` as html.parser reads it (see ``tokens``).

    A token ends where the next one starts, except a start tag, which ends after
    its own text (anything the parser skipped after it reads as text).
    """
    from l10n.formats.html_marks import MarkingParser  # on first need (see html_marks)

    parser = MarkingParser(text)
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, ValueError, IndexError) as error:  # the parser's own guards
        raise L10nError(
            f"cannot read this HTML: {error}",
            line=parser.getpos()[0],
            hint="check the markup around this line",
        ) from None
    marks = parser.marks
    found: list[Token] = []
    cursor = 0
    for index, (kind, start, name, end) in enumerate(marks):
        if start < cursor:  # merged into the previous token (never expected)
            continue
        if start > cursor:  # bytes the parser passed over without a callback
            found.append(_text_token(text, cursor, start))
        following = marks[index + 1][1] if index + 1 < len(marks) else len(text)
        if end < 0:
            end = following
        if kind == "text" and text.startswith("<!--", start) and text.find("-->", start) < 0:
            found.append(Token("comment", start, len(text)))  # an unclosed comment runs to the end
            return found
        if kind == "text":
            found.append(_text_token(text, start, end))
        else:
            found.append(Token(kind, start, end, name, attribute_values(text, start, end) if kind == "start" else ()))
        cursor = end
    if cursor < len(text):
        found.append(_text_token(text, cursor, len(text)))
    return _unclosed_tag_at_end(text, found)


_UNCLOSED_TAG = re.compile(r"</?[A-Za-z][^>]*\Z")


def _unclosed_tag_at_end(text: str, found: list[Token]) -> list[Token]:
    """``found`` with a tag the page ends inside (cut off: ``<img alt='x``) as one
    unit: the parser hands it over as text in pieces (``<``, ``img alt='x``), which
    would ask a translator for markup a browser never shows."""
    first = len(found)
    while first and found[first - 1].kind == "text" and ">" not in text[found[first - 1].start : found[first - 1].end]:
        first -= 1
    for index in range(first, len(found)):
        if _UNCLOSED_TAG.match(text, found[index].start):
            return [*found[:index], Token("comment", found[index].start, len(text))]
    return found


def _text_token(text: str, start: int, end: int) -> Token:
    """Text, or what the parser passes on as text at the end of a page: an unclosed
    comment or tag, which a browser never shows either."""
    if text.startswith(("<!", "<?"), start) or _UNCLOSED_TAG.match(text, start, end):
        return Token("comment", start, end)
    return Token("text", start, end)


# --- attributes ----------------------------------------------------------------------

_TAG_HEAD = re.compile(r"<[^\s/>]+")
# Group 1 is the name; groups 2, 3 and 4 the value double-quoted, single-quoted and
# unquoted. The three are alternatives, so the one that matched is the match's
# ``lastindex`` (1 for a name without a value): no group is asked for in turn.
_ATTRIBUTE = re.compile(
    r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""",
)
_QUOTING = {2: '"', 3: "'", 4: ""}

# A tag's values are made without the frozen __init__ (frozen.filler_of), every field
# given: each of a page's tags with attributes has a few.
_value = filler_of(Value)
_span = filler_of(Span)


def attribute_values(text: str, start: int, end: int) -> tuple[Value, ...]:
    """The attributes of the start tag at ``text[start:end]``, with value positions."""
    head = _TAG_HEAD.match(text, start, end)
    position = head.end() if head else start + 1
    values = []
    for match in _ATTRIBUTE.finditer(text, position, end):
        group = match.lastindex or 1  # never None: group 1 always takes part
        name = match.group(1).lower()
        if group == 1:
            at = match.end(1)
            values.append(_value(name=name, span=_span(start=at, end=at), quoting="", bare=True))
        else:
            span = _span(start=match.start(group), end=match.end(group))
            values.append(_value(name=name, span=span, quoting=_QUOTING[group], bare=False))
    return tuple(values)
