from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.core.config import ConfigError, load_config

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


MATRIX = """
[matrix]
homeserver = "http://127.0.0.1:8008"
user_id = "@vraagbaak:ermelo.nl"
pasword = "geheim-wachtwoord"
"""
SLACK_BOTH = """
[slack]
bot_token = "xoxb-1-2-abc"
app_token = "xapp-1-abc"
signing_secret = "0123456789abcdef0123456789abcdef"
"""


@pytest.mark.parametrize("command", ["check", "run"])
@pytest.mark.parametrize(
    ("extra", "expected"),
    [
        (MATRIX, "matrix.pasword: unknown key"),
        (SLACK_BOTH, "not both"),
    ],
)
def test_config_check_and_run_refuse_the_same_platform_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, extra: str, expected: str
) -> None:
    """Issue 13: ``config check`` said OK for what ``run`` refused with exit 2."""
    from bot.cli import main

    path = write(tmp_path, GOOD + extra)
    argv = ["config", "check"] if command == "check" else ["run", "--health-port", "0"]
    assert main([*argv, "--config", str(path)]) == 2
    assert expected in capsys.readouterr().err


def test_config_check_warns_when_matrix_accounts_have_no_organisation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main

    path = write(tmp_path, GOOD + MATRIX.replace("pasword", "password"))
    assert main(["config", "check", "--config", str(path)]) == 0
    captured = capsys.readouterr()
    assert "OK" in captured.out
    assert "no [[organisations]] has matrix_ids" in captured.err
    placed = GOOD.replace("external = false", 'external = false\nmatrix_ids = ["@*:ermelo.nl"]')
    path = write(tmp_path, placed + MATRIX.replace("pasword", "password"))
    assert main(["config", "check", "--config", str(path)]) == 0
    assert "matrix_ids" not in capsys.readouterr().err


def test_matrix_ids_place_accounts_case_insensitively_on_the_server_part(tmp_path: Path) -> None:
    text = GOOD.replace("external = false", 'external = false\nmatrix_ids = ["@*:Ermelo.nl"]')
    text += """
[[organisations]]
id = "vandijkbouw"
name = "Van Dijk Bouw"
matrix_ids = ["@gerrit:gedeeld.example", "@vdb-*:gedeeld.example"]
external = true
"""
    config = load_config(write(tmp_path, text), environ={})
    found = config.organisation_for_matrix_id

    def org(user_id: str) -> str | None:
        placed = found(user_id)
        return placed.id if placed else None

    assert org("@anouk:ermelo.nl") == "ermelo"
    assert org("@anouk:ERMELO.NL") == "ermelo"
    assert org("@anouk:ermelo.nl.evil.example") is None
    assert org("@anouk:evil-ermelo.nl") is None
    assert org("@gerrit:gedeeld.example") == "vandijkbouw"
    assert org("@vdb-piet:gedeeld.example") == "vandijkbouw"
    assert org("@anouk:gedeeld.example") is None
    assert org("no-colon") is None


def test_a_matrix_id_pattern_must_look_like_a_user_id(tmp_path: Path) -> None:
    text = GOOD.replace("external = false", 'external = false\nmatrix_ids = ["ermelo.nl"]')
    with pytest.raises(ConfigError, match="not a Matrix user id pattern"):
        load_config(write(tmp_path, text), environ={})
