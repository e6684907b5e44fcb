"""Send translation jobs to a chain of providers: concurrently, politely, once.

``run_jobs`` takes texts to translate and a fallback chain of providers, and hands
every answer to the caller's ``on_result`` (or whole requests' answers to
``on_batch``: those that arrived while it was busy, together) the moment it arrives, so the caller can store them (in the machine
cache, in a catalog) before that worker sends anything else. Money is spent once
per distinct text: jobs with the same text and languages share one request.

Batches
-------
Texts go to a provider in batches of one language pair, as large as its
``ProviderSpec.max_texts`` and ``max_request_chars`` allow: one request each.
Each text of a batch ends on its own: a provider may answer a ``BadResponse`` in
place of one translation, and only that text moves on to the next provider (in
batches cut to that provider's limits). A request that fails as a whole is
retried or forwarded as a whole. A run killed half-way has delivered every
answered batch, so only the batches in flight are paid again.

How a job travels
-----------------
Its batch goes to the first provider of the chain that has not been given up. Each
provider has its own pool of worker threads (``ProviderSpec.concurrency``, one
``Provider`` instance per thread, made by the spec's factory on first use) and its
own pace (``rate`` requests per second, evenly spaced). Then:

* ``TransientError`` and ``RateLimited`` are retried on the same provider, up to
  ``max_retries`` times, after a back-off with full jitter: a random pause between
  0 and ``min(backoff_cap, backoff_base * 2**n)`` before retry n+1. A
  ``RateLimited`` with ``retry_after`` waits that long instead (at most
  ``retry_after_cap``), and pauses the provider for *all* its workers: a 429 is
  about the account, not the request.
* ``BadResponse`` moves the job to the next provider: asking the same service
  again for the same text tends to give the same unusable answer.
* ``ConfigurationError`` (a rejected key, an unsupported language) gives the
  provider up at once; its jobs move on.
* ``give_up_after`` failed requests in a row (any kind, from any worker; one
  success resets the count) give the provider up for the rest of the run.
* A job that runs out of providers fails with the last reason it met.

Callbacks, interruption, errors
-------------------------------
``on_result`` is called from the worker threads, one call at a time (the runner
holds a lock around it), exactly once per job that finishes. The main thread only
waits, so a Ctrl-C lands there and never in the middle of the caller's write.

On Ctrl-C the runner stops sending, lets requests already in flight finish (their
answers are paid for and are delivered), then raises ``Interrupted`` carrying the
summary so far. A second Ctrl-C abandons the requests in flight; answers that
arrive after ``run_jobs`` has returned or raised are dropped, never delivered.
Setting the ``cancel`` event does the same quietly: ``run_jobs`` returns a summary
with ``stopped`` set and the unfinished jobs counted in ``not_done``.

An exception that is not a ``ProviderError`` (a bug in an adapter, an error in
``on_result``, a text longer than the provider accepts) stops the run and is
re-raised by ``run_jobs`` once the workers have stopped.

All waiting goes through the injected ``Clock`` and all jitter through the
injected ``random.Random``, so tests run the whole schedule without sleeping.
Standard library only; knows providers only through ``base.Provider``.
"""

from __future__ import annotations

import math
import queue
import random
import threading
from collections import Counter
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from l10n.mt.base import BadResponse, ConfigurationError, Provider, ProviderError, RateLimited, TransientError
from l10n.mt.clock import Clock, SystemClock

# Waits shorter than this are rounding noise, not waits.
_EPSILON = 1e-9
# How often the main thread looks at the cancel event; also bounds how long a
# Ctrl-C can go unnoticed on platforms where a blocked wait is not interruptible.
_POLL = 0.05


@dataclass(frozen=True)
class Job:
    """One text to translate. ``key`` is the caller's, passed back untouched."""

    key: Hashable
    text: str
    source: str
    target: str


