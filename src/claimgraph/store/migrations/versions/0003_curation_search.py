"""Curation judgements (an audit trail that never changes evidence) and full-text
search over documents (SQLite FTS5; PostgreSQL tsvector).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "judgements",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(16), nullable=False),  # merge|reject|confirm|note|undo
        sa.Column("target", sa.String(512), nullable=False),
        sa.Column("other", sa.String(512)),
        sa.Column("text", sa.Text),
        sa.Column("undoes", sa.Integer, sa.ForeignKey("judgements.id")),
        sa.Column("author", sa.String(128), nullable=False),
        sa.Column("at", sa.DateTime, nullable=False),
    )
    op.create_index("ix_judgements_target", "judgements", ["target"])
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE documents_fts USING fts5("
                   "title, text, content='documents', content_rowid='rowid')")
        op.execute("INSERT INTO documents_fts(rowid, title, text) "
                   "SELECT rowid, coalesce(title, ''), text FROM documents")
        op.execute("CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
                   "INSERT INTO documents_fts(rowid, title, text) "
                   "VALUES (new.rowid, coalesce(new.title, ''), new.text); END")
    elif bind.dialect.name == "postgresql":
        op.execute("CREATE INDEX ix_documents_tsv ON documents USING gin "
                   "(to_tsvector('english', coalesce(title, '') || ' ' || text))")


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS documents_fts_insert")
        op.execute("DROP TABLE IF EXISTS documents_fts")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_documents_tsv")
    op.drop_index("ix_judgements_target", "judgements")
    op.drop_table("judgements")
