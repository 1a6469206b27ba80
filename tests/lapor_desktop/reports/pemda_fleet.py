"""A Kabupaten's March 2026 over three OPDs, synced through the real server to the coordinator.

The server (tests.support.live_server, real HTTP on 127.0.0.1) knows five offices; three
operators register and dispose cases on their own enrolled PCs and sync; the Diskominfo's
SP4N-LAPOR! coordinator (role coordinator) then enrolls and pulls what the server sends it:
every office's cases. Counted by hand (received dates WIB; "->" a disposition to an OPD):

    DINSOS  ani   S0 27 Feb (another month); S1 3 Mar; S2 4 Mar -> DINKES
    DPUPR   budi  P1 5 Mar; P2 9 Mar; P3 10 Mar; P4 6 Apr (another month)
    DINKES  dewi  K1 11 Mar -> DINSOS
    BAPPEDA, DISKOMINFO: none

March, whole Pemda: 6 received. Held now: DPUPR 3 (P1-P3), DINSOS 2 (S1, K1), DINKES 1 (S2),
BAPPEDA 0, DISKOMINFO 0. Dispositions between OPDs: DINKES 1 (S2), DINSOS 1 (K1).
March on ani's PC (office DINSOS): S1, S2 (registered here), K1 (held here): 3; held by
DINSOS 2, DINKES 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lapor_desktop.paths import AppPaths
from lapor_desktop.services.cases import CaseService, DispositionInput, NewCase
from lapor_desktop.services.workspace import Workspace
from sync.client import RetryPolicy, SyncClient
from sync.engine import SyncEngine
from sync.enroll import enroll
from sync.tokens import TokenStore
from tests.conftest import WIB, FakeClock
from tests.support.live_server import start_live_server

PASSWORD = "rahasia-123"
FAST_RETRY = RetryPolicy(attempts=3, total_seconds=20, base_delay=0.01, max_delay=0.05)
AS_OF = datetime(2026, 4, 8, 9, 0, tzinfo=WIB)
SOCIAL_AID = "SOSIAL_DAN_KESEJAHTERAAN.BANTUAN_SOSIAL"
TRANSPORT = "INFRASTRUKTUR.TRANSPORTASI"

OFFICES = {
    "DINSOS": "Dinas Sosial",
    "DPUPR": "Dinas Pekerjaan Umum dan Penataan Ruang",
    "DINKES": "Dinas Kesehatan",
    "BAPPEDA": "Badan Perencanaan Pembangunan Daerah",
    "DISKOMINFO": "Dinas Komunikasi dan Informatika",
}
OPERATORS = {"ani": "DINSOS", "budi": "DPUPR", "dewi": "DINKES"}
COORDINATOR = "koor"  # of DISKOMINFO

# The hand counts of the module docstring.
MARCH_RECEIVED = 6
MARCH_BY_HOLDER = [("DPUPR", 3), ("DINSOS", 2), ("DINKES", 1), ("BAPPEDA", 0), ("DISKOMINFO", 0)]
MARCH_DISPOSED_TO = [("DINKES", 1), ("DINSOS", 1)]
DINSOS_MARCH_RECEIVED = 3
DINSOS_MARCH_BY_HOLDER = [("DINSOS", 2), ("DINKES", 1)]


@dataclass
class Fleet:
    data_dirs: dict[str, Path]  # user name -> data dir (every workspace closed)
    register_no: dict[str, str]  # S1, P2, K1… -> register number


def _sync(ws: Workspace, base_url: str) -> None:
    client = SyncClient(
        base_url,
        device_id=ws.device_id,
        tokens=TokenStore(ws.paths.data_dir),
        retry=FAST_RETRY,
    )
    try:
        SyncEngine(ws, client).run()
    finally:
        client.close()


def build_fleet(root: Path) -> Fleet:
    """Serve, enroll, register, dispose and sync as the docstring says; the server is stopped
    and every workspace closed on return, so the data dirs are a coordinator's and operators'
    PCs as they stand after their last sync."""
    clock = FakeClock(datetime(2026, 2, 27, 8, 0, tzinfo=WIB))
    server = start_live_server(None, root / "server")
    opened: list[Workspace] = []
    try:
        for code, name in OFFICES.items():
            server.add_office(code, name)
        for user, office in OPERATORS.items():
            server.add_user(user, office, PASSWORD, name=user.capitalize())
        server.add_user(COORDINATOR, "DISKOMINFO", PASSWORD, role="coordinator")
        dirs = {user: root / user for user in (*OPERATORS, COORDINATOR)}

        def desk(user: str) -> Workspace:
            ws = enroll(
                AppPaths(dirs[user]), clock, server.base_url, user, PASSWORD, retry=FAST_RETRY
            ).workspace
            opened.append(ws)
            return ws

        numbers: dict[str, str] = {}

        def register(ws: Workspace, name: str, day: int, month: int = 3) -> None:
            when = clock.set(datetime(2026, month, day, 10, 0, tzinfo=WIB))
            case = CaseService(ws).register(
                NewCase(
                    title=f"Pengaduan {name}",
                    text=f"Isi pengaduan {name}.",
                    channel="walk_in",
                    category=TRANSPORT if name.startswith("P") else SOCIAL_AID,
                    received_at=when,
                )
            )
            numbers[name] = case.register_no

        def dispose(ws: Workspace, name: str, day: int, to_office: str) -> None:
            clock.set(datetime(2026, 3, day, 14, 0, tzinfo=WIB))
            CaseService(ws).dispose(numbers[name], DispositionInput(to_office=to_office))

        ani, budi, dewi = desk("ani"), desk("budi"), desk("dewi")
        register(ani, "S0", 27, month=2)
        register(ani, "S1", 3)
        register(ani, "S2", 4)
        dispose(ani, "S2", 5, "DINKES")
        _sync(ani, server.base_url)
        for name, day in (("P1", 5), ("P2", 9), ("P3", 10)):
            register(budi, name, day)
        register(budi, "P4", 6, month=4)
        _sync(budi, server.base_url)
        register(dewi, "K1", 11)
        dispose(dewi, "K1", 12, "DINSOS")
        _sync(dewi, server.base_url)
        clock.set(AS_OF)
        _sync(ani, server.base_url)  # K1 comes to DINSOS
        _sync(desk(COORDINATOR), server.base_url)  # everything comes to the coordinator
        return Fleet(dirs, numbers)
    finally:
        for ws in opened:
            ws.close()
        server.stop(wait=False)
