"""Documents record the encoding their bytes were read with, and a paged file's page
starts (so evidence from a PDF names its page).

Revision ID: 0007
Revises: 0006
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.add_column(sa.Column("encoding", sa.String(32), nullable=True))
        batch.add_column(sa.Column("pages", sa.JSON, nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("documents") as batch:
        batch.drop_column("pages")
        batch.drop_column("encoding")
