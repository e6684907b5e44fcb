"""Plain-text articles, such as a news page saved or scraped as ``.txt``.

Plain text has no markup, so structure has to be read from layout. Blank lines
(empty or whitespace-only) separate blocks. Inside a block, some lines belong
together (a paragraph hard-wrapped at about 70 columns) and some stand alone
(a section label ``정치 | 국방``, a headline, a subtitle, a byline). The rule,
applied to each block in order:

1. **List items.** A line whose text starts with a marker (``•``, ``·``, ``ㆍ``,
   ``◦``, ``▪``, ``▶``, ``■``, ``●``, ``*``, ``-``, ``–``, ``—``, or ``1.``/``1)``
   with up to three digits) followed by a space or tab is a list item, kind
   ``"bullet"``. The marker and the spaces after it stay outside the msgid. Lines
   right after it that are indented deeper than the marker line, and are not items
   themselves, continue the item (one piece per line). Subtitle lines such as
   ``- 45개국 대표단 참석`` are items by this rule too: the dash is layout either way.
2. **Runs of plain lines** (everything between items) are cut into chunks: after a
   line narrower than ``WRAP_MIN`` columns, before and after a line wider than
   ``WRAP_MAX`` columns, and between two lines whose letters are mostly in
   different scripts (Hangul or Latin; a line with neither sides with its
   neighbours). So a short label or headline never joins the paragraph below it,
   an unwrapped one-line paragraph stands alone, and an English headline stacked
   on its Korean twin stays two segments.
3. **A chunk of two or more lines is one wrapped paragraph** when the widths of all
   its lines but the last lie within ``RAGGED`` columns of each other, and the last
   line is at most ``RAGGED`` columns wider than the widest of them (a wrapped
   paragraph's last line is the remainder, never much longer than the rest). It
   becomes one segment, kind ``"paragraph"``, one piece per line, whose
   continuation is the last line's indentation (``""`` for unindented text), so a
   translation with more lines than the source adds lines and one with fewer drops
   the surplus.
4. **Every other line stands alone**, continuation ``None``: kind ``"paragraph"``
   when it reads like prose (at least ``WRAP_MIN`` columns and ending in ``.``,
   ``!``, ``?`` or ``。``, perhaps followed by a closing quote or bracket), kind
   ``"line"`` otherwise (labels, headlines, bylines, notices).

Widths are display columns: Hangul and other wide characters count two. The rule
errs towards joining: lines wrongly joined still rebuild line for line, while a
paragraph wrongly cut into lines hands the translator sentence fragments.

Leading indentation and trailing whitespace of every line stay outside the pieces,
so they survive a rebuild byte for byte. Bylines, e-mail addresses and copyright
notices are segments like any other here; the project's never-translate patterns
(``config.DEFAULT_NEVER_TRANSLATE`` is the default set) drop them later, in
``base.refine``.

This module knows text, never catalogs or files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from l10n.formats.base import Edit, FormatOptions
from l10n.formats.disclosure import Disclosure
from l10n.model import Segment, Span
from l10n.text.scripts import count_hangul, count_latin
from l10n.text.width import display_width

NAME = "text"
EXTENSIONS = (".txt",)

# Lines of a wrapped paragraph (all but its last) are at least this wide. News text
# is wrapped at 60-80 columns; labels, headlines and bylines are mostly narrower.
WRAP_MIN = 40
# Nobody hard-wraps wider than this (Korean wrapped at 70-80 characters is about
# 140-160 columns); a wider line is a paragraph written on one line.
WRAP_MAX = 160
# How ragged a wrapped paragraph's right edge may be: roughly the widest word that
# got pushed to the next line, plus slack for hand-edited text.
RAGGED = 24

KIND_PARAGRAPH = "paragraph"
KIND_LINE = "line"
KIND_BULLET = "bullet"

_MARKER = re.compile(r"(?:[•·ㆍ◦▪▫‣⁃∙●○■□▶▷►*\-–—]|\d{1,3}[.)])[ \t]+(?=\S)")
# Prose ends in sentence punctuation, maybe inside quotes or brackets. "…" is left
# out on purpose: Korean headlines use it as a separator ("개막…45개국 참석").
_PROSE_END = re.compile(r"[.!?。][\"'”’)\]」』]*$")
# A Hangul syllable says about as much as two or three Latin letters.
_HANGUL_WEIGHT = 2

# Whole-segment patterns (each anchored with ^...$, matched with re.search and no
# flags) for text a newsroom never translates. Anchoring both ends keeps a body
# sentence that mentions "copyright" or "기자" translatable.


@dataclass(frozen=True)
class _Line:
    """One non-blank source line: where its text sits and how it looks."""

    number: int  # 1-based
    text_start: int  # offset of the first character after indentation (and marker)
    text_end: int  # offset after the last non-space character
    indent: str
    bullet: bool
    width: int
    script: str | None


def blocks(text: str, options: FormatOptions) -> list[Segment]:
    """The paragraphs, lines and list items of a plain-text article, in order."""
    segments: list[Segment] = []
    for block in _blocks(_lines(text)):
        segments.extend(_segment_block(text, block))
    return segments


def encode(segment: Segment, translation: str) -> str:
    """The translation as it goes into the text.

    A one-line segment stays on one line: line breaks become spaces, and space
    around the translation goes, as the source's own sits outside the segment. A
    paragraph keeps its lines, but blank ones are dropped, since a blank line would
    split the paragraph into two blocks and change the article's structure.
    """
    if segment.continuation is None:
        return re.sub(r"\s*\n\s*", " ", translation.strip())
    return "\n".join(line for line in translation.split("\n") if line.strip())


def language_edit(text: str, lang: str, options: FormatOptions) -> Edit | None:
    """Plain text has no front matter to record a language in."""
    return None


def metadata_edits(text: str, about: Disclosure, options: FormatOptions) -> list[Edit]:
    """Plain text has no front matter to record anything in."""
    return []


def _lines(text: str) -> Iterator[_Line | None]:
    """Each source line, or ``None`` for a blank one."""
    offset = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        body = raw.strip()
        if not body:
            yield None
        else:
            lead = len(raw) - len(raw.lstrip())
            marker = _MARKER.match(raw, lead)
            text_start = marker.end() if marker else lead
            content = raw[text_start : lead + len(raw.lstrip().rstrip())]
            yield _Line(
                number=number,
                text_start=offset + text_start,
                text_end=offset + text_start + len(content),
                indent=raw[:lead],
                bullet=marker is not None,
                width=display_width(content),
                script=_script(content),
            )
        offset += len(raw) + 1


def _blocks(lines: Iterator[_Line | None]) -> Iterator[list[_Line]]:
    block: list[_Line] = []
    for line in lines:
        if line is None:
            if block:
                yield block
            block = []
        else:
            block.append(line)
    if block:
        yield block


def _segment_block(text: str, block: list[_Line]) -> Iterator[Segment]:
    run: list[_Line] = []
    i = 0
    while i < len(block):
        line = block[i]
        if not line.bullet:
            run.append(line)
            i += 1
            continue
        yield from _segment_run(text, run)
        run = []
        item = [line]
        i += 1
        while i < len(block) and not block[i].bullet and len(block[i].indent) > len(line.indent):
            item.append(block[i])
            i += 1
        continuation = item[-1].indent if len(item) > 1 else None
        yield _segment(text, item, KIND_BULLET, continuation)
    yield from _segment_run(text, run)


def _segment_run(text: str, run: list[_Line]) -> Iterator[Segment]:
    for chunk in _chunks(run):
        if len(chunk) > 1 and _wrapped(chunk):
            yield _segment(text, chunk, KIND_PARAGRAPH, chunk[-1].indent)
        else:
            for line in chunk:
                yield _segment(text, [line], _single_kind(text, line), None)


def _chunks(run: list[_Line]) -> Iterator[list[_Line]]:
    """Cut a run of plain lines where no wrapped paragraph can continue (rule 2)."""
    chunk: list[_Line] = []
    script: str | None = None
    for line in run:
        if chunk and (line.width > WRAP_MAX or (script is not None and line.script is not None and line.script != script)):
            yield chunk
            chunk, script = [], None
        chunk.append(line)
        script = script or line.script
        if line.width < WRAP_MIN or line.width > WRAP_MAX:
            yield chunk
            chunk, script = [], None
    if chunk:
        yield chunk


def _wrapped(chunk: list[_Line]) -> bool:
    """Whether a chunk (cut by ``_chunks``) reads as one hard-wrapped paragraph."""
    body = [line.width for line in chunk[:-1]]
    widest = max(body)
    return widest - min(body) <= RAGGED and chunk[-1].width <= widest + RAGGED


def _single_kind(text: str, line: _Line) -> str:
    content = text[line.text_start : line.text_end]
    if line.width >= WRAP_MIN and _PROSE_END.search(content):
        return KIND_PARAGRAPH
    return KIND_LINE


def _segment(text: str, lines: list[_Line], kind: str, continuation: str | None) -> Segment:
    pieces = tuple(Span(line.text_start, line.text_end) for line in lines)
    return Segment(
        text="\n".join(text[p.start : p.end] for p in pieces),
        kind=kind,
        line=lines[0].number,
        pieces=pieces,
        continuation=continuation,
    )


def _script(text: str) -> str | None:
    """ "hangul" or "latin", whichever script most of the line is written in."""
    hangul = count_hangul(text) * _HANGUL_WEIGHT
    latin = count_latin(text)
    if not hangul and not latin:
        return None
    return "hangul" if hangul >= latin else "latin"
