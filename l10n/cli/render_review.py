"""Text for ``l10n review``: one entry in full, a word diff, a line cut to fit.

Shared by the review commands and the interactive session. Pure: no files, no
printing.
"""

from __future__ import annotations

import difflib

from l10n.app import review as reviewing


def one_line(text: str, width: int = 60) -> str:
    """``text`` on one line, whitespace collapsed, cut to ``width`` with an ellipsis."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def where(item: reviewing.Item) -> str:
    """``article:line``, or the article alone when the entry has no line."""
    return f"{item.article}:{item.line}" if item.line else item.article


def describe(item: reviewing.Item) -> str:
    """The entry in full: source, machine draft, translation, notes, and what the post-edit changed."""
    lines = [
        f"{item.id}  {item.state.value}  {item.catalog}",
        f"article:     {where(item)} ({item.kind})",
        f"source:      {item.msgid}",
    ]
    if item.previous is not None:
        lines.append(f"old source:  {item.previous}")
    if item.draft is not None:
        lines.append(f"draft ({item.provider or 'machine'}): {item.draft}")
    lines.append(f"translation: {item.msgstr or '(empty)'}")
    for note in item.notes:
        lines.append(f"note:        {note}")
    if item.draft is not None and item.msgstr and item.draft != item.msgstr:
        diff = difflib.unified_diff(
            item.draft.splitlines(), item.msgstr.splitlines(), "machine draft", "translation", lineterm="", n=1
        )
        word_diff_line = word_diff(item.draft, item.msgstr)
        lines.append("changes:     " + word_diff_line)
        lines.extend("  " + line for line in diff)
    return "\n".join(lines)


EDITOR_MARK = "# ---- write the translation below this line; the lines above are ignored ----"


def editor_text(item: reviewing.Item) -> str:
    """What $EDITOR opens: the source and its context as comment lines, a mark, then
    the translation to edit. ``edited_translation`` takes the comment lines out again."""
    lines = [f"# {item.id}  {item.lang}  {where(item)} ({item.kind})"]
    lines += _commented("source", item.msgid)
    if item.previous is not None:
        lines += _commented("old source", item.previous)
    if item.draft is not None:
        lines += _commented(f"draft ({item.provider or 'machine'})", item.draft)
    lines += [f"# note: {note}" for note in item.notes]
    return "\n".join([*lines, EDITOR_MARK, item.msgstr or item.draft or ""]) + "\n"


def _commented(label: str, text: str) -> list[str]:
    return [f"# {label}:", *(f"#   {line}" for line in text.split("\n"))]


def edited_translation(saved: str) -> str:
    """The translation in a file ``editor_text`` wrote: what follows the mark (the whole
    text when the mark was deleted), without the final newline editors add."""
    _, mark, tail = saved.partition(EDITOR_MARK + "\n")
    if not mark:
        _, mark, tail = saved.partition(EDITOR_MARK)
    return (tail if mark else saved).rstrip("\n")


def word_diff(old: str, new: str) -> str:
    """``[-removed-]{+added+}`` over words, for a one-line view of a post-edit."""
    a, b = old.split(), new.split()
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(a[i1:i2])
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)
