"""The store: SQLAlchemy models, Alembic migrations, SQLite or PostgreSQL by URL."""
