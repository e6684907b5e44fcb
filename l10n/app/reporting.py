"""The ``status`` and ``check`` use cases: read every catalog once, report, write nothing.

``status(config)`` counts entries and source size by state for every article and
language (status.py does the arithmetic). ``check(config)`` decides whether the
project may be published: it runs the QA checks (checks.py) on every translated
entry, adds the entries whose state blocks, and asks ``extract.extract`` (in its
write-nothing ``check`` mode) whether any catalog is out of date with its article.

What blocks is configured in a ``[check]`` table (``check_settings``)::

    [check]
    # What fails `l10n check`. Default: the five below. Also possible:
    # "machine" (every unreviewed machine draft), "translated" (everything not
    # yet reviewed) and "qa-warning".
    block = ["untranslated", "stale", "rejected", "qa-error", "out-of-date"]
    # Block kinds (the #. comment of an entry) whose machine drafts block until
    # a person edits or reviews them; "*" means every kind.
    require_human = ["front-matter:title", "heading"]
    # QA checks switched off for the whole project (ids: `l10n check --list`).
    ignore = ["length-ratio"]

    # Per language: any of the three keys above, replacing the project-wide value.
    [check.languages.en]
    require_human = ["*"]

Environment: ``L10N_CHECK_BLOCK``, ``L10N_CHECK_REQUIRE_HUMAN``,
``L10N_CHECK_IGNORE`` (comma-separated) override the file.

This module reads catalogs, articles and the glossary; it never writes and never
prints. Work is per article, spread over processes for large projects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from l10n.po import catalog
from l10n.qa import checks
from l10n.text import locales
from l10n.app import extract as extracting, status as status_module, workspace
from l10n.qa.checks import ArticleText, Severity
from l10n.app.config import Config, line_in_table, section, table_line
from l10n.errors import L10nError
from l10n.text.language import detect_language
from l10n.model import State
from l10n.qa.glossary import Glossary
from l10n.store.parallel import parallel_map
from l10n.app.workspace import Progress, no_progress
from l10n.po.messages import message_keys, messages_for, targets_of

# --------------------------------------------------------------------------- settings

# Codes of problems that are not QA findings: an entry's state, a stale catalog.
STATE_CODES = {
    "untranslated": "the entry has no translation",
    "machine": "a machine draft nobody has edited or reviewed",
    "stale": "the source changed after it was translated",
    "rejected": "a reviewer sent the translation back",
    "translated": "translated but not yet reviewed",
    "out-of-date": "the catalog is out of date with its article (run `l10n extract`)",
}
BLOCKABLE = (*STATE_CODES, "qa-error", "qa-warning")
DEFAULT_BLOCK = ("untranslated", "stale", "rejected", "qa-error", "out-of-date")
ALL_KINDS = "*"

_KEYS: dict[str, type] = {"block": list, "require_human": list, "ignore": list, "languages": dict}
_LANGUAGE_KEYS = ("block", "require_human", "ignore")


@dataclass(frozen=True)
class Rules:
    """What blocks publishing in one language."""

    block: frozenset[str] = frozenset(DEFAULT_BLOCK)
    require_human: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()

    def blocks_state(self, state: State, kind: str) -> bool:
        if state.value in self.block:
            return True
        return state is State.MACHINE and (ALL_KINDS in self.require_human or kind in self.require_human)


@dataclass(frozen=True)
class CheckSettings:
    """The ``[check]`` table, checked: project-wide rules and per-language ones."""

    rules: Rules = field(default_factory=Rules)
    languages: tuple[tuple[str, Rules], ...] = ()

    def for_lang(self, lang: str) -> Rules:
        return dict(self.languages).get(lang, self.rules)


def check_settings(config: Config) -> CheckSettings:
    """Read and validate ``[check]``; unknown keys, states or check ids name the line."""
    table = section(config, "check", _KEYS)
    base = _rules(config, table, Rules(), "check", _keys_from_file(config, table))
    languages = []
    for code, value in sorted(table.get("languages", {}).items()):
        name = f"check.languages.{code}"
        line = _line(config, name)
        lang = locales.normalise(code, path=config.source, line=line)
        if lang not in config.languages:
            raise L10nError(
                f"[{name}]: {lang} is not one of the project's languages",
                path=config.source,
                line=line,
                hint="languages: " + ", ".join(config.languages),
            )
        if not isinstance(value, dict):
            raise L10nError(f"[{name}] must be a table", path=config.source, line=line)
        for key in value:
            if key not in _LANGUAGE_KEYS:
                raise L10nError(
                    f"unknown setting {key!r} in [{name}]",
                    path=config.source,
                    line=_line(config, name, key),
                    hint="known keys: " + ", ".join(_LANGUAGE_KEYS),
                )
        languages.append((lang, _rules(config, value, base, name, set(value))))
    return CheckSettings(base, tuple(languages))


def _rules(config: Config, table: dict, default: Rules, name: str, in_file: set[str]) -> Rules:
    values = {}
    for key, known, what in (
        ("block", BLOCKABLE, "what can block"),
        ("ignore", tuple(checks.CHECKS), "check ids"),
        ("require_human", None, None),
    ):
        if key not in table:
            continue
        items = table[key]
        line = _line(config, name, key) if key in in_file else None
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise L10nError(f"[{name}] {key} must be a list of strings", path=config.source, line=line)
        for item in items:
            if known is not None and item not in known:
                raise L10nError(
                    f"[{name}] {key}: unknown value {item!r}",
                    path=config.source,
                    line=line,
                    hint=f"{what}: " + ", ".join(known),
                )
        values[key] = frozenset(items)
    return Rules(
        block=values.get("block", default.block),
        require_human=values.get("require_human", default.require_human),
        ignore=values.get("ignore", default.ignore),
    )


def _keys_from_file(config: Config, table: dict) -> set[str]:
    """The keys of ``[check]`` whose value is the file's, not an L10N_CHECK_* variable's
    (a variable's value is on no line of the file)."""
    written = dict(dict(config.sections).get("check", ()))
    return {key for key, value in table.items() if written.get(key) == value}


def _line(config: Config, table: str, key: str | None = None) -> int | None:
    """The line that sets ``key`` in ``[table]``, or that opens the table without a key.

    A table written inside its parent (``languages.de = {...}`` in ``[check]``) has
    no line of its own: then the line that names it in the parent.
    """
    text = config.file_text
    line = line_in_table(table, key, text) if key else table_line(table, text)
    if line is None and "." in table:
        parent, _, child = table.rpartition(".")
        return _line(config, parent, child)
    return line


# --------------------------------------------------------------------------- status


def status(
    config: Config,
    *,
    filters: status_module.Filters = status_module.Filters(),
    progress: Progress = no_progress,
) -> status_module.Status:
    """Entries and size by state, per language and article (see status.py)."""
    langs = tuple(workspace.target_languages(config, filters.langs)) if filters.langs else ()
    filters = status_module.Filters(langs, filters.articles, filters.states)
    articles = [a for a in workspace.find_articles(config) if filters.wants_article(a.display)]
    found: list[status_module.ArticleStatus] = []
    work = partial(_article_status, config, langs or config.languages)
    for done, rows in enumerate(parallel_map(work, articles), 1):
        progress(done, len(articles), articles[done - 1].display)
        found.extend(rows)
    return status_module.summarise(found, langs or config.languages, filters)


def _article_status(config: Config, langs: Sequence[str], article: workspace.Article) -> list[status_module.ArticleStatus]:
    rows = []
    parsed: workspace.ParsedArticle | None = None
    for lang in langs:
        path = workspace.catalog_path(config, article, lang)
        display = workspace.catalog_display(config, article, lang)
        if path.exists():
            po = catalog.read_catalog(path, display)
            items = [status_module.Item(entry.state, _size(entry.msgid)) for entry in po.live()]
            rows.append(status_module.ArticleStatus(article.display, lang, display, status_module.tally(items)))
            continue
        # Not extracted yet: its segments are all untranslated work.
        if parsed is None:
            parsed = workspace.parse_article(config, article, workspace.format_options(config))
        segments = targets_of(parsed.segments, lang)
        if not segments:
            continue  # written in this language: nothing to translate
        messages = messages_for(article, segments)
        items = [status_module.Item(State.UNTRANSLATED, _size(m.msgid)) for m in messages]
        rows.append(status_module.ArticleStatus(article.display, lang, display, status_module.tally(items), has_catalog=False))
    return rows


def _size(text: str) -> status_module.Size:
    return status_module.measure(text, detect_language(text))


# --------------------------------------------------------------------------- check


@dataclass(frozen=True)
class Problem:
    """Something ``l10n check`` reports, where the reader fixes it.

    ``path``/``line`` point into the article (from the entry's ``#:`` reference),
    ``catalog``/``catalog_line`` at the PO entry. ``code`` is a QA check id or a
    STATE_CODES key; ``blocking`` says whether it fails the check.
    """

    code: str
    severity: Severity
    blocking: bool
    message: str
    path: str
    line: int | None = None
    catalog: str | None = None
    catalog_line: int | None = None
    lang: str | None = None
    msgid: str = ""


@dataclass(frozen=True)
class Rule:
    """A kind of problem, for reports that list them (SARIF rules, ``--list``)."""

    id: str
    severity: Severity
    description: str


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[Problem, ...]
    catalogs: tuple[str, ...]  # every catalog read, in path order
    entries: int  # live entries read
    rules: tuple[Rule, ...]

    @property
    def passed(self) -> bool:
        return not any(p.blocking for p in self.problems)

    @property
    def blocking(self) -> list[Problem]:
        return [p for p in self.problems if p.blocking]


def rules() -> tuple[Rule, ...]:
    """Every QA check, then every state code, with a one-line description."""
    qa = [Rule(c.id, c.severity, c.description + (" (English targets only)" if c.english_only else "")) for c in checks.CHECKS.values()]
    states = [Rule(code, Severity.ERROR, text) for code, text in STATE_CODES.items()]
    return (*qa, *states)


def check(config: Config, *, langs: Sequence[str] = (), progress: Progress = no_progress) -> CheckReport:
    """Everything that blocks publishing, and the warnings worth a look."""
    settings = check_settings(config)
    targets = tuple(workspace.target_languages(config, langs))
    glossary = workspace.project_glossary(config)
    articles = workspace.find_articles(config)
    problems: list[Problem] = []
    catalogs: list[str] = []
    entries = 0
    # When extract's last run left every article and catalog as they are, none is
    # out of date; otherwise each article's catalogs are compared on the way.
    compare = not extracting.catalogs_up_to_date(config)
    work = partial(_article_check, config, settings, glossary, targets, compare)
    for done, outcome in enumerate(parallel_map(work, articles), 1):
        progress(done, len(articles), articles[done - 1].display)
        problems.extend(outcome.problems)
        catalogs.extend(outcome.catalogs)
        entries += outcome.entries
    return CheckReport(tuple(problems), tuple(catalogs), entries, rules())


@dataclass(frozen=True)
class _ArticleCheck:
    problems: tuple[Problem, ...]
    catalogs: tuple[str, ...]
    entries: int


def _article_check(
    config: Config,
    settings: CheckSettings,
    glossary: Glossary,
    langs: Sequence[str],
    compare: bool,
    article: workspace.Article,
) -> _ArticleCheck:
    """One article's problems: its catalogs' entries and, with ``compare``, whether
    extract would change its catalogs.

    Each catalog is read once, and the article parsed at most once, for both.
    """
    problems: list[Problem] = []
    catalogs = []
    entries = 0
    shared = _LazyArticle(config, article)
    for lang in langs:
        path = workspace.catalog_path(config, article, lang)
        display = workspace.catalog_display(config, article, lang)
        rules = settings.for_lang(lang)
        existing = None
        if path.exists():
            catalogs.append(display)
            existing = catalog.read_catalog(path, display)
            for entry in existing.live():
                entries += 1
                problems.extend(_entry_problems(config, rules, glossary, shared, lang, display, article, entry))
        if compare:
            change, _ = extracting.catalog_change(config, shared.parsed(), lang, path, glossary, existing)
            if change is not None and change.action in ("created", "updated"):
                problems.append(_out_of_date(change, rules))
    return _ArticleCheck(tuple(problems), tuple(catalogs), entries)


def _out_of_date(change: extracting.CatalogChange, rules: Rules) -> Problem:
    verb = "does not exist yet" if change.action == "created" else "is out of date with its article"
    return Problem(
        code="out-of-date",
        severity=Severity.ERROR,
        blocking="out-of-date" in rules.block,
        message=f"{change.path} {verb}; run `l10n extract`",
        path=change.article,
        catalog=change.path,
        lang=change.lang,
    )


class _LazyArticle:
    """The article, parsed on first need: by the structure check, or to compare its
    catalogs with what extract would write."""

    def __init__(self, config: Config, article: workspace.Article) -> None:
        self.config = config
        self.article = article
        self._parsed: tuple[ArticleText, workspace.ParsedArticle] | None = None
        self._keys: dict[str, tuple[list, list]] = {}  # lang -> (segments, message keys)

    def parsed(self) -> workspace.ParsedArticle:
        return self._text_and_parsed()[1]

    def _text_and_parsed(self) -> tuple[ArticleText, workspace.ParsedArticle]:
        if self._parsed is None:
            options = workspace.format_options(self.config)
            parsed = workspace.parse_article(self.config, self.article, options)
            self._parsed = (ArticleText(self.article.format, parsed.source.text, options), parsed)
        return self._parsed

    def segments_for(self, lang: str, key: tuple[str | None, str]) -> tuple[ArticleText, tuple]:
        text, parsed = self._text_and_parsed()
        if lang not in self._keys:
            segments = targets_of(parsed.segments, lang)
            self._keys[lang] = (segments, message_keys(segments))
        segments, keys = self._keys[lang]
        return text, tuple(seg for seg, k in zip(segments, keys) if k == key)


def _entry_problems(
    config: Config,
    rules: Rules,
    glossary: Glossary,
    shared: _LazyArticle,
    lang: str,
    display: str,
    article: workspace.Article,
    entry: catalog.Entry,
) -> list[Problem]:
    state = entry.state
    kind = checks.block_kind(entry.comment)
    path, line = _reference(entry, article.display)
    where: dict[str, Any] = dict(
        path=path, line=line, catalog=display, catalog_line=entry.line, lang=lang, msgid=entry.msgid
    )
    found: list[Problem] = []
    if rules.blocks_state(state, kind):
        found.append(
            Problem(code=state.value, severity=Severity.ERROR, blocking=True, message=_state_message(state, kind), **where)
        )
    if not entry.msgstr or state is State.STALE:
        return found  # a stale translation belongs to the old source: comparing it says nothing
    # A fuzzy entry is not published (unless use_fuzzy): its findings inform, never block.
    published = state.done or config.use_fuzzy
    unit, skip = checks.catalog_entry(
        entry.msgid, entry.msgstr, lang, comment=entry.comment, tcomment=entry.tcomment, ignore=rules.ignore
    )
    if checks.may_change_structure(unit) and article.format.NAME == "markdown":
        text, segments = shared.segments_for(lang, (entry.msgctxt, entry.msgid))
        unit = checks.Entry(unit.source, unit.target, unit.source_lang, unit.target_lang, kind, text, segments)
    for finding in checks.run(unit, glossary=glossary, skip=skip):
        level = "qa-error" if finding.severity is Severity.ERROR else "qa-warning"
        found.append(
            Problem(
                code=finding.check,
                severity=finding.severity,
                blocking=published and level in rules.block,
                message=finding.message,
                **where,
            )
        )
    return found


def _reference(entry: catalog.Entry, fallback: str) -> tuple[str, int | None]:
    for name, line in entry.occurrences:
        return name, int(line) if str(line).isdigit() else None
    return fallback, None


def _state_message(state: State, kind: str) -> str:
    return {
        State.UNTRANSLATED: f"{kind} is not translated",
        State.MACHINE: f"{kind} is a machine draft nobody has reviewed",
        State.STALE: f"{kind} changed since it was translated; update the translation",
        State.REJECTED: f"{kind} was sent back by a reviewer",
        State.TRANSLATED: f"{kind} is not reviewed yet",
    }[state]  # a reviewed entry never blocks: "reviewed" is not in BLOCKABLE
