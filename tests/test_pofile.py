"""A catalog we write is byte for byte what GNU msgcat prints, and broken catalogs are
refused with the file, the line and what to do."""

from __future__ import annotations

import itertools
import re
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.errors import L10nError
from l10n.po import linebreak, writer
from l10n.po.lexer import Translation, check_po, parse_po, read_translations
from l10n.po.linebreak import line_starts, line_starts_fast, widths
from l10n.po.writer import (
    PoEntry,
    escape,
    extracted_comment_lines,
    format_entry,
    format_po,
    format_string,
    format_untranslated,
    quote_reference,
)
from tests.conftest import requires

HEADER = PoEntry(msgid="", msgstr="Content-Type: text/plain; charset=UTF-8\n")


def msgcat(text: str, tmp_path: Path) -> str:
    source = tmp_path / "in.po"
    source.write_text(text, encoding="utf-8")
    done = subprocess.run(["msgcat", str(source)], capture_output=True, check=True)
    return done.stdout.decode("utf-8")


# --- golden examples --------------------------------------------------------------------

KO = "정부는 올해 하반기 경제 전망을 발표하면서 수출이 회복세를 보이고 있다고 밝혔다."


@pytest.mark.parametrize(
    ("keyword", "value", "prefix", "expected"),
    [
        ("msgid", "", "", 'msgid ""\n'),
        ("msgid", "Seoul", "", 'msgid "Seoul"\n'),
        # A value ending in its only newline stays on one line.
        ("msgid", "Seoul\n", "", 'msgid "Seoul\\n"\n'),
        ("msgid", "one\ntwo", "", 'msgid ""\n"one\\n"\n"two"\n'),
        ("msgstr", 'say "hi"\tnow\\', "", 'msgstr "say \\"hi\\"\\tnow\\\\"\n'),
        # 79 columns exactly fit; one more moves the text under an empty first line.
        ("msgid", "a" * 70, "", f'msgid "{"a" * 70}"\n'),
        ("msgid", "a" * 36 + " " + "b" * 35, "", f'msgid ""\n"{"a" * 36} {"b" * 35}"\n'),
        # Korean counts two columns per syllable and may break between syllables.
        (
            "msgstr",
            KO,
            "",
            'msgstr ""\n'
            '"정부는 올해 하반기 경제 전망을 발표하면서 수출이 회복세를 보이고 있다고 밝혔'
            '"\n"다."\n',
        ),
        # A URL breaks after its slashes and dots, never inside an escape.
        (
            "msgid",
            "See https://news.example.com/2024/economy/outlook-second-half.html?lang=ko now",
            "",
            'msgid ""\n"See https://news.example.com/2024/economy/outlook-second-half.html?'
            'lang=ko "\n"now"\n',
        ),
        ("msgid", "old text", "#| ", '#| msgid "old text"\n'),
        ("msgstr", "x" * 40 + " " + "y" * 40, "#~ ", f'#~ msgstr ""\n#~ "{"x" * 40} "\n#~ "{"y" * 40}"\n'),
    ],
)
def test_strings_are_split_like_gnu(keyword: str, value: str, prefix: str, expected: str) -> None:
    assert format_string(keyword, value, prefix) == expected


def test_an_entry_prints_every_part_in_gnu_order() -> None:
    entry = PoEntry(
        msgid="Exports rose",
        msgstr="수출이 늘었다",
        msgctxt="headline",
        tcomments=("check the tone", ""),
        comments=("heading", "source: ko"),
        references=tuple(f"./content/economy/article-{n:03d}.md:{n}" for n in range(1, 6)),
        flags=("no-c-format", "fuzzy", "unknown-flag"),
        previous_msgid="Exports fell",
    )
    assert format_entry(entry) == (
        "# check the tone\n"
        "#\n"
        "#. heading\n"
        "#. source: ko\n"
        "#: content/economy/article-001.md:1 content/economy/article-002.md:2\n"
        "#: content/economy/article-003.md:3 content/economy/article-004.md:4\n"
        "#: content/economy/article-005.md:5\n"
        "#, fuzzy, no-c-format\n"
        '#| msgid "Exports fell"\n'
        'msgctxt "headline"\n'
        'msgid "Exports rose"\n'
        'msgstr "수출이 늘었다"\n'
    )


