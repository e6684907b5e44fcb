"""The ``l10n`` command group; ``l10n.cli:main`` is the console script.

The group parses the options every command shares (project folder, content,
locales, languages, encoding) into a ``Context`` and leaves the rest to the
commands, each in the module of its family, imported only when it is asked for:
pipeline.py (init, extract, build), translate.py, report.py (status, check),
review.py. The CLI is the only layer that prints, prompts or exits; errors are
formatted in console.py.
"""

from __future__ import annotations

import gc
import importlib
from pathlib import Path
from typing import ClassVar

import click

from l10n import __version__
from l10n.cli.console import Context, no_colour

__all__ = ["main"]


def _languages(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(code.strip() for code in value.split(",") if code.strip())


class LazyGroup(click.Group):
    """A group that imports a command's module only when that command is asked for.

    ``l10n extract`` on an unchanged project is mostly Python start-up; importing
    the review and report stacks (the catalog model, the QA checks) or the MT providers for it
    would double that. ``lazy_commands`` maps each command to ``module:attribute``.
    """

    lazy_commands: ClassVar[dict[str, str]] = {
        "init": "l10n.cli.pipeline:init",
        "extract": "l10n.cli.pipeline:extract",
        "build": "l10n.cli.pipeline:build",
        "translate": "l10n.cli.translate:translate",
        "status": "l10n.cli.report:status",
        "check": "l10n.cli.report:check",
        "review": "l10n.cli.review:review",
        "xliff": "l10n.cli.exchange:xliff",
        "tm": "l10n.cli.exchange:tm",
        "glossary": "l10n.cli.exchange:glossary",
        "weblate": "l10n.cli.exchange:weblate",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy_commands})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name in self.lazy_commands and name not in self.commands:
            # A missing dependency surfaces as its ImportError, not as "No such command".
            module_name, attribute = self.lazy_commands[name].split(":")
            self.add_command(getattr(importlib.import_module(module_name), attribute), name)
        return super().get_command(ctx, name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="l10n")
@click.option(
    "-C",
    "--project-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Run in this project folder (default: the nearest folder with l10n.toml or [tool.l10n]).",
)
@click.option("--content", metavar="DIR", help="Folder with the articles [config: content].")
@click.option("--locales", metavar="DIR", help="Folder with the PO catalogs [config: locales].")
@click.option("--languages", metavar="LL,LL", help="Comma-separated language codes [config: languages].")
@click.option("--encoding", metavar="NAME", help="Read articles in this encoding instead of guessing (utf-8, cp949).")
@click.pass_context
def main(
    ctx: click.Context,
    project_dir: Path | None,
    content: str | None,
    locales: str | None,
    languages: str | None,
    encoding: str | None,
) -> None:
    """Translate newsroom articles through gettext PO catalogs.

    \b
    A typical round:
      l10n init                  # once: l10n.toml, content/, locales/
      l10n extract               # articles -> locales/<lang>/<article>.po
      (translate the catalogs in Poedit or any PO editor)
      l10n build                 # catalogs -> build/<lang>/<article>

    Settings come from l10n.toml or [tool.l10n] in pyproject.toml, then L10N_*
    environment variables (L10N_LANGUAGES=ko,en), then these options.
    """
    # A run makes hundreds of thousands of small objects without cycles (entries,
    # segments, problems) and keeps most of them; the collector's default, a pass
    # every 700 new objects, spent 13% of `l10n check` on 16,000 articles scanning
    # them. Less often is as safe: what has cycles is still collected. The
    # command line's choice only: the library leaves its callers' settings alone.
    gc.set_threshold(10_000, 10, 10)
    overrides = {
        "content": content,
        "locales": locales,
        "languages": _languages(languages),
        "encoding": encoding,
    }
    ctx.obj = Context(project_dir, overrides)
    if no_colour():
        ctx.color = False  # click then strips styles from everything echoed, errors included
