"""``l10n xliff`` and ``l10n tm``: hand catalogs and the translation memory to other tools and back.

A command group per exchange format rather than ``export --format``: each format
has its own options and its own direction of use (XLIFF goes out and comes back
per language; a memory or a glossary is a whole-project file), and one verb per
command keeps ``--help`` short. Click commands only: each calls one use case
from app/exchange.py or app/memory.py and prints what happened.
"""

from __future__ import annotations

from pathlib import Path

import click

from l10n.app import bundles, exchange, memory, termbase
from l10n.app import review as reviewing
from l10n.cli.console import Context, user_errors
from l10n.cli.options import articles_argument
from l10n.errors import L10nError
from l10n.interop import tbx, tmx
from l10n.interop import xliff as xliff_format
from l10n.store.fileio import write_if_changed

translator_option = click.option(
    "--translator", metavar="NAME", help="Whose work this is, in the history logs [L10N_REVIEWER, else git user.name]."
)


@click.group()
def xliff() -> None:
    """Hand catalogs to a CAT tool (Trados, memoQ, OmegaT, Phrase) as XLIFF 2.0, and take them back.

    \b
    Example:
      l10n xliff export --lang en -o handoff/    # handoff/ko-en.xlf
      (translate and review in the CAT tool, export XLIFF 2.0)
      l10n xliff import handoff/ko-en.xlf --translator "Kim Min-ji"
    """


@xliff.command("export")
@articles_argument
@click.option("-l", "--lang", required=True, metavar="LANG", help="The target language to export.")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="Folder for the documents, one per source language: <source>-<target>.xlf.",
)
@click.pass_obj
def export(obj: Context, articles: tuple[str, ...], lang: str, output: Path) -> None:
    """Write the LANG catalogs of the project (or of ARTICLES) as XLIFF 2.0.

    States travel as state/subState (machine drafts are initial with
    subState l10n:machine), with the article line, the extracted comment
    and rejection comments as notes.
    """
    with user_errors():
        documents = exchange.export_xliff(obj.config(), lang=lang, only=articles)
        for doc in documents:
            path = output / f"{doc.source_lang}-{doc.target_lang}.xlf"
            output.mkdir(parents=True, exist_ok=True)
            write_if_changed(path, xliff_format.format_document(doc).encode("utf-8"))
            units = sum(len(file.units) for file in doc.files)
            click.echo(f"{path}: {len(doc.files)} catalogs, {units} units")
    if not documents:
        click.echo(f"no {lang} catalogs to export (run `l10n extract` first)")


@xliff.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@translator_option
@click.pass_obj
def import_(obj: Context, files: tuple[Path, ...], translator: str | None) -> None:
    """Apply the translations and review states of XLIFF 2.0 documents to the catalogs.

    Only what changed since the export is applied and logged under the
    translator's name; importing an unchanged document writes nothing.
    """
    with user_errors():
        settings = obj.config()
        name = reviewing.reviewer_name(settings, translator)
        for path in files:
            doc = xliff_format.parse_document(_read_utf8(path), str(path))
            report = exchange.import_xliff(settings, doc, translator=name, display=str(path))
            for applied in report.applied:
                click.echo(f"{applied.id}  {applied.catalog}  {applied.old.value} -> {applied.new.value}")
            for skipped in report.skipped:
                click.echo(f"skipped {skipped.id}  {skipped.catalog}: {skipped.reason}", err=True)
            click.echo(
                f"{path}: {len(report.applied)} changes, {len(report.skipped)} skipped; "
                f"{report.catalogs_written} catalogs written"
            )


@click.group()
def tm() -> None:
    """Exchange the translation memory as TMX 1.4 with CAT tools and other projects.

    \b
    Example:
      l10n tm export -o memory.tmx     # people's translations, with who and when
      l10n tm import agency.tmx        # exact matches become drafts to review
    """


