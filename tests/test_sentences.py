"""A translator works sentence by sentence; the article is cut where a reader would cut.

Each split is a promise: the translation of each sentence goes back exactly where the
sentence was, and the spaces and line breaks between sentences stay as written.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.text.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


# --- Korean -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "경찰은 사고 원인을 조사하고 있다. 부상자는 모두 병원으로 옮겨졌다.",
            ["경찰은 사고 원인을 조사하고 있다.", "부상자는 모두 병원으로 옮겨졌다."],
        ),
        (
            "정말 그럴까? 아무도 모른다! 결과는 내일 나온다.",
            ["정말 그럴까?", "아무도 모른다!", "결과는 내일 나온다."],
        ),
        (
            "회의가 끝났다。 다음 일정은 미정이다？ 모두 돌아갔다！ 끝이다．",
            ["회의가 끝났다。", "다음 일정은 미정이다？", "모두 돌아갔다！", "끝이다．"],
        ),
        (
            "시장은 오전에 현장을 찾았다.\n주민들은 대책을 요구했다.",
            ["시장은 오전에 현장을 찾았다.", "주민들은 대책을 요구했다."],
        ),
    ],
)
def test_korean_sentences_end_at_final_punctuation(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "그는 “협상은 끝났다.” 그러나 일부 의원은 반발했다.",
            ["그는 “협상은 끝났다.”", "그러나 일부 의원은 반발했다."],
        ),
        (
            "대변인은 ‘검토 중이다.’ 이후 추가 설명은 없었다.",
            ["대변인은 ‘검토 중이다.’", "이후 추가 설명은 없었다."],
        ),
        (
            "예산안이 통과됐다(찬성 180표). 야당은 퇴장했다.",
            ["예산안이 통과됐다(찬성 180표).", "야당은 퇴장했다."],
        ),
    ],
)
def test_closing_quotes_and_brackets_stay_with_their_sentence(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "“내일 다시 만나자.”라고 그는 말했다.",
        "“정말 괜찮은가?”고 기자가 물었다.",
        "“우리가 이겼다!”는 외침이 광장에 울렸다.",
        "“이번이 마지막이다.”며 자리를 떴다.",
        "그는 “모든 준비가 끝났다.” 고 말했다.",
        "그는 “계획대로 간다.” 라며 웃었다.",
        '그는 "다 끝났다."라고 짧게 답했다.',
    ],
)
def test_a_quote_followed_by_a_quotative_is_one_sentence(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "회의는 오후에 끝났다.그러나 결론은 나오지 않았다.",
            ["회의는 오후에 끝났다.", "그러나 결론은 나오지 않았다."],
        ),
        (
            "지원을 늘리겠습니까?정부는 답하지 않았다.",
            ["지원을 늘리겠습니까?", "정부는 답하지 않았다."],
        ),
        (
            "결정이 너무 늦었어요.“왜 그랬나”라는 질문이 이어졌다.",
            ["결정이 너무 늦었어요.", "“왜 그랬나”라는 질문이 이어졌다."],
        ),
    ],
)
def test_a_missing_space_after_a_korean_sentence_ending_still_splits(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "수출은 전년보다 3.5배 늘었다.",
        "서울.부산 노선이 다시 열렸다.",
        "버전 2.0.1은 다음 달 나온다.",
        "조지 W. 부시 전 대통령이 연설했다.",
        "그게… 잘 모르겠다고 했다.",
        "자세한 내용은 [공지. 안내](https://example.kr/다.가) 참고.",
    ],
)
def test_korean_text_that_only_looks_like_a_boundary_stays_whole(text: str) -> None:
    assert sentences(text) == [text]


def test_a_korean_ellipsis_after_a_sentence_ending_splits() -> None:
    text = "그렇게 모든 것이 끝났다... 그리고 아무도 말하지 않았다."
    assert sentences(text) == ["그렇게 모든 것이 끝났다...", "그리고 아무도 말하지 않았다."]


# --- English ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The storm reached the coast overnight. Thousands lost power.",
            ["The storm reached the coast overnight.", "Thousands lost power."],
        ),
        (
            "Why now? Nobody knows! The vote is Friday.",
            ["Why now?", "Nobody knows!", "The vote is Friday."],
        ),
        ("Sales fell. 2023 was a hard year.", ["Sales fell.", "2023 was a hard year."]),
        ('He left early. "I am done," he said.', ["He left early.", '"I am done," he said.']),
        ('"I am done." He left early.', ['"I am done."', "He left early."]),
        ("Prices rose. 서울 시민들은 불만이다.", ["Prices rose.", "서울 시민들은 불만이다."]),
        (
            "The deal collapsed (again). Talks resume Monday.",
            ["The deal collapsed (again).", "Talks resume Monday."],
        ),
        ("So did I. The next day we left.", ["So did I.", "The next day we left."]),
        (
            "It is settled. 3. Arginine comes next.",
            ["It is settled.", "3. Arginine comes next."],
        ),
    ],
)
def test_english_sentences_end_before_a_capital_digit_quote_or_hangul(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Park met Dr. Lee and Prof. Kim on Monday.",
        "Mrs. Cho and Ms. Han joined Lt. Col. Smith.",
        "Sen. Moore asked Gov. Harris and Rep. Ortiz to testify.",
        "Gen. Reyes spoke at St. Mary's Hospital.",
        "Martin Luther King Jr. Day falls on a Monday.",
        "The case of Smith vs. Jones was dismissed.",
        "Some cities, e.g. Busan, were spared.",
        "The capital, i.e. Seoul, was hit hardest.",
        "The vote is set for Jan. 15 in the capital.",
        "Hearings resume Sept. 3 and end Dec. 20.",
        "The No. 2 official resigned after No. 3 did.",
        "U.S. officials declined to comment.",
        "He met U.K. Prime Minister Jones and U.N. envoys.",
        "The flight left at 9 a.m. Monday and landed at 5 p.m. local time.",
        "John F. Kennedy was elected in 1960.",
        "Acme Corp. Chief Executive Jane Doe resigned.",
        "Hanwha Co. Ltd. said profits rose.",
        "Apples, pears, etc. are on sale.",
        "He said no. but the talks went on.",
    ],
)
def test_english_abbreviations_and_initials_do_not_end_sentences(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "He sold his shares in Acme Inc. The stock fell.",
            ["He sold his shares in Acme Inc.", "The stock fell."],
        ),
        (
            "Exports to the U.S. rose. They fell in the U.K. The euro slid.",
            ["Exports to the U.S. rose.", "They fell in the U.K.", "The euro slid."],
        ),
        (
            "The flight left at 9 a.m. It landed at noon.",
            ["The flight left at 9 a.m.", "It landed at noon."],
        ),
        (
            "They sold apples, pears, etc. The market closed early.",
            ["They sold apples, pears, etc.", "The market closed early."],
        ),
        (
            "He spoke of the U.S. \u201cWe are ready,\u201d he said.",
            ["He spoke of the U.S.", "\u201cWe are ready,\u201d he said."],
        ),
    ],
)
def test_an_abbreviation_ends_a_sentence_when_a_new_one_clearly_begins(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He paused... and then smiled.", ["He paused... and then smiled."]),
        ("Wait \u2026 what happened?", ["Wait \u2026 what happened?"]),
        ("It was over... The crowd went home.", ["It was over...", "The crowd went home."]),
    ],
)
def test_an_ellipsis_ends_a_sentence_only_before_a_new_one(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


# --- Numbers, addresses and inline Markdown -----------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Growth hit 3.5 percent, up from 1,000.5 units in version 2.0.1 of the report.",
        "Details are at https://example.com/v1.2/B.html?q=1.5 for now.",
        "자료는 https://ko.example.org/wiki/끝났다.그러나 문서에 있다.",
        "문의는 끝났다.그러나@example.kr 로 보낸다.",
        "Questions go to press.desk@example.co.kr. for now.",
        "[Read the report. It is long.](https://example.com/r.html) Then comment.",
        '[The outlook. Revised](https://example.com/o "Outlook. Final") is out.',
        "Run `make test. Then deploy` before lunch.",
        "Run ``a `b. C` d`` before lunch.",
        'Click <a title="Done. Next">here</a> to continue.',
        "See ![The chart. Source](img/chart.png) below.",
    ],
)
def test_numbers_addresses_and_inline_markup_are_never_cut(text: str) -> None:
    assert sentences(text) == [text]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Read it at https://example.com/news/2024. Then reply.",
            ["Read it at https://example.com/news/2024.", "Then reply."],
        ),
        (
            "Write to desk@example.co.kr. We answer daily.",
            ["Write to desk@example.co.kr.", "We answer daily."],
        ),
        (
            "See [the full report](https://example.com/r.html). It is long.",
            ["See [the full report](https://example.com/r.html).", "It is long."],
        ),
        (
            "**The deal is done.** Both sides signed.",
            ["**The deal is done.**", "Both sides signed."],
        ),
        (
            "Prices rose. [Details](https://example.com) follow.",
            ["Prices rose.", "[Details](https://example.com) follow."],
        ),
        (
            "Python 3.11 is out. `pip` works with it.",
            ["Python 3.11 is out.", "`pip` works with it."],
        ),
    ],
)
def test_sentences_around_addresses_and_markup_split_normally(
    text: str, expected: list[str]
) -> None:
    assert sentences(text) == expected


# --- Offsets ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("   \n ", []),
        ("  첫 문장이다.  둘째다.\n", [(2, 9), (11, 15)]),
        ("One.  Two.", [(0, 4), (6, 10)]),
    ],
)
def test_spans_are_offsets_without_surrounding_whitespace(
    text: str, expected: list[tuple[int, int]]
) -> None:
    assert split_sentences(text) == expected


def test_rebuilding_from_spans_keeps_the_spacing_between_sentences() -> None:
    text = "첫 문장이다.  둘째 문장이다.\n셋째 문장이다."
    translations = iter(["First.", "Second.", "Third."])
    out, cursor = [], 0
    for start, end in split_sentences(text):
        out.append(text[cursor:start])
        out.append(next(translations))
        cursor = end
    out.append(text[cursor:])
    assert "".join(out) == "First.  Second.\nThird."


_PIECES = st.sampled_from(
    [
        "다", "했다", "그는", "말했다", "Mr", "U.S", "The", "the", "I", "3", "3.5", "A",
        ".", "?", "!", "…", "...", "。", "．", "”", "“", '"', "'", "’", ")", "(", "]", "[",
        "](https://x.y/a. B)", "`", "`a. B`", "<b>", "@", "x@y.z", "https://a.b/c.d",
        "라고", "고", "**", "_", " ", " ", " ", "\n", "\t", "\u3000", "e.g", "Jan", "1",
    ]
)


def _check_partition(text: str, spans: list[tuple[int, int]]) -> None:
    cursor = 0
    for start, end in spans:
        assert cursor <= start < end <= len(text)
        assert text[cursor:start].strip() == ""  # gaps are whitespace only
        piece = text[start:end]
        assert piece == piece.strip() and piece
        cursor = end
    assert text[cursor:].strip() == ""


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_spans_partition_any_text_into_stripped_ordered_sentences(text: str) -> None:
    _check_partition(text, split_sentences(text))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=80))
def test_spans_partition_arbitrary_unicode(text: str) -> None:
    _check_partition(text, split_sentences(text))