@dataclass(frozen=True)
class ProviderSpec:
    """One link of the fallback chain and how hard we may lean on it.

    ``name`` is what results and statistics are reported under (use the provider's
    own ``name``: it is the machine cache's key). ``factory`` makes one Provider per
    worker thread, because some client libraries mix up answers when one instance
    is shared between threads. ``rate`` is requests per second (None: no limit).
    """

    name: str
    factory: Callable[[], Provider] = field(repr=False)
    concurrency: int = 4
    rate: float | None = 10.0
    max_retries: int = 4
    backoff_base: float = 0.5
    backoff_cap: float = 30.0
    retry_after_cap: float = 120.0
    give_up_after: int = 5
    max_texts: int = 1  # texts per request: the adapter's ``max_texts``
    max_request_chars: int | None = None  # characters per request in all (None: no limit)

    def __post_init__(self) -> None:
        if self.concurrency < 1:
            raise ValueError(f"{self.name}: concurrency must be at least 1, not {self.concurrency}")
        if self.max_texts < 1 or (self.max_request_chars is not None and self.max_request_chars < 1):
            raise ValueError(f"{self.name}: max_texts and max_request_chars must be at least 1")
        if self.rate is not None and not self.rate > 0:
            raise ValueError(f"{self.name}: rate must be positive or None, not {self.rate}")
        if self.max_retries < 0 or self.give_up_after < 1:
            raise ValueError(f"{self.name}: max_retries must be >= 0 and give_up_after >= 1")
        if min(self.backoff_base, self.backoff_cap, self.retry_after_cap) < 0:
            raise ValueError(f"{self.name}: back-off times cannot be negative")


@dataclass(frozen=True)
class Outcome:
    """How a job ended: a translation and who gave it, or why there is none."""

    translation: str | None
    provider: str  # who answered; on failure the last provider tried ("" if none was)
    reason: str = ""  # why it failed, starting with the provider's name

    @property
    def ok(self) -> bool:
        return self.translation is not None


@dataclass(frozen=True)
class ProviderStats:
    """What one provider of the chain did during a run."""

    name: str
    requests: int  # requests sent, retries included
    characters: int  # characters sent, retries included: roughly what was billed
    answered: int  # distinct texts it translated
    retries: int
    paused: int  # times a worker waited for a rate-limit pause (429) to end
    waited: float  # seconds workers spent waiting for their turn (pace and pauses), summed
    errors: Mapping[str, int]  # failed requests by kind: transient, rate-limited, bad-response, configuration
    given_up: str | None  # why it was given up, or None


@dataclass(frozen=True)
class RunSummary:
    """What a run did. ``translated + failed + not_done == jobs``."""

    jobs: int
    translated: int
    failed: int
    not_done: int  # stopped or interrupted before they finished
    shared: int  # jobs answered by another job's request for the same text
    providers: tuple[ProviderStats, ...]
    failures: Mapping[str, int]  # failed jobs by reason
    elapsed: float  # seconds on the run's clock
    stopped: bool = False  # the cancel event was set

    @property
    def complete(self) -> bool:
        return self.not_done == 0

    @property
    def requests(self) -> int:
        return sum(stats.requests for stats in self.providers)

    @property
    def characters(self) -> int:
        return sum(stats.characters for stats in self.providers)

    @property
    def given_up(self) -> tuple[str, ...]:
        return tuple(stats.name for stats in self.providers if stats.given_up is not None)


class Interrupted(KeyboardInterrupt):
    """Ctrl-C during a run. Every answer that arrived was delivered; see ``summary``.

    A KeyboardInterrupt, so a caller that does not catch it still stops like any
    Ctrl-C'd program; one that does can save its work and report the counts.
    """

    def __init__(self, summary: RunSummary) -> None:
        super().__init__(f"interrupted: {summary.not_done} of {summary.jobs} jobs not done")
        self.summary = summary


OnResult = Callable[[Job, Outcome], None]
OnBatch = Callable[[Sequence[tuple[Job, Outcome]]], None]


class _Text(Protocol):
    @property
    def text(self) -> str: ...
    @property
    def source(self) -> str: ...
    @property
    def target(self) -> str: ...


_T = TypeVar("_T", bound=_Text)


