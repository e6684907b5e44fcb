"""A newsroom's glossary: fixed translations and terms that are never translated.

A glossary is a small file kept in the repository (``glossary.tsv`` at the project
root by default, or ``glossary.csv``), one term pair per row::

    # Defence desk, reviewed 2026-03
    ko	en	note
    국방부	Ministry of National Defense	force
    서울안보대화	Seoul Defense Dialogue
    SDD		do-not-translate

Decisions, for callers and for whoever edits a glossary:

- **Direction comes from the header.** A header row names the language of each
  term column (``ko	en	note`` or ``en	ko	note``; ``korean``/``english`` also
  work). Every row is used both ways: in a Korean segment ``국방부`` stands for
  ``Ministry of National Defense``, in an English segment the reverse. Without a
  header, or with the generic ``source	target	note``, each row's languages are
  told apart by script: the column with Hangul is Korean, the other English.
- **Never-translate terms** are rows whose second term column is empty, rows whose
  note says ``do-not-translate``, and every line of a ``never-translate.txt`` file
  (one term per line). They are kept as written in every direction.
- **Only rows marked ``force`` in the note are forced.** A forced term is replaced
  by its target before the text reaches a provider (see protect.py), which costs
  fluency: the provider cannot add the article English needs (``the Ministry ...``)
  nor fit the term into Korean grammar. So by default a term is a hint, shown to
  the translator (``hint_comment``) and to providers that take context.
- **Matching** (shared with protect.py through ``find_terms``): the longest term
  wins where terms overlap; a term edge that is a Latin letter or digit must be a
  word edge (``SDD`` is not found in ``SDDS``); a Hangul edge may run on, because
  Korean attaches particles (``국방부는`` contains ``국방부``). Acronym-like
  Latin terms (a word with two or more capitals, or a digit: ``SDD``, ``KF-21``)
  match exactly; other Latin terms ignore case, so a sentence-initial capital
  still matches.

- **One meaning per term and direction.** ``국방부 -> MND`` and ``국방부 ->
  Ministry of National Defense`` in one glossary is an error naming both lines, as
  is a term both kept and translated; ``Glossary.merged`` applies the same rule
  across files (``glossary.tsv`` plus ``never-translate.txt``).

Reading the file is the only I/O here; everything else is pure. Standard library
only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from l10n.errors import L10nError
from l10n.text.scripts import LATIN, has_hangul

# Note markers, matched as whole words in the note column, case-insensitively.
FORCE_MARKER = "force"
KEEP_MARKERS = ("do-not-translate", "dnt")

# What counts as "part of a word" at a Latin or digit term edge.
_WORDISH = f"{LATIN}0-9_"
# The patterns below stay text, compiled (and kept, by re's own cache) when a glossary
# is first read or matched: every build loads this module, and most projects have no
# glossary, so compiling them at import was a millisecond of start-up for nothing.
_WORDISH_CHAR = f"[{_WORDISH}]"

_LANGUAGE_ALIASES = {"korean": "ko", "english": "en"}
_NOTE_NAMES = frozenset({"note", "notes", "comment", "comments"})
_GENERIC_NAMES = ("source", "target")
_LANGUAGE_CODE = r"[a-z]{2,3}(?:[-_][a-z0-9]{2,8})?"
# A first row made only of lowercase ASCII names (or naming a known column in any
# case, ``Korean<TAB>English``) is meant as a header.
_HEADER_LIKE = r"[a-z][a-z0-9_-]*"

_HEADER_HINT = "start the file with a header row such as `ko<TAB>en<TAB>note` or `en<TAB>ko<TAB>note`"


@dataclass(frozen=True)
class Term:
    """One glossary entry in one direction.

    ``keep`` terms have ``target == source`` and empty languages: they apply to
    every direction. ``path``/``line`` say where the row is, for error messages.
    """

    source: str
    target: str
    source_lang: str = ""
    target_lang: str = ""
    note: str = ""
    keep: bool = False
    force: bool = False
    path: str = ""
    line: int = 0

    @property
    def where(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass(frozen=True)
class Glossary:
    """Every term of one or more glossary files, both directions spelled out."""

    terms: tuple[Term, ...] = ()

    @property
    def keep_terms(self) -> tuple[str, ...]:
        """The never-translate terms, in file order."""
        return tuple(t.source for t in self.terms if t.keep)

    def terms_in(self, text: str, source_lang: str, target_lang: str) -> list[Term]:
        """The terms that occur in ``text`` for this direction, each once.

        Overlapping candidates resolve to the longest term; the list is in order of
        first occurrence, the order a translator reads them.
        """
        candidates = self._for_direction(source_lang, target_lang)
        by_source = {t.source: t for t in candidates}
        found: list[Term] = []
        seen: set[str] = set()
        for _start, _end, term in find_terms(text, list(by_source)):
            if term not in seen:
                seen.add(term)
                found.append(by_source[term])
        return found

    def forced_for(self, text: str, source_lang: str, target_lang: str) -> dict[str, str]:
        """Source term -> target term for the forced terms in ``text`` (see module doc)."""
        return {t.source: t.target for t in self.terms_in(text, source_lang, target_lang) if t.force}

    def hint_comment(self, text: str, source_lang: str, target_lang: str) -> str | None:
        """A one-line translator comment naming the glossary terms in ``text``.

        >>> g = Glossary((Term("국방부", "Ministry of National Defense", "ko", "en"),))
        >>> g.hint_comment("국방부는 밝혔다.", "ko", "en")
        'glossary: 국방부 = Ministry of National Defense'
        """
        terms = self.terms_in(text, source_lang, target_lang)
        if not terms:
            return None
        return "glossary: " + "; ".join(_describe(t) for t in terms)

    def merged(self, other: Glossary) -> Glossary:
        """Both glossaries as one; a conflicting pair raises L10nError naming both rows."""
        merged = _Builder()
        for term in (*self.terms, *other.terms):
            merged.add(term)
        return Glossary(tuple(merged.terms))

    def _for_direction(self, source_lang: str, target_lang: str) -> list[Term]:
        src, tgt = language_of(source_lang), language_of(target_lang)
        return [t for t in self.terms if t.keep or (t.source_lang == src and t.target_lang == tgt)]


def find_terms(text: str, terms: Iterable[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping ``(start, end, term)`` occurrences of ``terms`` in ``text``.

    The rules are the module's matching rules; ``term`` is the entry as given,
    whatever case the text used.
    """
    # This runs per entry and per stretch of text, and an alternation of a whole
    # glossary is slow to build and to scan; so only the terms that can occur go
    # into it. A term left out cannot match anywhere, so leaving it out changes
    # no match: the alternation picks among the terms that do match. Without terms
    # (no glossary, the usual case) nothing can match: the text is not even folded.
    given = [t for t in terms if t]
    if not given:
        return []
    folded_text = _fold(text)
    candidates = sorted({t for t in given if _fold(t) in folded_text}, key=lambda t: (-len(t), t))
    if not candidates:
        return []
    pattern = _alternation(tuple(candidates))
    return [(m.start(), m.end(), candidates[_branch_index(m)]) for m in pattern.finditer(text)]


