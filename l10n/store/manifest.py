"""What a command last produced from which inputs: the memory behind fast re-runs.

An SQLite file in the cache folder per command (``extract``, ``build``): rows are
read one at a time and written in one transaction at the end, so memory stays the
same for ten articles or a hundred thousand, and a run that fails records nothing.
Losing the file only costs one full run. Rows are trusted only when the tool
version and configuration that wrote them match (``stamp``).

It also remembers each file's size and modification time with its content hash,
so an unchanged file is recognised from one stat() instead of a read, as git's
index does. A file modified less than 100 ms before the manifest was saved is
always hashed: its timestamp could hide a second write in the same tick. Files the
command wrote itself are trusted from the stat taken right after writing.

A run also keeps a snapshot of the whole tree it saw: the order-free sum of a key
per file (path, size, modification time) and the hashes of the few files that were
too recent to trust by their timestamp. The next run stats the same files, and when
the sum and those hashes are unchanged it knows, without a single row lookup, that
nothing changed: the common case of a re-run in CI or after `git pull` with no
article touched.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from l10n.store.fileio import read_file

try:
    # hashlib's own BLAKE2, without hashlib loading OpenSSL: 2-3 ms of every start-up.
    from _blake2 import blake2b
except ImportError:  # another Python implementation
    from hashlib import blake2b

RACY_NS = 100_000_000  # well above the timestamp tick of the file systems we know
# ``json.dumps(row, sort_keys=True)``, made once: dumps makes a new encoder for every
# call given an option (an encoder keeps no state between calls).
_ROW_JSON = json.JSONEncoder(sort_keys=True)


def _row_json(row: dict[str, Any]) -> str:
    """``json.dumps(row, sort_keys=True)``: a row of strings and None (all of build's)
    is written out here, each string by the encoder's own escaping function, in 60%
    of the time the encoder takes to set itself up for each row; any other row goes
    to the encoder."""
    parts = []
    for name in sorted(row):
        value = row[name]
        if type(name) is not str or (value is not None and type(value) is not str):
            return _ROW_JSON.encode(row)
        parts.append(f"{_json_string(name)}: {'null' if value is None else _json_string(value)}")
    return "{" + ", ".join(parts) + "}"


_json_string = json.encoder.encode_basestring_ascii  # what json.dumps writes a str as (ensure_ascii)
_SCHEMA = 1
_CACHE_KIB = 256


def digest(data: bytes) -> str:
    return blake2b(data, digest_size=16).hexdigest()


def _after(prefix: str) -> str:
    """The least string above every string that starts with ``prefix`` (not empty)."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _stat_key(name: str, info: os.stat_result | None) -> int:
    """A file's state as a number the tree sum adds up (None: it does not exist)."""
    text = f"{name}\0{info.st_size}\0{info.st_mtime_ns}" if info is not None else f"{name}\0-"
    return int.from_bytes(blake2b(text.encode(), digest_size=16).digest(), "big")


def file_stat(name: str) -> os.stat_result | None:
    """The stat of ``name``; None when it does not exist."""
    try:
        return os.stat(name)
    except FileNotFoundError:
        return None


_SUMMED_KEPT = 256  # well above the files of the articles a run has in flight


def _staged_stat(temp: str) -> os.stat_result | None:
    """The stat of the temporary file ``temp`` (see ``Manifest.wrote``), taken once
    for all the manifests of a run that remember the file it becomes.

    Safe to keep: a temporary file is written once, before it is handed over, and
    then only renamed, which keeps its stat; its name is never used again by a
    process of a run (fileio.write_temp numbers them), and closing a manifest
    forgets them all, so that no later run in this process finds another run's
    file of the same name (a worker's number may come back with its process id).
    Only the last few are kept.
    """
    info = _STAGED_STATS.get(temp)
    if info is None:
        info = file_stat(temp)
        if info is not None:
            _STAGED_STATS[temp] = info
            if len(_STAGED_STATS) > _SUMMED_KEPT:
                del _STAGED_STATS[next(iter(_STAGED_STATS))]
    return info


_STAGED_STATS: dict[str, os.stat_result] = {}


class TreeSum:
    """The sum of ``_stat_key`` over a set of files: equal sums, same files, same stats.

    A sum, not a running hash, so that a run can add files in any order and swap a
    file's key when it rewrites the file, in constant memory.
    """

    def __init__(self) -> None:
        self._total = 0

    def add(self, name: str, info: os.stat_result | None) -> int:
        """Add ``name`` as ``info`` found it; the key added (see ``swap``)."""
        key = _stat_key(name, info)
        self._total += key
        return key

    def replace(self, name: str, old: os.stat_result | None, new: os.stat_result | None) -> None:
        self._total += _stat_key(name, new) - _stat_key(name, old)

    def swap(self, old_key: int, name: str, new: os.stat_result | None) -> None:
        """``replace``, for a file whose key as it was added (``add``) is ``old_key``."""
        self._total += _stat_key(name, new) - old_key

    def stat(self, name: str) -> bool:
        """Add ``name`` as it is now; True when it exists."""
        return self.take(name) is not None

    def take(self, name: str) -> os.stat_result | None:
        """Add ``name`` as it is now; its stat (None: it does not exist)."""
        info = file_stat(name)
        self.add(name, info)
        return info

    @property
    def value(self) -> str:
        return f"{self._total % (1 << 128):032x}"


def file_digest(path: Path | str) -> str | None:
    data = _read_existing(path)
    return digest(data) if data is not None else None


def _read_existing(path: Path | str) -> bytes | None:
    """The bytes of the file at ``path``; None when it does not exist."""
    try:
        return read_file(path)
    except FileNotFoundError:
        return None


def _limit_cache(db: sqlite3.Connection) -> None:
    # SQLite's page cache (2 MiB by default) fills as a run looks up thousands of
    # rows; a smaller one keeps a run's memory the same for any project size, and
    # the pages it drops are still in the operating system's cache.
    db.execute(f"PRAGMA cache_size = -{_CACHE_KIB}")


class _Ascending:
    """Rows of one table looked up by key, for a caller that asks in key order.

    One query streams the rows from the first key asked for; each ``get`` moves the
    stream on to its key. The stream only ever passes keys below the one asked for,
    so while the keys asked for ascend, none it passed is asked for later; a key
    below one asked before goes to ``point`` (a query of its own), and so does one
    far ahead of the stream (a walk of a few articles out of many need not read the
    rows between them). Python compares strings by code point and SQLite (BINARY)
    by UTF-8 bytes, which is the same order; were it not, a row would only be missed
    (None: the caller then does the work the row would have saved), never mistaken,
    since a row is returned only when its key is the one asked for.
    """

    # Rows passed over before the stream is started afresh at the key asked for.
    _MAX_SKIPPED = 64

    def __init__(self, manifest: Manifest, sql: str, prefix: str, point: Callable[[str], tuple[Any, ...] | None]) -> None:
        self._manifest = manifest
        self._sql = sql
        self._end = _after(prefix)
        self._point = point
        self._rows: Iterator[tuple[Any, ...]] | None = None
        self._next: tuple[Any, ...] | None = None
        self._last: str | None = None  # the last key asked for

    def get(self, key: str) -> tuple[Any, ...] | None:
        if self._last is not None and key < self._last:
            return self._point(key)
        self._last = key
        if self._rows is None:
            row = self._start(key)
        else:
            row, skipped = self._next, 0
            while row is not None and row[0] < key and skipped < self._MAX_SKIPPED:
                row = self._step()
                skipped += 1
            if row is not None and row[0] < key:
                row = self._start(key)
        self._next = row
        return row if row is not None and row[0] == key else None

    def _start(self, key: str) -> tuple[Any, ...] | None:
        """The stream started afresh at ``key``; its first row."""
        cursor = self._manifest._run(self._sql, (key, self._end))
        self._rows = iter(cursor) if cursor is not None else iter(())
        return self._step()

    def _step(self) -> tuple[Any, ...] | None:
        """The stream's next row; None at its end, or when the cache broke (its rows are then missed)."""
        assert self._rows is not None
        try:
            return next(self._rows, None)
        except sqlite3.Error:
            self._manifest.close()
            self._rows = iter(())
            return None


class Manifest:
    """Rows of ``key -> recorded inputs and outputs`` plus a file-state cache.

    One transaction spans the run: what the run learns goes straight into SQLite
    (not into Python lists), ``save`` commits it, and a run that fails before
    ``save`` leaves the manifest as it was.
    """

    # The wall clock that dates a run's start and save (nanoseconds since the epoch):
    # the racy-timestamp window is measured from these. Tests replace it to put a
    # file's timestamp exactly inside or outside the window whatever the machine's
    # load; a class attribute, so the use cases that open manifests need not pass a
    # clock along.
    now_ns: Callable[[], int] = staticmethod(time.time_ns)

    def __init__(self, path: Path, stamp: str, *, read_only: bool = False) -> None:
        """``read_only``: for commands that write nothing (``extract --check``,
        ``check``): the file is neither created nor replaced, only read when it is
        there and matches ``stamp``, and ``save`` keeps nothing."""
        self.path = path
        self.read_only = read_only
        self.stamp = stamp
        self.saved_ns = 0
        self.opened_ns = self.now_ns()
        # What digest() and wrote() saw, for the snapshot save() can keep.
        self.tree = TreeSum()
        self._racy: dict[str, str] = {}  # too recent to trust by stat: path -> hash
        # The keys the tree sum added for the last few files (path -> ``_stat_key``), for
        # ``wrote`` to swap out without a stat or a key of its own: a file is written
        # soon after the run looked at it.
        self._summed: dict[str, int] = {}
        self.fresh = False  # whether this run starts it empty (none, another stamp, damaged)
        self._db: sqlite3.Connection | None = None
        try:
            if not read_only:
                path.parent.mkdir(parents=True, exist_ok=True)
            self._db = self._open()
        except (sqlite3.Error, OSError):
            self._db = None  # no usable cache folder: every run is a full run

    def _open(self) -> sqlite3.Connection | None:
        if not self.read_only:
            if not os.path.exists(self.path):
                return self._fresh()  # a first run: nothing to read, nothing to replace
            db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        elif self.path.is_file():
            db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=10, isolation_level=None)
        else:
            return None
        try:
            meta = dict(db.execute("SELECT name, value FROM meta").fetchall())
        except sqlite3.Error:
            meta = {}
        if meta.get("stamp") != self.stamp or meta.get("schema") != str(_SCHEMA):
            db.close()
            if self.read_only:
                return None  # another version's or a damaged cache: this run is a full one
            return self._fresh()
        self.saved_ns = int(meta.get("saved_ns", "0"))
        _limit_cache(db)
        db.execute("BEGIN")
        return db

    def _fresh(self) -> sqlite3.Connection:
        """A new, empty manifest for this stamp (an old or damaged file is replaced).

        Its tables are made inside the run's one transaction: each statement outside
        one is a transaction of its own, with four fsyncs (journal, folder, journal,
        file), seventy-odd per cold extract. A run that fails leaves a file without
        tables, which the next run finds unusable and replaces like a damaged one.
        """
        self.fresh = True
        for suffix in ("", "-journal", "-wal", "-shm"):
            try:
                os.unlink(f"{self.path}{suffix}")
            except FileNotFoundError:
                pass
        db = sqlite3.connect(self.path, timeout=10, isolation_level=None)
        _limit_cache(db)
        db.execute("BEGIN")
        db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
        db.execute("CREATE TABLE entries (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("CREATE TABLE files (path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER, digest TEXT, ours INTEGER)")
        db.executemany("INSERT INTO meta (name, value) VALUES (?, ?)", [("stamp", self.stamp), ("schema", str(_SCHEMA))])
        return db

    def _run(self, sql: str, parameters: tuple[Any, ...]) -> Any:
        if self._db is None or (self.read_only and not sql.startswith("SELECT")):
            return None  # what a read-only run learns is forgotten with it
        try:
            return self._db.execute(sql, parameters)
        except sqlite3.Error:
            self.close()  # a broken cache only makes this run a full one
            return None

    # ------------------------------------------------------------------ reading

    def get(self, key: str) -> dict[str, Any] | None:
        text = self.get_text(key)
        return json.loads(text) if text is not None else None

    def get_text(self, key: str) -> str | None:
        """The row as stored by ``record_text``, not decoded."""
        cursor = self._run("SELECT value FROM entries WHERE key = ?", (key,))
        row = cursor.fetchone() if cursor is not None else None
        return str(row[0]) if row else None

    def texts_under(self, prefix: str) -> Iterator[str]:
        """The rows whose key starts with ``prefix``, in key order, one at a time
        (a run reading thousands holds one)."""
        cursor = self._run("SELECT value FROM entries WHERE key >= ? AND key < ? ORDER BY key", (prefix, _after(prefix)))
        for (value,) in cursor if cursor is not None else ():
            yield str(value)

    def texts_in_order(self, prefix: str) -> Callable[[str], str | None]:
        """``get_text`` for the rows whose key starts with ``prefix``, for a caller that
        asks for them in key order (a walk of sorted paths): one query streams the rows
        instead of a query per key. Asked out of order it still answers right, with a
        query of its own. ``prefix`` is not empty; rows recorded meanwhile may be missed."""
        rows = _Ascending(self, "SELECT key, value FROM entries WHERE key >= ? AND key < ? ORDER BY key", prefix, self._text_row)

        def text(key: str) -> str | None:
            row = rows.get(key)
            return str(row[1]) if row is not None else None

        return text

    def digests_in_order(self, prefix: str) -> Callable[[str, os.stat_result | None], str | None]:
        """``digest_of`` for files whose path starts with ``prefix`` (not empty), asked
        for in path order: the recorded states stream from one query, as in
        ``texts_in_order``."""
        if not self.read_only:
            # A run that writes inserts the states of files it hashes into the table
            # being streamed, which SQLite does not define the stream's course under.
            return self.digest_of
        known = _Ascending(
            self, "SELECT path, size, mtime, digest, ours FROM files WHERE path >= ? AND path < ? ORDER BY path", prefix, self._file_row
        )
        return lambda name, info: self._digest(name, info, known.get)

    def _text_row(self, key: str) -> tuple[Any, ...] | None:
        cursor = self._run("SELECT key, value FROM entries WHERE key = ?", (key,))
        return cursor.fetchone() if cursor is not None else None

    def _file_row(self, name: str) -> tuple[Any, ...] | None:
        cursor = self._run("SELECT path, size, mtime, digest, ours FROM files WHERE path = ?", (name,))
        return cursor.fetchone() if cursor is not None else None

    def matching(self, key: str, current: dict[str, Any]) -> dict[str, Any] | None:
        """The recorded row if it holds ``current``'s values (it may hold more)."""
        known = self.get(key)
        if known is not None and all(known.get(name) == value for name, value in current.items()):
            return known
        return None

    def digest(self, path: Path | str) -> str | None:
        """The content hash of ``path`` (None when it does not exist)."""
        name = str(path)
        return self._digest(name, file_stat(name), self._file_row)

    def observe(self, path: Path | str) -> tuple[os.stat_result | None, str | None]:
        """``digest``, with the stat it was found from, for ``learn`` in another manifest."""
        name = str(path)
        info = file_stat(name)
        return info, self._digest(name, info, self._file_row)

    def observe_read(self, path: Path | str) -> tuple[os.stat_result | None, str | None, bytes | None]:
        """``observe``, with the bytes read to hash the file: None when none were (its
        stat matched its row, or it does not exist). A caller about to read the file
        takes these instead: the digest is of these very bytes, and the file is not
        opened twice (build hashes each changed catalog, then parses it)."""
        name = str(path)
        info = file_stat(name)
        hashed, data = self._state(name, info, self._file_row)
        return info, hashed, data

    def learn(self, path: Path | str, info: os.stat_result | None, hashed: str | None) -> None:
        """Take the state of a file another manifest of this run has just observed
        (``observe``): what ``digest`` would find and record, without a second stat,
        read or hash. The stat was taken before the file was read, so a file that
        changes afterwards looks changed to the next run, as with ``digest``."""
        self._digest(str(path), info, self._file_row, hashed)

    def digest_of(self, name: str, info: os.stat_result | None, hashed: str | None = None) -> str | None:
        """``digest``, from the stat of ``name`` the caller has just taken (``info``),
        for a caller that needs the stat too (``TreeSum.take``): one stat, not two.
        ``hashed`` is the file's content hash as ``info`` found it, when another
        manifest of the run has it (``observe``): taken instead of reading the file."""
        return self._digest(name, info, self._file_row, hashed)

    def _digest(
        self,
        name: str,
        info: os.stat_result | None,
        known_row: Callable[[str], tuple[Any, ...] | None],
        hashed: str | None = None,
    ) -> str | None:
        """``digest`` of ``name`` as ``info`` found it, with the file's recorded state
        (path, size, mtime, digest, ours) from ``known_row``; ``hashed`` is its content
        hash when the caller knows it already (``learn``)."""
        return self._state(name, info, known_row, hashed)[0]

    def _state(
        self,
        name: str,
        info: os.stat_result | None,
        known_row: Callable[[str], tuple[Any, ...] | None],
        hashed: str | None = None,
    ) -> tuple[str | None, bytes | None]:
        """``_digest``, and the bytes read to find it (None when none were)."""
        if not self.read_only:
            # Only a run that saves keeps a snapshot of the tree (keep_snapshot): a
            # read-only one would sum every file's state for nothing.
            self._summed[name] = self.tree.add(name, info)
            if len(self._summed) > _SUMMED_KEPT:
                del self._summed[next(iter(self._summed))]  # the oldest
        if info is None:
            return None, None
        # A manifest this run started empty holds only the rows the run wrote itself,
        # and a run looks at each file once: the query would find nothing. Were a
        # file looked at again, its row missed here only makes it hashed anew.
        known = None if self.fresh else known_row(name)
        if (
            known is not None
            and known[1] == info.st_size
            and known[2] == info.st_mtime_ns
            and (known[4] or info.st_mtime_ns < self.saved_ns - RACY_NS)
        ):
            return str(known[3]), None
        data = None
        if hashed is None:
            data = _read_existing(name)
            hashed = digest(data) if data is not None else None
        if hashed is not None:
            self._run(
                "INSERT OR REPLACE INTO files (path, size, mtime, digest, ours) VALUES (?, ?, ?, ?, 0)",
                (name, info.st_size, info.st_mtime_ns, hashed),
            )
            if info.st_mtime_ns >= self.opened_ns - RACY_NS:
                self._racy[name] = hashed
        return hashed, data

    def snapshot(self, name: str) -> dict[str, Any] | None:
        """The tree snapshot the last saved run kept under ``name`` (see ``keep_snapshot``)."""
        cursor = self._run("SELECT value FROM meta WHERE name = ?", (f"tree:{name}",))
        row = cursor.fetchone() if cursor is not None else None
        return json.loads(row[0]) if row else None

    @staticmethod
    def holds(snapshot: dict[str, Any], tree: TreeSum) -> bool:
        """Whether files summed in ``tree`` are exactly as when ``snapshot`` was kept.

        Files that were too recent to trust by their stat are compared by content,
        as git does with racily clean index entries.
        """
        if snapshot.get("sum") != tree.value:
            return False
        return all(file_digest(name) == hashed for name, hashed in snapshot.get("racy", {}).items())

    # ------------------------------------------------------------------ writing

    def record(self, key: str, current: dict[str, Any]) -> None:
        self._run("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", (key, _row_json(current)))

    def record_text(self, key: str, text: str) -> None:
        """Store ``text`` as the row, for a caller that encodes (and decodes) it elsewhere."""
        self._run("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", (key, text))

    def forget(self, key: str) -> None:
        self._run("DELETE FROM entries WHERE key = ?", (key,))

    def forget_under(self, prefix: str) -> None:
        """Delete every row whose key starts with ``prefix``."""
        self._run("DELETE FROM entries WHERE key >= ? AND key < ?", (prefix, _after(prefix)))

    def wrote(self, path: Path | str, content_digest: str, *, staged: str | None = None) -> None:
        """Remember a file this command writes, with the hash of its bytes.

        ``staged`` is the temporary file that will be renamed to ``path``: a rename
        keeps size and modification time, so its stat is the final file's. In the
        tree sum, the file's key as digest() saw it becomes the new file's.
        """
        name = str(path)
        info = _staged_stat(staged) if staged else file_stat(name)
        before = self._summed.pop(name, None)
        if before is None:
            self.tree.replace(name, file_stat(name), info)
        else:
            self.tree.swap(before, name, info)
        self._racy.pop(name, None)
        if info is None:
            return
        self._run(
            "INSERT OR REPLACE INTO files (path, size, mtime, digest, ours) VALUES (?, ?, ?, ?, 1)",
            (str(path), info.st_size, info.st_mtime_ns, content_digest),
        )

    def keep_snapshot(self, name: str, summary: dict[str, Any] | None = None) -> None:
        """Keep, under ``name``, the tree as this run leaves it, and ``summary``.

        Call it only after a run that went through every file (digest() on each,
        wrote() on each it rewrote): the sum then covers the whole tree.
        """
        value = {"sum": self.tree.value, "racy": self._racy, **(summary or {})}
        self._run("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)", (f"tree:{name}", json.dumps(value, sort_keys=True)))

    def save(self) -> None:
        """Commit what this run learnt."""
        self._run("INSERT OR REPLACE INTO meta (name, value) VALUES ('saved_ns', ?)", (str(self.now_ns()),))
        if self._db is not None and not self.read_only:
            try:
                self._db.execute("COMMIT")
            except sqlite3.Error:
                pass
        self.close()

    @property
    def readable(self) -> bool:
        """Whether there are rows to read: the file is there, of this stamp, and open."""
        return self._db is not None

    def close(self) -> None:
        """Forget this run's rows unless saved (the transaction rolls back)."""
        _STAGED_STATS.clear()
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error:
                pass
            self._db = None
