"""The figure reader gives thousands of texts the very readings it gave when they were stored.

``numbers.read`` is tuned for speed (hints, combined scans, caches); none of that may
change a reading. tests/fixtures/numbers/readings.txt holds texts with a digest of
their reading (every field of ``Reading``, each quantity, date, day, identifier and
score, with the exact Decimal of every value, and the text as read): the texts of
the project's own tests and fixtures, newsroom figure forms in either language
alone, in sentences, run together and with other digits, and a grid of figures
with the units and counters that follow them. The corpus is never copied here.

Regenerate only when a reading is meant to change, with the code that gives the
intended readings: ``L10N_REGEN_GOLDEN=1 python -m pytest tests/test_figure_readings.py``,
then review the diff.
"""

from __future__ import annotations

import ast
import hashlib
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.text import numbers
from tests.golden import REGEN

TESTS = Path(__file__).parent
STORED = TESTS / "fixtures" / "numbers" / "readings.txt"

# Newsroom figure forms, each a piece the reader has a rule for (or one it must not
# take for a figure).
_FORMS = [
    # amounts
    "3만", "30,000", "1억1천만 달러", "110 million", "12조3천억 원", "12.3 trillion", "1천", "1,000", "1,234.5",
    "one thousand", "1조 2천억", "$1.2 billion", "$50.7m", "£3bn", "€2.5 tn", "27만5000명", "3천500만 명", "1만 30원",
    "1만 30대", "2만 590명", "200경기", "10조각", "4.5%", "4.5 percent", "30 per cent", "0.25%포인트", "0.25%p",
    "50bp", "25 basis points", "25 bps", "베이시스 포인트", "300억 원대", "3만 대", "tens of billions",
    "hundreds of thousands", "10여 명", "20여 개", "10여", "a dozen", "two dozen", "3 decades", "천만 관객", "백억 원",
    "천만다행", "백만장자", "1,2345", "12,34,567", "1.2.3", "0.5", ".5", "007", "１２만", "٣ people", "2,000,000",
    # units
    "120km", "75 mph", "2956m", "9,700 feet", "900 mm", "36 inches", "3.6kg", "8 pounds", "176 euros ($277)",
    "176유로($277)", "(약 24만원)", "($180)", "50MW", "5만kW", "5㎿", "64기가", "200-megapixel", "2억 화소",
    "3 gigawatts", "5와트", "10 kilograms", "3 sq km", "84㎡", "30평", "2 acres", "5 hectares", "섭씨 30도",
    "영하 12도", "minus 12 C (10.4 F)", "-12C (10F)", "104 F (40 C)", "40℃", "3 degrees Celsius", "5 feet, 3 1/2 inches",
    "6-foot-2", "7 pounds, 15 ounces", "2m33", "8m05cm", "30 hours", "3 days", "5 miles", "100 square feet",
    # dates
    "2026년 11월 28일", "11월 28일", "2026년 11월", "11월", "1~9월", "1~3월", "11월 3~4일", "3월 5일간", "Nov. 28, 2026",
    "November 28th, 2026", "Nov. 3-4", "28 November 2026", "3rd March", "November 2026", "in November", "May, 2026",
    "in May", "last May", "mid-May", "may", "2026-11-28", "2026.11.28", "2026/11/28", "9/11", "9.11 테러",
    "6.15 공동선언", "5·18 민주화운동", "Sept. 5", "Dec 25", "MAY 5",
    # days
    "19일", "2일", "24~26일", "3일간", "3일 동안", "3일째", "10일 만에", "취임 100일", "365일", "27일 본회의", "일본",
    "on the 14th", "the 1st of next month", "on the 3rd floor", "on the 26th Korea time", "by the 5th local time",
    # times
    "7시 15분", "오전 0시 26분", "오후 5시 반", "7:15", "5 p.m.", "7:15am", "10 o'clock", "0715", "1215 GMT",
    "1530 hours", "midnight", "noon", "자정", "정오", "2시간", "10 a.m. Eastern Time, or 11 p.m. Korea time",
    "한국시간 밤 11시", "미국 동부시간 오전 10시",
    # sport
    "2대1", "2-1", "3–2", "1-2로 졌다", "2-0(21-13 21-18)", "3-1(25-20 22-25 25-18 25-23)", "in straight sets",
    "STRAIGHT GAMES", "스트레이트", "goalless draw", "nil-nil", "후반 23분", "전반 3분", "연장 전반 3분", "후반 23분 동안",
    "the 68th minute", "1분44초40", "13초04", "10초0", "1:44.40", "3 minutes, 42.50 seconds", "2 minutes, 5.31 seconds",
    "2할6푼8리", "3할", ".268", "7전4선승제", "5전3선승제", "8강", "16강", "quarterfinals", "semi-final", "풀타임",
    "2024-2025 시즌", "2024-25", "2024/25", "2024-26", "1위", "3번째", "두 번째", "1st", "2nd", "3rd", "16th",
    # spans
    "2시간 30분", "2년 6개월", "3년 반", "two and a half hours", "a year and a half", "Six-and-a-half", "half a million",
    "a quarter of a billion", "HALF A DOZEN", "three-quarters of a century", "half a century", "반세기", "반년",
    "a quarter percentage point", "5 1/2 years", "2½ hours", "3 3/4", "3/2", "past decade", "the last century",
    # words
    "twenty-five", "three million", "a hundred", "a million", "an", "one", "two", "twice", "first", "second", "atop",
    "teenagers", "dual role", "back-to-back", "World War II", "Benedict XVI", "Size XXL", "World War IIV", "두 명",
    "세 차례", "스무 살", "열흘간", "이틀째", "하루", "보름", "열에 아홉", "다섯 명 중 한 명", "a fifth", "Two-Thirds",
    "one in five", "nine out of 10", "nine out of 11", "25%", "20% 안팎", "33%", "노인", "고령", "만장일치", "전원일치",
    "올해", "지난해", "this year", "last YEAR", "thıs year", "ſecond", "decadeſ", "Kİlometer", "ﬁrst", "Ⅻ", "ｔｗｏ",
    # names and laws
    "F-16", "F-15", "A380", "G20", "H5N1", "COVID-19", "3G", "3D", "4WD", "GPT-4-level", "갤럭시S8", "$100M", "Q1",
    "first quarter", "헌법 9조", "제3조", "3조 2항", "제3회", "제 3 차", "3차 회담", "4차로", "4차선", "3분의 1",
    # markup
    "[^1]", "https://example.com/2026/11/28", "`x = 3만`", "<b>3만</b>", "[3만](https://example.com/3)",
]  # fmt: skip

