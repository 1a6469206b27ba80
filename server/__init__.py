"""The reference central server: FastAPI + SQLAlchemy (SQLite or PostgreSQL), see docs/sync.md."""
