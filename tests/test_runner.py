"""Sending translation jobs: each text once, at the provider's pace, through the fallback chain.

The providers here are small fakes that follow a script; the real HTTP adapters are
tested against a loopback server elsewhere. What is tested is the scheduling:
concurrency, pacing, retries, fallback, delivery and interruption. Almost every
test runs on a FakeClock, so back-offs of minutes take no time at all.
"""

from __future__ import annotations

import contextlib
import random
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from l10n.mt import runner
from l10n.mt.base import BadResponse, ConfigurationError, ProviderError, RateLimited, TransientError
from l10n.mt.cache import MachineCache
from l10n.mt.clock import Clock, FakeClock, SystemClock
from l10n.mt.runner import Interrupted, Job, Outcome, ProviderSpec, RunSummary, run_jobs

# --------------------------------------------------------------------------- fakes


class FakeService:
    """A translation service as the runner meets it through its clients.

    Answers ``"<name> text"``. ``script`` maps a text to the errors its first
    requests meet, in order; ``always`` is raised for every request; ``hook`` runs
    at the start of each request with its number (1-based) and may raise.
    ``latency`` is real seconds per request.
    """

    def __init__(
        self,
        name: str,
        clock: Clock | None = None,
        *,
        script: dict[str, list[ProviderError]] | None = None,
        always: ProviderError | None = None,
        latency: float = 0.0,
        hook: Callable[[int], None] | None = None,
        max_chars: int = 4500,
    ) -> None:
        self.name = name
        self.clock = clock or SystemClock()
        self.script = {text: list(errors) for text, errors in (script or {}).items()}
        self.always = always
        self.latency = latency
        self.hook = hook
        self.max_chars = max_chars
        self.lock = threading.Lock()
        self.calls: list[tuple[str, float, int]] = []  # text, clock time, thread
        self.in_flight = 0
        self.most_in_flight = 0
        self.clients = 0

    def client(self) -> FakeClient:
        with self.lock:
            self.clients += 1
        return FakeClient(self)

    def answer(self, text: str) -> str:
        return f"<{self.name}> {text}"

    def sent(self) -> list[str]:
        return [text for text, _, _ in self.calls]

    def times(self) -> list[float]:
        return [at for _, at, _ in self.calls]

    def handle(self, texts: Sequence[str]) -> list[str]:
        with self.lock:
            self.calls.append((texts[0], self.clock.now(), threading.get_ident()))
            number = len(self.calls)
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
            pending = self.script.get(texts[0])
            error = pending.pop(0) if pending else self.always
        try:
            if self.hook is not None:
                self.hook(number)
            if self.latency:
                time.sleep(self.latency)
            if error is not None:
                raise error
            return [self.answer(text) for text in texts]
        finally:
            with self.lock:
                self.in_flight -= 1


class FakeClient:
    """One Provider instance; it insists on being used by the thread that made it."""

    def __init__(self, service: FakeService) -> None:
        self.name = service.name
        self.max_chars = service.max_chars
        self.service = service
        self.owner = threading.get_ident()

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str]:
        assert threading.get_ident() == self.owner, "a provider instance was shared between threads"
        assert len(texts) == 1
        return self.service.handle(texts)


def spec(service: FakeService, **options: object) -> ProviderSpec:
    options.setdefault("rate", None)
    return ProviderSpec(service.name, factory=service.client, **options)  # type: ignore[arg-type]


def jobs_for(*texts: str, source: str = "ko", target: str = "en") -> list[Job]:
    return [Job(f"msg{number}", text, source, target) for number, text in enumerate(texts)]


def numbered(count: int) -> list[Job]:
    return jobs_for(*(f"문장 {number}" for number in range(count)))


class Results:
    """An on_result that checks it is called once per job and never two at a time."""

    def __init__(self, pause: float = 0.0) -> None:
        self.outcomes: dict[object, Outcome] = {}
        self.order: list[object] = []
        self.pause = pause
        self.inside = 0
        self.most_inside = 0
        self.guard = threading.Lock()  # only to count overlaps, not to serialise

    def __call__(self, job: Job, outcome: Outcome) -> None:
        with self.guard:
            self.inside += 1
            self.most_inside = max(self.most_inside, self.inside)
        if self.pause:
            time.sleep(self.pause)
        assert job.key not in self.outcomes, f"{job.key} delivered twice"
        self.outcomes[job.key] = outcome
        self.order.append(job.key)
        with self.guard:
            self.inside -= 1


