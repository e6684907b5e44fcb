"""``l10n review``: list, show, approve, reject, log, stats, and the interactive session.

Click commands only: each parses options, calls one use case from
``reviewing.py`` and renders the result.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Sequence
from typing import Any

import click

from l10n.app import review as reviewing
from l10n.cli import Context, user_errors, main
from l10n.errors import L10nError
from l10n.model import State

STATE_COLOURS = {
    State.UNTRANSLATED: "red",
    State.MACHINE: "magenta",
    State.STALE: "yellow",
    State.REJECTED: "red",
    State.TRANSLATED: "cyan",
    State.REVIEWED: "green",
}
STATE_NAMES = [state.value for state in State]


def _states(values: Sequence[str]) -> tuple[State, ...]:
    return tuple(State(value) for value in values)


def _one_line(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def _where(item: reviewing.Item) -> str:
    return f"{item.article}:{item.line}" if item.line else item.article


selection_options = [
    click.argument("articles", nargs=-1, type=click.Path(dir_okay=False)),
    click.option("-l", "--lang", "langs", multiple=True, metavar="LANG", help="Only this language (repeatable)."),
    click.option(
        "-s", "--state", "states", multiple=True, type=click.Choice(STATE_NAMES), help="Only entries in this state (repeatable)."
    ),
]


def with_selection(function: Any) -> Any:
    for option in reversed(selection_options):
        function = option(function)
    return function


@main.group(invoke_without_command=True)
@click.option("--reviewer", metavar="NAME", help="Who is reviewing [L10N_REVIEWER, else git user.name].")
@click.option("-l", "--lang", "langs", multiple=True, metavar="LANG", help="Only this language (repeatable).")
@click.option(
    "-s",
    "--state",
    "states",
    multiple=True,
    type=click.Choice(STATE_NAMES),
    help="Entries to go through (default: machine, translated, stale, rejected).",
)
@click.pass_context
def review(ctx: click.Context, reviewer: str | None, langs: tuple[str, ...], states: tuple[str, ...]) -> None:
    """Review translations: list, show, approve, reject; or go through them one by one.

    Run without a subcommand in a terminal for an interactive session: one entry
    at a time with its source, machine draft, current translation and glossary
    hints; keys a(pprove) e(dit) r(eject) s(kip) b(ack) q(uit). Every decision is
    saved at once, so quitting or a crash loses nothing.

    \b
    Examples:
      l10n review                              # interactive, in a terminal
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
        wanted = _states(states) or (State.MACHINE, State.TRANSLATED, State.STALE, State.REJECTED)
        entries = reviewing.items(settings, langs=langs, states=wanted)
        _session(settings, entries, name)


@review.command("list")
@with_selection
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
    colour = sys.stdout.isatty()
    for item in entries:
        state = click.style(f"{item.state.value:<12}", fg=STATE_COLOURS[item.state]) if colour else f"{item.state.value:<12}"
        click.echo(f"{item.id}  {item.lang:<5} {state} {_where(item)}")
        click.echo(f"    {_one_line(item.msgid)}")
        if item.msgstr:
            click.echo(f"    → {_one_line(item.msgstr)}")
    click.echo(f"{len(entries)} entries")


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
        click.echo(_describe(item))


def _describe(item: reviewing.Item) -> str:
    lines = [
        f"{item.id}  {item.state.value}  {item.catalog}",
        f"article:     {_where(item)} ({item.kind})",
        f"source:      {item.msgid}",
    ]
    if item.draft is not None:
        lines.append(f"draft ({item.provider or 'machine'}): {item.draft}")
    lines.append(f"translation: {item.msgstr or '(empty)'}")
    for note in item.notes:
        lines.append(f"note:        {note}")
    if item.draft is not None and item.msgstr and item.draft != item.msgstr:
        diff = difflib.unified_diff(
            item.draft.splitlines(), item.msgstr.splitlines(), "machine draft", "translation", lineterm="", n=1
        )
        word_diff = _word_diff(item.draft, item.msgstr)
        lines.append("changes:     " + word_diff)
        lines.extend("  " + line for line in diff)
    return "\n".join(lines)


def _word_diff(old: str, new: str) -> str:
    """``[-removed-]{+added+}`` over words, for a one-line view of a post-edit."""
    a, b = old.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(a[i1:i2])
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


