"""Migration 0008 moves the adoption state out of the key/value table into its typed tables
(and back on a downgrade), on SQLite and PostgreSQL: a global pause, a report room, a
group's switches, the last introductions round and the pseudonyms' key set before the
upgrade still hold after it."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import text

from bot.adoption.activity import pseudonym
from bot.adoption.rules import NudgeKind, NudgeRules
from bot.adoption.settings import (
    ReportRoom,
    introductions_round_at,
    pseudonym_key,
    report_room,
)
from bot.storage.database import MIGRATIONS_DIR, Database
from tests.conftest import make_config

BEFORE = "0007_inbox_outbox"
KEY = "ab" * 32
ROUND = datetime(2026, 2, 2, 9, 30, tzinfo=UTC)
GENERIC = {"expertise.as_of": "2026-03-01T00:00:00+00:00", "matrix:@bot:x:since": "s123"}
ADOPTION = {
    "nudges.global_pause": "1",
    "adoption.report_room": json.dumps(
        {"platform": "slack", "external_id": "C42", "name": "cm-overleg"}
    ),
    "introductions.last_round": ROUND.isoformat(),
    "adoption.pseudonym_key": KEY,
    "nudges.group.sociaal-domein": json.dumps({"unanswered": False, "newcomer": True}),
    "nudges.group.verdwenen": json.dumps({"unanswered": False}),
}
GROUPS = [
    {"id": "sociaal-domein", "name": "Sociaal domein"},
    {"id": "omgevingswet", "name": "Omgevingswet"},
]


def _downgrade(database: Database, revision: str) -> None:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with database.sync_engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, revision)


def _state(database: Database) -> dict[str, str]:
    with database.sync_engine.connect() as connection:
        rows = connection.execute(text("SELECT key, value FROM stateentry"))
        return {str(key): str(value) for key, value in rows}


def _seed(database: Database) -> None:
    with database.sync_engine.begin() as connection:
        for group in GROUPS:
            connection.execute(
                text(
                    "INSERT INTO workgroup (id, name, description, keywords) "
                    "VALUES (:id, :name, '', '[]')"
                ),
                group,
            )
        for key, value in {**GENERIC, **ADOPTION}.items():
            connection.execute(
                text("INSERT INTO stateentry (key, value, updated_at) VALUES (:k, :v, :at)"),
                {"k": key, "v": value, "at": "2026-03-01 00:00:00.000000"},
            )


async def test_adoption_state_moves_to_typed_tables_and_back(database_url: str) -> None:
    database = Database(database_url)
    try:
        database.upgrade(BEFORE)
        _seed(database)
        database.upgrade()

        # Only generic state is left in the key/value table.
        assert _state(database) == GENERIC
        rules = NudgeRules(make_config(database_url, groups=GROUPS))  # type: ignore[arg-type]
        async with database.session() as session:
            assert await rules.globally_paused(session)
            assert await report_room(session) == ReportRoom("slack", "C42", "cm-overleg")
            assert await introductions_round_at(session) == ROUND
            # Activity recorded before the upgrade keeps its pseudonyms.
            assert pseudonym(await pseudonym_key(session), 7) == pseudonym(bytes.fromhex(KEY), 7)
            switched = {
                kind: await rules.type_switched_on(session, "sociaal-domein", kind)
                for kind in (NudgeKind.UNANSWERED, NudgeKind.NEWCOMER, NudgeKind.ESCALATION)
            }
            assert switched == {
                NudgeKind.UNANSWERED: False,
                NudgeKind.NEWCOMER: True,
                NudgeKind.ESCALATION: True,  # not switched: the configuration decides
            }
            assert await rules.type_switched_on(session, "omgevingswet", NudgeKind.UNANSWERED)

        _downgrade(database, BEFORE)
        back = _state(database)
        gone = "nudges.group.verdwenen"  # a group the database never knew has no switches
        assert {k: v for k, v in back.items() if k != "adoption.report_room"} == {
            **GENERIC,
            **{k: v for k, v in ADOPTION.items() if k not in ("adoption.report_room", gone)},
        }
        assert json.loads(back["adoption.report_room"]) == json.loads(
            ADOPTION["adoption.report_room"]
        )
    finally:
        await database.dispose()


async def test_a_fresh_database_starts_with_nothing_paused_and_no_report_room(
    database_url: str,
) -> None:
    database = Database(database_url)
    try:
        database.upgrade()
        async with database.session() as session:
            assert not await NudgeRules(make_config(database_url)).globally_paused(session)
            assert await report_room(session) is None
            first = await pseudonym_key(session)
            await session.commit()
        async with database.session() as session:  # made once, then kept
            assert await pseudonym_key(session) == first and len(first) == 32
    finally:
        await database.dispose()
