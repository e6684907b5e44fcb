"""The corpus sentence pairs the benches' articles are made of: those whose aligned
translation l10n's QA lets out, in the direction the articles use them.

Many corpus pairs are loose (the English adds or drops a figure, a date, a link).
Articles holding them are blocked by l10n's default publishing policy while mdpo
and translate-toolkit render them, so a bench would time l10n writing fewer
articles than the others. The article generators (pipeline.py, html_pages.py, and
status_check.py through pipeline.make_project) therefore use only the pairs kept
here: Korean to English for Korean-source articles, English to Korean for
English-source ones.

A pair is kept in a direction when, in none of the spellings a tool may give it
(common.spellings: as written, references decoded, spaces collapsed), its
translation gets a finding that blocks under the default policy, and l10n reads
its source as the source language (it files a segment under the language it reads
it as). Then the same holds for the kept pairs joined two and three at a time in
order, as an article's paragraphs join them: where a join blocks, the last pair of
it is dropped (``kept_in_direction``).

The kept pairs are a fixed list, bench/data/kept_pairs.json (line numbers of the
corpus and its files' digests, none of its text), committed with the benches: the
articles must be the same whatever tree is measured, so the QA of the tree being
measured is never asked. A corpus whose digests differ is refused, with the command
that makes its list. To make the list again (after the corpus or l10n's QA
changed; the articles change with it, so figures taken before do not compare):

    PYTHONPATH=. python bench/kept_pairs.py --corpus ../shared/corpus

which asks the QA of the l10n package it imports, as ``l10n check`` does, and
prints how many pairs it kept of how many.
"""
from __future__ import annotations

import argparse
import hashlib
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from common import CORPUS, ENGLISH, KOREAN, corpus_missing, load_corpus, spellings

KEPT = Path(__file__).resolve().parent / "data" / "kept_pairs.json"
REMAKE = "PYTHONPATH=. python bench/kept_pairs.py --corpus {corpus}"

# The two directions, as the data file names them: source language, target language.
KOREAN_ENGLISH = "ko-en"
ENGLISH_KOREAN = "en-ko"

Pair = tuple[str, str]  # a source sentence and its aligned translation, stripped


@dataclass(frozen=True)
class KeptPairs:
    """The pairs kept for each direction, as (source sentence, translation)."""

    korean_english: tuple[Pair, ...]  # for Korean-source articles
    english_korean: tuple[Pair, ...]  # for English-source articles
    of: int  # pairs in the corpus

    def __str__(self) -> str:
        return (
            f"{len(self.korean_english)} of {self.of} kept Korean->English, {len(self.english_korean)} of {self.of} "
            f"English->Korean (those l10n's QA lets out as a translation in that direction; {KEPT.name})"
        )


def digest(lines: Sequence[str]) -> str:
    """A corpus file's fingerprint, as the data file names it."""
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def kept_pairs(korean: Sequence[str], english: Sequence[str], corpus: Path) -> KeptPairs:
    """The pairs bench/data/kept_pairs.json keeps of the corpus read from ``corpus``;
    SystemExit, with the command that makes its list, when it is another corpus."""
    kept = json.loads(KEPT.read_text(encoding="utf-8"))
    if kept["corpus"] != {KOREAN: digest(korean), ENGLISH: digest(english)}:
        raise SystemExit(
            f"{KEPT} was made for another corpus than {corpus}; make its list with:\n  {REMAKE.format(corpus=corpus)}"
        )
    sources = {KOREAN_ENGLISH: (korean, english), ENGLISH_KOREAN: (english, korean)}
    chosen = {
        direction: tuple((source[line].strip(), target[line].strip()) for line in kept[direction])
        for direction, (source, target) in sources.items()
    }
    return KeptPairs(chosen[KOREAN_ENGLISH], chosen[ENGLISH_KOREAN], len(korean))


# What a pair is dropped for when l10n reads its source as the other language: it
# files each segment under the language it reads it as (formats/base.py), so such
# a sentence is translated the other way, and its aligned translation is then in
# the wrong language.
OTHER_LANGUAGE = "read as the other language"


