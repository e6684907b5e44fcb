"""``l10n/text`` is the bottom layer: standard library only, nothing from above it.

Read from the source (imports inside functions included), so a lazy import cannot
slip past.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

import l10n.text

TEXT = Path(l10n.text.__file__).parent
ABOVE = ("formats", "po", "qa", "mt", "store", "app", "cli")
# locales.py is the one module that wraps babel (imported lazily, where it is used).
THIRD_PARTY_ALLOWED = {"locales.py": {"babel"}}


def imported(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", sorted(TEXT.glob("*.py")), ids=lambda p: p.name)
def test_text_imports_only_the_standard_library_and_what_is_below_it(path: Path) -> None:
    for name in imported(path):
        top = name.split(".")[0]
        if top == "l10n":
            assert name.split(".")[1] not in ABOVE, f"{path.name} imports {name}"
        elif top != "__future__":
            assert top in sys.stdlib_module_names or top in THIRD_PARTY_ALLOWED.get(path.name, ()), (
                f"{path.name} imports {name}"
            )


@pytest.mark.parametrize("path", sorted(TEXT.glob("*.py")), ids=lambda p: p.name)
def test_every_text_module_opens_with_a_docstring(path: Path) -> None:
    assert ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
