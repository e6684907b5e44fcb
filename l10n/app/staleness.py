"""Whether catalogs are out of date with their articles: what extract compares.

``catalog_change`` says what extract would do to one catalog (and the bytes it
would write); ``catalogs_up_to_date`` says, with one stat per file, whether
extract's last run left every article and catalog as they are now. Extract
writes what they compute; the check use case only compares. ``open_manifest``
and ``steady_tree`` are extract's manifest and snapshot, which both read.

It computes and reads, never writes a file (the manifest it opens is the
caller's to save or close) and never prints. It imports no use case. The PO
reader and writer load on first use: a no-op re-run never needs them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from l10n.app import rerun, workspace
from l10n.app.config import NEVER_TRANSLATE_FILE, Config
from l10n.app.rerun import Steady
from l10n.app.workspace import ParsedArticle
from l10n.errors import L10nError
from l10n.frozen import filler_of
from l10n.po.messages import (
    COMMENTS_VERSION,
    catalog_header,
    context_comment,
    creation_fields,
    headline_of,
    messages_for,
    targets_of,
)
from l10n.store.manifest import Manifest, TreeSum, file_digest

if TYPE_CHECKING:
    from l10n.po import catalog
    from l10n.qa.glossary import Glossary


@dataclass(frozen=True)
class CatalogChange:
    """What extract did (or, with --check, would do) to one catalog."""

    article: str
    lang: str
    path: str
    action: str  # created | updated | unchanged | orphaned | pruned
    entries: int = 0
    added: int = 0
    fuzzy: int = 0
    obsoleted: int = 0


# A created catalog's change is made without its frozen __init__ (frozen.filler_of),
# every field given by name: a cold extract makes one per catalog.
_new_change = filler_of(CatalogChange)


def catalogs_up_to_date(config: Config) -> bool:
    """Whether extract's last run left every article and catalog exactly as they are
    now (one stat per file); False when that cannot be known."""
    manifest = open_manifest(config, read_only=True)
    try:
        return steady_tree(config, manifest) is not None
    finally:
        manifest.close()


def left_as_extract_left_it(config: Config, tree: TreeSum) -> bool:
    """``catalogs_up_to_date`` from the caller's own stats: ``tree`` sums every article
    and its catalog in each of the project's languages as they are now (``TreeSum.take``
    on each: the files ``steady_tree`` stats, in any order)."""
    manifest = open_manifest(config, read_only=True)
    try:
        snapshot = manifest.snapshot("extract")
        return snapshot is not None and manifest.holds(snapshot, tree)
    finally:
        manifest.close()


def steady_tree(config: Config, manifest: Manifest) -> Steady | None:
    """The tree as the last extract left it, if no article or catalog changed since."""
    return rerun.steady_tree(config, manifest, "extract", partial(workspace.catalog_displays, config))


# How verdicts.py keeps its rows; bumped whenever what a row holds, or how a verdict
# is reached, changes without a release (an old row must not pass for a verdict).
VERDICT_ROWS = 3


def glossary_stamp(config: Config) -> str:
    """The digests of the glossary files, for the stamps of caches that depend on them."""
    return "".join(file_digest(config.root / name) or "-" for name in (config.glossary, NEVER_TRANSLATE_FILE))


def open_manifest(config: Config, *, read_only: bool = False) -> Manifest:
    """Extract's manifest: what its last run read and wrote, per article.

    ``read_only`` for callers that only compare (``extract --check``, ``check``):
    such a manifest never writes its file, whatever the caller does with it.
    """
    # The glossary files' digests are part of the stamp: their hints go in catalogs.
    glossaries = glossary_stamp(config)
    # The verdicts extract keeps (verdicts.py) are part of what a run leaves: a new
    # way of keeping them makes the next run a full one.
    return rerun.open_manifest(config, "extract", extra=f"{glossaries}\n{COMMENTS_VERSION}\n{VERDICT_ROWS}", read_only=read_only)


PREVIEW_FIELDS = ("path", "slug")


def _context(config: Config, parsed: ParsedArticle) -> str:
    """The ``article:`` comment: the headline, and the preview link or the article's path."""
    article = parsed.article
    where = article.display
    if config.preview:
        fields = {"path": article.rel, "slug": article.rel.rsplit(".", 1)[0]}
        try:
            where = config.preview.format_map(fields)
        except (KeyError, ValueError, IndexError) as error:
            raise L10nError(
                f"preview pattern {config.preview!r} does not work: {error}",
                path=config.source,
                hint='use {path} (news/story.md) or {slug} (news/story), e.g. preview = "https://preview.example.org/{slug}"',
            ) from None
    return context_comment(headline_of(parsed.segments), where)


def catalog_change(
    config: Config,
    parsed: ParsedArticle,
    lang: str,
    path: Path,
    glossary: Glossary | None = None,
    existing: catalog.Catalog | None = None,
) -> tuple[CatalogChange | None, bytes | None, catalog.Catalog | None]:
    """What extract does to one catalog, and the catalog's bytes and contents afterwards
    (entries with the lines they are on in those bytes).

    A catalog is "unchanged" when its header fields and entries hold what merging
    the article would give, however its file is laid out (``catalog.same_content``).
    (None, None, None) when the article has nothing for this language and never had.
    ``existing`` is the catalog at ``path`` when the caller has already read it
    (``l10n check`` does, for its own checks); it is left as it was.
    """
    segments = targets_of(parsed.segments, lang)
    exists = existing is not None or path.exists()
    if not segments and not exists:
        return None, None, None  # nothing to translate into this language, and never was
    display = workspace.display_of(config, path)
    article = parsed.article.display
    from l10n.po import catalog

    on_disk: bytes | None = None  # the catalog's bytes, once read
    if existing is None and exists:
        on_disk = catalog.read_bytes(path, display)
        existing = catalog.parse_catalog(on_disk, display)
    messages = messages_for(parsed.article, segments, lang, glossary, _context(config, parsed))
    header = catalog_header(parsed.article, lang, segments)
    if existing is None:
        header.update(creation_fields())
        # A new catalog is made, printed and placed on its lines in one pass.
        created, text = catalog.new_catalog_text(header, messages)
        change = _new_change(
            article=article, lang=lang, path=display, action="created", entries=len(messages), added=created.added, fuzzy=0, obsoleted=0
        )
        return change, text.encode("utf-8"), created.catalog
    result = catalog.merge(existing, messages, header)
    # Compared entry by entry, not byte by byte: a PO editor's save re-wraps
    # lines, which leaves the catalog as up to date as it was. Such a file is
    # left as its editor saved it, and its own bytes are what it holds now.
    # The entries are compared first: an unchanged catalog, the usual case,
    # is then never formatted (formatting was a fifth of extract's time).
    if on_disk is None:
        on_disk = path.read_bytes()
    catalog.check_not_cut_short(existing, on_disk, len(messages), display)
    if catalog.same_content(existing, result.catalog) or on_disk == (data := _formatted(result.catalog)):
        return CatalogChange(article, lang, display, "unchanged", entries=len(messages)), on_disk, existing
    change = CatalogChange(
        article,
        lang,
        display,
        "updated",
        entries=len(messages),
        added=result.added,
        fuzzy=result.fuzzy,
        obsoleted=result.obsoleted,
    )
    return change, data, catalog.located(result.catalog, data.decode("utf-8"))


def _formatted(po: catalog.Catalog) -> bytes:
    from l10n.po import catalog

    return catalog.format_catalog(po).encode("utf-8")
