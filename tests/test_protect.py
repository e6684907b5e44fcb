"""A machine translation draft keeps every link, code span and identifier intact.

The stories here: what a provider is shown (links keep their text, numbers that
are identifiers are hidden, Korean number words are not); what comes back is put
together again even when Korean word order moved the placeholders or the
provider padded them; glossary terms are kept or forced; and an answer that
cannot be a draft (empty, echoed, wrong script, rambling, placeholders lost,
HTML added) is rejected with the reason.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.qa.protect import PLACEHOLDER, TOKEN, Protected, UnusableAnswer, protect, structure_parts, validate


def sent(text: str, **options: object) -> tuple[str, list[str]]:
    """What the provider is shown, and the originals in placeholder order."""
    p = protect(text, **options)  # type: ignore[arg-type]
    return p.text, list(p.placeholders.values())


# -- What the provider is shown ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown", "hidden"),
    [
        pytest.param(
            "Read [the full report](https://www.mnd.go.kr/report.pdf \"PDF\").",
            "Read [the full report⟦1⟧.",
            ['](https://www.mnd.go.kr/report.pdf "PDF")'],
            id="link text stays, destination and title hidden",
        ),
        pytest.param(
            "![국방부 청사](images/mnd.jpg) 사진", "![국방부 청사⟦1⟧ 사진", ["](images/mnd.jpg)"], id="image alt stays"
        ),
        pytest.param("See [the list][1] below.", "See [the list⟦1⟧ below.", ["][1]"], id="reference link"),
        pytest.param("Details at <https://mnd.go.kr>.", "Details at ⟦1⟧.", ["<https://mnd.go.kr>"], id="autolink"),
        pytest.param(
            "자세한 내용은 www.mnd.go.kr에서 확인할 수 있다.",
            "자세한 내용은 ⟦1⟧에서 확인할 수 있다.",
            ["www.mnd.go.kr"],
            id="URL followed by a Korean particle",
        ),
        pytest.param(
            "See https://ko.wikipedia.org/wiki/서울 and https://en.wikipedia.org/wiki/Seoul_(city).",
            "See ⟦1⟧ and ⟦2⟧.",
            ["https://ko.wikipedia.org/wiki/서울", "https://en.wikipedia.org/wiki/Seoul_(city)"],
            id="Hangul path and balanced bracket belong to the URL, the full stop does not",
        ),
        pytest.param(
            "결과는 누리집(https://www.mnd.go.kr)에서, 공지는 https://a.kr/공지에 있다.",
            "결과는 누리집(⟦1⟧)에서, 공지는 ⟦2⟧ 있다.",
            ["https://www.mnd.go.kr", "https://a.kr/공지에"],
            id="bracketed URL before a particle; Hangul after a slash stays with the URL",
        ),
        pytest.param("문의: press@mnd.go.kr로", "문의: ⟦1⟧로", ["press@mnd.go.kr"], id="e-mail with particle"),
        pytest.param("Run `l10n build` now.", "Run ⟦1⟧ now.", ["`l10n build`"], id="code span"),
        pytest.param(
            "Line<br>two <a href=\"/x\">here</a>",
            "Line⟦1⟧two ⟦2⟧here⟦3⟧",
            ["<br>", '<a href="/x">', "</a>"],
            id="HTML tags one by one, text between them stays",
        ),
        pytest.param("AT&amp;T&nbsp;said", "AT⟦1⟧T⟦2⟧said", ["&amp;", "&nbsp;"], id="entities"),
        pytest.param(
            "Hello {name}, %s and %(count)d {{< ref \"x\" >}}",
            "Hello ⟦1⟧, ⟦2⟧ and ⟦3⟧ ⟦4⟧",
            ["{name}", "%s", "%(count)d", '{{< ref "x" >}}'],
            id="template placeholders and shortcodes",
        ),
        pytest.param("It rose 50% on the day.", "It rose 50% on the day.", [], id="a percent sign is not %s"),
        pytest.param(
            "Footnote[^1] and \\*stars\\*",
            "Footnote⟦1⟧ and ⟦2⟧stars⟦3⟧",
            ["[^1]", "\\*", "\\*"],
            id="footnote, escapes",
        ),
        pytest.param(
            "삼성전자(005930)는 1.2.3 버전, v2.1 버전을 02-3456-7890으로",
            "삼성전자(⟦1⟧)는 ⟦2⟧ 버전, ⟦3⟧ 버전을 ⟦4⟧으로",
            ["005930", "1.2.3", "v2.1", "02-3456-7890"],
            id="stock code, versions, phone number",
        ),
        pytest.param("Call +82-2-748-1111 today", "Call ⟦1⟧ today", ["+82-2-748-1111"], id="international phone"),
        pytest.param(
            "3만 명이 1,000원씩 2024.05.01에 100000원을 냈고 3.5% 늘었다",
            "3만 명이 1,000원씩 2024.05.01에 100000원을 냈고 3.5% 늘었다",
            [],
            id="amounts, Korean number words and dates stay translatable",
        ),
        pytest.param("a ⟦1⟧ b", "a ⟦1⟧1⟦2⟧ b", ["⟦", "⟧"], id="our own brackets in the source"),
    ],
)
def test_what_the_provider_is_shown(text: str, shown: str, hidden: list[str]):
    assert sent(text) == (shown, hidden)


def test_never_translate_terms_come_back_as_written():
    p = protect("SDD에서 K-pop 공연이 열렸다. The k-pop show", keep_terms=["SDD", "K-pop"])
    assert p.text == "⟦1⟧에서 ⟦2⟧ 공연이 열렸다. The ⟦3⟧ show"
    assert list(p.placeholders.values()) == ["SDD", "K-pop", "k-pop"]


def test_a_forced_term_comes_back_as_its_target():
    p = protect("국방부는 3일 밝혔다.", forced={"국방부": "the Ministry of National Defense"})
    assert p.text == "⟦1⟧는 3일 밝혔다."
    assert p.restore("⟦1⟧ said on the 3rd.") == "the Ministry of National Defense said on the 3rd."
    assert p.kinds["⟦1⟧"] == "forced"


def test_a_term_inside_a_url_is_left_to_the_url():
    text, hidden = sent("https://sdd.mnd.go.kr/SDD 행사", keep_terms=["SDD"])
    assert (text, hidden) == ("⟦1⟧ 행사", ["https://sdd.mnd.go.kr/SDD"])


def test_the_placeholder_form_is_one_constant():
    assert PLACEHOLDER.format(7) == "⟦7⟧"
    assert TOKEN.fullmatch(PLACEHOLDER.format(7))


# -- Putting the answer back together ------------------------------------------


ROUND_TRIPS = [
    "Read [the full report](https://www.mnd.go.kr/report.pdf \"PDF\") by **Friday**.",
    "국방부는 3일 [보도자료](https://www.mnd.go.kr/press/1.html)를 내고 `SDD` 일정을 밝혔다.",
    "삼성전자(005930)는 www.samsung.com에서 v1.2.3을 배포했다. 문의: 02-123-4567",
    "Line one<br>line two &amp; <a href=\"https://x.kr\">link</a>.",
    "![서울 전경](img/seoul.jpg \"서울\") 사진=연합뉴스",
    "Hello {name}, you have %(count)d new messages[^1].",
    "  Leading and trailing spaces  ",
    "[a ](u) spaced link text",
    "",
]


@pytest.mark.parametrize("text", ROUND_TRIPS)
def test_an_unchanged_answer_restores_the_source(text: str):
    p = protect(text, keep_terms=["SDD"])
    assert p.restore(p.text) == text


@pytest.mark.parametrize("text", [t for t in ROUND_TRIPS if t.strip()])
def test_an_unchanged_answer_passes_validation_when_no_translation_is_due(text: str):
    # Same language in and out: a copy-edit pass, where echoing is correct.
    lang = "ko" if any("\uac00" <= c <= "\ud7a3" for c in text) else "en"
    p = protect(text, keep_terms=["SDD"])
    assert validate(text, p, p.text, source_lang=lang, target_lang=lang) == text


def test_korean_word_order_moves_placeholders_and_they_follow():
    source = "Samsung Electronics (005930) posted the results on [its website](https://samsung.com/ir) at `09:00`."
    p = protect(source)
    assert p.text == "Samsung Electronics (⟦1⟧) posted the results on [its website⟦2⟧ at ⟦3⟧."
    answer = "삼성전자(⟦1⟧)는 ⟦3⟧에 [자사 웹사이트⟦2⟧에 실적을 게시했다."
    assert validate(source, p, answer, source_lang="en", target_lang="ko") == (
        "삼성전자(005930)는 `09:00`에 [자사 웹사이트](https://samsung.com/ir)에 실적을 게시했다."
    )


@pytest.mark.parametrize(
    ("answer", "restored"),
    [
        pytest.param("See ⟦ 1 ⟧ now.", "See https://a.kr now.", id="padded"),
        pytest.param("See 〚1〛 now.", "See https://a.kr now.", id="CJK brackets"),
        pytest.param("See ⟦１⟧ now.", "See https://a.kr now.", id="full-width digit"),
        pytest.param("See 〚 １ 〛 now.", "See https://a.kr now.", id="all at once"),
    ],
)
def test_placeholders_the_provider_reshaped_are_still_found(answer: str, restored: str):
    p = protect("보기 https://a.kr 지금")
    assert validate("보기 https://a.kr 지금", p, answer, source_lang="ko", target_lang="en") == restored


def test_a_space_the_provider_put_before_a_link_destination_is_removed():
    p = protect("[보고서](https://a.kr/r)를 보라")
    assert p.restore("See the [report ⟦1⟧") == "See the [report](https://a.kr/r)"


def test_entities_the_provider_introduced_are_unescaped():
    source = "그는 \"안보가 먼저\"라고 말했다."
    p = protect(source)
    answer = "He said, &quot;Security comes first,&quot; and that&#39;s it."
    assert validate(source, p, answer, source_lang="ko", target_lang="en") == (
        "He said, \"Security comes first,\" and that's it."
    )


def test_the_sources_own_entities_come_back_as_written():
    source = "AT&amp;T는 발표했다."
    p = protect(source)
    assert validate(source, p, "AT⟦1⟧T announced.", source_lang="ko", target_lang="en") == "AT&amp;T announced."


def test_an_english_translation_may_keep_a_korean_gloss():
    source = "그는 김치를 주문했다."
    p = protect(source)
    answer = "He ordered kimchi (김치), the \"국민 반찬\"."
    assert validate(source, p, answer, source_lang="ko", target_lang="en") == answer


def test_a_control_character_the_article_itself_holds_may_come_back():
    source = "경보음\a이 울렸다."
    assert validate(source, protect(source), "The alarm\a rang.", source_lang="ko", target_lang="en") == "The alarm\a rang."


def test_a_name_may_come_back_unchanged():
    source = "Samsung Electronics"
    p = protect(source)
    assert validate(source, p, "Samsung Electronics", source_lang="en", target_lang="ko") == source


# -- Answers that cannot be a draft ------------------------------------------


@pytest.mark.parametrize(
    ("source", "answer", "source_lang", "target_lang", "reason"),
    [
        pytest.param("국방부는 밝혔다.", "  \n", "ko", "en", "empty", id="empty"),
        pytest.param("보기 https://a.kr 지금", "See now.", "ko", "en", "⟦1⟧ (https://a.kr) was lost", id="lost"),
        pytest.param(
            "보기 https://a.kr 지금", "See ⟦1⟧ now ⟦1⟧.", "ko", "en", "was repeated 2 times", id="duplicated"
        ),
        pytest.param("보기 https://a.kr", "See ⟦1⟧ and ⟦2⟧.", "ko", "en", "did not have: ⟦2⟧", id="invented"),
        pytest.param(
            "The minister said the talks would resume.",
            "The  minister said the talks\nwould resume.",
            "en",
            "ko",
            "echoes the source",
            id="echo",
        ),
        pytest.param(
            "국방부는 회담을 재개한다고 밝혔다.",
            "The ministry said 회담을 재개한다.",
            "ko",
            "en",
            "still has Hangul",
            id="Hangul left in English",
        ),
        pytest.param(
            "The minister said the talks would resume.",
            "The ministry said talks would resume.",
            "en",
            "ko",
            "no Hangul",
            id="Korean target without Hangul",
        ),
        pytest.param(
            "The minister resigned.",
            "장관이 사임했다. " * 30,
            "en",
            "ko",
            "the provider added text",
            id="far too long",
        ),
        pytest.param(
            "그는 사임했다.", "He <b>resigned</b>.", "ko", "en", "HTML markup the source did not have: <b>", id="HTML"
        ),
        pytest.param(
            "그는 **즉시** 사임했다.", "He resigned *immediately*.", "ko", "en", "'**' emphasis markers", id="emphasis"
        ),
        pytest.param(
            "그는 사임했다.", "He\x00 resigned.\x07", "ko", "en", "control characters the source did not have: U+0000, U+0007",
            id="control characters",
        ),
        pytest.param(
            "The ministry said talks would resume.", "国防部は会談を再開すると明らかにした。", "en", "ko",
            "reads as Japanese", id="Japanese for Korean",
        ),
        pytest.param(
            "The ministry said talks would resume on Monday.", "国防部は月曜日に김 장관との会談を再開すると述べた。",
            "en", "ko", "reads as Japanese, not Korean", id="Japanese with a Korean name",
        ),
        pytest.param(
            "The ministry said talks would resume on Monday.", "国防部表示，会谈将于周一恢复。김",
            "en", "ko", "reads as Chinese, not Korean", id="Chinese for Korean",
        ),
        pytest.param(
            "The minister resigned on Monday.", "Sure! Here is the translation: 장관은 월요일에 사임했다.",
            "en", "ko", "starts with a preamble: 'Sure! Here is the translation:'", id="chat preamble",
        ),
        pytest.param(
            "The minister resigned on Monday.", "번역: 장관은 월요일에 사임했다.", "en", "ko",
            "starts with a preamble: '번역:'", id="Korean label",
        ),
        pytest.param(
            "장관은 월요일에 사임했다.", "Translation: The minister resigned on Monday.", "ko", "en",
            "starts with a preamble: 'Translation:'", id="English label",
        ),
        pytest.param(
            "장관은 월요일에 사임했다.", "QUOTA EXCEEDED", "ko", "en", "service message, not a translation", id="quota",
        ),
        pytest.param(
            "장관은 월요일에 사임했다.",
            "MYMEMORY WARNING: YOU USED ALL AVAILABLE FREE TRANSLATIONS FOR TODAY. NEXT AVAILABLE IN 10 HOURS",
            "ko", "en", "service message, not a translation: MYMEMORY WARNING", id="MyMemory warning",
        ),
        pytest.param(
            "장관은 월요일에 사임했다.", "Error: upstream request failed", "ko", "en",
            "error message, not a translation", id="error text",
        ),
        pytest.param(
            "장관은 월요일에 사임했다.", "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head></html>",
            "ko", "en", "service message, not a translation", id="HTML error page",
        ),
        pytest.param(
            "Exports rose for a third straight month in November as chip shipments surged, the ministry said.",
            "수출이 11월",
            "en", "ko", "it looks cut off", id="far too short",
        ),
        pytest.param(
            "국방부는 보고서(https://a.kr/r.pdf)를 공개했다.", "The ministry released the report (⟦",
            "ko", "en", "cut off inside a placeholder", id="cut mid-placeholder",
        ),
        pytest.param(
            "국방부는 서울안보대화를 개최했다고 밝혔다.", "The ministry said it hosted the Seoul Defense Dialogue (SDD",
            "ko", "en", "'(' is never closed", id="unclosed bracket",
        ),
    ],
)
def test_an_unusable_answer_is_rejected_with_the_reason(
    source: str, answer: str, source_lang: str, target_lang: str, reason: str
):
    p = protect(source)
    with pytest.raises(UnusableAnswer) as caught:
        validate(source, p, answer, source_lang=source_lang, target_lang=target_lang)
    assert reason in str(caught.value)


def test_a_long_but_honest_english_translation_of_korean_passes():
    source = "국방부는 3일 서울안보대화를 개최했다."
    answer = "On the 3rd, the Ministry of National Defense hosted the Seoul Defense Dialogue, an annual forum."
    assert validate(source, protect(source), answer, source_lang="ko", target_lang="en") == answer


# Honest answers that look like the rejected ones: Hanja and quoted Japanese in
# Korean, a source that is itself a label or about quotas, short headlines, brackets
# the source leaves open too.
GOOD_ANSWERS = [
    ("美 대통령은 中 방문 일정을 발표했다.", "The US president announced his schedule for visiting China.", "ko", "en"),
    ("The US and China resumed talks.", "美·中이 회담을 재개했다.", "en", "ko"),
    ("The film \"Shoplifters\" won the prize.", "영화 「万引き家族」(어느 가족)가 황금종려상을 받았다.", "en", "ko"),
    ("오류: 결제 서버에 연결할 수 없습니다.", "Error: cannot connect to the payment server.", "ko", "en"),
    ("번역: 이 기사는 영어 원문을 옮긴 것이다.", "Translation: this article is translated from the English original.", "ko", "en"),
    ("물론이다. 그는 덧붙였다.", "Of course. He added.", "ko", "en"),
    ("Sure, he said: the plan will go ahead.", "물론, 그는 계획대로 진행된다고 말했다.", "en", "ko"),
    ("통신사는 '할당량 초과(quota exceeded)' 오류가 잇따랐다고 밝혔다.",
     "The carrier said \"quota exceeded\" errors kept occurring.", "ko", "en"),
    ("속보", "Breaking", "ko", "en"),
    ("The Bank of Korea held its base rate at 3.5 percent on Thursday.", "한국은행은 목요일 기준금리를 3.5%로 동결했다.", "en", "ko"),
    ("Samsung Electronics shares rose 2 percent (to 71,000 won).", "삼성전자 주가가 2% 올랐다(7만1천 원).", "en", "ko"),
    ("선수단은 금메달 13개, 은메달 9개로 종합 8위를 차지했다.",
     "The team finished eighth overall with 13 gold and 9 silver medals.", "ko", "en"),
    ("목록 (1) 항목", "List (1) item", "ko", "en"),
    ("그는 \"(계속", "He said \"(to be continued", "ko", "en"),
]


@pytest.mark.parametrize(("source", "answer", "source_lang", "target_lang"), GOOD_ANSWERS)
def test_honest_answers_that_resemble_rejected_ones_pass(source: str, answer: str, source_lang: str, target_lang: str):
    assert validate(source, protect(source), answer, source_lang=source_lang, target_lang=target_lang) == answer


# -- Property: originals survive any reordering ---------------------------------

WORDS = st.sampled_from(["국방부는", "밝혔다", "the", "minister", "said", "서울", "on", "3만", "**굵게**", "(", ")"])
MARKUP = st.one_of(
    st.builds("https://{}.kr/{}".format, st.sampled_from(["mnd", "a-b", "x"]), st.sampled_from(["", "p?q=1", "서울/x"])),
    st.builds("`{}`".format, st.sampled_from(["code", "a b", "x.y()"])),
    st.builds(
        "[{}]({})".format,
        st.sampled_from(["링크", "the link", "a "]),
        st.sampled_from(["https://a.kr", "/rel/path", "<a b.md>", 'x "title"']),
    ),
    st.builds("![{}]({})".format, st.sampled_from(["사진", "photo"]), st.sampled_from(["i.png", "https://c.kr/i.jpg"])),
    st.sampled_from(["press@mnd.go.kr", "<br>", "&amp;", "{name}", "%s", "005930", "v1.2.3", "[^2]", "⟦", "〛"]),
)
SEPARATORS = st.sampled_from(["", " ", "  ", "\n"])


@st.composite
def marked_up_texts(draw: st.DrawFn) -> str:
    pieces = draw(st.lists(st.one_of(WORDS, MARKUP), min_size=1, max_size=12))
    return "".join(p + draw(SEPARATORS) for p in pieces)


@settings(max_examples=300, deadline=None)
@given(marked_up_texts(), st.randoms(use_true_random=False))
def test_any_reordering_of_placeholders_keeps_each_original_once(text: str, rng: random.Random):
    p = protect(text, keep_terms=["minister"])
    pieces = TOKEN.split(p.text)
    prose, tokens = pieces[::2], [PLACEHOLDER.format(n) for n in pieces[1::2]]
    moved = tokens[:]
    rng.shuffle(moved)

    answer = prose[0] + "".join(token + after for token, after in zip(moved, prose[1:], strict=True))
    restored = validate(text, p, answer, source_lang="ko", target_lang="ko") if _checkable(text) else p.restore(answer)

    expected = [prose[0]]
    for token, after in zip(moved, prose[1:], strict=True):
        if p.kinds[token] == "link":
            # restore() glues a link destination to its text (see protect.py).
            expected[-1] = expected[-1].rstrip(" \t")
        expected += [p.placeholders[token], after]
    assert restored == "".join(expected)
    assert sorted(p.placeholders[t] for t in moved) == sorted(p.placeholders.values())


def _checkable(text: str) -> bool:
    # validate() also judges language; only Korean texts are sure to pass as Korean.
    return any("\uac00" <= c <= "\ud7a3" for c in TOKEN.sub("", protect(text).text))


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_protect_then_restore_gives_any_text_back(text: str):
    assert protect(text, keep_terms=["SDD"], forced={}).restore(protect(text, keep_terms=["SDD"]).text) == text


def test_protected_is_frozen():
    p = protect("x https://a.kr")
    assert isinstance(p, Protected)
    with pytest.raises(AttributeError):
        p.text = "y"  # type: ignore[misc]


# --- protect() skips a scan when the text lacks what every match of it holds ----------

# Pieces of every kind protect() hides, and the characters they turn on.
_MARKUP_PIECES = [
    "`code`", "``a`b``", "<b>", "</i>", "<https://a.kr>", "<a@b.kr>", "<!-- x -->", "<code>x</code>",
    '<span class="notranslate">Hanbit</span>', "{{< ref >}}", "{% if %}", "[^1]", "\\*", "&amp;", "&#39;",
    "\u27e61\u27e7", "\u301a2\u301b", "[a](https://a.kr/r)", "[a][ref]", "![i](p.png)", "https://a.kr/p",
    "www.a.kr", "hong@mnd.go.kr", "문의hong@x.kr", "{name}", "{0}", "%s", "%(n)d", "1.2.3", "v2.1",
    "02-123-4567", "005930", "373220", "999999", "v9.9", "2024.05.01", "+82-2-123-4567", "(02) 123-4567", "3만", "기자", "news", " ", ".", "(", ")", "]", ":", "/",
]  # fmt: skip
_MARKUP_TEXT = st.lists(st.one_of(st.sampled_from(_MARKUP_PIECES), st.text(max_size=3)), max_size=10).map("".join)


@given(_MARKUP_TEXT)
@settings(max_examples=300)
def test_no_scan_protect_skips_could_have_found_anything(text: str) -> None:
    from l10n.qa import protect as module

    for pattern, marks in [
        (module._STRUCTURE, module._STRUCTURE_MARKS),
        (module._LINK, module._LINK_MARKS),
        (module._URL, module._URL_MARKS),
        (module._EMAIL, module._EMAIL_MARKS),
        (module._FORMAT, module._FORMAT_MARKS),
        (module._numbers(), module._NUMBER_MARKS),
    ]:
        if not module._holds_any(text, marks):
            assert pattern.search(text) is None, (pattern.pattern[:40], text)
    if module._NUMBER_SHAPE.search(text) is None:
        assert module._numbers().search(text) is None, text


@given(st.one_of(_MARKUP_TEXT, st.text()))
@settings(max_examples=300)
def test_the_checks_look_for_the_marks_of_every_part_as_protect_does(text: str) -> None:
    # may_hold_parts asks whether a text holds any mark with a chain of `in`
    # instead of _holds_any's regex: the same marks, the same answer.
    from l10n.qa import protect as module

    assert module.may_hold_parts(text) == module._holds_any(text, module._STRUCTURE_ANY_MARKS)


def test_the_chain_of_marks_the_checks_look_for_names_every_mark_and_no_other() -> None:
    from l10n.qa import protect as module

    marks = module._STRUCTURE_ANY_MARKS
    assert [char for char in map(chr, range(0x110000)) if module.may_hold_parts(char)] == sorted(
        mark for mark in set(marks) if len(mark) == 1
    )
    for mark in marks:
        assert module.may_hold_parts(f"기사 {mark} news"), mark
        assert not any(module.may_hold_parts(mark[:cut]) for cut in range(1, len(mark))), mark


@pytest.mark.parametrize("piece", [p for p in _MARKUP_PIECES if any(ch.isdigit() for ch in p)])
def test_every_protected_number_has_the_shape_protect_looks_for_first(piece: str) -> None:
    from l10n.qa import protect as module

    assert module._numbers().search(piece) is None or module._NUMBER_SHAPE.search(piece)


@given(_MARKUP_TEXT)
@settings(max_examples=300)
def test_protect_hides_the_same_parts_with_or_without_skipping_scans(text: str) -> None:
    from l10n.qa import protect as module

    skipping = protect(text)
    holds_any = module._holds_any
    module._holds_any = lambda text, marks: True  # every scan runs: the full result
    try:
        assert skipping == protect(text)
    finally:
        module._holds_any = holds_any


@given(_MARKUP_TEXT)
@settings(max_examples=300)
def test_structure_parts_are_what_protect_hides_but_numbers(text: str) -> None:
    # The checks compare these (checks._parts): protect() without its number scan.
    protected = protect(text)
    hidden = [(protected.kinds[token], value) for token, value in protected.placeholders.items()]
    assert structure_parts(text) == [part for part in hidden if part[0] != "number"]


def _structure_lookahead() -> tuple[str, str]:
    """The class of _STRUCTURE's lookahead, and the pattern after it."""
    from l10n.qa import protect as module

    before, rest = module._STRUCTURE.pattern.split("(?=[", 1)
    assert not before.strip()
    starts, alternatives = rest.split("])", 1)
    return starts, alternatives


