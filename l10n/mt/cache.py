"""Machine translations already paid for, kept in an embedded SQLite file.

One row per (provider, source language, target language, text sent): the
provider's raw answer, when it arrived and how many characters it was billed for.
The text is exactly what went over the wire (after protection of placeholders),
so a hit means the same request would be answered again; whatever happens to the
answer afterwards (unprotecting, review) is not this module's business.

Every ``put`` is committed before it returns: a run killed a moment later (Ctrl-C,
SIGKILL, out of memory) keeps every answer it received, and the next run sends
only what is missing. The file is only a cache: deleting it costs one more round
of requests, never a translation a human wrote (those live in the catalogs).

Standard library only; knows nothing about providers, catalogs or the runner.

Durability versus speed
-----------------------
WAL journal with ``synchronous=NORMAL``: a commit reaches the operating system
before ``put`` returns, so it survives the death of the process (Ctrl-C, SIGKILL,
out of memory), which is the promise above; only a power cut or a kernel crash
may lose the last answers, and then the next run pays for them again. ``FULL``
would fsync every commit, and a commit is on the run's critical path: the
runner delivers a request's answers, and its worker (and every worker whose
answers wait behind them) sends nothing more until they are committed. Measured
on the development machine, a commit of one request's 50 answers: 0.3 ms with
NORMAL, 4 ms with FULL (and up to 100 ms while the disk is busy), about 17
commits at 2,000 segments. Where WAL is refused, commits are fsynced (FULL):
a rollback journal without them may leave a damaged file after a power cut.
Reads are unaffected (about 10 us per ``get_any``).

Threads and processes
---------------------
One connection per ``MachineCache``, guarded by a lock: calls from several
threads are serialised, which costs nothing here (each call is well under a
millisecond) and keeps SQLite's own threading rules out of the picture. Two
processes may open the same file at once: WAL lets readers run beside a writer,
and writers wait up to ``busy_timeout`` seconds for each other instead of failing.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from l10n.errors import L10nError

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS translations (
    provider    TEXT    NOT NULL,
    source      TEXT    NOT NULL,
    target      TEXT    NOT NULL,
    digest      BLOB    NOT NULL,  -- sha256 of text: a short key even for 4,500-character texts
    text        TEXT    NOT NULL,
    translation TEXT    NOT NULL,
    created     REAL    NOT NULL,  -- seconds since the epoch
    billed      INTEGER NOT NULL,  -- characters the provider counted for this request
    PRIMARY KEY (source, target, digest, provider)
);
CREATE TABLE IF NOT EXISTS failures (
    source      TEXT    NOT NULL,
    target      TEXT    NOT NULL,
    digest      BLOB    NOT NULL,
    text        TEXT    NOT NULL,
    provider    TEXT    NOT NULL,
    reason      TEXT    NOT NULL,
    created     REAL    NOT NULL,
    PRIMARY KEY (source, target, digest)
);
"""


class Hit(NamedTuple):
    """A cached answer and the provider that gave it."""

    provider: str
    translation: str


@dataclass(frozen=True)
class Failure:
    """Why the last attempt to translate a text failed, when every provider failed."""

    provider: str
    reason: str
    created: float


@dataclass(frozen=True)
class CacheStats:
    entries: int  # cached answers
    characters: int  # characters billed for them, i.e. what a cold run would cost
    failures: int  # texts whose last attempt failed


def _digest(text: str) -> bytes:
    return hashlib.sha256(text.encode("utf-8")).digest()


