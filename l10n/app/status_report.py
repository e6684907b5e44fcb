"""What ``l10n status`` reports: each article's tally and publishing verdict in
each language, grouped by language (``summarise``), and what the report was asked
to show (``Filters``).

Kept apart from tally.py, the arithmetic extract and build share: only the status
use case and its renderers need these classes, and each frozen dataclass costs
every process that imports it about half a millisecond at start-up (its methods
are compiled from source).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Sequence
from dataclasses import dataclass, field

from l10n.app.tally import Tally
from l10n.model import State


@dataclass(frozen=True)
class Judgement:
    """The publishing verdict on one article in one language, as an editor reads it
    (made from ``publishing.Verdict`` by the status use case)."""

    ready: bool
    reasons: tuple[str, ...] = ()  # in words, grouped (``publishing.describe``)
    headline: str = ""  # the title in the language if it may be published, else the source's
    reviewers: tuple[tuple[str, str], ...] = ()  # (who, date), newest first
    last_activity: str = ""  # date of the newest draft, review or rejection
    rejections: tuple[tuple[str, str, str], ...] = ()  # (who, date, comment)

    @property
    def state(self) -> str:
        return "ready" if self.ready else "blocked"


NOT_EXTRACTED = Judgement(False, ("out-of-date: not extracted yet; run `l10n extract`",))


@dataclass(frozen=True)
class ArticleStatus:
    """One article in one language: its catalog, how far it is, and whether it may go out."""

    article: str  # content/news/story.md
    lang: str
    catalog: str  # locales/en/news/story.md.po
    tally: Tally
    has_catalog: bool = True  # False: not extracted yet, every segment counted untranslated
    judgement: Judgement = NOT_EXTRACTED


@dataclass(frozen=True)
class LanguageStatus:
    lang: str
    tally: Tally
    articles: tuple[ArticleStatus, ...]


@dataclass(frozen=True)
class Status:
    """The whole report: per language (in configuration order), per article (by path)."""

    languages: tuple[LanguageStatus, ...]
    total: Tally = field(default_factory=Tally)

    @property
    def percent_done(self) -> float:
        return self.total.percent_done

    @property
    def ready(self) -> int:
        """Articles (per language) that may be published."""
        return sum(1 for language in self.languages for a in language.articles if a.judgement.ready)

    @property
    def blocked(self) -> int:
        return sum(1 for language in self.languages for a in language.articles if not a.judgement.ready)


@dataclass(frozen=True)
class Filters:
    """What ``l10n status`` was asked to show; empty means everything."""

    langs: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()  # glob patterns on the article path (content/2026/*)
    states: tuple[State, ...] = ()  # show only articles with an entry in one of these

    def wants_article(self, article: str) -> bool:
        return not self.articles or any(fnmatch.fnmatchcase(article, pattern) for pattern in self.articles)

    def wants_lang(self, lang: str) -> bool:
        return not self.langs or lang in self.langs

    def wants_tally(self, counted: Tally) -> bool:
        return not self.states or any(counted.count(state) for state in self.states)


def summarise(articles: Sequence[ArticleStatus], languages: Sequence[str], filters: Filters = Filters()) -> Status:
    """Group article tallies by language (in ``languages`` order), filtered.

    Totals are over what is shown: ``--state machine`` reports the articles that
    still have machine drafts, and their percentage.
    """
    shown = [
        a for a in articles if filters.wants_lang(a.lang) and filters.wants_article(a.article) and filters.wants_tally(a.tally)
    ]
    result = []
    total = Tally()
    for lang in languages:
        mine = tuple(sorted((a for a in shown if a.lang == lang), key=lambda a: a.article))
        if not mine and not filters.wants_lang(lang):
            continue
        lang_tally = Tally()
        for article in mine:
            lang_tally += article.tally
        total += lang_tally
        result.append(LanguageStatus(lang, lang_tally, mine))
    return Status(tuple(result), total)
