"""The translate use case: fill empty catalog entries with machine drafts.

Order of economy, cheapest first: the translation memory (what people already
translated anywhere in the project), then the machine cache (what any provider of
the chain already answered for exactly this text), and only then a request. Every
answer is committed to the cache the moment it arrives, so a run that dies pays
again for at most the requests in flight; catalogs are saved atomically at the end,
and also when the run is interrupted.

A draft is written fuzzy (every PO editor shows it as needing work, msgfmt leaves
it out) with a ``# l10n: machine <provider> <date> h:<hash>`` mark, and the exact
machine output goes to the catalog's history log for review to compare against.

It writes only catalogs, their history logs and the machine cache, never
articles or built outputs, and never prints (progress goes through a callback).
It imports no other use case. API keys come from the environment only, never
from a file in the repository, and never appear in an error.
"""

from __future__ import annotations

import os
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any, cast

from l10n.app import saving, verdicts
from l10n.app.config import Config, section, where
from l10n.app.workspace import Progress, cache_file, catalog_display, catalog_path, find_articles, no_progress, project_glossary
from l10n.errors import L10nError
from l10n.model import State
from l10n.mt import LIST_PRICES, PROVIDER_NAMES, create
from l10n.mt.base import BadResponse, ConfigurationError, Provider, ProviderSettings
from l10n.mt.cache import MachineCache
from l10n.mt.chunks import Chunks, split_for_limit
from l10n.mt.clock import Clock, SystemClock
from l10n.mt.runner import Interrupted, Job, Outcome, ProviderSpec, RunSummary, plan_batches, run_jobs
from l10n.po import catalog, history
from l10n.po.states import content_hash, rejected_by_reviewer, rejected_hashes
from l10n.qa.glossary import Glossary
from l10n.qa.protect import TOKEN, Protected, UnusableAnswer, protect, validate
from l10n.text import locales
from l10n.text.language import translated_from

TOOL = history.TOOL

# Options a provider table may hold. API keys are not among them: they come only
# from L10N_<PROVIDER>_API_KEY (or _API_KEY_FILE), never from a file in the repo.
PROVIDER_OPTIONS: dict[str, type] = {
    "url": str,
    "model": str,
    "region": str,
    "key_id": str,
    "appid": str,
    "email": str,
    "honorific": bool,
    "temperature": float,
    "max_chars": int,
    "max_texts": int,
    "max_request_chars": int,
    "timeout": float,
    "concurrency": int,
    "rate": float,
    "max_retries": int,
    "price": float,
    "currency": str,
}



# Requests per second to a public service when its table sets no rate. A local
# one (pseudo, a server on a loopback or private address) is not paced.
DEFAULT_RATE = 10.0


@dataclass(frozen=True)
class ProviderSetup:
    """A provider of the chain, configured, with its adapter's limits."""

    name: str
    settings: ProviderSettings = field(repr=False)
    concurrency: int
    rate: float | None  # requests per second; None: no pacing
    max_retries: int
    price: float
    currency: str
    max_chars: int = 4500  # per text
    max_texts: int = 1  # texts per request
    max_request_chars: int = 4500  # characters per request
    local: bool = False


def provider_chain(
    config: Config, names: Sequence[str] | None = None, environ: dict[str, str] | None = None
) -> list[ProviderSetup]:
    """The configured fallback chain (or ``names``), each with its options and key."""
    environ = dict(os.environ) if environ is None else environ
    chain = []
    # A bad name is blamed on where it was written: the flag, L10N_PROVIDERS, the file.
    path, line = ("--provider", None) if names else where(config, "providers")
    for raw in names or config.providers:
        name = raw.strip().lower()
        if name not in PROVIDER_NAMES:
            try:
                create(ProviderSettings(name=name))
            except ConfigurationError as error:
                raise L10nError(error.message, path=path, line=line, hint="set providers = [\"google\"] or pass --provider") from None
        options = section(config, name, PROVIDER_OPTIONS, environ)
        secret = _secret(name, environ)
        price, currency = LIST_PRICES.get(name, (0.0, "USD"))
        _check_pace(name, options)
        settings = ProviderSettings(
            name=name,
            options={k: str(v) for k, v in options.items()},
            secret=secret,
            timeout=float(options.get("timeout", 30.0)),
        )
        adapter = _adapter(name, settings)
        chain.append(
            ProviderSetup(
                name=name,
                settings=settings,
                concurrency=int(options.get("concurrency", 4)),
                rate=float(options["rate"]) if "rate" in options else None if adapter.local else DEFAULT_RATE,
                max_retries=int(options.get("max_retries", 4)),
                price=float(options.get("price", price)),
                currency=str(options.get("currency", currency)),
                max_chars=adapter.max_chars,
                max_texts=adapter.max_texts,
                max_request_chars=adapter.max_request_chars,
                local=adapter.local,
            )
        )
    if not chain:
        raise L10nError("no machine translation provider configured", path=path, line=line, hint='providers = ["google"]')
    return chain


