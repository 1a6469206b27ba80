"""Fixed vocabularies of a case (status, channel, kind, priority, severity…) and parsing."""

from __future__ import annotations

from enum import StrEnum
from typing import Final, TypeVar, cast

from lapor_desktop.domain.errors import UnknownCode


class CaseStatus(StrEnum):
    DRAFT = "DRAFT"
    RECEIVED = "RECEIVED"
    NEEDS_INFO = "NEEDS_INFO"
    DISPOSED = "DISPOSED"
    FORWARDED = "FORWARDED"
    IN_PROGRESS = "IN_PROGRESS"
    AWAITING_REPORTER = "AWAITING_REPORTER"
    RESOLVED = "RESOLVED"
    ARCHIVED = "ARCHIVED"
    CLOSED_INCOMPLETE = "CLOSED_INCOMPLETE"
    CANCELLED = "CANCELLED"


class Channel(StrEnum):
    LAPOR = "lapor"
    WALK_IN = "walk_in"
    PHONE = "phone"
    LETTER = "letter"
    WHATSAPP = "whatsapp"
    SMS = "sms"
    EMAIL = "email"
    SOCIAL_MEDIA = "social_media"
    SUGGESTION_BOX = "suggestion_box"
    OTHER = "other"


class CaseKind(StrEnum):
    COMPLAINT = "pengaduan"
    ASPIRATION = "aspirasi"
    INFORMATION_REQUEST = "permintaan_informasi"
    WHISTLEBLOWING = "wbs"


class Priority(StrEnum):
    LOW = "rendah"
    NORMAL = "normal"
    HIGH = "tinggi"
    URGENT = "darurat"


class Severity(StrEnum):
    """Drives the resolution deadline (DOMAIN.md §3: 5 / 14 / 60 working days)."""

    LIGHT = "ringan"
    NO_FIELD_CHECK = "tanpa_pemeriksaan"
    FIELD_CHECK = "pemeriksaan_lapangan"


class Sifat(StrEnum):
    """Urgency/security of a disposition (Tata Naskah Dinas)."""

    BIASA = "biasa"
    SEGERA = "segera"
    SANGAT_SEGERA = "sangat-segera"
    RAHASIA = "rahasia"


class Role(StrEnum):
    OPERATOR = "operator"
    COORDINATOR = "coordinator"
    ADMIN = "admin"


# Python 3.11 looks every attribute of an enum class up through the hook EnumType.__getattr__
# installs (~50 ns, against ~13 for a plain class and ~6 for a global): apply()'s handlers and
# the workflow table name members ~70 times per applied operation. These plain classes hold the
# same members (a test holds them equal) for that code: `S = Statuses`, then `S.RECEIVED`.


class Statuses:
    """The CaseStatus members as plain class attributes (see above)."""

    DRAFT: Final = CaseStatus.DRAFT
    RECEIVED: Final = CaseStatus.RECEIVED
    NEEDS_INFO: Final = CaseStatus.NEEDS_INFO
    DISPOSED: Final = CaseStatus.DISPOSED
    FORWARDED: Final = CaseStatus.FORWARDED
    IN_PROGRESS: Final = CaseStatus.IN_PROGRESS
    AWAITING_REPORTER: Final = CaseStatus.AWAITING_REPORTER
    RESOLVED: Final = CaseStatus.RESOLVED
    ARCHIVED: Final = CaseStatus.ARCHIVED
    CLOSED_INCOMPLETE: Final = CaseStatus.CLOSED_INCOMPLETE
    CANCELLED: Final = CaseStatus.CANCELLED


class Roles:
    """The Role members as plain class attributes (see above)."""

    OPERATOR: Final = Role.OPERATOR
    COORDINATOR: Final = Role.COORDINATOR
    ADMIN: Final = Role.ADMIN


# Indonesian labels shown by the UI and accepted by the CLI besides the codes.
STATUS_LABELS: dict[CaseStatus, str] = {
    CaseStatus.DRAFT: "Draf",
    CaseStatus.RECEIVED: "Diterima",
    CaseStatus.NEEDS_INFO: "Perlu kelengkapan",
    CaseStatus.DISPOSED: "Didisposisikan",
    CaseStatus.FORWARDED: "Diteruskan",
    CaseStatus.IN_PROGRESS: "Ditindaklanjuti",
    CaseStatus.AWAITING_REPORTER: "Menunggu tanggapan pelapor",
    CaseStatus.RESOLVED: "Selesai",
    CaseStatus.ARCHIVED: "Diarsipkan",
    CaseStatus.CLOSED_INCOMPLETE: "Ditutup (tidak lengkap)",
    CaseStatus.CANCELLED: "Dibatalkan",
}

