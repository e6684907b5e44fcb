"""The use cases: the one module that walks ``content/`` and ``locales/`` and writes.

``extract`` turns articles into catalogs, ``build`` turns articles and catalogs into
localized articles, ``init`` sets up a new project. Each returns a report object the
CLI renders; none prints. A run either lands all its writes or none of them (see
``fileio.Staging``), and a manifest of content hashes in the cache folder lets a
re-run skip every article whose inputs and outputs are exactly as it left them.
"""

from __future__ import annotations

import itertools
import json
import os
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from functools import partial
from datetime import datetime, timezone
from pathlib import Path

from typing import TYPE_CHECKING, Any, TypeVar

from l10n import __version__
from l10n.text import locales
from l10n.app.config import DEFAULT_FILE, NEVER_TRANSLATE_FILE, Config
from l10n.errors import L10nError
from l10n.store.manifest import Manifest, TreeSum
from l10n.store.manifest import digest as _digest
from l10n.store.manifest import file_digest as _file_digest
from l10n.store.parallel import parallel_map
from l10n.store.fileio import SourceText, Staging, decode_article, read_article, write_if_changed, write_temp
from l10n.formats import for_suffix, is_article_name

if TYPE_CHECKING:
    from l10n.po import catalog
    from l10n.formats.base import Format, FormatOptions, Segment
    from l10n.qa.glossary import Glossary

# catalog (the PO reader and writer), the segmenters, the document model and the review
# history load on first use: a no-op re-run never needs them, and start-up is most
# of what it costs.

T = TypeVar("T")

# Called as progress(done, total, label) while a command works through articles.
Progress = Callable[[int, int, str], None]


def no_progress(done: int, total: int, label: str) -> None:
    pass


@dataclass(frozen=True)
class Article:
    """One article of the content folder."""

    folder: str  # the content folder on disk
    rel: str  # relative to the content folder, POSIX separators
    display: str  # relative to the project root: what messages and references show

    @property
    def path(self) -> Path:
        # Made when needed: a no-op run walks thousands of articles and opens none.
        return Path(self.folder, self.rel)

    @property
    def format(self) -> Format:
        fmt = for_suffix(self.path.suffix)
        assert fmt is not None, self.path  # find_articles only admits known formats
        return fmt


# --------------------------------------------------------------------------- articles


def find_articles(config: Config, only: Sequence[str] = ()) -> list[Article]:
    """The articles of the project in path order, or just those named in ``only``."""
    return list(iter_articles(config, only))


def iter_articles(config: Config, only: Sequence[str] = ()) -> Iterator[Article]:
    """Like ``find_articles``, one at a time: extract and build hold no list of them."""
    content = config.content_dir
    if not content.is_dir():
        raise L10nError(
            f"content folder {config.content!r} does not exist",
            path=config.source,
            hint="create it, set content = \"...\" in the configuration, or run `l10n init`",
        )
    if only:
        yield from sorted({_named_article(config, name) for name in only}, key=lambda a: a.rel)
        return
    outputs = _output_matcher(config)
    content_prefix = config.content + "/"
    folder = str(content)
    for rel, is_link in _walk(folder):
        if not is_article_name(rel):
            continue
        display = content_prefix + rel
        if outputs(display):
            continue  # a built article written beside its source (Hugo-style output)
        if is_link:
            _check_link(config, content / rel, display)
        yield Article(folder=folder, rel=rel, display=display)


def _walk(folder: str, prefix: str = "") -> Iterator[tuple[str, bool]]:
    """(path below ``folder``, is a link) of its files in a stable order, no hidden ones.

    Strings, not pathlib: a no-op run over a thousand articles is mostly this walk.
    Folder links are not followed, so only a file link can lead outside.
    """
    with os.scandir(folder) as scan:
        entries = sorted(scan, key=lambda e: e.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path, prefix + entry.name + "/")
        else:
            yield prefix + entry.name, entry.is_symlink()