def test_the_structure_lookahead_names_the_structure_marks() -> None:
    import re

    from l10n.qa import protect as module

    starts = re.compile(f"[{_structure_lookahead()[0]}]")
    assert {char for char in _every_character() if starts.fullmatch(char)} == set(module._STRUCTURE_MARKS)


@given(_MARKUP_TEXT)
@settings(max_examples=300)
def test_the_structure_lookahead_refuses_no_match(text: str) -> None:
    import re

    from l10n.qa import protect as module

    without = re.compile(_structure_lookahead()[1], module._STRUCTURE.flags)
    found = [(m.span(), m.lastgroup) for m in module._STRUCTURE.finditer(text)]
    assert found == [(m.span(), m.lastgroup) for m in without.finditer(text)]


# --- validate() skips work an answer cannot need ----------------------------------------


def test_the_service_message_lookahead_names_every_alternatives_first_character() -> None:
    from l10n.qa import protect as module

    pattern = module._service_message().pattern
    lookahead, alternatives = pattern.split("(?:", 1)
    assert lookahead == "(?=[qmyrtisbp<])" and alternatives.endswith(")")
    # No alternative holds an alternation of its own, so "|" splits them.
    firsts = {alternative.strip()[0] for alternative in alternatives[:-1].split("|")}
    assert firsts == set("qmyrtisbp<")


