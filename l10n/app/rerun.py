"""What extract and build share to run over the content folder fast and safely.

A re-run skips what it left as it is: each command keeps a manifest of content
hashes (``open_manifest``) and, for the whole tree, a snapshot that one stat per
file can confirm (``steady_tree``); build reuses the segments extract parsed
(``open_parse_cache``). The rest of the articles go through ``ParallelWalk.run``:
the one loop that walks the stale articles, hands them to worker processes, adopts
the temporary files the workers wrote into the run's ``Staging`` (all writes land,
or none) and lets the command record each outcome.

This module knows articles, manifests and temporary files, never what a command
makes of an article: no catalogs, no outputs, no report types (``Tally`` counts
results by their ``action`` alone). It writes nothing itself but through the
``Staging`` and ``Manifest`` its caller hands it, and never prints.
"""

from __future__ import annotations

import itertools
import json
import os
import posixpath
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, Generic, NamedTuple, Protocol, TypeVar

from l10n import __version__
from l10n.app.config import Config
from l10n.app.workspace import Article, Progress, cache_file, is_plain_display, iter_articles
from l10n.errors import L10nError
from l10n.model import Segment
from l10n.store.fileio import Staging, sweep_temps
from l10n.store.manifest import Manifest, TreeSum, digest
from l10n.store.parallel import parallel_map

T = TypeVar("T")


# --------------------------------------------------------------------------- manifests


def open_manifest(config: Config, name: str, extra: str = "", *, read_only: bool = False) -> Manifest:
    """The command's manifest, valid only for this tool version and configuration;
    ``read_only`` for a run that must write nothing (see ``Manifest``)."""
    stamp = digest(f"{__version__}\n{config.fingerprint()}\n{extra}".encode())
    return Manifest(cache_file(config, f"{name}-manifest.sqlite3"), stamp, read_only=read_only)


def open_parse_cache(config: Config, *, read_only: bool = False) -> Manifest:
    """Each article's segments as extract last parsed them (see ``parsed_row``).

    Parsing is about half of what extract and build spend per article, and a
    build usually follows an extract of the same articles, so build takes the
    segments from here when the article's bytes still have the recorded digest.
    Valid only for this tool version and the settings that change segments: a
    build with other output settings must find (and not wipe) extract's rows.
    """
    parsing = (config.front_matter_keys, config.never_translate, config.segment, config.language_key, config.encoding)
    stamp = digest(f"{__version__}\n{parsing!r}".encode())
    return Manifest(cache_file(config, "segments-manifest.sqlite3"), stamp, read_only=read_only)


def sweep_leftovers(config: Config) -> int:
    """Delete the temporary files a killed run left where the tool writes (catalogs,
    cache, built articles); how many. Folders a link takes outside are left alone."""
    literal = config.output.split("{", 1)[0].rpartition("/")[0]
    folders = [config.locales_dir, config.cache_dir, config.root / literal if literal else config.content_dir]
    real_root = os.path.realpath(config.root) + os.sep
    return sum(sweep_temps(folder) for folder in folders if os.path.realpath(folder).startswith(real_root))


def parsed_row(article_digest: str, segments: Sequence[Segment]) -> str:
    """A parse cache row: the article's digest, a newline, its segments as JSON.

    Workers encode and decode rows; the main process, which every row passes
    through, only splits off the digest.
    """
    return article_digest + "\n" + json.dumps([seg.to_row() for seg in segments], ensure_ascii=False)


def parsed_segments(row: str) -> list[Segment]:
    """The segments of a parse cache row."""
    return [Segment.from_row(fields) for fields in json.loads(row.partition("\n")[2])]


def row_digest(row: str) -> str:
    """The digest of the article bytes a parse cache row was parsed from."""
    return row.partition("\n")[0]


# --------------------------------------------------------------------------- snapshot