def _check_link(config: Config, path: Path, display: str) -> None:
    """A linked article must resolve to a file inside the content folder."""
    try:
        resolved = path.resolve(strict=True)
    except (FileNotFoundError, RuntimeError):
        raise L10nError(
            "is a broken symbolic link",
            path=display,
            hint="remove the link or point it at an article inside the content folder",
        ) from None
    if not resolved.is_relative_to(config.content_dir.resolve()):
        raise L10nError(
            f"leaves the content folder (it resolves to {resolved})",
            path=display,
            hint=f"articles must live inside {config.content}/; copy the file there instead of linking to it",
        )


def _named_article(config: Config, name: str) -> Article:
    path = Path(name)
    if not path.is_absolute():
        path = Path.cwd() / path
    path = Path(os.path.normpath(path))
    content = Path(os.path.normpath(config.content_dir.absolute()))
    if not path.is_relative_to(content):
        raise L10nError(
            "is not inside the content folder",
            path=name,
            hint=f"name articles under {config.content}/, e.g. {config.content}/2026/story.md",
        )
    if not path.is_file():
        raise L10nError("no such article", path=name, hint=f"list the articles with: ls {config.content}")
    if not is_article_name(path.name):
        raise L10nError(
            f"unsupported file type {path.suffix!r}",
            path=name,
            hint="articles are Markdown (.md, .markdown) or plain text (.txt)",
        )
    _check_link(config, path, name)
    rel = path.relative_to(content).as_posix()
    return Article(folder=str(config.content_dir), rel=rel, display=_display(config, config.content_dir / rel))


def _display(config: Config, path: Path) -> str:
    try:
        return path.relative_to(config.root).as_posix()
    except ValueError:
        return path.as_posix()


def _output_matcher(config: Config) -> Callable[[str], bool]:
    """Whether a project-relative path is one that ``build`` writes."""
    langs = "|".join(re.escape(lang) for lang in config.languages)
    pieces = {
        "lang": f"(?:{langs})",
        "path": ".+",
        "dir": ".+",
        "stem": "[^/]+",
        "ext": r"\.[^./]+",
    }
    regex = ""
    for literal, name in re.findall(r"([^{]*)(?:{(\w+)})?", config.output):
        regex += re.escape(literal) + (pieces[name] if name else "")
    compiled = re.compile(regex + r"\Z")
    return lambda display: compiled.match(display) is not None


def catalog_display(config: Config, article: Article, lang: str) -> str:
    """``locales/<lang>/<article path>.po``, relative to the project root."""
    return f"{config.locales}/{lang}/{article.rel}.po"


def _catalog_displays(config: Config, article: Article) -> list[str]:
    return [catalog_display(config, article, lang) for lang in config.languages]


def catalog_path(config: Config, article: Article, lang: str) -> Path:
    """Where the ``lang`` catalog of ``article`` lives."""
    return config.root / catalog_display(config, article, lang)


def output_display(config: Config, article: Article, lang: str) -> str:
    """Where ``build`` writes the ``lang`` version of ``article``, relative to the root."""
    directory, _, name = article.display.rpartition("/")
    dot = name.rfind(".")
    stem, ext = (name[:dot], name[dot:]) if dot > 0 else (name, "")
    return config.output.format(lang=lang, path=article.rel, dir=directory or ".", stem=stem, ext=ext)


def output_path(config: Config, article: Article, lang: str) -> Path:
    """Where ``build`` writes the ``lang`` version of ``article``."""
    return config.root / output_display(config, article, lang)


def target_languages(config: Config, langs: Sequence[str] = ()) -> list[str]:
    """The languages a command works on: ``langs`` normalised (each must be one of the
    project's), or all of the project's when none are given."""
    chosen = []
    for code in langs:
        lang = locales.normalise(code)
        if lang not in config.languages:
            raise L10nError(
                f"{lang} is not one of the project's languages",
                path=config.source,
                hint="languages: " + ", ".join(config.languages),
            )
        chosen.append(lang)
    return chosen or list(config.languages)


def project_glossary(config: Config) -> Glossary:
    """The glossary file (when it exists) merged with never-translate.txt (when it exists)."""
    from l10n.qa.glossary import Glossary, load_glossary

    glossary = Glossary()
    for name in (config.glossary, NEVER_TRANSLATE_FILE):
        path = config.root / name
        if path.is_file():
            glossary = glossary.merged(load_glossary(path, name))
    return glossary


