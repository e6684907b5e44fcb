"""Document formats, one module each, chosen by file extension.

Each module has NAME, EXTENSIONS, ``blocks``, ``encode``, ``language_edit`` and
``metadata_edits`` (see ``base.Format``); disclosure.py names the metadata keys. Modules are imported on first use: a project of plain text
articles never pays for the Markdown parser.
"""

from __future__ import annotations

import importlib
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the walk of a no-op run needs only the extension table
    from l10n.formats.base import Format

# extension -> module name in this package
FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "plaintext",
    ".html": "html",
    ".htm": "html",
}


@cache
def _module(name: str) -> Format:
    module: Format = importlib.import_module(f"{__name__}.{name}")
    return module


def is_article_name(name: str) -> bool:
    """Whether a file name has an article extension (without importing the format)."""
    dot = name.rfind(".")
    # A dot opening the file name starts a hidden name (".md"), not an extension.
    return dot > name.rfind("/") + 1 and name[dot:].lower() in FORMATS


def for_suffix(suffix: str) -> Format | None:
    """The format for a file extension (case-insensitive), or None."""
    name = FORMATS.get(suffix.lower())
    return _module(name) if name else None