def _decide_command(action: str) -> Any:
    @click.argument("targets", nargs=-1)
    @click.option("-l", "--lang", "langs", multiple=True, metavar="LANG", help="Only this language (repeatable).")
    @click.option("-s", "--state", "states", multiple=True, type=click.Choice(STATE_NAMES), help="Only entries in this state.")
    @click.option("--all", "everything", is_flag=True, help="Every entry matching the filters (no ids needed).")
    @click.option("--reviewer", metavar="NAME", help="Who decides [L10N_REVIEWER, else git user.name].")
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
            articles = [t for t in targets if "/" in t or "." in t]
            ids = [t for t in targets if t not in articles]
            pool = reviewing.items(settings, only=articles, langs=langs, states=_states(states))
            chosen = reviewing.select(pool, ids) if ids else [i for i in pool if i.state is not State.UNTRANSLATED]
            report = reviewing.decide(settings, chosen, action, reviewer=name, comment=comment)
        verb = "approved" if action == "approve" else "rejected"
        for item, state in report.changed:
            click.echo(f"{verb:<9} {item.id}  {_where(item)}  {item.state.value} -> {state.value}")
        click.echo(f"{len(report.changed)} {verb}, {len(report.unchanged)} already so; {report.catalogs_written} catalogs written")

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
@click.argument("articles", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--by", metavar="NAME", help="Only changes by this person (substring).")
@click.option("--article", "article_glob", metavar="GLOB", help="Only articles matching this pattern.")
@click.option("--since", metavar="DATE", help="From this date (YYYY-MM-DD).")
@click.option("--until", metavar="DATE", help="Up to this date (YYYY-MM-DD).")
@click.pass_obj
def log(obj: Context, articles: tuple[str, ...], by: str | None, article_glob: str | None, since: str | None, until: str | None) -> None:
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
            f"{_one_line(event.msgid, 40)}{note}"
        )
    click.echo(f"{len(events)} changes")


@review.command()
@click.option("-l", "--lang", "langs", multiple=True, metavar="LANG", help="Only this language (repeatable).")
@click.option("--by", "group", type=click.Choice(["provider", "lang", "article"]), default=None, help="One table only.")
@click.pass_obj
def stats(obj: Context, langs: tuple[str, ...], group: str | None) -> None:
    """How much post-editing each provider's drafts needed, per provider, language and article.

    Effort is the edit distance between the machine draft and the final
    translation (characters for Korean, words for English), divided by the
    longer of the two: 0 means accepted as is, 1 means rewritten.

    \b
    Example:
      l10n review stats --by provider
    """
    from l10n.po.review import summarise

    with user_errors():
        settings = obj.config()
        edits = reviewing.post_edits(settings, langs=langs)
    if not edits:
        click.echo("no finished machine drafts yet (translate, post-edit, then run this again)")
        return
    for key in [group] if group else ["provider", "lang", "article"]:
        click.echo(f"by {key}:")
        click.echo(f"  {'':<40} {'drafts':>7} {'unchanged':>10} {'median':>8} {'mean':>7}")
        for row in summarise(edits, key):
            click.echo(
                f"  {row.group:<40} {row.drafts:>7} {row.unchanged_share:>9.0%} {row.median_effort:>8.2f} {row.mean_effort:>7.2f}"
            )


# --------------------------------------------------------------------------- interactive


def _session(settings: Any, entries: list[reviewing.Item], reviewer: str) -> None:
    """One entry at a time; each decision is written before the next entry shows."""
    from l10n.app.reporting import check_settings
    from l10n.app.workspace import project_glossary

    if not entries:
        click.echo("nothing to review")
        return
    glossary = project_glossary(settings)
    check_rules = check_settings(settings)  # what `l10n check` ignores, the session does not show
    position = 0
    decided = 0
    while 0 <= position < len(entries):
        # Read afresh just before it is shown (an earlier decision may have rewritten
        # the catalog); the item carries the digest of what was read, so a save in
        # another program while the reviewer looks fails the decision, not approved unseen.
        item = entries[position] = _refresh(settings, entries[position])
        click.clear()
        click.echo(f"[{position + 1}/{len(entries)}]  reviewer: {reviewer}")
        click.echo(_describe(item))
        advice = reviewing.advise(item, glossary, check_rules)
        if advice.glossary:
            click.echo(advice.glossary)
        for warning in advice.warnings:
            click.secho(f"check {warning}", fg="yellow")
        click.echo()
        click.echo("a approve   e edit   r reject   s skip   b back   q quit")
        key = click.getchar().lower()
        if key == "q":
            break
        if key == "s":
            position += 1
            continue
        if key == "b":
            position = max(0, position - 1)
            continue
        action, comment, text = None, None, None
        if key == "a":
            action = "approve"
        elif key == "r":
            comment = click.prompt("comment for the translator", default="", show_default=False)
            if not comment.strip():
                continue
            action = "reject"
        elif key == "e":
            edited = click.edit(item.msgstr or item.draft or "", require_save=True)
            if edited is None:
                continue
            text = edited.rstrip("\n")
            action = "edit"
        else:
            continue
        try:
            reviewing.decide(settings, [item], action, reviewer=reviewer, comment=comment, text=text)
        except L10nError as error:
            click.echo(f"error: {error}", err=True)
            if error.hint:
                click.echo(f"hint: {error.hint}", err=True)
            sys.exit(1)
        if action == "edit":
            continue  # the same entry again, edited, so it can be approved
        decided += 1
        position += 1
    click.echo(f"{decided} decisions saved")


def _refresh(settings: Any, item: reviewing.Item) -> reviewing.Item:
    for fresh in reviewing.items(settings, only=[item.article], langs=[item.lang]):
        if fresh.id == item.id:
            return fresh
    return item