def _check_pace(name: str, options: dict[str, Any]) -> None:
    """Refuse a pace the runner cannot keep, as a user error rather than a traceback."""
    for key, lowest, inclusive in (("concurrency", 1, True), ("rate", 0, False), ("max_retries", 0, True)):
        if key in options and (options[key] < lowest if inclusive else options[key] <= lowest):
            bound = f"at least {lowest}" if inclusive else f"more than {lowest}"
            raise L10nError(
                f"[{name}] {key} must be {bound}, not {options[key]}",
                hint=f"fix {key} in the [{name}] table of l10n.toml or L10N_{name.upper()}_{key.upper()}",
            )


def _secret(name: str, environ: dict[str, str]) -> str | None:
    variable = f"L10N_{name.upper()}_API_KEY"
    if environ.get(variable):
        return _one_line_key(environ[variable], variable)
    file_variable = variable + "_FILE"
    if environ.get(file_variable):
        path = Path(environ[file_variable])
        try:
            text = path.read_bytes().decode("utf-8")
        except OSError as error:
            # The path is not secret; its content would be.
            raise L10nError(f"{file_variable}: cannot read {path}: {error.strerror}") from None
        except UnicodeDecodeError:
            raise L10nError(
                f"{file_variable}: {path} is not UTF-8 text",
                hint="the file should hold the API key alone, on one line",
            ) from None
        return _one_line_key(text, f"{file_variable} ({path})")
    return None


def _one_line_key(value: str, source: str) -> str:
    """The key without surrounding white space, refused (never echoed) if it is not one token.

    A line break or control character inside a key ends up in an HTTP header, where
    the HTTP library's error message quotes the header, key and all.
    """
    key = value.strip()
    if not key or any(char.isspace() or not char.isprintable() for char in key):
        raise L10nError(
            f"{source}: the API key holds white space, a line break or a control character",
            hint="an API key is one line of printable characters; check for a pasted second line",
        )
    return key


# --------------------------------------------------------------------------- work


@dataclass
class _Entry:
    """An entry that needs a draft, and what it takes to get one."""

    catalog: int  # index into the run's catalogs
    state: State  # what it was when planned; a draft only replaces that
    seen: str  # its msgstr when planned: a person's edit since is kept
    msgctxt: str | None
    msgid: str
    source: str  # language of the msgid ("ko", "en")
    target: str  # base language of the catalog
    protected: Protected | None = None
    chunks: Chunks | None = None
    answers: dict[int, tuple[str, str]] = field(default_factory=dict)  # chunk -> (text, provider)
    failure: str | None = None
    rejected: frozenset[str] = frozenset()  # content_hash of each text a reviewer rejected

    def was_rejected(self, text: str) -> bool:
        # Most entries carry no rejection: no hash to compare theirs with.
        return bool(self.rejected) and content_hash(self.msgctxt, self.msgid, text) in self.rejected

    @property
    def done(self) -> bool:
        """Every chunk answered and nothing failed."""
        return self.chunks is not None and len(self.answers) == len(self.chunks.parts) and not self.failure


@dataclass(frozen=True)
class TranslateReport:
    """What translate did (or, dry run, would do)."""

    entries: int  # entries that needed a draft
    from_memory: int
    from_cache: int
    translated: int  # new drafts from a provider
    failed: int
    left: int  # still empty after the run (failed, limited, interrupted)
    requests: int
    characters: int  # characters sent to providers
    distinct_characters: int  # characters of the distinct texts that needed a request
    catalogs_written: int
    failures: tuple[tuple[str, str, str], ...] = ()  # (catalog, msgid, reason)
    kept: tuple[tuple[str, str], ...] = ()  # (catalog, msgid): changed by a person while the run worked
    given_up: tuple[str, ...] = ()
    # Given up without a single answer, on connection failures and timeouts only:
    # the machine is offline or the service's url is wrong.
    unreachable: tuple[str, ...] = ()
    interrupted: bool = False
    dry_run: bool = False
    estimate: tuple[tuple[str, str, int, int, float, str], ...] = ()  # provider, lang, entries, chars, cost, currency
    chain: tuple[ProviderSetup, ...] = ()  # the providers with their limits and pace (dry run)
    summary: RunSummary | None = field(default=None, repr=False, compare=False)


