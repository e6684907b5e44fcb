"""``l10n init``, ``l10n extract`` and ``l10n build``: the round from articles to catalogs and back.

Each command parses its options, calls one use case (``l10n.app.init``, ``extract`` or ``build``) and prints
what it reports; the ``_describe_*`` helpers turn one reported item into a line.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from l10n.app import config as config_module
from l10n.cli.console import Context, counted, progress_bar, user_errors
from l10n.cli.options import articles_argument, lang_option, quiet_option

if TYPE_CHECKING:
    from l10n.app import build as building
    from l10n.app import extract as extracting

# Each command imports its own use case when it runs: a build has no use for
# extract's or init's modules, nor an extract for build's (5 ms of its start-up).


@click.command()
@click.pass_obj
def init(obj: Context) -> None:
    """Set up a project here: l10n.toml, content/ and locales/.

    Existing files are never overwritten.

    \b
    Example:
      mkdir newsroom && cd newsroom && l10n init
    """
    root = obj.project_dir or Path.cwd()
    from l10n.app import init as initialising

    with user_errors():
        report = initialising.init(root)
    for name in report.created:
        click.echo(f"created {name}")
    for name in report.existing:
        click.echo(f"kept    {name} (already there)")
    click.echo("next: put articles in content/ and run `l10n extract`")


@click.command()
@articles_argument
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if any catalog is out of date.")
@click.option("--prune", is_flag=True, help="Delete catalogs whose article no longer exists.")
@quiet_option
@click.option(
    "--segment",
    type=click.Choice(config_module.SEGMENT_MODES),
    help="Cut articles into blocks or sentences [config: segment].",
)
@click.pass_obj
def extract(
    obj: Context, articles: tuple[str, ...], check: bool, prune: bool, segment: str | None, quiet: bool
) -> None:
    """Update the PO catalogs from the articles.

    One catalog per article and target language, at
    locales/<lang>/<article path>.po. Every segment goes to the catalogs of the
    languages it is not written in, so a bilingual article feeds both. Existing
    translations are kept; a changed segment keeps its old translation marked
    fuzzy (with the previous text); a removed one becomes obsolete (#~).

    \b
    Examples:
      l10n extract                          # every article
      l10n extract content/2026/story.md    # one article
      l10n extract --check                  # in CI: fail if catalogs are stale
      l10n extract --prune                  # also delete catalogs of deleted articles
    """
    from l10n.app import extract as extracting

    with user_errors():
        settings = obj.config(segment=segment)
        with progress_bar("extracting", quiet=quiet) as progress:
            report = extracting.extract(
                settings,
                only=articles,
                check=check,
                prune=prune,
                progress=progress,
                on_change=lambda change: progress.echo(_describe_change(change, check)),
            )
    _echo_notices(report.notices)
    if check:
        if report.stale:
            stale = counted(report.stale, "catalog")
            click.echo(f"{stale} {'is' if report.stale == 1 else 'are'} out of date with the content; run `l10n extract`", err=True)
            sys.exit(1)
        if not quiet:
            click.echo(f"catalogs are up to date ({counted(report.articles, 'article')})")
        return
    if not quiet:
        click.echo(_extract_summary(report))


@click.command()
@articles_argument
@lang_option
@click.option(
    "--min-coverage",
    type=click.IntRange(0, 100),
    metavar="PERCENT",
    help="Percent of entries that must reach their minimum state, this run [config: [publish] coverage].",
)
@click.option("--output", metavar="PATTERN", help="Where to write, e.g. build/{lang}/{path} [config: output].")
@click.option(
    "--use-fuzzy", is_flag=True, default=None, help="Publish untouched machine drafts, labelled [config: [publish] allow_machine]."
)
@click.option(
    "--copy-sources/--no-copy-sources",
    default=None,
    help="Also write each article in its own language, for one complete folder per language [config: copy_sources].",
)
@quiet_option
@click.option("--strict", is_flag=True, help="Exit 1 when any article is blocked.")
@click.option(
    "--withdraw-blocked",
    is_flag=True,
    help="Delete the published version of an article that is now blocked (default: keep it).",
)
@click.pass_obj
def build(
    obj: Context,
    articles: tuple[str, ...],
    langs: tuple[str, ...],
    min_coverage: int | None,
    output: str | None,
    use_fuzzy: bool | None,
    copy_sources: bool | None,
    quiet: bool,
    strict: bool,
    withdraw_blocked: bool,
) -> None:
    """Write the localized articles the publishing policy lets through.

    An article is built in each language it has something to translate into: a
    Korean story in English, an English story with a Korean quote in both. It is
    written only when `l10n check` would pass it (see [publish] and [check]: by
    default the headline, subtitle and captions reviewed, the rest translated by a
    person, nothing stale or rejected, no QA error); for every article it does not
    write, build prints why. A version published before stays until the article is
    ready again (said so), unless --withdraw-blocked. Each translated segment
    replaces its source text; everything else (front matter order and quoting,
    blank lines, tables, code) is copied byte for byte, and the front matter gets
    lang: <language>, the article's other languages (translations, translationKey)
    and, when it publishes untouched machine text, machine_translation* keys.
    With --copy-sources an article is also written in its own language, so that
    each language's folder holds the whole site.

    \b
    Examples:
      l10n build                          # every ready article, every target language
      l10n build --strict                 # in CI: exit 1 when something is blocked
      l10n build --lang en                # English only
      l10n build --withdraw-blocked       # unpublish what is blocked now
      l10n build --copy-sources           # build/ko and build/en each complete
      l10n build --min-coverage 100       # publish only complete translations
      l10n build --output 'site/{lang}/{path}'       # elsewhere, this once

    Hugo-style output beside the source goes in l10n.toml, where extract also
    reads it and so skips the built files: output = "{dir}/{stem}.{lang}{ext}".
    Given as --output or L10N_OUTPUT, a pattern that writes into the content
    folder is refused.
    """
    from l10n.app import build as building

    with user_errors():
        settings = obj.config(output=output, use_fuzzy=use_fuzzy, copy_sources=copy_sources)
        with progress_bar("building", quiet=quiet) as progress:
            report = building.build(
                settings,
                only=articles,
                langs=langs,
                progress=progress,
                on_result=lambda item: progress.echo(_describe_built(item)),
                coverage=min_coverage,
                withdraw=withdraw_blocked,
            )
    _echo_notices(report.notices)
    if not quiet:
        click.echo(_build_summary(report))
    if strict and any(report.count(action) for action in building.BLOCKED_ACTIONS):
        sys.exit(1)


# --------------------------------------------------------------------------- what they print


def _echo_notices(notices: Sequence[str]) -> None:
    for notice in notices:
        click.echo(f"notice: {notice}", err=True)


def _extract_summary(report: extracting.ExtractReport) -> str:
    summary = (
        f"{counted(report.articles, 'article')}, {counted(report.segments, 'segment')} read: "
        f"{counted(report.count('created'), 'catalog')} created, {report.count('updated')} updated, "
        f"{report.count('unchanged')} unchanged"
    )
    if report.count("orphaned"):
        summary += f", {report.count('orphaned')} orphaned (run with --prune to delete)"
    if report.count("pruned"):
        summary += f", {report.count('pruned')} pruned"
    return summary


def _describe_built(item: building.BuiltArticle) -> str:
    """``wrote build/en/a.md (5/5 translated)``; a blocked article with its reasons below."""
    from l10n.app.build import BLOCKED_ACTIONS  # loaded already: the build that made ``item`` ran

    if item.action in BLOCKED_ACTIONS:
        head = f"{item.action:<10} {item.output} ({item.translated}/{item.total} may be published)"
        return "\n".join([head, *(f"  {reason}" for reason in item.reason.splitlines())])
    coverage = f"{item.translated}/{item.total} translated" if item.total else "nothing to translate"
    reason = f": {item.reason}" if item.reason else ""
    verb = {"written": "wrote", "unchanged": "unchanged"}[item.action]
    return f"{verb:<10} {item.output} ({coverage}){reason}"


def _describe_change(change: extracting.CatalogChange, check: bool) -> str:
    verb = {
        "created": "would create" if check else "created",
        "updated": "would update" if check else "updated",
        "unchanged": "unchanged",
        "orphaned": "orphaned",
        "pruned": "pruned",
    }[change.action]
    details = []
    if change.action in ("created", "updated"):
        details.append(counted(change.entries, "entry"))
        if change.added and change.action == "updated":
            details.append(f"{change.added} new")
        if change.fuzzy:
            details.append(f"{change.fuzzy} fuzzy")
        if change.obsoleted:
            details.append(f"{change.obsoleted} obsolete")
    if change.action == "orphaned":
        details.append(f"{change.article} no longer exists")
    suffix = f" ({', '.join(details)})" if details else ""
    return f"{verb:<12} {change.path}{suffix}"


def _build_summary(report: building.BuildReport) -> str:
    from l10n.app.build import BLOCKED_ACTIONS  # loaded already: the build that made ``report`` ran

    # Counted per article and language: one article built in two languages is two.
    summary = (
        f"{counted(report.total - report.count('source'), 'localized article')} built: {report.count('written')} written, "
        f"{report.count('unchanged')} unchanged, "
        f"{sum(report.count(action) for action in BLOCKED_ACTIONS)} blocked"
    )
    if report.count("kept"):
        summary += f" ({report.count('kept')} kept the version published before)"
    if report.count("withdrawn"):
        summary += f" ({report.count('withdrawn')} withdrawn)"
    if report.count("source"):
        summary += f"; {report.count('source')} already in the language, not copied (see --copy-sources)"
    return summary
