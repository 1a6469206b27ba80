"""Errors a service raises about the data dir itself (cheap to import: the CLI's --help uses it)."""

from __future__ import annotations


class WorkspaceError(Exception):
    """The data dir cannot be used; the message says why and what to do."""


class NotInitialised(WorkspaceError):
    pass


class AlreadyInitialised(WorkspaceError):
    pass


class MaintenanceError(Exception):
    """A backup or restore that cannot be done; the message says why."""