# A named tuple, not a frozen dataclass: made at import, a dataclass costs start-up
# half a millisecond (each of its methods is compiled from source).
class Steady(NamedTuple):
    """The tree as the last run left it: its snapshot and what the walk counted."""

    snapshot: dict[str, Any]
    articles: int
    existing: int  # files of the walk that exist


def steady_tree(config: Config, manifest: Manifest, name: str, files_of: Callable[[Article], Iterable[str]]) -> Steady | None:
    """The snapshot ``name`` when no article, nor any file ``files_of`` names for it,
    changed since the last run kept it; None when anything differs (or there is no
    snapshot): then the full walk finds what.

    One stat per file, no hashing, no manifest rows.
    """
    snapshot = manifest.snapshot(name)
    if snapshot is None:
        return None
    tree = TreeSum()
    root = f"{config.root}/"
    articles = existing = 0
    for article in iter_articles(config):
        articles += 1
        tree.stat(root + article.display)
        for display in files_of(article):
            existing += tree.stat(root + display)
    return Steady(snapshot, articles, existing) if manifest.holds(snapshot, tree) else None


# --------------------------------------------------------------------------- results


class _Told(Protocol):
    @property
    def action(self) -> str: ...


ResultT = TypeVar("ResultT", bound=_Told)


class Tally(Generic[ResultT]):
    """A run's results counted by action. The ones worth telling are handed to
    ``on_result`` as they come, or kept when there is none; the others are only
    counted, so a run over any number of articles holds the same memory."""

    def __init__(self, on_result: Callable[[ResultT], None] | None, counted_only: Callable[[ResultT], bool]) -> None:
        self.counts: Counter[str] = Counter()
        self.kept: list[ResultT] = []
        self._on_result = on_result
        self._counted_only = counted_only

    def add(self, result: ResultT) -> None:
        """Count ``result``; unless it is only counted, hand it over or keep it."""
        self.counts[result.action] += 1
        if self._counted_only(result):
            return
        if self._on_result is not None:
            self._on_result(result)
        else:
            self.kept.append(result)

    def sorted_counts(self) -> tuple[tuple[str, int], ...]:
        """(action, how many), by action: what a report holds."""
        return tuple(sorted(self.counts.items()))


# --------------------------------------------------------------------------- the parallel loop


class Outcome(Protocol):
    """What a worker hands back for one article."""

    @property
    def article(self) -> str: ...  # the article's display path

    @property
    def error(self) -> L10nError | None: ...  # a user error, as a value (see _Errors)

    def files(self) -> Iterable[tuple[str, str | None, str | None]]:
        """(display path, temporary file or None, digest of its bytes or None) of each file written."""
        ...


ItemT = TypeVar("ItemT")
OutcomeT = TypeVar("OutcomeT", bound=Outcome)


class ParallelWalk(Generic[ItemT, OutcomeT]):
    """The loop extract and build share: walk the articles, have worker processes
    work on the stale ones, land what they wrote, let the command record it.

    Writes land in ``staging`` (all or none) and are remembered in ``manifest``.
    """

    def __init__(self, config: Config, staging: Staging, manifest: Manifest) -> None:
        self.config = config
        self.staging = staging
        self.manifest = manifest

    def run(
        self,
        articles: Iterable[Article],
        *,
        stale: Callable[[Article], ItemT | None],
        work: Callable[[ItemT], OutcomeT],
        record: Callable[[OutcomeT], None],
        progress: Progress,
        total: int = 0,
    ) -> int:
        """Walk ``articles``, work on the stale ones, land and record the outcomes;
        the number of articles walked.

        ``stale`` runs here, in walk order: the work item for an article, or None
        when it is up to date (it reports that itself). ``work`` runs in a worker
        and writes changed files to temporary files. Each good outcome's files are
        adopted, then ``record`` takes the outcome, in walk order. A user error (a
        worker's, or the walk's own) is raised only once every outcome is in, the
        first in walk order, so that the ``Staging`` deletes every temporary file
        the workers wrote. ``total`` is how many articles there are, counted before
        the walk, so that the progress total stays put while the walk finds them.
        """
        seen = done = 0

        def stale_items() -> Iterator[ItemT]:
            nonlocal seen, done
            for article in articles:
                seen += 1
                item = stale(article)
                if item is None:
                    done += 1
                else:
                    yield item

        errors = _Errors()
        for outcome in parallel_map(work, errors.deferring(stale_items())):
            done += 1
            progress(done, max(total, seen), outcome.article)
            if errors.keep(outcome.error):
                continue
            for display, temp, file_digest in outcome.files():
                self.adopt(display, temp, file_digest)
            record(outcome)
        errors.raise_first()
        return seen

    def adopt(self, display: str, temp: str | None, file_digest: str | None) -> None:
        """Take a worker's temporary file into the run and remember what it holds."""
        if temp is not None and file_digest is not None:
            path = _joined(self.config.root, display)
            self.staging.adopt(temp, path)
            self.manifest.wrote(path, file_digest, staged=temp)