def run(
    jobs: Sequence[Job], chain: Sequence[ProviderSpec], clock: Clock | None = None, **options: object
) -> tuple[RunSummary, Results]:
    results = Results()
    summary = run_jobs(jobs, chain, on_result=results, clock=clock or FakeClock(), **options)  # type: ignore[arg-type]
    return summary, results


class GatheringClock(FakeClock):
    """A FakeClock on which the first ``parties`` sleeps wait for one another before
    any of them moves time on, so that several workers all meet one pause, as they
    would in real time, instead of the first sleeper ending it for the others.

    ``asleep`` is set once the first sleep has begun.
    """

    def __init__(self, parties: int) -> None:
        super().__init__()
        self.asleep = threading.Event()
        self._parties = parties
        self._gathering = threading.Barrier(parties, timeout=30)
        self._count = 0
        self._count_lock = threading.Lock()

    def sleep(self, seconds: float, cancel: threading.Event | None = None) -> None:
        with self._count_lock:
            self._count += 1
            gather = self._count <= self._parties
        self.asleep.set()
        if gather:
            self._gathering.wait()
        super().sleep(seconds, cancel)


@contextlib.contextmanager
def ctrl_c_noticed() -> Iterator[threading.Event]:
    """Ctrl-C raises KeyboardInterrupt in the main thread, as Python's own handler
    does, and sets the event yielded once it has: a test can wait for the run to
    notice a Ctrl-C instead of guessing how long that takes."""
    noticed = threading.Event()

    def handler(signum: int, frame: object) -> None:
        noticed.set()
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, handler)
    try:
        yield noticed
    finally:
        signal.signal(signal.SIGINT, previous)


def main_thread_joins() -> bool:
    """Whether the main thread is inside Thread.join, waiting for workers."""
    frame = sys._current_frames().get(threading.main_thread().ident or 0)
    while frame is not None and frame.f_code is not threading.Thread.join.__code__:
        frame = frame.f_back
    return frame is not None


# --------------------------------------------------------------------------- delivery


def test_every_job_is_delivered_exactly_once_and_one_at_a_time() -> None:
    service = FakeService("deepl", latency=0.001)
    jobs = numbered(60)
    results = Results(pause=0.001)

    summary = run_jobs(jobs, [spec(service, concurrency=6)], on_result=results, clock=SystemClock())

    assert sorted(results.outcomes, key=str) == sorted((job.key for job in jobs), key=str)
    assert all(results.outcomes[job.key] == Outcome(service.answer(job.text), "deepl") for job in jobs)
    assert results.most_inside == 1
    assert (summary.jobs, summary.translated, summary.failed, summary.not_done) == (60, 60, 0, 0)
    assert summary.complete
    stats = summary.providers[0]
    assert (stats.requests, stats.answered, stats.characters) == (60, 60, sum(len(job.text) for job in jobs))
    # One client per worker thread, each used only by its own thread (FakeClient checks).
    assert service.clients <= 6


def test_a_byline_shared_by_three_articles_is_sent_once() -> None:
    service = FakeService("deepl")
    jobs = jobs_for("김철수 기자", "증시가 올랐다", "김철수 기자", "김철수 기자")

    summary, results = run(jobs, [spec(service)])

    assert sorted(service.sent()) == ["김철수 기자", "증시가 올랐다"]
    assert [results.outcomes[key].translation for key in ("msg0", "msg2", "msg3")] == ["<deepl> 김철수 기자"] * 3
    assert summary.shared == 2
    assert summary.requests == 2
    assert summary.characters == len("김철수 기자") + len("증시가 올랐다")


def test_the_same_text_in_two_directions_is_two_requests() -> None:
    service = FakeService("deepl")
    jobs = [Job("a", "Seoul", "en", "ko"), Job("b", "Seoul", "ko", "en")]

    summary, _ = run(jobs, [spec(service)])

    assert summary.requests == 2
    assert summary.shared == 0


def test_nothing_to_do_sends_nothing() -> None:
    service = FakeService("deepl")

    summary, results = run([], [spec(service)])

    assert (summary.jobs, summary.translated, summary.failed, summary.not_done, summary.requests) == (0, 0, 0, 0, 0)
    assert summary.complete
    assert service.calls == [] and results.outcomes == {}


