"""Project configuration: ``l10n.toml`` or ``[tool.l10n]`` in ``pyproject.toml``.

Every setting has a default, can be set in the file, overridden by an ``L10N_*``
environment variable, and overridden again by a command-line flag (the CLI passes
flags in as ``overrides``). Unknown keys are errors with a "did you mean" hint:
a typo silently ignored is a setting silently not applied.

It reads the configuration file and the environment, nothing else: no articles,
no catalogs, no writes, no printing. Every other app module reads settings from
here; this module imports none of them.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from l10n.errors import L10nError
from l10n.text import locales
from l10n.text.patterns import EMAIL, URL_START
from l10n.text.scripts import HANGUL_SYLLABLES

CONFIG_FILE = "l10n.toml"
PYPROJECT = "pyproject.toml"
# Beside the glossary: terms never translated, one per line.
NEVER_TRANSLATE_FILE = "never-translate.txt"

# Whole-segment patterns for text a newsroom never translates: bylines, copyright
# notices, bare addresses. Anchored at both ends, so a body sentence that merely
# mentions "copyright" or a reporter is still translated.
_EN_NAME = r"[A-Z][\w.'’-]*(?:[ \t]+[A-Z][\w.'’-]*){0,4}"
# Korean names are two to four syllables (never loose jamo).
_KO_NAMES = rf"[{HANGUL_SYLLABLES}]{{2,4}}(?:[ \t]*[·,][ \t]*[{HANGUL_SYLLABLES}]{{2,4}})*"
_KO_TITLE = r"(?:기자|특파원|선임기자|전문기자|객원기자|인턴기자|논설위원|통신원)"
DEFAULT_NEVER_TRANSLATE: tuple[str, ...] = (
    # English byline: "By Kim Min-ji <minji@example.com>", "By Name < >",
    # "By Jane Roe and Kim Min-ji, Staff Reporters", "By Lee Ha-eun (lee@example.com)".
    rf"^[Bb][Yy][ \t]+{_EN_NAME}(?:[ \t]*(?:,|and|&)[ \t]*{_EN_NAME})*"
    rf"(?:[ \t]*(?:<[^<>]*>|\([^()]*\)|{EMAIL}))?$",
    # Korean byline: "홍길동 기자", "홍길동·김철수 기자 hong@example.com", and a wire
    # credit standing alone: "(서울=예시뉴스) 홍길동 기자 =". The credit that opens a
    # body paragraph ("... 기자 = 정부는 ...") is not whole-segment and stays.
    rf"^(?:[(\[][^()\[\]]*[)\]][ \t]*)?{_KO_NAMES}[ \t]*{_KO_TITLE}(?:[ \t]*=)?"
    rf"(?:[ \t]*[<(]?{EMAIL}[>)]?)?$",
    # English copyright notice: needs a year or a © after "Copyright", so a sentence
    # that starts "Copyright law was amended ..." is kept.
    r"^[<\[(]?[ \t]*(?:(?i:copyright)[ \t]*(?:©|ⓒ|\([cC]\))?[ \t]*\d{4}"
    r"|(?i:copyright)[ \t]*(?:©|ⓒ|\([cC]\))|©|ⓒ|\([cC]\)[ \t]*\d{4})[^\n]{0,160}$",
    r"^(?i:all rights reserved)\.?$",
    # Korean copyright notice: "<저작권자 © 예시일보, 무단 전재 및 재배포 금지>",
    # "무단전재-재배포 금지" on its own.
    r"^[<\[(]?[ \t]*저작권자[ \t]*(?:©|ⓒ|\([cC]\))[^\n]{0,160}$",
    r"^[<\[(]?[^\n]{0,60}?무단[ \t]*전재[^\n]{0,40}?금지[ \t]*[.>\])]?$",
    # Only an e-mail address or a URL.
    rf"^[<(]?[ \t]*(?:mailto:)?{EMAIL}[ \t]*[>)]?$",
    rf"^[<(]?[ \t]*{URL_START}\S+?[ \t]*[>)]?$",
)

SEGMENT_MODES = ("block", "sentence")


@dataclass(frozen=True)
class Config:
    """Settings for one project, with paths relative to ``root``."""

    root: Path
    content: str = "content"
    locales: str = "locales"
    output: str = "build/{lang}/{path}"
    languages: tuple[str, ...] = ("ko", "en")
    front_matter_keys: tuple[str, ...] = ("title", "subtitle", "description", "summary")
    never_translate: tuple[str, ...] = DEFAULT_NEVER_TRANSLATE
    segment: str = "block"
    language_key: str = "lang"
    min_coverage: int = 0
    use_fuzzy: bool = False
    copy_sources: bool = False  # build also writes each article in its own language
    encoding: str | None = None
    cache: str = ".cache/l10n"
    providers: tuple[str, ...] = ("google",)  # machine translation, tried in order
    glossary: str = "glossary.tsv"  # term list for translate and checks (optional file)
    # Where translators see an article, named in every entry's comment: {path} or {slug}.
    preview: str | None = None
    # Weblate bundles (bundles.py): one catalog per "section" or per "month" of articles.
    bundle: str | None = None
    source: str | None = None  # where the settings came from, for messages
    # Tables of settings for one part of the tool ([libre], [check]...), kept raw
    # here and checked by their owner through ``section()``.
    sections: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    file_text: str = field(default="", repr=False, compare=False)
    # Where each setting not left at its default came from: (key, origin) with origin
    # "file", "environment" or "flag", so that a message blames the real source.
    origins: tuple[tuple[str, str], ...] = field(default=(), repr=False, compare=False)
    # Each project folder's real path, resolved once per Config: a Config is one
    # run's view of the project (see workspace.inside_project).
    real_folders: dict[str, str] = field(default_factory=dict, init=False, repr=False, compare=False)
    # Each busy folder's symbolic links, listed once per Config, and how often each
    # other folder was asked about (see workspace.inside_project).
    folder_links: dict[str, int | frozenset[str]] = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def content_dir(self) -> Path:
        return self.root / self.content

    @property
    def locales_dir(self) -> Path:
        return self.root / self.locales

    @property
    def cache_dir(self) -> Path:
        return self.root / self.cache

    def fingerprint(self) -> str:
        """Everything that changes extraction or build output, as one string."""
        values = [f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.name not in _NOT_SETTINGS]
        return "\n".join(values)


# Settings users may write, with the environment variable for each.
_NOT_SETTINGS = ("root", "source", "sections", "file_text", "origins", "real_folders", "folder_links")
_KEYS = [f.name for f in fields(Config) if f.name not in _NOT_SETTINGS]
_LISTS = {"languages", "front_matter_keys", "never_translate", "providers"}


def _sections() -> tuple[str, ...]:
    """The tables a configuration may have; their keys are checked by their owners."""
    # Asked only of a file with tables: loading the provider list (l10n.mt) is a
    # millisecond of every start-up otherwise.
    from l10n.mt import PROVIDER_NAMES

    return ("check", "publish", *PROVIDER_NAMES)


ENVIRONMENT = {key: "L10N_" + key.upper() for key in _KEYS}
# The command-line flag that overrides each setting, where it is not --<key>.
FLAGS = {"providers": "--provider"}


def origin(config: Config, key: str) -> str | None:
    """Where setting ``key`` came from: "file", "environment", "flag", or None (default)."""
    return dict(config.origins).get(key)


def where(config: Config, key: str) -> tuple[str | None, int | None]:
    """The (path, line) an error about setting ``key`` names: the flag (``--languages``),
    the environment variable (``L10N_LANGUAGES``), the file and its line, or nothing."""
    came_from = origin(config, key)
    if came_from == "flag":
        return FLAGS.get(key, "--" + key.replace("_", "-")), None
    if came_from == "environment":
        return ENVIRONMENT[key], None
    if came_from == "file":
        return config.source, _line_of(key, config.file_text)
    return None, None


def find_root(start: Path) -> Path:
    """The nearest folder at or above ``start`` with l10n.toml or [tool.l10n]; else start."""
    start = start.resolve()
    for folder in (start, *start.parents):
        if (folder / CONFIG_FILE).is_file():
            return folder
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and "[tool.l10n]" in pyproject.read_text(encoding="utf-8", errors="replace"):
            return folder
    return start


def load(
    root: Path,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Config:
    """Read the configuration of the project at ``root``: flag > env > file > default."""
    environ = os.environ if environ is None else environ
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    file_values, source, file_text = _read_file(root)
    sections = []
    for key, value in file_values.items():
        if isinstance(value, dict):
            sections.append((key, tuple(value.items())))
        else:
            values[key], origins[key] = _check_type(key, value, source, file_text), "file"
    for key, variable in ENVIRONMENT.items():
        if variable in environ and environ[variable] != "":
            values[key], origins[key] = _from_environment(key, environ[variable], variable), "environment"
    for key, value in (overrides or {}).items():
        if value is not None:
            values[key], origins[key] = value, "flag"
    config = Config(
        root=root, source=source, sections=tuple(sections), file_text=file_text, origins=tuple(origins.items()), **values
    )
    return _validated(config)


def _read_file(root: Path) -> tuple[dict[str, Any], str | None, str]:
    standalone = root / CONFIG_FILE
    if standalone.is_file():
        text = standalone.read_text(encoding="utf-8")
        data = _parse_toml(text, CONFIG_FILE)
        return _known(data, CONFIG_FILE, text), CONFIG_FILE, text
    pyproject = root / PYPROJECT
    if pyproject.is_file():
        text = pyproject.read_text(encoding="utf-8")
        data = _parse_toml(text, PYPROJECT)
        table = data.get("tool", {}).get("l10n")
        if table is not None:
            return _known(table, PYPROJECT, text), PYPROJECT, text
    return {}, None, ""


def _parse_toml(text: str, path: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        raise L10nError(
            f"invalid TOML: {error}",
            path=path,
            line=int(match.group(1)) if match else None,
            hint="check the quoting and brackets on that line",
        ) from None


def _close_matches(word: str, candidates: Sequence[str]) -> list[str]:
    """The candidate a mistyped ``word`` most likely meant, for a "did you mean" hint."""
    from difflib import get_close_matches  # only a mistake pays for loading it

    return get_close_matches(word, candidates, n=1, cutoff=0.5)


def _known(table: dict[str, Any], path: str, text: str) -> dict[str, Any]:
    for key, value in table.items():
        if isinstance(value, dict):
            sections = _sections()
            if key not in sections:
                close = _close_matches(key, sections)
                hint = f"did you mean [{close[0]}]?" if close else "known tables: " + ", ".join(sections)
                raise L10nError(f"unknown table [{key}]", path=path, line=table_line(key, text), hint=hint)
            continue
        if key not in _KEYS:
            close = _close_matches(key, _KEYS)
            hint = f"did you mean {close[0]!r}?" if close else "known settings: " + ", ".join(_KEYS)
            raise L10nError(f"unknown setting {key!r}", path=path, line=_line_of(key, text), hint=hint)
    return dict(table)


def table_line(name: str, text: str) -> int | None:
    """The line of ``text`` that opens ``[name]`` (or ``[tool.l10n.name]``)."""
    match = re.search(rf"^[ \t]*\[(?:tool\.l10n\.)?{re.escape(name)}\]", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def line_in_table(name: str, key: str, text: str) -> int | None:
    """The line that sets ``key`` in ``[name]``; the table's own line if none does."""
    start = table_line(name, text)
    if start is None:
        return None
    lines = text.split("\n")
    for number in range(start, len(lines)):
        line = lines[number].strip()
        if line.startswith("["):
            break
        if re.match(rf"{re.escape(key)}\s*=", line):
            return number + 1
    return start


