"""The front matter keys a built article carries about its translation, defined once.

A site template reads them: the ``machine_translation*`` keys to show a "machine
translated" notice on a page whose text no person has touched, ``translations`` and
``translationKey`` to link the language versions of one article (Hugo links pages
with the same ``translationKey`` and writes their ``hreflang`` alternates).
Any output format (Markdown front matter, HTML meta tags) takes the keys and
values from ``fields`` and only decides how to write them. ``alternates`` are not
a key: a format that links the versions itself (HTML's ``<link rel="alternate"
hreflang>``) reads them; Hugo builds its own from ``translationKey``.

Pure data: no files, no catalogs.
"""

from __future__ import annotations

from typing import NamedTuple

MACHINE_TRANSLATED = "machine_translated"  # "true" when the article publishes untouched machine text
MACHINE_PROVIDER = "machine_translation_provider"  # the providers, comma-separated: "deepl" or "deepl, google"
MACHINE_DATE = "machine_translation_date"  # the newest machine draft published, YYYY-MM-DD
REVIEW_STATE = "translation_review"  # "unreviewed" or "partly reviewed"
REVIEWER = "translation_reviewer"  # who reviewed the rest, newest first, comma-separated
REVIEW_DATE = "translation_review_date"  # the newest review, YYYY-MM-DD
TRANSLATIONS = "translations"  # the article's other language versions: [ko, ja]
TRANSLATION_KEY = "translationKey"  # the same for every language version of one article

KEYS = (
    MACHINE_TRANSLATED,
    MACHINE_PROVIDER,
    MACHINE_DATE,
    REVIEW_STATE,
    REVIEWER,
    REVIEW_DATE,
    TRANSLATIONS,
    TRANSLATION_KEY,
)

Value = str | tuple[str, ...]


# A named tuple, not a frozen dataclass: made at import, a dataclass costs start-up
# half a millisecond (each of its methods is compiled from source).
class Disclosure(NamedTuple):
    """What a built article says about its translation."""

    translation_key: str  # the article's path without its extension: 2026/port
    translations: tuple[str, ...] = ()  # other languages the article is published in
    machine: tuple[tuple[str, str], ...] = ()  # (provider, date) of the machine text it publishes
    reviewers: tuple[tuple[str, str], ...] = ()  # (who, date), newest first
    # (language, address of that version relative to this one): ("ko", "../../ko/2026/port.html")
    alternates: tuple[tuple[str, str], ...] = ()


def fields(disclosure: Disclosure) -> list[tuple[str, Value]]:
    """The keys and values to write, in ``KEYS`` order; machine keys only with machine text."""
    found: list[tuple[str, Value]] = []
    if disclosure.machine:
        providers = sorted({provider for provider, _ in disclosure.machine})
        found += [
            (MACHINE_TRANSLATED, "true"),
            (MACHINE_PROVIDER, ", ".join(providers)),
            (MACHINE_DATE, max(date for _, date in disclosure.machine)),
            (REVIEW_STATE, "partly reviewed" if disclosure.reviewers else "unreviewed"),
        ]
        if disclosure.reviewers:
            found += [
                (REVIEWER, ", ".join(who for who, _ in disclosure.reviewers)),
                (REVIEW_DATE, disclosure.reviewers[0][1]),
            ]
    if disclosure.translations:
        found.append((TRANSLATIONS, tuple(disclosure.translations)))
    found.append((TRANSLATION_KEY, disclosure.translation_key))
    return found


