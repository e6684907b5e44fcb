"""``l10n translate``: machine drafts for the untranslated entries.

Parses the options, calls ``translating.translate`` (the MT stack is imported only
when this command runs) and prints its report: the estimate of a dry run, or what
was drafted, failed and is left. Exits 130 when interrupted, 1 when a draft failed.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from l10n.cli.console import Context, counted, progress_bar, user_errors
from l10n.cli.options import articles_argument, lang_option, quiet_option
from l10n.mt import PROVIDER_NAMES

if TYPE_CHECKING:
    from l10n.app.translate import TranslateReport


# Over 60 lines for its --help: the docstring is the manual for providers and keys.
@click.command()
@articles_argument
@lang_option
@click.option(
    "-p",
    "--provider",
    "providers",
    metavar="NAME[,NAME]",
    help="Provider chain, first to last [config: providers]: " + ", ".join(PROVIDER_NAMES) + ".",
)
@click.option("--dry-run", is_flag=True, help="Send nothing; show what would be sent and what it would cost.")
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="Draft at most N entries this run.")
@click.option(
    "--fuzzy",
    "include_fuzzy",
    is_flag=True,
    help="Also redraft stale and needs-work (fuzzy) entries; what a reviewer rejected waits for a person.",
)
@quiet_option
@click.pass_obj
# Over 60 lines only because of its parameter list and the --help text with
# examples; the work itself is app/translate.py's.
def translate(
    obj: Context,
    articles: tuple[str, ...],
    langs: tuple[str, ...],
    providers: str | None,
    dry_run: bool,
    limit: int | None,
    include_fuzzy: bool,
    quiet: bool,
) -> None:
    """Fill untranslated entries with machine drafts for translators to post-edit.

    First the translation memory (what people already translated in this
    project), then the machine cache (a text is never paid for twice), then the
    providers in order. Drafts are fuzzy, so editors show them as needing work
    and `l10n build` does not publish them; each carries a `# l10n: machine`
    note with the provider and date.

    API keys come only from the environment: L10N_<PROVIDER>_API_KEY, or
    L10N_<PROVIDER>_API_KEY_FILE naming a file that holds it. Provider options
    (url, region, model, concurrency, rate, max_texts, price) go in a [<provider>] table
    of l10n.toml or L10N_<PROVIDER>_<OPTION>.

    \b
    Examples:
      l10n translate --dry-run                 # what would be sent, and the cost
      l10n translate --lang en --limit 50      # a first batch into English
      L10N_LIBRE_URL=http://localhost:5000/ l10n translate --provider libre
      L10N_DEEPL_API_KEY=... l10n translate --provider deepl,google
    """
    from l10n.app import (
        translate as translating,  # the MT stack loads only for this command
    )

    chain = [name for name in providers.split(",") if name.strip()] if providers else None
    with user_errors():
        settings = obj.config()
        with progress_bar("translating", quiet=quiet) as progress:
            report = translating.translate(
                settings,
                only=articles,
                langs=langs,
                providers=chain,
                dry_run=dry_run,
                limit=limit,
                include_fuzzy=include_fuzzy,
                progress=progress,
                on_interrupt=lambda: progress.notice(_STOPPING),
            )
    if report.dry_run:
        _show_estimate(report)
        return
    _show_drafted(report, quiet=quiet)
    if report.interrupted:
        click.echo(
            f"interrupted: the drafts so far are saved; {counted(report.left, 'entry')} left. "
            "Run it again to resume: answers already received are cached and not paid again.",
            err=True,
        )
        sys.exit(130)
    if report.failed:
        sys.exit(1)


# Said at the first Ctrl-C: the answers in flight may take a provider's timeout to come.
_STOPPING = "stopping: no more requests; waiting for the answers in flight (Ctrl-C again to leave them)"


def _show_estimate(report: TranslateReport) -> None:
    """A dry run: where the drafts would come from, per provider and language, and the cost."""
    click.echo(
        f"{counted(report.entries, 'entry')} {'needs' if report.entries == 1 else 'need'} a draft: "
        f"{report.from_memory} from translation memory, "
        f"{report.from_cache} from the machine cache, {report.left} to send"
    )
    for provider, lang, entries, characters, cost, currency in report.estimate:
        click.echo(
            f"  {provider} -> {lang}: {counted(entries, 'entry')}, "
            f"{counted(characters, 'character', thousands=True)}, ~{cost:,.2f} {currency}"
        )
    for setup in report.chain:
        pace = f"{setup.rate:g} requests/s" if setup.rate is not None else "no pacing"
        where = "local" if setup.local else "public service"
        click.echo(
            f"  {setup.name}: up to {counted(setup.max_texts, 'text')} and "
            f"{counted(setup.max_request_chars, 'character', thousands=True)} per request"
            f" ({setup.max_chars:,} per text), {setup.concurrency} in flight, {pace} ({where})"
        )
    click.echo(
        f"dry run: {counted(report.requests, 'request')}, "
        f"{counted(report.characters, 'character', thousands=True)} would be sent"
    )


def _show_drafted(report: TranslateReport, *, quiet: bool) -> None:
    """A real run: each failure and each provider given up on (stderr), then the tally
    (not when ``quiet``)."""
    for display, msgid, reason in report.failures:
        preview = " ".join(msgid.split())[:60]
        click.echo(f"failed  {display}: {preview!r}: {reason}", err=True)
    for display, msgid in report.kept:
        preview = " ".join(msgid.split())[:60]
        click.echo(f"kept    {display}: {preview!r}: changed by someone else while drafting; no draft written", err=True)
    for name in report.given_up:
        click.echo(f"gave up on {name} for this run (see the failures above)", err=True)
    if report.unreachable:
        names = " and ".join(report.unreachable)
        click.echo(
            f"hint: {names} could not be reached; offline, or is its url right? Without a service, "
            "`l10n translate --provider pseudo` tries the whole pipeline with placeholder drafts, and a "
            "LibreTranslate on this machine needs no internet: "
            "L10N_LIBRE_URL=http://localhost:5000/ l10n translate --provider libre",
            err=True,
        )
    if quiet:
        return
    click.echo(
        f"{report.translated} drafted, {report.from_memory} from memory, {report.from_cache} from cache, "
        f"{report.failed} failed, {report.left} left; {counted(report.requests, 'request')}, "
        f"{counted(report.characters, 'character', thousands=True)} sent; "
        f"{counted(report.catalogs_written, 'catalog')} written"
    )
