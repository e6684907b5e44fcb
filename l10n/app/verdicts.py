"""Verdicts extract keeps, so that status, check and build need not judge again.

Judging an article in a language (``publishing.verdict``) means reading its catalog
and running every QA check on every translation: most of what ``status``, ``check``
and ``build`` spend per article. Extract has each catalog it touches in hand, just
brought up to date with its article, so it judges it there and keeps the verdict,
with the catalog's tally, under the digests of the catalog and of the article it
was judged with. A later status, check or build takes the row while both files
still have those digests (one stat each when their times are not too recent, see
``Manifest.digest``) and judges afresh otherwise.

A row is exactly what judging would give now: it is kept only for a catalog extract
has just made up to date with its article (so comparing the two finds nothing, and
the catalog holds exactly the article's messages, in their order), and the cache is
valid only for this tool version, configuration, publishing policy and glossary
(its stamp; a ``--min-coverage`` flag changes the policy, so such a run judges
afresh). Rows of articles that are gone are never looked up.

This module opens, reads and writes the cache; extract records, the read-only
commands open it read-only (``Manifest``), so they still never write a byte.
Status and check walk the articles in path order and read each language's rows,
and the recorded states of each folder's files, as one stream apiece
(``Manifest.texts_in_order``, ``digests_in_order``); build looks rows up one by one.
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Callable, Iterator, Sequence
from functools import cache, partial
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from l10n.app import publishing, rerun, staleness, workspace
from l10n.app.bulk import no_cycle_collection
from l10n.app.config import Config
from l10n.app.publishing import Activity, Judged, Judging, LazyArticle, Problem, PublishSettings, Untranslated, Verdict
from l10n.app.staleness import VERDICT_ROWS, glossary_stamp
from l10n.app.tally import Size, Tally, tally_entries
from l10n.errors import L10nError
from l10n.frozen import maker_of
from l10n.qa.findings import Severity
from l10n.store.manifest import Manifest, TreeSum, digest, file_stat
from l10n.store.parallel import parallel_map

if TYPE_CHECKING:
    from l10n.po import catalog  # the PO reader: a run that finds every verdict kept never loads it
    from l10n.qa.glossary import Glossary

R = TypeVar("R")


def open_cache(config: Config, settings: PublishSettings, *, read_only: bool) -> Manifest:
    """The verdict cache for this configuration, publishing policy and glossary."""
    extra = f"{VERDICT_ROWS}\n{_judging_code()}\n{settings.fingerprint()}\n{glossary_stamp(config)}"
    return rerun.open_manifest(config, "verdicts", extra=extra, read_only=read_only)


@cache
def _judging_code() -> str:
    """A digest of the package's source: a verdict is the work of its code, and a
    changed check under the same version number must not pass old rows off as its own.
    (About 2 ms per run, once.)"""
    package = os.path.dirname(os.path.dirname(os.path.realpath(__file__)))
    # os.scandir, not Path.rglob (a millisecond more), and the manifest's digest
    # (BLAKE2), not hashlib's SHA-256: hashlib loads OpenSSL, 2 ms of every start-up.
    hashed = []
    for rel, path in sorted(_python_files(package)):
        with open(path, "rb") as source:
            hashed.append(rel.encode() + b"\0" + source.read())
    return digest(b"\0".join(hashed))


def _python_files(folder: str, rel: str = "") -> Iterator[tuple[str, str]]:
    """(path below the package, path) of each ``.py`` file in ``folder`` and below."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir():
                yield from _python_files(entry.path, f"{rel}{entry.name}/")
            elif entry.name.endswith(".py"):
                yield f"{rel}{entry.name}", entry.path


# One encoder for every row: json.dumps with options makes a new one per call, a
# tenth of encoding a row (an encoder keeps no state between calls).
_ROW_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


