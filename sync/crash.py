"""Crash points for the fault tests: `LAPOR_SYNC_CRASH_AT=<point>` kills the process there.

The process dies by SIGKILL (no cleanup, no flush, like a power cut or the task manager), so the
tests prove that the next run neither loses nor doubles anything. The points:

- `after_local_commit`: the run's first local commit (its sync_log row, master data and leased
  number blocks) is durable; nothing has been pushed yet.
- `after_push_send`: the server has answered a push batch (and committed it); the answer is
  lost before the client records it. The next run resends and gets the stored results.
- `after_ack_commit`: the first batch's acks are committed; later batches and the pull are not.
- `mid_page_apply`: inside a pull page's transaction, after some cases were written but before
  the page and its cursor commit; the whole page is rolled back.
- `mid_blob_chunk`: the server acked a blob chunk; the client dies before it stores the new
  `uploaded_bytes`, so the next run must resume from the server's offset.
"""

from __future__ import annotations

import os
import signal

CRASH_ENV = "LAPOR_SYNC_CRASH_AT"
POINTS = frozenset(
    {
        "after_local_commit",
        "after_push_send",
        "after_ack_commit",
        "mid_page_apply",
        "mid_blob_chunk",
    }
)


def crash_point(name: str) -> None:
    assert name in POINTS, name
    if os.environ.get(CRASH_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)