_KOREAN_FRAMES = ["정부는 {} 발표했다.", "{}에 이르렀다", "지난 {} 동안", "{}"]
_ENGLISH_FRAMES = ["The ministry said {} on Monday.", "about {} in total", "({})", "{}, up from last year"]
_JOINERS = [" ", ", ", " 및 ", " and ", "", "~", "-", "(", ") ", " 중 ", ". "]
_FIGURES = ["0", "1", "2", "9", "10", "12", "24", "25", "31", "32", "59", "60", "99", "100", "365", "1000", "1,000",
            "1234", "2026", "12345", "1.5", "0.25", "07", "１２"]  # fmt: skip
_AFTER = ["", "만", "억", "천", "조", "일", "월", "년", "시", "분", "초", "명", "%", "%포인트", " million", "bn", "m", "km",
          " mph", "st", "th", "위", "번째", "차", "대", "여 명", "원대", " bps", "MW", "도", "°C", " feet", "-", ":30",
          "/11", "세", "개월", " a.m.", " GMT"]  # fmt: skip


def _harvested() -> Iterator[str]:
    """The texts of the figure tests and of the project's fixtures (all invented)."""
    for module in (TESTS / "test_numbers.py", TESTS / "test_checks.py"):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                yield node.value
    for fixture in sorted((TESTS / "fixtures").rglob("*")):
        if fixture.parent == STORED.parent:
            continue
        if fixture.suffix == ".json":
            yield from _strings(json.loads(fixture.read_text(encoding="utf-8")))
        elif fixture.suffix in (".md", ".txt", ".html", ".po"):
            yield from fixture.read_text(encoding="utf-8").splitlines()


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _generated() -> Iterator[str]:
    """The forms alone, in sentences, with other digits, run together; the grid."""
    chance = random.Random(2026)
    yield from _FORMS
    for form in _FORMS:
        yield chance.choice(_KOREAN_FRAMES).format(form)
        yield chance.choice(_ENGLISH_FRAMES).format(form)
        if any(ch.isdigit() for ch in form):
            for _ in range(2):
                yield "".join(str(chance.randrange(10)) if ch.isdigit() else ch for ch in form)
    for _ in range(1500):
        pieces = chance.sample(_FORMS, chance.randrange(2, 5))
        yield "".join(piece + chance.choice(_JOINERS) for piece in pieces).strip()
    for figure in _FIGURES:
        for after in _AFTER:
            yield figure + after
            yield f"{figure}{after} {chance.choice(_FORMS)}"


