"""Writing catalogs that other programs may save at the same time.

A command that changes a catalog read it earlier (translate, before minutes of
waiting for providers; review, before the reviewer decided), and a translator's
PO editor or another l10n command may have saved it since. So no command writes
what it read back: ``update`` takes each catalog's lock (two l10n processes take
turns), reads the catalog and its history log afresh, lets the caller apply its
own changes entry by entry to what is there now, and renames the result into
place only if the file did not change again meanwhile (a PO editor takes no
lock); if it did, the catalog is read and the changes applied once more.

Only commands that write come here: a read-only command takes no lock.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from l10n.app import verdicts
from l10n.app.config import Config
from l10n.app.workspace import cache_file
from l10n.errors import L10nError
from l10n.po import catalog, history
from l10n.store import lock
from l10n.store.fileio import Staging
from l10n.store.manifest import digest as content_digest

ATTEMPTS = 5  # fresh reads before giving up on a catalog that keeps changing


@dataclass
class Fresh:
    """A catalog as it is on disk now, for a caller to apply its changes to."""

    path: Path
    display: str
    po: catalog.Catalog
    digest: str  # sha256 of the bytes ``po`` was read from
    log_text: str  # its history log as read


# Applies the caller's changes to ``fresh.po``; returns the events to log (none:
# nothing to write). Called again with a new read when the file changed meanwhile.
Change = Callable[[Fresh], list[history.Event]]


class Seen:
    """A catalog as the caller read it earlier, to save parsing it again.

    Used once, and only when the file still holds the very bytes it was parsed
    from (same sha256): the caller's change edits it in place.
    """

    def __init__(self, data: bytes, po: catalog.Catalog) -> None:
        self.digest = hashlib.sha256(data).hexdigest()
        self._po: catalog.Catalog | None = po

    def take(self, digest: str) -> catalog.Catalog | None:
        po, self._po = (self._po, None) if digest == self.digest else (None, self._po)
        return po


@dataclass(frozen=True)
class Update:
    path: Path
    display: str
    change: Change
    seen: Seen | None = None  # the catalog as read before, if the caller kept it


def digest_of(path: Path) -> str:
    return read_with_digest(path)[1]


def read_with_digest(path: Path) -> tuple[bytes | None, str]:
    """A file's bytes (None when it is missing) and their sha256 ("" then)."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, ""
    return data, hashlib.sha256(data).hexdigest()


def lock_file(config: Config, display: str) -> Path:
    """Where the lock of catalog ``display`` lives: the cache folder, out of git's way."""
    return cache_file(config, "locks/" + display.replace("/", "%") + ".lock")


def update(config: Config, updates: Sequence[Update], *, command: str, carried: list[verdicts.Saved] | None = None) -> set[str]:
    """Apply ``updates`` to fresh reads of their catalogs; all land or none do.

    Returns the display paths of the catalogs written. Their verdicts are kept for
    status, check and build (verdicts.carry_forward): here, or, when ``carried`` is
    given, by the caller, who collects the catalogs written there (a run that saves
    many catalogs, from several threads, keeps their verdicts once, at its end).
    """
    with ExitStack() as held:
        for display in sorted({u.display for u in updates}):  # one order: no two runs deadlock
            held.enter_context(lock.hold(lock_file(config, display), command))
        for _ in range(ATTEMPTS):
            staging = Staging()
            try:
                digests, written = _stage(updates, staging)
                if all(digest_of(u.path) == digests[u.display] for u in updates):
                    staging.commit()
                    if carried is None:
                        verdicts.carry_forward(config, list(written.values()))
                    else:
                        carried.extend(written.values())
                    return set(written)
            except BaseException:
                staging.rollback()
                raise
            staging.rollback()  # saved by a program that takes no lock: apply again
    raise L10nError(
        "kept changing while being saved",
        path=updates[0].display,
        hint="nothing was written; close the file in other programs and run the command again",
    )


def _stage(updates: Sequence[Update], staging: Staging) -> tuple[dict[str, str], dict[str, verdicts.Saved]]:
    """Stage each update; the digests read, and for each catalog written its display
    path, the (manifest) digest of what it held and what it holds now."""
    digests: dict[str, str] = {}
    written: dict[str, verdicts.Saved] = {}
    for update in updates:
        # The digests are taken before the catalog is read: a save in between makes
        # them disagree with the file, and the check before the rename notices.
        raw, digest = read_with_digest(update.path)
        before = content_digest(raw) if raw is not None else None
        digests[update.display] = digest
        po = update.seen.take(digest) if update.seen is not None else None
        if po is None:
            po = catalog.read_catalog(update.path, update.display)
        fresh = Fresh(update.path, update.display, po, digest, history.read(update.path))
        events = update.change(fresh)
        if not events:
            continue
        text = catalog.format_catalog(fresh.po)
        data = text.encode("utf-8")
        staging.stage(update.path, data)
        history.stage(staging, update.path, fresh.log_text, events)
        written[update.display] = (update.display, before, content_digest(data), catalog.located(fresh.po, text))
    return digests, written
