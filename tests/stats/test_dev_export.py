"""The figures for the shared development export equal its stats.json exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from tests.conftest import shared_path
from tests.stats.conftest import run_stats


def test_every_figure_equals_stats_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    export = shared_path("whoknows-dev", "export.zip")
    config_source = shared_path("whoknows-dev", "vraagbaak.toml")
    expected = json.loads(shared_path("whoknows-dev", "stats.json").read_text(encoding="utf-8"))
    config = tmp_path / "vraagbaak.toml"
    config.write_text(
        config_source.read_text(encoding="utf-8")
        + f'\n[database]\nurl = "sqlite:///{tmp_path / "dev.db"}"\n',
        encoding="utf-8",
    )
    assert main(["import", "slack-export", str(export), "--quiet", "--config", str(config)]) == 0

    result = run_stats(capsys, "--config", str(config))

    assert result["overall"] == expected["overall"]
    assert result["by_channel"] == expected["by_channel"]
    assert result["hidden"] == []
