"""The run's number phase: lease register and letter blocks before anything needs them.

Which sequences: this year's (and in December next year's too: an office may work offline
over New Year), plus the register of every year in which a case this PC registered still
waits with a provisional number. Those past years get just what their cases need: a number
of a closed year nobody will ever issue is a gap in that year's register.

A lease the server refuses (409: no numbers left to lease) is a warning: the cases keep their
provisional numbers until a later sync, and the rest of the run goes on. Every lease answer
carries this PC's ordinal in its office; it is stored for the provisional numbers
(`…/S{ordinal}-{n}`), and a PC that has none yet (enrolled before the server gave them) leases
at least one number to learn it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from lapor_desktop.services.cases import CaseService
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage.numbers import LeasedBlock, device_ordinal, set_device_ordinal
from sync import protocol as p
from sync.client import SyncClient
from sync.errors import InvalidResponse, ServerRejected

PATH = "/numbers/lease"
# The server's largest block (server/numbers.py MAX_BLOCK): more waiting cases than this wait
# for the next sync rather than have the whole lease refused.
MAX_LEASE = 10_000
# The server's largest number (server/numbers.py MAX_NUMBER): far above any office's register.
MAX_NUMBER = 10**9


@dataclass(slots=True)
class Leased:
    blocks: int = 0
    warnings: list[str] = field(default_factory=list)


def _wanted(ws: Workspace, block_size: int) -> list[tuple[str, int, int]]:
    """(register, year, count) of the leases this run needs; count 0 where none is due."""
    office = ws.office.code
    today = ws.clock().astimezone(ws.tz)
    years = [today.year, today.year + 1] if today.month == 12 else [today.year]
    waiting = CaseService(ws).waiting_years()
    wanted: list[tuple[str, int, int]] = []
    with ws.db.read() as uow:
        blocks = uow.sync.blocks
        for year in sorted(set(years) | set(waiting)):
            register = f"register:{office}"
            need = waiting.get(year, 0)
            remaining = blocks.remaining(register, year)
            if year in years:
                due = remaining * 2 < block_size or remaining < need
                count = max(block_size, need - remaining) if due else 0
            else:
                count = max(0, need - remaining)
            wanted.append((register, year, min(count, MAX_LEASE)))
            if year in years:
                letters = f"letter:{office}"
                due = blocks.remaining(letters, year) * 2 < block_size
                wanted.append((letters, year, block_size if due else 0))
        known = device_ordinal(uow.session) is not None
    if not known and not any(count for _, _, count in wanted):
        # One number of this year's register: used by the next intake, never lost.
        wanted = [(f"register:{office}", today.year, 1), *wanted]
    return wanted


def lease_numbers(ws: Workspace, client: SyncClient, block_size: int) -> Leased:
    leased = Leased()
    for register, year, count in _wanted(ws, block_size):
        if count <= 0:
            continue
        try:
            block = client.lease(p.LeaseRequest(register=register, year=year, count=count))
        except ServerRejected as refused:
            if refused.status != 409:
                raise
            leased.warnings.append(
                f"no {register} numbers for {year} could be leased: {refused.server_message}"
            )
            continue
        if block.register != register or block.year != year:
            raise InvalidResponse(PATH, f"block {block.model_dump()} for {register} {year}")
        with ws.db.write() as uow:
            check_block(PATH, block, uow.sync.blocks.all())
            if uow.sync.blocks.add(register, year, block.start, block.end, ws.clock()):
                leased.blocks += 1
            if block.device_ordinal is not None:
                set_device_ordinal(uow.session, block.device_ordinal)
            uow.commit()
    return leased


def check_block(path: str, block: p.NumberBlock, held: Sequence[LeasedBlock]) -> None:
    """InvalidResponse unless `block` is one this PC may issue from: numbers in the server's
    range, no more than a lease gives, and none of a block held here already (the same block
    again is a replayed lease): an overlap would issue one register number twice."""
    first, last = block.start, block.end
    where = f"block {first}..{last} of {block.register} {block.year}"
    if not 1 <= first <= last <= MAX_NUMBER or last - first + 1 > MAX_LEASE:
        raise InvalidResponse(path, f"{where}: not a block of 1 to {MAX_LEASE} numbers")
    if block.device_ordinal is not None and block.device_ordinal > MAX_NUMBER:
        raise InvalidResponse(path, f"device ordinal {block.device_ordinal}")
    for other in held:
        if (other.register, other.year) != (block.register, block.year):
            continue
        if (other.start, other.end) != (first, last) and first <= other.end and other.start <= last:
            raise InvalidResponse(
                path, f"{where} overlaps the block {other.start}..{other.end} held here"
            )
