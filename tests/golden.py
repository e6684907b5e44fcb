"""Golden files: stored expected outputs, rewritten only when L10N_REGEN_GOLDEN=1.

Regenerate with ``L10N_REGEN_GOLDEN=1 python -m pytest tests/test_NAME.py`` and
review the diff before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

REGEN = os.environ.get("L10N_REGEN_GOLDEN") == "1"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def check_golden(path: Path, actual: str) -> None:
    """Assert ``actual`` is the golden file's content (write it first when regenerating)."""
    if REGEN:
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"missing golden {path.name}; run with L10N_REGEN_GOLDEN=1"
    assert actual == read(path)
