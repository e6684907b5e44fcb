"""Renderers for ``l10n status``: a report in, a string out.

``status_text`` (a terminal table, ANSI colours when asked), ``status_json``,
``status_markdown`` (a pull request comment), ``status_html`` (one self-contained
page: inline CSS and JavaScript, no network).

JSON schema of ``l10n status --format json`` (``schema_version`` 2; fields are only
ever added, a change of meaning bumps the version; 2 added the verdicts)::

    {"schema_version": 2, "tool": "l10n", "version": "0.1.0",
     "states": ["untranslated", "machine", "stale", "rejected", "translated", "reviewed"],
     "total": TALLY, "verdicts": {"ready": n, "blocked": n},
     "languages": [{"lang": "en", **TALLY,
                    "articles": [{"article": "content/a.md", "catalog": "locales/en/a.md.po",
                                  "has_catalog": true, **VERDICT, **TALLY}]}]}
    VERDICT = {"verdict": "ready" | "blocked", "reasons": ["machine: ... (content/a.md:2)"],
               "headline": "...", "reviewers": [{"name": "Kim Min-ji", "date": "2026-11-30"}],
               "last_activity": "2026-11-30",
               "rejections": [{"name": "...", "date": "...", "comment": "..."}]}
    TALLY = {"entries": {"<state>": n, ..., "total": n}, "done": n,
             "percent_done": 62.5, "percent_done_words": 70.1,
             "size": {"<state>": SIZE, ..., "total": SIZE}}
    SIZE = {"en_words": n, "ko_chars": n, "ko_words": n, "other_words": n, "words": 12.3}

``words`` is English-word equivalents (Korean characters / 2.3); percentages and
``words`` are rounded to one decimal.

Pure: no files, no printing.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from l10n import __version__
from l10n.app.status_report import ArticleStatus, Judgement, Status
from l10n.app.tally import ORDER, Size, Tally
from l10n.cli.console import counted

SCHEMA_VERSION = 2

# One colour per state, shared by the terminal table and the HTML page.
STATE_COLOURS = {
    "untranslated": "#9aa0a6",
    "machine": "#f9ab00",
    "stale": "#e8710a",
    "rejected": "#d93025",
    "translated": "#4285f4",
    "reviewed": "#188038",
}
_SHORT = {"untranslated": "untr", "machine": "mach", "stale": "stale", "rejected": "rej", "translated": "trans", "reviewed": "rev"}



def status_text(report: Status, *, colour: bool = False) -> str:
    """A table per language: one row per article, verdict first, then the language's
    total and why each blocked article is blocked."""
    header = ["verdict", "article", *(_SHORT[s.value] for s in ORDER), "done", "words"]
    lines = []
    for language in report.languages:
        rows = [
            [a.judgement.state, *_text_row(a.article + ("" if a.has_catalog else " (no catalog)"), a.tally)]
            for a in language.articles
        ]
        total = ["", *_text_row(f"{language.lang} total", language.tally)]
        widths = [max(len(r[i]) for r in [header, *rows, total]) for i in range(len(header))]
        lines.append(_style(f"{language.lang}", "bold", colour))
        lines.append(_join(header, widths))
        for row, article in zip(rows, language.articles, strict=True):
            lines.append(_join(row, widths, _percent_colour(article.tally.percent_done) if colour else None))
        lines.append(_join(total, widths, "bold" if colour else None))
        for article in language.articles:
            if not article.judgement.ready:
                lines.append(f"blocked: {article.article} in {language.lang}")
                lines.extend(f"  {reason}" for reason in article.judgement.reasons)
        lines.append("")
    overall = report.total
    lines.append(
        f"total: {overall.done}/{counted(overall.total, 'entry')} done ({overall.percent_done:.1f}%), "
        f"{counted(overall.total_size.words, 'word')} ({overall.percent_done_words:.1f}% done by size); "
        f"{report.ready} ready to publish, {report.blocked} blocked"
    )
    return "\n".join(lines) + "\n"


def _text_row(name: str, tally: Tally) -> list[str]:
    return [
        name,
        *(str(tally.count(s)) for s in ORDER),
        f"{tally.percent_done:.1f}%",
        f"{tally.total_size.words:.0f}",
    ]


def _join(cells: Sequence[str], widths: Sequence[int], style: str | None = None) -> str:
    """Verdict and article left-aligned, the figures right-aligned."""
    left = [cell.ljust(width) for cell, width in zip(cells[:2], widths[:2], strict=True)]
    rest = [cell.rjust(width) for cell, width in zip(cells[2:], widths[2:], strict=True)]
    line = "  ".join([*left, *rest]).rstrip()
    return _style(line, style, True) if style else line


_ANSI = {"bold": "1", "red": "31", "green": "32", "yellow": "33"}


def _style(text: str, style: str | None, enabled: bool) -> str:
    if not enabled or style is None:
        return text
    return f"\x1b[{_ANSI[style]}m{text}\x1b[0m"


def _percent_colour(percent: float) -> str:
    return "green" if percent >= 100 else "yellow" if percent >= 50 else "red"


def status_json(report: Status) -> str:
    data = {
        "schema_version": SCHEMA_VERSION,
        "tool": "l10n",
        "version": __version__,
        "states": [s.value for s in ORDER],
        "total": _tally_json(report.total),
        "verdicts": {"ready": report.ready, "blocked": report.blocked},
        "languages": [
            {
                "lang": language.lang,
                **_tally_json(language.tally),
                "articles": [_article_json(a) for a in language.articles],
            }
            for language in report.languages
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def _article_json(article: ArticleStatus) -> dict:
    return {
        "article": article.article,
        "catalog": article.catalog,
        "has_catalog": article.has_catalog,
        **_judgement_json(article.judgement),
        **_tally_json(article.tally),
    }


def _judgement_json(judgement: Judgement) -> dict:
    return {
        "verdict": judgement.state,
        "reasons": list(judgement.reasons),
        "headline": judgement.headline,
        "reviewers": [{"name": name, "date": date} for name, date in judgement.reviewers],
        "last_activity": judgement.last_activity,
        "rejections": [{"name": name, "date": date, "comment": comment} for name, date, comment in judgement.rejections],
    }


def _tally_json(tally: Tally) -> dict:
    return {
        "entries": {**{s.value: tally.count(s) for s in ORDER}, "total": tally.total},
        "done": tally.done,
        "percent_done": round(tally.percent_done, 1),
        "percent_done_words": round(tally.percent_done_words, 1),
        "size": {**{s.value: _size_json(tally.size(s)) for s in ORDER}, "total": _size_json(tally.total_size)},
    }


def _size_json(size: Size) -> dict:
    return {
        "en_words": size.en_words,
        "ko_chars": size.ko_chars,
        "ko_words": size.ko_words,
        "other_words": size.other_words,
        "words": round(size.words, 1),
    }


# GitHub takes at most 1 MiB of summary per step ($GITHUB_STEP_SUMMARY) and shows
# none of a larger one; the list of blocked articles stops at half that.
MARKDOWN_BUDGET = 512 * 1024


def status_markdown(report: Status, *, budget: int = MARKDOWN_BUDGET) -> str:
    """For a pull request or a job summary: the verdicts first, a table per language,
    then each blocked article with why (its first reason, and how many more).

    The article lists stop once the text would pass ``budget`` bytes, saying how
    many are left out (``--format json`` has them all).
    """
    total = report.total
    lines = [
        "## Translation status",
        "",
        f"**{report.ready} ready to publish, {report.blocked} blocked** "
        f"(articles in each language); {total.percent_done:.1f}% of entries done ({total.done} of {total.total})",
        "",
        "| language | ready | blocked | " + " | ".join(s.value for s in ORDER) + " | done | words |",
        "| --- | ---: | ---: | " + " | ".join("---:" for _ in ORDER) + " | ---: | ---: |",
    ]
    for language in report.languages:
        tally = language.tally
        ready = sum(1 for a in language.articles if a.judgement.ready)
        lines.append(
            f"| {language.lang} | {ready} | {len(language.articles) - ready} | "
            + " | ".join(str(tally.count(s)) for s in ORDER)
            + f" | {tally.percent_done:.1f}% | {tally.total_size.words:.0f} |"
        )
    lines.append("")
    size = sum(len(line.encode("utf-8")) + 1 for line in lines)
    for language in report.languages:
        blocked = [a for a in language.articles if not a.judgement.ready]
        if not blocked:
            continue
        lines += [
            f"<details><summary>{language.lang}: {counted(len(blocked), 'article')} blocked</summary>",
            "",
            "| article | done | why |",
            "| --- | ---: | --- |",
        ]
        for listed, article in enumerate(blocked):
            row = f"| `{article.article}` | {article.tally.percent_done:.1f}% | {_cell(_why(article.judgement.reasons))} |"
            size += len(row.encode("utf-8")) + 1
            if size > budget:
                lines.append(f"| {len(blocked) - listed} more | | not listed: a job summary takes 1 MiB; see `l10n status --format json` |")
                break
            lines.append(row)
        lines += ["", "</details>", ""]
    return "\n".join(lines) + "\n"


def _why(reasons: Sequence[str], width: int = 160) -> str:
    """The first reason, cut to ``width`` characters, and how many others there are."""
    first = reasons[0] if reasons else ""
    if len(first) > width:
        first = first[: width - 1].rstrip() + "…"
    return first + (f" (and {len(reasons) - 1} more)" if len(reasons) > 1 else "")


def _cell(text: str) -> str:
    """Text for a Markdown table cell: a pipe would end the cell, a line break the row."""
    return " ".join(text.split()).replace("|", "\\|")


def status_html(report: Status, *, generated_at: str = "") -> str:
    """One page, no external assets: per language a table of articles, verdict first,
    sortable by any column, with a progress bar each, and a filter box.

    The filter box also reads ``#filter=<text>`` from the address on load, and
    ``#sort=<column>`` (``#sort=-words``: descending) sorts every table on load.
    ``generated_at`` (the caller's clock, e.g. "2026-12-04 09:30 UTC") is printed on the page.
    """
    legend = "".join(
        f'<span class="key"><span class="swatch state-{s.value}"></span>{s.value}</span>' for s in ORDER
    )
    sections = []
    for language in report.languages:
        rows = "".join(_html_row(a) for a in language.articles)
        ready = sum(1 for a in language.articles if a.judgement.ready)
        sections.append(
            f'<section class="language" data-lang="{_e(language.lang)}">'
            f'<h2>{_e(language.lang)} <span class="percent">{language.tally.percent_done:.1f}%</span> '
            f'<span class="verdicts">{ready} of {len(language.articles)} ready</span></h2>'
            f"{_html_bar(language.tally)}{_html_counts(language.tally)}"
            f"<table><thead><tr>{_HEADER}</tr></thead><tbody>{rows}</tbody></table></section>"
        )
    css = "".join(f".state-{state}{{background:{colour}}}" for state, colour in STATE_COLOURS.items())
    total = report.total
    generated = f"Generated at {_e(generated_at)} by l10n {__version__}" if generated_at else f"Generated by l10n {__version__}"
    return _PAGE.format(
        css=css,
        legend=legend,
        sections="".join(sections),
        verdicts=f"{report.ready} ready to publish, {report.blocked} blocked",
        total=f"{total.percent_done:.1f}% done: {total.done} of {counted(total.total, 'entry')}, {counted(total.total_size.words, 'word')}",
        generated=generated,
        articles=sum(len(language.articles) for language in report.languages),
        script=_SCRIPT,
    )


# (label, kind of sort): the columns of an article table; a click on a heading sorts by it.
_COLUMNS = (
    ("verdict", "text"),
    ("article", "text"),
    ("progress", "number"),
    ("reviewed by", "text"),
    ("last activity", "text"),
    ("rejections", "text"),
    ("done", "number"),
    ("entries", "number"),
    ("words", "number"),
)
_HEADER = "".join(
    f'<th data-sort="{kind}"><button type="button">{label}</button></th>' for label, kind in _COLUMNS
)


def _e(text: str) -> str:
    """``html.escape(text, quote=True)``, which is these five replacements: importing
    the html package loads its table of entities, 1 ms of every ``l10n status``, for
    a page few runs make (a test holds the two equal)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#x27;")


def _html_bar(tally: Tally) -> str:
    parts = []
    for state in ORDER:
        count = tally.count(state)
        if count:
            width = 100.0 * count / tally.total
            parts.append(
                f'<span class="seg state-{state.value}" data-state="{state.value}" data-count="{count}" '
                f'style="width:{width:.3f}%" title="{state.value}: {count}"></span>'
            )
    label = ", ".join(f"{tally.count(s)} {s.value}" for s in ORDER if tally.count(s))
    return (
        f'<div class="bar" role="img" aria-label="{_e(label or "nothing to translate")}" '
        f'data-percent="{tally.percent_done:.1f}">{"".join(parts)}</div>'
    )


def _html_counts(tally: Tally) -> str:
    items = "".join(
        f'<li class="count" data-state="{s.value}"><span class="swatch state-{s.value}"></span>'
        f"{s.value} <b>{tally.count(s)}</b> ({tally.size(s).words:.0f} words)</li>"
        for s in ORDER
    )
    return f'<ul class="counts">{items}</ul>'


def _html_row(article: ArticleStatus) -> str:
    tally, judgement = article.tally, article.judgement
    note = "" if article.has_catalog else ' <span class="note">no catalog</span>'
    reasons = "".join(f"<li>{_e(reason)}</li>" for reason in judgement.reasons)
    verdict = f'<span class="badge {judgement.state}">{judgement.state}</span>' + (f'<ul class="reasons">{reasons}</ul>' if reasons else "")
    headline = f'<span class="headline">{_e(judgement.headline)}</span><br>' if judgement.headline else ""
    reviewers = ", ".join(f"{name} ({date})" for name, date in judgement.reviewers)
    rejections = "".join(
        f'<li>{_e(comment or "(no comment)")} <span class="who">{_e(name)}, {_e(date)}</span></li>'
        for name, date, comment in judgement.rejections
    )
    cells = (
        (judgement.state, verdict, "verdict"),
        (judgement.headline or article.article, f'{headline}<span class="path">{_e(article.article)}</span>{note}', "name"),
        (f"{tally.percent_done:.1f}", _html_bar(tally), "progress"),
        (reviewers, _e(reviewers or "nobody yet"), "reviewers"),
        (judgement.last_activity, _e(judgement.last_activity or "none"), "activity"),
        (str(len(judgement.rejections)), f'<ul class="rejections">{rejections}</ul>' if rejections else "", "rejections"),
        (f"{tally.percent_done:.1f}", f"{tally.percent_done:.1f}%", "done"),
        (str(tally.total), f"{tally.done}/{tally.total}", "entries"),
        (f"{tally.total_size.words:.0f}", f"{tally.total_size.words:.0f}", "words"),
    )
    row = "".join(f'<td class="{name}" data-value="{_e(value)}">{content}</td>' for value, content, name in cells)
    return (
        f'<tr class="article" data-article="{_e(article.article)}" data-lang="{_e(article.lang)}" '
        f'data-verdict="{judgement.state}">{row}</tr>'
    )


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Translation status</title>
<style>
body{{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#202124}}
h1{{font-size:1.5em}} h2{{font-size:1.2em;margin-top:1.5em}}
.bar{{display:flex;height:14px;min-width:160px;background:#eee;border-radius:3px;overflow:hidden}}
.seg{{display:block;height:100%}}
.swatch{{display:inline-block;width:.9em;height:.9em;margin-right:.3em;vertical-align:middle;border-radius:2px}}
.key{{margin-right:1em}} .counts{{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:1em}}
table{{border-collapse:collapse;width:100%;margin-top:.5em}} td,th{{padding:.25em .5em;text-align:left}}
td.done,td.entries,td.words{{text-align:right;font-variant-numeric:tabular-nums}}
tr.article:nth-child(odd){{background:#f8f9fa}} .note{{color:#d93025;font-size:.85em}}
td{{vertical-align:top}} th button{{font:inherit;font-weight:bold;border:0;background:none;cursor:pointer;padding:0}}
th[aria-sort=ascending] button::after{{content:" \\25B2"}} th[aria-sort=descending] button::after{{content:" \\25BC"}}
.badge{{display:inline-block;padding:0 .5em;border-radius:3px;color:#fff;font-weight:bold}}
.badge.ready{{background:#188038}} .badge.blocked{{background:#d93025}}
.reasons,.rejections{{margin:.2em 0 0 1em;padding:0;font-size:.85em;color:#5f6368}}
.headline{{font-weight:bold}} .path,.who{{color:#5f6368;font-size:.85em}}
.verdicts{{font-weight:normal;font-size:.8em;color:#5f6368}}
#filter{{font-size:1em;padding:.3em;width:20em}}
{css}
</style></head>
<body>
<h1>Translation status</h1>
<p id="verdicts"><b>{verdicts}</b></p>
<p id="total">{total}</p>
<p id="generated">{generated}</p>
<p class="legend">{legend}</p>
<p><label>Filter articles: <input id="filter" type="search" placeholder="part of a path" autocomplete="off"></label>
<span id="shown" data-total="{articles}">{articles} of {articles} articles</span></p>
{sections}
<script>{script}</script>
</body></html>
"""

_SCRIPT = """
(function () {
  var box = document.getElementById('filter');
  var rows = Array.prototype.slice.call(document.querySelectorAll('tr.article'));
  var shown = document.getElementById('shown');
  function apply() {
    var needle = box.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var match = row.getAttribute('data-article').toLowerCase().indexOf(needle) !== -1;
      if (match) { row.removeAttribute('hidden'); count++; } else { row.setAttribute('hidden', ''); }
    });
    shown.textContent = count + ' of ' + rows.length + ' articles';
    shown.setAttribute('data-shown', String(count));
  }
  // A click on a column heading sorts that table by it; a second click reverses.
  // The address may ask for a sort on load: #sort=words (ascending) or #sort=-words.
  function sortBy(th, descending) {
    var table = th.closest('table'), body = table.tBodies[0];
    var column = Array.prototype.indexOf.call(th.parentNode.children, th);
    Array.prototype.forEach.call(th.parentNode.children, function (other) { other.removeAttribute('aria-sort'); });
    th.setAttribute('aria-sort', descending ? 'descending' : 'ascending');
    var numeric = th.getAttribute('data-sort') === 'number';
    var sorted = Array.prototype.slice.call(body.rows).sort(function (a, b) {
      var x = a.cells[column].getAttribute('data-value'), y = b.cells[column].getAttribute('data-value');
      var order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
      return descending ? -order : order;
    });
    sorted.forEach(function (row) { body.appendChild(row); });
    rows = Array.prototype.slice.call(document.querySelectorAll('tr.article'));
  }
  var headings = Array.prototype.slice.call(document.querySelectorAll('th[data-sort]'));
  headings.forEach(function (th) {
    th.querySelector('button').addEventListener('click', function () {
      sortBy(th, th.getAttribute('aria-sort') === 'ascending');
    });
  });
  var sort = /(?:^#|&)sort=(-?)([^&]*)/.exec(window.location.hash);
  if (sort) {
    var label = decodeURIComponent(sort[2]);
    headings.forEach(function (th) { if (th.textContent === label) { sortBy(th, sort[1] === '-'); } });
  }
  var hash = /(?:^#|&)filter=([^&]*)/.exec(window.location.hash);
  if (hash) { box.value = decodeURIComponent(hash[1]); }
  box.addEventListener('input', apply);
  apply();
})();
"""
