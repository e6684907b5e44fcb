"""The use cases: the one module that walks ``content/`` and ``locales/`` and writes.

``extract`` turns articles into catalogs, ``build`` turns articles and catalogs into
localized articles, ``init`` sets up a new project. Each returns a report object the
CLI renders; none prints. A run either lands all its writes or none of them (see
``fileio.Staging``), and a manifest of content hashes in the cache folder lets a
re-run skip every article whose inputs and outputs are exactly as it left them.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path, PurePosixPath

from . import __version__, catalog, locales
from .config import DEFAULT_FILE, Config
from .errors import L10nError
from .fileio import SourceText, Staging, decode_article, read_article, write_if_changed
from .formats import for_suffix
from .formats.base import Format, FormatOptions, Segment
from .formats.base import render as render_document
from .formats.base import segment as segment_document

# Called as progress(done, total, label) while a command works through articles.
Progress = Callable[[int, int, str], None]


def _no_progress(done: int, total: int, label: str) -> None:
    pass


@dataclass(frozen=True)
class Article:
    """One article of the content folder."""

    path: Path  # on disk
    rel: str  # relative to the content folder, POSIX separators
    display: str  # relative to the project root: what messages and references show
    format: Format = field(compare=False, repr=False)


# --------------------------------------------------------------------------- articles


def find_articles(config: Config, only: Sequence[str] = ()) -> list[Article]:
    """The articles of the project in path order, or just those named in ``only``."""
    content = config.content_dir
    if not content.is_dir():
        raise L10nError(
            f"content folder {config.content!r} does not exist",
            path=config.source,
            hint="create it, set content = \"...\" in the configuration, or run `l10n init`",
        )
    if only:
        return sorted({_named_article(config, name) for name in only}, key=lambda a: a.rel)
    outputs = _output_matcher(config)
    articles = []
    for path in _walk(content):
        if for_suffix(path.suffix) is None:
            continue
        article = _article(config, path)
        if outputs(article.display):
            continue  # a built article written beside its source (Hugo-style output)
        articles.append(article)
    return articles


def _walk(folder: Path) -> Iterator[Path]:
    """Files below ``folder`` in a stable order, skipping hidden ones."""
    entries = sorted(os.scandir(folder), key=lambda e: e.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(path)
        elif entry.is_file() or entry.is_symlink():
            yield path


def _article(config: Config, path: Path) -> Article:
    display = _display(config, path)
    # The walk never follows folder links, so only a link itself can lead outside.
    if path.is_symlink():
        content = config.content_dir.resolve()
        try:
            resolved = path.resolve(strict=True)
        except (FileNotFoundError, RuntimeError):
            raise L10nError(
                "is a broken symbolic link",
                path=display,
                hint="remove the link or point it at an article inside the content folder",
            ) from None
        if not resolved.is_relative_to(content):
            raise L10nError(
                f"leaves the content folder (it resolves to {resolved})",
                path=display,
                hint=f"articles must live inside {config.content}/; copy the file there instead of linking to it",
            )
    rel = path.relative_to(config.content_dir).as_posix()
    fmt = for_suffix(path.suffix)
    assert fmt is not None
    return Article(path=path, rel=rel, display=display, format=fmt)


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
    if for_suffix(path.suffix) is None:
        raise L10nError(
            f"unsupported file type {path.suffix!r}",
            path=name,
            hint="articles are Markdown (.md, .markdown) or plain text (.txt)",
        )
    if not path.resolve().is_relative_to(config.content_dir.resolve()):
        raise L10nError(
            "leaves the content folder through a symbolic link",
            path=name,
            hint=f"articles must live inside {config.content}/",
        )
    return _article(config, config.content_dir / path.relative_to(content))


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


def catalog_path(config: Config, article: Article, lang: str) -> Path:
    """``locales/<lang>/<article path>.po``."""
    return config.locales_dir / lang / (article.rel + ".po")


def output_path(config: Config, article: Article, lang: str) -> Path:
    """Where ``build`` writes the ``lang`` version of ``article``."""
    rel = PurePosixPath(article.display)
    name = config.output.format(
        lang=lang,
        path=article.rel,
        dir=str(rel.parent),
        stem=rel.stem,
        ext=rel.suffix,
    )
    return config.root / name


def format_options(config: Config) -> FormatOptions:
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
    config: Config, article: Article, options: FormatOptions, data: bytes | None = None
) -> ParsedArticle:
    """Read (unless ``data`` holds its bytes) and segment one article.

    Errors carry the article's path.
    """
    if data is None:
        source = read_article(article.path, article.display, config.encoding)
    else:
        source = decode_article(data, article.display, config.encoding)
    try:
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


def messages_for(article: Article, segments: Sequence[Segment]) -> list[catalog.Message]:
    """The catalog messages for segments, duplicates folded, in document order."""
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
    return [
        catalog.Message(msgid=key[1], msgctxt=key[0], references=tuple(refs[key]), comments=(kinds[key],))
        for key in order
    ]


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


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _file_digest(path: Path) -> str | None:
    try:
        return _digest(path.read_bytes())
    except FileNotFoundError:
        return None


class Manifest:
    """What a command last produced from which inputs, by content hash.

    Lives in the cache folder; losing it only costs one full run. An entry is
    trusted only when the configuration and tool version that wrote it match.
    """

    def __init__(self, config: Config, name: str) -> None:
        self.path = config.cache_dir / f"{name}-manifest.json"
        self.stamp = _digest(f"{__version__}\n{config.fingerprint()}".encode())
        self.entries: dict[str, dict[str, str | None]] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("stamp") == self.stamp:
                self.entries = data["entries"]
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            pass  # no manifest or a damaged one: everything is simply redone

    def matches(self, key: str, current: dict[str, str | None]) -> bool:
        return self.entries.get(key) == current

    def record(self, key: str, current: dict[str, str | None]) -> None:
        self.entries[key] = current

    def forget(self, key: str) -> None:
        self.entries.pop(key, None)

    def save(self) -> None:
        data = json.dumps({"stamp": self.stamp, "entries": self.entries}, sort_keys=True, indent=0)
        try:
            write_if_changed(self.path, data.encode("utf-8"))
        except OSError:
            pass  # a read-only cache only makes the next run slower


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
    articles: int
    segments: int
    catalogs: tuple[CatalogChange, ...]
    notices: tuple[str, ...] = ()
    checked_only: bool = False

    def count(self, action: str) -> int:
        return sum(1 for change in self.catalogs if change.action == action)

    @property
    def out_of_date(self) -> list[CatalogChange]:
        return [c for c in self.catalogs if c.action in ("created", "updated")]


def extract(
    config: Config,
    *,
    only: Sequence[str] = (),
    check: bool = False,
    prune: bool = False,
    progress: Progress = _no_progress,
) -> ExtractReport:
    """Bring every catalog up to date with its article; with ``check``, write nothing.

    New segments get empty entries, changed ones keep their old translation as
    fuzzy, removed ones become obsolete. Catalogs whose article is gone are
    reported as orphaned, and deleted only with ``prune``.
    """
    articles = find_articles(config, only)
    options = format_options(config)
    manifest = Manifest(config, "extract")
    changes: list[CatalogChange] = []
    notices: list[str] = []
    total_segments = 0
    with Staging() as staging:
        for done, article in enumerate(articles, 1):
            progress(done - 1, len(articles), article.display)
            paths = {lang: catalog_path(config, article, lang) for lang in config.languages}
            data = article.path.read_bytes()
            current = {"article": _digest(data), **{lang: _file_digest(p) for lang, p in paths.items()}}
            if manifest.matches(article.display, current):
                changes.extend(
                    CatalogChange(article.display, lang, _display(config, path), "unchanged")
                    for lang, path in paths.items()
                    if current[lang] is not None
                )
                continue
            parsed = parse_article(config, article, options, data)
            if parsed.source.notice:
                notices.append(parsed.source.notice)
            total_segments += len(parsed.segments)
            produced: dict[str, str | None] = {"article": current["article"]}
            for lang, path in paths.items():
                change, data = _extract_catalog(config, parsed, lang, path)
                produced[lang] = _digest(data) if data is not None else current[lang]
                if change is None:
                    continue
                changes.append(change)
                if data is not None and not check:
                    staging.stage(path, data)
            manifest.record(article.display, produced)
        progress(len(articles), len(articles), "")
        if not only:
            changes.extend(_orphans(config, articles, prune and not check, staging, manifest))
        if check:
            staging.rollback()
    if not check:
        manifest.save()
    return ExtractReport(
        articles=len(articles),
        segments=total_segments,
        catalogs=tuple(changes),
        notices=tuple(notices),
        checked_only=check,
    )


def _extract_catalog(
    config: Config, parsed: ParsedArticle, lang: str, path: Path
) -> tuple[CatalogChange | None, bytes | None]:
    """The new bytes of one catalog (None when unchanged) and what changed."""
    segments = targets_of(parsed.segments, lang)
    display = _display(config, path)
    article = parsed.article.display
    exists = path.exists()
    if not segments and not exists:
        return None, None  # nothing to translate into this language, and never was
    existing = catalog.read_catalog(path, display) if exists else None
    messages = messages_for(parsed.article, segments)
    header = catalog_header(parsed.article, lang, segments)
    if existing is None:
        header.update(_creation_fields())
    result = catalog.merge(existing, messages, header)
    data = catalog.format_catalog(result.catalog).encode("utf-8")
    if exists and path.read_bytes() == data:
        return CatalogChange(article, lang, display, "unchanged", entries=len(messages)), None
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


def _orphans(
    config: Config, articles: Sequence[Article], prune: bool, staging: Staging, manifest: Manifest
) -> list[CatalogChange]:
    """Catalogs whose article no longer exists."""
    expected = {catalog_path(config, a, lang) for a in articles for lang in config.languages}
    found = []
    if not config.locales_dir.is_dir():
        return found
    for lang_dir in sorted(p for p in config.locales_dir.iterdir() if p.is_dir()):
        for path in _walk(lang_dir):
            if path.suffix != ".po" or path in expected:
                continue
            rel = path.relative_to(lang_dir).as_posix()[: -len(".po")]
            article = f"{config.content}/{rel}"
            if prune:
                staging.stage_delete(path)
                manifest.forget(article)
            found.append(
                CatalogChange(article, lang_dir.name, _display(config, path), "pruned" if prune else "orphaned")
            )
    return found


# --------------------------------------------------------------------------- build


@dataclass(frozen=True)
class BuiltArticle:
    """What build did for one article in one language."""

    article: str
    lang: str
    output: str
    action: str  # written | unchanged | skipped
    translated: int
    total: int
    reason: str = ""

    @property
    def coverage(self) -> float:
        return 100.0 if self.total == 0 else 100.0 * self.translated / self.total


@dataclass(frozen=True)
class BuildReport:
    articles: tuple[BuiltArticle, ...]
    notices: tuple[str, ...] = ()

    def count(self, action: str) -> int:
        return sum(1 for a in self.articles if a.action == action)


def build(
    config: Config,
    *,
    only: Sequence[str] = (),
    langs: Sequence[str] = (),
    progress: Progress = _no_progress,
) -> BuildReport:
    """Write the localized version of every article in every language.

    Translated segments replace their source text; everything else is copied byte
    for byte. Segments without a usable translation keep the source text, and an
    article whose coverage is below ``min_coverage`` is not written (and said so).
    """
    articles = find_articles(config, only)
    targets = [locales.normalise(lang) for lang in langs] or list(config.languages)
    options = format_options(config)
    manifest = Manifest(config, "build")
    results: list[BuiltArticle] = []
    notices: list[str] = []
    with Staging() as staging:
        for done, article in enumerate(articles, 1):
            progress(done - 1, len(articles), article.display)
            parsed: ParsedArticle | None = None
            data = article.path.read_bytes()
            article_digest = _digest(data)
            for lang in targets:
                cat_path = catalog_path(config, article, lang)
                out_path = output_path(config, article, lang)
                key = f"{lang}:{article.display}"
                current = {
                    "article": article_digest,
                    "catalog": _file_digest(cat_path),
                    "output": _file_digest(out_path),
                }
                remembered = manifest.entries.get(key)
                if remembered is not None and all(remembered.get(k) == v for k, v in current.items()):
                    results.append(_remembered_result(article, lang, config, out_path, remembered))
                    continue
                if parsed is None:
                    parsed = parse_article(config, article, options, data)
                    if parsed.source.notice:
                        notices.append(parsed.source.notice)
                result, data = _build_one(config, parsed, lang, cat_path, out_path, options)
                if data is not None and staging.stage(out_path, data):
                    result = replace(result, action="written")
                results.append(result)
                manifest.record(
                    key,
                    {
                        **current,
                        "output": _digest(data) if data is not None else current["output"],
                        "translated": str(result.translated),
                        "total": str(result.total),
                        "action": result.action,
                        "reason": result.reason,
                    },
                )
        progress(len(articles), len(articles), "")
    manifest.save()
    return BuildReport(articles=tuple(results), notices=tuple(notices))


def _remembered_result(
    article: Article, lang: str, config: Config, out_path: Path, remembered: dict[str, str | None]
) -> BuiltArticle:
    action = remembered.get("action") or "unchanged"
    return BuiltArticle(
        article=article.display,
        lang=lang,
        output=_display(config, out_path),
        action="unchanged" if action == "written" else action,
        translated=int(remembered.get("translated") or 0),
        total=int(remembered.get("total") or 0),
        reason=remembered.get("reason") or "",
    )


def translations(config: Config, cat_path: Path, display: str) -> dict[tuple[str | None, str], str]:
    """Usable translations of a catalog: (msgctxt, msgid) -> msgstr."""
    if not cat_path.exists():
        return {}
    return catalog.read_translations(cat_path, display, use_fuzzy=config.use_fuzzy)


def _build_one(
    config: Config,
    parsed: ParsedArticle,
    lang: str,
    cat_path: Path,
    out_path: Path,
    options: FormatOptions,
) -> tuple[BuiltArticle, bytes | None]:
    segments = targets_of(parsed.segments, lang)
    table = translations(config, cat_path, _display(config, cat_path))
    keys = message_keys(segments)
    lookup_table = {
        seg: table[key] for seg, key in zip(segments, keys) if key in table
    }
    translated = len(lookup_table)
    output = _display(config, out_path)
    reason = ""
    if segments and not cat_path.exists():
        reason = "no catalog yet (run `l10n extract`)"
    if segments and 100 * translated < config.min_coverage * len(segments):
        coverage = 100 * translated // len(segments)
        reason = f"{coverage}% translated, below min_coverage {config.min_coverage}%"
        return BuiltArticle(parsed.article.display, lang, output, "skipped", translated, len(segments), reason), None
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
    gitignore = root / ".gitignore"
    lines = gitignore.read_text(encoding="utf-8").splitlines() if gitignore.exists() else []
    if ".cache/" not in lines:
        write_if_changed(gitignore, ("\n".join([*lines, ".cache/"]) + "\n").encode("utf-8"))
        created.append(".gitignore entry .cache/")
    return InitReport(tuple(created), tuple(existing))