def test_obsolete_entries_keep_their_translation_and_drop_when_untranslated() -> None:
    kept = PoEntry(msgid="Gone", msgstr="사라짐", obsolete=True, previous_msgid="Went", flags=("fuzzy",))
    empty = PoEntry(msgid="Nothing", obsolete=True)
    assert format_po([HEADER, kept, empty]) == (
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        '#, fuzzy\n#~| msgid "Went"\n#~ msgid "Gone"\n#~ msgstr "사라짐"\n'
    )


def test_plural_entries_number_their_translations() -> None:
    entry = PoEntry(msgid="%d article", msgid_plural="%d articles", msgstr_plural=("기사 %d건",))
    assert format_entry(entry) == (
        'msgid "%d article"\nmsgid_plural "%d articles"\nmsgstr[0] "기사 %d건"\n'
    )


# --- identical to msgcat ----------------------------------------------------------------

# Written for these tests: Korean and English news sentences, paired as msgid/msgstr.
NEWS = [
    ("서울시는 내년부터 심야 버스 노선을 열두 개로 늘리고 배차 간격을 평균 15분으로 줄인다고 20일 밝혔다.",
     "Seoul will expand late-night bus routes to twelve next year and cut the average interval to 15 minutes, the city said on the 20th."),
    ("한국은행은 기준금리를 연 3.50%로 동결했다.", "The Bank of Korea kept its base rate at 3.50 percent."),
    ("“시장의 불확실성이 여전히 크다”고 총재는 말했다.", "\u201cMarket uncertainty remains high,\u201d the governor said."),
    ("지난달 수출은 작년 같은 달보다 7.8% 증가한 546억 달러(약 71조 원)를 기록했다.",
     "Exports last month rose 7.8% from a year earlier to $54.6 billion (about 71 trillion won)."),
    ("기상청은 주말 동안 남부 지방에 최대 120mm의 비가 내릴 것으로 예상된다며 피해 예방에 유의해 달라고 당부했다.",
     "The weather agency forecast up to 120mm of rain in the southern regions over the weekend and urged caution."),
    ("자세한 내용은 홈페이지(https://www.example.go.kr/notice/2024)에서 확인할 수 있다.",
     "Details are available on the website (https://www.example.go.kr/notice/2024)."),
    ("삼성전자·SK하이닉스 등 반도체 업체의 실적이 개선되면서 코스피는 2,650선을 회복했다.",
     "The KOSPI recovered the 2,650 mark as chipmakers such as Samsung Electronics and SK hynix posted better results."),
    ("정부는 '청년 주거 지원 특별법' 개정안을 국회에 제출했다.",
     "The government submitted an amendment to the 'Special Act on Youth Housing Support' to the National Assembly."),
    ("부산국제영화제가 오는 10월 2일부터 11일까지 열흘간 해운대 일대에서 열린다.",
     "The Busan International Film Festival runs for ten days from Oct. 2 to 11 around Haeundae."),
    ("이번 조사는 전국 성인 1,000명을 대상으로 실시됐으며 표본오차는 95% 신뢰수준에 ±3.1%포인트다.",
     "The survey of 1,000 adults nationwide has a margin of error of plus or minus 3.1 percentage points at the 95% confidence level."),
    ("경찰은 사고 원인을 조사하고 있다.", "Police are investigating the cause of the accident."),
    ("그는 \"다음 주에 다시 논의하겠다\"며 자리를 떠났다.", "He left, saying \"we will discuss it again next week.\""),
    ("올해 1~3분기 누적 관광객은 약 850만 명으로, 코로나19 이전인 2019년의 92% 수준까지 회복됐다.",
     "Cumulative visitors in the first three quarters reached about 8.5 million, 92% of the pre-pandemic level of 2019."),
    ("교육부는 2025학년도 대학수학능력시험을 11월 14일에 치른다고 공고했다.",
     "The Ministry of Education announced that the 2025 college entrance exam will be held on Nov. 14."),
    ("행사 문의: 010-1234-5678 / press@example.kr", "Inquiries: 010-1234-5678 / press@example.kr"),
    ("[속보] 수도권에 대설주의보 발령…출근길 교통 혼잡 예상",
     "[Breaking] Heavy snow advisory for the capital area; commuter traffic expected to be congested"),
    ("연구팀은 인공지능(AI) 모델을 활용해 단백질 구조를 예측하는 데 성공했다고 국제 학술지 《네이처》에 발표했다.",
     "The team reported in the journal Nature that it had predicted protein structures using an artificial intelligence (AI) model."),
    ("주최 측은 「안전 관리 지침」에 따라 입장 인원을 3만 명으로 제한했다.",
     "Organizers capped attendance at 30,000 under the safety management guidelines."),
    ("현대차는 전기차 아이오닉 5의 미국 판매량이 전년 대비 40% 늘었다고 밝혔다.",
     "Hyundai said U.S. sales of its Ioniq 5 electric car rose 40% from a year earlier."),
    ("국회는 본회의에서 내년도 예산안 656조 9천억 원을 통과시켰다.",
     "The National Assembly passed next year's 656.9 trillion won budget at a plenary session."),
    ("이 기사는 2024년 5월 3일 오후 4시 30분에 업데이트되었습니다.",
     "This article was updated at 4:30 p.m. on May 3, 2024."),
    ("날씨: 맑음, 최고 기온 27℃, 미세먼지 '보통'", "Weather: clear, high of 27°C, fine dust 'moderate'"),
    ("두 정상은 공동성명에서 \"한반도의 완전한 비핵화\"라는 목표를 재확인했다.",
     "In a joint statement, the two leaders reaffirmed the goal of \"complete denuclearization of the Korean Peninsula.\""),
    ("소비자물가지수(CPI)는 전월 대비 0.2% 올라 시장 예상치(0.3%)를 밑돌았다.",
     "The consumer price index (CPI) rose 0.2% month on month, below the market forecast of 0.3%."),
    ("선수단은 금메달 13개, 은메달 9개, 동메달 10개로 종합 8위를 차지했다.",
     "The team finished eighth overall with 13 gold, 9 silver and 10 bronze medals."),
]