# Service messages, some with letters that IGNORECASE folds into ASCII ones (ı, ſ, İ).
_SERVICE_PIECES = [
    "quota exceeded", "QUOTA\tEXCEEDED", "ınvalid key", "ſervice unavailable", "Bad Gateway", "<!DOCTYPE html>",
    "<html>", "<TITLE>", "too  many requests", "MyMemory warning", "İnternal server error", "rate limit exceeded",
]  # fmt: skip


@given(st.lists(st.one_of(st.sampled_from(_SERVICE_PIECES), st.text(max_size=4)), max_size=6).map("".join))
@settings(max_examples=300)
def test_the_service_message_lookahead_refuses_no_match(text: str) -> None:
    import re

    from l10n.qa import protect as module

    without = re.compile(module._service_message().pattern.split("(?:", 1)[1][:-1], re.VERBOSE | re.IGNORECASE)
    found, expected = module._service_message().search(text), without.search(text)
    assert (found and found.span()) == (expected and expected.span())


def _every_character() -> list[str]:
    return [chr(code) for code in range(0x30000) if not 0xD800 <= code <= 0xDFFF]


def test_the_bracket_scans_find_what_unclosed_counts() -> None:
    from l10n.qa import protect as module

    openers, closers = set(module._BRACKETS.values()), set(module._BRACKETS)
    for char in _every_character():
        as_counted = char.translate(module._FULL_WIDTH)
        assert (module._OPENER.fullmatch(char) is not None) == (as_counted in openers), char
        assert (module._BRACKET_CHAR.fullmatch(char) is not None) == (as_counted in openers | closers), char


