"""Registers cases one after another until done or killed: the subject of test_crash.py.

Usage: python crash_writer.py DATA_DIR COUNT   (the clock comes from LAPOR_NOW)
"""

from __future__ import annotations

import sys
from pathlib import Path

from lapor_desktop.clock import clock_from_env
from lapor_desktop.domain.case import Reporter
from lapor_desktop.paths import AppPaths
from lapor_desktop.services.cases import CaseService, NewCase
from lapor_desktop.services.workspace import open_workspace


def main(data_dir: str, count: int) -> None:
    workspace = open_workspace(AppPaths(Path(data_dir)), clock_from_env())
    service = CaseService(workspace)
    for i in range(count):
        service.register(
            NewCase(
                title=f"Pengaduan nomor {i}",
                text=f"Isi pengaduan ke-{i}: jalan rusak di desa",
                channel="whatsapp",
                category="Bantuan Sosial",
                reporter=Reporter(name=f"Pelapor {i}", phone=f"0812{i:07d}"),
            )
        )
    workspace.close()


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
