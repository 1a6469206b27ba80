"""The Indonesian words and number style of the recap files (CSV, XLSX, PDF).

A `Recap` keeps codes; this module names them, so the three renderers say the same thing. The
case vocabularies reuse `domain.codes` (the words the CLI accepts and the window shows), the SLA
stages and "Terlambat" the window's Indonesian translation, month names `domain.dates`.

Numbers as an Indonesian office writes them: "12.345" (dot groups thousands), "41,7%" (decimal
comma), "—" where there is nothing to divide by (no case received, no clock completed), so an
empty period never reads as "0%", which would claim a failure.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from lapor_desktop.domain.codes import CHANNEL_LABELS, KIND_LABELS, SEVERITY_LABELS, STATUS_LABELS
from lapor_desktop.domain.dates import MONTHS, ZONE_NAMES, indonesian_day
from lapor_desktop.reports.model import AGING_BUCKETS, Period, Recap

NONE_MARK = "—"  # em dash: no value (nothing to divide by)
CONFIDENTIAL_TITLE = "(rahasia)"
NO_KECAMATAN = "(tanpa kecamatan)"
NO_TRACKING_ID = "—"

DOCUMENT_TITLE = "REKAPITULASI PENGADUAN MASYARAKAT"
APP_NAME = "LAPOR Desktop"
# A Pemda recap's scope, in place of an office's name (headings, the CSV's `kantor`).
WHOLE_PEMDA = "Seluruh Perangkat Daerah"
PEMDA_CODE = "PEMDA"  # the CSV's `kode_kantor` of a Pemda recap (no office has this code)

# Keys are the plain code strings a Recap holds (StrEnum members hash as their value).
STATUS: dict[str, str] = {code.value: label for code, label in STATUS_LABELS.items()}
CHANNEL: dict[str, str] = {code.value: label for code, label in CHANNEL_LABELS.items()}
KIND: dict[str, str] = {code.value: label for code, label in KIND_LABELS.items()}
SEVERITY: dict[str, str] = {code.value: label for code, label in SEVERITY_LABELS.items()}

# The national recap's buckets (DOMAIN.md §8.7.1), as KemenPANRB releases word them.
BUCKET: dict[str, str] = {
    "belum_diproses": "Belum diproses",
    "ditunda": "Ditunda (menunggu kelengkapan)",
    "didisposisikan": "Didisposisikan",
    "proses": "Dalam proses",
    "selesai": "Selesai",
    "diteruskan": "Diteruskan",
    "diarsipkan": "Diarsipkan",
}

# sla.Stage values, in the window's words (ui/extend_attach_dialogs.py, lapor_id.ts).
STAGE: dict[str, str] = {
    "verification": "Verifikasi dan disposisi",
    "first_follow_up": "Tindak lanjut pertama",
    "resolution": "Penyelesaian",
    "auto_close": "Penutupan otomatis",
    "info_wait": "Pelapor melengkapi data",
}


def _aging_code(low: int, high: int | None) -> str:
    return f">{low - 1}" if high is None else f"{low}-{high}"


def _aging_label(low: int, high: int | None) -> str:
    return f"> {low - 1} HK" if high is None else f"{low}–{high} HK"


# Recap.overdue_aging codes ("0-5", "6-14", "15-60", ">60") -> "0–5 HK" … "> 60 HK".
AGING: dict[str, str] = {_aging_code(lo, hi): _aging_label(lo, hi) for lo, hi in AGING_BUCKETS}

# Section titles, shared by the PDF headings, the XLSX sheets' titles and the CSV's
# `judul_bagian`; the keys are the CSV's stable `bagian` codes.
SECTION: dict[str, str] = {
    "ringkasan": "Ringkasan",
    "kepuasan": "Kepuasan pelapor",
    "per_bulan": "Rekapitulasi per bulan menurut jenis aduan",
    "kelompok_status": "Menurut status (kelompok nasional)",
    "status": "Menurut status rinci",
    "kategori": "Menurut kategori",
    "sub_kategori": "Menurut sub-kategori",
    "topik_teratas": "Lima topik terbanyak",
    "kanal": "Menurut kanal pengaduan",
    "jenis": "Menurut jenis aduan",
    "kadar": "Menurut kadar aduan",
    "kecamatan": "Menurut kecamatan",
    "pemegang": "Menurut perangkat daerah pemegang",
    "ketepatan_waktu": "Ketepatan waktu per tahap",
    "umur_terlambat": "Umur keterlambatan (tenggat terlewat, masih terbuka)",
    "terlambat": "Daftar pengaduan terlambat",
    "diteruskan": "Diteruskan ke instansi lain (di luar Pemda)",
    "didisposisikan": "Didisposisikan ke perangkat daerah lain",
    "lampiran": "Lampiran: daftar pengaduan",
    "keaktifan": "Keaktifan operator (tindakan tercatat pada linimasa)",
}

# The headline numbers (Recap fields and properties), as the Ringkasan names them.
HEADLINE: dict[str, str] = {
    "diterima": "Jumlah pengaduan diterima",
    "ditindaklanjuti": "Tingkat tindak lanjut (pengaduan yang ditindaklanjuti)",
    "selesai": "Tingkat penyelesaian (selesai ÷ diterima)",
    "selesai_tanpa_arsip": "Tingkat penyelesaian tanpa yang diarsipkan",
    "diarsipkan": "Diarsipkan, ditutup tidak lengkap atau dibatalkan",
    "dibuka_kembali": "Dibuka kembali",
    "terlambat": "Pengaduan terbuka melewati tenggat",
    "diterima_luring": "Fasilitasi: diterima di luar SP4N-LAPOR!",
    "luring_tercatat_lapor": "Fasilitasi: yang luring tercatat di SP4N-LAPOR!",
    "operator_aktif": "Keaktifan: operator yang mencatat tindakan",
    "opd_aktif": "Keaktifan: perangkat daerah dengan operator aktif",
}

# The Kepuasan part (DOMAIN.md §8.7.5), as `satisfaction` lists it.
SATISFACTION: dict[str, str] = {
    "dinilai": "Pengaduan yang dinilai pelapor",
    "rata_rata": "Rata-rata penilaian (skala 1–5)",
    "puas": "Pelapor puas (beres)",
    "tidak_puas": "Pelapor tidak puas (belum beres)",
    "dibuka_kembali": "Dibuka kembali",
}
# The one measure of `satisfaction` that is not a count of cases.
AVERAGE_CODE = "rata_rata"

# Measures of one operator's activity (OperatorActivity), for the CSV's codes and the tables.
ACTIVITY: dict[str, str] = {
    "tindakan": "Tindakan tercatat",
    "hari_aktif": "Hari aktif",
    "terakhir_aktif": "Terakhir aktif",
}

# Measures of one SLA stage (StageTimeliness), for the tables' columns and the CSV's codes.
TIMELINESS: dict[str, str] = {
    "selesai": "Tahap selesai",
    "tepat_waktu": "Tepat waktu",
    "melewati_tenggat": "Melewati tenggat",
    "berjalan": "Masih berjalan",
    "berjalan_terlambat": "Berjalan, terlambat",
    "median_hk": "Median (HK)",
    "p90_hk": "P90 (HK)",
}


def _name(table: dict[str, str], code: str) -> str:
    """The label of a code; a code this version does not know shows as itself, not blank."""
    return table.get(code, code)


def status_label(code: str) -> str:
    return _name(STATUS, code)


def channel_label(code: str) -> str:
    return _name(CHANNEL, code)


def kind_label(code: str) -> str:
    return _name(KIND, code)


def severity_label(code: str) -> str:
    return _name(SEVERITY, code)


def bucket_label(code: str) -> str:
    return _name(BUCKET, code)


def stage_label(code: str) -> str:
    return _name(STAGE, code)


def aging_label(code: str) -> str:
    return _name(AGING, code)


def scope_name(recap: Recap) -> str:
    """Whose recap it is: the office's name, or "Seluruh Perangkat Daerah Kabupaten Sumenep"
    for a Pemda recap (just "Seluruh Perangkat Daerah" when the regency is not set)."""
    if not recap.whole_pemda:
        return recap.office_name
    regency = recap.regency.strip()
    return f"{WHOLE_PEMDA} {regency}" if regency else WHOLE_PEMDA


def scope_code(recap: Recap) -> str:
    """The office's code, or PEMDA_CODE for a Pemda recap."""
    return PEMDA_CODE if recap.whole_pemda else recap.office_code


