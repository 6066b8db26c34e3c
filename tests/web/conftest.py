"""A bot with people, figures and waiting mail, and its dashboard on a real aiohttp server on
127.0.0.1 (``aiohttp.test_utils``), on a manual clock."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.core.clock import ManualClock
from bot.core.events import ConversationRef
from bot.mail.component import MailComponent
from bot.mail.store import store_raw
from bot.startup.app import build_bot
from bot.storage.mail_models import InboundEmail
from bot.web.app import dashboard_app
from bot.web.signin import issue_link
from tests.conftest import make_config
from tests.mail import mails
from tests.schedules.conftest import PLATFORM, ROOM, FakeExpertFinder, World, local
from tests.support.recording_adapter import RecordingAdapter

OMG = ConversationRef(PLATFORM, "omgevingswet", "omgevingswet")
ADMIN = "beheer@harderwijk.nl"
MANAGER = "cm@ermelo.nl"  # unscoped: [bot] community_managers
GROUP_MANAGER = "groep@harderwijk.nl"  # sociaal-domein only
MEMBER = "lid@ermelo.nl"
PARTNER = "eva@vandijkbouw.nl"  # external organisation, even listed as a group's manager
ASKERS = ["a1@ermelo.nl", "a2@harderwijk.nl", "a3@ermelo.nl"]
HELPERS = ["h1@harderwijk.nl", "h2@ermelo.nl", "h3@vandijkbouw.nl"]

GROUPS: list[dict[str, object]] = [
    {
        "id": "sociaal-domein",
        "name": "Sociaal domein",
        "keywords": ["wmo", "bijstand"],
        "email": "sociaal-domein@vraagbaak.example",
        "community_managers": [GROUP_MANAGER, PARTNER],
    },
    {
        "id": "omgevingswet",
        "name": "Omgevingswet",
        "keywords": ["omgevingsvergunning"],
        "email": "omgevingswet@vraagbaak.example",
        "nudges": ["escalation"],
    },
]


class CapturedMail:
    def __init__(self) -> None:
        self.sent: list[Any] = []

    async def __call__(self, message: Any) -> None:
        self.sent.append(message)


@dataclass
class Site:
    world: World
    client: TestClient[Any, Any]
    mail: MailComponent
    config_file: Path

    @property
    def services(self) -> Any:
        return self.world.services

    async def link_for(self, email: str, minutes: int = 15) -> str:
        person = await self.world.person(email)
        assert person.id is not None
        async with self.services.db.session() as session:
            token = await issue_link(session, person.id, self.world.clock.now(), minutes)
            await session.commit()
        return token

    async def sign_in(self, email: str) -> None:
        token = await self.link_for(email)
        response = await self.client.post("/login", data={"token": token}, allow_redirects=False)
        assert response.status == 303, await response.text()

    def world_room(self) -> ConversationRef:
        return ROOM

    async def csrf(self, path: str = "/profiel") -> str:
        html = await (await self.client.get(path)).text()
        found = re.search(r'name="csrf" value="([^"]+)"', html)
        assert found, html[:500]
        return found[1]


async def seed(world: World) -> None:
    """Eleven questions in sociaal-domein (shown), one in omgevingswet (one person: hidden),
    all in March 2026, and everyone else once in a direct conversation."""
    for email in [ADMIN, MANAGER, GROUP_MANAGER, MEMBER, PARTNER]:
        await world.say(email, "hallo", direct=True)
    for day in range(2, 7):
        world.clock.set(local(2026, 3, day, 10))
        asker = ASKERS[day % 3]
        question = await world.say(asker, f"Vraag {day} over de Wmo?")
        # And one from a colleague in Ermelo, answered in Harderwijk: a pair of organisations
        # about more than five people, so the matrix shows it.
        colleague = await world.say(f"e{day}@ermelo.nl", f"Wie kent de bijstandsnorm {day}?")
        world.clock.set(local(2026, 3, day, 11 + day % 2))
        await world.say(HELPERS[day % 3], f"Antwoord {day}", thread=question)
        await world.say("h1@harderwijk.nl", f"Zie de regeling {day}", thread=colleague)
    world.clock.set(local(2026, 3, 9, 10))
    await world.say(ASKERS[0], "Nog een open vraag, al dagen", room=ROOM)
    await world.say(ASKERS[1], "Vraag over een omgevingsvergunning", room=OMG)
    world.clock.set(local(2026, 3, 9, 11))


def write_config_file(folder: Path, database_url: str) -> Path:
    """The same configuration as TOML, for ``vraagbaak stats --json --config``."""
    path = folder / "vraagbaak.toml"
    lines = [
        "[bot]",
        'language = "nl"',
        f'admins = ["{ADMIN}"]',
        f'community_managers = ["{MANAGER}"]',
        "[database]",
        f'url = "{database_url}"',
        "[stats]",
        'ignore_groups = ["algemeen"]',
    ]
    for org, domain, external in (
        ("ermelo", "ermelo.nl", False),
        ("harderwijk", "harderwijk.nl", False),
        ("vandijkbouw", "vandijkbouw.nl", True),
    ):
        lines += [
            "[[organisations]]",
            f'id = "{org}"',
            f'name = "{org.title()}"',
            f'domains = ["{domain}"]',
            f"external = {'true' if external else 'false'}",
        ]
    for group in GROUPS:
        lines += ["[[groups]]", f'id = "{group["id"]}"', f'name = "{group["name"]}"']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


async def build_site(tmp_path: Path, **web: Any) -> AsyncIterator[Site]:
    url = f"sqlite:///{tmp_path / 'web.db'}"
    config = make_config(
        url,
        groups=GROUPS,  # type: ignore[arg-type]
        bot={"language": "nl", "admins": [ADMIN], "community_managers": [MANAGER]},
        web={"figures_cache_seconds": 0, **web},
    )
    clock = ManualClock(local(2026, 3, 2, 8))
    bot = build_bot(config, clock=clock)
    await bot.prepare()
    adapter = RecordingAdapter(platform=PLATFORM)
    bot.services.adapters.add(adapter)
    world = World(bot, adapter, clock, FakeExpertFinder([]))
    await seed(world)
    mail = MailComponent(bot, transport=CapturedMail(), smtp=False)
    await mail.desk.refresh_router()
    world.clear()
    client: TestClient[Any, Any] = TestClient(TestServer(dashboard_app(bot.services)))
    await client.start_server()
    try:
        yield Site(world, client, mail, write_config_file(tmp_path, url))
    finally:
        await client.close()
        await bot.close()


@pytest.fixture
async def site(tmp_path: Path) -> AsyncIterator[Site]:
    async for built in build_site(tmp_path):
        yield built


async def held_mail(site: Site, subject: str = "Vraag over de bijstand") -> int:
    """A mail from an unknown sender, held for a moderator by the real desk."""
    raw = bytes(
        mails.plain(
            "Geachte heer, mijn BSN is 123456782 en mijn telefoon 06-12345678. "
            "Hoe werkt de bijstand?",
            subject=subject,
            sender="Piet Onbekend <piet@elders.example>",
        )
    )
    stored = await store_raw(site.services.db, raw, recipients=["sociaal-domein@vraagbaak.example"])
    async with site.services.db.session() as session:
        row = await session.get(InboundEmail, stored.id)
        assert row is not None
        row.next_attempt_at = site.world.clock.now()  # stored on the wall clock; ours is March
        session.add(row)
        await session.commit()
    await site.mail.desk.process_pending()
    assert stored.id is not None
    return stored.id
