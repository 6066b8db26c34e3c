"""Helpers for the statistics tests: a configuration file and running ``vraagbaak stats``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main

CONFIG_TOML = """
[bot]
language = "nl"

[database]
url = "{url}"

[[organisations]]
id = "ermelo"
name = "Gemeente Ermelo"
domains = ["ermelo.nl"]

[[organisations]]
id = "harderwijk"
name = "Gemeente Harderwijk"
domains = ["harderwijk.nl"]

[[organisations]]
id = "vandijkbouw"
name = "Van Dijk Bouw"
domains = ["vandijkbouw.nl"]
external = true

[[groups]]
id = "sociaal-domein"
name = "Sociaal domein"

[[groups]]
id = "omgevingswet"
name = "Omgevingswet"

[stats]
ignore_groups = ["algemeen"]
"""


def write_config(folder: Path, database_url: str) -> Path:
    path = folder / "vraagbaak.toml"
    path.write_text(CONFIG_TOML.format(url=database_url), encoding="utf-8")
    return path


def run_stats(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["stats", "--json", *args]) == 0
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result
