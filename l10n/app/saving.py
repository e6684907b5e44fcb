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

from l10n.app.config import Config
from l10n.app.workspace import cache_file
from l10n.errors import L10nError
from l10n.po import catalog, history
from l10n.store import lock
from l10n.store.fileio import Staging

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
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return ""


def lock_file(config: Config, display: str) -> Path:
    """Where the lock of catalog ``display`` lives: the cache folder, out of git's way."""
    return cache_file(config, "locks/" + display.replace("/", "%") + ".lock")


def update(config: Config, updates: Sequence[Update], *, command: str) -> set[str]:
    """Apply ``updates`` to fresh reads of their catalogs; all land or none do.

    Returns the display paths of the catalogs written.
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
                    return written
            except BaseException:
                staging.rollback()
                raise
            staging.rollback()  # saved by a program that takes no lock: apply again
    raise L10nError(
        "kept changing while being saved",
        path=updates[0].display,
        hint="nothing was written; close the file in other programs and run the command again",
    )


def _stage(updates: Sequence[Update], staging: Staging) -> tuple[dict[str, str], set[str]]:
    digests: dict[str, str] = {}
    written: set[str] = set()
    for update in updates:
        # The digest is taken before the read: a save in between makes them
        # disagree, and the check before the rename notices.
        digest = digest_of(update.path)
        digests[update.display] = digest
        po = update.seen.take(digest) if update.seen is not None else None
        if po is None:
            po = catalog.read_catalog(update.path, update.display)
        fresh = Fresh(update.path, update.display, po, digest, history.read(update.path))
        events = update.change(fresh)
        if not events:
            continue
        staging.stage(update.path, catalog.format_catalog(fresh.po).encode("utf-8"))
        history.stage(staging, update.path, fresh.log_text, events)
        written.add(update.display)
    return digests, written