@pytest.mark.parametrize(
    ("chain", "message"),
    [
        ([], "chain is empty"),
        (["deepl", "deepl"], "appears twice"),
    ],
)
def test_a_broken_chain_is_refused(chain: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        run(numbered(1), [spec(FakeService(name)) for name in chain])


@pytest.mark.parametrize(
    "options",
    [{"concurrency": 0}, {"rate": 0}, {"rate": -1.0}, {"max_retries": -1}, {"give_up_after": 0}, {"backoff_base": -1}],
)
def test_a_nonsensical_spec_is_refused(options: dict[str, object]) -> None:
    with pytest.raises(ValueError, match="deepl"):
        spec(FakeService("deepl"), **options)


def test_a_text_longer_than_the_provider_takes_is_a_bug_upstream() -> None:
    service = FakeService("deepl", max_chars=10)

    with pytest.raises(ValueError, match="split texts before"):
        run(jobs_for("짧다", "이 문장은 열 글자보다 훨씬 깁니다"), [spec(service, concurrency=1)])

    assert "이 문장은 열 글자보다 훨씬 깁니다" not in service.sent()


# --------------------------------------------------------------------------- pace


@pytest.mark.parametrize("rate", [2.0, 10.0, 40.0])
def test_one_worker_sends_at_exactly_the_rate(rate: float) -> None:
    clock = FakeClock()
    service = FakeService("deepl", clock)

    run(numbered(12), [spec(service, concurrency=1, rate=rate)], clock)

    assert service.times() == pytest.approx([number / rate for number in range(12)])


@pytest.mark.parametrize(("jobs", "rate", "concurrency"), [(30, 10.0, 4), (50, 5.0, 8), (9, 1.0, 3)])
def test_many_workers_together_keep_to_the_rate(jobs: int, rate: float, concurrency: int) -> None:
    clock = FakeClock()
    service = FakeService("deepl", clock)

    summary, _ = run(numbered(jobs), [spec(service, concurrency=concurrency, rate=rate)], clock)

    # The first request goes at once, each later one a full interval after the one before.
    assert clock.now() >= (jobs - 1) / rate - 1e-9
    assert summary.translated == jobs


def test_the_rate_holds_in_real_time_with_real_threads() -> None:
    service = FakeService("deepl")
    started = time.monotonic()

    run(numbered(11), [spec(service, concurrency=4, rate=50.0)], SystemClock())

    # 11 requests at 50 per second: the last goes at least 10 intervals after the run
    # began. Only lower bounds: a busy machine makes everything later, never earlier.
    assert max(service.times()) - started >= 10 / 50 - 0.01


@pytest.mark.parametrize("concurrency", [1, 3, 8])
def test_no_more_requests_in_flight_than_allowed(concurrency: int) -> None:
    # The first `concurrency` requests wait for each other: that proves the limit is
    # reached; the service's own counter proves it is never passed.
    barrier = threading.Barrier(concurrency, timeout=30)

    def hold(number: int) -> None:
        if number <= concurrency:
            barrier.wait()

    service = FakeService("deepl", hook=hold, latency=0.002)

    summary, _ = run(numbered(40), [spec(service, concurrency=concurrency)], SystemClock())

    assert service.most_in_flight == concurrency
    assert summary.translated == 40


# --------------------------------------------------------------------------- retries


def test_a_timeout_is_retried_and_the_answer_delivered() -> None:
    service = FakeService("deepl", script={"속보": [TransientError("timed out"), TransientError("502")]})

    summary, results = run(jobs_for("속보"), [spec(service)])

    assert results.outcomes["msg0"] == Outcome("<deepl> 속보", "deepl")
    stats = summary.providers[0]
    assert (stats.requests, stats.retries, stats.errors) == (3, 2, {"transient": 2})
    assert stats.characters == 3 * len("속보")  # every attempt is paid for


@pytest.mark.parametrize(
    ("base", "cap", "ceilings"),
    [
        (0.5, 30.0, [0.5, 1.0, 2.0, 4.0]),
        (0.5, 0.75, [0.5, 0.75, 0.75, 0.75]),
        (2.0, 30.0, [2.0, 4.0, 8.0, 16.0]),
    ],
)
def test_back_off_doubles_with_full_jitter_up_to_the_cap(base: float, cap: float, ceilings: list[float]) -> None:
    clock = FakeClock()
    service = FakeService("deepl", clock, script={"속보": [TransientError("503")] * 4})

    summary, results = run(
        jobs_for("속보"),
        [spec(service, concurrency=1, max_retries=4, backoff_base=base, backoff_cap=cap, give_up_after=10)],
        clock,
        rng=random.Random(20240501),
    )

    assert results.outcomes["msg0"].ok
    expected_rng = random.Random(20240501)
    assert clock.sleeps == pytest.approx([expected_rng.uniform(0, ceiling) for ceiling in ceilings])
    assert all(0 <= slept <= ceiling for slept, ceiling in zip(clock.sleeps, ceilings, strict=True))
    assert summary.providers[0].retries == 4


@pytest.mark.parametrize(
    ("retry_after", "waited"),
    [
        (3.0, 3.0),  # the server's wish
        (1000.0, 120.0),  # capped: an hour of waiting is worse than failing over
        (0.0, 0.0),
    ],
)
def test_retry_after_is_honoured_up_to_the_cap(retry_after: float, waited: float) -> None:
    clock = FakeClock()
    service = FakeService("deepl", clock, script={"속보": [RateLimited("429", retry_after=retry_after)]})

    summary, results = run(jobs_for("속보"), [spec(service, concurrency=1, retry_after_cap=120.0)], clock)

    assert results.outcomes["msg0"].ok
    assert service.times() == pytest.approx([0.0, waited])
    assert summary.providers[0].errors == {"rate-limited": 1}


def test_a_429_without_retry_after_backs_off_like_any_retry() -> None:
    clock = FakeClock()
    service = FakeService("deepl", clock, script={"속보": [RateLimited("429")]})

    run(jobs_for("속보"), [spec(service, concurrency=1)], clock, rng=random.Random(7))

    assert service.times() == pytest.approx([0.0, random.Random(7).uniform(0, 0.5)])


def test_a_429_pauses_every_worker_of_the_provider() -> None:
    # Three requests in flight at time 0; the first is refused with Retry-After 0.3.
    # The other two are answered only once the refused worker waits out the pause,
    # so their workers' next requests meet the pause too.
    clock = GatheringClock(parties=3)
    in_flight = threading.Barrier(3, timeout=30)

    def first_is_refused(number: int) -> None:
        if number <= 3:
            in_flight.wait()
        if number == 1:
            raise RateLimited("429", retry_after=0.3)
        if number <= 3:
            assert clock.asleep.wait(30), "the refused worker never waited"

    service = FakeService("deepl", clock, hook=first_is_refused)

    summary, results = run(numbered(12), [spec(service, concurrency=3)], clock)

    assert len(results.outcomes) == 12 and all(outcome.ok for outcome in results.outcomes.values())
    starts = sorted(service.times())
    # The requests in flight when the 429 came started at 0; nothing else starts
    # before the pause is over, from any worker, and every worker waited for it.
    assert starts[:3] == [0.0] * 3
    assert all(at >= 0.3 for at in starts[3:])
    assert {thread for _, at, thread in service.calls if at >= 0.3} == {thread for _, _, thread in service.calls}
    assert len({thread for _, _, thread in service.calls}) == 3
    assert summary.providers[0].paused == 3
    assert clock.sleeps == pytest.approx([0.3] * 3)


# --------------------------------------------------------------------------- fallback


def test_an_unusable_answer_goes_to_the_next_provider_without_retrying() -> None:
    deepl = FakeService("deepl", script={"속보": [BadResponse("answer echoed the source")]})
    google = FakeService("google")

    summary, results = run(jobs_for("속보", "증시"), [spec(deepl), spec(google)])

    assert results.outcomes["msg0"] == Outcome("<google> 속보", "google")
    assert results.outcomes["msg1"] == Outcome("<deepl> 증시", "deepl")
    assert deepl.sent().count("속보") == 1
    assert summary.providers[0].errors == {"bad-response": 1}
    assert summary.given_up == ()


def test_a_rejected_key_gives_the_provider_up_at_once() -> None:
    deepl = FakeService("deepl", always=ConfigurationError("authentication failed (HTTP 403)"))
    google = FakeService("google")

    summary, results = run(numbered(20), [spec(deepl, concurrency=1), spec(google)])

    assert len(deepl.calls) == 1
    assert {outcome.provider for outcome in results.outcomes.values()} == {"google"}
    assert summary.translated == 20
    assert summary.given_up == ("deepl",)
    assert summary.providers[0].given_up == "deepl: authentication failed (HTTP 403)"


def test_a_missing_key_gives_the_provider_up_before_any_request() -> None:
    def no_key() -> FakeClient:
        raise ConfigurationError("no API key: set L10N_DEEPL_API_KEY")

    google = FakeService("google")
    chain = [ProviderSpec("deepl", factory=no_key, rate=None), spec(google)]

    summary, results = run(numbered(5), chain)

    assert summary.providers[0].requests == 0
    assert summary.providers[0].given_up == "deepl: no API key: set L10N_DEEPL_API_KEY"
    assert all(outcome.provider == "google" for outcome in results.outcomes.values())


def test_a_provider_that_keeps_failing_is_given_up_and_the_chain_goes_on() -> None:
    deepl = FakeService("deepl", always=TransientError("HTTP 503"))
    google = FakeService("google")

    summary, results = run(
        numbered(10), [spec(deepl, concurrency=1, give_up_after=3, max_retries=10), spec(google)]
    )

    assert len(deepl.calls) == 3
    assert summary.translated == 10
    assert all(outcome.provider == "google" for outcome in results.outcomes.values())
    assert summary.providers[0].given_up == "deepl: HTTP 503 (given up after 3 failures in a row)"


def test_one_success_resets_the_count_of_failures_in_a_row() -> None:
    # Two texts fail twice each; interleaved with successes, the provider stays.
    script = {"문장 0": [TransientError("503")] * 2, "문장 1": [TransientError("503")] * 2}
    deepl = FakeService("deepl", script=script)

    summary, _ = run(numbered(4), [spec(deepl, concurrency=1, give_up_after=3)])

    assert summary.given_up == ()
    assert summary.translated == 4


def test_a_text_that_exhausts_its_retries_moves_on_alone() -> None:
    clock = FakeClock()
    deepl = FakeService("deepl", clock, script={"문장 1": [TransientError("timed out")] * 3})
    google = FakeService("google", clock)

    summary, results = run(numbered(3), [spec(deepl, concurrency=1, max_retries=2, give_up_after=10), spec(google)], clock)

    assert results.outcomes["msg1"].provider == "google"
    assert results.outcomes["msg0"].provider == results.outcomes["msg2"].provider == "deepl"
    assert google.sent() == ["문장 1"]
    assert summary.given_up == ()


@pytest.mark.parametrize(
    ("deepl_error", "google_error", "reason"),
    [
        (BadResponse("empty answer"), BadResponse("wrong script"), "google: wrong script"),
        (ConfigurationError("bad key"), TransientError("timed out"), "google: timed out (still failing after 3 attempts)"),
        (TransientError("timed out"), ConfigurationError("unsupported language: ko"), "google: unsupported language: ko"),
    ],
)
def test_when_every_provider_fails_each_job_fails_with_the_last_reason(
    deepl_error: ProviderError, google_error: ProviderError, reason: str
) -> None:
    deepl = FakeService("deepl", always=deepl_error)
    google = FakeService("google", always=google_error)

    summary, results = run(
        numbered(2),
        [spec(deepl, concurrency=1, max_retries=2, give_up_after=50), spec(google, concurrency=1, max_retries=2, give_up_after=50)],
    )

    assert results.outcomes == {"msg0": Outcome(None, "google", reason), "msg1": Outcome(None, "google", reason)}
    assert (summary.translated, summary.failed, summary.not_done) == (0, 2, 0)
    assert summary.failures == {reason: 2}


def test_jobs_fail_with_a_reason_when_every_provider_is_given_up() -> None:
    deepl = FakeService("deepl", always=TransientError("HTTP 500"))

    summary, results = run(numbered(6), [spec(deepl, concurrency=2, give_up_after=4)])

    reason = "deepl: HTTP 500 (given up after 4 failures in a row)"
    assert len(results.outcomes) == 6
    assert all(not outcome.ok for outcome in results.outcomes.values())
    assert summary.given_up == ("deepl",)
    assert summary.failed == 6
    assert summary.providers[0].given_up == reason
    # Jobs still waiting when the provider was given up carry the give-up reason.
    assert summary.failures.get(reason, 0) >= 4


# --------------------------------------------------------------------------- stopping


def test_the_cancel_event_stops_sending_and_counts_what_is_left() -> None:
    cancel = threading.Event()
    service = FakeService("deepl", latency=0.001)
    results = Results()

    def stop_after_ten(job: Job, outcome: Outcome) -> None:
        results(job, outcome)
        if len(results.outcomes) == 10:
            cancel.set()

    summary = run_jobs(
        numbered(200), [spec(service, concurrency=2)], on_result=stop_after_ten, clock=SystemClock(), cancel=cancel
    )

    assert summary.stopped and not summary.complete
    assert summary.translated == len(results.outcomes) >= 10
    # Stopping happens before the next request: at most one more per worker.
    assert len(service.calls) <= 10 + 2
    assert summary.not_done == 200 - summary.translated


def test_ctrl_c_delivers_what_arrived_and_reports_the_rest() -> None:
    results = Results()

    with ctrl_c_noticed() as noticed, pytest.raises(Interrupted) as raised:

        def press_ctrl_c(number: int) -> None:
            if number == 10:
                signal.raise_signal(signal.SIGINT)
            elif number > 10:
                noticed.wait(30)  # sent before the run noticed: in flight when it did

        service = FakeService("deepl", hook=press_ctrl_c)
        run_jobs(numbered(200), [spec(service, concurrency=2)], on_result=results, clock=SystemClock())

    summary = raised.value.summary
    assert isinstance(raised.value, KeyboardInterrupt)  # uncaught, it is still a Ctrl-C
    # Every request that was answered got delivered, including those in flight.
    assert summary.translated == len(results.outcomes) == len(service.calls)
    assert summary.not_done == 200 - summary.translated > 100
    assert all(outcome.ok for outcome in results.outcomes.values())


def test_a_second_ctrl_c_abandons_requests_in_flight() -> None:
    release = threading.Event()
    delivered: list[Job] = []
    threads_before = set(threading.enumerate())
    started = time.monotonic()

    with ctrl_c_noticed() as noticed, pytest.raises(Interrupted) as raised:

        def hang(number: int) -> None:
            # The user presses Ctrl-C; the run waits for the request in flight, which
            # hangs; the user presses Ctrl-C again.
            if number == 1:
                signal.raise_signal(signal.SIGINT)
                noticed.wait(30)
                deadline = time.monotonic() + 30
                while not main_thread_joins() and time.monotonic() < deadline:
                    time.sleep(0.001)
                signal.raise_signal(signal.SIGINT)
                release.wait(60)

        service = FakeService("deepl", hook=hang)
        run_jobs(numbered(3), [spec(service, concurrency=1)], on_result=lambda job, _: delivered.append(job))

    assert time.monotonic() - started < 30, "the run still waited for the hung request"
    assert raised.value.summary.not_done == 3
    # The abandoned answer arrives after run_jobs gave up on it: it is not delivered.
    service.hook = None
    release.set()
    for worker in set(threading.enumerate()) - threads_before:
        worker.join(30)
        assert not worker.is_alive()
    assert delivered == []


def test_an_error_in_on_result_stops_the_run_and_is_raised() -> None:
    service = FakeService("deepl")
    seen: list[Job] = []

    def disk_full(job: Job, outcome: Outcome) -> None:
        seen.append(job)
        if len(seen) == 3:
            raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space left"):
        run_jobs(numbered(50), [spec(service, concurrency=1)], on_result=disk_full, clock=FakeClock())

    assert len(seen) == 3
    assert len(service.calls) == 3  # nothing more was bought once answers could not be kept


def test_a_bug_in_an_adapter_is_raised_not_swallowed() -> None:
    service = FakeService("deepl", always=KeyError("translations"))  # type: ignore[arg-type]

    with pytest.raises(KeyError, match="translations"):
        run(numbered(5), [spec(service, concurrency=1)])


# --------------------------------------------------------------------------- the newsroom's story


def test_a_crashed_run_keeps_what_it_paid_for_and_a_rerun_sends_only_the_rest(tmp_path: Path) -> None:
    clock = FakeClock()
    service = FakeService("deepl", clock)
    chain = [spec(service, concurrency=2)]
    articles = numbered(30) + jobs_for("김철수 기자", "김철수 기자")
    path = tmp_path / ".cache" / "l10n" / "mt.sqlite3"

    def missing(cache: MachineCache) -> list[Job]:
        return [job for job in articles if cache.get_any(["deepl"], job.source, job.target, job.text) is None]

    def keep(cache: MachineCache, crash_after: int | None = None) -> Callable[[Job, Outcome], None]:
        def on_result(job: Job, outcome: Outcome) -> None:
            assert outcome.translation is not None
            cache.put(outcome.provider, job.source, job.target, job.text, outcome.translation, now=clock.time())
            if crash_after is not None and cache.stats().entries >= crash_after:
                raise SystemExit("the laptop lid closed")

        return on_result

    # First run dies once 12 answers are stored. The other worker's request was
    # already in flight: its answer is paid for, so it is stored too.
    with MachineCache(path) as cache, pytest.raises(SystemExit):
        run_jobs(missing(cache), chain, on_result=keep(cache, crash_after=12), clock=clock)
    paid_first = len(service.calls)
    with MachineCache(path) as cache:
        assert 12 <= cache.stats().entries == paid_first <= 12 + 1

    # Second run sends only what the first did not keep; the byline once.
    with MachineCache(path) as cache:
        summary = run_jobs(missing(cache), chain, on_result=keep(cache), clock=clock)
        assert summary.complete
        assert summary.shared == 1
        assert cache.stats().entries == 31
    assert len(service.calls) == 31
    assert len(set(service.sent())) == len(service.sent())  # no text was ever bought twice

    # Third run: nothing left to send.
    with MachineCache(path) as cache:
        assert missing(cache) == []


# --------------------------------------------------------------------------- real speed


def test_real_threads_keep_a_slow_service_busy() -> None:
    # 80 requests on 8 workers, each request answered only once 8 are in flight: the
    # run gets through its 10 rounds only if no worker ever idles while jobs wait.
    # (Counting rounds, not timing them, holds on a machine of any speed and load.)
    rounds = threading.Barrier(8, timeout=30)
    service = FakeService("deepl", hook=lambda number: rounds.wait(), latency=0.001)

    summary, _ = run(numbered(80), [spec(service, concurrency=8)], SystemClock())

    assert summary.translated == 80
    assert service.most_in_flight == 8


# --------------------------------------------------------------------------- batches


class BatchService:
    """A service with a list API: one call is one request, whatever it carries.

    Answers ``"<name> text"``, and a BadResponse in place of the answer for a text
    in ``bad``. ``on_request`` runs with the request's number (1-based) first.
    """

    def __init__(self, name: str, *, bad: Sequence[str] = (), on_request: Callable[[int], None] | None = None) -> None:
        self.name = name
        self.bad = set(bad)
        self.on_request = on_request
        self.lock = threading.Lock()
        self.requests: list[tuple[str, ...]] = []

    def client(self) -> BatchService:
        return self

    max_chars = 4500
    max_texts = 1000
    max_request_chars = 100_000
    local = True

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str | BadResponse]:
        with self.lock:
            self.requests.append(tuple(texts))
            number = len(self.requests)
        if self.on_request is not None:
            self.on_request(number)
        return [BadResponse("echoed", provider=self.name) if text in self.bad else f"<{self.name}> {text}" for text in texts]