def load_glossary(path: Path, display: str) -> Glossary:
    """Read a glossary file: ``.tsv`` or ``.csv`` pairs, or a ``.txt`` never-translate list.

    ``display`` is the path as the user should see it in errors. Bad rows raise
    L10nError naming the line: a wrong column count, an empty source term, an
    unknown header, a term given two different translations.
    """
    return parse_glossary(_read(path, display), display, path.suffix)


def parse_glossary(text: str, display: str, suffix: str) -> Glossary:
    """A glossary from the text of a ``suffix`` file (``.tsv``, ``.csv``, ``.txt``), as ``load_glossary`` reads it."""
    suffix = suffix.lower()
    if suffix == ".txt":
        return Glossary(tuple(_keep_list(text, display)))
    if suffix not in (".tsv", ".csv"):
        raise L10nError(
            f"unsupported glossary format {suffix or '(no extension)'}",
            path=display,
            hint="use a .tsv or .csv file with columns `ko`, `en`, `note`, or a .txt list of never-translate terms",
        )
    builder = _Builder()
    columns: tuple[str, str] | None = None
    first = True
    for number, cells in _rows(text, delimiter="\t" if suffix == ".tsv" else ","):
        if first:
            first = False
            header = _header(cells, display, number)
            if header is not None:
                columns = header
                continue
        for term in _row_terms(cells, columns, display, number):
            builder.add(term)
    return Glossary(tuple(builder.terms))


# -- reading -----------------------------------------------------------------


def _read(path: Path, display: str) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise L10nError("glossary not found", path=display, hint="check the path, or remove the glossary setting") from None
    except OSError as exc:
        raise L10nError(f"cannot read glossary: {exc.strerror}", path=display) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise L10nError("glossary is not UTF-8", path=display, line=line, hint="save the file as UTF-8") from None
    # Terms typed on macOS arrive decomposed (NFD); articles are NFC.
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n"))


