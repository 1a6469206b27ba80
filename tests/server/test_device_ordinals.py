"""Device ordinals: each device's place in its office, for its provisional register numbers.

Given at enrollment (and to a device enrolled before ordinals, at its next lease), carried by
every lease answer, unique per office even when devices enroll at the same moment, never
reused. Runs on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import text

from tests.server.devices import PASSWORD, enroll, setup_offices
from tests.server.test_concurrency import in_threads
from tests.support.live_server import LiveServer


def _ordinal(answer: dict[str, Any]) -> int:
    return int(answer["blocks"][0]["device_ordinal"])


def test_devices_enrolling_at_once_get_distinct_ordinals_per_office(
    live_server: LiveServer,
) -> None:
    setup_offices(live_server)
    users = [f"op{i}" for i in range(6)]
    for user in users:
        live_server.add_user(user, "DINSOS", PASSWORD)
    ordinals: list[int] = []

    def enrolling(user: str) -> Callable[[], None]:
        return lambda: ordinals.append(_ordinal(enroll(live_server, user).enrollment))

    in_threads(*(enrolling(user) for user in users))
    assert sorted(ordinals) == [1, 2, 3, 4, 5, 6]
    # Another office counts its own.
    assert _ordinal(enroll(live_server, "budi").enrollment) == 1


def test_an_ordinal_is_kept_on_relogin_and_never_reused_after_a_revoke(
    live_server: LiveServer,
) -> None:
    setup_offices(live_server)
    live_server.add_user("dewi", "DINSOS", PASSWORD)
    first = enroll(live_server, "ani")
    # Another operator logs in on the same PC, whose data dir shows its token.
    again = enroll(live_server, "dewi", device_id=first.device_id, proof=first.refresh_token)
    assert _ordinal(first.enrollment) == _ordinal(again.enrollment) == 1
    live_server.revoke_device(first.device_id)
    # Its provisional numbers may still sit on cases: a new device takes the next ordinal.
    assert _ordinal(enroll(live_server, "dewi").enrollment) == 2


def test_a_device_without_an_ordinal_gets_the_next_one_at_its_next_lease(
    live_server: LiveServer,
) -> None:
    setup_offices(live_server)
    live_server.add_user("dewi", "DINSOS", PASSWORD)
    old, new = enroll(live_server, "ani"), enroll(live_server, "dewi")
    with live_server.engine.begin() as con:  # what the migration leaves for existing devices
        con.execute(
            text("UPDATE device SET ordinal = NULL WHERE device_id = :d"), {"d": old.device_id}
        )
    year = old.enrollment["blocks"][0]["year"]
    response = old.post("/numbers/lease", {"register": "register:DINSOS", "year": year, "count": 1})
    assert response.status_code == 200, response.text
    assert response.json()["device_ordinal"] == 3  # above dewi's 2: never one already given
    again = new.post("/numbers/lease", {"register": "letter:DINSOS", "year": year, "count": 1})
    assert again.json()["device_ordinal"] == 2


def test_only_register_and_letter_numbers_are_leased(live_server: LiveServer) -> None:
    setup_offices(live_server)
    ani = enroll(live_server, "ani")
    year = ani.enrollment["blocks"][0]["year"]
    for register in ("provisional:DINSOS", "device:DINSOS", "register:DISDIK"):
        response = ani.post("/numbers/lease", {"register": register, "year": year, "count": 1})
        assert response.status_code == 403, (register, response.text)
        assert "is not a number sequence of DINSOS" in response.json()["message"]
