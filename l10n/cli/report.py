"""The ``l10n status`` and ``l10n check`` commands.

Each parses its options, calls one use case (``l10n.app.status`` or ``check``) and renders the
report with render_status.py or render_check.py, to standard output or to
``--output``. Exit status 1 when ``--fail-under`` or the check fails; 2 when the
check could not run.
"""

from __future__ import annotations

import atexit
import gc
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import click

from l10n.app import check as checking
from l10n.app import status as statusing
from l10n.app import workspace
from l10n.app.bulk import no_cycle_collection
from l10n.app.check import CheckReport
from l10n.app.status_report import Filters, Status
from l10n.cli import render_check, render_status
from l10n.cli.console import Context, colour_for, progress_bar, show, user_error, user_errors
from l10n.cli.options import STATE_NAMES, articles_argument, format_option, lang_option, report_file_option
from l10n.errors import L10nError
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
# What the machine formats write when the check could not run (exit 2).
CHECK_ERRORS: dict[str, Callable[[L10nError, Sequence[checking.Rule]], str]] = {
    "json": render_check.error_json,
    "github": render_check.error_github,
    "junit": render_check.error_junit,
    "sarif": render_check.error_sarif,
}


def _generated_at() -> str:
    """Now, for the status page: SOURCE_DATE_EPOCH when set (reproducible pages, tests), else the clock."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = datetime.fromtimestamp(int(epoch), UTC) if epoch.isdigit() else datetime.now(UTC)
    return when.strftime("%Y-%m-%d %H:%M UTC")


def _exit_without_collecting() -> None:
    """Leave the interpreter's last garbage collection out of a report command.

    At exit the interpreter looks once more through every object still alive (the
    imported modules: some hundred thousand objects) for cycles to free, memory the
    operating system takes back anyway: about 10 ms of a status or check that found
    every verdict kept, a twentieth of it. ``gc.freeze`` at exit (atexit handlers run
    before that collection) leaves them all out. Safe for these two commands only:
    they write nothing but their report, written and flushed (or closed) before they
    return, and close their caches themselves, so no object left in a cycle has
    anything to flush. Registered once however often the commands run in a process
    (tests): the collections while it runs are untouched.
    """
    atexit.unregister(gc.freeze)
    atexit.register(gc.freeze)


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
    """Show which articles may be published, and how far translation has come.

    Each article in each language gets the publishing verdict first, ready or
    blocked and why (the verdict `l10n check` fails on and `l10n build` obeys), then
    counts of entries and source size by state (untranslated, machine, stale,
    rejected, translated, reviewed). Size is billed the trade's way: English in
    words, Korean in characters without spaces; "words" adds both up as English
    words (Korean characters / 2.3). Done means translated or reviewed. The HTML
    page adds the headline, who reviewed and when, the last activity and the
    rejection comments, with sortable columns. Markdown lists the blocked articles
    with their first reason, within GitHub's 1 MiB job summary.

    \b
    Examples:
      l10n status                                  # a table per language
      l10n status --lang en --article 'content/2026/*'
      l10n status --state machine                  # articles with machine drafts
      l10n status --format html -o status.html     # one page: verdicts, sortable, a filter box
      l10n status --format markdown >> "$GITHUB_STEP_SUMMARY"
      l10n status --fail-under 90                  # in CI
    """
    _exit_without_collecting()
    filters = Filters(langs=langs, articles=articles, states=tuple(State(s) for s in states))
    with user_errors():
        settings = obj.config()
        with progress_bar("reading catalogs") as progress:
            report = statusing.status(settings, filters=filters, progress=progress)
    with no_cycle_collection():  # a report is strings, lists and dicts: no cycles
        if fmt == "text":
            text = render_status.status_text(report, colour=output is None and colour_for(sys.stdout))
        elif fmt == "html":
            text = render_status.status_html(report, generated_at=_generated_at())
        else:
            render, _ = STATUS_FORMATS[fmt]
            text = render(report)
    _emit(text, output)
    if fail_under is not None and report.percent_done < fail_under:
        click.echo(f"{report.percent_done:.1f}% done, below --fail-under {fail_under:g}%", err=True)
        sys.exit(1)


@click.command()
@articles_argument
@format_option(CHECK_FORMATS)
@lang_option
@click.option("--list", "list_checks", is_flag=True, help="List every check with its id and exit.")
@click.option(
    "--changed",
    is_flag=True,
    help="The arguments are files that changed (as pre-commit passes them): check the whole project "
    "when one is an article, a catalog, the settings or the glossary, else pass at once.",
)
@report_file_option
@click.pass_obj
def check(
    obj: Context,
    articles: tuple[str, ...],
    fmt: str,
    langs: tuple[str, ...],
    list_checks: bool,
    changed: bool,
    output: Path | None,
) -> None:
    """Fail (exit 1) exactly when the publishing policy blocks an article; pass (exit 0) otherwise.

    The policy is the one `l10n status` shows and `l10n build` obeys: by default
    nothing untranslated, headline, subtitle and image captions reviewed, the body
    translated by a person (machine drafts only with [publish] allow_machine), nothing
    stale or rejected, no QA error in a published translation, no catalog out of date
    with its article. Configure it in [publish] (minimum, allow_machine, coverage)
    and [check] (block, require_human, ignore), each also per language. Silence
    checks for one entry with a translator comment line: # l10n: ignore numbers, dates

    Exit 2 when the check could not run (bad configuration, unreadable catalog): the
    json, sarif and junit reports then say so instead of passing or failing.
    SARIF keeps the 25,000 most severe results (code scanning rejects more); github
    annotates 9 groups of each kind (GitHub shows 10 per step) and logs the rest.

    \b
    Examples:
      l10n check                         # content/a.md:12: numbers: ...
      l10n check content/2026/11/story.md   # one article
      l10n check --list                  # every check id
      l10n check --format github         # annotations in a GitHub workflow
      l10n check --format junit -o l10n.xml
      l10n check --format sarif -o l10n.sarif
      l10n check --changed README.md content/a.md   # the pre-commit hook
    """
    if list_checks:
        click.echo(render_check.rules_text(checking.rules()), nl=False)
        return
    _exit_without_collecting()
    try:
        settings = obj.config()
        if changed:
            if not workspace.touches_project(settings, [Path(name) for name in articles]):
                click.echo("no article, catalog or setting changed: nothing to check", err=True)
                return
            articles = ()
        with progress_bar("checking") as progress:
            report = checking.check(settings, langs=langs, only=articles, progress=progress)
    except (L10nError, OSError) as error:
        problem = user_error(error)
        document = CHECK_ERRORS.get(fmt)
        if document is not None:
            _emit(document(problem, checking.rules()), output)
        show(problem)
        sys.exit(2)
    render, _ = CHECK_FORMATS[fmt]
    with no_cycle_collection():  # a report is strings, lists and dicts: no cycles
        text = render(report)
    _emit(text, output)
    if not report.passed:
        sys.exit(1)
