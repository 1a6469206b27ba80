"""The sync status the UI shows, derived from the outbox, the cases and `sync_log` every call.

Never cached (cht-core#8303): a status that lags behind the data would tell an operator
"synced" while an op is still waiting. "Synced" means nothing is pending, nothing less.

    status = sync_status(workspace)
    status.synced      # True only when no op is pending
    status.pending     # ops the server has not answered for yet
    status.conflicts_open, status.rejected   # records a person must look at (rejected ops
                                             # a person acknowledged no longer count)
    status.last_ok_at, status.last_error     # from the run log
"""

from __future__ import annotations

from dataclasses import dataclass

from lapor_desktop.services.sync_review import ACKNOWLEDGED_KEY
from lapor_desktop.services.workspace import Workspace


@dataclass(frozen=True, slots=True)
class SyncStatus:
    pending: int
    conflicts_open: int
    rejected: int
    last_ok_at: str | None  # ISO-8601 UTC end of the last successful run
    last_error: str | None  # the error of the latest run when it failed, else None
    enrolled: bool
    server_url: str | None

    @property
    def synced(self) -> bool:
        return self.enrolled and self.pending == 0


def sync_status(workspace: Workspace) -> SyncStatus:
    with workspace.db.read() as uow:
        latest = uow.sync.log.latest_finished()
        rejected = uow.sync.outbox.op_ids("rejected")
        if rejected:  # acknowledged ones were looked at: the badge and the summary drop them
            rejected -= set(uow.reference.get_setting(ACKNOWLEDGED_KEY) or [])
        return SyncStatus(
            pending=uow.sync.outbox.count("pending"),
            conflicts_open=uow.sync.cases.open_conflict_count(),
            rejected=len(rejected),
            last_ok_at=uow.sync.log.last_ok_at(),
            last_error=latest.error if latest is not None and latest.outcome == "failed" else None,
            enrolled=uow.sync.state.enrollment() is not None,
            server_url=uow.sync.state.server_url(),
        )