@requires("msgcat")
def test_realistic_news_catalog_is_what_msgcat_prints(tmp_path: Path) -> None:
    entries = [HEADER]
    for number, (ko, en) in enumerate(NEWS, start=1):
        entries.append(PoEntry(msgid=ko, msgstr=en, references=(f"content/{number}.md:3",)))
        entries.append(PoEntry(msgid=en + "\n" + en, msgstr=ko + " " + ko, comments=("paragraph",)))
    ours = format_po(entries)
    assert msgcat(ours, tmp_path) == ours


# Characters news text mixes: Hangul, Latin, digits, spaces and the punctuation around
# them, escapes, CJK brackets, emoji.
ALPHABET = st.sampled_from(
    list("가나다라한국어뉴스기사정부 abcdefghijklmnopqrstuvwxyz ABC 0123456789   ")
    + list(".,;:!?'\"()[]{}<>-/\\%$#@&*+=_|~\n\t")
    + list("“”‘’…·、。「」『』《》（）［］！？：，※℃€₩—–")
    + ["1,000.5", "https://example.com/a?b=c", "😀", "🇰🇷", "\u00a0", "\u3000"]
)
TEXT = st.lists(ALPHABET, max_size=120).map("".join)


@requires("msgcat")
@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.tuples(TEXT, TEXT, st.one_of(st.none(), TEXT), st.one_of(st.none(), TEXT), st.booleans()),
        min_size=1,
        max_size=25,
    )
)
def test_random_catalogs_are_what_msgcat_prints(tmp_path: Path, rows: list[tuple]) -> None:
    entries, seen = [HEADER], set()
    for number, (msgid, msgstr, msgctxt, previous, fuzzy) in enumerate(rows):
        msgid = f"{msgid} {number}"  # unique and never the header's empty msgid
        if (msgctxt, msgid) in seen:
            continue
        seen.add((msgctxt, msgid))
        entries.append(
            PoEntry(
                msgid=msgid,
                msgstr=msgstr,
                msgctxt=msgctxt,
                previous_msgid=previous,
                flags=("fuzzy",) if fuzzy else (),
                references=(f"content/{number}.md:{number + 1}",) * (number % 3),
            )
        )
    ours = format_po(entries)
    assert msgcat(ours, tmp_path) == ours