class Row(NamedTuple):
    """One kept judgement: the digests of what it was judged from, the verdict and
    the catalog's counts. A row without a catalog says that the article, with these
    bytes, had nothing for the language: a catalog that appears later is news.

    A named tuple, not a frozen dataclass: made at import, a dataclass costs every
    start-up half a millisecond (each of its methods is compiled from source)."""

    article_digest: str
    catalog_digest: str | None = None
    entries: int = 0
    tally: Tally = Tally()  # frozen: one serves every row
    verdict: Verdict | None = None

    def encode(self) -> str:
        if self.verdict is None:
            return f'{{"article":"{self.article_digest}","catalog":null}}'  # a digest is hex: nothing to escape
        return _row_text(self.article_digest, self.catalog_digest, self.entries, self.tally, _verdict_fields(self.verdict))

    @staticmethod
    def decode(text: str) -> Row:
        return _row_of(_values_of(json.loads(text)))


def _row_text(article_digest: str, catalog_digest: str | None, entries: int, tally: Tally, verdict: dict[str, Any]) -> str:
    """A row with a verdict as stored, the verdict given as its fields (``_verdict_fields``)."""
    return _ROW_JSON.encode(
        {
            "article": article_digest,
            "catalog": catalog_digest,
            "entries": entries,
            "counts": list(tally.counts),
            "sizes": [_size_fields(size) for size in tally.sizes],
            "verdict": verdict,
        }
    )


def _row_of(values: RowValues) -> Row:
    article_digest, catalog_digest, entries, tally, verdict = values
    if verdict is None or tally is None:
        return Row(article_digest)
    return Row(article_digest, catalog_digest, entries, tally, verdict)


# A row's values, in Row's field order (a tally and verdict of None for a row without a catalog).
RowValues = tuple[str, str | None, int, Tally | None, Verdict | None]


def _values_of(fields: dict[str, Any]) -> RowValues:
    """The values of a row from its decoded JSON: ``Row.decode`` without the Row, as
    status and check read two thousand rows and keep only their values."""
    if fields["catalog"] is None:
        return (fields["article"], None, 0, None, None)
    sizes = tuple(_new_size(*size) if any(size) else _NO_SIZE for size in fields["sizes"])
    tally = _new_tally(tuple(fields["counts"]), sizes)
    return (fields["article"], fields["catalog"], fields["entries"], tally, _verdict(fields["verdict"]))


def key(article: str, lang: str) -> str:
    return f"{lang}\n{article}"


# Files another manifest of the run has just looked at: full path -> the stat and the
# digest it found (``Manifest.observe``).
Observed = dict[str, tuple[os.stat_result | None, str | None]]


class KeptRows:
    """The kept rows of ``langs``, and the digests of the files they were judged from,
    as ``lookup`` reads them: one query and one stat per file each (``Manifest``),
    or, ``in_order``, streamed from one query per language and folder, for a walk of
    the articles in path order (``judge_articles``). ``tree``, when given, sums the
    state of every file stat-ed (``TreeSum``). ``observed`` files are not stat-ed
    or read again (``lookup``)."""

    def __init__(
        self,
        config: Config,
        cache: Manifest,
        langs: Sequence[str],
        *,
        in_order: bool = False,
        tree: TreeSum | None = None,
        observed: Observed | None = None,
    ) -> None:
        self.root = f"{config.root}/"
        self.stat: Callable[[str], os.stat_result | None] = tree.take if tree is not None else file_stat
        self.article_digest: Callable[[str, os.stat_result | None], str | None]
        self.catalog_digests: dict[str, Callable[[str, os.stat_result | None], str | None]]
        self.texts: dict[str, Callable[[str], str | None]]
        if not in_order:
            digest_of = cache.digest_of if not observed else partial(_digest_as_observed, cache, observed)
            if observed:
                self.stat = partial(_stat_as_observed, observed)
            self.article_digest = digest_of
            self.catalog_digests = {lang: digest_of for lang in langs}
            self.texts = {lang: cache.get_text for lang in langs}
            return
        self.article_digest = cache.digests_in_order(f"{self.root}{config.content}/")
        self.catalog_digests = {lang: cache.digests_in_order(f"{self.root}{config.locales}/{lang}/") for lang in langs}
        self.texts = {lang: cache.texts_in_order(key("", lang)) for lang in langs}


def _stat_as_observed(observed: Observed, name: str) -> os.stat_result | None:
    found = observed.get(name)
    return found[0] if found is not None else file_stat(name)


