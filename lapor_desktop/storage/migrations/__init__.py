"""Alembic migrations of the local database (batch mode, because SQLite cannot ALTER much)."""
