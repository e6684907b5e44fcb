"""An editor extracts a bilingual newsroom's articles; each segment is tagged ko or en.

Korean copy borrows English names and acronyms, English copy quotes Korean words,
and some segments (dates, figures, links) are not prose at all and need no
translation.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.text.language import detect_language, letter_counts, readable_text
from l10n.text.scripts import HANGUL, LATIN


@pytest.mark.parametrize(
    "text",
    [
        "서울시는 내년부터 시내버스 요금을 200원 인상하기로 했다.",
        "정부는 이번 주 안에 추가 대책을 발표할 예정이라고 밝혔다.",
        "“아직 결론을 내리기는 이르다”고 그는 덧붙였다.",
        "날씨",
    ],
)
def test_korean_prose_is_korean(text: str) -> None:
    assert detect_language(text) == "ko"


@pytest.mark.parametrize(
    "text",
    [
        "The city council approved the new budget on Tuesday evening.",
        '"We are not there yet," the minister told reporters.',
        "Weather",
    ],
)
def test_english_prose_is_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    "text",
    [
        # About a third of the letters are Hangul, yet every word is Korean grammar.
        "삼성전자(Samsung Electronics)는 3분기 영업이익이 크게 늘었다고 밝혔다.",
        "회사는 차세대 SDD 제품을 내년 초 출시할 계획이다.",
        "COVID-19에 감염된 환자 수가 지난주보다 줄었다.",
        "세계보건기구(World Health Organization, WHO)는 새 지침을 내놓았다.",
        "그는 LG Energy Solution과 SK On의 합작 가능성을 언급했다.",
    ],
)
def test_korean_with_english_names_and_glosses_is_korean(text: str) -> None:
    assert detect_language(text) == "ko"


@pytest.mark.parametrize(
    "text",
    [
        "Visitors lined up for kimchi (김치) at the festival on Saturday.",
        'Protesters outside the building chanted "물러나라" for nearly an hour.',
        "The word for the holiday, 추석, appears on every banner in the market.",
    ],
)
def test_english_quoting_korean_is_english(text: str) -> None:
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    "text",
    [
        "미국 에너지省은 새 원자로 설계를 승인했다.",
        "大韓民國 정부는 이날 공식 입장을 냈다.",
    ],
)
def test_hanja_does_not_count_against_korean(text: str) -> None:
    assert detect_language(text) == "ko"


@pytest.mark.parametrize(
    "text",
    [
        "2024-05-01",
        "12.5%",
        "1,000,000",
        "https://news.example.com/articles/2024/05/01/index.html",
        "press@example.com",
        "— 3 · 4 —",
        "`npm install`",
        "&nbsp;&mdash;",
        "",
        "   ",
        "大韓民國",
    ],
)
def test_text_without_words_has_no_language(text: str) -> None:
    assert detect_language(text) is None


def test_korean_link_text_wins_over_a_long_link_destination() -> None:
    text = (
        "[정부 발표 전문 보기](https://www.example.go.kr/briefing/statements/"
        "economy-and-finance/latest-policy-announcement-full-text?lang=en)"
    )
    assert detect_language(text) == "ko"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("자세한 내용은 `git status --porcelain` 명령으로 확인한다.", "ko"),
        ("보도자료는 <a href=\"https://example.com/press-release\">여기</a>에 있다.", "ko"),
        ("문의는 international-press-office@example.org 로 하면 된다.", "ko"),
        ("See the 보도자료 at https://example.kr/보도자료/전문/2024/본문.", "en"),
    ],
)
def test_what_a_reader_does_not_read_is_ignored(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("한국 Korea", (2, 5)),
        ("에너지省 2024", (3, 0)),
        ("Café 카페", (2, 4)),
        ("[기사](https://example.com/article)", (2, 0)),
        ("ㅋㅋ lol", (2, 3)),
    ],
)
def test_letter_counts_count_only_read_hangul_and_latin(
    text: str, counts: tuple[int, int]
) -> None:
    assert letter_counts(text) == counts


def test_readable_text_keeps_words_apart_where_markup_was() -> None:
    assert readable_text("before<br>after").split() == ["before", "after"]


@pytest.mark.parametrize(
    ("text", "readable"),
    [
        ("정부는 12일 발표했다.", "정부는 12일 발표했다."),  # prose: nothing to remove
        ("see www.korea.kr today", "see   today"),  # a URL without "://"
        ("문의: press@mnd.go.kr 로", "문의:   로"),
        ("run `l10n build` now", "run   now"),
        ("[기사](https://yna.co.kr) 참조", "[기사  참조"),
        ("A&amp;B <b>bold</b>", "A B  bold "),
    ],
)
def test_readable_text_removes_only_what_is_there(text: str, readable: str) -> None:
    assert readable_text(text) == readable


# --- readable_text() returns prose untouched after one quick scan; it must not skip markup --

_MARKUP_PIECES = [
    "`code`", "``a`b``", "<b>", "</i>", "<https://a.kr>", "&amp;", "&#39;", "[a](https://a.kr/r)", "](x)",
    "https://a.kr/p", "www.a.kr", "WWW.A.KR", "hong@mnd.go.kr", "홍길동@x.kr", "ftp://f.kr", "기자", "news", " ", ":", "]",
]  # fmt: skip


@given(st.lists(st.one_of(st.sampled_from(_MARKUP_PIECES), st.text(max_size=3)), max_size=10).map("".join))
@settings(max_examples=300)
def test_readable_text_removes_what_the_full_scan_removes(text: str) -> None:
    from l10n.text import language

    assert readable_text(text) == language._UNREAD.sub(" ", text)


# --- language_of_readable() counts letters only in text that mixes the two scripts -------

_LETTERS = ["한", "국", "ㅋ", "\u1100", "\ud7b0", "a", "Z", "é", "省", "1", " ", ".", "(", "\u00a0"]


def _language_by_full_counts(readable: str) -> str | None:
    """The rule as its constants state it, every letter counted (the plain path)."""
    from l10n.text import language

    hangul = len(re.findall(f"[{HANGUL}]", readable))
    latin = len(re.findall(f"[{LATIN}]", readable))
    if hangul == 0 and latin == 0:
        return None
    weighted = hangul * language.HANGUL_WEIGHT
    share = weighted / (weighted + latin)
    if share >= language.KOREAN_SHARE:
        return "ko"
    if share <= language.ENGLISH_SHARE:
        return "en"
    korean_words, english_words = language._word_votes(readable)
    korean_vote = korean_words * language.KOREAN_WORD_WEIGHT
    if korean_vote != english_words:
        return "ko" if korean_vote > english_words else "en"
    return "ko" if share >= 0.5 else "en"


@given(st.lists(st.one_of(st.sampled_from(_LETTERS), st.text(max_size=2)), max_size=30).map("".join))
@settings(max_examples=500)
def test_text_in_one_script_is_told_as_counting_every_letter_tells_it(readable: str) -> None:
    from l10n.text.language import language_of_readable

    assert language_of_readable.__wrapped__(readable) == _language_by_full_counts(readable)


def test_every_language_gets_the_plural_forms_babel_gives_it() -> None:
    # Extract answers the commonest languages without loading babel; every code
    # babel knows, those included, must get babel's header value byte for byte.
    from babel import Locale, localedata
    from babel.messages.plurals import get_plural

    from l10n.text import locales as locales_module

    for code in localedata.locale_identifiers():
        assert locales_module.plural_forms(code) == str(get_plural(Locale.parse(code))), code
    assert set(locales_module._PLURAL_FORMS) <= set(localedata.locale_identifiers())
