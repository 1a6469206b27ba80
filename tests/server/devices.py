"""A test's view of an enrolled device: real HTTP to the live server, ops built by the domain."""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import requests

from lapor_desktop.domain.identifiers import new_op_id, uuid7
from lapor_desktop.domain.ops import Operation, OpType, iso
from sync.protocol import PushResponse
from tests.support.live_server import LiveServer

PASSWORD = "rahasia-123"
AT = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)  # 09:00 WIB on a Monday


def answers(body: dict[str, Any], ops: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A push response's answers, each a whole result with the op_id of the op it names.

    The wire names ops by device_seq and sends plain `applied` answers as runs (see
    `PushResponse`); tests read every answer whole, as the sync engine does.
    """
    by_seq = {op["device_seq"]: op["op_id"] for op in ops}
    return [
        {**r.model_dump(mode="json"), "op_id": by_seq[r.device_seq]}
        for r in PushResponse.model_validate(body).answers()
    ]


def case_data(register_no: str, **overrides: Any) -> dict[str, Any]:
    """A case.create payload as `CaseService.register` builds it."""
    data: dict[str, Any] = {
        "kind": "pengaduan",
        "title": "Jalan berlubang di Desa Kolor",
        "original_text": "Jalan di depan balai desa berlubang sejak bulan lalu.",
        "summary": "",
        "channel": "whatsapp",
        "received_at": iso(AT),
        "incident_date": None,
        "category_code": "INFRASTRUKTUR.TRANSPORTASI",
        "priority": "normal",
        "severity": "ringan",
        "anonymous": False,
        "confidential": False,
        "lapor_tracking_id": None,
        "location": {
            "kecamatan": "Kota Sumenep",
            "desa": "Kolor",
            "text": None,
            "lat": None,
            "lon": None,
        },
        "reporter": {
            "name": "Siti Aminah",
            "nik": None,
            "phone": "081234567890",
            "email": None,
            "address": None,
        },
        "register_no": register_no,
    }
    data.update(overrides)
    return data


@dataclass
class Device:
    server: LiveServer
    device_id: str
    office: str
    username: str
    access_token: str
    refresh_token: str
    enrollment: dict[str, Any]
    http: requests.Session = field(default_factory=requests.Session)
    seq: itertools.count[int] = field(default_factory=lambda: itertools.count(1))

    @property
    def headers(self) -> dict[str, str]:
        return {
            "Authorization": f"Bearer {self.access_token}",
            "X-Device-Id": self.device_id,
            "X-Sync-Protocol": "1",
            "X-App-Version": "lapor-desktop/0.1.0",
        }

    def url(self, path: str) -> str:
        return self.server.api + path

    def get(self, path: str, **kwargs: Any) -> requests.Response:
        return self.http.get(self.url(path), headers=self.headers, timeout=30, **kwargs)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> requests.Response:
        return self.http.post(self.url(path), json=body, headers=self.headers, timeout=30, **kwargs)

    def op(
        self,
        op_type: OpType,
        case_id: str,
        data: dict[str, Any],
        *,
        base_version: int = 0,
        at: datetime = AT,
        device_seq: int | None = None,
    ) -> dict[str, Any]:
        return Operation(
            op_id=new_op_id(),
            op_type=op_type,
            entity_id=case_id,
            base_version=base_version,
            device_id=self.device_id,
            device_seq=next(self.seq) if device_seq is None else device_seq,
            actor=self.username,
            office=self.office,
            at=at,
            data=data,
        ).to_json()

    def push(self, *ops: dict[str, Any]) -> dict[str, Any]:
        """POST /push; an empty call just reads `last_device_seq`.

        The body as sent, but `results` holds every answer whole (see `answers`); `wire` is
        the body as it came."""
        response = self.post("/push", {"device_id": self.device_id, "ops": list(ops)})
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        parsed = PushResponse.model_validate(body)
        return {
            "results": answers(body, list(ops)),
            "expected_seq": parsed.expected_seq,
            "last_device_seq": parsed.last_device_seq,
            "wire": body,
        }

    def create_case(
        self, number: int | None = None, **overrides: Any
    ) -> tuple[str, dict[str, Any]]:
        """Push a case.create; returns (case id, op result)."""
        block = self.enrollment["blocks"][0]
        register_no = f"{self.office}/{block['year']}/{(number or block['start']):05d}"
        case_id = uuid7()
        result = self.push(
            self.op(OpType.CASE_CREATE, case_id, case_data(register_no, **overrides))
        )
        return case_id, result["results"][0]

    def changes(self, cursor: int = 0, limit: int = 200) -> dict[str, Any]:
        response = self.get("/changes", params={"cursor": cursor, "limit": limit})
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        return body

    def all_changes(self, cursor: int = 0, limit: int = 200) -> list[dict[str, Any]]:
        found: list[dict[str, Any]] = []
        while True:
            page = self.changes(cursor, limit)
            found.extend(page["changes"])
            cursor = page["next_cursor"]
            if not page["has_more"]:
                return found


def enroll_raw(
    server: LiveServer, username: str, password: str, device_id: str, **extra: Any
) -> requests.Response:
    body = {"username": username, "password": password, "device_id": device_id, **extra}
    return requests.post(server.api + "/enroll", json=body, timeout=30)


def enroll(
    server: LiveServer,
    username: str,
    *,
    password: str = PASSWORD,
    device_id: str | None = None,
    **extra: Any,
) -> Device:
    device_id = device_id or f"dev-{uuid7()}"
    response = enroll_raw(server, username, password, device_id, **extra)
    assert response.status_code == 200, response.text
    body = response.json()
    return Device(
        server=server,
        device_id=device_id,
        office=body["office"]["code"],
        username=username,
        access_token=body["access_token"],
        refresh_token=body["refresh_token"],
        enrollment=body,
    )


def setup_offices(server: LiveServer) -> None:
    """Two offices with an operator each, and a coordinator at the Kabupaten."""
    server.add_office("DINSOS", "Dinas Sosial")
    server.add_office("DISDIK", "Dinas Pendidikan")
    server.add_office("KOMINFO", "Dinas Komunikasi dan Informatika")
    server.add_user("ani", "DINSOS", PASSWORD)
    server.add_user("budi", "DISDIK", PASSWORD)
    server.add_user("citra", "KOMINFO", PASSWORD, role="coordinator")


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class MovableClock:
    """The server's clock in tests that expire tokens: moved by hand, always aware UTC."""

    def __init__(self, start: datetime = AT) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, delta: timedelta) -> None:
        self.now += delta
