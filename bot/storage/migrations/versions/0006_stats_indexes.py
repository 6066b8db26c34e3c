"""indexes for the adoption figures at scale: the database counts over them (issue 16)

The figures of ``vraagbaak stats`` and the dashboard are computed by a few aggregate queries
(bot/stats/queries.py) that read these covering indexes instead of the message table. The
single-column channel indexes are replaced by the wider ones, which start with the same column.

Revision ID: 0006_stats_indexes
Revises: 0005_expertise_related
"""

from __future__ import annotations

from alembic import op

revision = "0006_stats_indexes"
down_revision = "0005_expertise_related"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index("ix_thread_channel_id", table_name="thread")
    op.create_index("ix_thread_channel_created", "thread", ["channel_id", "created_at"])
    op.drop_index("ix_message_channel_id", table_name="message")
    op.create_index(
        "ix_message_channel_created", "message", ["channel_id", "created_at", "author_id", "is_bot"]
    )
    op.create_index(
        "ix_message_replies",
        "message",
        ["is_root", "is_bot", "thread_id", "author_id", "created_at"],
    )


def downgrade() -> None:
    op.drop_index("ix_message_replies", table_name="message")
    op.drop_index("ix_message_channel_created", table_name="message")
    op.create_index("ix_message_channel_id", "message", ["channel_id"])
    op.drop_index("ix_thread_channel_created", table_name="thread")
    op.create_index("ix_thread_channel_id", "thread", ["channel_id"])
