"""``l10n review``: list, show, approve, reject, log, stats; without a subcommand, the session.

Click commands only: each parses options, calls one use case from ``reviewing``
and renders the result with render_review.py. The interactive session, run when
no subcommand is given, is in session.py.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

import click

from l10n.app import review as reviewing
from l10n.cli import session
from l10n.cli.console import Context, colour_for, counted, user_errors
from l10n.cli.options import (
    articles_argument,
    format_option,
    lang_option,
    reviewer_option,
    state_option,
)
from l10n.cli.render_review import describe, one_line, where
from l10n.model import State

STATE_COLOURS = {
    State.UNTRANSLATED: "red",
    State.MACHINE: "magenta",
    State.STALE: "yellow",
    State.REJECTED: "red",
    State.TRANSLATED: "cyan",
    State.REVIEWED: "green",
}


def _states(values: Sequence[str]) -> tuple[State, ...]:
    return tuple(State(value) for value in values)


@click.group(invoke_without_command=True)
@click.option(
    "-a",
    "--article",
    "articles",
    multiple=True,
    metavar="PATH",
    help="The interactive review: only this article (a path or a quoted glob; repeatable).",
)
@reviewer_option
@lang_option
@state_option(default=("machine", "translated", "stale", "rejected"))
@click.pass_context
def review(
    ctx: click.Context, articles: tuple[str, ...], reviewer: str | None, langs: tuple[str, ...], states: tuple[str, ...]
) -> None:
    """Review translations: list, show, approve, reject; or go through them one by one.

    Run without a subcommand in a terminal for an interactive session: one entry
    at a time with its source, machine draft, current translation and glossary
    hints; keys a(pprove) e(dit) r(eject) s(kip) b(ack) q(uit). Every decision is
    saved at once, so quitting or a crash loses nothing.

    \b
    Examples:
      l10n review                              # interactive, in a terminal
      l10n review --article content/2026/11/story.md   # one article's entries
      l10n review list --state machine --lang en
      l10n review show 3f9a2c1d
      l10n review approve 3f9a2c1d 77c0e412 --reviewer "Kim Min-ji"
      l10n review approve content/2026/11/story.md --state machine
      l10n review reject 3f9a2c1d --comment "the casualty figure is wrong"
      l10n review log --by Kim --since 2026-11-01
      l10n review stats
    """
    if ctx.invoked_subcommand is not None:
        return
    obj: Context = ctx.obj
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise click.UsageError("the interactive review needs a terminal; use `l10n review list` and `approve`/`reject`")
    with user_errors():
        settings = obj.config()
        name = reviewing.reviewer_name(settings, reviewer)
        wanted = _states(states)  # --state's default: the entries a reviewer has to look at
        entries = reviewing.items(settings, only=articles, langs=langs, states=wanted)
        session.run(settings, entries, name)


@review.command("list")
@articles_argument
@lang_option
@state_option()
@click.pass_obj
def list_(obj: Context, articles: tuple[str, ...], langs: tuple[str, ...], states: tuple[str, ...]) -> None:
    """List entries with their id, state, article line, source and translation.

    \b
    Example:
      l10n review list --state machine --state stale content/2026/11/story.md
    """
    with user_errors():
        settings = obj.config()
        entries = reviewing.items(settings, only=articles, langs=langs, states=_states(states))
    colour = colour_for(sys.stdout)
    for item in entries:
        state = click.style(f"{item.state.value:<12}", fg=STATE_COLOURS[item.state]) if colour else f"{item.state.value:<12}"
        click.echo(f"{item.id}  {item.lang:<5} {state} {where(item)}")
        click.echo(f"    {one_line(item.msgid)}")
        if item.msgstr:
            click.echo(f"    → {one_line(item.msgstr)}")
        for note in item.notes:  # why it was sent back, so the translator needs no `show`
            click.echo(f"    ! {one_line(note, 100)}")
    click.echo(counted(len(entries), "entry"))


@review.command()
@click.argument("ids", nargs=-1, required=True)
@click.pass_obj
def show(obj: Context, ids: tuple[str, ...]) -> None:
    """Show entries in full: source, machine draft, translation, and a diff.

    \b
    Example:
      l10n review show 3f9a2c1d
    """
    with user_errors():
        settings = obj.config()
        chosen = reviewing.select(reviewing.items(settings), ids)
    for item in chosen:
        click.echo(describe(item))


def _decide_command(action: str) -> Any:
    @click.argument("targets", nargs=-1)
    @lang_option
    @state_option()
    @click.option("--all", "everything", is_flag=True, help="Every entry matching the filters (no ids needed).")
    @reviewer_option
    @click.pass_obj
    def command(
        obj: Context,
        targets: tuple[str, ...],
        langs: tuple[str, ...],
        states: tuple[str, ...],
        everything: bool,
        reviewer: str | None,
        comment: str | None = None,
    ) -> None:
        if not targets and not everything:
            raise click.UsageError("name entry ids or articles, or pass --all with filters")
        with user_errors():
            settings = obj.config()
            name = reviewing.reviewer_name(settings, reviewer)
            articles = [t for t in targets if any(c in t for c in "/.*?[")]  # paths and quoted globs
            ids = [t for t in targets if t not in articles]
            pool = reviewing.items(settings, only=articles, langs=langs, states=_states(states))
            chosen = reviewing.select(pool, ids) if ids else [i for i in pool if i.state is not State.UNTRANSLATED]
            report = reviewing.decide(settings, chosen, action, reviewer=name, comment=comment)
        verb = "approved" if action == "approve" else "rejected"
        for item, state in report.changed:
            click.echo(f"{verb:<9} {item.id}  {where(item)}  {item.state.value} -> {state.value}")
        click.echo(
            f"{len(report.changed)} {verb}, {len(report.unchanged)} already so; "
            f"{counted(report.catalogs_written, 'catalog')} written"
        )

    return command


approve = review.command(
    "approve",
    help="""Approve translations: entry ids, articles, or --all matching the filters.

    The approval is bound to the exact text: if the source or the translation
    changes later, the entry is no longer reviewed.

    \b
    Examples:
      l10n review approve 3f9a2c1d --reviewer "Kim Min-ji"
      l10n review approve content/2026/11/story.md --state translated
      l10n review approve --all --lang en --state translated
    """,
)(_decide_command("approve"))

reject = review.command(
    "reject",
    help="""Send translations back with a comment the translator sees in the PO editor.

    \b
    Example:
      l10n review reject 3f9a2c1d --comment "the date should be 28 November"
    """,
)(click.option("-m", "--comment", required=True, help="What the translator should fix.")(_decide_command("reject")))


@review.command()
@articles_argument
@click.option("--by", metavar="NAME", help="Only changes by this person (substring).")
@click.option("--article", "article_glob", metavar="GLOB", help="Only articles matching this pattern.")
@click.option("--since", metavar="DATE", help="From this date (YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Up to this date (YYYY-MM-DD).")
@click.pass_obj
def log(
    obj: Context, articles: tuple[str, ...], by: str | None, article_glob: str | None, since: str | None, until: str | None
) -> None:
    """The history of state changes: who, when, from -> to, article, entry.

    \b
    Example:
      l10n review log --by Kim --since 2026-11-01 --article 'content/2026/11/*'
    """
    with user_errors():
        settings = obj.config()
        events = reviewing.log(settings, only=articles, by=by, article_glob=article_glob, since=since, until=until)
    for logged in events:
        event = logged.event
        provider = f" ({event.provider})" if event.provider else ""
        note = f": {event.note}" if event.note else ""
        click.echo(
            f"{event.at}  {event.by}{provider}  {event.old} -> {event.new}  {logged.article} [{logged.lang}]  "
            f"{one_line(event.msgid, 40)}{note}"
        )
    click.echo(counted(len(events), "change"))


@review.command()
@lang_option
@click.option(
    "--by",
    "group",
    type=click.Choice(["provider", "lang", "article", "person"]),
    default=None,
    help="One table only; person: what each person translated and reviewed, for billing.",
)
@click.option(
    "--period",
    type=click.Choice(list(reviewing.PERIODS)),
    default=None,
    help="With --by person: one row per person and day, month or year [default: month].",
)
@click.option("--since", metavar="DATE", help="With --by person: from this date (YYYY-MM-DD, or YYYY-MM).")
@click.option("--until", metavar="DATE", help="With --by person: up to this date (YYYY-MM-DD, or YYYY-MM).")
@format_option({"text": (None, ""), "json": (None, "")})
@click.pass_obj
def stats(
    obj: Context,
    langs: tuple[str, ...],
    group: str | None,
    period: str | None,
    since: str | None,
    until: str | None,
    fmt: str,
) -> None:
    """How much post-editing each provider's drafts needed; or, --by person, who did how much.

    Effort is the edit distance between the machine draft and the final
    translation (characters for Korean, words for English), divided by the
    longer of the two: 0 means accepted as is, 1 means rewritten.

    --by person counts, per person, period and language, the entries
    translated and approved and their size in the translation's language
    (Korean characters without spaces, English words), and the rejections:
    every logged change, from the history logs. Nothing is written.

    \b
    Examples:
      l10n review stats --by provider
      l10n review stats --by person --period month --since 2026-11 --until 2026-11
      l10n review stats --by person --format json
    """
    if group == "person":
        _person_stats(obj, period or "month", since, until, fmt)
        return
    if period or since or until:
        raise click.UsageError("--period, --since and --until go with --by person")
    from l10n.po.review import summarise

    with user_errors():
        settings = obj.config()
        edits = reviewing.post_edits(settings, langs=langs)
    if not edits:
        click.echo("no finished machine drafts yet (translate, post-edit, then run this again)")
        return
    if fmt == "json":
        tables = {
            key: [asdict(row) for row in summarise(edits, key)] for key in ([group] if group else ["provider", "lang", "article"])
        }
        click.echo(json.dumps(tables, ensure_ascii=False, indent=2))
        return
    for key in [group] if group else ["provider", "lang", "article"]:
        click.echo(f"by {key}:")
        click.echo(f"  {'':<40} {'drafts':>7} {'unchanged':>10} {'median':>8} {'mean':>7}")
        for row in summarise(edits, key):
            click.echo(
                f"  {row.group:<40} {row.drafts:>7} {row.unchanged_share:>9.0%} {row.median_effort:>8.2f} {row.mean_effort:>7.2f}"
            )


def _person_stats(obj: Context, period: str, since: str | None, until: str | None, fmt: str) -> None:
    with user_errors():
        rows = reviewing.work(obj.config(), period=period, since=since, until=until)
    if fmt == "json":
        click.echo(json.dumps([asdict(row) for row in rows], ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no translations or reviews logged in that period")
        return
    width = max(len(row.person) for row in rows)
    click.echo(
        f"{'person':<{width}}  {'period':<7}  lang  {'translated':>10}  {'size':>7}  {'reviewed':>8}  {'size':>7}  {'rejected':>8}  unit"
    )
    for row in rows:
        click.echo(
            f"{row.person:<{width}}  {row.period:<7}  {row.lang:<4}  {row.translated:>10}  {row.translated_units:>7}  "
            f"{row.reviewed:>8}  {row.reviewed_units:>7}  {row.rejected:>8}  {row.unit}"
        )
