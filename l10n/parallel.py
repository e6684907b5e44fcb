"""Spreading per-article work over the machine's cores, results in input order.

Parsing Markdown and formatting PO text is pure Python and CPU-bound, so a run over
a thousand articles uses worker processes (threads would share one interpreter
lock). Small runs stay in-process: starting workers costs more than it saves, and
tracebacks stay simple. Workers only compute; the caller does every write, so the
all-or-nothing staging of a run is unchanged.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a run is done in-process.
MIN_ITEMS = 64


def worker_count() -> int:
    """Workers to use: L10N_JOBS when set (1 turns parallelism off), else the cores."""
    configured = os.environ.get("L10N_JOBS", "").strip()
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def parallel_map(function: Callable[[T], R], items: Sequence[T]) -> Iterator[R]:
    """``map(function, items)``, over worker processes when that pays off.

    ``function`` must be picklable (a module-level function or a partial of one),
    and so must its results and any exception it raises.
    """
    workers = min(worker_count(), max(1, len(items) // (MIN_ITEMS // 2)))
    if workers <= 1 or len(items) < MIN_ITEMS:
        yield from map(function, items)
        return
    import multiprocessing  # only a run big enough to need workers pays for these
    from concurrent.futures import ProcessPoolExecutor

    # fork shares the already-imported modules with the workers, so they start at
    # once; it is the default on Linux and safe here because workers start before
    # any thread does.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    chunk = max(1, min(32, len(items) // (workers * 8)))
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(function, items, chunksize=chunk)
