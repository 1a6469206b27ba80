"""The recap as one long CSV table, for a coordinator's spreadsheet.

Layout: one row per number, with the same twelve columns in every row::

    kode_kantor;kantor;tahun;bulan;keadaan_per;bagian;kode;rincian;kode_2;rincian_2;nilai;persen

Why long and not one block per table: a coordinator collects the files of many OPDs and
months, pastes them under each other and pivots (rows = `rincian`, columns = `kode_kantor` or
`bulan`, filter = `bagian`). That only works when every row has the same columns and says
whose, which period and which section it is. `bagian` is a stable code (the keys of
`labels.SECTION`), `kode` the recap's code (category code, channel code, status code…) so a
pivot does not break when a label is reworded, `rincian` its Indonesian label. Two-dimensional
tables use `kode_2`/`rincian_2`: the month × jenis aduan table (kode = month, kode_2 = kind) and
the ketepatan waktu table (kode = SLA stage, kode_2 = measure). Within one breakdown section
the rows do not overlap, so summing `nilai` of a section gives the cases received; the
`ringkasan`, `kepuasan` and `ketepatan_waktu` sections list measures instead and are not to be
summed. `kepuasan` (kepuasan pelapor): `dinilai` the cases their reporter rated (persen of those
received), `rata_rata` the average of their latest ratings 1–5 (one decimal, empty when none
was rated), `puas` / `tidak_puas` (persen of those rated) and `dibuka_kembali` (re-opened).
Keaktifan operator is two sections, `keaktifan_tindakan` (entries recorded) and
`keaktifan_hari_aktif` (days with one): kode = office code, kode_2 = the operator's name as
the timeline records it, one row per operator who recorded anything in the period; their sums
are entries and operator-days, not cases. The day an operator was last active is a date, and
is in the XLSX and the PDF only. The case lists (overdue list, annex) are not here: a list of
cases has another shape and lives in the XLSX ("Terlambat", "Lampiran") and the PDF.

A whole-Pemda recap (the coordinator's) says `PEMDA;Seluruh Perangkat Daerah Kabupaten …` in
`kode_kantor;kantor`: its numbers are no one office's, and "PEMDA" is no office's code, so
stacked under the OPDs' own files it pivots as one more column and a filter on
`kode_kantor` <> PEMDA keeps an OPD total from counting every case twice. Its `pemegang`
section (cases per holder OPD, kode = office code; in an office's file: which of its cases
other OPDs hold now) is the per-OPD table, with a 0 row for an OPD that received nothing.

Separator ";" and decimal comma: Excel splits a CSV at the list separator of the Windows
regional settings, which is ";" under Indonesian settings because "," is the decimal mark
there; `persen` and the median days are written "41,7", so they open as numbers. No "sep=;"
first line: with one, Excel ignores the BOM and shows "—" and "é" garbled.
UTF-8 with a BOM so Excel reads the file as UTF-8 (category names, "—"). Counts carry no
thousands separator ("12345") so they parse anywhere; a value that does not exist (a
percentage of nothing, the median of no completed clock) is an empty cell, not "—", so the
column stays numeric. `tahun`/`bulan` are numbers (bulan empty for a yearly recap),
`keadaan_per` an ISO date (the office's local day of `as_of`) that Excel reads as a date.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from zoneinfo import ZoneInfo

from lapor_desktop.reports import labels
from lapor_desktop.reports.model import Count, Recap

HEADER = (
    "kode_kantor",
    "kantor",
    "tahun",
    "bulan",
    "keadaan_per",
    "bagian",
    "kode",
    "rincian",
    "kode_2",
    "rincian_2",
    "nilai",
    "persen",
)
DELIMITER = ";"

# (bagian, kode, rincian, kode_2, rincian_2, nilai, persen)
Row = tuple[str, str, str, str, str, str, str]


def _value(value: float | None) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return f"{value:.1f}".replace(".", ",")


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.1f}".replace(".", ",")


def _label(recap: Recap, section: str, code: str) -> str:
    if section == "kelompok_status":
        return labels.bucket_label(code)
    if section == "status":
        return labels.status_label(code)
    if section in ("kategori", "sub_kategori", "topik_teratas"):
        return recap.category_name(code)
    if section == "kanal":
        return labels.channel_label(code)
    if section == "jenis":
        return labels.kind_label(code)
    if section == "kadar":
        return labels.severity_label(code)
    if section == "kecamatan":
        return labels.kecamatan_label(code)
    if section == "umur_terlambat":
        return labels.aging_label(code)
    return recap.office_name_of(code)  # pemegang, diteruskan, didisposisikan


def _headline(recap: Recap) -> Iterator[Row]:
    for code, value, pct in labels.headline(recap):
        yield ("ringkasan", code, labels.HEADLINE[code], "", "", _value(value), _percent(pct))


def _satisfaction(recap: Recap) -> Iterator[Row]:
    for code, value, pct in labels.satisfaction(recap):
        yield ("kepuasan", code, labels.SATISFACTION[code], "", "", _value(value), _percent(pct))


def _counts(recap: Recap, section: str, counts: tuple[Count, ...], whole: int) -> Iterator[Row]:
    for c in counts:
        label = _label(recap, section, c.code)
        yield (
            section,
            c.code,
            label,
            "",
            "",
            _value(c.count),
            _percent(labels.share(c.count, whole)),
        )


def _months(recap: Recap) -> Iterator[Row]:
    for row in recap.by_month:
        for c in row.by_kind:
            yield (
                "per_bulan",
                str(row.month),
                labels.month_name(row.month),
                c.code,
                labels.kind_label(c.code),
                _value(c.count),
                _percent(labels.share(c.count, recap.received)),
            )


def _timeliness(recap: Recap) -> Iterator[Row]:
    for t in recap.timeliness:
        measures: tuple[tuple[str, float | None, float | None], ...] = (
            ("selesai", t.completed, None),
            ("tepat_waktu", t.met, t.met_percent),
            ("melewati_tenggat", t.missed, labels.share(t.missed, t.completed)),
            ("berjalan", t.open_running, None),
            ("berjalan_terlambat", t.open_overdue, None),
            ("median_hk", t.median_working_days, None),
            ("p90_hk", t.p90_working_days, None),
        )
        for code, value, pct in measures:
            yield (
                "ketepatan_waktu",
                t.stage,
                labels.stage_label(t.stage),
                code,
                labels.TIMELINESS[code],
                _value(value),
                _percent(pct),
            )


def _activity(recap: Recap) -> Iterator[Row]:
    for section, measure in (("keaktifan_tindakan", "actions"), ("keaktifan_hari_aktif", "days")):
        for a in recap.operator_activity:
            value = a.actions if measure == "actions" else a.active_days
            yield (
                section,
                a.office,
                recap.office_name_of(a.office),
                a.actor,
                a.actor,
                _value(value),
                "",
            )


def rows(recap: Recap) -> Iterator[Row]:
    """Every number of the recap, section by section (the order of the PDF)."""
    received = recap.received
    yield from _headline(recap)
    yield from _satisfaction(recap)
    yield from _months(recap)
    yield from _counts(recap, "kelompok_status", recap.by_bucket, received)
    yield from _counts(recap, "status", recap.by_status, received)
    yield from _counts(recap, "pemegang", recap.by_holder_office, received)
    yield from _counts(recap, "kategori", recap.by_category, received)
    yield from _counts(recap, "sub_kategori", recap.by_subcategory, received)
    yield from _counts(recap, "topik_teratas", recap.top_topics, received)
    yield from _counts(recap, "kanal", recap.by_channel, received)
    yield from _counts(recap, "jenis", recap.by_kind, received)
    yield from _counts(recap, "kadar", recap.by_severity, received)
    yield from _counts(recap, "kecamatan", recap.by_kecamatan, received)
    yield from _timeliness(recap)
    yield from _counts(recap, "umur_terlambat", recap.overdue_aging, len(recap.overdue))
    yield from _counts(recap, "diteruskan", recap.forwarded_to, received)
    yield from _counts(recap, "didisposisikan", recap.disposed_to, received)
    yield from _activity(recap)


def render_csv(recap: Recap) -> bytes:
    """The recap as UTF-8 (with BOM) CSV bytes, ";"-separated, CRLF line ends (see above)."""
    local_day = recap.as_of.astimezone(ZoneInfo(recap.time_zone)).date().isoformat()
    month = "" if recap.period.month is None else str(recap.period.month)
    who = (
        labels.scope_code(recap),
        labels.scope_name(recap),
        str(recap.period.year),
        month,
        local_day,
    )
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(who + row for row in rows(recap))
    return buffer.getvalue().encode("utf-8-sig")
