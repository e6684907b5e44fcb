"""HTML articles (whole pages or fragments exported from a CMS) as segments.

What is translated: the text of ``<title>``, headings, paragraphs, list items,
quotes, table cells, ``<figcaption>``, ``<caption>`` and any other run of prose
between block-level tags; the ``content`` of ``<meta name="description">`` and of
the Open Graph and Twitter title and description; the ``alt`` and ``title``
attributes of tags outside a run (inside a run they are part of the msgid's tag).
Never translated: ``<script>``, ``<style>``, ``<pre>``, ``<code>``, ``<textarea>``,
``<template>``, ``<svg>``, ``<math>``, comments, CDATA, declarations, every other
attribute, and any element marked ``translate="no"`` or ``class="notranslate"``
(with everything inside it).

Inline markup stays in the msgid as written (kept tags, not placeholders):
``Seoul <a href="/x">said</a> <strong>on Monday</strong>``. The translator reads
the sentence as the page has it, and moves a tag pair with the words it wraps,
which Korean word order needs; the Markdown format keeps ``[text](url)`` and
``**bold**`` the same way, so both formats read alike in a catalog and in the QA
checks (qa/protect.py already hides each tag from a machine provider on its own).
Placeholders (``<g1>...</g1>``) would hide the link target a reviewer checks, and
need a side table that must travel with the catalog. Inline ``<code>`` elements,
comments and ``notranslate`` elements inside a run are kept whole: units the
translator moves but never edits.

Safety (``encode``): a translation can only re-use the source's own markup. Each
tag or kept unit in the msgstr that is not, byte for byte, one of the msgid's (as
many times as the msgid has it; a tag may differ in its ``alt`` and ``title``
values only, which are then re-escaped into the source tag, see ``tag_key``), and each tag that would leave the kept tags
unbalanced where the msgid's are balanced, is escaped into visible text (``&lt;``),
as is every bare ``&`` that does not start an entity. So no ``<script>``, event
handler, ``javascript:``/``data:`` URL or stray closing tag can reach the built
page from a catalog; the ``markup`` QA check reports such translations first.
Attribute values are re-escaped for their quoting (an unquoted value gets double
quotes), so a quote in a translation cannot end the attribute.

Positions come from formats/html_tokens.py, which reads a page token by token as the
standard library's ``html.parser`` does (its own scan, and the parser itself for the
markup the scan declines), so each segment's span is the source's own bytes and the
rebuild splices translations into the untouched page (formats/base.py). The
parser, measured against lxml 6.2 and selectolax 1.0 (lexbor) on the 14 edge pages in
tests/fixtures/html with bench/html_parsers.py (2 cores, loaded machine, CPU time,
median of 5 alternating rounds; parse only):

=============  ===============================  ==========================  ==========
parser         source positions                 byte-identical round trip   parse/page
=============  ===============================  ==========================  ==========
html.parser    line and column of every token   14/14 (splice into source)  0.106 ms
lxml.html      start line of elements only      6/14 (parse + serialise)    0.012 ms
selectolax     none                             5/14 (parse + serialise)    0.024 ms
=============  ===============================  ==========================  ==========

lxml and selectolax parse 4-9 times faster, but they build a normalised tree and
say nowhere where a text node starts, so the only rebuild they offer is writing
the tree back, and that rewrites the page: entities are decoded (``&nbsp;``,
``&mdash;``, ``&#8220;``), attribute quoting and case change (``ALT=Pier``,
``'...'``), ``<![CDATA[`` and the declared charset are dropped or rewritten, implied
end tags are added (tables, broken markup). Those are exactly the edge fixtures
that fail. Reading as html.parser does keeps every round trip, and the format's
own scan makes it cheap: segmenting one of bench/html_pages.py's generated
articles takes about 0.18 ms of CPU, against 0.39 ms when html.parser read every
page (in process, 1,000 pages, best of 7). Most of an HTML article's extract and
build is not the format's: the publishing verdict's QA checks on every entry
(about 70% of build under cProfile), which Markdown pays alike and html2po/po2html
do not run at all; bench/html_pages.py measures the whole against both.
Both readers are the standard library's or ours, so the format adds no dependency.

The reader nests nothing (a 5,000-deep page is a flat token stream) and fails only
on the few declarations html.parser refuses (``<![foo[``, with their line), so
broken markup round-trips as written; decoding errors are the file reader's
(store/fileio.py, with their line).

This module knows documents, never catalogs or files.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence

from l10n.formats.base import Edit, FormatOptions, splice
from l10n.formats.disclosure import Disclosure, fields
from l10n.formats.html_tokens import Token, Value, attribute_values, tokens
from l10n.frozen import filler_of
from l10n.model import Segment, Span

NAME = "html"
EXTENSIONS = (".html", ".htm")

# Phrasing elements: they stay inside a run of prose. Everything else ends one.
INLINE = frozenset(
    "a abbr b bdi bdo br cite code data del dfn em i img ins kbd mark q rp rt ruby s samp small "
    "span strong sub sup time u var wbr".split()
)
# Elements whose content is never prose, skipped with everything inside.
SKIPPED = frozenset("script style pre textarea template svg math code".split())
VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
TRANSLATABLE_ATTRIBUTES = ("alt", "title")
# <meta> whose content is translated: (attribute naming it, its value) -> segment kind.
META = {
    ("name", "description"): "meta:description",
    ("property", "og:title"): "meta:og:title",
    ("property", "og:description"): "meta:og:description",
    ("name", "twitter:title"): "meta:twitter:title",
    ("name", "twitter:description"): "meta:twitter:description",
    ("property", "twitter:title"): "meta:twitter:title",
    ("property", "twitter:description"): "meta:twitter:description",
}
# Block kinds named like the Markdown format's, so QA rules apply alike.
KINDS = {
    **{f"h{n}": "heading" for n in range(1, 7)},
    "title": "title",
    "p": "paragraph",
    "li": "list-item",
    "blockquote": "blockquote",
    "th": "table-header",
    "td": "table-cell",
    "figcaption": "figcaption",
    "caption": "caption",
    "dt": "list-item",
    "dd": "list-item",
}
# A start tag of one of these closes an open <p> (the parser does not know that).
_CLOSES_P = frozenset(
    "address article aside blockquote details div dl fieldset figcaption figure footer form h1 h2 h3 "
    "h4 h5 h6 header hr main menu nav ol p pre section table ul".split()
)
_IMPLIED = {"li": ("li",), "dt": ("dt", "dd"), "dd": ("dt", "dd"), "td": ("td", "th"), "th": ("td", "th"), "tr": ("tr", "td", "th")}

_ATTRIBUTE = re.compile(
    r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""",
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_PAGE_START = re.compile(
    r"""((?:\s+|<!--.*?-->|<![^>]*>|<\?[^>]*>)*)<html(?=[\s/>])(?:"[^"]*"|'[^']*'|[^'">])*>""",
    re.IGNORECASE | re.DOTALL,
)
_WORDS = re.compile(r"[^\s\u00a0]")
_NON_SPACE = re.compile(r"\S")