def _glossary_files_digest(config: Config) -> str:
    """What the glossary files hold, for the extract manifest (their hints go in catalogs)."""
    return "".join(_file_digest(config.root / name) or "-" for name in (config.glossary, NEVER_TRANSLATE_FILE))


def format_options(config: Config) -> FormatOptions:
    from l10n.formats.base import FormatOptions

    return FormatOptions(
        front_matter_keys=config.front_matter_keys,
        never_translate=tuple(re.compile(p) for p in config.never_translate),
        segment_by=config.segment,
        language_key=config.language_key,
    )


@dataclass(frozen=True)
class ParsedArticle:
    article: Article
    source: SourceText
    segments: tuple[Segment, ...]


def parse_article(
    config: Config,
    article: Article,
    options: FormatOptions,
    data: bytes | None = None,
    known: Sequence[Segment] | None = None,
) -> ParsedArticle:
    """Read (unless ``data`` holds its bytes) and segment one article.

    ``known`` are the segments of exactly these bytes, parsed before (see
    ``_parse_cache``): they are used instead of parsing again. Errors carry the
    article's path.
    """
    if data is None:
        source = read_article(article.path, article.display, config.encoding)
    else:
        source = decode_article(data, article.display, config.encoding)
    if known is not None:
        return ParsedArticle(article, source, tuple(known))
    try:
        from l10n.formats.base import segment as segment_document

        segments = segment_document(article.format, source.text, options)
    except L10nError as error:
        error.path = error.path or article.display
        raise
    return ParsedArticle(article, source, tuple(segments))


# --------------------------------------------------------------------------- messages


def targets_of(segments: Iterable[Segment], lang: str) -> list[Segment]:
    """The segments a ``lang`` reader needs translated: those in another language."""
    base = locales.base_language(lang)
    return [seg for seg in segments if seg.lang != base]


def message_keys(segments: Sequence[Segment]) -> list[tuple[str | None, str]]:
    """The (msgctxt, msgid) of each segment.

    Repeats of a text in the same kind of block share one entry (a table's "Yes"
    is translated once). The same text in a different kind of block (a headline
    that is also a table header) gets the block kind as msgctxt, because the
    translation may differ; the first occurrence keeps no context so that adding a
    later duplicate does not disturb the existing entry.
    """
    first_kind: dict[str, str] = {}
    keys = []
    for seg in segments:
        kind = first_kind.setdefault(seg.text, seg.kind)
        keys.append((None if kind == seg.kind else seg.kind, seg.text))
    return keys


def messages_for(
    article: Article, segments: Sequence[Segment], lang: str = "", glossary: Glossary | None = None
) -> list[catalog.Message]:
    """The catalog messages for segments, duplicates folded, in document order.

    Each carries its block kind as an extracted comment and, when the glossary
    has terms in it, a ``glossary: 국방부 = Ministry of National Defense`` line
    that PO editors show the translator next to the source.
    """
    from l10n.po import catalog

    target = locales.base_language(lang) if lang else ""
    order: list[tuple[str | None, str]] = []
    refs: dict[tuple[str | None, str], list[str]] = {}
    kinds: dict[tuple[str | None, str], str] = {}
    for key, seg in zip(message_keys(segments), segments):
        if key not in refs:
            order.append(key)
            refs[key] = []
            kinds[key] = seg.kind
        ref = f"{article.display}:{seg.line}"
        if ref not in refs[key]:
            refs[key].append(ref)
    sources = {key: seg.lang for key, seg in zip(message_keys(segments), segments)}
    messages = []
    for key in order:
        comments: tuple[str, ...] = (kinds[key],)
        if glossary is not None and glossary.terms and sources[key]:
            hint = glossary.hint_comment(key[1], sources[key] or "", target)
            if hint:
                comments += (hint,)
        messages.append(catalog.Message(msgid=key[1], msgctxt=key[0], references=tuple(refs[key]), comments=comments))
    return messages


def catalog_header(article: Article, lang: str, segments: Sequence[Segment]) -> dict[str, str]:
    sources = sorted({seg.lang for seg in segments if seg.lang})
    return {
        "Project-Id-Version": article.display,
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": locales.plural_forms(lang),
        "X-Source-Language": ", ".join(sources),
    }


