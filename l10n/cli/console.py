"""What every command shares with the terminal: the group's Context, errors, progress.

The only place that formats an error for the terminal: an ``L10nError`` (or an
``OSError``, given a hint) becomes ``error: path:line: message`` plus ``hint: ...``
on stderr and exit status 1. Usage errors stay click's (exit 2). Knows nothing of
any one command.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import click

from l10n.app import config as config_module
from l10n.errors import L10nError


class Context:
    """What the group options leave for the commands."""

    def __init__(self, project_dir: Path | None, overrides: dict[str, Any]) -> None:
        self.project_dir = project_dir
        self.overrides = overrides

    def config(self, **more: Any) -> config_module.Config:
        root = config_module.find_root(self.project_dir or Path.cwd())
        return config_module.load(root, {**self.overrides, **more})


def no_colour() -> bool:
    """NO_COLOR is set (to anything but the empty string): no colour anywhere (no-color.org)."""
    return os.environ.get("NO_COLOR", "") != ""


def colour_for(stream: Any) -> bool:
    """Whether to colour what goes to ``stream``: a terminal, and NO_COLOR not set."""
    return not no_colour() and stream.isatty()


def fail(error: L10nError, *, colour: bool = True) -> NoReturn:
    """Print ``error: ...`` (red unless ``colour`` is off) and its hint on stderr; exit 1."""
    show(error, colour=colour)
    sys.exit(1)


def show(error: L10nError, *, colour: bool = True) -> None:
    """Print ``error: ...`` and its hint on stderr."""
    if colour:
        click.secho(f"error: {error}", fg="red", err=True)
    else:
        click.echo(f"error: {error}", err=True)
    if error.hint:
        click.echo(f"hint: {error.hint}", err=True)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn the errors a user can fix, raised inside the block, into ``fail``."""
    try:
        yield
    except (L10nError, OSError) as error:
        fail(user_error(error))


def user_error(error: L10nError | OSError) -> L10nError:
    if isinstance(error, L10nError):
        return error
    where = f"{error.filename}: " if error.filename else ""
    return L10nError(f"{where}{error.strerror or error}", hint="check the path and its permissions")


# One encoder for every value: json.dumps with options builds a new encoder per call,
# and a check report on 1,000 articles encodes some 10,000 problems one by one.
COMPACT_JSON = json.JSONEncoder(ensure_ascii=False, separators=(", ", ": ")).encode


def _item_encoder() -> Callable[[Any], str]:
    """``COMPACT_JSON`` for the many items of a report's lists, made once.

    ``JSONEncoder.encode`` still makes the standard library's C encoder afresh for
    every value: a fifth of encoding 10,000 problems. The C encoder it makes, kept
    here, writes the same text: made with the arguments ``encode`` gives it for our
    settings, less the circular-reference check (reports hold no cycles). The C
    encoder is not public, so it is used only when it is there, takes those
    arguments and encodes a sample exactly as ``COMPACT_JSON`` does (a test holds
    every report equal); otherwise ``COMPACT_JSON`` itself.
    """
    sample = {"a": [1, 2.5, None, True, "é\n\"<"], "b": {"c": ""}}

    def not_serializable(value: Any) -> Any:
        raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")

    c_make_encoder = getattr(json.encoder, "c_make_encoder", None)
    try:
        # The arguments of JSONEncoder.iterencode: markers, default, string encoder,
        # indent, separators, sort_keys, skipkeys, allow_nan.
        make = c_make_encoder(None, not_serializable, json.encoder.encode_basestring, None, ": ", ", ", False, False, True)  # type: ignore[misc]

        def compact(value: Any) -> str:
            return "".join(make(value, 0))

        if compact(sample) == COMPACT_JSON(sample):
            return compact
    except TypeError:  # not there (None), or other arguments
        pass
    return COMPACT_JSON


_COMPACT_ITEM = _item_encoder()

# Words whose plural is not the word plus "s".
_PLURALS = {"entry": "entries", "was": "were", "is": "are", "has": "have"}


