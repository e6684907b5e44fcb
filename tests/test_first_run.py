"""A first-time user's start: the README's commands, init, offline drafts, settings
blamed on their real source, and messages that read right for one of a thing."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from l10n.cli import main


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_init_keeps_built_articles_and_compiled_catalogs_out_of_git(tmp_path: Path) -> None:
    (tmp_path / ".gitignore").write_text("*.pyc\n", encoding="utf-8")

    code, out, _ = run("-C", str(tmp_path), "init")

    assert code == 0
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8").splitlines() == ["*.pyc", ".cache/", "build/", "*.mo"]
    assert "created .gitignore entry build/" in out
    code, out, _ = run("-C", str(tmp_path), "init")
    assert (tmp_path / ".gitignore").read_text(encoding="utf-8").count("build/") == 1


README = Path(__file__).resolve().parent.parent / "README.md"


def _shell_lines(text: str) -> list[str]:
    """The lines of the README's ```sh blocks, in order."""
    lines, inside = [], False
    for line in text.splitlines():
        if line.startswith("```"):
            inside = line == "```sh"
            continue
        if inside:
            lines.append(line.split("#")[0].strip())
    return lines


def test_the_readme_activates_the_venv_before_its_first_bare_l10n_command() -> None:
    lines = _shell_lines(README.read_text(encoding="utf-8"))
    install = next(i for i, line in enumerate(lines) if "python3 -m venv .venv" in line)
    bare = next(
        i for i, line in enumerate(lines) if any(word == "l10n" for word in line.split()) and "poedit" not in line
    )
    activate = [i for i, line in enumerate(lines) if line in (". .venv/bin/activate", "source .venv/bin/activate")]

    # The install runs the tool as .venv/bin/l10n; a bare `l10n` only works once activated.
    assert ".venv/bin/l10n extract" in lines[install]
    assert activate and install < activate[0] < bare

