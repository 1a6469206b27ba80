"""Fault helpers shared by the scenario modules: runs that may fail, offsets to sweep."""

from __future__ import annotations

import asyncio
import socket
from typing import Any

from sync.client import RetryPolicy
from sync.engine import SyncReport
from sync.errors import SyncError
from tests.scenarios.fleet import SHORT_READ, Client
from tests.support.fault_proxy import FaultProxy


class QuickProxy(FaultProxy):
    """The fault proxy with TCP_NODELAY on the client side.

    Its listener socket is made without IPPROTO_TCP, so asyncio leaves Nagle on for accepted
    connections and every response written in two pieces waits ~40 ms for the client's
    delayed ACK (0.4 s per sync run instead of 0.15 s). Reported to the lead; until
    tests/support/fault_proxy.py sets it, the scenarios set it here.
    """

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        sock = writer.get_extra_info("socket")
        if sock is not None:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        await super()._serve(reader, writer)


# One attempt per call: a fault fails the run, and the NEXT run has to pick up the pieces.
ONE_SHOT = RetryPolicy(attempts=1, total_seconds=20, base_delay=0.01, max_delay=0.01)


def run_may_fail(client: Client, proxy: FaultProxy, **options: Any) -> SyncReport | SyncError:
    """A run through the proxy with one attempt per call; returns the report or the error."""
    client_options = {"retry": ONE_SHOT, "read_timeout": SHORT_READ}
    client_options.update(options.pop("client_options", {}))
    try:
        return client.through(proxy, client_options=client_options, **options)
    except SyncError as error:
        return error


def offsets(size: int, count: int = 15) -> list[int]:
    """`count` cut offsets spread over 0..size-1, both ends included (a dense sample)."""
    if size <= count:
        return list(range(size))
    step = (size - 1) / (count - 1)
    return sorted({round(i * step) for i in range(count)})
