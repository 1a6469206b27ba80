"""What a sync run tells its caller: progress events while it runs, the report at its end.

Apart from the run (sync/engine.py) because the UI and the CLI import these to show a run,
and every phase's module (sync/push.py, sync/verify.py) fills them in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class SyncProgress:
    """What the run is doing: `phase` is hello|master|numbers|files|push|pull|downloads|verify."""

    phase: str
    done: int = 0
    total: int = 0
    bytes_done: int = 0
    bytes_total: int = 0


@dataclass
class SyncReport:
    run_id: str
    sent: int = 0
    applied: int = 0
    merged: int = 0
    conflicts: int = 0
    rejected: int = 0
    deferred: int = 0
    received: int = 0
    left_scope: int = 0
    blobs_uploaded: int = 0
    blobs_downloaded: int = 0
    blocks_leased: int = 0
    master_updated: bool = False
    verified: bool = False
    repaired_buckets: list[str] = field(default_factory=list)
    # Timeline events held here with other content than the server's copy (never expected).
    events_differing: int = 0
    pending_after: int = 0
    cancelled: bool = False
    bytes_sent: int = 0
    bytes_received: int = 0
    warnings: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        return {
            "sent": self.sent,
            "applied": self.applied,
            "merged": self.merged,
            "conflict": self.conflicts,
            "rejected": self.rejected,
            "deferred": self.deferred,
            "received": self.received,
            "left_scope": self.left_scope,
            "blobs": self.blobs_uploaded,
            "blobs_downloaded": self.blobs_downloaded,
            "blocks": self.blocks_leased,
            "pending_after": self.pending_after,
        }


ProgressCallback = Callable[[SyncProgress], None]
