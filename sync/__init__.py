"""Sync with the central server (docs/sync.md): the desktop side of protocol v1.

Public API (what the UI and the CLI use):
- `sync.enroll.enroll(paths, clock, server_url, username, password) -> EnrollResult`
- `sync.client.SyncClient(base_url, device_id=..., tokens=TokenStore(data_dir))`
- `sync.engine.SyncEngine(workspace, client, progress=None, cancel=None).run() -> SyncReport`
- `sync.state.sync_status(workspace) -> SyncStatus` (derived every call, never cached)
- `sync.errors`: the typed failures, each one operator-readable line
- `sync.cli.COMMANDS`: `enroll` and `sync` for the `lapor-desktop` command line
"""
