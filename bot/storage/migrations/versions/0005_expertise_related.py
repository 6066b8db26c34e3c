"""expertise index: words the history relates, learned from questions and answers, and
each person's evidence together (issue 14)

Revision ID: 0005_expertise_related
Revises: 0004_mail_answers
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005_expertise_related"
down_revision = "0004_mail_answers"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "expertise_related",
        sa.Column("term", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("related", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.PrimaryKeyConstraint("term", "related"),
    )
    op.create_table(
        "expertise_person",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.Column("accepted", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["person.id"]),
        sa.PrimaryKeyConstraint("person_id"),
    )
    # An index built before this revision: each person's evidence together from the evidence
    # per thread, so the prior holds until the next rebuild fills the table properly.
    op.execute(
        "INSERT INTO expertise_person (person_id, weight, answers, accepted) "
        "SELECT person_id, SUM(weight), COUNT(*), 0 FROM expertise_evidence GROUP BY person_id"
    )


def downgrade() -> None:
    op.drop_table("expertise_person")
    op.drop_table("expertise_related")