def _rows(text: str, *, delimiter: str) -> Iterable[tuple[int, list[str]]]:
    """``(line number, stripped cells)`` for every line that is not blank or a comment."""
    if delimiter == ",":
        import csv  # for a .csv glossary only: build loads this module, most projects have none

    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if delimiter == ",":
            # One physical line at a time, so every row keeps its line number;
            # glossary cells have no business spanning lines.
            cells = next(csv.reader([line]))
        else:
            cells = line.split("\t")
        # A trailing empty note column (``SDD<TAB><TAB>``) is not a fourth column.
        cells = [c.strip() for c in cells]
        while len(cells) > 3 and not cells[-1]:
            cells.pop()
        yield number, cells


def _keep_list(text: str, display: str) -> list[Term]:
    terms = []
    seen = set()
    for number, line in enumerate(text.split("\n"), start=1):
        term = line.strip()
        if term and not term.startswith("#") and term not in seen:
            seen.add(term)
            terms.append(Term(term, term, keep=True, path=display, line=number))
    return terms


def _header(cells: list[str], display: str, line: int) -> tuple[str, str] | None:
    """The two term columns' languages when ``cells`` is a header row, else None.

    ``("", "")`` means a generic ``source<TAB>target`` header: languages by script.
    """
    named = [c for c in cells if c]
    if len(named) < 2 or any(has_hangul(c) for c in named):
        return None
    known = any(_is_header_name(c.lower()) for c in named)
    if not known and not all(re.fullmatch(_HEADER_LIKE, c) for c in named):
        return None  # a data row such as ``KOSPI<TAB>KOSPI<TAB>do-not-translate``
    cells = [c.lower() for c in cells]
    if len(cells) > 3:
        raise L10nError(f"header has {len(cells)} columns, expected 2 or 3", path=display, line=line, hint=_HEADER_HINT)
    first, second = cells[0], cells[1]
    note = cells[2] if len(cells) == 3 else "note"
    if note and note not in _NOTE_NAMES:
        raise L10nError(f"unknown header column {note!r}", path=display, line=line, hint=_HEADER_HINT)
    if (first, second) == _GENERIC_NAMES:
        return ("", "")
    langs = []
    for name in (first, second):
        lang = _LANGUAGE_ALIASES.get(name, name)
        if not re.fullmatch(_LANGUAGE_CODE, lang):
            raise L10nError(f"unknown header column {name!r}", path=display, line=line, hint=_HEADER_HINT)
        langs.append(language_of(lang))
    if langs[0] == langs[1]:
        raise L10nError(
            f"both term columns are {langs[0]!r}",
            path=display,
            line=line,
            hint="name two different languages",
        )
    return (langs[0], langs[1])


def _is_header_name(name: str) -> bool:
    return name in _LANGUAGE_ALIASES or name in _NOTE_NAMES or name in _GENERIC_NAMES or name in ("ko", "en")


def _row_terms(cells: list[str], columns: tuple[str, str] | None, display: str, line: int) -> list[Term]:
    if len(cells) not in (2, 3):
        raise L10nError(
            f"expected 2 or 3 columns (term, translation, note), found {len(cells)}",
            path=display,
            line=line,
            hint="separate columns with one tab (a comma in .csv); leave the translation empty to keep a term as is",
        )
    first, second = cells[0], cells[1]
    note = cells[2] if len(cells) == 3 else ""
    if not first:
        raise L10nError(
            "empty source term",
            path=display,
            line=line,
            hint="put the term in the first column, or delete the row",
        )
    if not second or _has_marker(note, KEEP_MARKERS):
        kept = dict.fromkeys(t for t in (first, second) if t)
        return [Term(t, t, note=note, keep=True, path=display, line=line) for t in kept]
    langs = columns if columns and columns[0] else _languages_by_script(first, second, display, line)
    force = _has_marker(note, (FORCE_MARKER,))
    return [
        Term(first, second, langs[0], langs[1], note=note, force=force, path=display, line=line),
        Term(second, first, langs[1], langs[0], note=note, force=force, path=display, line=line),
    ]


def _languages_by_script(first: str, second: str, display: str, line: int) -> tuple[str, str]:
    first_ko, second_ko = has_hangul(first), has_hangul(second)
    if first_ko and not second_ko:
        return ("ko", "en")
    if second_ko and not first_ko:
        return ("en", "ko")
    raise L10nError(
        "cannot tell which column is Korean: " + ("both have Hangul" if first_ko else "neither has Hangul"),
        path=display,
        line=line,
        hint=_HEADER_HINT,
    )


