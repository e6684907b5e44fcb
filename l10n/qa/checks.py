"""Quality checks on one translated entry: what a translation must keep from its source.

``run(entry)`` runs every check that applies and returns what it found; ``CHECKS``
lists them with their id, severity and a one-line description (``l10n check
--list`` prints it). A check sees the source text (msgid), the translation
(msgstr), both languages and the block kind; the structure check also sees the
article, parsed once by the caller (``ArticleText``).

Severity: an **error** is something a reader would see broken or wrong (a lost
link, a changed figure, a Hangul word left in English); a **warning** is worth a
look but often right (a glossary term paraphrased, a shorter translation); a
**notice** records what a translator did on purpose (a unit converted) and never
blocks. Which errors and warnings block publishing is the caller's decision (see
app/check.py).

Checks marked English-only (capitalisation, end punctuation) measure English
conventions; they are off when the translation is not English, because Korean has
no capitals and ends sentences its own way.

Silencing: a translator comment line ``l10n: ignore <id>[, <id>...]`` in the PO
entry turns those checks off for that entry (``ignored_in``); the project's
``[check] ignore`` list turns them off everywhere. ``catalog_entry`` turns a PO
entry and its language's ignore list into the entry to run and the ids to skip.

Pure functions: no files, no printing.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, fields
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from l10n.formats.base import Format, FormatOptions
from l10n.formats.base import render as render_document
from l10n.formats.html import tag_key
from l10n.frozen import computed_once, filler_of
from l10n.model import Segment
from l10n.qa.findings import Severity, block_kind
from l10n.qa.glossary import Glossary, find_terms
from l10n.qa.protect import may_hold_parts, structure_parts
from l10n.text import locales
from l10n.text.language import language_of_readable, readable_text
from l10n.text.patterns import INLINE_CODE
from l10n.text.scripts import count_hangul, has_hangul

if TYPE_CHECKING:
    from l10n.text import numbers
    from l10n.text.numbers import Difference, Reading
else:

    class _ImportedOnFirstUse:
        """Stands for l10n.text.numbers, the figure reader, until a check first asks
        it for something, then imports it and rebinds this module's ``numbers`` to
        it: every later use is a plain global lookup.

        Importing the reader compiles its patterns (about 45 ms), which `l10n status`
        and `l10n check --list` import this module without needing. An import
        statement in each function that uses it cost 0.2-0.3 us each time, six or
        seven times per entry checked (about 4% of the checks' time on the corpus
        pairs). Two threads that use it first at once both import the one module
        (the import system's lock) and bind the same object.
        """

        def __getattr__(self, name: str) -> object:
            global numbers
            from l10n.text import numbers as reader

            numbers = reader
            return getattr(reader, name)

    numbers = _ImportedOnFirstUse()


@dataclass(frozen=True)
class ArticleText:
    """An article as the structure check needs it: parsed once, shared by its entries."""

    format: Format
    text: str
    options: FormatOptions = field(default_factory=FormatOptions)

    @cached_property
    def skeleton(self) -> list[tuple[str, str, int]] | None:
        """The source's block structure, or None for formats without one."""
        return _skeleton(self.format, self.text)


@dataclass(frozen=True)
class Entry:
    """One translated catalog entry, as the checks see it."""

    source: str
    target: str
    # The source's language, "" when it has no words: given, or for an entry made by
    # catalog_entry, detected from the source when first read (_SourceLanguage).
    source_lang: str
    target_lang: str
    kind: str = "paragraph"
    # For the structure check: the article and the segments this entry translates,
    # given only when ``may_change_structure(entry)`` (nothing to rebuild otherwise).
    article: ArticleText | None = None
    segments: tuple[Segment, ...] = ()

    # Each text's parts are found and its figures read once, however many checks
    # compare the results.

    @computed_once
    def source_readable(self) -> str:
        """``readable_text(source)``: what the source's language is told from, and what
        the checks that ask whether it has words to translate read."""
        return readable_text(self.source)

    # The translation's readable text is not kept: most translations have nothing
    # readable_text() takes out, and it answers those (a search for each of a few
    # characters) sooner than a kept value is first read.

    @computed_once
    def parts(self) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]] | None:
        """The protected parts (a link, a placeholder, a URL...) of the source and of
        the translation, or None when neither text has one: 99.4% of the corpus
        entries. The placeholder and URL checks compare parts alone, so they find
        nothing then (Check.only_if).

        Both texts' parts are one value: each value an entry keeps costs about
        0.25 us on its first read, more than most checks' own tests. Whether either
        text may hold one is asked first, of the texts themselves: most entries are
        settled without the calls that find and count parts.
        """
        if not may_hold_parts(self.source) and not may_hold_parts(self.target):
            return None  # what the two _parts below would make of such texts
        source, target = _parts(self.source), _parts(self.target)
        return (source, target) if source or target else None

    @computed_once
    def figures_to_compare(self) -> tuple[bool, bool] | None:
        """Whether either text may state a figure or a date the other could lack: if
        so, whether the source and whether the translation may
        (numbers.may_state_a_figure), else None.

        Most pairs do not (no digit, no month name on either side): their figures,
        if any, are words, which are never missed, and their dates none. Both
        figure checks then skip reading the texts (numbers.may_state_a_figure).

        Nor does a translation that is its source copied (a figure, a name, or a
        copy a translator has yet to replace): a reading compared with itself
        leaves no figure over and no date in conflict (tests/test_numbers.py
        holds this), so the text is not read twice to find that out.

        The two answers are kept together, in this one value, for ``readings``:
        each value an entry keeps costs about 0.25 us on its first read, and every
        entry asks this one.
        """
        if self.target == self.source:
            return None
        source_may, target_may = numbers.may_state_a_figure(self.source), numbers.may_state_a_figure(self.target)
        return (source_may, target_may) if source_may or target_may else None

    @computed_once
    def readings(self) -> tuple[Reading, Reading]:
        """The source's and the translation's readings (numbers.read), as the figure
        checks compare them (asked only when ``figures_to_compare``).

        A side that may state no figure is read only when the other side's reading
        asks something of it (numbers.asks_for_an_answer): a source of only a bare
        day or "1명" leaves nothing for the English words of its translation to
        answer, and reading those words costs a quarter to a third of what reading
        a text with figures does (bench/figure_reader.py).
        """
        sides = self.figures_to_compare or (numbers.may_state_a_figure(self.source), numbers.may_state_a_figure(self.target))
        source_may, target_may = sides
        if not source_may:  # then the translation may
            target = numbers.read(self.target)
            return (numbers.read(self.source) if numbers.asks_for_an_answer(target) else numbers.NO_READING), target
        source = numbers.read(self.source)
        if target_may or numbers.asks_for_an_answer(source):
            return source, numbers.read(self.target)
        return source, numbers.NO_READING

    @computed_once
    def figures(self) -> Difference:
        if not self.figures_to_compare:
            return numbers.NO_DIFFERENCE
        return numbers.compare(*self.readings)


