"""A newsroom keeps its terms in a glossary file, and machine drafts follow it.

The stories here: the defence desk's TSV and the economy desk's spreadsheet CSV
are read with their direction taken from the header; a row is used both ways; a
Korean term is found with its particle attached, an English one only as a whole
word; never-translate terms come from rows or from a plain list; only rows
marked ``force`` are forced; the translator sees a one-line hint; and every
broken file is reported with its line and what to do.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.errors import L10nError
from l10n.qa import glossary as glossary_module
from l10n.qa.glossary import Glossary, Term, find_terms, load_glossary

FIXTURES = Path(__file__).parent / "fixtures" / "glossary"


def load(name: str) -> Glossary:
    return load_glossary(FIXTURES / name, f"glossary/{name}")


def sources(terms: list[Term]) -> list[str]:
    return [t.source for t in terms]


# -- Reading the desks' files -------------------------------------------------


def test_defence_desk_tsv_reads_every_row_both_ways():
    glossary = load("defence.tsv")
    ko_en = {t.source: t.target for t in glossary.terms if t.source_lang == "ko"}
    en_ko = {t.source: t.target for t in glossary.terms if t.source_lang == "en"}
    assert ko_en["국방부"] == "Ministry of National Defense"
    assert en_ko["Ministry of National Defense"] == "국방부"
    assert en_ko["JCS"] == "합참"
    assert glossary.keep_terms == ("SDD", "KF-21")


def test_a_term_remembers_its_line_for_later_messages():
    term = next(t for t in load("defence.tsv").terms if t.source == "합참")
    assert (term.where, term.note) == ("glossary/defence.tsv:5", "short form")


def test_economy_desk_csv_with_english_first_and_a_quoted_comma():
    glossary = load("economy.csv")
    assert glossary.terms_in("소비자물가지수가 올랐다.", "ko", "en")[0].target == "consumer price index, CPI"
    assert glossary.terms_in("The Bank of Korea held the base rate.", "en", "ko") == [
        next(t for t in glossary.terms if t.source == "Bank of Korea"),
        next(t for t in glossary.terms if t.source == "base rate"),
    ]
    assert glossary.keep_terms == ("KOSPI",)


def test_without_a_header_each_row_is_told_apart_by_script():
    glossary = load("by-script.tsv")
    pairs = {(t.source_lang, t.source, t.target) for t in glossary.terms if not t.keep}
    assert ("ko", "서울안보대화", "Seoul Defense Dialogue") in pairs
    assert ("en", "Ministry of National Defense", "국방부") in pairs
    assert glossary.keep_terms == ("K-pop",)


def test_never_translate_list_is_one_term_per_line():
    assert load("never-translate.txt").keep_terms == ("SDD", "K-pop", "BTS", "KOSPI")


def test_glossary_and_never_translate_list_merge():
    glossary = load("defence.tsv").merged(load("never-translate.txt"))
    assert glossary.keep_terms == ("SDD", "KF-21", "K-pop", "BTS", "KOSPI")


def test_merging_refuses_a_term_kept_in_one_file_and_translated_in_another(tmp_path: Path):
    translated = tmp_path / "glossary.tsv"
    translated.write_text("ko\ten\n코스피\tKOSPI\n", encoding="utf-8")
    with pytest.raises(L10nError) as caught:
        load_glossary(translated, "glossary.tsv").merged(load("never-translate.txt"))
    assert caught.value.location == "glossary/never-translate.txt:6"
    assert "glossary.tsv:2" in caught.value.message


# -- Finding terms in a segment -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        pytest.param("국방부는 3일 발표했다.", "ko", ["국방부"], id="Korean term with a particle attached"),
        pytest.param("합동참모본부와 합참은", "ko", ["합동참모본부", "합참"], id="both the long and the short form"),
        pytest.param("서울안보대화(SDD)가 열렸다.", "ko", ["서울안보대화", "SDD"], id="gloss in brackets"),
        pytest.param("SDD에서", "ko", ["SDD"], id="Latin term followed by a Korean particle"),
        pytest.param("The SDDS report", "en", [], id="Latin term only as a whole word"),
        pytest.param("the sdd", "en", [], id="acronyms are case-sensitive"),
        pytest.param(
            "Officials of the joint chiefs of staff met.", "en", ["Joint Chiefs of Staff"], id="words ignore case"
        ),
        pytest.param("KF-21 fighter jets", "en", ["KF-21"], id="never-translate term with a digit"),
        pytest.param("KF-210 is not it", "en", [], id="a digit edge is a word edge"),
    ],
)
def test_terms_in_a_segment(text: str, lang: str, expected: list[str]):
    other = "en" if lang == "ko" else "ko"
    assert sources(load("defence.tsv").terms_in(text, lang, other)) == expected


def test_the_longest_term_wins_where_terms_overlap():
    text = "Defense Acquisition Program Administration officials"
    assert find_terms(text, ["Defense", "Defense Acquisition Program Administration"]) == [
        (0, 42, "Defense Acquisition Program Administration")
    ]


# Overlapping terms, case variants, Korean with particles, acronyms, and the
# Turkish İ and ı: ``re`` ignores their case against i and I, casefold() does not.
MIXED_TERMS = [
    "국방부", "국방", "국방부 장관", "합참", "합동참모본부",
    "Defense", "defense", "Defense Acquisition Program", "Acquisition",
    "SDD", "KF-21", "Joint Chiefs of Staff", "chiefs",
    "Istanbul", "İzmir", "Straße",
]
TEXT_PIECES = st.sampled_from([
    *MIXED_TERMS, "는", "와", "은", " ", ", ", ".", "-", "S", "s", "x", "1",
    "DEFENSE", "dEfEnSe", "sdd", "SDDS", "kf-21", "JOINT CHIEFS OF STAFF",
    "ISTANBUL", "ıstanbul", "İSTANBUL", "izmir", "IZMIR", "STRASSE", "strasse", "STRAẞE",
])


def find_terms_in_one_alternation(text: str, terms: list[str]) -> list[tuple[int, int, str]]:
    """find_terms as it was before the prefilter: every term in one alternation."""
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    pattern = re.compile("|".join(f"(?P<t{i}>{glossary_module._term_pattern(t)})" for i, t in enumerate(ordered)))
    return [(m.start(), m.end(), ordered[int(m.lastgroup[1:])]) for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    "text",
    [
        "국방부 장관은 국방부는 국방에",
        "The defense of DEFENSE Acquisition Program, dEfEnSe",
        "SDDS, sdd and SDD; KF-21 kf-21 KF-210",
        "JOINT CHIEFS OF STAFF and the chiefs",
        "İSTANBUL",
        "ıstanbul",
        "izmir and IZMIR",
        "STRASSE Straße STRAẞE",
    ],
)
def test_finding_only_likely_terms_finds_what_one_alternation_of_all_finds(text: str):
    assert find_terms(text, MIXED_TERMS) == find_terms_in_one_alternation(text, MIXED_TERMS)


@settings(max_examples=400, deadline=None)
@given(st.lists(TEXT_PIECES, max_size=30).map("".join))
def test_any_text_gets_the_matches_of_one_alternation_of_all_terms(text: str):
    assert find_terms(text, MIXED_TERMS) == find_terms_in_one_alternation(text, MIXED_TERMS)


def test_folding_keeps_every_case_difference_matching_ignores():
    """The prefilter is safe when two characters that a case-insensitive match
    takes for each other always fold alike: then a term that matches a stretch of
    text folds to a substring of the folded text. Checked over every character with
    a case mapping, as this Python's ``re`` and Unicode tables see them."""
    cased = {c for c in map(chr, range(0x110000)) if c.lower() != c or c.upper() != c or c.casefold() != c}
    mapped_to = {m for c in cased for m in (*c.lower(), *c.upper(), *c.casefold())}
    candidates = "".join(sorted(cased | mapped_to))
    differently_folded = [
        (a, b)
        for a in candidates
        for b in re.findall(f"(?i:{re.escape(a)})", candidates)
        if glossary_module._fold(a) != glossary_module._fold(b)
    ]
    assert differently_folded == []


