"""YAML front matter: find it, pick out the translatable values, write values back.

The front matter is the ``---`` fenced YAML block at the very top of an article.
Only the values of configured top-level keys are translatable (a string, or the
strings of a list under such a key); keys, other values and comments are never
touched. Each value becomes one segment whose piece covers its encoded form, so a
rebuild replaces exactly the value and keeps every other byte of the block.

YAML is read with a composer-only loader: it builds nodes (which carry exact source
positions) and never constructs Python objects, and it refuses anchors and aliases
outright, so a hostile "billion laughs" block fails at once instead of expanding.
This module is the only PyYAML importer; it knows nothing about Markdown.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import yaml
from yaml.composer import Composer
from yaml.emitter import Emitter
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from l10n.errors import L10nError
from l10n.formats.base import Edit
from l10n.model import Segment, Span

PLAIN = "yaml-plain"
PLAIN_IN_FLOW = "yaml-plain-flow"  # a plain item of a [flow, sequence]: stricter rules
SINGLE = "yaml-single"
DOUBLE = "yaml-double"
LITERAL = "yaml-literal"
FOLDED = "yaml-folded"

_STYLE_QUOTING = {None: PLAIN, "'": SINGLE, '"': DOUBLE, "|": LITERAL, ">": FOLDED}
_STR_TAG = "tag:yaml.org,2002:str"

_FENCE = re.compile(r"---[ \t]*(?:\n|\Z)")
_CLOSING_FENCE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_BLOCK_HEADER = re.compile(r"[|>][0-9+-]*")

# Characters a YAML value cannot hold literally: control characters other than tab
# and newline (NEL among them), surrogates, the byte order mark and U+FFFE/U+FFFF.
# Listed as these few ranges rather than as the complement of the printable ones:
# the same characters, compiled in 0.3 ms instead of 3 ms, which every worker pays.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")
_DOUBLE_ESCAPES = {
    "\\": "\\\\",
    '"': '\\"',
    "\n": "\\n",
    "\t": "\\t",
    "\r": "\\r",
    "\x00": "\\0",
    "\x07": "\\a",
    "\x08": "\\b",
    "\x0b": "\\v",
    "\x0c": "\\f",
    "\x1b": "\\e",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}
_RESOLVER = Resolver()
# Only its scalar analysis is used, which reads nothing but ``allow_unicode``.
_EMITTER = Emitter(io.StringIO(), allow_unicode=True)
_DOCUMENT_MARKERS = ("---", "...")


@dataclass(frozen=True)
class FrontMatter:
    """Where the front matter sits in an article (offsets into the article's text)."""

    yaml_start: int  # first character after the opening fence line
    yaml_end: int  # first character of the closing fence line
    body_start: int  # first character after the closing fence line
    line_count: int  # lines from the opening fence to the closing fence, inclusive


class _NodeLoader(Reader, Scanner, Parser, Composer, Resolver):
    """Builds YAML nodes and nothing else; anchors and aliases are an error."""

    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        Resolver.__init__(self)

    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        _refuse_anchor(self.peek_event())
        return super().compose_node(parent, index)


class _AnchorFound(Exception):
    def __init__(self, mark: yaml.Mark) -> None:
        super().__init__("anchor or alias")
        self.mark = mark


def find(text: str) -> FrontMatter | None:
    """The front matter of ``text``, or None when the article does not start with ``---``."""
    opening = _FENCE.match(text)
    if opening is None:
        return None
    yaml_start = opening.end()
    closing = _CLOSING_FENCE.search(text, yaml_start) if opening.group().endswith("\n") else None
    if closing is None:
        raise L10nError(
            "front matter is not closed",
            line=1,
            hint="add a closing `---` line after the last front matter key",
        )
    body_start = closing.end() + 1 if closing.end() < len(text) else closing.end()
    line_count = text.count("\n", 0, closing.start()) + 1
    return FrontMatter(yaml_start, closing.start(), body_start, line_count)


def _compose_source(source: str) -> Node | None:
    """The YAML node tree of ``source``; _AnchorFound at the first anchor or alias.

    libyaml (PyYAML's C extension) composes thirty times faster than the pure-Python
    loader, which matters at a thousand articles a run. Its composer cannot be
    hooked, so the event stream is checked for anchors and aliases first (when the
    block has an ``&`` or ``*`` at all): both passes are C, and nothing is ever
    expanded.
    """
    if _CLoader is None:
        return _NodeLoader(source).get_single_node()
    if "&" in source or "*" in source:  # no anchor or alias without one of them
        for event in yaml.parse(source, Loader=_CLoader):
            _refuse_anchor(event)
    return yaml.compose(source, Loader=_CLoader)


def _refuse_anchor(event: yaml.Event) -> None:
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
        raise _AnchorFound(event.start_mark)  # type: ignore[arg-type]  # events always carry a mark


_CLoader = getattr(yaml, "CSafeLoader", None) if yaml.__with_libyaml__ else None


@lru_cache(maxsize=4)
def compose(text: str, fm: FrontMatter) -> MappingNode | None:
    """The front matter's top-level mapping node (None when the block is empty)."""
    source = text[fm.yaml_start : fm.yaml_end]
    # YAML marks count lines from the block's first line, which is the file's line 2.
    first_line = 2
    try:
        root = _compose_source(source)
    except _AnchorFound as error:
        raise L10nError(
            "front matter uses a YAML anchor or alias",
            line=first_line + error.mark.line,
            hint="write the value out in full; anchors (&name) and aliases (*name) are not allowed",
        ) from None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise L10nError(
            f"invalid YAML in front matter: {error.problem or error.context}",
            line=first_line + mark.line if mark else first_line,
            hint="quote values that contain `: `, ` #` or start with a YAML indicator character",
        ) from None
    except yaml.YAMLError as error:  # ReaderError: a character YAML does not allow
        position = getattr(error, "position", 0)
        raise L10nError(
            f"invalid YAML in front matter: {error}",
            line=first_line + source.count("\n", 0, position),
            hint="remove control characters from the front matter",
        ) from None
    except RecursionError:
        raise L10nError(
            "front matter is nested too deeply",
            line=first_line,
            hint="front matter should be a flat mapping of keys to text",
        ) from None
    if root is None:
        return None
    if not isinstance(root, MappingNode):
        raise L10nError(
            "front matter is not a mapping of keys to values",
            line=first_line + root.start_mark.line,
            hint="write front matter as `key: value` lines",
        )
    return root


def segments(text: str, fm: FrontMatter, keys: tuple[str, ...]) -> list[Segment]:
    """The translatable values of the front matter's ``keys``, in document order."""
    root = compose(text, fm)
    if root is None:
        return []
    found = []
    for key_node, value_node in root.value:
        if not isinstance(key_node, ScalarNode) or key_node.value not in keys:
            continue
        kind = f"front-matter:{key_node.value}"
        if isinstance(value_node, ScalarNode):
            found.append(_segment(text, fm, value_node, kind, in_flow=False))
        elif isinstance(value_node, SequenceNode):
            in_flow = bool(value_node.flow_style)
            found.extend(_segment(text, fm, item, kind, in_flow) for item in value_node.value if isinstance(item, ScalarNode))
    return [seg for seg in found if seg is not None]


def _segment(text: str, fm: FrontMatter, node: ScalarNode, kind: str, in_flow: bool) -> Segment | None:
    if node.tag != _STR_TAG or not node.value.strip():
        return None
    quoting = _STYLE_QUOTING[node.style or None]  # libyaml says "" for plain, PyYAML None
    if quoting == PLAIN and in_flow:
        quoting = PLAIN_IN_FLOW
    start = fm.yaml_start + node.start_mark.index
    end = fm.yaml_start + node.end_mark.index
    line = 2 + node.start_mark.line
    if quoting in (LITERAL, FOLDED):
        return _block_segment(text, node, kind, quoting, start, end, line)
    return Segment(node.value, kind, line, (Span(start, end),), None, quoting)


def _block_segment(text: str, node: ScalarNode, kind: str, quoting: str, start: int, end: int, line: int) -> Segment | None:
    """A literal or folded block: one piece for the header, one per content line.

    Pieces of content lines start after the indentation, which the segment's
    continuation holds, so rebuilt lines are indented by the splice. Blank lines
    get an empty piece at the line start (their whitespace is never content).
    Trailing blank lines stay outside the pieces, so the next key keeps its place.
    """
    header = _BLOCK_HEADER.match(text, start)
    assert header is not None  # the scanner saw a block scalar starting here
    body_start = text.index("\n", header.end()) + 1 if "\n" in text[header.end() : end] else end
    raw_lines = text[body_start:end].split("\n")
    while raw_lines and not raw_lines[-1].strip(" "):
        raw_lines.pop()
    if not raw_lines:
        return None
    first_text = next(raw for raw in raw_lines if raw.strip(" "))
    value_first = next((v for v in node.value.split("\n") if v.strip(" ")), "")
    indent = len(first_text) - len(first_text.lstrip(" ")) - (len(value_first) - len(value_first.lstrip(" ")))
    pieces = [Span(header.start(), header.end())]
    offset = body_start
    for raw in raw_lines:
        if raw.strip(" "):
            pieces.append(Span(offset + indent, offset + len(raw)))
        else:
            pieces.append(Span(offset, offset))
        offset += len(raw) + 1
    return Segment(node.value, kind, line, tuple(pieces), " " * indent, quoting)


# --- encoding -----------------------------------------------------------------


def encode(segment: Segment, translation: str) -> str:
    """YAML text for ``translation`` in the segment's quoting, or double-quoted when it cannot."""
    quoting = segment.quoting
    if quoting in (PLAIN, PLAIN_IN_FLOW):
        if plain_ok(translation, in_flow=quoting == PLAIN_IN_FLOW):
            return translation
    elif quoting == SINGLE:
        if not _UNPRINTABLE.search(translation) and "\n" not in translation:
            return "'" + translation.replace("'", "''") + "'"
    elif quoting in (LITERAL, FOLDED):
        block = _encode_block(segment, translation)
        if block is not None:
            return block
    return double_quoted(translation)


def plain_ok(value: str, in_flow: bool = False, *, line_start: bool = False) -> bool:
    """Whether ``value`` can be written as a plain scalar and read back unchanged as text.

    PyYAML's emitter decides what a plain scalar may hold (how it may start, what
    would end it, which characters need quoting), and its resolver whether the text
    would read back as a number, boolean, null or date instead. ``in_flow``: the
    scalar is an item of a ``[flow, sequence]``; ``line_start``: it is written at
    the start of a line (a key), where ``--- `` and ``... `` are document markers.

    Two corrections to the emitter, both pinned in the tests: it refuses a leading
    ``---`` or ``...`` wherever the scalar stands, but after ``key: `` or ``- `` it
    is text (``...그리고 아무도``); and it calls U+10FFFF unprintable, an off-by-one
    in its range, while PyYAML's reader and libyaml take it as the character it is.
    """
    if not value:
        return False
    probe = value
    if not line_start and probe.startswith(_DOCUMENT_MARKERS):
        probe = "xxx" + probe[3:]  # the same analysis, less the document marker
    analysis = _EMITTER.analyze_scalar(probe.replace("\U0010ffff", "\U0010fffe"))
    allowed = analysis.allow_flow_plain if in_flow else analysis.allow_block_plain
    return allowed and _RESOLVER.resolve(ScalarNode, value, (True, False)) == _STR_TAG


def double_quoted(value: str) -> str:
    """``value`` as a one-line double-quoted YAML scalar."""
    out = []
    for ch in value:
        escaped = _DOUBLE_ESCAPES.get(ch)
        if escaped is None and _UNPRINTABLE.match(ch):
            code = ord(ch)
            escaped = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
        out.append(escaped if escaped is not None else ch)
    return '"' + "".join(out) + '"'


def _encode_block(segment: Segment, translation: str) -> str | None:
    """A literal or folded block for ``translation``, or None when it needs quoting.

    The header's chomping indicator follows the translation's trailing newline
    (none: ``-``, one: clip, more: not representable here). Lines are not indented:
    the continuation does that for lines beyond the source's, and this function for
    lines that land on a blank source line's empty piece.
    """
    if _UNPRINTABLE.search(translation):
        return None
    body = translation[:-1] if translation.endswith("\n") else translation
    chomp = "" if translation.endswith("\n") else "-"
    lines = body.split("\n")
    # Shapes a plain header cannot say: more than one trailing newline (needs keep
    # chomping), a first line that starts with a space or is empty (needs an
    # indentation indicator), lines of only spaces (read as indentation).
    if body.endswith("\n") or not body.strip() or lines[0][:1] in ("", " ", "\t"):
        return None
    if any(line and not line.strip(" \t") for line in lines):
        return None
    # Folding treats lines with leading or trailing blanks specially; keep it simple.
    if segment.quoting == FOLDED and any(line != line.strip(" \t") for line in lines):
        return None
    if segment.quoting == FOLDED:
        lines = _fold_layout(lines)
        header = ">" + chomp
    else:
        header = "|" + chomp
    indent = segment.continuation or "  "
    pieces = segment.pieces
    placed = min(len(lines) + 1, len(pieces))
    for i in range(1, placed):
        # A blank source line has an empty piece at column 0: indent text put there.
        if pieces[i].start == pieces[i].end and lines[i - 1]:
            lines[i - 1] = indent + lines[i - 1]
    return header + "\n" + "\n".join(lines)


def _fold_layout(lines: list[str]) -> list[str]:
    """Source lines of a folded block whose value has ``lines``: one line per paragraph.

    A folded block turns a single line break between text lines into a space, so
    each newline of the value is written as one extra empty line.
    """
    out: list[str] = []
    seen_text = False
    for line in lines:
        if line and seen_text:
            out.append("")
        out.append(line)
        seen_text = seen_text or bool(line)
    return out


# --- the language key ----------------------------------------------------------


def language_edit(text: str, fm: FrontMatter, key: str, lang: str) -> Edit:
    """Set ``key`` to ``lang``: replace its value, or add a line before the closing fence."""
    value = lang if plain_ok(lang) else double_quoted(lang)
    root = compose(text, fm)
    for key_node, value_node in root.value if root is not None else ():
        if not isinstance(key_node, ScalarNode) or key_node.value != key:
            continue
        if not isinstance(value_node, ScalarNode):
            raise L10nError(
                f"front matter key {key!r} is not a single value",
                line=2 + key_node.start_mark.line,
                hint=f"write the language as `{key}: {lang}`",
            )
        start = fm.yaml_start + value_node.start_mark.index
        end = fm.yaml_start + value_node.end_mark.index
        if start == end:  # `lang:` with nothing after it
            colon = text.index(":", fm.yaml_start + key_node.end_mark.index)
            return Edit(Span(colon + 1, colon + 1), " " + value)
        if value_node.style in ("|", ">"):
            end = start + len(text[start:end].rstrip("\n"))
        return Edit(Span(start, end), value)
    key_text = key if plain_ok(key, line_start=True) else double_quoted(key)
    return Edit(Span(fm.yaml_end, fm.yaml_end), f"{key_text}: {value}\n")


def set_values(text: str, fm: FrontMatter, pairs: Sequence[tuple[str, str | tuple[str, ...]]]) -> list[Edit]:
    """Set each key to its value: a string as a scalar, a tuple as a ``[flow, list]``.

    A key already there has its value replaced (whatever it was); the others are
    added, in order, on lines before the closing fence. ``true`` is written as YAML's
    boolean: a string that is the word "true" is what a template tests.
    """
    wanted = dict(pairs)
    root = compose(text, fm)
    edits = []
    for key_node, value_node in root.value if root is not None else ():
        if isinstance(key_node, ScalarNode) and key_node.value in wanted:
            start = fm.yaml_start + value_node.start_mark.index
            end = fm.yaml_start + value_node.end_mark.index
            end = start + len(text[start:end].rstrip("\n"))
            value = _yaml_value(wanted.pop(key_node.value))
            if start == end:  # `key:` with nothing after it
                colon = text.index(":", fm.yaml_start + key_node.end_mark.index)
                edits.append(Edit(Span(colon + 1, colon + 1), " " + value))
            else:
                edits.append(Edit(Span(start, end), value))
    added = "".join(
        f"{key if plain_ok(key, line_start=True) else double_quoted(key)}: {_yaml_value(value)}\n"
        for key, value in pairs
        if key in wanted
    )
    if added:
        edits.append(Edit(Span(fm.yaml_end, fm.yaml_end), added))
    return edits


def _yaml_value(value: str | tuple[str, ...]) -> str:
    if isinstance(value, tuple):
        return "[" + ", ".join(item if plain_ok(item, True) else double_quoted(item) for item in value) + "]"
    if value == "true":
        return value
    return value if plain_ok(value) else double_quoted(value)
