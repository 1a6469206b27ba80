"""Concurrent writers: leases never overlap, and a reader's cursor never skips a change."""

from __future__ import annotations

import threading
from collections.abc import Callable

from lapor_desktop.domain.ops import OpType
from tests.server.devices import PASSWORD, Device, enroll, setup_offices
from tests.support.live_server import LiveServer


def in_threads(*work: Callable[[], None]) -> None:
    errors: list[BaseException] = []

    def run(job: Callable[[], None]) -> None:
        try:
            job()
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=run, args=(job,)) for job in work]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors


def changes_seen_while(reader: Device, limit: int, *writers: Callable[[], None]) -> list[int]:
    """The change seqs a reader polling `/changes` saw while the writers ran in threads."""
    seen: list[int] = []
    done = threading.Event()

    def read() -> None:
        cursor = 0
        while True:
            finished = done.is_set()
            page = reader.changes(cursor, limit=limit)
            seen.extend(c["seq"] for c in page["changes"])
            cursor = page["next_cursor"]
            if finished and not page["has_more"]:
                return

    def write_all() -> None:
        try:
            in_threads(*writers)
        finally:
            done.set()  # the reader stops even when a writer failed

    in_threads(write_all, read)
    return seen


def two_devices(server: LiveServer) -> tuple[Device, Device]:
    setup_offices(server)
    server.add_user("ani2", "DINSOS", PASSWORD)
    return enroll(server, "ani"), enroll(server, "ani2")


def test_concurrent_leases_of_one_office_never_overlap(live_server: LiveServer) -> None:
    first, second = two_devices(live_server)
    year = first.enrollment["blocks"][0]["year"]
    blocks = [first.enrollment["blocks"][0], second.enrollment["blocks"][0]]

    def lease(device: Device) -> None:
        for _ in range(8):
            response = device.post(
                "/numbers/lease", {"register": "register:DINSOS", "year": year, "count": 7}
            )
            assert response.status_code == 200, response.text
            blocks.append(response.json())

    in_threads(lambda: lease(first), lambda: lease(second))
    numbers = [n for b in blocks for n in range(b["start"], b["end"] + 1)]
    assert len(numbers) == len(set(numbers)) == 2 * 200 + 16 * 7


def test_a_polling_reader_never_skips_a_change_of_concurrent_writers(
    live_server: LiveServer,
) -> None:
    first, second = two_devices(live_server)
    case_a, _ = first.create_case(number=1)
    case_b, _ = second.create_case(number=201)
    reader = enroll(live_server, "citra")  # a coordinator: sees every change

    def write(device: Device, case_ids: tuple[str, str]) -> None:
        for i in range(12):
            note = device.op(
                OpType.EVENT_APPEND, case_ids[i % 2], {"text": f"catatan {i}"}, base_version=1
            )
            [result] = device.push(note)["results"]
            assert result["status"] in ("applied", "merged")

    seen = changes_seen_while(
        reader, 5, lambda: write(first, (case_a, case_b)), lambda: write(second, (case_b, case_a))
    )
    assert seen == sorted(seen)
    assert len(seen) == len(set(seen)) == 2 + 24
    assert seen == list(range(seen[0], seen[0] + 26))
