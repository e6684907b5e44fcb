"""Measure the sentence splitter (and language detection) on the news corpus.

Builds paragraphs by joining runs of 3-8 consecutive corpus lines with a space,
separately for Korean and English, and treats the joins as the gold sentence
boundaries. Prints boundary precision, recall and F1 and sentences per second for
l10n's splitter and for any other splitter installed in the running interpreter
(kiwipiepy, kss, sentencex, pysbd); the others are imported only when present.
Every splitter is timed the same way: the scoring pass over all paragraphs warms it
up, then ``--repeat`` timed passes (default 3), of which the median is printed.

Usage, from the repository root::

    python bench/sentences.py [--seed 7] [--repeat 3]

The corpus is read from ``../shared/corpus`` (relative to the repository root);
without it the script says so and exits 0.

The corpus is not clean sentence-per-line: some lines hold two sentences and some
are fragments (headlines, lines cut mid-sentence). So the script also prints a rough
ceiling for each language (the F1 an ideal splitter would reach against the line
joins, estimated with a pattern for boundaries inside lines). It is an
approximation; read the errors with ``--show-errors N`` before trusting a
difference of a point. No score is computed against that pattern: it resembles
l10n's own splitting rules, so it would favour l10n.

kss without mecab falls back to a pure-Python analyser and takes about two minutes
per pass (``--repeat 1`` shortens the wait).
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from l10n.text.language import detect_language  # noqa: E402
from l10n.text.sentences import split_sentences  # noqa: E402

CORPUS = REPO.parent / "shared" / "corpus"
STEM = "korean-english-park.dev"

Splitter = Callable[[str], list[tuple[int, int]]]


@dataclass(frozen=True)
class Paragraph:
    text: str
    gold: frozenset[int]  # offsets where a line (after the first) starts
    clean: frozenset[int]  # gold without joins after fragments, plus boundaries in lines (ceiling only)
    sentences: int


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float
    per_second: float  # median of the timed passes


def read_lines(corpus: Path, lang: str) -> list[str]:
    path = corpus / f"{STEM}.{lang}"
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]


def paragraphs(lines: list[str], seed: int) -> list[Paragraph]:
    """Runs of 3-8 consecutive non-empty lines, joined by one space."""
    rng = random.Random(seed)
    lines = [line for line in lines if line]
    out = []
    i = 0
    while i < len(lines):
        run = lines[i : i + rng.randint(3, 8)]
        i += len(run)
        starts, clean, offset = [], set(), 0
        for k, line in enumerate(run):
            starts.append(offset)
            if k and not fragment_join(run[k - 1], line):
                clean.add(offset)
            clean.update(offset + m.end() for m in _INNER_BOUNDARY.finditer(line))
            offset += len(line) + 1
        out.append(Paragraph(" ".join(run), frozenset(starts[1:]), frozenset(clean), len(run)))
    return out


_TERMINATED = re.compile(r"[.?!\u2026\u3002][\"'\u201d\u2019)\]]*\s*$")
# A rough guess at a real sentence boundary inside a line, independent of the
# splitter under test: sentence-final punctuation after three lowercase letters (so
# not "Sen." or "Mr.") or after Hangul, an optional closing quote, a space, then an
# uppercase letter, Hangul or an opening quote, but not a Korean quotative ("고").
_INNER_BOUNDARY = re.compile(
    "(?:(?<=[a-z]{3})|(?<=[\uac00-\ud7a3]))[.?!][\"'\u201d\u2019]?\\s+"
    "(?!(?:고|라고|며|라며)\\s)(?=[A-Z\uac00-\ud7a3\"\u201c\u2018])"
)


def fragment_join(before: str, after: str) -> bool:
    """A join no reader would call a sentence boundary: a fragment, or a lowercase start."""
    return not _TERMINATED.search(before) or after[:1].islower()


def f1(found: int, correct: int, gold: int) -> tuple[float, float, float]:
    precision = correct / found if found else 0.0
    recall = correct / gold if gold else 0.0
    both = precision + recall
    return precision, recall, 2 * precision * recall / both if both else 0.0


def score(split: Splitter, paras: list[Paragraph], repeat: int) -> Score:
    """Boundary scores from one pass (which also warms the splitter up), then the
    median speed of ``repeat`` timed passes: the same for every splitter."""
    found = correct = gold = 0
    for para in paras:
        predicted = {start for start, _ in split(para.text)[1:]}
        found += len(predicted)
        correct += len(predicted & para.gold)
        gold += len(para.gold)
    passes = []
    for _ in range(repeat):
        began = time.perf_counter()
        for para in paras:
            split(para.text)
        passes.append(time.perf_counter() - began)
    sentences = sum(p.sentences for p in paras)
    precision, recall, strict = f1(found, correct, gold)
    return Score(precision, recall, strict, sentences / statistics.median(passes))


def offsets(text: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Map sentence strings returned by another splitter back to offsets in ``text``."""
    spans, cursor = [], 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        at = text.find(piece, cursor)
        if at < 0:  # the splitter normalised the text; find its first word instead
            head = piece.split()[0]
            at = text.find(head, cursor)
            if at < 0:
                continue
        spans.append((at, at + len(piece)))
        cursor = at + 1
    return spans


