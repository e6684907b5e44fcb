"""Pseudo-translation for layout checks: no service, no key, deterministic.

``Ţĥîš îš ţéxţ`` instead of a translation: letters get accents (so untranslated
strings and broken fonts stand out), the text is about 30% longer (as German or
English from Korean often is), and brackets show where a string was cut. Whatever a
translation must not touch stays byte for byte: placeholders ``⟦n⟧``, ``{name}``,
printf codes (``%s``, ``%(name)d``), URLs, HTML tags and entities.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from l10n.mt.base import ProviderSettings
from l10n.mt.providers.http import resolve_max_chars, split_whitespace
from l10n.text.patterns import ENTITY, URL_START

DEFAULT_MAX_CHARS = 100_000
GROWTH = 0.3
PAD = "·"

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "áƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÁƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)

# Order matters: a URL may contain % and {, a tag may contain a URL.
_KEEP = re.compile(
    rf"""
      ⟦\d+⟧                                   # our placeholders
    | {URL_START}[^\s<>"'⟦⟧]*[^\s<>"'⟦⟧.,;:!?)\]] # URLs, without trailing punctuation
    | <[^<>\n]*>                              # HTML tags
    | {ENTITY}                                # HTML entities
    | \{{[^{{}}\n]*\}}                          # format fields: name, 0, count:d
    | %(?:\([^)\n]*\))?[-+ #0]*(?:\d+|\*)?(?:\.\d+)?[sdifouxXeEgGcr%]  # printf
    """,
    re.VERBOSE,
)


def pseudo(text: str) -> str:
    """The pseudo-translation of ``text``; outer whitespace stays outside the brackets."""
    leading, core, trailing = split_whitespace(text)
    if not core:
        return text
    parts: list[str] = []
    visible = 0
    position = 0
    for match in _KEEP.finditer(core):
        plain = core[position : match.start()]
        parts.append(plain.translate(_ACCENTED))
        parts.append(match.group())
        visible += len(plain)
        position = match.end()
    plain = core[position:]
    parts.append(plain.translate(_ACCENTED))
    visible += len(plain)
    padding = math.ceil(visible * GROWTH)
    body = "".join(parts) + (" " + PAD * padding if padding else "")
    return f"{leading}[{body}]{trailing}"


class PseudoProvider:
    """Pseudo-translation as a provider: any source and target, never fails."""

    def __init__(self, settings: ProviderSettings) -> None:
        self.name = settings.name
        self.max_chars = resolve_max_chars(settings, DEFAULT_MAX_CHARS)
        # No service: any batch is one "request", and nothing needs pacing.
        self.max_texts = resolve_max_chars(settings, 1000, "max_texts")
        self.max_request_chars = resolve_max_chars(settings, DEFAULT_MAX_CHARS, "max_request_chars")
        self.local = True

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        return [pseudo(text) for text in texts]