@given(st.lists(st.one_of(ALPHABET, st.sampled_from(list("\t\r\a\b\f\v\\\""))), max_size=60).map("".join))
def test_a_string_is_escaped_alike_with_or_without_the_rare_escapes(text: str) -> None:
    # Plain strings take three replaces, strings with a tab, CR, bell, backspace, form
    # feed or vertical tab the whole table: both write what GNU writes.
    table = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r", "\a": "\\a", "\b": "\\b", "\f": "\\f", "\v": "\\v"}
    assert escape(text) == "".join(table.get(character, character) for character in text)


@given(st.lists(ALPHABET, min_size=1, max_size=300).map("".join), st.integers(0, 20))
def test_fast_and_careful_line_breakers_agree(text: str, start: int) -> None:
    text = text.replace("\\", "/").replace("\n", " ")  # escapes are the caller's business
    assert line_starts_fast(text, set(), 77, start, widths(text)) == line_starts(text, set(), 77, start)


@given(st.lists(ALPHABET, min_size=1, max_size=300).map("".join), st.integers(0, 20))
def test_the_first_cut_alone_is_the_first_of_all_cuts(text: str, start: int) -> None:
    text = text.replace("\\", "/").replace("\n", " ")
    sizes = widths(text)
    assert linebreak.breaks(text, set(), 77, start, sizes, first_only=True) == linebreak.breaks(text, set(), 77, start, sizes)[:1]


@given(st.lists(ALPHABET, min_size=1, max_size=300).map("".join), st.integers(1, 20))
def test_a_text_cut_on_lines_of_its_own_is_cut_after_a_keyword_too(text: str, start: int) -> None:
    # The writer relies on it: a value it cuts from the start of a line goes on the
    # line after its keyword, without looking for a cut after the keyword as well.
    text = text.replace("\\", "/").replace("\n", " ")
    sizes = widths(text)
    if linebreak.breaks(text, set(), 77, 0, sizes):
        assert linebreak.breaks(text, set(), 77, start, sizes, first_only=True)


# --- strict reading -----------------------------------------------------------------------

GOOD_HEAD = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'


@pytest.mark.parametrize(
    ("body", "line", "message", "hint"),
    [
        ('msgid "open\nmsgstr ""\n', 4, "unterminated string", "double quotes"),
        ('msgid "a"\nmsgstring "b"\n', 5, "unknown keyword 'msgstring'", "msgstr[N]"),
        ('msgstr "orphan"\n', 4, "msgstr without msgid", "starts with msgid"),
        ('msgid "a"\nmsgstr "bell \\q"\n', 5, "unsupported escape sequence \\q", "\\n"),
        ('msgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n', 7, "duplicate entry (first at line 4)", "msguniq"),
        ('msgid "a"\n"stray" x\nmsgstr ""\n', 5, "expected exactly one quoted string", "double quotes"),
        ('msgid "a"\n\nmsgid "b"\nmsgstr ""\n', 4, "msgid without msgstr", 'msgstr ""'),
        ('msgid "a"\nmsgid_plural "as"\nmsgstr[1] "x"\n', 6, "msgstr[1] out of order", "numbered from 0"),
    ],
)
def test_broken_catalogs_name_the_line_and_the_fix(body: str, line: int, message: str, hint: str) -> None:
    with pytest.raises(L10nError) as caught:
        check_po((GOOD_HEAD + body).encode("utf-8"), "locales/en/news.po")
    error = caught.value
    assert (error.path, error.line, error.message) == ("locales/en/news.po", line, message)
    assert hint in error.hint