def batch_spec(service: BatchService, max_texts: int, **options: object) -> ProviderSpec:
    options.setdefault("rate", None)
    return ProviderSpec(service.name, factory=service.client, max_texts=max_texts, **options)  # type: ignore[arg-type]


def test_120_texts_at_a_limit_of_50_are_three_requests() -> None:
    service = BatchService("deepl")
    summary, results = run(numbered(120), [batch_spec(service, 50)])

    assert [len(request) for request in service.requests] == [50, 50, 20]
    assert summary.requests == 3 and summary.complete
    assert all(outcome.translation == f"<deepl> {job.text}" for job, outcome in zip(numbered(120), results.outcomes.values(), strict=True))


def test_a_request_carries_one_language_pair_within_the_character_limit() -> None:
    service = BatchService("deepl")
    english = [Job(f"en{n}", text, "en", "ko") for n, text in enumerate(("hello", "world"))]
    jobs = jobs_for(*(f"문장 {n:02d}" for n in range(6))) + english
    summary, _ = run(jobs, [batch_spec(service, 50, max_request_chars=12)])

    # Each Korean text has five characters: two fit under twelve, three do not.
    assert service.requests == [
        ("문장 00", "문장 01"), ("문장 02", "문장 03"), ("문장 04", "문장 05"), ("hello", "world"),
    ]
    assert summary.requests == 4


