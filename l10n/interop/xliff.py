"""XLIFF 2.0 documents for CAT tools (Trados, memoQ, OmegaT, Phrase): write and read.

A document holds one ``<file>`` per catalog (``original`` is the catalog's path)
and one ``<unit>`` per live entry, its ``id`` the entry id ``l10n review`` shows.
An entry's state travels in the segment's ``state`` and ``subState``:

==============  ===========  =================
l10n state      state        subState
==============  ===========  =================
untranslated    initial      (none, no target)
machine         initial      l10n:machine
stale           initial      l10n:stale
rejected        initial      l10n:rejected
translated      translated   (none)
reviewed        reviewed     (none)
==============  ===========  =================

Reading maps back: ``final`` is reviewed too, and an ``initial`` segment keeps
the l10n state its ``subState`` names. Notes carry what a translator needs to
see: where the sentence is (``location``), the extracted comment
(``description``), a rejection's comment (``rejection``), a stale entry's old
source (``previous-source``), the provider of a draft (``provider``).

Text is written as is, in ``xml:space="preserve"`` elements; characters XML
cannot hold (control characters, and carriage returns, which XML readers turn
into line feeds) are ``<cp hex="..."/>``, as the standard asks.

Pure text in, text out: no catalogs, no files. The standard library's XML parser
reads (it resolves no external entities).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from l10n.errors import L10nError
from l10n.interop.markup import NOT_XML, attribute, escape
from l10n.model import State

NS = "urn:oasis:names:tc:xliff:document:2.0"
_Q = "{" + NS + "}"
# The tool's own extension attributes (XLIFF 2 keeps other namespaces' attributes on units).
L10N_NS = "urn:l10n:xliff"
_BASE = "{" + L10N_NS + "}base"

# l10n state -> (state, subState)
STATES: dict[State, tuple[str, str | None]] = {
    State.UNTRANSLATED: ("initial", None),
    State.MACHINE: ("initial", "l10n:machine"),
    State.STALE: ("initial", "l10n:stale"),
    State.REJECTED: ("initial", "l10n:rejected"),
    State.TRANSLATED: ("translated", None),
    State.REVIEWED: ("reviewed", None),
}
_SUBSTATES = {sub: state for state, (_, sub) in STATES.items() if sub}


def state_from(state: str, sub_state: str | None, has_target: bool) -> State:
    """The l10n state a segment's ``state`` and ``subState`` stand for."""
    if state in ("reviewed", "final"):
        return State.REVIEWED
    if state == "translated":
        return State.TRANSLATED
    if sub_state in _SUBSTATES:
        return _SUBSTATES[sub_state]
    # A CAT tool's own subState, or none, on an initial segment: a draft at most.
    return State.MACHINE if has_target else State.UNTRANSLATED


@dataclass(frozen=True)
class Note:
    category: str
    text: str


@dataclass(frozen=True)
class Unit:
    """One entry. ``base`` is a fingerprint of the entry as exported (``l10n:base``):
    an import compares it with the entry as it is now, to tell a CAT tool's change
    from one made in the project meanwhile."""

    id: str
    source: str
    target: str  # "" for no target
    state: State
    notes: tuple[Note, ...] = ()
    base: str = ""


@dataclass(frozen=True)
class File:
    original: str  # the catalog's path, relative to the project root
    units: tuple[Unit, ...]


@dataclass(frozen=True)
class Document:
    source_lang: str
    target_lang: str
    files: tuple[File, ...]


# --------------------------------------------------------------------------- writing


def _inline(text: str) -> str:
    """Element content: escaped text, with ``<cp/>`` for what XML cannot hold."""
    parts = []
    last = 0
    for match in NOT_XML.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f'<cp hex="{ord(match.group()):04X}"/>')
        last = match.end()
    parts.append(escape(text[last:]))
    return "".join(parts)