def _texts() -> list[str]:
    texts = (text for source in (_harvested(), _generated()) for text in source)
    return list(dict.fromkeys(text for text in texts if len(text) <= 200 and any(ch.isalnum() for ch in text)))


def _digest(text: str) -> str:
    reading = numbers.read(text)
    return hashlib.sha256(repr((reading, reading.text)).encode()).hexdigest()[:12]


def _stored() -> list[tuple[str, str]]:
    lines = STORED.read_text(encoding="utf-8").split("\n")[:-1]  # not splitlines: a text may hold U+2028
    return [(line[:12], json.loads(line[13:])) for line in lines]


if REGEN:
    STORED.parent.mkdir(exist_ok=True)
    STORED.write_text("".join(f"{_digest(t)} {json.dumps(t, ensure_ascii=False)}\n" for t in _texts()), encoding="utf-8")


def test_the_stored_texts_cover_every_kind_of_figure() -> None:
    texts = [text for _, text in _stored()]
    assert len(texts) > 5000
    readings = [numbers.read(text) for text in texts]
    # Every field of a reading is exercised, not only the plain numbers.
    assert sum(bool(r.dates) for r in readings) > 500
    assert sum(bool(r.days) for r in readings) > 200
    assert sum(bool(r.identifiers) for r in readings) > 200
    assert sum(bool(r.scores) for r in readings) > 150
    assert sum(r.straight_win for r in readings) > 40
    assert sum(r.relative_year for r in readings) > 100
    kinds = {q.kind for r in readings for q in r.quantities}
    assert kinds == {"", "ordinal", "time", "whole"}


@pytest.mark.parametrize("part", range(8))
def test_every_stored_text_reads_as_it_did_when_stored(part: int) -> None:
    stored = _stored()[part::8]
    changed = [(text, numbers.read(text)) for digest, text in stored if _digest(text) != digest]
    assert not changed, f"{len(changed)} readings changed, the first: {changed[0]!r}"


# --- the fast hints find something exactly where the plain regexes did -----------------

