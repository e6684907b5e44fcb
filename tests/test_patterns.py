"""URLs, e-mail addresses and inline markup: one definition each, for every module.

Language detection, the sentence splitter, the provider guard (protect), the QA
checks, the never-translate defaults and the pseudo provider all build on these
pieces, so an address is an address to each of them.
"""

from __future__ import annotations

import re

import pytest

from l10n.app.config import DEFAULT_NEVER_TRANSLATE
from l10n.mt.providers.pseudo import pseudo
from l10n.qa.protect import protect
from l10n.text import patterns
from l10n.text.language import letter_counts, readable_text
from l10n.text.numbers import read
from l10n.text.patterns import EMAIL_IN_TEXT, ENTITY, HTML_TAG, INLINE_CODE, URL
from l10n.text.sentences import split_sentences

PIECES = [name for name in dir(patterns) if name.isupper()]
NEVER = [re.compile(p) for p in DEFAULT_NEVER_TRANSLATE]


def first(pattern: str, text: str) -> str | None:
    m = re.search(pattern, text)
    return m.group() if m else None


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("See https://mnd.go.kr. Then leave.", "https://mnd.go.kr"),
        ("See (https://www.mnd.go.kr/notice/2024) now.", "https://www.mnd.go.kr/notice/2024"),
        ("자세한 내용은 www.mnd.go.kr에서 본다.", "www.mnd.go.kr에서"),  # protect trims the particle
        ("Visit HTTPS://EXAMPLE.COM now.", "HTTPS://EXAMPLE.COM"),  # schemes are case-insensitive
        ("The file: ftp://files.example.org/a.zip, then.", "ftp://files.example.org/a.zip"),
        ("Wait...http://example.com is here.", "http://example.com"),  # no dots in a scheme
        ("He said “https://a.kr/b” twice.", "https://a.kr/b"),
        ("awww.example.com is not one.", None),
    ],
)
def test_a_url_ends_before_the_sentence_goes_on(text: str, url: str | None) -> None:
    assert first(URL, text) == url


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("문의는 hong@yna.co.kr로 보내면 된다.", "hong@yna.co.kr"),  # the particle is prose
        ("Mail press.desk@example.co.kr. Thanks.", "press.desk@example.co.kr"),
        ("kim_lee%ops@mail.example.com wrote.", "kim_lee%ops@mail.example.com"),
        ("주소는 홍길동@example.kr 이다.", "홍길동@example.kr"),  # RFC 6531 local part
        ("연락처 홍길동@회사.한국 으로.", None),  # the host must be ASCII (or punycode)
        ("Meet @ noon.", None),
    ],
)
def test_an_email_address_is_the_whole_address_and_nothing_after_it(text: str, address: str | None) -> None:
    assert first(EMAIL_IN_TEXT, text) == address


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Run `npm install` now.", "`npm install`"),
        ("Use ``a `b` c`` here.", "``a `b` c``"),
        ("Over\n`two\nlines` here.", "`two\nlines`"),
        ("``The Second Asia Tour'' began.", None),  # TeX-style quotes of wire copy
        ("An ``unbalanced` span.", None),
        ("Empty `` here.", None),
    ],
)
def test_a_code_span_needs_a_closing_run_of_the_same_length(text: str, code: str | None) -> None:
    assert first(INLINE_CODE, text) == code


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Tom &amp; Jerry", "&amp;"),
        ("a &#8212; b", "&#8212;"),
        ("a &#X2014; b", "&#X2014;"),
        ("jalape&ntilde;o", "&ntilde;"),
        ("R&D; costs", None),
        ("&a; and &foo_bar;", None),
        ("&#12345678;", None),
    ],
)
def test_an_entity_is_what_html5_calls_one(text: str, entity: str | None) -> None:
    assert first(ENTITY, text) == entity


@pytest.mark.parametrize(("text", "tag"), [("a <b>bold</b> c", "<b>"), ("a < b > c", None), ("<https://a.kr>", "<https://a.kr>")])
def test_a_tag_is_anything_in_angle_brackets_that_does_not_open_with_a_space(text: str, tag: str | None) -> None:
    assert first(HTML_TAG, text) == tag


@pytest.mark.parametrize("name", PIECES)
def test_every_piece_reads_the_same_in_verbose_dotall_and_ignorecase_patterns(name: str) -> None:
    piece = getattr(patterns, name)
    samples = ["See https://a.kr/b. Mail hong@yna.co.kr로, run `x\ny` &amp; <b>", "HTTPS://X.KR `a``b` &#X41;"]
    for flags in (re.VERBOSE, re.DOTALL, re.IGNORECASE):
        for text in samples:
            assert [m.group() for m in re.finditer(piece, text, flags)] == [m.group() for m in re.finditer(piece, text)]


# --- what the modules that use them now agree on ----------------------------------------


def test_a_particle_after_an_address_is_read_as_korean() -> None:
    assert readable_text("문의는 hong@yna.co.kr로 보내면 된다.").split() == ["문의는", "로", "보내면", "된다."]
    assert letter_counts("hong@example.com으로") == (2, 0)


def test_the_provider_translates_a_word_written_against_an_address() -> None:
    assert protect("문의hong@x.com 바람.").text == "문의⟦1⟧ 바람."
    assert protect("주소는 홍길동@example.kr 이다.").text == "주소는 ⟦1⟧ 이다."


def test_a_sentence_ends_after_a_url_and_its_period() -> None:
    text = "Read it at HTTPS://EXAMPLE.COM/NEWS. Then reply."
    assert [text[s:e] for s, e in split_sentences(text)] == ["Read it at HTTPS://EXAMPLE.COM/NEWS.", "Then reply."]


def test_no_figure_is_read_inside_an_entity_or_a_code_span() -> None:
    assert read("Tom &#X2014; Jerry and ``` a ``` here").quantities == ()


def test_a_segment_that_is_only_an_address_is_never_translated() -> None:
    for text in ("<hong@yna.co.kr>", "FTP://FILES.EXAMPLE.ORG/A.ZIP", "(www.mnd.go.kr)"):
        assert any(p.search(text) for p in NEVER), text


def test_the_pseudo_provider_keeps_every_url_it_finds() -> None:
    assert pseudo("www.mnd.go.kr") == "[www.mnd.go.kr]"
    assert "HTTPS://EXAMPLE.COM" in pseudo("Visit HTTPS://EXAMPLE.COM now.")
