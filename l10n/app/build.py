"""The build use case: write each article in every language it has something to
translate into, from its catalogs, when the publishing policy says it is ready.

``build`` re-parses each article (or takes extract's segments from the parse
cache), asks the publishing policy (publishing.py) for its verdict in each
language and renders a ready article with the translations the verdict lets
through (``formats.base.render``), with ``lang:`` and the disclosure keys
(formats/disclosure.py). A blocked article is not written: a version published
before stays (``kept``) unless the run withdraws it. It reports per article and
language (``BuildReport``).

It writes (and, withdrawing, deletes) only built articles, always through a
``Staging``: a run lands all its writes or none. It reads catalogs and never writes them (they are extract's and
the translators'), never prints, and imports no other use case.
"""

from __future__ import annotations

import json
import posixpath
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from l10n.app import config as config_module
from l10n.app import publishing, rerun, workspace
from l10n.app import verdicts as kept_verdicts
from l10n.app.config import Config
from l10n.app.rerun import Deferred, ParallelWalk, Steady, Tally
from l10n.app.workspace import Article, ParsedArticle, Progress
from l10n.errors import L10nError
from l10n.po.messages import message_keys, targets_of
from l10n.qa.glossary import Glossary
from l10n.store.fileio import Staging, read_file, write_temp
from l10n.store.manifest import Manifest, digest

if TYPE_CHECKING:
    from l10n.formats.base import Format, FormatOptions

# catalog (the PO reader and writer) and the renderers load on first use: a no-op re-run never needs them.


class _Stale(NamedTuple):
    """An article to build, found by the main process and handed to a worker."""

    article: Article
    # Its stale languages, each with its output path (found once, by the main
    # process, which makes their folders), that path as reports show it
    # (``_shown``) and whether that output was missing then.
    outputs: tuple[tuple[str, Path, str, bool], ...]
    parsed_before: str | None  # its parse cache row
    kept: dict[str, publishing.Verdict] | None  # the verdicts extract kept, when they still hold
    # The bytes of the files the main process read to hash them, by display path
    # (the article, its catalogs): the worker takes them instead of reading again.
    read: dict[str, bytes]
    # The digest of the article's bytes in ``read`` (None when they are not there): the
    # worker compares it with the parse cache row's instead of hashing them again.
    article_digest: str | None