def _joined(root: Path, display: str) -> str:
    """``str(root / display)``, without making the Path when the Path would leave
    ``display`` as it is."""
    if is_plain_display(display):
        return posixpath.join(root, display)
    return str(root / display)


class _Errors:
    """User errors of a parallel run, raised only after every result is collected.

    Workers report a bad article as a value and the walk's own errors (a link out
    of the content folder) end the walk quietly, so the main process still sees
    every temporary file the workers wrote, and the rollback deletes them all.
    """

    def __init__(self) -> None:
        self.found: list[L10nError] = []
        self.walk: L10nError | None = None

    def deferring(self, walk: Iterator[T]) -> Iterator[T]:
        try:
            yield from walk
        except L10nError as error:
            self.walk = error
        except OSError as error:
            self.walk = user_error(error, str(error.filename or ""))

    def keep(self, error: L10nError | None) -> bool:
        """Remember ``error``; True when there was one (skip that outcome)."""
        if error is not None:
            self.found.append(error)
        return error is not None

    def raise_first(self) -> None:
        """The first bad article in walk order, if any."""
        first = self.found[0] if self.found else self.walk
        if first is not None:
            raise first


# --------------------------------------------------------------------------- workers


def user_error(error: L10nError | OSError, display: str) -> L10nError:
    """A file the work on ``display`` needed could not be read or written (it
    vanished, it is a folder, ...), as an error the run reports like a bad article."""
    if isinstance(error, L10nError):
        return error
    return L10nError(
        f"cannot read or write {error.filename or 'a file'}: {error.strerror or error}",
        path=display,
        hint="check the file and its permissions, then run the command again; no file was changed",
    )


def discard(temps: Iterable[str | None]) -> None:
    """Delete a worker's temporary files when its article failed half way."""
    for temp in temps:
        if temp:
            os.unlink(temp)


class Deferred:
    """A value made on first use, once in whichever process uses it.

    A no-op run never parses anything, so it should not pay for compiling the
    never-translate patterns or reading the glossary either. Workers receive a
    pickled copy with every batch; the value a worker made is kept under the
    copy's token, so a worker reads the glossary once per run, not per batch.
    """

    def __init__(self, make: Callable[[], Any]) -> None:
        self._make = make
        self._token = (os.getpid(), next(_DEFERRED_TOKENS))

    @property
    def value(self) -> Any:
        if self._token not in _DEFERRED_VALUES:
            while len(_DEFERRED_VALUES) >= 8:  # a long-lived process runs many commands
                del _DEFERRED_VALUES[next(iter(_DEFERRED_VALUES))]
            _DEFERRED_VALUES[self._token] = self._make()
        return _DEFERRED_VALUES[self._token]


_DEFERRED_TOKENS = itertools.count()
_DEFERRED_VALUES: dict[tuple[int, int], Any] = {}  # this process's values, by token
