"""The publishing policy: may an article go out in a language, and if not, why.

``verdict(...)`` is the one rule: for one article in one language it reads the
catalog's entries, their states and their QA findings and says ``ready`` or
``blocked``, with every reason (entry, field, state or QA code, line). ``l10n
status`` shows it, ``l10n check`` fails on it and ``l10n build`` writes only what it
lets through; none of them has a rule of its own.

The policy is the ``[publish]`` table, with the ``[check]`` rules (check_settings.py)
on top of it::

    [publish]
    # The least state a field may be published in: "translated" (by a person, or a
    # machine draft when allow_machine) or "reviewed". Keys are block kinds (the
    # #. comment of an entry: front-matter:title, heading, image-alt, paragraph...);
    # "*" is every field not named.
    minimum = { "*" = "translated", "front-matter:title" = "reviewed",
                "front-matter:subtitle" = "reviewed", "image-alt" = "reviewed" }
    # Machine drafts nobody touched may stand in for "translated"; the built article
    # then says so in its front matter (see formats/disclosure.py).
    allow_machine = false
    # Percent of the entries that must reach their minimum. Below 100, the others
    # keep the source text; stale and rejected entries block whatever this says.
    coverage = 100

    [publish.languages.en]     # any of the keys above, for one language
    allow_machine = true

Whatever the settings, an article with nothing publishable in a language is never
ready in it, and a translation with a safety finding (markup, structure, URLs,
control characters) is never published.

Environment: ``L10N_PUBLISH_ALLOW_MACHINE``, ``L10N_PUBLISH_COVERAGE``.

Reads the catalogs and articles it is handed (never a file of its own choosing),
never writes, never prints, and imports no use case: status, check and build all
import it. It imports the QA checks when it first judges a translation: status
and check, when every verdict they need is kept, never do (importing them
compiles some hundred patterns).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, fields, replace
from functools import cache
from types import ModuleType
from typing import TYPE_CHECKING, Any

from l10n.app import rerun, staleness, workspace
from l10n.app.check_settings import Rules, check_settings, config_line, language_tables
from l10n.app.config import Config, section
from l10n.app.tally import Tally
from l10n.errors import L10nError
from l10n.frozen import maker_of, replacer_of
from l10n.model import State
from l10n.po.messages import message_keys, targets_of
from l10n.qa.findings import Severity, block_kind
from l10n.store.manifest import digest

if TYPE_CHECKING:
    from l10n.formats.base import FormatOptions
    from l10n.po import catalog
    from l10n.qa.checks import ArticleText
    from l10n.qa.glossary import Glossary

READY = "ready"
BLOCKED = "blocked"

ALL_FIELDS = "*"
MINIMUMS = (State.TRANSLATED.value, State.REVIEWED.value)
DEFAULT_MINIMUM: tuple[tuple[str, str], ...] = (
    (ALL_FIELDS, "translated"),
    ("front-matter:title", "reviewed"),
    ("front-matter:subtitle", "reviewed"),
    ("image-alt", "reviewed"),
)
DEFAULT_COVERAGE = 100
# QA checks whose findings mean the output could carry markup, script or a changed
# link: such a translation is never published, whatever [check] blocks.
SAFETY_CHECKS = frozenset({"markup", "structure", "urls", "control-chars"})

_KEYS: dict[str, type] = {"minimum": dict, "allow_machine": bool, "coverage": int, "languages": dict}
_LANGUAGE_KEYS = ("minimum", "allow_machine", "coverage")


@cache
def _minimum_table(minimum: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """``dict(minimum)``, made once per policy rather than once per entry judged
    (callers only read it; a run has a handful of policies)."""
    return dict(minimum)


@dataclass(frozen=True)
class Policy:
    """What may be published in one language."""

    minimum: tuple[tuple[str, str], ...] = DEFAULT_MINIMUM  # block kind -> least state
    allow_machine: bool = False
    coverage: int = DEFAULT_COVERAGE
    rules: Rules = field(default_factory=Rules)  # the [check] rules on top

    def minimum_for(self, kind: str) -> str:
        table = _minimum_table(self.minimum)
        return table.get(kind, table.get(ALL_FIELDS, "translated"))

    def publishable(self, state: State, kind: str) -> bool:
        """Whether an entry in ``state`` reaches this field's minimum."""
        if state is State.REVIEWED:
            return True
        if self.minimum_for(kind) == "reviewed":
            return False
        return state is State.TRANSLATED or (state is State.MACHINE and self.allow_machine)


@dataclass(frozen=True)
class PublishSettings:
    """The ``[publish]`` table (with ``[check]``), checked: per project and per language."""

    policy: Policy = field(default_factory=Policy)
    languages: tuple[tuple[str, Policy], ...] = ()

    def for_lang(self, lang: str) -> Policy:
        return dict(self.languages).get(lang, self.policy)

    def fingerprint(self) -> str:
        """The settings as a string that is the same in every run (sets sorted)."""
        return repr([(lang, _fingerprint(policy)) for lang, policy in (("", self.policy), *self.languages)])