def _digest_as_observed(cache: Manifest, observed: Observed, name: str, info: os.stat_result | None) -> str | None:
    """``cache.digest_of``, with the content hash ``observed`` holds for ``name`` (its
    stat is the ``info`` that ``_stat_as_observed`` gave)."""
    found = observed.get(name)
    return cache.digest_of(name, info, found[1] if found is not None else None)


def lookup(
    config: Config, cache: Manifest, article: workspace.Article, langs: Sequence[str], *, observed: Observed | None = None
) -> list[Judged] | None:
    """What ``publishing.judge_article`` would give for ``article`` in ``langs``, from
    the kept rows; None when any language must be judged afresh.

    ``observed`` are files the caller's own manifest has just stat-ed and hashed
    (build's: the article and its catalogs): the rows are checked against the same
    states, without a second stat, read and hash of each."""
    if langs and not cache.readable:
        # No rows (no cache, or another version's, policy's or code's): no language's
        # verdict is kept, whatever the files hold, so none is stat-ed, hashed or looked up.
        return None
    return kept_judgements(config, KeptRows(config, cache, langs, observed=observed), article, langs)


def kept_judgements(config: Config, kept: KeptRows, article: workspace.Article, langs: Sequence[str]) -> list[Judged] | None:
    """``lookup``, reading through ``kept``.

    The article and each catalog are stat-ed first, each once, whatever the rows say:
    the stats are also the tree's (``KeptRows``), and each digest is of the file as
    its stat found it.
    """
    root = kept.root
    name = root + article.display
    article_info = kept.stat(name)
    displays = [workspace.catalog_display(config, article, lang) for lang in langs]
    infos = [kept.stat(root + display) for display in displays]
    article_digest = kept.article_digest(name, article_info)
    judged = []
    for lang, display, info in zip(langs, displays, infos, strict=True):
        # The digests are compared before the verdict's objects are made, and before
        # the row is decoded (``_article_head``): a build after translators saved their
        # catalogs finds most rows out of date.
        text = kept.texts[lang](key(article.display, lang))
        if text is None or not text.startswith(_article_head(article_digest)):
            return None
        catalog_digest = kept.catalog_digests[lang](root + display, info)
        if not text.startswith(_row_head(article_digest, catalog_digest)):
            return None
        fields = _decoded_fields(text)
        if fields is None or fields["article"] != article_digest or fields["catalog"] != catalog_digest:
            return None
        row = _kept_values(fields)
        if row is None:
            return None
        _, _, entries, tally, verdict = row
        # Judged(lang, display, None, verdict, entries=entries, tally=tally); a row without
        # a catalog has no verdict, no entries and no tally, as judging would give.
        judged.append(_new_judged(lang, display, None, verdict, entries, tally))
    return judged


def _article_head(article_digest: str | None) -> str:
    """How a row judged from an article with this digest starts (``Row.encode``,
    ``_row_text``), up to its catalog's digest.

    A row that starts otherwise was judged from other files: safe to pass over
    undecoded, since every row of a readable cache was written by this very code (its
    stamp holds a digest of the package), and a row passed over would only have its
    article judged afresh, to the verdict the row would have given.
    """
    return f'{{"article":"{article_digest}","catalog":'


def _row_head(article_digest: str | None, catalog_digest: str | None) -> str:
    """How a row judged from files with these digests starts (see ``_article_head``)."""
    return _article_head(article_digest) + (f'"{catalog_digest}"' if catalog_digest is not None else "null")


_UNREADABLE = (ValueError, KeyError, TypeError, IndexError)  # what a damaged row raises


def _decoded(text: str | None) -> Row | None:
    """The row stored as ``text``; None for none, or for one this code cannot read (the
    cache is only an aid: such an article is judged afresh)."""
    fields = _decoded_fields(text)
    values = _kept_values(fields) if fields is not None else None
    return _row_of(values) if values is not None else None


def _decoded_fields(text: str | None) -> dict[str, Any] | None:
    """The row stored as ``text`` as its JSON reads, holding at least the two digests
    it was judged from (``article``, and ``catalog``: None for a row without a
    catalog); None for none, or for one this code cannot read (see ``_decoded``)."""
    if text is None:
        return None
    try:
        fields = json.loads(text)
    except ValueError:
        return None
    return fields if isinstance(fields, dict) and "article" in fields and "catalog" in fields else None


