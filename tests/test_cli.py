"""The command line as users meet it: exit codes, messages, hints, --help."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from l10n.cli import main
from tests.conftest import snapshot


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_extract_then_build_summarises_what_it_did(newsroom: Path) -> None:
    code, out, _ = run("extract")
    assert code == 0
    assert "created      locales/en/news/port-opening.md.po" in out
    assert out.strip().endswith("3 articles, 27 segments read: 5 catalogs created, 0 updated, 0 unchanged")

    code, out, _ = run("build")
    assert code == 0
    # Nothing is translated yet: nothing is published, and build says why for each.
    assert "5 localized articles built: 0 written, 0 unchanged, 5 blocked; 1 already in the language" in out
    assert "blocked    build/en/news/port-opening.md (0/13 may be published)" in out


def test_copy_sources_also_writes_each_article_in_its_own_language(newsroom: Path) -> None:
    run("extract")

    code, out, _ = run("build", "--copy-sources")

    assert code == 0
    assert "6 localized articles built: 1 written, 0 unchanged, 5 blocked" in out  # the five translations wait for translators
    assert "wrote      build/ko/news/port-opening.md (nothing to translate)" in out
    assert (newsroom / "build/ko/news/port-opening.md").read_text(encoding="utf-8").startswith("---\n")


def test_second_extract_says_nothing_changed(newsroom: Path) -> None:
    run("extract")
    code, out, _ = run("extract")
    assert code == 0
    assert "0 catalogs created, 0 updated, 5 unchanged" in out


def test_extract_check_fails_in_ci_when_catalogs_are_stale(newsroom: Path) -> None:
    code, out, err = run("extract", "--check")
    assert code == 1
    assert "would create" in out
    assert "5 catalogs are out of date with the content; run `l10n extract`" in err

    run("extract")
    code, out, _ = run("extract", "--check")
    assert code == 0
    assert "catalogs are up to date" in out


def test_bad_article_gives_location_hint_and_exit_1(newsroom: Path) -> None:
    (newsroom / "content/news/open.md").write_text("---\ntitle: x\n\nno closing fence\n", encoding="utf-8")
    before = snapshot(newsroom)

    code, _, err = run("extract")

    assert code == 1
    assert err.startswith("error: content/news/open.md:1: ")
    assert "\nhint: " in err
    assert "Traceback" not in err
    assert snapshot(newsroom) == before


def test_unknown_language_suggests_the_right_code(newsroom: Path) -> None:
    code, _, err = run("--languages", "kr,en", "extract")
    assert code == 1
    assert "unknown language code 'kr'" in err
    assert "hint: did you mean 'ko' (Korean)?" in err


def test_usage_error_exits_2(newsroom: Path) -> None:
    code, _, err = run("extract", "--segment", "paragraph")
    assert code == 2
    assert "Invalid value for '--segment'" in err


def test_help_teaches_by_example() -> None:
    for command in ("extract", "build", "init"):
        code, out, _ = run(command, "--help")
        assert code == 0
        assert "Example" in out, command
    code, out, _ = run("--help")
    assert "l10n extract" in out and "l10n build" in out


def test_init_creates_a_project_and_never_overwrites(tmp_path: Path) -> None:
    code, out, _ = run("-C", str(tmp_path), "init")
    assert code == 0
    assert "created l10n.toml" in out
    assert (tmp_path / "content").is_dir() and (tmp_path / "locales").is_dir()
    (tmp_path / "l10n.toml").write_text('languages = ["ko", "en", "ja"]\n', encoding="utf-8")

    code, out, _ = run("-C", str(tmp_path), "init")
    assert "kept    l10n.toml (already there)" in out
    assert (tmp_path / "l10n.toml").read_text(encoding="utf-8") == 'languages = ["ko", "en", "ja"]\n'


def test_installed_command_runs_as_a_module(newsroom: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "l10n", "extract"],
        cwd=newsroom,
        capture_output=True,
        text=True,
        encoding="utf-8",
    )
    assert result.returncode == 0, result.stderr
    assert "5 catalogs created" in result.stdout


def test_a_language_the_project_does_not_have_is_refused_before_anything_is_written(newsroom: Path) -> None:
    run("extract")

    code, _, err = run("build", "--lang", "fr")

    assert code == 1
    assert "fr is not one of the project's languages" in err and "hint: languages: ko, en" in err
    assert not (newsroom / "build").exists()
