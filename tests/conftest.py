"""Shared fixtures: databases on SQLite and PostgreSQL, a recording adapter, the bot."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bot.core.clock import Clock
from bot.core.config import Config, parse_config
from bot.startup.app import Bot, build_bot
from tests.support.recording_adapter import RecordingAdapter

# ../shared beside the checkout, or where VRAAGBAAK_SHARED says (a worktree elsewhere)
SHARED = Path(os.environ.get("VRAAGBAAK_SHARED") or Path(__file__).resolve().parents[2] / "shared")
POSTGRES_ADMIN_URL = os.environ.get(
    "VRAAGBAAK_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
IN_CI = os.environ.get("CI") == "true"


def shared_path(*parts: str) -> Path:
    """A file of ``../shared``; the test skips (with the reason) where there is none."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"../shared/{'/'.join(parts)} is not beside this checkout (a fresh clone has none)"
        )
    return path


def _postgres_available() -> str | None:
    try:
        engine = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("select 1"))
        engine.dispose()
    except Exception as exc:  # any connection failure means "not here"
        return f"PostgreSQL not reachable at {POSTGRES_ADMIN_URL}: {type(exc).__name__}"
    return None


@pytest.fixture(scope="session")
def postgres_server() -> str:
    reason = _postgres_available()
    if reason is not None:
        if IN_CI:
            pytest.fail(f"CI needs PostgreSQL: {reason}")
        pytest.skip(reason)
    return POSTGRES_ADMIN_URL


def _fresh_postgres_database(admin_url: str) -> Iterator[str]:
    name = f"vraagbaak_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    base = admin_url.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """Every storage test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'vraagbaak.db'}"
        return
    admin_url = request.getfixturevalue("postgres_server")
    yield from _fresh_postgres_database(admin_url)


BASE_CONFIG: dict[str, object] = {
    "bot": {"language": "nl", "admins": ["beheer@harderwijk.nl"]},
    "organisations": [
        {"id": "ermelo", "name": "Gemeente Ermelo", "domains": ["ermelo.nl"]},
        {"id": "harderwijk", "name": "Gemeente Harderwijk", "domains": ["harderwijk.nl"]},
        {
            "id": "vandijkbouw",
            "name": "Van Dijk Bouw",
            "domains": ["vandijkbouw.nl"],
            "external": True,
        },
    ],
    "groups": [
        {
            "id": "sociaal-domein",
            "name": "Sociaal domein",
            "description": "Wmo, Jeugdwet, Participatiewet, bijstand, schuldhulpverlening",
            "keywords": ["wmo", "jeugdwet", "bijstand"],
            "email": "sociaal-domein@vraagbaak.example",
        },
        {
            "id": "omgevingswet",
            "name": "Omgevingswet",
            "description": "Omgevingsvergunning, omgevingsplan, bestemmingsplan",
            "keywords": ["omgevingsvergunning", "bestemmingsplan"],
            "email": "omgevingswet@vraagbaak.example",
        },
    ],
    "stats": {"ignore_groups": ["algemeen"]},
    "mail": {
        "general_address": "vraag@vraagbaak.example",
        # The tests' deployment: its MTA on loopback adds Authentication-Results.
        "trusted_authserv_ids": ["mx.vraagbaak.test"],
        "trusted_relays": ["127.0.0.1/32"],
    },
}


def make_config(database_url: str, **sections: dict[str, object]) -> Config:
    data = {**BASE_CONFIG, "database": {"url": database_url}, **sections}
    return parse_config(data, "(test)")


@pytest.fixture
def bot_clock() -> Clock | None:
    """The clock the ``bot`` fixture is built with: the system's, unless a test module (or a
    test, by parametrizing ``bot_clock``) gives a manual one. The clock is chosen before the
    bot is built; nothing swaps it later."""
    return None


@pytest.fixture
async def bot(database_url: str, bot_clock: Clock | None) -> AsyncIterator[Bot]:
    instance = build_bot(make_config(database_url), clock=bot_clock)
    await instance.prepare()
    try:
        yield instance
    finally:
        await instance.close()


@pytest.fixture
def adapter(bot: Bot) -> RecordingAdapter:
    recording = RecordingAdapter()
    bot.services.adapters.add(recording)
    return recording