class _SourceLanguage:
    """``Entry.source_lang`` of an entry catalog_entry made, which holds none: the
    source's language, detected when first read (``detect_language(source)``) and
    kept as catalog_entry would have given it. Python asks this only of an entry
    that does not hold the field (an object's own values come before a class's
    descriptor without ``__set__``): one made by ``Entry(...)`` reads its own.

    Detecting it costs more than the checks of most entries: a scan of the source,
    and a hash of it for the language cache (about 9,000 instructions an entry in a
    build, a twentieth of its verdict). Few checks read it, and those that can
    block a build only of a translation that looks wrong (an echo, a Korean one
    without Hangul). The entry is equal to the one Entry(...) makes with the
    language given (tests/test_checks.py).
    """

    def __get__(self, entry: Entry | None, owner: type) -> Any:
        if entry is None:
            return self
        lang = entry.__dict__["source_lang"] = language_of_readable(entry.source_readable) or ""
        return lang


# Set on the class once dataclass() has made it: in the class body, it would be
# the field's default value.
setattr(Entry, "source_lang", _SourceLanguage())  # noqa: B010 (an assignment would be a type error to mypy)


@dataclass(frozen=True)
class Finding:
    """One problem one check found in one entry."""

    check: str
    severity: Severity
    message: str


@dataclass(frozen=True)
class Check:
    """A QA check: its id (used in ignore lists and reports), severity and purpose."""

    id: str
    severity: Severity
    description: str
    run: Callable[[Entry, Glossary], list[str]] = field(repr=False, compare=False)
    english_only: bool = False
    # What the check compares, where most entries have none of it: the name of an
    # Entry property that is false for such an entry, in which the check finds
    # nothing. run() asks the property instead of calling the check: a call costs
    # more than most checks' own first test (tests/test_checks.py holds each check
    # to finding nothing then).
    only_if: str = ""
    glossary_only: bool = False  # finds nothing without glossary terms, and is not called then


NO_GLOSSARY = Glossary()  # frozen: one shared empty glossary is safe as a default


