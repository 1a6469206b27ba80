"""What can go wrong talking to the server, as types the CLI and the UI turn into one sentence.

Every one of these leaves the local data as it was before the failing call: the outbox, the
cases and the cursor only change in transactions that commit after a valid answer.
"""

from __future__ import annotations


class SyncError(Exception):
    """Base of every sync failure; `str()` is the one line shown to the operator."""


class Unreachable(SyncError):
    """The server could not be reached or kept failing (network, timeout, 5xx) after retries."""


class ProtocolMismatch(SyncError):
    """The server speaks no protocol we know (426) or wants a newer application."""

    def __init__(self, message: str | None = None) -> None:
        text = "perbarui aplikasi (update LAPOR Desktop)"
        super().__init__(f"{text}: {message}" if message else text)


class AuthFailed(SyncError):
    """401: the login is no longer valid; enroll again (local data is kept)."""


class Revoked(SyncError):
    """403 revoked: this PC may no longer sync; local data is kept and can be exported."""


class ServerRejected(SyncError):
    """A 4xx the server explained with an ErrorBody (bad request, forbidden, …)."""

    def __init__(self, path: str, status: int, code: str, message: str) -> None:
        # The server's words are shown in one line (the CLI's error contract, the status bar)
        # and within reason: another server may answer with line breaks or a whole page.
        super().__init__(
            f"the server refused {path} ({status} {_one_line(code, 60)}): "
            f"{_one_line(message, SHOWN_MESSAGE)}"
        )
        self.path = path
        self.status = status
        self.code = code
        self.server_message = message


SHOWN_MESSAGE = 500  # characters of a server's refusal shown; the rest is cut with "…"


def _one_line(text: str, limit: int) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class InvalidResponse(SyncError):
    """The server answered something that is not what the protocol says; nothing was applied."""

    def __init__(self, path: str, detail: str) -> None:
        super().__init__(f"server sent an invalid response to {path}: {detail}")
        self.path = path
        self.detail = detail


class SyncBusy(SyncError):
    """Another sync run holds this data dir's lock."""


class NotEnrolled(SyncError):
    """The data dir has no server or no login yet."""


class SyncCancelled(SyncError):
    """The operator cancelled; the run stopped at a batch, chunk or page boundary."""