class BuiltArticle(NamedTuple):
    """What build did for one article in one language.

    A named tuple, not a frozen dataclass: a build makes two or three results per
    article, each in a third of the time, and a dataclass costs every start-up half
    a millisecond (its methods are compiled from source)."""

    article: str
    lang: str
    output: str
    # written | unchanged | source (already in lang: not written) | blocked (not written)
    # | kept (blocked; the version published before stays) | withdrawn (blocked; deleted)
    action: str
    translated: int
    total: int
    reason: str = ""  # why it is not written: the verdict's reasons, one a line

    @property
    def coverage(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * self.translated / self.total


def _result_row(result: BuiltArticle) -> dict[str, object]:
    """The result's fields by name, in their order."""
    return result._asdict()


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


BLOCKED_ACTIONS = ("blocked", "kept", "withdrawn")


class _Publishing(NamedTuple):  # named tuples, not dataclasses: see _ArticleBuild
    """What the workers need to judge an article: the policy, the glossary, the targets."""

    settings: publishing.PublishSettings
    glossary: Glossary
    targets: tuple[str, ...]
    withdraw: bool


def build(
    config: Config,
    *,
    only: Sequence[str] = (),
    langs: Sequence[str] = (),
    progress: Progress = workspace.no_progress,
    on_result: Callable[[BuiltArticle], None] | None = None,
    coverage: int | None = None,
    withdraw: bool = False,
) -> BuildReport:
    """Write the localized version of every article the publishing policy lets through.

    A target language of an article is one that some of its segments are not in.
    In each, the article is written only when its verdict is ready: the
    translations the policy accepts replace their source text, everything else is
    copied byte for byte. A blocked article is reported with its reasons; a version
    published before stays unless ``withdraw``. ``coverage`` overrides the policy's.
    An article already wholly in a language is written in it only with
    ``copy_sources`` (the source with the language key set), and otherwise counted
    as ``source``.
    """
    targets = workspace.target_languages(config, langs)
    _check_output_is_known_to_extract(config)
    settings = publishing.publish_settings(config, coverage=coverage)
    glossary = workspace.project_glossary(config)
    rerun.sweep_leftovers(config)
    # The policy and the glossary decide what is written: a change to either rebuilds.
    glossary_file = config.root / config.glossary
    policy = f"{settings.fingerprint()}\n{withdraw}\n{digest(glossary_file.read_bytes()) if glossary_file.is_file() else ''}"
    manifest = rerun.open_manifest(config, "build", f"{_MANIFEST_ROWS}\n{policy}")
    snapshot_name = "build:" + ",".join(targets)
    reasons = f"{_REASONS}{snapshot_name}\n"  # the rows of what a re-run with nothing to do reports
    tally: Tally[BuiltArticle] = Tally(on_result, counted_only=_counted_only)
    if not only:
        steady = rerun.steady_tree(config, manifest, snapshot_name, partial(_files_of, config, targets))
        if steady is not None:
            return _steady_report(manifest, steady, tally, reasons)
        manifest.forget_under(reasons)  # the last full run's; this one's are kept as they come
    articles = workspace.iter_articles(config, only)
    parse_cache = rerun.open_parse_cache(config)
    judging = _Publishing(settings, glossary, tuple(workspace.target_languages(config)), withdraw)
    # Each made on first use: only an article parsed again reads the never-translate
    # patterns that format_options compiles; writing articles reads render_options.
    parsing = Deferred(partial(workspace.format_options, config))
    rendering = Deferred(partial(workspace.render_options, config))
    work = partial(_build_article, config, parsing, rendering, judging)
    kept = kept_verdicts.open_cache(config, settings, read_only=True)
    with Staging() as staging:
        walk: ParallelWalk[_Stale, _ArticleBuild] = ParallelWalk(config, staging, manifest)
        # A full run asks for the articles' rows in path order: one query streams them.
        parsed_before = parse_cache.get_text if only else parse_cache.texts_in_order(f"{config.content}/")
        building = _Building(walk, parsed_before, tally, targets, kept, judging.targets, None if only else reasons)
        total = workspace.count_articles(config, only)
        walk.run(articles, stale=building.stale, work=work, record=building.record, progress=progress, total=total)
    parse_cache.close()
    kept.close()
    if not only:  # every article was looked at: the snapshot covers the tree
        manifest.keep_snapshot(snapshot_name, building.steady_summary())
    manifest.save()
    return BuildReport(articles=tuple(tally.kept), counts=tally.sorted_counts(), notices=tuple(building.notices))


def _check_output_is_known_to_extract(config: Config) -> None:
    """Refuse an output pattern that writes into the content folder unless it is the
    configuration file's.

    ``extract`` tells built articles from sources by the output pattern it reads in
    the configuration; a pattern given once as a flag or an environment variable is
    unknown to the next extract, which would read ``story.en.md`` as a new article.
    Remembering the flag in the cache would not do: the cache is safe to delete.
    """
    if config_module.origin(config, "output") == "file":
        return
    sample = config.output.format(
        lang=config.languages[0], path="x/a.md", dir=f"{config.content}/x", stem="a", ext=".md"
    )
    if not posixpath.normpath(sample).startswith(config.content + "/"):
        return
    path, line = config_module.where(config, "output")
    raise L10nError(
        f"output pattern {config.output!r} writes into {config.content}/, and the next `l10n extract` "
        "would read the built articles as new ones",
        path=path,
        line=line,
        hint=f'set it in l10n.toml, where extract reads it too: output = "{config.output}"',
    )


# Manifest rows (key prefix) of the results a re-run with nothing changed reports again.
_REASONS = "steady-reason\n"
# How the build manifest keeps its rows; bumped when that changes without a release,
# so that an older manifest is started afresh rather than misread (2: the results
# with a reason moved out of the tree snapshot into rows of their own).
_MANIFEST_ROWS = 2


def _steady_report(manifest: Manifest, steady: Steady, tally: Tally[BuiltArticle], reasons: str) -> BuildReport:
    """What build reports when nothing changed since the last build of every article:
    what that build kept with the snapshot, read a row at a time."""
    for text in manifest.texts_under(reasons):
        tally.add(BuiltArticle(**json.loads(text)))
    manifest.close()
    counts = steady.snapshot.get("counts", {})
    return BuildReport(articles=tuple(tally.kept), counts=tuple(sorted(counts.items())))


def _walk_order(article: str, lang_index: int) -> str:
    """A key that sorts as the walk reports: by path component ("a/b" before "a/b/c"
    and "a-b/c"), then by target language. Every character of a path component sorts
    after the separator U+0001, so comparing keys compares the components in turn."""
    return "\x01".join(article.split("/")) + f"\x01\x01{lang_index:04d}"


def _counted_only(result: BuiltArticle) -> bool:
    """Nothing to tell about the result: it is only counted."""
    return result.action in ("unchanged", "source") and not result.reason


def _files_of(config: Config, targets: Sequence[str], article: Article) -> Iterator[str]:
    """The files build reads and writes for an article, besides the article."""
    for lang in targets:
        yield workspace.catalog_display(config, article, lang)
        yield workspace.output_display(config, article, lang)


class _Building:
    """What build does in the main process around its workers (see
    ``ParallelWalk.run``), and what that adds up."""

    def __init__(
        self,
        walk: ParallelWalk[_Stale, _ArticleBuild],
        parsed_before: Callable[[str], str | None],
        tally: Tally[BuiltArticle],
        targets: list[str],
        kept: Manifest,
        judged: Sequence[str],
        reasons: str | None,
    ) -> None:
        self.walk = walk
        self.kept = kept  # the verdicts extract kept, read-only
        self.judged = judged  # every target language: an article's versions name each other
        self.parsed_before = parsed_before  # an article's parse cache row (rerun.open_parse_cache)
        self.tally = tally
        self.notices: list[str] = []
        self.targets = targets
        self.inputs: dict[str, dict[str, str | None]] = {}  # for the articles in flight only
        # What a re-run with nothing changed will report: the counts go with the tree
        # snapshot, the results with a reason into manifest rows under ``reasons`` as
        # they come (None: a run over some articles, which keeps no snapshot). Held
        # in memory they grew with the project: 28 MB more at 4,000 blocked articles.
        self.steady_counts: Counter[str] = Counter()
        self.reasons = reasons

    def report(self, result: BuiltArticle) -> None:
        """Count a result, and what a re-run with nothing changed will say of it."""
        self.tally.add(result)
        self.steady_counts["unchanged" if result.action == "written" else result.action] += 1
        if result.reason and self.reasons is not None:
            steady = _with_action(result, "unchanged") if result.action == "written" else result
            key = self.reasons + _walk_order(steady.article, self.targets.index(steady.lang))
            self.walk.manifest.record_text(key, json.dumps(_result_row(steady), ensure_ascii=False))

    def stale(self, article: Article) -> _Stale | None:
        """The article with its languages whose inputs or output changed since the last
        build; None (each language's remembered result reported) when none did."""
        config, manifest = self.walk.config, self.walk.manifest
        root = f"{config.root}/"
        # The article and catalogs as the manifest finds them, for the kept verdicts to
        # be checked against too: each file is stat-ed and read (when it must be) once.
        observed: kept_verdicts.Observed = {}
        read: dict[str, bytes] = {}  # the bytes hashed, for the worker (see _Stale)

        def observe(display: str) -> str | None:
            info, hashed, data = manifest.observe_read(root + display)
            observed[root + display] = info, hashed
            if data is not None:
                read[display] = data
            return hashed

        article_digest = observe(article.display)
        stale = []
        output_displays = {}
        for lang in self.targets:
            key = f"{lang}:{article.display}"
            output_displays[lang] = output_display = workspace.output_display(config, article, lang)
            current = {
                "article": article_digest,
                "catalog": observe(workspace.catalog_display(config, article, lang)),
                "output": manifest.digest(root + output_display),
            }
            # A manifest this run started empty holds only the rows it recorded, and
            # each article is walked once: there is no row to look for.
            remembered = None if manifest.fresh else manifest.matching(key, current)
            if remembered is not None:
                self.report(_remembered_result(article, lang, config, remembered))
            else:
                stale.append(lang)
                self.inputs[key] = current
        if not stale:
            return None
        outputs = []
        for lang in stale:
            out_path = workspace.output_path(config, article, lang)
            self.walk.staging.make_parents(out_path)
            missing = self.inputs[f"{lang}:{article.display}"]["output"] is None  # no file there when hashed
            outputs.append((lang, out_path, _shown(config, out_path, output_displays[lang]), missing))
        found = kept_verdicts.lookup(config, self.kept, article, self.judged, observed=observed)
        kept = {j.lang: j.verdict for j in found if j.verdict is not None} if found is not None else None
        for lang in kept or ():
            read.pop(workspace.catalog_display(config, article, lang), None)  # judged already: not parsed
        handed_digest = article_digest if article.display in read else None
        return _Stale(article, tuple(outputs), self.parsed_before(article.display), kept, read, handed_digest)

    def record(self, outcome: _ArticleBuild) -> None:
        """Report one article's results (their outputs are already adopted) and remember them."""
        if outcome.notice:
            self.notices.append(outcome.notice)
        for result, _, output_digest in outcome.built:
            self.report(result)
            key = f"{result.lang}:{result.article}"
            recorded = self.inputs.pop(key)
            if result.action == "withdrawn":
                self.walk.staging.stage_delete(self.walk.config.root / result.output)
                recorded = {**recorded, "output": None}
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
        """What a re-run that finds nothing to do reports, for the tree snapshot (with
        the rows under ``reasons``)."""
        return {"counts": self.steady_counts}


def _shown(config: Config, out_path: Path, display: str) -> str:
    """``workspace.display_of(config, out_path)``, for the output path that ``display``
    names (``workspace.output_path``): ``display`` itself when the Path leaves it as it is."""
    if workspace.is_plain_display(display):
        return display
    return workspace.display_of(config, out_path)


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


class _ArticleBuild(NamedTuple):
    """One article's localized versions, done in a worker (see ``rerun.ParallelWalk``).

    This module's own records are named tuples, not frozen dataclasses: each
    dataclass costs every start-up half a millisecond (its methods are compiled from
    source), and nothing compares or prints these."""

    article: str
    notice: str | None = None
    built: tuple[tuple[BuiltArticle, str | None, str | None], ...] = ()  # result, temp file, output digest
    error: L10nError | None = None

    def files(self) -> list[tuple[str, str | None, str | None]]:
        """(path, temporary file, digest) of the outputs written, for the main process to adopt."""
        return [(result.output, temp, output_digest) for result, temp, output_digest in self.built]


def _build_article(config: Config, parsing: Deferred, rendering: Deferred, judging: _Publishing, item: _Stale) -> _ArticleBuild:
    """Render one article in some languages; write changed outputs to temporary files."""
    article, outputs, parsed_before, kept, read, article_digest = item
    built = []
    try:
        data = read.get(article.display)
        if data is None:
            data = read_file(article.path)
            article_digest = None  # read here, after the main process looked: hashed here
        known = None
        # The row is for the bytes extract parsed; the article may have changed
        # since, and then only parsing again is right. The digest of bytes the main
        # process read and handed over is of these very bytes (Manifest.observe_read).
        if parsed_before is not None and rerun.row_digest(parsed_before) == (article_digest or digest(data)):
            known = rerun.parsed_segments(parsed_before)
        # Segments already known need no cutting, so no never-translate patterns compiled.
        options = parsing.value if known is None else rendering.value
        parsed = workspace.parse_article(config, article, options, data, known)
        verdicts = _verdicts(config, judging, parsed, kept, read)
        for lang, out_path, shown, missing in outputs:  # output_path checked them (no way out of the project)
            edition = _Edition(parsed, lang, out_path, shown, verdicts)
            result, output = _build_one(config, edition, rendering.value, judging.withdraw)
            # An output the main process found missing is not looked for again: one
            # that appeared since is replaced by the rename, as one that appears
            # between write_temp's own look and the rename would be.
            temp = write_temp(out_path, output, new=missing) if output is not None else None
            if temp is not None:
                result = _with_action(result, "written")
            built.append((result, temp, digest(output) if output is not None else None))
    except (L10nError, OSError) as error:
        rerun.discard(temp for _, temp, _ in built)
        return _ArticleBuild(article.display, error=rerun.user_error(error, article.display))
    return _ArticleBuild(article.display, parsed.source.notice, tuple(built))


def _verdicts(
    config: Config,
    judging: _Publishing,
    parsed: ParsedArticle,
    kept: dict[str, publishing.Verdict] | None,
    read: dict[str, bytes],
) -> dict[str, publishing.Verdict]:
    """The article's verdict in every target language it has something to translate
    into: as extract kept it when it did (``kept``), else judged here, from the
    catalog's bytes in ``read`` (by display path) when the main process read them."""
    from l10n.po import catalog

    source = publishing.LazyArticle(config, parsed.article, parsed)
    verdicts = {}
    for lang in judging.targets:
        segments = targets_of(parsed.segments, lang)
        if not segments:
            continue
        if kept is not None and lang in kept:
            verdicts[lang] = kept[lang]
            continue
        path = workspace.catalog_path(config, parsed.article, lang)
        display = workspace.display_of(config, path)
        data = read.get(display)
        po: catalog.Catalog | None = None
        if data is not None:  # the bytes the manifest hashed: what the build records it read
            po = catalog.parse_catalog(data, display)
        elif path.exists():
            po = catalog.read_catalog(path, display)
        subject = publishing.Subject(config, judging.settings.for_lang(lang), judging.glossary, source, lang)
        # The build acts on the decision alone: findings that only inform are left to
        # `l10n check` and `l10n status`, which judge for themselves.
        verdicts[lang] = publishing.verdict(subject, po, keys=message_keys(segments), informing=False)
    return verdicts


def _other_languages(parsed: ParsedArticle, verdicts: dict[str, publishing.Verdict], lang: str) -> tuple[str, ...]:
    """The languages the article is published in besides ``lang``: those it is
    wholly written in (published as it is), and those it is ready in. A bilingual
    article is in neither of its languages as written: each is a version only when ready."""
    written = {seg.lang for seg in parsed.segments if seg.lang} - set(verdicts)
    ready = {other for other, verdict in verdicts.items() if verdict.ready}
    return tuple(sorted((written | ready) - {lang}))


def _alternates(
    config: Config, article: Article, lang: str, others: Sequence[str], verdicts: dict[str, publishing.Verdict]
) -> tuple[tuple[str, str], ...]:
    """Where each of ``others`` is published, relative to the ``lang`` version: the
    built version, or the source article itself for a language it is wholly in when
    build does not copy sources (``source``: not written)."""
    here = posixpath.dirname(workspace.output_display(config, article, lang))
    found = []
    for other in others:
        built = other in verdicts or config.copy_sources
        target = workspace.output_display(config, article, other) if built else article.display
        found.append((other, _relative_address(target, here)))
    return tuple(found)


def _relative_address(target: str, folder: str) -> str:
    """``posixpath.relpath(normpath(target), folder or ".")`` for two paths relative to
    the project root, without making them absolute first: ``relpath`` asks the system
    for the working folder twice per call (a syscall each), and the address only
    depends on where the two paths part. A path that climbs above its start (``..``)
    or is absolute is left to ``relpath``."""
    target, folder = posixpath.normpath(target), posixpath.normpath(folder or ".")
    if target.startswith(("/", "..")) or folder.startswith(("/", "..")):
        return posixpath.relpath(target, folder)
    to = [] if target == "." else target.split("/")
    start = [] if folder == "." else folder.split("/")
    shared = 0
    for step, start_step in zip(to, start, strict=False):  # they part where the shorter ends, if not before
        if step != start_step:
            break
        shared += 1
    return "/".join([".."] * (len(start) - shared) + to[shared:]) or "."


def _with_action(result: BuiltArticle, action: str) -> BuiltArticle:
    """``result._replace(action=action)``, without its walk over the fields by name."""
    return BuiltArticle(result.article, result.lang, result.output, action, result.translated, result.total, result.reason)


class _Edition(NamedTuple):  # a named tuple: see _ArticleBuild
    """One article in one language, as build is about to write it."""

    parsed: ParsedArticle
    lang: str
    out_path: Path
    output: str  # out_path as reports show it
    verdicts: dict[str, publishing.Verdict]  # the article's, in every language it has something to translate into

    @property
    def verdict(self) -> publishing.Verdict | None:
        """The verdict in this language; None: nothing to translate into it."""
        return self.verdicts.get(self.lang)


def _build_one(config: Config, edition: _Edition, options: FormatOptions, withdraw: bool) -> tuple[BuiltArticle, bytes | None]:
    """One article in one language, and its bytes (None when it is not written)."""
    parsed, lang, verdict = edition.parsed, edition.lang, edition.verdict
    output = edition.output
    if verdict is None and not config.copy_sources:
        # Nothing to localize: the article is its own edition in this language.
        return BuiltArticle(parsed.article.display, lang, output, "source", 0, 0), None
    if verdict is not None and not verdict.ready:
        reasons = verdict.in_words()
        action = "blocked"
        if edition.out_path.exists():
            action = "withdrawn" if withdraw else "kept"
            reasons.append("withdrew the version published before" if withdraw else "kept the version published before")
        result = BuiltArticle(parsed.article.display, lang, output, action, verdict.publishable, verdict.total, "\n".join(reasons))
        return result, None
    usable = dict(verdict.usable) if verdict is not None else {}
    segments = targets_of(parsed.segments, lang)
    keys = message_keys(segments)
    # Keyed by the segment objects' identity: render asks for the very objects of
    # parsed.segments, and two segments of one article never sit at one place, so no
    # two are equal; a Segment's own hash hashes every field and each piece's Span.
    translations = {id(seg): usable[key] for seg, key in zip(segments, keys, strict=True) if key in usable}
    from l10n.formats import disclosure
    from l10n.formats.base import render as render_document

    article = parsed.article
    activity = verdict.activity if verdict is not None else publishing.Activity()
    # Only an edition that is written names its other versions (not one that is
    # blocked, nor the language an article is written in).
    others = _other_languages(parsed, edition.verdicts, lang)
    metadata = disclosure.Disclosure(
        translation_key=article.display.removeprefix(config.content + "/").rsplit(".", 1)[0],
        translations=others,
        machine=activity.machine,
        reviewers=activity.reviewers,
        alternates=_alternates(config, article, lang, others, edition.verdicts),
    )
    text = render_document(
        article.format,
        parsed.source.text,
        parsed.segments,
        lambda seg: translations.get(id(seg)),
        lang=lang,
        options=options,
        metadata=metadata,
    )
    if parsed.source.encoding != "utf-8":
        text = _declare_utf8(parsed.article.format, text)
    data = parsed.source.to_bytes(text)
    result = BuiltArticle(article.display, lang, output, "unchanged", len(translations), len(segments))
    return result, data


def _declare_utf8(fmt: Format, text: str) -> str:
    """``text`` saying it is UTF-8 where its format declares a charset (HTML's
    ``<meta charset>``): built articles are UTF-8 even when read from CP949."""
    charset_edits = getattr(fmt, "charset_edits", None)
    if charset_edits is None:
        return text
    from l10n.formats.base import splice

    return splice(text, charset_edits(text, "utf-8"))
