"""A first-time user's start: the README's commands, init, offline drafts, settings
blamed on their real source, and messages that read right for one of a thing."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from click.testing import CliRunner

from l10n.app import build as building
from l10n.app import config
from l10n.app import extract as extracting
from l10n.cli import main
from l10n.cli.console import colour_for
from tests.conftest import publish_what_translators_write, snapshot, translate_first_entries
from tests.test_translate import extract
from tests.test_translate_cli import run as run_in


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


def _refusing_url() -> str:
    """A loopback URL nothing listens on: connections are refused, as when offline."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/"


def test_translate_offline_with_the_default_provider_suggests_pseudo_and_a_local_libretranslate(newsroom: Path) -> None:
    extract(newsroom)
    environ = {"L10N_GOOGLE_URL": _refusing_url(), "L10N_GOOGLE_MAX_RETRIES": "0"}

    code, _, err = run_in(newsroom, "translate", "--lang", "en", environ=environ)

    assert code == 1
    assert "gave up on google" in err
    assert "hint: google could not be reached" in err
    assert "--provider pseudo" in err
    assert "L10N_LIBRE_URL=http://localhost:5000/ l10n translate --provider libre" in err


# ---------------------------------------------------------------- a bad setting is blamed on its source


def test_a_mistyped_provider_flag_is_blamed_on_the_flag_not_the_file(newsroom: Path) -> None:
    extract(newsroom)

    code, _, err = run_in(newsroom, "translate", "--provider", "gogle")

    assert code == 1
    assert err.startswith("error: --provider: ")
    assert "gogle" in err and "l10n.toml" not in err


def test_a_bad_language_in_the_environment_is_blamed_on_the_variable(newsroom: Path) -> None:
    config = newsroom / "l10n.toml"
    config.write_text("\n" * 11 + 'languages = ["ko", "en"]\n', encoding="utf-8")

    code, _, err = run_in(newsroom, "status", environ={"L10N_LANGUAGES": "ko,kr"})

    assert code == 1
    assert err.startswith("error: L10N_LANGUAGES: unknown language code 'kr'")
    assert "l10n.toml" not in err


def test_a_bad_language_flag_is_blamed_on_the_flag_and_one_in_the_file_on_its_line(newsroom: Path) -> None:
    code, _, err = run_in(newsroom, "--languages", "kr,en", "status")
    assert code == 1
    assert err.startswith("error: --languages: unknown language code 'kr'")

    (newsroom / "l10n.toml").write_text("\n" * 11 + 'languages = ["ko", "kr"]\n', encoding="utf-8")
    code, _, err = run_in(newsroom, "status")
    assert code == 1
    assert err.startswith("error: l10n.toml:12: unknown language code 'kr'")


# ---------------------------------------------------------------- an output pattern is never read back as input

HUGO = "{dir}/{stem}.{lang}{ext}"


def test_hugo_output_given_as_a_flag_is_refused_before_anything_is_written(newsroom: Path) -> None:
    extract(newsroom)
    before = snapshot(newsroom)

    code, _, err = run_in(newsroom, "build", "--output", HUGO)

    assert code == 1
    assert err.startswith("error: --output: output pattern '{dir}/{stem}.{lang}{ext}' writes into content/")
    assert 'hint: set it in l10n.toml, where extract reads it too: output = "{dir}/{stem}.{lang}{ext}"' in err
    assert snapshot(newsroom) == before
    code, _, err = run_in(newsroom, "build", environ={"L10N_OUTPUT": HUGO})
    assert code == 1 and err.startswith("error: L10N_OUTPUT: ")


def test_hugo_output_set_in_the_file_is_built_and_never_extracted_as_articles(newsroom: Path) -> None:
    extract(newsroom)
    with (newsroom / "l10n.toml").open("a", encoding="utf-8") as config:
        config.write(f'output = "{HUGO}"\n')
    translate_first_entries(newsroom)  # build publishes only what is translated
    publish_what_translators_write(newsroom)
    catalogs = snapshot(newsroom / "locales")

    code, _, _ = run_in(newsroom, "build")
    assert code == 0
    assert (newsroom / "content/news/port-opening.en.md").is_file()

    code, out, _ = run_in(newsroom, "extract")
    assert code == 0
    assert "3 articles" in out and "0 catalogs created, 0 updated" in out
    assert snapshot(newsroom / "locales") == catalogs


