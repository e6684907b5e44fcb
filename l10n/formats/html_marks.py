"""The standard library's HTML parser, reporting where in the text each token starts.

``html_tokens.parser_tokens`` reads the pages its own scan declines with this
parser. It is a module of its own so that importing ``html.parser`` (with
``_markupbase`` and ``html.entities``) waits for such a page: most runs never meet
one, and the import was 1.3 to 2.6 ms of every extract and build start-up.

This module knows markup, never segments.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser


class MarkingParser(HTMLParser):
    """``html.parser`` noting each token's kind, start, tag name and end in ``marks``."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.line_starts = [0]
        self.line_starts.extend(m.end() for m in re.finditer("\n", text))
        self.marks: list[tuple[str, int, str, int]] = []  # kind, start, name, end (-1: next token's start)

    def where(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self.where()
        raw = self.get_starttag_text() or ""
        self.marks.append(("start", start, tag, start + len(raw)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.marks.append(("end", self.where(), tag, -1))

    def handle_data(self, data: str) -> None:
        self.marks.append(("text", self.where(), "", -1))

    handle_entityref = handle_charref = handle_data  # type: ignore[assignment]

    def _other(self, data: str) -> None:
        self.marks.append(("comment", self.where(), "", -1))

    handle_comment = handle_decl = handle_pi = unknown_decl = _other  # type: ignore[assignment]
