"""The status use case: how far translation has come, per article and language.

``status(config)`` reads every catalog once (an article not extracted yet is
parsed instead: all its segments are untranslated work) and hands the sizes to
tally.py, which does the arithmetic and the grouping.

Read-only: it never writes a byte and never prints. It imports no other use case.
Work is per article, spread over processes for large projects.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from l10n.app import workspace
from l10n.app.config import Config
from l10n.app.tally import ArticleStatus, Filters, Item, Size, Status, measure, summarise, tally
from l10n.app.workspace import Progress, no_progress
from l10n.model import State
from l10n.po import catalog
from l10n.po.messages import messages_for, targets_of
from l10n.store.parallel import parallel_map
from l10n.text.language import detect_language

EVERYTHING = Filters()  # no filter: every language, article and state


def status(
    config: Config,
    *,
    filters: Filters = EVERYTHING,
    progress: Progress = no_progress,
) -> Status:
    """Entries and size by state, per language and article (see tally.py)."""
    langs = tuple(workspace.target_languages(config, filters.langs)) if filters.langs else ()
    filters = Filters(langs, filters.articles, filters.states)
    articles = [a for a in workspace.find_articles(config) if filters.wants_article(a.display)]
    found: list[ArticleStatus] = []
    work = partial(_article_status, config, langs or config.languages)
    for done, rows in enumerate(parallel_map(work, articles), 1):
        progress(done, len(articles), articles[done - 1].display)
        found.extend(rows)
    return summarise(found, langs or config.languages, filters)


def _article_status(config: Config, langs: Sequence[str], article: workspace.Article) -> list[ArticleStatus]:
    rows = []
    parsed: workspace.ParsedArticle | None = None
    for lang in langs:
        path = workspace.catalog_path(config, article, lang)
        display = workspace.catalog_display(config, article, lang)
        if path.exists():
            po = catalog.read_catalog(path, display)
            items = [Item(entry.state, _size(entry.msgid)) for entry in po.live()]
            rows.append(ArticleStatus(article.display, lang, display, tally(items)))
            continue
        # Not extracted yet: its segments are all untranslated work.
        if parsed is None:
            parsed = workspace.parse_article(config, article, workspace.format_options(config))
        segments = targets_of(parsed.segments, lang)
        if not segments:
            continue  # written in this language: nothing to translate
        messages = messages_for(article, segments)
        items = [Item(State.UNTRANSLATED, _size(m.msgid)) for m in messages]
        rows.append(ArticleStatus(article.display, lang, display, tally(items), has_catalog=False))
    return rows


def _size(text: str) -> Size:
    return measure(text, detect_language(text))
