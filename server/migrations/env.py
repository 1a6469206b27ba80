"""Alembic environment: always run programmatically on a connection handed in by the caller."""

from __future__ import annotations

from alembic import context

from server.tables import Base

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite rebuilds tables for ALTERs
    transaction_per_migration=True,
)
with context.begin_transaction():
    context.run_migrations()