def _kept_values(fields: dict[str, Any]) -> RowValues | None:
    """The values of a row from its JSON (``_decoded_fields``); None for one this code
    cannot read."""
    try:
        return _values_of(fields)
    except _UNREADABLE:
        return None


def judge_articles(
    config: Config,
    langs: Sequence[str],
    articles: Sequence[workspace.Article],
    shape: Callable[[Judging, LazyArticle, list[Judged]], R],
    *,
    every_article: bool,
) -> Iterator[R]:
    """``shape`` of each article's judgements in ``langs`` (target languages, checked by
    the caller), in order: as extract kept them where they still hold, else from
    ``publishing.judge_article`` (over worker processes). ``every_article``: ``articles``
    are all of the project's, not a choice.

    The kept rows are looked up first, here (the cache is not shared with workers),
    then the run's ``Judging`` is made (``publishing.judging``); the rest
    are judged while the results are handed on. Whether extract's last run left the
    tree as it is (``Judging.compare``) is learnt from the stats the lookups take
    when they stat every file that question covers (every article, in every
    language), so that each file is stat-ed once, not twice.

    ``shape`` must not read ``Judging.glossary`` when handed kept judgements: when
    every article's are kept, no glossary is loaded and that field is None.
    """
    settings = publishing.publish_settings(config)
    langs = tuple(langs)
    cache = open_cache(config, settings, read_only=True)
    # No cache (a first run, another version's or policy's): nothing to look up, and no
    # file to stat or hash for it; extract's snapshot answers for the tree, as it does
    # for a run of some articles or languages. (A cache that breaks during the walk
    # leaves the sum short: the tree then counts as changed, the thorough way.)
    tree = TreeSum() if cache.readable and every_article and langs == tuple(config.languages) else None
    with no_cycle_collection():  # decoded rows are trees of tuples, dicts and strings
        try:
            rows = KeptRows(config, cache, langs, in_order=True, tree=tree)  # the walk is in path order
            looked_up = [kept_judgements(config, rows, article, langs) if cache.readable else None for article in articles]
        finally:
            cache.close()
    steady = staleness.left_as_extract_left_it(config, tree) if tree is not None else staleness.catalogs_up_to_date(config)
    # With nothing to judge afresh the glossary (its module, its files) is left unread:
    # ``shape`` is handed kept judgements only, which it reads without it (see above).
    judge_afresh = any(judged is None for judged in looked_up)
    judging = publishing.judging(config, langs, settings=settings, up_to_date=steady, read_glossary=judge_afresh)
    found: list[tuple[bool, Any]] = []
    with no_cycle_collection():  # kept judgements shaped into report rows: trees again
        for source, judged in zip(publishing.lazy_articles(judging, articles), looked_up, strict=True):
            found.append((True, shape(judging, source, judged)) if judged is not None else (False, source))
    fresh = parallel_map(partial(_judge, judging, shape), (value for kept, value in found if not kept))
    for kept, value in found:
        yield value if kept else next(fresh)


def _judge(judging: Judging, shape: Callable[[Judging, LazyArticle, list[Judged]], R], source: LazyArticle) -> R:
    return shape(judging, source, publishing.judge_article(judging, source))


def judged_row(
    settings: PublishSettings,
    glossary: Glossary,
    source: LazyArticle,
    lang: str,
    po: catalog.Catalog,
    article_digest: str,
    catalog_digest: str,
) -> str:
    """The row of a catalog that is up to date with its article, judged as status would
    judge it, as stored (``Row.encode``); ``po`` must carry the lines its bytes put its
    entries on."""
    subject = publishing.Subject(source.config, settings.for_lang(lang), glossary, source, lang)
    live = list(po.live())
    tally = tally_entries(live)
    display = workspace.catalog_display(source.config, source.article, lang)
    nothing_translated = publishing.untranslated(subject, display, live, len(live))
    if nothing_translated is not None:
        # Every catalog extract has just made: its verdict's fields are written from
        # where its entries are, without first making the problems that ``Row.encode``
        # would read them back from (tests/test_kept_verdicts.py holds the rows equal).
        return _row_text(article_digest, catalog_digest, len(live), tally, _untranslated_fields(nothing_translated))
    return Row(article_digest, catalog_digest, len(live), tally, publishing.verdict(subject, po)).encode()


