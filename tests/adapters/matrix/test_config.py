"""The [matrix] table."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.adapters.matrix.config import matrix_settings, parse_matrix_settings
from bot.core.config import ConfigError, parse_config

BASE = {"homeserver": "https://matrix.example.nl/", "user_id": "@vraagbaak:example.nl"}


def test_password_login_with_defaults() -> None:
    settings = parse_matrix_settings({**BASE, "password": "geheim"})
    assert settings.homeserver == "https://matrix.example.nl"
    assert settings.server_name == "example.nl"
    assert settings.store_folder(Path("data")) == Path("data/matrix-store")


def test_unknown_key_is_refused_with_its_name() -> None:
    with pytest.raises(ConfigError) as caught:
        parse_matrix_settings({**BASE, "password": "x", "pasword": "y"})
    assert "matrix.pasword: unknown key" in str(caught.value)


def test_credentials_are_required() -> None:
    with pytest.raises(ConfigError, match="set password"):
        parse_matrix_settings(BASE)
    with pytest.raises(ConfigError, match="needs device_id"):
        parse_matrix_settings({**BASE, "access_token": "syt_x"})


def test_admins_must_be_user_ids() -> None:
    with pytest.raises(ConfigError, match="not a Matrix user id"):
        parse_matrix_settings({**BASE, "password": "x", "admins": ["beheer@example.nl"]})


def test_absent_table_means_no_matrix() -> None:
    assert matrix_settings(parse_config({}, "(test)")) is None
    config = parse_config({"matrix": {**BASE, "password": "x"}}, "(test)")
    settings = matrix_settings(config)
    assert settings is not None and settings.user_id == "@vraagbaak:example.nl"