def _fingerprint(policy: Policy) -> tuple:
    rules = policy.rules
    kept = (sorted(rules.block), sorted(rules.require_human), sorted(rules.ignore))
    return (policy.minimum, policy.allow_machine, policy.coverage, kept)


def publish_settings(config: Config, *, coverage: int | None = None) -> PublishSettings:
    """Read and validate ``[publish]`` and ``[check]``; ``coverage`` (a flag) wins over both files.

    The older top-level ``min_coverage`` still counts when ``[publish]`` sets no
    coverage; ``use_fuzzy = true`` still lets machine drafts through.
    """
    checks_ = check_settings(config)
    table = section(config, "publish", _KEYS)
    fallback = Policy(
        allow_machine=config.use_fuzzy,
        coverage=config.min_coverage or DEFAULT_COVERAGE,
        rules=checks_.rules,
    )
    base = _policy(config, table, fallback, "publish")
    languages = []
    for lang, value in language_tables(config, "publish", table.get("languages", {}), _LANGUAGE_KEYS):
        languages.append((lang, _policy(config, value, replace(base, rules=checks_.for_lang(lang)), f"publish.languages.{lang}")))
    # A language with [check.languages.x] rules but no [publish.languages.x] table.
    named = {lang for lang, _ in languages}
    languages += [(lang, replace(base, rules=rules)) for lang, rules in checks_.languages if lang not in named]
    settings = PublishSettings(base, tuple(languages))
    if coverage is not None:
        settings = PublishSettings(
            replace(settings.policy, coverage=coverage),
            tuple((lang, replace(policy, coverage=coverage)) for lang, policy in settings.languages),
        )
    return settings


def _policy(config: Config, table: dict[str, Any], default: Policy, name: str) -> Policy:
    # A minimum table replaces the one it overrides: a field it does not name falls to "*".
    minimum = dict(table["minimum"]) if "minimum" in table else dict(default.minimum)
    minimum.setdefault(ALL_FIELDS, "translated")
    for kind, state in minimum.items():
        if state not in MINIMUMS:
            raise L10nError(
                f"[{name}] minimum: {kind} = {state!r} is not a state a field may be published in",
                path=config.source,
                line=config_line(config, name, "minimum"),
                hint="use " + " or ".join(repr(m) for m in MINIMUMS)
                + '; machine drafts count as "translated" with allow_machine = true',
            )
    coverage = table.get("coverage", default.coverage)
    if not 0 <= coverage <= 100:
        raise L10nError(
            f"[{name}] coverage is a percentage from 0 to 100, not {coverage}",
            path=config.source,
            line=config_line(config, name, "coverage"),
        )
    return Policy(
        minimum=tuple(sorted(minimum.items())),
        allow_machine=table.get("allow_machine", default.allow_machine),
        coverage=coverage,
        rules=default.rules,
    )


# --------------------------------------------------------------------------- verdicts


@dataclass(frozen=True)
class Problem:
    """Something ``l10n check`` reports, where the reader fixes it.

    ``path``/``line`` point into the article (from the entry's ``#:`` reference),
    ``catalog``/``catalog_line`` at the PO entry. ``code`` is a QA check id or a
    STATE_CODES key; ``blocking`` says whether it keeps the article from being
    published; ``field`` is the entry's block kind (front-matter:title, paragraph).
    """

    code: str
    severity: Severity
    blocking: bool
    message: str
    path: str
    line: int | None = None
    catalog: str | None = None
    catalog_line: int | None = None
    lang: str | None = None
    msgid: str = ""
    field: str = ""


@dataclass(frozen=True)
class Activity:
    """Who did what to an article's catalog, from the entries' marks."""

    reviewers: tuple[tuple[str, str], ...] = ()  # (who, date), newest first, one per person
    last: str = ""  # date of the newest mark
    rejections: tuple[tuple[str, str, str], ...] = ()  # (who, date, comment) of rejected entries
    machine: tuple[tuple[str, str], ...] = ()  # (provider, date) of the machine text published


@dataclass(frozen=True)
class Verdict:
    """May one article be published in one language: ``ready`` or ``blocked``, and why."""

    article: str
    lang: str
    catalog: str
    ready: bool
    problems: tuple[Problem, ...] = ()  # every finding; the blocking ones are the reasons
    publishable: int = 0  # entries that reach their minimum
    total: int = 0
    usable: tuple[tuple[tuple[str | None, str], str], ...] = ()  # key -> text a build may use
    headline: str = ""
    activity: Activity = field(default_factory=Activity)

    @property
    def state(self) -> str:
        return READY if self.ready else BLOCKED

    @property
    def reasons(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.blocking)

    def in_words(self) -> list[str]:
        """The reasons as an editor reads them, grouped: "machine: front-matter:title is a machine draft nobody has reviewed (content/a.md:2)"."""
        return describe(self.reasons)


