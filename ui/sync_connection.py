"""How the window reaches the central server: enrollment and one sync run, built on sync's API.

The window holds one `SyncConnection`; tests give it a short retry policy. Both calls run on a
worker thread (through ui.tasks), never on the GUI thread. The HTTP side (requests, pydantic)
is imported on first use there, so opening the window does not pay for it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lapor_desktop.clock import Clock
from lapor_desktop.paths import AppPaths
from lapor_desktop.progress import CancelToken
from lapor_desktop.services.office import LocalUser
from lapor_desktop.services.workspace import Workspace
from sync.errors import NotEnrolled
from sync.state import SyncStatus, sync_status

if TYPE_CHECKING:
    from pathlib import Path

    from sync.client import RetryPolicy
    from sync.engine import SyncProgress, SyncReport
    from sync.outbox_export import ExportResult


@dataclass(frozen=True, slots=True)
class Enrolled:
    server_url: str
    office_code: str
    office_name: str
    user: LocalUser
    created: bool


@dataclass(frozen=True, slots=True)
class SyncConnection:
    retry: RetryPolicy | None = None  # None: the client's default policy
    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    start_batch: int | None = None  # ops in the first push batch (None: the engine's default)

    def enroll(
        self, paths: AppPaths, clock: Clock, server_url: str, username: str, password: str
    ) -> Enrolled:
        """Register this PC with the server; a fresh data dir is set up from its office."""
        from sync.enroll import enroll

        result = enroll(
            paths,
            clock,
            server_url,
            username,
            password,
            retry=self.retry,
            connect_timeout=self.connect_timeout,
            read_timeout=self.read_timeout,
        )
        try:
            return Enrolled(
                result.server_url,
                result.office.code,
                result.office.name,
                result.workspace.user,
                result.created,
            )
        finally:
            result.workspace.close()  # the caller opens (or already has) its own

    def status(self, workspace: Workspace) -> SyncStatus:
        return sync_status(workspace)

    def run(
        self,
        workspace: Workspace,
        progress: Callable[[SyncProgress], None],
        cancel: CancelToken,
    ) -> SyncReport:
        """One sync run; cancel is honoured between batches, chunks and pages."""
        from sync.client import SyncClient
        from sync.engine import SyncEngine
        from sync.tokens import TokenStore

        status = sync_status(workspace)
        if not status.enrolled or not status.server_url:
            raise NotEnrolled("this PC is not connected to a central server")
        client = SyncClient(
            status.server_url,
            device_id=workspace.device_id,
            tokens=TokenStore(workspace.paths.data_dir),
            retry=self.retry,
            connect_timeout=self.connect_timeout,
            read_timeout=self.read_timeout,
        )
        try:
            options = {} if self.start_batch is None else {"start_batch": self.start_batch}
            return SyncEngine(workspace, client, progress, cancel, **options).run()
        finally:
            client.close()

    def export_outbox(self, workspace: Workspace, target: Path) -> ExportResult:
        """The pending changes into one file for the server's admin (no connection needed).

        Raises sync.outbox_export.ExportRefused with the reason when nothing was written.
        """
        from sync.outbox_export import export_outbox

        return export_outbox(workspace, target, workspace.clock)
