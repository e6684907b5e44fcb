"""Hide what a machine translation provider must not touch, and check what comes back.

``protect(text)`` replaces the untouchable parts of a segment with numbered
placeholders (``⟦1⟧``, ``⟦2⟧``...), ``Protected.restore`` puts the originals back
wherever the provider moved them, and ``validate`` restores and rejects answers
that cannot be used as a draft (raising ``UnusableAnswer``).

What is protected, and why:

- URLs, e-mail addresses, autolinks (``<https://...>``), inline code spans, HTML
  tags (each tag alone, so the text between ``<a ...>`` and ``</a>`` is still
  translated), whole HTML elements that are never translated (``<code>...</code>``,
  anything marked ``translate="no"`` or ``class="notranslate"``), HTML entities, backslash escapes (``\\*``), footnote references
  (``[^1]``) and template placeholders (``{name}``, ``{{< shortcode >}}``,
  ``%s``, ``%(name)s``): a provider "corrects", translates or drops them.
- Markdown links and images keep their text translatable: in
  ``[text](url "title")`` only ``](url "title")`` becomes a placeholder, in
  ``[text][ref]`` only ``][ref]``. Joining the closing bracket to the destination
  means a space the provider puts before the placeholder cannot break the link
  (``[text] (url)`` is not a link); ``restore`` removes such a space, and
  whitespace the source itself had before the ``]`` is inside the placeholder.
- Emphasis markers (``**``, ``*``, ``_``, ``~~``) are NOT protected: they must move
  with the words they wrap, which Korean word order reorders, and providers keep
  them around the right words far more reliably than they keep a pair of
  placeholders in order. ``validate`` rejects an answer that lost one.
- Numbers are translatable (``1,000`` may become ``1천``, ``$3 billion`` becomes
  ``30억 달러``; freezing them would make wrong drafts), except the ones that
  are identifiers and must stay byte for byte: version numbers (``v2.1``,
  ``1.2.3``, but not dates such as ``2024.05.01``), six-digit stock codes
  (``005930``, ``(373220)``, but not ``100000원``) and phone numbers
  (``02-123-4567``, ``+82-2-123-4567``). Korean number words (``3만``) are text.
- Glossary terms: ``keep_terms`` come back exactly as written, ``forced`` terms
  come back as their target term (glossary.py has the matching rules).

The placeholder form: a number between U+27E6/U+27E7 white square brackets. Every
provider worth using keeps a bracketed number in place (it reads like a footnote
mark or a variable), and unlike ``[1]`` or ``{1}`` this form never occurs in news
copy, so a placeholder cannot be confused with the article's own text (a stray
``⟦`` in the source is itself protected). Providers sometimes pad it
(``⟦ 1 ⟧``) or switch to the CJK look-alike brackets and full-width digits
(``〚１〛``) in Korean output; ``restore`` accepts all of those.

Pure functions, standard library only; nothing here calls a provider.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from types import MappingProxyType

from l10n.qa.glossary import find_terms, language_of
from l10n.text.language import letter_counts, readable_text
from l10n.text.patterns import EMAIL_IN_TEXT, ENTITY, INLINE_CODE, URL_START
from l10n.text.scripts import HAN, HANGUL, KANA, count_han, count_hangul, count_kana, has_hangul


class UnusableAnswer(ValueError):
    """A translation that cannot be a draft; ``message`` says why, safe to print.

    Defined here, below the providers: checking an answer needs no provider. The
    translate use case turns it into the providers' ``BadResponse``, so that the
    text goes on to the next provider of the chain.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


PLACEHOLDER = "\u27e6{}\u27e7"  # ⟦n⟧

# A placeholder as a provider may hand it back: padded, CJK brackets, full-width digits.
TOKEN = re.compile(r"[\u27e6\u301a]\s*([0-9\uff10-\uff19]+)\s*[\u27e7\u301b]")