# --- the Format protocol ---------------------------------------------------------


def blocks(text: str, options: FormatOptions) -> list[Segment]:
    """The segments of a page, in document order (``lang`` not yet set)."""
    return _Walker(text).walk()


def encode(segment: Segment, translation: str) -> str:
    """The text to splice for ``translation`` at ``segment`` (see the module's Safety)."""
    if translation == segment.text:
        return translation
    if segment.quoting != "raw":
        return _attribute_value(translation, segment.quoting)
    if "\n" in translation:
        lines = [line.strip() for line in translation.split("\n")]
        translation = "\n".join(line for line in lines if line)
    else:
        translation = translation.strip()  # the one line, as the join above would leave it
    if "<" not in translation:
        # Every tag and kept unit starts with "<", so without one the translation is
        # a single run of text, which _safe_markup escapes whatever the source holds:
        # its reading of the source is skipped (most translations, 0.02 ms each).
        return _escape_text(translation)
    return _safe_markup(translation, segment.text)


def language_edit(text: str, lang: str, options: FormatOptions) -> Edit | None:
    """Set ``<html lang>`` to ``lang`` (added or replaced); None for a fragment without ``<html>``."""
    # <html> opens a page after a doctype and comments at most: found without a full
    # parse, which would cost as much as reading the page for its segments again.
    lead = _PAGE_START.match(text)
    token: Token | None
    if lead is not None:
        token = Token("start", lead.end(1), lead.end(), "html", attribute_values(text, lead.end(1), lead.end()))
    else:
        token = next((t for t in tokens(text) if t.kind == "start" and t.name == "html"), None)
    if token is None:
        return None
    value = next((v for v in token.values if v.name == "lang"), None)
    if value is None:
        at = token.start + len("<html")
        return Edit(Span(at, at), f' lang="{_escape_attribute(lang)}"')
    if value.bare:
        return Edit(value.span, f'="{_escape_attribute(lang)}"')
    return Edit(value.span, _attribute_value(lang, value.quoting))


