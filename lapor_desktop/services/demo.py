"""Realistic demo data: Indonesian complaints across 2023–now with whole, rule-abiding histories.

Every case is built by applying real operations with `domain.apply` at simulated times, so the
demo never contains a state the workflow could not produce. Rows are written in bulk (Core
executemany) because the demo is also the 100,000-case benchmark data set. Demo histories are
not operator actions: they get timeline events but no outbox entries, and the data dir is
marked as demo so it is never synced.
"""

from __future__ import annotations

import contextlib
import marshal
import os
import random
import uuid
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import insert

from lapor_desktop.clock import Clock
from lapor_desktop.domain.apply import ApplyContext
from lapor_desktop.domain.codes import Role
from lapor_desktop.paths import AppPaths
from lapor_desktop.progress import Progress
from lapor_desktop.services.deadlines import due_info
from lapor_desktop.services.demo_stories import (
    DEMO_OFFICE,
    DemoGenerator,
    chunk_size,
    demo_corpus,
)
from lapor_desktop.services.office import OfficeProfile
from lapor_desktop.services.workspace import (
    WorkspaceError,
    default_user,
    init_workspace,
)
from lapor_desktop.storage.bulk import (
    BulkWriter,
    RowBatch,
    case_tuple,
    event_tuple,
    fts_tuple,
    written_once,
)
from lapor_desktop.storage.flush_behind import FlushBehind
from lapor_desktop.storage.rows import NumberSequenceRow


@dataclass(frozen=True, slots=True)
class DemoSetting:
    """What every chunk shares: sent to each worker process once, not with every chunk.

    Pickled with each chunk it cost ~12 ms to load per chunk, and each chunk then started
    with cold calendar caches (~3-9% more CPU per case, measured).
    """

    ctx: ApplyContext
    office: OfficeProfile
    now: datetime
    device_id: str


@dataclass(frozen=True, slots=True)
class ChunkSpec:
    """A run of consecutive demo cases."""

    first_row_id: int
    received: tuple[datetime, ...]
    register_nos: tuple[str, ...]
    seed: int


def build_chunk(setting: DemoSetting, spec: ChunkSpec) -> tuple[bytes, dict[str, int]]:
    """Pure and deterministic for a setting and spec: runs in a worker process or inline.

    The rows come back marshalled: they are plain tuples of str/int/float/None, and marshal
    loads them ~4x faster than pickle in the writing process, which is the bottleneck.
    """
    ctx = setting.ctx
    generator = DemoGenerator(ctx, setting.office, setting.now, spec.seed, setting.device_id)
    batch = RowBatch()
    statuses: dict[str, int] = {}
    for offset, (received, register_no) in enumerate(
        zip(spec.received, spec.register_nos, strict=True)
    ):
        item = generator.one(received, register_no)
        row_id = spec.first_row_id + offset
        due = due_info(item.case, ctx.rulebook, ctx.calendar, ctx.tz, setting.now)
        batch.cases.append(case_tuple(row_id, item.case, due))
        batch.events.extend(map(event_tuple, item.events))
        batch.fts.append(fts_tuple(row_id, item.case))
        status = item.case.status._value_  # the code, without the `.value` property's calls
        statuses[status] = statuses.get(status, 0) + 1
    return marshal.dumps((batch.cases, batch.events, batch.fts)), statuses


# A worker process's copy of the setting, put there once by the pool's initializer.
_worker_setting: DemoSetting | None = None


def _remember_setting(setting: DemoSetting) -> None:
    global _worker_setting
    _worker_setting = setting


def _build_in_worker(spec: ChunkSpec) -> tuple[bytes, dict[str, int]]:
    assert _worker_setting is not None, "the pool's initializer sets it"
    return build_chunk(_worker_setting, spec)


def _chunks(setting: DemoSetting, seed: int, count: int) -> tuple[list[ChunkSpec], dict[int, int]]:
    ctx = setting.ctx
    planner = DemoGenerator(ctx, setting.office, setting.now, seed, setting.device_id)
    # Receipt times sorted so register numbers follow the agenda book's order.
    times = sorted(planner.received_at() for _ in range(count))
    sequences: dict[int, int] = {}
    numbers = []
    tz = ctx.tz
    for moment in times:
        year = moment.astimezone(tz).year
        seq = sequences[year] = sequences.get(year, 0) + 1
        numbers.append(_register_no(year, seq))
    size = chunk_size(count)
    specs = [
        ChunkSpec(
            first_row_id=i + 1,
            received=tuple(times[i : i + size]),
            register_nos=tuple(numbers[i : i + size]),
            seed=seed * 1_000_003 + i,
        )
        for i in range(0, count, size)
    ]
    return specs, sequences