@tm.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The TMX file to write.")
@click.pass_obj
def tm_export(obj: Context, output: Path) -> None:
    """Write every translation people made or approved, with who and when, as TMX 1.4.

    Machine drafts nobody finished are left out.
    """
    with user_errors():
        exported = memory.export_memory(obj.config())
        write_if_changed(output, tmx.format_memory(exported.units).encode("utf-8"))
    click.echo(f"{output}: {len(exported.units)} translation units")
    if exported.left_out:
        click.echo(f"{exported.left_out} translations with control characters left out (TMX cannot hold them)", err=True)


@tm.command("import")
@click.argument("memory_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def tm_import(obj: Context, memory_file: Path) -> None:
    """Draft untranslated entries from the exact matches of a TMX memory.

    The drafts are fuzzy, marked as coming from the memory (provider tmx), for
    review to approve, as translate's own memory drafts are.
    """
    with user_errors():
        units = tmx.parse_memory(_read_utf8(memory_file), str(memory_file))
        report = memory.import_memory(obj.config(), units)
    click.echo(f"{report.filled} entries drafted from {memory_file}; {report.catalogs_written} catalogs written")


@click.group()
def glossary() -> None:
    """Exchange the glossary as TBX with terminology and CAT tools.

    The glossary itself is a TSV or CSV file (glossary.tsv) any spreadsheet
    opens; TBX is for tools that speak it.

    \b
    Example:
      l10n glossary export -o terms.tbx
      l10n glossary import agency-terms.tbx    # adds the rows glossary.tsv lacks
    """


@glossary.command("export")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The TBX file to write.")
@click.pass_obj
def glossary_export(obj: Context, output: Path) -> None:
    """Write the glossary and the never-translate list as TBX, one entry per row."""
    with user_errors():
        entries = termbase.export_glossary(obj.config())
        write_if_changed(output, tbx.format_termbase(entries).encode("utf-8"))
    click.echo(f"{output}: {len(entries)} entries")


@glossary.command("import")
@click.argument("tbx_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def glossary_import(obj: Context, tbx_file: Path) -> None:
    """Add the Korean-English entries of a TBX file that the glossary lacks.

    A term the file translates differently from the glossary is an error and
    nothing is written: settle it in the glossary first.
    """
    with user_errors():
        entries = tbx.parse_termbase(_read_utf8(tbx_file), str(tbx_file))
        report = termbase.import_glossary(obj.config(), entries)
    click.echo(f"{report.path}: {report.added} rows added, {report.already} already there")
    if report.ignored:
        click.echo(f"{report.ignored} entries without a Korean or English term ignored", err=True)


@click.group()
def weblate() -> None:
    """Bundle catalogs Weblate can host: one per section or month of articles.

    Set bundle = "section" (or "month") in the configuration. The bundles live
    in bundles/<source language>/<bundle>/<target language>.po, one Weblate
    component per folder; the per-article catalogs stay the project's own.

    \b
    Example:
      l10n weblate export                           # after extract and translate
      (Weblate commits its translations to bundles/)
      l10n weblate import --translator "Weblate"    # back into the articles' catalogs
    """


@weblate.command("export")
@click.pass_obj
def weblate_export(obj: Context) -> None:
    """Write the bundle catalogs from the articles' catalogs (only those that change)."""
    with user_errors():
        written = bundles.export_bundles(obj.config())
    for display in written:
        click.echo(display)
    click.echo(f"{len(written)} bundle catalogs")


@weblate.command("import")
@translator_option
@click.pass_obj
def weblate_import(obj: Context, translator: str | None) -> None:
    """Take the translations changed in the bundle catalogs back to the articles' catalogs.

    Each change of state is logged under the translator's name; importing
    unchanged bundles writes nothing.
    """
    with user_errors():
        settings = obj.config()
        name = reviewing.reviewer_name(settings, translator)
        report = bundles.import_bundles(settings, translator=name)
    click.echo(f"{report.changed} entries changed; {report.catalogs_written} catalogs written")
    if report.missing:
        click.echo(f"{report.missing} bundle entries no longer in their article (re-extracted?): export again", err=True)


def _read_utf8(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise L10nError(f"not UTF-8: {error.reason}", path=str(path)) from None
