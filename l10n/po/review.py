"""Review decisions and what machine drafts cost to fix: pure domain logic.

Approving binds a ``reviewed`` mark to the entry's exact text and clears fuzzy;
rejecting sets fuzzy and leaves the reviewer's comment where the translator sees
it (a translator comment, shown by Poedit and kept by msgmerge). Post-edit effort
compares a machine draft with the translation people ended with: characters for
Korean (words carry particles, so a word count hides small fixes), words for
English, normalised by the longer of the two.

No files, no polib: entries come in as ``EntryFacts`` and decisions go out as
``Decision`` values the use cases write.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from l10n.errors import L10nError
from l10n.model import State
from l10n.po.states import EntryFacts, Mark, add_mark, content_hash, state_of


@dataclass(frozen=True)
class Decision:
    """The new fields of an entry after a review action.

    No new state: it follows from the fields (a rejected stale entry stays stale, a
    text edited back to approved wording is reviewed again), so the caller asks
    ``state_of`` about the entry it wrote instead of trusting a guess made here.
    """

    msgstr: str
    fuzzy: bool
    tcomment: str
    clear_previous: bool  # drop the #| previous msgid (the reviewer accepted the new source)
    old: State


def check_reviewer(name: str | None) -> str:
    """A usable reviewer name, or L10nError saying where names come from."""
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise L10nError(
            "no reviewer name",
            hint="pass --reviewer NAME, set L10N_REVIEWER, or set git's user.name",
        )
    if ":" in cleaned:
        raise L10nError(f"reviewer name {cleaned!r} may not contain ':'", hint="use the name as people know it")
    return cleaned


def approve(facts: EntryFacts, reviewer: str, date: str) -> Decision:
    """Approve the entry's current translation, whatever state it was in.

    An untranslated entry cannot be approved. Approving a stale entry accepts the
    translation for the new source text.
    """
    old = state_of(facts)
    if old is State.UNTRANSLATED:
        raise L10nError("cannot approve an empty translation", hint="translate it first, or skip it")
    mark = Mark("reviewed", date, content_hash(facts.msgctxt, facts.msgid, facts.msgstr), who=reviewer)
    tcomment = add_mark(facts.tcomment, mark, replace=("reviewed", "rejected"))
    return Decision(facts.msgstr, False, tcomment, True, old)


def reject(facts: EntryFacts, reviewer: str, date: str, comment: str) -> Decision:
    """Send the entry back for work with a comment the translator will see."""
    old = state_of(facts)
    if old is State.UNTRANSLATED:
        raise L10nError("cannot reject an empty translation", hint="there is nothing to send back yet")
    note = " ".join(comment.split())
    if not note:
        raise L10nError("a rejection needs a comment", hint='say what to fix: --comment "the date is wrong"')
    mark = Mark("rejected", date, content_hash(facts.msgctxt, facts.msgid, facts.msgstr), who=reviewer, note=note)
    tcomment = add_mark(facts.tcomment, mark, replace=("reviewed", "rejected"))
    return Decision(facts.msgstr, True, tcomment, False, old)


def edit(facts: EntryFacts, new_text: str) -> Decision:
    """A person's new translation, not fuzzy; the marks stay and lapse unless they match it.

    So new text is translated, and text edited back to wording already approved is
    reviewed again: the approval is bound to that exact text.
    """
    old = state_of(facts)
    if not new_text.strip():
        raise L10nError("the new translation is empty", hint="to leave it untranslated, skip the entry")
    return Decision(new_text, False, facts.tcomment, True, old)


# --------------------------------------------------------------------------- effort


def decide(action: str, facts: EntryFacts, who: str, date: str, argument: str = "") -> Decision:
    """The decision ``action`` ("approve", "reject" or "edit") takes on an entry;
    ``argument`` is the rejection comment or the new text."""
    if action == "approve":
        return approve(facts, who, date)
    if action == "reject":
        return reject(facts, who, date, argument)
    if action == "edit":
        return edit(facts, argument)
    raise ValueError(action)


def edit_distance(a: Sequence[str], b: Sequence[str]) -> int:
    """Levenshtein distance between two sequences (characters or words)."""
    # Imported here: only effort reports need it, not every review command.
    from rapidfuzz.distance import Levenshtein

    return Levenshtein.distance(a, b)


def units(text: str, lang: str) -> list[str]:
    """What effort is counted in: characters without spaces for Korean, else words."""
    if lang == "ko":
        return [ch for ch in text if not ch.isspace()]
    return text.split()


def effort(draft: str, final: str, lang: str) -> float:
    """0.0 when the draft was kept as is, 1.0 when it was rewritten entirely."""
    a, b = units(draft, lang), units(final, lang)
    longest = max(len(a), len(b))
    return 0.0 if longest == 0 else min(1.0, edit_distance(a, b) / longest)


@dataclass(frozen=True)
class PostEdit:
    """One machine draft and what became of it."""

    provider: str
    lang: str
    article: str
    draft: str
    final: str
    effort: float


@dataclass(frozen=True)
class EffortRow:
    """Post-editing effort for one group (a provider, a language, an article)."""

    group: str
    drafts: int
    unchanged_share: float  # drafts accepted without a change
    median_effort: float
    mean_effort: float


def summarise(edits: Iterable[PostEdit], key: str) -> list[EffortRow]:
    """Rows of post-edit effort grouped by ``provider``, ``lang`` or ``article``."""
    groups: dict[str, list[float]] = {}
    for item in edits:
        groups.setdefault(getattr(item, key), []).append(item.effort)
    return [
        EffortRow(
            group=name,
            drafts=len(values),
            unchanged_share=sum(1 for v in values if v == 0.0) / len(values),
            median_effort=statistics.median(values),
            mean_effort=statistics.fmean(values),
        )
        for name, values in sorted(groups.items())
    ]