@pytest.mark.parametrize(
    ("data", "line", "message", "hint"),
    [
        (GOOD_HEAD.encode() + b'msgid "a"\nmsgstr "\xff"\n', 5, "is not valid UTF-8 (byte 0xff)", "msgconv"),
        (GOOD_HEAD.encode() + b'msgid "a"\nmsgstr "x\x00"\n', 5, "contains a NUL byte", "not a text PO"),
        (
            b'msgid ""\nmsgstr "Content-Type: text/plain; charset=EUC-KR\\n"\n',
            1,
            "declares charset EUC-KR; only UTF-8 catalogs are supported",
            "msgconv",
        ),
    ],
)
def test_bytes_that_are_not_utf8_text_are_refused(data: bytes, line: int, message: str, hint: str) -> None:
    with pytest.raises(L10nError) as caught:
        check_po(data, "ko.po")
    assert (caught.value.path, caught.value.line, caught.value.message) == ("ko.po", line, message)
    assert hint in caught.value.hint


def test_polib_alone_would_accept_a_broken_catalog(tmp_path: Path) -> None:
    # Why we check first: polib reads both entries of a duplicate without complaint and
    # keeps an unknown keyword line's text nowhere.
    path = tmp_path / "broken.po"
    path.write_text(GOOD_HEAD + 'msgid "a"\nmsgstr "x"\n\nmsgid "a"\nmsgstr "y"\n', encoding="utf-8")
    assert [entry.msgstr for entry in polib.pofile(str(path))] == ["x", "y"]
    with pytest.raises(L10nError):
        check_po(path.read_bytes(), "broken.po")


def test_what_we_write_we_accept() -> None:
    entries = [HEADER, *(PoEntry(msgid=ko, msgstr=en, previous_msgid=en) for ko, en in NEWS)]
    entries.append(PoEntry(msgid="gone", msgstr="사라짐", obsolete=True, previous_msgid="went"))
    check_po(format_po(entries).encode("utf-8"), "ok.po")


def test_the_strict_reader_hands_over_live_entries_only() -> None:
    # An obsolete entry may repeat a live key; it must neither shadow the live
    # translation nor be built with, so the reader does not collect it at all.
    body = (
        'msgid "kept"\nmsgstr "gehalten"\n\n'
        '#, fuzzy\nmsgctxt "heading"\nmsgid "draft"\nmsgstr "Entwurf"\n\n'
        '#~ msgid "kept"\n#~ msgstr "alt"\n\n'
        '#~ msgid "gone"\n#~ msgstr "weg"\n'
    )

    found = read_translations((GOOD_HEAD + body).encode("utf-8"), "de.po")

    assert found == [Translation(None, "kept", "gehalten", False), Translation("heading", "draft", "Entwurf", True)]


# What an article can hold: any text but NUL (fileio refuses it) and lone surrogates
# (UTF-8 cannot carry them); control characters included, since a BEL or an ESC in
# a pasted article goes into the catalog as it is.
ARTICLE_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\x04"), max_size=80
) | st.lists(st.sampled_from([*"\a\b\f\v\t\n\r\x1b\x7f\x85\u2028\\\"", "가", "a b"]), max_size=40).map("".join)


@requires("msgfmt")
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(ARTICLE_TEXT, ARTICLE_TEXT), min_size=1, max_size=8))
def test_whatever_the_writer_writes_the_reader_and_msgfmt_read_back(
    tmp_path: Path, rows: list[tuple[str, str]]
) -> None:
    # Brackets keep both ends alike: msgfmt --check wants msgid and msgstr to agree on
    # a leading or trailing newline (a rule for translations, not for the file format).
    entries = [HEADER, *(PoEntry(msgid=f"{n}<{msgid}>", msgstr=f"<{msgstr}>") for n, (msgid, msgstr) in enumerate(rows))]
    data = format_po(entries).encode("utf-8")

    parsed = parse_po(data, "ko.po")

    assert [(e.msgid, e.msgstr) for e in parsed.entries] == [(e.msgid, e.msgstr) for e in entries]
    path = tmp_path / "ko.po"
    path.write_bytes(data)
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")


# --- the writer's shortcuts write what the plain way writes ---------------------------


