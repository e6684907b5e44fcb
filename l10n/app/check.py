"""The check use case: may the project be published?

``check(config)`` runs the QA checks (qa/checks.py) on every translated entry,
adds the entries whose state blocks under the ``[check]`` rules
(check_settings.py) and, unless extract's last run left the tree as it is, asks
staleness.py whether any catalog is out of date with its article. ``rules()``
lists every kind of problem, for ``--list`` and SARIF.

Read-only: it reads catalogs, articles and the glossary, never writes a byte and
never prints. It imports no other use case. Work is per article, spread over
processes for large projects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

from l10n.app import staleness, workspace
from l10n.app.check_settings import STATE_CODES, CheckSettings, Rules, check_settings
from l10n.app.config import Config
from l10n.app.workspace import Progress, no_progress
from l10n.model import State
from l10n.po import catalog
from l10n.po.messages import message_keys, targets_of
from l10n.qa import checks
from l10n.qa.checks import ArticleText, Severity
from l10n.qa.glossary import Glossary
from l10n.store.parallel import parallel_map


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
    qa = [
        Rule(c.id, c.severity, c.description + (" (English targets only)" if c.english_only else ""))
        for c in checks.CHECKS.values()
    ]
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
    compare = not staleness.catalogs_up_to_date(config)
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
            change, _ = staleness.catalog_change(config, shared.parsed(), lang, path, glossary, existing)
            if change is not None and change.action in ("created", "updated"):
                problems.append(_out_of_date(change, rules))
    return _ArticleCheck(tuple(problems), tuple(catalogs), entries)


def _out_of_date(change: staleness.CatalogChange, rules: Rules) -> Problem:
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
        return text, tuple(seg for seg, k in zip(segments, keys, strict=True) if k == key)


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
    where: dict[str, Any] = dict(path=path, line=line, catalog=display, catalog_line=entry.line, lang=lang, msgid=entry.msgid)
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
