"""Values of a frozen object worked out on first read and kept on it.

Catalog entries and the entries the QA checks read are frozen dataclasses, made by
the ten thousand per run, and most of their derived values (an entry's state, a
text's figures) are asked for several times or not at all. ``functools.cached_property``
keeps such a value, but Python 3.11 takes a lock on each first read, and that lock
cost more than most of the values it guarded (about 1 us of an entry's 8 us state).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar, overload

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
