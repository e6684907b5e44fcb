"""Markdown articles (CommonMark with GFM tables and footnotes) as block segments.

``blocks`` parses an article once and reports the text of each translatable block:
headings, paragraphs (also inside quotes, list items and footnotes), table cells,
the alt text of a lone image, the text runs of simple HTML blocks, and the
configured front matter values (see frontmatter.py). Code, comments, link
reference definitions and thematic breaks are never segments.

Pieces are cut from the source lines themselves, never from the parser's
normalised content, so that every byte outside a piece (container prefixes such
as ``> `` and list indentation, closing ``#``s, table pipes and padding, a task
checkbox, trailing hard-break spaces) survives a rebuild exactly. A backslash
hard break is inside its piece: it is markup the translator sees and keeps.

This module is the only markdown-it importer. It knows documents, never catalogs.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence

from markdown_it import MarkdownIt
from markdown_it.common.utils import MD_TRIM_CHARS
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from l10n.errors import L10nError
from l10n.formats import frontmatter
from l10n.formats.base import Edit, FormatOptions
from l10n.formats.disclosure import Disclosure, fields
from l10n.model import Segment, Span

NAME = "markdown"
EXTENSIONS = (".md", ".markdown")


# markdown-it stops reading at its nesting limit (20 token levels in the CommonMark
# preset: a list ten deep) and silently drops the rest of the article, so the text
# after a deep list would never reach a catalog and build would publish it
# untranslated. The guard below, the first block rule, refuses a deeper article by
# its line instead; the parser's own limit sits just above it and is never reached.
# 100 token levels is 50 nested lists or 100 nested quotes, far beyond any article
# and well inside Python's recursion limit.
MAX_NESTING = 100

BlockRule = Callable[[StateBlock, int, int, bool], bool]


def _nesting_guard(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    if state.level >= MAX_NESTING:
        raise L10nError(
            f"lists and quotes are nested too deeply here (over {MAX_NESTING} levels; a list item counts two)",
            line=start_line + 1,
            hint="flatten the nesting; every block after this line would be left out",
        )
    return False


def _build_parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": MAX_NESTING + 1})
    md.enable(["table", "strikethrough"])
    md.block.ruler.before("table", "nesting_guard", _nesting_guard)
    md.use(footnote_plugin)
    # The footnote plugin moves definitions to the end of the token stream and drops
    # unreferenced ones; keeping them in place keeps segments in document order.
    md.disable("footnote_tail")
    # Inline parsing is half the parse time and segments need none of it: inline
    # markup stays in the msgid as written. Lone images are checked on demand.
    md.disable("inline")
    ruler = md.block.ruler
    rule = ruler.__rules__[ruler.__find__("table")]
    ruler.at("table", _recording_line_starts(rule.fn), {"alt": list(rule.alt)})
    return md


def _recording_line_starts(table_rule: BlockRule) -> BlockRule:
    """Wrap the table rule so its token remembers where each row's text starts.

    Only the parser knows where a row begins inside a quote or list item (it has
    already skipped the container markers), and a cell's offset cannot be recovered
    from the cell content, which has its escapes removed.
    """

    def table(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
        first_token = len(state.tokens)
        found = table_rule(state, start_line, end_line, silent)
        if found and not silent:
            state.tokens[first_token].meta["rows"] = [
                (state.bMarks[line] + state.tShift[line], state.eMarks[line]) for line in range(start_line, state.line)
            ]
        return found

    return table


_MD = _build_parser()

# Line starts that would open a new block if a translated line began with them
# (or could end the paragraph they sit in); such a line gets a backslash first.
_BLOCK_START = re.compile(
    r"""(?:
        \#{1,6}(?:[ \t]|$)                  # ATX heading
      | [-+*](?:[ \t]|$)                    # bullet list item
      | \d{1,9}[.)](?:[ \t]|$)              # ordered list item
      | >                                   # block quote
      | =+[ \t]*$ | -+[ \t]*$               # setext underline
      | ([-*_])(?:[ \t]*\1){2,}[ \t]*$      # thematic break
      | ```(?!.*`) | ~~~                    # code fence
      | \[\^?[^\]]+\]:                      # footnote or link reference definition
      | <(?:script|pre|style|textarea)(?:[\s>]|$) | <!-- | <\? | <![A-Za-z] | <!\[CDATA\[
      | </?(?:address|article|aside|blockquote|body|caption|center|col|colgroup|dd|details
            |dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]
            |head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol
            |optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead
            |title|tr|track|ul)(?:[ \t/>]|$)
    )""",
    re.VERBOSE | re.IGNORECASE,
)
_ORDERED_MARKER = re.compile(r"(\d{1,9})[.)]")
_TASK_BOX = re.compile(r"\[[ xX]\](?:[ \t]+|$)")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_ATX_CLOSING = re.compile(r"(?:^|[ \t])(#+)[ \t]*$")  # would be read as closing #s
_ENTITY = re.compile(r"&#?[A-Za-z0-9]+;")

# HTML: tags that end a run of text (block-level and void elements), and elements
# whose content is never prose.
_HTML_PIECE = re.compile(
    r"""<!--.*?(?:-->|\Z)
      | <[!?].*?(?:>|\Z)
      | <(/?)([A-Za-z][A-Za-z0-9-]*)(?:"[^"]*"|'[^']*'|[^'">])*(?:>|\Z)""",
    re.VERBOSE | re.DOTALL,
)
_HTML_INLINE = frozenset(
    "a abbr b bdi bdo br cite code data del dfn em i ins kbd mark q rp rt ruby s samp small "
    "span strong sub sup time u var wbr".split()
)
_HTML_RAW = frozenset(("script", "style", "pre", "textarea"))


# --- the Format protocol ---------------------------------------------------------


def blocks(text: str, options: FormatOptions) -> list[Segment]:
    """The block segments of an article, in document order (``lang`` not yet set)."""
    found: list[Segment] = []
    fm = frontmatter.find(text)
    source = text
    shift = 0
    if fm is not None:
        found.extend(frontmatter.segments(text, fm, options.front_matter_keys))
        # The parser sees empty lines in place of the front matter, so its line
        # numbers stay the file's; offsets it reports move by ``shift``.
        source = "\n" * fm.line_count + text[fm.body_start :]
        shift = fm.body_start - fm.line_count
    env: dict = {}  # link reference definitions, needed to recognise ![alt][ref]
    try:
        tokens = _MD.parse(source, env)
    except RecursionError:
        raise L10nError(
            "article is nested too deeply to parse",
            line=1,
            hint="reduce the nesting of quotes and lists",
        ) from None
    found.extend(_Walker(text, shift, env).walk(tokens))
    found.sort(key=lambda seg: seg.pieces[0].start)
    return found


def encode(segment: Segment, translation: str) -> str:
    """The text to splice for ``translation`` at ``segment``'s pieces.

    Raw Markdown is kept as written, with three protections: a segment that must
    stay on one line gets its line breaks turned into spaces; a line that would
    start a new block (``- ``, ``# ``, ``1. ``, ``>``...) gets a backslash; blank
    lines, which would split a paragraph or end an HTML block, are dropped. Table
    cells get unescaped ``|`` escaped; ATX headings a trailing `` #`` escaped.
    A translation equal to the source is returned untouched.
    """
    if segment.quoting != "raw":
        return frontmatter.encode(segment, translation)
    if translation == segment.text:
        return translation
    if segment.continuation is None:
        text = " ".join(line.strip() for line in translation.split("\n") if line.strip())
        if segment.kind in ("table-header", "table-cell"):
            # The parser reads any pipe after a backslash as escaped, so a cell must
            # not end in a backslash either.
            text = text + " " if text.endswith("\\") else text
            return _UNESCAPED_PIPE.sub(r"\\|", text)
        if segment.kind == "image-alt":
            return _balance_brackets(text)
        closing = _ATX_CLOSING.search(text)
        if segment.kind == "heading" and closing is not None:
            return text[: closing.start(1)] + "\\" + text[closing.start(1) :]
        return text
    lines = [line.lstrip(" \t") for line in translation.split("\n") if line.strip()]
    if segment.kind != "html":
        lines = [_escape_block_start(line) for line in lines]
    return "\n".join(lines)


def language_edit(text: str, lang: str, options: FormatOptions) -> Edit | None:
    """Set the front matter's language key to ``lang``; None without front matter."""
    fm = frontmatter.find(text)
    if fm is None:
        return None
    return frontmatter.language_edit(text, fm, options.language_key, lang)


def metadata_edits(text: str, about: Disclosure, options: FormatOptions) -> list[Edit]:
    """Set front matter keys (see formats/disclosure.py); none without front matter."""
    fm = frontmatter.find(text)
    return [] if fm is None else frontmatter.set_values(text, fm, fields(about))


def structure(text: str) -> list[tuple[str, str, int]]:
    """The block skeleton of an article's body: (token type, tag, nesting) per block token.

    Two articles with equal skeletons have the same headings, paragraphs, lists,
    quotes, tables and code blocks in the same nesting, whatever their words. The
    front matter is left out; compare it as YAML. A check that a rebuilt article
    kept its source's shape compares ``structure(source) == structure(rebuilt)``.
    """
    fm = frontmatter.find(text)
    body = text[fm.body_start :] if fm is not None else text
    return [(token.type, token.tag, token.nesting) for token in _MD.parse(body)]


# --- walking the token stream -----------------------------------------------------


_CONTAINER_KINDS = {
    "blockquote_open": "blockquote",
    "list_item_open": "list-item",
    "footnote_reference_open": "footnote",
}


class _Walker:
    """Turns the parser's block tokens into segments whose pieces point into ``text``."""

    def __init__(self, text: str, shift: int, env: dict) -> None:
        self.text = text
        self.shift = shift
        self.env = env
        self.lines = text.split("\n")
        self.starts = [0]
        for line in self.lines[:-1]:
            self.starts.append(self.starts[-1] + len(line) + 1)

    def walk(self, tokens: Sequence[Token]) -> list[Segment]:
        found: list[Segment | None] = []
        containers: list[str] = []
        for i, token in enumerate(tokens):
            kind = _CONTAINER_KINDS.get(token.type)
            if kind is not None:
                containers.append(kind)
            elif token.type.endswith("_close") and token.type.replace("_close", "_open") in _CONTAINER_KINDS:
                containers.pop()
            elif token.type == "heading_open":
                found.append(self.heading(token, tokens[i + 1]))
            elif token.type == "paragraph_open":
                in_item = tokens[i - 1].type == "list_item_open"
                found.append(self.paragraph(tokens[i + 1], containers[-1] if containers else "paragraph", in_item))
            elif token.type == "table_open":
                found.extend(self.table(token, tokens, i))
            elif token.type == "html_block":
                found.extend(self.html(token))
        return [seg for seg in found if seg is not None]

    # Pieces --------------------------------------------------------------------

    def line_pieces(self, content: str, first_line: int) -> list[Span] | None:
        """One piece per content line: the line's text without prefix or outer blanks.

        Each content line is the tail of its source line (the parser only strips
        container markers and indentation from the front), so it is found by
        matching from the end; ``rfind`` covers the rare trailing blank the parser
        trimmed that is not a space or tab.
        """
        pieces = []
        for k, part in enumerate(content.split("\n")):
            number = first_line + k
            line = self.lines[number]
            core = part.strip(" \t")
            end = len(line.rstrip(" \t"))
            start = end - len(core)
            if start < 0 or line[start:end] != core:
                start = line.rfind(core)
                if start < 0:
                    return None
                end = start + len(core)
            pieces.append(Span(self.starts[number] + start, self.starts[number] + end))
        return pieces

    def line_of(self, offset: int) -> int:
        """1-based line number of a text offset."""
        return bisect_right(self.starts, offset)

    def make(self, pieces: Sequence[Span], kind: str, continuation: str | None) -> Segment | None:
        pieces = [piece for piece in pieces if piece.end > piece.start] if len(pieces) > 1 else pieces
        if not pieces or all(piece.end == piece.start for piece in pieces):
            return None
        msgid = "\n".join(self.text[piece.start : piece.end] for piece in pieces)
        return Segment(msgid, kind, self.line_of(pieces[0].start), tuple(pieces), continuation)

    def continuation(self, piece: Span) -> str:
        """The prefix for extra lines: the first line's prefix with markers blanked.

        ``> `` stays (quote markers must repeat); list markers, task boxes and
        footnote labels become spaces, which is the item's content indentation.
        """
        line_start = self.starts[self.line_of(piece.start) - 1]
        prefix = self.text[line_start : piece.start]
        return "".join(ch if ch in ">\t" else " " for ch in prefix)

    # Blocks ----------------------------------------------------------------------

    def heading(self, opening: Token, inline: Token) -> Segment | None:
        if not inline.content or opening.map is None:
            return None
        first = opening.map[0]
        if opening.markup in ("=", "-"):  # setext: the text lines, not the underline
            pieces = self.line_pieces(inline.content, first)
            if pieces is None:
                return None
            return self.make(pieces, "heading", self.continuation(pieces[0]))
        line = self.lines[first]
        marker = line.index(opening.markup)
        start = line.find(inline.content, marker + len(opening.markup))
        if start < 0:
            return None
        offset = self.starts[first] + start
        return self.make([Span(offset, offset + len(inline.content))], "heading", None)

    def paragraph(self, inline: Token, kind: str, in_item: bool) -> Segment | None:
        if inline.map is None:
            return None
        pieces = self.line_pieces(inline.content, inline.map[0])
        if pieces is None:
            return None
        continuation = self.continuation(pieces[0])
        if in_item:
            box = _TASK_BOX.match(self.text, pieces[0].start, pieces[0].end)
            if box is not None:
                pieces[0] = Span(box.end(), pieces[0].end)
        alt = self.lone_image_alt(inline, pieces)
        if alt is not None:
            return self.make([alt], "image-alt", None)
        return self.make(pieces, kind, continuation)

    def lone_image_alt(self, inline: Token, pieces: list[Span]) -> Span | None:
        """The alt text's span when the paragraph is one image (maybe linked)."""
        if len(pieces) != 1 or not inline.content.startswith(("![", "[![")):
            return None
        parsed: list[Token] = []
        _MD.inline.parse(inline.content, _MD, self.env, parsed)
        children = [child.type for child in parsed]
        if children not in (["image"], ["link_open", "image", "link_close"]) or len(pieces) != 1:
            return None
        opening = self.text.find("![", pieces[0].start, pieces[0].end)
        if opening < 0:
            return None
        close = _closing_bracket(self.text, opening + 2, pieces[0].end)
        if close is None:
            return None
        return Span(opening + 2, close)

    def table(self, opening: Token, tokens: Sequence[Token], index: int) -> list[Segment | None]:
        rows = opening.meta.get("rows")
        if not rows or opening.map is None:
            return []
        found: list[Segment | None] = []
        first_line = opening.map[0]
        columns = 0
        for token in tokens[index + 1 :]:
            if token.type == "table_close":
                break
            if token.type == "th_open":
                columns += 1
            if token.type != "tr_open" or token.map is None:
                continue
            row = token.map[0]
            start, end = rows[row - first_line]
            kind = "table-header" if row == first_line else "table-cell"
            for cell in _split_row(self.text, start + self.shift, end + self.shift)[: columns or None]:
                found.append(self.make([cell], kind, None))
        return found

    def html(self, token: Token) -> list[Segment | None]:
        """Text runs of an HTML block: prose between block-level tags, inline tags kept."""
        if token.map is None:
            return []
        content_lines = token.content.split("\n")[: token.map[1] - token.map[0]]
        # Where each content line starts in the text (the parser stripped prefixes).
        line_offsets = []
        for k, part in enumerate(content_lines):
            number = token.map[0] + k
            line = self.lines[number]
            if not line.endswith(part):
                return []  # tab-expanded indentation: leave this block alone
            line_offsets.append(self.starts[number] + len(line) - len(part))
        content = "\n".join(content_lines)
        content_starts = [0]
        for part in content_lines[:-1]:
            content_starts.append(content_starts[-1] + len(part) + 1)

        def to_text(position: int) -> int:
            k = bisect_right(content_starts, position) - 1
            return line_offsets[k] + position - content_starts[k]

        found = []
        for run_start, run_end in _html_runs(content):
            pieces = []
            for k, line_start in enumerate(content_starts):
                line_end = line_start + len(content_lines[k])
                lo, hi = max(run_start, line_start), min(run_end, line_end)
                if lo >= hi:
                    continue
                chunk = content[lo:hi]
                lo += len(chunk) - len(chunk.lstrip())
                hi -= len(chunk) - len(chunk.rstrip())
                if lo < hi:
                    pieces.append(Span(to_text(lo), to_text(hi)))
            if not pieces:
                continue
            # Extra lines go after the container prefix and the first line's indentation.
            k = self.line_of(pieces[0].start) - 1 - token.map[0]
            container = self.text[self.starts[token.map[0] + k] : line_offsets[k]]
            part = content_lines[k]
            indent = part[: len(part) - len(part.lstrip(" \t"))]
            blanked = "".join(ch if ch in ">\t" else " " for ch in container)
            found.append(self.make(pieces, "html", blanked + indent))
        return found


# --- helpers ------------------------------------------------------------------------


def _escape_block_start(line: str) -> str:
    """``line`` with a backslash that keeps it from opening a block of its own."""
    if not _BLOCK_START.match(line):
        return line
    ordered = _ORDERED_MARKER.match(line)
    if ordered is not None:  # a backslash before a digit is literal; escape the dot
        return line[: ordered.end(1)] + "\\" + line[ordered.end(1) :]
    return "\\" + line


def _split_row(text: str, start: int, end: int) -> list[Span]:
    """Cell spans of a table row, split the way the parser splits it.

    The parser trims the row, splits at pipes not preceded by a backslash, and
    drops an empty first and last column (the outer pipes). Spans exclude padding.
    """
    row = text[start:end]
    lead = len(row) - len(row.lstrip(MD_TRIM_CHARS))
    row = row.strip(MD_TRIM_CHARS)
    base = start + lead
    bounds = [-1] + [m.start() for m in _UNESCAPED_PIPE.finditer(row)] + [len(row)]
    cells = []
    for left, right in itertools.pairwise(bounds):
        cell = row[left + 1 : right]
        inner = cell.strip(MD_TRIM_CHARS)
        offset = base + left + 1 + (len(cell) - len(cell.lstrip(MD_TRIM_CHARS)))
        cells.append(Span(offset, offset + len(inner)))
    if cells and bounds[1] == 0:
        cells.pop(0)
    if cells and bounds[-2] == len(row) - 1 and len(bounds) > 2:
        cells.pop()
    return cells


def _html_runs(content: str) -> list[tuple[int, int]]:
    """Ranges of ``content`` holding prose: text and inline tags between other tags."""
    runs = []
    run_start: int | None = None
    run_end = 0
    has_text = False
    position = 0

    def flush() -> None:
        nonlocal run_start, has_text
        if run_start is not None and has_text:
            runs.append((run_start, run_end))
        run_start, has_text = None, False

    while position < len(content):
        match = _HTML_PIECE.search(content, position)
        text_end = match.start() if match else len(content)
        if _ENTITY.sub("", content[position:text_end]).strip():
            if run_start is None:
                run_start = position
            run_end = text_end
            has_text = True
        if match is None:
            break
        name = (match.group(2) or "").lower()
        if name in _HTML_INLINE:
            if run_start is None:
                run_start = match.start()
            run_end = match.end()
        else:
            flush()
            if name in _HTML_RAW and not match.group(1):
                closing = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(content, match.end())
                position = closing.end() if closing else len(content)
                continue
        position = match.end()
    flush()
    return runs


def _closing_bracket(text: str, start: int, end: int) -> int | None:
    """Offset of the ``]`` closing a bracket opened just before ``start``."""
    depth = 0
    position = start
    while position < end:
        ch = text[position]
        if ch == "\\":
            position += 2
            continue
        if ch == "[":
            depth += 1
        elif ch == "]":
            if depth == 0:
                return position
            depth -= 1
        position += 1
    return None


def _balance_brackets(text: str) -> str:
    """Escape the brackets of an alt text whose brackets would end the image early."""
    if re.search(r"(?<!\\)(?:\\\\)*\\$", text):
        text += "\\"  # a lone trailing backslash would escape the closing bracket
    if _closing_bracket(text + "]", 0, len(text) + 1) == len(text):
        return text
    return re.sub(r"(?<!\\)([\[\]])", r"\\\1", text)
