"""The options and arguments more than one command takes, each declared once.

One name, one meaning, one help text everywhere: ``-l/--lang`` is always a
target language, ``-s/--state`` always selects entries by state, ``ARTICLES`` are
always article paths. A command's own options stay beside the command (status's
``--state``, which selects articles, is one). Declares options only: no parsing
beyond click's, no output.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from l10n.model import State

F = TypeVar("F", bound=Callable[..., Any])
Decorator = Callable[[F], F]

STATE_NAMES = [state.value for state in State]

articles_argument = click.argument("articles", nargs=-1, type=click.Path(dir_okay=False))

lang_option = click.option("-l", "--lang", "langs", multiple=True, metavar="LANG", help="Only this target language (repeatable).")

reviewer_option = click.option("--reviewer", metavar="NAME", help="Who is reviewing [L10N_REVIEWER, else git user.name].")

quiet_option = click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Print only errors and warnings: no progress bar, no line per file, no summary. The exit status still tells.",
)

report_file_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of standard output.",
)


def state_option(default: Sequence[str] = ()) -> Decorator[Any]:
    """``-s/--state``: only entries in these states; ``default`` applies when none is given."""
    return click.option(
        "-s",
        "--state",
        "states",
        multiple=True,
        type=click.Choice(STATE_NAMES),
        default=tuple(default),
        show_default=bool(default),
        help="Only entries in this state (repeatable).",
    )


def format_option(formats: Mapping[str, tuple[object, str]]) -> Decorator[Any]:
    """``-f/--format``: one of ``formats`` (name -> (renderer, what it is)), text by default.

    The help lists the names in order, each with what it is where that says more
    than its name: ``text, json, github (annotations)``.
    """
    described = ", ".join(f"{name} ({what})" if what else name for name, (_, what) in formats.items())
    return click.option(
        "-f",
        "--format",
        "fmt",
        type=click.Choice(list(formats)),
        default="text",
        show_default=True,
        help=f"{described}.",
    )
