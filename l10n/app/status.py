"""The status use case: how far translation has come, per article and language.

``status(config)`` takes each article's verdicts and counts as extract kept them
while they still hold (verdicts.py); otherwise it reads every catalog once (an article not extracted yet is
parsed instead: all its segments are untranslated work; while extract's last run
left the tree as it is, an article without a catalog in a language has nothing
for it, and is not parsed), asks the publishing
policy (publishing.py) for each article's verdict in each language and hands the
sizes and verdicts to tally.py, which does the arithmetic and the grouping.

Read-only: it never writes a byte and never prints. It imports no other use case.
Work is per article, spread over processes for large projects.
"""

from __future__ import annotations

from l10n.app import publishing, verdicts, workspace
from l10n.app.config import Config
from l10n.app.status_report import ArticleStatus, Filters, Judgement, Status, summarise
from l10n.app.tally import Item, Tally, size_of, tally, tally_entries
from l10n.app.workspace import Progress, no_progress
from l10n.frozen import maker_of
from l10n.model import State
from l10n.po.messages import messages_for, targets_of

EVERYTHING = Filters()  # no filter: every language, article and state


def status(
    config: Config,
    *,
    filters: Filters = EVERYTHING,
    progress: Progress = no_progress,
) -> Status:
    """Entries and size by state, per language and article (see tally.py), each with
    its publishing verdict (publishing.py: the one ``l10n check`` and ``l10n build`` obey)."""
    langs = tuple(workspace.target_languages(config, filters.langs)) if filters.langs else ()
    filters = Filters(langs, filters.articles, filters.states)
    articles = [a for a in workspace.find_articles(config) if filters.wants_article(a.display)]
    found: list[ArticleStatus] = []
    langs_judged = langs or config.languages
    for done, rows in enumerate(verdicts.judge_articles(config, langs_judged, articles, _rows, every_article=not filters.articles), 1):
        progress(done, len(articles), articles[done - 1].display)
        found.extend(rows)
    return summarise(found, langs_judged, filters)


def _rows(judging: publishing.Judging, source: publishing.LazyArticle, judged_langs: list[publishing.Judged]) -> list[ArticleStatus]:
    """The article's status in each language it has a catalog in, or work in."""
    rows = []
    article = source.article
    for judged in judged_langs:
        lang, display = judged.lang, judged.display
        counted = _counted(judged)
        if judged.verdict is not None and counted is not None:
            # ArticleStatus(article.display, lang, display, counted, judgement=...), one per
            # article and language: made as kept rows are (frozen.maker_of).
            rows.append(_new_article_status(article.display, lang, display, counted, True, _judgement(judged.verdict)))
            continue
        if not judging.compare:
            # Extract's last run left every article and catalog as they are, and it
            # writes a catalog wherever an article has something for the language:
            # none here means nothing to translate, with no need to parse the article.
            continue
        # Not extracted yet: its segments are all untranslated work.
        segments = targets_of(source.parsed().segments, lang)
        if not segments:
            continue  # written in this language: nothing to translate
        messages = messages_for(article, segments)
        items = [Item(State.UNTRANSLATED, size_of(m.msgid)) for m in messages]
        rows.append(ArticleStatus(article.display, lang, display, tally(items), has_catalog=False))
    return rows


def _counted(judged: publishing.Judged) -> Tally | None:
    """The catalog's counts: kept with its verdict, else counted from the catalog
    judged afresh; None without a catalog."""
    if judged.tally is not None:
        return judged.tally
    return tally_entries(judged.po.live()) if judged.po is not None else None


_new_article_status = maker_of(ArticleStatus, ("article", "lang", "catalog", "tally", "has_catalog", "judgement"))
_new_judgement = maker_of(Judgement, ("ready", "reasons", "headline", "reviewers", "last_activity", "rejections"))


def _judgement(verdict: publishing.Verdict) -> Judgement:
    activity = verdict.activity
    return _new_judgement(
        verdict.ready,
        tuple(verdict.in_words()),
        verdict.headline,
        activity.reviewers,
        activity.last,
        activity.rejections,
    )