# Parts that are structure, found first; a later match overlapping an earlier
# (or longer) one is dropped. Named groups are the placeholder kinds.
#
# The lookahead in front names the first character of every alternative (the
# characters of _STRUCTURE_MARKS), so it refuses no match. Without it the engine
# tries all the named alternatives at every position of a text: 30-50 us for a
# news paragraph with one backtick or entity, against 5 us with it
# (tests/test_protect.py holds the lookahead to the marks and to the alternatives).
_STRUCTURE = re.compile(
    rf"""
    (?=[`<{{\[\\&\u27e6\u27e7\u301a\u301b])
    (?:
      (?P<code>{INLINE_CODE})                                            # `code`, ``co`de``
    | (?P<autolink><(?:[A-Za-z][A-Za-z0-9+.-]{{1,31}}:[^\s<>]+|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)>)
    | (?P<comment><!--.*?-->)
    | (?P<element>                                                       # never translated in HTML
        <code(?:\s[^<>]*)?>.*?</code\s*>
      | <(?P<kept>[A-Za-z][A-Za-z0-9-]*)\s[^<>]*?(?:\btranslate\s*=\s*["']?no\b|\bclass\s*=\s*["'][^"']*?\bnotranslate\b)[^<>]*>
        .*?</(?P=kept)\s*>)
    | (?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*?)?\s*/?>)
    | (?P<shortcode>\{{\{{.*?\}}\}}|\{{%.*?%\}})                            # Hugo, Jinja tags
    | (?P<footnote>\[\^[^\]\s]+\])
    | (?P<escape>\\[!-/:-@\[-`{{-~])                                    # Markdown \* \[ ...
    | (?P<entity>{ENTITY})
    | (?P<brackets>[\u27e6\u27e7\u301a\u301b])                         # our own delimiters
    )
    """,
    re.VERBOSE | re.DOTALL,
)

# A link or image: only the group ``target`` is protected, the text stays.
_LINK = re.compile(
    r"""
    !?\[(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*?
    (?P<target>[ \t]*                              # a space before ] goes with it
        \]\(\s*(?:<[^<>\n]*>|(?:[^()\s]|\((?:[^()\s])*\))*)
           (?:\s+(?:"[^"]*"|'[^']*'|\([^()]*\)))?\s*\)
      | [ \t]*\]\[[^\[\]]*\]
    )
    """,
    re.VERBOSE,
)

# Square brackets end a URL: in ``[https://a.kr](https://a.kr)`` the first URL
# stops at the link text's end.
_URL = re.compile(URL_START + r"[^\s<>\"`\[\]]+")
_EMAIL = re.compile(EMAIL_IN_TEXT)


# A Korean word written against an ASCII address (``문의hong@x.kr``) is prose for the
# provider to translate; an all-Hangul local part (``홍길동@x.kr``) is the address's own.
@cache  # compiled on first use (see _kana_or_han): only a text with an "@" asks
def _word_before_address() -> re.Pattern[str]:
    return re.compile(f"[{HANGUL}]+(?=[A-Za-z0-9._%+-]+@)")


_FORMAT = re.compile(
    r"""
      \{(?:[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+|\[[^\]]+\])*|[0-9]*)(?:![rsa])?(?::[^{}\s]*)?\}
    | (?<![0-9%])%(?:\([A-Za-z_][A-Za-z0-9_]*\))?[-#0+]?[0-9]*(?:\.[0-9]+)?[sdifr](?![A-Za-z])
    """,
    re.VERBOSE,
)

# The numbers protect() hides (_numbers()). The checks never look for them
# (structure_parts): compiled on first use, as _kana_or_han.
_NUMBERS_PATTERN = (
    r"""
    (?<![A-Za-z0-9.,$\u20a9\u20ac\u00a3\u00a5])
    (?:
        (?!(?:19|20)[0-9]{2}\.[0-9]{1,2}\.[0-9]{1,2}(?![0-9]))          # not a date 2024.05.01
        v?[0-9]+(?:\.[0-9]+){2,}                                        # 1.2.3, v1.2.3
      | v[0-9]+\.[0-9]+                                                 # v2.1
      | (?:\+[0-9]{1,3}[-.\s]?)?(?:\([0-9]{1,4}\)\s?|[0-9]{1,4}[-.])[0-9]{3,4}[-.][0-9]{4}  # phones
      | 0[0-9]{5}(?![0-9.,%])                                           # 005930, 005930은
      | [1-9][0-9]{5}(?![0-9.,%A-Za-z"""  # (373220), not 100000원
    + HANGUL
    + r"""])
    )
    (?![0-9]|\.[0-9]|[A-Za-z])
    """
)


