"""expertise index: what each answered past question means, as a sentence vector (issue 14)

Revision ID: 0009_question_vectors
Revises: 0008_adoption_settings
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_question_vectors"
down_revision = "0008_adoption_settings"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "expertise_question_vector",
        sa.Column("thread_id", sa.Integer(), nullable=False),
        sa.Column("vector", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(["thread_id"], ["thread.id"]),
        sa.PrimaryKeyConstraint("thread_id"),
    )


def downgrade() -> None:
    op.drop_table("expertise_question_vector")
