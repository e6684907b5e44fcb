"""The interactive ``l10n review``: one entry at a time, a key per decision.

Shows an entry with its advice (glossary hints, check warnings), reads a key,
asks for a comment or opens $EDITOR where the key needs one, and saves the
decision through ``reviewing.decide`` before the next entry shows, so quitting
or a crash loses nothing. Needs a terminal; review.py checks that first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from l10n.app import review as reviewing
from l10n.cli.console import counted, fail
from l10n.cli.render_review import describe, edited_translation, editor_text
from l10n.errors import L10nError

if TYPE_CHECKING:
    from l10n.app.config import Config

KEYS = "a approve   e edit   r reject   s skip   b back   q quit"

# What a key decides: (action, comment, text) for reviewing.decide.
Decision = tuple[str, str | None, str | None]


def run(settings: Config, entries: list[reviewing.Item], reviewer: str) -> None:
    """One entry at a time; each decision is written before the next entry shows."""
    from l10n.app.check_settings import check_settings
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
        advice = reviewing.advise(item, glossary, check_rules)
        _show(item, advice, f"[{position + 1}/{len(entries)}]  reviewer: {reviewer}")
        key = click.getchar().lower()
        if key == "q":
            break
        if key == "s":
            position += 1
            continue
        if key == "b":
            position = max(0, position - 1)
            continue
        decision = _ask(key, item)
        if decision is None:
            continue
        action, comment, text = decision
        try:
            reviewing.decide(settings, [item], action, reviewer=reviewer, comment=comment, text=text)
        except L10nError as error:
            fail(error, colour=False)
        if action == "edit":
            continue  # the same entry again, edited, so it can be approved
        decided += 1
        position += 1
    click.echo(f"{counted(decided, 'decision')} saved")


def _show(item: reviewing.Item, advice: reviewing.Advice, heading: str) -> None:
    """A clear screen with the entry, its advice, and the keys."""
    click.clear()
    click.echo(heading)
    click.echo(describe(item))
    if advice.glossary:
        click.echo(advice.glossary)
    for warning in advice.warnings:
        click.secho(f"check {warning}", fg="yellow")
    click.echo()
    click.echo(KEYS)


def _ask(key: str, item: reviewing.Item) -> Decision | None:
    """The decision ``key`` stands for; None for any other key, an empty comment or an unsaved edit."""
    if key == "a":
        return ("approve", None, None)
    if key == "r":
        comment = click.prompt("comment for the translator", default="", show_default=False)
        return ("reject", comment, None) if comment.strip() else None
    if key == "e":
        edited = click.edit(editor_text(item), require_save=True)
        return ("edit", None, edited_translation(edited)) if edited is not None else None
    return None


def _refresh(settings: Config, item: reviewing.Item) -> reviewing.Item:
    for fresh in reviewing.items(settings, only=[item.article], langs=[item.lang]):
        if fresh.id == item.id:
            return fresh
    return item
