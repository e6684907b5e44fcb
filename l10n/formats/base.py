"""What every document format shares: options, the rebuild splice, and refinement.

A format module turns an article's text into block segments (``blocks``) and knows
how to encode a translation for one of its quotings (``encode``). Everything else is
common and lives here: splitting blocks into sentences, detecting each segment's
language, dropping what is never translated, and splicing translations back into the
source so that every byte outside a translated segment stays as it was.

This module knows documents, never catalogs or files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from typing import Protocol

from l10n.formats.disclosure import Disclosure
from l10n.frozen import replacer_of
from l10n.model import Segment, Span

BLOCK = "block"
SENTENCE = "sentence"


@dataclass(frozen=True)
class FormatOptions:
    """How to cut articles into segments; built from the project configuration."""

    front_matter_keys: tuple[str, ...] = ("title", "subtitle", "description", "summary")
    never_translate: tuple[re.Pattern[str], ...] = ()
    segment_by: str = BLOCK
    language_key: str = "lang"


@dataclass(frozen=True, order=True)
class Edit:
    """Replace ``span`` of the source with ``text``."""

    span: Span
    text: str


# An edit as render gathers them: (start, end, text). A page's edits are sorted
# before they are spliced, and these tuples sort in C in the order Edits sort in
# (span, then text), where Edits compare through their generated ``__lt__``, a
# Python call per comparison; nor is a Span and an Edit made for each segment.
Placed = tuple[int, int, str]


class Format(Protocol):
    """A document format: a module with these attributes (see formats/markdown.py)."""

    NAME: str
    EXTENSIONS: tuple[str, ...]

    def blocks(self, text: str, options: FormatOptions) -> list[Segment]: ...

    def encode(self, segment: Segment, translation: str) -> str: ...

    def language_edit(self, text: str, lang: str, options: FormatOptions) -> Edit | None: ...

    def metadata_edits(self, text: str, about: Disclosure, options: FormatOptions) -> list[Edit]: ...


Lookup = Callable[[Segment], "str | None"]

_with_language = replacer_of(Segment)


def segment(fmt: Format, text: str, options: FormatOptions) -> list[Segment]:
    """The translatable segments of ``text``, in document order, each with a language."""
    return refine(fmt.blocks(text, options), text, options)


def refine(blocks: Iterable[Segment], text: str, options: FormatOptions) -> list[Segment]:
    """Split blocks into sentences when asked, detect languages, drop the untranslatable."""
    from l10n.text.language import detect_language  # loaded when an article is parsed, not at start-up

    parts = blocks
    if options.segment_by == SENTENCE:
        parts = [part for block in blocks for part in split_block(block, text)]
    never_translate = options.never_translate
    refined: list[Segment] = []
    for part in parts:
        # Language first, the cheaper test (most text is read up to its first letter):
        # text with no language is not searched for the patterns.
        lang = detect_language(part.text)
        if lang is None:  # numbers, URLs, dates: nothing to translate
            continue
        for pattern in never_translate:  # usually one, the project's patterns joined
            if pattern.search(part.text):
                break
        else:
            # A copy made without Segment's __init__ (frozen.replacer_of), which sets
            # each field through object.__setattr__: a third of the constructor's
            # cost, once per segment of every article parsed.
            refined.append(_with_language(part, lang=lang))
    return refined


def split_block(block: Segment, text: str) -> list[Segment]:
    """Cut a raw block into sentence segments whose pieces point into the source.

    Only raw segments map their msgid one-to-one onto source offsets, so quoted ones
    (YAML strings) stay whole. The whitespace between sentences belongs to no segment
    and therefore survives the rebuild untouched.
    """
    from l10n.text.sentences import split_sentences

    if block.quoting != "raw":
        return [block]
    ranges = split_sentences(block.text)
    if len(ranges) <= 1:
        return [block]
    # Where each msgid line starts, so msgid offsets can be mapped to source offsets.
    line_starts = []
    offset = 0
    for piece in block.pieces:
        line_starts.append(offset)
        offset += piece.end - piece.start + 1
    sentences = []
    for start, end in ranges:
        pieces = []
        for line_start, piece in zip(line_starts, block.pieces, strict=True):
            line_end = line_start + (piece.end - piece.start)
            lo, hi = max(start, line_start), min(end, line_end)
            if lo < hi or (lo == hi and start == end):
                pieces.append(Span(piece.start + lo - line_start, piece.start + hi - line_start))
        first_line = block.line + sum(1 for ls in line_starts[1:] if ls <= start)
        sentences.append(
            replace(
                block,
                text=block.text[start:end],
                line=first_line,
                pieces=tuple(pieces),
                kind=block.kind,
            )
        )
    return sentences


def render(
    fmt: Format,
    text: str,
    segments: Sequence[Segment],
    lookup: Lookup,
    *,
    lang: str | None = None,
    options: FormatOptions | None = None,
    metadata: Disclosure | None = None,
) -> str:
    """Rebuild ``text`` with each segment that ``lookup`` translates replaced.

    Segments ``lookup`` answers ``None`` for keep their source text. When ``lang`` is
    given, the format also records the language (front matter ``lang:``), and
    what ``metadata`` discloses (formats/disclosure.py) where the format has a place for it.
    """
    placed: list[Placed] = []
    for seg in segments:
        translation = lookup(seg)
        if translation is None or translation == seg.text:
            # Unchanged text keeps its source bytes: some spellings (YAML escapes,
            # folded scalars) have several encodings of one value.
            continue
        placed.extend(_placements(seg, fmt.encode(seg, translation)))
    if lang is not None:
        edit = fmt.language_edit(text, lang, options or FormatOptions())
        if edit is not None:
            placed.append((edit.span.start, edit.span.end, edit.text))
    if metadata is not None:
        edits = fmt.metadata_edits(text, metadata, options or FormatOptions())
        placed.extend((edit.span.start, edit.span.end, edit.text) for edit in edits)
    return _splice_placed(text, placed)


def place(seg: Segment, encoded: str) -> list[Edit]:
    """Edits that put an encoded translation where ``seg`` sits in the source.

    A segment without a continuation prefix is replaced as one span (its format's
    ``encode`` has already made the text fit there). Otherwise translation line *i*
    replaces piece *i*; extra lines join the last piece, each after the continuation
    prefix; if the translation has fewer lines, the surplus source lines (prefixes
    included) are removed.
    """
    return [Edit(Span(start, end), encoded_text) for start, end, encoded_text in _placements(seg, encoded)]


def _placements(seg: Segment, encoded: str) -> list[Placed]:
    """``place``'s edits as (start, end, text)."""
    pieces = seg.pieces
    if seg.continuation is None:
        return [(pieces[0].start, pieces[-1].end, encoded)]
    lines = encoded.split("\n")
    shared = min(len(lines), len(pieces)) - 1
    placed = [(piece.start, piece.end, line) for piece, line in zip(pieces[:shared], lines[:shared], strict=True)]
    placed.append((pieces[shared].start, pieces[-1].end, ("\n" + seg.continuation).join(lines[shared:])))
    return placed


def splice(text: str, edits: Iterable[Edit]) -> str:
    """Apply non-overlapping edits to ``text``."""
    return _splice_placed(text, [(edit.span.start, edit.span.end, edit.text) for edit in edits])


def _splice_placed(text: str, placed: list[Placed]) -> str:
    """Apply non-overlapping (start, end, text) edits to ``text``."""
    out = []
    cursor = 0
    for start, end, new_text in sorted(placed):
        if start < cursor:
            raise ValueError(f"overlapping edits at offset {start}")
        out.append(text[cursor:start])
        out.append(new_text)
        cursor = end
    out.append(text[cursor:])
    return "".join(out)