def _creation_fields() -> dict[str, str]:
    """Header fields set once, when a catalog is created, as msginit does.

    Re-extraction never touches them (PO editors and the translate and review
    commands own them), so re-runs stay byte-identical. The date honours
    SOURCE_DATE_EPOCH, the reproducible-builds convention, for pinned output.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch else datetime.now(timezone.utc)
    return {
        "PO-Revision-Date": when.strftime("%Y-%m-%d %H:%M+0000"),
        "Last-Translator": "",
        "Language-Team": "",
        "X-Generator": f"l10n {__version__}",
    }


# --------------------------------------------------------------------------- manifest


def _open_manifest(config: Config, name: str, extra: str = "") -> Manifest:
    """The command's manifest, valid only for this tool version and configuration."""
    stamp = _digest(f"{__version__}\n{config.fingerprint()}\n{extra}".encode())
    return Manifest(config.cache_dir / f"{name}-manifest.sqlite3", stamp)


def _parse_cache(config: Config) -> Manifest:
    """Each article's segments as extract last parsed them (see ``_parsed_row``).

    Parsing is about half of what extract and build spend per article, and a
    build usually follows an extract of the same articles, so build takes the
    segments from here when the article's bytes still have the recorded digest.
    Valid only for this tool version and the settings that change segments: a
    build with other output settings must find (and not wipe) extract's rows.
    """
    parsing = (config.front_matter_keys, config.never_translate, config.segment, config.language_key, config.encoding)
    stamp = _digest(f"{__version__}\n{parsing!r}".encode())
    return Manifest(config.cache_dir / "segments-manifest.sqlite3", stamp)


def _parsed_row(digest: str, segments: Sequence[Segment]) -> str:
    """A parse cache row: the article's digest, a newline, its segments as JSON.

    Workers encode and decode rows; the main process, which every row passes
    through, only splits off the digest.
    """
    return digest + "\n" + json.dumps([seg.to_row() for seg in segments], ensure_ascii=False)


def _parsed_segments(row: str) -> list[Segment]:
    from l10n.model import Segment

    return [Segment.from_row(fields) for fields in json.loads(row.partition("\n")[2])]


# --------------------------------------------------------------------------- extract


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
    progress: Progress = no_progress,
    on_change: Callable[[CatalogChange], None] | None = None,
) -> ExtractReport:
    """Bring every catalog up to date with its article; with ``check``, write nothing.

    New segments get empty entries, changed ones keep their old translation as
    fuzzy, removed ones become obsolete. Catalogs whose article is gone are
    reported as orphaned, and deleted only with ``prune``.
    """
    manifest = _open_manifest(config, "extract", extra=_glossary_files_digest(config))
    if not only:
        steady = _steady(config, manifest, "extract", partial(_catalog_displays, config))
        if steady is not None:
            return _steady_extract_report(
                config, manifest, steady.articles, steady.existing, prune=prune, check=check, on_change=on_change
            )
    articles = iter_articles(config, only)
    parse_cache = _parse_cache(config)
    seen = 0  # articles walked so far
    kept: list[CatalogChange] = []
    counts: Counter[str] = Counter()
    notices: list[str] = []
    total_segments = 0
    done = 0

    def report(change: CatalogChange) -> None:
        counts[change.action] += 1
        if change.action == "unchanged":
            return
        if on_change is not None:
            on_change(change)
        else:
            kept.append(change)

    def stale_articles() -> Iterator[Article]:
        """Articles whose inputs or outputs differ from what the manifest recorded."""
        nonlocal done, seen
        root = f"{config.root}/"
        for article in articles:
            seen += 1
            # Strings, not Paths: this loop is all a no-op re-run does.
            displays = {lang: catalog_display(config, article, lang) for lang in config.languages}
            current = {
                "article": manifest.digest(root + article.display),
                **{lang: manifest.digest(root + display) for lang, display in displays.items()},
            }
            if manifest.matching(article.display, current) is not None:
                for lang, display in displays.items():
                    if current[lang] is not None:
                        report(CatalogChange(article.display, lang, display, "unchanged"))
                done += 1
                continue
            if not check:
                for display in displays.values():
                    staging.make_parents(config.root / display)
            yield article

    work = partial(
        _extract_article,
        config,
        _Deferred(partial(format_options, config)),
        _Deferred(partial(project_glossary, config)),
        not check,
    )
    with Staging() as staging:
        errors = _Errors()
        for outcome in parallel_map(work, errors.deferring(stale_articles())):
            done += 1
            progress(done, seen, outcome.article)
            if errors.keep(outcome.error):
                continue
            notices.extend(outcome.notices)
            total_segments += outcome.segments
            for change, temp, digest in outcome.catalogs:
                report(change)
                _adopt(staging, manifest, config.root / change.path, temp, digest)
            manifest.record(outcome.article, outcome.produced)
            if outcome.parsed:
                parse_cache.record_text(outcome.article, outcome.parsed)
        errors.raise_first()  # leaving the with block deletes every temporary file
        progress(seen, seen, "")
        if not only:
            for change in _orphans(config, prune and not check, staging, manifest):
                report(change)
        if check:
            staging.rollback()
    if check:
        manifest.close()
        parse_cache.close()
    else:
        if not only:  # every article was looked at: the snapshot covers the tree
            manifest.keep_snapshot("extract")
        manifest.save()
        parse_cache.save()
    return ExtractReport(
        articles=seen,
        segments=total_segments,
        catalogs=tuple(kept),
        counts=tuple(sorted(counts.items())),
        notices=tuple(notices),
        checked_only=check,
    )


