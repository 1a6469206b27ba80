"""Sync failures in plain words: what happened and what to do, for the operator (not a log).

The sync package raises typed errors (sync/errors.py) whose str() is for the command line;
here each type becomes a translated sentence. Every failure leaves the local data as it was:
the messages say so, because that is the operator's first worry.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from sync.errors import (
    AuthFailed,
    InvalidResponse,
    NotEnrolled,
    ProtocolMismatch,
    Revoked,
    ServerRejected,
    SyncBusy,
    SyncError,
    Unreachable,
)


def _t(text: str) -> str:
    return QCoreApplication.translate("SyncMessages", text)


def is_sync_error(error: BaseException) -> bool:
    """Errors that come from talking to the server (or a bad address), not from a bug."""
    return isinstance(error, SyncError | ValueError)


def enroll_message(error: BaseException) -> str:
    """Why connecting this PC to the server failed, in the words of the enrollment dialog."""
    from sync.enroll import OfficeMismatch  # loaded by then: enrollment raised this error

    if isinstance(error, AuthFailed):
        return _t("The user name or password is wrong. Check them and try again.")
    if isinstance(error, OfficeMismatch) or (
        isinstance(error, ServerRejected) and error.code == "wrong_office"
    ):
        return _t(
            "This user belongs to another office than the data on this PC. Log in with a user "
            "of this office."
        )
    if isinstance(error, ServerRejected) and error.code == "device_taken":
        return _t(
            "This PC is connected to the server under another user, and its login is not on "
            "this PC any more. Ask that user to log in here, or ask the administrator to "
            "release this PC (lapor-server release-device). The data on this PC is kept."
        )
    if isinstance(error, ValueError):
        return _t("The server address must start with http:// or https://.")
    return run_message(error)


def run_message(error: BaseException) -> str:
    """Why a sync run stopped, and what to do; the data on this PC is always kept."""
    kept = _t("Nothing on this PC was lost; the next sync continues where this one stopped.")
    if isinstance(error, ProtocolMismatch):
        return _t(
            "The server uses another version of the sync protocol: update the application "
            "(perbarui aplikasi), then sync again."
        )
    if isinstance(error, Unreachable):
        text = _t(
            "The server could not be reached. Check the network connection (and the server "
            "address in Settings), then try again."
        )
        return f"{text} {kept}"
    if isinstance(error, AuthFailed):
        text = _t(
            "The server no longer accepts this PC's login. Connect to the server again "
            "(Sync → Connect to the central server…) with your user name and password."
        )
        return f"{text} {kept}"
    if isinstance(error, Revoked):
        return _t(
            "This PC may no longer sync with the server. Ask the administrator. The data on "
            "this PC is kept."
        )
    if isinstance(error, SyncBusy):
        return _t("A sync is already running for this data. Wait for it to finish.")
    if isinstance(error, NotEnrolled):
        return _t("This PC is not connected to a central server yet.")
    if isinstance(error, InvalidResponse):
        text = _t("The server sent an answer that is not valid; nothing of it was applied.")
        return f"{text} {kept} ({error.detail})"
    if isinstance(error, ServerRejected):
        text = _t("The server refused the request: {message}").format(message=error.server_message)
        return f"{text} {kept}"
    if isinstance(error, SyncError):
        return f"{error} {kept}"
    return str(error)
