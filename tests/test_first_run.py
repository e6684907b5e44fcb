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
