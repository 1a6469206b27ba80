"""Enrollment: log this PC in to the central server once, online, and switch it to sync.

On a data dir already set up for an office, the server user's office must be that office (a
data dir never changes office: its cases and numbers belong to it). On a fresh data dir, the
office profile comes from the server. The server's user name and role become the local user;
tokens go to the token store, the first number block and the server address to the database.
"""

from __future__ import annotations

import contextlib
import socket
import uuid
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from lapor_desktop.clock import Clock
from lapor_desktop.domain.codes import Role
from lapor_desktop.domain.errors import DomainError
from lapor_desktop.domain.ops import iso
from lapor_desktop.paths import AppPaths
from lapor_desktop.services.errors import NotInitialised
from lapor_desktop.services.office import LocalUser, OfficeProfile
from lapor_desktop.services.workspace import Workspace, init_workspace, open_workspace
from lapor_desktop.storage.numbers import LeasedBlock, sequence_highs, set_device_ordinal
from lapor_desktop.storage.sync_store import Enrollment
from sync import protocol as p
from sync.client import APP_NAME, RetryPolicy, SyncClient, normalise_url
from sync.errors import InvalidResponse, ServerRejected, SyncError
from sync.numbers import check_block
from sync.outbox_export import remember_outbox_key
from sync.tokens import Tokens, TokenStore


class OfficeMismatch(SyncError):
    """The server user belongs to another office than this data dir."""


@dataclass(frozen=True, slots=True)
class EnrollResult:
    workspace: Workspace
    user: p.UserWire
    office: p.OfficeWire
    server_url: str
    created: bool  # the data dir was initialised from the server


def _office_profile(office: p.OfficeWire) -> OfficeProfile:
    return OfficeProfile(
        code=office.code,
        name=office.name,
        # The profile needs a regency for the letterhead; an office can fill it in later.
        regency=office.regency or office.name,
        unit_code=office.unit_code,
        timezone=office.timezone,
    )


def _checked_office(answer: p.EnrollResponse) -> OfficeProfile:
    """The office and user the server named, as this PC can hold them, or InvalidResponse:
    before anything else is done with them (a time zone unknown here failed as a KeyError,
    a blank office name as the profile's ValidationError, once the server had enrolled us)."""
    try:
        profile = _office_profile(answer.office)
    except DomainError as error:
        raise InvalidResponse("/enroll", f"office {answer.office.code!r:.40}: {error}") from None
    if not (answer.user.name or answer.user.username).strip():
        raise InvalidResponse("/enroll", "the user has no name")
    return profile


