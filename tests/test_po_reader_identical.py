"""Reading a catalog faster must not change what is read: the same entries, lines and errors.

A newsroom's catalogs are read by every command, so the reader (l10n/po/lexer.py) is
tuned for speed; these tests pin what it returns. A seeded generator writes a few
thousand catalogs as editors and tools leave them (wrapped strings, escapes, msgctxt,
plural forms, previous strings, obsolete entries, every kind of comment, CRLF, a
byte-order mark) and damages some of them (a line dropped, doubled or swapped, a
stray character, a cut), and for each one ``parse_po``, ``read_translations`` and
``check_po`` must give what the reader gave before it was tuned: the same entries
with the same line numbers, or the same error at the same line with the same hint.

What they gave is stored as one short digest per catalog in
tests/fixtures/po_reader/digests.txt, written by the reader as it was before the
tuning. Regenerate it only with a reader known to be right (and review why it
changed): ``L10N_REGEN_GOLDEN=1 python -m pytest tests/test_po_reader_identical.py``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import random
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.errors import L10nError
from l10n.frozen import plain_dataclass
from l10n.po import lexer
from l10n.po.entry import Entry
from l10n.po.lexer import _read_plain, check_po, parse_po, read_translations
from tests.golden import check_golden

FIXTURES = Path(__file__).parent / "fixtures"
DIGESTS = FIXTURES / "po_reader" / "digests.txt"
CATALOGS = 2400  # generated ones; about a third are damaged

# Invented words: none of these sentences comes from a real article.
KOREAN = ["바람개비", "도서관", "새벽", "열차가", "시장은", "조용히", "발표했다", "주민들", "강변", "축제"]
ENGLISH = ["pinwheel", "library", "dawn", "the train", "mayor", "quietly", "announced", "residents", "riverside"]
ODD = ["\\n", "\\t", '\\"', "\\\\", "\\r", "\\a", "\\v", "\\b", "\\f", "\u3000", " ", "\u2028", "%s", "{name}"]
BAD_ESCAPES = ["\\q", "\\x41", "\\0", "\\u00e9", "\\"]
HEADER = (
    "Project-Id-Version: invented\\n",
    "Language: en\\n",
    "MIME-Version: 1.0\\n",
    "Content-Type: text/plain; charset=UTF-8\\n",
    "Content-Transfer-Encoding: 8bit\\n",
)


def sentence(rng: random.Random) -> str:
    """An escaped string body: invented words, sometimes an escape or odd space."""
    words = rng.choices(rng.choice((KOREAN, ENGLISH)), k=rng.randint(0, 14))
    if rng.random() < 0.3:
        words.insert(rng.randint(0, len(words)), rng.choice(ODD))
    return " ".join(words)


def string_lines(keyword: str, body: str, rng: random.Random, prefix: str = "") -> list[str]:
    """``keyword "body"``, sometimes wrapped GNU-style (first line ``""``) or split anyhow."""
    if len(body) < 30 or rng.random() < 0.2:
        return [f'{prefix}{keyword} "{body}"']
    cuts = sorted(rng.sample(range(1, len(body)), k=min(len(body) - 1, rng.randint(1, 4))))
    pieces = [body[a:b] for a, b in zip([0, *cuts], [*cuts, len(body)], strict=True)]
    # A cut inside an escape would make another string; keep the escape whole.
    merged: list[str] = []
    for piece in pieces:
        if merged and (len(merged[-1]) - len(merged[-1].rstrip("\\"))) % 2 == 1:
            merged[-1] += piece
        else:
            merged.append(piece)
    first = [f'{prefix}{keyword} ""'] if rng.random() < 0.8 else []
    if not first:
        return [f'{prefix}{keyword} "{merged[0]}"', *(f'{prefix}"{p}"' for p in merged[1:])]
    return [*first, *(f'{prefix}"{p}"' for p in merged)]


def comments(rng: random.Random, obsolete: bool, tidy: bool) -> list[str]:
    """Comment lines in GNU's order; unless ``tidy``, also odd ones (trailing spaces, "##", "#~|")."""
    lines = []
    for _ in range(rng.choice((0, 0, 1, 2))):
        words = sentence(rng).strip() if tidy else sentence(rng)
        lines.append(rng.choice(("#", f"# {words}" if words else "#", "# reviewed 2026-11-28 by Kim", "## double")))
        if tidy and lines[-1] == "## double":
            lines[-1] = "# double"
    for _ in range(rng.choice((0, 1, 1, 2))):
        words = sentence(rng).strip() if tidy else sentence(rng)
        lines.append("#. " + rng.choice(("paragraph", "heading", f"article: {words}".strip())))
    if rng.random() < 0.8:
        refs = [f"content/{rng.choice(('a', 'b c', 'news'))}.md:{rng.randint(1, 400)}" for _ in range(rng.randint(1, 3))]
        lines.append("#: " + " ".join(f"\u2068{r.rsplit(':', 1)[0]}\u2069:{r.rsplit(':', 1)[1]}" if " " in r else r for r in refs))
    if rng.random() < 0.4:
        lines.append("#, " + rng.choice(("fuzzy", "fuzzy, python-format", "no-wrap", "python-format")))
    if rng.random() < 0.15 and not (tidy and obsolete):
        head = "#~| " if obsolete else "#| "
        if rng.random() < 0.3:
            lines += string_lines("msgctxt", sentence(rng), rng, head)
        lines += string_lines("msgid", sentence(rng), rng, head)
    return lines


