"""QA checks: a faithful translation passes, a broken one is flagged by the right check."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import unicodedata
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.formats import for_suffix
from l10n.formats.base import FormatOptions, segment
from l10n.qa import checks
from l10n.qa.checks import ArticleText, Entry, Severity
from l10n.qa.findings import block_kind
from l10n.qa.glossary import Glossary, Term
from l10n.text import numbers
from l10n.text.language import readable_text

GLOSSARY = Glossary(
    (
        Term("국방부", "Ministry of National Defense", "ko", "en"),
        Term("Ministry of National Defense", "국방부", "en", "ko"),
        Term("KOSPI", "KOSPI", keep=True),
    )
)


def found(entry: Entry) -> set[str]:
    return {f.check for f in checks.run(entry, glossary=GLOSSARY)}


def ko_en(source: str, target: str, kind: str = "paragraph") -> Entry:
    return Entry(source, target, "ko", "en", kind)


def en_ko(source: str, target: str, kind: str = "paragraph") -> Entry:
    return Entry(source, target, "en", "ko", kind)


# (check id, entry with a good translation, entry with a bad one)
CASES = [
    (
        "markup",
        ko_en("[공사 누리집](https://example.org/port)에서 **현황**을 본다.", "See the **status** on [the website](https://example.org/port)."),
        ko_en("[공사 누리집](https://example.org/port)에서 **현황**을 본다.", "See the **status on [the website](https://example.org/other)."),
    ),
    (
        "markup",
        ko_en("`npm install` 명령을 실행한다.", "Run the `npm install` command."),
        ko_en("`npm install` 명령을 실행한다.", "Run the npm install command."),
    ),
    (
        "placeholders",
        ko_en("{name} 기자가 보도했다.[^1]", "Reported by {name}.[^1]"),
        ko_en("{name} 기자가 보도했다.[^1]", "Reported by {nom}."),
    ),
    (
        "urls",
        ko_en("문의는 press@example.org로 하면 된다.", "Send questions to press@example.org."),
        ko_en("문의는 press@example.org로 하면 된다.", "Send questions to press@example.com."),
    ),
    (
        "numbers",
        ko_en("정부는 1억1천만 달러를 투입했다.", "The government spent $110 million."),
        ko_en("정부는 1억1천만 달러를 투입했다.", "The government spent $1.1 million."),
    ),
    (
        "conversions",
        ko_en("태풍은 시속 130km로 북상했다.", "The typhoon moved north at 130 km/h."),
        ko_en("태풍은 시속 130km로 북상했다.", "The typhoon moved north at 81 mph."),
    ),
    (
        "dates",
        ko_en("부두는 2026년 11월 28일 문을 연다.", "The terminal opens on Nov. 28, 2026."),
        ko_en("부두는 2026년 11월 28일 문을 연다.", "The terminal opens on Nov. 26, 2026."),
    ),
    (
        "glossary",
        ko_en("국방부는 훈련을 발표했다.", "The Ministry of National Defense announced the drill."),
        ko_en("국방부는 훈련을 발표했다.", "The Defense Ministry announced the drill."),
    ),
    (
        "never-translate",
        ko_en("KOSPI는 1% 올랐다.", "The KOSPI rose 1%."),
        ko_en("KOSPI는 1% 올랐다.", "The Korea Composite Stock Price Index rose 1%."),
    ),
    (
        "script",
        ko_en("그는 김치(kimchi)를 샀다.", 'He bought kimchi ("김치").'),
        ko_en("그는 김치를 샀다.", "He bought 김치."),
    ),
    (
        "script",
        en_ko("Rail unions called off the strike.", "철도 노조가 파업을 철회했다."),
        en_ko("Rail unions called off the strike.", "Rail unions cancelled the strike."),
    ),
    (
        "echo",
        ko_en("삼성전자가 실적을 발표했다.", "Samsung Electronics reported its results."),
        ko_en("삼성전자가 실적을 발표했다.", "삼성전자가  실적을 발표했다."),
    ),
    (
        "blank",
        ko_en("실적을 발표했다.", "It reported its results."),
        ko_en("실적을 발표했다.", "  "),
    ),
    (
        "whitespace",
        ko_en("실적을 발표했다.", "It reported its results."),
        ko_en("실적을 발표했다.", "It reported its results. "),
    ),
    (
        "line-breaks",
        ko_en("첫 줄이다.\n둘째 줄이다.", "The first line.\nThe second line."),
        ko_en("첫 줄이다.\n둘째 줄이다.", "The first line. The second line."),
    ),
    (
        "brackets",
        ko_en("그는 “다시 뛰자”(구호)라고 말했다.", "He said “Let's run again” (a slogan)."),
        ko_en("그는 “다시 뛰자”(구호)라고 말했다.", "He said “Let's run again (a slogan."),
    ),
    (
        "brackets",
        en_ko('He said "we will return" on Friday.', "그는 금요일 「돌아오겠다」고 말했다."),
        en_ko('He said "we will return" on Friday.', "그는 금요일 「돌아오겠다고 말했다."),
    ),
    (
        "length-ratio",
        ko_en("부산항만공사는 신항에 자동화 부두를 열었다고 밝혔다.", "Busan Port Authority said it opened an automated terminal at the new port."),
        ko_en("부산항만공사는 신항에 자동화 부두를 열었다고 밝혔다.", "It opened."),
    ),
    (
        "control-chars",
        ko_en("실적을 발표했다.", "It reported its results."),
        ko_en("실적을 발표했다.", "It reported its \u202eresults."),
    ),
    (
        "structure",
        ko_en("실적을 발표했다.", "It reported <b>its</b> results."),
        ko_en("실적을 발표했다.", "It reported its results.<script>alert(1)</script>"),
    ),
    (
        "capitalisation",
        ko_en("실적을 발표했다.", "It reported its results."),
        ko_en("실적을 발표했다.", "it reported its results."),
    ),
    (
        "end-punctuation",
        ko_en("실적을 발표했다.", "It reported its results."),
        ko_en("실적을 발표했다.", "It reported its results"),
    ),
    (
        "end-punctuation",
        # Korean ends the sentence before a quote where English introduces it.
        ko_en("그는 이렇게 말했다.", "He put it this way:"),
        ko_en("그는 이렇게 말했다.", "He put it this way"),
    ),
    (
        "end-punctuation",
        ko_en("부산 신항 자동화 부두 문 열어", "Automated terminal opens at Busan New Port", "heading"),
        ko_en("부산 신항 자동화 부두 문 열어", "Automated terminal opens at Busan New Port.", "heading"),
    ),
]


@pytest.mark.parametrize(("check", "good", "bad"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_check_passes_a_faithful_translation_and_flags_a_broken_one(check: str, good: Entry, bad: Entry) -> None:
    assert check not in found(good)
    assert check in found(bad)


def test_every_check_has_a_case_and_a_description() -> None:
    assert {case[0] for case in CASES} == set(checks.CHECKS)
    for check in checks.CHECKS.values():
        assert check.description and "\n" not in check.description
        assert check.severity in (Severity.ERROR, Severity.WARNING, Severity.NOTICE)


def test_a_correct_translation_of_a_news_paragraph_has_no_findings() -> None:
    source = (
        "부산항만공사는 2026년 11월 28일 신항에 **자동화 부두**를 열었다고 밝혔다.\n"
        "총사업비는 1조 2천억 원이며 [공사 누리집](https://example.org/port)에서 현황을 볼 수 있다."
    )
    target = (
        "Busan Port Authority said it opened an **automated terminal** at the new port on Nov. 28, 2026.\n"
        "The project cost 1.2 trillion won; its status is on [the website](https://example.org/port)."
    )
    assert checks.run(ko_en(source, target), glossary=GLOSSARY) == []


def test_an_empty_translation_is_untranslated_not_a_qa_problem() -> None:
    assert checks.run(ko_en("실적을 발표했다.", "")) == []


def test_english_conventions_are_not_checked_on_korean_targets() -> None:
    entry = en_ko("Results are out.", "실적 발표")  # no capital, no full stop: fine in Korean
    assert not found(entry) & {"capitalisation", "end-punctuation"}


def test_a_translator_comment_silences_checks_for_one_entry() -> None:
    skip = checks.ignored_in("reviewed by desk\nl10n: ignore numbers, dates")
    assert skip == {"numbers", "dates"}
    entry = ko_en("2026년 11월 28일 3만 명이 모였다.", "Tens of thousands gathered on Saturday.")
    assert {"numbers", "dates"} <= found(entry)
    assert not {"numbers", "dates"} & {f.check for f in checks.run(entry, skip=skip)}


@pytest.mark.parametrize(
    ("comment", "kind"),
    [("heading", "heading"), ("table-cell\nnote for the translator", "table-cell"), (None, "paragraph"), ("", "paragraph")],
)
def test_a_catalog_entry_is_checked_as_the_block_its_comment_names(comment: str | None, kind: str) -> None:
    entry, _ = checks.catalog_entry("전국 3만 명", "30,000 people nationwide", "en", comment=comment, tcomment="", ignore=frozenset())
    assert (entry.kind, entry.source_lang, entry.target_lang) == (kind, "ko", "en")


def test_a_catalog_entry_skips_what_its_rules_and_its_comment_switch_off() -> None:
    _, skip = checks.catalog_entry(
        "전국 3만 명",
        "30,000 people nationwide",
        "en",
        comment="paragraph",
        tcomment="machine draft\nl10n: ignore numbers",
        ignore=frozenset({"length-ratio"}),
    )
    assert skip == {"numbers", "length-ratio"}


ARTICLE = "# 제목\n\n첫 문단이다.\n둘째 줄이다.\n\n끝.\n"


@pytest.mark.parametrize(
    ("translation", "changes"),
    [
        ("The first line.\nThe second line.", False),
        ("The first line.\n# Not a heading", False),  # the rebuild escapes a block start
        ("The first line.\n| a | b |\n| - | - |", True),  # a table would interrupt the paragraph
    ],
)
def test_the_structure_check_rebuilds_the_article_with_the_translation(translation: str, changes: bool) -> None:
    markdown = for_suffix(".md")
    assert markdown is not None
    paragraph = segment(markdown, ARTICLE, FormatOptions())[1]
    entry = Entry(paragraph.text, translation, "ko", "en", paragraph.kind, ArticleText(markdown, ARTICLE), (paragraph,))
    messages = [f.message for f in checks.run(entry) if f.check == "structure"]
    assert bool(messages) is changes
    if changes:
        assert "<table>" in messages[0]


def test_a_figure_flag_names_the_figure_on_each_side() -> None:
    findings = checks.run(ko_en("어선 50만여 척이 대피했다.", "More than 50,000 boats returned to port."))
    assert [(f.check, f.message) for f in findings] == [
        ("numbers", "number '50만' of the source is not in the translation, which has '50,000'")
    ]
    findings = checks.run(ko_en("시장은 19일 개막했다.", "The market opened on June 26."))
    assert [(f.check, f.message) for f in findings] == [
        ("dates", "date '19일' of the source is not in the translation, which has 'June 26'")
    ]


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            ko_en("이서진은 후반 31분 추가골을 넣었다.", "Lee Seo-jin added a goal in the 77th minute."),
            "number '후반 31분' of the source is not in the translation, which has '77th'",
        ),
        (
            ko_en("대표팀은 8강에 진출했다.", "The national team reached the semifinals."),
            "number '8' of the source is not in the translation, which has 'semifinals'",
        ),
        (
            ko_en("홈팀이 4대2로 이겼다.", "The home side won 4-1."),
            "number '4대2' of the source is not in the translation, which has '4-1'",
        ),
        (
            ko_en("박람회는 오는 12일 개막한다.", "The fair opens on the 13th."),
            "date '12일' of the source is not in the translation, which has 'the 13th'; "
            "date 'the 13th' in the translation does not match the source, which has '12일'",
        ),
    ],
)
def test_a_flag_on_a_newsroom_form_names_the_figure_on_each_side(entry: Entry, message: str) -> None:
    assert [f.message for f in checks.run(entry) if f.severity is Severity.ERROR] == [message]


def test_a_changed_rate_count_or_set_score_names_the_figure_on_each_side() -> None:
    entries_and_messages = [
        (
            ko_en("한국은행은 금리를 0.5%포인트 내렸다.", "The Bank of Korea cut rates by 25 basis points."),
            "number '0.5' of the source is not in the translation, which has '25'",
        ),
        (
            ko_en("선수 40여 명이 참가했다.", "About two dozen athletes took part."),
            "number '40' of the source is not in the translation, which has 'two dozen'",
        ),
        (
            ko_en("그는 6-2 6-2로 이겼다.", "He won 6-2, 6-4."),
            "number '6-2' of the source is not in the translation, which has '6-4'",
        ),
        (
            ko_en("도로는 왕복 8차로로 넓어진다.", "The road will be widened to six lanes."),
            "number '8' of the source is not in the translation, which has 'six'",
        ),
    ]
    for entry, message in entries_and_messages:
        assert [f.message for f in checks.run(entry) if f.severity is Severity.ERROR] == [message]


def test_a_figure_the_translator_adds_in_another_zone_or_scale_is_a_notice() -> None:
    findings = checks.run(ko_en("회담은 한국시간 오늘 밤 10시 열린다.", "The talks open at 9 a.m. ET, or 10 p.m. today Korea time."))
    assert [(f.check, f.severity) for f in findings if f.check in ("numbers", "conversions")] == [
        ("conversions", Severity.NOTICE)
    ]
    findings = checks.run(ko_en("수은주가 섭씨 30도를 넘었다.", "The mercury passed 86 F (30 C)."))
    assert [(f.check, f.severity) for f in findings if f.check in ("numbers", "conversions")] == [
        ("conversions", Severity.NOTICE)
    ]


def test_a_figure_each_language_writes_its_own_way_is_not_flagged() -> None:
    entries = [
        ko_en("중앙은행은 금리를 50bp 인상했다.", "The central bank raised rates by half a percentage point."),
        ko_en("지난 10년간 수출이 늘었다.", "Exports have grown over the past decade."),
        ko_en("그는 2m28을 넘었다.", "He cleared 2.28 meters."),
        ko_en("그녀는 2-0으로 완승했다.", "She won in straight games."),
        ko_en("골키퍼는 풀타임을 소화했다.", "The goalkeeper played the full 90 minutes."),
        ko_en("그는 2021-2022 시즌 신인왕이다.", "He was rookie of the year in the 2021-22 season."),
        ko_en("주민 20여 명이 대피했다.", "About two dozen residents were evacuated."),
        ko_en("이 공장이 문을 닫은 것은 50년 만이다.", "The plant closes for the first time in half a century."),
        ko_en("이서진은 후반 31분 추가골을 넣었다.", "Lee Seo-jin added a goal in the 76th minute."),
        ko_en("대표팀은 4강에 진출했다.", "The national team reached the semifinals."),
        ko_en("비행은 5시간 30분 걸린다.", "The flight takes five and a half hours."),
        ko_en("새 위성 사진은 5천만 화소다.", "The new satellite images are 50 megapixels."),
        ko_en("올해 1~6월 판매가 늘었다.", "Sales rose from January through June this year."),
        ko_en("약 50만 가구가 정전됐다.", "Half a million homes lost power."),
    ]
    assert [(f.check, f.message) for e in entries for f in checks.run(e) if f.severity is Severity.ERROR] == []


def test_a_unit_the_translator_converted_is_a_notice_not_an_error() -> None:
    findings = checks.run(ko_en("태풍은 시속 120km로 북상했다.", "The typhoon moved north at 75 mph."))
    assert [(f.check, f.severity) for f in findings] == [("conversions", Severity.NOTICE)]
    assert "'75'" in findings[0].message and "120" in findings[0].message


@pytest.mark.parametrize(
    "entry",
    [
        ko_en("요금", "###### Fares", "heading"),  # the translator changed the heading's level
        ko_en("버스 요금이 오른다.", "Bus fares rise.\n\nSo do train fares."),  # an added block
    ],
)
def test_a_structure_the_rebuild_cannot_carry_over_is_a_blocking_error(entry: Entry) -> None:
    findings = [f for f in checks.run(entry) if f.check == "structure"]
    assert len(findings) == 1 and findings[0].severity is Severity.ERROR


def test_the_length_ratio_message_states_the_ratio_its_bounds_measure() -> None:
    # English into Korean: 12 English letters for 40 Korean ones is 0.3x, below 0.8x.
    entry = en_ko("Fares rise.", "버스와 지하철 요금이 다음 달부터 일제히 오르고 택시 기본요금도 함께 오를 예정이라고 시가 밝혔다")
    [finding] = [f for f in checks.run(entry) if f.check == "length-ratio"]
    assert "the English runs 0.2x the Korean, usually 0.8-6.0x" in finding.message


HTML_SOURCE = '새 <a href="/schedule">시간표</a>는 <code>ferry --list</code>로 본다. <span class="notranslate">Hanbit</span>'


@pytest.mark.parametrize(
    ("translation", "expected"),
    [
        ('See the new <a href="/schedule">timetable</a> with <code>ferry --list</code>. <span class="notranslate">Hanbit</span>', []),
        (
            'See the new <a href="/other">timetable</a> with <code>ferry --list</code>. <span class="notranslate">Hanbit</span>',
            ["HTML tag '<a href=\"/other\">' is not in the source", "HTML tag '<a href=\"/schedule\">' is missing"],
        ),
        (
            'See the new timetable</a> with <code>ferry --list</code>. <span class="notranslate">Hanbit</span>',
            ["HTML tag '<a href=\"/schedule\">' is missing"],
        ),
        (
            'See the new <a href="/schedule">timetable</a> with <code>ferry --show</code>. <span class="notranslate">한빛</span>',
            [
                "untranslatable HTML element '<code>ferry --list</code>' is missing",
                "untranslatable HTML element '<span class=\"notranslate\">Hanbit</span>' is missing",
                "untranslatable HTML element '<code>ferry --show</code>' is not in the source",
                "untranslatable HTML element '<span class=\"notranslate\">한빛</span>' is not in the source",
            ],
        ),
        (
            'See <a href="/schedule" onclick="x()">it</a> <code>ferry --list</code> <span class="notranslate">Hanbit</span><img src=x onerror=y>',
            [
                "HTML tag '<a href=\"/schedule\" onclick=\"x()\">' is not in the source",
                "HTML tag '<img src=x onerror=y>' is not in the source",
                "HTML tag '<a href=\"/schedule\">' is missing",
            ],
        ),
    ],
)
def test_the_markup_check_reads_html_tags_links_and_untranslatable_elements(translation: str, expected: list[str]) -> None:
    findings = checks.run(ko_en(HTML_SOURCE, translation, "paragraph"))
    messages = [f.message for f in findings if f.check == "markup"]
    assert sorted(messages) == sorted(expected)
    assert all(f.severity is Severity.ERROR for f in findings if f.check == "markup")


def test_a_translated_title_or_alt_inside_a_tag_is_not_a_changed_tag() -> None:
    source = '<a href="/x" title="시간표 보기">시간표</a>와 <img src=i.png alt=아이콘>'
    translated = checks.run(ko_en(source, '<a href="/x" title="See the timetable">Timetable</a> and <img src=i.png alt="An icon">'))
    moved = checks.run(ko_en(source, '<a href="/y" title="See the timetable">Timetable</a> and <img src=i.png alt="An icon">'))
    assert [f for f in translated if f.check == "markup"] == []
    assert [f.message for f in moved if f.check == "markup"] == [
        "HTML tag '<a href=\"/x\" title=\"\">' is missing",
        "HTML tag '<a href=\"/y\" title=\"\">' is not in the source",
    ]


def test_identifier_numbers_are_left_to_the_figure_checks() -> None:
    # protect() hides v2.1 and 005930 from a provider, but the part checks compare
    # markup and addresses only (checks._parts skips the number scan): a changed
    # version or stock code is the numbers check's to flag, once.
    findings = checks.run(ko_en("삼성전자(005930)가 v2.1을 냈다.", "Samsung Electronics (005931) released v2.2."))
    assert {f.check for f in findings} == {"numbers"}


def test_a_printable_text_has_no_whitespace_but_the_plain_space() -> None:
    # checks._letters counts a printable text's letters without looking for other whitespace.
    others = [chr(code) for code in range(0x110000) if chr(code).isspace() and chr(code) != " "]
    assert others and not any(ch.isprintable() for ch in others)


def test_the_structure_check_sees_an_html_page_keep_its_blocks() -> None:
    page = "<html><body><p>첫 문단이다.</p><p>끝.</p></body></html>"
    fmt = for_suffix(".html")
    assert fmt is not None
    paragraph = segment(fmt, page, FormatOptions())[0]
    entry = Entry(paragraph.text, "First.</p><script>x()</script><p>", "ko", "en", paragraph.kind, ArticleText(fmt, page), (paragraph,))
    messages = [f.message for f in checks.run(entry) if f.check == "structure"]
    # The raw script is reported; the rebuild itself keeps the page's blocks (encode escapes it).
    assert messages == ["the translation has a raw <script> tag"]


def test_each_check_reports_the_protected_parts_of_its_own_kinds_only() -> None:
    # One entry holding parts of several kinds: the URL is kept, a code span is
    # dropped once of two, a link target changes and a placeholder is added.
    entry = Entry(
        "See [the report](https://a.kr/r) at https://b.kr/p and {name}, `code` and `code` again.",
        "[보고서](https://a.kr/x)는 https://b.kr/p 에 있고 {name} {other} `code` 참조.",
        "en",
        "ko",
    )
    assert [(f.check, f.message) for f in checks.run(entry)] == [
        ("markup", "code span '`code`' is missing"),
        ("markup", "link target '](https://a.kr/r)' is missing"),
        ("markup", "link target '](https://a.kr/x)' is not in the source"),
        ("placeholders", "placeholder '{other}' is not in the source"),
    ]


# Checks skip work when the translation cannot hold what they look for; what they
# report must stay the same at the edges of those shortcuts.


def test_hangul_left_only_in_a_link_target_is_no_korean_translation() -> None:
    entry = en_ko("Rail unions called off the strike.", "Rail unions [called off](https://노조.kr/파업) the strike.")
    assert "script" in found(entry)


def test_hangul_inside_code_in_an_english_translation_is_not_flagged() -> None:
    assert "script" not in found(ko_en("그는 `김치`를 입력했다.", "He typed `김치`."))


def test_a_control_character_the_source_has_may_stay() -> None:
    assert "control-chars" not in found(ko_en("실적을\u0007 발표했다.", "It reported\u0007 its results."))
    assert "control-chars" in found(ko_en("실적을\u0007 발표했다.", "It reported\u0007 its \u0008results."))


@pytest.mark.parametrize(
    "entry",
    [
        ko_en("그는 (구호를 외쳤다.", "He chanted a slogan."),  # unbalanced only in the source
        ko_en("`f(x` 를 실행한다.", "Run `f(x` now."),  # the bracket is inside code
    ],
)
def test_brackets_the_translation_does_not_leave_open_are_not_flagged(entry: Entry) -> None:
    assert "brackets" not in found(entry)


@pytest.mark.parametrize("entry", [ko_en("BTS", "bts"), ko_en("2026", "2026.")])
def test_english_conventions_need_words_in_the_source(entry: Entry) -> None:
    assert not found(entry) & {"capitalisation", "end-punctuation"}


def test_an_entry_reads_each_text_once_and_stays_equal_to_a_fresh_one() -> None:
    entry = ko_en("정부는 3만 명을 지원한다.", "The government supports 30,000 people.")
    assert entry.readings is entry.readings  # computed on first read, then kept
    assert entry.figures is entry.figures
    fresh = ko_en("정부는 3만 명을 지원한다.", "The government supports 30,000 people.")
    assert entry == fresh and hash(entry) == hash(fresh)
    assert fresh.readings == entry.readings == (numbers.read(entry.source), numbers.read(entry.target))


def test_a_translation_in_words_is_read_only_when_the_source_asks_something_of_it() -> None:
    # "1명" is as often "a" or "single" as "one": nothing the words could miss.
    nothing_asked = ko_en("1명이 다쳤다.", "A man was hurt.")
    assert nothing_asked.readings[1] is numbers.NO_READING
    assert not found(nothing_asked) & {"numbers", "dates", "conversions"}
    asked = ko_en("3명이 다쳤다.", "Three people were hurt.")
    assert asked.readings == (numbers.read(asked.source), numbers.read(asked.target))
    assert not found(asked) & {"numbers", "dates"}
    changed = ko_en("3명이 다쳤다.", "Four people were hurt.")
    assert "numbers" in found(changed)


@pytest.mark.parametrize(
    "text", ["2026년 11월 28일 3만 명이 모였다.", "Nov. 28, 2026: 30,000 people, 3rd time, F-16, 2-1", "1~9월", "19일 오후 5시"]
)
def test_a_translation_that_is_its_source_copied_is_not_read_for_figures(text: str) -> None:
    copied = ko_en(text, text)
    assert not copied.figures_to_compare
    assert not found(copied) & {"numbers", "dates", "conversions"}
    assert "readings" not in copied.__dict__
    # Read and compared in full, the copy states the same figures and dates.
    assert not numbers.compare(*copied.readings)
    assert numbers.date_conflicts(*copied.readings) == ((), ())


def test_the_figure_reader_is_imported_when_an_entry_is_first_checked() -> None:
    # Importing the reader compiles its patterns: `l10n status` and `check --list`
    # import the checks without it. Once it is used, the checks hold the module itself.
    probe = (
        "import sys, types\n"
        "from l10n.qa import checks\n"
        "assert [check.id for check in checks.CHECKS.values()][4] == 'numbers'\n"
        "assert 'l10n.text.numbers' not in sys.modules\n"
        "assert [f.check for f in checks.run(checks.Entry('3명이 다쳤다.', 'Four were hurt.', 'ko', 'en'))] == ['numbers']\n"
        "assert isinstance(checks.numbers, types.ModuleType) and checks.numbers is sys.modules['l10n.text.numbers']\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


_SPACED = st.lists(
    st.one_of(st.sampled_from([" ", "  ", "\t", "\n", "\u3000", "\u00a0", "\u2028", "기사", "news", "`code`", "e\u0301"]), st.text(max_size=3)),
    max_size=8,
).map("".join)


@given(_SPACED)
@settings(max_examples=300)
def test_the_length_check_counts_every_character_but_whitespace(text: str) -> None:
    # _letters counts plain spaces without splitting; any other whitespace must
    # still be left out, as str.split() leaves it out.
    assert checks._letters(readable_text(text)) == len("".join(unicodedata.normalize("NFC", readable_text(text)).split()))


@given(_SPACED, _SPACED)
@settings(max_examples=300)
def test_a_translation_is_an_echo_exactly_when_its_words_are_the_sources(source: str, target: str) -> None:
    same = " ".join(source.split()) == " ".join(target.split())
    echo = "echo" in found(Entry(source, target, "en", "ko")) or "echo" in found(Entry(source, target, "ko", "en"))
    assert echo <= same
    if same and target.strip():
        readable = readable_text(source)
        assert echo == (checks._has_words(readable, "en") or checks._has_words(readable, "ko"))


def test_a_month_named_without_digits_is_still_a_date_to_keep() -> None:
    # Pairs without a digit skip the figure checks' reading, unless a month is named.
    assert "dates" in found(en_ko("The council met in November.", "의회가 회의를 열었다."))
    assert not found(en_ko("The council met twice.", "의회가 두 번 회의를 열었다.")) & {"numbers", "dates"}


def test_a_conversion_below_zero_is_a_notice_and_a_changed_share_names_both_figures() -> None:
    # An added Fahrenheit figure for a temperature under zero is a conversion, not a figure.
    findings = checks.run(ko_en("철원은 영하 15도까지 떨어졌다.", "Cheorwon fell to minus 15 C (5 F)."))
    assert [(f.check, f.severity) for f in findings if f.check in ("numbers", "conversions")] == [
        ("conversions", Severity.NOTICE)
    ]
    # A share the fraction does not round to is flagged, naming the fraction.
    findings = checks.run(ko_en("가구의 40%가 1인 가구다.", "A quarter of households are single-person households."))
    assert [f.message for f in findings if f.severity is Severity.ERROR] == [
        "number '40' of the source is not in the translation, which has 'A quarter'"
    ]


def test_words_each_language_uses_for_a_figure_are_not_flagged() -> None:
    entries = [
        ko_en("관중 가운데 10대가 절반이었다.", "Half of the crowd were teenagers."),
        ko_en("이 앨범은 백만 장 넘게 팔렸다.", "The album sold more than 1 million copies."),
        ko_en("공연은 0시에 끝났다.", "The show ended at midnight."),
        ko_en("두 팀은 0-0으로 비겼다.", "The two sides played out a goalless draw."),
        ko_en("법안은 제7조를 고친다.", "The bill amends Article 7."),
    ]
    for entry in entries:
        assert not [f for f in checks.run(entry) if f.severity is Severity.ERROR], entry.source


# --------------------------------------------------------------------------- shortcuts
# Each check asks a cheap question first that settles most entries; these hold each
# shortcut to the plain form it stands for.

_MARKED = st.lists(
    st.sampled_from(["가", "a", "A", " ", "\n", "\n\n", "*", "**", "_", "__", "~", "~~", "#", "## ", "<", "<script>", "<SCRIPT ", "\x07", "\u202e", "\t", "(", ")", "[", "]", "{", "}", '"', "\u201c", "\u201d", "\u300c", "\u300d", "`", "`(`"]),
    max_size=10,
).map("".join)


@given(_MARKED, _MARKED)
@settings(max_examples=400)
def test_the_quick_answers_of_the_checks_are_the_plain_ones(source: str, target: str) -> None:
    for kind in ("paragraph", "heading"):
        entry = Entry(source, target, "ko", "en", kind)
        emphasis = [
            f"the source has {source.count(m)} {m!r} emphasis markers, the translation {target.count(m)}"
            for m in ("**", "__", "~~")
            if source.count(m) != target.count(m)
        ]
        assert [p for p in checks._markup(entry, checks.NO_GLOSSARY) if "emphasis" in p] == emphasis
        breaks = (source.count("\n"), target.count("\n"))
        assert bool(checks._line_breaks(entry, checks.NO_GLOSSARY)) == (breaks[0] != breaks[1])
        assert bool(checks._control_chars(entry, checks.NO_GLOSSARY)) == bool(
            Counter(checks._CONTROL.findall(target)) - Counter(checks._CONTROL.findall(source))
        )
        script = bool(checks._SCRIPT_TAG.search(target)) and not checks._SCRIPT_TAG.search(source)
        if script:
            assert checks._structure(entry, checks.NO_GLOSSARY) == ["the translation has a raw <script> tag"]
        heading = kind == "heading" and checks._HEADING_MARKS.match(target) and not checks._HEADING_MARKS.match(source)
        if not script and heading:
            assert "starts with" in checks._structure(entry, checks.NO_GLOSSARY)[0]
        if not script and not heading:
            added = len(checks._BLANK_LINE.findall(target)) - len(checks._BLANK_LINE.findall(source))
            assert bool(checks._structure(entry, checks.NO_GLOSSARY)) == (added > 0)
        assert checks._capitalisation(entry, checks.NO_GLOSSARY) == _capitalisation_plainly(entry)
        assert checks._never_translate(entry, checks.NO_GLOSSARY) == []
        assert checks._brackets(entry, checks.NO_GLOSSARY) == _brackets_plainly(source, target)
        if target.strip():
            assert not checks._blank(entry, checks.NO_GLOSSARY)  # so run() leaves it out


def _capitalisation_plainly(entry: Entry) -> list[str]:
    """The capitalisation check reading the first word of every translation."""
    match = checks._FIRST_WORD.search(entry.target)
    if entry.kind.startswith("table") or match is None:
        return []
    word = match.group("word")
    lowercase = word[0].islower() and not any(ch.isupper() for ch in word[1:])
    if lowercase and not entry.source.lstrip().startswith(word) and checks._has_words(entry.source_readable, "ko"):
        return [f"the translation starts with a lowercase letter ({word!r})"]
    return []


def _brackets_plainly(source: str, target: str) -> list[str]:
    """The bracket check asking every pair and counting every quote."""
    source, target = checks._without_code(source), checks._without_code(target)
    problems = [
        f"unbalanced {opening}{closing} in the translation"
        for opening, closing in checks._PAIRS
        if checks._balanced(source, opening, closing) and not checks._balanced(target, opening, closing)
    ]
    if source.count('"') % 2 == 0 and target.count('"') % 2:
        problems.append('odd number of " quotes in the translation')
    return problems


@given(_SPACED, _SPACED)
@settings(max_examples=300)
def test_an_echo_is_found_only_where_the_first_words_agree(source: str, target: str) -> None:
    entry = Entry(source, target, "ko", "en")
    if checks._echo(entry, checks.NO_GLOSSARY):
        assert source.split()[:1] == target.split()[:1]


@given(st.one_of(st.none(), st.text(st.sampled_from(["a", "\n", "\r", "-", ":"]), max_size=8)))
def test_the_block_kind_is_the_comment_s_first_line(comment: str | None) -> None:
    assert block_kind(comment) == (comment or "paragraph").split("\n")[0]


def test_the_characters_the_quick_answers_rely_on() -> None:
    # A printable translation has no control or bidirectional character to find.
    assert not any(chr(code).isprintable() for code in range(0x110000) if checks._CONTROL.match(chr(code)))
    # An ASCII translation has no Hangul; a script tag starts with "<".
    assert not any(checks.has_hangul(chr(code)) for code in range(128))
    assert checks._SCRIPT_TAG.pattern.startswith("<")


def test_a_catalog_entry_is_the_entry_its_fields_make() -> None:
    # catalog_entry makes its Entry without __init__ (frozen.filler_of): the same
    # object while Entry stays a plain frozen dataclass.
    assert not hasattr(Entry, "__post_init__") and "__slots__" not in vars(Entry)
    assert all(f.init for f in dataclasses.fields(Entry))
    entry, skip = checks.catalog_entry("삼성전자가 실적을 냈다.", "Samsung posted results.", "en-US", comment="heading\nnote", tcomment="", ignore=frozenset({"numbers"}))
    made = Entry("삼성전자가 실적을 냈다.", "Samsung posted results.", "ko", "en-US", "heading")
    # Every field in Entry's order but the source's language, detected when first read.
    assert list(vars(entry)) == [name for name in checks._ENTRY_FIELDS if name != "source_lang"]
    assert entry == made and repr(entry) == repr(made) and skip == {"numbers"}
    assert vars(entry) == {**vars(made), "source_readable": made.source_readable}
    assert entry.source_readable == readable_text(entry.source) and checks.run(entry) == checks.run(made)
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.target = "changed"  # type: ignore[misc]
    _, skip = checks.catalog_entry("a", "b", "ko", comment=None, tcomment="l10n: ignore dates", ignore=frozenset({"numbers"}))
    assert skip == {"numbers", "dates"}


# --- run() leaves out a check that cannot find anything in an entry -------------------------

_FIGURE_PIECES = st.sampled_from(
    ["3", "1,000", "2026년", "11월 28일", "Nov. 28", "November", "15도", "5 F", "km", "miles", "절반", "half", "40%", "기사", "news", " ", "."]
)
_FIGURE_TEXT = st.lists(st.one_of(_FIGURE_PIECES, st.text(max_size=3)), max_size=8).map("".join)


def _every_check_called(entry: Entry, glossary: Glossary = checks.NO_GLOSSARY) -> list[checks.Finding]:
    """run() as it was before it left checks out: every applicable check called."""
    if entry.target == "":
        return []
    english, blank = checks._base(entry.target_lang) == "en", not entry.target.strip()
    return [
        checks.Finding(check.id, check.severity, message)
        for check in checks.CHECKS.values()
        if (english or not check.english_only) and (check.id == "blank") == blank
        for message in check.run(entry, glossary)
    ]


@given(_FIGURE_TEXT, _FIGURE_TEXT, st.booleans())
@settings(max_examples=300, deadline=None)
def test_a_check_left_out_for_an_entry_would_have_found_nothing(source: str, target: str, korean_source: bool) -> None:
    entry = Entry(source, target, "ko", "en") if korean_source else Entry(source, target, "en", "ko")
    for check in checks.CHECKS.values():
        if check.only_if and not getattr(Entry(entry.source, entry.target, entry.source_lang, entry.target_lang), check.only_if):
            assert check.run(entry, checks.NO_GLOSSARY) == [], check.id
        if check.glossary_only:
            assert check.run(entry, checks.NO_GLOSSARY) == [], check.id
    assert checks.run(entry) == _every_check_called(Entry(entry.source, entry.target, entry.source_lang, entry.target_lang))
    copied = Entry(source, source, entry.source_lang, entry.target_lang)
    assert checks.run(copied) == _every_check_called(Entry(source, source, entry.source_lang, entry.target_lang))


def test_glossary_checks_are_left_out_only_without_glossary_terms() -> None:
    source, target = "국방부가 KOSPI를 발표했다.", "The ministry announced the index."
    findings = checks.run(ko_en(source, target), glossary=GLOSSARY)
    assert {"glossary", "never-translate"} <= {f.check for f in findings}
    assert findings == _every_check_called(ko_en(source, target), GLOSSARY)
    assert checks.run(ko_en(source, target)) == _every_check_called(ko_en(source, target))


# Pieces that make protected parts, and pieces that come close to one without being one.
_PART_PIECES = st.sampled_from(
    ["{name}", "%s", "%(count)d", "[^1]", "https://mnd.go.kr", "www.kbs.co.kr/news", "hong@kbs.co.kr", "[link](https://x.kr)",
     "`code`", "<b>", "</b>", "<br/>", "**", "{", "}", "%", "@", "://", "기사", "news", " "]
)
_PART_TEXT = st.lists(st.one_of(_PART_PIECES, st.text(max_size=3)), max_size=8).map("".join)


@given(_PART_TEXT, _PART_TEXT, st.booleans())
@settings(max_examples=300, deadline=None)
def test_the_placeholder_and_url_checks_are_left_out_only_for_texts_without_parts(source: str, target: str, korean_source: bool) -> None:
    entry = Entry(source, target, "ko", "en") if korean_source else Entry(source, target, "en", "ko")
    if entry.parts is None:
        assert checks.CHECKS["placeholders"].run(entry, checks.NO_GLOSSARY) == []
        assert checks.CHECKS["urls"].run(entry, checks.NO_GLOSSARY) == []
    assert checks.run(entry) == _every_check_called(Entry(entry.source, entry.target, entry.source_lang, entry.target_lang))


_LANGUAGE_PIECES = st.sampled_from(["삼성전자", "는", "Samsung", "Electronics", "(김치)", "2026", "https://kbs.co.kr", "`code`", "<b>", " ", ".", "大韓"])
_LANGUAGE_TEXT = st.lists(st.one_of(_LANGUAGE_PIECES, st.text(max_size=3)), max_size=8).map("".join)


@given(_LANGUAGE_TEXT, st.one_of(_LANGUAGE_TEXT, _FIGURE_TEXT), st.sampled_from(["en", "ko", "en_US"]), st.booleans())
@settings(max_examples=300, deadline=None)
def test_a_catalog_entry_tells_its_source_language_only_when_a_check_asks(source: str, target: str, lang: str, errors_only: bool) -> None:
    # catalog_entry leaves the source's language out until it is read: the checks
    # that need it find what they found with it given, and the entry equals the one
    # made with it, whichever is read first.
    from l10n.text.language import detect_language
    from l10n.text.locales import base_language

    skip = frozenset(check.id for check in checks.CHECKS.values() if check.severity is not Severity.ERROR) if errors_only else frozenset()
    entry, _ = checks.catalog_entry(source, target, lang, comment="heading", tcomment="", ignore=skip)
    given_lang = Entry(source, target, detect_language(source) or "", base_language(lang), "heading")
    assert checks.run(entry, glossary=GLOSSARY, skip=skip) == checks.run(given_lang, glossary=GLOSSARY, skip=skip)
    assert entry == given_lang and repr(entry) == repr(given_lang) and hash(entry) == hash(given_lang)
    assert entry.source_lang == given_lang.source_lang


def test_a_build_s_checks_of_a_plain_translation_do_not_tell_its_source_language() -> None:
    # The checks that can block a build read the source's language only of a
    # translation that looks wrong (an echo, a Korean one without Hangul).
    errors_only = frozenset(check.id for check in checks.CHECKS.values() if check.severity is not Severity.ERROR)
    for source, target, lang in (("부산항은 1876년에 열렸다.", "The port of Busan opened in 1876.", "en"), ("Busan opened in 1876.", "부산항은 1876년에 열렸다.", "ko")):
        entry, skip = checks.catalog_entry(source, target, lang, comment=None, tcomment="", ignore=errors_only)
        assert checks.run(entry, skip=skip) == []
        assert "source_lang" not in vars(entry)
    echoed, skip = checks.catalog_entry("Busan opened.", "Busan opened.", "ko", comment=None, tcomment="", ignore=errors_only)
    assert [finding.check for finding in checks.run(echoed, skip=skip)] == ["script", "echo"]
    assert vars(echoed)["source_lang"] == "en"


def test_a_catalog_entry_given_its_block_kind_is_the_entry_its_comment_makes() -> None:
    # Publishing knows each entry's block kind already and passes it on, so
    # catalog_entry does not read the comment a second time.
    for comment in (None, "heading", "table cell\nnote", "front-matter title"):
        made, made_skip = checks.catalog_entry("전국 3만 명", "30,000 people", "en", comment=comment, tcomment="", ignore=frozenset())
        given_kind, given_skip = checks.catalog_entry(
            "전국 3만 명", "30,000 people", "en", comment=comment, tcomment="", ignore=frozenset(), kind=block_kind(comment)
        )
        assert vars(given_kind) == vars(made) and given_skip == made_skip


@given(st.one_of(_PART_TEXT, _FIGURE_TEXT), st.one_of(_PART_TEXT, _FIGURE_TEXT))
@settings(max_examples=300, deadline=None)
def test_what_an_entry_keeps_for_both_texts_is_each_text_s_own(source: str, target: str) -> None:
    # Entry keeps both texts' parts, and both texts' figure gates, as one value each.
    entry = Entry(source, target, "ko", "en")
    source_parts, target_parts = checks._parts(source), checks._parts(target)
    assert entry.parts == ((source_parts, target_parts) if source_parts or target_parts else None)
    source_may, target_may = numbers.may_state_a_figure(source), numbers.may_state_a_figure(target)
    to_compare = source != target and (source_may or target_may)
    assert entry.figures_to_compare == ((source_may, target_may) if to_compare else None)
    # Read in full, the two texts differ as the readings the checks take differ.
    full = (numbers.read(source), numbers.read(target))
    assert numbers.compare(*entry.readings) == numbers.compare(*full)
    assert numbers.date_conflicts(*entry.readings) == numbers.date_conflicts(*full)


_OPENINGS = st.lists(
    st.sampled_from([" ", "\u3000", "*", "_", "~", "[", "(", '"', "\u201c", "\u2018", "'", ">", "#", "-", "A", "a", "\u00c9", "\u00e9", "\u01c5", "\u24b6", "\u24d0", "1", "가", "\u00df"]),
    max_size=4,
).map("".join)


@given(_OPENINGS, st.text(max_size=4), _SPACED)
@settings(max_examples=300)
def test_the_capitalisation_check_settles_a_capital_first_character_at_once(opening: str, rest: str, source: str) -> None:
    for kind in ("paragraph", "table-cell"):
        entry = Entry(source, opening + rest, "ko", "en", kind)
        assert checks._capitalisation(entry, checks.NO_GLOSSARY) == _capitalisation_plainly(entry)


def test_no_uppercase_character_is_skipped_before_the_first_word() -> None:
    # So a translation starting with one has it, or nothing, as its first word's start.
    for code in range(sys.maxunicode + 1):
        if chr(code).isupper():
            match = checks._FIRST_WORD.search(chr(code) + "x")
            assert match is None or match.start("word") == 0, hex(code)