def test_kana_or_han_is_what_the_language_check_counts() -> None:
    from l10n.qa import protect as module
    from l10n.text.scripts import count_han, count_kana

    for char in _every_character():
        assert (module._kana_or_han().fullmatch(char) is not None) == (count_kana(char) + count_han(char) > 0), char


def test_every_control_character_the_answers_are_checked_for_is_unprintable() -> None:
    from l10n.qa import protect as module

    assert not any(char.isprintable() for char in _every_character() if module._CONTROL.fullmatch(char))


@given(_MARKUP_TEXT)
@settings(max_examples=300)
def test_what_the_script_check_removes_holds_no_hangul_the_answer_lacks(text: str) -> None:
    from l10n.qa import protect as module
    from l10n.text.language import readable_text
    from l10n.text.scripts import count_hangul

    text += "김치"
    assert count_hangul(readable_text(module._GLOSSES.sub(" ", text))) <= count_hangul(text)
    assert count_hangul(readable_text(text)) <= count_hangul(text)


@pytest.mark.parametrize(
    ("source", "answer"),
    [
        ("기자는 [보고서](https://a.kr)를 읽었다.", "The reporter read [the report\u27e61\u27e7."),
        ("기자는 [보고서](https://a.kr)를 읽었다.", "기자는 [보고서\u27e61\u27e7를 읽었다."),
        ("Samsung Electronics", "Samsung Electronics"),
        ("The reporter read it.", "기자는 읽었다"),
    ],
)
def test_a_protected_text_answered_again_gives_the_same_verdict(source: str, answer: str) -> None:
    # validate() keeps what it reads of the sent text on the Protected: answers in
    # any order and language pair get the verdict a fresh Protected gives.
    def verdict(protected: Protected, source_lang: str, target_lang: str) -> str:
        try:
            return validate(source, protected, answer, source_lang=source_lang, target_lang=target_lang)
        except UnusableAnswer as unusable:
            return "rejected: " + unusable.message

    reused = protect(source)
    for source_lang, target_lang in [("ko", "en"), ("en", "ko"), ("ko", "en"), ("en", "en"), ("ko-KR", "en-US")]:
        assert verdict(reused, source_lang, target_lang) == verdict(protect(source), source_lang, target_lang)
