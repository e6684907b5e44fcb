"""The check use case: may the project be published?

``check(config)`` asks the publishing policy (publishing.py: ``[publish]`` and
``[check]``) for the verdict on every article in every language (or takes the one
extract kept while it still holds, verdicts.py), reports every
reason and finding and, unless extract's last run left the tree as it is, asks
staleness.py whether any catalog is out of date with its article. ``rules()``
lists every kind of problem, for ``--list`` and SARIF.

Read-only: it reads catalogs, articles and the glossary, never writes a byte and
never prints. It imports no other use case. Work is per article, spread over
processes for large projects. The QA checks (``l10n.qa.checks``) are imported
only by what runs them or lists them: a check that finds every verdict kept
never does, and importing them compiles some hundred patterns.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from l10n.app import publishing, workspace
from l10n.app import verdicts as kept_verdicts
from l10n.app.check_settings import STATE_CODES
from l10n.app.config import Config
from l10n.app.publishing import Problem
from l10n.app.workspace import Progress, no_progress
from l10n.qa.findings import Severity


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
    verdicts: tuple[publishing.Verdict, ...] = ()  # per article and language, in article order
    # The project root inside its repository ("site/" in a monorepo, else ""): the
    # forge formats (GitHub, SARIF) name files from the repository root.
    repository_prefix: str = ""
    seconds: float = 0.0  # how long the check took (JUnit's time)

    @property
    def rules(self) -> tuple[Rule, ...]:
        """Every kind of problem there is (SARIF lists them): computed when asked, as
        only SARIF asks, and naming the checks imports them."""
        return rules()

    @property
    def passed(self) -> bool:
        return not any(p.blocking for p in self.problems)

    @property
    def blocking(self) -> list[Problem]:
        return [p for p in self.problems if p.blocking]


def rules() -> tuple[Rule, ...]:
    """Every QA check, then every state code, with a one-line description."""
    from l10n.qa import checks  # on first need: see the module's docstring

    qa = [Rule(c.id, c.severity, c.description + (" (English targets only)" if c.english_only else "")) for c in checks.CHECKS.values()]
    states = [Rule(code, Severity.ERROR, text) for code, text in STATE_CODES.items()]
    coverage = Rule("coverage", Severity.ERROR, "too little of the article may be published in the language")
    return (*qa, *states, coverage)


def check(
    config: Config,
    *,
    langs: Sequence[str] = (),
    only: Sequence[str] = (),
    progress: Progress = no_progress,
    cwd: Path | None = None,
    clock: Callable[[], float] = time.perf_counter,
) -> CheckReport:
    """Everything that blocks publishing (the publishing policy's reasons), and the
    warnings worth a look; ``only`` names articles to check instead of all. ``cwd``
    (default: the current directory) is the repository root when the project is in no
    git repository."""
    started = clock()
    targets = tuple(workspace.target_languages(config, langs))
    articles = workspace.find_articles(config, only)
    problems: list[Problem] = []
    catalogs: list[str] = []
    entries = 0
    verdicts: list[publishing.Verdict] = []
    # When extract's last run left every article and catalog as they are, none is
    # out of date; otherwise each article's catalogs are compared on the way.
    for done, outcome in enumerate(kept_verdicts.judge_articles(config, targets, articles, _outcome, every_article=not only), 1):
        progress(done, len(articles), articles[done - 1].display)
        for verdict in outcome.verdicts:
            problems.extend(verdict.problems)
            verdicts.append(verdict)
        catalogs.extend(outcome.catalogs)
        entries += outcome.entries
    prefix = workspace.repository_prefix(config, Path.cwd() if cwd is None else cwd)
    return CheckReport(tuple(problems), tuple(catalogs), entries, tuple(verdicts), prefix, clock() - started)


class _ArticleCheck(NamedTuple):
    """One article's part of the report (a named tuple: a thousand of them are made,
    and read once each, by ``check``)."""

    verdicts: tuple[publishing.Verdict, ...]
    catalogs: tuple[str, ...]
    entries: int


def _outcome(judging: publishing.Judging, source: publishing.LazyArticle, judged: list[publishing.Judged]) -> _ArticleCheck:
    """One article's verdicts, and the catalogs read for them (kept ones included: no ``po``)."""
    return _ArticleCheck(
        verdicts=tuple(j.verdict for j in judged if j.verdict is not None),
        catalogs=tuple(j.display for j in judged if j.po is not None or j.tally is not None),
        entries=sum(j.entries for j in judged),
    )