def _register_no(year: int, seq: int) -> str:
    """`str(RegisterNumber(DEMO_OFFICE, year, seq))` written out (a test holds the two equal):
    this runs for every case in this process before any worker starts."""
    return f"{DEMO_OFFICE}/{year}/{seq:05d}"


def _batches(
    setting: DemoSetting, specs: list[ChunkSpec]
) -> Iterator[tuple[bytes, dict[str, int]]]:
    if len(specs) < 3 or (os.cpu_count() or 1) < 2:
        yield from (build_chunk(setting, spec) for spec in specs)
        return
    # Building histories is pure CPU work: spread it over the cores while this process writes.
    workers = min(os.cpu_count() or 2, 4)
    pool = ProcessPoolExecutor(
        max_workers=workers, initializer=_remember_setting, initargs=(setting,)
    )
    try:
        yield from pool.map(_build_in_worker, specs)
    finally:
        # A cancel stops the loop above: drop the chunks not started instead of building them.
        pool.shutdown(wait=True, cancel_futures=True)


def generate_demo(
    paths: AppPaths, clock: Clock, cases: int, seed: int, progress: Progress | None = None
) -> dict[str, Any]:
    """Create a demo data dir (refusing one that is in use) and fill it with `cases` cases.

    `progress` reports cases written and may cancel; a cancelled or failed run removes what it
    created, so the folder never looks like a real office's data.
    """
    if paths.database.exists():
        raise WorkspaceError(f"{paths.data_dir} already has data; demo needs an empty data dir")
    corpus = demo_corpus()
    office_raw = next(o for o in corpus["offices"] if o["code"] == DEMO_OFFICE)
    office = OfficeProfile(
        code=DEMO_OFFICE,
        name=office_raw["name"],
        regency=corpus["regency"],
        unit_code=office_raw.get("unit_code", ""),
        address="Jl. Trunojoyo No. 1, Sumenep",
        city="Sumenep",
        postal_code="69417",
        units=tuple(office_raw.get("units", ())),
        head_name="Drs. Ahmad Fauzi, M.Si.",
        head_nip="197003121995031002",
        head_rank="Pembina Utama Muda (IV/c)",
        head_title="Kepala Dinas Sosial",
    )
    # The device id comes from the seed too: the same seed and clock give the same data dir.
    device_id = str(uuid.UUID(int=random.Random(seed).getrandbits(128), version=4))
    workspace = init_workspace(
        paths, office, default_user("operator", Role.COORDINATOR), clock, device_id
    )
    statuses: dict[str, int] = {}
    written = 0
    completed = False
    try:
        with workspace.db.write() as uow:
            # Marked first, in its own commit: even a half-made demo is never taken for real data.
            uow.reference.set_setting("demo", True)
            uow.commit()
        ctx = workspace.apply_context()
        setting = DemoSetting(ctx, office, clock(), workspace.device_id)
        specs, sequences = _chunks(setting, seed, cases)
        with (
            written_once(workspace.db.engine),
            workspace.db.write() as uow,
            FlushBehind(paths.database) as behind,
        ):
            writer = BulkWriter(uow.session)
            with writer.deferred_indexes():
                for rows, counts in _batches(setting, specs):
                    writer.write(RowBatch(*marshal.loads(rows)))
                    behind.nudge()  # the disk writes this batch while the next is built
                    written += sum(counts.values())
                    if progress is not None:
                        progress.step(written, cases, "demo")
                    for status, n in counts.items():
                        statuses[status] = statuses.get(status, 0) + n
            for year, last in sequences.items():
                uow.session.execute(
                    insert(NumberSequenceRow).values(
                        name=f"register:{DEMO_OFFICE}", year=year, last=last
                    )
                )
            uow.commit()
        completed = True
    finally:
        workspace.close()
        if not completed:
            _remove_demo_files(paths)
    return {
        "data_dir": str(paths.data_dir),
        "cases": cases,
        "seed": seed,
        "statuses": dict(sorted(statuses.items())),
    }


def _remove_demo_files(paths: AppPaths) -> None:
    """Undo a demo that did not finish: only the files a demo creates, then the empty folder."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{paths.database}{suffix}").unlink(missing_ok=True)
    for folder in (paths.blobs, paths.data_dir):
        with contextlib.suppress(OSError):
            folder.rmdir()  # only when empty: never anything the user put there
