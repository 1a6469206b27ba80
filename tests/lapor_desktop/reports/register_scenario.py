"""The registers' data: recap_scenario's March 2026 plus letters, built through the real services.

Cases (recap_scenario): G 28 Feb, H Sun 1 Mar 03:00 WIB (28 Feb 20:00 UTC: March by the
office's day), C confidential (Sulastri Handayani), D, E, F, A (Wiryawan Kusumanegara), B
anonymous, I 6 Apr. Added here: J, Tue 10 Mar 09:00, registered with Kartika Rahmawati as
its reporter, who later withdraws her identity (the case is made anonymous on 12 Mar).

Letters (issued at these office times; numbers run in issue order):
    1  2 Mar 09:30  Tanda Terima for C (confidential)       -> "Dirahasiakan"
    2  3 Mar 10:30  Surat Penerusan for C                    -> "Polres Sumenep"
    3  5 Mar 11:00  Surat Permintaan Kelengkapan for D       -> "Bambang Prakoso"
    4  5 Mar 11:30  Tanda Terima for E, voided 6 Mar
    5 10 Mar 09:15  Tanda Terima for J (before she withdrew) -> "Anonim", withheld
    6 17 Mar 14:30  Tanda Terima for B (anonymous)           -> "Anonim"
    7 31 Mar 16:00  Surat Tanggapan without identity for B   -> "Pelapor SP4N-LAPOR!"
    8  1 Apr 00:30  Tanda Terima for F (31 Mar 17:30 UTC: April by the office's day)
    -  30 Mar 11:00 Lembar Disposisi for A: no number, in no register
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from lapor_desktop.domain.case import Reporter
from lapor_desktop.services.cases import CaseService, NewCase
from lapor_desktop.services.letters import LetterKind, LetterService
from lapor_desktop.services.workspace import Workspace
from tests.conftest import WIB, FakeClock
from tests.lapor_desktop.reports.recap_scenario import AS_OF, SOCIAL_AID, build
from tests.lapor_desktop.services.letters_support import set_up_office

WITHDRAWN = Reporter(name="Kartika Rahmawati", phone="0811-4040-5050", nik="3529016607880002")
# Names no register may print: the confidential case's and the one who withdrew.
HIDDEN_NAMES = ("Sulastri Handayani", "Kartika Rahmawati")
CONTACTS = (
    "0812-9876-5432",
    "3529012345678901",
    "0857-1122-3344",
    "sulastri@contoh.id",
    "0819-5555-0101",
    "Jl. Melati 17",
    "0813-2222-7788",
    "0878-3131-4646",
    "yuli.pertiwi@contoh.id",
    "0811-4040-5050",
    "3529016607880002",
)
SHOWN_NAMES = ("Wiryawan Kusumanegara", "Bambang Prakoso")


@dataclass
class RegisterScenario:
    register_no: dict[str, str]  # case letter -> register number
    numbers: list[str]  # letter numbers 1..8 in issue order


def _at(day: int, hour: int, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=WIB)


def build_registers(workspace: Workspace, clock: FakeClock) -> RegisterScenario:
    numbers = build(workspace, clock).register_no
    cases = CaseService(workspace)
    clock.set(_at(10, 9))
    j = cases.register(
        NewCase(
            title="Antrean layanan DTKS terlalu lama",
            text="Antrean di loket DTKS memakan waktu sehari penuh.",
            channel="walk_in",
            category=SOCIAL_AID,
            received_at=_at(10, 9),
            reporter=WITHDRAWN,
        )
    )
    numbers["J"] = j.register_no
    set_up_office(workspace)
    letters = LetterService(workspace)
    issued: list[str] = []

    def issue(when: datetime, case: str, kind: LetterKind, anonymous_document: bool = False) -> str:
        clock.set(when)
        letter = letters.issue(numbers[case], kind, anonymous_document=anonymous_document)
        number = letter.number
        assert number is not None
        issued.append(number)
        return number

    issue(_at(2, 9, 30), "C", LetterKind.RECEIPT)
    issue(_at(3, 10, 30), "C", LetterKind.FORWARD)
    issue(_at(5, 11), "D", LetterKind.COMPLETION)
    voided = issue(_at(5, 11, 30), "E", LetterKind.RECEIPT)
    clock.set(_at(6, 8))
    letters.void(voided, "Salah cetak")
    issue(_at(10, 9, 15), "J", LetterKind.RECEIPT)
    clock.set(_at(12, 9))
    cases.edit(numbers["J"], {"anonymous": True})
    issue(_at(17, 14, 30), "B", LetterKind.RECEIPT)
    issue(_at(31, 16), "B", LetterKind.RESPONSE, anonymous_document=True)
    issue(_at(1, 0, 30, month=4), "F", LetterKind.RECEIPT)
    clock.set(_at(30, 11))
    letters.issue(numbers["A"], LetterKind.DISPOSITION)
    clock.set(AS_OF)
    return RegisterScenario(numbers, issued)