@cache
def _numbers() -> re.Pattern[str]:
    return re.compile(_NUMBERS_PATTERN, re.VERBOSE)


# A Hangul run right after a URL is a particle (``www.mnd.go.kr에서``) unless the
# URL is at a path or query separator, where Hangul is part of the address
# (``ko.wikipedia.org/wiki/서울``).
@cache  # compiled on first use (see _kana_or_han): only a text with a URL asks
def _url_particle() -> re.Pattern[str]:
    return re.compile(f"(?<=[^/=_#?&:{HANGUL}-])[{HANGUL}]+$")


_URL_TRAILING = ".,;:!?'\"\u201d\u2019\u3002\u3001*_~"

_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(ENTITY)
_EMPHASIS = ("**", "__", "~~")
# C0 and C1 controls but tab and line feed (an entity such as ``&#27;`` is unescaped first).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

# Expected length of a translation relative to its source, upper end: Korean says
# in one Hangul syllable what English needs 2-3 letters for (language.py counts 2.4
# on the benchmark corpus), so Korean -> English grows up to about 3x and English
# -> Korean shrinks to about half. An answer over LENGTH_FACTOR times the upper
# end (plus LENGTH_SLACK characters, for one-word segments) is a provider rambling,
# repeating itself or answering a question instead of translating.
EXPECTED_RATIO = {("ko", "en"): 3.0, ("en", "ko"): 0.6}
DEFAULT_RATIO = 1.5
LENGTH_FACTOR = 4
LENGTH_SLACK = 40

# The lower end: an answer under SHORT_RATIO times the source's length (less
# SHORT_SLACK characters, for headlines and names) was cut off. English -> Korean
# runs at 0.35-0.5 on news copy, Korean -> English at 2-3.
SHORT_RATIO = {("ko", "en"): 0.6, ("en", "ko"): 0.2}
DEFAULT_SHORT_RATIO = 0.3
SHORT_SLACK = 8


# A chat model's preamble before the translation: "Sure! Here is the translation:",
# "Translation:", "번역:", "다음은 번역입니다:". A label the source itself starts with
# is the article's own.
@cache  # compiled on first use (see _kana_or_han): only an answer's check asks
def _preamble() -> re.Pattern[str]:
    return re.compile(
        r"""^\W{0,3}(?:(?:sure|certainly|of\ course|okay|ok|absolutely)\b\W{0,3})?(?:
        here(?:'s|\ is|\ are)\b[^\n:：]{0,40}\btranslat[^\n:：]{0,30}[:：]
      | (?:the\ )?(?:english\ |korean\ )?translat(?:ion|ed\ text)(?:\ is)?\s*[:：]
      | (?:한국어\ |영어\ )?번역(?:문|본|\ 결과)?(?:입니다)?\s*[:：]
      | 다음은[^\n:：]{0,20}번역[^\n:：]{0,20}[:：]
    )""",
        re.VERBOSE | re.IGNORECASE,
    )


# What services put where the translation should be when they refuse to work:
# MyMemory's quota and usage warnings, gateway error pages, "Error: ..." bodies.
#
# The lookahead in front names the first character of every alternative, with the
# same IGNORECASE folding as the alternatives' own first letters, so it refuses no
# match; the engine tries all thirteen alternatives only where one can start, which
# halves the scan of an English answer and cuts a Korean one to a sixth
# (tests/test_protect.py holds the list to the alternatives).
@cache  # compiled on first use (see _kana_or_han): only an answer's check asks
def _service_message() -> re.Pattern[str]:
    return re.compile(
        r"""(?=[qmyrtisbp<])(?:quota\s+exceeded|mymemory\s+warning|you\s+used\s+all\s+available\s+free\s+translations
      |rate\s+limit\s+exceeded|too\s+many\s+requests|invalid\s+(?:api\s+)?key
      |internal\s+server\s+error|service\s+(?:temporarily\s+)?unavailable|bad\s+gateway
      |please\s+select\s+two\s+distinct\s+languages|<!doctype\s+html|<html[\s>]|<title>)""",
        re.VERBOSE | re.IGNORECASE,
    )


