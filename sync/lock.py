"""One sync run at a time per data dir: an exclusive, non-blocking lock on a file in it.

The OS releases the lock when the process dies, so a crashed run never blocks the next one;
the file itself stays (its content is only the holder's pid, for diagnostics). The platform
locking is storage.dir_lock's, the same the data dir's use lock is built on.
"""

from __future__ import annotations

import os
from pathlib import Path
from types import TracebackType
from typing import IO, Self

from lapor_desktop.storage.dir_lock import Region, lock_nowait, unlock
from sync.errors import SyncBusy

LOCK_FILE = "sync.lock"


class SyncLock:
    def __init__(self, data_dir: Path) -> None:
        self.path = data_dir / "sync" / LOCK_FILE
        self._handle: IO[str] | None = None
        self._region: Region | None = None

    def __enter__(self) -> Self:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = self.path.open("a+", encoding="utf-8")
        try:
            self._region = lock_nowait(handle.fileno(), shared=False)
        except OSError:
            handle.close()
            raise SyncBusy(
                "another sync is already running on this data dir; wait for it to finish"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._handle = handle
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._handle is not None:
            if self._region is not None:
                unlock(self._handle.fileno(), self._region)
            self._handle.close()
            self._handle = None
            self._region = None
