"""Configuration: file, environment, flags, and the errors a typo deserves."""

from __future__ import annotations

from pathlib import Path

import pytest

from l10n.app import config
from l10n.errors import L10nError


def test_defaults_without_a_file(tmp_path: Path) -> None:
    settings = config.load(tmp_path, environ={})
    assert settings.content == "content"
    assert settings.locales == "locales"
    assert settings.output == "build/{lang}/{path}"
    assert settings.languages == ("ko", "en")
    assert settings.front_matter_keys == ("title", "subtitle", "description", "summary")
    assert settings.segment == "block"


def test_flag_beats_environment_beats_file(tmp_path: Path) -> None:
    (tmp_path / "l10n.toml").write_text('content = "from-file"\nlocales = "po"\n', encoding="utf-8")
    environ = {"L10N_CONTENT": "from-env"}

    assert config.load(tmp_path, environ={}).content == "from-file"
    assert config.load(tmp_path, environ=environ).content == "from-env"
    assert config.load(tmp_path, {"content": "from-flag"}, environ=environ).content == "from-flag"
    assert config.load(tmp_path, {"content": "from-flag"}, environ=environ).locales == "po"


def test_pyproject_table_is_read(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "site"\n\n[tool.l10n]\nlanguages = ["ko-KR", "en"]\n', encoding="utf-8"
    )
    settings = config.load(tmp_path, environ={})
    assert settings.languages == ("ko_KR", "en")
    assert settings.source == "pyproject.toml"


def test_find_root_walks_up_to_the_config_file(tmp_path: Path) -> None:
    (tmp_path / "l10n.toml").write_text("", encoding="utf-8")
    nested = tmp_path / "content" / "2026"
    nested.mkdir(parents=True)
    assert config.find_root(nested) == tmp_path.resolve()


def test_environment_lists_and_numbers(tmp_path: Path) -> None:
    settings = config.load(tmp_path, environ={"L10N_LANGUAGES": "ko, en, ja", "L10N_MIN_COVERAGE": "80"})
    assert settings.languages == ("ko", "en", "ja")
    assert settings.min_coverage == 80


@pytest.mark.parametrize(
    "text, line, message, hint",
    [
        ('languges = ["ko", "en"]\n', 1, "unknown setting 'languges'", "did you mean 'languages'?"),
        ('content = "c"\nlanguages = ["kr", "en"]\n', 2, "unknown language code 'kr'", "did you mean 'ko'"),
        ('segment = "paragraph"\n', 1, "segment must be one of block, sentence", 'segment = "sentence"'),
        ('output = "build/{path}"\n', 1, "must contain {lang}", "build/{lang}/{path}"),
        ('output = "build/{lang}/{name}"\n', 1, "unknown field {name}", "{stem}"),
        ('min_coverage = "high"\n', 1, "must be a whole number", ""),
        ('languages = "ko"\n', 1, "must be a list of strings", "languages = "),
        ('content = "c\n', 1, "invalid TOML", "quoting"),
        ('never_translate = ["(unclosed"]\n', 1, "not a valid regular expression", ""),
    ],
)
def test_bad_settings_name_the_file_line_and_fix(tmp_path: Path, text: str, line: int, message: str, hint: str) -> None:
    (tmp_path / "l10n.toml").write_text(text, encoding="utf-8")
    with pytest.raises(L10nError) as caught:
        config.load(tmp_path, environ={})
    assert caught.value.path == "l10n.toml"
    assert caught.value.line == line
    assert message in caught.value.message
    assert hint in (caught.value.hint or "")


def test_bad_environment_value_is_named(tmp_path: Path) -> None:
    with pytest.raises(L10nError) as caught:
        config.load(tmp_path, environ={"L10N_USE_FUZZY": "maybe"})
    assert "L10N_USE_FUZZY must be true or false" in str(caught.value)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("max_chars = 1.9", "[deepl] max_chars must be a whole number, not 1.9"),
        ("max_chars = true", "[deepl] max_chars must be a whole number, not True"),
        ('max_chars = "4500"', "[deepl] max_chars must be a whole number, not '4500'"),
    ],
)
def test_a_table_setting_of_the_wrong_type_names_its_line(tmp_path: Path, written: str, message: str) -> None:
    (tmp_path / "l10n.toml").write_text(f'languages = ["ko", "en"]\n\n[deepl]\n{written}\n', encoding="utf-8")
    settings = config.load(tmp_path, {}, environ={})

    with pytest.raises(L10nError) as raised:
        config.section(settings, "deepl", {"max_chars": int, "rate": float}, environ={})

    assert raised.value.message == message and raised.value.line == 4


def test_a_table_setting_from_the_environment_is_parsed_from_text(tmp_path: Path) -> None:
    (tmp_path / "l10n.toml").write_text('languages = ["ko", "en"]\n\n[deepl]\nrate = 2\n', encoding="utf-8")
    settings = config.load(tmp_path, {}, environ={})
    environ = {"L10N_DEEPL_MAX_CHARS": "4500", "L10N_DEEPL_FORMAL": "yes"}

    values = config.section(settings, "deepl", {"max_chars": int, "rate": float, "formal": bool}, environ=environ)

    assert values == {"max_chars": 4500, "rate": 2.0, "formal": True}



@pytest.mark.parametrize(
    ("patterns", "kept"),
    [
        # Joined into one regex.
        (["^By ", "^Copyright"], ["zzz", "COPYRIGHT Yonhap", "The council met."]),
        # A back-reference: searched one by one.
        ([r"^(\w)\1\1$", "^By "], ["COPYRIGHT Yonhap", "Copyright law changed today.", "The council met."]),
        # A global flag: searched one by one.
        (["(?i)^copyright", "^By "], ["zzz", "The council met."]),
    ],
)
def test_never_translate_patterns_each_keep_their_segments_out(
    tmp_path: Path, patterns: list[str], kept: list[str]
) -> None:
    from l10n.app import workspace
    from l10n.formats import base
    from l10n.formats import markdown as md

    literals = ", ".join(f"'{pattern}'" for pattern in patterns)  # TOML literal strings
    (tmp_path / "l10n.toml").write_text(f"never_translate = [{literals}]\n", encoding="utf-8")
    options = workspace.format_options(config.load(tmp_path, {}, environ={}))
    article = "By Kim Min-ji\n\nzzz\n\nCOPYRIGHT Yonhap\n\nCopyright law changed today.\n\nThe council met.\n"

    assert [segment.text for segment in base.segment(md, article, options)] == kept