def section(
    config: Config,
    name: str,
    known: Mapping[str, type],
    environ: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The settings of table ``[name]``: file values, then ``L10N_<NAME>_<KEY>``.

    ``known`` maps each allowed key to its type (str, int, float, bool, list);
    unknown keys and wrong types are errors naming the file and line.
    """
    environ = os.environ if environ is None else environ
    table = dict(dict(config.sections).get(name, ()))
    values: dict[str, Any] = {}
    for key, value in table.items():
        line = line_in_table(name, key, config.file_text)
        if key not in known:
            close = _close_matches(key, list(known))
            hint = f"did you mean {close[0]!r}?" if close else "known keys: " + ", ".join(sorted(known))
            raise L10nError(f"unknown setting {key!r} in [{name}]", path=config.source, line=line, hint=hint)
        values[key] = _typed(known[key], value, f"[{name}] {key}", config.source, line)
    prefix = f"L10N_{name.upper()}_"
    for key, kind in known.items():
        variable = prefix + key.upper()
        if environ.get(variable, "") != "":
            raw = environ[variable]
            values[key] = (
                [item.strip() for item in raw.split(",") if item.strip()]
                if kind is list
                else _typed(kind, raw, variable, None, None, text=True)
            )
    return values


def _typed(kind: type, value: Any, name: str, path: str | None, line: int | None, *, text: bool = False) -> Any:
    """``value`` as ``kind``: taken as it is from the file, parsed when ``text`` (from
    the environment); an error naming ``name`` and the line otherwise."""
    typed = _parsed(kind, str(value)) if text else _checked(kind, value)
    if typed is None:
        raise L10nError(f"{name} must be {_TYPE_NAMES.get(kind, kind.__name__)}, not {value!r}", path=path, line=line)
    return typed


def _parsed(kind: type, raw: str) -> Any:
    """A setting written as text, or None when it does not read as ``kind``."""
    if kind is bool:
        return _flag(raw)
    try:
        return kind(raw)
    except ValueError:
        return None


def _checked(kind: type, value: Any) -> Any:
    """A value from TOML if it has type ``kind`` (an int is a fine float), else None."""
    if isinstance(value, bool) and kind is not bool:
        return None  # TOML's true is no number
    if kind is float and isinstance(value, int):
        return float(value)
    return value if isinstance(value, kind) else None


def _flag(raw: str) -> bool | None:
    """A true/false setting written as text; None when it is neither."""
    lowered = raw.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    return None


_TYPE_NAMES = {bool: "true or false", int: "a whole number", float: "a number", list: "a list", str: "a string", dict: "a table"}


def _line_of(key: str, text: str) -> int | None:
    match = re.search(rf"^[ \t]*{re.escape(key)}[ \t]*=", text, re.MULTILINE)
    return text.count("\n", 0, match.start()) + 1 if match else None


def _check_type(key: str, value: Any, path: str | None, text: str) -> Any:
    default = Config.__dataclass_fields__[key].default
    line = _line_of(key, text)
    if key in _LISTS:
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise L10nError(f"{key} must be a list of strings", path=path, line=line, hint=f'e.g. {key} = ["..."]')
        return tuple(value)
    if isinstance(default, bool):
        if not isinstance(value, bool):
            raise L10nError(f"{key} must be true or false", path=path, line=line)
        return value
    if isinstance(default, int):
        if not isinstance(value, int) or isinstance(value, bool):
            raise L10nError(f"{key} must be a whole number", path=path, line=line)
        return value
    if not isinstance(value, str):
        raise L10nError(f"{key} must be a string", path=path, line=line)
    return value


def _from_environment(key: str, raw: str, variable: str) -> Any:
    default = Config.__dataclass_fields__[key].default
    if key in _LISTS:
        # Patterns may contain commas, so never_translate is split on newlines.
        separator = "\n" if key == "never_translate" else ","
        return tuple(item.strip() for item in raw.split(separator) if item.strip())
    if isinstance(default, bool):
        flag = _flag(raw)
        if flag is None:
            raise L10nError(f"{variable} must be true or false, not {raw!r}")
        return flag
    if isinstance(default, int):
        try:
            return int(raw)
        except ValueError:
            raise L10nError(f"{variable} must be a whole number, not {raw!r}") from None
    return raw


def _validated(config: Config) -> Config:
    def at(key: str) -> dict[str, Any]:
        path, line = where(config, key)
        return {"path": path, "line": line}

    languages = []
    for code in config.languages:
        normal = locales.normalise(code, **at("languages"))
        if normal not in languages:
            languages.append(normal)
    if len(languages) < 2:
        raise L10nError(
            "at least two languages are needed (sources and targets)",
            hint='languages = ["ko", "en"]',
            **at("languages"),
        )
    if config.segment not in SEGMENT_MODES:
        raise L10nError(
            f"segment must be one of {', '.join(SEGMENT_MODES)}, not {config.segment!r}",
            hint='segment = "sentence" splits paragraphs into sentences',
            **at("segment"),
        )
    if not 0 <= config.min_coverage <= 100:
        raise L10nError("min_coverage is a percentage from 0 to 100", **at("min_coverage"))
    for pattern in config.never_translate:
        if pattern in DEFAULT_NEVER_TRANSLATE:
            continue  # ours, known to compile; compiling costs more than a no-op run's work
        try:
            re.compile(pattern)
        except re.error as error:
            raise L10nError(
                f"never_translate pattern {pattern!r} is not a valid regular expression: {error}",
                **at("never_translate"),
            ) from None
    _check_output_pattern(config.output, **at("output"))
    for key in ("content", "locales", "cache"):
        value = getattr(config, key)
        if Path(value).is_absolute() or ".." in Path(value).parts:
            raise L10nError(f"{key} must be a folder inside the project, not {value!r}", **at(key))
    # Folders as clean POSIX strings ("./content/" -> "content"): they are joined into
    # paths and references as text.
    folders = {key: Path(getattr(config, key)).as_posix() for key in ("content", "locales", "cache")}
    return Config(
        **{**{f.name: getattr(config, f.name) for f in fields(config) if f.init}, "languages": tuple(languages), **folders}
    )


OUTPUT_FIELDS = ("lang", "path", "dir", "stem", "ext")


def _check_output_pattern(pattern: str, *, path: str | None, line: int | None) -> None:
    names = re.findall(r"{([^{}]*)}", pattern)
    unknown = [name for name in names if name not in OUTPUT_FIELDS]
    if unknown:
        raise L10nError(
            f"output pattern has unknown field {{{unknown[0]}}}",
            path=path,
            line=line,
            hint="fields: " + ", ".join("{" + f + "}" for f in OUTPUT_FIELDS),
        )
    if "lang" not in names:
        raise L10nError(
            "output pattern must contain {lang}, or every language overwrites the same file",
            path=path,
            line=line,
            hint='e.g. output = "build/{lang}/{path}" or "{dir}/{stem}.{lang}{ext}"',
        )
    literal = re.sub(r"{[^{}]*}", "x", pattern)
    if Path(literal).is_absolute() or ".." in Path(literal).parts:
        raise L10nError(
            f"output pattern {pattern!r} leads outside the project; built articles are written inside it",
            path=path,
            line=line,
            hint='use a pattern relative to the project root without "..", e.g. output = "build/{lang}/{path}"',
        )
    if "path" not in names and not ("stem" in names and "ext" in names):
        raise L10nError(
            "output pattern must name the article: {path}, or {stem} and {ext}",
            path=path,
            line=line,
            hint='e.g. output = "build/{lang}/{path}"',
        )


DEFAULT_FILE = """\
# l10n settings. Every key can also be set with an L10N_<KEY> environment variable
# (for example L10N_LANGUAGES=ko,en) or a command-line flag.

# Folder with the articles (Markdown with front matter, plain text).
content = "content"
# Folder with the PO catalogs: locales/<lang>/<article path>.po
locales = "locales"
# Where built articles go. Fields: {lang} {path} {dir} {stem} {ext}.
# Hugo-style files beside the source: output = "{dir}/{stem}.{lang}{ext}"
output = "build/{lang}/{path}"
# The newsroom's languages; every segment is offered to the languages it is not in.
languages = ["ko", "en"]
# Front matter keys whose values are translated.
front_matter_keys = ["title", "subtitle", "description", "summary"]
# "block" (headings, paragraphs, list items, cells) or "sentence".
segment = "block"
# Also write each article in its own language (the source with the language key set),
# for a site with one complete folder per language. Off for Hugo-style output.
copy_sources = false

# What may be published (l10n status shows it, l10n check fails on it, l10n build
# writes only what it lets through). The defaults, written out:
# [publish]
# minimum = { "*" = "translated", "front-matter:title" = "reviewed", "front-matter:subtitle" = "reviewed", "image-alt" = "reviewed" }
# allow_machine = false   # true: untouched machine drafts may be published, labelled
# coverage = 100          # percent of entries that must reach their minimum state
"""
