"""What a server instance is configured with: built once, passed to the app factory."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sync.protocol import Limits


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class ServerSettings:
    db_url: str
    data_dir: Path
    limits: Limits = field(default_factory=Limits)
    access_ttl: timedelta = timedelta(hours=1)
    refresh_ttl: timedelta = timedelta(days=90)
    block_size: int = 200
    min_app: str = "0"
    # Injected so tests can expire tokens without waiting; always returns an aware UTC time.
    clock: Callable[[], datetime] = utc_now

    @property
    def blob_dir(self) -> Path:
        return self.data_dir / "blobs"