def test_terms_come_in_reading_order_each_once():
    text = "합참은 국방부와 협의했다. 국방부는 합참에"
    assert sources(load("defence.tsv").terms_in(text, "ko", "en")) == ["합참", "국방부"]


def test_locale_codes_name_the_same_direction():
    assert sources(load("defence.tsv").terms_in("국방부는", "ko-KR", "en_US")) == ["국방부"]


# -- What is forced, kept and hinted ------------------------------------------


def test_only_terms_marked_force_are_forced():
    glossary = load("defence.tsv")
    text = "국방부와 방위사업청은 서울안보대화를 열었다."
    assert glossary.forced_for(text, "ko", "en") == {
        "국방부": "Ministry of National Defense",
        "방위사업청": "Defense Acquisition Program Administration",
    }


def test_forcing_works_in_the_other_direction_too():
    text = "The Ministry of National Defense said on Monday."
    assert load("defence.tsv").forced_for(text, "en", "ko") == {"Ministry of National Defense": "국방부"}


def test_translator_sees_a_one_line_hint():
    hint = load("defence.tsv").hint_comment("국방부는 서울안보대화(SDD)에서 합참과", "ko", "en")
    assert hint == (
        "glossary: 국방부 = Ministry of National Defense; 서울안보대화 = Seoul Defense Dialogue; "
        "SDD (keep as is); 합참 = JCS (short form)"
    )