def kecamatan_label(name: str) -> str:
    return name if name.strip() else NO_KECAMATAN


def month_name(month: int) -> str:
    return MONTHS[month - 1]


def period_label(period: Period) -> str:
    """ "Maret 2026" for a month, "Tahun 2026" for a year."""
    if period.month is None:
        return f"Tahun {period.year}"
    return f"{month_name(period.month)} {period.year}"


def _zone(recap: Recap) -> ZoneInfo:
    return ZoneInfo(recap.time_zone)


def as_of_date(recap: Recap) -> str:
    """ "5 April 2026": the day of `as_of` in the office's zone."""
    return indonesian_day(recap.as_of.astimezone(_zone(recap)).date())


def as_of_datetime(recap: Recap) -> str:
    """ "5 April 2026, 14.30 WIB"."""
    local: datetime = recap.as_of.astimezone(_zone(recap))
    zone = ZONE_NAMES.get(recap.time_zone, local.strftime("%Z"))
    return f"{indonesian_day(local.date())}, {local:%H.%M} {zone}"


def number(value: int) -> str:
    """ "12.345": Indonesian thousands separator."""
    return f"{value:,}".replace(",", ".")


def decimal(value: float | None, places: int = 1) -> str:
    """ "3,5" (decimal comma, dot for thousands); "—" for None."""
    if value is None:
        return NONE_MARK
    text = f"{value:,.{places}f}"
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def percent(value: float | None, places: int = 1) -> str:
    """ "41,7%" from 41.666…; "—" for None."""
    return NONE_MARK if value is None else f"{decimal(value, places)}%"


