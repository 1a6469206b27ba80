"""The 100,000-case demo data dir the read benchmarks share (built once, kept in bench/out)."""

from __future__ import annotations

from pathlib import Path

from lapor_desktop.clock import system_clock
from lapor_desktop.paths import AppPaths
from lapor_desktop.services.demo import generate_demo

OUT = Path(__file__).resolve().parent / "out"


def demo_paths(cases: int) -> AppPaths:
    paths = AppPaths(OUT / f"demo-{cases}")
    if not paths.database.exists():
        print(f"building a {cases}-case demo data dir in {paths.data_dir} (once)…")
        generate_demo(paths, system_clock, cases=cases, seed=1)
    return paths