def test_an_output_flag_outside_the_content_folder_is_fine(newsroom: Path) -> None:
    extract(newsroom)
    translate_first_entries(newsroom)  # build publishes only what is translated
    publish_what_translators_write(newsroom)

    code, _, _ = run_in(newsroom, "build", "--output", "site/{lang}/{path}")

    assert code == 0
    assert (newsroom / "site/en/news/port-opening.md").is_file()


# ---------------------------------------------------------------- one of a thing reads as one


def test_one_article_one_catalog_one_entry_read_in_the_singular(tmp_path: Path) -> None:
    run("-C", str(tmp_path), "init")
    (tmp_path / "content/brief.md").write_text("# 부산 신항 개장\n", encoding="utf-8")

    code, out, _ = run("-C", str(tmp_path), "extract")
    assert code == 0
    assert "created      locales/en/brief.md.po (1 entry)" in out
    assert out.splitlines()[-1] == "1 article, 1 segment read: 1 catalog created, 0 updated, 0 unchanged"

    code, _, err = run("-C", str(tmp_path), "extract", "--check")
    assert code == 0
    (tmp_path / "content/brief.md").write_text("# 부산 신항 개장 첫날\n", encoding="utf-8")
    code, _, err = run("-C", str(tmp_path), "extract", "--check")
    assert code == 1 and "1 catalog is out of date" in err

    run("-C", str(tmp_path), "extract")
    translate_first_entries(tmp_path)  # build publishes only what is translated
    publish_what_translators_write(tmp_path)
    code, out, _ = run("-C", str(tmp_path), "build")
    assert code == 0 and "1 localized article built: 1 written" in out


# ---------------------------------------------------------------- NO_COLOR


def test_no_color_takes_the_colour_out_of_errors_even_on_a_colour_terminal(newsroom: Path) -> None:
    def error_output(env: dict[str, str]) -> str:
        result = CliRunner().invoke(main, ["--languages", "kr,en", "extract"], env=env, color=True)
        assert result.exit_code == 1
        return result.stderr

    assert "\x1b[31m" in error_output({"NO_COLOR": ""})  # empty: not set, per no-color.org
    plain = error_output({"NO_COLOR": "1"})
    assert "\x1b[" not in plain and plain.startswith("error: --languages: unknown language code 'kr'")


class _Terminal:
    def isatty(self) -> bool:
        return True


def test_no_color_turns_off_the_status_table_and_review_list_colours_in_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    assert colour_for(_Terminal())
    monkeypatch.setenv("NO_COLOR", "1")
    assert not colour_for(_Terminal())


# ---------------------------------------------------------------- the progress total


def test_the_progress_total_is_every_article_from_the_first_report_and_never_grows(
    newsroom: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("L10N_JOBS", "1")
    for number in range(80):  # beyond the walk's first window of 64 articles
        (newsroom / f"content/news/brief-{number:02}.md").write_text(f"# 단신 {number}호\n", encoding="utf-8")
    totals: list[int] = []

    def progress(done: int, total: int, label: str) -> None:
        totals.append(total)

    extracting.extract(config.load(newsroom, environ={}), progress=progress)
    building.build(config.load(newsroom, environ={}), progress=progress)

    assert len(totals) > 80
    assert set(totals) == {83}


# ---------------------------------------------------------------- --quiet


def test_quiet_commands_print_nothing_but_still_work_and_still_fail(newsroom: Path) -> None:
    code, out, err = run_in(newsroom, "extract", "--check", "--quiet")
    assert code == 1 and out == ""
    assert "5 catalogs are out of date" in err  # why it failed still shows

    with (newsroom / "l10n.toml").open("a", encoding="utf-8") as file:
        file.write('\n[publish]\nallow_machine = true\nminimum = { "*" = "translated" }\n')  # the drafts may go out
    for command in (["extract", "-q"], ["translate", "--provider", "pseudo", "-q"], ["build", "-q"]):
        code, out, err = run_in(newsroom, *command)
        assert (code, out, err) == (0, "", ""), command
    assert (newsroom / "build/en/news/scraped.txt").is_file()  # pseudo text passes its checks only here
