"""A newsroom's CMS pages go in as HTML, segments come out, translated pages come back.

Golden files live beside each fixture page in tests/fixtures/html/:
``NAME.segments.json`` (what a translator is asked for) and ``NAME.expect.html``
(the page rebuilt with a made-up translation). Regenerate them with
``L10N_REGEN_GOLDEN=1 python -m pytest tests/test_html.py`` and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from l10n.app import build as building
from l10n.app import config
from l10n.app import extract as extracting
from l10n.cli import main
from l10n.errors import L10nError
from l10n.formats import base, for_suffix, html, html_tokens
from l10n.formats.disclosure import Disclosure
from l10n.model import Segment, Span
from l10n.store.fileio import decode_article
from tests.conftest import publish_what_translators_write
from tests.golden import check_golden, read

FIXTURES = Path(__file__).parent / "fixtures" / "html"
PAGES = sorted(path for path in FIXTURES.glob("*.html") if not path.name.endswith(".expect.html"))
OPTIONS = base.FormatOptions()


def same_translation(seg: Segment) -> str:
    return seg.text


# What a translator keeps as written: tags, entities, code and notranslate elements.
KEPT = re.compile(r"<code>.*?</code>|<span[^>]*(?:notranslate|translate=.no.)[^>]*>.*?</span>|<[^>]*>|&[#\w]+;")


def golden_translation(seg: Segment) -> str:
    """Changes the words, keeps the markup, and adds a line to odd-numbered segments."""
    parts = KEPT.split(seg.text)
    kept = [*KEPT.findall(seg.text), ""]
    words = "".join(part.upper() + markup for part, markup in zip(parts, kept, strict=True))
    return "[T] " + words + ("\n(one more line)" if seg.line % 2 else "")


def rebuild(text: str, lookup: base.Lookup) -> str:
    return base.render(html, text, html.blocks(text, OPTIONS), lookup)


def translated(page: str, translation: str, index: int = 0) -> str:
    """``page`` with its ``index``-th segment translated as ``translation``."""
    segments = html.blocks(page, OPTIONS)
    return base.render(html, page, segments, lambda seg: translation if seg == segments[index] else None)


# --- the round trip -------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.stem)
def test_an_untranslated_rebuild_is_the_page_byte_for_byte(page: Path) -> None:
    text = read(page)
    assert base.render(html, text, base.segment(html, text, OPTIONS), same_translation) == text


@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.stem)
def test_every_piece_is_exactly_its_source_text_and_re_encodes_to_itself(page: Path) -> None:
    text = read(page)
    for seg in html.blocks(text, OPTIONS):
        assert seg.text == "\n".join(text[p.start : p.end] for p in seg.pieces)
        assert seg.line == text.count("\n", 0, seg.pieces[0].start) + 1
        assert base.splice(text, base.place(seg, html.encode(seg, seg.text))) == text, seg


@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.stem)
def test_extracted_segments_match_the_golden_list(page: Path) -> None:
    listed = [{"kind": seg.kind, "line": seg.line, "text": seg.text} for seg in html.blocks(read(page), OPTIONS)]
    check_golden(page.with_suffix(".segments.json"), json.dumps(listed, ensure_ascii=False, indent=1) + "\n")


@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.stem)
def test_a_translated_page_matches_its_golden_and_keeps_its_blocks(page: Path) -> None:
    text = read(page)
    rebuilt = rebuild(text, golden_translation)
    check_golden(page.with_suffix(".expect.html"), rebuilt)
    assert html.structure(rebuilt) == html.structure(text)


def test_crlf_bom_and_a_wrong_declared_charset_survive_the_file_round_trip() -> None:
    data = read(FIXTURES / "charset.html").replace("\n", "\r\n").encode("utf-8")
    source = decode_article(b"\xef\xbb\xbf" + data, "content/charset.html")
    rebuilt = rebuild(source.text, same_translation)
    assert source.to_bytes(rebuilt) == b"\xef\xbb\xbf" + data


def test_edits_apply_in_page_order_and_overlapping_ones_are_refused() -> None:
    page = "<p>Ferry</p>"
    inserted = [base.Edit(Span(3, 3), "B"), base.Edit(Span(3, 8), "배"), base.Edit(Span(3, 3), "A"), base.Edit(Span(0, 0), "<!-- -->")]
    assert base.splice(page, inserted) == "<!-- --><p>AB배</p>"
    with pytest.raises(ValueError, match="overlapping edits at offset 4"):
        base.splice(page, [base.Edit(Span(3, 8), "배"), base.Edit(Span(4, 5), "x")])


def test_html_and_htm_files_are_articles() -> None:
    assert for_suffix(".html") is html
    assert for_suffix(".HTM") is html


# --- what is and is not extracted --------------------------------------------------


def kinds_and_texts(text: str) -> list[tuple[str, str]]:
    return [(seg.kind, seg.text) for seg in html.blocks(text, OPTIONS)]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("<title>Ferry news</title>", [("title", "Ferry news")]),
        ('<meta name="description" content="About ferries">', [("meta:description", "About ferries")]),
        ('<meta property="og:description" content="About">', [("meta:og:description", "About")]),
        ('<meta name="twitter:title" content="Ferries">', [("meta:twitter:title", "Ferries")]),
        ('<meta name="keywords" content="ferry, port">', []),
        ('<meta property="og:image" content="https://x.org/a.jpg">', []),
        ("<h2>Heading <em>here</em></h2>", [("heading", "Heading <em>here</em>")]),
        ("<ul><li>One<li>Two</ul>", [("list-item", "One"), ("list-item", "Two")]),
        ("<blockquote><p>Quoted</p></blockquote>", [("blockquote", "Quoted")]),
        ("<table><tr><th>Head<td>Cell</table>", [("table-header", "Head"), ("table-cell", "Cell")]),
        ('<figure><img alt="A quay" src=q.jpg><figcaption>The quay</figcaption></figure>',
         [("attribute:alt", "A quay"), ("figcaption", "The quay")]),
        ('<p>See <img src=i.png alt="an icon"> here</p>', [("paragraph", 'See <img src=i.png alt="an icon"> here')]),
        ('<a href="/x" title="Home" class="nav" data-label="Not this">Go home</a>',
         [("html", '<a href="/x" title="Home" class="nav" data-label="Not this">Go home</a>')]),
        ('<div title="Tip"><p>Body</p></div>', [("attribute:title", "Tip"), ("paragraph", "Body")]),
        ("<script>var s = 'text';</script><style>p::after { content: 'x' }</style>", []),
        ("<pre>code block</pre><!-- a comment --><textarea>typed</textarea>", []),
        ("<p>Call <code>ferry()</code> now</p>", [("paragraph", "Call <code>ferry()</code> now")]),
        ('<p translate="no">Brand</p><p class="a notranslate b">Brand</p>', []),
        ('<p>The <span class="notranslate">Hanbit</span> boat</p>',
         [("paragraph", 'The <span class="notranslate">Hanbit</span> boat')]),
        ('<div translate="no"><img alt="Logo"><p>Brand</p></div>', []),
        ('<p>The <code>x() is unclosed</p><p>Next one</p>', [("paragraph", "The <code>x() is unclosed"), ("paragraph", "Next one")]),
        ("<p>&nbsp;</p><p> </p><p><br></p>", []),
    ],
)
def test_each_part_of_a_page_gives_the_translator_its_text_and_markup(page: str, expected: list) -> None:
    assert kinds_and_texts(page) == expected


def test_a_korean_headline_in_an_english_page_goes_to_the_english_catalog() -> None:
    page = read(FIXTURES / "korean.html")
    langs = {seg.text: seg.lang for seg in base.segment(html, page, OPTIONS)}
    assert langs["부산항 새 여객터미널 개장"] == "ko"
    assert langs["Ferry terminal opens in Busan"] == "en"
    # Tags and their URLs do not make a Korean sentence look English.
    assert langs[next(text for text in langs if text.startswith("새 터미널은"))] == "ko"


# --- translations cannot break or inject markup --------------------------------------

SENTENCE = '<p>Seoul <a href="/x">said</a> <strong>on Monday</strong>.</p>'


def test_a_translator_moves_the_source_tags_with_the_words() -> None:
    moved = '<strong>월요일</strong> 서울이 <a href="/x">말했다</a>.'
    assert translated(SENTENCE, moved) == f"<p>{moved}</p>"


@pytest.mark.parametrize(
    ("translation", "expected"),
    [
        ("<script>alert(1)</script> 서울", "&lt;script>alert(1)&lt;/script> 서울"),
        ("<img src=x onerror=alert(1)> 서울", "&lt;img src=x onerror=alert(1)> 서울"),
        ('<a href="javascript:alert(1)">말했다</a>', '&lt;a href="javascript:alert(1)">말했다&lt;/a>'),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">말</a>', '&lt;a href="data:text/html;base64,PHNjcmlwdD4=">말&lt;/a>'),
        ('<a href="/x" onclick="x()">말</a>', '&lt;a href="/x" onclick="x()">말&lt;/a>'),
        ("서울 </p><p>새 문단", "서울 &lt;/p>&lt;p>새 문단"),
        ("<strong>서울", "&lt;strong>서울"),
        ("서울</strong>", "서울&lt;/strong>"),
        ('<a href="/x">말 <strong>월</a> 요일</strong>', '&lt;a href="/x">말 <strong>월&lt;/a> 요일</strong>'),
        ('<a href="/x">1</a> <a href="/x">2</a>', '<a href="/x">1</a> &lt;a href="/x">2&lt;/a>'),
        ("Q&A &amp; AT&T &copy; <!-- x -->", "Q&amp;A &amp; AT&amp;T &copy; &lt;!-- x -->"),
    ],
)
def test_a_translation_cannot_add_or_unbalance_markup(translation: str, expected: str) -> None:
    assert translated(SENTENCE, translation) == f"<p>{expected}</p>"


@pytest.mark.parametrize(
    ("page", "translation", "expected"),
    [
        ('<img alt="Pier" src=p.jpg>', 'A "quoted" pier" onerror="alert(1)', '<img alt="A &quot;quoted&quot; pier&quot; onerror=&quot;alert(1)" src=p.jpg>'),
        ("<img alt='Pier' src=p.jpg>", "It's <b>x</b> & y", "<img alt='It&#39;s &lt;b>x&lt;/b> &amp; y' src=p.jpg>"),
        ("<img alt=Pier src=p.jpg>", "Old pier onerror=x", '<img alt="Old pier onerror=x" src=p.jpg>'),
        ('<meta name="description" content="About">', '"><script>x()</script>', '<meta name="description" content="&quot;>&lt;script>x()&lt;/script>">'),
        ("<title>Ferry</title>", "</title><script>x()</script>", "<title>&lt;/title>&lt;script>x()&lt;/script></title>"),
    ],
)
def test_an_attribute_or_title_translation_cannot_leave_its_place(page: str, translation: str, expected: str) -> None:
    assert translated(page, translation) == expected


LINKED = '<p>See the <a href="/council" title="City council">council</a> <img src=i.png alt=Icon>.</p>'


@pytest.mark.parametrize(
    ("translation", "expected"),
    [
        (
            "<a href=\"/council\" title='시의회'>의회</a> 보기 <img src=i.png alt=\"아이콘 그림\">.",
            '<a href="/council" title="시의회">의회</a> 보기 <img src=i.png alt="아이콘 그림">.',
        ),
        (
            '<a href="/council" title=\'x" onclick="y\'>의회</a> <img src=i.png alt=Icon>.',
            '<a href="/council" title="x&quot; onclick=&quot;y">의회</a> <img src=i.png alt=Icon>.',
        ),
        (
            '<a href="/other" title="시의회">의회</a> <img src=i.png alt=Icon onerror=x()>.',
            '&lt;a href="/other" title="시의회">의회&lt;/a> &lt;img src=i.png alt=Icon onerror=x()>.',
        ),
    ],
)
def test_alt_and_title_inside_kept_tags_are_translated_and_nothing_else_is(translation: str, expected: str) -> None:
    assert translated(LINKED, translation) == f"<p>{expected}</p>"


# What a translation may hold, weighted towards what the safety reading reacts to.
TRANSLATION_PIECES = st.one_of(
    st.sampled_from(["<", ">", "&", ";", "&amp;", "&#39;", "&copy", "\n", " ", "\t", "\r", "\x0b", "\u3000", "\u2028", '"', "'"]),
    st.sampled_from(['<a href="/x">', "</a>", "<strong>", "</strong>", "<code>x</code>", "<!-- c -->", "<br>"]),
    st.text(max_size=4),
)
SOURCES = st.sampled_from(
    [SENTENCE.removeprefix("<p>").removesuffix("</p>"), "Seoul said on Monday.", 'Call <code>ferry()</code> &amp; <span translate="no">Hanbit</span>', "A <b>bold\nclaim"]
)


@given(SOURCES, st.lists(TRANSLATION_PIECES, max_size=20))
def test_a_translation_without_markup_is_made_safe_as_the_full_reading_would(source: str, pieces: list[str]) -> None:
    # encode skips reading the source when the translation holds no "<": the result
    # must be what reading both and keeping only the source's markup gives.
    translation = "".join(pieces)
    segment = Segment(source, "paragraph", 1, (Span(0, len(source)),))
    lines = [line.strip() for line in translation.split("\n")]
    full_reading = html._safe_markup("\n".join(line for line in lines if line), source)
    assert html.encode(segment, translation) == (translation if translation == source else full_reading)


def test_kept_units_are_moved_whole_and_never_edited() -> None:
    page = '<p>Call <code>ferry()</code> or <span translate="no">Hanbit</span> now</p>'
    kept = translated(page, '지금 <span translate="no">Hanbit</span>나 <code>ferry()</code>를 부르세요')
    assert kept == '<p>지금 <span translate="no">Hanbit</span>나 <code>ferry()</code>를 부르세요</p>'
    edited = translated(page, '지금 <span translate="no">한빛</span>나 <code>페리()</code>')
    assert "<code>" not in edited and "<span" not in edited


# --- the page's language and the publishing hook ------------------------------------------


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ('<html lang="ko"><p>x</p></html>', '<html lang="en"><p>x</p></html>'),
        ("<html LANG=ko class=a>", '<html LANG="en" class=a>'),
        ("<html lang class=a>", '<html lang="en" class=a>'),
        ("<!doctype html><HTML>", '<!doctype html><HTML lang="en">'),
        ('<html class="x">', '<html lang="en" class="x">'),
        ('<!-- <html lang="ko"> -->\n<html lang=\'ko\'>', '<!-- <html lang="ko"> -->\n<html lang=\'en\'>'),
        ('<p>Text first</p><html lang="ko">', '<p>Text first</p><html lang="en">'),
    ],
)
def test_the_built_page_declares_its_language(page: str, expected: str) -> None:
    assert base.render(html, page, [], same_translation, lang="en") == expected


def test_a_fragment_without_an_html_tag_is_left_as_it_is() -> None:
    assert html.language_edit("<p>Only a fragment</p>", "en", OPTIONS) is None


def test_the_publishing_hook_adds_alternates_and_disclosure_meta_tags_in_the_head() -> None:
    page = '<html lang="ko"><head><title>t</title></head><body></body></html>'
    about = Disclosure(
        'ferry "draft"',
        ("ja", "ko"),
        machine=(("deepl", "2026-03-02"),),
        alternates=(("ko", "/ko/ferry.html"), ("ja", "/ja/ferry.html?a=1&b=2")),
    )
    assert base.render(html, page, [], same_translation, lang="en", metadata=about) == (
        '<html lang="en"><head><title>t</title>'
        '<link rel="alternate" hreflang="ja" href="/ja/ferry.html?a=1&amp;b=2">'
        '<link rel="alternate" hreflang="ko" href="/ko/ferry.html">'
        '<meta name="machine_translated" content="true">'
        '<meta name="machine_translation_provider" content="deepl">'
        '<meta name="machine_translation_date" content="2026-03-02">'
        '<meta name="translation_review" content="unreviewed">'
        '<meta name="translations" content="ja, ko">'
        '<meta name="translationKey" content="ferry &quot;draft&quot;">'
        "</head><body></body></html>"
    )


@pytest.mark.parametrize(
    "page",
    [
        "<html><head><script>if (a) { x = '</head>' }</script><!-- </head> --><meta content='</head>'></head></html>",
        "<HTML><HEAD><TITLE>t</TITLE></HEAD></HTML>",
        '<html><head><style>p::after { content: "</head>" }</style></head foo></html>',
    ],
)
def test_the_disclosure_goes_before_the_real_end_of_the_head(page: str) -> None:
    [edit] = html.metadata_edits(page, Disclosure("a"), OPTIONS)
    [head_end] = [token.start for token in html_tokens.tokens(page) if token.kind == "end" and token.name == "head"]
    assert edit.span.start == head_end


def test_the_publishing_hook_leaves_a_page_without_a_head_alone_but_sets_its_language() -> None:
    page = "<html><p>x</p></html>"
    about = Disclosure("x", ("en",), alternates=(("en", "/en/x.html"),))
    assert base.render(html, page, [], same_translation, lang="ko", metadata=about) == '<html lang="ko"><p>x</p></html>'


# --- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("depth", [5000])
def test_a_page_nested_thousands_deep_round_trips_and_loses_nothing_after_it(depth: int) -> None:
    page = "<div>" * depth + "<p>깊은 곳의 문단입니다.</p>" + "<span><b>" * depth + "</div>" * depth + "\n<p>The last paragraph.</p>\n"
    segments = html.blocks(page, OPTIONS)
    assert [seg.text for seg in segments][-1] == "The last paragraph."
    assert rebuild(page, same_translation) == page
    assert "THE LAST" in rebuild(page, lambda seg: seg.text.upper())


@pytest.mark.parametrize("tail", ["<img alt='x", "<b", "</p", "<html lang=\"ko"])
def test_a_page_cut_off_inside_a_tag_keeps_the_cut_tag_out_of_the_catalog(tail: str) -> None:
    page = "<p>서울 시민이 모였다.</p>\n<p>부산 " + tail
    segments = html.blocks(page, OPTIONS)
    assert [seg.text for seg in segments] == ["서울 시민이 모였다.", "부산"]
    assert rebuild(page, same_translation) == page
    assert rebuild(page, lambda seg: "T") == "<p>T</p>\n<p>T " + tail


def test_a_page_in_an_invalid_encoding_is_refused_with_its_line() -> None:
    with pytest.raises(L10nError) as caught:
        decode_article(b"<p>ok</p>\n<p>\xff\xfe\xfd broken</p>\n", "content/bad.html", "utf-8")
    assert caught.value.path == "content/bad.html"
    assert caught.value.line == 2


TAGS = st.sampled_from(
    ["<p>", "</p>", "<b>", "</b>", "<a href='/x'>", "</a>", "<br>", "<div class=x>", "</div>", "<!-- c -->",
     "<script>", "</script>", "<code>", "</code>", "<li>", "<td>", "<", ">", "&amp;", "&", "<!--", '"', "<img alt=x>",
     '<span translate="no">', "</span>", "<![CDATA[", "]]>", "<title>", "\n", "  "]
)
WORDS = st.sampled_from(["Ferry", "서울", "the port", "시민", "opens", "."])


@given(st.lists(st.one_of(TAGS, WORDS), max_size=40))
def test_any_markup_round_trips_and_translates_without_a_traceback(parts: list[str]) -> None:
    page = "".join(parts)
    segments = html.blocks(page, OPTIONS)
    assert base.render(html, page, segments, same_translation) == page
    rebuilt = base.render(html, page, segments, lambda seg: "<script>x</script>" + seg.text[::-1])
    assert rebuilt.count("<script>") <= page.count("<script>")


HEAD_PARTS = st.one_of(TAGS, WORDS, st.sampled_from(["<head>", "</head>", "</HEAD >", "<style>", "</style>", "'", "<meta content='</head>'>"]))


@given(st.lists(HEAD_PARTS, max_size=30))
def test_the_end_of_the_head_is_where_the_parser_finds_it(parts: list[str]) -> None:
    page = "".join(parts)
    edits = html.metadata_edits(page, Disclosure("a"), OPTIONS)
    ends = [token.start for token in html_tokens.tokens(page) if token.kind == "end" and token.name == "head"]
    assert [edit.span.start for edit in edits] == ends[:1]


# --- the quick scan reads a page as the standard parser does -----------------------------------
# Segments must not depend on which reader read the page (formats/html_tokens.py): the scan
# either gives the parser's tokens or declines, and the pages a CMS writes are never declined.


@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.stem)
def test_the_scan_reads_every_fixture_page_as_the_standard_parser_does(page: Path) -> None:
    text = read(page)
    scanned = html_tokens.scan(text)
    assert scanned == html_tokens.parser_tokens(text) or (scanned is None and page.stem == "broken")
    assert html_tokens.tokens(text) == html_tokens.parser_tokens(text)


WELL_FORMED = [
    '<!DOCTYPE html>\n<html lang="ko">\n<head>\n<meta charset="utf-8">\n<title>부산항</title>\n</head>\n<body>\n<article>\n'
    '<h1>여객터미널</h1>\n<p>Seoul <a href="/x?a=1&amp;b=2" title=\'Map\'>said</a> <strong>on Monday</strong>.</p>\n'
    "<table>\n<tr><th>항목</th><td nowrap colspan=2>값</td></tr>\n</table>\n</article>\n</body>\n</html>\n",
    "<p>AT&T &amp; friends &nbsp; &#8220;quoted&#x201D; 1 < 2 &copy. &copy</p>",
    "<script>if (a < b && c) { x = '<p>'; }</script><style>p > a { content: '</p>' }</style><p>x</p>",
    "<SCRIPT type=\"text/javascript\">x()</SCRIPT ><Style>a{}</STYLE>",
    "<script src=x.js/>var a;</script><script/><p>after</p>",
    "<script><!-- hidden from old browsers\nx()\n// --></script><style><?x</style><script><b</script>",
    "<!-- a comment -- ><!----><!--x--><![CDATA[ 1 < 2 ]]><![if !mso]><p>Word</p><![endif]><?php echo 1 ?><!x><!>",
    '<img src=/a/b.png alt="A <b> tag"><br/><hr /><input disabled><a href=/x/>link</a><p\n  class="lead"\n>x</p\n>',
    "<my-widget data-v='1' @click=go :x=y>custom</my-widget><x:y>ns</x:y>",
    "<script>",
]
TRICKY = [
    "<!-- never closed <p>text</p>",
    "<!-->text",
    "<p>text</p><img alt='x",
    "<p>a</p><b",
    "</p",
    "<",
    "&",
    "text &#12a; more &#; and &#x;",
    "&#12a;<p>one</p>&#9z;<p>two</p>",
    "the end &amp",
    "&a-b",
    "</>gap<b>x</b>",
    "</a b>",
    "</ a>",
    "<a b==c>x</a>",
    "<a b= >x</a>",
    "<a b=c\"d>x</a>",
    "<a =x>",
    "<a/b>",
    "<a / >",
    "<a b='x\">",
    "<a<b>",
    "<a b\xa0c>",
    "<a\xa0b>",
    '<a b="x"c="y">',
    "<script>x</ſcript>y</script>",
    "<script><!-- never closed</script><p>x</p>",
    "<script>a</script\xa0>",
    "<style>a{}",
    "<![CDATA[ never closed",
    "<!DOCTYPE x [ <!ENTITY a 'b'> ]><p>x</p>",
    "<!doctype",
    "<?xml",
    "x\r\n<p>\r\n  crlf\r\n</p>\r\n",
]


@pytest.mark.parametrize("page", WELL_FORMED)
def test_the_scan_reads_well_formed_markup_itself(page: str) -> None:
    assert html_tokens.scan(page) == html_tokens.parser_tokens(page) or page == "<script>"


@pytest.mark.parametrize("page", TRICKY)
def test_markup_the_scan_would_guess_at_is_read_as_the_standard_parser_reads_it(page: str) -> None:
    scanned = html_tokens.scan(page)
    assert scanned is None or scanned == html_tokens.parser_tokens(page)
    assert html_tokens.tokens(page) == html_tokens.parser_tokens(page)


@pytest.mark.parametrize("declaration", ["<![foo[ x ]]>", "<![ CDATA[x]]>"])
def test_a_declaration_the_parser_refuses_is_reported_with_its_line(declaration: str) -> None:
    page = f"<p>Ferry</p>\n{declaration}\n"
    with pytest.raises(L10nError) as caught:
        html.blocks(page, OPTIONS)
    assert caught.value.line == 2
    assert "check the markup" in (caught.value.hint or "")


MARKUP_PIECES = st.sampled_from(
    [*WELL_FORMED[1:], *TRICKY, "<p>", "</p>", "<b>", "</b>", "<script>", "</script>", "</SCRIPT >", "<style>", "</style>",
     "<!--", "-->", "<![CDATA[", "]]>", "]>", "<![if !IE]>", "<![endif]>", "&amp;", "&", "&#", "&#12;", "<", ">", '"', "'", "=",
     "/", "\n", " ", "\t", "\xa0", "Ferry", "서울"]
)
MARKUP_CHARACTERS = st.text(alphabet=st.sampled_from(list("ab=\"'/><&#;x1 \n-!?[]CDATscriptyl\t\xa0\r\f\vſA")), max_size=60)


@given(st.lists(MARKUP_PIECES, max_size=30))
def test_any_mix_of_markup_reads_the_same_through_either_reader(parts: list[str]) -> None:
    page = "".join(parts)
    scanned = html_tokens.scan(page)
    try:
        parsed = html_tokens.parser_tokens(page)
    except L10nError:
        assert scanned is None  # the refusal, with its line, is the parser's to give
    else:
        assert scanned is None or scanned == parsed


@given(MARKUP_CHARACTERS)
def test_any_string_of_markup_characters_reads_the_same_through_either_reader(page: str) -> None:
    scanned = html_tokens.scan(page)
    try:
        parsed = html_tokens.parser_tokens(page)
    except L10nError:
        assert scanned is None
    else:
        assert scanned is None or scanned == parsed


# --- the quick paths of reading a page give what the plain ones give -----------------------------


def _plain_attribute_values(text: str, start: int, end: int) -> tuple[html_tokens.Value, ...]:
    """attribute_values as first written: each value group asked for in turn, made by __init__."""
    head = re.compile(r"<[^\s/>]+").match(text, start, end)
    values = []
    for match in html_tokens._ATTRIBUTE.finditer(text, head.end() if head else start + 1, end):
        group = next((g for g in (2, 3, 4) if match.group(g) is not None), None)
        if group is None:
            values.append(html_tokens.Value(match.group(1).lower(), Span(match.end(1), match.end(1)), "", bare=True))
        else:
            quoting = {2: '"', 3: "'", 4: ""}[group]
            values.append(html_tokens.Value(match.group(1).lower(), Span(match.start(group), match.end(group)), quoting))
    return tuple(values)


ATTRIBUTE_PIECES = st.sampled_from(
    [" ", "\n", "\t", "=", " = ", '"', "'", "/", ">", "<", "&amp;", "alt", "ALT", "title", "x", "서울", '"a b"', "'c'", "d=e", "\xa0"]
)


@given(st.lists(ATTRIBUTE_PIECES, max_size=20).map("".join))
def test_a_tags_values_are_read_as_asking_each_value_group_in_turn_reads_them(inside: str) -> None:
    tag = f"<img {inside}>"
    assert html_tokens.attribute_values(tag, 0, len(tag)) == _plain_attribute_values(tag, 0, len(tag))
    assert html_tokens.attribute_values(tag, 0, len(tag) - 1) == _plain_attribute_values(tag, 0, len(tag) - 1)


WORD_RANGES = st.sampled_from(["", " ", "\xa0", "&nbsp;", "&amp; x", "a & b", "&#8220;", "\n\t", "서울", "&nbsp; 서울", "&", "x"])


@given(st.lists(WORD_RANGES, max_size=6).map("".join), st.integers(0, 3), st.integers(0, 3))
def test_words_are_looked_for_in_place_as_in_the_range_copied_out(middle: str, before: int, after: int) -> None:
    # Without an "&" the range is searched where it lies, without removing entities first.
    text = "x" * before + middle + "y" * after
    plain = html._WORDS.search(html._ENTITY.sub("", middle)) is not None
    assert html._has_words(text, before, before + len(middle)) is plain


def test_blank_text_is_told_in_place_as_stripping_it_tells() -> None:
    # A run's text is blank when \S finds nothing in it, which holds exactly where
    # str.strip (and lstrip and rstrip, which trim a run) would leave nothing.
    assert [code for code in range(0x110000) if (html._NON_SPACE.match(chr(code)) is None) != (not chr(code).strip())] == []


@given(st.lists(st.one_of(TAGS, WORDS), max_size=40).map("".join))
def test_segment_lines_and_order_are_what_counting_from_the_start_gives(page: str) -> None:
    # Lines are counted on from the segment before, and the list is sorted only when a
    # segment started before the one found before it.
    segments = html.blocks(page, OPTIONS)
    assert [seg.line for seg in segments] == [page.count("\n", 0, seg.pieces[0].start) + 1 for seg in segments]
    assert segments == sorted(segments, key=lambda seg: seg.pieces[0].start)


@given(st.text(alphabet=" \t\n\r\f\v\x1c\x85\u2028\u3000", min_size=1, max_size=8))
def test_a_run_of_nothing_but_space_between_blocks_gives_no_segment_when_flushed(space: str) -> None:
    # The walk does not hand such a run to flush, which would trim it to nothing.
    page = f"<p>{space}<p>"
    walker = html._Walker(page)
    walker.flush([html_tokens.Token("text", 3, 3 + len(space))], ["p"])
    assert walker.found == []
    assert html.blocks(page, OPTIONS) == []


def test_a_page_read_out_of_order_is_still_given_in_page_order() -> None:
    page = "<p>one</p>\n<p>two</p>"
    walker = html._Walker(page)
    walker.line_of(page.index("two"))
    assert walker.line_of(page.index("one")) == 1 and not walker._in_page_order


def _plain_refine(blocks: list[Segment], options: base.FormatOptions) -> list[Segment]:
    """refine as first written for block segments: patterns first, then a new Segment."""
    from dataclasses import replace

    from l10n.text.language import detect_language

    kept = []
    for block in blocks:
        if any(pattern.search(block.text) for pattern in options.never_translate):
            continue
        lang = detect_language(block.text)
        if lang is not None:
            kept.append(replace(block, lang=lang))
    return kept


@pytest.mark.parametrize("page", PAGES, ids=lambda path: path.stem)
def test_refined_segments_are_what_the_plain_refinement_gives(page: Path) -> None:
    text = read(page)
    options = base.FormatOptions(never_translate=(re.compile(r"^[Bb]y "), re.compile("2024|Ferry")))
    blocks = html.blocks(text, options)
    assert base.refine(blocks, text, options) == _plain_refine(blocks, options)
    assert base.refine(blocks, text, OPTIONS) == _plain_refine(blocks, OPTIONS)


# --- through the workflow ---------------------------------------------------------------------


def test_an_html_page_goes_through_extract_and_build(newsroom: Path) -> None:
    (newsroom / "content" / "ferry.html").write_text(read(FIXTURES / "korean.html"), encoding="utf-8")
    publish_what_translators_write(newsroom)  # what the translator fills in goes out
    settings = config.load(newsroom, {}, environ={})

    extracting.extract(settings)
    catalog = newsroom / "locales" / "en" / "ferry.html.po"
    po = polib.pofile(str(catalog))
    assert "부산항 새 여객터미널 개장" in [entry.msgid for entry in po]
    for entry in po:
        entry.msgstr = entry.msgid.replace("새 운항 시간표", "the new timetable").replace("부산항", "Busan")
    po.save(str(catalog))
    report = building.build(settings)

    [english] = [result for result in report.articles if result.lang == "en" and result.article.endswith("ferry.html")]
    built = (newsroom / english.output).read_text(encoding="utf-8")
    assert '<html lang="en">' in built
    assert '<a href="/schedule">the new timetable</a>' in built
    assert "<title>Busan 새 여객터미널 개장</title>" in built


def test_a_legacy_korean_page_is_built_as_utf8_and_says_so(newsroom: Path) -> None:
    page = (
        '<html lang="ko"><head><meta charset="euc-kr">\n'
        '<meta http-equiv="Content-Type" content="text/html; charset=EUC-KR"></head>\n'
        "<body><p>옛 인코딩으로 저장된 기사입니다.</p></body></html>\n"
    )
    (newsroom / "content" / "legacy.html").write_bytes(page.encode("cp949"))
    settings = config.load(newsroom, {}, environ={})
    extracting.extract(settings)
    catalog = newsroom / "locales" / "en" / "legacy.html.po"
    po = polib.pofile(str(catalog))
    for entry in po:
        entry.msgstr = "An article saved in a legacy encoding."
    po.save(str(catalog))

    report = building.build(settings)

    [english] = [result for result in report.articles if result.article.endswith("legacy.html")]
    built = (newsroom / english.output).read_bytes().decode("utf-8")
    assert '<meta charset="utf-8">' in built
    assert 'content="text/html; charset=utf-8"' in built
    assert "<p>An article saved in a legacy encoding.</p>" in built


def test_a_utf8_page_keeps_even_a_wrong_declared_charset() -> None:
    page = read(FIXTURES / "charset.html")
    assert base.render(html, page, html.blocks(page, OPTIONS), same_translation) == page
    assert html.charset_edits('<meta charset="UTF-8">', "utf-8") == []


# --- what the built page says about itself ------------------------------------------------------

FERRY = (
    '<!DOCTYPE html>\n<html lang="ko">\n<head>\n<meta charset="utf-8">\n<title>부산항 여객터미널 개장</title>\n</head>\n'
    "<body>\n<p>부산항 새 여객터미널이 문을 열었다.</p>\n</body>\n</html>\n"
)
BILINGUAL = (
    "<html><head><title>부산항 여객터미널 개장</title></head>\n"
    "<body><p>부산항 새 여객터미널이 문을 열었다.</p>\n<p>The port authority said so on Monday.</p></body></html>\n"
)


class _Head(HTMLParser):
    """What a browser or a crawler reads from a built page: its language, its
    alternates and its named meta tags."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.lang: str | None = None
        self.alternates: dict[str, str] = {}
        self.meta: dict[str, str] = {}
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "html":
            self.lang = values.get("lang")
        elif tag == "link" and values.get("rel") == "alternate":
            self.alternates[values["hreflang"]] = values["href"]
        elif tag == "meta" and "name" in values:
            self.meta[values["name"]] = values["content"]