def describe(reasons: Iterable[Problem]) -> list[str]:
    """Blocking problems grouped by what they say, one line per group, in order of first appearance."""
    groups: dict[tuple[str, str], list[Problem]] = {}
    for problem in reasons:
        groups.setdefault((problem.code, problem.field), []).append(problem)
    lines = []
    for (code, kind), members in groups.items():
        first = members[0]
        where = f"{first.path}:{first.line}" if first.line else first.path
        if len(members) == 1:
            lines.append(f"{code}: {first.message} ({where})")
        else:
            what = f"{kind} " if kind else ""
            lines.append(f"{len(members)} {what}entries: {code}, e.g. {first.message} ({where})")
    return lines


class LazyArticle:
    """An article, parsed on first need: by the structure check, or by a caller
    that compares its catalogs with what extract would write.

    ``parsed_row`` is the article's row in extract's parse cache (see
    ``rerun.open_parse_cache``): its segments stand in for parsing when the
    article's bytes are still the ones extract parsed.
    """

    def __init__(
        self,
        config: Config,
        article: workspace.Article,
        parsed: workspace.ParsedArticle | None = None,
        parsed_row: str | None = None,
    ) -> None:
        self.config = config
        self.article = article
        self.parsed_row = parsed_row
        self._given = parsed  # the article as the caller parsed it, if it did
        self._parsed: tuple[ArticleText, workspace.ParsedArticle] | None = None
        self._keys: dict[str, tuple[list, list]] = {}  # lang -> (segments, message keys)
        self._markdown: bool | None = None

    @property
    def markdown(self) -> bool:
        """Whether the article is Markdown, whose structure a translation may change.

        Asked once per article: its format is looked up from its path each time.
        """
        if self._markdown is None:
            self._markdown = self.article.format.NAME == "markdown"
        return self._markdown

    def parsed(self) -> workspace.ParsedArticle:
        return self._given if self._given is not None else self._text_and_parsed()[1]

    def _text_and_parsed(self) -> tuple[ArticleText, workspace.ParsedArticle]:
        if self._parsed is None:
            from l10n.qa.checks import ArticleText  # on first need: see the module's docstring

            options = workspace.format_options(self.config)
            parsed = self._given if self._given is not None else self._parse(options)
            self._parsed = (ArticleText(self.article.format, parsed.source.text, options), parsed)
        return self._parsed

    def _parse(self, options: FormatOptions) -> workspace.ParsedArticle:
        """The article parsed, or its segments taken from extract's parse cache while
        its bytes are still the ones extract parsed."""
        data, known = None, None
        if self.parsed_row is not None:
            data = self.article.path.read_bytes()
            if rerun.row_digest(self.parsed_row) == digest(data):
                known = rerun.parsed_segments(self.parsed_row)
        return workspace.parse_article(self.config, self.article, options, data, known)

    def segments_for(self, lang: str, key: tuple[str | None, str]) -> tuple[ArticleText, tuple]:
        text, parsed = self._text_and_parsed()
        if lang not in self._keys:
            segments = targets_of(parsed.segments, lang)
            self._keys[lang] = (segments, message_keys(segments))
        segments, keys = self._keys[lang]
        return text, tuple(seg for seg, k in zip(segments, keys, strict=True) if k == key)


@dataclass(frozen=True)
class Subject:
    """What a verdict is about: one article in one language, and what it reads."""

    config: Config
    policy: Policy
    glossary: Glossary
    source: LazyArticle
    lang: str


def verdict(
    subject: Subject,
    po: catalog.Catalog | None,
    *,
    keys: Sequence[tuple[str | None, str]] | None = None,
    extra: Sequence[Problem] = (),
    informing: bool = True,
) -> Verdict:
    """The one publishing rule: ``ready`` or ``blocked`` for one article in one language.

    ``po`` is the article's catalog in the language (None: not extracted yet).
    ``keys`` are the article's messages, when the caller has parsed it (build): a
    message missing from the catalog is then a reason too. ``extra`` are problems the
    caller found itself (a catalog out of date with its article); blocking ones block.

    ``informing=False`` is for a caller that acts on the decision alone (build): the
    QA checks whose findings cannot block under the policy are not run, nor any check
    of a translation that may not be published. Such findings only inform, so the
    verdict's decision is the same (``ready``, ``reasons``, ``publishable``,
    ``usable``, ``headline``, ``activity``); only its ``problems`` lack them.
    """
    display = workspace.catalog_display(subject.config, subject.source.article, subject.lang)
    entries, total, problems = _entries_to_judge(subject, display, po, keys)
    nothing_translated = untranslated(subject, display, entries, total)
    if nothing_translated is not None:
        return nothing_translated.verdict(problems, extra)
    return _entry_by_entry(subject, display, entries, total, problems, extra, informing)