def entry(rng: random.Random, obsolete: bool, plural: bool, tidy: bool) -> list[str]:
    prefix = "#~ " if obsolete else ""
    lines = comments(rng, obsolete, tidy)
    if rng.random() < 0.15:
        lines += string_lines("msgctxt", sentence(rng), rng, prefix)
    lines += string_lines("msgid", sentence(rng) or "x", rng, prefix)
    if plural:
        lines += string_lines("msgid_plural", sentence(rng), rng, prefix)
        for index in range(rng.choice((1, 2, 2, 3))):
            lines += string_lines(f"msgstr[{index}]", sentence(rng), rng, prefix)
    else:
        lines += string_lines("msgstr", sentence(rng) if rng.random() < 0.8 else "", rng, prefix)
    return lines


def catalog(rng: random.Random, tidy: bool) -> list[str]:
    """The lines of one well-formed catalog (most of the time) as an editor may leave it;
    if ``tidy``, as GNU gettext and l10n write them (no plural forms, no odd comments)."""
    lines = []
    if rng.random() < 0.3:
        lines += ["# Invented newsroom catalog.", "#"]
    if rng.random() < 0.9:
        header = list(HEADER)
        if rng.random() < 0.3:
            header.append("Plural-Forms: nplurals=2; plural=(n != 1);\\n")
        if rng.random() < 0.03:
            header[3] = "Content-Type: text/plain; charset=EUC-KR\\n"
        lines += ['msgid ""', 'msgstr ""', *(f'"{field}"' for field in header), ""]
    plurals = rng.random() < 0.2 and not tidy
    for _ in range(rng.randint(0, 14)):
        lines += [*entry(rng, obsolete=False, plural=plurals and rng.random() < 0.3, tidy=tidy), ""]
    for _ in range(rng.choice((0, 0, 1, 2))):
        lines += [*entry(rng, obsolete=True, plural=False, tidy=tidy), ""]
    if rng.random() < 0.2 and len(lines) > 4:  # an entry repeated: a duplicate, unless obsolete
        start = rng.randrange(len(lines) - 1)
        end = lines.index("", start) if "" in lines[start:] else len(lines)
        lines += [*lines[start:end], ""]
    return lines


STRAYS = ["#", "#.", "#~", "#~|", "#, fuzzy", "#x", '"stray"', "msgstr[3] \"x\"", 'msgid"x"', "msgid_plural \"y\"",
          "  ", "\t", "msgstr \"a\" \"b\"", 'msgid "open', "nonsense", "#| \"more\"", "#~ msgstr \"z\"", "msgctxt \"c\""]


def damage(lines: list[str], rng: random.Random) -> list[str]:
    """The same lines after one or two accidents."""
    lines = list(lines)
    for _ in range(rng.randint(1, 2)):
        if not lines:
            break
        at = rng.randrange(len(lines))
        kind = rng.randrange(9)
        if kind == 0:
            del lines[at]
        elif kind == 1:
            lines.insert(at, lines[at])
        elif kind == 2:
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        elif kind == 3:
            lines.insert(at, rng.choice(STRAYS))
        elif kind == 4:
            lines[at] = lines[at] + rng.choice((" ", "\t", "\u3000", "\r", "x", '"', "\\"))
        elif kind == 5:
            lines[at] = rng.choice((" ", "\t", "\u3000")) + lines[at]
        elif kind == 6:
            position = rng.randint(0, len(lines[at]))
            lines[at] = lines[at][:position] + rng.choice([*BAD_ESCAPES, "\r", '"', "\x0b"]) + lines[at][position:]
        elif kind == 7:
            del lines[at:]
        else:
            lines.insert(at, "")
    return lines