_ERROR_LABEL = re.compile(r"^\W{0,3}(?:error|exception|fatal)\b\s*[:：]", re.IGNORECASE)
_LABEL = re.compile(r"^\W{0,3}[^\s:：]{1,20}\s*[:：]")
# The answer's last characters, when the provider stopped inside a placeholder.
_CUT_TOKEN = re.compile(r"[\u27e6\u301a]\s*[0-9\uff10-\uff19]*\s*$")
# Brackets only: news copy pairs curly quotes too loosely (“...") to count on them.
_BRACKETS = {")": "(", "]": "[", "\u300d": "\u300c", "\u300f": "\u300e", "\u300b": "\u300a"}
_FULL_WIDTH = str.maketrans("\uff08\uff09\uff3b\uff3d", "()[]")
# What _unclosed() counts as opening a bracket, before and after _FULL_WIDTH.
_OPENER = re.compile("[([\u300c\u300e\u300a\uff08\uff3b]")
# Every character that is one of _BRACKETS, opening or closing, after _FULL_WIDTH.
_BRACKET_CHAR = re.compile("[()[\\]\u300c\u300d\u300e\u300f\u300a\u300b\uff08\uff09\uff3b\uff3d]")


# Compiled on first use, as the other patterns only an answer's check needs
# (_preamble, _service_message): the class spans some 30,000 characters and costs
# about 2 ms to compile, which every command importing the checks would pay
# (`l10n build` judges catalogs, it never checks an answer).
@cache
def _kana_or_han() -> re.Pattern[str]:
    return re.compile(f"[{KANA}{HAN}]")


_SENTENCE_ENDS = (".", "!", "?", "\u3002", "\u2026", '"', "'", "\u201d", "\u2019")

# Glosses an English text may legitimately keep in Hangul: ``kimchi (김치)``,
# ``the slogan "다시 뛰자"``.
_GLOSSES = re.compile(
    r"\([^()]*\)|\"[^\"]*\"|\u201c[^\u201d]*\u201d|\u2018[^\u2019]*\u2019|'[^'\n]*'"
    r"|\u300c[^\u300d]*\u300d|\u300e[^\u300f]*\u300f"
)
_LOWER_WORD = re.compile(r"(?<![A-Za-z])[a-z]{2,}(?![A-Za-z])")
_ANY_WORD = re.compile(r"[^\W\d_]{2,}")


_NOTHING: Mapping[str, str] = MappingProxyType({})


@dataclass(frozen=True)
class Protected:
    """A segment ready for a provider: ``text`` to send, ``placeholders`` to restore.

    ``placeholders`` maps each token (``⟦1⟧``) to what it restores to: the
    original text, or the target term for a forced glossary term. ``kinds`` names
    what each token hides (``url``, ``link``, ``code``, ``term``, ``forced``...).
    """

    text: str
    placeholders: Mapping[str, str] = field(default_factory=dict)
    kinds: Mapping[str, str] = field(default_factory=dict)

    def restore(self, translated: str) -> str:
        """``translated`` with every known placeholder replaced by its original.

        Placeholders are found by number wherever they are, in whatever padding or
        bracket variant (see module doc); unknown numbers are left as they are for
        ``validate`` to report. A space before a link destination is dropped so
        the link still parses.
        """
        out: list[str] = []
        last = 0
        for m in TOKEN.finditer(translated):
            original = self.placeholders.get(_canonical(m))
            if original is None:
                continue
            out.append(translated[last : m.start()])
            if self.kinds.get(_canonical(m)) == "link":
                out[-1] = out[-1].rstrip(" \t")
            out.append(original)
            last = m.end()
        out.append(translated[last:])
        return "".join(out)

    @cached_property
    def sent(self) -> _SentText:
        """What ``validate`` reads of ``text`` itself, worked out on the first answer
        and kept for the next ones: a chain of providers answers the same text.

        A cached_property writes the instance's ``__dict__`` directly, which a frozen
        dataclass allows (only attribute assignment is refused); the fields, and so
        equality and ``repr``, do not include it.
        """
        return _SentText(self.text)


class _SentText:
    """The text sent to a provider as ``validate`` compares answers with it."""

    __slots__ = ("_needs_translation", "squeezed", "words")

    def __init__(self, sent: str) -> None:
        self.squeezed = _squeeze(sent)  # for telling an echo
        self.words = readable_text(TOKEN.sub(" ", sent))  # what a translator translates
        self._needs_translation: dict[str, bool] = {}

    def needs_translation(self, lang: str) -> bool:
        """Whether the text, in ``lang``, has words to translate (``_has_words``)."""
        known = self._needs_translation.get(lang)
        if known is None:
            known = self._needs_translation[lang] = _has_words(self.words, lang)
        return known