def run(entry: Entry, *, glossary: Glossary = NO_GLOSSARY, skip: frozenset[str] = frozenset()) -> list[Finding]:
    """What the applicable checks find in ``entry``, in the order of ``CHECKS``.

    An empty translation is untranslated, not a QA problem: nothing is checked.
    """
    if entry.target == "":
        return []
    # A blank translation is one finding, not one per check.
    checks = _applicable(skip, entry.target_lang, not entry.target.strip(), bool(glossary.terms))
    findings: list[Finding] = []
    for check in checks:
        if check.only_if and not getattr(entry, check.only_if):
            continue  # the entry has nothing the check compares (Check.only_if)
        messages = check.run(entry, glossary)
        if messages:  # most checks find nothing
            findings.extend(Finding(check.id, check.severity, message) for message in messages)
    return findings


@lru_cache(maxsize=64)  # the same few skip lists and languages come back entry after entry
def _applicable(skip: frozenset[str], target_lang: str, blank: bool, glossary_terms: bool) -> tuple[Check, ...]:
    """The checks ``run`` runs, in the order of ``CHECKS``.

    The blank check runs on a blank translation alone, and the others only on one
    that is not: on that it finds nothing (its one test is the one asked here).
    """
    target_english = _base(target_lang) == "en"
    return tuple(
        check
        for check in CHECKS.values()
        if check.id not in skip
        and (target_english or not check.english_only)
        and (glossary_terms or not check.glossary_only)
        and (check.id == "blank") == blank
    )


def may_change_structure(entry: Entry) -> bool:
    """Whether the structure check would need the article for this entry.

    Callers parse the article only then: most translations hold no character that
    could open, close or change a Markdown block.
    """
    return not entry.kind.startswith("front-matter") and bool(_RISKY.search(entry.target))


def catalog_entry(
    msgid: str,
    msgstr: str,
    lang: str,
    *,
    comment: str | None,
    tcomment: str | None,
    ignore: frozenset[str],
    kind: str | None = None,
) -> tuple[Entry, frozenset[str]]:
    """A catalog entry as the checks see it, and the ids of the checks it skips.

    ``lang`` is the catalog's language, ``ignore`` what its ``[check]`` rules switch
    off; the entry's own ``l10n: ignore`` comment (``tcomment``) adds to that. Both
    `l10n check` and the review session build their check call here, so a reviewer
    is shown exactly the findings the check would report (bar the structure check,
    which needs the article). ``kind`` is ``block_kind(comment)`` where the caller
    has it already (publishing works it out for every entry of a catalog).
    """
    # Entry(msgid, msgstr, detect_language(msgid) or "", base_language(lang), kind)
    # without Entry's __init__ (frozen.filler_of: a third of the time; one per entry
    # judged), and without detecting the source's language until a check reads it
    # (_SourceLanguage). Entry's other fields are given by name in its order
    # (tests/test_checks.py holds them to _ENTRY_FIELDS and the two entries equal).
    entry = _fill_entry(
        source=msgid,
        target=msgstr,
        target_lang=locales.base_language(lang),
        kind=block_kind(comment) if kind is None else kind,
        article=None,
        segments=_NO_SEGMENTS,
    )
    silenced = ignored_in(tcomment) if tcomment else _NONE_SILENCED
    return entry, ignore | silenced if silenced else ignore  # most entries silence nothing: no new set


_ENTRY_FIELDS = tuple(f.name for f in fields(Entry))
_NO_SEGMENTS: tuple[Segment, ...] = ()
_fill_entry = filler_of(Entry)


_IGNORE_LINE = re.compile(r"^l10n:\s*ignore\s+(?P<ids>.+)$")
_NONE_SILENCED: frozenset[str] = frozenset()


def ignored_in(tcomment: str) -> frozenset[str]:
    """The check ids a translator comment silences: ``l10n: ignore numbers, dates``."""
    if "ignore" not in tcomment:
        return _NONE_SILENCED  # every line _IGNORE_LINE matches has the word; most comments are marks only
    ids: set[str] = set()
    for line in tcomment.splitlines():
        match = _IGNORE_LINE.match(line.strip())
        if match:
            ids.update(part.strip() for part in re.split(r"[,\s]+", match["ids"]) if part.strip())
    return frozenset(ids)


# --- the checks -------------------------------------------------------------------------


# The kinds of protected parts each check compares, and what its messages call them.
_MARKUP_KINDS = {"link": "link target", "code": "code span", "element": "untranslatable HTML element", "tag": "HTML tag", "comment": "HTML comment"}
_PLACEHOLDER_KINDS = {"format": "placeholder", "shortcode": "shortcode", "footnote": "footnote reference"}
_URL_KINDS = {"url": "URL", "email": "e-mail address", "autolink": "link"}