def generated(number: int) -> bytes:
    rng = random.Random(number)
    tidy = rng.random() < 0.5
    lines = catalog(rng, tidy)
    if rng.random() < 0.35:
        lines = damage(lines, rng)
    text = "\n".join(lines)
    end = rng.random()
    if end < 0.8:
        text += "\n"
    elif end < 0.9:
        text += "\n\n"
    if rng.random() < 0.1 and not tidy:
        text = text.replace("\n", "\r\n")
    if rng.random() < 0.05:
        text = "\ufeff" + text
    if rng.random() < 0.05:
        text = "\n" * rng.randint(1, 3) + text
    return text.encode("utf-8")


def outcome(read: Callable[[bytes, str], object], data: bytes) -> str:
    """What a reader returned (entries with their lines) or the error it raised, in full."""
    try:
        return repr(read(data, "locales/en/a.md.po"))
    except L10nError as error:
        return repr(("error", error.message, error.path, error.line, error.hint))


def digest(data: bytes) -> str:
    seen = "\n".join(outcome(read, data) for read in (parse_po, read_translations, check_po))
    return hashlib.sha256(seen.encode("utf-8")).hexdigest()[:16]


def cases() -> list[tuple[str, bytes]]:
    stored = [(str(path.relative_to(FIXTURES)), path.read_bytes()) for path in sorted(FIXTURES.rglob("*.po"))]
    return stored + [(f"generated-{number}", generated(number)) for number in range(CATALOGS)]


def test_every_catalog_reads_as_it_did_before_the_reader_was_tuned() -> None:
    actual = "".join(f"{name} {digest(data)}\n" for name, data in cases())
    check_golden(DIGESTS, actual)


def test_the_generated_catalogs_cover_what_the_reader_must_handle() -> None:
    """The digests only prove something if the catalogs reach every path of the reader."""
    texts = [generated(number) for number in range(CATALOGS)]
    refused = [data for data in texts if outcome(check_po, data).startswith("('error'")]
    assert 0.2 * len(texts) < len(refused) < 0.5 * len(texts)
    for needle in (b"\r\n", b"\xef\xbb\xbf", b"#~ msgid", b"#| msgid", b"#~| msgid", b"msgstr[2]", b"msgctxt", b"\\\\",
                   b'\\"', b"\xe2\x81\xa8", b"#, fuzzy", b"charset=EUC-KR"):
        assert sum(needle in data for data in texts) >= 10, needle
    readable = [data for data in texts if data not in refused]
    assert sum(b"#~ msgid" in data for data in readable) >= 100
    assert sum(b"#| msgid" in data for data in readable) >= 100
    # Both ways the reader reads a catalog: the quick one for files laid out as GNU
    # gettext writes them, the line-by-line one for the rest (and for every error).
    quick = [data for data in readable if _read_plain(data.decode("utf-8").removeprefix("\ufeff"), build=True)]
    assert 0.3 * len(readable) < len(quick) < 0.7 * len(readable)


@pytest.mark.parametrize("number", [3, 17])
def test_a_generated_catalog_is_the_same_every_time(number: int) -> None:
    assert generated(number) == generated(number)


def test_entries_read_quickly_are_the_ones_entry_would_make() -> None:
    # The quick reader fills each entry's __dict__ instead of calling Entry(...),
    # which is the same only while Entry is a plain dataclass.
    assert plain_dataclass(Entry)
    for number in range(200):
        data = generated(number)
        text = data.decode("utf-8").removeprefix("\ufeff")
        plain = _read_plain(text, build=True)
        for entry in plain.entries if plain else ():
            assert vars(entry) == vars(dataclasses.replace(entry))


