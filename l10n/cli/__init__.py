"""The ``l10n`` command: parses options, calls one use case, renders its report.

The only module that prints, prompts or exits. Errors the user can fix
(``L10nError``) become ``path:line: message`` plus a ``hint:`` on stderr and exit
status 1; usage errors exit 2 (click's convention).
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from l10n import __version__
from l10n.app import build as building
from l10n.app import config as config_module
from l10n.app import extract as extracting
from l10n.app import init as initialising
from l10n.errors import L10nError
from l10n.mt import PROVIDER_NAMES


class Context:
    """What the group options leave for the commands."""

    def __init__(self, project_dir: Path | None, overrides: dict[str, Any]) -> None:
        self.project_dir = project_dir
        self.overrides = overrides

    def config(self, **more: Any) -> config_module.Config:
        root = config_module.find_root(self.project_dir or Path.cwd())
        return config_module.load(root, {**self.overrides, **more})


def _fail(error: L10nError) -> None:
    click.secho(f"error: {error}", fg="red", err=True)
    if error.hint:
        click.echo(f"hint: {error.hint}", err=True)
    sys.exit(1)


@contextmanager
def user_errors() -> Iterator[None]:
    try:
        yield
    except L10nError as error:
        _fail(error)
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        _fail(L10nError(f"{where}{error.strerror or error}", hint="check the path and its permissions"))


class _Bar:
    """A progress bar on stderr when it is a terminal; silence otherwise (CI logs).

    Called as ``bar(done, total, item)`` by the library. ``echo`` prints a line
    above the bar: the bar's line is cleared first and redrawn by the next update,
    so listed items and the bar do not run into each other.
    """

    def __init__(self, label: str) -> None:
        self.label = label
        self.enabled = sys.stderr.isatty()
        self.bar: Any = None

    def __call__(self, done: int, total: int, item: str) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            if total < 20:
                return  # a short run is over before a bar would help
            self.bar = click.progressbar(
                length=total, label=self.label, file=sys.stderr, show_eta=True, show_pos=True
            )
            self.bar.__enter__()
        self.bar.length = max(total, self.bar.length)  # the walk may still be finding articles
        self.bar.update(done - self.bar.pos)

    def echo(self, line: str) -> None:
        if self.bar is not None:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
        click.echo(line)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None


@contextmanager
def progress_bar(label: str) -> Iterator[_Bar]:
    bar = _Bar(label)
    try:
        yield bar
    finally:
        bar.close()


def _languages(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return tuple(code.strip() for code in value.split(",") if code.strip())


class LazyGroup(click.Group):
    """A group whose bigger command modules are imported only when their command runs.

    ``l10n extract`` on an unchanged project is mostly Python start-up; importing
    the review and report stacks (polib, the QA checks) for it would double that.
    """

    lazy_commands = {
        "review": "l10n.cli.review:review",
        "status": "l10n.cli.report:status",
        "check": "l10n.cli.report:check",
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
    overrides = {
        "content": content,
        "locales": locales,
        "languages": _languages(languages),
        "encoding": encoding,
    }
    ctx.obj = Context(project_dir, overrides)


@main.command()
@click.pass_obj
def init(obj: Context) -> None:
    """Set up a project here: l10n.toml, content/ and locales/.

    Existing files are never overwritten.

    \b
    Example:
      mkdir newsroom && cd newsroom && l10n init
    """
    root = obj.project_dir or Path.cwd()
    with user_errors():
        report = initialising.init(root)
    for name in report.created:
        click.echo(f"created {name}")
    for name in report.existing:
        click.echo(f"kept    {name} (already there)")
    click.echo("next: put articles in content/ and run `l10n extract`")


@main.command()
@click.argument("articles", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--check", is_flag=True, help="Write nothing; exit 1 if any catalog is out of date.")
@click.option("--prune", is_flag=True, help="Delete catalogs whose article no longer exists.")
@click.option(
    "--segment",
    type=click.Choice(config_module.SEGMENT_MODES),
    help="Cut articles into blocks or sentences [config: segment].",
)
@click.pass_obj
def extract(obj: Context, articles: tuple[str, ...], check: bool, prune: bool, segment: str | None) -> None:
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
    with user_errors():
        settings = obj.config(segment=segment)
        with progress_bar("extracting") as progress:
            report = extracting.extract(
                settings,
                only=articles,
                check=check,
                prune=prune,
                progress=progress,
                on_change=lambda change: progress.echo(_describe_change(change, check)),
            )
    for notice in report.notices:
        click.echo(f"notice: {notice}", err=True)
    summary = (
        f"{report.articles} articles, {report.segments} segments read: "
        f"{report.count('created')} catalogs created, {report.count('updated')} updated, "
        f"{report.count('unchanged')} unchanged"
    )
    if report.count("orphaned"):
        summary += f", {report.count('orphaned')} orphaned (run with --prune to delete)"
    if report.count("pruned"):
        summary += f", {report.count('pruned')} pruned"
    if check:
        if report.stale:
            click.echo(f"{report.stale} catalogs are out of date with the content; run `l10n extract`", err=True)
            sys.exit(1)
        click.echo(f"catalogs are up to date ({report.articles} articles)")
        return
    click.echo(summary)


def _describe_built(item: building.BuiltArticle) -> str:
    coverage = f"{item.translated}/{item.total} translated" if item.total else "nothing to translate"
    reason = f": {item.reason}" if item.reason else ""
    verb = {"written": "wrote", "unchanged": "unchanged", "skipped": "skipped"}[item.action]
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
        details.append(f"{change.entries} entries")
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


@main.command()
@click.argument("articles", nargs=-1, type=click.Path(dir_okay=False))
@click.option("-l", "--lang", "langs", multiple=True, metavar="LANG", help="Build only this language (repeatable).")
@click.option(
    "--min-coverage",
    type=click.IntRange(0, 100),
    metavar="PERCENT",
    help="Do not write articles with fewer translated segments [config: min_coverage].",
)
@click.option("--output", metavar="PATTERN", help="Where to write, e.g. build/{lang}/{path} [config: output].")
@click.option("--use-fuzzy", is_flag=True, default=None, help="Also use fuzzy entries (machine drafts) [config: use_fuzzy].")
@click.option(
    "--copy-sources/--no-copy-sources",
    default=None,
    help="Also write each article in its own language, for one complete folder per "
    "language [config: copy_sources].",
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
) -> None:
    """Write the localized articles from the catalogs.

    An article is built in each language it has something to translate into: a
    Korean story in English, an English story with a Korean quote in both. Each
    translated segment replaces its source text; everything else (front matter
    order and quoting, blank lines, tables, code) is copied byte for byte, and the
    front matter gets lang: <language>. Untranslated segments keep the source
    text; articles below --min-coverage are not written, and the summary says so.
    With --copy-sources an article is also written in its own language, so that
    each language's folder holds the whole site.

    \b
    Examples:
      l10n build                          # every article, every target language
      l10n build --lang en                # English only
      l10n build --copy-sources           # build/ko and build/en each complete
      l10n build --min-coverage 100       # publish only complete translations
      l10n build --output '{dir}/{stem}.{lang}{ext}'   # Hugo-style, beside the source
    """
    with user_errors():
        settings = obj.config(
            min_coverage=min_coverage, output=output, use_fuzzy=use_fuzzy, copy_sources=copy_sources
        )
        with progress_bar("building") as progress:
            report = building.build(
                settings,
                only=articles,
                langs=langs,
                progress=progress,
                on_result=lambda item: progress.echo(_describe_built(item)),
            )
    for notice in report.notices:
        click.echo(f"notice: {notice}", err=True)
    summary = (
        f"{report.total - report.count('source')} articles built: {report.count('written')} written, "
        f"{report.count('unchanged')} unchanged, {report.count('skipped')} skipped"
    )
    if report.count("source"):
        summary += f"; {report.count('source')} already in the language, not copied (see --copy-sources)"
    click.echo(summary)


@main.command()
@click.argument("articles", nargs=-1, type=click.Path(dir_okay=False))
@click.option("-l", "--lang", "langs", multiple=True, metavar="LANG", help="Translate into this language only (repeatable).")
@click.option(
    "-p",
    "--provider",
    "providers",
    metavar="NAME[,NAME]",
    help="Provider chain, first to last [config: providers]: " + ", ".join(PROVIDER_NAMES) + ".",
)
@click.option("--dry-run", is_flag=True, help="Send nothing; show what would be sent and what it would cost.")
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="Draft at most N entries this run.")
@click.option("--fuzzy", "include_fuzzy", is_flag=True, help="Also redraft stale and needs-work (fuzzy) entries.")
@click.pass_obj
def translate(
    obj: Context,
    articles: tuple[str, ...],
    langs: tuple[str, ...],
    providers: str | None,
    dry_run: bool,
    limit: int | None,
    include_fuzzy: bool,
) -> None:
    """Fill untranslated entries with machine drafts for translators to post-edit.

    First the translation memory (what people already translated in this
    project), then the machine cache (a text is never paid for twice), then the
    providers in order. Drafts are fuzzy, so editors show them as needing work
    and `l10n build` does not publish them; each carries a `# l10n: machine`
    note with the provider and date.

    API keys come only from the environment: L10N_<PROVIDER>_API_KEY, or
    L10N_<PROVIDER>_API_KEY_FILE naming a file that holds it. Provider options
    (url, region, model, concurrency, rate, price) go in a [<provider>] table
    of l10n.toml or L10N_<PROVIDER>_<OPTION>.

    \b
    Examples:
      l10n translate --dry-run                 # what would be sent, and the cost
      l10n translate --lang en --limit 50      # a first batch into English
      L10N_LIBRE_URL=http://localhost:5000/ l10n translate --provider libre
      L10N_DEEPL_API_KEY=... l10n translate --provider deepl,google
    """
    from l10n.app import translate as translating  # the MT stack loads only for this command

    chain = [name for name in providers.split(",") if name.strip()] if providers else None
    with user_errors():
        settings = obj.config()
        with progress_bar("translating") as progress:
            report = translating.translate(
                settings,
                only=articles,
                langs=langs,
                providers=chain,
                dry_run=dry_run,
                limit=limit,
                include_fuzzy=include_fuzzy,
                progress=progress,
            )
    if report.dry_run:
        click.echo(
            f"{report.entries} entries need a draft: {report.from_memory} from translation memory, "
            f"{report.from_cache} from the machine cache, {report.left} to send"
        )
        for provider, lang, entries, characters, cost, currency in report.estimate:
            click.echo(f"  {provider} -> {lang}: {entries} entries, {characters:,} characters, ~{cost:,.2f} {currency}")
        click.echo(f"dry run: {report.requests} requests, {report.characters:,} characters would be sent")
        return
    for display, msgid, reason in report.failures:
        preview = " ".join(msgid.split())[:60]
        click.echo(f"failed  {display}: {preview!r}: {reason}", err=True)
    for name in report.given_up:
        click.echo(f"gave up on {name} for this run (see the failures above)", err=True)
    click.echo(
        f"{report.translated} drafted, {report.from_memory} from memory, {report.from_cache} from cache, "
        f"{report.failed} failed, {report.left} left; {report.requests} requests, "
        f"{report.characters:,} characters sent; {report.catalogs_written} catalogs written"
    )
    if report.interrupted:
        click.echo(
            f"interrupted: the drafts so far are saved; {report.left} entries left. "
            "Run it again to resume: answers already received are cached and not paid again.",
            err=True,
        )
        sys.exit(130)
    if report.failed:
        sys.exit(1)
