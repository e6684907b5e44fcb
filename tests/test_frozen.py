"""Frozen entries made, copied and read cheaply, and always equal to what their __init__ makes."""

from __future__ import annotations

from dataclasses import dataclass, field

from l10n.frozen import computed_once


@dataclass(frozen=True)
class Story:
    headline: str
    reads: list[str] = field(default_factory=list, compare=False)

    @computed_once
    def shouted(self) -> str:
        """The headline in capitals."""
        self.reads.append(self.headline)
        return self.headline.upper()


def test_a_value_is_worked_out_once_per_object_and_kept_on_it() -> None:
    story = Story("rain in seoul")
    assert story.shouted == "RAIN IN SEOUL"
    assert story.shouted == "RAIN IN SEOUL"
    assert story.reads == ["rain in seoul"]
    assert vars(story)["shouted"] == "RAIN IN SEOUL"


def test_each_object_works_out_its_own_value() -> None:
    first, second = Story("a"), Story("b")
    assert (first.shouted, second.shouted) == ("A", "B")
    assert (first.reads, second.reads) == (["a"], ["b"])


def test_the_class_holds_the_descriptor_with_its_docstring() -> None:
    assert isinstance(Story.shouted, computed_once)
    assert Story.shouted.__doc__ == "The headline in capitals."


@dataclass(frozen=True)
class Byline:
    name: str
    desk: str = "news"


@dataclass(frozen=True)
class Checked:
    name: str

    def __post_init__(self) -> None:
        if not self.name:
            raise ValueError("a byline needs a name")


def test_a_plain_dataclass_is_filled_without_its_init_and_equals_what_init_makes() -> None:
    from l10n.frozen import filler_of, plain_dataclass

    assert plain_dataclass(Byline)
    fill = filler_of(Byline)
    assert fill is not Byline
    made = fill(name="Kim", desk="sports")
    assert made == Byline("Kim", "sports") and vars(made) == vars(Byline("Kim", "sports"))


def test_a_dataclass_with_its_own_checks_is_always_made_by_its_init() -> None:
    import pytest

    from l10n.frozen import filler_of, plain_dataclass, replacer_of

    assert not plain_dataclass(Checked)
    assert filler_of(Checked) is Checked
    with pytest.raises(ValueError, match="needs a name"):
        replacer_of(Checked)(Checked("Kim"), name="")


def test_a_replaced_copy_equals_dataclasses_replace_and_keeps_values_worked_out_once() -> None:
    from dataclasses import replace

    from l10n.frozen import replacer_of

    story = Story("rain in seoul")
    assert story.shouted == "RAIN IN SEOUL"
    moved = replacer_of(Story)(story, reads=["moved"])
    assert moved == replace(story, reads=["moved"])
    assert vars(moved)["shouted"] == "RAIN IN SEOUL"  # kept, not worked out again
    assert moved.reads == ["moved"] and story.reads == ["rain in seoul"]
