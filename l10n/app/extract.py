"""The extract use case: bring every catalog up to date with its article.

``extract`` walks the articles, merges each one's messages into its catalog in
every project language and reports what changed (``ExtractReport``); with
``check`` it writes nothing. What it compares per catalog (``catalog_change``)
and whether the whole tree is as its last run left it live in staleness.py,
which the check use case reads too.

It writes only catalogs (and, with ``prune``, deletes orphaned ones with their
history logs), always through a ``Staging``: a run lands all its writes or none.
Under ``.cache`` it keeps what makes the next run cheap: its manifest, the
segments it parsed, and the verdict of each catalog it brought up to date
(verdicts.py: status, check and build take it instead of judging again).
A catalog emptied or cut short is an error, never repaired: what it held may
still be in version control, and a fresh catalog would pass the loss off as work
not done yet. Deleting it first is how a user chooses to start over.
It never prints, never touches built articles (they are build's) and imports no
other use case.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from l10n.app import publishing, rerun, staleness, verdicts, workspace
from l10n.app.config import Config
from l10n.app.rerun import Deferred, ParallelWalk, Steady, Tally
from l10n.app.staleness import CatalogChange, catalog_change
from l10n.app.workspace import Article, Progress
from l10n.errors import L10nError
from l10n.formats import is_article_name
from l10n.frozen import filler_of
from l10n.store.fileio import Staging, read_file, write_temp
from l10n.store.manifest import Manifest, digest, file_stat

if TYPE_CHECKING:
    from l10n.po import catalog

# catalog (the PO reader and writer) and the review history load on first use: a no-op
# re-run never needs them.


@dataclass(frozen=True)
class ExtractReport:
    """What extract did. Unchanged catalogs are only counted; with an ``on_change``
    callback the changes are handed over as they happen and not kept either, so a
    run over any number of articles holds the same memory."""

    articles: int
    segments: int
    catalogs: tuple[CatalogChange, ...]  # changes kept (none when streamed)
    counts: tuple[tuple[str, int], ...] = ()  # action -> catalogs, unchanged included
    notices: tuple[str, ...] = ()
    checked_only: bool = False

    def count(self, action: str) -> int:
        return dict(self.counts).get(action, 0)

    @property
    def out_of_date(self) -> list[CatalogChange]:
        return [c for c in self.catalogs if c.action in ("created", "updated")]

    @property
    def stale(self) -> int:
        """How many catalogs are (or, with --check, were) out of date."""
        return self.count("created") + self.count("updated")


def extract(
    config: Config,
    *,
    only: Sequence[str] = (),
    check: bool = False,
    prune: bool = False,
    progress: Progress = workspace.no_progress,
    on_change: Callable[[CatalogChange], None] | None = None,
) -> ExtractReport:
    """Bring every catalog up to date with its article; with ``check``, write nothing.

    New segments get empty entries, changed ones keep their old translation as
    fuzzy, removed ones become obsolete. Catalogs whose article is gone are
    reported as orphaned, and deleted only with ``prune``.
    """
    if not check:
        rerun.sweep_leftovers(config)
    manifest = staleness.open_manifest(config, read_only=check)
    tally: Tally[CatalogChange] = Tally(on_change, counted_only=lambda change: change.action == "unchanged")
    glossary = Deferred(partial(workspace.project_glossary, config))
    judging = None if check else _judging(config, glossary)
    kept = verdicts.open_cache(config, judging.settings, read_only=False) if judging is not None else None
    # No verdicts kept for this policy and tool (the [publish] or [check] table
    # changed, or the cache is new): every article is judged again, its catalogs
    # left as they are when they are up to date.
    rejudge = kept is not None and kept.fresh
    if not only and not rejudge:
        steady = staleness.steady_tree(config, manifest)
        if steady is not None:
            if kept is not None:
                kept.close()
            return _steady_report(config, manifest, steady, tally, prune=prune, check=check)
    articles = workspace.iter_articles(config, only)
    parse_cache = rerun.open_parse_cache(config, read_only=check)
    work = partial(
        _extract_article,
        config,
        Deferred(partial(workspace.format_options, config)),
        glossary,
        not check,
        judging,
    )
    with Staging() as staging:
        walk: ParallelWalk[Article, _ArticleExtract] = ParallelWalk(config, staging, manifest)
        extraction = _Extraction(walk, parse_cache, tally, write=not check, kept=kept, rejudge=rejudge)
        total = workspace.count_articles(config, only)
        walked = walk.run(articles, stale=extraction.stale, work=work, record=extraction.record, progress=progress, total=total)
        progress(walked, walked, "")
        if not only:
            for change in _orphans(config, prune and not check, staging, manifest):
                tally.add(change)
        if check:
            staging.rollback()
    _finish(manifest, parse_cache, check=check, whole_tree=not only)
    if kept is not None:
        kept.save()  # only once every catalog has landed: a failed run keeps none of its rows
    return ExtractReport(
        articles=walked,
        segments=extraction.segments,
        catalogs=tuple(tally.kept),
        counts=tally.sorted_counts(),
        notices=tuple(extraction.notices),
        checked_only=check,
    )


def _finish(manifest: Manifest, parse_cache: Manifest, *, check: bool, whole_tree: bool) -> None:
    """Keep what the run learnt, unless it only checked."""
    if check:
        manifest.close()
        parse_cache.close()
        return
    if whole_tree:  # every article was looked at: the snapshot covers the tree
        manifest.keep_snapshot("extract")
    manifest.save()
    parse_cache.save()


def _steady_report(
    config: Config, manifest: Manifest, steady: Steady, tally: Tally[CatalogChange], *, prune: bool, check: bool
) -> ExtractReport:
    """What extract reports when every catalog is already up to date."""
    if steady.existing:
        tally.counts["unchanged"] = steady.existing
    with Staging() as staging:
        for change in _orphans(config, prune and not check, staging, manifest):
            tally.add(change)
        if check:
            staging.rollback()
    if tally.counts["pruned"]:  # forget the deleted catalogs' rows
        manifest.save()
    else:
        manifest.close()
    return ExtractReport(
        articles=steady.articles,
        segments=0,
        catalogs=tuple(tally.kept),
        counts=tally.sorted_counts(),
        checked_only=check,
    )


class _Extraction:
    """What extract does in the main process around its workers (see
    ``ParallelWalk.run``), and what that adds up."""

    def __init__(
        self,
        walk: ParallelWalk[Article, _ArticleExtract],
        parse_cache: Manifest,
        tally: Tally[CatalogChange],
        *,
        write: bool,
        kept: Manifest | None = None,
        rejudge: bool = False,
    ) -> None:
        self.walk = walk
        self.kept = kept  # the verdict cache (verdicts.py), None with --check
        self.rejudge = rejudge  # judge every article, even one whose files did not change
        self.parse_cache = parse_cache
        self.tally = tally
        self.write = write  # False with --check: catalogs are compared, not written
        self.segments = 0
        self.notices: list[str] = []
        # What ``stale`` found of each article in flight and its catalogs (path ->
        # stat and digest), for the verdict cache to take instead of reading them again.
        self.observed: dict[str, dict[str, tuple[os.stat_result | None, str | None]]] = {}
        # Articles ``stale`` stat-ed but did not hash (no manifest row): their stats.
        self.unhashed: dict[str, os.stat_result | None] = {}

    def stale(self, article: Article) -> Article | None:
        """The article when its inputs or outputs differ from what the manifest
        recorded; None (its catalogs counted unchanged) when they do not."""
        config, manifest = self.walk.config, self.walk.manifest
        root = f"{config.root}/"
        # Strings, not Paths: this is all a no-op re-run does.
        displays = {lang: workspace.catalog_display(config, article, lang) for lang in config.languages}
        article_name = root + article.display
        article_info = file_stat(article_name)
        # A manifest this run started empty holds no row of an article yet: each is walked once.
        known = None if manifest.fresh else manifest.get(article.display)
        if known is None:
            # Nothing recorded (a first run, a new article): it is stale whatever its
            # digest, and the worker reads its bytes anyway. Its digest is taken from
            # the worker's read (``record``) instead of a second read here; the stat,
            # taken first, is what the file's recorded state is kept under, as with
            # ``observe``: a file changed since looks changed to the next run.
            observed = {root + name: manifest.observe(root + name) for name in displays.values()}
            self.unhashed[article.display] = article_info
        else:
            observed = {article_name: (article_info, manifest.digest_of(article_name, article_info))}
            observed.update((root + name, manifest.observe(root + name)) for name in displays.values())
            current = {
                "article": observed[article_name][1],
                **{lang: observed[root + display][1] for lang, display in displays.items()},
            }
            if not self.rejudge and all(known.get(name) == value for name, value in current.items()):
                for lang, display in displays.items():
                    if current[lang] is not None:
                        self.tally.add(CatalogChange(article.display, lang, display, "unchanged"))
                return None
        if self.kept is not None:
            self.observed[article.display] = observed
        if self.write:
            for display in displays.values():
                # As a string: the staging looks each folder up by its name, and a
                # Path made for every catalog only to be looked up was 1-2% of a cold extract.
                self.walk.staging.make_parents(f"{config.root}/{display}")
        return article

    def record(self, outcome: _ArticleExtract) -> None:
        """Count one article's outcome (its catalogs are already adopted) and remember it."""
        self.notices.extend(outcome.notices)
        self.segments += outcome.segments
        for change, _, _ in outcome.catalogs:
            self.tally.add(change)
        if outcome.article in self.unhashed:  # its digest is the worker's (see ``stale``)
            self._learn_article(outcome.article, outcome.produced["article"])
        self.walk.manifest.record(outcome.article, outcome.produced)
        if outcome.parsed:
            self.parse_cache.record_text(outcome.article, outcome.parsed)
        if self.kept is not None:
            self._keep_verdicts(outcome)

    def _learn_article(self, article: str, article_digest: str | None) -> None:
        """Have the manifest (and the verdict cache) know the article's file from the
        stat ``stale`` took and the digest of the bytes the worker read after it."""
        name = f"{self.walk.config.root}/{article}"
        info = self.unhashed.pop(article)
        self.walk.manifest.learn(name, info, article_digest)
        if self.kept is not None:
            self.observed.setdefault(article, {})[name] = (info, article_digest)

    def _keep_verdicts(self, outcome: _ArticleExtract) -> None:
        """Keep the verdicts the worker reached, under the files' digests as they
        will be once the run lands (a written catalog's temporary file has its stat)."""
        assert self.kept is not None
        root = f"{self.walk.config.root}/"
        observed = self.observed.pop(outcome.article, {})
        self._keep_state(root + outcome.article, observed)
        staged = {change.path: (temp, catalog_digest) for change, temp, catalog_digest in outcome.catalogs}
        for lang, display, row in outcome.verdicts:
            temp, catalog_digest = staged.get(display, (None, None))
            if temp is not None and catalog_digest is not None:
                self.kept.wrote(root + display, catalog_digest, staged=temp)
            else:
                self._keep_state(root + display, observed)  # unchanged, or none there
            self.kept.record_text(verdicts.key(outcome.article, lang), row)

    def _keep_state(self, path: str, observed: dict[str, tuple[os.stat_result | None, str | None]]) -> None:
        """Have the verdict cache know the file at ``path`` as ``stale`` found it (the
        bytes the worker judged were read after that), or look at it afresh."""
        assert self.kept is not None
        if path in observed:
            self.kept.learn(path, *observed[path])
        else:
            self.kept.digest(path)