def _entry_by_entry(
    subject: Subject,
    display: str,
    entries: list[catalog.Entry],
    total: int,
    problems: list[Problem],
    extra: Sequence[Problem],
    informing: bool = True,
) -> Verdict:
    """``verdict`` of ``entries`` (of ``total`` messages, with ``problems`` found so far),
    each entry weighed on its own: the publishing rule as written (``informing``: see
    ``verdict``)."""
    policy, lang = subject.policy, subject.lang
    article = subject.source.article
    below: list[Problem] = []  # entries under their minimum: they block only under the coverage
    usable: dict[tuple[str | None, str], str] = {}
    judging = _EntryJudging(subject, display, informing)
    kinds = [block_kind(entry.comment) for entry in entries]
    keys = [entry.key for entry in entries]  # each made once, not for usable and again for the count
    for entry, kind, key in zip(entries, kinds, keys, strict=True):
        found, publishable_now = _entry_problems(judging, entry, kind)
        for problem in found:
            if problem.code in _BELOW and not problem.blocking:
                below.append(problem)
            else:
                problems.append(problem)
        if publishable_now:
            usable[key] = entry.msgstr
    publishable = sum(1 for key in keys if key in usable)
    if total and (not publishable or 100 * publishable < policy.coverage * total):
        problems.extend(_blocking(p) for p in below)
        if publishable and policy.coverage < 100:
            message = f"{100 * publishable // total}% may be published, below the coverage of {policy.coverage}%"
            problems.append(_article_problem("coverage", message, article.display, display, lang))
    else:
        problems.extend(below)
    if total and not publishable:
        problems.append(_nothing_publishable(article.display, display, lang))
    problems.extend(extra)
    ready = not any(p.blocking for p in problems)
    return Verdict(
        article=article.display,
        lang=lang,
        catalog=display,
        ready=ready,
        problems=tuple(problems),
        publishable=publishable,
        total=total,
        usable=tuple(usable.items()) if ready else (),
        headline=_headline(entries, kinds, usable),
        activity=_activity(entries, usable),
    )


# Where an untranslated entry is in its article and catalog, and what it holds, as
# its problem names them: the article's line, the catalog's line, the msgid and the
# block kind.
Place = tuple[int | None, int | None, str, str]


@dataclass(frozen=True)
class Untranslated:
    """A verdict on entries none of which is translated, worked out once for them all
    instead of entry by entry (``untranslated``): what is left of it is where each
    entry is. ``verdict`` makes it; the verdict cache writes its row straight from
    it (verdicts.py)."""

    article: str
    lang: str
    catalog: str
    total: int  # the article's messages
    places: list[Place]  # of each entry, in order
    headline: str
    activity: Activity

    def verdict(self, first: Sequence[Problem] = (), extra: Sequence[Problem] = ()) -> Verdict:
        """The verdict, with the problems ``verdict`` found before the entries' (``first``)
        and those its caller found (``extra``)."""
        article, lang, display = self.article, self.lang, self.catalog
        problems = list(first)
        problems.extend(untranslated_problem(article, display, lang, place) for place in self.places)
        problems.append(self.nothing_publishable())
        problems.extend(extra)
        return Verdict(
            article=article,
            lang=lang,
            catalog=display,
            ready=False,
            problems=tuple(problems),
            publishable=0,
            total=self.total,
            usable=(),
            headline=self.headline,
            activity=self.activity,
        )

    def nothing_publishable(self) -> Problem:
        """The problem of the article as a whole that follows its entries'."""
        return _nothing_publishable(self.article, self.catalog, self.lang)


def untranslated(subject: Subject, display: str, entries: Sequence[catalog.Entry], total: int) -> Untranslated | None:
    """The verdict on ``entries`` of ``subject``'s catalog (``display``; ``total``: the
    article's messages) when there are some, none is translated and each one's
    reference is to the article, as ``verdict`` reaches it (tests/test_publishing.py
    holds the two equal); None otherwise.

    Every catalog extract has just made is such, and every catalog of a project new
    to a language. An untranslated entry is never publishable and has nothing to
    check: its one problem is its state. Whether that blocks at once ([check] blocks
    "untranslated", for every kind alike) or only under the coverage, it ends up
    blocking, in the entries' order: nothing may be published, which is below any
    coverage and a problem of its own. So the verdict is blocked whatever the policy,
    and nothing is usable."""
    # An entry is untranslated exactly when it has no msgstr (po/states.py's first
    # rule): asked so, no state is looked up for each entry.
    if not entries or any(entry.msgstr for entry in entries):
        return None
    article = subject.source.article.display
    kinds = [block_kind(entry.comment) for entry in entries]
    places: list[Place] = []
    for entry, kind in zip(entries, kinds, strict=True):
        path, line = _reference(entry, article)
        if path != article:
            return None  # a reference edited to point elsewhere: left to the rule as written
        places.append((line, entry.line, entry.msgid, kind))
    return Untranslated(article, subject.lang, display, total, places, _headline(entries, kinds, {}), _activity(entries, {}))