def plain_format_string(keyword: str, value: str, prefix: str = "", *, wrap: bool = True, width: int = 79) -> str:
    """GNU's layout the long way round: the value cut after each newline, every portion
    escaped, measured and broken character by character (``line_starts``), no shortcut."""
    limit = (width if wrap else 1 << 30) - 2 - len(prefix)
    portions = re.findall(r"[^\n]*\n|[^\n]+", value)
    if not portions:
        return f'{prefix}{keyword} ""\n'

    def escaped_and_cut(portion: str, start: int) -> tuple[str, list[int]]:
        text = escape(portion)
        protected, index = set(), 0
        while index < len(text):  # never inside an escape sequence
            if text[index] == "\\":
                protected.add(index + 1)
                index += 1
            index += 1
        if portion.endswith("\n"):
            protected.add(len(text) - 2)  # nor before the newline that ends a portion
        return text, line_starts(text, protected, limit, start)

    text, cuts = escaped_and_cut(portions[0], len(keyword) + 1)
    if len(portions) == 1 and not cuts:
        return f'{prefix}{keyword} "{text}"\n'
    lines = [f'{prefix}{keyword} ""\n']
    for portion in portions:
        text, cuts = escaped_and_cut(portion, 0)
        lines += [f'{prefix}"{text[a:b]}"\n' for a, b in itertools.pairwise([0, *cuts, len(text)])]
    return "".join(lines)


# What news values hold, and the characters each shortcut must leave to the plain way:
# escapes and newlines, characters of no width (soft hyphen, word joiner, zero-width
# space, a Hangul vowel jamo, a combining accent), line and paragraph separators, flags,
# and neighbours of the runs whose widths are read from code points.
VALUE_PARTS = st.sampled_from(
    [
        *"가나다라한국어뉴스기사정부 abcdefghijklmnopqrstuvwxyz ABC 0123456789    ",
        *".,;:!?'\"()[]{}<>-/\\%$#@&*+=_|~\n\t\r\a\b\f\v",
        *"“”‘’…·、。「」『』《》（）［］！？：，※℃€₩—–㎞ㅋ漢字かなカナ",
        *["😀", "🇰🇷", "\u00a0", "\u3000", "\u00ad", "\u2060", "\u200b", "\u1160", "e\u0301", "\u2028", "\x85", "\x1b"],
        *["\u00ac", "\u00ae", "\u2027", "\u202f", "\u303f", "\u3099", "\u4dc0", "\ud7a3", "\ud7b0", "\uff60", "\uff61", "\uffe6"],
        *[KO, NEWS[0][1], "https://example.com/a?b=c"],
    ]
)
VALUES = st.lists(VALUE_PARTS, max_size=60).map("".join)


@settings(max_examples=400)
@given(
    VALUES,
    st.sampled_from(["msgid", "msgstr", "msgctxt", "msgid_plural", "msgstr[1]"]),
    st.sampled_from(["", "#| ", "#~ ", "#~| "]),
    st.booleans(),
    st.sampled_from([79, 79, 40, 100]),
)
def test_strings_are_laid_out_as_the_plain_way_lays_them_out(
    value: str, keyword: str, prefix: str, wrap: bool, width: int
) -> None:
    # Every shortcut of format_string and the fast breaker (values that surely fit,
    # widths read from code points, the breaker that walks back from a line's reach,
    # an empty translation) against cutting every portion the long way.
    expected = plain_format_string(keyword, value, prefix, wrap=wrap, width=width)
    assert format_string(keyword, value, prefix, wrap=wrap, width=width) == expected


def test_an_untranslated_entry_ends_in_the_empty_msgstr_format_string_writes() -> None:
    assert format_entry(PoEntry(msgid="Seoul")) == format_string("msgid", "Seoul") + format_string("msgstr", "")
    assert format_string("msgstr", "", "#~ ") == '#~ msgstr ""\n'


# Text of the uniform runs alone, whose widths measure() reads from code points.
UNIFORM_TEXT = st.lists(st.sampled_from([*KO, *"“”‘’…·℃€₩—–㎞ㅋ漢字かなカナ（）「」", *"abc 123,.\"\\"]), min_size=1, max_size=80)


