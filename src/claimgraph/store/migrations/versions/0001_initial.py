"""Initial schema: documents, actors, aliases, mentions, origins, statements, failures.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "documents",
        sa.Column("id", sa.String(512), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True, index=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.String(256)),
        sa.Column("published", sa.String(32)),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("signals", sa.JSON),
        sa.Column("ingested_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "actors",
        sa.Column("id", sa.String(256), primary_key=True),
        sa.Column("name", sa.String(512), nullable=False),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("country", sa.String(8)),
        sa.Column("sector", sa.String(16)),
        sa.Column("role", sa.String(32)),
        sa.Column("source", sa.String(32), nullable=False),
    )
    op.create_table(
        "actor_parents",
        sa.Column("actor_id", sa.String(256), sa.ForeignKey("actors.id"), primary_key=True),
        sa.Column("parent_id", sa.String(256), sa.ForeignKey("actors.id"), primary_key=True),
    )
    op.create_table(
        "aliases",
        sa.Column("actor_id", sa.String(256), sa.ForeignKey("actors.id"), primary_key=True),
        sa.Column("name", sa.String(512), primary_key=True),
    )
    op.create_table(
        "mentions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("document_id", sa.String(512), sa.ForeignKey("documents.id"), index=True),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("actor_id", sa.String(256), sa.ForeignKey("actors.id"), index=True),
    )
    op.create_table(
        "origins",
        sa.Column("key", sa.String(512), primary_key=True),
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("label", sa.Text, nullable=False),
        sa.Column("attrs", sa.JSON),
    )
    op.create_table(
        "statements",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("document_id", sa.String(512), sa.ForeignKey("documents.id"), index=True),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
        sa.Column("quote", sa.Text, nullable=False),
        sa.Column("subject_id", sa.String(256), sa.ForeignKey("actors.id"), index=True),
        sa.Column("type", sa.String(32), nullable=False),
        sa.Column("mode", sa.String(32)),
        sa.Column("object_id", sa.String(256), sa.ForeignKey("actors.id"), index=True),
        sa.Column("polarity", sa.String(16), nullable=False),
        sa.Column("hedged", sa.Boolean, nullable=False),
        sa.Column("directed", sa.Boolean, nullable=False),
        sa.Column("chain", sa.JSON, nullable=False),
        sa.Column("origin_key", sa.String(512), sa.ForeignKey("origins.key")),
        sa.Column("contexts", sa.JSON),
        sa.Column("time_start", sa.String(32)),
        sa.Column("time_end", sa.String(32)),
        sa.Column("time_text", sa.Text),
        sa.Column("place", sa.JSON),
        sa.Column("trigger", sa.String(128), nullable=False),
    )
    op.create_index("ix_statements_key", "statements", ["subject_id", "type", "object_id"])
    op.create_table(
        "failures",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("input", sa.Text, nullable=False),
        sa.Column("code", sa.String(8), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )


def downgrade() -> None:
    for table in ("failures", "statements", "origins", "mentions", "aliases", "actor_parents",
                  "actors", "documents"):
        op.drop_table(table)