def json_records(data: dict[str, Any]) -> str:
    """``data`` as JSON for machines and people alike: one key per line, and each item
    of a list on a line of its own.

    ``json.dumps(indent=2)`` gives the same JSON spread over more lines, but with an
    indent the standard library encodes in Python rather than C: that was 70% of
    ``l10n check --format json`` on 3,000 articles once the verdicts were kept.

    >>> print(json_records({"passed": False, "problems": [{"code": "urls", "line": 5}], "catalogs": []}), end="")
    {
      "passed": false,
      "problems": [
        {"code": "urls", "line": 5}
      ],
      "catalogs": []
    }
    """
    # Every piece goes into one list, joined once: a report is megabytes, and each
    # join or f-string of its parts would copy them all again.
    parts = ["{\n"]
    for key, value in data.items():
        if len(parts) > 1:
            parts.append(",\n")
        if isinstance(value, list) and value:
            parts.append(f"  {COMPACT_JSON(key)}: [\n    ")
            for item in value:
                parts.append(_COMPACT_ITEM(item))
                parts.append(",\n    ")
            parts[-1] = "\n  ]"
        else:
            parts.append(f"  {COMPACT_JSON(key)}: {COMPACT_JSON(value)}")
    parts.append("\n}\n")
    return "".join(parts)


def counted(number: float, word: str, *, thousands: bool = False) -> str:
    """``number`` and ``word``, plural unless one: "1 entry", "2 entries", "0 catalogs".

    A float is shown rounded to a whole number; ``thousands`` adds separators (1,234).
    """
    whole = round(number)
    shown = f"{whole:,}" if thousands else str(whole)
    return f"{shown} {word if whole == 1 else plural(word)}"


def plural(word: str) -> str:
    return _PLURALS.get(word, word + "s")


class ProgressBar:
    """A progress bar on stderr when it is a terminal; silence otherwise (CI logs).

    Called as ``bar(done, total, item)`` by the library. ``echo`` prints a line
    above the bar: the bar's line is cleared first and redrawn by the next update,
    so listed items and the bar do not run into each other.
    """

    def __init__(self, label: str, *, quiet: bool = False) -> None:
        self.label = label
        self.quiet = quiet
        self.enabled = sys.stderr.isatty() and not quiet
        self.bar: Any = None
        self.listed = 0  # lines echoed: changes the run is about to land
        self._styled: bool | None = None  # whether lines keep their ANSI styles, once known

    def __call__(self, done: int, total: int, item: str) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            if total < 20:
                return  # a short run is over before a bar would help
            self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr, show_eta=True, show_pos=True)
            self.bar.__enter__()
        # The total is known before the bar starts and never grows while it runs.
        self.bar.update(min(done, self.bar.length) - self.bar.pos)

    def echo(self, line: str) -> None:
        if self.quiet:
            return
        self._clear_line()
        if self._styled is None:
            self._styled = _stdout_keeps_styles()
        # Told, click.echo does not ask again for each line whether stdout is a
        # terminal (a system call per line: a cold run lists thousands).
        click.echo(line, color=self._styled)
        self.listed += 1

    def notice(self, line: str) -> None:
        """A line about the run itself, on stderr above the bar, shown even when quiet."""
        self._clear_line()
        click.echo(line, err=True)

    def _clear_line(self) -> None:
        if self.bar is not None:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


def _stdout_keeps_styles() -> bool | None:
    """What click.echo decides for each line to stdout: True to keep ANSI styles,
    False to strip them; None (decide each time) when there is no stdout."""
    # click's own decision, asked once: the colour setting and whether stdout is a
    # terminal do not change during a run.
    from click._compat import should_strip_ansi
    from click.globals import resolve_color_default

    if sys.stdout is None:
        return None
    return not should_strip_ansi(sys.stdout, resolve_color_default())


@contextmanager
def progress_bar(label: str, *, quiet: bool = False) -> Iterator[ProgressBar]:
    """A ``ProgressBar`` labelled ``label``, closed however the block ends.

    The commands that echo lines through it land all their writes or none, so
    when the block ends in an error the listed changes are said not to be written.
    """
    bar = ProgressBar(label, quiet=quiet)
    try:
        yield bar
    except (L10nError, OSError) as error:
        bar.close()
        if not bar.listed:
            raise
        show(user_error(error))
        click.echo("rolled back: none of the changes listed above were written", err=True)
        sys.exit(1)
    finally:
        bar.close()
