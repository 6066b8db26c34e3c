"""the mailed question as the asker experiences it: previews of answer mails, one answer per
message of the asker, the thread's status line, the forwarder's copy setting (issue 15)

Revision ID: 0004_mail_answers
Revises: 0003_web_sign_in
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

import bot.storage.types

revision = "0004_mail_answers"
down_revision = "0003_web_sign_in"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mail_answer",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("inbound_id", sa.Integer(), nullable=False),
        sa.Column("thread_inbound_id", sa.Integer(), nullable=False),
        sa.Column(
            "status",
            sa.Enum("PREVIEW", "SENT", "CANCELLED", name="answerstatus"),
            nullable=False,
        ),
        sa.Column("acceptor_id", sa.Integer(), nullable=False),
        sa.Column("answer_message_id", sa.Integer(), nullable=True),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("mail", sa.JSON(), nullable=False),
        sa.Column("created_at", bot.storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("decided_at", bot.storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["acceptor_id"], ["person.id"]),
        sa.ForeignKeyConstraint(["answer_message_id"], ["message.id"]),
        sa.ForeignKeyConstraint(["inbound_id"], ["inbound_email.id"]),
        sa.ForeignKeyConstraint(["outbox_id"], ["outboxitem.id"]),
        sa.ForeignKeyConstraint(["thread_inbound_id"], ["inbound_email.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("mail_answer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_mail_answer_acceptor_id"), ["acceptor_id"])
        batch_op.create_index(batch_op.f("ix_mail_answer_inbound_id"), ["inbound_id"])
        batch_op.create_index(batch_op.f("ix_mail_answer_status"), ["status"])
        batch_op.create_index(batch_op.f("ix_mail_answer_thread_inbound_id"), ["thread_inbound_id"])
    with op.batch_alter_table("inbound_email", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("status_message_id", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )
    with op.batch_alter_table("personsettings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("mail_copy", sa.Boolean(), nullable=False, server_default=sa.true())
        )


def downgrade() -> None:
    with op.batch_alter_table("personsettings", schema=None) as batch_op:
        batch_op.drop_column("mail_copy")
    with op.batch_alter_table("inbound_email", schema=None) as batch_op:
        batch_op.drop_column("status_message_id")
    with op.batch_alter_table("mail_answer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_mail_answer_thread_inbound_id"))
        batch_op.drop_index(batch_op.f("ix_mail_answer_status"))
        batch_op.drop_index(batch_op.f("ix_mail_answer_inbound_id"))
        batch_op.drop_index(batch_op.f("ix_mail_answer_acceptor_id"))
    op.drop_table("mail_answer")
    sa.Enum(name="answerstatus").drop(op.get_bind(), checkfirst=True)