def plan_batches(items: Sequence[_T], max_texts: int, max_request_chars: int | None = None) -> list[list[_T]]:
    """``items`` (jobs, say) as requests: one language pair each, in first-seen order,
    at most ``max_texts`` texts and ``max_request_chars`` characters per request
    (a text longer than that alone still makes one request of its own).

    >>> jobs = [Job(n, "가" * 30, "ko", "en") for n in range(120)]
    >>> [len(batch) for batch in plan_batches(jobs, 50)]
    [50, 50, 20]
    """
    pairs: dict[tuple[str, str], list[_T]] = {}
    for item in items:
        pairs.setdefault((item.source, item.target), []).append(item)
    batches: list[list[_T]] = []
    for texts in pairs.values():
        size = 0
        current: list[_T] = []
        for item in texts:
            over = max_request_chars is not None and size + len(item.text) > max_request_chars
            if current and (len(current) >= max_texts or over):
                batches.append(current)
                current, size = [], 0
            current.append(item)
            size += len(item.text)
        if current:
            batches.append(current)
    return batches


def run_jobs(
    jobs: Sequence[Job],
    chain: Sequence[ProviderSpec],
    *,
    on_result: OnResult | None = None,
    on_batch: OnBatch | None = None,
    clock: Clock | None = None,
    rng: random.Random | None = None,
    cancel: threading.Event | None = None,
    on_interrupt: Callable[[], None] | None = None,
) -> RunSummary:
    """Translate ``jobs`` through ``chain``, reporting each to ``on_result``, or each
    request's answers together to ``on_batch`` (give one of the two). Requests that
    finish while ``on_batch`` is busy are handed over together in its next call,
    never split: a caller committing each call commits them all at once.

    Returns when every job has an outcome, or when ``cancel`` is set (then
    ``summary.stopped``). Raises ``Interrupted`` on Ctrl-C, and re-raises any
    exception from ``on_result`` or an unexpected one from a provider. On Ctrl-C,
    ``on_interrupt`` is called as soon as no more requests will be sent, before the
    run waits for the answers in flight (which may take a provider's timeout).

    >>> run_jobs([Job("lede", "안녕하세요", "ko", "en")],                 # doctest: +SKIP
    ...          [ProviderSpec("deepl", factory=make_deepl, rate=5)],
    ...          on_result=lambda job, outcome: store(job, outcome))
    """
    if (on_result is None) == (on_batch is None):
        raise ValueError("give run_jobs either on_result or on_batch")
    if on_batch is None:
        assert on_result is not None
        each = on_result

        def on_batch(pairs: Sequence[tuple[Job, Outcome]]) -> None:
            for job, outcome in pairs:
                each(job, outcome)

    return _Run(jobs, chain, on_batch, clock or SystemClock(), rng or random.Random(), cancel, on_interrupt).execute()


# --------------------------------------------------------------------------- internals


@dataclass(eq=False)
class _Group:
    """Jobs with the same text and languages: one request answers them all."""

    text: str
    source: str
    target: str
    jobs: list[Job]
    reason: str = ""  # the last failure it met, reported if no provider is left


