"""A newsroom's Markdown articles go in, segments come out, translated articles come back.

Golden files live beside each fixture article in tests/fixtures/markdown/:
``NAME.segments.json`` (what a translator is asked for) and ``NAME.expect.md`` (the
article rebuilt with a made-up translation). Regenerate them with
``L10N_REGEN_GOLDEN=1 python -m pytest tests/test_markdown.py`` and review the diff.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.errors import L10nError
from l10n.formats import base, frontmatter
from l10n.formats import markdown as md
from l10n.model import Segment
from tests.golden import check_golden, read

FIXTURES = Path(__file__).parent / "fixtures" / "markdown"
ARTICLES = sorted(
    path for path in FIXTURES.glob("*.md") if not path.name.endswith(".expect.md")
)
OPTIONS = base.FormatOptions()


def rebuild(text: str, lookup: base.Lookup) -> str:
    return base.render(md, text, md.blocks(text, OPTIONS), lookup)


def same_translation(seg: Segment) -> str:
    return seg.text


def golden_translation(seg: Segment) -> str:
    """A translation that changes the words and the line count: odd lines grow, even shrink."""
    if seg.line % 2:
        return "[T] " + seg.text.upper() + "\n(one more line)"
    return "[T] " + " ".join(seg.text.upper().split("\n"))


def front_matter_values(text: str) -> dict | None:
    fm = frontmatter.find(text)
    return None if fm is None else yaml.safe_load(text[fm.yaml_start : fm.yaml_end])


# --- the round trip -------------------------------------------------------------


@pytest.mark.parametrize("article", ARTICLES, ids=lambda path: path.stem)
def test_an_untranslated_rebuild_is_the_source_byte_for_byte(article: Path) -> None:
    text = read(article)
    segments = base.segment(md, text, OPTIONS)
    assert base.render(md, text, segments, same_translation) == text


@pytest.mark.parametrize("article", ARTICLES, ids=lambda path: path.stem)
def test_every_piece_is_exactly_its_source_text(article: Path) -> None:
    text = read(article)
    for seg in md.blocks(text, OPTIONS):
        if seg.quoting == "raw":
            assert seg.text == "\n".join(text[p.start : p.end] for p in seg.pieces)
            assert seg.line == text.count("\n", 0, seg.pieces[0].start) + 1
        # Re-encoding the source value must not move a byte either.
        edits = base.place(seg, md.encode(seg, seg.text))
        assert base.splice(text, edits) == text, seg


# --- goldens ----------------------------------------------------------------------


@pytest.mark.parametrize("article", ARTICLES, ids=lambda path: path.stem)
def test_extracted_segments_match_the_golden_list(article: Path) -> None:
    listed = [
        {"kind": seg.kind, "line": seg.line, "text": seg.text}
        for seg in md.blocks(read(article), OPTIONS)
    ]
    actual = json.dumps(listed, ensure_ascii=False, indent=1) + "\n"
    check_golden(article.with_suffix(".segments.json"), actual)


@pytest.mark.parametrize("article", ARTICLES, ids=lambda path: path.stem)
def test_a_translated_article_matches_its_golden_and_keeps_its_shape(article: Path) -> None:
    text = read(article)
    rebuilt = rebuild(text, golden_translation)
    check_golden(article.with_suffix(".expect.md"), rebuilt)
    assert md.structure(rebuilt) == md.structure(text)
    source_values = front_matter_values(text)
    if source_values is not None:
        rebuilt_values = front_matter_values(rebuilt)
        assert rebuilt_values.keys() == source_values.keys()
        for seg in md.blocks(text, OPTIONS):
            if seg.kind.startswith("front-matter:"):
                value = rebuilt_values[seg.kind.split(":", 1)[1]]
                assert golden_translation(seg) in (value if isinstance(value, list) else [value])


# --- what is and is not extracted --------------------------------------------------


def kinds_and_texts(text: str) -> list[tuple[str, str]]:
    return [(seg.kind, seg.text) for seg in md.blocks(text, OPTIONS)]


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        ("# Title ##\n", [("heading", "Title")]),
        ("Title\n---\n", [("heading", "Title")]),
        ("- [x] Done *today*\n", [("list-item", "Done *today*")]),
        ("> quoted\nlazy\n", [("blockquote", "quoted\nlazy")]),
        ("| a \\| b | c |\n|---|---|\n", [("table-header", "a \\| b"), ("table-header", "c")]),
        ("![Alt *text*](a.png)\n", [("image-alt", "Alt *text*")]),
        ("See ![icon](i.png) here\n", [("paragraph", "See ![icon](i.png) here")]),
        ("<figcaption>A <b>bold</b> caption</figcaption>\n", [("html", "A <b>bold</b> caption")]),
        ("Line one  \nline two\n", [("paragraph", "Line one\nline two")]),
        ("Line one\\\nline two\n", [("paragraph", "Line one\\\nline two")]),
        ("```\ncode\n```\n\n    code\n\n<!-- note -->\n\n[a]: /url\n\n---\n", []),
        ("<script>\nvar x = 'text';\n</script>\n", []),
        ("Note[^n].\n\n[^n]: The note.\n", [("paragraph", "Note[^n]."), ("footnote", "The note.")]),
    ],
)
def test_each_kind_of_block_gives_the_translator_its_text_and_markup(article, expected) -> None:
    assert kinds_and_texts(article) == expected


def test_extra_translated_lines_get_the_container_prefix() -> None:
    text = "> - Item one\n>   continues here.\n"
    rebuilt = rebuild(text, lambda seg: "First line\nsecond line\nthird line")
    assert rebuilt == "> - First line\n>   second line\n>   third line\n"


def test_fewer_translated_lines_drop_the_surplus_source_lines_and_prefixes() -> None:
    text = "> Line one\n> line two\n> line three\n\nAfter.\n"
    rebuilt = rebuild(text, lambda seg: "Just one" if seg.kind == "blockquote" else None)
    assert rebuilt == "> Just one\n\nAfter.\n"


@pytest.mark.parametrize(
    ("article", "translation", "expected"),
    [
        # One-line kinds: line breaks become spaces.
        ("# Title\n", "Two\nlines", "# Two lines\n"),
        # A translated heading ending in #s would lose them as a closing sequence.
        ("# Title\n", "Issue #", "# Issue \\#\n"),
        # A pipe would split the cell; a trailing backslash would escape the next pipe.
        ("| a | b |\n|---|---|\n", "x|y \\| z", "| x\\|y \\| z | x\\|y \\| z |\n|---|---|\n"),
        ("| a | b |\n|---|---|\n", "end\\", "| end\\  | end\\  |\n|---|---|\n"),
        # An unbalanced bracket would end the alt text early.
        ("![alt](a.png)\n", "a ] b", "![a \\] b](a.png)\n"),
        # A translated line must not start a list, heading or quote of its own.
        ("Some text\n", "1. first\n- second\n# third\n> fourth", "1\\. first\n\\- second\n\\# third\n\\> fourth\n"),
        # Blank lines would split the paragraph in two.
        ("Some text\n", "one\n\n\ntwo", "one\ntwo\n"),
    ],
)
def test_translations_are_made_safe_for_where_they_land(article, translation, expected) -> None:
    assert rebuild(article, lambda seg: translation) == expected


def test_a_caption_in_html_keeps_its_tags_and_gets_one_segment() -> None:
    text = '<figure>\n  <img src="a.jpg">\n  <figcaption>Rain in Seoul.\n  More rain.</figcaption>\n</figure>\n'
    [seg] = md.blocks(text, OPTIONS)
    assert (seg.kind, seg.text, seg.line) == ("html", "Rain in Seoul.\nMore rain.", 3)
    rebuilt = rebuild(text, lambda seg: "서울에 비.\n\n비가 더 온다.\n그리고 바람.")
    assert rebuilt == (
        '<figure>\n  <img src="a.jpg">\n  <figcaption>서울에 비.\n  비가 더 온다.\n'
        "  그리고 바람.</figcaption>\n</figure>\n"
    )
    assert md.structure(rebuilt) == md.structure(text)


# --- front matter through the Markdown format -------------------------------------


def test_the_language_key_is_replaced_in_place_keeping_its_comment() -> None:
    text = "---\ntitle: Hello\nlang: en # source language\n---\nBody\n"
    assert base.render(md, text, [], same_translation, lang="ko") == (
        "---\ntitle: Hello\nlang: ko # source language\n---\nBody\n"
    )


def test_the_language_key_is_added_before_the_closing_fence() -> None:
    text = "---\ntitle: Hello\n---\nBody\n"
    assert base.render(md, text, [], same_translation, lang="ko") == "---\ntitle: Hello\nlang: ko\n---\nBody\n"


def test_an_empty_language_key_gets_the_value() -> None:
    text = "---\nlang:\ntitle: Hi\n---\n"
    assert base.render(md, text, [], same_translation, lang="en") == "---\nlang: en\ntitle: Hi\n---\n"


def test_a_language_code_yaml_would_read_as_a_boolean_is_quoted() -> None:
    text = "---\nlang: en\n---\n"
    assert base.render(md, text, [], same_translation, lang="no") == '---\nlang: "no"\n---\n'


def test_a_custom_language_key_is_honoured() -> None:
    options = base.FormatOptions(language_key="locale")
    edit = md.language_edit("---\nlocale: en\n---\n", "ko", options)
    assert edit is not None and edit.text == "ko"


def test_an_article_without_front_matter_gets_no_language_edit() -> None:
    assert md.language_edit("# Title\n", "ko", OPTIONS) is None


def test_only_configured_front_matter_keys_are_extracted() -> None:
    text = "---\ntitle: Hello\nauthor: Kim\nkicker: Breaking\n---\n"
    options = base.FormatOptions(front_matter_keys=("kicker",))
    assert [(seg.kind, seg.text) for seg in md.blocks(text, options)] == [
        ("front-matter:kicker", "Breaking")
    ]


@pytest.mark.parametrize(
    ("article", "line", "hint"),
    [
        ("---\ntitle: Hello\n\n# Body\n", 1, "closing `---`"),
        ("---\ntitle: Hello\nsummary: a: b\n---\n", 3, "quote values"),
        ("---\n- a list\n---\n", 2, "key: value"),
        ("---\nbase: &b x\ncopy: *b\n---\n", 2, "anchors"),
    ],
)
def test_broken_front_matter_is_reported_with_its_line_and_a_hint(article, line, hint) -> None:
    with pytest.raises(L10nError) as raised:
        md.blocks(article, OPTIONS)
    assert raised.value.line == line
    assert hint in raised.value.hint


def test_a_yaml_alias_bomb_fails_fast_instead_of_expanding() -> None:
    rows = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 30):
        prev = chr(ord("a") + level - 1) if level < 26 else f"n{level - 1}"
        name = chr(ord("a") + level) if level < 26 else f"n{level}"
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    article = "---\n" + "\n".join(rows) + "\n---\nBody\n"
    started = time.thread_time()  # CPU time of this thread: a busy machine does not add to it
    with pytest.raises(L10nError) as raised:
        md.blocks(article, OPTIONS)
    assert time.thread_time() - started < 1
    assert raised.value.line == 2
    assert "anchor" in raised.value.message


def test_deeply_nested_yaml_is_an_error_not_a_crash() -> None:
    article = "---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n"
    with pytest.raises(L10nError):
        md.blocks(article, OPTIONS)


# --- random articles -----------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "the", "mayor", "said", "budget", "Seoul", "서울시", "예산", "발표했다", "시민", "뉴스",
        "**bold**", "*em*", "`code`", "[link](https://example.com/a)", "<br>", "~~old~~",
        "2024", "50%", "-", "+", "#", ">", "1.", "=", "\\", "[^1]", "&amp;", "C#",
    ]
)
SAFE_START = st.sampled_from(["The", "A", "서울", "Officials", "Rain", "**Note**", "`x`", "기자"])


@st.composite
def text_line(draw, words: int = 6) -> str:
    return " ".join([draw(SAFE_START), *draw(st.lists(WORDS, max_size=words))])


@st.composite
def lines(draw, max_lines: int = 3) -> list[str]:
    return draw(st.lists(text_line(), min_size=1, max_size=max_lines))


@st.composite
def markdown_block(draw) -> str:
    choice = draw(st.integers(0, 8))
    if choice == 0:
        return "#" * draw(st.integers(1, 6)) + " " + draw(text_line())
    if choice == 1:
        return "\n".join(draw(lines()))
    if choice == 2:
        marker = draw(st.sampled_from(["- ", "* ", "1. ", "1) ", "- [ ] ", "- [x] "]))
        items = []
        for body in draw(st.lists(lines(2), min_size=1, max_size=3)):
            pad = " " * (len(marker) - (4 if "[" in marker else 0))
            items.append(marker + ("\n" + pad).join(body))
            if draw(st.booleans()):
                items.append("  - " + draw(text_line()))
        return "\n".join(items)
    if choice == 3:
        return "\n".join("> " + line for line in draw(lines()))
    if choice == 4:
        fence = draw(st.sampled_from(["```", "~~~"]))
        return f"{fence}\n" + "\n".join(draw(lines())) + f"\n{fence}"
    if choice == 5:
        columns = draw(st.integers(1, 3))
        cell = st.sampled_from(["Kim", "김", "52%", "a \\| b", "**bold**", "`x`", "서울 시청"])
        rows = [draw(st.lists(cell, min_size=columns, max_size=columns)) for _ in range(draw(st.integers(1, 3)))]
        header = "| " + " | ".join(draw(st.lists(cell, min_size=columns, max_size=columns))) + " |"
        body = ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join([header, "|" + "---|" * columns, *body])
    if choice == 6:
        return "![" + draw(text_line(3)) + "](photo.jpg)"
    if choice == 7:
        return '<p class="caption">' + draw(text_line()) + "</p>"
    return "    indented code " + draw(text_line(2))


@st.composite
def markdown_article(draw) -> str:
    parts = []
    if draw(st.booleans()):
        title = draw(text_line(4))
        style = draw(st.sampled_from(["plain", "single", "double"]))
        value = {
            "plain": title if frontmatter.plain_ok(title) else frontmatter.double_quoted(title),
            "single": "'" + title.replace("'", "''") + "'",
            "double": frontmatter.double_quoted(title),
        }[style]
        parts.append(f"---\ntitle: {value}\nauthor: Kim\n---")
    parts.extend(draw(st.lists(markdown_block(), max_size=8)))
    return "\n\n".join(parts) + draw(st.sampled_from(["\n", "", "\n\n"]))


def reverse_words(seg: Segment) -> str:
    """A stand-in translation: every line's words in reverse order."""
    return "\n".join(" ".join(reversed(line.split(" "))) for line in seg.text.split("\n"))


