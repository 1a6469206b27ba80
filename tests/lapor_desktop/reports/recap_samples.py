"""Recaps built by hand for the renderer tests: a typical month, an empty one, a long year."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from lapor_desktop.reports.model import (
    BUCKETS,
    AnnexCase,
    Count,
    MonthRow,
    OperatorActivity,
    OverdueCase,
    Period,
    Recap,
    StageTimeliness,
)

KINDS = ("pengaduan", "aspirasi", "permintaan_informasi", "wbs")
CONFIDENTIAL_REGISTER = "ADU/DINSOS/2026/0003"
LONG_NAME = (
    "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan Keluarga Berencana"
)
LONG_TITLE = (
    "Jalan penghubung antara Desa Kalianget Timur dan Desa Marengan Laok rusak berat sejak "
    "musim hujan, berlubang sedalam ±40 cm, membahayakan pengendara sepeda motor dan anak "
    "sekolah yang melintas setiap pagi; sudah dilaporkan ke kepala desa namun belum ada "
    "perbaikan — mohon segera ditindaklanjuti"
)


def _buckets(**counts: int) -> tuple[Count, ...]:
    return tuple(Count(b, counts.get(b, 0)) for b in BUCKETS)


def _month(month: int, *counts: int) -> MonthRow:
    return MonthRow(
        month, tuple(Count(k, n) for k, n in zip(KINDS, counts, strict=True)), sum(counts)
    )


def annex_case(
    i: int, *, title: str | None = "Lampu jalan padam", status: str = "IN_PROGRESS"
) -> AnnexCase:
    return AnnexCase(
        register_no=f"ADU/DINSOS/2026/{i:04d}",
        tracking_id=f"LAP-{1000 + i}" if i % 3 else None,
        received_on=date(2026, 3, 1 + i % 28),
        kind="pengaduan",
        channel="lapor" if i % 2 else "walk_in",
        category_code="INF.JLN",
        status=status,
        holder_office="DINSOS",
        title=title,
        followed_up=i % 2 == 0,
    )


def march_recap() -> Recap:
    """12 cases received in March 2026 at the Dinas Sosial, one of them confidential."""
    annex = tuple(
        annex_case(i, title=None, status="RESOLVED") if i == 3 else annex_case(i)
        for i in range(1, 13)
    )
    return Recap(
        office_code="DINSOS",
        office_name="Dinas Sosial",
        regency="Kabupaten Sumenep",
        period=Period(2026, 3),
        as_of=datetime(2026, 4, 5, 2, 30, tzinfo=UTC),  # 09.30 WIB
        received=12,
        by_bucket=_buckets(belum_diproses=2, didisposisikan=1, proses=3, selesai=5, diarsipkan=1),
        by_status=(
            Count("RECEIVED", 2),
            Count("DISPOSED", 1),
            Count("IN_PROGRESS", 3),
            Count("RESOLVED", 5),
            Count("ARCHIVED", 1),
        ),
        by_month=(_month(3, 9, 2, 1, 0),),
        by_category=(Count("INF", 7), Count("SOS", 5)),
        by_subcategory=(Count("INF.JLN", 5), Count("SOS.BLT", 5), Count("INF.LPJ", 2)),
        by_channel=(Count("lapor", 7), Count("walk_in", 3), Count("whatsapp", 2)),
        by_kind=(Count("pengaduan", 9), Count("aspirasi", 2), Count("permintaan_informasi", 1)),
        by_severity=(Count("ringan", 8), Count("pemeriksaan_lapangan", 4)),
        by_kecamatan=(Count("Kota Sumenep", 6), Count("Kalianget", 4), Count("", 2)),
        followed_up=5,
        resolved=5,
        archived=1,
        reopened=1,
        # Four reporters rated the answer: 5, 4, 4 and 2; three of them puas.
        rated=4,
        rating_total=15,
        satisfied=3,
        timeliness=(
            StageTimeliness("verification", 10, 9, 1, 2, 0, 1.0, 3.0),
            StageTimeliness("first_follow_up", 8, 6, 2, 3, 1, 4.0, 6.5),
            StageTimeliness("resolution", 5, 5, 0, 6, 1, 12.5, 20.0),
        ),
        overdue=(
            OverdueCase(
                "ADU/DINSOS/2026/0007",
                None,
                date(2026, 3, 2),
                "resolution",
                date(2026, 3, 9),
                18,
                "DINSOS",
                "IN_PROGRESS",
            ),
            OverdueCase(
                "ADU/DINSOS/2026/0009",
                "LAP-1009",
                date(2026, 3, 10),
                "first_follow_up",
                date(2026, 3, 17),
                3,
                "DPUPR",
                "DISPOSED",
            ),
        ),
        overdue_aging=(Count("0-5", 1), Count("6-14", 0), Count("15-60", 1), Count(">60", 0)),
        offline_received=5,
        offline_with_tracking_id=3,
        forwarded_to=(Count("BPJS Kesehatan Cabang Pamekasan", 1),),
        disposed_to=(Count("DPUPR", 2),),
        top_topics=(Count("INF.JLN", 5), Count("SOS.BLT", 5), Count("INF.LPJ", 2)),
        annex=annex,
        category_names=(
            ("INF", "Infrastruktur"),
            ("INF.JLN", "Infrastruktur > Jalan Rusak"),
            ("INF.LPJ", "Infrastruktur > Lampu Penerangan Jalan"),
            ("SOS", "Sosial"),
            ("SOS.BLT", "Sosial > Bantuan Langsung Tunai"),
        ),
        office_names=(("DINSOS", "Dinas Sosial"), ("DPUPR", "Dinas PUPR")),
        by_holder_office=(Count("DINSOS", 10), Count("DPUPR", 2)),
        operator_activity=(
            OperatorActivity("DINSOS", "ani", 31, 14, date(2026, 3, 31)),
            OperatorActivity("DINSOS", "budi", 4, 2, date(2026, 3, 12)),
        ),
    )


def pemda_recap() -> Recap:
    """March 2026 of the whole Kabupaten, made on the Diskominfo coordinator's PC: the same
    numbers as march_recap, over four OPDs (one of them received nothing)."""
    return replace(
        march_recap(),
        office_code="DISKOMINFO",
        office_name="Dinas Komunikasi dan Informatika",
        scope="pemda",
        by_holder_office=(
            Count("DINSOS", 6),
            Count("DPUPR", 4),
            Count("DINKES", 2),
            Count("DISKOMINFO", 0),
        ),
        office_names=(
            ("DINKES", "Dinas Kesehatan"),
            ("DINSOS", "Dinas Sosial"),
            ("DISKOMINFO", "Dinas Komunikasi dan Informatika"),
            ("DPUPR", "Dinas PUPR"),
        ),
        operator_activity=(
            OperatorActivity("DINSOS", "ani", 31, 14, date(2026, 3, 31)),
            OperatorActivity("DINSOS", "budi", 4, 2, date(2026, 3, 12)),
            OperatorActivity("DPUPR", "eko", 9, 5, date(2026, 3, 27)),
        ),
    )


def empty_recap() -> Recap:
    """April 2026 with nothing received: every percentage is None, every list empty."""
    return Recap(
        office_code="DINSOS",
        office_name="Dinas Sosial",
        regency="Kabupaten Sumenep",
        period=Period(2026, 4),
        as_of=datetime(2026, 5, 4, 1, 0, tzinfo=UTC),
        received=0,
        by_bucket=_buckets(),
        by_status=(),
        by_month=(_month(4, 0, 0, 0, 0),),
        by_category=(),
        by_subcategory=(),
        by_channel=(),
        by_kind=(),
        by_severity=(),
        by_kecamatan=(),
        followed_up=0,
        resolved=0,
        archived=0,
        reopened=0,
        timeliness=tuple(
            StageTimeliness(s, 0, 0, 0, 0, 0, None, None)
            for s in ("verification", "first_follow_up", "resolution")
        ),
        overdue=(),
        overdue_aging=(Count("0-5", 0), Count("6-14", 0), Count("15-60", 0), Count(">60", 0)),
        offline_received=0,
        offline_with_tracking_id=0,
        forwarded_to=(),
        disposed_to=(),
    )


def long_recap(cases: int) -> Recap:
    """A whole year of a big office: `cases` annex rows, long names and titles."""
    base = march_recap()
    annex = tuple(
        annex_case(
            i, title=None if i % 97 == 0 else (LONG_TITLE if i % 5 == 0 else f"Aduan nomor {i}")
        )
        for i in range(1, cases + 1)
    )
    per_month = [cases // 12 + (1 if m <= cases % 12 else 0) for m in range(1, 13)]
    return replace(
        base,
        office_name=LONG_NAME,
        period=Period(2026),
        as_of=datetime(2027, 1, 4, 3, 0, tzinfo=UTC),
        received=cases,
        by_month=tuple(_month(m, n, 0, 0, 0) for m, n in enumerate(per_month, start=1)),
        annex=annex,
    )