@dataclass(frozen=True)
class _Steady:
    """The tree as the last run left it: its snapshot and what the walk counted."""

    snapshot: dict[str, Any]
    articles: int
    existing: int  # files of the walk that exist


def _steady(
    config: Config, manifest: Manifest, name: str, files_of: Callable[[Article], Iterable[str]]
) -> _Steady | None:
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
    return _Steady(snapshot, articles, existing) if manifest.holds(snapshot, tree) else None


def catalogs_up_to_date(config: Config) -> bool:
    """Whether extract's last run left every article and catalog exactly as they are
    now (one stat per file); False when that cannot be known."""
    manifest = _open_manifest(config, "extract", extra=_glossary_files_digest(config))
    try:
        return _steady(config, manifest, "extract", partial(_catalog_displays, config)) is not None
    finally:
        manifest.close()


def _steady_extract_report(
    config: Config,
    manifest: Manifest,
    articles: int,
    catalogs: int,
    *,
    prune: bool,
    check: bool,
    on_change: Callable[[CatalogChange], None] | None,
) -> ExtractReport:
    """What extract reports when every catalog is already up to date."""
    counts: Counter[str] = Counter({"unchanged": catalogs} if catalogs else {})
    kept: list[CatalogChange] = []
    with Staging() as staging:
        for change in _orphans(config, prune and not check, staging, manifest):
            counts[change.action] += 1
            if on_change is not None:
                on_change(change)
            else:
                kept.append(change)
        if check:
            staging.rollback()
    if counts["pruned"]:  # forget the deleted catalogs' rows
        manifest.save()
    else:
        manifest.close()
    return ExtractReport(
        articles=articles, segments=0, catalogs=tuple(kept), counts=tuple(sorted(counts.items())), checked_only=check
    )


@dataclass(frozen=True)
class _ArticleExtract:
    """One article's extraction, done in a worker (see parallel_map).

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
    parsed: str = ""  # the parse cache row (see _parsed_row)
    error: L10nError | None = None


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


def _adopt(staging: Staging, manifest: Manifest, path: Path, temp: str | None, digest: str | None) -> None:
    """Take a worker's temporary file into the run and remember what it holds."""
    if temp is not None and digest is not None:
        staging.adopt(temp, path)
        manifest.wrote(path, digest, staged=temp)


class _Deferred:
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


