"""The demo's stories: one simulated life per case, plausible Indonesian complaints and actors.

Every case is built by applying real operations with `domain.apply` at simulated times, so the
demo never contains a state the workflow could not produce. `services.demo` plans the cases,
spreads their building over worker processes and writes the rows.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from itertools import accumulate
from typing import Any, TypeVar

from lapor_desktop.domain.apply import Applied, ApplyContext, apply
from lapor_desktop.domain.case import Case, TimelineEvent
from lapor_desktop.domain.codes import Role
from lapor_desktop.domain.dates import MONTHS
from lapor_desktop.domain.identifiers import uuid7
from lapor_desktop.domain.ops import Operation, OpType, OpTypes, iso
from lapor_desktop.resources import load_json
from lapor_desktop.services.office import OfficeProfile

DEMO_OFFICE = "DINSOS"
DEMO_START = datetime(2023, 1, 2, tzinfo=UTC)
# The office's operators, who take turns by the hour: the demo's timelines, and so its
# keaktifan operator, show a team rather than one login. Picked from the action's time, not
# drawn from the random stream, so every other value of a seeded demo stays as it was.
DEMO_OPERATORS = ("Ani Rahmawati", "Budi Santoso", "Citra Lestari")
CHUNK_MAX = 2_000
CHUNK_MIN = 250


def chunk_size(count: int) -> int:
    """Depends on the count alone, so a seed gives the same data on any machine."""
    return max(CHUNK_MIN, min(CHUNK_MAX, count // 8))


CHANNEL_WEIGHTS = {
    "lapor": 30,
    "walk_in": 15,
    "whatsapp": 20,
    "phone": 8,
    "letter": 8,
    "sms": 4,
    "email": 5,
    "social_media": 7,
    "suggestion_box": 3,
}
PRIORITY_WEIGHTS = {"normal": 70, "tinggi": 18, "rendah": 9, "darurat": 3}
SIFAT_WEIGHTS = {"biasa": 70, "segera": 25, "sangat-segera": 5}


# The draws below are the ones `random.Random` makes (CPython's _randbelow_with_getrandbits,
# choice, randrange, uniform and choices), written out: each of those is two or three Python
# calls, and a case makes ~40 draws. The same calls on the same stream give the same values,
# so the demo's data does not change (the fingerprint of a whole demo holds it).

_T = TypeVar("_T")


def _below(rng: random.Random, n: int) -> int:
    """`rng.randrange(n)` (n > 0): k random bits until they are below n."""
    k = n.bit_length()
    r = rng.getrandbits(k)
    while r >= n:
        r = rng.getrandbits(k)
    return r


def _choice(rng: random.Random, seq: Sequence[_T]) -> _T:
    """`rng.choice(seq)` for a non-empty sequence."""
    n = len(seq)
    k = n.bit_length()
    r = rng.getrandbits(k)
    while r >= n:
        r = rng.getrandbits(k)
    return seq[r]


@dataclass(frozen=True, slots=True)
class _Weighted:
    """`rng.choices(population, cum_weights=…)[0]`, with the weights summed once and the
    bisect `choices` makes done here: the very same values from the same random stream."""

    population: tuple[str, ...]
    cum_weights: tuple[int, ...]
    total: float
    hi: int

    @classmethod
    def of(cls, weights: dict[str, int]) -> _Weighted:
        cum = tuple(accumulate(weights.values()))
        return cls(tuple(weights), cum, cum[-1] + 0.0, len(cum) - 1)

    def pick(self, rng: random.Random) -> str:
        return self.population[
            bisect_right(self.cum_weights, rng.random() * self.total, 0, self.hi)
        ]


# Kepuasan pelapor: the share of final answers the reporter rates (asked, and replied), the
# ratings a satisfied and an unsatisfied reporter give (as often as they repeat), and how long
# after the answer they are asked at most.
FEEDBACK_SHARE = 0.4
_PUAS_RATINGS = (5, 5, 5, 5, 5, 4, 4, 4, 4, 3)
_TIDAK_PUAS_RATINGS = (1, 1, 2, 2, 2, 3)
_FEEDBACK_WINDOW = timedelta(days=6)
_FEEDBACK_STREAM = 0x6B6570756173  # "kepuas"

_INTAKE_HOURS = (7, 8, 8, 9, 9, 10, 10, 11, 13, 13, 14, 15, 19, 21)
# Every minute of a day as an offset from midnight: moments are planned at whole minutes.
_MINUTES = tuple(timedelta(minutes=m) for m in range(24 * 60))
_FIVE_MINUTES = timedelta(minutes=5)
_UNSEEN = datetime.min.replace(tzinfo=UTC)  # a day not converted yet (None: its offset changes)
_CHANNELS = _Weighted.of(CHANNEL_WEIGHTS)
_PRIORITIES = _Weighted.of(PRIORITY_WEIGHTS)
_SIFATS = _Weighted.of(SIFAT_WEIGHTS)


@dataclass(frozen=True, slots=True)
class DemoCase:
    case: Case
    events: tuple[TimelineEvent, ...]


def _digits(rng: random.Random, count: int) -> str:
    """`count` draws of `rng.randrange(10)` as text, the same draws: randrange(10) takes 4
    random bits until they are below 10 (CPython's _randbelow), done here without its two
    Python calls per digit; a demo phone number has 9 or 10 of them."""
    bits = rng.getrandbits
    out = []
    for _ in range(count):
        r = bits(4)
        while r >= 10:
            r = bits(4)
        out.append(_DIGIT_TEXT[r])
    return "".join(out)


_DIGIT_TEXT = "0123456789"


def _uuid4_text(bits: int) -> str:
    """A version-4 UUID from given random bits, as text (the uuid module costs ~3x more)."""
    value = (bits & ~(0xF << 76) & ~(0x3 << 62)) | (0x4 << 76) | (0x2 << 62)
    h = value.to_bytes(16, "big").hex()  # ~4x cheaper than formatting the int as hex
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class _Story:
    """One case's simulated life: ops applied at advancing times by plausible actors."""

    def __init__(
        self,
        rng: random.Random,
        ctx: ApplyContext,
        coordinator: ApplyContext,
        device_id: str,
        case_id: str,
    ) -> None:
        self.rng, self.ctx, self.coordinator = rng, ctx, coordinator
        self.device_id, self.case_id = device_id, case_id
        self.case: Case | None = None
        self.events: list[TimelineEvent] = []
        self.seq = 0

    def do(
        self,
        op_type: OpType,
        at: datetime,
        data: dict[str, Any],
        office: str = DEMO_OFFICE,
        actor: str | None = None,
        as_coordinator: bool = False,
        ids: random.Random | None = None,
    ) -> bool:
        """Apply one op; `ids` draws its op id instead of the story's stream (see feedback)."""
        self.seq += 1
        if actor is None:
            actor = DEMO_OPERATORS[(at.toordinal() + at.hour) % len(DEMO_OPERATORS)]
        # Positionally (op_id, op_type, entity_id, base_version, device_id, device_seq, actor,
        # office, at, data): ten keywords cost ~0.3 µs more per op, ~4 ops per case.
        op = Operation(
            _uuid4_text((ids or self.rng).getrandbits(128)),
            op_type,
            self.case_id,
            self.case.version if self.case else 0,
            self.device_id,
            self.seq,
            actor,
            office,
            at,
            data,
        )
        result = apply(self.case, op, self.coordinator if as_coordinator else self.ctx)
        if not isinstance(result, Applied):
            return False
        self.case = result.case
        self.events.extend(result.events)
        return True


@cache
def demo_corpus() -> dict[str, Any]:
    """Read once per process (~8 ms): a worker builds a generator for each of its chunks.
    Treated as read-only."""
    corpus: dict[str, Any] = load_json("demo/corpus.json")
    return corpus


class DemoGenerator:
    def __init__(
        self, ctx: ApplyContext, office: OfficeProfile, now: datetime, seed: int, device_id: str
    ) -> None:
        self.corpus = demo_corpus()
        self.ctx = ctx
        self.coordinator = ApplyContext(
            ctx.categories, ctx.rulebook, ctx.calendar, ctx.tz, Role.COORDINATOR
        )
        self.office = office
        self.now = now
        self.rng = random.Random(seed)
        # The reporters' feedback draws from a stream of its own: the main stream, and so every
        # other value of a seeded demo, stays as it was before the demo had feedback.
        self.feedback_rng = random.Random(seed ^ _FEEDBACK_STREAM)
        self.feedback_texts: dict[str, list[str]] = self.corpus["feedback_texts"]
        self.device_id = device_id
        self.topics = self.corpus["topics"]
        self.own_topics = [t for t in self.topics if t["office"] == DEMO_OFFICE]
        self.other_topics = [t for t in self.topics if t["office"] != DEMO_OFFICE]
        self.units = next(
            (o["units"] for o in self.corpus["offices"] if o["code"] == DEMO_OFFICE),
            ["Sekretariat"],
        )
        self.span = (now - timedelta(hours=2) - DEMO_START).total_seconds()
        self.first_names = self.corpus["names"]["male"] + self.corpus["names"]["female"]
        self.latest = now - timedelta(hours=1)
        self._midnights: dict[date, datetime | None] = {}

    def _at(self, day: date, hour: int, minute: int) -> datetime:
        """`datetime.combine(day, time(hour, minute), tzinfo=tz)` in UTC, without a zone lookup.

        The day's local midnight is converted once; adding the minutes to it in UTC gives the
        same moment whenever the zone's offset holds all day, which is checked (Indonesia's
        zones have no DST). A day with a change takes the zone conversion.
        """
        midnight = self._midnights.get(day, _UNSEEN)
        if midnight is _UNSEEN:
            tz = self.ctx.tz
            start = datetime.combine(day, time(0), tzinfo=tz)
            end = datetime.combine(day, time(23, 59), tzinfo=tz)
            steady = start.utcoffset() == end.utcoffset()
            midnight = start.astimezone(UTC) if steady else None
            self._midnights[day] = midnight
        if midnight is None:
            return datetime.combine(day, time(hour, minute), tzinfo=self.ctx.tz).astimezone(UTC)
        return midnight + _MINUTES[hour * 60 + minute]

    def received_at(self) -> datetime:
        # More recent years get more reports (LAPOR! adoption grows), office hours mostly.
        # Runs once per case in this process before any worker starts: locals kept local.
        rng, tz = self.rng, self.ctx.tz
        if rng.random() < 0.12:
            # A busy recent month, so every work queue has something in it.
            moment = self.now - timedelta(days=rng.random() * 40)
        else:
            fraction = rng.random() ** 0.8
            moment = DEMO_START + timedelta(seconds=fraction * self.span)
        local = moment.astimezone(tz)
        weekday = local.weekday()
        if weekday >= 5 and rng.random() < 0.7:
            local -= timedelta(days=weekday - 4)
        hour = _choice(rng, _INTAKE_HOURS)
        return min(self._at(local.date(), hour, _below(rng, 60)), self.latest)

    def _fill(self, text: str, place: dict[str, str]) -> str:
        return text.format_map(place)  # format(**place) without copying place into keywords

    def one(self, received: datetime, register_no: str) -> DemoCase:
        rng = self.rng
        own = rng.random() < 0.62
        topic = _choice(rng, self.own_topics if own and self.own_topics else self.topics)
        kecamatan = _choice(rng, self.corpus["kecamatan"])
        local = received.astimezone(self.ctx.tz)
        anonymous = rng.random() < 0.1
        first = _choice(rng, self.first_names)
        # An anonymous text must not name its writer either.
        place = {
            "desa": _choice(rng, kecamatan["desa"]),
            "kecamatan": kecamatan["name"],
            "street": _choice(rng, self.corpus["streets"]),
            "name": "warga" if anonymous else first,
            "month": MONTHS[local.month - 1],
            "year": str(local.year),
        }
        reporter = None
        if not anonymous:
            phone = "08" + _digits(rng, _choice(rng, (9, 10)))
            reporter = {
                "name": f"{first} {_choice(rng, self.corpus['names']['family'])}",
                "phone": phone if rng.random() < 0.85 else None,
                "nik": None,
                "email": None,
                "address": f"Desa {place['desa']}, Kec. {place['kecamatan']}",
            }
        story = _Story(
            rng,
            self.ctx,
            self.coordinator,
            self.device_id,
            # UUIDv7 like a real intake: time-ordered by receipt, reproducible from the seed.
            uuid7(int(received.timestamp() * 1000), rng.getrandbits(74)),
        )
        channel = _CHANNELS.pick(rng)
        story.do(
            OpTypes.CASE_CREATE,
            received,
            {
                "register_no": register_no,
                "kind": topic["kind"],
                "title": self._fill(_choice(rng, topic["titles"]), place),
                "original_text": self._fill(_choice(rng, topic["texts"]), place),
                "summary": "",
                "channel": channel,
                "received_at": iso(received),
                "category_code": topic["category"],
                "priority": _PRIORITIES.pick(rng),
                "severity": topic.get("severity", "ringan"),
                "anonymous": anonymous,
                "confidential": (not anonymous) and rng.random() < 0.05,
                "lapor_tracking_id": str(1_000_000 + _below(rng, 9_999_999 - 1_000_000))
                if channel == "lapor"
                else None,
                "location": {
                    "kecamatan": place["kecamatan"],
                    "desa": place["desa"],
                    "text": place["street"],
                },
                "reporter": reporter,
            },
        )
        self._live(story, topic, place, received, own)
        assert story.case is not None
        return DemoCase(story.case, tuple(story.events))

    def _feedback(
        self,
        story: _Story,
        answer_at: datetime,
        before: datetime | None,
        satisfied: bool | None = None,
    ) -> None:
        """The reporter's rating of the answer, recorded some time after it and before
        `before` (the next step of the story; None: the case still waits). Mostly 4–5 and
        puas, as regional apps report; a tidak puas one rates 1–3."""
        frng = self.feedback_rng
        end = min(before or self.now, answer_at + _FEEDBACK_WINDOW, self.latest)
        span = (end - answer_at).total_seconds()
        if span < 3600:  # no time for the reporter to be asked
            return
        at = answer_at + timedelta(seconds=60 + (span - 120) * frng.random())
        if satisfied is None:
            satisfied = frng.random() < 0.82
        rating = _choice(frng, _PUAS_RATINGS if satisfied else _TIDAK_PUAS_RATINGS)
        data: dict[str, Any] = {"kind": "feedback", "rating": rating, "satisfied": satisfied}
        if frng.random() < 0.45:
            data["text"] = _choice(frng, self.feedback_texts["puas" if satisfied else "tidak_puas"])
        story.do(OpTypes.EVENT_APPEND, at, data, ids=frng)

    def _after(self, start: datetime, working_days: float) -> datetime | None:
        """A moment `working_days` (fractional) after start, or None if that is in the future."""
        days = max(int(working_days), 0)
        day = self.ctx.calendar.add_working_days(start.astimezone(self.ctx.tz).date(), days)
        hour = 8 + _below(self.rng, 16 - 8)
        moment = max(self._at(day, hour, _below(self.rng, 60)), start + _FIVE_MINUTES)
        return moment if moment < self.now else None

    def _delay(self, typical: float, late_chance: float) -> float:
        # rng.uniform(a, b) is a + (b - a) * rng.random().
        if self.rng.random() < late_chance:
            return typical * (1.2 + (3.0 - 1.2) * self.rng.random())
        return typical * (0.1 + (0.95 - 0.1) * self.rng.random())

    def _live(
        self,
        story: _Story,
        topic: dict[str, Any],
        place: dict[str, str],
        received: datetime,
        own: bool,
    ) -> None:
        rng = self.rng
        at = self._after(received, self._delay(3, 0.15))
        if at is None:
            return
        fate = rng.random()
        if fate < 0.04:
            story.do(
                OpTypes.CASE_TRANSITION,
                at,
                {
                    "from": "RECEIVED",
                    "to": "ARCHIVED",
                    "reason": _choice(rng, self.corpus["archive_reasons"]),
                },
            )
            return
        if fate < 0.09:
            story.do(
                OpTypes.CASE_TRANSITION,
                at,
                {
                    "from": "RECEIVED",
                    "to": "NEEDS_INFO",
                    "reason": _choice(rng, self.corpus["needs_info_reasons"]),
                },
            )
            back = self._after(at, 1 + (25 - 1) * rng.random())
            if back is None:
                return
            if rng.random() < 0.3:
                later = self._after(at, 32)
                if later is not None:
                    story.do(
                        OpTypes.CASE_TRANSITION,
                        later,
                        {"from": "NEEDS_INFO", "to": "CLOSED_INCOMPLETE", "reason": None},
                    )
                return
            story.do(OpTypes.CASE_TRANSITION, back, {"from": "NEEDS_INFO", "to": "RECEIVED"})
            at = self._after(back, self._delay(2, 0.2))
            if at is None:
                return
        if not own and rng.random() < 0.25:
            agency = _choice(rng, self.corpus["forward_agencies"])
            story.do(
                OpTypes.CASE_FORWARD,
                at,
                {"from": "RECEIVED", "agency": agency["name"], "reason": agency["reason"]},
            )
            done = self._after(at, 3 + (30 - 3) * rng.random())
            if done is not None and rng.random() < 0.7:
                story.do(
                    OpTypes.CASE_TRANSITION,
                    done,
                    {
                        "from": "FORWARDED",
                        "to": "RESOLVED",
                        "reason": "Instansi tujuan mengonfirmasi penerimaan",
                    },
                )
            return
        external = not own and rng.random() < 0.8
        target = topic["office"] if external else None
        story.do(
            OpTypes.CASE_DISPOSE,
            at,
            {
                "from": "RECEIVED",
                "disposition": {
                    "to_office": target,
                    "to_unit": None if external else _choice(rng, self.units),
                    "instructions": rng.sample(self.corpus["instructions"], 1 + _below(rng, 3)),
                    "note": "",
                    "sifat": _SIFATS.pick(rng),
                },
            },
        )
        if external:
            return  # progress at the other office arrives through sync, not in this data dir
        if rng.random() < 0.01:
            story.do(
                OpTypes.CASE_TRANSITION,
                self._after(at, 1) or at,
                {
                    "from": "DISPOSED",
                    "to": "CANCELLED",
                    "reason": _choice(rng, self.corpus["cancel_reasons"]),
                },
                as_coordinator=True,
            )
            return
        follow = self._after(at, self._delay(5, 0.2))
        if follow is None:
            return
        story.do(
            OpTypes.CASE_FOLLOW_UP,
            follow,
            {"text": self._fill(_choice(rng, topic["follow_ups"]), place)},
        )
        budget = {"ringan": 5, "tanpa_pemeriksaan": 14, "pemeriksaan_lapangan": 60}.get(
            topic.get("severity", "ringan"), 5
        )
        answer_at = self._after(received, self._delay(budget, 0.2))
        if answer_at is None or answer_at <= follow:
            answer_at = self._after(follow, 1)
            if answer_at is None:
                return
        story.do(
            OpTypes.CASE_ANSWER,
            answer_at,
            {"from": "IN_PROGRESS", "text": self._fill(_choice(rng, topic["answers"]), place)},
        )
        if rng.random() < 0.07:
            reopen = self._after(answer_at, 1 + (8 - 1) * rng.random())
            if reopen is None:
                return
            if self.feedback_rng.random() < 0.6:
                # The reporter said "belum beres" when asked, and that is why it reopens.
                self._feedback(story, answer_at, reopen, satisfied=False)
            story.do(
                OpTypes.CASE_TRANSITION,
                reopen,
                {
                    "from": "AWAITING_REPORTER",
                    "to": "IN_PROGRESS",
                    "reason": "Pelapor menyatakan masalah belum selesai",
                },
            )
            again = self._after(reopen, 2 + (10 - 2) * rng.random())
            if again is None:
                return
            story.do(
                OpTypes.CASE_ANSWER,
                again,
                {"from": "IN_PROGRESS", "text": self._fill(_choice(rng, topic["answers"]), place)},
            )
            answer_at = again
        close = self._after(answer_at, _choice(rng, (2, 5, 10, 10, 11)))
        if self.feedback_rng.random() < FEEDBACK_SHARE:
            self._feedback(story, answer_at, close)
        if close is not None:
            story.do(
                OpTypes.CASE_TRANSITION,
                close,
                {"from": "AWAITING_REPORTER", "to": "RESOLVED", "reason": None},
            )