# A catalog a command wrote (saving.update): its display path, the digest of what it
# held before and of what it holds now, and what it holds (lines included).
Saved = tuple[str, str | None, str, "catalog.Catalog"]


def carry_forward(config: Config, saved: Sequence[Saved]) -> None:
    """Keep the verdicts of catalogs a command has just rewritten (review, translate,
    imports: ``saving.update``).

    Such a command changes translations, flags and comments, never which messages a
    catalog holds (nor does a PO editor saving beside it), so a catalog that was up
    to date with its article before (its kept row says so: same catalog and article
    digests) is up to date after, and is judged here from its new contents as status
    would judge it. Others are left to be judged afresh. Keeping verdicts only saves
    time later: a failure here is ignored.
    """
    try:
        settings = publishing.publish_settings(config)
    except L10nError:
        return  # status and check report the broken settings; nothing to keep
    # A catalog saved more than once is judged as it is last, against what it held first.
    first_and_last: dict[str, Saved] = {}
    for display, before, after, po in saved:
        first = first_and_last.get(display)
        first_and_last[display] = (display, first[1] if first else before, after, po)
    cache = open_cache(config, settings, read_only=False)
    try:
        glossary = None
        root = f"{config.root}/"
        for display, before, after, po in first_and_last.values():
            found = _article_of(config, display)
            if found is None:
                continue
            article, lang = found
            row = _decoded(cache.get_text(key(article.display, lang)))
            if row is None or row.verdict is None or row.catalog_digest != before:
                continue
            if row.article_digest != cache.digest(root + article.display):
                continue
            if glossary is None:
                glossary = workspace.project_glossary(config)
            kept = judged_row(settings, glossary, LazyArticle(config, article), lang, po, row.article_digest, after)
            cache.wrote(root + display, after)
            cache.record_text(key(article.display, lang), kept)
        cache.save()
    except (L10nError, OSError, ValueError, KeyError):
        cache.close()  # nothing kept: those catalogs are judged afresh


def _article_of(config: Config, display: str) -> tuple[workspace.Article, str] | None:
    """The article and language of catalog ``display`` (``locales/<lang>/<article>.po``)."""
    prefix = f"{config.locales}/"
    if not display.startswith(prefix) or not display.endswith(".po"):
        return None
    lang, _, rel = display[len(prefix) : -len(".po")].partition("/")
    if not rel:
        return None
    return workspace.Article(str(config.content_dir), rel, f"{config.content}/{rel}"), lang


# ------------------------------------------------------------------ encoding


def _size_fields(size: Size) -> list[int]:
    return [size.en_words, size.ko_chars, size.ko_words, size.other_words]


def _verdict_fields(verdict: Verdict) -> dict[str, Any]:
    activity = verdict.activity
    return {
        "article": verdict.article,
        "lang": verdict.lang,
        "catalog": verdict.catalog,
        "ready": verdict.ready,
        "problems": [_problem_fields(p, verdict.article, verdict.catalog, verdict.lang) for p in verdict.problems],
        "publishable": verdict.publishable,
        "total": verdict.total,
        "usable": [[list(k), text] for k, text in verdict.usable],
        "headline": verdict.headline,
        "activity": [list(activity.reviewers), activity.last, list(activity.rejections), list(activity.machine)],
    }


def _untranslated_fields(verdict: Untranslated) -> dict[str, Any]:
    """``_verdict_fields(verdict.verdict())``: each entry's problem is kept by its
    place, which is what ``_problem_fields`` writes of it (``_problem`` reads it
    back through ``publishing.untranslated_problem`` too), so the problems need not
    be made."""
    article, display, lang = verdict.article, verdict.catalog, verdict.lang
    # The fields of the verdict without its problems, then its problems'.
    fields = _verdict_fields(_new_verdict(article, lang, display, False, (), 0, verdict.total, (), verdict.headline, verdict.activity))
    fields["problems"] = [*verdict.places, _problem_fields(verdict.nothing_publishable(), article, display, lang)]
    return fields