def translate(
    config: Config,
    *,
    only: Sequence[str] = (),
    langs: Sequence[str] = (),
    providers: Sequence[str] | None = None,
    dry_run: bool = False,
    limit: int | None = None,
    include_fuzzy: bool = False,
    progress: Progress = no_progress,
    clock: Clock | None = None,
    environ: dict[str, str] | None = None,
    on_interrupt: Callable[[], None] | None = None,
) -> TranslateReport:
    """Give every untranslated entry (and, with ``include_fuzzy``, every fuzzy one) a draft.

    A text a reviewer rejected is never drafted again, from the memory, the cache or
    a provider; and an entry whose current text a reviewer rejected is left for a
    person (a review decision or an edit), even with ``include_fuzzy``.

    On Ctrl-C no more requests go out (``on_interrupt`` hears of it at once), the
    answers in flight are taken, and every draft so far is saved.
    """
    clock = clock or SystemClock()
    chain = provider_chain(config, providers, environ)
    targets = [locales.normalise(lang) for lang in langs] or list(config.languages)
    glossary = project_glossary(config)
    articles = find_articles(config, only)

    catalogs, memory, candidates, seen = _plan(config, articles, targets, only=only, include_fuzzy=include_fuzzy)
    today = datetime.fromtimestamp(clock.time(), UTC)
    drafts, wanted, from_memory = _from_memory(candidates, memory, limit)
    del candidates, memory

    limit_chars = min(setup.max_chars for setup in chain)
    names = [setup.name for setup in chain]
    mt_cache = cache_file(config, "mt.sqlite3")
    if dry_run:
        # A dry run writes nothing, so it does not create the cache to look in it.
        with MachineCache(mt_cache) if mt_cache.exists() else _NoCache() as cache:
            _prepare(wanted, glossary, limit_chars)
            jobs, from_cache = _jobs(wanted, _waiting(wanted), cache, names)
            distinct = sum(len(job.text) for job in jobs.values())
            return _estimate(chain, wanted, jobs, from_memory, from_cache, distinct)

    with MachineCache(mt_cache) as cache:
        run_batch = partial(
            _run_batch, cache=cache, names=names, glossary=glossary, limit_chars=limit_chars, clock=clock,
            progress=progress, on_interrupt=on_interrupt,
        )
        run = _Batches(config, chain, run_batch)
        run.draft(wanted, catalogs, drafts, today, seen)
    return run.report(wanted, from_memory)


def _plan(
    config: Config, articles: Sequence[Any], targets: Sequence[str], *, only: Sequence[str], include_fuzzy: bool
) -> tuple[
    list[tuple[str, Path]],
    dict[tuple[str, str, str], str],
    list[tuple[int, str, State, str, str | None, str, frozenset[str]]],
    dict[int, saving.Seen],
]:
    """The catalogs to draft in, the translation memory, the entries that want a
    draft, and some of those catalogs as read."""
    # Catalogs are read to plan and again to save (a person may have saved one
    # meanwhile). The first MAX_BATCH entries' worth of those with work are kept
    # as read, so an unchanged file is not parsed twice; no more are held in
    # memory while the providers work, so a run's memory does not grow with the project.
    catalogs: list[tuple[str, Path]] = []
    memory: dict[tuple[str, str, str], str] = {}
    # catalog, target, state, msgstr, msgctxt, msgid, rejected hashes
    candidates: list[tuple[int, str, State, str, str | None, str, frozenset[str]]] = []
    seen: dict[int, saving.Seen] = {}  # catalog -> as read, for saving
    kept = 0
    for display, path, po, data in _read_catalogs(config, articles, targets):
        number = len(catalogs)
        catalogs.append((display, path))
        before = len(candidates)
        target = _target(po)
        _remember(po, target, memory)
        for entry in po.live():
            state = entry.state
            rejected = rejected_hashes(entry.tcomment)
            # A reviewer's rejection is cleared by a person only (a decision, an edit).
            by_reviewer = rejected_by_reviewer(entry.msgctxt, entry.msgid, entry.msgstr, entry.tcomment)
            if state is State.UNTRANSLATED or (
                include_fuzzy and (state is State.STALE or (state is State.REJECTED and not by_reviewer))
            ):
                candidates.append((number, target, state, entry.msgstr, entry.msgctxt, entry.msgid, rejected))
        if len(candidates) > before and kept + len(po) <= MAX_BATCH:
            # Saving it needs it again: kept, it is not parsed twice while the
            # file is unchanged. Only so many entries are kept, whatever the project's size.
            seen[number] = saving.Seen(data, po)
            kept += len(po)
    if only:
        # The memory is the whole project's, even when only some articles are drafted.
        for _, _, po, _ in _read_catalogs(config, find_articles(config), targets):
            _remember(po, _target(po), memory)
    return catalogs, memory, candidates, seen


def _from_memory(
    candidates: Sequence[tuple[int, str, State, str, str | None, str, frozenset[str]]],
    memory: Mapping[tuple[str, str, str], str],
    limit: int | None,
) -> tuple[dict[int, list[_Draft]], list[_Entry], int]:
    """Drafts the memory answers, the entries left for the machine, and how many the memory answered."""
    drafts: dict[int, list[_Draft]] = defaultdict(list)
    wanted: list[_Entry] = []
    from_memory = 0
    for number, target, state, seen, msgctxt, msgid, rejected in candidates:
        if limit is not None and len(wanted) + from_memory >= limit:
            break
        source = translated_from(msgid, target)
        item = _Entry(number, state, seen, msgctxt, msgid, source, target, rejected=rejected)
        remembered = memory.get((source, target, msgid))
        if remembered is not None and not item.was_rejected(remembered):
            from_memory += 1
            drafts[number].append(_Draft(msgctxt, msgid, state, seen, remembered, "memory", None))
            continue
        wanted.append(item)
    return drafts, wanted, from_memory


