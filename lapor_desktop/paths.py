"""Where a data dir's files live, and how the data dir is chosen (flag, env, platform default)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

DATA_DIR_ENV = "LAPOR_DATA_DIR"


@dataclass(frozen=True, slots=True)
class AppPaths:
    data_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / "lapor.db"

    @property
    def blobs(self) -> Path:
        return self.data_dir / "blobs"

    @property
    def settings(self) -> Path:
        return self.data_dir / "settings.json"

    @property
    def logs(self) -> Path:
        return self.data_dir / "logs"

    @classmethod
    def resolve(cls, explicit: str | os.PathLike[str] | None = None) -> AppPaths:
        if explicit:
            return cls(Path(explicit).expanduser().resolve())
        from_env = os.environ.get(DATA_DIR_ENV)
        if from_env:
            return cls(Path(from_env).expanduser().resolve())
        return cls(Path(platformdirs.user_data_dir("LaporDesktop", "LAPOR")))
