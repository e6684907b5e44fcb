"""Renderers for ``l10n check``: a report in, a string out.

``check_text`` (``path:line: code: message`` lines and a summary), ``check_json``,
``check_github`` (workflow command annotations), ``check_junit`` (JUnit XML),
``check_sarif`` (SARIF 2.1.0), and ``rules_text`` for ``l10n check --list``.

JSON of ``l10n check --format json`` (``schema_version`` 1; fields are only ever
added, a change of meaning bumps the version)::

    {"schema_version": 1, "passed": false, "entries": 27, "catalogs": ["locales/..."],
     "summary": {"blocking": n, "errors": n, "warnings": n},
     "problems": [{"code": "numbers", "severity": "error", "blocking": true,
                   "message": "...", "path": "content/a.md", "line": 12,
                   "catalog": "locales/en/a.md.po", "catalog_line": 40, "lang": "en",
                   "msgid": "...", "field": "paragraph"}],
     "verdicts": [{"article": "content/a.md", "lang": "en", "catalog": "locales/en/a.md.po",
                   "verdict": "blocked", "publishable": 3, "entries": 9,
                   "reasons": ["front-matter:title is not reviewed yet ... (content/a.md:2)"]}]}

When the check could not run (exit 2) ``passed`` is null and ``error`` holds
``message``, ``path``, ``line`` and ``hint``.

Pure: no files, no printing.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from l10n import PROJECT_URL, __version__
from l10n.app.check import CheckReport, Problem, Rule
from l10n.cli.console import COMPACT_JSON, counted, json_records
from l10n.errors import L10nError
from l10n.qa.findings import Severity

SCHEMA_VERSION = 1
# SARIF's tool.driver.informationUri: where a reader of a report learns what the tool is.
INFORMATION_URI = PROJECT_URL


def check_text(report: CheckReport) -> str:
    """``content/a.md:12: numbers: message (locales/en/a.md.po:40)``, then a summary."""
    lines = []
    for problem in report.problems:
        level = "" if problem.blocking else "notice: " if problem.severity is Severity.NOTICE else "warning: "
        po = f" ({problem.catalog}:{problem.catalog_line})" if problem.catalog and problem.catalog_line else ""
        lines.append(f"{_where(problem)}: {level}{problem.code}: {problem.message}{po}")
    for verdict in report.verdicts:
        if not verdict.ready:
            lines.append(f"blocked: {verdict.article} in {verdict.lang}")
            lines.extend(f"  {reason}" for reason in verdict.in_words())
    lines.append(_summary(report))
    return "\n".join(lines) + "\n"


def _where(problem: Problem) -> str:
    return f"{problem.path}:{problem.line}" if problem.line else problem.path


def _summary(report: CheckReport) -> str:
    blocking = len(report.blocking)
    others = len(report.problems) - blocking
    verdict = "passed" if report.passed else "failed"
    return (
        f"check {verdict}: {blocking} blocking, {others} other {'finding' if others == 1 else 'findings'} "
        f"in {counted(len(report.catalogs), 'catalog')} ({counted(report.entries, 'entry')})"
    )


def check_json(report: CheckReport) -> str:
    data = {
        "schema_version": SCHEMA_VERSION,
        "passed": report.passed,
        "entries": report.entries,
        "catalogs": list(report.catalogs),
        "summary": {
            "blocking": len(report.blocking),
            "errors": sum(1 for p in report.problems if p.severity is Severity.ERROR),
            "warnings": sum(1 for p in report.problems if p.severity is Severity.WARNING),
            "notices": sum(1 for p in report.problems if p.severity is Severity.NOTICE),
        },
        "problems": _problem_records(report.problems),
        "verdicts": [
            {
                "article": v.article,
                "lang": v.lang,
                "catalog": v.catalog,
                "verdict": v.state,
                "publishable": v.publishable,
                "entries": v.total,
                "reasons": v.in_words(),
            }
            for v in report.verdicts
        ],
    }
    return json_records(data)


# The keys of a problem's record in the JSON report, in their order: Problem's fields.
PROBLEM_KEYS = ("code", "severity", "blocking", "message", "path", "line", "catalog", "catalog_line", "lang", "msgid", "field")


def _problem_record(p: Problem) -> dict[str, Any]:
    return {
        "code": p.code,
        "severity": p.severity.value,
        "blocking": p.blocking,
        "message": p.message,
        "path": p.path,
        "line": p.line,
        "catalog": p.catalog,
        "catalog_line": p.catalog_line,
        "lang": p.lang,
        "msgid": p.msgid,
        "field": p.field,
    }


def _problem_records(problems: Sequence[Problem]) -> list[dict[str, Any]]:
    """Each problem's record, as ``_problem_record`` makes it, in half the time: a
    problem's ``__dict__`` holds its fields' values under their names, in the order it
    stored them, so a copy of it is the record itself but for the severity (its value
    is written in place, which keeps the key's position) whenever its keys are
    ``PROBLEM_KEYS`` in that order, as they are for every Problem made by its
    ``__init__`` (or ``frozen.maker_of``). Checked for each problem; any other is
    made by ``_problem_record``."""
    records = []
    for problem in problems:
        record = problem.__dict__.copy()
        if tuple(record) == PROBLEM_KEYS:
            record["severity"] = problem.severity.value
        else:
            record = _problem_record(problem)
        records.append(record)
    return records


# GitHub shows 10 annotations of each kind (error, warning, notice) per step and
# silently drops the rest; a whole project's first check has thousands.
ANNOTATIONS_PER_KIND = 10
_KIND_WORDS = {"error": "blocking problems", "warning": "warnings", "notice": "notices"}


def check_github(report: CheckReport, *, per_kind: int = ANNOTATIONS_PER_KIND) -> str:
    """GitHub Actions workflow commands: one annotation per article, language and kind
    of problem, on its first line. Files are named from the repository root.

    GitHub shows only ``per_kind`` annotations of each kind per step: past that, the
    groups are plain log lines, and the last annotation of the kind says how many
    were not annotated (the json, sarif and junit reports hold every entry).
    """
    annotations: list[str] = []
    plain: list[str] = []
    left_out: Counter[str] = Counter()
    shown: Counter[str] = Counter()
    groups = _groups(report.problems)
    totals = Counter(_gh_kind(group[0]) for group in groups)
    for group in groups:
        p = group[0]
        kind = _gh_kind(p)
        message = p.message + (f" [{p.catalog}:{p.catalog_line}]" if p.catalog and p.catalog_line else "")
        if len(group) > 1:
            what = f"{p.field} " if p.field else ""
            message = f"{len(group)} {what}entries: {p.code}, e.g. {message}{_other_lines(group)}"
        title = f"l10n {p.code} ({p.lang})" if p.lang else f"l10n {p.code}"
        # The last place of a kind goes to the note about the others, when there are others.
        room = per_kind if totals[kind] <= per_kind else per_kind - 1
        if shown[kind] < room:
            shown[kind] += 1
            props = [f"file={_gh_property(report.repository_prefix + p.path)}"]
            if p.line:
                props.append(f"line={p.line}")
            props.append(f"title={_gh_property(title)}")
            annotations.append(f"::{kind} {','.join(props)}::{_gh_data(message)}")
        else:
            left_out[kind] += 1
            where = f"{report.repository_prefix}{p.path}" + (f":{p.line}" if p.line else "")
            plain.append(f"{where}: {title}: {message}")
    for kind, count in left_out.items():
        text = (
            f"{count} more {_KIND_WORDS[kind]} (grouped by article and check) are listed in this step's log, "
            f"not annotated: GitHub shows {per_kind} annotations of each kind per step"
        )
        annotations.append(f"::{kind} title={_gh_property('l10n check')}::{_gh_data(text)}")
    return "\n".join([*annotations, *plain, _summary(report)]) + "\n"


def _gh_kind(problem: Problem) -> str:
    return "error" if problem.blocking else "notice" if problem.severity is Severity.NOTICE else "warning"


def _groups(problems: Sequence[Problem]) -> list[list[Problem]]:
    """Problems of one article and language that say the same thing, in order of first appearance."""
    groups: dict[tuple, list[Problem]] = {}
    for p in problems:
        groups.setdefault((p.path, p.lang, p.code, p.field, p.blocking, p.severity), []).append(p)
    return list(groups.values())


def _other_lines(group: Sequence[Problem], shown: int = 10) -> str:
    lines = sorted({p.line for p in group if p.line})
    if not lines:
        return ""
    more = f" and {len(lines) - shown} more" if len(lines) > shown else ""
    return f" ({'line' if len(lines) == 1 else 'lines'} {', '.join(map(str, lines[:shown]))}{more})"


def _gh_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_property(text: str) -> str:
    return _gh_data(text).replace(":", "%3A").replace(",", "%2C")


def check_junit(report: CheckReport) -> str:
    """JUnit XML: one test case per catalog (plus one for the project), failing on blocking problems."""
    import xml.etree.ElementTree as ET  # on first need: the other formats are most runs

    by_catalog: dict[str, list[Problem]] = {name: [] for name in report.catalogs}
    project_problems: list[Problem] = []
    for problem in report.problems:
        if problem.catalog in by_catalog:
            by_catalog[problem.catalog].append(problem)
        else:
            project_problems.append(problem)
    cases = [(name, by_catalog[name]) for name in report.catalogs]
    cases.append(("catalogs up to date", project_problems))
    failures = sum(1 for _, problems in cases if any(p.blocking for p in problems))
    seconds = f"{report.seconds:.3f}"
    suites = ET.Element("testsuites", name="l10n check", tests=str(len(cases)), failures=str(failures), time=seconds)
    suite = ET.SubElement(
        suites, "testsuite", name="l10n check", tests=str(len(cases)), failures=str(failures), errors="0", time=seconds
    )
    for name, problems in cases:
        case = ET.SubElement(suite, "testcase", classname="l10n", name=name)
        blocking = [p for p in problems if p.blocking]
        if blocking:
            failure = ET.SubElement(case, "failure", message=f"{len(blocking)} blocking problems", type=blocking[0].code)
            failure.text = "\n".join(f"{_where(p)}: {p.code}: {p.message}" for p in blocking)
        others = [p for p in problems if not p.blocking]
        if others:
            out = ET.SubElement(case, "system-out")
            out.text = "\n".join(f"{_where(p)}: warning: {p.code}: {p.message}" for p in others)
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


# GitHub code scanning rejects a SARIF run of more than 25,000 results outright (and
# shows the 5,000 most severe); a large newsroom's first check easily has more.
SARIF_MAX_RESULTS = 25_000
_SARIF_RANK = {"error": 0, "warning": 1, "note": 2}


def check_sarif(report: CheckReport, *, max_results: int = SARIF_MAX_RESULTS) -> str:
    """SARIF 2.1.0: rules are the check ids and state codes, results point at articles.

    At most ``max_results`` results: past that, blocking ones are kept first, then
    warnings, then notes (each in the report's order), and the run's invocation
    says how many were left out and where the whole list is.
    """
    rules = report.rules  # built on each access
    index = {rule.id: number for number, rule in enumerate(rules)}
    results = []
    prefix = report.repository_prefix
    for p in report.problems:
        location = _sarif_location(prefix + p.path, p.line)
        result: dict[str, Any] = {
            "ruleId": p.code,
            "level": "error" if p.blocking else "note" if p.severity is Severity.NOTICE else "warning",
            "message": {"text": p.message},
            "locations": [{"physicalLocation": location}],
        }
        if p.code in index:
            result["ruleIndex"] = index[p.code]
        if p.catalog:
            catalog_location = _sarif_location(prefix + p.catalog, p.catalog_line)
            result["relatedLocations"] = [{"id": 1, "physicalLocation": catalog_location, "message": {"text": "catalog entry"}}]
        results.append(result)
    run: dict[str, Any] = {"tool": {"driver": _sarif_driver(rules)}}
    omitted = len(results) - max_results
    if omitted > 0:
        by_rank = sorted(range(len(results)), key=lambda number: (_SARIF_RANK[results[number]["level"]], number))
        results = [results[number] for number in sorted(by_rank[:max_results])]
        text = (
            f"{omitted:,} of {omitted + max_results:,} results left out: code scanning takes at most "
            f"{max_results:,} per run (the most severe are kept); `l10n check --format json` lists them all"
        )
        notification = {"level": "warning", "message": {"text": text}}
        run["invocations"] = [{"executionSuccessful": True, "toolExecutionNotifications": [notification]}]
        run["properties"] = {"omittedResults": omitted}
    run["results"] = results
    return _sarif_text(run)


def _sarif_text(run: dict[str, Any]) -> str:
    """A one-run SARIF log, one result per line (a report, or a check that could not run).

    ``json.dumps(indent=2)`` encodes in Python, not C: on 4,000 articles (39,000
    results) it took 1.8 s and 440 MB; the same JSON a line per result takes a
    fraction of both, and still diffs and greps a result at a time.
    """
    head = {key: value for key, value in run.items() if key != "results"}
    lines = [
        "{",
        '  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",',
        '  "version": "2.1.0",',
        '  "runs": [',
        "    {",
        *(f"      {COMPACT_JSON(key)}: {COMPACT_JSON(value)}," for key, value in head.items()),
    ]
    results = run["results"]
    if results:
        lines.append('      "results": [')
        lines.append(",\n".join(f"        {COMPACT_JSON(result)}" for result in results))
        lines.append("      ]")
    else:
        lines.append('      "results": []')
    lines += ["    }", "  ]", "}", ""]
    return "\n".join(lines)


def _sarif_driver(rules: Sequence[Rule]) -> dict[str, Any]:
    return {
        "name": "l10n",
        "version": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [_sarif_rule(rule) for rule in rules],
    }


def _sarif_location(path: str, line: int | None) -> dict[str, Any]:
    """A file from the repository root, percent-encoded as a URI reference (Hangul,
    spaces, ``#`` and ``%`` in names), at its line, or at its first line when the
    problem is the whole file's (code scanning places a result only with a region)."""
    return {"artifactLocation": {"uri": quote(path, safe="/")}, "region": {"startLine": line or 1}}


def _sarif_rule(rule: Rule) -> dict:
    return {
        "id": rule.id,
        "shortDescription": {"text": rule.description},
        "defaultConfiguration": {"level": "note" if rule.severity is Severity.NOTICE else rule.severity.value},
    }


def rules_text(rules: Sequence[Rule]) -> str:
    """``l10n check --list``: id, severity and description, one per line."""
    width = max(len(rule.id) for rule in rules)
    return "".join(f"{rule.id.ljust(width)}  {rule.severity.value:<7}  {rule.description}\n" for rule in rules)


# --------------------------------------------------------------------------- when the check could not run


def _error_fields(error: L10nError) -> dict[str, Any]:
    return {"message": error.message, "path": error.path, "line": error.line, "hint": error.hint}


def error_json(error: L10nError, rules: Sequence[Rule]) -> str:
    """The JSON report of a check that could not run: ``passed`` is null, ``error`` says why."""
    data: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "passed": None,
        "error": _error_fields(error),
        "entries": 0,
        "catalogs": [],
        "summary": {"blocking": 0, "errors": 0, "warnings": 0},
        "problems": [],
        "verdicts": [],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def error_github(error: L10nError, rules: Sequence[Rule]) -> str:
    props = [f"file={_gh_property(error.path)}"] if error.path else []
    if error.path and error.line:
        props.append(f"line={error.line}")
    props.append(f"title={_gh_property('l10n check could not run')}")
    hint = f" (hint: {error.hint})" if error.hint else ""
    return f"::error {','.join(props)}::{_gh_data(error.message + hint)}\ncheck could not run\n"


def error_junit(error: L10nError, rules: Sequence[Rule]) -> str:
    """JUnit XML with one errored test case: the check did not run, so nothing passed or failed."""
    import xml.etree.ElementTree as ET  # on first need, as in check_junit

    suites = ET.Element("testsuites", name="l10n check", tests="1", failures="0", errors="1", time="0")
    suite = ET.SubElement(suites, "testsuite", name="l10n check", tests="1", failures="0", errors="1", time="0")
    case = ET.SubElement(suite, "testcase", classname="l10n", name="l10n check runs")
    element = ET.SubElement(case, "error", message=str(error), type="l10n-error")
    element.text = str(error) + (f"\nhint: {error.hint}" if error.hint else "")
    ET.indent(suites)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suites, encoding="unicode") + "\n"


def error_sarif(error: L10nError, rules: Sequence[Rule]) -> str:
    """SARIF 2.1.0 whose invocation did not succeed, with the error as a notification."""
    notification: dict[str, Any] = {"level": "error", "message": {"text": str(error)}}
    if error.path:
        notification["locations"] = [{"physicalLocation": _sarif_location(error.path, error.line)}]
    run = {
        "tool": {"driver": _sarif_driver(rules)},
        "invocations": [{"executionSuccessful": False, "toolExecutionNotifications": [notification]}],
        "results": [],
    }
    return _sarif_text(run)
