"""`vraagbaak run` picks the Matrix adapter up when [matrix] is configured."""

from __future__ import annotations

from pathlib import Path

from bot.adapters.base import Adapter
from bot.adapters.matrix.component import MatrixComponent
from bot.startup.app import build_bot
from bot.startup.runtime import component_factories
from tests.conftest import make_config


def _components(tmp_path: Path, **sections: dict[str, object]) -> list[object]:
    bot = build_bot(make_config(f"sqlite:///{tmp_path / 'v.db'}", **sections))
    return [c for factory in component_factories() if (c := factory(bot)) is not None]


def test_no_matrix_table_no_matrix_component(tmp_path: Path) -> None:
    assert not any(isinstance(c, MatrixComponent) for c in _components(tmp_path))


def test_matrix_table_starts_the_adapter_with_its_store_in_the_data_dir(tmp_path: Path) -> None:
    matrix: dict[str, object] = {
        "homeserver": "http://127.0.0.1:8008",
        "user_id": "@vraagbaak:example.nl",
        "password": "geheim",
    }
    found = [
        c
        for c in _components(tmp_path, matrix=matrix, bot={"data_dir": str(tmp_path)})
        if isinstance(c, MatrixComponent)
    ]
    assert len(found) == 1
    component = found[0]
    assert component.name == "matrix"
    assert not component.healthy()  # not connected before start
    assert isinstance(component.adapter, Adapter)
    assert component.adapter.platform == "matrix"
    assert component.adapter._store == tmp_path / "matrix-store"
