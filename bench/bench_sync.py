"""Sync benchmarks (SYNC.md §8.4, §8.9): throughput, bytes on the wire, a long backlog.

1. Push and pull of 10,000 operations over loopback, through `SyncEngine` against the real
   server, vs a bare `requests` loop posting the same payloads in the same batches to a bare
   FastAPI endpoint (it only parses the JSON) and reading the same pages back, under the same
   uvicorn settings. Target: ours ≥ 1/1.5 of the baseline's throughput (time ≤ 1.5×).
2. Bytes on the wire of that push (the fault proxy's counters, both directions) vs the gzip
   size of the operations' JSON. Target ≤ 1.2×. Both clients of 1 go through the same idle
   proxy, one more loopback hop for each.
3. Scenario 17: a 30-day backlog (5,000 operations, 500 photos) over a 64 kbit/s link with 5%
   loss and periodic disconnects (the fault proxy's shaping). Targets: it completes, client peak
   memory ≤ 200 MB, progress is monotonic. Its time is reported against payload ÷ link rate.
   The photos are scaled down (1 GB would take ~35 h at 64 kbit/s): see --photo-bytes.

Servers (and the proxy) run in this process; every client runs in a subprocess (this script
with --child), so client and server do not share one GIL and the client's peak memory is its
own. Run: `.venv/bin/python bench/bench_sync.py [--ops N] [--only loopback|backlog]`.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import random
import resource
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

# The benchmark drives the server, the sync engine and the test helpers: the repository root
# must be importable, and Python only puts this script's folder on sys.path.
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import requests  # noqa: E402
import uvicorn  # noqa: E402
from fastapi import FastAPI, Request  # noqa: E402
from fastapi.responses import Response  # noqa: E402
from starlette.middleware.gzip import GZipMiddleware  # noqa: E402

from lapor_desktop.clock import system_clock  # noqa: E402
from lapor_desktop.paths import AppPaths  # noqa: E402

THROUGHPUT_TARGET = 1.5  # ours may take at most 1.5× the bare loop's time
BYTES_TARGET = 1.2  # push bytes on the wire ÷ gzip of the ops' JSON
MEMORY_TARGET_MB = 200
PASSWORD = "bench-password-1"
FULL_PHOTO_BYTES = 2 * 1024 * 1024  # 500 photos of 2 MB: the scenario's 1 GB
GZIP_LEVEL = 6  # what sync.client uses for request bodies
LOSS_STALL = 0.2  # seconds a lost segment costs (about one retransmission timeout)


# ============================================================================ servers


def serve(app: Any) -> tuple[uvicorn.Server, threading.Thread, str]:
    """Serve `app` as tests/support/live_server.py serves the real one: same uvicorn settings."""
    # IPPROTO_TCP explicitly: asyncio sets TCP_NODELAY on accepted sockets only when the
    # listener's proto says TCP; with proto 0 every response waited ~40 ms for a delayed ACK,
    # which padded both sides of every ratio (uvicorn binding its own socket sets it).
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False)
    )
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the bare server did not start")
        time.sleep(0.01)
    return server, thread, f"http://127.0.0.1:{port}"


def bare_app(pages: list[bytes], store: Path) -> FastAPI:
    """The baseline server: parse the pushed JSON, answer a tiny result; serve stored pages.

    `/push-stored` also keeps each op durably (SQLite file, WAL, synchronous=FULL, one
    executemany and one commit per batch, a unique op id so a replay is not stored twice):
    not the target's baseline, printed beside it as the cheapest server that loses nothing.
    """
    app = FastAPI()
    # The real server gzips JSON answers over 1 KiB (server.bodies); so does the baseline.
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    db = sqlite3.connect(store, isolation_level=None, check_same_thread=False)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.execute("CREATE TABLE op (op_id TEXT PRIMARY KEY, device_id TEXT, seq INTEGER, body TEXT)")

    async def _ops(request: Request) -> list[dict[str, Any]]:
        body = await request.body()
        if request.headers.get("content-encoding") == "gzip":
            body = gzip.decompress(body)
        ops: list[dict[str, Any]] = json.loads(body)["ops"]
        return ops

    @app.post("/push")
    async def push(request: Request) -> dict[str, int]:
        return {"ops": len(await _ops(request))}

    @app.post("/push-stored")
    async def push_stored(request: Request) -> dict[str, int]:
        # On the event loop: one client posts one batch at a time, so nothing waits on it.
        ops = await _ops(request)
        rows = [(o["op_id"], o["device_id"], o["device_seq"], compact(o).decode()) for o in ops]
        db.execute("BEGIN IMMEDIATE")
        db.executemany("INSERT OR IGNORE INTO op VALUES (?, ?, ?, ?)", rows)
        db.execute("COMMIT")
        return {"ops": len(ops)}

    @app.get("/changes")
    def changes(page: int) -> Response:
        return Response(pages[page], media_type="application/json")

    return app


@contextmanager
def central_server(tmp: Path, db_url: str | None) -> Iterator[Any]:
    from tests.support.live_server import start_live_server

    server = start_live_server(db_url, tmp / "server")
    server.add_office("DINSOS", "Dinas Sosial")
    for user in ("ani", "citra", "dewi", "eko"):
        server.add_user(user, "DINSOS", PASSWORD)
    try:
        yield server
    finally:
        server.stop()


# ============================================================================ data


def build_backlog(
    base_url: str,
    data_dir: Path,
    user: str,
    cases: int,
    *,
    photos: int = 0,
    photo_bytes: int = 0,
) -> tuple[int, float]:
    """Enroll a data dir and do 5 real desktop actions per case, offline; (ops, seconds).

    Per case: register, note, edit priority, note, then an edit of the summary or, for the
    first `photos` cases, a photo attached. Register numbers come from a block leased up front
    for all of them, as a device going offline for a month would need.
    """
    from lapor_desktop.services.cases import CaseService, NewCase
    from sync import protocol as p
    from sync.client import SyncClient
    from sync.enroll import enroll
    from sync.tokens import TokenStore

    started = time.perf_counter()
    ws = enroll(AppPaths(data_dir), system_clock, base_url, user, PASSWORD).workspace
    try:
        client = SyncClient(base_url, device_id=ws.device_id, tokens=TokenStore(data_dir))
        year = system_clock().astimezone(ws.tz).year
        block = client.lease(
            p.LeaseRequest(register=f"register:{ws.office.code}", year=year, count=cases + 10)
        )
        client.close()
        with ws.db.write() as uow:
            uow.sync.blocks.add(block.register, block.year, block.start, block.end, system_clock())
            uow.commit()
        service = CaseService(ws)
        rng = random.Random(17)
        photo_dir = data_dir.parent / f"{data_dir.name}-photos"
        photo_dir.mkdir(exist_ok=True)
        for i in range(cases):
            case = service.register(
                NewCase(
                    title=f"Jalan desa rusak nomor {i}",
                    text=(
                        f"Jalan di dusun {i % 97} berlubang sejak musim hujan; warga meminta "
                        "perbaikan sebelum anak-anak kembali bersekolah."
                    ),
                    channel="whatsapp" if i % 3 else "datang_langsung",
                    category="Bantuan Sosial",
                    incident_date=date(2026, 1 + i % 11, 1 + i % 27),
                )
            )
            service.note(case.id, "Pelapor dihubungi lewat telepon, data sudah lengkap.")
            service.edit(case.id, {"priority": "tinggi"})
            service.note(case.id, f"Menunggu jawaban bidang, tindak lanjut {i}.")
            if i < photos:
                photo = photo_dir / f"foto-{i:04d}.jpg"
                photo.write_bytes(rng.randbytes(photo_bytes))  # incompressible, as JPEG is
                service.attach(case.id, photo)
            else:
                service.edit(case.id, {"summary": f"Jalan rusak di dusun {i % 97}"})
        return pending_count(ws), time.perf_counter() - started
    finally:
        ws.close()


def pending_count(ws: Any) -> int:
    with ws.db.read() as uow:
        return int(uow.sync.outbox.count("pending"))


def pending_ops(data_dir: Path) -> list[dict[str, Any]]:
    from lapor_desktop.services.workspace import open_workspace

    ws = open_workspace(AppPaths(data_dir), system_clock)
    try:
        with ws.db.read() as uow:
            return [entry.op.to_json() for entry in uow.outbox.entries(state="pending")]
    finally:
        ws.close()


def compact(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()


def fetch_pages(base_url: str, data_dir: Path, limits: list[int]) -> list[bytes]:
    """The server's change pages for a data dir's device, as the engine read them (decoded):
    asked with the limits the engine asked with, in order (its pages adapt to the link)."""
    from lapor_desktop.services.workspace import open_workspace
    from sync.client import SyncClient
    from sync.tokens import TokenStore

    ws = open_workspace(AppPaths(data_dir), system_clock)
    device_id = ws.device_id
    ws.close()
    client = SyncClient(base_url, device_id=device_id, tokens=TokenStore(data_dir))
    pages, cursor = [], 0
    try:
        while True:
            page = client.changes(cursor, limits[min(len(pages), len(limits) - 1)])
            pages.append(page.model_dump_json().encode())
            if not page.has_more:
                return pages
            cursor = page.next_cursor
    finally:
        client.close()


# ============================================================================ children


def run_child(task: dict[str, Any], timeout: float) -> dict[str, Any]:
    """Run one client task in a fresh interpreter; its last stdout line is its JSON answer."""
    done = subprocess.run(
        [sys.executable, __file__, "--child", json.dumps(task)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
        cwd=ROOT,
    )
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise RuntimeError(f"client {task['kind']} failed:\n{done.stderr[-3000:]}")
    answer: dict[str, Any] = json.loads(lines[-1])
    return answer


def child_main(task: dict[str, Any]) -> dict[str, Any]:
    kinds: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
        "engine": child_engine,
        "bare": child_bare,
    }
    answer = kinds[task["kind"]](task)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    answer["peak_rss_mb"] = peak_rss_mb(usage)
    answer["cpu_seconds"] = usage.ru_utime + usage.ru_stime
    return answer


def peak_rss_mb(usage: resource.struct_rusage) -> float:
    """This process's own peak resident memory.

    Not `ru_maxrss` alone: on Linux it carries over exec the peak of the forked copy of the
    parent, so a child started by a parent of 190 MB reported 190 MB however little it used
    (seen: a sync child reported exactly the bench's own peak). VmHWM belongs to the new image.
    """
    try:
        with Path("/proc/self/status").open(encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kB
    except OSError:
        pass
    return usage.ru_maxrss / 1024  # KiB on Linux, the fallback elsewhere


def child_engine(task: dict[str, Any]) -> dict[str, Any]:
    """Sync a data dir with the engine until its outbox is empty (or the time is up).

    Reports when each phase of the first run began, every run's outcome and pending count,
    and the push progress seen, so the parent can check that progress never goes back.
    """
    from lapor_desktop.services.workspace import open_workspace
    from sync.client import SyncClient
    from sync.engine import SyncEngine, SyncProgress
    from sync.errors import SyncError
    from sync.tokens import TokenStore

    data_dir = Path(task["data_dir"])
    ws = open_workspace(AppPaths(data_dir), system_clock)
    phases: list[tuple[str, float]] = []
    pushed: list[int] = []

    def progress(event: SyncProgress) -> None:
        if not phases or phases[-1][0] != event.phase:
            phases.append((event.phase, time.perf_counter()))
        if event.phase == "push":
            pushed.append(event.done)

    runs: list[dict[str, Any]] = []
    # The pull's page size when the benchmark sets one (the bare loop reads the same pages).
    page_size = {"page_size": task["page_size"]} if "page_size" in task else {}
    deadline = time.monotonic() + task.get("seconds", 3600)
    started = time.perf_counter()
    batch_sizes: list[int] = []
    page_limits: list[int] = []
    first_phases: list[tuple[str, float]] = []
    try:
        while True:
            client = SyncClient(
                task["base_url"], device_id=ws.device_id, tokens=TokenStore(data_dir)
            )
            engine = SyncEngine(ws, client, progress=progress, **page_size)
            run_started = time.perf_counter()
            phases.clear()
            try:
                report = engine.run()
                runs.append({"ok": True, "pending": report.pending_after, **report.counts()})
            except SyncError as error:
                runs.append({"ok": False, "pending": pending_count(ws), "error": str(error)})
            finally:
                client.close()
            if not first_phases:
                first_phases = [*phases, ("end", time.perf_counter())]
                first_phases = [(name, t - run_started) for name, t in first_phases]
            batch_sizes.extend(engine.batch_sizes)
            page_limits.extend(engine.page_limits)
            if runs[-1]["pending"] == 0 or time.monotonic() > deadline:
                break
            time.sleep(task.get("pause", 1.0))  # the app's next scheduled attempt
    finally:
        ws.close()
    return {
        "runs": runs,
        "phases": first_phases,
        "batch_sizes": batch_sizes,
        "page_limits": page_limits,
        "pushed": pushed,
        "seconds": time.perf_counter() - started,
    }


def child_bare(task: dict[str, Any]) -> dict[str, Any]:
    """The baseline client: a `requests` loop over the same batches and the same pages."""
    ops = json.loads(Path(task["ops_file"]).read_text())
    session = requests.Session()
    headers = {"Content-Type": "application/json", "Accept-Encoding": "gzip"}
    push_seconds = _post_batches(session, f"{task['base_url']}/push", ops, task, headers)
    stored_seconds = _post_batches(session, f"{task['base_url']}/push-stored", ops, task, headers)
    started = time.perf_counter()
    for page in range(task["pages"]):
        answer = session.get(
            f"{task['base_url']}/changes", params={"page": page}, headers=headers, timeout=60
        )
        answer.raise_for_status()
        answer.json()
    return {
        "push_seconds": push_seconds,
        "stored_seconds": stored_seconds,
        "pull_seconds": time.perf_counter() - started,
    }


def _post_batches(
    session: requests.Session,
    url: str,
    ops: list[dict[str, Any]],
    task: dict[str, Any],
    headers: dict[str, str],
) -> float:
    """Post `ops` in the engine's batch sizes (same JSON, gzip over 1 KiB); seconds taken."""
    started = time.perf_counter()
    position = 0
    for size in task["batch_sizes"]:
        body = compact({"device_id": task["device_id"], "ops": ops[position : position + size]})
        position += size
        extra = {}
        if len(body) > 1024:
            body, extra = gzip.compress(body, GZIP_LEVEL), {"Content-Encoding": "gzip"}
        answer = session.post(url, data=body, headers={**headers, **extra}, timeout=60)
        answer.raise_for_status()
        answer.json()
    return time.perf_counter() - started


def phase_seconds(phases: list[list[Any]], phase: str) -> float | None:
    """How long `phase` lasted in a run's phase timeline (None: it never began)."""
    for index, (name, at) in enumerate(phases):
        if name == phase and index + 1 < len(phases):
            return float(phases[index + 1][1] - at)
    return None


# ============================================================================ benchmarks


def bench_loopback(args: argparse.Namespace, tmp: Path) -> bool:
    """Benchmarks 1 and 2: one push of `--ops` operations, and a second data dir's pull.

    Both clients, ours and the bare loop, reach their server through the fault proxy with no
    fault or shaping (one more loopback hop for both): its counters give the push's bytes on
    the wire without building and pushing a second 10,000-op backlog.
    """
    from tests.support.fault_proxy import FaultProxy

    cases = args.ops // 5
    with central_server(tmp, args.db_url) as server:
        ops, built = build_backlog(server.base_url, tmp / "push", "ani", cases)
        print(f"loopback: {ops} operations built offline through CaseService in {built:.0f} s")
        ops_json = pending_ops(tmp / "push")
        payload = compact(ops_json)
        zipped = len(gzip.compress(payload, GZIP_LEVEL))
        ops_file = tmp / "ops.json"
        ops_file.write_bytes(payload)
        build_backlog(server.base_url, tmp / "pull", "citra", 0)  # the office's second PC
        with FaultProxy(*_host_port(server.base_url)) as proxy:
            ours = run_child(
                {"kind": "engine", "data_dir": str(tmp / "push"), "base_url": proxy.base_url},
                3600,
            )
            pushed = proxy.stats.for_prefix("/sync/v1/push")
            theirs = run_child(
                {
                    "kind": "engine",
                    "data_dir": str(tmp / "pull"),
                    "base_url": proxy.base_url,
                    **({"page_size": args.page_size} if args.page_size else {}),
                },
                3600,
            )
        _check_runs("push", ours)
        _check_runs("pull", theirs)
        pages = fetch_pages(server.base_url, tmp / "pull", theirs["page_limits"])

    bare_server, bare_thread, bare_url = serve(bare_app(pages, tmp / "bare-store.db"))
    try:
        with FaultProxy(*_host_port(bare_url)) as proxy:
            base = run_child(
                {
                    "kind": "bare",
                    "base_url": proxy.base_url,
                    "ops_file": str(ops_file),
                    "batch_sizes": ours["batch_sizes"],
                    "device_id": ops_json[0]["device_id"],
                    "pages": len(pages),
                },
                3600,
            )
    finally:
        bare_server.should_exit = True
        bare_thread.join(10)

    ok = True
    changes = sum(len(json.loads(page)["changes"]) for page in pages)
    for name, mine, bare, unit, count in (
        ("push", phase_seconds(ours["phases"], "push"), base["push_seconds"], "ops", ops),
        ("pull", phase_seconds(theirs["phases"], "pull"), base["pull_seconds"], "changes", changes),
    ):
        if mine is None:
            raise RuntimeError(f"the engine reported no {name} phase: {ours['phases']}")
        ratio = mine / bare
        ok &= ratio <= THROUGHPUT_TARGET
        print(
            f"{name} of {count:,} {unit}: engine {count / mine:,.0f} {unit}/s ({mine:.2f} s), "
            f"bare requests+FastAPI {count / bare:,.0f} {unit}/s ({bare:.2f} s); time ratio "
            f"{ratio:.2f} (target <= {THROUGHPUT_TARGET}) {_verdict(ratio <= THROUGHPUT_TARGET)}"
        )
    push_seconds = phase_seconds(ours["phases"], "push") or 0.0
    print(
        f"  beside it: a bare endpoint that also stores each op durably: "
        f"{ops / base['stored_seconds']:,.0f} ops/s ({base['stored_seconds']:.2f} s); "
        f"ours takes {push_seconds / base['stored_seconds']:.2f}x its time (no target)"
    )
    print(
        f"  push batches: {_batches(ours['batch_sizes'])}; pull pages: {len(pages)} (asked for "
        f"{_batches(theirs['page_limits'])}); client CPU "
        f"{ours['cpu_seconds']:.0f} s of the pushing run's {ours['seconds']:.0f} s, "
        f"{theirs['cpu_seconds']:.0f} s of the pulling run's {theirs['seconds']:.0f} s"
    )
    wire = pushed.bytes_up + pushed.bytes_down
    ratio = wire / zipped
    ok &= ratio <= BYTES_TARGET
    print(
        f"push bytes on the wire: {wire:,} B ({pushed.bytes_up:,} up, {pushed.bytes_down:,} "
        f"down, {pushed.exchanges} requests) vs gzip -{GZIP_LEVEL} of the ops' JSON "
        f"{zipped:,} B (raw {len(payload):,} B); ratio {ratio:.2f} (target <= {BYTES_TARGET}) "
        f"{_verdict(ratio <= BYTES_TARGET)}; up only {pushed.bytes_up / zipped:.2f}"
    )
    return ok


def _host_port(base_url: str) -> tuple[str, int]:
    host, port = base_url.removeprefix("http://").rsplit(":", 1)
    return host, int(port)


def _verdict(ok: bool) -> str:
    return "OK" if ok else "MISSED"


def bench_backlog(args: argparse.Namespace, tmp: Path) -> bool:
    from sync import protocol as p
    from tests.support.fault_proxy import FaultProxy

    cases = round(args.backlog_ops * args.scale) // 5
    photos = round(args.photos * args.scale)
    rate = args.link_kbit * 1000 / 8  # bytes per second
    with central_server(tmp, args.db_url) as server:
        ops, built = build_backlog(
            server.base_url,
            tmp / "backlog",
            "eko",
            cases,
            photos=photos,
            photo_bytes=args.photo_bytes,
        )
        payload = len(gzip.compress(compact(pending_ops(tmp / "backlog")), GZIP_LEVEL))
        payload += photos * args.photo_bytes
        print(
            f"backlog: {ops} operations and {photos} photos of {args.photo_bytes:,} B built in "
            f"{built:.0f} s (photos scaled from {FULL_PHOTO_BYTES:,} B: 1 GB would take "
            f"~{args.photos * FULL_PHOTO_BYTES / rate / 3600:.0f} h at {args.link_kbit} kbit/s)"
        )
        samples: list[tuple[int, int]] = []
        stop = threading.Event()

        def watch() -> None:  # the server's side of "monotonic progress"
            while not stop.wait(1.0):
                samples.append(server_progress(server))

        watcher = threading.Thread(target=watch, daemon=True)
        with FaultProxy(*_host_port(server.base_url)) as proxy:
            proxy.shape(
                bytes_per_second=rate,
                loss=args.loss,
                loss_stall=LOSS_STALL,
                disconnect_every_seconds=args.disconnect_every,
                seed=17,
            )
            watcher.start()
            started = time.perf_counter()
            result = run_child(
                {
                    "kind": "engine",
                    "data_dir": str(tmp / "backlog"),
                    "base_url": proxy.base_url,
                    "seconds": args.backlog_minutes * 60,
                },
                args.backlog_minutes * 60 + 300,
            )
            elapsed = time.perf_counter() - started
            stop.set()
            watcher.join(5)
            stats = proxy.stats
        final = server_progress(server)
    runs = result["runs"]
    complete = runs[-1]["pending"] == 0 and final == (ops, photos)
    pending = [run["pending"] for run in runs]
    monotonic = all(a[0] <= b[0] and a[1] <= b[1] for a, b in itertools.pairwise(samples)) and all(
        a >= b for a, b in itertools.pairwise(pending)
    )
    memory_ok = result["peak_rss_mb"] <= MEMORY_TARGET_MB
    ideal = payload / rate
    wire = stats.bytes_up + stats.bytes_down
    print(
        f"backlog over {args.link_kbit} kbit/s, {args.loss:.0%} loss, a disconnect every "
        f"{args.disconnect_every:.0f} s: {'completed' if complete else 'DID NOT COMPLETE'} in "
        f"{elapsed:.0f} s and {len(runs)} run(s) ({sum(not r['ok'] for r in runs)} failed); "
        f"server holds {final[0]}/{ops} ops, {final[1]}/{photos} photos"
    )
    print(
        f"  time vs payload ÷ link rate ({payload:,} B ÷ {rate:,.0f} B/s = {ideal:.0f} s): "
        f"{elapsed / ideal:.2f}×; on the wire {stats.bytes_up:,} B up, {stats.bytes_down:,} B "
        f"down, {stats.connections} connections, {stats.disconnects} disconnects, "
        f"{stats.loss_stalls} loss stalls"
    )
    # At full size the photo bytes grow: they cross the link at its rate, slowed by the loss
    # stalls per KiB; the per-op and per-request costs measured here grow only with --scale.
    extra = args.photos * FULL_PHOTO_BYTES - photos * args.photo_bytes
    stall_share = args.loss * LOSS_STALL * rate / 1024
    projected = elapsed / args.scale + extra / rate * (1 + stall_share)
    full = payload / args.scale + extra
    print(
        f"  projection at full size ({args.backlog_ops} ops, {args.photos} photos of "
        f"{FULL_PHOTO_BYTES:,} B, {full / 1e9:.2f} GB): ~{projected / 3600:.1f} h "
        f"(floor {full / rate / 3600:.1f} h)"
    )
    # The engine sizes photo chunks to the link (sync.uploads.ChunkSizer): the size it settles
    # at on this link, fed chunks that arrive at the link's rate.
    from sync.uploads import ChunkSizer

    sizer = ChunkSizer(p.DEFAULT_CHUNK_BYTES)
    for _ in range(30):
        sizer.arrived(sizer.size, sizer.size / rate)
    chunk_seconds = sizer.size / rate
    fits = not args.disconnect_every or chunk_seconds < args.disconnect_every
    print(
        f"  full-size photos go in chunks of {sizer.size:,} B on this link (the server allows "
        f"{p.DEFAULT_CHUNK_BYTES:,}): {chunk_seconds:.0f} s each"
        + (
            f", inside the {args.disconnect_every:.0f} s between disconnects"
            if fits
            else f" — WARNING: longer than the {args.disconnect_every:.0f} s between "
            "disconnects, so a chunk would rarely finish"
        )
    )
    print(
        f"  client peak memory {result['peak_rss_mb']:.0f} MB (target <= {MEMORY_TARGET_MB}) "
        f"{'OK' if memory_ok else 'MISSED'}; progress "
        f"{'monotonic' if monotonic else 'WENT BACK'} (server samples {len(samples)}, "
        f"pending after each run {pending}); wire/payload {wire / payload:.2f}"
    )
    return complete and memory_ok and monotonic


def server_progress(server: Any) -> tuple[int, int]:
    """(ops processed, blobs complete) on the server."""
    from sqlalchemy import text

    with server.engine.connect() as conn:
        ops = conn.execute(text("SELECT count(*) FROM processed_op")).scalar_one()
        blobs = conn.execute(
            text("SELECT count(*) FROM blob WHERE state = 'complete'")
        ).scalar_one()
    return int(ops), int(blobs)


def _check_runs(name: str, result: dict[str, Any]) -> None:
    failed = [run for run in result["runs"] if not run["ok"]]
    if failed or result["runs"][-1]["pending"]:
        raise RuntimeError(f"{name}: the sync did not finish cleanly: {result['runs']}")


def _batches(sizes: list[int]) -> str:
    if not sizes:
        return "none"
    out: list[str] = []
    for size in sizes:
        if out and out[-1].split("×")[0] == str(size):
            count = int(out[-1].split("×")[1]) + 1 if "×" in out[-1] else 2
            out[-1] = f"{size}×{count}"
        else:
            out.append(str(size))
    return ", ".join(out)


def engine_available() -> str | None:
    """None when the sync engine imports, else why not."""
    try:
        import sync.engine  # noqa: F401
        import tests.support.live_server  # noqa: F401
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ops", type=int, default=10_000, help="operations pushed and pulled")
    parser.add_argument(
        "--page-size", type=int, help="a fixed pull page (default: the engine's adaptive pages)"
    )
    parser.add_argument("--only", choices=["loopback", "backlog"])
    parser.add_argument("--db-url", help="the server's database (default: a SQLite file)")
    parser.add_argument("--backlog-ops", type=int, default=5000)
    parser.add_argument("--photos", type=int, default=500)
    parser.add_argument(
        "--scale", type=float, default=1.0, help="backlog ops and photos × this (quick runs)"
    )
    parser.add_argument(
        "--photo-bytes", type=int, default=1024, help="scaled photo size (full: 2 MB)"
    )
    parser.add_argument("--link-kbit", type=float, default=64)
    parser.add_argument("--loss", type=float, default=0.05)
    parser.add_argument("--disconnect-every", type=float, default=30.0, help="seconds")
    parser.add_argument("--backlog-minutes", type=float, default=10, help="give up after")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child_main(json.loads(args.child))))
        return 0
    why = engine_available()
    if why is not None:
        print(f"sync benchmarks: engine not available ({why}); nothing measured")
        return 1
    ok = True
    with tempfile.TemporaryDirectory(prefix="bench-sync-") as scratch:
        tmp = Path(scratch)
        for name, bench in (("loopback", bench_loopback), ("backlog", bench_backlog)):
            if args.only in (None, name):
                (tmp / name).mkdir()
                ok &= bench(args, tmp / name)
    return 0 if ok else 1


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