class _Batches:
    """A run's drafting, batch by batch, and what it adds up to."""

    def __init__(self, config: Config, chain: Sequence[ProviderSetup], run_batch: Callable[..., RunSummary]) -> None:
        self.config = config  # where the catalogs' locks are
        self.chain = chain
        self.run_batch = run_batch  # _run_batch with the run's cache, glossary, clock and progress
        self.totals: Counter[str] = Counter()
        self.requested: set[int] = set()  # hashes of the texts this run sent
        self.failures: list[tuple[str, str, str]] = []
        self.given_up: set[str] = set()
        self.unreachable: set[str] = set()
        self.summary: RunSummary | None = None
        self.carried: list[verdicts.Saved] = []  # the batch's catalogs written, whose verdicts are kept after it
        self.interrupted = False
        self.written: set[int] = set()
        self.kept: list[tuple[str, str]] = []  # (catalog, msgid) a person changed meanwhile

    def draft(
        self,
        wanted: Sequence[_Entry],
        catalogs: Sequence[tuple[str, Path]],
        drafts: dict[int, list[_Draft]],
        today: datetime,
        seen: dict[int, saving.Seen],
    ) -> None:
        """Draft ``wanted`` and save the drafts (``drafts`` holds the memory's already).

        ``seen`` holds some catalogs as planning read them; saving takes them out.
        """
        chain, totals, given_up = self.chain, self.totals, self.given_up
        totals["planned"] = len(wanted)
        # Entries go in batches, each saved before the next starts: the texts,
        # placeholders and answers of one batch are all a run holds, whatever its
        # size. A repeated text in a later batch is a cache hit, so nothing is paid
        # twice; a provider given up stays given up.
        size = entries_per_batch(chain[0])
        for start in range(0, max(len(wanted), 1), size):
            batch = wanted[start : start + size]
            live = [setup for setup in chain if setup.name not in given_up]
            saver = _Saver(self.config, catalogs, drafts, today, batch, seen, self.carried)
            try:
                if batch and live:
                    self.summary = self.run_batch(
                        batch, live, totals=totals, requested=self.requested, finished=saver.finished, checked=saver.checked
                    )
                    given_up.update(self.summary.given_up)
                    self.unreachable.update(
                        stats.name
                        for stats in self.summary.providers
                        if stats.given_up and not stats.answered and set(stats.errors) == {"transient"}
                    )
            except Interrupted as stop:
                self.summary = stop.summary
                self.interrupted = True
            finally:
                # The catalogs finished during the batch are saved (or being saved);
                # the rest (interrupted, limited, memory drafts only) are saved here.
                saver.close()
                saver.save_rest()
                # The verdicts of the batch's catalogs, once it is all saved: judging
                # is no work for the time the providers take, and a run holds no more
                # than a batch's catalogs for it.
                verdicts.carry_forward(self.config, self.carried)
                self.carried.clear()
                totals["translated"] += saver.translated
                totals["left"] += sum(1 for item in batch if not item.done)
                for number in sorted(saver.results):
                    failures, kept_entries = saver.results[number]
                    self.failures.extend(failures)
                    self.kept.extend(kept_entries)
                self.written.update(saver.written)
                drafts.clear()
                for item in batch:  # saved: keep only what the report needs
                    item.protected, item.chunks, item.answers = None, None, {}
            if self.interrupted:
                totals["left"] += len(wanted) - start - len(batch)
                break

    def report(self, wanted: Sequence[_Entry], from_memory: int) -> TranslateReport:
        totals = self.totals
        return TranslateReport(
            entries=len(wanted) + from_memory,
            from_memory=from_memory,
            from_cache=totals["from_cache"],
            translated=totals["translated"] - totals["from_cache"],
            failed=len(self.failures),
            left=totals["left"],
            requests=totals["requests"],
            characters=totals["characters"],
            distinct_characters=totals["distinct"],
            catalogs_written=len(self.written),
            failures=tuple(self.failures),
            kept=tuple(self.kept),
            given_up=tuple(sorted(self.given_up)),
            unreachable=tuple(sorted(self.unreachable)),
            interrupted=self.interrupted,
            summary=self.summary,
        )