@given(st.one_of(UNIFORM_TEXT, st.lists(VALUE_PARTS, min_size=1, max_size=60)).map("".join))
def test_widths_read_from_code_points_are_the_widths_of_each_character(text: str) -> None:
    if not text.isascii():
        assert linebreak.measure(text) == linebreak._measure_each(text)


def test_every_character_of_the_uniform_runs_has_its_runs_width() -> None:
    # measure() reads a character's width from its page when every character of the
    # text lies in these runs: each must take its run's width, which its page's entry
    # gives, and be one the fast breaker knows.
    for first, last, columns in linebreak._UNIFORM_RUNS:
        assert linebreak._PAGE_WIDTHS[first >> 8] == linebreak._PAGE_WIDTHS[last >> 8] == columns
        for code in range(first, last + 1):
            char = chr(code)
            assert linebreak._WIDTH_OF[char] == columns, hex(code)
            assert linebreak._fast_breaker_knows(char), hex(code)
            assert linebreak._PAGE_WIDTHS[code >> 8] == columns, hex(code)


COMMENT_LINES = st.lists(st.sampled_from(["", "\n", "a b", "기사", " "]), max_size=4).map("".join)


@given(st.sampled_from(["#", "#."]), st.lists(COMMENT_LINES, max_size=4))
def test_comment_lines_are_one_a_line_of_each_comment(marker: str, comments: list[str]) -> None:
    # Usual comments take one join; a comment with an empty line still prints it bare.
    entry = PoEntry(msgid="x", comments=tuple(comments)) if marker == "#." else PoEntry(msgid="x", tcomments=tuple(comments))
    lines = [line for comment in comments for line in comment.split("\n")]
    expected = "".join(f"{marker} {line}\n" if line else f"{marker}\n" for line in lines)
    assert format_entry(entry) == expected + 'msgid "x"\nmsgstr ""\n'


@given(
    VALUES.filter(bool),
    st.one_of(st.none(), VALUES),
    st.lists(COMMENT_LINES, max_size=3),
    st.lists(st.sampled_from(["content/a.md:3", "./b c.html:12", "content/기사.html"]), max_size=3),
)
def test_a_new_entry_printed_with_its_comments_ready_is_printed_as_format_entry_prints_it(
    msgid: str, msgctxt: str | None, comments: list[str], references: list[str]
) -> None:
    # A new catalog prints its entries' comment lines once per kind, and each entry
    # without a PoEntry: the same text as the plain way.
    comment = "\n".join(comments)
    entry = PoEntry(msgid, msgctxt=msgctxt, comments=tuple(comment.split("\n")) if comment else (), references=tuple(references))
    assert format_untranslated(msgid, msgctxt, extracted_comment_lines(comment), tuple(references)) == format_entry(entry)


@given(st.lists(st.one_of(VALUE_PARTS, st.sampled_from(list("\t\r\a\b\f\v\\\"\n"))), max_size=40).map("".join))
def test_the_escapes_a_string_needs_are_found_by_looking_for_each(value: str) -> None:
    # The writer looks for each escaped character with ``in`` rather than with a
    # character class: the two must find the same.
    assert writer._needs_escape(value) == any(char in writer._ESCAPES for char in value)
    assert writer._has_rare_escape(value) == any(char in writer._ESCAPES and char not in '\\"\n' for char in value)


def test_only_the_space_among_white_space_characters_is_printable() -> None:
    # A reference without a space that is printable holds no white space (\s) at all.
    assert [chr(code) for code in range(0x110000) if chr(code).isspace() and chr(code).isprintable()] == [" "]


@given(st.lists(st.sampled_from(["content/", "./", "a", " ", "\t", "\u3000", "\u00a0", "기사", ".md", ":", "3"]), max_size=8).map("".join))
def test_a_reference_is_written_as_quote_reference_writes_it(reference: str) -> None:
    ours = format_entry(PoEntry(msgid="x", references=(reference,)))
    name = reference[2:] if reference.startswith("./") else reference
    assert ours == f"#: {quote_reference(name)}\n" + 'msgid "x"\nmsgstr ""\n'