class _Lane:
    """One provider of the chain: its queue, pace, health and counters."""

    def __init__(self, index: int, spec: ProviderSpec) -> None:
        self.index = index
        self.spec = spec
        self.queue: queue.SimpleQueue[list[_Group] | None] = queue.SimpleQueue()
        self.interval = 0.0 if spec.rate is None else 1.0 / spec.rate
        self._lock = threading.Lock()
        self._next_slot = -math.inf
        self._paused_until = -math.inf
        self._in_a_row = 0
        # Written under the lock, read without it: a stale read costs at most one
        # more request to a provider that is being given up.
        self.given_up: str | None = None
        self._requests = self._characters = self._answered = self._retries = self._paused = 0
        self._waited = 0.0
        self._errors: Counter[str] = Counter()

    def reserve(self, now: float) -> float:
        """Book the next request slot; returns when it starts (maybe ``now``)."""
        with self._lock:
            start = max(now, self._next_slot, self._paused_until)
            if self._paused_until > now:
                self._paused += 1
            self._next_slot = start + self.interval
            if start - now > _EPSILON:
                self._waited += start - now
            return start

    def paused_until(self) -> float:
        with self._lock:
            return self._paused_until

    def pause(self, until: float) -> None:
        with self._lock:
            self._paused_until = max(self._paused_until, until)

    def sent(self, characters: int) -> None:
        with self._lock:
            self._requests += 1
            self._characters += characters

    def retried(self) -> None:
        with self._lock:
            self._retries += 1

    def succeeded(self, texts: int, *, bad: int = 0) -> None:
        """A request came back with ``texts`` usable answers and ``bad`` unusable ones."""
        with self._lock:
            self._answered += texts
            if bad:
                self._errors["bad-answer"] += bad
            self._in_a_row = 0

    def failed(self, kind: str, reason: str, *, fatal: bool = False) -> None:
        """Count a failed request; gives the provider up when it is fatal or one too many."""
        with self._lock:
            self._errors[kind] += 1
            self._in_a_row += 1
            if self.given_up is None:
                if fatal:
                    self.given_up = reason
                elif self._in_a_row >= self.spec.give_up_after:
                    self.given_up = f"{reason} (given up after {self._in_a_row} failures in a row)"

    def give_up(self, reason: str) -> None:
        with self._lock:
            if self.given_up is None:
                self.given_up = reason

    def stats(self) -> ProviderStats:
        with self._lock:
            return ProviderStats(
                name=self.spec.name,
                requests=self._requests,
                characters=self._characters,
                answered=self._answered,
                retries=self._retries,
                paused=self._paused,
                waited=self._waited,
                errors=dict(self._errors),
                given_up=self.given_up,
            )


