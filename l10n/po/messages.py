"""From an article's segments to its catalog's messages.

Which segments a language's catalog holds (``targets_of``), the (msgctxt, msgid)
key of each (``message_keys``), the messages themselves with their references and
translator comments (``messages_for``), and the catalog header. Text in, values
out: nothing here reads or writes a file or walks a project, and nothing imports
the use cases (``l10n.app``); an article is anything with a ``display`` path.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from l10n import __version__
from l10n.text import locales

if TYPE_CHECKING:
    from l10n.model import Segment
    from l10n.po import catalog

# catalog (polib, the PO writer) loads on first use: a no-op re-run never needs it.


class Source(Protocol):
    """The article the segments come from, as references name it."""

    @property
    def display(self) -> str: ...


class TermHints(Protocol):
    """A glossary, as far as translator comments need one (``qa.glossary.Glossary``)."""

    @property
    def terms(self) -> Sequence[object]: ...

    def hint_comment(self, text: str, source_lang: str, target_lang: str) -> str | None: ...


def targets_of(segments: Iterable[Segment], lang: str) -> list[Segment]:
    """The segments a ``lang`` reader needs translated: those in another language."""
    base = locales.base_language(lang)
    return [seg for seg in segments if seg.lang != base]


def message_keys(segments: Sequence[Segment]) -> list[tuple[str | None, str]]:
    """The (msgctxt, msgid) of each segment.

    Repeats of a text in the same kind of block share one entry (a table's "Yes"
    is translated once). A headline is one kind wherever it stands: the ``title:``
    of the front matter and the ``#`` heading that repeats it share one entry,
    filled once. The same text in a different kind of block (a headline that is
    also a table header) gets the block kind as msgctxt, because the translation
    may differ; the first occurrence keeps no context so that adding a later
    duplicate does not disturb the existing entry.
    """
    first_kind: dict[str, str] = {}
    keys = []
    for seg in segments:
        kind = _KIND_FAMILY.get(seg.kind, seg.kind)
        first = first_kind.setdefault(seg.text, kind)
        keys.append((None if first == kind else seg.kind, seg.text))
    return keys


# Block kinds whose texts are translated alike: a repeat across them is one entry.
_KIND_FAMILY = {"front-matter:title": "headline", "heading": "headline"}
HEADLINE_WIDTH = 80  # characters of a headline in the ``article:`` comment

# Bumped whenever the extracted comments change for the same article: extract's
# manifest includes it, so catalogs written before get the new comments on the
# next run even though no article changed.
COMMENTS_VERSION = "2"


def headline_of(segments: Sequence[Segment]) -> str | None:
    """What a translator knows the article by: its title, else its first heading, else its first text.

    On one line, cut to ``HEADLINE_WIDTH`` characters.
    """
    chosen = next((s for s in segments if s.kind == "front-matter:title"), None)
    chosen = chosen or next((s for s in segments if s.kind.startswith("heading")), None)
    chosen = chosen or (segments[0] if segments else None)
    if chosen is None:
        return None
    text = " ".join(chosen.text.split())
    return text if len(text) <= HEADLINE_WIDTH else text[: HEADLINE_WIDTH - 1] + "…"


def context_comment(headline: str | None, where: str) -> str:
    """The ``article: <headline> (<path or preview link>)`` line every entry of an article carries."""
    return f"article: {headline} ({where})" if headline else f"article: {where}"


def messages_for(
    article: Source,
    segments: Sequence[Segment],
    lang: str = "",
    glossary: TermHints | None = None,
    context: str | None = None,
) -> list[catalog.Message]:
    """The catalog messages for segments, duplicates folded, in document order.

    Each carries its block kind as an extracted comment; when the glossary has
    terms in it, a ``glossary: 국방부 = Ministry of National Defense`` line; and
    ``context`` (``context_comment``: the article's headline and where to see
    it), so a translator in any PO editor knows what the sentence belongs to.
    """
    from l10n.po import catalog

    target = locales.base_language(lang) if lang else ""
    display = article.display
    hints = glossary is not None and bool(glossary.terms)
    # Per key, in document order: its references, and the block kind of its first
    # segment (both dicts take their keys in the same order); with glossary hints,
    # the language of its last segment.
    refs: dict[tuple[str | None, str], list[str]] = {}
    kinds: dict[tuple[str | None, str], str] = {}
    sources: dict[tuple[str | None, str], str | None] = {}
    for key, seg in zip(message_keys(segments), segments, strict=True):
        found = refs.get(key)
        if found is None:  # the usual segment: a text of its own
            refs[key] = [f"{display}:{seg.line}"]
            kinds[key] = seg.kind
        elif (ref := f"{display}:{seg.line}") not in found:
            found.append(ref)
        if hints:
            sources[key] = seg.lang
    messages = []
    make = catalog.new_message
    for (key, found), kind in zip(refs.items(), kinds.values(), strict=True):
        comments: tuple[str, ...] = (kind,)
        if hints and sources[key]:
            assert glossary is not None
            hint = glossary.hint_comment(key[1], sources[key] or "", target)
            if hint:
                comments += (hint,)
        if context:
            comments += (context,)
        messages.append(make(msgid=key[1], msgctxt=key[0], references=tuple(found), comments=comments))
    return messages


def catalog_header(article: Source, lang: str, segments: Sequence[Segment]) -> dict[str, str]:
    """The header fields extract keeps up to date in the ``lang`` catalog of an article."""
    sources = sorted({seg.lang for seg in segments if seg.lang})
    return {
        "Project-Id-Version": article.display,
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": locales.plural_forms(lang),
        "X-Source-Language": ", ".join(sources),
    }


def creation_fields() -> dict[str, str]:
    """Header fields set once, when a catalog is created, as msginit does.

    Re-extraction never touches them (PO editors and the translate and review
    commands own them), so re-runs stay byte-identical. The date honours
    SOURCE_DATE_EPOCH, the reproducible-builds convention, for pinned output.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    seconds = int(epoch) if epoch else time.time()
    return {
        "PO-Revision-Date": _minute_stamp(int(seconds // 60)),
        "Last-Translator": "",
        "Language-Team": "",
        "X-Generator": f"l10n {__version__}",
    }


# A cold extract creates every catalog within a minute or two: the date is written
# once per minute, not once per catalog (a strftime and a datetime each, 1% of it).
@lru_cache(maxsize=1)
def _minute_stamp(minute: int) -> str:
    """The ``PO-Revision-Date`` of any moment in ``minute`` (minutes since the epoch, UTC)."""
    return datetime.fromtimestamp(minute * 60, UTC).strftime("%Y-%m-%d %H:%M+0000")