def _extract_article(
    config: Config, options: _Deferred, glossary: _Deferred, write: bool, article: Article
) -> _ArticleExtract:
    """Read one article and its catalogs; write changed catalogs to temporary files."""
    catalogs = []
    try:
        data = article.path.read_bytes()
        parsed = parse_article(config, article, options.value, data)
        produced: dict[str, str | None] = {"article": _digest(data)}
        for lang in config.languages:
            path = catalog_path(config, article, lang)
            change, catalog_bytes = catalog_change(config, parsed, lang, path, glossary.value)
            produced[lang] = _digest(catalog_bytes) if catalog_bytes is not None else None
            if change is None:
                continue
            changed = change.action != "unchanged"
            temp = write_temp(path, catalog_bytes) if write and changed and catalog_bytes is not None else None
            catalogs.append((change, temp, produced[lang] if changed else None))
    except L10nError as error:
        for _, temp, _ in catalogs:
            if temp:
                os.unlink(temp)
        return _ArticleExtract(article.display, error=error)
    notices = (parsed.source.notice,) if parsed.source.notice else ()
    row = _parsed_row(produced["article"] or "", parsed.segments) if write else ""
    return _ArticleExtract(article.display, len(parsed.segments), notices, tuple(catalogs), produced, row)


def catalog_change(
    config: Config,
    parsed: ParsedArticle,
    lang: str,
    path: Path,
    glossary: Glossary | None = None,
    existing: catalog.Catalog | None = None,
) -> tuple[CatalogChange | None, bytes | None]:
    """What extract does to one catalog, and the catalog's bytes afterwards.

    (None, None) when the article has nothing for this language and never had.
    ``existing`` is the catalog at ``path`` when the caller has already read it
    (``l10n check`` does, for its own checks); it is left as it was.
    """
    segments = targets_of(parsed.segments, lang)
    display = _display(config, path)
    article = parsed.article.display
    exists = existing is not None or path.exists()
    if not segments and not exists:
        return None, None  # nothing to translate into this language, and never was
    from l10n.po import catalog

    if existing is None and exists:
        existing = catalog.read_catalog(path, display)
    messages = messages_for(parsed.article, segments, lang, glossary)
    header = catalog_header(parsed.article, lang, segments)
    if existing is None:
        header.update(_creation_fields())
    result = catalog.merge(existing, messages, header)
    data = catalog.format_catalog(result.catalog).encode("utf-8")
    if exists and path.read_bytes() == data:
        return CatalogChange(article, lang, display, "unchanged", entries=len(messages)), data
    change = CatalogChange(
        article,
        lang,
        display,
        "updated" if exists else "created",
        entries=len(messages),
        added=result.added,
        fuzzy=result.fuzzy,
        obsoleted=result.obsoleted,
    )
    return change, data


def _orphans(config: Config, prune: bool, staging: Staging, manifest: Manifest) -> list[CatalogChange]:
    """Catalogs whose article no longer exists (checked per catalog: no second walk)."""
    content = str(config.content_dir)
    found: list[CatalogChange] = []
    if not config.locales_dir.is_dir():
        return found
    locales_prefix = config.locales
    content_prefix = config.content
    for lang_dir in sorted(p for p in config.locales_dir.iterdir() if p.is_dir()):
        for rel, _ in _walk(str(lang_dir)):
            if not rel.endswith(".po"):
                continue
            source = rel[: -len(".po")]
            if is_article_name(source) and os.path.isfile(os.path.join(content, source)):
                continue
            article = f"{content_prefix}/{rel[: -len('.po')]}"
            display = f"{locales_prefix}/{lang_dir.name}/{rel}"
            if prune:
                staging.stage_delete(config.root / display)
                from l10n.po import history

                staging.stage_delete(history.path_for(config.root / display))
                manifest.forget(article)
            found.append(CatalogChange(article, lang_dir.name, display, "pruned" if prune else "orphaned"))
    return found


