"""Cut a text that is too long for one provider request, and glue the answers back.

Services cap a request's size (Google Translate at 5,000 characters, MyMemory at
500, LibreTranslate behind a GET URL at about 2,000), and an article paragraph
can be longer. ``split_for_limit(text, max_chars)`` cuts at sentence boundaries
(``l10n.sentences``), packing as many whole sentences into each part as fit; a
sentence longer than the limit is cut at whitespace, and a "word" longer than the
limit (a run of Korean without spaces, say) is cut hard. No cut ever falls inside
a placeholder from protect.py, so every part can be restored on its own.

The whitespace between parts is kept, not sent: ``Chunks.join`` puts it back
between the translated parts, so joining the untranslated parts gives the text
back character for character.

Pure functions, standard library only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from l10n.errors import L10nError
from l10n.qa.protect import TOKEN
from l10n.text.sentences import split_sentences

# Below this a placeholder (``⟦123⟧``) or a short word could not fit in a part.
MIN_CHARS = 16

# A word for cutting at whitespace: placeholders count as unbreakable, even a
# padded one (``⟦ 1 ⟧``) that contains spaces.
_WORD = re.compile(rf"(?:{TOKEN.pattern}|\S)+")


@dataclass(frozen=True)
class Chunks:
    """A text as parts to translate and the whitespace around them.

    ``separators`` has one more item than ``parts``: the text's leading
    whitespace, the whitespace between each two parts ("" after a hard cut), and
    the trailing whitespace. A text of only whitespace has no parts.
    """

    parts: tuple[str, ...]
    separators: tuple[str, ...]

    def join(self, translated_parts: Sequence[str]) -> str:
        """The translated text: each part's translation between the kept separators.

        >>> chunks = split_for_limit("He left. She stayed.", 16)
        >>> chunks.parts
        ('He left.', 'She stayed.')
        >>> chunks.join(["그는 떠났다.", "그녀는 남았다."])
        '그는 떠났다. 그녀는 남았다.'
        """
        if len(translated_parts) != len(self.parts):
            raise ValueError(f"expected {len(self.parts)} translated parts, got {len(translated_parts)}")
        if len(translated_parts) == 1:  # most texts are sent whole: one answer per check
            return self.separators[0] + translated_parts[0] + self.separators[1]
        out = [self.separators[0]]
        for part, separator in zip(translated_parts, self.separators[1:], strict=True):
            out.append(part)
            out.append(separator)
        return "".join(out)


def split_for_limit(text: str, max_chars: int) -> Chunks:
    """``text`` cut into parts of at most ``max_chars`` characters each (see module doc)."""
    if max_chars < MIN_CHARS:
        raise L10nError(
            f"a request limit of {max_chars} characters is too small to translate in",
            hint=f"set the provider's max_chars to at least {MIN_CHARS}",
        )
    spans: list[tuple[int, int]] = []
    current: tuple[int, int] | None = None
    for start, end in split_sentences(text):
        pieces = [(start, end)] if end - start <= max_chars else _pieces(text, start, end, max_chars)
        if len(pieces) > 1 and current is not None:
            # A long sentence starts a part of its own rather than finishing
            # someone else's, so its first cut is not needlessly early.
            spans.append(current)
            current = None
        for piece in pieces:
            if current is not None and piece[1] - current[0] <= max_chars:
                current = (current[0], piece[1])
            else:
                if current is not None:
                    spans.append(current)
                current = piece
    if current is not None:
        spans.append(current)

    parts = tuple(text[s:e] for s, e in spans)
    edges = [0, *(x for span in spans for x in span), len(text)]
    separators = tuple(text[edges[i] : edges[i + 1]] for i in range(0, len(edges), 2))
    return Chunks(parts, separators)


def _pieces(text: str, start: int, end: int, max_chars: int) -> list[tuple[int, int]]:
    """A too-long sentence as words, each word cut hard to the limit if need be."""
    pieces = []
    for m in _WORD.finditer(text, start, end):
        word_start, word_end = m.span()
        while word_end - word_start > max_chars:
            cut = _hard_cut(text, word_start, word_start + max_chars)
            pieces.append((word_start, cut))
            word_start = cut
        pieces.append((word_start, word_end))
    return pieces


def _hard_cut(text: str, start: int, limit: int) -> int:
    """The last safe cut at or before ``limit``: not inside a placeholder, not
    before a combining mark (which would be sent without its letter)."""
    tokens = [m.span() for m in TOKEN.finditer(text, start, limit + MIN_CHARS)]
    cut = limit
    moved = True
    # Stepping back over a combining mark can land inside a placeholder and the
    # other way round, so both rules are applied until neither moves the cut.
    while moved and cut > start:
        moved = False
        for token_start, token_end in tokens:
            if token_start < cut < token_end:
                cut, moved = token_start, True
        while cut > start + 1 and cut < len(text) and unicodedata.combining(text[cut]):
            cut, moved = cut - 1, True
    if cut <= start:
        # The word starts with a placeholder: cut right after it instead.
        m = TOKEN.match(text, start)
        cut = m.end() if m else limit
    return cut