def test_one_bad_answer_in_a_batch_fails_only_that_text() -> None:
    deepl = BatchService("deepl", bad=["문장 3"])
    google = BatchService("google")
    jobs = numbered(10)
    summary, results = run(jobs, [batch_spec(deepl, 50), batch_spec(google, 50)])

    assert deepl.requests == [tuple(job.text for job in jobs)]
    assert google.requests == [("문장 3",)], "only the bad text moves on, alone"
    assert {key: outcome.provider for key, outcome in results.outcomes.items()} == {
        job.key: "google" if job.text == "문장 3" else "deepl" for job in jobs
    }
    deepl_stats = summary.providers[0]
    assert (deepl_stats.answered, deepl_stats.errors) == (9, {"bad-answer": 1})

    # Without a provider to move on to, the text fails with the reason; the rest are drafted.
    summary, results = run(jobs, [batch_spec(BatchService("deepl", bad=["문장 3"]), 50)])
    assert (summary.translated, summary.failed) == (9, 1)
    assert summary.failures == {"deepl: echoed": 1}


def test_a_batch_that_is_all_bad_counts_as_a_failed_request() -> None:
    texts = [f"문장 {n}" for n in range(4)]
    summary, _ = run(jobs_for(*texts), [batch_spec(BatchService("deepl", bad=texts), 2)])

    assert summary.failed == 4
    assert summary.providers[0].errors == {"bad-response": 2}


