"""The ``[check]`` settings: what blocks publishing, per project and per language.

``check_settings(config)`` reads and validates the ``[check]`` table; ``Rules``
says, for one language, which entry states and QA findings block. The publishing
policy (publishing.py) applies them to every entry; review's advice (review.py) uses
them to hide what ``l10n check`` would not report either::

    [check]
    # What blocks publishing on top of the [publish] policy (publishing.py).
    # Default: the four below. Also possible: "untranslated" (every untranslated
    # entry, whatever the coverage), "machine" (every unreviewed machine draft),
    # "translated" (everything not yet reviewed) and "qa-warning".
    block = ["stale", "rejected", "qa-error", "out-of-date"]
    # Block kinds (the #. comment of an entry) whose machine drafts block until
    # a person edits or reviews them; "*" means every kind.
    require_human = ["front-matter:title", "heading"]
    # QA checks switched off for the whole project (ids: `l10n check --list`).
    ignore = ["length-ratio"]

    # Per language: any of the three keys above, replacing the project-wide value.
    [check.languages.en]
    require_human = ["*"]

Environment: ``L10N_CHECK_BLOCK``, ``L10N_CHECK_REQUIRE_HUMAN``,
``L10N_CHECK_IGNORE`` (comma-separated) override the file.

Settings only: it reads the configuration it is given, never a catalog, an
article or any other file, and never prints. It imports no use case.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from l10n.app.config import Config, line_in_table, section, table_line
from l10n.errors import L10nError
from l10n.model import State
from l10n.text import locales

# Codes of problems that are not QA findings: an entry's state, a stale catalog.
STATE_CODES = {
    "untranslated": "the entry has no translation",
    "machine": "a machine draft nobody has edited or reviewed",
    "stale": "the source changed after it was translated",
    "rejected": "a reviewer sent the translation back",
    "translated": "translated but not yet reviewed",
    "out-of-date": "the catalog is out of date with its article (run `l10n extract`)",
}
BLOCKABLE = (*STATE_CODES, "qa-error", "qa-warning")
# Untranslated entries are the [publish] policy's to weigh (publishing.py: minimum
# states and coverage); listing "untranslated" here blocks on each one whatever it says.
DEFAULT_BLOCK = ("stale", "rejected", "qa-error", "out-of-date")
ALL_KINDS = "*"

_KEYS: dict[str, type] = {"block": list, "require_human": list, "ignore": list, "languages": dict}
_LANGUAGE_KEYS = ("block", "require_human", "ignore")


@dataclass(frozen=True)
class Rules:
    """What blocks publishing in one language."""

    block: frozenset[str] = frozenset(DEFAULT_BLOCK)
    require_human: frozenset[str] = frozenset()
    ignore: frozenset[str] = frozenset()

    def blocks_state(self, state: State, kind: str) -> bool:
        if state.value in self.block:
            return True
        return state is State.MACHINE and (ALL_KINDS in self.require_human or kind in self.require_human)


@dataclass(frozen=True)
class CheckSettings:
    """The ``[check]`` table, checked: project-wide rules and per-language ones."""

    rules: Rules = field(default_factory=Rules)
    languages: tuple[tuple[str, Rules], ...] = ()

    def for_lang(self, lang: str) -> Rules:
        return dict(self.languages).get(lang, self.rules)


def check_settings(config: Config) -> CheckSettings:
    """Read and validate ``[check]``; unknown keys, states or check ids name the line."""
    table = section(config, "check", _KEYS)
    base = _rules(config, table, Rules(), "check", _keys_from_file(config, table))
    languages = [
        (lang, _rules(config, value, base, f"check.languages.{lang}", set(value)))
        for lang, value in language_tables(config, "check", table.get("languages", {}), _LANGUAGE_KEYS)
    ]
    return CheckSettings(base, tuple(languages))


def language_tables(config: Config, name: str, tables: dict, keys: tuple[str, ...]) -> list[tuple[str, dict]]:
    """The ``[<name>.languages.<lang>]`` tables, by normalised language, checked: each
    names one of the project's languages and only ``keys``."""
    found = []
    for code, value in sorted(tables.items()):
        table = f"{name}.languages.{code}"
        line = config_line(config, table)
        lang = locales.normalise(code, path=config.source, line=line)
        if lang not in config.languages:
            raise L10nError(
                f"[{table}]: {lang} is not one of the project's languages",
                path=config.source,
                line=line,
                hint="languages: " + ", ".join(config.languages),
            )
        if not isinstance(value, dict):
            raise L10nError(f"[{table}] must be a table", path=config.source, line=line)
        for key in value:
            if key not in keys:
                raise L10nError(
                    f"unknown setting {key!r} in [{table}]",
                    path=config.source,
                    line=config_line(config, table, key),
                    hint="known keys: " + ", ".join(keys),
                )
        found.append((lang, value))
    return found


def _rules(config: Config, table: dict, default: Rules, name: str, in_file: set[str]) -> Rules:
    values = {}
    for key, what in (("block", "what can block"), ("ignore", "check ids"), ("require_human", None)):
        if key not in table:
            continue
        known = _known_values(key)
        items = table[key]
        line = config_line(config, name, key) if key in in_file else None
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise L10nError(f"[{name}] {key} must be a list of strings", path=config.source, line=line)
        for item in items:
            if known is not None and item not in known:
                raise L10nError(
                    f"[{name}] {key}: unknown value {item!r}",
                    path=config.source,
                    line=line,
                    hint=f"{what}: " + ", ".join(known),
                )
        values[key] = frozenset(items)
    return Rules(
        block=values.get("block", default.block),
        require_human=values.get("require_human", default.require_human),
        ignore=values.get("ignore", default.ignore),
    )


def _known_values(key: str) -> tuple[str, ...] | None:
    """What a ``[check]`` list may hold, None for anything (field kinds)."""
    if key == "block":
        return BLOCKABLE
    if key == "ignore":
        # Imported only here: a run that judges nothing (status and check reading kept
        # verdicts) never needs the checks, and importing them compiles their patterns.
        from l10n.qa import checks

        return tuple(checks.CHECKS)
    return None


def _keys_from_file(config: Config, table: dict) -> set[str]:
    """The keys of ``[check]`` whose value is the file's, not an L10N_CHECK_* variable's
    (a variable's value is on no line of the file)."""
    written = dict(dict(config.sections).get("check", ()))
    return {key for key, value in table.items() if written.get(key) == value}


def config_line(config: Config, table: str, key: str | None = None) -> int | None:
    """The line that sets ``key`` in ``[table]``, or that opens the table without a key.

    A table written inside its parent (``languages.de = {...}`` in ``[check]``) has
    no line of its own: then the line that names it in the parent.
    """
    text = config.file_text
    line = line_in_table(table, key, text) if key else table_line(table, text)
    if line is None and "." in table:
        parent, _, child = table.rpartition(".")
        return config_line(config, parent, child)
    return line