def metadata_edits(text: str, about: Disclosure, options: FormatOptions) -> list[Edit]:
    """What the page says about its translation, written just before ``</head>``:
    ``<link rel="alternate" hreflang>`` for each other language version, then the
    disclosure keys (formats/disclosure.py) as ``<meta name content>``, a list
    comma-separated. A page without ``</head>`` (a fragment) gets none.

    >>> from l10n.formats.base import splice
    >>> page = "<html><head></head></html>"
    >>> about = Disclosure("a", ("ko",), alternates=(("ko", "../ko/a.html"),))
    >>> splice(page, metadata_edits(page, about, FormatOptions()))
    '<html><head><link rel="alternate" hreflang="ko" href="../ko/a.html"><meta name="translations" content="ko"><meta name="translationKey" content="a"></head></html>'
    """
    at = _head_end(text)
    if at is None:
        return []
    added = [
        f'<link rel="alternate" hreflang="{_escape_attribute(code)}" href="{_escape_attribute(url)}">'
        for code, url in sorted(about.alternates)
    ] + [
        f'<meta name="{_escape_attribute(name)}" content="{_escape_attribute(value if isinstance(value, str) else ", ".join(value))}">'
        for name, value in fields(about)
    ]
    return [Edit(Span(at, at), "".join(added))]


# Where </head> is, found without a full parse: comments, CDATA and the raw text of
# <script> and <style> (the only elements the tokenizer reads raw) are passed over,
# and so are other tags, whose quoted values may hold anything.
_HEAD_SCAN = re.compile(
    r"""<!--.*?(?:-->|\Z)
      | <!\[CDATA\[.*?(?:\]\]>|\Z)
      | <(script|style)(?=[\s/>])(?:"[^"]*"|'[^']*'|[^'">])*>.*?(?:</\1\s*>|\Z)
      | (</head\s*>)
      | <[A-Za-z!?/](?:"[^"]*"|'[^']*'|[^'">])*>
      | (<[A-Za-z!?/])""",
    re.VERBOSE | re.DOTALL | re.IGNORECASE,
)
_HEAD_CLOSE = re.compile("</head", re.IGNORECASE)


def _head_end(text: str) -> int | None:
    """Where the page's ``</head>`` starts; None when it has none."""
    for match in _HEAD_SCAN.finditer(text):
        if match.group(2) is not None:
            return match.start()
        if match.group(3) is not None:
            break  # a tag the quick scan cannot read (an unclosed quote): ask the parser
    else:
        if _HEAD_CLOSE.search(text) is None:
            return None
    # Or an end tag the quick scan does not read (``</head foo>``).
    return next((token.start for token in tokens(text) if token.kind == "end" and token.name == "head"), None)


