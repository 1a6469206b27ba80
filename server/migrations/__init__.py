"""Alembic migrations of the server's database (run by `lapor-server init`)."""
