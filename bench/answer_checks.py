"""CPU time of checking machine translation answers, and a digest of every verdict.

Runs ``protect.protect`` and then ``protect.validate`` over every corpus pair in
both directions (Korean source with its English translation as the provider's
answer, and the reverse), every third pair with markup added to both sides (a
link, inline code, a version number) so that answers carry placeholders, and each
source also with broken answers: the sent text echoed back, the answer cut off,
Japanese instead of the target language, a placeholder lost or invented, a chat
model's preamble, entities. Prints the median CPU time per answer of validate()
alone (``time.process_time``, five rounds) and a SHA-256 of every restored text
or rejection message. A change meant only to make the checks faster must leave
the digest unchanged.

    python bench/answer_checks.py [--corpus DIR]            # timing and digest
    python bench/answer_checks.py [--corpus DIR] --profile  # cProfile of one round

Reads the corpus from ../shared/corpus unless told; nothing here runs in the
test suite.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pstats
import statistics
import time
from pathlib import Path

from common import CORPUS, corpus_missing, load_corpus

from l10n.qa import protect

ROUNDS = 5
MARKUP = " ([the report](https://example.com/r.pdf), `make`, v1.2.3)"


def answers(source: str, translation: str) -> tuple[protect.Protected, list[str]]:
    """What ``source`` is sent as, and the answers checked against it: the real
    translation with the placeholders, then the broken ones."""
    sent = protect.protect(source)
    tokens = list(sent.placeholders)
    good = " ".join([translation, *tokens]) if tokens else translation
    broken = [
        sent.text,  # echo
        good[: len(good) // 4],  # cut off
        "これは日本語の翻訳です。" * (1 + len(source) // 40),  # wrong script
        good.replace(tokens[0], "", 1) if tokens else good + " \u27e69\u27e7",  # lost / invented placeholder
        "Here is the translation: " + good,  # preamble
        good.replace(" ", " &quot;", 1),  # an entity the provider added
        good + " " + good + " " + good + " " + good,  # rambling
    ]
    return sent, [good, *broken]


def cases(corpus: Path) -> list[tuple[str, protect.Protected, str, str, str]]:
    korean, english = load_corpus(corpus)
    todo = []
    for number, (ko, en) in enumerate(zip(korean, english, strict=True)):
        if number % 3 == 0:
            ko, en = ko + MARKUP, en + MARKUP
        for source, translation, src, tgt in ((ko, en, "ko", "en"), (en, ko, "en", "ko")):
            sent, replies = answers(source, translation)
            todo.extend((source, sent, reply, src, tgt) for reply in replies)
    return todo


def check_all(todo: list[tuple[str, protect.Protected, str, str, str]]) -> list[str]:
    verdicts = []
    for source, sent, reply, src, tgt in todo:
        try:
            verdicts.append("ok " + protect.validate(source, sent, reply, source_lang=src, target_lang=tgt))
        except protect.UnusableAnswer as unusable:
            verdicts.append("no " + unusable.message)
    return verdicts


def one_round(corpus: Path) -> tuple[float, str, int]:
    """CPU seconds per answer for checking every answer once, the digest, the count."""
    todo = cases(corpus)  # fresh objects each round: nothing cached on them carries over
    start = time.process_time()
    verdicts = check_all(todo)
    spent = time.process_time() - start
    digest = hashlib.sha256("\n".join(verdicts).encode()).hexdigest()
    return spent / len(todo), digest, len(todo)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder with the sentence pairs")
    parser.add_argument("--profile", action="store_true", help="profile one round instead of timing")
    args = parser.parse_args()
    if corpus_missing(args.corpus):
        return
    if args.profile:
        todo = cases(args.corpus)
        profiler = cProfile.Profile()
        profiler.runcall(check_all, todo)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        return
    times, digests = [], set()
    count = 0
    for _ in range(ROUNDS):
        spent, digest, count = one_round(args.corpus)
        times.append(spent)
        digests.add(digest)
    assert len(digests) == 1, "verdicts differ between rounds"
    print(
        f"{count} answers, median CPU {statistics.median(times) * 1e6:.1f} us/answer over {ROUNDS} rounds "
        f"(spread {min(times) * 1e6:.1f}-{max(times) * 1e6:.1f})"
    )
    print(f"verdicts digest {digests.pop()}")


if __name__ == "__main__":
    main()
