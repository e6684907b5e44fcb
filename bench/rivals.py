"""The other tools of bench/pipeline.py, each run as its own process so that it is
timed exactly like ``l10n``: interpreter start-up, imports and all.

    python bench/rivals.py TOOL STEP CONTENT PO_DIR [OUT_DIR]

TOOL is ``mdpo`` (its Python API, one call per article), ``ttk`` (translate-toolkit's
md2po / po2md converters over the whole folder, as their commands do) or ``floor``
(the standard library only: read the article, split it into blank-line blocks, write
a PO-like file; read both back and write the article). STEP is ``extract`` (articles
under CONTENT to catalogs under PO_DIR, merged into any already there, for mdpo) or
``build`` (articles rebuilt from those catalogs into OUT_DIR). Catalogs mirror the
articles' paths with ``.po`` added.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator


def articles(content: str) -> Iterator[str]:
    """Article paths relative to content, in a stable order."""
    for folder, dirs, files in os.walk(content):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".md"):
                yield os.path.relpath(os.path.join(folder, name), content)


def mdpo(step: str, content: str, po_dir: str, out_dir: str) -> None:
    from mdpo.md2po import markdown_to_pofile
    from mdpo.po2md import pofile_to_markdown

    for rel in articles(content):
        po_path = os.path.join(po_dir, rel + ".po")
        if step == "extract":
            os.makedirs(os.path.dirname(po_path), exist_ok=True)
            markdown_to_pofile(os.path.join(content, rel), po_filepath=po_path, save=True)
        else:
            out = os.path.join(out_dir, rel)
            os.makedirs(os.path.dirname(out), exist_ok=True)
            pofile_to_markdown(os.path.join(content, rel), po_path, save=out)


def ttk(step: str, content: str, po_dir: str, out_dir: str) -> None:
    if step == "extract":
        from translate.convert.md2po import main

        main(["--progress=none", "-i", content, "-o", po_dir])
    else:
        from translate.convert.po2md import main

        main(["--progress=none", "-i", po_dir, "-t", content, "-o", out_dir])


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _unquoted(text: str) -> str:
    return text[1:-1].replace("\\n", "\n").replace('\\"', '"').replace("\\\\", "\\")


def floor(step: str, content: str, po_dir: str, out_dir: str) -> None:
    for rel in articles(content):
        po_path = os.path.join(po_dir, rel + ".po")
        with open(os.path.join(content, rel), encoding="utf-8") as file:
            blocks = file.read().split("\n\n")
        if step == "extract":
            os.makedirs(os.path.dirname(po_path), exist_ok=True)
            with open(po_path, "w", encoding="utf-8") as file:
                file.writelines(f"msgid {_quoted(block)}\nmsgstr \"\"\n\n" for block in blocks)
            continue
        translated = {}
        with open(po_path, encoding="utf-8") as file:
            for entry in file.read().split("\n\n"):
                if entry:
                    msgid, msgstr = entry.split("\nmsgstr ")
                    translated[_unquoted(msgid[len("msgid ") :])] = _unquoted(msgstr)
        out = os.path.join(out_dir, rel)
        os.makedirs(os.path.dirname(out), exist_ok=True)
        with open(out, "w", encoding="utf-8") as file:
            file.write("\n\n".join(translated.get(block) or block for block in blocks))


TOOLS = {"mdpo": mdpo, "ttk": ttk, "floor": floor}

if __name__ == "__main__":
    tool, step, content, po_dir, *rest = sys.argv[1:]
    TOOLS[tool](step, content, po_dir, rest[0] if rest else "")