class _Saver:
    """Saves each catalog of a batch once the batch's entries of it are finished.

    Saving is file work (read, format, write, fsync) that need not wait for the
    other requests of the batch: done on a few threads beside them, the run ends
    soon after its last answer instead of a save of every catalog later, and the
    fsyncs of several catalogs share the file system's journal commits. Each
    catalog is still saved on its own, under its lock, re-read just before it is
    replaced (``_save``), exactly as it would be at the end of the batch.

    ``finished`` is called once per entry that is done or failed (from the
    runner's callback, one call at a time, or before the requests for entries
    the cache served); the main thread calls ``close`` and then ``save_rest``
    once the runner has returned, when no callback can come any more.
    """

    THREADS = 4

    def __init__(
        self,
        config: Config,
        catalogs: Sequence[tuple[str, Path]],
        drafts: dict[int, list[_Draft]],
        today: datetime,
        batch: Sequence[_Entry],
        seen: dict[int, saving.Seen],
        carried: list[verdicts.Saved],
    ) -> None:
        self.config = config
        self.seen_catalogs = seen
        self.carried = carried  # the catalogs written, for their verdicts (list.append is atomic)
        self.catalogs = catalogs
        self.drafts = drafts  # the memory's drafts; a catalog handed over takes its own
        self.today = today
        self.items: dict[int, list[_Entry]] = defaultdict(list)
        for item in batch:
            self.items[item.catalog].append(item)
        self.remaining = Counter(item.catalog for item in batch)
        self.seen: set[int] = set()  # id() of the entries already counted as finished
        self.handed: set[int] = set()  # catalogs handed to the threads
        self.futures: list[Future[None]] = []
        self.pool: ThreadPoolExecutor | None = None
        self.lock = threading.Lock()  # guards what the saves add up below
        self.translated = 0
        self.written: set[int] = set()
        self.results: dict[int, tuple[list[tuple[str, str, str]], list[tuple[str, str]]]] = {}
        self.checked = _Checked()  # the batch's answers as checked on arrival

    def finished(self, item: _Entry) -> None:
        if id(item) in self.seen:
            return
        self.seen.add(id(item))
        self.remaining[item.catalog] -= 1
        if self.remaining[item.catalog] == 0:
            number = item.catalog
            self.handed.add(number)
            todo = {number: self.drafts.pop(number, [])}
            if self.pool is None:
                self.pool = ThreadPoolExecutor(self.THREADS, thread_name_prefix="l10n-save")
            self.futures.append(self.pool.submit(self._save, self.items[number], todo))

    def _save(self, items: Sequence[_Entry], todo: dict[int, list[_Draft]]) -> None:
        translated, failures = _finish(self.catalogs, items, todo, self.checked)
        written, kept = _save(self.config, self.catalogs, todo, self.today, self.seen_catalogs, self.carried)
        with self.lock:
            self.translated += translated
            self.written.update(written)
            for number in todo:
                self.results[number] = (
                    [f for f in failures if f[0] == self.catalogs[number][0]],
                    [k for k in kept if k[0] == self.catalogs[number][0]],
                )

    def close(self) -> None:
        """Wait for the saves handed over; raise the first one's error."""
        if self.pool is not None:
            self.pool.shutdown(wait=True)
        for future in self.futures:
            future.result()

    def save_rest(self) -> None:
        """Save what was not handed over, with the memory's drafts of other catalogs."""
        rest = [item for number, items in self.items.items() if number not in self.handed for item in items]
        todo = {number: self.drafts.pop(number) for number in list(self.drafts)}
        self._save(rest, todo | {item.catalog: todo.get(item.catalog, []) for item in rest})


BATCH = 500  # entries drafted and saved together, at least...
MAX_BATCH = 4000  # ...and at most (what a run holds in memory at once)
# Requests each worker of the first provider gets per batch of entries. The
# requests of one batch overlap, but saving a batch stalls the providers, so a
# batch should keep every worker busy for several rounds: with batches of 500
# entries, 2,000 texts at 50 per request and 8 workers took 8 rounds, not 5.
ROUNDS = 5


def entries_per_batch(first: ProviderSetup) -> int:
    """How many entries to draft between two saves, for the chain's first provider."""
    return min(MAX_BATCH, max(BATCH, first.concurrency * first.max_texts * ROUNDS))


def _prepare(items: Sequence[_Entry], glossary: Glossary, limit_chars: int) -> None:
    """Protect each entry's text and cut it to the providers' size limit."""
    keep = glossary.keep_terms
    for item in items:
        forced = glossary.forced_for(item.msgid, item.source, item.target)
        item.protected = protect(item.msgid, keep_terms=keep, forced=forced)
        item.chunks = split_for_limit(item.protected.text, limit_chars)


def _jobs(
    items: Sequence[_Entry],
    waiting: Mapping[tuple[str, str, str], list[tuple[_Entry, int]]],
    cache: Any,
    names: Sequence[str],
    requested: set[int] | None = None,
) -> tuple[dict[tuple[str, str, str], Job], int]:
    """One job per distinct (languages, text) the cache cannot answer.

    ``waiting`` is ``_waiting(items)``, made once by the caller, who needs it again
    to hand the providers' answers out.

    Also returns how many entries the cache served whole with answers from before
    the run: a text this run already paid for in an earlier batch (its key's hash is
    in ``requested``) is the run's own translation, not one from the cache.
    """
    jobs: dict[tuple[str, str, str], Job] = {}
    fresh: set[int] = set()  # id() of entries served with an answer from this run
    for key, waiters in waiting.items():
        # An entry with a rejected text asks a provider afresh: the cached answer
        # may be the very text a reviewer rejected.
        hit = None if any(waiter.rejected for waiter, _ in waiters) else cache.get_any(names, *key)
        if hit is None:
            jobs[key] = Job(key, key[2], key[0], key[1])
            continue
        for waiter, chunk in waiters:
            waiter.answers[chunk] = (hit.translation, hit.provider)
            if requested is not None and hash(key) in requested:
                fresh.add(id(waiter))
    if requested is not None:
        requested.update(hash(key) for key in jobs)
    return jobs, sum(1 for item in items if item.done and id(item) not in fresh)


