"""The vocabulary of QA findings: how much one weighs, and what kind of block an
entry is (a check's rules and a publishing rule depend on both).

Its own module so that the commands that only read kept verdicts (``status`` and
``check`` after ``extract``) can use these words without importing the checks
themselves, which compiles some hundred patterns.
"""

from __future__ import annotations

import enum


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTICE = "notice"  # for the record only: never blocks, whatever the block list says


def block_kind(comment: str | None) -> str:
    """The block kind a catalog entry's ``#.`` comment names (extract writes it
    first): its first line (later lines are notes), "paragraph" when it has none."""
    return (comment or "paragraph").partition("\n")[0]  # the first line, the rest not cut up
