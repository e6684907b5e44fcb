"""The init use case: set up a new project where the user stands.

``init`` creates l10n.toml, content/ and locales/, and the .gitattributes and
.gitignore lines the tool relies on, each only where it is missing. It never
overwrites or removes anything, never reads articles or catalogs, never prints,
and imports no other use case.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from l10n.app.config import DEFAULT_FILE
from l10n.po import HISTORY_SUFFIX
from l10n.store.fileio import write_if_changed


@dataclass(frozen=True)
class InitReport:
    created: tuple[str, ...]
    existing: tuple[str, ...]


def init(root: Path) -> InitReport:
    """Create l10n.toml, content/ and locales/ where missing; never overwrite."""
    created, existing = [], []
    config_file = root / "l10n.toml"
    pyproject = root / "pyproject.toml"
    has_table = pyproject.is_file() and "[tool.l10n]" in pyproject.read_text(encoding="utf-8", errors="replace")
    if config_file.exists() or has_table:
        existing.append(config_file.name if config_file.exists() else "pyproject.toml [tool.l10n]")
    else:
        write_if_changed(config_file, DEFAULT_FILE.encode("utf-8"))
        created.append(config_file.name)
    for folder in ("content", "locales"):
        path = root / folder
        if path.is_dir():
            existing.append(folder + "/")
        else:
            path.mkdir(parents=True)
            created.append(folder + "/")
    # Two branches appending review history to the same log merge line by line.
    created += _add_line(root / ".gitattributes", f"*{HISTORY_SUFFIX} merge=union", ".gitattributes entry ")
    # The cache, the built articles (the default output) and compiled catalogs are
    # made from what is committed; committing them only makes conflicts.
    for ignored in (".cache/", "build/", "*.mo"):
        created += _add_line(root / ".gitignore", ignored, ".gitignore entry ")
    return InitReport(tuple(created), tuple(existing))


def _add_line(path: Path, line: str, label: str) -> list[str]:
    """Append ``line`` to the text file at ``path`` unless it holds it; what was created."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    if line in lines:
        return []
    write_if_changed(path, ("\n".join([*lines, line]) + "\n").encode("utf-8"))
    return [label + line]