def _waiting(items: Sequence[_Entry]) -> dict[tuple[str, str, str], list[tuple[_Entry, int]]]:
    """Which entries (and which of their chunks) wait for each distinct text."""
    waiting: dict[tuple[str, str, str], list[tuple[_Entry, int]]] = defaultdict(list)
    for item in items:
        assert item.chunks is not None
        for number, part in enumerate(item.chunks.parts):
            waiting[(item.source, item.target, part)].append((item, number))
    return waiting


def _run_batch(
    batch: Sequence[_Entry],
    chain: Sequence[ProviderSetup],
    cache: MachineCache,
    names: Sequence[str],
    glossary: Glossary,
    limit_chars: int,
    clock: Clock,
    progress: Progress,
    totals: Counter[str],
    requested: set[int],
    finished: Callable[[_Entry], None],
    checked: _Checked,
    on_interrupt: Callable[[], None] | None = None,
) -> RunSummary:
    """Draft one batch: cache first, then the providers, every answer cached at once.

    ``finished`` hears of each entry once it is done or failed, to save its catalog.
    """
    _prepare(batch, glossary, limit_chars)
    waiting = _waiting(batch)
    jobs, from_cache = _jobs(batch, waiting, cache, names, requested)
    checked.expect({key: waiting[key] for key in jobs})
    for item in batch:
        if item.done:
            finished(item)
    totals["from_cache"] += from_cache
    totals["distinct"] += sum(len(job.text) for job in jobs.values())

    # No lock of our own: the runner makes these calls one at a time, and none
    # after run_jobs has returned or raised (see runner.py). A request's answers
    # are committed together, before its worker sends anything else.
    def on_batch(results: Sequence[tuple[Job, Outcome]]) -> None:
        now = clock.time()
        cache.put_many(
            [(outcome.provider, job.source, job.target, job.text, outcome.translation or "") for job, outcome in results if outcome.ok],
            now=now,
        )
        for job, outcome in results:
            if not outcome.ok:
                cache.record_failure(outcome.provider, job.source, job.target, job.text, outcome.reason, now=now)
            # The runner hands back the key it was given: one of ``waiting``'s.
            for waiter, chunk in waiting[cast(tuple[str, str, str], job.key)]:
                if outcome.ok:
                    waiter.answers[chunk] = (outcome.translation or "", outcome.provider)
                else:
                    waiter.failure = outcome.reason
                if waiter.failure or waiter.done:
                    totals["finished"] += 1
                    finished(waiter)
        progress(totals["finished"] + totals["from_cache"], totals["planned"], "")

    try:
        summary = run_jobs(
            list(jobs.values()), [_spec(setup, checked) for setup in chain], on_batch=on_batch, clock=clock, on_interrupt=on_interrupt
        )
    except Interrupted as stop:
        _add_counts(totals, stop.summary)
        raise
    _add_counts(totals, summary)
    return summary


def _add_counts(totals: Counter[str], summary: RunSummary) -> None:
    totals["requests"] += summary.requests
    totals["characters"] += summary.characters


def _read_catalogs(
    config: Config, articles: Sequence[Any], targets: Sequence[str]
) -> Iterator[tuple[str, Path, catalog.Catalog, bytes]]:
    """(display, path, catalog, its bytes) of each existing catalog of ``articles`` in ``targets``."""
    for article in articles:
        for lang in targets:
            display = catalog_display(config, article, lang)
            path = catalog_path(config, article, lang)
            if path.exists():
                data = catalog.read_bytes(path, display)
                yield display, path, catalog.parse_catalog(data, display), data


def _target(po: catalog.Catalog) -> str:
    return locales.base_language(po.metadata.get("Language", "") or "en")


class _NoCache:
    """No cache file yet, and a dry run may not create one: nothing is cached."""

    def __enter__(self) -> _NoCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        pass

    def get_any(self, providers: Sequence[str], source: str, target: str, text: str) -> None:
        return None


def _remember(po: catalog.Catalog, target: str, memory: dict[tuple[str, str, str], str]) -> None:
    """Add translations people made or approved: (source lang, target lang, msgid) -> msgstr."""
    for entry in po.live():
        if entry.state in (State.TRANSLATED, State.REVIEWED):
            source = translated_from(entry.msgid, target)
            memory.setdefault((source, target, entry.msgid), entry.msgstr)


def _adapter(name: str, settings: ProviderSettings) -> Provider:
    """The provider's adapter, made once to read its limits (it sends nothing)."""
    try:
        return create(settings)
    except ConfigurationError as error:
        raise L10nError(str(error), hint=_hint_for(name)) from None


def _hint_for(name: str) -> str:
    return f"configure [{name}] in l10n.toml or L10N_{name.upper()}_* variables (API key: L10N_{name.upper()}_API_KEY)"


