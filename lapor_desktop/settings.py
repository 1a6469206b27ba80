"""Preferences of this PC (language, paper size) in `settings.json`, written atomically.

Office data (profile, units, signatories) lives in the database instead, so backups carry it.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)
LANGUAGES = ("id", "en")
PAPER_SIZES = ("F4", "A4")


@dataclass(frozen=True, slots=True)
class AppSettings:
    language: str = "id"
    paper: str = "F4"

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"language must be one of {LANGUAGES}")
        if self.paper not in PAPER_SIZES:
            raise ValueError(f"paper must be one of {PAPER_SIZES}")

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


def save_settings(path: Path, settings: AppSettings) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".settings-", dir=path.parent)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(asdict(settings), handle, indent=2)
        handle.flush()
        os.fsync(handle.fileno())
    Path(tmp).replace(path)
