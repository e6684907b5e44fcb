"""The project on disk: its articles, where each one's catalogs and outputs live,
and the settings every use case reads the same way.

``iter_articles`` is the one walk of the content folder; ``catalog_path`` and
``output_path`` say where an article's files go; ``parse_article`` reads and
segments one article. Everything here reads and nothing writes: what to write,
and when, belongs to the use cases (extract, build, translate, review, ...).
Nothing here knows catalogs or manifests.
"""

from __future__ import annotations

import functools
import os
import posixpath
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from fnmatch import fnmatchcase
from pathlib import Path
from typing import TYPE_CHECKING

from l10n.app.config import NEVER_TRANSLATE_FILE, Config, where
from l10n.errors import L10nError
from l10n.formats import for_suffix, is_article_name
from l10n.po import HISTORY_SUFFIX
from l10n.store.fileio import SourceText, decode_article, read_article
from l10n.text import locales

if TYPE_CHECKING:
    from l10n.formats.base import Format, FormatOptions
    from l10n.model import Segment
    from l10n.qa.glossary import Glossary

# The segmenters, the document model and the glossary load on first use: a no-op
# re-run never needs them, and start-up is most of what it costs.

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
        fmt = for_suffix(self.suffix)
        assert fmt is not None, self.path  # find_articles only admits known formats
        return fmt

    @property
    def suffix(self) -> str:
        """``self.path.suffix``, from ``rel`` alone: build asks for an article's format
        for each language it renders, and a Path per question was 0.6% of its time."""
        name = self.rel.rpartition("/")[2]
        dot = name.rfind(".")
        return name[dot:] if 0 < dot < len(name) - 1 else ""


# --------------------------------------------------------------------------- the walk


def find_articles(config: Config, only: Sequence[str] = ()) -> list[Article]:
    """The articles of the project in path order, or just those named in ``only``."""
    return list(iter_articles(config, only))


def iter_articles(config: Config, only: Sequence[str] = ()) -> Iterator[Article]:
    """Like ``find_articles``, one at a time: extract and build hold no list of them."""
    content = config.content_dir
    if not content.is_dir():
        path, line = where(config, "content")
        raise L10nError(
            f"content folder {config.content!r} does not exist",
            path=path,
            line=line,
            hint="create it, set content = \"...\" in the configuration, or run `l10n init`",
        )
    if only:
        yield from sorted(_chosen_articles(config, only), key=lambda a: a.rel)
        return
    folder = str(content)
    for rel, is_link, display in _article_files(config):
        if is_link:
            _check_link(config, content / rel, display)
        yield Article(folder=folder, rel=rel, display=display)


def _chosen_articles(config: Config, only: Sequence[str]) -> set[Article]:
    """The articles named in ``only``: paths, or quoted glob patterns (``'content/2026/*'``,
    matched against the path from the project root or from the content folder)."""
    patterns = [name for name in only if _is_pattern(name)]
    chosen = {_named_article(config, name) for name in only if name not in patterns}
    if patterns:
        every = list(iter_articles(config))
        for pattern in patterns:
            matched = {a for a in every if fnmatchcase(a.display, pattern) or fnmatchcase(a.rel, pattern)}
            if not matched:
                raise L10nError(
                    f"no article matches {pattern!r}",
                    hint=f"patterns match paths such as {every[0].display if every else config.content + '/x.md'}",
                )
            chosen |= matched
    return chosen


def _is_pattern(name: str) -> bool:
    """A glob pattern rather than a path: it has * ? or [ and names no file."""
    return any(character in name for character in "*?[") and not Path(name).exists()


def count_articles(config: Config, only: Sequence[str] = ()) -> int:
    """How many articles ``iter_articles`` will yield, from file names alone: a
    progress bar's total, known before the walk that reads them gets there."""
    if only:
        return len(set(only))
    if not config.content_dir.is_dir():
        return 0
    return sum(1 for _ in _article_files(config))


def _article_files(config: Config) -> Iterator[tuple[str, bool, str]]:
    """(path below content, is a link, display) of each article file, built ones left out."""
    outputs = _output_matcher(config)
    content_prefix = config.content + "/"
    for rel, is_link in walk_files(str(config.content_dir)):
        if not is_article_name(rel):
            continue
        display = content_prefix + rel
        if outputs(display):
            continue  # a built article written beside its source (Hugo-style output)
        yield rel, is_link, display


def walk_files(folder: str, prefix: str = "") -> Iterator[tuple[str, bool]]:
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
            yield from walk_files(entry.path, prefix + entry.name + "/")
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
    return Article(folder=str(config.content_dir), rel=rel, display=display_of(config, config.content_dir / rel))


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


# --------------------------------------------------------------------------- paths


def is_plain_display(display: str) -> bool:
    """Whether ``display``, a path relative to the project, is one a Path joined from it
    gives back unchanged (relative, ``/``-separated, no empty, ``.`` or ``..`` step), as
    the display paths of the files commands write are: then string joins and splits
    stand for the Path's own, which cost a build two Paths an article."""
    return os.sep == "/" and display != "." and not display.startswith(("/", "..")) and posixpath.normpath(display) == display


