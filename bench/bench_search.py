"""Search over 100,000 cases: median of 20 queries vs raw FTS5 MATCH … bm25 LIMIT 50 (≤ 1.5x)."""

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
from lapor_desktop.storage.search import match_expression

TARGET = 1.5
QUERIES = [
    "jalan rusak",
    "bansos",
    "pkh tidak cair",
    "air pdam mati",
    "sampah",
    "ktp",
    "puskesmas",
    "sekolah pungutan",
    "lampu jalan",
    "banjir",
    "wisata",
    "bpjs",
    "beras",
    "akta kelahiran",
    "jembatan",
    "angkutan",
    "izin",
    "data penerima",
    "drainase",
    "retribusi",
]


def median_ms(run: object, repeats: int = 5) -> float:
    timings = []
    for query in QUERIES:
        best = min(_time(run, query) for _ in range(repeats))
        timings.append(best)
    return statistics.median(timings) * 1000


def _time(run: object, query: str) -> float:
    started = time.perf_counter()
    run(query)  # type: ignore[operator]
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=100_000)
    args = parser.parse_args()
    paths = demo_paths(args.cases)
    workspace = open_workspace(paths, system_clock)
    service = QueryService(workspace)
    raw = sqlite3.connect(paths.database)

    def baseline(query: str) -> None:
        # Fresh connection per query, as the app opens one per unit of work.
        con = sqlite3.connect(paths.database)
        con.execute(
            "SELECT rowid FROM case_fts WHERE case_fts MATCH ? ORDER BY bm25(case_fts) LIMIT 50",
            (match_expression(query),),
        ).fetchall()
        con.close()

    def ours(query: str) -> None:
        service.search(query, limit=50)

    service.search("warmup")
    baseline("warmup")
    base_ms, ours_ms = median_ms(baseline), median_ms(ours)
    raw.close()
    workspace.close()
    ratio = ours_ms / base_ms
    verdict = "OK" if ratio <= TARGET else "MISSED"
    print(
        f"search over {args.cases} cases: ours {ours_ms:.1f} ms, raw FTS5 {base_ms:.1f} ms "
        f"(median of {len(QUERIES)}); ratio {ratio:.2f} (target <= {TARGET}) {verdict}"
    )
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