@dataclass(frozen=True)
class _ArticleExtract:
    """One article's extraction, done in a worker (see ``rerun.ParallelWalk``).

    New catalog bytes are already in temporary files beside their targets (the
    workers share the file creation, the slowest part of a cold run); the main
    process renames them into place or deletes them. A user error comes back as a
    value, so the main process still collects every temporary file to delete.
    """

    article: str
    segments: int = 0
    notices: tuple[str, ...] = ()
    catalogs: tuple[tuple[CatalogChange, str | None, str | None], ...] = ()  # change, temp file, digest
    produced: dict[str, str | None] = field(default_factory=dict)
    parsed: str = ""  # the parse cache row (see rerun.parsed_row)
    verdicts: tuple[tuple[str, str, str], ...] = ()  # (language, catalog, verdict row) per catalog judged
    error: L10nError | None = None

    def files(self) -> list[tuple[str, str | None, str | None]]:
        """(path, temporary file, digest) of the catalogs written, for the main process to adopt."""
        return [(change.path, temp, catalog_digest) for change, temp, catalog_digest in self.catalogs]


# An article's extraction is made without its frozen __init__ (frozen.filler_of), every
# field given by name: one per article.
_new_extract = filler_of(_ArticleExtract)


def _extract_article(
    config: Config, options: Deferred, glossary: Deferred, write: bool, judging: _Judging | None, article: Article
) -> _ArticleExtract:
    """Read one article and its catalogs; write changed catalogs to temporary files,
    and judge each catalog as it now is (``judging``: None with --check)."""
    catalogs = []
    judged = []
    try:
        data = read_file(article.path)
        parsed = workspace.parse_article(config, article, options.value, data)
        produced: dict[str, str | None] = {"article": digest(data)}
        for lang in config.languages:
            path = workspace.catalog_path(config, article, lang)
            change, catalog_bytes, contents = catalog_change(config, parsed, lang, path, glossary.value)
            produced[lang] = digest(catalog_bytes) if catalog_bytes is not None else None
            if judging is not None:
                display = change.path if change is not None else workspace.display_of(config, path)
                judged.append((lang, display, judging.row(parsed, lang, contents, produced)))
            if change is None:
                continue
            changed = change.action != "unchanged"
            new = change.action == "created"  # catalog_change found no file there
            temp = write_temp(path, catalog_bytes, new=new) if write and changed and catalog_bytes is not None else None
            catalogs.append((change, temp, produced[lang] if changed else None))
    except (L10nError, OSError) as error:
        rerun.discard(temp for _, temp, _ in catalogs)
        return _ArticleExtract(article.display, error=rerun.user_error(error, article.display))
    notices = (parsed.source.notice,) if parsed.source.notice else ()
    row = rerun.parsed_row(produced["article"] or "", parsed.segments) if write else ""
    return _new_extract(
        article=article.display,
        segments=len(parsed.segments),
        notices=notices,
        catalogs=tuple(catalogs),
        produced=produced,
        parsed=row,
        verdicts=tuple(judged),
        error=None,
    )


