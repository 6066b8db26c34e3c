"""expertise index: words the history relates, learned from questions and answers (issue 14)

Revision ID: 0004_expertise_related
Revises: 0003_web_sign_in
"""

from __future__ import annotations

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0004_expertise_related"
down_revision = "0003_web_sign_in"
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


def downgrade() -> None:
    op.drop_table("expertise_related")
