"""Where this PC keeps its access and refresh tokens: the OS keyring, else a 0600 file.

A keyring counts only when it is a real backend (Windows Credential Locker, macOS Keychain,
Secret Service); keyring's `fail`/`null` backends (a headless Linux box) fall back to
`<data dir>/sync/tokens.json`, written atomically with mode 0600 so no other local user reads
it. Tokens are never logged and never put in the database (backups travel).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

KEYRING_SERVICE = "lapor-desktop-sync"
TOKENS_FILE = "tokens.json"


@dataclass(frozen=True, slots=True)
class Tokens:
    access_token: str
    refresh_token: str
    access_expires_at: str = ""


def sync_dir(data_dir: Path) -> Path:
    return data_dir / "sync"


def _real_keyring() -> Any | None:
    try:
        import keyring
    except ImportError:  # pragma: no cover - a dependency, but a broken install must not crash
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:  # keyring raises assorted errors from broken backends
        return None
    # `fail` (no usable backend) and `null` (disabled) would lose or refuse the tokens.
    if type(backend).__module__.rsplit(".", 1)[-1] in ("fail", "null"):
        return None
    return keyring


class TokenStore:
    """Tokens of one data dir; the keyring entry is keyed by the data dir's path."""

    def __init__(self, data_dir: Path, *, use_keyring: bool | None = None) -> None:
        self.data_dir = data_dir
        self._keyring = _real_keyring() if use_keyring is not False else None
        self._account = str(data_dir.resolve())

    @property
    def file(self) -> Path:
        return sync_dir(self.data_dir) / TOKENS_FILE

    @property
    def backend(self) -> str:
        return "keyring" if self._keyring is not None else "file"

    def load(self) -> Tokens | None:
        raw: str | None
        if self._keyring is not None:
            raw = self._keyring.get_password(KEYRING_SERVICE, self._account)
        else:
            try:
                raw = self.file.read_text(encoding="utf-8")
            except FileNotFoundError:
                return None
        if not raw:
            return None
        try:
            data = json.loads(raw)
            return Tokens(
                access_token=str(data["access_token"]),
                refresh_token=str(data["refresh_token"]),
                access_expires_at=str(data.get("access_expires_at") or ""),
            )
        except (ValueError, KeyError, TypeError):
            log.warning("stored sync tokens are unreadable; enroll again")
            return None

    def save(self, tokens: Tokens) -> None:
        text = json.dumps(asdict(tokens))
        if self._keyring is not None:
            self._keyring.set_password(KEYRING_SERVICE, self._account, text)
            return
        _write_private(self.file, text)

    def clear(self) -> None:
        if self._keyring is not None:
            with contextlib.suppress(Exception):  # an absent entry is already cleared
                self._keyring.delete_password(KEYRING_SERVICE, self._account)
            return
        self.file.unlink(missing_ok=True)


def _write_private(target: Path, text: str) -> None:
    """Temp file created 0600, fsync, atomic rename: never a half-written or readable file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".tokens-", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        tmp.chmod(0o600)  # mkstemp already does; explicit because the secret depends on it
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        tmp.replace(target)
        target.chmod(0o600)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