def cli(root: Path, *args: str) -> str:
    result = CliRunner().invoke(main, ["-C", str(root), *args], env={name: None for name in os.environ if name.startswith("L10N_")})
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture
def desk(tmp_path: Path) -> Path:
    """A project with a Korean page and a bilingual one, drafted by the pseudo provider,
    whose machine drafts may be published."""
    root = tmp_path / "desk"
    (root / "content" / "2026").mkdir(parents=True)
    (root / "content" / "2026" / "ferry.html").write_text(FERRY, encoding="utf-8")
    (root / "content" / "2026" / "bilingual.html").write_text(BILINGUAL, encoding="utf-8")
    (root / "l10n.toml").write_text(
        'languages = ["ko", "en"]\nproviders = ["pseudo"]\n[publish]\nallow_machine = true\nminimum = { "*" = "translated" }\n',
        encoding="utf-8",
    )
    cli(root, "extract")
    cli(root, "translate")
    return root


def built(root: Path, lang: str, name: str) -> _Head:
    return _Head((root / "build" / lang / "2026" / name).read_text(encoding="utf-8"))


def translate_the_english_paragraph(root: Path) -> None:
    """A translator does what the pseudo provider cannot: Korean for the bilingual page."""
    catalog = root / "locales" / "ko" / "2026" / "bilingual.html.po"
    po = polib.pofile(str(catalog))
    for entry in po:
        entry.msgstr, entry.flags, entry.tcomment = "항만공사가 월요일에 그렇게 밝혔다.", [], ""
    po.save(str(catalog))