def _nothing_publishable(article: str, display: str, lang: str) -> Problem:
    return _article_problem("coverage", f"nothing in it may be published in {lang} yet", article, display, lang)


def untranslated_problem(article: str, display: str, lang: str, place: Place) -> Problem:
    """The blocking problem of an untranslated entry at ``place`` in ``article`` and its
    catalog in ``lang`` (``display``), as a verdict on a catalog with nothing
    publishable has it (the verdict cache keeps such a problem by its place alone,
    verdicts.py)."""
    line, catalog_line, msgid, kind = place
    return _new_problem("untranslated", Severity.ERROR, True, untranslated_message(kind), article, line, display, catalog_line, lang, msgid, kind)


def untranslated_message(kind: str) -> str:
    """What an untranslated entry's problem says."""
    return f"{kind} is not translated"


def _entries_to_judge(
    subject: Subject, display: str, po: catalog.Catalog | None, keys: Sequence[tuple[str | None, str]] | None
) -> tuple[list[catalog.Entry], int, list[Problem]]:
    """The catalog's entries that belong to the article now, how many messages it has,
    and a problem when the catalog is missing or lacks some of them."""
    article, lang = subject.source.article, subject.lang
    problems: list[Problem] = []
    entries = list(po.live()) if po is not None else []
    total = len(entries)
    if po is None:
        if keys:
            message = f"{display} does not exist yet; run `l10n extract`"
            problems.append(_article_problem("out-of-date", message, article.display, display, lang))
        total = len(keys or ())
    elif keys is not None:
        total = len(keys)
        if [entry.key for entry in entries] == list(keys):
            # The catalog holds the article's messages and nothing else, in the
            # article's order: what extract writes, so every catalog of a project at
            # rest. Then no message is missing and no entry is left out (what
            # _entries_of_article would find), known from this one comparison.
            return entries, total, problems
        entries, missing = _entries_of_article(entries, keys)
        if missing:
            message = f"{display} is out of date with its article ({len(missing)} segments missing); run `l10n extract`"
            missing_problem = _article_problem("out-of-date", message, article.display, display, lang)
            problems.append(replace(missing_problem, blocking="out-of-date" in subject.policy.rules.block))
    return entries, total, problems


def _entries_of_article(
    entries: list[catalog.Entry], keys: Sequence[tuple[str | None, str]]
) -> tuple[list[catalog.Entry], list[tuple[str | None, str]]]:
    """The entries whose message the article has (``keys``), in the catalog's order,
    and the article's messages the catalog lacks."""
    present = {entry.key for entry in entries}
    missing = [key for key in keys if key not in present]
    wanted = set(keys)
    return [entry for entry in entries if entry.key in wanted], missing


_BELOW = ("untranslated", "machine", "translated")  # below a minimum: weighed against the coverage
_QA_LEVELS = {Severity.ERROR: "qa-error", Severity.WARNING: "qa-warning"}  # a notice never blocks


class _Standing:
    """What one policy says of the states entries are in: for each (state, block
    kind) pair, whether the state blocks and whether an entry in it may be
    published. Worked out once per pair met, and kept with the policy
    (``_standing_of``): the answers are pure functions of the two."""

    def __init__(self, policy: Policy) -> None:
        self.policy = policy
        self._said: dict[tuple[State, str], tuple[bool, bool]] = {}
        self._alike: dict[str, bool] = {}  # block kind -> translated_is_enough
        self._not_informing: frozenset[str] | None = None  # see not_run

    def of(self, state: State, kind: str) -> tuple[bool, bool]:
        """Whether ``state`` blocks an entry of ``kind``, and whether the entry may be published."""
        said = self._said.get((state, kind))
        if said is None:
            blocks = self.policy.rules.blocks_state(state, kind)
            said = self._said[state, kind] = (blocks, self.policy.publishable(state, kind) and not blocks)
        return said

    def not_run(self, informing: bool) -> frozenset[str]:
        """The ids of the QA checks a verdict runs of no entry: those the [check]
        rules ignore and, without ``informing`` (see ``verdict``), those whose
        findings never block under the policy (``_blocks``; a check's findings all
        have its severity).

        One set per policy: every entry that silences no check of its own skips
        this very set, whose hash the checks' cache of applicable checks then finds
        made (a union per entry made a new set to hash, for each entry judged)."""
        ignore = self.policy.rules.ignore
        if informing:
            return ignore
        if self._not_informing is None:
            from l10n.qa.checks import CHECKS  # asked once per policy, after a verdict has loaded them

            block = self.policy.rules.block
            self._not_informing = ignore | frozenset(
                check.id for check in CHECKS.values() if not _blocks(check.id, check.severity, block)
            )
        return self._not_informing

    def translated_is_enough(self, kind: str) -> bool:
        """Whether a translated entry of ``kind`` fares as a reviewed one does: neither
        state blocks it and both may be published (the minimum is "translated" and the
        [check] rules block neither)."""
        alike = self._alike.get(kind)
        if alike is None:
            alike = self._alike[kind] = self.of(State.TRANSLATED, kind) == self.of(State.REVIEWED, kind) == (False, True)
        return alike