class _Checked:
    """Each answer checked once, against the entries that wait for it.

    An entry sent whole (one chunk) is checked as its draft, against its own
    msgid and placeholders, the moment the answer arrives: a bad answer then goes
    to the next provider of the chain, and the draft that ``_finish`` writes is
    the one found here, not checked a second time. A chunk of a longer entry is
    checked on its own here, and the joined answer once more by ``_finish``.
    Worker threads write, ``_finish`` reads once the answer is delivered.
    """

    def __init__(self) -> None:
        # (source, target, text sent) -> the entries sent whole for it, one per msgid
        self._whole: dict[tuple[str, str, str], list[_Entry]] = {}
        self._chunked: set[tuple[str, str, str]] = set()  # texts that are some entry's chunk
        # (source, target, msgid, answer) -> the draft: what validate() returned
        self._drafts: dict[tuple[str, str, str, str], str] = {}

    def expect(self, waiting: Mapping[tuple[str, str, str], list[tuple[_Entry, int]]]) -> None:
        """Learn which entries wait for each text about to be sent (``_waiting``)."""
        for key, waiters in waiting.items():
            msgids: dict[str, _Entry] = {}
            for item, _ in waiters:
                assert item.chunks is not None
                if len(item.chunks.parts) == 1:
                    msgids.setdefault(item.msgid, item)
                else:
                    self._chunked.add(key)
            if msgids:
                self._whole[key] = list(msgids.values())

    def check(self, text: str, answer: str, source: str, target: str) -> str | BadResponse:
        """``answer`` if it makes a usable draft of every entry that waits for it."""
        key = (source, target, text)
        try:
            for item in self._whole.get(key, ()):
                assert item.protected is not None and item.chunks is not None
                joined = item.chunks.join([answer])
                draft = validate(item.msgid, item.protected, joined, source_lang=source, target_lang=target)
                self._drafts[(source, target, item.msgid, joined)] = draft
            if key in self._chunked or key not in self._whole:
                tokens = {m.group(): m.group() for m in TOKEN.finditer(text)}
                return validate(text, Protected(text, tokens), answer, source_lang=source, target_lang=target)
        except UnusableAnswer as unusable:
            return BadResponse(unusable.message)
        return answer

    def draft(self, item: _Entry, joined: str) -> str | None:
        """The draft ``check`` made of ``joined`` for ``item``, if it did."""
        return self._drafts.get((item.source, item.target, item.msgid, joined))


class _ValidatingProvider:
    """A provider whose answers are checked before anyone sees them.

    A lost placeholder, an echo, the wrong script or a runaway answer becomes
    BadResponse, which sends the text on to the next provider of the chain
    instead of into a catalog or the cache.
    """

    def __init__(self, inner: Provider, checked: _Checked | None) -> None:
        self.name = inner.name
        self.max_chars = inner.max_chars
        self.max_texts = inner.max_texts
        self.max_request_chars = inner.max_request_chars
        self.local = inner.local
        self._inner = inner
        self._checked = checked  # None: pseudo-translation, only placeholders are checked

    def translate(self, texts: Sequence[str], source: str, target: str) -> list[str | BadResponse]:
        """Each answer checked on its own: a bad one fails its text, not the batch."""
        answers = self._inner.translate(texts, source, target)
        if len(answers) != len(texts):
            raise BadResponse(f"answered {len(answers)} translations for {len(texts)} texts", provider=self.name)
        return [self._check(text, answer, source, target) for text, answer in zip(texts, answers, strict=True)]

    def _check(self, text: str, answer: str | BadResponse, source: str, target: str) -> str | BadResponse:
        if not isinstance(answer, str):
            return answer
        if self._checked is None:
            # pseudo-translation: only the placeholders must survive
            missing = [m.group() for m in TOKEN.finditer(text) if m.group() not in answer]
            return BadResponse(f"placeholder {missing[0]} lost") if missing else answer
        return self._checked.check(text, answer, source, target)


def _spec(setup: ProviderSetup, checked: _Checked) -> ProviderSpec:
    def factory() -> Provider:
        return _ValidatingProvider(create(setup.settings), None if setup.name == "pseudo" else checked)

    return ProviderSpec(
        name=setup.name,
        factory=factory,
        concurrency=setup.concurrency,
        rate=setup.rate,
        max_retries=setup.max_retries,
        max_texts=setup.max_texts,
        max_request_chars=setup.max_request_chars,
    )


def _event(key: catalog.Key, old: State, kind: str, provider: str | None, text: str, at: str) -> history.Event:
    """The log's event for a draft; ``at`` is the run's time as ``history.stamp`` writes it."""
    return history.Event(
        at=at,
        by=TOOL if kind == "machine" else history.MEMORY,
        msgid=key[1],
        msgctxt=key[0],
        old=old.value,
        new=State.MACHINE.value,
        provider=provider,
        text=text,
    )


@dataclass(frozen=True)
class _Draft:
    """A draft to write into a catalog when the run is saved."""

    msgctxt: str | None
    msgid: str
    state: State  # the entry's state when planned
    seen: str  # and its msgstr
    text: str
    kind: str  # machine | memory
    provider: str | None