def merge_lines(seg: Segment) -> str:
    return " ".join(seg.text.split("\n")) + "\n추가된 줄\nand one more"


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_article())
def test_random_articles_survive_the_identity_round_trip(article: str) -> None:
    segments = md.blocks(article, OPTIONS)
    assert base.render(md, article, segments, same_translation) == article
    for seg in segments:
        assert base.splice(article, base.place(seg, md.encode(seg, seg.text))) == article


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markdown_article(), st.sampled_from([reverse_words, merge_lines]))
def test_random_articles_keep_their_shape_when_translated(article: str, translate) -> None:
    rebuilt = rebuild(article, translate)
    assert md.structure(rebuilt) == md.structure(article)
    assert (front_matter_values(rebuilt) is None) == (front_matter_values(article) is None)
    if front_matter_values(article) is not None:
        [title] = [seg for seg in md.blocks(article, OPTIONS) if seg.kind == "front-matter:title"]
        assert front_matter_values(rebuilt)["title"] == translate(title)


# --- speed -------------------------------------------------------------------------------


def test_a_typical_article_is_segmented_and_rebuilt_quickly() -> None:
    text = read(FIXTURES / "korean.md")
    md.blocks(text, OPTIONS)  # warm up
    rounds = 50
    started = time.thread_time()  # CPU time of this thread: a busy machine does not add to it
    for _ in range(rounds):
        rebuild(text, golden_translation)
    per_article = (time.thread_time() - started) / rounds
    # Generous bound so slow CI machines pass; typical figures are in the report.
    assert per_article < 0.05


