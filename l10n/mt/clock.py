"""Time as the machine translation runner sees it: read it, wait on it, fake it.

Rate limits, back-off pauses and Retry-After waits all go through a ``Clock`` so
that tests can run hours of waiting in microseconds (``FakeClock``) while the real
thing (``SystemClock``) sleeps for real and wakes early when a run is cancelled.

Standard library only; knows nothing about providers or catalogs.
"""

from __future__ import annotations

import threading
import time
from typing import Protocol


class Clock(Protocol):
    """Where the runner reads the time and waits."""

    def now(self) -> float:
        """Monotonic seconds: only differences mean anything."""
        ...

    def time(self) -> float:
        """Wall-clock seconds since the epoch, for timestamps that get stored."""
        ...

    def sleep(self, seconds: float, cancel: threading.Event | None = None) -> None:
        """Wait ``seconds``, or return early once ``cancel`` is set."""
        ...


class SystemClock:
    """The real clock."""

    def now(self) -> float:
        return time.monotonic()

    def time(self) -> float:
        return time.time()

    def sleep(self, seconds: float, cancel: threading.Event | None = None) -> None:
        if seconds <= 0:
            return
        if cancel is None:
            time.sleep(seconds)
        else:
            # Event.wait rather than time.sleep: a Ctrl-C must not sit out a
            # two-minute Retry-After before the run can stop.
            cancel.wait(seconds)


class FakeClock:
    """A clock for tests: ``sleep`` moves time forward at once instead of waiting.

    Thread-safe. Time is shared by every thread, and each ``sleep`` advances it by
    the full duration from whatever the time is when the sleep begins. With one
    worker this is exact; with several, sleeps that would overlap in reality add
    up instead, so multi-worker timings are upper bounds of the real schedule and
    tests should assert lower bounds (``elapsed >= n / rate``) or use one worker.

    ``sleeps`` lists every requested duration in call order, so a test can read
    back a back-off schedule.
    """

    def __init__(self, start: float = 0.0, epoch: float = 1_700_000_000.0) -> None:
        self._lock = threading.Lock()
        self._now = start
        self._epoch = epoch - start
        self.sleeps: list[float] = []

    def now(self) -> float:
        with self._lock:
            return self._now

    def time(self) -> float:
        with self._lock:
            return self._epoch + self._now

    def sleep(self, seconds: float, cancel: threading.Event | None = None) -> None:
        if seconds <= 0:
            return
        with self._lock:
            self.sleeps.append(seconds)
            if cancel is not None and cancel.is_set():
                return
            self._now += seconds

    def advance(self, seconds: float) -> None:
        """Let ``seconds`` pass, as if the test itself had waited."""
        with self._lock:
            self._now += seconds
