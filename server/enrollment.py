"""Enrollment (username + password -> device, tokens, first number block) and token rotation."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from lapor_desktop.domain.ops import iso, parse_instant
from server.auth import ACCESS, REFRESH, issue, token_hash
from server.db import lock, write_session
from server.errors import ApiError
from server.master import office_wire
from server.numbers import MAX_NUMBER, lease, own_sequence, raise_floor
from server.outbox_key import outbox_public_key
from server.passwords import DUMMY_HASH, check_password
from server.settings import ServerSettings
from server.tables import Device, Office, Token, UserAccount
from sync import outbox_seal
from sync.protocol import EnrollRequest, EnrollResponse, RefreshRequest, TokenResponse, UserWire

# A device reports its office's two sequences for the years it used (a few, at most one per
# year a register may hold: 2000–2200); each report is a write under the enrollment's lock,
# so a list beyond that is refused before the transaction instead of holding it for minutes.
MAX_HIGHEST = 1000


def enroll(engine: Engine, settings: ServerSettings, body: EnrollRequest) -> EnrollResponse:
    device_id = body.device_id.strip()
    if not device_id or len(device_id) > 64:
        raise ApiError(400, "bad_request", "device_id must be 1–64 characters")
    if len(body.highest) > MAX_HIGHEST:
        raise ApiError(400, "bad_request", f"highest: at most {MAX_HIGHEST} sequences")
    now = settings.clock()
    # Before the enrollment's transaction: making the key is a write transaction of its own.
    outbox_key = outbox_seal.key_text(outbox_public_key(engine, now))
    with write_session(engine) as session:
        user = session.get(UserAccount, body.username)
        # Always hash once, so an unknown username answers as slowly as a wrong password.
        valid = check_password(body.password, user.password_hash if user else DUMMY_HASH)
        if user is None or not valid or not user.active:
            raise ApiError(401, "unauthorized", "wrong username or password")
        if body.office is not None and body.office.strip().upper() != user.office:
            # A data dir never changes office: refused before anything is registered.
            raise ApiError(
                403,
                "wrong_office",
                f"user {user.username} belongs to office {user.office}, "
                f"this data dir to {body.office.strip().upper()}",
            )
        office = session.get(Office, user.office)
        if office is None or not office.active:
            raise ApiError(403, "forbidden", f"office {user.office} is not active")
        device = session.execute(
            lock(session, select(Device).where(Device.device_id == device_id))
        ).scalar_one_or_none()
        if device is not None:
            if device.revoked:
                raise ApiError(403, "revoked", "this device was revoked by the administrator")
            if device.office != user.office:
                # Its queued ops carry the old office: moving it would strand or misfile them.
                raise ApiError(
                    409, "conflict", f"device {device_id} is enrolled to office {device.office}"
                )
            if device.username != user.username and not _holds_device(
                session, device_id, body.proof
            ):
                # Device ids travel in every event's document, so a colleague knows them:
                # without proof that this is the device's own data dir, enrolling would
                # hand them the device's sequence, and its real PC's unsent ops would be
                # refused as gaps or duplicates.
                raise ApiError(
                    409,
                    "device_taken",
                    f"device {device_id} is enrolled by user {device.username}; log in "
                    "from that PC's own data dir, or ask the administrator to run "
                    f"'lapor-server release-device {device_id}'",
                )
            # Whoever held the earlier tokens (a copy of the data dir, a leaked token) must
            # log in again: one enrollment, one live pair of tokens.
            session.execute(delete(Token).where(Token.device_id == device_id))
            # A re-login keeps the device's sequence: its unsent ops continue from there.
            device.username = user.username
            device.name = body.device_name or device.name
        else:
            device = Device(
                device_id=device_id,
                username=user.username,
                office=user.office,
                name=body.device_name,
                last_device_seq=0,
                revoked=False,
                enrolled_at=iso(now),
            )
            session.add(device)
        session.flush()
        for high in body.highest:
            if not (0 <= high.last <= MAX_NUMBER and 2000 <= high.year <= 2200):
                raise ApiError(
                    400, "bad_request", f"highest: {high.register} {high.year} out of range"
                )
            # Another office's sequence, or none at all, has no floor of this office to raise.
            if own_sequence(high.register, user.office) and high.last > 0:
                raise_floor(session, high.register, high.year, high.last)
        year = now.astimezone(ZoneInfo(office.timezone)).year
        block = lease(
            session,
            office=user.office,
            device_id=device_id,
            register=f"register:{user.office}",
            year=year,
            count=settings.block_size,
            now=now,
        )
        access, access_expires = issue(session, device_id, ACCESS, now, settings.access_ttl)
        refresh_token, _ = issue(session, device_id, REFRESH, now, settings.refresh_ttl)
        return EnrollResponse(
            access_token=access,
            access_expires_at=access_expires,
            refresh_token=refresh_token,
            device_id=device_id,
            office=office_wire(office),
            user=UserWire.model_validate(
                {
                    "username": user.username,
                    "name": user.name,
                    "role": user.role,
                    "office": user.office,
                }
            ),
            blocks=[block],
            outbox_key=outbox_key,
        )


def _holds_device(session: Session, device_id: str, proof: str | None) -> bool:
    """Whether `proof` is a token issued to the device since its last enrollment (any kind,
    used or expired: a PC that was off for months still holds its last refresh token). A
    released device holds none, so any user of its office may enroll it."""
    held = session.execute(
        select(Token.token_hash).where(Token.device_id == device_id).limit(1)
    ).first()
    if held is None:
        return True
    if not proof:
        return False
    row = session.get(Token, token_hash(proof))
    return row is not None and row.device_id == device_id


def refresh(engine: Engine, settings: ServerSettings, body: RefreshRequest) -> TokenResponse:
    now = settings.clock()
    with write_session(engine) as session:
        row = session.execute(
            lock(session, select(Token).where(Token.token_hash == token_hash(body.refresh_token)))
        ).scalar_one_or_none()
        if row is None or row.kind != REFRESH:
            raise ApiError(401, "unauthorized", "unknown refresh token; log in again")
        if row.device_id != body.device_id:
            raise ApiError(403, "forbidden", "this refresh token belongs to another device")
        device = session.get(Device, row.device_id)
        # Before reuse and expiry: a revoked device hears "revoked", not a 401 asking for a
        # new login (which enrollment would refuse anyway).
        if device is None or device.revoked:
            raise ApiError(403, "revoked", "this device was revoked by the administrator")
        if row.used:
            raise ApiError(401, "token_reused", "this refresh token was already used; log in again")
        if parse_instant(row.expires_at) <= now:
            raise ApiError(401, "token_expired", "the refresh token has expired; log in again")
        row.used = True
        access, access_expires = issue(session, device.device_id, ACCESS, now, settings.access_ttl)
        new_refresh, _ = issue(session, device.device_id, REFRESH, now, settings.refresh_ttl)
        return TokenResponse(
            access_token=access, access_expires_at=access_expires, refresh_token=new_refresh
        )
