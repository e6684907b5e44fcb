"""A newsroom feeds scraped news pages (.txt) to l10n and gets them back translated.

The stories here: the page is cut into the units a translator expects (labels and
headlines alone, wrapped paragraphs whole, list markers left out), a rebuild with
no translations gives the page back byte for byte, a translation that needs more
or fewer lines than the source still lands in the same place, and bylines and
copyright notices never reach the translator.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.app.config import DEFAULT_NEVER_TRANSLATE
from l10n.formats import base, plaintext
from l10n.formats.base import FormatOptions

FIXTURES = Path(__file__).parent / "fixtures" / "plaintext"
REGEN = os.environ.get("L10N_REGEN_GOLDEN") == "1"

NEVER = tuple(re.compile(p) for p in DEFAULT_NEVER_TRANSLATE)


def read(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def cut(text: str) -> list[tuple[str, int, str]]:
    return [(s.kind, s.line, s.text) for s in plaintext.blocks(text, FormatOptions())]


def rebuild(text: str, translations: dict[str, str], **options: object) -> str:
    opts = FormatOptions(**options)
    segments = base.segment(plaintext, text, opts)
    return base.render(plaintext, text, segments, lambda s: translations.get(s.text), options=opts)


# -- Cutting a scraped page into segments ------------------------------------


def test_scraped_page_is_cut_as_the_golden_file_says():
    segments = [
        {"kind": kind, "line": line, "text": text}
        for kind, line, text in cut(read("scraped-page.txt"))
    ]
    golden = FIXTURES / "scraped-page.expected.json"
    if REGEN:
        golden.write_text(json.dumps(segments, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    assert segments == json.loads(golden.read_text(encoding="utf-8"))


def test_every_segment_quotes_its_source_one_piece_per_line():
    text = read("scraped-page.txt")
    lines = text.split("\n")
    for seg in plaintext.blocks(text, FormatOptions()):
        assert seg.quoting == "raw"
        assert seg.text == "\n".join(text[p.start : p.end] for p in seg.pieces)
        for offset, piece in enumerate(seg.pieces):
            source_line = lines[seg.line - 1 + offset]
            quoted = text[piece.start : piece.end]
            # Indentation and trailing spaces stay outside; the text is all there.
            assert quoted == quoted.strip()
            assert source_line.rstrip().endswith(quoted)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "World > Asia\n정치 | 국방\n",
            [("line", 1, "World > Asia"), ("line", 2, "정치 | 국방")],
            id="section labels stand alone",
        ),
        pytest.param(
            "Prices of fresh produce rose sharply in October as heavy rain\n"
            "damaged crops in the southern provinces, officials said on\n"
            "Monday.\n",
            [
                (
                    "paragraph",
                    1,
                    "Prices of fresh produce rose sharply in October as heavy rain\n"
                    "damaged crops in the southern provinces, officials said on\n"
                    "Monday.",
                )
            ],
            id="hard-wrapped English paragraph is one segment",
        ),
        pytest.param(
            "Harvest losses push up prices\n"
            "Prices of fresh produce rose sharply in October as heavy rain\n"
            "damaged crops in the southern provinces.\n",
            [
                ("line", 1, "Harvest losses push up prices"),
                (
                    "paragraph",
                    2,
                    "Prices of fresh produce rose sharply in October as heavy rain\n"
                    "damaged crops in the southern provinces.",
                ),
            ],
            id="short headline never joins the paragraph below",
        ),
        pytest.param(
            "Coastal towns brace for the strongest typhoon of the season\n"
            "올해 가장 강한 태풍 북상…남해안 마을들 대비 분주\n",
            [
                ("line", 1, "Coastal towns brace for the strongest typhoon of the season"),
                ("line", 2, "올해 가장 강한 태풍 북상…남해안 마을들 대비 분주"),
            ],
            id="headline over its twin in the other script",
        ),
        pytest.param(
            "The council approved the budget after a debate that lasted well into the night and left several members visibly tired, but also relieved that the matter was settled.\n"
            "The mayor said the new bus routes would start in March.\n",
            [
                (
                    "paragraph",
                    1,
                    "The council approved the budget after a debate that lasted well into the night and left several members visibly tired, but also relieved that the matter was settled.",
                ),
                ("paragraph", 2, "The mayor said the new bus routes would start in March."),
            ],
            id="one-line paragraphs without blank lines stay apart",
        ),
        pytest.param(
            "• 첫째 항목\n· 둘째 항목\n- third item\n– fourth item\n1. fifth item\n",
            [
                ("bullet", 1, "첫째 항목"),
                ("bullet", 2, "둘째 항목"),
                ("bullet", 3, "third item"),
                ("bullet", 4, "fourth item"),
                ("bullet", 5, "fifth item"),
            ],
            id="list markers stay out of the msgid",
        ),
        pytest.param(
            "• Shelters open at 6 p.m. in every district office and in\n  the three largest school gymnasiums\n• Buses run until midnight\n",
            [
                (
                    "bullet",
                    1,
                    "Shelters open at 6 p.m. in every district office and in\nthe three largest school gymnasiums",
                ),
                ("bullet", 3, "Buses run until midnight"),
            ],
            id="indented lines continue a list item",
        ),
        pytest.param(
            "-5도까지 떨어진다\n*주의\n",
            [("line", 1, "-5도까지 떨어진다"), ("line", 2, "*주의")],
            id="a marker needs a space after it",
        ),
        pytest.param(
            "  Indented first line of a paragraph that goes on and on here\n  and ends on the second line.  \n",
            [
                (
                    "paragraph",
                    1,
                    "Indented first line of a paragraph that goes on and on here\nand ends on the second line.",
                )
            ],
            id="indentation and trailing spaces stay outside",
        ),
        pytest.param("", [], id="empty file"),
        pytest.param(" \n\t\n\n", [], id="whitespace only"),
    ],
)
def test_layout_decides_what_belongs_together(text, expected):
    assert cut(text) == expected


def test_plain_text_has_no_front_matter_for_the_language():
    assert plaintext.language_edit("Hello.\n", "ko", FormatOptions()) is None


# -- Rebuilding ---------------------------------------------------------------


ROUND_TRIP = {
    "scraped page": read("scraped-page.txt"),
    "trailing spaces": "Headline  \n\nBody text here. \t\n",
    "tabs": "\tIndented\twith tabs\n\t• bullet\tinside\n",
    "many blank lines": "\n\n\nOne\n\n\n\nTwo\n\n\n",
    "no final newline": "First line\nSecond line",
    "empty": "",
    "whitespace only": "   \n\t\n",
    "crowded bullets": "•  spaced marker\n· \t tab after marker\n",
}


@pytest.mark.parametrize("segment_by", [base.BLOCK, base.SENTENCE])
@pytest.mark.parametrize("text", ROUND_TRIP.values(), ids=ROUND_TRIP.keys())
def test_rebuilding_with_source_text_gives_the_page_back_byte_for_byte(text, segment_by):
    opts = FormatOptions(segment_by=segment_by)
    segments = base.segment(plaintext, text, opts)
    assert base.render(plaintext, text, segments, lambda s: s.text, options=opts) == text


_UNITS = st.sampled_from(
    [
        "word",
        "낱말",
        "Longer words make a fairly long line of prose here,",
        "긴 한국어 문장이 이어지는 줄입니다.",
        *(" ", "  ", "\t", "\n", "\n\n", "• ", "- ", "1. ", ".", "<", ">", "©"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_UNITS, max_size=30).map("".join))
def test_any_text_survives_a_rebuild_untouched(text):
    segments = plaintext.blocks(text, FormatOptions())
    for seg in segments:
        assert seg.text == "\n".join(text[p.start : p.end] for p in seg.pieces)
    assert base.render(plaintext, text, segments, lambda s: s.text) == text


def _block_sizes(text: str) -> list[int]:
    """How many lines each blank-line-separated block has."""
    sizes, size = [], 0
    for line in text.split("\n"):
        if line.strip():
            size += 1
        elif size:
            sizes.append(size)
            size = 0
    return [*sizes, size] if size else sizes


@settings(max_examples=300, deadline=None)
@given(st.lists(_UNITS, max_size=30).map("".join), st.sampled_from(["X", "X\nY", "X\n\nY\nZ", "X\n \n"]))
def test_no_translation_changes_the_blocks_of_the_page(text, translation):
    # Never a blank translation: an empty msgstr means "untranslated", and lookups
    # answer None for it.
    segments = plaintext.blocks(text, FormatOptions())
    rebuilt = base.render(plaintext, text, segments, lambda s: translation)
    assert len(_block_sizes(rebuilt)) == len(_block_sizes(text))
    # Lines standing alone stay alone, so only paragraphs and items change length.
    if all(s.continuation is None for s in segments):
        assert _block_sizes(rebuilt) == _block_sizes(text)


WRAPPED = (
    "올해 회의에는 아시아와 유럽, 아프리카의 45개국과 국제기구 4곳에서\n"
    "차관급 인사를 포함한 대표단이 참석했다.\n"
    "\n"
    "End.\n"
)
WRAPPED_MSGID = "올해 회의에는 아시아와 유럽, 아프리카의 45개국과 국제기구 4곳에서\n차관급 인사를 포함한 대표단이 참석했다."


@pytest.mark.parametrize(
    ("translation", "expected"),
    [
        pytest.param(
            "Delegations from 45 countries in Asia, Europe and Africa\n"
            "and from four international organisations, including\n"
            "vice-ministers, attended this year.",
            "Delegations from 45 countries in Asia, Europe and Africa\n"
            "and from four international organisations, including\n"
            "vice-ministers, attended this year.\n"
            "\n"
            "End.\n",
            id="more lines than the source",
        ),
        pytest.param(
            "Delegations from 45 countries attended this year.",
            "Delegations from 45 countries attended this year.\n\nEnd.\n",
            id="fewer lines than the source",
        ),
        pytest.param(
            "Delegations from 45 countries\n\nattended this year.",
            "Delegations from 45 countries\nattended this year.\n\nEnd.\n",
            id="a blank line would split the paragraph, so it goes",
        ),
    ],
)
def test_a_wrapped_paragraph_takes_a_translation_of_any_length(translation, expected):
    assert rebuild(WRAPPED, {WRAPPED_MSGID: translation}) == expected


def test_extra_lines_of_an_indented_paragraph_keep_its_indentation():
    text = "    Officials from the ministry said the review would take about\n    six weeks.\n"
    msgid = "Officials from the ministry said the review would take about\nsix weeks."
    assert rebuild(text, {msgid: "국방부 관계자들은\n검토에 약 6주가\n걸린다고 말했다."}) == (
        "    국방부 관계자들은\n    검토에 약 6주가\n    걸린다고 말했다.\n"
    )


def test_a_label_or_bullet_stays_on_one_line_whatever_the_translation():
    text = "정치 | 국방\n• 3일: 개회식과\t기조연설  \n"
    translations = {"정치 | 국방": "Politics |\nDefence\n", "3일: 개회식과\t기조연설": "Nov. 3: opening\n  and keynote"}
    assert rebuild(text, translations) == "Politics | Defence\n• Nov. 3: opening and keynote  \n"


# -- What is never translated -------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "By Kim Min-ji <minji@example.com>",
        "By Park Seo-yeon < >",
        "By Jane Roe and Lee Ha-eun",
        "By Daniel O'Brien, Staff Reporter",
        "BY LEE HA-EUN (haeun@example.com)",
        "홍길동 기자",
        "홍길동 기자 hong@example.com",
        "홍길동 선임기자 <hong@example.com>",
        "박서연·김도윤 기자",
        "(서울=예시뉴스) 홍길동 기자 =",
        "[부산=예시일보] 남궁민 특파원",
        "<Copyright © 2026 Example News. All rights reserved.>",
        "Copyright 2026 Example News",
        "Copyright (c) Example News",
        "© 2026 Example Media Group",
        "ⓒ 예시일보",
        "<저작권자 © 예시뉴스, 무단 전재 및 재배포 금지>",
        "저작권자(c) 예시신문. 무단전재-재배포 금지",
        "무단 전재 및 재배포 금지",
        "All rights reserved.",
        "minji@example.com",
        "<minji@example.com>",
        "https://example.org/news/2026/11/03/defence",
        "www.example.com",
    ],
)
def test_bylines_notices_and_addresses_are_never_translated(text):
    assert any(p.search(text) for p in NEVER), text


@pytest.mark.parametrize(
    "text",
    [
        "Copyright law was amended last year to cover news photographs.",
        "The publisher said copyright © notices would be added to every image.",
        "By the end of the year, exports had recovered.",
        "By Monday, officials said, the roads would reopen.",
        "(서울=예시뉴스) 홍길동 기자 = 국방부는 3일 회의를 열었다.",
        "홍길동 기자가 현장에서 전했다.",
        "기자회견은 오후 2시에 열린다.",
        "저작권자들은 이번 개정안에 반발했다.",
        "신문사는 기사의 무단 전재를 금지한다고 밝혔다.",
        "Write to minji@example.com for the full report.",
        "The full text is at https://example.org/report and in print.",
        "All rights reserved, the company insisted, would stay with the authors.",
    ],
)
def test_body_sentences_that_mention_them_are_still_translated(text):
    assert not any(p.search(text) for p in NEVER), text


def test_byline_and_notices_of_the_scraped_page_never_reach_the_translator():
    text = read("scraped-page.txt")
    texts = [s.text for s in base.segment(plaintext, text, FormatOptions(never_translate=NEVER))]
    assert "By Park Seo-yeon < >" not in texts
    assert "박서연 기자 seoyeon.park@example.com" not in texts
    assert not [t for t in texts if "Copyright" in t or "저작권자" in t]
    # The wire credit opens a body paragraph, so the paragraph is still there.
    assert any(t.startswith("(서울=예시뉴스) 박서연 기자 = 국방부는") for t in texts)
