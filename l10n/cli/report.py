"""The ``l10n status`` and ``l10n check`` commands.

Each parses its options, calls one use case (``l10n.app.status`` or ``check``) and renders the
report with render_status.py or render_check.py, to standard output or to
``--output``. Exit status 1 when ``--fail-under`` or the check fails.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from l10n.app import check as checking
from l10n.app import status as statusing
from l10n.app.check import CheckReport
from l10n.app.tally import Filters, Status
from l10n.cli import render_check, render_status
from l10n.cli.console import Context, progress_bar, user_errors
from l10n.cli.options import STATE_NAMES, format_option, lang_option, report_file_option
from l10n.model import State

# --format: name -> (renderer, what --help says it is). Status text also takes colour.
STATUS_FORMATS: dict[str, tuple[Callable[[Status], str], str]] = {
    "text": (render_status.status_text, "a table"),
    "json": (render_status.status_json, "stable schema"),
    "markdown": (render_status.status_markdown, "for a pull request"),
    "html": (render_status.status_html, "one page"),
}
CHECK_FORMATS: dict[str, tuple[Callable[[CheckReport], str], str]] = {
    "text": (render_check.check_text, ""),
    "json": (render_check.check_json, ""),
    "github": (render_check.check_github, "annotations"),
    "junit": (render_check.check_junit, "XML"),
    "sarif": (render_check.check_sarif, "2.1.0"),
}


def _emit(text: str, output: Path | None) -> None:
    if output is None:
        click.echo(text, nl=False)
        return
    with user_errors():
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
    click.echo(f"wrote {output}", err=True)


@click.command()
@format_option(STATUS_FORMATS)
@lang_option
@click.option(
    "--article",
    "articles",
    multiple=True,
    metavar="GLOB",
    help="Only articles matching this glob, e.g. 'content/2026/*' (repeatable).",
)
# Selects articles, not entries as -s/--state does in `l10n review`; hence no short form.
@click.option(
    "--state",
    "states",
    multiple=True,
    type=click.Choice(STATE_NAMES),
    help="Only articles with an entry in this state (repeatable).",
)
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    metavar="PERCENT",
    help="Exit 1 when less than PERCENT of the entries are done.",
)
@report_file_option
@click.pass_obj
def status(
    obj: Context,
    fmt: str,
    langs: tuple[str, ...],
    articles: tuple[str, ...],
    states: tuple[str, ...],
    fail_under: float | None,
    output: Path | None,
) -> None:
    """Show how far translation has come, per language and article.

    Counts entries and source size by state (untranslated, machine, stale,
    rejected, translated, reviewed). Size is billed the trade's way: English in
    words, Korean in characters without spaces; "words" adds both up as English
    words (Korean characters / 2.3). Done means translated or reviewed.

    \b
    Examples:
      l10n status                                  # a table per language
      l10n status --lang en --article 'content/2026/*'
      l10n status --state machine                  # articles with machine drafts
      l10n status --format html -o status.html     # one page with a filter box
      l10n status --format markdown >> "$GITHUB_STEP_SUMMARY"
      l10n status --fail-under 90                  # in CI
    """
    filters = Filters(langs=langs, articles=articles, states=tuple(State(s) for s in states))
    with user_errors():
        settings = obj.config()
        with progress_bar("reading catalogs") as progress:
            report = statusing.status(settings, filters=filters, progress=progress)
    if fmt == "text":
        text = render_status.status_text(report, colour=output is None and sys.stdout.isatty())
    else:
        render, _ = STATUS_FORMATS[fmt]
        text = render(report)
    _emit(text, output)
    if fail_under is not None and report.percent_done < fail_under:
        click.echo(f"{report.percent_done:.1f}% done, below --fail-under {fail_under:g}%", err=True)
        sys.exit(1)


@click.command()
@format_option(CHECK_FORMATS)
@lang_option
@click.option("--list", "list_checks", is_flag=True, help="List every check with its id and exit.")
@report_file_option
@click.pass_obj
def check(obj: Context, fmt: str, langs: tuple[str, ...], list_checks: bool, output: Path | None) -> None:
    """Fail (exit 1) when something blocks publishing; pass (exit 0) otherwise.

    Blocks by default: untranslated, stale and rejected entries, QA errors in
    published translations, and catalogs out of date with their articles (checked
    without writing). Configure it in [check] (block, require_human, ignore, and
    per language [check.languages.<lang>]). Silence checks for one entry with a
    translator comment line: # l10n: ignore numbers, dates

    \b
    Examples:
      l10n check                         # content/a.md:12: numbers: ...
      l10n check --list                  # every check id
      l10n check --format github         # annotations in a GitHub workflow
      l10n check --format junit -o l10n.xml
      l10n check --format sarif -o l10n.sarif
    """
    if list_checks:
        click.echo(render_check.rules_text(checking.rules()), nl=False)
        return
    with user_errors():
        settings = obj.config()
        with progress_bar("checking") as progress:
            report = checking.check(settings, langs=langs, progress=progress)
    render, _ = CHECK_FORMATS[fmt]
    _emit(render(report), output)
    if not report.passed:
        sys.exit(1)