def protect(text: str, *, keep_terms: Sequence[str] = (), forced: Mapping[str, str] = _NOTHING) -> Protected:
    """Replace the parts of ``text`` a provider must not change with placeholders.

    >>> p = protect("See [the report](https://mnd.go.kr/r.pdf) on `SDD`.")
    >>> p.text
    'See [the report⟦1⟧ on ⟦2⟧.'
    >>> p.restore(p.text) == "See [the report](https://mnd.go.kr/r.pdf) on `SDD`."
    True
    """
    if not keep_terms and not forced and not _holds_any(text, _ANY_MARKS):
        return Protected(text, _NOTHING, _NOTHING)  # no scan below could find anything
    spans = _structure_spans(text)
    free = _gaps(spans, len(text))
    extra: list[tuple[int, int, str, str]] = []
    for start, end in free:
        piece = text[start:end]
        numbers = _match_spans(_numbers(), piece, _NUMBER_MARKS) if _NUMBER_SHAPE.search(piece) else []
        found = [(s, e, "number", piece[s:e]) for s, e in numbers]
        for s, e, term in find_terms(piece, [*keep_terms, *forced]):
            if term in forced and term not in keep_terms:
                found.append((s, e, "forced", forced[term]))
            else:
                found.append((s, e, "term", piece[s:e]))
        extra.extend((start + s, start + e, kind, value) for s, e, kind, value in _non_overlapping(found))
    everything = sorted([*spans, *extra])
    if not everything:
        return Protected(text, _NOTHING, _NOTHING)  # most prose: nothing to hide, nothing to build

    out: list[str] = []
    placeholders: dict[str, str] = {}
    kinds: dict[str, str] = {}
    last = 0
    for number, (start, end, kind, value) in enumerate(everything, start=1):
        token = PLACEHOLDER.format(number)
        out.append(text[last:start])
        out.append(token)
        placeholders[token] = value
        kinds[token] = kind
        last = end
    out.append(text[last:])
    return Protected("".join(out), MappingProxyType(placeholders), MappingProxyType(kinds))


def structure_parts(text: str) -> list[tuple[str, str]]:
    """The ``(kind, original)`` of each part ``protect(text)`` hides but numbers: its
    markup, addresses and placeholders, in the order of the text.

    What the checks compare between a source and its translation; they never compare
    numbers (a translation may write ``1,000`` as ``1천``). protect() looks for
    numbers only between these parts, so leaving the number scan out changes no
    other part (tests/test_protect.py compares the two).
    """
    if not may_hold_parts(text):
        return []  # every scan of _structure_spans needs one of these: most prose
    return [(kind, value) for _start, _end, kind, value in _structure_spans(text)]


def may_hold_parts(text: str) -> bool:
    """Whether ``structure_parts(text)`` may find anything: False for a text without
    any mark a part needs (a backtick, a bracket, "://", "@"...), most prose.

    ``_holds_any(text, _STRUCTURE_ANY_MARKS)``, asked of both texts of every entry
    the checks judge.

    Each ``in`` is a search in C that skips ahead like memchr, and one for a
    character wider than the text's own (a bracket below in ASCII text) returns at
    once; the regex of _holds_any tests every character against a set of the marks'
    first characters instead. The chain took three fifths of the regex's
    instructions on the bench's entries, a loop over the marks more than the regex.
    The marks are _STRUCTURE_ANY_MARKS (tests/test_protect.py holds the two the same).
    """
    return (
        "`" in text or "<" in text or "{" in text or "[" in text or "\\" in text or "&" in text
        or "\u27e6" in text or "\u27e7" in text or "\u301a" in text or "\u301b" in text
        or "]" in text or "://" in text or "www." in text or "@" in text or "%" in text
    )  # fmt: skip