def test_a_run_stopped_after_two_batches_resends_only_the_unfinished_ones(tmp_path: Path) -> None:
    clock = FakeClock()
    path = tmp_path / "mt.sqlite3"
    jobs = numbered(100)
    cancel = threading.Event()

    def stop_after_two(number: int) -> None:
        if number == 2:
            cancel.set()  # the run is killed while its second request is in flight

    service = BatchService("deepl", on_request=stop_after_two)

    def keep(cache: MachineCache) -> Callable[[Sequence[tuple[Job, Outcome]]], None]:
        def on_batch(results: Sequence[tuple[Job, Outcome]]) -> None:
            cache.put_many([("deepl", j.source, j.target, j.text, o.translation or "") for j, o in results], now=clock.time())

        return on_batch

    def missing(cache: MachineCache) -> list[Job]:
        return [job for job in jobs if cache.get_any(["deepl"], job.source, job.target, job.text) is None]

    chain = [batch_spec(service, 20, concurrency=1)]
    with MachineCache(path) as cache:
        summary = run_jobs(jobs, chain, on_batch=keep(cache), clock=clock, cancel=cancel)
        assert summary.stopped and (summary.translated, summary.not_done) == (40, 60)
        assert cache.stats().entries == 40, "each answered batch was stored whole"

    with MachineCache(path) as cache:
        rest = missing(cache)
        summary = run_jobs(rest, chain, on_batch=keep(cache), clock=clock)
    assert summary.complete and summary.requests == 3
    assert len(service.requests) == 5, "two batches before the stop, three after: none paid twice"
    sent = [text for request in service.requests for text in request]
    assert sorted(sent) == sorted(job.text for job in jobs)


