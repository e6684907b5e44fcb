"""The build use case: write each article in every language it has something to
translate into, from its catalogs.

``build`` re-parses each article (or takes extract's segments from the parse
cache), asks its catalog for each segment's translation and renders the article
with them (``formats.base.render``), reporting per article and language
(``BuildReport``). ``translations`` reads a catalog's usable translations.

It writes only built articles, always through a ``Staging``: a run lands all its
writes or none. It reads catalogs and never writes them (they are extract's and
the translators'), never prints, and imports no other use case.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from l10n.app import rerun, workspace
from l10n.app.config import Config
from l10n.app.rerun import Deferred, ParallelWalk, Steady, Tally
from l10n.app.workspace import Article, ParsedArticle, Progress
from l10n.errors import L10nError
from l10n.po.messages import message_keys, targets_of
from l10n.store.fileio import Staging, write_temp
from l10n.store.manifest import Manifest, digest

if TYPE_CHECKING:
    from l10n.formats.base import FormatOptions

# catalog (the PO reader and writer) and the renderers load on first use: a no-op re-run never needs them.

# A re-run's work item: the article, its languages to build, its parse cache row if any.
_Stale = tuple[Article, tuple[str, ...], str | None]


@dataclass(frozen=True)
class BuiltArticle:
    """What build did for one article in one language."""

    article: str
    lang: str
    output: str
    action: str  # written | unchanged | skipped | source (already in lang: not written)
    translated: int
    total: int
    reason: str = ""

    @property
    def coverage(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * self.translated / self.total


@dataclass(frozen=True)
class BuildReport:
    """What build did. Unchanged articles are only counted unless they carry a
    reason; with an ``on_result`` callback results are handed over, not kept."""

    articles: tuple[BuiltArticle, ...]  # results kept (none when streamed)
    counts: tuple[tuple[str, int], ...] = ()  # action -> articles
    notices: tuple[str, ...] = ()

    def count(self, action: str) -> int:
        return dict(self.counts).get(action, 0)

    @property
    def total(self) -> int:
        return sum(number for _, number in self.counts)


def build(
    config: Config,
    *,
    only: Sequence[str] = (),
    langs: Sequence[str] = (),
    progress: Progress = workspace.no_progress,
    on_result: Callable[[BuiltArticle], None] | None = None,
) -> BuildReport:
    """Write the localized version of every article in each of its target languages.

    A target language of an article is one that some of its segments are not in.
    Translated segments replace their source text; everything else is copied byte
    for byte. Segments without a usable translation keep the source text, and an
    article whose coverage is below ``min_coverage`` is not written (and said so).
    An article already wholly in a language is written in it only with
    ``copy_sources`` (the source with the language key set), and otherwise counted
    as ``source``.
    """
    targets = workspace.target_languages(config, langs)
    rerun.sweep_leftovers(config)
    manifest = rerun.open_manifest(config, "build")
    snapshot_name = "build:" + ",".join(targets)
    tally: Tally[BuiltArticle] = Tally(on_result, counted_only=_counted_only)
    if not only:
        steady = rerun.steady_tree(config, manifest, snapshot_name, partial(_files_of, config, targets))
        if steady is not None:
            return _steady_report(manifest, steady, tally)
    articles = workspace.iter_articles(config, only)
    parse_cache = rerun.open_parse_cache(config)
    work = partial(_build_article, config, Deferred(partial(workspace.format_options, config)))
    with Staging() as staging:
        walk: ParallelWalk[_Stale, _ArticleBuild] = ParallelWalk(config, staging, manifest)
        building = _Building(walk, parse_cache, tally, targets)
        walk.run(articles, stale=building.stale, work=work, record=building.record, progress=progress)
    parse_cache.close()
    if not only:  # every article was looked at: the snapshot covers the tree
        manifest.keep_snapshot(snapshot_name, building.steady_summary())
    manifest.save()
    return BuildReport(articles=tuple(tally.kept), counts=tally.sorted_counts(), notices=tuple(building.notices))


def _steady_report(manifest: Manifest, steady: Steady, tally: Tally[BuiltArticle]) -> BuildReport:
    """What build reports when nothing changed since the last build of every article:
    what that build kept with the snapshot."""
    manifest.close()
    for fields in steady.snapshot.get("reasons", []):
        tally.add(BuiltArticle(**fields))
    counts = steady.snapshot.get("counts", {})
    return BuildReport(articles=tuple(tally.kept), counts=tuple(sorted(counts.items())))


def _counted_only(result: BuiltArticle) -> bool:
    """Nothing to tell about the result: it is only counted."""
    return result.action in ("unchanged", "source") and not result.reason


def _files_of(config: Config, targets: Sequence[str], article: Article) -> Iterator[str]:
    """The files build reads and writes for an article, besides the article."""
    for lang in targets:
        yield workspace.catalog_display(config, article, lang)
        yield workspace.output_display(config, article, lang)


def translations(config: Config, cat_path: Path, display: str) -> dict[tuple[str | None, str], str]:
    """Usable translations of a catalog: (msgctxt, msgid) -> msgstr."""
    if not cat_path.exists():
        return {}
    from l10n.po import catalog

    return catalog.read_translations(cat_path, display, use_fuzzy=config.use_fuzzy)


class _Building:
    """What build does in the main process around its workers (see
    ``ParallelWalk.run``), and what that adds up."""

    def __init__(
        self,
        walk: ParallelWalk[_Stale, _ArticleBuild],
        parse_cache: Manifest,
        tally: Tally[BuiltArticle],
        targets: list[str],
    ) -> None:
        self.walk = walk
        self.parse_cache = parse_cache
        self.tally = tally
        self.notices: list[str] = []
        self.targets = targets
        self.inputs: dict[str, dict[str, str | None]] = {}  # for the articles in flight only
        # What a re-run with nothing changed will report: kept with the tree snapshot.
        self.steady_counts: Counter[str] = Counter()
        self.steady_reasons: list[dict[str, Any]] = []

    def report(self, result: BuiltArticle) -> None:
        """Count a result, and what a re-run with nothing changed will say of it."""
        self.tally.add(result)
        steady = replace(result, action="unchanged") if result.action == "written" else result
        self.steady_counts[steady.action] += 1
        if result.reason:
            self.steady_reasons.append(asdict(steady))

    def stale(self, article: Article) -> _Stale | None:
        """The article with its languages whose inputs or output changed since the last
        build; None (each language's remembered result reported) when none did."""
        config, manifest = self.walk.config, self.walk.manifest
        root = f"{config.root}/"
        article_digest = manifest.digest(root + article.display)
        stale = []
        for lang in self.targets:
            key = f"{lang}:{article.display}"
            current = {
                "article": article_digest,
                "catalog": manifest.digest(root + workspace.catalog_display(config, article, lang)),
                "output": manifest.digest(root + workspace.output_display(config, article, lang)),
            }
            remembered = manifest.matching(key, current)
            if remembered is not None:
                self.report(_remembered_result(article, lang, config, remembered))
            else:
                stale.append(lang)
                self.inputs[key] = current
        if not stale:
            return None
        for lang in stale:
            self.walk.staging.make_parents(workspace.output_path(config, article, lang))
        return article, tuple(stale), self.parse_cache.get_text(article.display)

    def record(self, outcome: _ArticleBuild) -> None:
        """Report one article's results (their outputs are already adopted) and remember them."""
        if outcome.notice:
            self.notices.append(outcome.notice)
        for result, _, output_digest in outcome.built:
            self.report(result)
            key = f"{result.lang}:{result.article}"
            recorded = self.inputs.pop(key)
            self.walk.manifest.record(
                key,
                {
                    **recorded,
                    "output": output_digest if output_digest is not None else recorded["output"],
                    "translated": str(result.translated),
                    "total": str(result.total),
                    "action": result.action,
                    "reason": result.reason,
                },
            )

    def steady_summary(self) -> dict[str, Any]:
        """What a re-run that finds nothing to do reports, for the tree snapshot."""
        # In walk order, as that re-run reports them.
        targets = self.targets
        self.steady_reasons.sort(key=lambda fields: (fields["article"].split("/"), targets.index(fields["lang"])))
        return {"counts": self.steady_counts, "reasons": self.steady_reasons}


def _remembered_result(
    article: Article, lang: str, config: Config, remembered: dict[str, str | None]
) -> BuiltArticle:
    action = remembered.get("action") or "unchanged"
    return BuiltArticle(
        article=article.display,
        lang=lang,
        output=workspace.output_display(config, article, lang),
        action="unchanged" if action == "written" else action,
        translated=int(remembered.get("translated") or 0),
        total=int(remembered.get("total") or 0),
        reason=remembered.get("reason") or "",
    )


@dataclass(frozen=True)
class _ArticleBuild:
    """One article's localized versions, done in a worker (see ``rerun.ParallelWalk``)."""

    article: str
    notice: str | None = None
    built: tuple[tuple[BuiltArticle, str | None, str | None], ...] = ()  # result, temp file, output digest
    error: L10nError | None = None

    def files(self) -> list[tuple[str, str | None, str | None]]:
        """(path, temporary file, digest) of the outputs written, for the main process to adopt."""
        return [(result.output, temp, output_digest) for result, temp, output_digest in self.built]


def _build_article(config: Config, options: Deferred, item: _Stale) -> _ArticleBuild:
    """Render one article in some languages; write changed outputs to temporary files."""
    article, langs, parsed_before = item
    built = []
    try:
        data = article.path.read_bytes()
        known = None
        # The row is for the bytes extract parsed; the article may have changed
        # since, and then only parsing again is right.
        if parsed_before is not None and rerun.row_digest(parsed_before) == digest(data):
            known = rerun.parsed_segments(parsed_before)
        parsed = workspace.parse_article(config, article, options.value, data, known)
        for lang in langs:
            out_path = workspace.output_path(config, article, lang)
            result, output = _build_one(config, parsed, lang, out_path, options.value)
            temp = write_temp(out_path, output) if output is not None else None
            if temp is not None:
                result = replace(result, action="written")
            built.append((result, temp, digest(output) if output is not None else None))
    except (L10nError, OSError) as error:
        rerun.discard(temp for _, temp, _ in built)
        return _ArticleBuild(article.display, error=rerun.user_error(error, article.display))
    return _ArticleBuild(article.display, parsed.source.notice, tuple(built))


def _build_one(
    config: Config,
    parsed: ParsedArticle,
    lang: str,
    out_path: Path,
    options: FormatOptions,
) -> tuple[BuiltArticle, bytes | None]:
    """One article in one language, and its bytes (None when it is not written)."""
    segments = targets_of(parsed.segments, lang)
    output = workspace.display_of(config, out_path)
    if not segments and not config.copy_sources:
        # Nothing to localize: the article is its own edition in this language (its
        # catalog in it, if any, is not read, so not looked for either).
        return BuiltArticle(parsed.article.display, lang, output, "source", 0, 0), None
    cat_path = workspace.catalog_path(config, parsed.article, lang)
    table = translations(config, cat_path, workspace.display_of(config, cat_path))
    keys = message_keys(segments)
    lookup_table = {
        seg: table[key] for seg, key in zip(segments, keys, strict=True) if key in table
    }
    translated = len(lookup_table)
    reason = ""
    if segments and not cat_path.exists():
        reason = "no catalog yet (run `l10n extract`)"
    if segments and 100 * translated < config.min_coverage * len(segments):
        coverage = 100 * translated // len(segments)
        reason = f"{coverage}% translated, below min_coverage {config.min_coverage}%"
        return BuiltArticle(parsed.article.display, lang, output, "skipped", translated, len(segments), reason), None
    from l10n.formats.base import render as render_document

    text = render_document(
        parsed.article.format,
        parsed.source.text,
        parsed.segments,
        lookup_table.get,
        lang=lang,
        options=options,
    )
    data = parsed.source.to_bytes(text)
    result = BuiltArticle(parsed.article.display, lang, output, "unchanged", translated, len(segments), reason)
    return result, data