# Entries as editors and tools leave them, and as they damage them, for the property
# below: comment lines of every kind, keyword lines with their continuation strings
# (live, obsolete, previous), made of the characters around which the plain entry
# pattern decides (spaces, tabs, quotes, backslashes, a carriage return), and now and
# then a line's head swapped for another one or a stray character added.
TEXTS = st.lists(
    st.sampled_from(["a", "바람", " ", "\t", "\u3000", "\\\\", '\\"', "\\n", "fuzzy", "content/a.md:3",
                     "\u2068b c.md\u2069:4", "\\q", "\r", '"', "\\"]),
    max_size=4,
).map("".join)
COMMENT_HEADS = ["#", "# ", "#. ", "#: ", "#, ", "#.", "##", "#~| msgid "]
KEYWORD_HEADS = ["msgctxt ", "msgid ", "msgstr ", "msgid_plural ", "msgstr[0] ", "#| msgid ", "#| msgctxt ",
                 "#~ msgctxt ", "#~ msgid ", "#~ msgstr ", "#| ", "#~ ", "", "msgid"]


@st.composite
def po_entry_lines(draw: st.DrawFn) -> str:
    lines = [draw(st.sampled_from(COMMENT_HEADS)) + draw(TEXTS) for _ in range(draw(st.integers(0, 3)))]
    prefix = draw(st.sampled_from(["", "", "#~ ", "#| "]))
    for keyword in ("msgctxt ", "msgid ", "msgstr "):
        if keyword == "msgctxt " and draw(st.booleans()):
            continue
        lines.append(f'{prefix}{keyword}"{draw(TEXTS)}"')
        lines += [f'{prefix}"{draw(TEXTS)}"' for _ in range(draw(st.integers(0, 2)))]
    if draw(st.integers(0, 3)) == 0:  # damage one line
        at = draw(st.integers(0, len(lines) - 1))
        head = draw(st.sampled_from(COMMENT_HEADS + KEYWORD_HEADS))
        lines[at] = head + lines[at].split(" ", 1)[-1] if draw(st.booleans()) else lines[at] + draw(TEXTS)
    return "\n".join(lines) + draw(st.sampled_from(["\n", "\n\n", "", "\n\n\n"]))


PO_TEXTS = st.lists(po_entry_lines(), max_size=4).map("".join)


@settings(max_examples=1000, deadline=None)
@given(PO_TEXTS)
def test_the_possessive_pattern_matches_what_the_greedy_one_matches(text: str) -> None:
    # The plain entry pattern is read with possessive repetitions where Python has them
    # right (3.11.5 and later); they must take exactly what the greedy ones take.
    greedy, possessive = lexer._plain_entry(possessive=False), lexer._plain_entry(possessive=True)
    for start in range(len(text) + 1):
        one, other = greedy.match(text, start), possessive.match(text, start)
        assert (one and (one.span(), one.groups())) == (other and (other.span(), other.groups()))


def test_the_pattern_another_python_reads_with_reads_every_catalog_alike(monkeypatch: pytest.MonkeyPatch) -> None:
    # Python 3.11.5 and later read plain entries with the possessive pattern, older ones
    # with the greedy one; each must give what the stored digests say.
    in_use = "*+" in lexer._PLAIN_ENTRY.pattern
    monkeypatch.setattr(lexer, "_PLAIN_ENTRY", lexer._plain_entry(possessive=not in_use))
    actual = "".join(f"{name} {digest(data)}\n" for name, data in cases())
    assert actual == DIGESTS.read_text(encoding="utf-8")


# The escaped bodies of PO strings as the quick reader's pattern lets them through:
# runs of plain characters and escapes, any escape at all (one GNU does not decode too).
ESCAPED_BODIES = st.lists(
    st.one_of(st.sampled_from(["a", "n", "t", " ", "한"]), st.sampled_from("\\\"ntrabfvxq").map(lambda c: "\\" + c)),
    max_size=12,
).map("".join)


@settings(max_examples=2000, deadline=None)
@given(ESCAPED_BODIES)
def test_a_string_with_quotes_and_line_breaks_escaped_reads_as_the_pattern_reads_it(body: str) -> None:
    # _plain_string decodes the escapes translations hold (\" and \n) by replacing
    # them; whatever it reads must be what the escape pattern reads, and a string the
    # pattern refuses must be refused too.
    try:
        expected: str | None = lexer._UNESCAPE.sub(lexer._plain_unescape, body)
    except lexer._NotPlain:
        expected = None
    try:
        actual: str | None = lexer._plain_string(f'"{body}"', '"\n"')
    except lexer._NotPlain:
        actual = None
    assert actual == expected