def _markup(entry: Entry, glossary: Glossary) -> list[str]:
    # Most entries have no part at all (Entry.parts): nothing for _compare_kinds to compare.
    problems = _compare_kinds(entry, _MARKUP_KINDS) if entry.parts is not None else []
    source, target = entry.source, entry.target
    for marker in ("**", "__", "~~"):
        # Neither text has the marker's character (a search for one character, a
        # fifth of a count of two): both counts are 0.
        if marker[0] not in source and marker[0] not in target:
            continue
        before, after = source.count(marker), target.count(marker)
        if before != after:
            problems.append(f"the source has {before} {marker!r} emphasis markers, the translation {after}")
    return problems


def _placeholders(entry: Entry, glossary: Glossary) -> list[str]:
    return _compare_kinds(entry, _PLACEHOLDER_KINDS)


def _urls(entry: Entry, glossary: Glossary) -> list[str]:
    return _compare_kinds(entry, _URL_KINDS)


def _numbers(entry: Entry, glossary: Glossary) -> list[str]:
    difference = entry.figures
    if not difference:
        return []
    source_reading, target_reading = entry.readings
    parts = []
    for index, figure in enumerate(difference.missing):
        if index < len(difference.added):
            parts.append(f"number {figure!r} of the source is not in the translation, which has {difference.added[index]!r}")
        else:
            # A flag names the figure on each side: what the translation writes
            # in words ("semifinals" for 8강) if it has no figure in digits left.
            words = numbers.unstated_words(target_reading, source_reading)
            parts.append(f"number {figure!r} of the source is not in the translation{_instead(words)}")
    for figure in difference.added[len(difference.missing) :]:
        words = numbers.unstated_words(source_reading, target_reading)
        parts.append(f"number {figure!r} in the translation is not in the source{_instead(words)}")
    return ["; ".join(parts)] if parts else []


def _instead(words: tuple[str, ...]) -> str:
    return f", which has {_list(list(words))}" if words else " (no figure there stands for it)"


def _conversions(entry: Entry, glossary: Glossary) -> list[str]:
    return [f"{e.figure!r} in the {e.side} is {e.reason}" for e in entry.figures.explained]


def _dates(entry: Entry, glossary: Glossary) -> list[str]:
    if not entry.figures_to_compare:
        return []  # neither side has a date, or the translation is the source copied
    source_reading, target_reading = entry.readings
    missing, extra = numbers.date_conflicts(source_reading, target_reading)
    parts = []
    if missing:
        parts.append(
            f"date {_list(list(dict.fromkeys(d.text for d in missing)))} of the source is not in the translation, "
            f"which has {_dates_in(target_reading)}"
        )
    if extra:
        parts.append(
            f"date {_list(list(dict.fromkeys(d.text for d in extra)))} in the translation does not match the source, "
            f"which has {_dates_in(source_reading)}"
        )
    return ["; ".join(parts)] if parts else []


def _dates_in(reading: Reading) -> str:
    # A range is two dates written once (1~9월): named once.
    written = list(dict.fromkeys([d.text for d in reading.dates] + [d.text for d in reading.days]))
    return _list(written) if written else "no date"


def _glossary(entry: Entry, glossary: Glossary) -> list[str]:
    if not glossary.terms:
        return []  # no glossary: no term to look for
    problems = []
    for term in glossary.terms_in(entry.source, entry.source_lang, entry.target_lang):
        if term.keep or find_terms(entry.target, [term.target]):
            continue
        problems.append(f"glossary: {term.source!r} should be translated as {term.target!r}")
    return problems


def _never_translate(entry: Entry, glossary: Glossary) -> list[str]:
    if not glossary.terms:
        return []  # no glossary, no never-translate term (keep_terms is made from terms)
    found = {term for _, _, term in find_terms(entry.source, glossary.keep_terms)}
    if not found:
        return []  # most sources hold no never-translate term
    kept = {term for _, _, term in find_terms(entry.target, sorted(found))}
    return [f"{term!r} must be kept as written" for term in sorted(found - kept)]