def top_level_setting(root: Path, line: str) -> None:
    """Add ``line`` to l10n.toml above its tables."""
    settings = root / "l10n.toml"
    settings.write_text(line + "\n" + settings.read_text(encoding="utf-8"), encoding="utf-8")


def test_the_built_page_says_its_language(desk: Path) -> None:
    translate_the_english_paragraph(desk)
    cli(desk, "build")
    assert built(desk, "en", "ferry.html").lang == "en"
    assert built(desk, "ko", "bilingual.html").lang == "ko"


@pytest.mark.parametrize(
    ("copy_sources", "korean_ferry"),
    [(False, "../../../content/2026/ferry.html"), (True, "../../ko/2026/ferry.html")],
)
def test_the_built_page_links_its_other_language_versions(desk: Path, copy_sources: bool, korean_ferry: str) -> None:
    top_level_setting(desk, f"copy_sources = {str(copy_sources).lower()}")
    translate_the_english_paragraph(desk)
    cli(desk, "build")
    # The Korean story is published as written: the English page points at the source
    # article, or at its copy when build writes one.
    assert built(desk, "en", "ferry.html").alternates == {"ko": korean_ferry}
    # A bilingual story is built in both languages, and each version points at the other.
    assert built(desk, "en", "bilingual.html").alternates == {"ko": "../../ko/2026/bilingual.html"}
    assert built(desk, "ko", "bilingual.html").alternates == {"en": "../../en/2026/bilingual.html"}
    for lang, name in (("en", "ferry.html"), ("en", "bilingual.html"), ("ko", "bilingual.html")):
        page = desk / "build" / lang / "2026" / name
        for href in built(desk, lang, name).alternates.values():
            assert (page.parent / href).resolve().is_file()


