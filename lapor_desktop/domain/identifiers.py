"""Identifiers: UUIDv7 case ids, random operation ids, and register numbers."""

from __future__ import annotations

import hashlib
import os
import re
import time
import uuid
from dataclasses import dataclass

from lapor_desktop.domain.errors import ValidationError

_MS_MASK = (1 << 48) - 1
_RAND_B_MASK = (1 << 62) - 1
_VARIANT = 0b10 << 62


def _time_ordered(ms: int, version: int, rand_a: int, rand_b: int) -> str:
    value = (ms & _MS_MASK) << 80 | (version << 12 | rand_a & 0xFFF) << 64
    value |= _VARIANT | rand_b & _RAND_B_MASK
    # bytes.hex is ~4x cheaper than formatting the int as 32 hex digits (one id per event).
    h = value.to_bytes(16, "big").hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def uuid7(unix_ms: int | None = None, random_bits: int | None = None) -> str:
    """A time-ordered UUIDv7 (RFC 9562): index-friendly, unique across offline devices.

    `random_bits` (74 bits) replaces the OS randomness where ids must be reproducible (demo).
    """
    ms = int(time.time() * 1000) if unix_ms is None else unix_ms
    bits = int.from_bytes(os.urandom(10), "big") if random_bits is None else random_bits
    return _time_ordered(ms, 0x7, bits >> 62, bits)


def derived_time_id(unix_ms: int, parent: str, purpose: str) -> str:
    """Like derived_id, but time-ordered (UUIDv8: v7's layout with hashed bits).

    For timeline events: every replica derives the same id from the op, and ids that follow
    time keep the unique index append-mostly (random ids cost ~2.5x on bulk inserts here).
    """
    digest = hashlib.sha1(bytes.fromhex(parent.replace("-", "")) + purpose.encode()).digest()
    bits = int.from_bytes(digest[:10], "big")
    # _time_ordered(unix_ms, 0x8, bits >> 62, bits) written out: it runs for every event.
    value = (unix_ms & _MS_MASK) << 80 | (0x8000 | bits >> 62 & 0xFFF) << 64
    h = (value | _VARIANT | bits & _RAND_B_MASK).to_bytes(16, "big").hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def new_op_id() -> str:
    return str(uuid.uuid4())


def derived_id(parent: str, purpose: str) -> str:
    """A deterministic id for something an operation creates, so every replica derives the same.

    Exactly uuid5(UUID(parent), purpose), written out because it runs several times for every
    applied operation and the uuid module's object round trips cost ~4x more.
    """
    digest = bytearray(
        hashlib.sha1(bytes.fromhex(parent.replace("-", "")) + purpose.encode()).digest()[:16]
    )
    digest[6] = (digest[6] & 0x0F) | 0x50
    digest[8] = (digest[8] & 0x3F) | 0x80
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_OFFICE_CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{0,19}$")
# The tail: official `00042`, provisional `S2-7` (device ordinal 2, its 7th) or, as issued
# before devices had ordinals, `S-7`.
_REGISTER = re.compile(
    r"^(?P<office>[A-Z0-9][A-Z0-9_-]*)/(?P<year>\d{4})/"
    r"(?:S(?P<device>[1-9]\d*)?-(?P<provisional>\d+)|(?P<seq>\d{5,}))$"
)


def validate_office_code(code: str) -> str:
    cleaned = code.strip().upper()
    if not _OFFICE_CODE.match(cleaned):
        raise ValidationError(
            "office_code", "use 1–20 letters, digits, '-' or '_' (for example DINSOS)"
        )
    return cleaned


@dataclass(frozen=True, slots=True)
class RegisterNumber:
    """`{office}/{year}/{seq:05d}`; a provisional one (`…/S{device}-{n}`) is replaced at sync.

    `device` is the issuing PC's ordinal in its office (from the server at enrollment): each
    PC counts its own provisional numbers, and the ordinal keeps two PCs' numbers apart. None
    for an official number, and for a provisional one issued before ordinals (`…/S-{n}`).
    """

    office: str
    year: int
    seq: int
    provisional: bool = False
    device: int | None = None

    def __post_init__(self) -> None:
        if self.device is not None:
            if not self.provisional:
                raise ValueError("only a provisional register number names its device")
            if self.device < 1:
                raise ValueError(f"a device ordinal starts at 1, not {self.device}")

    def __str__(self) -> str:
        if not self.provisional:
            return f"{self.office}/{self.year}/{self.seq:05d}"
        device = "" if self.device is None else str(self.device)
        return f"{self.office}/{self.year}/S{device}-{self.seq}"

    @classmethod
    def parse(cls, text: str) -> RegisterNumber:
        match = _REGISTER.match(text.strip().upper())
        if match is None:
            raise ValidationError("register_no", f"{text!r} is not OFFICE/YEAR/NNNNN")
        office, year = match["office"], int(match["year"])
        if match["provisional"] is not None:
            device = int(match["device"]) if match["device"] else None
            return cls(office, year, int(match["provisional"]), provisional=True, device=device)
        return cls(office, year, int(match["seq"]))


def looks_like_register_no(text: str) -> bool:
    return _REGISTER.match(text.strip().upper()) is not None
