"""Preferences of this PC (language, paper size, automatic sync) in `settings.json`, written
atomically.

Office data (profile, units, signatories) lives in the database instead, so backups carry it.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
LANGUAGES = ("id", "en")
PAPER_SIZES = ("F4", "A4")
_HH_MM = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


@dataclass(frozen=True, slots=True)
class AppSettings:
    language: str = "id"
    paper: str = "F4"
    # Sync by itself once a day at this local time while the window is open (off by default:
    # the operator's end of day is a deliberate step).
    auto_sync: bool = False
    auto_sync_time: str = "16:00"

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}")
        if self.paper not in PAPER_SIZES:
            raise ValueError(f"paper must be one of {PAPER_SIZES}")
        if not isinstance(self.auto_sync, bool):
            raise ValueError("auto_sync must be true or false")
        if not isinstance(self.auto_sync_time, str) or not _HH_MM.match(self.auto_sync_time):
            raise ValueError("auto_sync_time must be HH:MM (00:00-23:59)")

    def with_changes(self, **changes: Any) -> AppSettings:
        return replace(self, **changes)


def load_settings(path: Path) -> AppSettings:
    """Read settings; a missing, damaged or partly invalid file falls back to the defaults."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return AppSettings()
    except (OSError, ValueError):
        log.warning("settings file %s unreadable; using defaults", path)
        return AppSettings()
    if not isinstance(raw, dict):
        return AppSettings()
    settings = AppSettings()
    for f in fields(AppSettings):
        if f.name in raw:
            try:
                settings = replace(settings, **{f.name: raw[f.name]})
            except (TypeError, ValueError):
                log.warning("ignoring invalid setting %s=%r", f.name, raw[f.name])
    return settings


# Written only once changed from the default, so the file of a PC that never syncs stays as it
# was (and an older version reading it meets no key it does not know).
_WRITTEN_WHEN_SET = ("auto_sync", "auto_sync_time")


def _stored(settings: AppSettings) -> dict[str, Any]:
    values = asdict(settings)
    defaults = asdict(AppSettings())
    return {
        key: value
        for key, value in values.items()
        if key not in _WRITTEN_WHEN_SET or value != defaults[key]
    }


def save_settings(path: Path, settings: AppSettings) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(_stored(settings), handle, indent=2)
        handle.flush()
        os.fsync(handle.fileno())
    Path(tmp).replace(path)