def validate(source: str, protected: Protected, translated: str, *, source_lang: str, target_lang: str) -> str:
    """The restored translation, or ``UnusableAnswer`` saying why it cannot be a draft.

    Rejected: an empty answer; HTML markup the source did not have; a placeholder
    lost, repeated or invented; an emphasis marker lost; control characters the
    source did not have (NUL, ESC...); the source echoed back; the wrong script
    for the target language, or Japanese or Chinese in the right one; a service's
    quota or error message, or a chat model's preamble ("Here is the
    translation:"); an answer cut off (far shorter than any translation of the
    source, stopping inside a placeholder or with a bracket open); an answer far
    longer than any translation of the source. HTML entities the provider introduced (``&quot;``,
    ``&#39;``, common from providers that escape their output) are unescaped rather
    than rejected: the source's own entities are placeholders, so any entity in the
    answer is the provider's.
    """
    src, tgt = language_of(source_lang), language_of(target_lang)
    if not translated.strip():
        raise UnusableAnswer("the translation is empty")
    _check_not_a_translation(source, translated)
    # Every tag starts with "<" (_HTML_TAG), and TOKEN.sub puts only spaces in: an
    # answer without "<" has none. Likewise every entity starts with "&" (ENTITY).
    if "<" in translated:
        tag = _HTML_TAG.search(TOKEN.sub(" ", translated))
        if tag:
            raise UnusableAnswer(f"the translation has HTML markup the source did not have: {tag.group()}")
    if "&" in translated:
        translated = _ENTITY.sub(lambda m: html.unescape(m.group()), translated)
    _check_controls(source, translated)
    _check_cut_off(protected.text, translated)
    _check_placeholders(protected, translated)
    _check_emphasis(protected.text, translated)

    sent = protected.sent
    answer_words = TOKEN.sub(" ", translated)
    needs_translation = sent.needs_translation(src)
    # The echo test last: it only matters for a text to translate between languages.
    if needs_translation and src != tgt and _squeeze(_canonical_tokens(translated)) == sent.squeezed:
        raise UnusableAnswer("the translation echoes the source")
    _check_language(answer_words, source, tgt)
    _check_script(answer_words, tgt, needs_translation)

    restored = protected.restore(translated)
    limit = LENGTH_FACTOR * EXPECTED_RATIO.get((src, tgt), DEFAULT_RATIO) * len(source) + LENGTH_SLACK
    if len(restored) > limit:
        raise UnusableAnswer(
            f"the translation is {len(restored)} characters for a {len(source)}-character source; the provider added text"
        )
    floor = SHORT_RATIO.get((src, tgt), DEFAULT_SHORT_RATIO) * len(source) - SHORT_SLACK
    if needs_translation and len(restored) < floor:
        raise UnusableAnswer(
            f"the translation is {len(restored)} characters for a {len(source)}-character source; it looks cut off"
        )
    return restored


def _check_not_a_translation(source: str, translated: str) -> None:
    """A service's error text or a chat model's preamble where the translation should be."""
    service_message = _service_message()
    found = service_message.search(translated)
    if found and not service_message.search(source):
        raise UnusableAnswer(f"the answer is a service message, not a translation: {_short(translated.strip())}")
    if _ERROR_LABEL.match(translated) and not _LABEL.match(source):
        raise UnusableAnswer(f"the answer is an error message, not a translation: {_short(translated.strip())}")
    preamble = _preamble().match(translated)
    if preamble and not _LABEL.match(source):
        raise UnusableAnswer(f"the translation starts with a preamble: {preamble.group().strip()!r}")


def _check_cut_off(sent: str, translated: str) -> None:
    """An answer that stops inside a placeholder or with a bracket left open."""
    if _CUT_TOKEN.search(translated):
        raise UnusableAnswer("the translation is cut off inside a placeholder")
    text = translated.rstrip()
    # A sentence that ends properly was not cut off, whatever a bracket says: asked
    # first, as most answers end so and then no bracket needs counting.
    if text.endswith(_SENTENCE_ENDS):
        return
    opened = _unclosed(text)
    if opened and not _unclosed(sent):
        raise UnusableAnswer(f"the translation is cut off: {opened!r} is never closed")


