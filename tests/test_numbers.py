"""Reading figures and dates in Korean and English, so translations can be compared."""

from __future__ import annotations

from decimal import Decimal

import pytest

from l10n.text import numbers


def firm_values(text: str) -> list[Decimal]:
    return [q.value for q in numbers.read(text).quantities if q.firm]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1억1천만 달러", "110000000"),
        ("$110 million", "110000000"),
        ("3만 명", "30000"),
        ("30,000 people", "30000"),
        ("12조3천억 번", "12300000000000"),
        ("12.3 trillion times", "12300000000000"),
        ("1천 개", "1000"),
        ("1,000 units", "1000"),
        ("1조 2천억 원", "1200000000000"),
        ("1.2 trillion won", "1200000000000"),
        ("$1.2 billion", "1200000000"),
        ("12억 달러", "1200000000"),
        ("27만5000명", "275000"),
        ("3천500만 명", "35000000"),
        ("4.5%", "4.5"),
        ("4.5 percent", "4.5"),
    ],
)
def test_a_figure_reads_as_its_value_in_either_language(text: str, value: str) -> None:
    assert firm_values(text) == [Decimal(value)]


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        ("정부는 1억1천만 달러를 투입했다.", "The government spent $110 million."),
        ("초당 12조3천억 번의 계산", "12.3 trillion calculations a second"),
        ("주민 3만 명이 대피했다.", "Some 30,000 residents were evacuated."),
        ("크레인 3대를 들였다.", "It brought in three cranes."),  # spelled out
        ("1년 동안 독점했다.", "It kept it to itself for a year."),  # 1 as "a"
        ("1위에 올랐다.", "It ranked first."),  # ordinal
        ("지난 2일 발표했다.", "It announced on Monday."),  # day of the month
        ("여성 2명을 모두 석방했다.", "Both women were released."),
        ("축제는 열흘 일정으로 열린다.", "The 10-day festival opens."),  # native day count
        ("수출이 석 달 연속 늘었다.", "Exports rose for 3 straight months."),
    ],
)
def test_a_faithful_translation_states_the_same_figures(korean: str, english: str) -> None:
    assert not numbers.compare(numbers.read(korean), numbers.read(english))
    assert not numbers.compare(numbers.read(english), numbers.read(korean))


@pytest.mark.parametrize(
    ("korean", "english", "missing", "added"),
    [
        ("정부는 1억1천만 달러를 투입했다.", "The government spent $11 million.", ("1억1천만",), ("11 million",)),
        ("어선 50만여 척이 대피했다.", "More than 50,000 boats returned.", ("50만",), ("50,000",)),
        ("수당이 4.5% 오른다.", "Pay rises by 5.4 percent.", ("4.5",), ("5.4",)),
        ("축제는 열흘 일정으로 열린다.", "The 12-day festival opens.", (), ("12",)),
    ],
)
def test_a_changed_figure_is_reported_on_both_sides(korean: str, english: str, missing: tuple, added: tuple) -> None:
    difference = numbers.compare(numbers.read(korean), numbers.read(english))
    assert difference.missing == missing
    assert difference.added == added


@pytest.mark.parametrize(
    "text",
    ["2026년 11월 28일", "Nov. 28, 2026", "November 28, 2026", "28 November 2026", "2026-11-28", "2026.11.28"],
)
def test_every_date_spelling_reads_as_the_same_date(text: str) -> None:
    reading = numbers.read(text)
    assert [(d.year, d.month, d.day) for d in reading.dates] == [(2026, 11, 28)]
    assert reading.quantities == ()  # the figures of a date are not numbers


@pytest.mark.parametrize(
    ("korean", "english", "agree"),
    [
        ("2026년 11월 28일 개장했다.", "It opened on Nov. 28, 2026.", True),
        ("11월 28일 개장했다.", "It opened on November 28.", True),
        ("2026년 11월 28일 개장했다.", "It opened on Nov. 28.", True),  # year left out
        ("지난 5월 결정했다.", "It decided in May.", True),
        ("2026년 11월 28일 개장했다.", "It opened on Nov. 29, 2026.", False),
        ("11월 28일 개장했다.", "It opened on Oct. 28.", False),
        ("9월 19일 재개된다.", "The talks reopen today.", False),
    ],
)
def test_dates_agree_when_the_month_and_every_stated_part_match(korean: str, english: str, agree: bool) -> None:
    missing, extra = numbers.date_conflicts(numbers.read(korean), numbers.read(english))
    assert (not missing and not extra) is agree


def test_may_the_verb_is_not_a_month() -> None:
    assert numbers.read("Officials may decide later.").dates == ()


def test_figures_in_urls_and_code_are_not_read() -> None:
    assert firm_values("See https://example.org/2026/11 and `v2` for 3 cranes.") == [Decimal(3)]


@pytest.mark.parametrize("text", ["3 thouſand", "3 bıllion"])
def test_look_alike_letters_do_not_make_a_scale_word(text: str) -> None:
    # Unicode case folding matches these to "thousand" and "billion"; they are not.
    assert [quantity.value for quantity in numbers.read(text).quantities] == [Decimal(3)]
