"""A process of the outbox key race (test_outbox_key): waits at the barrier, then asks for the
key on a server database that has none, as the first requests of a fresh deployment do."""

from __future__ import annotations

from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier

from server.db import open_engine
from server.outbox_key import outbox_public_key
from server.settings import utc_now
from sync import outbox_seal


def ask_for_the_key(url: str, barrier: Barrier, answers: Queue[str]) -> None:
    engine = open_engine(url)
    try:
        with engine.connect():
            pass  # connected before the start, so the race is about the key, not connecting
        barrier.wait(timeout=60)
        answers.put(outbox_seal.key_text(outbox_public_key(engine, utc_now())))
    finally:
        engine.dispose()
