"""Near-duplicate search: document signatures and verified copy pairs.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "signatures",
        sa.Column("document_id", sa.String(512), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("minhash", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "copies",
        sa.Column("document_id", sa.String(512), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("copy_of", sa.String(512), sa.ForeignKey("documents.id"), primary_key=True),
        sa.Column("similarity", sa.Float, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("copies")
    op.drop_table("signatures")