def charset_edits(text: str, charset: str) -> list[Edit]:
    """Edits that make the page's declared charset ``charset``.

    Build writes UTF-8 whatever the source was read as, so a page read as CP949
    that says ``<meta charset="euc-kr">`` (or the ``http-equiv`` form) would be
    shown as mojibake; its declaration is changed with it. A page that declares
    nothing is left alone.

    >>> from l10n.formats.base import splice
    >>> page = '<meta http-equiv="Content-Type" content="text/html; charset=euc-kr">'
    >>> splice(page, charset_edits(page, "utf-8"))
    '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
    """
    edits = []
    for token in tokens(text):
        if token.kind != "start" or token.name != "meta":
            continue
        for value in token.values:
            declared = text[value.span.start : value.span.end]
            if value.name == "charset" and not value.bare and declared.strip().lower() != charset:
                edits.append(Edit(value.span, _attribute_value(charset, "attribute" + value.quoting)))
            elif value.name == "content" and (_value(text, token, "http-equiv") or "").strip().lower() == "content-type":
                found = re.search(r"charset\s*=\s*([^\s;\"']+)", declared, re.IGNORECASE)
                if found is not None and found.group(1).lower() != charset:
                    at = value.span.start
                    edits.append(Edit(Span(at + found.start(1), at + found.end(1)), charset))
    return edits


def structure(text: str) -> list[tuple[str, str, int]]:
    """The page's skeleton: (token kind, tag name, 0) for every tag that is not inline.

    A rebuilt page whose skeleton equals its source's has the same blocks, tables
    and scripts; translations can only move inline markup.
    """
    return [(token.kind, token.name, 0) for token in tokens(text) if token.kind in ("start", "end") and token.name not in INLINE]


# --- reading tags ---------------------------------------------------------------------


def _value(text: str, token: Token, name: str) -> str | None:
    for value in token.values:
        if value.name == name:
            return text[value.span.start : value.span.end]
    return None


def _not_translated(text: str, token: Token) -> bool:
    """Whether a start tag marks its element as never translated."""
    if (_value(text, token, "translate") or "").strip().lower() == "no":
        return True
    return "notranslate" in (_value(text, token, "class") or "").split()


# --- walking the tokens --------------------------------------------------------------


