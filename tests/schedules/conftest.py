"""A bot on a manual clock with a recording adapter, people, and a fake expertise index."""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.core.clock import ManualClock
from bot.core.events import AccountRef, ConversationRef, MessageEvent
from bot.core.ports import Suggestion
from bot.startup.app import Bot, build_bot
from bot.storage.models import Person
from tests.conftest import make_config
from tests.support.recording_adapter import RecordingAdapter

AMS = ZoneInfo("Europe/Amsterdam")
PLATFORM = "console"
ROOM = ConversationRef(PLATFORM, "sociaal-domein", "sociaal-domein")
OTHER_ROOM = ConversationRef(PLATFORM, "omgevingswet", "omgevingswet")
EXPERTS = ["e1@ermelo.nl", "e2@harderwijk.nl", "e3@ermelo.nl", "e4@harderwijk.nl"]


def local(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=AMS)


def account(email: str) -> AccountRef:
    return AccountRef(PLATFORM, email.split("@")[0], email.split("@")[0].title(), email)


@dataclass
class FakeExpertFinder:
    """Suggests the experts in a fixed order (a fake at the port; the real index replaces it)."""

    emails: list[str]
    calls: list[str] = field(default_factory=list)

    async def suggest(
        self,
        session: AsyncSession,
        text: str,
        *,
        asker_id: int | None = None,
        group_id: str | None = None,
        exclude: Collection[int] = (),
        limit: int = 3,
    ) -> list[Suggestion]:
        self.calls.append(text)
        people = {p.email: p for p in await session.exec(select(Person))}
        found = []
        for rank, email in enumerate(self.emails):
            person = people.get(email)
            if person is not None and person.id is not None and person.id not in exclude:
                found.append(Suggestion(person.id, 1.0 - rank / 10, "answered before"))
        return found[:limit]


@dataclass
class World:
    bot: Bot
    adapter: RecordingAdapter
    clock: ManualClock
    finder: FakeExpertFinder
    counter: int = 0

    @property
    def services(self) -> Any:
        return self.bot.services

    async def say(
        self,
        email: str,
        text: str,
        *,
        room: ConversationRef = ROOM,
        thread: str | None = None,
        direct: bool = False,
    ) -> str:
        self.counter += 1
        message_id = f"m{self.counter}"
        conversation = (
            ConversationRef(PLATFORM, f"dm-{email}", "", is_direct=True) if direct else room
        )
        event = MessageEvent(
            conversation,
            message_id,
            account(email),
            text,
            thread_id=thread,
            timestamp=self.clock.now(),
        )
        await self.bot.dispatcher.dispatch(self.adapter, event)
        return message_id

    async def person(self, email: str) -> Person:
        async with self.bot.services.db.session() as session:
            found = (await session.exec(select(Person).where(Person.email == email))).first()
            assert found is not None
            return found

    def posts(self) -> list[Any]:
        return [s for s in self.adapter.sent if s.kind in ("post", "reply")]

    def directs(self, email: str | None = None) -> list[Any]:
        return [
            s
            for s in self.adapter.sent
            if s.kind == "direct" and (email is None or (s.to and s.to.email == email))
        ]

    def clear(self) -> None:
        self.adapter.sent.clear()


GROUPS: list[dict[str, object]] = [
    {
        "id": "sociaal-domein",
        "name": "Sociaal domein",
        "community_managers": ["cm@harderwijk.nl"],
        "greeters": ["greeter@ermelo.nl"],
    },
    {"id": "omgevingswet", "name": "Omgevingswet", "nudges": ["escalation"]},
]


async def make_world(tmp_path: Path, database_url: str | None = None, **sections: Any) -> World:
    url = database_url or f"sqlite:///{tmp_path / 'nudges.db'}"
    config = make_config(
        url,
        groups=sections.pop("groups", GROUPS),  # type: ignore[arg-type]
        bot={
            "language": "nl",
            "admins": ["beheer@harderwijk.nl"],
            "community_managers": ["cm@harderwijk.nl"],
        },
        **sections,
    )
    clock = ManualClock(local(2026, 3, 2, 8))  # Monday
    finder = FakeExpertFinder(list(EXPERTS))
    bot = build_bot(config, clock=clock, expert_finder=finder)
    await bot.prepare()
    adapter = RecordingAdapter(platform=PLATFORM)
    bot.services.adapters.add(adapter)
    world = World(bot, adapter, clock, finder)
    # Everyone says hello once (in the past), so they exist with accounts and memberships.
    clock.set(local(2026, 2, 2, 10))
    for email in [*EXPERTS, "asker@ermelo.nl", "cm@harderwijk.nl", "greeter@ermelo.nl"]:
        await world.say(email, "hallo")
    world.clear()
    clock.set(local(2026, 3, 2, 8))
    return world


@pytest.fixture
async def world(tmp_path: Path) -> AsyncIterator[World]:
    instance = await make_world(tmp_path)
    try:
        yield instance
    finally:
        await instance.bot.close()
