"""A private D-Bus session bus with a small in-memory Secret Service on it (Linux only).

This headless box has no keyring daemon, so keyring's only way out is the token file. To see
the frozen app discover keyring's backends through their entry points and store its tokens
with the Secret Service backend (secretstorage over jeepney), the test starts `dbus-daemon
--session` on a socket in a temp dir and serves, on a thread, the part of the
org.freedesktop.Secret API that secretstorage calls: OpenSession (plain only: it refuses the
DH algorithm, and secretstorage then falls back to plain, as the spec allows), Unlock,
SearchItems, CreateItem, GetSecret, Delete, and the Label/Locked properties. One collection,
the default alias; nothing is ever locked.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BUS_NAME = "org.freedesktop.secrets"
PREFIX = "org.freedesktop.Secret."
ROOT = "/org/freedesktop/secrets"
COLLECTION = ROOT + "/aliases/default"
SESSION = ROOT + "/session/s1"


@dataclass
class StoredItem:
    label: str
    attributes: dict[str, str]
    secret: bytes


@dataclass
class SecretService:
    """What the service holds; `address` is the bus to put in DBUS_SESSION_BUS_ADDRESS."""

    address: str
    items: dict[str, StoredItem] = field(default_factory=dict)
    calls: list[str] = field(default_factory=list)
    made: int = 0  # items ever created: the next item's path


def available() -> str | None:
    """Why the fake cannot run here, or None when it can."""
    if shutil.which("dbus-daemon") is None:
        return "no dbus-daemon"
    try:
        import jeepney  # type: ignore[import-untyped]  # noqa: F401  (keyring's, on Linux)
    except ImportError:
        return "no jeepney"
    return None


@contextlib.contextmanager
def secret_service(directory: Path) -> Iterator[SecretService]:
    from jeepney.bus_messages import message_bus  # type: ignore[import-untyped]
    from jeepney.io.blocking import open_dbus_connection  # type: ignore[import-untyped]

    directory.mkdir(parents=True, exist_ok=True)
    address = f"unix:path={directory / 'bus'}"
    log = directory / "dbus-daemon.log"
    with log.open("wb") as output:
        daemon = subprocess.Popen(
            ["dbus-daemon", "--session", "--nofork", "--nopidfile", f"--address={address}"],
            stdout=subprocess.DEVNULL,
            stderr=output,
        )
    service = SecretService(address)
    stop = threading.Event()
    try:
        conn = _connect(open_dbus_connection, address, daemon, log)
        reply = conn.send_and_get_reply(message_bus.RequestName(BUS_NAME, 4))  # DO_NOT_QUEUE
        assert reply.body == (1,), f"could not own {BUS_NAME}: {reply.body}"
        thread = threading.Thread(target=_serve, args=(conn, service, stop), daemon=True)
        thread.start()
        yield service
    finally:
        stop.set()  # the loop sees it within its receive timeout
        daemon.terminate()
        daemon.wait(timeout=10)


def _connect(
    open_dbus_connection: Any, address: str, daemon: subprocess.Popen[bytes], log: Path
) -> Any:
    deadline = time.monotonic() + 10
    while True:
        try:
            return open_dbus_connection(address)
        except OSError:
            if daemon.poll() is not None or time.monotonic() > deadline:
                said = log.read_text(encoding="utf-8", errors="replace")
                raise RuntimeError(f"dbus-daemon did not start: {said}") from None
            time.sleep(0.05)


def _serve(conn: Any, service: SecretService, stop: threading.Event) -> None:
    from jeepney import (
        HeaderFields,
        MessageType,
        new_error,
        new_method_return,
    )

    while not stop.is_set():
        try:
            msg = conn.receive(timeout=0.5)
        except TimeoutError:
            continue
        except OSError:
            return
        if msg.header.message_type != MessageType.method_call:
            continue
        fields = msg.header.fields
        path = fields.get(HeaderFields.path, "")
        member = fields.get(HeaderFields.member, "")
        service.calls.append(member)
        try:
            answer = _answer(service, path, member, msg.body)
        except LookupError as missing:
            reply = new_error(msg, "org.freedesktop.DBus.Error.UnknownObject", "s", (str(missing),))
        except NotImplementedError as refused:
            reply = new_error(msg, "org.freedesktop.DBus.Error.NotSupported", "s", (str(refused),))
        else:
            reply = new_method_return(msg, *answer) if answer else new_method_return(msg)
        conn.send(reply)


def _answer(
    service: SecretService, path: str, member: str, body: tuple[Any, ...]
) -> tuple[str, tuple[Any, ...]] | None:
    if member == "Get":  # org.freedesktop.DBus.Properties
        _iface, name = body
        if path != COLLECTION and path not in service.items:
            raise LookupError(path)
        value: tuple[str, Any] = ("b", False) if name == "Locked" else ("s", "Default")
        return "v", (value,)
    if member == "OpenSession":
        if body[0] != "plain":
            raise NotImplementedError(body[0])
        return "vo", (("s", ""), SESSION)
    if member == "Unlock":
        return "aoo", (body[0], "/")
    if member == "SearchItems":
        found = [
            p for p, item in service.items.items() if body[0].items() <= item.attributes.items()
        ]
        return ("ao", (found,)) if path == COLLECTION else ("aoao", ([], found))
    if member == "CreateItem":
        properties, (_session, _params, secret, _type), replace = body
        attributes = dict(properties[PREFIX + "Item.Attributes"][1])
        label = str(properties[PREFIX + "Item.Label"][1])
        same = [p for p, item in service.items.items() if item.attributes == attributes]
        if replace and same:
            item_path = same[0]
        else:
            service.made += 1
            item_path = f"{ROOT}/collection/default/{service.made}"
        service.items[item_path] = StoredItem(label, attributes, bytes(secret))
        return "oo", (item_path, "/")
    if member == "GetSecret":
        item = service.items.get(path)
        if item is None:
            raise LookupError(path)
        return "(oayays)", ((SESSION, b"", item.secret, "text/plain"),)
    if member == "Delete":
        if service.items.pop(path, None) is None:
            raise LookupError(path)
        return "o", ("/",)
    if member == "Close":
        return None
    raise LookupError(f"{path} {member}")
