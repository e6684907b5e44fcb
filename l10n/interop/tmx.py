"""TMX 1.4 translation memories: write the project's, read another's.

A unit (``<tu>``) pairs a source text with its translation, each in a ``<tuv>``
with its ``xml:lang``; who made it and when travel as the standard's
``creationid``/``creationdate`` (the translation) and ``changeid``/``changedate``
(its latest approval). Dates are TMX's ``YYYYMMDDThhmmssZ``.

Reading keeps plain-text pairs only: a segment with placeholders or tags (``<ph>``,
``<bpt>``, ...) is no exact match for a catalog entry, which holds plain text, so
such units are left out; ``<hi>`` only marks up the text it holds and is read
through.

Pure text in, text out: no catalogs, no files.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from l10n import __version__
from l10n.errors import L10nError
from l10n.interop.markup import NOT_XML, XML_LANG, attribute, escape


@dataclass(frozen=True)
class TranslationUnit:
    source_lang: str
    target_lang: str
    source: str
    target: str
    created_by: str = ""
    created_at: str = ""  # history's stamp, 2026-11-28T10:15:00Z
    changed_by: str = ""
    changed_at: str = ""


def tmx_date(stamp: str) -> str:
    """A history stamp (``2026-11-28T10:15:00Z``) as TMX writes dates (``20261128T101500Z``)."""
    return stamp.replace("-", "").replace(":", "")


def _stamp(date: str) -> str:
    if len(date) == 16 and date[8] == "T":
        return f"{date[0:4]}-{date[4:6]}-{date[6:8]}T{date[9:11]}:{date[11:13]}:{date[13:15]}Z"
    return ""


def writable(unit: TranslationUnit) -> bool:
    """Whether TMX can hold the unit's texts (XML has no room for control characters)."""
    return not (NOT_XML.search(unit.source) or NOT_XML.search(unit.target))


def format_memory(units: Iterable[TranslationUnit]) -> str:
    """The TMX 1.4 text of ``units`` (each must be ``writable``), in the order given."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<tmx version="1.4">',
        f'  <header creationtool="l10n" creationtoolversion="{attribute(__version__)}" segtype="sentence"'
        ' o-tmf="PO" adminlang="en" srclang="*all*" datatype="plaintext"/>',
        "  <body>",
    ]
    for unit in units:
        attrs = f' srclang="{attribute(unit.source_lang)}"'
        for name, value in (
            ("creationid", unit.created_by),
            ("creationdate", tmx_date(unit.created_at)),
            ("changeid", unit.changed_by),
            ("changedate", tmx_date(unit.changed_at)),
        ):
            if value:
                attrs += f' {name}="{attribute(value)}"'
        out.append(f"    <tu{attrs}>")
        for lang, text in ((unit.source_lang, unit.source), (unit.target_lang, unit.target)):
            out.append(f'      <tuv xml:lang="{attribute(lang)}"><seg>{escape(text)}</seg></tuv>')
        out.append("    </tu>")
    out += ["  </body>", "</tmx>"]
    return "\n".join(out) + "\n"


class _Markup(Exception):
    pass


def parse_memory(text: str, display: str) -> list[TranslationUnit]:
    """Every pair of plain-text segments in a TMX document (1.1 to 1.4), in file order.

    A unit with more than two languages gives a pair per direction from its
    ``srclang`` (or the header's, unless that is ``*all*``; else the first
    ``<tuv>``) to each other language.
    """
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        line = error.position[0] if error.position else None
        raise L10nError(f"not well-formed XML: {error}", path=display, line=line) from None
    if root.tag != "tmx":
        raise L10nError("not a TMX document", path=display, hint="export the memory as TMX from the CAT tool")
    header = root.find("header")
    default_source = header.get("srclang", "") if header is not None else ""
    units = []
    for tu in root.iter("tu"):
        try:
            variants = [(tuv.get(XML_LANG) or tuv.get("lang") or "", _seg(tuv)) for tuv in tu.iter("tuv")]
        except _Markup:
            continue
        source_lang = tu.get("srclang") or default_source
        if source_lang in ("", "*all*") and variants:
            source_lang = variants[0][0]
        sources = [seg for lang, seg in variants if lang.lower() == source_lang.lower()]
        if not sources:
            continue
        for lang, seg in variants:
            if lang.lower() != source_lang.lower() and seg:
                units.append(
                    TranslationUnit(
                        source_lang,
                        lang,
                        sources[0],
                        seg,
                        created_by=tu.get("creationid", ""),
                        created_at=_stamp(tu.get("creationdate", "")),
                        changed_by=tu.get("changeid", ""),
                        changed_at=_stamp(tu.get("changedate", "")),
                    )
                )
    return units


def _seg(tuv: ET.Element) -> str:
    seg = tuv.find("seg")
    if seg is None:
        raise _Markup
    return _plain(seg)


def _plain(element: ET.Element) -> str:
    parts = [element.text or ""]
    for child in element:
        if child.tag != "hi":
            raise _Markup
        parts += [_plain(child), child.tail or ""]
    return "".join(parts)