def _finish(
    catalogs: Sequence[tuple[str, Path]], wanted: Sequence[_Entry], drafts: dict[int, list[_Draft]], checked: _Checked
) -> tuple[int, list[tuple[str, str, str]]]:
    """Turn every finished entry into a draft to save; collect the failures.

    A draft ``checked`` made on arrival is taken as it is; any other answer (from
    the cache, or joined from chunks) is checked here."""
    translated = 0
    failures = []
    for item in wanted:
        display = catalogs[item.catalog][0]
        if item.failure:
            failures.append((display, item.msgid, item.failure))
            continue
        if item.chunks is None or item.protected is None or len(item.answers) != len(item.chunks.parts):
            continue  # not finished: interrupted, or limited
        joined = item.chunks.join([item.answers[i][0] for i in range(len(item.chunks.parts))])
        providers = sorted({provider for _, provider in item.answers.values()})
        try:
            strict = providers != ["pseudo"]
            text = checked.draft(item, joined) if strict else item.protected.restore(joined)
            if text is None:
                text = validate(item.msgid, item.protected, joined, source_lang=item.source, target_lang=item.target)
        except UnusableAnswer as error:
            failures.append((display, item.msgid, error.message))
            continue
        if item.was_rejected(text):
            reason = f"{'+'.join(providers)}: the answer is the translation a reviewer rejected"
            failures.append((display, item.msgid, reason))
            continue
        drafts[item.catalog].append(_Draft(item.msgctxt, item.msgid, item.state, item.seen, text, "machine", "+".join(providers)))
        translated += 1
    return translated, failures


def _save(
    config: Config,
    catalogs: Sequence[tuple[str, Path]],
    drafts: dict[int, list[_Draft]],
    today: datetime,
    seen: dict[int, saving.Seen],
    carried: list[verdicts.Saved],
) -> tuple[set[int], list[tuple[str, str]]]:
    """Write the drafts into fresh reads of their catalogs, with history; each
    catalog written goes into ``carried`` (its verdict is kept once its batch is saved).

    An entry someone changed while the run worked (a translator saving the file)
    is no longer as the run read it: it keeps their work and is returned among
    the kept ``(catalog, msgid)``. Each catalog is saved on its own, under its
    lock, re-read just before it is replaced.
    """
    when = today.strftime("%Y-%m-%d %H:%M+0000")
    day = today.strftime("%Y-%m-%d")
    at = history.stamp(today)  # every event of the run has the same time: formatted once
    written: set[int] = set()
    kept: list[tuple[str, str]] = []
    for number in sorted(drafts):
        display, path = catalogs[number]
        skipped: list[tuple[str, str]] = []

        def change(
            fresh: saving.Fresh,
            todo: list[_Draft] = drafts[number],
            display: str = display,
            skipped: list[tuple[str, str]] = skipped,
        ) -> list[history.Event]:
            skipped.clear()  # called again when the catalog changed meanwhile: only the last read counts
            events = []
            for draft in todo:
                key = (draft.msgctxt, draft.msgid)
                entry = fresh.po.get(key)
                if entry is None or entry.state is not draft.state or entry.msgstr != draft.seen:
                    skipped.append((display, draft.msgid))
                    continue
                fresh.po.apply_draft(key, draft.text, origin=draft.kind, provider=draft.provider, date=day)
                events.append(_event(key, draft.state, draft.kind, draft.provider, draft.text, at))
            if events:
                fresh.po.set_header({"PO-Revision-Date": when})
            return events

        update = saving.Update(path, display, change, seen.pop(number, None))
        if saving.update(config, [update], command=TOOL, carried=carried):
            written.add(number)
        kept.extend(skipped)
    return written, kept


def _estimate(
    chain: Sequence[ProviderSetup],
    wanted: Sequence[_Entry],
    jobs: dict[tuple[str, str, str], Job],
    from_memory: int,
    from_cache: int,
    distinct_characters: int,
) -> TranslateReport:
    """What a run would send to the first provider, per target language, and cost."""
    first = chain[0]
    per_lang_chars: Counter[str] = Counter()
    per_lang_entries: Counter[str] = Counter()
    for job in jobs.values():
        per_lang_chars[job.target] += len(job.text)
    needing = {key[0:3] for key in jobs}
    for item in wanted:
        if item.chunks and any((item.source, item.target, part) in needing for part in item.chunks.parts):
            per_lang_entries[item.target] += 1
    estimate = tuple(
        (
            first.name,
            lang,
            per_lang_entries[lang],
            per_lang_chars[lang],
            per_lang_chars[lang] * first.price / 1_000_000,
            first.currency,
        )
        for lang in sorted(per_lang_chars)
    )
    return TranslateReport(
        entries=len(wanted) + from_memory,
        from_memory=from_memory,
        from_cache=from_cache,
        translated=0,
        failed=0,
        left=len(wanted) - from_cache,
        requests=len(plan_batches(list(jobs.values()), first.max_texts, first.max_request_chars)),
        characters=distinct_characters,
        distinct_characters=distinct_characters,
        catalogs_written=0,
        dry_run=True,
        estimate=estimate,
        chain=tuple(chain),
    )