CHANNEL_LABELS: dict[Channel, str] = {
    Channel.LAPOR: "SP4N-LAPOR!",
    Channel.WALK_IN: "Datang langsung",
    Channel.PHONE: "Telepon",
    Channel.LETTER: "Surat",
    Channel.WHATSAPP: "WhatsApp",
    Channel.SMS: "SMS",
    Channel.EMAIL: "Email",
    Channel.SOCIAL_MEDIA: "Media sosial",
    Channel.SUGGESTION_BOX: "Kotak saran",
    Channel.OTHER: "Lainnya",
}

KIND_LABELS: dict[CaseKind, str] = {
    CaseKind.COMPLAINT: "Pengaduan",
    CaseKind.ASPIRATION: "Aspirasi",
    CaseKind.INFORMATION_REQUEST: "Permintaan informasi",
    CaseKind.WHISTLEBLOWING: "Whistle blowing",
}

PRIORITY_LABELS: dict[Priority, str] = {
    Priority.LOW: "Rendah",
    Priority.NORMAL: "Normal",
    Priority.HIGH: "Tinggi",
    Priority.URGENT: "Darurat",
}

SEVERITY_LABELS: dict[Severity, str] = {
    Severity.LIGHT: "Ringan / keluhan (5 HK)",
    Severity.NO_FIELD_CHECK: "Tanpa pemeriksaan lapangan (14 HK)",
    Severity.FIELD_CHECK: "Perlu pemeriksaan lapangan (60 HK)",
}

SIFAT_LABELS: dict[Sifat, str] = {
    Sifat.BIASA: "Biasa",
    Sifat.SEGERA: "Segera",
    Sifat.SANGAT_SEGERA: "Sangat Segera",
    Sifat.RAHASIA: "Rahasia",
}

E = TypeVar("E", bound=StrEnum)


def _normalise(text: str) -> str:
    return " ".join(text.replace("_", " ").replace("-", " ").split()).casefold()


# Each enum's members by code, for the common case of an exact code (as stored and synced):
# one dict lookup where `enum(value)` is two Python calls (EnumType.__call__, Enum.__new__).
_BY_CODE: dict[type[StrEnum], dict[str, StrEnum]] = {}


def _exact(enum: type[E], value: str) -> E | None:
    codes = _BY_CODE.get(enum)
    if codes is None:
        codes = _BY_CODE[enum] = {member.value: member for member in enum}
    try:
        return cast("E | None", codes.get(value))  # quoted: `E | None` costs ~150 ns to build
    except TypeError:  # unhashable: not a code
        return None


def from_code(enum: type[E], value: str) -> E:
    """`enum(value)` for a code as stored and synced, by `_exact`'s lookup (a case document
    holds eight or so); anything else takes the constructor and its ValueError."""
    exact = _exact(enum, value)
    return exact if exact is not None else enum(value)


def parse_code(enum: type[E], value: str, labels: dict[E, str] | None = None, what: str = "") -> E:
    """Match a code or its label, case-, dash- and underscore-insensitive."""
    exact = _exact(enum, value)
    if exact is not None:
        return exact
    try:
        return enum(value)
    except ValueError:
        pass
    wanted = _normalise(value)
    for member in enum:
        if _normalise(member.value) == wanted or _normalise(member.name) == wanted:
            return member
        if labels is not None and _normalise(labels[member]) == wanted:
            return member
    raise UnknownCode(what or enum.__name__.lower(), value, [m.value for m in enum])


_CHANNEL_ALIASES = {
    "datang langsung": Channel.WALK_IN,
    "telepon": Channel.PHONE,
    "surat": Channel.LETTER,
    "media sosial": Channel.SOCIAL_MEDIA,
    "kotak saran": Channel.SUGGESTION_BOX,
    "lainnya": Channel.OTHER,
    "sp4n lapor!": Channel.LAPOR,
    "wa": Channel.WHATSAPP,
}


def parse_channel(value: str) -> Channel:
    # An exact code first (no alias is one, so the order does not change the answer).
    exact = _exact(Channel, value)
    if exact is not None:
        return exact
    hit = _CHANNEL_ALIASES.get(_normalise(value))
    return hit if hit is not None else parse_code(Channel, value, CHANNEL_LABELS, "channel")


def parse_kind(value: str) -> CaseKind:
    return parse_code(CaseKind, value, KIND_LABELS, "kind")


def parse_status(value: str) -> CaseStatus:
    return parse_code(CaseStatus, value, STATUS_LABELS, "status")


def parse_priority(value: str) -> Priority:
    return parse_code(Priority, value, PRIORITY_LABELS, "priority")


def parse_severity(value: str) -> Severity:
    return parse_code(Severity, value, None, "severity")


def parse_sifat(value: str) -> Sifat:
    return parse_code(Sifat, value, SIFAT_LABELS, "sifat")


def parse_role(value: str) -> Role:
    return parse_code(Role, value, None, "role")
