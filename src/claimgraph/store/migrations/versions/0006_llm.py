"""The LLM extractor: each statement says which extractor wrote it; the server's
answers are cached per model, prompt version and passage; refused answers are counted
per document.

Revision ID: 0006
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("statements") as batch:
        batch.add_column(sa.Column("extractor", sa.String(160), nullable=False,
                                   server_default="rules"))
    op.create_table(
        "llm_responses",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("model", sa.String(160), nullable=False),
        sa.Column("prompt", sa.String(64), nullable=False),
        sa.Column("passage_hash", sa.String(64), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "drops",
        sa.Column("document_id", sa.String(512), sa.ForeignKey("documents.id"),
                  primary_key=True),
        sa.Column("extractor", sa.String(160), primary_key=True),
        sa.Column("reason", sa.String(160), primary_key=True),
        sa.Column("count", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("drops")
    op.drop_table("llm_responses")
    with op.batch_alter_table("statements") as batch:
        batch.drop_column("extractor")
