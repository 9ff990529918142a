"""Actors say what kind of actor they are: named, composed (country x sector) or
described ("a press-freedom group").

Revision ID: 0005
Revises: 0004
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("actors") as batch:
        batch.add_column(sa.Column("kind", sa.String(16), nullable=False,
                                   server_default="named"))


def downgrade() -> None:
    with op.batch_alter_table("actors") as batch:
        batch.drop_column("kind")