def _script(entry: Entry, glossary: Glossary) -> list[str]:
    target = _base(entry.target_lang)
    # Every step below only blanks parts of the translation, so one without Hangul
    # has none left over (English), or has none to find (Korean: a finding).
    target_hangul = not entry.target.isascii() and has_hangul(entry.target)  # Hangul is not ASCII
    if target == "en" and target_hangul:
        # Hangul in quotes or brackets is a gloss or a quoted name: ``kimchi (김치)``.
        outside = _GLOSSES.sub(" ", readable_text(entry.target))
        for term in glossary.keep_terms:
            outside = outside.replace(term, " ")
        hangul = count_hangul(outside)
        if hangul:
            return [f"the English translation has {hangul} Hangul letters outside quotes and brackets"]
    if target == "ko" and not (target_hangul and has_hangul(readable_text(entry.target))):
        if _has_words(entry.source_readable, _base(entry.source_lang)):
            return ["the Korean translation has no Hangul"]
    return []


def _echo(entry: Entry, glossary: Glossary) -> list[str]:
    # The same words, however spaced. Texts that start with different characters,
    # neither a space, have different first words (a translation: most pairs).
    source_first, target_first = entry.source[:1], entry.target[:1]
    if source_first != target_first and not source_first.isspace() and not target_first.isspace():
        return []
    # Else a different first word settles it cheaply.
    first_words_match = entry.source.split(None, 1)[:1] == entry.target.split(None, 1)[:1]
    same = first_words_match and entry.source.split() == entry.target.split()
    if same and _base(entry.source_lang) != _base(entry.target_lang) and _has_words(entry.source_readable, _base(entry.source_lang)):
        return ["the translation is the source text copied"]
    return []


def _blank(entry: Entry, glossary: Glossary) -> list[str]:
    if not entry.target.strip():
        return ["the translation is only whitespace"]
    return []


def _whitespace(entry: Entry, glossary: Glossary) -> list[str]:
    source, target = entry.source, entry.target
    if not (source[:1].isspace() or source[-1:].isspace() or target[:1].isspace() or target[-1:].isspace()):
        return []  # strip() takes nothing from either side: no edge to differ
    problems = []
    for where, strip in (("leading", str.lstrip), ("trailing", str.rstrip)):
        before = _edge(entry.source, strip, where)
        after = _edge(entry.target, strip, where)
        if before != after:
            problems.append(f"{where} whitespace {after!r} differs from the source's {before!r}")
    return problems


def _line_breaks(entry: Entry, glossary: Glossary) -> list[str]:
    if "\n" not in entry.source and "\n" not in entry.target:
        return []  # none on either side (a search, not a count): most texts
    before, after = entry.source.count("\n"), entry.target.count("\n")
    if before != after:
        return [f"the source has {before} line breaks, the translation {after}"]
    return []


def _brackets(entry: Entry, glossary: Glossary) -> list[str]:
    problems = []
    source, target = _without_code(entry.source), _without_code(entry.target)
    # An ASCII translation holds none of the other pairs' characters: not looked for.
    for opening, closing in _ASCII_PAIRS if target.isascii() else _PAIRS:
        if opening not in target and closing not in target:
            continue  # balanced in the translation, whatever the source does
        if _balanced(source, opening, closing) and not _balanced(target, opening, closing):
            problems.append(f"unbalanced {opening}{closing} in the translation")
    # No quote in the translation is an even number of them, found without counting.
    if '"' in target and target.count('"') % 2 and source.count('"') % 2 == 0:
        problems.append('odd number of " quotes in the translation')
    return problems


def _length_ratio(entry: Entry, glossary: Glossary) -> list[str]:
    direction = _direction(entry.source_lang, entry.target_lang)
    if direction is None:
        return []
    source, target = _letters(entry.source_readable), _letters(readable_text(entry.target))
    english, korean = (target, source) if direction == ("ko", "en") else (source, target)
    low, high = LENGTH_RATIO
    if english < low * korean - LENGTH_SLACK or english > high * korean + LENGTH_SLACK:
        # The ratio is the one the bounds measure, English over Korean, whichever
        # side is the translation.
        ratio = english / korean if korean else float("inf")
        return [
            f"the translation is {target} characters for a {source}-character source: the English runs "
            f"{ratio:.1f}x the Korean, usually {low}-{high}x"
        ]
    return []


def _control_chars(entry: Entry, glossary: Glossary) -> list[str]:
    # Every character _CONTROL finds is a control (Cc) or a format character (Cf),
    # which isprintable() rejects: a printable translation has none, found faster.
    if entry.target.isprintable():
        return []
    found = _CONTROL.findall(entry.target)
    if not found:
        return []  # what the translation adds is a part of what it has
    before = Counter(_CONTROL.findall(entry.source))
    added = Counter(found) - before
    if added:
        names = ", ".join(f"U+{ord(ch):04X}" for ch in sorted(added))
        return [f"the translation has control or bidirectional characters: {names}"]
    return []