def _unclosed(text: str) -> str:
    """The first bracket ``text`` leaves open, or "" when it closes them all."""
    if _OPENER.search(text) is None:
        return ""  # nothing opened, nothing left open: one scan instead of a loop
    stack: list[str] = []
    openers = set(_BRACKETS.values())
    # The loop below acts on brackets only, after _FULL_WIDTH; _BRACKET_CHAR finds
    # exactly the characters that are brackets then (tests/test_protect.py), so
    # the loop sees them alone, in order, and each is translated on its own.
    for found in _BRACKET_CHAR.findall(text):
        char = found.translate(_FULL_WIDTH)
        if char in openers:
            stack.append(char)
        elif char in _BRACKETS and stack and stack[-1] == _BRACKETS[char]:
            stack.pop()
    return stack[0] if stack else ""


def _check_placeholders(protected: Protected, translated: str) -> None:
    counts: dict[str, int] = {}
    for m in TOKEN.finditer(translated):
        token = _canonical(m)
        if token not in protected.placeholders:
            raise UnusableAnswer(f"the translation has a placeholder the source did not have: {m.group()}")
        counts[token] = counts.get(token, 0) + 1
    for token, original in protected.placeholders.items():
        seen = counts.get(token, 0)
        if seen != 1:
            what = "lost" if seen == 0 else f"repeated {seen} times"
            raise UnusableAnswer(f"placeholder {token} ({_short(original)}) was {what}")


def _check_controls(source: str, translated: str) -> None:
    # NUL, ESC and the like come from a broken provider, never from a translator; a
    # control character the article itself holds (a pasted BEL) may come back.
    if translated.isprintable():
        return  # every control character (category Cc) is unprintable
    added = sorted(set(_CONTROL.findall(translated)) - set(source))
    if added:
        names = ", ".join(f"U+{ord(ch):04X}" for ch in added)
        raise UnusableAnswer(f"the translation has control characters the source did not have: {names}")


def _check_emphasis(sent: str, translated: str) -> None:
    for marker in _EMPHASIS:
        before, after = sent.count(marker), translated.count(marker)
        if before != after:
            raise UnusableAnswer(f"the source has {before} {marker!r} emphasis markers, the translation {after}")


def _check_script(answer: str, target: str, needs_translation: bool) -> None:
    # readable_text() and _GLOSSES.sub() only put spaces where they remove text:
    # Hangul in what they leave is Hangul of the answer, so an answer without any
    # needs neither.
    if target == "ko" and needs_translation and not has_hangul(readable_text(answer)):
        raise UnusableAnswer("the Korean translation has no Hangul")
    if target == "en" and has_hangul(answer):
        left = count_hangul(readable_text(_GLOSSES.sub(" ", answer)))
        if left:
            raise UnusableAnswer(f"the English translation still has Hangul ({left} letters outside quotes and brackets)")


def _check_language(answer: str, source: str, target: str) -> None:
    """Japanese or Chinese where Korean (or English) was asked for.

    Kana and Han ideographs the source did not have outnumber the target's own
    letters: Hanja a Korean article uses (美, 中) may come back, and a quoted
    Japanese title does not outweigh the Korean sentence around it.
    """
    if _kana_or_han().search(answer) is None:
        return  # kana + han is 0 then, which outnumbers no count of letters
    kana = count_kana(answer)
    han = max(count_han(answer) - count_han(source), 0)
    hangul, latin = letter_counts(answer)
    own = hangul if target == "ko" else latin if target == "en" else None
    if own is not None and kana + han > own:
        language = "Japanese" if kana else "Chinese"
        raise UnusableAnswer(f"the translation reads as {language}, not {'Korean' if target == 'ko' else 'English'}")


def _has_words(text: str, lang: str) -> bool:
    """Whether ``text`` has words a translator translates, not only names or numbers.

    English names are capitalised (``Samsung Electronics``, ``BTS``) and may come
    back unchanged; a lowercase word must not. Any Hangul is Korean to translate.
    """
    if lang == "ko":
        return has_hangul(text)
    if lang == "en":
        return bool(_LOWER_WORD.search(text))
    return bool(_ANY_WORD.search(text))


