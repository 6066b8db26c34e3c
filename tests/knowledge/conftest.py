from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlmodel import select

from bot.core.clock import ManualClock
from bot.core.config import Config
from bot.expertise.build_io import build_index
from bot.expertise.finder import ExpertIndex
from bot.importers.slack_import import import_slack_export
from bot.storage.database import Database
from bot.storage.models import Person
from knowledge.finder import Candidate
from knowledge.thesaurus import load_thesaurus
from tests.conftest import make_config
from tests.support.whoknows_export import END, write_export


@dataclass
class Indexed:
    database: Database
    config: Config
    index: ExpertIndex
    ids: dict[str, int]

    async def ask(self, text: str, asker: str | None = None, **kwargs: object) -> list[Candidate]:
        async with self.database.session() as session:
            ranking = await self.index.rank(
                session,
                text,
                asker_id=self.ids[asker] if asker else None,
                **kwargs,  # type: ignore[arg-type]
            )
            await session.commit()
        return ranking.candidates

    async def emails(self, text: str, asker: str | None = None) -> list[str | None]:
        return [c.email for c in await self.ask(text, asker, limit=5)]


@pytest.fixture
async def indexed(database_url: str, tmp_path: Path) -> AsyncIterator[Indexed]:
    config = make_config(database_url)
    database = Database(database_url)
    database.upgrade()
    import_slack_export(database, config, write_export(tmp_path))
    build_index(database, config.whoknows.half_life_days)
    with database.sync_session() as session:
        ids = {p.email: p.id for p in session.exec(select(Person)).all() if p.email and p.id}
    index = ExpertIndex(load_thesaurus(), clock=ManualClock(END))
    try:
        yield Indexed(database, config, index, ids)
    finally:
        await database.dispose()