def _structure(entry: Entry, glossary: Glossary) -> list[str]:
    # Every script tag starts with "<": a translation without one has none (a
    # search for one character, where the pattern's search folds case).
    if "<" in entry.target and _SCRIPT_TAG.search(entry.target) and not _SCRIPT_TAG.search(entry.source):
        return ["the translation has a raw <script> tag"]
    # What the rebuild cannot carry over, so the rebuilt article would not show the
    # translator's intent: a heading keeps the source's level (the marks would be
    # read as text), a paragraph stays one block (blank lines are dropped).
    marks = _HEADING_MARKS.match(entry.target) if entry.kind == "heading" else None
    if marks and not _HEADING_MARKS.match(entry.source):
        return [
            f"the heading's translation starts with {marks.group(1)!r}: the heading keeps its level "
            "in the rebuilt article and shows the marks as text"
        ]
    # Every blank line holds a line break: a translation without one (most) adds none.
    if "\n" in entry.target:
        added = _blank_lines(entry.target) - _blank_lines(entry.source)
        if added > 0 and not entry.kind.startswith("front-matter"):
            return [f"the translation has {added} more blank line(s) than the source, each starting a new block: the rebuilt article joins them"]
    article = entry.article
    if article is None or not entry.segments or article.skeleton is None:
        return []  # the caller saw nothing to rebuild (may_change_structure), or cannot
    wanted = set(entry.segments)
    rebuilt = render_document(
        article.format,
        article.text,
        list(entry.segments),
        lambda seg: entry.target if seg in wanted else None,
        options=article.options,
    )
    after = _skeleton(article.format, rebuilt)
    if after == article.skeleton:
        return []
    return [f"the rebuilt article's structure changes: {_first_change(article.skeleton, after or [])}"]


def _capitalisation(entry: Entry, glossary: Glossary) -> list[str]:
    if entry.kind.startswith("table") or entry.target[:1].isupper():
        # An uppercase first character is no character _FIRST_WORD skips, so it
        # starts the first word, if any: not a lowercase one (most translations).
        return []
    match = _FIRST_WORD.search(entry.target)
    if match is None:
        return []
    word = match.group("word")
    if (
        word[0].islower()
        and not any(ch.isupper() for ch in word[1:])
        and not entry.source.lstrip().startswith(word)
        and _has_words(entry.source_readable, _base(entry.source_lang))  # asked last: the costliest test
    ):
        return [f"the translation starts with a lowercase letter ({word!r})"]
    return []


def _end_punctuation(entry: Entry, glossary: Glossary) -> list[str]:
    if entry.kind.startswith("table"):
        return []
    source_end, target_end = _final(entry.source), _final(entry.target)
    # A colon may end the English where Korean ends a sentence before a quote.
    if source_end in _TERMINAL and target_end not in _TERMINAL and target_end != ":":
        problem = "the source ends a sentence, the translation has no end punctuation"
    elif (
        source_end not in _TERMINAL
        and target_end == "."
        and not entry.target.rstrip().endswith("...")
        and not _ABBREVIATION.search(entry.target.rstrip())
    ):
        problem = "the source has no end punctuation (a headline?), the translation ends with a full stop"
    else:
        return []
    # Asked last, as the costliest test: a source of only names or numbers has no
    # sentence to end.
    return [problem] if _has_words(entry.source_readable, _base(entry.source_lang)) else []


CHECKS: dict[str, Check] = {
    check.id: check
    for check in (
        Check("blank", Severity.ERROR, "the translation is only whitespace", _blank),
        Check("markup", Severity.ERROR, "link targets, code spans, HTML tags, untranslatable HTML elements and emphasis markers are kept", _markup),
        Check("placeholders", Severity.ERROR, "placeholders ({name}, %s, shortcodes, footnote marks) are kept", _placeholders, only_if="parts"),
        Check("urls", Severity.ERROR, "URLs and e-mail addresses are kept exactly", _urls, only_if="parts"),
        Check("numbers", Severity.ERROR, "figures are kept (Korean units such as 1억1천만 read as values)", _numbers, only_if="figures_to_compare"),
        Check("conversions", Severity.NOTICE, "figures the translation converts (km to miles, °C to °F), glosses in brackets or dates relative to now", _conversions, only_if="figures_to_compare"),
        Check("dates", Severity.ERROR, "dates agree (2026년 11월 28일 = Nov. 28, 2026 = 2026-11-28)", _dates, only_if="figures_to_compare"),
        Check("never-translate", Severity.ERROR, "never-translate glossary terms are kept as written", _never_translate, glossary_only=True),
        Check("glossary", Severity.WARNING, "glossary terms in the source have their glossary translation", _glossary, glossary_only=True),
        Check("script", Severity.ERROR, "the translation is in the target script (no Hangul left in English)", _script),
        Check("echo", Severity.ERROR, "the translation is not the source text copied", _echo),
        Check("structure", Severity.ERROR, "the rebuilt article keeps its Markdown structure; no raw <script>", _structure),
        Check("control-chars", Severity.ERROR, "no control or bidirectional override characters", _control_chars),
        Check("whitespace", Severity.WARNING, "leading and trailing whitespace match the source", _whitespace),
        Check("line-breaks", Severity.WARNING, "the translation has as many line breaks as the source", _line_breaks),
        Check("brackets", Severity.WARNING, "brackets and quotes (also “” ‘’ 「」 『』) are balanced", _brackets),
        Check("length-ratio", Severity.WARNING, "the length is within what Korean<->English translation shows", _length_ratio),
        Check("capitalisation", Severity.WARNING, "an English translation starts with a capital letter", _capitalisation, english_only=True),
        Check("end-punctuation", Severity.WARNING, "an English translation ends a sentence where the source does", _end_punctuation, english_only=True),
    )
}