class _Run:
    """The state of one ``run_jobs`` call, shared by its threads."""

    def __init__(
        self,
        jobs: Sequence[Job],
        chain: Sequence[ProviderSpec],
        on_batch: OnBatch,
        clock: Clock,
        rng: random.Random,
        cancel: threading.Event | None,
        on_interrupt: Callable[[], None] | None = None,
    ) -> None:
        if not chain:
            raise ValueError("the provider chain is empty")
        names = [spec.name for spec in chain]
        if len(set(names)) != len(names):
            raise ValueError(f"a provider appears twice in the chain: {names}")
        self._on_batch = on_batch
        self._clock = clock
        self._rng = rng
        self._rng_lock = threading.Lock()
        self._cancel = cancel
        self._on_interrupt = on_interrupt
        self._lanes = [_Lane(index, spec) for index, spec in enumerate(chain)]
        self._jobs = len(jobs)
        groups: dict[tuple[str, str, str], _Group] = {}
        for job in jobs:
            group = groups.get((job.source, job.target, job.text))
            if group is None:
                groups[(job.source, job.target, job.text)] = _Group(job.text, job.source, job.target, [job])
            else:
                group.jobs.append(job)
        self._groups = list(groups.values())
        # Everything about finishing a job lives under this one lock: on_batch
        # calls, counters, and whether deliveries are still accepted.
        self._deliver_lock = threading.Lock()
        # Requests' outcomes waiting for a delivery: whoever holds _deliver_lock
        # hands all of them over in one on_batch call (one commit for the caller).
        self._arrived: list[Sequence[tuple[_Group, Outcome]]] = []
        self._arrived_lock = threading.Lock()
        self._pending = len(self._groups)
        self._translated = self._failed = 0
        self._reasons: Counter[str] = Counter()
        self._closed = False
        # Set when nothing more may be sent: all done, stopped, interrupted or crashed.
        self._halt = threading.Event()
        self._halt_lock = threading.Lock()
        self._error: BaseException | None = None
        self._threads: list[threading.Thread] = []
        self._started = clock.now()

    # ------------------------------------------------------------------ main thread

    def execute(self) -> RunSummary:
        if not self._groups:
            return self._summary()
        self._queue(self._lanes[0], self._groups)
        try:
            for lane in self._lanes:
                for number in range(lane.spec.concurrency):
                    # Daemon threads: a worker abandoned by a second Ctrl-C must not
                    # keep the process alive until its request times out.
                    thread = threading.Thread(target=self._work, args=(lane,), name=f"mt-{lane.spec.name}-{number}", daemon=True)
                    self._threads.append(thread)
                    thread.start()
            while not self._halt.wait(_POLL):
                if self._cancel is not None and self._cancel.is_set():
                    self._stop()
            self._join()
        except KeyboardInterrupt:
            self._stop()
            if self._on_interrupt is not None:
                self._on_interrupt()
            try:
                self._join()  # requests in flight are paid for: take their answers
            except KeyboardInterrupt:
                pass  # a second Ctrl-C: abandon them
            self._close()
            raise Interrupted(self._summary()) from None
        self._close()
        if self._error is not None:
            if isinstance(self._error, KeyboardInterrupt):
                raise Interrupted(self._summary()) from self._error
            raise self._error
        return self._summary()

    def _join(self) -> None:
        for thread in self._threads:
            while thread.is_alive():
                thread.join(_POLL)

    def _close(self) -> None:
        with self._deliver_lock:
            self._closed = True

    def _summary(self) -> RunSummary:
        with self._deliver_lock:
            translated, failed, reasons = self._translated, self._failed, dict(self._reasons)
        return RunSummary(
            jobs=self._jobs,
            translated=translated,
            failed=failed,
            not_done=self._jobs - translated - failed,
            shared=self._jobs - len(self._groups),
            providers=tuple(lane.stats() for lane in self._lanes),
            failures=reasons,
            elapsed=self._clock.now() - self._started,
            stopped=self._cancel is not None and self._cancel.is_set(),
        )

    # ------------------------------------------------------------------ any thread

    def _stop(self) -> None:
        """No more requests: wake sleepers and idle workers so they can leave."""
        with self._halt_lock:
            if self._halt.is_set():
                return
            self._halt.set()
        for lane in self._lanes:
            for _ in range(lane.spec.concurrency):
                lane.queue.put(None)

    def _stopping(self) -> bool:
        if self._cancel is not None and self._cancel.is_set():
            self._stop()
        return self._halt.is_set()

    @staticmethod
    def _queue(lane: _Lane, groups: Sequence[_Group]) -> None:
        for batch in plan_batches(groups, lane.spec.max_texts, lane.spec.max_request_chars):
            lane.queue.put(batch)

    def _deliver(self, finished: Sequence[tuple[_Group, Outcome]]) -> None:
        """Hand one request's outcomes to the caller; return once they are handed over.

        Requests that finish while the caller is busy with an earlier delivery
        (committing it, say) wait, and the first of them to get the lock hands
        them all over in one call: a caller that commits each call commits them
        together, instead of one after the other while every worker waits. A
        request's outcomes are never split between calls, and its worker sends
        nothing more before they are delivered.
        """
        if not finished:
            return
        with self._arrived_lock:
            self._arrived.append(finished)
        with self._deliver_lock:
            with self._arrived_lock:
                waiting, self._arrived = self._arrived, []
            if not waiting or self._closed:
                # Delivered by the worker that held the lock before; or run_jobs has
                # already returned, and the caller is no longer listening.
                return
            everything = [pair for request in waiting for pair in request]
            self._on_batch([(job, outcome) for group, outcome in everything for job in group.jobs])
            for group, outcome in everything:
                if outcome.ok:
                    self._translated += len(group.jobs)
                else:
                    self._failed += len(group.jobs)
                    self._reasons[outcome.reason] += len(group.jobs)
            self._pending -= len(everything)
            done = self._pending == 0
        if done:
            self._stop()

    def _forward(self, groups: Sequence[_Group], lane: _Lane, reason: str | None = None) -> None:
        """Hand ``groups`` to the next provider still in the game, or fail them."""
        if reason is not None:
            for group in groups:
                group.reason = reason
        for following in self._lanes[lane.index + 1 :]:
            if following.given_up is None:
                self._queue(following, groups)
                return
        self._deliver([(group, Outcome(None, lane.spec.name, group.reason)) for group in groups])

    # ------------------------------------------------------------------ worker threads

    def _work(self, lane: _Lane) -> None:
        provider: Provider | None = None
        while True:
            batch = lane.queue.get()
            if batch is None or self._stopping():
                return
            try:
                if provider is None and lane.given_up is None:
                    provider = self._make(lane)
                if provider is None or lane.given_up is not None:
                    self._forward(batch, lane, lane.given_up)
                    continue
                self._translate(lane, provider, batch)
            except BaseException as error:
                with self._halt_lock:
                    if self._error is None:
                        self._error = error
                self._stop()
                return

    def _make(self, lane: _Lane) -> Provider | None:
        try:
            return lane.spec.factory()
        except ProviderError as error:
            lane.give_up(f"{lane.spec.name}: {error.message}")
            return None

    def _translate(self, lane: _Lane, provider: Provider, batch: list[_Group]) -> None:
        spec = lane.spec
        for group in batch:
            if len(group.text) > provider.max_chars:
                raise ValueError(
                    f"a text of {len(group.text)} characters reached {spec.name}, which takes at most"
                    f" {provider.max_chars}: split texts before running them"
                )
        source, target = batch[0].source, batch[0].target
        retries = 0
        while True:
            if not self._admit(lane):
                return  # stopping: the batch stays not done
            if lane.given_up is not None:
                self._forward(batch, lane, lane.given_up)
                return
            lane.sent(sum(len(group.text) for group in batch))
            try:
                answers = provider.translate([group.text for group in batch], source, target)
                if not isinstance(answers, Sequence) or len(answers) != len(batch):
                    count = len(answers) if isinstance(answers, Sequence) else type(answers).__name__
                    raise BadResponse(f"expected {len(batch)} translations, got {count}")
            except ConfigurationError as error:
                reason = f"{spec.name}: {error.message}"
                lane.failed("configuration", reason, fatal=True)
                self._forward(batch, lane, reason)
                return
            except BadResponse as error:
                reason = f"{spec.name}: {error.message}"
                lane.failed("bad-response", reason)
                self._forward(batch, lane, reason)
                return
            except (RateLimited, TransientError) as error:
                reason = f"{spec.name}: {error.message}"
                lane.failed("rate-limited" if isinstance(error, RateLimited) else "transient", reason)
                if lane.given_up is not None:
                    self._forward(batch, lane, lane.given_up)
                    return
                if retries >= spec.max_retries:
                    self._forward(batch, lane, f"{reason} (still failing after {retries + 1} attempts)")
                    return
                delay = self._backoff(spec, retries)
                retries += 1
                lane.retried()
                if isinstance(error, RateLimited):
                    if error.retry_after is not None:
                        delay = min(max(error.retry_after, 0.0), spec.retry_after_cap)
                    # Every worker of this provider waits, not just this one.
                    lane.pause(self._clock.now() + delay)
                else:
                    self._clock.sleep(delay, self._halt)
                continue
            self._settle(lane, batch, answers)
            return

    def _settle(self, lane: _Lane, batch: list[_Group], answers: Sequence[object]) -> None:
        """Deliver a request's good answers and forward the texts whose answer was bad."""
        name = lane.spec.name
        good: list[tuple[_Group, Outcome]] = []
        bad: list[_Group] = []
        for group, answer in zip(batch, answers, strict=True):
            if isinstance(answer, str):
                good.append((group, Outcome(answer, name)))
                continue
            message = answer.message if isinstance(answer, BadResponse) else f"the answer is a {type(answer).__name__}"
            group.reason = f"{name}: {message}"
            bad.append(group)
        if good:
            lane.succeeded(len(good), bad=len(bad))
        else:
            # Nothing usable came back: as bad as a failed request.
            lane.failed("bad-response", bad[0].reason)
        self._deliver(good)
        if bad:
            self._forward(bad, lane)

    def _admit(self, lane: _Lane) -> bool:
        """Wait for this provider's next free slot; False when the run is stopping."""
        while not self._stopping():
            now = self._clock.now()
            wait = lane.reserve(now) - now
            if wait > _EPSILON:
                self._clock.sleep(wait, self._halt)
                if self._stopping():
                    return False
            # A 429 elsewhere may have paused the provider while we slept.
            if lane.paused_until() <= self._clock.now() + _EPSILON:
                return True
        return False

    def _backoff(self, spec: ProviderSpec, retries: int) -> float:
        ceiling = min(spec.backoff_cap, spec.backoff_base * 2.0**retries)
        with self._rng_lock:
            return self._rng.uniform(0.0, ceiling)