def enroll(
    paths: AppPaths,
    clock: Clock,
    server_url: str,
    username: str,
    password: str,
    *,
    retry: RetryPolicy | None = None,
    connect_timeout: float = 10.0,
    read_timeout: float = 60.0,
) -> EnrollResult:
    url = normalise_url(server_url)
    workspace: Workspace | None = None
    try:
        workspace = open_workspace(paths, clock)
    except NotInitialised:
        workspace = None
    try:
        if workspace is not None:
            device_id = workspace.device_id
            office = workspace.office.code
            with workspace.db.read() as uow:
                highs = sequence_highs(uow.session, (f"register:{office}", f"letter:{office}"))
            # Lets another operator log in on this PC: the server hands the device over only
            # to the data dir that holds its tokens.
            held = TokenStore(workspace.paths.data_dir).load()
            proof = held.refresh_token if held is not None else None
        else:
            device_id, highs, proof = str(uuid.uuid4()), [], None
        client = SyncClient(
            url,
            device_id=device_id,
            retry=retry,
            connect_timeout=connect_timeout,
            read_timeout=read_timeout,
        )
        try:
            answer = client.enroll(
                p.EnrollRequest(
                    username=username,
                    password=password,
                    device_id=device_id,
                    device_name=socket.gethostname(),
                    app=APP_NAME,
                    highest=[p.SequenceHigh(register=n, year=y, last=last) for n, y, last in highs],
                    office=workspace.office.code if workspace is not None else None,
                    proof=proof,
                )
            )
            profile = _checked_office(answer)
            # Letter numbers too, so the first letter needs no sync (the register's block
            # came with the enrollment). Not fatal: the next sync leases what is missing.
            blocks = list(answer.blocks)
            letters = f"letter:{answer.office.code}"
            if not any(block.register == letters for block in blocks):
                year = clock().astimezone(ZoneInfo(profile.timezone)).year
                with contextlib.suppress(SyncError):
                    blocks.append(client.lease(p.LeaseRequest(register=letters, year=year)))
        except ServerRejected as error:
            if error.code == "wrong_office" and workspace is not None:
                # The server checked EnrollRequest.office and registered nothing.
                raise OfficeMismatch(
                    f"this data dir belongs to office {workspace.office.code}: "
                    f"{error.server_message}; use a new data dir (--data-dir) for that office"
                ) from None
            raise
        finally:
            client.close()
        if answer.device_id != device_id:
            raise InvalidResponse("/enroll", f"device {answer.device_id}, not {device_id}")
        if answer.user.office != answer.office.code:
            raise InvalidResponse("/enroll", "the user's office and the office differ")
        if workspace is not None and answer.office.code != workspace.office.code:
            raise OfficeMismatch(
                f"this data dir belongs to office {workspace.office.code}, but user "
                f"{answer.user.username} is of office {answer.office.code}; "
                "use a new data dir (--data-dir) for that office"
            )
        _check_blocks(workspace, answer.office.code, blocks, highs)  # before a data dir is made
        user = LocalUser(answer.user.name or answer.user.username, Role(answer.user.role))
        created = workspace is None
        if workspace is None:
            workspace = init_workspace(paths, profile, user, clock, device_id=device_id)
        _store(workspace, answer, blocks, user, url, clock)
        remember_outbox_key(workspace, answer.outbox_key)
        return EnrollResult(workspace, answer.user, answer.office, url, created)
    except BaseException:
        if workspace is not None:
            workspace.close()
        raise


def _check_blocks(
    workspace: Workspace | None,
    office: str,
    blocks: list[p.NumberBlock],
    highs: list[tuple[str, int, int]],
) -> None:
    """InvalidResponse unless this PC may issue from each block: its office's sequences, no
    number it issued already (it told the server its highest), none of another block's."""
    held: list[LeasedBlock] = []
    if workspace is not None:
        with workspace.db.read() as uow:
            held = uow.sync.blocks.all()
    highest = {(name, year): last for name, year, last in highs}
    for block in blocks:
        if block.register not in (f"register:{office}", f"letter:{office}"):
            raise InvalidResponse("/enroll", f"a block of {block.register}")
        check_block("/enroll", block, held)
        last = highest.get((block.register, block.year), 0)
        if block.start <= last:
            raise InvalidResponse(
                "/enroll", f"block {block.start}..{block.end}: {last} was issued here already"
            )
        held.append(LeasedBlock(block.register, block.year, block.start, block.end, block.start))


def _store(
    workspace: Workspace,
    answer: p.EnrollResponse,
    blocks: list[p.NumberBlock],
    user: LocalUser,
    url: str,
    clock: Clock,
) -> None:
    office = workspace.office.code
    # The ordinal keeps this PC's provisional numbers apart from its office's other PCs'.
    ordinal = next((b.device_ordinal for b in blocks if b.device_ordinal is not None), None)
    TokenStore(workspace.paths.data_dir).save(
        Tokens(answer.access_token, answer.refresh_token, answer.access_expires_at)
    )
    now = clock()
    with workspace.db.write() as uow:
        uow.reference.set_setting("user", {"name": user.name, "role": user.role.value})
        for block in blocks:
            uow.sync.blocks.add(block.register, block.year, block.start, block.end, now)
        if ordinal is not None:
            set_device_ordinal(uow.session, ordinal)
        uow.sync.state.set_server_url(url)
        uow.sync.state.set_enrollment(
            Enrollment(
                device_id=workspace.device_id,
                username=answer.user.username,
                office=office,
                server_url=url,
                at=iso(now),
            )
        )
        uow.reference.audit(
            now, user.name, "sync.enroll", url, None, {"user": answer.user.username}
        )
        uow.commit()
    workspace.user = user