# English characters per Korean character (spaces not counted), outside which a
# translation is flagged, plus a slack for short segments. Calibrated on 1,000
# aligned Korean-English news sentence pairs: median 2.17, 1st percentile 0.83,
# 99th 5.05; these bounds flag 9 pairs, each a partial or misaligned translation.
LENGTH_RATIO = (0.8, 6.0)
LENGTH_SLACK = 10


# --- helpers ----------------------------------------------------------------------------

_GLOSSES = re.compile(
    r"\([^()]*\)|\"[^\"]*\"|\u201c[^\u201d]*\u201d|\u2018[^\u2019]*\u2019|'[^'\n]*'"
    r"|\u300c[^\u300d]*\u300d|\u300e[^\u300f]*\u300f|\[[^\[\]]*\]"
)
_LOWER_WORD = re.compile(r"(?<![A-Za-z])[a-z]{2,}(?![A-Za-z])")
_PAIRS = (("(", ")"), ("[", "]"), ("{", "}"), ("\u201c", "\u201d"), ("\u300c", "\u300d"), ("\u300e", "\u300f"), ("\u300a", "\u300b"), ("\u3008", "\u3009"))
_ASCII_PAIRS = tuple(pair for pair in _PAIRS if "".join(pair).isascii())  # in the order of _PAIRS
_CODE = re.compile(INLINE_CODE)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_SCRIPT_TAG = re.compile(r"<script\b", re.IGNORECASE)
_HEADING_MARKS = re.compile(r"[ \t]{0,3}(#{1,6})(?:[ \t]|$)")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _blank_lines(text: str) -> int:
    return len(_BLANK_LINE.findall(text)) if "\n" in text else 0


# A translation without any of these cannot start, end or change a Markdown block
# (encode() already escapes block starts), so only these are re-rendered.
_RISKY = re.compile(r"[`~<>|#\\=]|^\s*(?:[-+*]|\d+[.)])|\n\s*(?:[-+*]|\d+[.)])|---|\*\*\*|___", re.MULTILINE)
_FIRST_WORD = re.compile(r"^[\s*_~\[(\"\u201c\u2018'>#-]*(?P<word>[^\W\d_][\w'’-]*)")
_TERMINAL = set(".!?。…")
_CLOSERS = "\"'”’)]}」』*_~` \t\n"
_ABBREVIATION = re.compile(r"(?:\b[A-Z]\.|\b(?:Inc|Co|Corp|Ltd|Jr|Sr|St|etc|No|vs)\.)$")


@lru_cache(maxsize=64)  # a project has a few language codes, asked for several times per entry
def _base(code: str) -> str:
    return re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0] if code else ""


@lru_cache(maxsize=64)  # a project has a few pairs of language codes, asked once per entry
def _direction(source_lang: str, target_lang: str) -> tuple[str, str] | None:
    """The pair of base languages, when the length check measures it (Korean and English)."""
    pair = (_base(source_lang), _base(target_lang))
    return pair if pair in (("ko", "en"), ("en", "ko")) else None


def _has_words(readable: str, lang: str) -> bool:
    """Whether a text, reduced to what a reader reads (``readable_text``), has words
    to translate, not only names, numbers or markup.

    English names are capitalised (``Samsung Electronics``, ``BTS``) and may stay
    as they are; a lowercase word must not. Any Hangul is Korean to translate.
    """
    if lang == "ko":
        return has_hangul(readable)
    return bool(_LOWER_WORD.search(readable))


