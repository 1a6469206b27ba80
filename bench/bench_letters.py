"""A Surat Tanggapan vs a bare reportlab letter of the same content (target ≤ 1.5x), and a batch
of 100 letters issued from a real database in letters per second.

The bare letter uses the same embedded TrueType font: every PDF we issue must embed a font
with full Indonesian coverage (the issue's requirement), so a Helvetica baseline would measure
font embedding, not our layout. Both numbers are printed.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from reportlab.lib.pagesizes import mm
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import (
    HRFlowable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from lapor_desktop.letters.fonts import REGULAR, ensure_fonts
from lapor_desktop.letters.model import FormalLetter, Letterhead, LetterKind, Paper, Signatory
from lapor_desktop.letters.render import render_letter

TARGET = 1.5
NOW = datetime(2026, 3, 5, 10, 0, tzinfo=ZoneInfo("Asia/Jakarta"))

LETTER = FormalLetter(
    kind=LetterKind.RESPONSE,
    paper=Paper.F4,
    letterhead=Letterhead(
        government="PEMERINTAH KABUPATEN SUMENEP",
        office_name="DINAS SOSIAL",
        address="Jalan Trunojoyo Nomor 124, Sumenep",
        city="Sumenep",
        postal_code="69417",
        phone="(0328) 662123",
        email="dinsos@sumenepkab.go.id",
        website="dinsos.sumenepkab.go.id",
    ),
    number="400.14.5.4/0012/435.207/2026",
    place_date="Sumenep, 5 Maret 2026",
    sifat="Biasa",
    attachment="-",
    subject="Tanggapan atas Pengaduan SP4N-LAPOR! Nomor Tracking #1916449",
    addressee=("Sdr. Siti Aminah",),
    addressee_place="TEMPAT",
    paragraphs=(
        "Menindaklanjuti pengaduan Saudara melalui SP4N-LAPOR! Nomor Tracking #1916449 tanggal "
        "2 Maret 2026 perihal bantuan sosial PKH yang belum diterima, dengan hormat kami "
        "sampaikan hal-hal sebagai berikut:",
        "Berdasarkan hasil verifikasi lapangan, data keluarga Saudara telah terdaftar dalam DTKS "
        "dan penyaluran bantuan tahap I tahun 2026 dijadwalkan melalui Kantor Pos.",
        "Demikian disampaikan, atas perhatian Saudara kami ucapkan terima kasih.",
    ),
    signatory=Signatory(
        title="KEPALA DINAS SOSIAL",
        name="Drs. Ahmad Fauzi, M.Si.",
        rank="Pembina Utama Muda (IV/c)",
        nip="197003121995031002",
    ),
    copies=("Bupati Sumenep (sebagai laporan);", "Arsip."),
)


def bare_letter(font: str) -> bytes:
    """The same letter written directly in reportlab platypus: centred letterhead lines and a
    double rule, the reference block as a table, addressee, paragraphs, a right-hand signature
    block and the tembusan list; none of our layout code."""
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=(215 * mm, 330 * mm),
        invariant=1,
        leftMargin=25 * mm,
        rightMargin=20 * mm,
        topMargin=15 * mm,
        bottomMargin=20 * mm,
    )
    body = ParagraphStyle(
        "body", fontName=font, fontSize=11, leading=15, alignment=4, firstLineIndent=12 * mm
    )
    plain = ParagraphStyle("plain", fontName=font, fontSize=11, leading=14)
    centre = ParagraphStyle("centre", parent=plain, alignment=1)
    right = ParagraphStyle("right", parent=plain, alignment=1, leftIndent=85 * mm)
    head = LETTER.letterhead
    story: list[object] = [
        Paragraph(head.government, centre),
        Paragraph(f"<b>{head.office_name}</b>", ParagraphStyle("o", parent=centre, fontSize=15)),
        Paragraph(head.address, centre),
        Paragraph(f"Telepon {head.phone}, Pos-el {head.email}, Laman {head.website}", centre),
        Paragraph(f"{head.city} {head.postal_code}", centre),
        HRFlowable(width="100%", thickness=2, spaceBefore=2, spaceAfter=1),
        HRFlowable(width="100%", thickness=0.5, spaceAfter=8),
        Table(
            [
                [Paragraph(k, plain), ":", Paragraph(v, plain), Paragraph(d, plain)]
                for k, v, d in (
                    ("Nomor", LETTER.number, LETTER.place_date),
                    ("Sifat", LETTER.sifat, ""),
                    ("Lampiran", LETTER.attachment, ""),
                    ("Hal", LETTER.subject, ""),
                )
            ],
            colWidths=(22 * mm, 4 * mm, 80 * mm, 64 * mm),
            style=TableStyle(
                [("FONTNAME", (0, 0), (-1, -1), font), ("VALIGN", (0, 0), (-1, -1), "TOP")]
            ),
        ),
        Spacer(1, 8),
        Paragraph("Yth. " + "<br/>".join(LETTER.addressee), plain),
        Paragraph("di", plain),
        Paragraph(f"<u>{LETTER.addressee_place}</u>", plain),
        Spacer(1, 8),
        *[Paragraph(p, body) for p in LETTER.paragraphs],
        Spacer(1, 10),
        Paragraph(LETTER.signatory.title + ",", right),
        Spacer(1, 30 * mm),
        Paragraph(f"<b><u>{LETTER.signatory.name}</u></b>", right),
        Paragraph(LETTER.signatory.rank, right),
        Paragraph("NIP " + LETTER.signatory.nip, right),
        Spacer(1, 10),
        Paragraph("Tembusan:", plain),
        *[Paragraph(f"{i}. {c}", plain) for i, c in enumerate(LETTER.copies, 1)],
    ]
    doc.build(story)
    return out.getvalue()


def median_ms(run: object, n: int = 40) -> float:
    timings = []
    for _ in range(n):
        started = time.perf_counter()
        run()  # type: ignore[operator]
        timings.append(time.perf_counter() - started)
    return statistics.median(timings) * 1000


def batch_rate(count: int = 100) -> float:
    from lapor_desktop.domain.case import Reporter
    from lapor_desktop.paths import AppPaths
    from lapor_desktop.services.cases import CaseService, NewCase
    from lapor_desktop.services.letters import LetterService
    from lapor_desktop.services.office import OfficeProfile
    from lapor_desktop.services.workspace import default_user, init_workspace

    with tempfile.TemporaryDirectory() as scratch:
        office = OfficeProfile(
            code="DINSOS",
            name="Dinas Sosial",
            regency="Kabupaten Sumenep",
            unit_code="435.207",
            address="Jalan Trunojoyo Nomor 124",
            city="Sumenep",
            postal_code="69417",
            head_name="Drs. Ahmad Fauzi, M.Si.",
            head_nip="197003121995031002",
            head_rank="Pembina Utama Muda (IV/c)",
            head_title="Kepala Dinas Sosial",
        )
        workspace = init_workspace(
            AppPaths(Path(scratch) / "d"), office, default_user("ani", None), lambda: NOW
        )
        cases = CaseService(workspace)
        refs = [
            cases.register(
                NewCase(
                    title=f"Bantuan PKH belum cair {i}",
                    text="Sudah tiga bulan belum cair.",
                    channel="walk_in",
                    category="Bantuan Sosial",
                    reporter=Reporter(name="Siti Aminah", phone="081234567890"),
                )
            ).register_no
            for i in range(count)
        ]
        letters = LetterService(workspace)
        started = time.perf_counter()
        for ref in refs:
            letters.issue(ref, LetterKind.RECEIPT)
        elapsed = time.perf_counter() - started
        workspace.close()
    return count / elapsed


def main() -> int:
    ensure_fonts()
    render_letter(LETTER)
    ours = median_ms(lambda: render_letter(LETTER))
    embedded = median_ms(lambda: bare_letter(REGULAR))
    helvetica = median_ms(lambda: bare_letter("Helvetica"))
    ratio = ours / embedded
    rate = batch_rate()
    print(
        f"Surat Tanggapan: {ours:.1f} ms; bare reportlab letter, same content and embedded "
        f"font: {embedded:.1f} ms; ratio {ratio:.2f} (target <= {TARGET}) "
        f"{'OK' if ratio <= TARGET else 'MISSED'}"
    )
    print(
        f"(against a bare letter in Helvetica, not embedded: {helvetica:.1f} ms, "
        f"{ours / helvetica:.2f}x)"
    )
    print(
        f"batch: 100 receipts issued from a real database (number, PDF, store, record): "
        f"{rate:.1f} letters/s"
    )
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