def other_splitters(lang: str) -> dict[str, Splitter | None]:
    """Other splitters for ``lang``, or None for those that are not installed."""
    found: dict[str, Splitter | None] = {}
    if lang == "ko":
        try:
            from kiwipiepy import Kiwi

            kiwi = Kiwi()
            found["kiwipiepy"] = lambda t: [(s.start, s.end) for s in kiwi.split_into_sents(t)]
        except ImportError:
            found["kiwipiepy"] = None
        try:
            import kss

            found["kss"] = lambda t: offsets(t, kss.split_sentences(t))
        except ImportError:
            found["kss"] = None
    try:
        from sentencex import segment

        found["sentencex"] = lambda t: offsets(t, list(segment(lang, t)))
    except ImportError:
        found["sentencex"] = None
    if lang == "en":
        try:
            import pysbd

            seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
            found["pysbd"] = lambda t: [(s.start, s.end) for s in seg.segment(t)]
        except ImportError:
            found["pysbd"] = None
    return found


def ceiling(paras: list[Paragraph]) -> tuple[int, int, float]:
    """Gold joins no splitter should cut, real boundaries inside lines, and the F1 left.

    An ideal splitter finds exactly the clean boundaries; against the line-join gold
    it misses the joins after fragments and "wrongly" finds boundaries inside lines.
    """
    gold = sum(len(p.gold) for p in paras)
    reachable = sum(len(p.gold & p.clean) for p in paras)
    inner = sum(len(p.clean - p.gold) for p in paras)
    return gold - reachable, inner, f1(reachable + inner, reachable, gold)[2]


def language_accuracy(lines: list[str], lang: str) -> tuple[int, int, list[str]]:
    lines = [line for line in lines if line]
    wrong = [line for line in lines if detect_language(line) != lang]
    return len(lines) - len(wrong), len(lines), wrong


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes per splitter, after a warm-up (default 3)")
    parser.add_argument("--show-errors", type=int, default=0, metavar="N")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder with the sentence pairs")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}; nothing to measure")
        return 0
    for lang in ("ko", "en"):
        lines = read_lines(args.corpus, lang)
        paras = paragraphs(lines, args.seed)
        gold = sum(len(p.gold) for p in paras)
        sentences = sum(p.sentences for p in paras)
        print(f"\n== {lang}: {len(paras)} paragraphs, {sentences} lines, {gold} gold boundaries")
        ok, total, wrong = language_accuracy(lines, lang)
        print(f"language detection: {ok}/{total} lines = {ok / total:.4f}")
        for line in wrong[: args.show_errors]:
            print(f"   detected {detect_language(line)!r}: {line[:100]}")
        unreachable, inner, best = ceiling(paras)
        print(
            f"ceiling: {unreachable} joins follow a fragment or precede lowercase, "
            f"~{inner} real boundaries inside lines -> best F1 ~{best:.3f}"
        )
        print(f"{'splitter':<12} {'P':>6} {'R':>6} {'F1':>6} {'sent/s':>10}  (median of {args.repeat} passes after 1)")
        candidates: dict[str, Splitter | None] = {"l10n": split_sentences}
        candidates.update(other_splitters(lang))
        for name, split in candidates.items():
            if split is None:
                print(f"{name:<12} not installed")
                continue
            s = score(split, paras, args.repeat)
            print(f"{name:<12} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f} {s.per_second:10,.0f}")
        if args.show_errors:
            show_errors(paras, args.show_errors)
    return 0


def show_errors(paras: list[Paragraph], limit: int) -> None:
    shown = 0
    for para in paras:
        predicted = {start for start, _ in split_sentences(para.text)[1:]}
        for at in sorted(predicted ^ para.gold):
            kind = "missed" if at in para.gold else "extra "
            print(f"   {kind} ...{para.text[max(0, at - 60) : at]}|{para.text[at : at + 30]}...")
            shown += 1
            if shown >= limit:
                return


if __name__ == "__main__":
    raise SystemExit(main())
