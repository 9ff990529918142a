"""Failures are kept as history: a later success marks them resolved.

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("failures") as batch:
        batch.add_column(sa.Column("resolved_at", sa.DateTime, nullable=True))
        batch.create_index("ix_failures_input", ["input"])


def downgrade() -> None:
    with op.batch_alter_table("failures") as batch:
        batch.drop_index("ix_failures_input")
        batch.drop_column("resolved_at")