# Each hint read() tries before a pattern, as the plain regex it was first written as
# (searched in the lowercased text where the flag says so). The hints now name a
# literal first, or test words with ``in``; where they find something must not move.
_PLAIN_HINTS = {
    "_DATES[1]": (r"9/11|\d\s?(?:테러|사태|선언|남북|공동|민주|항쟁|참사|운동|기념|정상)", False),
    "_DATES[2]": (r"(?:19|20)\d\d[-./]", False),
    "_DATES[4]": (r"\d(?:st|nd|rd|th)?\s(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)", False),
    "_NATIVE_RATIO": (r"(?:에|중|가운데)\s(?:하나|한|둘|두|셋|세|넷|네|다섯|여섯|일곱|여덟|아홉)", False),
    "_IDENTIFIER": (r"[A-Za-z]-?\d|\d[GDW]", False),
    "_FEET_AND_INCHES": (r"\d(?:\s?f(?:ee|oo)?t|\spound|\slb|-foot-)", False),
    "_METRES_AND_CENTIMETRES": (r"\dm\d", False),
    "_SEASON": (r"\d[-\u2013/]\d\d", False),
    "_STRAIGHT_WIN": ("traight|TRAIGHT|스트레이트", False),
    "_RACE_WORDS": (r"\d seconds?\b", False),
    "_MIXED_NUMBER": ("[/½¼¾]", False),
    "_FRACTION_WORD": ("third|quarter|fifth|tenth", True),
    "_MIDNIGHT_OR_NOON": ("night|noon|midday|자정|정오", True),
    "_GOALLESS": ("less|nil-", True),
    "_ORDER_OF_MAGNITUDE": ("tens|hundreds", True),
    "_FRACTION_PHRASE": ("[Hh][Aa][Ll][Ff]|[Qq][Uu][Aa][Rr][Tt][Ee][Rr]", False),
    "_AVERAGE": (r"할|\.\d\d\d", False),
    "_ESTIMATE": (r"\d\s?,\s?\d\d?\s?[가-힣]", False),
    "_TIMES[1]": (r"(?i)\d(?::\d\d)?\s?(?:a\.m\.|p\.m\.|[ap]m\b|o'clock)", False),
    "_TIMES[2]": (r"\d:[0-5]", False),
    "_MULTIPLE": ("[CcDd](?ai:ozen|ecade|entur)", False),
    "_RELATIVE_YEAR": ("올해|금년|작년|지난해|내년|[sS\u017ftT] [yY][eE][aA][rR]", False),
    "_RATIO": (r"(?:out\sof|(?:\d|one|two|three|four|five|six|seven|eight|nine)\sin)\s(?:\d|t(?:hree|en)|f(?:our|ive))", True),
    "_TIMES[0]": (r"\d\s?시", False),
    "_TIMES[3]": (r"0\d[0-5]\d(?!\d)|\d\d[0-5]\d\s?(?:GMT|UTC|ET|EST|EDT|KST|hours|hrs|local time)", False),
    "_COMPOUND_SPAN": (r"[간년]\s?[\d반]", False),
    "_SCORE": (r"[-\u2013대]\s?\d", False),
    "_KOREAN_ROUND": ("[십백천][만억조]", False),
    "_KOREAN_FIGURE_WORD": ("풀타임|반세기|반백년|반년|노인|고령|전원일치|만장일치", False),
}


def _pattern(name: str) -> re.Pattern[str]:
    if name.endswith("]"):
        listed, index = name[:-1].split("[")
        return getattr(numbers, listed)[int(index)]  # type: ignore[no-any-return]
    return getattr(numbers, name)  # type: ignore[no-any-return]


def _hint(name: str) -> object:
    return numbers._HINTS[_pattern(name)]


