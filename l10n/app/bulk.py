"""Making many small objects at once: what status, check and build do with the verdicts
extract kept (thousands of rows, tens of thousands of problems), cheaply.

Two tools, each measured on the again run of status and check, where the objects
are most of the work: ``maker_of`` builds a plain frozen dataclass without its
``__init__`` (a third of the time), and ``no_cycle_collection`` keeps the cycle
collector from walking objects that can hold no cycle (a tenth of such a run).
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

T = TypeVar("T")


def plain_dataclass(cls: type) -> bool:
    """Whether ``cls``'s ``__init__`` does nothing but store every field: no
    ``__post_init__``, no field left out of ``__init__``, no init-only or class
    variables among its annotations, no ``__slots__``."""
    fields = dataclasses.fields(cls)
    return (
        not hasattr(cls, "__post_init__")
        and "__slots__" not in vars(cls)
        and all(f.init for f in fields)
        and set(vars(cls)["__dataclass_fields__"]) == {f.name for f in fields}
    )


def maker_of(cls: Callable[..., T], names: tuple[str, ...]) -> Callable[..., T]:
    """What makes a ``cls`` from the values of the fields ``names``, in that order.

    While ``names`` are all of ``cls``'s fields in their order and ``cls`` is a plain
    dataclass: a function that stores the values in a new object's ``__dict__``. A
    frozen dataclass's ``__init__`` only stores each argument under its field's name
    there, so that makes an equal, equally frozen object in a third of the time. Else
    (fields renamed, added or reordered) one that passes them to ``__init__`` by name,
    so that no value lands in another field. Too few or too many values raise, as
    ``__init__`` would."""
    if not (
        isinstance(cls, type)
        and dataclasses.is_dataclass(cls)
        and plain_dataclass(cls)
        and tuple(f.name for f in dataclasses.fields(cls)) == names
    ):

        def by_name(*values: Any) -> T:
            return cls(**dict(zip(names, values, strict=True)))

        return by_name
    kind: type = cls
    new = object.__new__

    def make(*values: Any) -> T:
        made: T = new(kind)
        made.__dict__.update(zip(names, values, strict=True))
        return made

    return make


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
