"""A paragraph longer than a provider accepts is sent in parts and comes back whole.

The stories here: a long Korean or English paragraph is cut between sentences into
parts within the provider's limit; a sentence too long on its own is cut between
words, and a run without spaces is cut hard; no cut falls inside a placeholder;
and joining the parts (translated or not) keeps the source's whitespace exactly.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.errors import L10nError
from l10n.mt.chunks import MIN_CHARS, Chunks, split_for_limit
from l10n.qa.protect import TOKEN, protect

KOREAN = (
    "국방부는 3일 서울 용산 청사에서 제13회 서울안보대화(SDD)를 개최한다고 밝혔다. "
    "올해 회의에는 50여 개국 국방 당국자와 국제기구 관계자 등 약 500명이 참석할 예정이다. "
    "참석자들은 한반도 안보 정세와 국방 협력 방안을 논의한다.\n"
    "국방부 관계자는 \"이번 회의가 역내 평화에 기여할 것\"이라고 말했다. "
    "회의 결과는 국방부 누리집(https://www.mnd.go.kr)에 공개된다."
)

ENGLISH = (
    "The Bank of Korea held its base rate at 3.5 percent on Thursday. "
    "Governor Rhee Chang-yong said inflation was slowing but remained above target. "
    "Markets had widely expected the decision, and the KOSPI closed 0.4 percent higher. "
    "Economists at Samsung Securities said a cut could come as early as October. "
    "Details are at [the bank's site](https://www.bok.or.kr/eng/main/main.do)."
)


def sizes(chunks: Chunks) -> list[int]:
    return [len(p) for p in chunks.parts]


# -- Cutting between sentences --------------------------------------------------


@pytest.mark.parametrize("text", [KOREAN, ENGLISH], ids=["Korean", "English"])
@pytest.mark.parametrize("limit", [MIN_CHARS, 60, 120, 200, 500, 5000])
def test_parts_fit_the_limit_and_join_back_to_the_paragraph(text: str, limit: int):
    chunks = split_for_limit(text, limit)
    assert max(sizes(chunks)) <= limit
    assert chunks.join(chunks.parts) == text


def test_a_paragraph_within_the_limit_is_one_part():
    chunks = split_for_limit(ENGLISH, 5000)
    assert chunks == Chunks((ENGLISH,), ("", ""))


def test_parts_end_at_sentence_boundaries_when_sentences_fit():
    chunks = split_for_limit(KOREAN, 60)
    assert all(part.endswith("다.") for part in chunks.parts)
    assert chunks.parts[0] == "국방부는 3일 서울 용산 청사에서 제13회 서울안보대화(SDD)를 개최한다고 밝혔다."
    assert len(chunks.parts) == 5


def test_as_many_sentences_as_fit_share_a_part():
    chunks = split_for_limit(ENGLISH, 150)
    assert chunks.parts[0] == (
        "The Bank of Korea held its base rate at 3.5 percent on Thursday. "
        "Governor Rhee Chang-yong said inflation was slowing but remained above target."
    )


def test_line_breaks_between_sentences_are_kept_for_the_join():
    chunks = split_for_limit(KOREAN, 60)
    assert chunks.separators == ("", " ", " ", "\n", " ", "")
    assert chunks.join(["A"] * len(chunks.parts)).count("\n") == 1


def test_leading_and_trailing_whitespace_stays_outside_the_parts():
    chunks = split_for_limit("  He left.  \n", 100)
    assert chunks == Chunks(("He left.",), ("  ", "  \n"))
    assert chunks.join(["그는 떠났다."]) == "  그는 떠났다.  \n"


def test_whitespace_alone_has_nothing_to_send():
    chunks = split_for_limit(" \n ", 100)
    assert chunks.parts == ()
    assert chunks.join([]) == " \n "


# -- Sentences that do not fit ---------------------------------------------------


def test_a_sentence_longer_than_the_limit_is_cut_between_words():
    sentence = "Officials said the talks, which began in Seoul on Monday and ran late, would resume."
    chunks = split_for_limit(sentence, 30)
    assert all(len(p) <= 30 for p in chunks.parts)
    assert all(not p.startswith(" ") and not p.endswith(" ") for p in chunks.parts)
    assert set(chunks.separators[1:-1]) == {" "}
    assert chunks.join(chunks.parts) == sentence


def test_a_long_sentence_starts_its_own_part():
    text = "Short one. Then " + "word " * 10 + "end."
    chunks = split_for_limit(text, 30)
    assert chunks.parts[0] == "Short one."


def test_a_run_without_spaces_is_cut_hard():
    run = "가" * 50
    chunks = split_for_limit(run, 20)
    assert sizes(chunks) == [20, 20, 10]
    assert chunks.separators == ("", "", "", "")


def test_no_cut_falls_inside_a_placeholder():
    p = protect("가나다라마바사" + "".join(f"https://a.kr/{n}" for n in range(12)))
    chunks = split_for_limit(p.text, MIN_CHARS)
    for part in chunks.parts:
        assert "\u27e6" not in TOKEN.sub("", part) and "\u27e7" not in TOKEN.sub("", part)
    assert p.restore(chunks.join(chunks.parts)) == p.restore(p.text)


def test_placeholders_of_a_protected_paragraph_stay_whole_in_their_parts():
    p = protect(KOREAN + " " + ENGLISH, keep_terms=["SDD", "KOSPI"])
    chunks = split_for_limit(p.text, 80)
    tokens_in_parts = [t.group() for part in chunks.parts for t in TOKEN.finditer(part)]
    assert tokens_in_parts == list(p.placeholders)


def test_a_limit_too_small_to_work_with_is_a_configuration_error():
    with pytest.raises(L10nError) as caught:
        split_for_limit("text", 5)
    assert "max_chars" in (caught.value.hint or "")


def test_translated_parts_must_match_in_number():
    chunks = split_for_limit("One. Two. Three four.", 16)
    with pytest.raises(ValueError, match="expected 2 translated parts"):
        chunks.join(["하나."])


# -- Property: any text comes back exactly ----------------------------------------

PIECES = st.sampled_from(
    [
        *["가", "나다.", "word", "end.", "Mr.", "3.5", "!", "?", "\u0301"],  # \u0301: a combining accent
        *[" ", "  ", "\n", "\n\n", "\t", "\u3000"],  # \u3000: the ideographic space
        *["⟦1⟧", "⟦ 12 ⟧"],
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=60).map("".join), st.integers(MIN_CHARS, 80))
def test_any_text_is_cut_within_the_limit_and_joins_back_exactly(text: str, limit: int):
    chunks = split_for_limit(text, limit)
    assert chunks.join(chunks.parts) == text
    assert all(0 < len(p) <= limit for p in chunks.parts)
    assert all(not s.strip() for s in chunks.separators)
    whole = [m.group() for m in TOKEN.finditer(text)]
    assert [m.group() for p in chunks.parts for m in TOKEN.finditer(p)] == whole