def _has_marker(note: str, markers: Sequence[str]) -> bool:
    words = re.findall(r"[a-z][a-z-]*", note.lower())
    return any(m in words for m in markers)


class _Builder:
    """Collects terms, refusing a term that is given two meanings."""

    def __init__(self) -> None:
        self.terms: list[Term] = []
        self._by_key: dict[tuple[str, str, str], Term] = {}
        self._keep: dict[str, Term] = {}
        self._translated: dict[str, Term] = {}

    def add(self, term: Term) -> None:
        if term.keep:
            other = self._translated.get(term.source)
            if other is not None:
                _conflict(term, f"{term.source!r} is marked never-translate but {other.where} translates it")
            if term.source not in self._keep:
                self._keep[term.source] = term
                self.terms.append(term)
            return
        kept = self._keep.get(term.source)
        if kept is not None:
            _conflict(term, f"{term.source!r} is translated here but marked never-translate at {kept.where}")
        key = (term.source, term.source_lang, term.target_lang)
        earlier = self._by_key.get(key)
        if earlier is not None:
            if earlier.target != term.target:
                _conflict(
                    term,
                    f"{term.source!r} is translated as {term.target!r} here and as {earlier.target!r} at {earlier.where}",
                )
            return
        self._by_key[key] = term
        self._translated.setdefault(term.source, term)
        self.terms.append(term)


def _conflict(term: Term, message: str) -> None:
    raise L10nError(
        message,
        path=term.path or None,
        line=term.line or None,
        hint="keep one meaning per term: delete or change one of the rows",
    )


# -- matching ----------------------------------------------------------------


# The Turkish dotted and dotless i: the only characters that a case-insensitive
# ``re`` match equates with ``i``/``I`` while ``str.casefold`` keeps them apart.
_TURKISH_I = str.maketrans({"\u0130": "i", "\u0131": "i"})


def _fold(text: str) -> str:
    """``text`` with every case difference ``_term_pattern`` ignores removed.

    Character by character: when a term matches a stretch of text, the term's fold
    is that stretch's fold, and so a substring of the text's fold. The converse
    need not hold (``SDD`` folds like ``sdd``), which only lets a term through to
    the real match.
    """
    return text.translate(_TURKISH_I).casefold()


@lru_cache(maxsize=512)
def _alternation(terms: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching any of ``terms``; group ``t<i>`` is ``terms[i]``.

    ``terms`` come longest first, so that at any position the longest term wins.
    Cached: the same few terms occur in entry after entry of an article.
    """
    return re.compile("|".join(f"(?P<t{i}>{_term_pattern(term)})" for i, term in enumerate(terms)))


def _branch_index(match: re.Match[str]) -> int:
    """Which term of ``_alternation`` matched."""
    name = match.lastgroup
    assert name is not None  # every branch is a named group, so a match names one
    return int(name[1:])


def _term_pattern(term: str) -> str:
    body = re.escape(term)
    if _is_latin_words(term) and not _is_acronym(term):
        body = f"(?i:{body})"
    before = f"(?<![{_WORDISH}])" if re.match(_WORDISH_CHAR, term[0]) else ""
    after = f"(?![{_WORDISH}])" if re.match(_WORDISH_CHAR, term[-1]) else ""
    return before + body + after


def _is_latin_words(term: str) -> bool:
    return not has_hangul(term) and any(c.isalpha() for c in term)


def _is_acronym(term: str) -> bool:
    # Per word, so that a multi-word name (``Joint Chiefs of Staff``) is not one.
    return any(sum(c.isupper() for c in word) >= 2 for word in term.split()) or any(c.isdigit() for c in term)


@lru_cache(maxsize=64)
def language_of(code: str) -> str:
    """``ko-KR``, ``ko_KR``, ``KO`` -> ``ko``: glossaries speak of languages, not locales.

    protect.py uses it too, twice per provider answer: a run names a handful of
    codes, so their answers are kept. Not ``http.language_parts``: that module
    imports requests, and this one is standard library only.
    """
    return re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0]


def _describe(term: Term) -> str:
    if term.keep:
        return f"{term.source} (keep as is)"
    note = _plain_note(term.note)
    return f"{term.source} = {term.target}" + (f" ({note})" if note else "")


def _plain_note(note: str) -> str:
    """The note without the markers, which mean something to l10n, not to a reader."""
    markers = "|".join(re.escape(m) for m in (FORCE_MARKER, *KEEP_MARKERS))
    cleaned = re.sub(rf"(?i)(?<![\w-])(?:{markers})(?![\w-])", "", note)
    return re.sub(r"\s+", " ", cleaned).strip(" ;,")