def _structure_spans(text: str) -> list[tuple[int, int, str, str]]:
    candidates: list[tuple[int, int, str, str]] = []
    # Each scan needs a character most prose lacks (_holds_any): the checks protect
    # every source and translation, and most hold none of these.
    if _holds_any(text, _STRUCTURE_MARKS):
        for m in _STRUCTURE.finditer(text):
            # The outer named group closes last, so lastgroup is the kind, not ``tick``.
            candidates.append((m.start(), m.end(), m.lastgroup or "", m.group()))
    if _holds_any(text, _LINK_MARKS):
        for m in _LINK.finditer(text):
            candidates.append((m.start("target"), m.end("target"), "link", m.group("target")))
    if _holds_any(text, _URL_MARKS):
        for start, end in _url_spans(text):
            candidates.append((start, end, "url", text[start:end]))
    if _holds_any(text, _EMAIL_MARKS):
        for m in _EMAIL.finditer(text):
            word = _word_before_address().match(text, m.start())
            start = word.end() if word else m.start()
            candidates.append((start, m.end(), "email", text[start : m.end()]))
    candidates.extend((s, e, "format", text[s:e]) for s, e in _match_spans(_FORMAT, text, _FORMAT_MARKS))
    return _non_overlapping(candidates)


# What each scan of protect() needs in a text to find anything: a character or
# string of every match (tests/test_protect.py holds each pattern to its marks).
_STRUCTURE_MARKS = ("`", "<", "{", "[", "\\", "&", "\u27e6", "\u27e7", "\u301a", "\u301b")
_LINK_MARKS = ("]",)
_URL_MARKS = ("://", "www.")
_EMAIL_MARKS = ("@",)
_FORMAT_MARKS = ("{", "%")
_NUMBER_MARKS = tuple("0123456789")
# What every match of _numbers() holds besides a digit: digits around a dot or a
# hyphen (1.2.3, v2.1, 02-123-4567) or six digits in a row (005930). Most figures
# in news (2026년, 3.5%... but not 1,000 or 30) fail it before the costly scan,
# which the engine tries at every position (it starts with a lookbehind).
_NUMBER_SHAPE = re.compile(r"[0-9](?:[-.][0-9]|[0-9]{5})")
_STRUCTURE_ANY_MARKS = (*_STRUCTURE_MARKS, *_LINK_MARKS, *_URL_MARKS, *_EMAIL_MARKS, *_FORMAT_MARKS)
_ANY_MARKS = (*_STRUCTURE_ANY_MARKS, *_NUMBER_MARKS)


def _holds_any(text: str, marks: tuple[str, ...]) -> bool:
    # One scan for all the marks, which the regex engine runs at the speed of a
    # character search (an alternation of literals): a loop over ``mark in text``
    # costs more in the interpreter than the searches themselves.
    return _any_of(marks).search(text) is not None


@cache
def _any_of(marks: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(mark) for mark in marks))




def _url_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    for m in _URL.finditer(text):
        url = m.group()
        # Sentence punctuation after a URL is prose; a closing bracket is the URL's
        # only when it balances one inside (``.../Seoul_(city)``). Particles and
        # punctuation alternate: ``(https://mnd.go.kr)에서.``
        while url:
            particle = _url_particle().search(url)
            if particle:
                url = url[: particle.start()]
            elif url[-1] in _URL_TRAILING:
                url = url[:-1]
            elif url[-1] == ")" and url.count(")") > url.count("("):
                url = url[:-1]
            else:
                break
        if len(url) > len("www."):
            spans.append((m.start(), m.start() + len(url)))
    return spans


def _match_spans(pattern: re.Pattern[str], text: str, marks: tuple[str, ...]) -> list[tuple[int, int]]:
    if not _holds_any(text, marks):
        return []
    return [m.span() for m in pattern.finditer(text) if m.end() > m.start()]


def _non_overlapping(candidates: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """The earliest, then longest, candidates that do not overlap each other."""
    chosen = []
    end = 0
    for cand in sorted(candidates, key=lambda c: (c[0], -(c[1] - c[0]))):
        if cand[0] >= end:
            chosen.append(cand)
            end = cand[1]
    return chosen


def _gaps(spans: list[tuple[int, int, str, str]], length: int) -> list[tuple[int, int]]:
    gaps = []
    last = 0
    for start, end, _kind, _value in spans:
        if start > last:
            gaps.append((last, start))
        last = end
    if last < length:
        gaps.append((last, length))
    return gaps


def _canonical(m: re.Match[str]) -> str:
    return PLACEHOLDER.format(int(m.group(1)))


def _canonical_tokens(text: str) -> str:
    return TOKEN.sub(_canonical, text)


def _squeeze(text: str) -> str:
    return " ".join(text.split())


def _short(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"
