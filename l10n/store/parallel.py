"""Spreading per-article work over the machine's cores, results in input order.

Parsing Markdown and formatting PO text is pure Python and CPU-bound, so a run over
a thousand articles uses worker processes (threads would share one interpreter
lock). Small runs stay in-process: starting workers costs more than it saves, and
tracebacks stay simple. Workers only compute; the caller does every write, so the
all-or-nothing staging of a run is unchanged.
"""

from __future__ import annotations

import collections
import itertools
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar

from l10n.store import fileio

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


def parallel_map(function: Callable[[T], R], items: Iterable[T]) -> Iterator[R]:
    """``map(function, items)``, over worker processes when that pays off.

    ``items`` is consumed lazily and only a bounded window of work is in flight,
    so memory does not grow with the number of items. ``function`` must be
    picklable (a module-level function or a partial of one), and so must its
    results and any exception it raises.
    """
    iterator = iter(items)
    head = list(itertools.islice(iterator, MIN_ITEMS))
    workers = worker_count()
    if workers <= 1 or len(head) < MIN_ITEMS:
        yield from map(function, itertools.chain(head, iterator))
        return
    import multiprocessing  # only a run big enough to need workers pays for these
    from concurrent.futures import Future, ProcessPoolExecutor

    # fork shares the already-imported modules with the workers, so they start at
    # once; it is the default on Linux and safe here because workers start before
    # any thread does.
    method = "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    context = multiprocessing.get_context(method)
    batches = _batches(itertools.chain(head, iterator), BATCH)
    window: collections.deque[Future[list[R]]] = collections.deque()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_die_with_parent, initargs=(os.getpid(),))
    with pool:
        for batch in itertools.islice(batches, workers * 4):
            window.append(pool.submit(_apply, function, batch))
        while window:
            results = window.popleft().result()
            following = next(batches, None)
            if following is not None:
                window.append(pool.submit(_apply, function, following))
            yield from results


BATCH = 16  # items a worker takes at a time: enough to hide the hand-over cost


def _batches(items: Iterator[T], size: int) -> Iterator[list[T]]:
    while batch := list(itertools.islice(items, size)):
        yield batch


def _apply(function: Callable[[T], R], batch: list[T]) -> list[R]:
    return [function(item) for item in batch]


def _die_with_parent(parent: int) -> None:
    """Make this worker exit as soon as the process that started it is gone.

    A worker outliving a killed run would hold the run's stdout open (so
    ``l10n extract | cat`` never ends) and keep working for nobody. Linux kills
    it with the parent (PR_SET_PDEATHSIG); elsewhere a thread watches for the
    worker being handed to a new parent.
    """
    if not _kill_on_parent_death():
        import threading

        threading.Thread(target=_watch_parent, args=(parent, 0.5), name="l10n-parent-watch", daemon=True).start()
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    fileio.work_for(parent)


def _kill_on_parent_death() -> bool:
    """Ask Linux to SIGKILL this process when its parent dies; False elsewhere."""
    if not sys.platform.startswith("linux"):
        return False
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        return bool(libc.prctl(PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0) == 0)
    except (OSError, AttributeError):
        return False


def _watch_parent(parent: int, interval: float) -> None:
    while os.getppid() == parent:
        time.sleep(interval)
    os._exit(1)