# --------------------------------------------------------------------------- build


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
    progress: Progress = no_progress,
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
    targets = target_languages(config, langs)
    manifest = _open_manifest(config, "build")
    snapshot_name = "build:" + ",".join(targets)
    kept: list[BuiltArticle] = []
    counts: Counter[str] = Counter()
    # What a re-run with nothing changed will report: kept with the tree snapshot.
    steady_counts: Counter[str] = Counter()
    steady_reasons: list[dict[str, Any]] = []

    def report(result: BuiltArticle) -> None:
        counts[result.action] += 1
        steady = replace(result, action="unchanged") if result.action == "written" else result
        steady_counts[steady.action] += 1
        if result.reason:
            steady_reasons.append(asdict(steady))
        if result.action in ("unchanged", "source") and not result.reason:
            return  # counted only: nothing to tell about it
        if on_result is not None:
            on_result(result)
        else:
            kept.append(result)

    def files_of(article: Article) -> Iterator[str]:
        for lang in targets:
            yield catalog_display(config, article, lang)
            yield output_display(config, article, lang)

    steady = None if only else _steady(config, manifest, snapshot_name, files_of)
    if steady is not None:
        manifest.close()
        for fields in steady.snapshot.get("reasons", []):
            report(BuiltArticle(**fields))
        return BuildReport(articles=tuple(kept), counts=tuple(sorted(steady.snapshot.get("counts", {}).items())))

    articles = iter_articles(config, only)
    parse_cache = _parse_cache(config)
    seen = 0
    notices: list[str] = []
    inputs: dict[str, dict[str, str | None]] = {}  # for the articles in flight only
    done = 0

    def stale_articles() -> Iterator[tuple[Article, tuple[str, ...], str | None]]:
        """Articles with a language whose inputs or output changed since the last build."""
        nonlocal done, seen
        root = f"{config.root}/"
        for article in articles:
            seen += 1
            article_digest = manifest.digest(root + article.display)
            stale = []
            for lang in targets:
                key = f"{lang}:{article.display}"
                current = {
                    "article": article_digest,
                    "catalog": manifest.digest(root + catalog_display(config, article, lang)),
                    "output": manifest.digest(root + output_display(config, article, lang)),
                }
                remembered = manifest.matching(key, current)
                if remembered is not None:
                    report(_remembered_result(article, lang, config, remembered))
                else:
                    stale.append(lang)
                    inputs[key] = current
            if stale:
                for lang in stale:
                    staging.make_parents(output_path(config, article, lang))
                yield article, tuple(stale), parse_cache.get_text(article.display)
            else:
                done += 1

    work = partial(_build_article, config, _Deferred(partial(format_options, config)))
    with Staging() as staging:
        errors = _Errors()
        for outcome in parallel_map(work, errors.deferring(stale_articles())):
            done += 1
            progress(done, seen, outcome.article)
            if errors.keep(outcome.error):
                continue
            if outcome.notice:
                notices.append(outcome.notice)
            for result, temp, digest in outcome.built:
                _adopt(staging, manifest, config.root / result.output, temp, digest)
                report(result)
                recorded = inputs.pop(f"{result.lang}:{result.article}")
                manifest.record(
                    f"{result.lang}:{result.article}",
                    {
                        **recorded,
                        "output": digest if digest is not None else recorded["output"],
                        "translated": str(result.translated),
                        "total": str(result.total),
                        "action": result.action,
                        "reason": result.reason,
                    },
                )
        errors.raise_first()  # leaving the with block deletes every temporary file
    parse_cache.close()
    if not only:  # every article was looked at: the snapshot covers the tree
        # In walk order, as a re-run that finds nothing to do reports them.
        steady_reasons.sort(key=lambda fields: (fields["article"].split("/"), targets.index(fields["lang"])))
        manifest.keep_snapshot(snapshot_name, {"counts": steady_counts, "reasons": steady_reasons})
    manifest.save()
    return BuildReport(articles=tuple(kept), counts=tuple(sorted(counts.items())), notices=tuple(notices))


def _remembered_result(
    article: Article, lang: str, config: Config, remembered: dict[str, str | None]
) -> BuiltArticle:
    action = remembered.get("action") or "unchanged"
    return BuiltArticle(
        article=article.display,
        lang=lang,
        output=output_display(config, article, lang),
        action="unchanged" if action == "written" else action,
        translated=int(remembered.get("translated") or 0),
        total=int(remembered.get("total") or 0),
        reason=remembered.get("reason") or "",
    )


def translations(config: Config, cat_path: Path, display: str) -> dict[tuple[str | None, str], str]:
    """Usable translations of a catalog: (msgctxt, msgid) -> msgstr."""
    if not cat_path.exists():
        return {}
    from l10n.po import catalog

    return catalog.read_translations(cat_path, display, use_fuzzy=config.use_fuzzy)