# Pieces that come close to each hint: its forms, in other cases, with a space or
# another character between the digit and the rest, and the letters that fold.
_NEAR_HINTS = [
    "5 AM", "5am", "5 a.m.", "5 A.M.", "5\ta.m.", "7:15pm", "7:15 PM", "10 o'clocK", "10 o\u2019clock", "10 O'CLOCK",
    "10o'clock", "5 am", "5 amp", "5.m.", "a.m.", "2024-25", "2024–25", "2024/25", "2-25", "2m33", "m3", "2, 3", "2 ,3", "2,3",
    ", 3", "3 seconds", "3 second", "3 secondary", "3seconds", "7 ft", "7ft", "7 feet", "7 foot", "7\tfeet", "6-foot-2", "-foot-",
    "8 lb", "8 pounds", "8pound", "Half", "hAlF", "quarTER", "HALF", "ThIrD", "FIFTH", "TENS", "Hundreds", "NIGHT", "Noon",
    "midDay", "LESS", "NIL-", "Dozen", "DECADE", "Century", "cEnTuRy", "YEAR", "Year", "yEaR", "올해", "지난해", "Of 10",
    "IN three", "of\tfive", "Out of 10", "out\tOF five", "3 in 10", "One IN Five", "nine\tin ten", "seven in\tfour", "in 2024",
    "6.15 공동", "6.15공동", "6.15\t정상", "5·18 민주", "a 공동", "9/11", "2, 3년", "2,3 년", "2, 300명", "2,000년", "12,34 년", "STRAIGHT", "Straight", "스트레이트", "1/2", "½", "¾", "할", ".268", "2026-", "2026.", "1999/",
    "2100-", "19", "20", "28 Nov", "28th Nov", "1st\tMay", "3rd Dec", "28thNov", "28 nov", "4 Ma", "열에 아홉", "중 한", "가운데\t셋",
    "에 하", "중 두", "0715", "07150", "0760", "1215GMT", "1215 EST", "1215\tEDT", "1260 GMT", "1530  hours", "2359 local time",
    "ET", "KST", "hrs", "7시", "7 시", "7\t시", "7  시", "서울시", "thiſ year", "LAST YEAR", "nexT yeaR", "this\tyear",
    "its year", "years", "F-16", "f-1", "A380", "x1", "G-", "-7", "3G", "4WD", "1W", "5D", "٣G", "é1", "F--1", "2시간 30분", "2년 반", "2년\t6", "간 반", "년", "3대1", "3 – 2", "대 1", "- ", "천만", "십억", "백조", "천 만",
    "여드레", "드레", "아흐레", "열흘간", "보름", "흘", "풀타임", "반세기", "반년", "노인", "만장일치", "일치", "\u212a", "K", "İ", "ı", "ſ", "µ", "Ⅿ", "ｍ", "ⅿ", "１", "٣", " ", "\n", ".", ":", "'", "m", "M",
]  # fmt: skip


def _agrees_with_its_plain_regex(text: str) -> None:
    for name, (plain, lowered) in _PLAIN_HINTS.items():
        expected = re.search(plain, text.lower() if lowered else text) is not None
        assert (_hint(name).search(text) is not None) == expected, (name, text)  # type: ignore[attr-defined]


def test_lowercasing_makes_an_ascii_letter_only_of_an_ascii_letter_kelvin_or_dotted_i() -> None:
    # The hints that look for a word in the lowercased text rest on this.
    makers = {
        chr(code)
        for code in range(0x110000)
        if not 0xD800 <= code < 0xE000 and not chr(code).isascii() and re.search("[a-z]", chr(code).lower())
    }
    assert makers == {"\u212a", "\u0130"}


# --- patterns written for the scan find what their plain forms find ---------------------


def _plain_patterns() -> dict[str, re.Pattern[str]]:
    """The patterns as first written, before they were reordered for the scan."""
    lead = f"(?P<figure>{numbers._LEADING_FIGURE})"
    assert lead in numbers._NUMBER.pattern
    number = numbers._NUMBER.pattern.replace(lead, rf"(?<![\d.,])(?P<figure>{numbers._FIGURE})")
    return {
        "_NUMBER": re.compile(number, re.VERBOSE | re.IGNORECASE),
        "_IDENTIFIER": re.compile(
            r"(?<![A-Za-z\d.,])(?:[A-Z][A-Za-z]*-?\d+(?:[A-Za-z\d]|-(?=[A-Z\d]))*|(?<![$£€¥])\d+(?:G|D|WD)(?![A-Za-z\d]))"
        ),
        "_SPELLED": re.compile(r"\b" + numbers._SPELLED_WORDS, re.VERBOSE | re.IGNORECASE),
        **{name: _unopened(_pattern(name)) for name in _OPENED},
    }


# The patterns led by a lookahead for the class their matches start with.
_OPENED = (
    "_DATES[0]",
    "_DATES[1]",
    "_TIMES[0]",
    "_AVERAGE",
    "_ESTIMATE",
    "_SCORE",
    "_RACE_TIME",
    "_COMPOUND_SPAN",
    "_NATIVE_RATIO",
)


