"""An editor's front matter: titles and summaries get translated, the YAML stays valid."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.errors import L10nError
from l10n.formats import base, frontmatter
from l10n.formats import markdown as md
from l10n.model import Segment

KEYS = ("title", "summary", "tags", "categories")
OPTIONS = base.FormatOptions(front_matter_keys=KEYS)

# One article per way of writing a YAML string, each with a comment and a
# neighbouring key that must survive every rebuild untouched.
STYLES = {
    "plain": "title: Council passes budget",
    "single": "title: 'Council''s budget'",
    "double": 'title: "Council \\"passes\\" budget\\tnow"',
    "literal": "title: |\n  Council passes\n\n  the budget\n",
    "literal-strip": "title: |-\n  Council passes\n  the budget\n",
    "folded": "title: >\n  Council passes the budget\n\n  Mayor to sign\n",
    "folded-strip": "title: >-\n  Council passes the budget\n",
    "list-item": "title:\n  - Council passes budget\n  - 'Mayor to sign'",
    "flow-item": 'title: [Council passes budget, "Mayor to sign"]',
}


def article(style: str) -> str:
    return "---\n# kept comment\n" + STYLES[style].rstrip("\n") + "\nauthor: Kim # reporter\n---\nBody text.\n"


def title_segments(text: str) -> list[Segment]:
    return [seg for seg in md.blocks(text, OPTIONS) if seg.kind == "front-matter:title"]


def load(text: str) -> dict:
    fm = frontmatter.find(text)
    assert fm is not None
    return yaml.safe_load(text[fm.yaml_start : fm.yaml_end])


def titles(value: object) -> list[str]:
    return value if isinstance(value, list) else [value]


@pytest.mark.parametrize("style", STYLES)
def test_each_quoting_style_gives_the_decoded_value_as_msgid(style: str) -> None:
    text = article(style)
    assert [seg.text for seg in title_segments(text)] == titles(load(text)["title"])


@pytest.mark.parametrize("style", STYLES)
def test_re_encoding_the_source_value_reproduces_the_source_bytes(style: str) -> None:
    text = article(style)
    assert base.render(md, text, title_segments(text), lambda seg: seg.text) == text


@given(
    st.sampled_from(sorted(STYLES)),
    st.lists(
        st.one_of(
            st.sampled_from([*list("'\":#-*&!%@`|>[]{},?~ \t\n\\"), "서울", "뉴스", "yes", "null", "1.5", ": "]),
            st.characters(exclude_categories=("Cs",)),
        ),
        max_size=30,
    ).map("".join),
)
@settings(max_examples=1500, deadline=None)
def test_any_translation_reads_back_as_exactly_itself(style: str, translation: str) -> None:
    text = article(style)
    rebuilt = base.render(md, text, title_segments(text), lambda seg: translation)
    values = load(rebuilt)
    assert titles(values["title"]) == [translation] * len(title_segments(text))
    assert values["author"] == "Kim"
    assert rebuilt.endswith("\nauthor: Kim # reporter\n---\nBody text.\n")
    assert "# kept comment" in rebuilt


@pytest.mark.parametrize(
    ("style", "translation", "expected"),
    [
        ("plain", "시의회 예산 통과", "title: 시의회 예산 통과"),
        # A plain scalar cannot hold ": " or a leading indicator; a double-quoted one can.
        ("plain", "Budget: passed", 'title: "Budget: passed"'),
        ("plain", "- not a list", 'title: "- not a list"'),
        ("plain", "yes", 'title: "yes"'),
        ("single", "It's \"done\"", "title: 'It''s \"done\"'"),
        ("single", "two\nlines", 'title: "two\\nlines"'),
        ("double", "탭\t그리고 \\", 'title: "탭\\t그리고 \\\\"'),
        ("literal", "한 줄\n두 줄\n세 줄\n", "title: |\n  한 줄\n  두 줄\n  세 줄"),
        ("literal-strip", "one line", "title: |-\n  one line"),
        ("folded", "첫 문단\n둘째 문단\n", "title: >\n  첫 문단\n\n  둘째 문단"),
        ("folded", " leading space", 'title: " leading space"'),
    ],
)
def test_translations_keep_the_source_quoting_when_they_can(style, translation, expected) -> None:
    text = article(style)
    rebuilt = base.render(md, text, title_segments(text), lambda seg: translation)
    assert f"# kept comment\n{expected}\nauthor:" in rebuilt


def test_a_translation_with_more_lines_lands_on_blank_source_lines_indented() -> None:
    text = "---\ntitle: |\n  one\n\n  three\n---\n"
    rebuilt = base.render(md, text, title_segments(text), lambda seg: "하나\n둘\n셋\n넷\n")
    assert rebuilt == "---\ntitle: |\n  하나\n  둘\n  셋\n  넷\n---\n"
    assert load(rebuilt)["title"] == "하나\n둘\n셋\n넷\n"


def test_list_items_under_a_key_are_segments_of_that_key() -> None:
    text = "---\ntags: [budget, 'city hall']\ncategories:\n  - local\n  - 2024\n---\n"
    assert [(seg.kind, seg.text, seg.line) for seg in md.blocks(text, OPTIONS)] == [
        ("front-matter:tags", "budget", 2),
        ("front-matter:tags", "city hall", 2),
        ("front-matter:categories", "local", 4),
    ]


def test_values_that_are_not_text_are_not_extracted() -> None:
    text = "---\ntitle: 2024\nsummary: true\ntags: {a: b}\n---\n"
    assert md.blocks(text, OPTIONS) == []


@pytest.mark.parametrize(
    ("text", "line", "hint"),
    [
        ("---\ntitle: a\n", 1, "add a closing `---`"),
        ("---", 1, "add a closing `---`"),
        ("---\ntitle: 'unclosed\nsummary: x\n---\n", 4, "quote values"),
        ("---\ntitle: a\n  bad: indentation\n---\n", 3, "quote values"),
        ("---\njust a string\n---\n", 2, "key: value"),
        ("---\ntitle: &t x\n---\n", 2, "anchors"),
        ("---\ntitle: a\nsummary: *t\n---\n", 3, "anchors"),
        ("---\ntitle: \x01\n---\n", 2, "control characters"),
    ],
)
def test_front_matter_errors_name_the_line_and_what_to_do(text, line, hint) -> None:
    with pytest.raises(L10nError) as raised:
        md.blocks(text, OPTIONS)
    assert raised.value.line == line
    assert hint in raised.value.hint
    assert raised.value.path is None  # the caller knows the file and adds it


@pytest.mark.parametrize(
    "text",
    ["", "# No front matter\n", "Text\n---\nmore\n", " ---\ntitle: x\n---\n"],
)
def test_articles_without_a_leading_fence_have_no_front_matter(text: str) -> None:
    assert frontmatter.find(text) is None


def test_closing_with_dots_and_an_empty_block_are_accepted() -> None:
    assert next(seg.text for seg in md.blocks("---\ntitle: Hi\n...\nBody\n", OPTIONS)) == "Hi"
    assert md.blocks("---\n---\n", OPTIONS) == []


@pytest.mark.parametrize(
    ("value", "plain"),
    [
        ("Seoul, Korea", True),
        ("-3 degrees and falling", True),
        ("C# 12 released", True),
        ("a: b", False),
        ("note #1", False),
        ("on", False),
        ("2024-03-02", False),
        ("~", False),
        ("@handle", False),
        (" padded", False),
    ],
)
def test_plain_scalars_are_used_only_where_they_read_back_as_text(value: str, plain: bool) -> None:
    assert frontmatter.plain_ok(value) is plain
    if plain:
        assert yaml.safe_load(f"k: {value}") == {"k": value}


def reads_back(document: str, meant: Callable[[object], bool]) -> bool:
    """Whether both PyYAML loaders (pure Python and libyaml) read ``document`` as meant."""
    for loader in (yaml.SafeLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        try:
            if not meant(yaml.load(document, Loader=loader)):
                return False
        except yaml.YAMLError:
            return False
    return True


# The plain-scalar test is PyYAML's emitter analysis plus its resolver. Each value
# is checked against what the loaders actually read, as a mapping value, a block
# sequence item and a flow sequence item.
@pytest.mark.parametrize(
    ("value", "block", "flow"),
    [
        ("서울 부산", True, True),
        ("yes", False, False),  # YAML 1.1 booleans, in any case
        ("Null", False, False),
        ("~", False, False),
        ("0x1F", False, False),  # hexadecimal integer
        ("1e3", True, True),  # not a float in YAML 1.1, which wants a dot
        (".inf", False, False),
        ("12:30", False, False),  # sexagesimal integer
        ("서울: 부산", False, False),
        ("부산 #1", False, False),
        ("trailing ", False, False),
        ("-3 degrees", True, True),
        ("- item", False, False),
        ("?why", True, False),  # ? and : may open a block plain, never a flow one
        ("a, b", True, False),
        *((f"{ch}x", False, False) for ch in "*&!%@`|>'\"#[]{}"),
        # Where PyYAML's emitter and the hand-written rules it replaced disagreed:
        ("...그리고 아무도", True, True),  # the emitter fears a document marker; after "key: " it is text
        ("--- a", True, True),
        ("a\u2028b", False, False),  # a line separator is a line break in YAML: the old rules said plain
        ("a\u2029b", False, False),
        ("a\U0010ffffb", True, True),  # printable in YAML; the emitter's range stops one short
    ],
)
def test_plain_scalars_are_used_exactly_where_they_read_back_as_text(value: str, block: bool, flow: bool) -> None:
    assert frontmatter.plain_ok(value) is block
    assert frontmatter.plain_ok(value, in_flow=True) is flow
    if block:
        assert reads_back(f"k: {value}\nnext: 1\n", lambda d: d == {"k": value, "next": 1})
        assert reads_back(f"k:\n- {value}\n- z\n", lambda d: d == {"k": [value, "z"]})
    if flow:
        assert reads_back(f"k: [{value}, z]\n", lambda d: d == {"k": [value, "z"]})


def test_a_line_separator_written_plain_would_break_the_front_matter() -> None:
    assert not reads_back("k: a\u2028b\nnext: 1\n", lambda d: d == {"k": "a\u2028b", "next": 1})


@pytest.mark.parametrize("key", ["--- a", "... a", "---", "..."])
def test_a_key_that_would_read_as_a_document_marker_is_quoted(key: str) -> None:
    assert frontmatter.plain_ok(key) and not frontmatter.plain_ok(key, line_start=True)
    text = "---\ntitle: T\n---\nBody\n"
    edit = frontmatter.language_edit(text, frontmatter.find(text), key, "ko")
    assert edit.text == f'"{key}": ko\n'


def test_the_characters_escaped_in_yaml_values_are_exactly_the_unprintable_ones() -> None:
    # YAML's printable set (tab, newline, the visible ranges), less NEL and the BOM,
    # which would not survive as literal text.
    def printable(cp: int) -> bool:
        return (
            cp in (0x09, 0x0A)
            or 0x20 <= cp <= 0x7E
            or 0xA0 <= cp <= 0xD7FF
            or 0xE000 <= cp <= 0xFEFE
            or 0xFF00 <= cp <= 0xFFFD
            or 0x10000 <= cp <= 0x10FFFF
        )

    escaped = [cp for cp in range(0x110000) if frontmatter._UNPRINTABLE.match(chr(cp))]
    assert escaped == [cp for cp in range(0x110000) if not printable(cp)]
