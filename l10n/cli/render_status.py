"""Renderers for ``l10n status``: a report in, a string out.

``status_text`` (a terminal table, ANSI colours when asked), ``status_json``,
``status_markdown`` (a pull request comment), ``status_html`` (one self-contained
page: inline CSS and JavaScript, no network).

JSON schema of ``l10n status --format json`` (``schema_version`` 1; fields are only
ever added, a change of meaning bumps the version)::

    {"schema_version": 1, "tool": "l10n", "version": "0.1.0",
     "states": ["untranslated", "machine", "stale", "rejected", "translated", "reviewed"],
     "total": TALLY,
     "languages": [{"lang": "en", **TALLY,
                    "articles": [{"article": "content/a.md", "catalog": "locales/en/a.md.po",
                                  "has_catalog": true, **TALLY}]}]}
    TALLY = {"entries": {"<state>": n, ..., "total": n}, "done": n,
             "percent_done": 62.5, "percent_done_words": 70.1,
             "size": {"<state>": SIZE, ..., "total": SIZE}}
    SIZE = {"en_words": n, "ko_chars": n, "ko_words": n, "other_words": n, "words": 12.3}

``words`` is English-word equivalents (Korean characters / 2.3); percentages and
``words`` are rounded to one decimal.

Pure: no files, no printing.
"""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

from l10n import __version__
from l10n.app.tally import ORDER, ArticleStatus, Size, Status, Tally

SCHEMA_VERSION = 1

# One colour per state, shared by the terminal table and the HTML page.
STATE_COLOURS = {
    "untranslated": "#9aa0a6",
    "machine": "#f9ab00",
    "stale": "#e8710a",
    "rejected": "#d93025",
    "translated": "#4285f4",
    "reviewed": "#188038",
}
_SHORT = {
    "untranslated": "untr",
    "machine": "mach",
    "stale": "stale",
    "rejected": "rej",
    "translated": "trans",
    "reviewed": "rev",
}


def status_text(report: Status, *, colour: bool = False) -> str:
    """A table per language: one row per article, then the language's total."""
    header = ["article", *(_SHORT[s.value] for s in ORDER), "done", "words"]
    lines = []
    for language in report.languages:
        rows = [_text_row(a.article + ("" if a.has_catalog else " (no catalog)"), a.tally) for a in language.articles]
        total = _text_row(f"{language.lang} total", language.tally)
        widths = [max(len(r[i]) for r in [header, *rows, total]) for i in range(len(header))]
        lines.append(_style(f"{language.lang}", "bold", colour))
        lines.append(_join(header, widths))
        for row, article in zip(rows, language.articles, strict=True):
            lines.append(_join(row, widths, _percent_colour(article.tally.percent_done) if colour else None))
        lines.append(_join(total, widths, "bold" if colour else None))
        lines.append("")
    overall = report.total
    lines.append(
        f"total: {overall.done}/{overall.total} entries done ({overall.percent_done:.1f}%), "
        f"{overall.total_size.words:.0f} words ({overall.percent_done_words:.1f}% done by size)"
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
    first = cells[0].ljust(widths[0])
    rest = [cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True)]
    line = "  ".join([first, *rest]).rstrip()
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
        **_tally_json(article.tally),
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


def status_markdown(report: Status) -> str:
    """A summary table per language, articles not done listed below it (for a PR comment)."""
    lines = ["## Translation status", ""]
    lines.append("| language | " + " | ".join(s.value for s in ORDER) + " | done | words |")
    lines.append("| --- | " + " | ".join("---:" for _ in ORDER) + " | ---: | ---: |")
    for language in report.languages:
        tally = language.tally
        lines.append(
            f"| {language.lang} | "
            + " | ".join(str(tally.count(s)) for s in ORDER)
            + f" | {tally.percent_done:.1f}% | {tally.total_size.words:.0f} |"
        )
    lines.append("")
    for language in report.languages:
        pending = [a for a in language.articles if a.tally.percent_done < 100]
        if not pending:
            continue
        lines.append(f"<details><summary>{language.lang}: {len(pending)} articles not done</summary>")
        lines.append("")
        lines.append("| article | done | left |")
        lines.append("| --- | ---: | ---: |")
        for article in pending:
            left = article.tally.total - article.tally.done
            lines.append(f"| `{article.article}` | {article.tally.percent_done:.1f}% | {left} |")
        lines.append("")
        lines.append("</details>")
        lines.append("")
    total = report.total
    lines.append(f"**Total: {total.percent_done:.1f}% done** ({total.done} of {total.total} entries)")
    return "\n".join(lines) + "\n"


def status_html(report: Status) -> str:
    """One page, no external assets: a bar per language and per article, and a filter box.

    The filter box also reads ``#filter=<text>`` from the address on load.
    """
    legend = "".join(f'<span class="key"><span class="swatch state-{s.value}"></span>{s.value}</span>' for s in ORDER)
    sections = []
    for language in report.languages:
        rows = "".join(_html_row(a) for a in language.articles)
        sections.append(
            f'<section class="language" data-lang="{_e(language.lang)}">'
            f'<h2>{_e(language.lang)} <span class="percent">{language.tally.percent_done:.1f}%</span></h2>'
            f"{_html_bar(language.tally)}{_html_counts(language.tally)}"
            "<table><thead><tr><th>article</th><th>progress</th><th>done</th><th>entries</th><th>words</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></section>"
        )
    css = "".join(f".state-{state}{{background:{colour}}}" for state, colour in STATE_COLOURS.items())
    total = report.total
    return _PAGE.format(
        css=css,
        legend=legend,
        sections="".join(sections),
        total=f"{total.percent_done:.1f}% done: {total.done} of {total.total} entries, {total.total_size.words:.0f} words",
        articles=sum(len(language.articles) for language in report.languages),
        script=_SCRIPT,
    )


def _e(text: str) -> str:
    return html.escape(text, quote=True)


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
    tally = article.tally
    note = "" if article.has_catalog else ' <span class="note">no catalog</span>'
    return (
        f'<tr class="article" data-article="{_e(article.article)}" data-lang="{_e(article.lang)}">'
        f'<td class="name">{_e(article.article)}{note}</td><td>{_html_bar(tally)}</td>'
        f'<td class="done">{tally.percent_done:.1f}%</td><td class="entries">{tally.done}/{tally.total}</td>'
        f'<td class="words">{tally.total_size.words:.0f}</td></tr>'
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
#filter{{font-size:1em;padding:.3em;width:20em}}
{css}
</style></head>
<body>
<h1>Translation status</h1>
<p id="total">{total}</p>
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
  var hash = /(?:^#|&)filter=([^&]*)/.exec(window.location.hash);
  if (hash) { box.value = decodeURIComponent(hash[1]); }
  box.addEventListener('input', apply);
  apply();
})();
"""