def _unopened(pattern: re.Pattern[str]) -> re.Pattern[str]:
    opened = re.fullmatch(r"\(\?=(\\d|\[[^\]]*\])\)\(\?:(.*)\)", pattern.pattern, re.DOTALL)
    assert opened, pattern.pattern[:40]
    return re.compile(opened[2], pattern.flags)


_PLAIN_PATTERNS = _plain_patterns()


def _same_matches(text: str) -> None:
    for name, plain in _PLAIN_PATTERNS.items():
        fast = _pattern(name)
        found = [(m.span(), m.groupdict()) for m in fast.finditer(text)]
        assert found == [(m.span(), m.groupdict()) for m in plain.finditer(text)], (name, text)


_NEAR_SCANS = [
    "1,000", "1,0000", "12,345.6", ".5", "1.2.3", "3만", "1억1천만", "F-16", "A380", "$5G", "5G", "3D", "4WD", "G20-", "twenty-five",
    "ſeven", "Seventeen", "a million", "an", "1", ",1", "x1", "ＡＢ12", "٣", "１２", "-", " ",
]  # fmt: skip


def _finds_what_the_plain_forms_find(text: str) -> None:
    _agrees_with_its_plain_regex(text)
    _same_matches(text)


_NEAR_TEXT = st.lists(
    st.one_of(st.sampled_from(_NEAR_HINTS + _NEAR_SCANS), st.sampled_from(_FORMS), st.text(max_size=3)), max_size=10
)


@given(_NEAR_TEXT.map("".join))
@settings(max_examples=1000)
def test_every_hint_and_scan_finds_exactly_what_its_plain_form_finds(text: str) -> None:
    _finds_what_the_plain_forms_find(text)


def test_every_hint_and_scan_agrees_with_its_plain_form_on_the_stored_texts() -> None:
    for text in [text for _, text in _stored()] + _NEAR_HINTS + _NEAR_SCANS:
        _finds_what_the_plain_forms_find(text)


def test_the_first_letters_of_the_number_word_scan_are_those_ignorecase_matches() -> None:
    folded = re.compile(f"(?i:[{numbers._initials([*numbers._TENS, *numbers._ONES, 'a'])}])")
    letters = {chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000 and folded.fullmatch(chr(code))}
    assert letters == set(numbers._SPELLED_INITIALS)


# --- an ASCII text is scanned for number words lowercased ---------------------------------

# Pieces near the words of _SPELLED and _ORDINAL_WORD in ASCII: any case, joined
# by the whitespace only Unicode \s takes (\x1c-\x1f), next to word characters.
_NEAR_WORDS = [
    "Twenty-Five", "twenty\x1cfive", "THREE\x1fmillion", "A", "AN", "an", "One", "Second", "BACK-TO-BACK", "semi-Final",
    "_one", "one_", "9one", "one9", "one-dollar", "Two-Won", "first", "Quarter-Finals", "TEENAGERS", "atop", "Half", " ",
    "-", "\t", "\x1c", ".", "x", "S", "K", "i", "I", "Twenty-First", "tenth", "Ten", "Once", "seventh", "a-", "One Second",
    "(one", '"A', "one.two", "twenty.one", "top-ten", "a/an", "\nfirst",
]  # fmt: skip
_ASCII_TEXT = st.lists(
    st.one_of(
        st.sampled_from(_NEAR_WORDS + [p for p in _NEAR_HINTS + _NEAR_SCANS + _FORMS if p.isascii()]),
        st.text(st.characters(max_codepoint=127), max_size=3),
    ),
    max_size=12,
).map("".join)