@cache
def _standing_of(policy: Policy) -> _Standing:
    """The policy's ``_Standing``, one per policy a run meets, not one per verdict.

    Safe to share: its answers are pure functions of the policy (a frozen value,
    compared by its fields, so an equal policy may be given the answers of one met
    before) and of the pair. The catalogs of a language meet the same few pairs:
    made per verdict, each of the bench's catalogs asked the rules again for its
    seven. A run has a handful of policies, each with a few pairs
    (tests/test_publishing.py holds the answers to the rules' own).
    """
    return _Standing(policy)


class _EntryJudging:
    """What judging the entries of one verdict needs, worked out once for them all
    rather than for each entry: the verdict's subject, its catalog as reports show it
    (``display``), what its policy says of states (``standing``), the QA checks
    module, whether the findings that only inform are wanted (``informing``: see
    ``verdict``), the checks no entry runs (``not_run``) and whether the article is
    Markdown."""

    def __init__(self, subject: Subject, display: str, informing: bool) -> None:
        # On first need (see the module's docstring): once per verdict, not per
        # entry, since the statement takes 1 us even with the module loaded.
        from l10n.qa import checks

        self.subject = subject
        self.display = display
        self.standing = _standing_of(subject.policy)
        self.checks: ModuleType = checks
        self.informing = informing
        self.not_run = self.standing.not_run(informing)
        self.markdown = subject.source.markdown


def _entry_problems(judging: _EntryJudging, entry: catalog.Entry, kind: str) -> tuple[list[Problem], bool]:
    """One entry's problems, and whether its translation may be published (``kind``:
    its block kind; ``judging``: what every entry of the verdict is judged with).
    """
    subject, standing, checks = judging.subject, judging.standing, judging.checks
    policy, lang = subject.policy, subject.lang
    found: list[Problem] = []
    where: tuple[Any, ...] = ()  # a problem's fields from path on, made for the first problem
    if entry.msgstr and not entry.fuzzy and standing.translated_is_enough(kind):
        # A translation that is not fuzzy is translated or reviewed (po/states.py), and
        # for this kind the policy says the same of both: no problem of its state, and it
        # may be published. Which of the two it is changes nothing in the verdict, so its
        # state is not worked out: that checks its reviewed mark, a hash of its texts, for
        # every reviewed entry (the verdict's activity reads the marks, not the state,
        # of such an entry). tests/test_publishing.py holds the verdict to the one
        # reached from every entry's state.
        publishable = True
    else:
        state = entry.state
        blocks_state, publishable = standing.of(state, kind)
        if not publishable:
            blocking = blocks_state or state in (State.STALE, State.REJECTED)
            where = _where(subject, judging.display, entry, kind)
            found.append(_new_problem(state.value, Severity.ERROR, blocking, _state_message(entry, kind, policy), *where))
        if not entry.msgstr or state is State.STALE:
            return found, False  # a stale translation belongs to the old source: comparing it says nothing
        if not publishable and not judging.informing:
            return found, False  # none of its findings could block (see below): they only inform
    # The checks not run (judging.not_run) are those the [check] rules ignore and,
    # without informing, those whose findings never block below and never make the
    # translation unpublishable (only a safety error does, and it blocks): not
    # running them leaves the decision as it is.
    unit, skip = checks.catalog_entry(
        entry.msgid, entry.msgstr, lang, comment=entry.comment, tcomment=entry.tcomment, ignore=judging.not_run, kind=kind
    )
    # The format first (known once per article): may_change_structure searches the whole translation.
    if judging.markdown and checks.may_change_structure(unit):
        text, segments = subject.source.segments_for(lang, (entry.msgctxt, entry.msgid))
        unit = checks.Entry(unit.source, unit.target, unit.source_lang, unit.target_lang, kind, text, segments)
    for finding in checks.run(unit, glossary=subject.glossary, skip=skip):
        unsafe = finding.severity is Severity.ERROR and finding.check in SAFETY_CHECKS
        # A translation that is not published (a draft, a rejected text): its findings inform, never block.
        blocking = publishable and _blocks(finding.check, finding.severity, policy.rules.block)
        where = where or _where(subject, judging.display, entry, kind)
        found.append(_new_problem(finding.check, finding.severity, blocking, finding.message, *where))
        if unsafe:
            publishable = False
    return found, publishable


