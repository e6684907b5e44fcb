"""Frozen dataclasses made and read by the ten thousand, cheaply.

Catalog entries, the entries the QA checks read, review marks, problems and
segments are frozen dataclasses that a run makes per entry. Three costs of the
standard machinery showed in every profile, and each has its cheaper form here,
in one place, so that every module takes it under the same guard:

- ``computed_once``: a derived value kept on the object, as
  ``functools.cached_property`` keeps it, without the lock Python 3.11 takes on each
  first read (about 1 us of an entry's 8 us state);
- ``maker_of`` and ``filler_of``: an object made without its ``__init__``, by storing
  its fields' values in a new object's ``__dict__`` (a third to a fifth of the time);
- ``replacer_of``: ``dataclasses.replace`` the same way (a fifth of the time).

The last two hold only for a *plain* dataclass (``plain_dataclass``): a frozen
dataclass's generated ``__init__`` does nothing but store each argument under its
field's name, so storing them there directly makes an equal, equally frozen
object. Any class that is not plain gets its ``__init__``, so that a field added
with a ``__post_init__`` or ``__slots__`` later can never be skipped.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

T = TypeVar("T")
_Owner = TypeVar("_Owner")
_Value = TypeVar("_Value")


class computed_once(Generic[_Owner, _Value]):  # lowercase: used as a decorator, like cached_property
    """A value computed on first read and kept in the object's ``__dict__``.

    Two threads reading one object at once may both compute the value; they
    compute the same one, and either may be kept.
    """

    def __init__(self, compute: Callable[[_Owner], _Value]) -> None:
        self._compute = compute
        self._name = compute.__name__
        self.__doc__ = compute.__doc__

    @overload
    def __get__(self, instance: None, owner: type[Any]) -> computed_once[_Owner, _Value]: ...

    @overload
    def __get__(self, instance: _Owner, owner: type[Any]) -> _Value: ...

    def __get__(self, instance: _Owner | None, owner: type[Any]) -> _Value | computed_once[_Owner, _Value]:
        if instance is None:
            return self
        # Kept in the instance dict, which Python reads before this (non-data)
        # descriptor from then on; a frozen dataclass blocks setattr, not this.
        value = instance.__dict__[self._name] = self._compute(instance)
        return value


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


def _plain(cls: Any) -> bool:
    return isinstance(cls, type) and dataclasses.is_dataclass(cls) and plain_dataclass(cls)


def maker_of(cls: Callable[..., T], names: tuple[str, ...]) -> Callable[..., T]:
    """What makes a ``cls`` from the values of the fields ``names``, in that order.

    While ``names`` are all of ``cls``'s fields in their order and ``cls`` is a plain
    dataclass: a function that stores the values in a new object's ``__dict__``. Else
    (fields renamed, added or reordered) one that passes them to ``__init__`` by name,
    so that no value lands in another field. Too few or too many values raise, as
    ``__init__`` would."""
    if not (_plain(cls) and tuple(f.name for f in dataclasses.fields(cls)) == names):  # type: ignore[arg-type]

        def by_name(*values: Any) -> T:
            return cls(**dict(zip(names, values, strict=True)))

        return by_name
    kind: type = cls  # type: ignore[assignment]
    new = object.__new__

    def make(*values: Any) -> T:
        made: T = new(kind)
        made.__dict__.update(zip(names, values, strict=True))
        return made

    return make


def filler_of(cls: Callable[..., T]) -> Callable[..., T]:
    """What makes a ``cls`` from its fields' values given by name: ``cls(**values)``.

    For a plain dataclass, a function that stores them in a new object's ``__dict__``
    instead, in the order given (a caller that gives them in the fields' order makes
    an object whose ``vars`` read as ``__init__``'s would). It stores what it is given
    and no more: every caller gives every field, and its tests hold what it makes
    equal to what ``__init__`` makes; any other class gets ``__init__`` itself, which
    refuses a missing or unknown field.
    """
    if not _plain(cls):
        return cls
    kind: type = cls  # type: ignore[assignment]
    new = object.__new__

    def fill(**values: Any) -> T:
        made: T = new(kind)
        made.__dict__.update(values)
        return made

    return fill


def replacer_of(cls: type[T]) -> Callable[..., T]:
    """``dataclasses.replace`` for ``cls``: a copy of an object with some fields changed.

    For a plain dataclass, the copy is its ``__dict__`` copied and the changes stored
    over it, which also keeps what ``computed_once`` kept on the object: callers change
    only fields such values do not depend on (a catalog entry's line, a problem's
    blocking). Any other class gets ``dataclasses.replace``.
    """
    if not _plain(cls):
        return dataclasses.replace
    new = object.__new__

    def replaced(made_from: T, **changes: Any) -> T:
        made: T = new(cls)
        fields = made.__dict__
        fields.update(made_from.__dict__)
        fields.update(changes)
        return made

    return replaced
