"""A value of a frozen entry is worked out on its first read and kept for the next."""

from __future__ import annotations

from dataclasses import dataclass, field

from l10n.once import computed_once


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
