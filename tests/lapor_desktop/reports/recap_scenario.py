"""A small office's March 2026, built through the real services, with outcomes counted by hand.

Working days of March–April 2026 in the default calendar (18, 19, 20, 23, 24 March and 3 April
are holidays or cuti bersama):
    March 2 3 4 5 6 | 9 10 11 12 13 | 16 17 | 25 26 27 | 30 31     April 1 2 | 6 7 8

H  Sun 1 Mar 03:00 (28 Feb 20:00 UTC), email, pengaduan: disposed to a unit 2 Mar, follow-up
   3 Mar; its resolution was due 6 Mar and is still open (IN_PROGRESS).
C  Mon 2 Mar 09:00, walk_in, wbs, confidential: forwarded to Polres 3 Mar (FORWARDED).
D  Wed 4 Mar 10:00, phone, pengaduan, with a LAPOR! id: needs info 5 Mar, paused (NEEDS_INFO).
E  Thu 5 Mar 10:30, letter, permintaan_informasi: archived 6 Mar (ARCHIVED).
F  Mon 9 Mar 10:00, sms, pengaduan: nothing done, verification due 12 Mar (RECEIVED).
A  Tue 17 Mar 10:00, whatsapp, pengaduan: verification due Fri 27 Mar (the weekdays after the
   17th are holidays until the 25th); disposed to DPUPR Mon 30 Mar: missed, 4 working days
   taken (DISPOSED, held by DPUPR).
B  Tue 17 Mar 14:00, lapor, aspirasi, anonymous: disposed 27 Mar (met on day 3), follow-up
   30 Mar, answer 31 Mar, resolved 1 Apr (RESOLVED).

Outside March: G (Sat 28 Feb 10:00) and I (Mon 6 Apr 10:00), both left RECEIVED. Judged at
AS_OF, Wed 8 April 09:00 WIB.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lapor_desktop.domain.case import Location, Reporter
from lapor_desktop.services.cases import CaseService, DispositionInput, NewCase
from lapor_desktop.services.workspace import Workspace
from tests.conftest import WIB, FakeClock

AS_OF = datetime(2026, 4, 8, 9, 0, tzinfo=WIB)
TRANSPORT = "INFRASTRUKTUR.TRANSPORTASI"
SOCIAL_AID = "SOSIAL_DAN_KESEJAHTERAAN.BANTUAN_SOSIAL"
POPULATION = "KEPENDUDUKAN.ADMINISTRASI_KEPENDUDUKAN"
CONFIDENTIAL_TITLE = "Pungutan liar di loket pelayanan"

# Reporter data that must appear in no report output.
REPORTERS = {
    "A": Reporter(name="Wiryawan Kusumanegara", phone="0812-9876-5432", nik="3529012345678901"),
    "C": Reporter(name="Sulastri Handayani", phone="0857-1122-3344", email="sulastri@contoh.id"),
    "D": Reporter(name="Bambang Prakoso", phone="0819-5555-0101", address="Jl. Melati 17"),
    "E": Reporter(name="Rukmini Sasmita", phone="0813-2222-7788"),
    "F": Reporter(name="Joko Santosa", phone="0878-3131-4646"),
    "H": Reporter(name="Yuliana Pertiwi", email="yuli.pertiwi@contoh.id"),
}
SECRET_STRINGS = sorted(
    {
        value
        for reporter in REPORTERS.values()
        for value in (reporter.name, reporter.phone, reporter.nik, reporter.email, reporter.address)
        if value
    }
    | {"Wiryawan", "Kusumanegara", "081298765432", "Melati"}
)


@dataclass
class Scenario:
    register_no: dict[str, str]


def _at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=WIB)


def build(workspace: Workspace, clock: FakeClock) -> Scenario:
    cases = CaseService(workspace)
    numbers: dict[str, str] = {}

    def register(
        name: str,
        when: datetime,
        channel: str,
        category: str,
        *,
        kind: str = "pengaduan",
        title: str | None = None,
        anonymous: bool = False,
        confidential: bool = False,
        lapor_tracking_id: str | None = None,
        location: Location | None = None,
    ) -> None:
        clock.set(when)
        case = cases.register(
            NewCase(
                title=title or f"Pengaduan {name}",
                text=f"Isi pengaduan {name} sebagaimana diterima.",
                channel=channel,
                category=category,
                kind=kind,
                received_at=when,
                reporter=None if anonymous else REPORTERS.get(name),
                anonymous=anonymous,
                confidential=confidential,
                lapor_tracking_id=lapor_tracking_id,
                location=location or Location(),
            )
        )
        numbers[name] = case.register_no

    def act(when: datetime) -> CaseService:
        clock.set(when)
        return cases

    register("G", _at(28, 10, month=2), "whatsapp", TRANSPORT)
    register("H", _at(1, 3), "email", TRANSPORT)
    register(
        "C",
        _at(2, 9),
        "walk_in",
        POPULATION,
        kind="wbs",
        confidential=True,
        title=CONFIDENTIAL_TITLE,
        location=Location(kecamatan="Kalianget"),
    )
    act(_at(2, 10)).dispose(numbers["H"], DispositionInput(to_unit="Bidang Linjamsos"))
    act(_at(3, 10)).forward(numbers["C"], "Polres Sumenep", "Pidana: kewenangan kepolisian")
    act(_at(3, 11)).follow_up(numbers["H"], "Survei lokasi bersama UPT")
    register(
        "D",
        _at(4, 10),
        "phone",
        SOCIAL_AID,
        lapor_tracking_id="2001234",
        location=Location(kecamatan="Kota Sumenep"),
    )
    act(_at(5, 10)).needs_info(numbers["D"], "Nomor KK belum disebutkan")
    register("E", _at(5, 10, 30), "letter", SOCIAL_AID, kind="permintaan_informasi")
    act(_at(6, 10)).archive(numbers["E"], "Bukan pengaduan: undangan acara")
    register("F", _at(9, 10), "sms", TRANSPORT, location=Location(kecamatan="Kalianget"))
    register("A", _at(17, 10), "whatsapp", TRANSPORT, location=Location(kecamatan="Kota Sumenep"))
    register(
        "B",
        _at(17, 14),
        "lapor",
        SOCIAL_AID,
        kind="aspirasi",
        anonymous=True,
        lapor_tracking_id="1916449",
    )
    act(_at(27, 9)).dispose(numbers["B"], DispositionInput(to_unit="Bidang Linjamsos"))
    act(_at(30, 10)).dispose(numbers["A"], DispositionInput(to_office="DPUPR"))
    act(_at(30, 11)).follow_up(numbers["B"], "Data penerima dicocokkan")
    act(_at(31, 15)).answer(numbers["B"], "Bantuan akan disalurkan bulan April")
    act(_at(1, 10, month=4)).resolve(numbers["B"])
    register("I", _at(6, 10, month=4), "walk_in", SOCIAL_AID)
    clock.set(AS_OF)
    return Scenario(numbers)