def display_of(config: Config, path: Path) -> str:
    """``path`` as messages show it: relative to the project root when inside it."""
    # Compared as strings (both are normalised paths): pathlib's relative_to cost
    # build a tenth of its time.
    text, root = os.fspath(path), os.fspath(config.root)
    if text.startswith(root) and text[len(root) : len(root) + 1] == os.sep and root != os.sep:
        return text[len(root) + 1 :].replace(os.sep, "/")
    try:
        return path.relative_to(config.root).as_posix()
    except ValueError:
        return path.as_posix()


def touches_project(config: Config, paths: Sequence[Path]) -> bool:
    """Whether any of ``paths`` (as a pre-commit hook passes them) is something a check
    reads: a file under the content or locales folder, the settings file, the glossary
    or the never-translate list. The folders are the configured ones, wherever they are."""
    folders = (config.content_dir.resolve(), config.locales_dir.resolve())
    glossary = config.root / config.glossary
    files = {(config.root / name).resolve() for name in (config.source, config.glossary) if name}
    files.add((glossary.parent / NEVER_TRANSLATE_FILE).resolve())
    for path in paths:
        full = path.resolve()
        if full in files or any(full.is_relative_to(folder) for folder in folders):
            return True
    return False


def repository_prefix(config: Config, cwd: Path) -> str:
    """Where the project root sits inside its repository, for reports a forge reads
    (GitHub annotations, SARIF): ``site/`` for ``l10n -C site`` in a monorepo, ``""``
    when the project is the repository. The repository is the nearest folder at or
    above the root with ``.git`` (a folder, or a worktree's file); outside git, ``cwd``."""
    top = next((folder for folder in (config.root, *config.root.parents) if (folder / ".git").exists()), cwd.resolve())
    prefix = Path(os.path.relpath(config.root, top)).as_posix()
    return "" if prefix == "." else prefix + "/"


def catalog_display(config: Config, article: Article, lang: str) -> str:
    """``locales/<lang>/<article path>.po``, relative to the project root."""
    return f"{config.locales}/{lang}/{article.rel}.po"


def entry_id(lang: str, article: str, msgctxt: str | None, msgid: str) -> str:
    """An entry's short id, the same across runs: what review lists and XLIFF units carry."""
    import hashlib  # on first need: loading OpenSSL is 2 ms of every start-up (review and XLIFF need it)

    key = f"{lang}\x00{article}\x00{msgctxt or ''}\x04{msgid}".encode()
    return hashlib.sha1(key).hexdigest()[:8]


def catalog_displays(config: Config, article: Article) -> list[str]:
    """The article's catalog in each of the project's languages, relative to the root."""
    return [catalog_display(config, article, lang) for lang in config.languages]


def catalog_path(config: Config, article: Article, lang: str) -> Path:
    """Where the ``lang`` catalog of ``article`` lives.

    Refused (L10nError) when a symbolic link takes the catalog or its history log
    out of the project: the tool reads, writes and deletes files inside it only.
    """
    display = catalog_display(config, article, lang)
    path = config.root / display
    inside_project(config, path, display)
    # The log beside it (history.path_for), named as a string: a second Path per
    # catalog was a fifth of this check.
    log = display.removesuffix(".po") + HISTORY_SUFFIX
    inside_project(config, f"{config.root}/{log}", log)
    return path


def output_display(config: Config, article: Article, lang: str) -> str:
    """Where ``build`` writes the ``lang`` version of ``article``, relative to the root."""
    directory, _, name = article.display.rpartition("/")
    dot = name.rfind(".")
    stem, ext = (name[:dot], name[dot:]) if dot > 0 else (name, "")
    return config.output.format(lang=lang, path=article.rel, dir=directory or ".", stem=stem, ext=ext)


def output_path(config: Config, article: Article, lang: str) -> Path:
    """Where ``build`` writes the ``lang`` version of ``article``.

    Refused (L10nError) when it leads out of the project or onto a source article
    (through a symbolic link, say): a build must never overwrite what it reads.
    """
    display = output_display(config, article, lang)
    path = config.root / display
    real = inside_project(config, path, display)
    # Joined as strings, not with config.content_dir (a new Path per call, and a
    # build asks for each output): realpath normalises the join the same way.
    content = _real_root(os.path.join(config.root, config.content))
    if real.startswith(content + os.sep):
        rel = Path(real[len(content) + 1 :]).as_posix()
        if is_article_name(rel) and not _output_matcher(config)(f"{config.content}/{rel}"):
            raise L10nError(
                f"would overwrite the source article {config.content}/{rel}",
                path=display,
                hint="point the output setting (and any link on its way) at a folder of built articles",
            )
    return path