def nested_list(depth: int) -> str:
    items = [f"{'    ' * level}- 항목 {level}번은 번역할 내용입니다\n" for level in range(depth)]
    return "# 제목\n\n" + "".join(items) + "\n마지막 문단도 번역해야 합니다.\n"


@pytest.mark.parametrize("depth", [10, 12, 40])
def test_a_deeply_nested_list_loses_nothing_after_it(depth: int) -> None:
    # markdown-it's own limit (a list ten deep) silently dropped the rest of the article.
    texts = [segment.text for segment in md.blocks(nested_list(depth), OPTIONS)]

    assert texts[-1] == "마지막 문단도 번역해야 합니다."
    assert len(texts) == depth + 2


@pytest.mark.parametrize("container", ["list", "quote"])
def test_nesting_beyond_the_limit_is_refused_at_its_line(container: str) -> None:
    depth = md.MAX_NESTING + 5
    if container == "quote":
        article = "첫 문단입니다.\n\n" + "".join("> " * (level + 1) + f"인용 {level}\n>\n" for level in range(depth))
    else:
        article = nested_list(depth)

    with pytest.raises(L10nError) as caught:
        md.blocks(article, OPTIONS)

    assert caught.value.line is not None and caught.value.line > 3
    assert "nested too deeply" in str(caught.value)
    assert "flatten" in (caught.value.hint or "")