def _has_words(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` has a character a reader reads outside entities."""
    if text.find("&", start, end) < 0:
        # Every entity starts with "&": without one there is none to remove, and the
        # range is searched where it lies, not copied out first.
        return _WORDS.search(text, start, end) is not None
    return _WORDS.search(_ENTITY.sub("", text[start:end])) is not None


# Segments and their spans are made without their frozen __init__ (frozen.filler_of:
# about half the time), every field given in the fields' order; a page has a dozen.
_segment = filler_of(Segment)
_span = filler_of(Span)


class _Walker:
    """Turns the token stream into segments whose pieces point into ``text``."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokens(text)
        self.found: list[Segment] = []
        self._counted_to, self._line = 0, 1  # the line at that offset (see line_of)
        self._in_page_order = True  # whether every segment found starts after the one before

    def walk(self) -> list[Segment]:
        stack: list[str] = []  # open elements that are not inline
        run: list[Token] = []  # the current run of prose: text, inline tags, kept units
        skip_name = ""  # the element being skipped whole, and how deep in it we are
        skip_depth = 0
        text, flush, start_tag = self.text, self.flush, self.start_tag
        for token in self.tokens:
            kind, _, _, name, values = token
            if skip_depth:
                if run and kind != "text" and kind != "comment" and name not in INLINE and name not in SKIPPED:
                    skip_depth = 0  # an inline element left open ends with its block (broken markup)
                else:
                    if kind == "start" and name == skip_name:
                        skip_depth += 1
                    elif kind == "end" and name == skip_name:
                        skip_depth -= 1
                    if run:
                        run.append(token._replace(kind="kept"))
                    continue
            if kind == "start" and name not in VOID and (name in SKIPPED or (values and _not_translated(text, token))):
                if name in INLINE:  # <code> or a notranslate span: kept whole inside the sentence
                    run.append(token._replace(kind="kept"))
                else:
                    flush(run, stack)
                    run = []
                skip_name, skip_depth = name, 1
                continue
            if kind == "text" or kind == "comment" or name in INLINE:
                if run or kind != "comment":
                    run.append(token)
                continue
            if run:
                # A lone line break between two block tags is the commonest run and
                # would be trimmed to nothing: not handed to flush.
                first = run[0]
                if len(run) > 1 or first.kind != "text" or not text[first.start : first.end].isspace():
                    flush(run, stack)
                run = []
            if kind == "start":
                start_tag(token, stack)
            elif name in stack:  # an end tag
                while stack and stack.pop() != name:
                    pass
        flush(run, stack)
        if not self._in_page_order:
            self.found.sort(key=lambda seg: seg.pieces[0].start)
        return self.found

    def start_tag(self, token: Token, stack: list[str]) -> None:
        name = token.name
        if name in _CLOSES_P and stack and stack[-1] == "p":
            stack.pop()
        implied = _IMPLIED.get(name)
        if implied is not None:
            while stack and stack[-1] in implied:
                stack.pop()
        if name == "meta":
            self.meta(token)
        if token.values:
            self.attributes(token)
        if name not in VOID:
            stack.append(name)

    def attributes(self, token: Token) -> None:
        """``alt`` and ``title`` of a tag outside a run (inside one they are in its msgid)."""
        for value in token.values:
            if value.name in TRANSLATABLE_ATTRIBUTES:
                self.value_segment(value, f"attribute:{value.name}")

    def meta(self, token: Token) -> None:
        for attribute in ("name", "property"):
            which = (_value(self.text, token, attribute) or "").strip().lower()
            kind = META.get((attribute, which))
            if kind is not None:
                content = next((v for v in token.values if v.name == "content"), None)
                if content is not None:
                    self.value_segment(content, kind)
                return

    def value_segment(self, value: Value, kind: str) -> None:
        if not _has_words(self.text, value.span.start, value.span.end):
            return
        raw = self.text[value.span.start : value.span.end]
        line = self.line_of(value.span.start)
        quoting = "attribute" + value.quoting
        self.found.append(_segment(text=raw, kind=kind, line=line, pieces=(value.span,), continuation=None, quoting=quoting, lang=None))

    def flush(self, run: list[Token], stack: list[str]) -> None:
        """Turn a run of prose into a segment, one piece per source line."""
        if not run:
            return
        text = self.text
        # The run is trimmed to what starts and ends with words or inline tags. Text
        # is blank without a character \S matches (exactly what str.strip keeps),
        # looked for where it lies: a paragraph's text is not copied out to be told so.
        while run and (run[-1].kind == "comment" or (run[-1].kind == "text" and _NON_SPACE.search(text, run[-1].start, run[-1].end) is None)):
            run.pop()
        for token in run:
            if token.kind == "text" and _has_words(text, token.start, token.end):
                break
        else:
            for token in run:  # no prose: a lone image's alt is translated on its own
                if token.kind == "start":
                    self.attributes(token)
            return
        start, end = run[0].start, run[-1].end
        # Most runs start and end with a word: only a run with a space at an end
        # (a line break after <li>) is copied out to be stripped.
        if text[start].isspace() or text[end - 1].isspace():
            chunk = text[start:end]
            start += len(chunk) - len(chunk.lstrip())
            end -= len(chunk) - len(chunk.rstrip())
        pieces = []
        line_start = start
        while line_start < end:
            line_end = text.find("\n", line_start, end)
            if line_end < 0 and line_start == start:
                pieces.append(_span(start=start, end=end))  # one line, already stripped: the usual run
                break
            line_end = end if line_end < 0 else line_end
            line = text[line_start:line_end]
            lo = line_start + len(line) - len(line.lstrip())
            hi = line_end - (len(line) - len(line.rstrip()))
            if lo < hi:
                pieces.append(_span(start=lo, end=hi))
            line_start = line_end + 1
        kind = "html"
        for name in reversed(stack):
            if name in KINDS:
                kind = KINDS[name]
                if name == "p" and "blockquote" in stack:
                    kind = "blockquote"
                break
        continuation = None
        if len(pieces) > 1:
            last = pieces[-1].start
            continuation = text[text.rfind("\n", 0, last) + 1 : last]
            msgid = "\n".join(text[piece.start : piece.end] for piece in pieces)
        else:
            msgid = text[pieces[0].start : pieces[0].end]
        first_line = self.line_of(pieces[0].start)
        self.found.append(
            _segment(text=msgid, kind=kind, line=first_line, pieces=tuple(pieces), continuation=continuation, quoting="raw", lang=None)
        )

    def line_of(self, offset: int) -> int:
        """The line of ``offset``, the start of the segment about to be found."""
        # Newlines are counted from the offset asked for before, not from the page's
        # start (which made a long page's reading quadratic): segments are found in
        # page order, so the page is counted through once, and only as far as its
        # last segment. An offset before the last one is counted back from it, and
        # the segments are then sorted into page order at the end of the walk.
        counted_to = self._counted_to
        if offset >= counted_to:
            self._line += self.text.count("\n", counted_to, offset)
        else:
            self._line -= self.text.count("\n", offset, counted_to)
            self._in_page_order = False
        self._counted_to = offset
        return self._line


# --- making translations safe -------------------------------------------------------


_UNIT = re.compile(
    r"""<!--.*?(?:-->|\Z)
      | <!\[CDATA\[.*?(?:\]\]>|\Z)
      | <[!?][^>]*>?
      | <(/?)([A-Za-z][^\s/>]*)(?:"[^"]*"|'[^']*'|[^'">])*>""",
    re.VERBOSE | re.DOTALL,
)


def _units(text: str) -> Iterator[tuple[str, str, str]]:
    """``text`` cut into (kind, text, tag name): text, tags and kept units.

    A kept unit is a comment, a CDATA section or a whole element that is never
    translated (``<code>``, ``translate="no"``, ``class="notranslate"``).
    """
    position = 0
    while position < len(text):
        match = _UNIT.search(text, position)
        if match is None:
            yield "text", text[position:], ""
            return
        if match.start() > position:
            yield "text", text[position : match.start()], ""
        name = (match.group(2) or "").lower()
        end = match.end()
        if not name:
            yield "kept", match.group(0), ""
        elif match.group(1):
            yield "close", match.group(0), name
        elif name not in VOID and (name in SKIPPED or _marked(match.group(0))):
            end = _element_end(text, name, end)
            yield "kept", text[match.start() : end], name
        else:
            yield ("void" if name in VOID or match.group(0).endswith("/>") else "open"), match.group(0), name
        position = end


def _marked(tag: str) -> bool:
    token = Token("start", 0, len(tag), "", attribute_values(tag, 0, len(tag)))
    return _not_translated(tag, token)


def _element_end(text: str, name: str, position: int) -> int:
    """Where the element whose start tag ends at ``position`` ends (its end tag's end)."""
    depth = 1
    pattern = re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])[^>]*>", re.IGNORECASE)
    for match in pattern.finditer(text, position):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return match.end()
    return len(text)


def _unmatched(units: Sequence[tuple[str, str, str]]) -> list[int]:
    """Indexes of the open and close tags among ``units`` that have no partner."""
    stack: list[int] = []
    lone: list[int] = []
    for index, (kind, _, name) in enumerate(units):
        if kind == "open":
            stack.append(index)
        elif kind == "close":
            if stack and units[stack[-1]][2] == name:
                stack.pop()
            else:
                lone.append(index)
    return sorted(lone + stack)


def tag_key(tag: str) -> str:
    """A start tag without the values of its translatable attributes (``alt``, ``title``).

    Two tags with the same key differ at most in what a translator may translate,
    so a translation may hand back a source tag with those values translated.

    >>> tag_key('<a href="/x" title="Schedule">') == tag_key('<a href="/x" title=시간표>')
    True
    """
    if not tag.startswith("<") or tag.startswith(("</", "<!", "<?")):
        return tag
    edits = []
    for value in attribute_values(tag, 0, len(tag)):
        if value.name in TRANSLATABLE_ATTRIBUTES and not value.bare:
            quote = len(value.quoting)
            edits.append(Edit(Span(value.span.start - quote, value.span.end + quote), '""'))
    return splice(tag, edits)


def _retranslated_tag(source_tag: str, translated_tag: str) -> str:
    """``source_tag`` with the translator's ``alt``/``title`` values, re-escaped."""
    import html  # for unescape: loaded on first need, as html_tokens loads html.parser

    wanted = {
        value.name: translated_tag[value.span.start : value.span.end]
        for value in attribute_values(translated_tag, 0, len(translated_tag))
        if value.name in TRANSLATABLE_ATTRIBUTES
    }
    edits = [
        Edit(value.span, _attribute_value(html.unescape(wanted[value.name]), "attribute" + value.quoting))
        for value in attribute_values(source_tag, 0, len(source_tag))
        if value.name in wanted and not value.bare
    ]
    return splice(source_tag, edits)


def _safe_markup(translation: str, source: str) -> str:
    """``translation`` with only the source's markup left as markup."""
    source_units = list(_units(source))
    allowed = Counter(text for kind, text, _ in source_units if kind != "text")
    by_key = {tag_key(text): text for kind, text, _ in source_units if kind in ("open", "void")}
    lone_allowed = Counter(tag_key(source_units[i][1]) for i in _unmatched(source_units))
    units = []
    for kind, text, name in _units(translation):
        if kind in ("open", "void") and allowed[text] == 0:
            original = by_key.get(tag_key(text))
            if original is not None and allowed[original] > 0:
                allowed[original] -= 1
                units.append((kind, _retranslated_tag(original, text), name))
                continue
        if kind != "text" and allowed[text] > 0:
            allowed[text] -= 1
            units.append((kind, text, name))
        else:
            units.append(("text", text, ""))
    for index in _unmatched(units):
        kind, text, _ = units[index]
        if lone_allowed[tag_key(text)] > 0:
            lone_allowed[tag_key(text)] -= 1
        else:
            units[index] = ("text", text, "")
    return "".join(text if kind != "text" else _escape_text(text) for kind, text, _ in units)


def _escape_text(text: str) -> str:
    """Text that reads as written: ``<`` and bare ``&`` escaped, entities kept."""
    if "&" not in text:  # no entity to keep and no ampersand to escape
        return text.replace("<", "&lt;")
    out = []
    position = 0
    for match in _ENTITY.finditer(text):
        out.append(text[position : match.start()].replace("&", "&amp;"))
        out.append(match.group(0))
        position = match.end()
    out.append(text[position:].replace("&", "&amp;"))
    return "".join(out).replace("<", "&lt;")


def _escape_attribute(value: str) -> str:
    return _escape_text(value).replace('"', "&quot;").replace(">", "&gt;")


def _attribute_value(translation: str, quoting: str) -> str:
    """An attribute value for where its source value sat (``quoting``: its quote)."""
    quote = quoting.removeprefix("attribute")
    text = _escape_text(" ".join(translation.split()))
    if quote == "'":
        return text.replace("'", "&#39;")
    if quote == '"':
        return text.replace('"', "&quot;")
    return '"' + text.replace('"', "&quot;") + '"'  # an unquoted value cannot hold a space