def _blocks(check: str, severity: Severity, block: frozenset[str]) -> bool:
    """Whether a finding of ``check`` with ``severity`` blocks the article when the
    translation it is about may be published (``block``: the [check] block list): its
    level is blocked, or it is a safety error (see SAFETY_CHECKS)."""
    level = _QA_LEVELS.get(severity, "")
    return (bool(level) and level in block) or (severity is Severity.ERROR and check in SAFETY_CHECKS)


# A Problem from its fields in order, without its __init__: a verdict makes one per
# entry below its minimum, most of a fresh catalog's entries (see frozen.maker_of).
_new_problem = maker_of(Problem, tuple(f.name for f in fields(Problem)))


def _where(subject: Subject, display: str, entry: catalog.Entry, kind: str) -> tuple[Any, ...]:
    """The fields of an entry's problems from ``path`` on, in Problem's order: where
    the entry sits in the article and in its catalog, and what it is."""
    path, line = _reference(entry, subject.source.article.display)
    return (path, line, display, entry.line, subject.lang, entry.msgid, kind)


def _blocking(problem: Problem) -> Problem:
    """``replace(problem, blocking=True)``, for the entries below their minimum when
    the coverage is not reached (every entry of a catalog nobody has translated yet),
    made by ``frozen.replacer_of``."""
    return _replaced_problem(problem, blocking=True)


_replaced_problem = replacer_of(Problem)


def _article_problem(code: str, message: str, article: str, display: str, lang: str) -> Problem:
    """A blocking problem of the article as a whole in one language, not of one entry."""
    return Problem(code=code, severity=Severity.ERROR, blocking=True, message=message, path=article, catalog=display, lang=lang)


def _reference(entry: catalog.Entry, fallback: str) -> tuple[str, int | None]:
    """Where the entry's first reference points: ``entry.occurrences[0]``, its line a
    number (None when it has none), read without reading the others."""
    if not entry.references:
        return fallback, None
    reference = entry.references[0]
    name, colon, line = reference.rpartition(":")
    return (name, int(line)) if colon and line.isdigit() else (reference, None)


def _state_message(entry: catalog.Entry, kind: str, policy: Policy) -> str:
    state = entry.state
    if state is State.UNTRANSLATED:  # first: most of the problems a fresh catalog has
        return untranslated_message(kind)
    if state is State.REJECTED:
        from l10n.po.states import rejected_by_reviewer  # on first need: see judge_article

        if rejected_by_reviewer(entry.msgctxt, entry.msgid, entry.msgstr, entry.tcomment):
            return f"{kind} was sent back by a reviewer"
        return f"{kind} is marked fuzzy (needs work) by a translator"
    if state is State.TRANSLATED:
        return f"{kind} is not reviewed yet (publishing needs {kind} reviewed)"
    if state is State.MACHINE:
        allowed = " (publishing machine drafts is not allowed)" if not policy.allow_machine else ""
        return f"{kind} is a machine draft nobody has reviewed{allowed}"
    if state is State.STALE:
        return f"{kind} changed since it was translated; update the translation"
    return f"{kind} is reviewed"  # only when [check] rules block reviewed text: never by default


def _headline(entries: Sequence[catalog.Entry], kinds: Sequence[str], usable: dict) -> str:
    """The article's title (``kinds``: each entry's block kind): its published
    translation, else its source text."""
    for wanted in ("front-matter:title", "heading"):
        if wanted in kinds:
            entry = entries[kinds.index(wanted)]
            return usable.get(entry.key) or entry.msgid
    return ""


def _activity(entries: Sequence[catalog.Entry], usable: dict) -> Activity:
    # Once per verdict, on first need: status and check with every verdict kept never
    # load the module (it loads hashlib).
    from l10n.po.states import dated_marks

    reviewers: dict[str, str] = {}
    rejections = []
    machine = set()
    last = ""
    for entry in entries:
        if not entry.tcomment:
            continue  # no marks, no activity: most entries of a catalog nobody has worked on
        if not entry.fuzzy:
            # Translated or reviewed: only a fuzzy entry is rejected or a machine draft
            # (po/states.py), so only the marks' kinds, dates and reviewers count here,
            # read without making the marks (most entries' state is not asked either).
            for kind, date, who in dated_marks(entry.tcomment):
                if date > last:
                    last = date
                if kind == "reviewed" and who and date > reviewers.get(who, ""):
                    reviewers[who] = date
            continue
        marks = entry.marks  # parsed once, for its state too
        for mark in marks:
            last = max(last, mark.date)
            if mark.kind == "reviewed" and mark.who:
                reviewers[mark.who] = max(reviewers.get(mark.who, ""), mark.date)
        state = entry.state
        if state is State.REJECTED:
            for mark in marks:
                if mark.kind == "rejected":
                    rejections.append((mark.who or "", mark.date, mark.note or ""))
        if state is State.MACHINE and entry.key in usable:
            for mark in marks:
                if mark.kind in ("machine", "memory"):
                    machine.add((mark.provider or mark.kind, mark.date))
    ordered = tuple(sorted(reviewers.items(), key=lambda pair: (pair[1], pair[0]), reverse=True))
    return Activity(ordered, last, tuple(rejections), tuple(sorted(machine)))


