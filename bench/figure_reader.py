"""CPU time of the figure reader alone (``numbers.read``), and a digest of what it read.

``numbers.read`` is the largest single cost of the ``numbers`` and ``dates`` checks.
This reads every Korean and every English line of the corpus, in-process, several
rounds, and prints the median CPU time per text (``time.process_time``: this
process only) over all lines and over the lines that may state a figure (the ones
the checks read at all, ``numbers.may_state_a_figure``), and a SHA-256 of every
reading (each field, the read text included). A change meant only to make the
reader faster must leave the digest unchanged.

    python bench/figure_reader.py [--corpus DIR] [--rounds N]  # timing and digest
    python bench/figure_reader.py [--corpus DIR] --profile      # cProfile of one round

To time the code of another commit against this one, put a copy of its ``l10n``
package first on PYTHONPATH (``git archive COMMIT l10n | tar -x -C /tmp/old``, then
``PYTHONPATH=/tmp/old python bench/figure_reader.py``) and alternate the runs: the
machine may be shared. Nothing here runs in the test suite.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import pstats
import statistics
import time
from collections.abc import Sequence
from pathlib import Path

from common import CORPUS, corpus_missing, load_corpus

from l10n.text import numbers


def cpu_per_text(texts: Sequence[str]) -> float:
    """CPU seconds per text for reading each of ``texts`` once."""
    start = time.process_time()
    for text in texts:
        numbers.read(text)
    return (time.process_time() - start) / len(texts)


def digest(texts: Sequence[str]) -> str:
    found = hashlib.sha256()
    for text in texts:
        reading = numbers.read(text)
        found.update(repr((text, reading, reading.text)).encode())
    return found.hexdigest()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder with the sentence pairs")
    parser.add_argument("--rounds", type=int, default=9, help="timed rounds (the median is printed)")
    parser.add_argument("--profile", action="store_true", help="profile one round instead of timing")
    args = parser.parse_args()
    if corpus_missing(args.corpus):
        return
    korean, english = load_corpus(args.corpus)
    texts = korean + english  # every Korean line, then every English line
    with_figure = [text for text in texts if numbers.may_state_a_figure(text)]
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(cpu_per_text, with_figure)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
        return
    cpu_per_text(texts)  # warm up: compiled patterns, cached words
    figure_times, all_times = [], []
    for _ in range(args.rounds):
        figure_times.append(cpu_per_text(with_figure))
        all_times.append(cpu_per_text(texts))
    print(f"{numbers.__file__}")
    print(
        f"{len(with_figure)} texts that may state a figure: median CPU {statistics.median(figure_times) * 1e6:.1f} us/text; "
        f"all {len(texts)} texts: {statistics.median(all_times) * 1e6:.1f} us/text ({args.rounds} rounds)"
    )
    print(f"readings digest {digest(texts)}")


if __name__ == "__main__":
    main()
