"""Reading figures and dates in Korean and English, so translations can be compared."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.text import numbers
from l10n.text.scripts import HANGUL


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


def differs(korean: str, english: str) -> numbers.Difference:
    return numbers.compare(numbers.read(korean), numbers.read(english))


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        ("구단은 5070만 달러를 지불했다.", "The club paid $50.7m for the striker."),
        ("정부는 12억 달러를 지원한다.", "The government will provide $1.2bn."),
        ("시는 대형 개발 사업을 발표했다.", "The city announced a billion-dollar project."),  # an adjective
        ("공장이 30년 만에 문을 닫았다.", "The plant closed after three decades."),
        ("경찰 36명이 투입됐다.", "Three dozen police officers were sent in."),
        ("그는 200경기에 출전했다.", "He has played 200 games."),  # 경 inside a noun is not 10^16
        ("박람회는 9일부터 열린다.", "The fair opens on Friday."),  # a day of the month
        ("그는 100m를 13초04에 달렸다.", "He ran the 100 meters in 13.04 seconds."),
        ("교황 베네딕토 16세가 방문했다.", "Pope Benedict XVI visited."),
        ("차세대 휴대폰 판매가 늘었다.", "Sales of 3G phones rose."),  # a name, not three
        ("신형 전투기가 추락했다.", "A new F-35 fighter crashed."),
        ("주요 20개국(G20) 회의가 열렸다.", "The G20 meeting opened."),
        # Written twice in one language, once in the other.
        ("2030년 목표는 그대로다. 정부는 2030년까지 달성하겠다고 했다.", "The government said it would meet the 2030 goal."),
        ("행사는 오후 3시 30분에 시작한다.", "The event starts at 3:30 p.m."),
        ("행사는 오전 7시 15분에 시작한다.", "The event starts at 0715."),
    ],
)
def test_figures_written_differently_in_each_language_agree(korean: str, english: str) -> None:
    assert not differs(korean, english)
    assert not differs(english, korean)


@pytest.mark.parametrize(
    ("korean", "english", "missing", "added"),
    [
        ("그는 100m를 13초04에 달렸다.", "He ran the 100 meters in 13.40 seconds.", ("13초04",), ("13.40",)),
        ("F-16 전투기가 추락했다.", "An F-15 fighter crashed.", ("F-16",), ("F-15",)),
        # The repeated figure has a partner the other side changed.
        ("4년 전부터 4개 나라가 참여했다.", "Four countries joined three years ago.", ("4",), ()),
        ("제5차 회담이 열렸다.", "The fourth round of talks was held.", ("5차",), ()),
        ("물은 10일 만에 빠졌다.", "The water receded nine days later.", ("10",), ()),
        ("행사는 오전 9시에 시작한다.", "The event starts at 10 a.m.", ("9시",), ("10 a.m.",)),
        ("태풍은 시속 120km로 북상했다.", "The typhoon moved north at 95 mph.", ("120",), ("95",)),
        ("다리 길이는 3m다.", "The bridge is 13 feet long.", ("3",), ("13",)),
    ],
)
def test_a_changed_figure_written_another_way_is_still_caught(korean: str, english: str, missing: tuple, added: tuple) -> None:
    difference = differs(korean, english)
    assert (difference.missing, difference.added) == (missing, added)


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        ("태풍은 시속 120km로 북상했다.", "The typhoon moved north at 75 mph."),
        ("정상은 해발 2956m다.", "The summit stands at 9,700 feet."),
        ("기온이 섭씨 35도까지 올랐다.", "Temperatures reached 95 degrees Fahrenheit."),
        ("비가 900mm 내렸다.", "Up to 36 inches (900 mm) of rain fell."),
        ("시는 500억원(약 4천만 달러)을 투입한다.", "The city will spend 50 billion won."),
        ("시는 500억원을 투입한다.", "The city will spend 50 billion won ($40 million)."),
        ("올해 수출이 늘었다.", "Exports rose in 2026."),
    ],
)
def test_a_conversion_the_translator_made_is_explained_not_missing(korean: str, english: str) -> None:
    difference = differs(korean, english)
    assert not difference
    assert difference.explained


@pytest.mark.parametrize(
    ("korean", "english", "agree"),
    [
        ("시장은 19일 개막했다.", "The market opened on June 26.", False),
        ("시장은 19일 개막했다.", "The market opened on June 19.", True),
        ("시장은 19일 개막했다.", "The market opened on Thursday.", True),
        ("9월물 가격은 지난달 4일 이후 최저다.", "The September contract is at its lowest since June 4.", True),
    ],
)
def test_a_bare_day_is_held_against_the_dates_of_the_other_side(korean: str, english: str, agree: bool) -> None:
    missing, extra = numbers.date_conflicts(numbers.read(korean), numbers.read(english))
    assert (not missing and not extra) is agree


def test_a_round_converted_figure_does_not_cover_a_changed_one() -> None:
    # 10 feet is 3 m; 4 m would be 13 feet, not "10" rounded to the tens.
    assert differs("곰은 키가 4m다.", "The bear stands 10 feet (three meters) tall.").missing == ("4",)


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        ("개막을 하루 앞두고 도착했다.", "They arrived 24 hours before the opening."),
        ("시는 1200㎡ 규모의 광장을 만든다.", "The city is building a 12,900-square-foot plaza."),
        ("9/11 테러 추모식이 열렸다.", "A memorial for the September 11 attacks was held."),
        ("6.15 공동선언 기념식이 열렸다.", "A ceremony marked the June 15 declaration."),
        ("그는 3할1푼2리를 기록했다.", "He is batting .312."),
        ("헌법 9조 개정이 논의됐다.", "A revision of Article Nine was discussed."),
        ("2, 3년 전만 해도 드물었다.", "A couple of years ago it was rare."),
    ],
)
def test_durations_areas_event_dates_averages_and_estimates_agree(korean: str, english: str) -> None:
    assert not differs(korean, english)
    missing, extra = numbers.date_conflicts(numbers.read(korean), numbers.read(english))
    assert not missing and not extra


def test_a_changed_batting_average_is_caught() -> None:
    assert differs("그는 3할1푼2리를 기록했다.", "He is batting .321.") == numbers.Difference(("3할1푼2리",), (".321",))


# --- newsroom conventions: the same figure written the way each language writes it ----


def agree_both_ways(korean: str, english: str) -> bool:
    source, target = numbers.read(korean), numbers.read(english)
    figures = not numbers.compare(source, target) and not numbers.compare(target, source)
    dates = numbers.date_conflicts(source, target) == ((), ()) == numbers.date_conflicts(target, source)
    return figures and dates


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        # A football clock runs on through the second half: 후반 12분 is 45 + 12.
        ("김도윤은 후반 12분 동점골을 넣었다.", "Kim Do-yoon equalised in the 57th minute."),
        ("전반 9분 선제골이 나왔다.", "The opener came in the 9th minute."),
        ("김도윤은 후반 12분 동점골을 넣었다.", "He equalised 12 minutes into the second half."),
        # Race times: minutes, seconds and hundredths, written 2:03.15 in English.
        ("그는 800m에서 2분03초15로 우승했다.", "He won the 800m in 2:03.15."),
        ("그는 100m를 10초0에 달렸다.", "He ran the 100m in 10.0 seconds."),  # hand timing, in tenths
        # Metric prefixes scale the figure: 1억 화소 is 100 megapixels.
        ("새 휴대폰은 1억 화소 카메라를 달았다.", "The new phone has a 100-megapixel camera."),
        ("발전소 용량은 3만kW다.", "The plant has a capacity of 30 megawatts."),
        ("저장 용량은 256기가다.", "It stores 256GB."),
        # Words that mean a number.
        ("그는 영화에서 쌍둥이 형제 1인 2역을 소화했다.", "He plays a dual role as twin brothers in the film."),
        ("그녀는 4강에 올랐다.", "She reached the semifinals."),
        ("대표팀은 8강에서 탈락했다.", "The national team went out in the quarter-finals."),
        # One span in two units, or a half.
        ("회의는 3시간 30분 동안 이어졌다.", "The meeting lasted three and a half hours."),
        ("회의는 1시간 30분 동안 이어졌다.", "The meeting lasted 90 minutes."),
        ("그는 징역 1년 6개월을 선고받았다.", "He was sentenced to 18 months in prison."),
        ("그는 징역 1년 6개월을 선고받았다.", "He was sentenced to a year and a half in prison."),
        ("그는 징역 3년 6개월을 선고받았다.", "He was sentenced to three and a half years in prison."),
        ("공사는 2년 반 걸렸다.", "Construction took 2.5 years."),
        ("그는 징역 5년 6개월을 선고받았다.", "He was sentenced to 5 1/2 years in prison."),
        ("비행은 2시간 30분 걸린다.", "The flight takes 2½ hours."),
        ("약 25만 명이 몰렸다.", "About a quarter of a million people turned out."),
        ("약 50만 명이 몰렸다.", "Some half a million people turned out."),
        # Ranges name both ends.
        ("올해 3~8월 수출이 늘었다.", "Exports rose from March through August this year."),
        ("올해 1~3월 매출이 늘었다.", "First-quarter sales rose this year."),  # a calendar quarter
        ("올해 4~6월 매출이 늘었다.", "Sales rose in Q2."),
        ("축제는 5월 2~3일 열린다.", "The festival runs May 2-3."),
        ("축제는 8월 2일부터 15일간 열린다.", "The festival runs August 2-15."),
        # A day of the month without its month, in each language.
        ("결승전은 오는 21일 열린다.", "The final will be played on the 21st."),
        ("새 규정은 다음 달 1일부터 적용된다.", "The rule applies from the 1st of next month."),
        ("정상회의는 27일 본회의로 끝난다.", "The summit ends with a plenary on the 27th."),
        # Scores, each language in its order.
        ("우리 팀은 3대2로 이겼다.", "Our team won 3-2."),
        ("우리 팀은 2-3으로 졌다.", "Our team lost 3-2."),
        ("공사 기간은 3~4일이다.", "Work takes 3-4 days."),  # a range, not a score
        ("개관 200일을 맞았다.", "The museum marked its 200th day."),
        ("계약액은 20억 달러(약 2조7천억 원)다.", "The deal is worth $2 billion (about 2.7 trillion won)."),
        ("입장료는 10유로(약 1만5천원)다.", "Admission is 10 euros ($11)."),  # each glosses in its readers' money
        ("판매량은 2022년 300대, 2023년 450대, 지난해 600대였다.", "Sales went from 300 in 2022 to 450 in 2023 and 600 last year."),
        ("올해 매출은 2026년 목표를 넘었다.", "Sales this year beat the target."),  # the year given as "this year"
        ("GPT-5 수준의 모델이다.", "It is a GPT-5-level model."),
        # What a translation may leave unsaid without changing a figure.
        ("1~6월 적자가 늘었다.", "The deficit grew in the six months to June."),
        ("그는 3일 회담한 뒤 5일 귀국한다.", "He holds talks on the 3rd and returns on Friday."),
        ("매장은 365일 문을 연다.", "The shop is open all year round."),
        ("그는 대회 2연패를 달성했다.", "He won back-to-back titles."),
    ],
)
def test_a_figure_each_language_writes_its_own_way_agrees(korean: str, english: str) -> None:
    assert agree_both_ways(korean, english)


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        ("김도윤은 후반 12분 동점골을 넣었다.", "Kim Do-yoon equalised in the 58th minute."),
        ("그는 800m에서 2분03초15로 우승했다.", "He won the 800m in 2:03.51."),
        ("새 휴대폰은 1억 화소 카메라를 달았다.", "The new phone has a 108-megapixel camera."),
        ("그녀는 8강에 올랐다.", "She reached the semifinals."),
        ("회의는 3시간 20분 동안 이어졌다.", "The meeting lasted three and a half hours."),
        ("그는 징역 1년 8개월을 선고받았다.", "He was sentenced to 18 months in prison."),
        ("약 30만 명이 몰렸다.", "Some half a million people turned out."),
        ("올해 4~8월 수출이 늘었다.", "Exports rose from March through August this year."),
        ("올해 1~3월 매출이 늘었다.", "Second-quarter sales rose this year."),
        ("그는 징역 5년 6개월을 선고받았다.", "He was sentenced to 4 1/2 years in prison."),
        ("축제는 5월 2~3일 열린다.", "The festival runs May 2-4."),
        ("결승전은 오는 21일 열린다.", "The final will be played on the 22nd."),
        ("우리 팀은 3대2로 이겼다.", "Our team won 3-1."),
        ("개관 201일을 맞았다.", "The museum marked its 200th day."),
        ("계약액은 20억 달러(약 2조7천억 원)다.", "The deal is worth $2 billion (about 2.6 trillion won)."),
        ("판매량은 2022년 300대, 2023년 450대, 지난해 600대였다.", "Sales went from 300 in 2022 to 450 in 2024 and 600 last year."),
        ("GPT-5 수준의 모델이다.", "It is a GPT-6-level model."),
    ],
)
def test_a_changed_figure_in_a_newsroom_form_is_caught(korean: str, english: str) -> None:
    assert not agree_both_ways(korean, english)


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        # Rate moves: a quarter or half a percentage point, basis points (1/100 of one).
        ("중앙은행은 기준금리를 0.25%포인트 올렸다.", "The central bank raised its key rate by a quarter percentage point."),
        ("시중금리가 75bp 뛰었다.", "Market rates jumped three quarters of a percentage point."),
        ("예금금리를 0.5%포인트 낮췄다.", "Deposit rates were cut by 50 basis points."),
        # A decade, a century, half of one, without a count.
        ("지난 10년간 인구가 줄었다.", "The population has shrunk over the last decade."),
        ("이 시장이 문을 다시 연 것은 50년 만이다.", "The market reopens for the first time in half a century."),
        ("이 전통은 한 세기 넘게 이어졌다. 100년 전 시작됐다.", "The tradition began a century ago and has lasted over the past century."),
        # A height in Korean sport notation; a season's second year abbreviated.
        ("그녀는 1m98을 넘었다.", "She cleared 1.98 meters."),
        ("그는 2022-2023 시즌 주장을 맡았다.", "He captained the side in the 2022-23 season."),
        # A straight-sets win is the score; 풀타임 is the full 90 minutes.
        ("그는 결승에서 3-0으로 이겼다.", "He won the final in straight sets."),
        ("수비수는 풀타임을 뛰었다.", "The defender played all 90 minutes."),
        # An approximate count given in dozens.
        ("주민 10여 명이 항의했다.", "About a dozen residents protested."),
        ("시위대 30여 명이 모였다.", "Some three dozen protesters gathered."),
        # A temperature converted to Fahrenheit with the Celsius kept in brackets.
        ("낮 기온이 섭씨 35도까지 올랐다.", "Daytime temperatures hit 95 F (35 C)."),
        # A clock time the translator adds in another time zone.
        ("경기는 한국시간 내일 오전 9시 시작된다.", "The game starts at 8 p.m. Eastern Time, or 9 a.m. tomorrow Korea time."),
        # Lanes are a count, and the first day of a range is a day.
        ("도로는 왕복 6차로로 넓어진다.", "The road will be widened to six lanes."),
        ("전시는 12~14일 열린다.", "The show runs from the 12th to the 14th."),
        # A medal table: a count and a rank of the same value, and a spelled "one".
        ("대표팀은 금메달 6개, 은메달 4개로 5위에 올랐다.", "The team came fifth with six golds and four silvers."),
        ("그는 징역 1년에 집행유예 3년을 선고받았다.", "He got a one-year prison term, suspended for three years."),
        ("그 노래는 차트 1위를 2주 연속 지켰다.", "The song stayed atop the chart for a second straight week."),
    ],
)
def test_a_newsroom_convention_for_rates_spans_and_counts_agrees(korean: str, english: str) -> None:
    assert agree_both_ways(korean, english)


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        ("중앙은행은 기준금리를 0.5%포인트 올렸다.", "The central bank raised its key rate by a quarter percentage point."),
        ("예금금리를 0.25%포인트 낮췄다.", "Deposit rates were cut by 50 basis points."),
        ("지난 20년간 인구가 줄었다.", "The population has shrunk over the last decade."),
        ("이 시장이 문을 다시 연 것은 40년 만이다.", "The market reopens for the first time in half a century."),
        ("그녀는 1m98을 넘었다.", "She cleared 1.96 meters."),
        ("그는 2022-2023 시즌 주장을 맡았다.", "He captained the side in the 2021-22 season."),
        ("그는 결승에서 3-1로 이겼다.", "He won the final in straight sets."),
        ("주민 10여 명이 항의했다.", "About two dozen residents protested."),
        ("낮 기온이 섭씨 35도까지 올랐다.", "Daytime temperatures hit 98 F (37 C)."),
        ("경기는 한국시간 내일 오전 9시 시작된다.", "The game starts at 8 p.m. Eastern Time, or 10 a.m. tomorrow Korea time."),
        ("도로는 왕복 6차로로 넓어진다.", "The road will be widened to four lanes."),
        ("전시는 12~14일 열린다.", "The show runs from the 13th to the 14th."),
        ("그는 6-3 6-4로 이겼다.", "He won 6-3, 6-3."),  # a set score repeated is counted
        # The rank's "fifth" is no partner for a count of 5; "one" is a figure of its own.
        ("대표팀은 금메달 6개, 은메달 5개로 5위에 올랐다.", "The team came fifth with six golds and four silvers."),
        ("그는 징역 3년에 집행유예 3년을 선고받았다.", "He got a one-year prison term, suspended for three years."),
        ("그 노래는 차트 3위를 2주 연속 지켰다.", "The song stayed atop the chart for a second straight week."),
    ],
)
def test_a_changed_figure_in_a_rate_span_or_count_convention_is_caught(korean: str, english: str) -> None:
    assert not agree_both_ways(korean, english)


def test_an_ordinal_that_numbers_a_noun_is_no_day() -> None:
    assert numbers.read("The office is on the 3rd floor.").days == ()
    assert [d.text for d in numbers.read("The office opens on the 3rd.").days] == ["the 3rd"]


@pytest.mark.parametrize(
    ("text", "value"),
    [("The plant makes 50MW.", "50"), ("The club paid $100M.", "100000000"), ("주식 1천주를 샀다.", "1000")],
)
def test_an_amount_with_a_unit_of_capitals_is_not_a_model_name(text: str, value: str) -> None:
    assert firm_values(text) == [Decimal(value)]


# --- reading a text without digits takes a shortcut; it must read the same ------------

# Pieces that the patterns read() skips for a digit-free text come close to
# matching: month names, spelled and native numbers, Roman numerals, times and
# units in words, full-width and other Unicode digits (which \d also matches),
# letters that fold to ASCII ones under IGNORECASE (ſ, K, İ, ı), Hangul jamo.
_NEAR_FIGURES = [
    "in May", "last May", "November", "May, 2026", "Nov. ", "three decades", "a dozen", "twice", "World War II",
    "Benedict XVI", "두 명", "열흘간", "하루", "올해", "this year", "시", "분", "반", "일", "월", "년", "할", "푼", "초",
    "제", "차", "km", "a.m.", "o'clock", "F-", "G", ".", ",", ":", "/", "·", "-", " ", "１２", "٣", "7", "[^1]",
    "ſecond", "Kİlometer", "Sept. ", "Dec ", "MAY ", "mid-May", "3 March", "April 2026", "ınce", "ﬁrst", "Ⅻ", "ｔｗｏ", "ㄷ", "두",
    "2026-11-28", "2026.11.28", "9/11", "6.15 공동선언", "5·18 민주화운동", "F-16", "A380", "3G", "4WD", "13초04", "2할6푼8리",
    ".268", "2, 3년", "7시 15분", "오후 5시 반", "5 p.m.", "7:15am", "0715", "1215 GMT", "1530 hours", "THREE DECADES",
    "two centuries", "ſix", "Sixty-ſeven", "AN", "올해", "last YEAR", "thıs year", "I", "V", "X", "L", "Ⅱ", "0", "1", "2", "5",
    "11월 28일", "2026년 11월", "열 ", "스무 살", "이틀째",
    "1분44초40", "1:44.40", "후반 23분", "연장 전반 3분", "2시간 30분", "2년 6개월", "3년 반", "2-1", "2대1", "3–2",
    "two and a half", "Six-and-a-half", "a year and a half", "half a million", "a quarter of a billion", "HALF A DOZEN",
    "11월 3~4일", "1~9월", "Nov. 3-4", "200-megapixel", "50MW", "5㎿", "64기가", "3 gigawatts", "on the 14th",
    "the 1st of next month", "quarterfinals", "semi-final", "dual", "ſix and a half", "5 1/2", "2½", "3 3/4",
    "2m33", "2024-25", "2024/25", "in straight sets", "STRAIGHT GAMES", "스트레이트", "풀타임", "50bp", "25 basis points",
    "10여 명", "past decade", "half a century", "a quarter percentage point", "104 F (40 C)", "4차로", "3~5일",
    "영하 7도", "minus 7 C (19 F)", "-7C", "5 feet, 3 1/2 inches", "6-foot-1", "8 pounds, 2 ounces",
    "a fifth", "Two-Thirds", "one in five", "nine out of 10", "열에 아홉", "다섯 명 중 한 명", "25%", "30 percent", "노인",
    "teenagers", "천만 명", "백억 원", "midnight", "NOON", "자정", "정오", "goalless", "nil-nil", "제3조", "3조 2항", "만장일치",
    "2 minutes, 5.31 seconds", "28th November 2026", "1st Dec", "Nov. 28, 2026", "Sept. 3", "March 3rd", "4 May",
    "5전3선승제", "3-1(25-20 22-25 25-18 25-23)", "500억 원대", "hundreds of millions",
]  # fmt: skip


def _read_without_shortcut(text: str) -> numbers.Reading:
    names = ("_DIGIT", "_LATIN", "_HANGUL_SYLLABLE", "_MONTH_PREFIX", "_DIGIT_FORMS", "_DIGIT_FORMS_IN_ASCII")
    tests = [getattr(numbers, name) for name in names]
    may_match, without_latin = numbers._MAY_MATCH, numbers._MAY_MATCH_WITHOUT_LATIN
    for name in names:
        setattr(numbers, name, re.compile(""))  # every text passes: the full reading
    numbers._MAY_MATCH = dict.fromkeys(may_match, numbers._anything)  # every pattern runs
    numbers._MAY_MATCH_WITHOUT_LATIN = dict.fromkeys(without_latin, numbers._anything)
    try:
        return numbers.read(text)
    finally:
        for name, test in zip(names, tests, strict=True):
            setattr(numbers, name, test)
        numbers._MAY_MATCH, numbers._MAY_MATCH_WITHOUT_LATIN = may_match, without_latin


@pytest.mark.parametrize(
    "text",
    ["In May the council met", "The vote is in November", "열흘간 두 명이 세 차례", "World War II ended three decades ago", "１２월 ５일", "٣ people", "the ſecond time", "두 명", ""],
)
def test_a_text_reads_the_same_with_or_without_the_digit_shortcut(text: str) -> None:
    assert numbers.read(text) == _read_without_shortcut(text)


@given(st.lists(st.one_of(st.sampled_from(_NEAR_FIGURES), st.text(max_size=3)), max_size=12).map("".join))
@settings(max_examples=300)
def test_any_text_reads_the_same_with_or_without_the_digit_shortcut(text: str) -> None:
    assert numbers.read(text) == _read_without_shortcut(text)


def test_a_letter_that_only_looks_english_reads_as_no_figure() -> None:
    # The long s of old print folds to "s": "ſecond" and "decadeſ" once matched the
    # word patterns and then missed the tables, and `l10n check` stopped on them.
    reading = numbers.read("the ſecond time, three decadeſ ago")
    assert [q.text for q in reading.quantities] == ["three"]


def test_roman_letters_that_make_no_numeral_read_as_no_figure() -> None:
    # "XXL" has the letters of a numeral but is none: it once matched as an empty
    # numeral and `l10n check` stopped on the entry.
    assert [q.text for q in numbers.read("Size XXL, World War IIV, World War II").quantities] == ["II"]


_NEAR_FIGURE_TEXT = st.lists(st.one_of(st.sampled_from(_NEAR_FIGURES), st.text(max_size=3)), max_size=12).map("".join)


@given(_NEAR_FIGURE_TEXT)
@settings(max_examples=500)
def test_no_pattern_read_skips_could_have_matched(text: str) -> None:
    for pattern, hint in numbers._HINTS.items():
        if hint.search(text) is None:
            assert pattern.search(text) is None, (pattern.pattern[:40], text)


def test_every_hinted_pattern_is_tried_on_a_text_it_matches() -> None:
    # The property tests above only bite where a pattern matches: each must match
    # one of the pieces, so that a hint that finds too little cannot go unseen.
    for pattern, hint in numbers._HINTS.items():
        matched = [piece for piece in _NEAR_FIGURES if pattern.search(piece)]
        assert matched, pattern.pattern[:40]
        assert all(hint.search(piece) for piece in matched), pattern.pattern[:40]
        assert all(numbers.read(piece) == _read_without_shortcut(piece) for piece in matched)


@given(_NEAR_FIGURE_TEXT)
@settings(max_examples=500)
def test_a_pattern_read_tries_only_on_one_script_needs_a_letter_of_it(text: str) -> None:
    # read() tries model names and heights (F-16, 2m33) only on a text with a Latin
    # letter, estimates (2, 3년) only on one with a Hangul syllable.
    for pattern in (numbers._IDENTIFIER, numbers._METRES_AND_CENTIMETRES):
        assert pattern.search(text) is None or numbers._LATIN.search(text), (pattern.pattern[:40], text)
    assert numbers._ESTIMATE.search(text) is None or numbers._HANGUL_SYLLABLE.search(text), text


# read() skips the forms it takes before the plain figures in a text where no digit
# has beside it what any of them needs (numbers._BESIDE_A_DIGIT).
_DIGIT_FORM_PIECES = [
    "7 ft", "7foot", "8 lb", "8 pounds", "6-foot-2", "5 AM", "5PM", "10 O'Clock", "10 o'cloc\u212a", "7:15", "0715", "1215 EST",
    "1530 local time", "1:44.40", "3 minutes, 42.50 seconds", "2 - 1", "2-1", "2024/25", "2m33", "5 1/2", ".268", "F16", "x-1",
    "5D", "4W", "13초04", "1분44초40", "후반 23분", "후반23분", "2할6푼", "2, 3년", "2,3 년", "1,000명", "7 시", "7시 반", "2대1",
    "2 대 1", "2시간 30분", "2년 반", "2년 6개월", "3–2", "2½", "٣:15", "１２시",
    # near the forms as the search is written for the scan
    "2 – 1", "2 -1", "2 대1", "2 시간", "2 년 반", "2년3", "7 PM", "7 o'clock", "7pm", "7 a.m.", "반 2", "반  2", "F 1",
    "a--1", ".26", ".2681", "0.268", "1715", "0760", "1715GMT", "1715  EST", "2, 3 년", "2 ,3년", "7 feet", "7\tfoot", "1/2",
]  # fmt: skip
_ASCII_PIECES = [piece for piece in _NEAR_FIGURES + _DIGIT_FORM_PIECES if piece.isascii()]
_DIGIT_FORM_TEXT = st.lists(
    st.one_of(st.sampled_from(_NEAR_FIGURES + _DIGIT_FORM_PIECES), st.text(max_size=3)), max_size=12
).map("".join)
_ASCII_DIGIT_FORM_TEXT = st.lists(
    st.one_of(st.sampled_from(_ASCII_PIECES), st.text(st.characters(max_codepoint=127), max_size=3)), max_size=12
).map("".join)
# The patterns read() tries between the dates and the plain figures.
_DIGIT_FORMS = (
    numbers._IDENTIFIER, numbers._RACE_TIME, numbers._RACE_CLOCK, numbers._RACE_WORDS, numbers._FEET_AND_INCHES,
    numbers._METRES_AND_CENTIMETRES, numbers._SEASON, numbers._MIXED_NUMBER, numbers._MATCH_MINUTE, numbers._AVERAGE,
    numbers._ESTIMATE, *numbers._TIMES, numbers._SCORE, numbers._COMPOUND_SPAN,
)  # fmt: skip


def _found_beside_a_digit(pattern: re.Pattern[str], text: str) -> bool:
    return re.search(rf"\d(?:{numbers._BESIDE_A_DIGIT[pattern]})", text) is not None


def test_every_form_read_before_the_plain_figures_says_what_it_needs_beside_a_digit() -> None:
    assert set(numbers._BESIDE_A_DIGIT) == set(_DIGIT_FORMS)


@given(_DIGIT_FORM_TEXT)
@settings(max_examples=1000)
def test_a_form_read_before_the_plain_figures_has_beside_a_digit_what_it_needs(text: str) -> None:
    for pattern in _DIGIT_FORMS:
        assert pattern.search(text) is None or _found_beside_a_digit(pattern, text), (pattern.pattern[:40], text)
    assert numbers.read(text) == _read_without_shortcut(text)


@given(_ASCII_DIGIT_FORM_TEXT)
@settings(max_examples=500)
def test_an_ascii_text_is_searched_for_those_forms_as_any_text_is(text: str) -> None:
    assert (numbers._DIGIT_FORMS_IN_ASCII.search(text) is None) == (numbers._DIGIT_FORMS.search(text) is None), text
    assert numbers.read(text) == _read_without_shortcut(text)


# The search for those forms as first written: a digit, then any entry.
_PLAIN_DIGIT_FORMS = re.compile(rf"\d(?:{'|'.join(numbers._BESIDE_A_DIGIT.values())})")


@given(_DIGIT_FORM_TEXT)
@settings(max_examples=1000)
def test_the_search_for_those_forms_finds_one_exactly_where_its_plain_form_does(text: str) -> None:
    assert (numbers._DIGIT_FORMS.search(text) is None) == (_PLAIN_DIGIT_FORMS.search(text) is None), text


def test_each_piece_near_those_forms_is_searched_as_the_plain_form_searches_it() -> None:
    for piece in _NEAR_FIGURES + _DIGIT_FORM_PIECES:
        for text in (piece, f"x{piece}y", f"1{piece}", f"{piece}1", f"반{piece}", f"{piece} 시"):
            assert (numbers._DIGIT_FORMS.search(text) is None) == (_PLAIN_DIGIT_FORMS.search(text) is None), text


def test_every_form_read_before_the_plain_figures_is_found_beside_its_digit() -> None:
    # The property tests above bite only where a pattern matches: each must match
    # one of the pieces, so that an entry that finds too little cannot go unseen.
    for pattern in _DIGIT_FORMS:
        matched = [piece for piece in _NEAR_FIGURES + _DIGIT_FORM_PIECES if pattern.search(piece)]
        assert matched, pattern.pattern[:40]
        assert all(_found_beside_a_digit(pattern, piece) for piece in matched), pattern.pattern[:40]
        assert all(numbers.read(piece) == _read_without_shortcut(piece) for piece in matched)


@pytest.mark.parametrize(
    "text",
    [
        "The 3 companies sold 1,200 units in 2024, up 5% from $3.5 million.",
        "삼성전자는 3분기 영업이익이 10조원, 매출이 1,000억 원이라고 밝혔다.",
    ],
)
def test_a_line_without_those_forms_reads_only_its_plain_figures(text: str) -> None:
    assert numbers._DIGIT_FORMS.search(text) is None
    assert numbers.read(text) == _read_without_shortcut(text)


# Pieces without a Latin letter (as _LATIN finds them): Korean lines, which read()
# never lowercases and asks only the Korean words of a few hints of
# (numbers._HINTS_WITHOUT_LATIN).
_WITHOUT_LATIN = [piece for piece in _NEAR_FIGURES if numbers._LATIN.search(piece) is None]
_TEXT_WITHOUT_LATIN = st.lists(
    st.one_of(st.sampled_from(_WITHOUT_LATIN), st.text(max_size=3).filter(lambda t: numbers._LATIN.search(t) is None)), max_size=12
).map("".join)


@given(_TEXT_WITHOUT_LATIN)
@settings(max_examples=500)
def test_a_text_without_latin_letters_reads_the_same_with_only_the_korean_words_looked_for(text: str) -> None:
    for pattern, hint in numbers._HINTS_WITHOUT_LATIN.items():
        if not hint.search(text):
            assert pattern.search(text) is None, (pattern.pattern[:40], text)
    assert numbers.read(text) == _read_without_shortcut(text)


def test_each_pattern_a_korean_text_asks_only_its_korean_words_of_is_tried_where_it_matches() -> None:
    for pattern, hint in numbers._HINTS_WITHOUT_LATIN.items():
        matched = [piece for piece in _WITHOUT_LATIN if pattern.search(piece)]
        assert matched, pattern.pattern[:40]
        assert all(hint.search(piece) for piece in matched), pattern.pattern[:40]
        assert all(numbers.read(piece) == _read_without_shortcut(piece) for piece in matched)


@given(_NEAR_FIGURE_TEXT)
@settings(max_examples=300)
def test_the_first_letter_lookahead_changes_no_number_word_found(text: str) -> None:
    # _SPELLED and _ORDINAL_WORD look at a word's first letter before trying their
    # alternation; without that look they must find the very same words.
    spelled = re.compile(r"\b" + numbers._SPELLED_WORDS, re.VERBOSE | re.IGNORECASE)
    ordinal = re.compile(rf"\b(?a:{'|'.join(numbers._ORDINAL_WORDS)})\b", re.IGNORECASE)
    for fast, full in ((numbers._SPELLED, spelled), (numbers._ORDINAL_WORD, ordinal)):
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in full.finditer(text)]


# Native numerals and day counts as first written, one scan each (see numbers._native_scan).
_PLAIN_NATIVE_WORD = re.compile(rf"(?<![{HANGUL}])(?:{'|'.join(numbers._NATIVE_WORDS_LONGEST_FIRST)})(?=\s)")
_PLAIN_NATIVE_DAY = re.compile(rf"(?<![{HANGUL}])(?:{'|'.join(numbers._NATIVE_DAYS_LONGEST_FIRST)})")
# Pieces near them: each word and day count, glued to Hangul, jamo, digits, Latin
# letters and signs on either side, and the spaces \s takes.
_NEAR_NATIVE = [
    *numbers._NATIVE, *numbers._NATIVE_DAYS, "가", "다", "ㄱ", "\u1100", "\ua960", "\ud7b0", "1", "a", "(", "·", " ", "  ",
    "\t", "\n", "\u3000", "\x1c", "열흘간", "하나의", "스무 살", "열 명 중 아홉", "가두다", "이틀째", "한 번",
]  # fmt: skip


def _same_native_words(text: str) -> None:
    words, days = numbers._native_words_and_days(text)
    assert words == [(m.start(), m.end(), m.group()) for m in _PLAIN_NATIVE_WORD.finditer(text)], text
    assert days == [(m.start(), m.end(), m.group()) for m in _PLAIN_NATIVE_DAY.finditer(text)], text


@given(st.lists(st.one_of(st.sampled_from(_NEAR_NATIVE), st.text(max_size=2)), max_size=12).map("".join))
@settings(max_examples=1000)
def test_the_native_numerals_and_day_counts_are_those_the_plain_scans_find(text: str) -> None:
    _same_native_words(text)


def test_the_native_numerals_and_day_counts_of_the_pieces_are_those_the_plain_scans_find() -> None:
    for piece in _NEAR_NATIVE + _NEAR_FIGURES:
        for text in (piece, f" {piece} ", f"가{piece}", f"{piece}가", f"1{piece}\t"):
            _same_native_words(text)


# --- two texts without a digit or a month name are not read at all ---------------------


@given(_NEAR_FIGURE_TEXT)
@settings(max_examples=500)
def test_a_text_without_digits_or_month_names_states_only_soft_figures(text: str) -> None:
    if numbers.may_state_a_figure(text):
        return
    reading = numbers.read(text)
    assert not [q for q in reading.quantities if q.firm]
    assert (reading.dates, reading.days, reading.identifiers) == ((), (), ())


@given(_NEAR_FIGURE_TEXT, _NEAR_FIGURE_TEXT)
@settings(max_examples=300)
def test_two_texts_without_digits_or_month_names_never_differ_in_figures(source: str, target: str) -> None:
    if numbers.may_state_a_figure(source) or numbers.may_state_a_figure(target):
        return
    first, second = numbers.read(source), numbers.read(target)
    assert numbers.compare(first, second) == numbers.NO_DIFFERENCE
    assert numbers.date_conflicts(first, second) == ((), ())


def _compared_with_words_unread(figures: str, words: str) -> None:
    """Comparing ``figures`` with ``words`` (a text that may state no figure) gives
    the same both ways round when ``words`` stands as NO_READING, wherever the
    reading of ``figures`` asks nothing of it."""
    if not numbers.may_state_a_figure(figures) or numbers.may_state_a_figure(words):
        return
    stated, answer = numbers.read(figures), numbers.read(words)
    if numbers.asks_for_an_answer(stated):
        return
    for first, second, unread in ((stated, answer, (stated, numbers.NO_READING)), (answer, stated, (numbers.NO_READING, stated))):
        assert numbers.compare(*unread) == numbers.compare(first, second)
        assert numbers.date_conflicts(*unread) == numbers.date_conflicts(first, second)


@pytest.mark.parametrize(
    "figures", ["19일 서울에서 만났다.", "1명이 다쳤다.", "G20 정상회의", "Mayor Kim met him.", "COVID-19 확진자", "The Market rose."]
)
@pytest.mark.parametrize(
    "words",
    ["a goalless draw", "the second time, twice", "two and a half hours", "in the first quarter", "nine out of ten", "두 명이 세 차례", "올해", ""],
)
def test_a_text_whose_figures_ask_nothing_leaves_its_partners_words_unread(figures: str, words: str) -> None:
    assert not numbers.asks_for_an_answer(numbers.read(figures))
    _compared_with_words_unread(figures, words)


@given(_NEAR_FIGURE_TEXT, _NEAR_FIGURE_TEXT)
@settings(max_examples=300)
def test_words_a_reading_asks_nothing_of_never_change_a_comparison(figures: str, words: str) -> None:
    _compared_with_words_unread(figures, words)


def test_a_figure_an_ordinal_a_score_or_a_date_asks_for_an_answer() -> None:
    for text in ("3만 명", "제3차 회의", "1-1 무승부", "11월에", "the 3rd round"):
        assert numbers.asks_for_an_answer(numbers.read(text)), text


@given(_NEAR_FIGURE_TEXT | st.text(st.characters(max_codepoint=127)) | st.text())
@settings(max_examples=500)
def test_the_digit_search_finds_a_digit_exactly_where_the_regex_does(text: str) -> None:
    # An ASCII text is asked for 0-9 with `in`; any other goes to \d itself.
    assert (numbers._DIGIT.search(text) is not None) == (re.search(r"\d", text) is not None)


def test_only_a_digit_or_a_month_name_makes_a_text_worth_reading_for_figures() -> None:
    assert not numbers.may_state_a_figure("두 명이 열흘간 세 차례 만났다.")
    assert not numbers.may_state_a_figure("Three people met twice during World War II.")
    assert numbers.may_state_a_figure("제2차 세계대전")
    assert numbers.may_state_a_figure("They met in November.")
    assert numbers.may_state_a_figure("They met on the ３rd.")  # any Unicode digit


# --- conversions the translator adds for American readers -----------------------------


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        # A temperature under zero converts with its sign: -7 C is 19.4 F.
        ("대관령의 기온은 영하 7도까지 내려갔다.", "The temperature in Daegwallyeong fell to minus 7 C (19 F)."),
        ("대관령의 기온은 영하 7도까지 내려갔다.", "It fell to minus 7 degrees Celsius (19.4 F)."),
        ("체감온도는 영하 25도였다.", "It felt like -25C (-13F)."),
        # A length or a weight in two imperial units is one figure.
        ("그녀는 멀리뛰기에서 6m50을 뛰었다.", "She jumped 6.50 meters (21 feet, 4 inches)."),
        ("그녀는 높이뛰기에서 1m96을 넘었다.", "She cleared 1.96 meters (6 feet, 5 1/4 inches)."),
        ("새로 온 가드는 키가 185cm다.", "The new guard is 6-foot-1."),
        ("판다는 3.2kg으로 태어났다.", "The panda weighed 7 pounds, 1 ounce at birth."),
    ],
)
def test_a_conversion_into_imperial_units_or_below_zero_agrees(korean: str, english: str) -> None:
    assert agree_both_ways(korean, english)


@pytest.mark.parametrize(
    ("korean", "english", "added"),
    [
        ("대관령의 기온은 영하 7도까지 내려갔다.", "It fell to minus 7 C (45 F).", "45"),  # +7 C, not -7 C
        ("그녀는 멀리뛰기에서 6m50을 뛰었다.", "She jumped 6.50 meters (23 feet, 4 inches).", "23 feet, 4 inches"),
    ],
)
def test_a_conversion_that_does_not_agree_is_still_flagged(korean: str, english: str, added: str) -> None:
    assert differs(korean, english).added == (added,)


# --- a share in percent, as a fraction or a ratio ------------------------------------


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        ("수출은 25% 가까이 줄었다.", "Exports fell by nearly a quarter."),
        ("응답자의 20% 안팎이 반대했다.", "About a fifth of respondents were opposed."),
        ("주민의 34%가 이주를 원했다.", "A third of residents wanted to move."),
        ("주민의 66%가 이주를 원했다.", "Two-thirds of residents wanted to move."),
        ("학생 열에 아홉은 휴대폰을 가지고 있다.", "Nine out of 10 students own a phone."),
        ("학생의 90%가 휴대폰을 가지고 있다.", "Nine in 10 students own a phone."),
        ("직장인 다섯 명 중 한 명은 이직을 고민한다.", "One in five office workers is thinking of changing jobs."),
        ("이 마을은 노인 비율이 40%를 넘는다.", "More than 40% of the village is 65 or older."),
    ],
)
def test_a_share_agrees_with_the_fraction_or_ratio_it_is_near(korean: str, english: str) -> None:
    assert agree_both_ways(korean, english)


@pytest.mark.parametrize(
    ("korean", "english", "missing"),
    [
        ("수출은 35% 가까이 줄었다.", "Exports fell by nearly a quarter.", ("35",)),
        ("학생의 80%가 휴대폰을 가지고 있다.", "Nine in 10 students own a phone.", ("80",)),
    ],
)
def test_a_share_far_from_the_fraction_is_still_missing(korean: str, english: str, missing: tuple[str, ...]) -> None:
    assert differs(korean, english).missing == missing


def _near_fractions_worked_out(percent: Decimal) -> tuple[Decimal, ...]:
    """numbers._near_fractions as first written: each fraction worked out per figure."""
    import math

    return tuple(
        numbers._share(numerator, denominator)
        for denominator in (2, 3, 4, 5, 10)
        for numerator in range(1, denominator)
        if math.gcd(numerator, denominator) == 1 and abs(percent - Decimal(100 * numerator) / denominator) < 1
    )


@given(st.decimals(min_value=-5, max_value=200, places=3, allow_nan=False) | st.integers(0, 120).map(Decimal))
@settings(max_examples=500)
def test_a_percent_is_near_the_fractions_worked_out_for_it(percent: Decimal) -> None:
    assert numbers._near_fractions(percent) == _near_fractions_worked_out(percent)


@pytest.mark.parametrize("percent", ["9", "9.0001", "10.999", "11", "33", "33.34", "89.5", "90.999", "91"])
def test_a_percent_at_the_edge_of_a_fraction_is_near_it_or_not_as_worked_out(percent: str) -> None:
    assert numbers._near_fractions(Decimal(percent)) == _near_fractions_worked_out(Decimal(percent))


# --- words and forms each language uses for the same figure ---------------------------


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        # 10대 is the teens; 천만 a round 10 million written without a digit.
        ("피해자 중 10대는 30명이었다.", "Thirty of the victims were teenagers."),
        ("이 드라마는 누적 조회수 천만 회를 넘겼다.", "The drama passed 10 million views."),
        ("정부는 백억 원을 투입한다.", "The government is putting in 10 billion won."),
        # 제N조 and N조 N항 number a law's articles, not trillions.
        ("위원회는 제12조 개정을 논의했다.", "The committee discussed amending Article 12."),
        ("시행령 5조 3항이 바뀐다.", "Paragraph 3 of Article 5 of the decree changes."),
        # Midnight is 0시, noon 12시.
        ("새 요금은 1일 0시부터 적용된다.", "The new fares apply from midnight on the 1st."),
        ("집회는 12시에 시작한다.", "The rally starts at noon."),
        ("집회는 정오에 시작한다.", "The rally starts at 12 p.m."),
        # A 0-0 match is goalless, a unanimous ruling 9-0.
        ("두 팀은 0-0으로 비겼다.", "The two teams played to a scoreless draw."),
        ("대법관 13명 만장일치로 판결했다.", "The 13 justices ruled 13-0."),
        # A race time spelled out.
        ("그녀는 2분05초31로 우승했다.", "She won in 2 minutes, 5.31 seconds."),
    ],
)
def test_the_same_figure_in_another_language_s_words_agrees(korean: str, english: str) -> None:
    assert agree_both_ways(korean, english)


@pytest.mark.parametrize(
    ("korean", "english", "added"),
    [
        ("이 드라마는 누적 조회수 천만 회를 넘겼다.", "The drama passed 100 million views.", ("100 million",)),
        ("위원회는 제12조 개정을 논의했다.", "The committee discussed amending Article 13.", ("13",)),
        ("새 요금은 1일 1시부터 적용된다.", "The new fares apply from midnight on the 1st.", ()),
        ("두 팀은 1-0으로 경기를 마쳤다.", "The two teams played to a scoreless draw.", ("scoreless",)),
    ],
)
def test_a_changed_figure_beside_those_words_is_still_caught(korean: str, english: str, added: tuple[str, ...]) -> None:
    difference = differs(korean, english)
    assert difference.added == added
    assert difference  # 1시 is no midnight, 1-0 no scoreless draw


# --- results and amounts stated by their parts or their range ---------------------------


@pytest.mark.parametrize(
    ("korean", "english"),
    [
        # The wins needed follow from the games: 5전3선승제 is best-of-five.
        ("결승은 5전3선승제로 열린다.", "The final is a best-of-five series."),
        # A result in sets is counted by the set scores in brackets after it.
        ("대표팀은 일본을 3-1(25-20 22-25 25-18 25-23)로 이겼다.", "The team beat Japan 25-20, 22-25, 25-18, 25-23."),
        # An amount 대 (in its range) is "tens of" or "hundreds of" its scale.
        ("사업비는 500억 원대로 추산된다.", "The project is estimated to cost tens of billions of won."),
        ("시위대는 수천 명에 이르렀다. 피해는 2억 원대다.", "Thousands protested. Damage ran into the hundreds of millions of won."),
    ],
)
def test_a_result_or_an_amount_stated_by_its_parts_or_its_range_agrees(korean: str, english: str) -> None:
    assert agree_both_ways(korean, english)


@pytest.mark.parametrize(
    ("korean", "english", "missing"),
    [
        ("결승은 5전4선승제로 열린다.", "The final is a best-of-five series.", ("4",)),
        ("대표팀은 일본을 3-0(25-20 22-25 25-18 25-23)로 이겼다.", "The team beat Japan 25-20, 22-25, 25-18, 25-23.", ("3", "0")),
        ("사업비는 5000억 원대로 추산된다.", "The project is estimated to cost tens of billions of won.", ("5000억",)),
    ],
)
def test_parts_or_a_range_that_do_not_add_up_are_still_missing(korean: str, english: str, missing: tuple[str, ...]) -> None:
    assert differs(korean, english).missing == missing


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("시급은 1만 30원이다.", ["10030"]),  # the rest of the amount after a space
        ("신생아는 3만 215명이었다.", ["30215"]),
        ("시급은 1만30원이다.", ["10030"]),
        ("참가자 1만 명 중 30명이 다쳤다.", ["10000", "30"]),  # two figures, each with its counter
        ("2만 3년 만에", ["20000", "3"]),  # a different kind of count
        ("관객은 1만 30대가 많았다.", ["10000", "30"]),  # 30대 may be an age bracket
        ("1만, 30원", ["10000", "30"]),
    ],
)
def test_a_korean_amount_may_have_a_space_after_its_unit(text: str, values: list[str]) -> None:
    assert firm_values(text) == [Decimal(value) for value in values]


def test_a_changed_spaced_amount_is_reported_with_both_figures() -> None:
    assert not numbers.compare(numbers.read("시급은 1만 30원이다."), numbers.read("The hourly wage is 10,030 won."))
    difference = numbers.compare(numbers.read("시급은 1만 30원이다."), numbers.read("The hourly wage is 10,300 won."))
    assert difference.missing == ("1만 30",) and difference.added == ("10,300",)


@pytest.mark.parametrize("text", ["tens of thouſands fled", "talks at mıdday", "TALKS AT MİDDAY", "ended goalleſs", "ended nıl-nil"])
def test_look_alike_letters_make_no_figure_word_and_stop_nothing(text: str) -> None:
    # "tens of thouſands" once matched case-insensitively and then missed the scale
    # table: a KeyError that stopped `l10n check`. Like the scale words, these words
    # are read in any ASCII case only.
    assert numbers.read(text).quantities == ()


# --- the firm figures left over are counted as the Counter form counted them -------------


def _unmatched_with_counters(side: numbers.Reading, other: numbers.Reading) -> list[numbers.Quantity]:
    """numbers._unmatched as first written, with Counters (now plain dicts)."""
    firm = [q for q in side.quantities if q.firm]
    if not firm:
        return []

    def key(q: numbers.Quantity) -> tuple[bool, Decimal]:
        return (q.kind == "time", q.value)

    available = Counter(key(q) for q in other.quantities) + Counter((False, q.value) for q in other.days)
    own_ordinals = Counter(q.value for q in side.quantities if q.kind == "ordinal")
    for q in other.quantities:
        if q.kind == "ordinal" and own_ordinals[q.value] > 0:
            own_ordinals[q.value] -= 1
            available[key(q)] -= 1
    own = {key(q) for q in side.quantities} | {(False, q.value) for q in side.days}
    spare = any(
        key(q) not in own and (q.value != 1 or q.text.lower() == "one") and q.kind not in ("ordinal", "whole")
        for q in other.quantities
    )
    left = []
    for quantity in firm:
        if available[key(quantity)] > 0:
            available[key(quantity)] -= 1
        elif any(available[(False, whole)] > 0 for whole in quantity.wholes):
            continue
        elif key(quantity) not in available or spare:
            left.append(quantity)
    return left


_FIGURE_TEXT = st.lists(st.one_of(st.sampled_from(_NEAR_FIGURES), st.text(max_size=3)), max_size=12).map("".join)


@given(_FIGURE_TEXT, _FIGURE_TEXT)
@settings(max_examples=500)
def test_the_figures_left_over_are_those_the_counter_form_left(source: str, target: str) -> None:
    for side, other in _both_ways_and_itself(source, target):
        assert numbers._unmatched(side, other) == _unmatched_with_counters(side, other)


def _both_ways_and_itself(source: str, target: str) -> list[tuple[numbers.Reading, numbers.Reading]]:
    """The readings of two texts as pairs: each way round, and the first with itself."""
    first, second = numbers.read(source), numbers.read(target)
    return [(first, second), (second, first), (first, first)]


def _compare_in_full(source: numbers.Reading, target: numbers.Reading) -> numbers.Difference:
    """numbers.compare without its shortcut for pairs with nothing left over."""
    source_left = numbers._unmatched(source, target)
    target_left = numbers._unmatched(target, source)
    explained: list[numbers.Explained] = []
    missing = numbers._unexplained(source_left, source, target, target_left, "source", explained)
    added = numbers._unexplained(target_left, target, source, source_left, "translation", explained)
    changed_from, changed_to = numbers._changed_identifiers(source, target)
    scores_from, scores_to = numbers._score_conflicts(source, target), numbers._score_conflicts(target, source)
    missing = [q for q in missing if not any(s.start <= q.start < s.end for s in scores_from) and not numbers._straight_win(q, source, target)]
    added = [q for q in added if not any(s.start <= q.start < s.end for s in scores_to) and not numbers._straight_win(q, target, source)]
    return numbers.Difference(
        missing=tuple(s.text for s in scores_from) + tuple(q.text for q in missing) + numbers._ordinal_conflicts(source, target) + changed_from,
        added=tuple(s.text for s in scores_to) + tuple(q.text for q in added) + numbers._ordinal_conflicts(target, source) + changed_to,
        explained=tuple(explained),
    )


@given(_FIGURE_TEXT, _FIGURE_TEXT)
@settings(max_examples=500)
def test_a_pair_with_nothing_left_over_compares_as_in_full(source: str, target: str) -> None:
    for side, other in _both_ways_and_itself(source, target):
        assert numbers.compare(side, other) == _compare_in_full(side, other)


@given(_FIGURE_TEXT)
@settings(max_examples=500)
def test_a_text_compared_with_itself_leaves_no_figure_over_and_no_date_in_conflict(text: str) -> None:
    # What lets the checks skip reading a translation that is its source copied.
    first, second = numbers.read(text), numbers.read(text)  # read twice, as each side of an entry is
    for side, other in ((first, second), (first, first)):
        difference = numbers.compare(side, other)
        assert (difference.missing, difference.added, difference.explained) == ((), (), ())
        assert numbers.date_conflicts(side, other) == ((), ())


@pytest.mark.parametrize(
    ("source", "target"),
    [("3차 회담", "the second round of talks"), ("8위", "eighth place"), ("3명", "three people"), ("", ""), ("F-16", "F-15")],
)
def test_a_pair_with_nothing_left_over_compares_as_in_full_on_ordinals_and_names(source: str, target: str) -> None:
    first, second = numbers.read(source), numbers.read(target)
    assert numbers.compare(first, second) == _compare_in_full(first, second)


# --- Quantity and Reading are built by a written-out __init__ ---------------------------


@pytest.mark.parametrize("cls", [numbers.Quantity, numbers.Reading])
def test_the_written_out_init_takes_each_field_with_its_default(cls: type) -> None:
    import dataclasses
    import inspect

    parameters = list(inspect.signature(cls.__init__).parameters.values())[1:]
    fields = dataclasses.fields(cls)
    assert [p.name for p in parameters] == [f.name for f in fields]
    assert [p.default for p in parameters] == [inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default for f in fields]


def test_a_quantity_is_still_frozen_and_replaced_field_by_field() -> None:
    import dataclasses

    quantity = numbers.Quantity(Decimal(3), "3만", True, start=0, end=2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        quantity.value = Decimal(4)  # type: ignore[misc]
    assert dataclasses.replace(quantity, wholes=(Decimal(1),)) == numbers.Quantity(Decimal(3), "3만", True, "", 0, 2, "", (Decimal(1),))
    assert repr(numbers.read("3명")).startswith("Reading(quantities=(Quantity(value=Decimal('3'), text='3', firm=True, unit='', start=0,")


def _ordinal_conflicts_of_every_quantity(side: numbers.Reading, other: numbers.Reading) -> tuple[str, ...]:
    """numbers._ordinal_conflicts as first written: every quantity of ``other`` asked."""

    def unstated(ordinal: numbers.Quantity, reading: numbers.Reading) -> bool:
        return ordinal.kind == "ordinal" and all(q.value != ordinal.value or q.kind == "time" for q in reading.quantities)

    if not any(unstated(q, side) for q in other.quantities):
        return ()
    return tuple(dict.fromkeys(q.text for q in side.quantities if re.search(r"\d", q.text) and unstated(q, other)))


@given(_FIGURE_TEXT, _FIGURE_TEXT)
@settings(max_examples=500)
def test_ordinal_conflicts_asked_of_the_ordinals_only_are_those_of_every_quantity(source: str, target: str) -> None:
    first, second = numbers.read(source), numbers.read(target)
    for side, other in ((first, second), (second, first), (first, first)):
        assert numbers._ordinal_conflicts(side, other) == _ordinal_conflicts_of_every_quantity(side, other)


# --- the Hangul syllable class is taken out of IGNORECASE to compile faster ------------


def test_the_hangul_syllable_class_takes_the_same_characters_with_and_without_ignorecase() -> None:
    every_character = "".join(map(chr, range(0x110000)))
    caseless = re.compile(numbers._HANGUL_SYLLABLE_CASELESS, re.IGNORECASE)
    folded = re.compile("[가-힣]", re.IGNORECASE)
    taken = [m.start() for m in caseless.finditer(every_character)]
    assert taken == [m.start() for m in folded.finditer(every_character)]
    assert taken == list(range(ord("가"), ord("힣") + 1))


@given(_NEAR_FIGURE_TEXT)
@settings(max_examples=300)
def test_the_case_insensitive_patterns_find_the_same_with_the_plain_hangul_class(text: str) -> None:
    for pattern in (numbers._NUMBER, numbers._UNITS):
        assert numbers._HANGUL_SYLLABLE_CASELESS in pattern.pattern
        plain = re.compile(pattern.pattern.replace(numbers._HANGUL_SYLLABLE_CASELESS, "[가-힣]"), pattern.flags)
        assert [m.groupdict() for m in pattern.finditer(text)] == [m.groupdict() for m in plain.finditer(text)]