def _problem_fields(problem: Problem, article: str, catalog: str, lang: str) -> list[Any]:
    """A problem's fields in Problem's order; without its article, catalog and language
    when they are the verdict's (nearly always: a row then holds a third less, and
    the cache writes that many fewer pages); and for the blocking problem of an
    untranslated entry (``publishing.untranslated_problem``: every entry of a catalog
    extract has just made), only where the entry is and what it holds, which is all
    that differs between two such problems. ``_problem`` tells the three forms apart
    by their length."""
    if problem.path == article and problem.catalog == catalog and problem.lang == lang:
        if (
            problem.code == "untranslated"
            and problem.blocking
            and problem.severity is Severity.ERROR
            and problem.message == publishing.untranslated_message(problem.field)
        ):
            return [problem.line, problem.catalog_line, problem.msgid, problem.field]
        return [
            problem.code,
            problem.severity.value,
            problem.blocking,
            problem.message,
            problem.line,
            problem.catalog_line,
            problem.msgid,
            problem.field,
        ]
    return [
        problem.code,
        problem.severity.value,
        problem.blocking,
        problem.message,
        problem.path,
        problem.line,
        problem.catalog,
        problem.catalog_line,
        problem.lang,
        problem.msgid,
        problem.field,
    ]


_SHARED_PROBLEM_FIELDS = 8  # the length of a problem's fields without those it shares with its verdict
_UNTRANSLATED_FIELDS = 4  # the length of an untranslated entry's blocking problem's fields


def _problem(fields: list[Any], article: str, catalog: str, lang: str) -> Problem:
    """The problem of ``_problem_fields``, in a verdict on ``article`` in ``lang`` (``catalog``)."""
    if len(fields) == _UNTRANSLATED_FIELDS:
        line, catalog_line, msgid, kind = fields
        return publishing.untranslated_problem(article, catalog, lang, (line, catalog_line, msgid, kind))
    if len(fields) == _SHARED_PROBLEM_FIELDS:
        code, severity, blocking, message, line, catalog_line, msgid, field = fields
        return _new_problem(code, _SEVERITIES[severity], blocking, message, article, line, catalog, catalog_line, lang, msgid, field)
    code, severity, *rest = fields
    return _new_problem(code, _SEVERITIES[severity], *rest)


_SEVERITIES = {severity.value: severity for severity in Severity}  # a dict: Severity(value) costs more
_NO_SIZE = Size()  # most states of a catalog have no entries: one frozen object serves them all
_PROBLEM_FIELDS = tuple(f.name for f in dataclasses.fields(Problem))


# Each kept row makes one of each (the sizes: of the states a catalog has entries in;
# the problems: some ten per catalog).
_new_problem = maker_of(Problem, _PROBLEM_FIELDS)
_new_judged = maker_of(Judged, ("lang", "display", "po", "verdict", "entries", "tally"))
_new_verdict = maker_of(
    Verdict, ("article", "lang", "catalog", "ready", "problems", "publishable", "total", "usable", "headline", "activity")
)
_new_activity = maker_of(Activity, ("reviewers", "last", "rejections", "machine"))
_new_tally = maker_of(Tally, ("counts", "sizes"))
_new_size = maker_of(Size, ("en_words", "ko_chars", "ko_words", "other_words"))


def _verdict(fields: dict[str, Any]) -> Verdict:
    reviewers, last, rejections, machine = fields["activity"]
    article, catalog, lang = fields["article"], fields["catalog"], fields["lang"]
    problems = tuple(_problem(problem, article, catalog, lang) for problem in fields["problems"])
    return _new_verdict(
        fields["article"],
        fields["lang"],
        fields["catalog"],
        fields["ready"],
        problems,
        fields["publishable"],
        fields["total"],
        tuple(((k[0], k[1]), text) for k, text in fields["usable"]),
        fields["headline"],
        _new_activity(
            tuple(tuple(r) for r in reviewers),
            last,
            tuple(tuple(r) for r in rejections),
            tuple(tuple(m) for m in machine),
        ),
    )
