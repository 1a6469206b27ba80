"""Queue counts over 100,000 cases vs raw COUNT(*) per status on a covering index (≤ 2x)."""

from __future__ import annotations

import argparse
import sqlite3
import statistics
import sys
import time

# `datasets` sits beside this script, which Python puts first on sys.path.
from datasets import demo_paths

from lapor_desktop.clock import system_clock
from lapor_desktop.services.queries import QueryService
from lapor_desktop.services.workspace import open_workspace

TARGET = 2.0
RUNS = 15


def median_ms(run: object) -> float:
    timings = []
    for _ in range(RUNS):
        started = time.perf_counter()
        run()  # type: ignore[operator]
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    args = parser.parse_args()
    paths = demo_paths(args.cases)
    workspace = open_workspace(paths, system_clock)
    service = QueryService(workspace)

    def baseline() -> None:
        con = sqlite3.connect(paths.database)
        # The covering index (status, holder_office) answers this without touching the table.
        con.execute(
            'SELECT status, count(*) FROM "case" INDEXED BY ix_case_status_holder GROUP BY status'
        ).fetchall()
        con.close()

    def ours() -> None:
        service.queue_counts()

    ours()
    baseline()
    base_ms, ours_ms = median_ms(baseline), median_ms(ours)
    workspace.close()
    ratio = ours_ms / base_ms
    verdict = "OK" if ratio <= TARGET else "MISSED"
    print(
        f"queue counts over {args.cases} cases: ours {ours_ms:.1f} ms, raw counts "
        f"{base_ms:.1f} ms (median of {RUNS}); ratio {ratio:.2f} (target <= {TARGET}) {verdict}"
    )
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