def cache_file(config: Config, name: str) -> Path:
    """The file ``name`` of the cache folder; refused when a link takes it outside."""
    path = config.cache_dir / name
    inside_project(config, path, f"{config.cache}/{name}")
    return path


def inside_project(config: Config, path: Path | str, display: str) -> str:
    """The real path of ``path``; L10nError when a link takes it outside the project."""
    real = _real_path(config, path)
    root = _real_root(str(config.root))
    if real != root and not real.startswith(root + os.sep):
        raise L10nError(
            f"leads outside the project (it resolves to {real})",
            path=display,
            hint="the tool reads and writes files inside the project only: replace the symbolic link with a real folder or file",
        )
    return real


def _real_path(config: Config, path: Path | str) -> str:
    """``os.path.realpath(path)``, resolving each folder once per run.

    A run checks thousands of files in a few dozen folders, and resolving a path
    costs a system call per component: the folder's resolution is kept, and only
    the file itself is looked at (is it a link?).
    """
    folder, name = os.path.split(os.fspath(path))
    if name in ("", ".", "..") or _is_link(config, folder, name):
        return os.path.realpath(path)
    real_folder = config.real_folders.get(folder)
    if real_folder is None:
        real_folder = config.real_folders[folder] = os.path.realpath(folder)
    return os.path.join(real_folder, name)


# Files looked at one by one in a folder before its links are listed instead.
_LISTED_AFTER = 4


def _is_link(config: Config, folder: str, name: str) -> bool:
    """Whether ``folder/name`` is a symbolic link.

    A run checks the catalogs and outputs of hundreds of articles per folder: after
    a few files, the folder's links are listed once (one directory read, whose
    entries say which are links) and each further file is looked up there instead
    of with an lstat of its own. As with the folders' real paths (``_real_path``),
    what is found holds for the run (the Config); a file that does not exist is no
    link either way. A command on one article never lists its folder.
    """
    known = config.folder_links.get(folder, 0)
    if isinstance(known, frozenset):
        return name in known
    if known < _LISTED_AFTER:
        config.folder_links[folder] = known + 1
        return os.path.islink(os.path.join(folder, name))
    try:
        with os.scandir(folder) as scan:
            links = frozenset(entry.name for entry in scan if entry.is_symlink())
    except OSError:  # not there (yet), or not a folder: look at the file itself
        return os.path.islink(os.path.join(folder, name))
    config.folder_links[folder] = links
    return name in links


@functools.lru_cache(maxsize=8)
def _real_root(folder: str) -> str:
    return os.path.realpath(folder)


# --------------------------------------------------------------------------- settings


def target_languages(config: Config, langs: Sequence[str] = ()) -> list[str]:
    """The languages a command works on: ``langs`` normalised (each must be one of the
    project's), or all of the project's when none are given."""
    chosen = []
    for code in langs:
        lang = locales.normalise(code)
        if lang not in config.languages:
            raise L10nError(
                f"{lang} is not one of the project's languages",
                path="--lang",
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


def format_options(config: Config) -> FormatOptions:
    """How the project's articles are cut into segments: ``render_options`` with the
    never-translate patterns compiled."""
    return replace(render_options(config), never_translate=_joined(config.never_translate))


def render_options(config: Config) -> FormatOptions:
    """How the project's articles are written back: ``format_options`` less the
    never-translate patterns.

    Only cutting an article into segments reads the patterns (``formats.base.refine``);
    rendering reads the front matter keys and the language key. Compiling the
    patterns is 2 to 3 ms of a run, which a build that takes every article's
    segments from extract's parse cache need not pay.
    """
    from l10n.formats.base import FormatOptions

    return FormatOptions(front_matter_keys=config.front_matter_keys, segment_by=config.segment, language_key=config.language_key)


# Numbered back-references and conditions count groups, which joining renumbers.
# Kept as text, compiled by re.search when _joined first needs it: a run that
# parses no article never does.
_COUNTS_GROUPS = r"\\[0-9]|\(\?P=|\(\?\("


def _joined(patterns: Sequence[str]) -> tuple[re.Pattern[str], ...]:
    """The patterns as one regex that finds a match wherever any of them does (every
    segment is searched with them: one scan instead of one per pattern); the
    patterns one by one when they cannot be joined."""
    # The patterns are compiled one by one only when the join fails: compiling both
    # was 2 ms of every extract and build. Each is known to compile on its own (the
    # settings check refuses one that does not), so no error goes unnoticed.
    if len(patterns) >= 2 and not any(re.search(_COUNTS_GROUPS, p) for p in patterns):
        try:
            return (re.compile("|".join(f"(?:{p})" for p in patterns)),)
        except re.error:  # a global flag such as (?i) not at the start, a group name used twice
            pass
    return tuple(re.compile(p) for p in patterns)


# --------------------------------------------------------------------------- parsing


@dataclass(frozen=True)
class ParsedArticle:
    """One article, read and cut into segments."""

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
    ``rerun.open_parse_cache``): they are used instead of parsing again. Errors
    carry the article's path.
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
