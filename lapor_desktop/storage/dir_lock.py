"""Who has a data dir open: a shared lock on its lapor.lock per open Workspace, an exclusive one
for a restore, so a restore can refuse while the window or a command still uses the database.

Why it matters: a restore renames lapor.db aside and removes its WAL. A process that still has
the database open keeps writing into the renamed file and the removed WAL (POSIX), so what the
operator enters afterwards is silently lost; on Windows the rename fails halfway.

The file only exists while someone holds it: the last holder out removes it, so the data dir
looks as it did before (a cancelled demo leaves no folder behind, a refused command no file).
Removing a lock file is safe only with a check on the other side: after locking, a holder makes
sure the path still names the file it locked, and starts over if it does not (the last holder
removed it in between). The OS drops a dead process's locks; its file stays and is reused.

The non-blocking file-lock primitives here are also what sync.lock uses for its own file, so
the platform code exists once:

- POSIX: flock(2). A lock belongs to the open file description: two opens in one process are
  two holders (two Workspaces at once share; a restore while this process's own Workspace is
  open is refused), and a forked child shares its parent's lock until the child exits (a
  process pool's workers hold nothing once the pool is shut down). Descriptors are not
  inherited across exec.
- Windows: msvcrt has only exclusive byte-range locks, so "shared" is built from them. Each
  shared holder locks one byte of the SLOTS bytes at offset 0 (the first one free), and an
  exclusive holder must lock all SLOTS bytes at once, which it gets only while no shared holder
  has a byte (and which keeps every shared one out). More than SLOTS shared holders at once
  would be refused as if a restore held the dir. Windows cannot delete a file someone has open,
  so there the last holder out is simply whoever's delete succeeds.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

LOCK_FILE = "lapor.lock"
SLOTS = 256  # Windows: bytes a shared holder picks its own from; the exclusive one takes all
# A holder that is closing takes the lock exclusively for a moment to remove the file; others
# retry for this long before they report the data dir as in use.
PATIENCE_S = 1.0
_RETRY_S = 0.02

log = logging.getLogger(__name__)


class LockBusy(OSError):
    """The lock is held by someone else (non-blocking attempt refused)."""


class DataDirInUse(Exception):
    """The data dir's lock is held in a way that rules out what was asked for."""


@dataclass(frozen=True, slots=True)
class Region:
    """The bytes a lock covers on Windows; on POSIX flock always covers the whole file."""

    start: int
    length: int


class DataDirHold:
    """One holder of a data dir's lock; release() (once, or again harmlessly) lets it go."""

    def __init__(self, path: Path, fd: int, region: Region, exclusive: bool) -> None:
        self.path = path
        self.exclusive = exclusive
        self._fd: int | None = fd
        self._region = region

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _release_and_remove(self.path, fd, self._region, self.exclusive)
        except OSError as error:  # the lock goes with the descriptor anyway
            log.warning("%s: could not be removed after use (%s)", self.path, error)


def lock_path(data_dir: Path) -> Path:
    return data_dir / LOCK_FILE


def hold_shared(data_dir: Path, patience: float = PATIENCE_S) -> DataDirHold:
    """Hold the data dir as one of its users (a Workspace, for as long as it is open).

    Raises DataDirInUse while someone holds it exclusively (a restore); OSError when the lock
    file cannot be opened or locked at all (e.g. a read-only folder without one).
    """
    return _hold(lock_path(data_dir), exclusive=False, patience=patience)


def hold_exclusive(data_dir: Path, patience: float = PATIENCE_S) -> DataDirHold:
    """Hold the data dir alone (a restore). Raises DataDirInUse while anyone else holds it."""
    return _hold(lock_path(data_dir), exclusive=True, patience=patience)


def _hold(path: Path, *, exclusive: bool, patience: float) -> DataDirHold:
    give_up = time.monotonic() + patience
    while True:
        fd = _open_lock_file(path)
        try:
            region = lock_nowait(fd, shared=not exclusive)
        except LockBusy:
            os.close(fd)
            if time.monotonic() >= give_up:
                raise DataDirInUse(str(path)) from None
            time.sleep(_RETRY_S)
            continue
        except BaseException:
            os.close(fd)
            raise
        if _still_named(fd, path):
            return DataDirHold(path, fd, region, exclusive)
        # The last holder removed the file after we opened it: lock the one there now.
        unlock(fd, region)
        os.close(fd)


def _open_lock_file(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as first:
        # A lock file we may not write (another account's, a read-only folder): locking needs
        # only a descriptor, so reading is enough.
        try:
            return os.open(path, os.O_RDONLY)
        except OSError:
            raise first from None


if sys.platform == "win32":  # pragma: no cover - exercised on Windows builds only
    import msvcrt

    def lock_nowait(fd: int, *, shared: bool) -> Region:
        """Lock `fd` without waiting; raises LockBusy when someone else holds it."""
        if not shared:
            region = Region(0, SLOTS)
            os.lseek(fd, region.start, os.SEEK_SET)
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, region.length)
            except OSError:
                raise LockBusy("locked by another holder") from None
            return region
        for slot in range(SLOTS):  # the first byte no other shared holder has
            os.lseek(fd, slot, os.SEEK_SET)
            try:
                msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            except OSError:
                continue
            return Region(slot, 1)
        raise LockBusy("locked exclusively by another holder")

    def unlock(fd: int, region: Region) -> None:
        os.lseek(fd, region.start, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, region.length)

    def _still_named(fd: int, path: Path) -> bool:
        return True  # an open file cannot be deleted on Windows: the path is still ours

    def _release_and_remove(path: Path, fd: int, region: Region, exclusive: bool) -> None:
        unlock(fd, region)
        os.close(fd)
        # Refused while someone else has it open (they remove it when done), or read-only.
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)

else:
    import fcntl

    _WHOLE_FILE = Region(0, 0)

    def lock_nowait(fd: int, *, shared: bool) -> Region:
        """Lock `fd` without waiting; raises LockBusy when someone else holds it."""
        try:
            fcntl.flock(fd, (fcntl.LOCK_SH if shared else fcntl.LOCK_EX) | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LockBusy("locked by another holder") from None
        return _WHOLE_FILE

    def unlock(fd: int, region: Region) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)

    def _still_named(fd: int, path: Path) -> bool:
        try:
            named = path.stat()
        except FileNotFoundError:
            return False
        held = os.fstat(fd)
        return (named.st_dev, named.st_ino) == (held.st_dev, held.st_ino)

    def _release_and_remove(path: Path, fd: int, region: Region, exclusive: bool) -> None:
        try:
            if not exclusive:
                try:  # alone now? only then may the file go
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                except BlockingIOError:
                    return  # other holders remain; closing below drops ours
            # Holding it exclusively, nobody else holds this file, and anyone who opened it
            # meanwhile finds it gone after locking and starts over.
            if _still_named(fd, path):
                # In a folder we may not write the file stays, and the next holder reuses it.
                with contextlib.suppress(OSError):
                    path.unlink()
        finally:
            os.close(fd)
