"""Files the operator saves out of the app (letters, reports): written whole or not at all."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from pathlib import Path


def write_atomically(
    path: Path,
    data: bytes,
    prefix: str = ".lapor-",
    before_replace: Callable[[], None] | None = None,
) -> None:
    """Temp file in the same folder, fsync, rename: a reader never sees half a file, and a
    failure leaves the old file (or none) and no temp file behind. `before_replace` runs last
    before the rename and may raise (a Cancel's check): the target then stays as it was."""
    tmp = path.with_name(f"{prefix}{uuid.uuid4().hex}{path.suffix}")
    # os.open with 0o666, not mkstemp's 0o600: the umask decides, as for any file the user
    # saves, so a letter or report on a shared folder stays readable by the colleagues it is for.
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(tmp, flags, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if before_replace is not None:
            before_replace()
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