class MachineCache:
    """The answers machine translation providers gave, by exactly what was sent.

    >>> cache = MachineCache(Path(".cache/l10n/mt.sqlite3"))      # doctest: +SKIP
    >>> cache.put("deepl", "ko", "en", "안녕하세요", "Hello", now=clock.time())  # doctest: +SKIP
    >>> cache.get_any(["deepl", "google"], "ko", "en", "안녕하세요")  # doctest: +SKIP
    Hit(provider='deepl', translation='Hello')

    Raises ``L10nError`` (naming the file, with a hint) when the file is damaged,
    not a cache of this version, or locked by another process for too long.
    """

    def __init__(self, path: Path, *, busy_timeout: float = 10.0) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise L10nError(
                f"cannot create the cache folder: {error.strerror}",
                path=str(self.path.parent),
                hint="check the permissions, or point the cache setting elsewhere",
            ) from None
        with self._guard():
            # isolation_level=None: we say where transactions begin and end, so a put
            # is committed exactly when we decide and not at some later statement.
            self._db = sqlite3.connect(
                self.path, timeout=busy_timeout, isolation_level=None, check_same_thread=False
            )
            try:
                self._prepare()
            except BaseException:
                self._db.close()
                raise

    def _prepare(self) -> None:
        # The first statements read the header: a file that is not SQLite fails here.
        version = self._db.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, SCHEMA_VERSION):
            raise L10nError(
                f"machine translation cache has schema version {version}, this l10n reads {SCHEMA_VERSION}",
                path=str(self.path),
                hint=f"delete {self.path}: it is only a cache, the next run asks the providers again",
            )
        # WAL may be refused (some network file systems); the rollback journal we
        # keep then is just as safe, only slower with two processes, if every
        # commit is fsynced: without WAL, NORMAL may leave a damaged file after a power cut.
        journal = self._db.execute("PRAGMA journal_mode=WAL").fetchone()[0]
        self._db.execute(f"PRAGMA synchronous={'NORMAL' if str(journal).lower() == 'wal' else 'FULL'}")
        if version == 0:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                # Statement by statement: executescript() would commit on its own.
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                self._db.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Turn SQLite's errors into ones that name the file and say what to do."""
        try:
            yield
        except (sqlite3.ProgrammingError, sqlite3.InterfaceError):
            raise  # our own mistake (a closed cache, a bad statement), not the user's
        except sqlite3.Error as error:
            raise self._explain(error) from None

    def _explain(self, error: sqlite3.Error) -> L10nError:
        name = getattr(error, "sqlite_errorname", "")
        text = str(error)
        where = str(self.path)
        if name.startswith("SQLITE_BUSY") or "locked" in text:
            return L10nError(
                "machine translation cache is locked by another process",
                path=where,
                hint="wait for the other l10n run to finish, then try again",
            )
        if name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
            return L10nError(
                "cannot open the machine translation cache",
                path=where,
                hint="check that the cache folder is writable, or point the cache setting elsewhere",
            )
        if name.startswith("SQLITE_FULL"):
            return L10nError("disk full while saving a machine translation", path=where, hint="free some space")
        if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "not a database" in text or "malformed" in text:
            return L10nError(
                f"machine translation cache is damaged ({text})",
                path=where,
                hint=f"delete {where}: it is only a cache, the next run asks the providers again",
            )
        return L10nError(
            f"machine translation cache failed: {text}",
            path=where,
            hint=f"if this persists, delete {where}: it is only a cache",
        )

    # ------------------------------------------------------------------ reading

    def get_any(self, providers: Sequence[str], source: str, target: str, text: str) -> Hit | None:
        """The cached answer of the first provider in ``providers`` that has one."""
        with self._lock, self._guard():
            rows = self._db.execute(
                "SELECT provider, text, translation FROM translations"
                " WHERE source = ? AND target = ? AND digest = ?",
                (source, target, _digest(text)),
            ).fetchall()
        found = {provider: translation for provider, sent, translation in rows if sent == text}
        for provider in providers:
            if provider in found:
                return Hit(provider, found[provider])
        return None

    def failure(self, source: str, target: str, text: str) -> Failure | None:
        """Why the last attempt at ``text`` failed, if it did and nothing answered since."""
        with self._lock, self._guard():
            row = self._db.execute(
                "SELECT text, provider, reason, created FROM failures"
                " WHERE source = ? AND target = ? AND digest = ?",
                (source, target, _digest(text)),
            ).fetchone()
        return Failure(row[1], row[2], row[3]) if row is not None and row[0] == text else None

    def stats(self) -> CacheStats:
        with self._lock, self._guard():
            entries, characters = self._db.execute(
                "SELECT count(*), coalesce(sum(billed), 0) FROM translations"
            ).fetchone()
            failures = self._db.execute("SELECT count(*) FROM failures").fetchone()[0]
        return CacheStats(entries=entries, characters=characters, failures=failures)

    # ------------------------------------------------------------------ writing

    def put(
        self,
        provider: str,
        source: str,
        target: str,
        text: str,
        translation: str,
        *,
        now: float,
        billed: int | None = None,
    ) -> None:
        """Store ``provider``'s answer for ``text``; committed when this returns.

        ``now`` is wall-clock seconds (``Clock.time()``); ``billed`` defaults to the
        length of ``text``, which is what the services we know charge for. A newer
        answer from the same provider replaces the old one, and any recorded
        failure for the text is cleared.
        """
        self._store([(provider, source, target, text, translation, len(text) if billed is None else billed)], now)

    def put_many(self, answers: Sequence[tuple[str, str, str, str, str]], *, now: float) -> None:
        """Store several answers (provider, source, target, text, translation) in one
        commit: a batch request's answers are kept or lost together, never in part."""
        self._store([(*answer, len(answer[3])) for answer in answers], now)

    def _store(self, rows: Sequence[tuple[str, str, str, str, str, int]], now: float) -> None:
        if not rows:
            return
        keyed = [
            (provider, source, target, _digest(text), text, translation, now, billed)
            for provider, source, target, text, translation, billed in rows
        ]
        with self._lock, self._guard():
            self._db.execute("BEGIN IMMEDIATE")
            try:
                # One statement for a request's answers: the rows are inserted in the
                # same order as one execute each would, for a third less CPU.
                self._db.executemany(
                    "INSERT OR REPLACE INTO translations"
                    " (provider, source, target, digest, text, translation, created, billed)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    keyed,
                )
                # A failure recorded for a text is cleared by its answer. Most caches
                # hold none, and the transaction keeps another process from adding one
                # between this look and the commit.
                if self._db.execute("SELECT 1 FROM failures LIMIT 1").fetchone() is not None:
                    self._db.executemany(
                        "DELETE FROM failures WHERE source = ? AND target = ? AND digest = ?",
                        [(source, target, digest) for _, source, target, digest, *_ in keyed],
                    )
                self._db.execute("COMMIT")
            except BaseException:
                self._rollback()
                raise

    def record_failure(
        self, provider: str, source: str, target: str, text: str, reason: str, *, now: float
    ) -> None:
        """Remember why ``text`` got no translation, so a report can say so later."""
        with self._lock, self._guard():
            self._db.execute(
                "INSERT OR REPLACE INTO failures (source, target, digest, text, provider, reason, created)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (source, target, _digest(text), text, provider, reason, now),
            )

    def _rollback(self) -> None:
        if self._db.in_transaction:
            self._db.execute("ROLLBACK")

    # ------------------------------------------------------------------ lifetime

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def __enter__(self) -> MachineCache:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
