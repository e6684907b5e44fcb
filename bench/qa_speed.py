"""CPU time of the QA checks per entry, and a digest of everything they found.

Runs ``checks.run`` over every corpus pair in both directions (Korean source with
its English translation, and the reverse), five rounds, and prints the median CPU
time per entry (``time.process_time``: this process only, so other load on the
machine affects it less than wall time) and a SHA-256 of all findings. A change
meant only to make the checks faster must leave the digest unchanged.

    python bench/qa_speed.py [--corpus DIR]            # timing and digest
    python bench/qa_speed.py [--corpus DIR] --profile  # cProfile of one round

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

from common import CORPUS, ENGLISH, KOREAN

from l10n.qa import checks

ROUNDS = 5


def entries(corpus: Path) -> list[checks.Entry]:
    korean = (corpus / KOREAN).read_text(encoding="utf-8").splitlines()
    english = (corpus / ENGLISH).read_text(encoding="utf-8").splitlines()
    pairs = list(zip(korean, english, strict=True))
    return [checks.Entry(ko, en, "ko", "en") for ko, en in pairs] + [checks.Entry(en, ko, "en", "ko") for ko, en in pairs]


def one_round(corpus: Path) -> tuple[float, str]:
    """CPU seconds per entry for checking every entry once, and the digest of the findings."""
    todo = entries(corpus)  # fresh entries: their cached readings must not carry over
    digest = hashlib.sha256()
    start = time.process_time()
    found = [checks.run(entry) for entry in todo]
    spent = time.process_time() - start
    for entry, findings in zip(todo, found, strict=True):
        digest.update(repr((entry.source, entry.target, findings)).encode())
    return spent / len(todo), digest.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder with the sentence pairs")
    parser.add_argument("--profile", action="store_true", help="profile one round instead of timing")
    args = parser.parse_args()
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(one_round, args.corpus)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
        return
    times, digests = [], set()
    for _ in range(ROUNDS):
        spent, digest = one_round(args.corpus)
        times.append(spent)
        digests.add(digest)
    assert len(digests) == 1, "findings differ between rounds"
    print(f"{len(entries(args.corpus))} entries, median CPU {statistics.median(times) * 1e3:.3f} ms/entry over {ROUNDS} rounds")
    print(f"findings digest {digests.pop()}")


if __name__ == "__main__":
    main()
