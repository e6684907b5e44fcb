"""Benchmark: the PO writer and reader against GNU msgcat and polib.

Three figures, each quoted in the docstring of the module it speaks for:

- msgcat agreement (linebreak.py): how many catalogs GNU ``msgcat`` prints back
  byte-identical, for the catalogs in tests/fixtures/ and locales/ and for
  generated Korean/English news catalogs, as our writer and as polib's writer
  (``POFile.__unicode__``) write them;
- writer speed (writer.py): one catalog of news entries through ``format_po``
  and through polib's ``__unicode__``;
- read speed (lexer.py, catalog.py): a newsroom's worth of generated catalogs read
  by ``catalog.read_catalog``, by the strict check alone, and by the check plus
  ``polib.pofile`` (how catalogs were read before the lexer built the model).

Generated catalogs take their sentences from the Korean-English news pairs in
../shared/corpus (skipped with a message when the corpus is absent). Needs polib
(the test extras) and, for the first figure, GNU gettext on PATH.

    python bench/po_formats.py                    # all three
    python bench/po_formats.py --catalogs 300 --entries 30 --rounds 5
    python bench/po_formats.py --corpus ../../shared/corpus   # from a git worktree
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from common import CORPUS, ENGLISH, KOREAN, REPO

sys.path.insert(0, str(REPO))

import polib

from l10n.po import catalog
from l10n.po.lexer import check_po
from l10n.po.states import Mark, add_mark, content_hash
from l10n.po.writer import PoEntry, format_po

HEADER = PoEntry(
    msgid="",
    msgstr=(
        "Project-Id-Version: newsroom\nLanguage: en\nMIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=UTF-8\nContent-Transfer-Encoding: 8bit\n"
    ),
)


def pairs(corpus: Path) -> list[tuple[str, str]]:
    if not (corpus / KOREAN).exists():
        raise SystemExit(f"no corpus at {corpus}: the generated catalogs need its sentence pairs")
    korean = (corpus / KOREAN).read_text(encoding="utf-8").splitlines()
    english = (corpus / ENGLISH).read_text(encoding="utf-8").splitlines()
    return [(ko.strip(), en.strip()) for ko, en in zip(korean, english, strict=True) if ko.strip() and en.strip()]


def news_catalog(number: int, size: int, sentences: list[tuple[str, str]]) -> list[PoEntry]:
    """One article's catalog as a newsroom keeps it: drafts, reviewed entries, a stale
    one with its previous text, long paragraphs, an obsolete entry at the end."""
    entries = [HEADER]
    for index in range(size):
        ko, en = sentences[(number * size + index) % len(sentences)]
        if index % 4 == 3:  # a paragraph of two sentences
            ko2, en2 = sentences[(number * size + index + 1) % len(sentences)]
            ko, en = f"{ko} {ko2}", f"{en} {en2}"
        kind = ("machine", "reviewed", "translated", "stale", "untranslated")[index % 5]
        mark = Mark(
            "reviewed" if kind == "reviewed" else "machine",
            "2026-11-28",
            content_hash(None, ko, en),
            provider=None if kind == "reviewed" else "google",
            who="Kim Min-ji" if kind == "reviewed" else None,
        )
        entries.append(
            PoEntry(
                msgid=ko,
                msgstr="" if kind == "untranslated" else en,
                tcomments=tuple(add_mark("", mark).split("\n")) if kind in ("machine", "reviewed") else (),
                comments=("heading" if index == 0 else "paragraph",),
                references=(f"content/2026/11/story-{number}.md:{2 * index + 1}",),
                flags=("fuzzy",) if kind in ("machine", "stale") else (),
                previous_msgid=ko[: len(ko) // 2] if kind == "stale" else None,
            )
        )
    ko, en = sentences[number % len(sentences)]
    entries.append(PoEntry(msgid=ko + " (old)", msgstr=en, obsolete=True))
    return entries


def as_polib(entries: list[PoEntry]) -> polib.POFile:
    po = polib.POFile(wrapwidth=79, encoding="utf-8")
    po.metadata = dict(line.split(": ", 1) for line in HEADER.msgstr.splitlines())
    for entry in entries[1:]:
        po.append(
            polib.POEntry(
                msgid=entry.msgid,
                msgstr=entry.msgstr,
                tcomment="\n".join(entry.tcomments),
                comment="\n".join(entry.comments),
                occurrences=[tuple(ref.rsplit(":", 1)) for ref in entry.references],
                flags=list(entry.flags),
                previous_msgid=entry.previous_msgid,
                obsolete=entry.obsolete,
            )
        )
    return po


def msgcat_keeps(text: str, scratch: Path) -> bool:
    source = scratch / "in.po"
    source.write_text(text, encoding="utf-8")
    done = subprocess.run(["msgcat", str(source)], capture_output=True, check=True)
    return done.stdout.decode("utf-8") == text


def agreement(generated: list[list[PoEntry]], scratch: Path) -> None:
    if shutil.which("msgcat") is None:
        print("msgcat agreement: skipped, GNU gettext is not on PATH")
        return
    repo = sorted(p for d in ("tests/fixtures", "locales") for p in (REPO / d).rglob("*.po"))
    ours = sum(
        msgcat_keeps(catalog.format_catalog(catalog.read_catalog(p, p.name)), scratch) for p in repo
    )
    theirs = sum(msgcat_keeps(polib.pofile(str(p), wrapwidth=79).__unicode__(), scratch) for p in repo)
    print(f"msgcat agreement, repo catalogs: ours {ours}/{len(repo)}, polib {theirs}/{len(repo)}")
    ours = sum(msgcat_keeps(format_po(entries), scratch) for entries in generated)
    theirs = sum(msgcat_keeps(as_polib(entries).__unicode__(), scratch) for entries in generated)
    count = sum(len(entries) - 1 for entries in generated)
    print(f"msgcat agreement, {len(generated)} generated catalogs ({count} entries): ours {ours}, polib {theirs}")


def best(rounds: int, work: Callable[[], object]) -> float:
    """The fastest of ``rounds`` runs, in milliseconds."""
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times) * 1000


def writer_speed(sentences: list[tuple[str, str]], size: int, rounds: int) -> None:
    entries = news_catalog(0, size, sentences)
    po = as_polib(entries)
    ours = best(rounds, lambda: format_po(entries))
    theirs = best(rounds, po.__unicode__)
    print(f"writer, one catalog of {size} entries: format_po {ours:.0f} ms, polib __unicode__ {theirs:.0f} ms")


def read_speed(generated: list[list[PoEntry]], scratch: Path, rounds: int) -> None:
    paths = []
    for number, entries in enumerate(generated):
        path = scratch / f"story-{number}.md.po"
        path.write_text(format_po(entries), encoding="utf-8")
        paths.append(path)
    count = sum(len(entries) - 1 for entries in generated)
    size = sum(p.stat().st_size for p in paths) // 1024

    def model() -> None:
        for path in paths:
            catalog.read_catalog(path, path.name)

    def check_only() -> None:
        for path in paths:
            check_po(path.read_bytes(), path.name)

    def check_and_polib() -> None:
        for path in paths:
            check_po(path.read_bytes(), path.name)
            polib.pofile(str(path), encoding="utf-8", wrapwidth=79)

    print(
        f"read {len(paths)} catalogs ({count} entries, {size} KiB): "
        f"read_catalog {best(rounds, model):.0f} ms, "
        f"check_po alone {best(rounds, check_only):.0f} ms, "
        f"check_po + polib.pofile {best(rounds, check_and_polib):.0f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalogs", type=int, default=200, help="generated catalogs (default 200)")
    parser.add_argument("--entries", type=int, default=20, help="entries per generated catalog (default 20)")
    parser.add_argument("--writer-entries", type=int, default=2000, help="entries of the writer's catalog")
    parser.add_argument("--rounds", type=int, default=25, help="timed rounds; the best counts (default 25)")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help=f"sentence pairs (default {CORPUS})")
    args = parser.parse_args()
    sentences = pairs(args.corpus)
    generated = [news_catalog(number, args.entries, sentences) for number in range(args.catalogs)]
    with tempfile.TemporaryDirectory() as tmp:
        scratch = Path(tmp)
        agreement(generated, scratch)
        writer_speed(sentences, args.writer_entries, args.rounds)
        read_speed(generated, scratch, args.rounds)


if __name__ == "__main__":
    main()
