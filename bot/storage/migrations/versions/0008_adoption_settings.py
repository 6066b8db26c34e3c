"""adoption's settings in typed tables, moved out of the key/value table (issue 17)

The global pause, the report room, the last round of introductions and the pseudonyms' key
become columns of ``adoption_settings`` (one row); each group's nudge switches (a JSON text)
become nullable columns of ``adoption_group_settings``. Their ``stateentry`` rows are moved,
not copied; downgrading moves them back.

Revision ID: 0008_adoption_settings
Revises: 0007_inbox_outbox
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.storage.types

revision = "0008_adoption_settings"
down_revision = "0007_inbox_outbox"
branch_labels = None
depends_on = None

PAUSE_KEY = "nudges.global_pause"
REPORT_ROOM_KEY = "adoption.report_room"
ROUND_KEY = "introductions.last_round"
PSEUDONYM_KEY = "adoption.pseudonym_key"
GROUP_PREFIX = "nudges.group."
SWITCHES = ("unanswered", "escalation", "newcomer")

state = sa.table(
    "stateentry",
    sa.column("key", sa.String()),
    sa.column("value", sa.String()),
    sa.column("updated_at", bot.storage.types.UTCDateTime(timezone=True)),
)
workgroup = sa.table("workgroup", sa.column("id", sa.String()))


def _settings_columns() -> list[sa.SchemaItem]:
    return [
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("nudges_paused", sa.Boolean(), nullable=False),
        sa.Column("report_platform", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("report_conversation", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("report_room_name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column(
            "introductions_round_at", bot.storage.types.UTCDateTime(timezone=True), nullable=True
        ),
        sa.Column("pseudonym_key", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column("updated_at", bot.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("id = 1", name="ck_adoption_settings_one"),
        sa.PrimaryKeyConstraint("id"),
    ]


def _group_columns() -> list[sa.SchemaItem]:
    return [
        sa.Column("group_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("unanswered", sa.Boolean(), nullable=True),
        sa.Column("escalation", sa.Boolean(), nullable=True),
        sa.Column("newcomer", sa.Boolean(), nullable=True),
        sa.Column("updated_at", bot.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["workgroup.id"]),
        sa.PrimaryKeyConstraint("group_id"),
    ]


def _data_table(name: str, columns: list[sa.SchemaItem]) -> sa.TableClause:
    """The table's columns for reading and writing rows (no constraints to resolve)."""
    return sa.table(
        name,
        *(sa.column(c.name, c.type) for c in columns if isinstance(c, sa.Column)),
    )


def _moment(text: str | None) -> datetime | None:
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _switches(text: str) -> dict[str, bool]:
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {kind: bool(data[kind]) for kind in SWITCHES if kind in data}


def _room(text: str | None) -> dict[str, Any]:
    empty: dict[str, Any] = {
        "report_platform": None,
        "report_conversation": None,
        "report_room_name": "",
    }
    if not text:
        return empty
    try:
        data = json.loads(text)
    except ValueError:
        return empty
    if not isinstance(data, dict) or not data.get("platform") or not data.get("external_id"):
        return empty
    return {
        "report_platform": str(data["platform"]),
        "report_conversation": str(data["external_id"]),
        "report_room_name": str(data.get("name") or ""),
    }


def upgrade() -> None:
    op.create_table("adoption_settings", *_settings_columns())
    op.create_table("adoption_group_settings", *_group_columns())
    settings = _data_table("adoption_settings", _settings_columns())
    groups = _data_table("adoption_group_settings", _group_columns())

    bind = op.get_bind()
    now = datetime.now(UTC)
    rows = bind.execute(
        sa.select(state.c.key, state.c.value).where(
            sa.or_(
                state.c.key.in_([PAUSE_KEY, REPORT_ROOM_KEY, ROUND_KEY, PSEUDONYM_KEY]),
                state.c.key.like(GROUP_PREFIX + "%"),
            )
        )
    ).all()
    values = {str(key): str(value) for key, value in rows}
    bind.execute(
        settings.insert().values(
            id=1,
            nudges_paused=values.get(PAUSE_KEY) == "1",
            introductions_round_at=_moment(values.get(ROUND_KEY)),
            pseudonym_key=values.get(PSEUDONYM_KEY) or None,
            updated_at=now,
            **_room(values.get(REPORT_ROOM_KEY)),
        )
    )
    known = {str(g) for (g,) in bind.execute(sa.select(workgroup.c.id))}
    for key, value in sorted(values.items()):
        group_id = key.removeprefix(GROUP_PREFIX)
        if not key.startswith(GROUP_PREFIX) or group_id not in known:
            continue  # a group no longer known: its switches go with it
        switches = _switches(value)
        if switches:
            bind.execute(groups.insert().values(group_id=group_id, updated_at=now, **switches))
    if values:
        bind.execute(state.delete().where(state.c.key.in_(list(values))))


def downgrade() -> None:
    settings = _data_table("adoption_settings", _settings_columns())
    groups = _data_table("adoption_group_settings", _group_columns())
    bind = op.get_bind()
    now = datetime.now(UTC)
    moved: dict[str, str] = {}
    row = bind.execute(sa.select(settings).where(settings.c.id == 1)).mappings().first()
    if row is not None:
        moved[PAUSE_KEY] = "1" if row["nudges_paused"] else "0"
        if row["report_platform"] and row["report_conversation"]:
            moved[REPORT_ROOM_KEY] = json.dumps(
                {
                    "platform": row["report_platform"],
                    "external_id": row["report_conversation"],
                    "name": row["report_room_name"],
                }
            )
        if row["introductions_round_at"] is not None:
            moved[ROUND_KEY] = row["introductions_round_at"].isoformat()
        if row["pseudonym_key"]:
            moved[PSEUDONYM_KEY] = row["pseudonym_key"]
    for group in bind.execute(sa.select(groups)).mappings():
        switches = {kind: group[kind] for kind in SWITCHES if group[kind] is not None}
        moved[GROUP_PREFIX + group["group_id"]] = json.dumps(switches)
    if moved:
        bind.execute(state.delete().where(state.c.key.in_(list(moved))))
        bind.execute(
            state.insert(),
            [{"key": key, "value": value, "updated_at": now} for key, value in moved.items()],
        )
    op.drop_table("adoption_group_settings")
    op.drop_table("adoption_settings")