def _list(items: Sequence[str]) -> str:
    quoted = [repr(item) for item in items]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted)


def _compare_kinds(entry: Entry, kinds: dict[str, str]) -> list[str]:
    """Protected parts of these kinds that the translation lost or added."""
    # Three checks compare parts of their kinds: each side's parts are counted
    # once (Entry.parts), and most texts have none of a check's kinds, nor any
    # part at all: then there is nothing to compare.
    parts = entry.parts
    if parts is None:
        return []
    before = _of_kinds(parts[0], kinds)
    after = _of_kinds(parts[1], kinds)
    if not before and not after:
        return []
    problems = []
    for (kind, value), count in sorted((before - after).items()):
        problems.append(f"{kinds[kind]} {value!r} is missing" + (f" ({count} times)" if count > 1 else ""))
    for (kind, value), count in sorted((after - before).items()):
        problems.append(f"{kinds[kind]} {value!r} is not in the source" + (f" ({count} times)" if count > 1 else ""))
    return problems


# The parts of a text without any. Shared, so never changed: the checks only read
# an entry's parts (_compare_kinds counts what it compares into Counters of its own).
_NO_PARTS: Counter[tuple[str, str]] = Counter()


def _parts(text: str) -> Counter[tuple[str, str]]:
    """The parts of a text that protect() hides, by kind and value, but numbers.

    No check compares numbers as parts (the figure checks read them as values), so
    the number scan of protect() is left out (protect.structure_parts).
    """
    found = structure_parts(text)
    if not found:
        return _NO_PARTS  # most texts: no Counter to build
    # A tag's alt and title values are the translator's to translate (formats/html.py).
    return Counter((kind, tag_key(value.strip()) if kind == "tag" else value.strip()) for kind, value in found)


def _of_kinds(parts: Counter[tuple[str, str]], kinds: dict[str, str]) -> Counter[tuple[str, str]]:
    return Counter({part: count for part, count in parts.items() if part[0] in kinds})


def _edge(text: str, strip: Callable[[str], str], where: str) -> str:
    stripped = strip(text)
    return text[: len(text) - len(stripped)] if where == "leading" else text[len(stripped) :]


def _without_code(text: str) -> str:
    if "`" not in text:
        return text  # every code span starts with a backtick
    return _CODE.sub(" ", text)


def _balanced(text: str, opening: str, closing: str) -> bool:
    # Most texts have none of a pair, or one of each: counted in C before any walk.
    opened = text.count(opening)
    if opened != text.count(closing):
        return False
    if opened <= 1:
        return not opened or text.index(opening) < text.index(closing)
    depth = 0
    for ch in text:
        if ch == opening:
            depth += 1
        elif ch == closing:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


def _letters(readable: str) -> int:
    """The letters of a text's readable part (``readable_text``), spaces not counted."""
    normal = unicodedata.normalize("NFC", readable)
    # isprintable() is asked first, a third of the regex's time: every whitespace
    # character but the plain space is a control or a separator, which it rejects
    # (tests/test_checks.py checks every character), so a printable text has no
    # other whitespace either.
    if normal.isprintable() or _SPACE_BUT_BLANK.search(normal) is None:
        return len(normal) - normal.count(" ")  # the only whitespace is plain spaces
    return len("".join(normal.split()))  # split() cuts at isspace()


# Whitespace other than the plain space (\s is str.isspace() in a str pattern).
_SPACE_BUT_BLANK = re.compile(r"[^\S ]")


def _final(text: str) -> str:
    stripped = text.rstrip(_CLOSERS)
    return stripped[-1] if stripped else ""


def _skeleton(fmt: Format, text: str) -> list[tuple[str, str, int]] | None:
    structure = getattr(fmt, "structure", None)
    return structure(text) if structure is not None else None


def _first_change(before: list[tuple[str, str, int]], after: list[tuple[str, str, int]]) -> str:
    for index, (old, new) in enumerate(zip(before, after, strict=False)):
        if old != new:
            return f"block {index + 1} was {_describe(old)}, becomes {_describe(new)}"
    if len(after) > len(before):
        return f"a new {_describe(after[len(before)])} appears"
    return f"{_describe(before[len(after)])} disappears"


def _describe(token: tuple[str, str, int]) -> str:
    kind, tag, _ = token
    names = {"fence": "code block", "hr": "thematic break (---)", "html_block": "HTML block"}
    return names.get(kind, f"<{tag}>" if tag else kind.replace("_open", "").replace("_", " "))