def test_alternates_follow_a_hugo_style_output_pattern(desk: Path) -> None:
    top_level_setting(desk, 'output = "{dir}/{stem}.{lang}{ext}"')
    translate_the_english_paragraph(desk)
    cli(desk, "build")
    folder = desk / "content" / "2026"
    assert _Head((folder / "ferry.en.html").read_text(encoding="utf-8")).alternates == {"ko": "ferry.html"}
    assert _Head((folder / "bilingual.en.html").read_text(encoding="utf-8")).alternates == {"ko": "bilingual.ko.html"}
    assert _Head((folder / "bilingual.ko.html").read_text(encoding="utf-8")).alternates == {"en": "bilingual.en.html"}


def test_a_version_held_back_by_the_policy_is_neither_linked_nor_listed(desk: Path) -> None:
    cli(desk, "build")  # the pseudo draft of the English paragraph has no Hangul: Korean is blocked
    assert not (desk / "build" / "ko" / "2026" / "bilingual.html").exists()
    english = built(desk, "en", "bilingual.html")
    assert english.alternates == {}
    assert "translations" not in english.meta


def test_the_built_page_discloses_its_machine_translation(desk: Path) -> None:
    cli(desk, "build")
    meta = built(desk, "en", "ferry.html").meta
    assert meta["machine_translated"] == "true"
    assert meta["machine_translation_provider"] == "pseudo"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d", meta["machine_translation_date"])
    assert meta["translation_review"] == "unreviewed"
    assert meta["translations"] == "ko"
    assert meta["translationKey"] == "2026/ferry"
    assert "translation_reviewer" not in meta


def test_a_page_the_scan_reads_leaves_the_standard_parser_unloaded() -> None:
    # html.parser is imported only for a page the scan declines (html_tokens): a
    # plain page is read without it, and a declined one still reads as before.
    import subprocess
    import sys

    program = (
        "import sys\n"
        "from l10n.formats import base, html, html_tokens\n"
        "page = '<html><body><p>Seoul said <a href=\"/x\" title=\"t\">hi</a>.</p></body></html>'\n"
        "assert [s.text for s in base.segment(html, page, base.FormatOptions())]\n"
        "assert 'html.parser' not in sys.modules and 'html' not in sys.modules, sorted(sys.modules)\n"
        "declined = '<p>a</p><a b=c=d>x</a>'\n"
        "assert html_tokens.scan(declined) is None\n"
        "assert html_tokens.tokens(declined) == html_tokens.parser_tokens(declined)\n"
        "assert 'html.parser' in sys.modules\n"
    )
    root = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(root)}
    subprocess.run([sys.executable, "-c", program], check=True, env=env, cwd=root)