def _same_words_in_lowered_ascii(text: str) -> None:
    scans = [
        (numbers._SPELLED, re.compile(numbers._SPELLED_IN_LOWERED_ASCII)),
        (numbers._ORDINAL_WORD, re.compile(numbers._ORDINAL_WORD_IN_LOWERED_ASCII)),
    ]
    for full, lowered in scans:
        expected = [(m.span(), m.group(0).lower()) for m in full.finditer(text)]
        assert [(m.span(), m.group(0)) for m in lowered.finditer(text.lower())] == expected, (lowered.pattern[:30], text)
    # The one scan for both finds each word the two find, in their order, told
    # apart as they are.
    number_words, ordinal_words = numbers._words_in_ascii(text)
    assert number_words == [(m.start(), m.end(), m.group(0).lower()) for m in numbers._SPELLED.finditer(text)], text
    assert ordinal_words == [(m.start(), m.end(), m.group(0).lower()) for m in numbers._ORDINAL_WORD.finditer(text)], text


def test_no_run_of_number_words_is_an_ordinal_word() -> None:
    # The one scan of an ASCII text tells its words apart by the ordinal table.
    spelled = re.compile(numbers._SPELLED_IN_LOWERED_ASCII)
    assert not [word for word in numbers._ORDINAL_WORDS if spelled.fullmatch(word)]


@given(_ASCII_TEXT)
@settings(max_examples=1000)
def test_an_ascii_text_lowercased_has_the_number_words_of_the_text_as_written(text: str) -> None:
    _same_words_in_lowered_ascii(text)


def test_the_stored_ascii_texts_lowercased_have_the_number_words_of_the_texts_as_written() -> None:
    for text in [text for _, text in _stored()] + _NEAR_WORDS:
        if text.isascii():
            _same_words_in_lowered_ascii(text)


# --- a unit or a metric prefix after a figure starts with one of a few characters ---------


def test_the_letters_a_unit_or_a_prefix_starts_with_are_all_ignorecase_matches() -> None:
    characters = [chr(code) for code in range(0x110000) if not 0xD800 <= code < 0xE000]
    for starts, letters in ((numbers._UNIT_STARTS, "kmfplcidhsa"), (numbers._PREFIX_STARTS, "kmgt")):
        folded = re.compile(f"(?i:[{letters}])")
        assert {ch for ch in characters if folded.fullmatch(ch)} <= starts


_NEAR_UNITS = [
    *numbers._UNIT_NAMES, "km/h", "kilometres", "miles", "meters", "pounds", "lbs", "inches", "°C", "° F", "degrees Fahrenheit",
    "degree C", "degrees", "F)", "C,", "F (", "C.", "hours", "days", "square feet", "square-metres", "sq. ft", "sq km",
    "acres", "hectares", "km²", "m²", "평", "평형", "도", "시간", "\u212am", "\u017fq ft", "\u0130nch", "INCH", "KG",
    "kilowatt", "megawatts", "Giga-byte", "tera", "GW", "MHz", "kB", "Kbps", "MP", "Tpx", "킬로와트", "메가픽셀", "기가",
    "테라바이트", "㎾", "㎿", "㎒", "㎓", "㎅", "㎆", "㎇", "-", " ", "\t", "\u3000", "x", "1",
]  # fmt: skip


@given(st.lists(st.one_of(st.sampled_from(_NEAR_UNITS), st.text(max_size=2)), max_size=6).map("".join))
@settings(max_examples=1000)
def test_a_unit_or_a_prefix_starts_within_four_characters_with_one_of_its_starts(text: str) -> None:
    for pattern, starts in ((numbers._UNITS, numbers._UNIT_STARTS), (numbers._PREFIXED_UNIT, numbers._PREFIX_STARTS)):
        for position in range(len(text) + 1):
            if pattern.match(text, position):
                assert not starts.isdisjoint(text[position : position + 4]), (pattern.pattern[:30], text, position)


def test_every_unit_and_prefix_piece_starts_with_one_of_its_starts() -> None:
    for piece in _NEAR_UNITS:
        for pattern, starts in ((numbers._UNITS, numbers._UNIT_STARTS), (numbers._PREFIXED_UNIT, numbers._PREFIX_STARTS)):
            for before in ("", " ", "-", " - ", "\t-\u3000"):
                if pattern.match(before + piece):
                    assert not starts.isdisjoint((before + piece)[:4]), (piece, before)
