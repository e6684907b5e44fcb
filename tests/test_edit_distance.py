"""Post-edit effort counts edits with rapidfuzz; it must count what the textbook counts.

``reference`` is the plain dynamic programme the library replaced, kept here as the
oracle: hypothesis compares the two on sequences of characters and of words, with
repeats, Hangul and empty sides.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from l10n.po.review import edit_distance, effort, units


def reference(a: Sequence[str], b: Sequence[str]) -> int:
    """Levenshtein distance: insertions, deletions and substitutions, each costing 1."""
    previous = list(range(len(b) + 1))
    for i, item in enumerate(a, 1):
        current = [i]
        for j, other in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (item != other)))
        previous = current
    return previous[-1]


# A small alphabet makes repeats and near-misses likely; words include ones that
# differ only in a letter, in case, or by a particle.
CHARACTERS = st.lists(st.sampled_from(list("가나다라한국어abcAB .,")), max_size=40)
WORDS = st.lists(st.sampled_from(["the", "The", "port", "ports", "부산항", "부산항은", "1,000", ""]), max_size=30)


@settings(max_examples=400, deadline=None)
@given(CHARACTERS, CHARACTERS)
def test_character_distance_is_the_textbook_distance(a: list[str], b: list[str]) -> None:
    assert edit_distance(a, b) == reference(a, b)


@settings(max_examples=400, deadline=None)
@given(WORDS, WORDS)
def test_word_distance_is_the_textbook_distance(a: list[str], b: list[str]) -> None:
    assert edit_distance(a, b) == reference(a, b)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60), st.text(max_size=60), st.sampled_from(["ko", "en"]))
def test_effort_units_of_any_text_measure_the_same(draft: str, final: str, lang: str) -> None:
    a, b = units(draft, lang), units(final, lang)
    assert edit_distance(a, b) == reference(a, b)


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [
        ([], [], 0),
        ([], ["a", "b"], 2),
        (list("kitten"), list("sitting"), 3),
        (["the", "new", "pier"], ["the", "pier"], 1),
        (list("부산항은"), list("부산항이"), 1),
    ],
)
def test_known_distances(a: list[str], b: list[str], distance: int) -> None:
    assert edit_distance(a, b) == reference(a, b) == distance


def test_effort_is_edits_over_the_longer_side() -> None:
    assert effort("The new pier opened", "The pier opened today", "en") == pytest.approx(2 / 4)
