"""Language codes, names and plural rules: the only module that imports babel.

Users type language codes in many spellings (``ko``, ``ko-KR``, ``en_us``) and
sometimes a country code instead of a language (``kr`` for Korean). Codes are
validated against babel's locale data and normalised to the ``ll`` / ``ll_CC``
form GNU gettext uses in the ``Language`` header.
"""

from __future__ import annotations

import importlib.util
import os
import re
from functools import cache

from l10n.errors import L10nError

# Country or legacy codes people type for a language; babel does not know them as
# the language the user means, so the hint names the right code.
_COMMON_MISTAKES = {
    "kr": "ko",
    "kor": "ko",
    "eng": "en",
    "jp": "ja",
    "cn": "zh",
    "gr": "el",
    "cz": "cs",
    "dk": "da",
    "ua": "uk",
    "vn": "vi",
}


@cache
def normalise(code: str, *, path: str | None = None, line: int | None = None) -> str:
    """The canonical form of a language code (``ko-kr`` -> ``ko_KR``), or L10nError."""
    raw = code.strip()
    candidate = raw.replace("-", "_")
    if raw.lower() in _COMMON_MISTAKES:
        suggestion = _COMMON_MISTAKES[raw.lower()]
        raise L10nError(
            f"unknown language code {code!r}",
            path=path,
            line=line,
            hint=f"did you mean {suggestion!r} ({display_name(suggestion)})? "
            "Language codes are ISO 639 (ko), not country codes (KR).",
        )
    if _PLAIN_CODE.match(candidate) and _has_locale_data(candidate):
        return candidate  # already canonical, and CLDR knows it: no need to load babel
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(candidate)
    except (UnknownLocaleError, ValueError, TypeError):
        raise L10nError(
            f"unknown language code {code!r}",
            path=path,
            line=line,
            hint=_suggest(candidate),
        ) from None
    return str(locale)


_PLAIN_CODE = re.compile(r"^[a-z]{2,3}(?:_[A-Z]{2})?$")


def _has_locale_data(code: str) -> bool:
    """Whether babel ships CLDR data for ``code``, looked up without importing babel.

    Importing babel costs more than an unchanged project's whole extract run, so a
    code already in canonical form is checked against babel's data files directly.
    """
    spec = importlib.util.find_spec("babel")
    if spec is None or not spec.submodule_search_locations:
        return False
    return any(os.path.exists(os.path.join(folder, "locale-data", f"{code}.dat")) for folder in spec.submodule_search_locations)


def _suggest(code: str) -> str:
    from babel import localedata

    known = localedata.locale_identifiers()
    from difflib import get_close_matches  # only when a hint is needed

    close = get_close_matches(code, known, n=3, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(repr(c) for c in close) + "?"
    return "use an ISO 639 language code such as 'ko' or 'en', optionally with a region: 'ko_KR'"


def base_language(code: str) -> str:
    """The language part of a normalised code (``ko_KR`` -> ``ko``)."""
    return code.split("_", 1)[0]


@cache
def display_name(code: str, in_language: str = "en") -> str:
    """A human name for the language (``ko`` -> ``Korean``)."""
    from babel import Locale

    return Locale.parse(code).get_display_name(in_language) or code


# Babel's Plural-Forms for the languages newsrooms here translate most, so that
# extract need not import babel (a tenth of a cold extract's start-up) for every
# catalog header. Only exact codes are answered from here (``ko``, not ``ko_KR``);
# test_plural_forms checks every entry against babel, which answers all others.
_PLURAL_FORMS = {
    "ko": "nplurals=1; plural=0;",
    "ja": "nplurals=1; plural=0;",
    "zh": "nplurals=1; plural=0;",
    "vi": "nplurals=1; plural=0;",
    "th": "nplurals=1; plural=0;",
    "id": "nplurals=1; plural=0;",
    "en": "nplurals=2; plural=(n != 1);",
    "de": "nplurals=2; plural=(n != 1);",
}


@cache
def plural_forms(code: str) -> str:
    """The PO ``Plural-Forms`` header value for a language, from CLDR via babel."""
    known = _PLURAL_FORMS.get(code)
    if known is not None:
        return known
    return _babel_plural_forms(code)


def _babel_plural_forms(code: str) -> str:
    from babel import Locale
    from babel.messages.plurals import get_plural

    return str(get_plural(Locale.parse(code)))
