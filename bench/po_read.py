"""Benchmark: CPU time of the strict PO reader (l10n/po/lexer.py), per catalog.

Reads a set of catalogs from memory many times with ``parse_po`` (what status,
check and extract use, through catalog.py) and ``read_translations`` (what the
build uses), and prints CPU microseconds per catalog (``time.process_time``): the
best and the median of the rounds. Files are read once, before timing, so only the
reader is measured.

The catalogs: every ``*.po`` under the folders given (by default the repository's
tests/fixtures and locales), without the ones the reader refuses. For a realistic
set, keep the project of the status benchmark and point at its locales:

    python bench/status_check.py --articles 300 --rounds 1 --keep   # prints its path
    python bench/po_read.py KEPT/project/locales
    python bench/po_read.py KEPT/project/locales --profile parse_po  # where time goes

To compare two versions of the reader on the same machine, alternate runs of this
script with ``--lexer`` naming the other version's file:

    git show main:l10n/po/lexer.py > /tmp/old_lexer.py
    python bench/po_read.py KEPT/project/locales --lexer /tmp/old_lexer.py
"""

from __future__ import annotations

import argparse
import cProfile
import importlib.util
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path
from statistics import median
from types import ModuleType

from common import REPO

sys.path.insert(0, str(REPO))

from l10n.errors import L10nError
from l10n.po import lexer as current_lexer

READERS = ("parse_po", "read_translations")


def load_lexer(path: Path | None) -> ModuleType:
    """The reader to time: this checkout's, or the one in the file ``path``."""
    if path is None:
        return current_lexer
    spec = importlib.util.spec_from_file_location("other_lexer", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def catalogs(folders: list[Path], reader: Callable[[bytes, str], object]) -> tuple[list[tuple[bytes, str]], int]:
    """The readable catalogs under ``folders`` as (bytes, name), and how many were refused."""
    found, refused = [], 0
    for folder in folders:
        for path in sorted(folder.rglob("*.po")):
            data = path.read_bytes()
            try:
                reader(data, path.name)
            except L10nError:
                refused += 1
                continue
            found.append((data, path.name))
    return found, refused


def timed(rounds: int, files: list[tuple[bytes, str]], reader: Callable[[bytes, str], object]) -> list[float]:
    """CPU microseconds per catalog, one figure per round."""
    figures = []
    for _ in range(rounds):
        start = time.process_time()
        for data, name in files:
            reader(data, name)
        figures.append((time.process_time() - start) / len(files) * 1e6)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="*", help="folders of *.po files (default: tests/fixtures, locales)")
    parser.add_argument("--rounds", type=int, default=30, help="timed rounds per reader (default 30)")
    parser.add_argument("--lexer", type=Path, help="time the lexer module in this file instead of l10n/po/lexer.py")
    parser.add_argument("--profile", choices=READERS, help="print a cProfile of one reader instead of timing")
    args = parser.parse_args()
    lexer = load_lexer(args.lexer)
    folders = args.folders or [REPO / "tests" / "fixtures", REPO / "locales"]
    files, refused = catalogs(folders, lexer.parse_po)
    if not files:
        raise SystemExit("no readable catalogs under " + ", ".join(map(str, folders)))
    lines = sum(data.count(b"\n") for data, _ in files)
    size = sum(len(data) for data, _ in files) // 1024
    print(
        f"{len(files)} catalogs ({lines} lines, {size} KiB; {refused} refused and left out), "
        f"lexer {args.lexer or 'l10n/po/lexer.py'}, python {sys.version.split()[0]}"
    )
    if args.profile:
        reader = getattr(lexer, args.profile)
        profile = cProfile.Profile()
        profile.runcall(timed, 3, files, reader)
        pstats.Stats(profile).sort_stats("tottime").print_stats(15)
        return
    timed(2, files, lexer.parse_po)  # warm up: imports, regular expression caches
    for name in READERS:
        figures = timed(args.rounds, files, getattr(lexer, name))
        print(
            f"{name:18} CPU us per catalog: best {min(figures):7.1f}  median {median(figures):7.1f}"
            f"  ({args.rounds} rounds)"
        )


if __name__ == "__main__":
    main()