# --------------------------------------------------------------------------- one article, every language


@dataclass(frozen=True)
class Judged:
    """One article in one language as status and check see it: its catalog (None when
    there is none) and its verdict (None when the article has nothing for the language)."""

    lang: str
    display: str  # the catalog's path, as reports show it
    po: catalog.Catalog | None  # None also when the verdict was kept from an earlier run (verdicts.py)
    verdict: Verdict | None
    entries: int = 0  # the catalog's live entries
    tally: Tally | None = None  # the catalog's counts, when kept (status counts them from ``po`` otherwise)


@dataclass(frozen=True)
class Judging:
    """What judging the project's articles needs, read once per run and handed to
    every worker: the settings, the glossary, the languages and whether to compare
    catalogs with their articles."""

    config: Config
    settings: PublishSettings
    glossary: Glossary | None  # None: left unread, for a run that judges nothing afresh
    langs: tuple[str, ...]
    compare: bool  # extract's last run did not leave the tree as it is


def judging(
    config: Config,
    langs: Sequence[str],
    *,
    settings: PublishSettings | None = None,
    up_to_date: bool | None = None,
    read_glossary: bool = True,
) -> Judging:
    """A run's ``Judging`` of ``langs`` (target languages, checked by the caller).

    ``settings`` and ``up_to_date`` (whether extract's last run left every article and
    catalog as they are) when the caller has learnt them already; else read here.
    Without ``read_glossary`` (a run that found every verdict kept) the glossary, its
    module and its files are left unread, and ``judge_article`` refuses the result."""
    if up_to_date is None:
        up_to_date = staleness.catalogs_up_to_date(config)
    return Judging(
        config,
        publish_settings(config) if settings is None else settings,
        workspace.project_glossary(config) if read_glossary else None,
        tuple(langs),
        not up_to_date,
    )


def lazy_articles(judging: Judging, articles: Iterable[workspace.Article]) -> Iterator[LazyArticle]:
    """The articles to judge, each with its row of extract's parse cache when the
    catalogs are to be compared with their articles (which parses them)."""
    if not judging.compare:
        yield from (LazyArticle(judging.config, article) for article in articles)
        return
    parse_cache = rerun.open_parse_cache(judging.config, read_only=True)
    try:
        for article in articles:
            yield LazyArticle(judging.config, article, parsed_row=parse_cache.get_text(article.display))
    finally:
        parse_cache.close()


def judge_article(judging: Judging, source: LazyArticle) -> list[Judged]:
    """The article's verdict in each language, read the way check and status read it.

    Each catalog is read once. With ``compare`` each is also compared with what
    extract would write, and one that is out of date is a reason; the article is
    parsed at most once for all of that.
    """
    # The PO reader loads here, on first need: a status or check that finds every
    # verdict kept (verdicts.py) reads no catalog, and importing it is 8 ms of such a run.
    from l10n.po import catalog

    config, glossary = judging.config, judging.glossary
    if glossary is None:
        raise ValueError("this Judging was made without the glossary: it serves kept verdicts only")
    judged = []
    for lang in judging.langs:
        article = source.article
        path = workspace.catalog_path(config, article, lang)
        display = workspace.catalog_display(config, article, lang)
        policy = judging.settings.for_lang(lang)
        po = catalog.read_catalog(path, display) if path.exists() else None
        extra = []
        if judging.compare:
            change, _, _ = staleness.catalog_change(config, source.parsed(), lang, path, glossary, po)
            if change is not None and change.action in ("created", "updated"):
                verb = "does not exist yet" if change.action == "created" else "is out of date with its article"
                message = f"{change.path} {verb}; run `l10n extract`"
                problem = _article_problem("out-of-date", message, change.article, change.path, lang)
                extra.append(replace(problem, blocking="out-of-date" in policy.rules.block))
        if po is None and not extra:
            judged.append(Judged(lang, display, None, None))  # nothing known to translate into it
            continue
        subject = Subject(config, policy, glossary, source, lang)
        entries = sum(1 for _ in po.live()) if po is not None else 0
        judged.append(Judged(lang, display, po, verdict(subject, po, extra=extra), entries=entries))
    return judged