def test_hint_keeps_a_note_but_not_the_markers():
    hint = load("defence.tsv").hint_comment("방위사업청은", "ko", "en")
    assert hint == "glossary: 방위사업청 = Defense Acquisition Program Administration (official name)"


def test_no_hint_when_no_term_occurs():
    assert load("defence.tsv").hint_comment("날씨가 맑다.", "ko", "en") is None


# -- Broken files name the line -----------------------------------------------


@pytest.mark.parametrize(
    ("name", "line", "message", "hint"),
    [
        pytest.param("bad-columns.tsv", 3, "expected 2 or 3 columns", "separate columns with one tab", id="four columns"),
        pytest.param("bad-single-column.tsv", 2, "found 1", "leave the translation empty", id="one column"),
        pytest.param(
            "bad-duplicate.tsv", 4, "translated as 'Defense Ministry' here and as 'Ministry of National Defense' "
            "at glossary/bad-duplicate.tsv:2", "one meaning per term", id="two translations",
        ),
        pytest.param("bad-empty-source.tsv", 3, "empty source term", "first column", id="empty source"),
        pytest.param("bad-header.tsv", 1, "unknown header column 'term'", "ko<TAB>en<TAB>note", id="header"),
        pytest.param("bad-header-note.tsv", 1, "unknown header column 'remarks'", "ko<TAB>en", id="note header"),
        pytest.param("bad-script.tsv", 2, "neither has Hangul", "header row", id="no Hangul and no header"),
        pytest.param("bad-keep-conflict.tsv", 3, "marked never-translate at", "one meaning", id="kept and translated"),
        pytest.param("bad-encoding.tsv", 2, "not UTF-8", "save the file as UTF-8", id="legacy encoding"),
    ],
)
def test_a_broken_glossary_names_file_line_and_remedy(name: str, line: int, message: str, hint: str):
    with pytest.raises(L10nError) as caught:
        load(name)
    assert caught.value.location == f"glossary/{name}:{line}"
    assert message in caught.value.message
    assert hint in (caught.value.hint or "")


def test_an_unsupported_format_says_which_ones_work():
    with pytest.raises(L10nError) as caught:
        load("glossary.yaml")
    assert caught.value.location == "glossary/glossary.yaml"
    assert ".tsv or .csv" in (caught.value.hint or "")


def test_a_missing_glossary_is_an_error_not_a_crash(tmp_path: Path):
    with pytest.raises(L10nError, match="glossary not found"):
        load_glossary(tmp_path / "glossary.tsv", "glossary.tsv")


def test_terms_typed_on_macos_match_articles(tmp_path: Path):
    import unicodedata

    path = tmp_path / "glossary.tsv"
    path.write_text(unicodedata.normalize("NFD", "ko\ten\n국방부\tMND\n"), encoding="utf-8")
    assert sources(load_glossary(path, "glossary.tsv").terms_in("국방부는", "ko", "en")) == ["국방부"]
