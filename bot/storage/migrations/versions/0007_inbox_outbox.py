"""the inbox of chat events, and the outbox's idempotency leases (issue 17)

Revision ID: 0007_inbox_outbox
Revises: 0006_stats_indexes
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.storage.types

revision = "0007_inbox_outbox"
down_revision = "0006_stats_indexes"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "inbox_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("platform", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("delivery_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column(
            "status", sa.Enum("PENDING", "DONE", "FAILED", name="inboxstatus"), nullable=False
        ),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("received_at", bot.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("next_attempt_at", bot.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("lease_owner", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("lease_until", bot.storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("done_at", bot.storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_error", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("platform", "delivery_id", name="uq_inbox_event_delivery"),
    )
    with op.batch_alter_table("inbox_event", schema=None) as batch_op:
        batch_op.create_index("ix_inbox_event_due", ["status", "next_attempt_at"], unique=False)
    with op.batch_alter_table("outboxitem", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("lease_owner", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )
        batch_op.add_column(
            sa.Column("lease_until", bot.storage.types.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("uncertain", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("result", sa.JSON(), nullable=False, server_default="{}"))
    with op.batch_alter_table("inbound_email", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("lease_owner", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("inbound_email", schema=None) as batch_op:
        batch_op.drop_column("lease_owner")
    with op.batch_alter_table("outboxitem", schema=None) as batch_op:
        batch_op.drop_column("result")
        batch_op.drop_column("uncertain")
        batch_op.drop_column("lease_until")
        batch_op.drop_column("lease_owner")
    with op.batch_alter_table("inbox_event", schema=None) as batch_op:
        batch_op.drop_index("ix_inbox_event_due")
    op.drop_table("inbox_event")
    sa.Enum(name="inboxstatus").drop(op.get_bind(), checkfirst=True)
