"""Small builders of office work for the scenarios (real CaseService calls)."""

from __future__ import annotations

from lapor_desktop.domain.case import Case
from lapor_desktop.services.cases import CaseService, DispositionInput, NewCase
from tests.scenarios.fleet import Client


def new_case(title: str = "Jalan berlubang di Desa Kolor") -> NewCase:
    return NewCase(
        title=title,
        text="Jalan di depan balai desa berlubang sejak bulan lalu.",
        channel="whatsapp",
        category="Transportasi",
    )


def register(client: Client, n: int = 1, title: str = "Kasus") -> list[Case]:
    service = CaseService(client.ws)
    return [service.register(new_case(f"{title} {i}")) for i in range(n)]


def dispose_to(client: Client, case_id: str, office: str) -> Case:
    return CaseService(client.ws).dispose(
        case_id, DispositionInput(to_office=office, note=f"Kewenangan {office}")
    )


def service(client: Client) -> CaseService:
    return CaseService(client.ws)