def share(part: int, whole: int) -> float | None:
    """`part` as a percentage of `whole`; None when `whole` is 0 (no division by zero)."""
    return None if whole <= 0 else 100.0 * part / whole


def headline(recap: Recap) -> list[tuple[str, int, float | None]]:
    """The Ringkasan's measures in order: (HEADLINE code, count, percent). The percent is
    None for the count received (it has none) and when nothing was received; every renderer
    shows these same rows, so the three files of a recap cannot disagree."""
    received = recap.received
    return [
        ("diterima", received, None),
        ("ditindaklanjuti", recap.followed_up, recap.followed_up_percent),
        ("selesai", recap.resolved, recap.resolved_percent),
        ("selesai_tanpa_arsip", recap.resolved, recap.resolved_percent_excluding_archived),
        ("diarsipkan", recap.archived, share(recap.archived, received)),
        ("dibuka_kembali", recap.reopened, share(recap.reopened, received)),
        ("terlambat", recap.overdue_cases, share(recap.overdue_cases, received)),
        ("diterima_luring", recap.offline_received, share(recap.offline_received, received)),
        ("luring_tercatat_lapor", recap.offline_with_tracking_id, recap.offline_registered_percent),
        ("operator_aktif", len(recap.operator_activity), None),
        # KemenPANRB's keaktifan is a share of instansi: only a Pemda recap has more than one.
        *(
            [("opd_aktif", recap.active_offices, recap.active_office_percent)]
            if recap.whole_pemda
            else []
        ),
    ]


def satisfaction(recap: Recap) -> list[tuple[str, int | float | None, float | None]]:
    """Kepuasan in order: (SATISFACTION code, value, percent). The average rating is a float
    (None when no reporter rated) without a percent; puas and tidak puas are shares of the
    cases rated, the others of those received, as the re-open rate always was."""
    received, rated = recap.received, recap.rated
    return [
        ("dinilai", rated, recap.rated_percent),
        (AVERAGE_CODE, recap.rating_average, None),
        ("puas", recap.satisfied, recap.satisfied_percent),
        ("tidak_puas", rated - recap.satisfied, share(rated - recap.satisfied, rated)),
        ("dibuka_kembali", recap.reopened, share(recap.reopened, received)),
    ]


def yes_no(value: bool) -> str:
    return "Ya" if value else "Tidak"


def short_date(day: date) -> str:
    """ "02/03/2026": the compact date of a table cell."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"