def test_on_result_or_on_batch_but_not_both() -> None:
    with pytest.raises(ValueError, match="either on_result or on_batch"):
        run_jobs(numbered(1), [batch_spec(BatchService("deepl"), 5)], clock=FakeClock())


def test_requests_that_finish_while_on_batch_is_busy_are_handed_over_together(monkeypatch: pytest.MonkeyPatch) -> None:
    """The caller commits each call (fsync): three answers arriving during one commit
    take one more commit, not three in a row while every worker waits."""
    runs: list[runner._Run] = []
    real_init = runner._Run.__init__

    def init(self: runner._Run, *args: object, **kwargs: object) -> None:
        real_init(self, *args, **kwargs)  # type: ignore[arg-type]
        runs.append(self)

    monkeypatch.setattr(runner._Run, "__init__", init)
    committing = threading.Event()

    def later_requests_wait(number: int) -> None:
        if number > 1:
            assert committing.wait(30)

    service = BatchService("deepl", on_request=later_requests_wait)
    calls: list[list[str]] = []

    def on_batch(results: Sequence[tuple[Job, Outcome]]) -> None:
        calls.append([job.text for job, _ in results])
        if len(calls) == 1:  # the first commit lasts until the other two answers wait for it
            committing.set()
            deadline = time.monotonic() + 30
            while len(runs[0]._arrived) < 2:
                assert time.monotonic() < deadline, "the other requests never arrived"
                time.sleep(0.001)

    jobs = jobs_for(*(f"기사 {n}" for n in range(6)))
    summary = run_jobs(jobs, [batch_spec(service, 2, concurrency=3)], on_batch=on_batch, clock=FakeClock())

    assert summary.translated == 6 and len(service.requests) == 3
    assert [len(call) for call in calls] == [2, 4]
    assert sorted(calls[1]) == sorted(text for request in service.requests[1:] for text in request)
