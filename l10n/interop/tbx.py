"""Glossaries as TBX (ISO 30042, the ``martif`` dialect terminology tools and
translate-toolkit read): one ``termEntry`` per glossary row.

A row's two terms are a ``langSet`` each; its note is the entry's ``<note>``. A
never-translate term is an entry with one ``langSet`` and the note
``do-not-translate``, the glossary's own marker, so it reads back as one.

Reading takes the first term of each language of an entry (a TBX entry may list
synonyms; a glossary row holds one term per language).

Pure text in, text out: no glossary files.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass

from l10n.errors import L10nError
from l10n.interop.markup import NOT_XML, XML_LANG, attribute, escape


@dataclass(frozen=True)
class TermEntry:
    terms: tuple[tuple[str, str], ...]  # (language, term), in order
    note: str = ""


def format_termbase(entries: Iterable[TermEntry]) -> str:
    """The TBX text of ``entries``, in the order given."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<martif type="TBX" xml:lang="en">',
        "  <martifHeader><fileDesc><sourceDesc><p>l10n glossary</p></sourceDesc></fileDesc></martifHeader>",
        "  <text>",
        "    <body>",
    ]
    for number, entry in enumerate(entries, 1):
        out.append(f'      <termEntry id="t{number}">')
        if entry.note:
            out.append(f"        <note>{escape(NOT_XML.sub('', entry.note))}</note>")
        for lang, term in entry.terms:
            out.append(
                f'        <langSet xml:lang="{attribute(lang)}"><tig><term>{escape(NOT_XML.sub("", term))}</term></tig></langSet>'
            )
        out.append("      </termEntry>")
    out += ["    </body>", "  </text>", "</martif>"]
    return "\n".join(out) + "\n"


def parse_termbase(text: str, display: str) -> list[TermEntry]:
    """The entries of a TBX document, in file order."""
    try:
        root = ET.fromstring(text)
    except ET.ParseError as error:
        line = error.position[0] if error.position else None
        raise L10nError(f"not well-formed XML: {error}", path=display, line=line) from None
    if root.tag.rsplit("}", 1)[-1] not in ("martif", "tbx"):
        raise L10nError("not a TBX document", path=display, hint="export the termbase as TBX from the terminology tool")
    entries = []
    for element in root.iter():
        if element.tag.rsplit("}", 1)[-1] not in ("termEntry", "conceptEntry"):
            continue
        terms: dict[str, str] = {}
        notes = []
        for child in element.iter():
            name = child.tag.rsplit("}", 1)[-1]
            if name == "langSet" or name == "langSec":
                term = next((t for t in child.iter() if t.tag.rsplit("}", 1)[-1] == "term"), None)
                if term is not None:
                    terms.setdefault(child.get(XML_LANG, ""), "".join(term.itertext()).strip())
            elif name in ("note", "descrip") and child.text:
                notes.append(" ".join(child.text.split()))
        if terms:
            entries.append(TermEntry(tuple(terms.items()), "; ".join(notes)))
    return entries
