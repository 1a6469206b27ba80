"""The verify phase of a sync run: bucket digests compared with the server's, mismatches repaired.

It runs only when the outbox is empty (nothing local the server has not answered for). A
mismatched bucket is downloaded again page by page with the pull's rules; what the server no
longer shows us in it has left our scope. The outbox is never touched. Apart from the run
(sync/engine.py) because it is the one phase that reads the snapshot endpoint.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from lapor_desktop.domain.ops import iso
from lapor_desktop.services.workspace import Workspace
from sync import protocol as p
from sync.client import SyncClient
from sync.errors import InvalidResponse
from sync.pull import CaseMerger, IncomingCase, parse_case, parse_events
from sync.report import SyncProgress, SyncReport

SNAPSHOT_PAGE = 200
# A UTC month (protocol.bucket_of). fullmatch and [0-9]: `$` also matches before a final
# newline, and \d also matches other scripts' digits ("٢٠٢٦-٠٣").
_BUCKET = re.compile(r"[0-9]{4}-(0[1-9]|1[0-2])")


def verify(
    ws: Workspace,
    client: SyncClient,
    merger: CaseMerger,
    report: SyncReport,
    emit: Callable[[SyncProgress], None],
    check_cancel: Callable[[], None],
) -> None:
    with ws.db.read() as uow:
        buckets = uow.sync.cases.versions_by_bucket()
    digests = {
        bucket: p.digest((case_id, version, p.doc_hash(doc)) for case_id, version, doc in found)
        for bucket, found in buckets.items()
    }
    answer = client.verify(p.VerifyRequest(buckets=digests))
    for bucket in answer.mismatched:
        if not _BUCKET.fullmatch(bucket):
            raise InvalidResponse("/verify", f"bucket {bucket!r}")
    for index, bucket in enumerate(answer.mismatched):
        check_cancel()
        repair(ws, client, merger, bucket)
        report.repaired_buckets.append(bucket)
        emit(SyncProgress("verify", index + 1, len(answer.mismatched)))
    report.verified = True


def repair(ws: Workspace, client: SyncClient, merger: CaseMerger, bucket: str) -> None:
    """Re-download one bucket with the pull's rules; the outbox is never touched."""
    path = "/snapshot"
    after: str | None = None
    seen: set[str] = set()
    while True:
        page = client.snapshot(bucket, after, SNAPSHOT_PAGE)
        if page.bucket != bucket:
            raise InvalidResponse(path, f"asked for {bucket}, got {page.bucket}")
        cases = [parse_case(raw, path, f"bucket {bucket}") for raw in page.cases]
        for case in cases:
            # A case of another month would be written, and never seen by that month's repair.
            if p.bucket_of(iso(case.received_at)) != bucket:
                raise InvalidResponse(path, f"bucket {bucket}: case {case.id} is of another bucket")
        ids = {c.id for c in cases}
        events = parse_events(page.events, ids, path, f"bucket {bucket}")
        by_case: dict[str, list[Any]] = {}
        for event in events:
            by_case.setdefault(event.case_id, []).append(event)
        now = ws.clock()
        with ws.db.write() as uow:
            for case in cases:
                incoming = IncomingCase(case, tuple(by_case.get(case.id, ())))
                merger.upsert(uow, incoming, now, path)
            uow.commit()
        seen |= ids
        if not page.has_more:
            break
        if page.next_after is None or (after is not None and page.next_after <= after):
            raise InvalidResponse(path, "more cases announced but the position did not move")
        after = page.next_after
    with ws.db.write() as uow:
        # What we hold in this bucket and the server no longer shows us: out of our scope.
        for case_id, _version, _doc in uow.sync.cases.versions_by_bucket().get(bucket, []):
            if case_id not in seen:
                merger.leave_scope(uow, case_id, ws.clock())
        uow.commit()