@dataclass(frozen=True)
class _ArticleBuild:
    """One article's localized versions, done in a worker (see _ArticleExtract)."""

    article: str
    notice: str | None = None
    built: tuple[tuple[BuiltArticle, str | None, str | None], ...] = ()  # result, temp file, output digest
    error: L10nError | None = None


def _build_article(
    config: Config, options: _Deferred, item: tuple[Article, tuple[str, ...], str | None]
) -> _ArticleBuild:
    """Render one article in some languages; write changed outputs to temporary files.

    ``item`` is the article, its languages, and its parse cache row if it has one.
    """
    article, langs, parsed_before = item
    built = []
    try:
        data = article.path.read_bytes()
        known = None
        # The row is for the bytes extract parsed; the article may have changed
        # since, and then only parsing again is right.
        if parsed_before is not None and parsed_before.partition("\n")[0] == _digest(data):
            known = _parsed_segments(parsed_before)
        parsed = parse_article(config, article, options.value, data, known)
        for lang in langs:
            out_path = output_path(config, article, lang)
            result, data = _build_one(config, parsed, lang, catalog_path(config, article, lang), out_path, options.value)
            temp = write_temp(out_path, data) if data is not None else None
            if temp is not None:
                result = replace(result, action="written")
            built.append((result, temp, _digest(data) if data is not None else None))
    except L10nError as error:
        for _, temp, _ in built:
            if temp:
                os.unlink(temp)
        return _ArticleBuild(article.display, error=error)
    return _ArticleBuild(article.display, parsed.source.notice, tuple(built))


def _build_one(
    config: Config,
    parsed: ParsedArticle,
    lang: str,
    cat_path: Path,
    out_path: Path,
    options: FormatOptions,
) -> tuple[BuiltArticle, bytes | None]:
    segments = targets_of(parsed.segments, lang)
    output = _display(config, out_path)
    if not segments and not config.copy_sources:
        # Nothing to localize: the article is its own edition in this language.
        return BuiltArticle(parsed.article.display, lang, output, "source", 0, 0), None
    table = translations(config, cat_path, _display(config, cat_path))
    keys = message_keys(segments)
    lookup_table = {
        seg: table[key] for seg, key in zip(segments, keys) if key in table
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


# --------------------------------------------------------------------------- init


@dataclass(frozen=True)
class InitReport:
    created: tuple[str, ...]
    existing: tuple[str, ...]


def init(root: Path) -> InitReport:
    """Create l10n.toml, content/ and locales/ where missing; never overwrite."""
    created, existing = [], []
    config_file = root / "l10n.toml"
    pyproject = root / "pyproject.toml"
    has_table = pyproject.is_file() and "[tool.l10n]" in pyproject.read_text(encoding="utf-8", errors="replace")
    if config_file.exists() or has_table:
        existing.append(config_file.name if config_file.exists() else "pyproject.toml [tool.l10n]")
    else:
        write_if_changed(config_file, DEFAULT_FILE.encode("utf-8"))
        created.append(config_file.name)
    for folder in ("content", "locales"):
        path = root / folder
        if path.is_dir():
            existing.append(folder + "/")
        else:
            path.mkdir(parents=True)
            created.append(folder + "/")
    from l10n.po import history

    attributes = root / ".gitattributes"
    rule = f"*{history.SUFFIX} merge=union"
    lines = attributes.read_text(encoding="utf-8").splitlines() if attributes.exists() else []
    if rule not in lines:
        # Two branches appending review history to the same log merge line by line.
        write_if_changed(attributes, ("\n".join([*lines, rule]) + "\n").encode("utf-8"))
        created.append(".gitattributes entry " + rule)
    gitignore = root / ".gitignore"
    lines = gitignore.read_text(encoding="utf-8").splitlines() if gitignore.exists() else []
    if ".cache/" not in lines:
        write_if_changed(gitignore, ("\n".join([*lines, ".cache/"]) + "\n").encode("utf-8"))
        created.append(".gitignore entry .cache/")
    return InitReport(tuple(created), tuple(existing))