@dataclass(frozen=True)
class _Judging:
    """What a worker needs to judge the catalogs it has just brought up to date."""

    config: Config
    settings: publishing.PublishSettings
    glossary: Deferred

    def row(self, parsed: workspace.ParsedArticle, lang: str, po: catalog.Catalog | None, produced: dict[str, str | None]) -> str:
        """The verdict cache row of one catalog (verdicts.py), judged as status would
        judge it now that it is up to date; without a catalog, a row saying so.
        ``po`` is the catalog as its bytes read, lines included (``catalog_change``)."""
        article_digest = produced["article"] or ""
        if po is None:
            return verdicts.Row(article_digest).encode()
        source = publishing.LazyArticle(self.config, parsed.article, parsed)
        return verdicts.judged_row(self.settings, self.glossary.value, source, lang, po, article_digest, produced[lang] or "")


def _judging(config: Config, glossary: Deferred) -> _Judging | None:
    """How this run judges catalogs; None when the publishing settings are unusable
    (status and check report that; extract has no verdicts to keep then)."""
    try:
        return _Judging(config, publishing.publish_settings(config), glossary)
    except L10nError:
        return None


def _orphans(config: Config, prune: bool, staging: Staging, manifest: Manifest) -> list[CatalogChange]:
    """Catalogs whose article no longer exists (checked per catalog: no second walk)."""
    content = str(config.content_dir)
    found: list[CatalogChange] = []
    if not config.locales_dir.is_dir():
        return found
    locales_prefix = config.locales
    content_prefix = config.content
    for lang_dir in sorted(p for p in config.locales_dir.iterdir() if p.is_dir()):
        workspace.inside_project(config, lang_dir, f"{locales_prefix}/{lang_dir.name}")
        for rel, is_link in workspace.walk_files(str(lang_dir)):
            if not rel.endswith(".po"):
                continue
            if is_link:
                workspace.inside_project(config, lang_dir / rel, f"{locales_prefix}/{lang_dir.name}/{rel}")
            source = rel[: -len(".po")]
            if is_article_name(source) and os.path.isfile(os.path.join(content, source)):
                continue
            article = f"{content_prefix}/{rel[: -len('.po')]}"
            display = f"{locales_prefix}/{lang_dir.name}/{rel}"
            if prune:
                staging.stage_delete(config.root / display)
                from l10n.po import history

                log = history.path_for(config.root / display)
                workspace.inside_project(config, log, workspace.display_of(config, log))
                staging.stage_delete(log)
                manifest.forget(article)
            found.append(CatalogChange(article, lang_dir.name, display, "pruned" if prune else "orphaned"))
    return found
