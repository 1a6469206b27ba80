"""SQLite storage: rows, repositories, unit of work, outbox, search, migrations."""
