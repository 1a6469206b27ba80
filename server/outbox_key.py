"""The server's outbox key pair: made once, kept in the database, the same for every process.

Devices learn the public half at enrollment and at every hello (`outbox_key`) and seal their
outbox files to it (sync/outbox_seal.py); `lapor-server import-outbox` opens them with the
private half. The row is never replaced: a new key would make every file already on its way
unreadable. Whoever holds the database holds the key, as they hold the cases it protects.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from lapor_desktop.domain.ops import iso
from server.db import read_session, write_session
from server.tables import ServerKey
from sync import outbox_seal

OUTBOX = "outbox"


def stored_private_key(engine: Engine) -> bytes | None:
    """The private key, or None on a server that never made one (no write)."""
    with read_session(engine) as session:
        row = session.get(ServerKey, OUTBOX)
        return None if row is None else outbox_seal.key_from_text(row.private_key)


def outbox_public_key(engine: Engine, now: datetime) -> bytes:
    """The public key, made now if this server has none yet (one initialised before keys)."""
    with read_session(engine) as session:
        row = session.get(ServerKey, OUTBOX)
        if row is not None:
            return outbox_seal.key_from_text(row.public_key)
    private = outbox_seal.new_private_key()
    public = outbox_seal.public_key_of(private)
    try:
        with write_session(engine) as session:
            session.add(
                ServerKey(
                    name=OUTBOX,
                    private_key=outbox_seal.key_text(private),
                    public_key=outbox_seal.key_text(public),
                    created_at=iso(now),
                )
            )
    except IntegrityError:
        pass  # another process made it first: theirs is the key, ours was never used
    with read_session(engine) as session:
        row = session.get(ServerKey, OUTBOX)
        assert row is not None
        return outbox_seal.key_from_text(row.public_key)
