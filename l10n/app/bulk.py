"""Making many small objects at once: what status, check and build do with the verdicts
extract kept (thousands of rows, tens of thousands of problems), cheaply.

Measured on the again run of status and check, where the objects are most of the
work: ``no_cycle_collection`` keeps the cycle collector from walking objects that
can hold no cycle (a tenth of such a run). Their callers make the objects with
``l10n.frozen.maker_of``, without each dataclass's ``__init__``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector for a stretch of work that makes many objects and
    no reference cycles (decoding kept rows, rendering a report).

    The collector runs every few hundred new objects and walks the young ones looking
    for cycles: a tenth of a status or check that finds every verdict kept, which
    makes some hundred thousand tuples, dicts and strings and finds no cycle among
    them. Pausing it frees nothing later: an object outside a cycle is freed by its
    count the moment it is dropped, collector or not, and a cycle made meanwhile is
    only found at a later collection.

    After the pause the objects made meanwhile are moved to the oldest generation
    at once (``gc.freeze`` then ``gc.unfreeze``: two list splices, and the count of
    new objects starts again from zero); else the first young collection after it
    would walk them all, a few milliseconds. The oldest generation is walked by
    every full collection, so a cycle among them is still freed then, as any
    long-lived one is. Skipped when objects are frozen already (``gc.unfreeze``
    would thaw them too). The collector is resumed only when it was running (a
    caller, or a test, may have paused it itself).
    """
    was_running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:  # never thaw what someone else froze
            gc.freeze()
            gc.unfreeze()
        if was_running:
            gc.enable()
