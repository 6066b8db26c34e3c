from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import ConfigError, load_config

GOOD = """
[bot]
language = "nl"

[database]
url = "sqlite:///vraagbaak-data/vraagbaak.db"

[[organisations]]
id = "ermelo"
name = "Gemeente Ermelo"
domains = ["Ermelo.nl"]
external = false

[[groups]]
id = "sociaal-domein"
name = "Sociaal domein"
description = "Wmo, Jeugdwet, Participatiewet, bijstand, schuldhulpverlening"
keywords = ["wmo", "jeugdwet", "bijstand"]
email = "sociaal-domein@vraagbaak.example"

[stats]
ignore_groups = ["algemeen", "random"]

[mail]
general_address = "vraag@vraagbaak.example"
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "vraagbaak.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_documented_example_loads(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, GOOD), environ={})
    assert config.bot.language == "nl"
    assert config.organisations[0].domains == ["ermelo.nl"]
    assert config.organisation_for_email("Iemand@ermelo.nl") is not None
    assert config.group("sociaal-domein") is not None


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    config = load_config(
        write(tmp_path, GOOD),
        environ={"VRAAGBAAK_BOT__LANGUAGE": "en", "VRAAGBAAK_MAIL__SMTP_PORT": "2626"},
    )
    assert config.bot.language == "en"
    assert config.mail.smtp_port == 2626


def test_config_file_from_environment(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    config = load_config(environ={"VRAAGBAAK_CONFIG": str(path)})
    assert config.groups[0].id == "sociaal-domein"


@pytest.mark.parametrize(
    ("change", "key", "reason"),
    [
        (('language = "nl"', 'language = "de"'), "bot.language", "must be 'nl' or 'en'"),
        (
            ("external = false", "external = false\ncolour = 'red'"),
            "organisations[0]",
            "unknown key",
        ),
        (
            ('keywords = ["wmo", "jeugdwet", "bijstand"]', "keywords = 3"),
            "groups[0] (id = 'sociaal-domein').keywords",
            "list",
        ),
    ],
)
def test_wrong_config_names_file_key_and_reason(
    tmp_path: Path, change: tuple[str, str], key: str, reason: str
) -> None:
    path = write(tmp_path, GOOD.replace(*change))
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={})
    message = str(caught.value)
    assert str(path) in message
    assert key in message
    assert reason in message


def test_config_check_exits_2_with_file_key_and_reason(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD.replace('language = "nl"', 'language = "fr"\nfoo = 1'))
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "config", "check", "--config", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert f"{path}: bot.language: must be 'nl' or 'en'" in result.stderr
    assert f"{path}: bot.foo: unknown key" in result.stderr


def test_config_check_accepts_a_good_file(tmp_path: Path) -> None:
    path = write(tmp_path, GOOD)
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "config", "check", "--config", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "OK" in result.stdout


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "nope.toml", environ={})