def format_document(doc: Document) -> str:
    """The XLIFF 2.0 text of ``doc``: deterministic, two-space indented, UTF-8."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<xliff xmlns="{NS}" xmlns:l10n="{L10N_NS}" version="2.0"'
        f' srcLang="{attribute(doc.source_lang)}" trgLang="{attribute(doc.target_lang)}">',
    ]
    for number, file in enumerate(doc.files, 1):
        out.append(f'  <file id="f{number}" original="{attribute(file.original)}">')
        for unit in file.units:
            out.extend(_unit_lines(unit))
        out.append("  </file>")
    out.append("</xliff>")
    return "\n".join(out) + "\n"


def _unit_lines(unit: Unit) -> list[str]:
    base = f' l10n:base="{attribute(unit.base)}"' if unit.base else ""
    lines = [f'    <unit id="{attribute(unit.id)}"{base}>']
    if unit.notes:
        lines.append("      <notes>")
        lines.extend(f'        <note category="{attribute(n.category)}">{_inline(n.text)}</note>' for n in unit.notes)
        lines.append("      </notes>")
    state, sub_state = STATES[unit.state]
    sub = f' subState="{sub_state}"' if sub_state else ""
    target = unit.target if unit.state is not State.UNTRANSLATED else ""
    if state != "initial" and not target:
        state, sub = "initial", ""  # the standard wants a target for any later state
    lines.append(f'      <segment state="{state}"{sub}>')
    lines.append(f'        <source xml:space="preserve">{_inline(unit.source)}</source>')
    if target:
        lines.append(f'        <target xml:space="preserve">{_inline(target)}</target>')
    lines.append("      </segment>")
    lines.append("    </unit>")
    return lines


# --------------------------------------------------------------------------- reading


def parse_document(text: str, display: str) -> Document:
    """Read an XLIFF 2.0 document; ``display`` names it in errors.

    Units with more than one segment (a CAT tool split a sentence) are refused:
    an entry is one segment.
    """
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        line = error.position[0] if error.position else None
        raise L10nError(f"not well-formed XML: {error}", path=display, line=line) from None
    if root.tag != _Q + "xliff" or not root.get("version", "").startswith("2."):
        raise L10nError(
            "not an XLIFF 2 document",
            path=display,
            hint="export XLIFF 2.0 from the CAT tool (XLIFF 1.2 is not read)",
        )
    files = []
    for file in root.iter(_Q + "file"):
        units = tuple(_unit(element, display) for element in file.iter(_Q + "unit"))
        files.append(File(original=file.get("original", ""), units=units))
    return Document(root.get("srcLang", ""), root.get("trgLang", ""), tuple(files))


def _unit(element: ET.Element, display: str) -> Unit:
    unit_id = element.get("id", "")
    segments = element.findall(_Q + "segment")
    if len(segments) != 1:
        raise L10nError(
            f"unit {unit_id} has {len(segments)} segments, not one",
            path=display,
            hint="join the segments again in the CAT tool before exporting",
        )
    segment = segments[0]
    source = segment.find(_Q + "source")
    target = segment.find(_Q + "target")
    target_text = _text(target, unit_id, display) if target is not None else ""
    notes = tuple(Note(note.get("category", ""), _text(note, unit_id, display)) for note in element.iter(_Q + "note"))
    return Unit(
        id=unit_id,
        source=_text(source, unit_id, display) if source is not None else "",
        target=target_text,
        state=state_from(segment.get("state", "initial"), segment.get("subState"), bool(target_text)),
        notes=notes,
        base=element.get(_BASE, ""),
    )


# Inline elements that only mark up text they hold: their text is the translation's.
_WRAPPERS = {_Q + "mrk", _Q + "pc"}


def _text(element: ET.Element, unit_id: str, display: str) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag == _Q + "cp":
            parts.append(chr(int(child.get("hex", "0"), 16)))
        elif child.tag in _WRAPPERS:
            parts.append(_text(child, unit_id, display))
        else:
            raise L10nError(
                f"unit {unit_id}: inline element <{child.tag.removeprefix(_Q)}> has no place in a catalog entry",
                path=display,
                hint="remove the tag in the CAT tool; entries hold plain text",
            )
        parts.append(child.tail or "")
    return "".join(parts)


def units_by_file(doc: Document) -> dict[str, dict[str, Unit]]:
    """original -> unit id -> unit."""
    return {file.original: {unit.id: unit for unit in file.units} for file in doc.files}


def notes_of(unit: Unit, category: str) -> Sequence[str]:
    return [note.text for note in unit.notes if note.category == category]