def blocking_codes(sources: Sequence[str], translations: Sequence[str], source_lang: str, target_lang: str) -> set[str]:
    """Why the sentences ``sources`` joined as a paragraph joins them, translated by
    ``translations`` joined the same way, would not be published under l10n's
    default policy, in any spelling a tool may give them: the QA codes that block,
    and OTHER_LANGUAGE. Empty: published."""
    from l10n.app.check_settings import DEFAULT_BLOCK
    from l10n.qa import checks
    from l10n.qa.findings import Severity

    # The default [check] block list holds qa-error and not qa-warning, and the
    # safety checks (publishing.SAFETY_CHECKS) block only at error severity, so a
    # finding blocks exactly when it is an error.
    assert "qa-error" in DEFAULT_BLOCK and "qa-warning" not in DEFAULT_BLOCK
    codes = set()
    for source, translation in spellings(" ".join(sources), " ".join(translations)):
        unit, skip = checks.catalog_entry(source, translation, target_lang, comment=None, tcomment=None, ignore=frozenset())
        if unit.source_lang != source_lang:
            codes.add(OTHER_LANGUAGE)
        codes.update(finding.check for finding in checks.run(unit, skip=skip) if finding.severity is Severity.ERROR)
    return codes


# A paragraph of an article joins two or three consecutive sentences of the kept
# ones (pipeline.article); a join can block where each sentence alone does not (a
# "28일" beside another sentence's "March 29"; a ``...'' quote that opens a code
# span with the next sentence's).
JOINS = (2, 3)


def kept_in_direction(source: Sequence[str], target: Sequence[str], source_lang: str, target_lang: str) -> tuple[list[int], Counter[str], Counter[str]]:
    """The line numbers of the pairs kept in one direction, and the codes of what was
    dropped alone and in a join, a pair counted once per code.

    Alone: each pair whose own translation would not be published is dropped. In a
    join: the kept pairs are read in order, and wherever two or three consecutive
    ones (the last wrapping round to the first, as the articles' picks do) would not
    be published joined, the last of them is dropped, until no join blocks."""

    def codes(lines: Sequence[int]) -> set[str]:
        return blocking_codes([source[line].strip() for line in lines], [target[line].strip() for line in lines], source_lang, target_lang)

    kept, alone, joined = [], Counter[str](), Counter[str]()
    for line in range(len(source)):
        found = codes([line])
        alone.update(found)
        if not found:
            kept.append(line)
    dropped = True
    while dropped:
        dropped = False
        position = 0
        while position < len(kept):
            for width in JOINS:
                window = [kept[(position + offset) % len(kept)] for offset in range(width)]
                found = codes(window)
                if found:
                    joined.update(found)
                    kept.remove(window[-1])
                    dropped = True
                    break  # the same place again, with the next pair in the dropped one's place
            else:
                position += 1
    return kept, alone, joined


def remake(korean: Sequence[str], english: Sequence[str]) -> dict:
    """The data file's content for this corpus, asked of the l10n package imported."""
    kept: dict = {
        "about": (
            "Line numbers (from 0) of the corpus sentence pairs the benches' articles are made of, per direction: "
            "those l10n's QA does not block as a translation in that direction, alone and joined as the articles "
            "join them. Made by bench/kept_pairs.py; holds none of the corpus's text."
        ),
        "corpus": {KOREAN: digest(korean), ENGLISH: digest(english)},
    }
    for direction, source, target, source_lang, target_lang in (
        (KOREAN_ENGLISH, korean, english, "ko", "en"),
        (ENGLISH_KOREAN, english, korean, "en", "ko"),
    ):
        lines, alone, joined = kept_in_direction(source, target, source_lang, target_lang)
        kept[direction] = lines
        kept[f"{direction} dropped alone, pairs per code"] = dict(alone.most_common())
        kept[f"{direction} dropped in a join, pairs per code"] = dict(joined.most_common())
    return kept


def write(kept: dict, path: Path) -> None:
    """One key a line, so that a change to the list shows as a change to its line."""
    lines = [f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}" for key, value in kept.items()]
    path.write_text("{\n" + ",\n".join(lines) + "\n}\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder with the sentence pairs")
    options = parser.parse_args()
    if corpus_missing(options.corpus):
        return
    korean, english = load_corpus(options.corpus)
    write(remake(korean, english), KEPT)
    print(f"{KEPT}: {kept_pairs(korean, english, options.corpus)}")


if __name__ == "__main__":
    main()
