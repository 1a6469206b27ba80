"""The letter renderer: real PDFs, read back with pypdf."""

from __future__ import annotations

import io
import math
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from lapor_desktop.letters.model import (
    INSTRUCTION_CHOICES,
    DispositionSheet,
    FormalLetter,
    Letterhead,
    LetterKind,
    Paper,
    Receipt,
    Signatory,
)
from lapor_desktop.letters.render import (
    PAGE_SIZES,
    SHEET_SIZES,
    render_disposition_sheet,
    render_letter,
    render_receipt,
)

MM = 72 / 25.4
STANDARD_14 = {
    "Courier",
    "Courier-Bold",
    "Courier-Oblique",
    "Courier-BoldOblique",
    "Helvetica",
    "Helvetica-Bold",
    "Helvetica-Oblique",
    "Helvetica-BoldOblique",
    "Times-Roman",
    "Times-Bold",
    "Times-Italic",
    "Times-BoldItalic",
    "Symbol",
    "ZapfDingbats",
}

HEAD = Letterhead(
    government="PEMERINTAH KABUPATEN SUMENEP",
    office_name="DINAS SOSIAL",
    address="Jalan Trunojoyo Nomor 124, Sumenep",
    city="Sumenep",
    postal_code="69417",
    phone="(0328) 662123",
    email="dinsos@sumenepkab.go.id",
    website="dinsos.sumenepkab.go.id",
)
SIGNATORY = Signatory(
    title="KEPALA DINAS SOSIAL",
    name="Drs. H. MOH. IQBAL FIKRI, M.Si.",
    rank="Pembina Utama Muda (IV/c)",
    nip="197003121995031004",
)
PARAGRAPHS = (
    "Menindaklanjuti pengaduan Saudara melalui SP4N-LAPOR! Nomor Tracking #1916449 tanggal "
    "2 Maret 2026 perihal bantuan sosial yang belum diterima, dengan hormat kami sampaikan "
    "bahwa data keluarga Saudara telah terdaftar dalam DTKS.",
    "Penyaluran bantuan tahap I tahun 2026 dijadwalkan melalui Kantor Pos pada minggu keempat "
    "bulan April 2026; apabila belum diterima, Saudara dapat menghubungi pendamping setempat.",
    "Demikian disampaikan, atas perhatian Saudara kami ucapkan terima kasih.",
)
LETTER = FormalLetter(
    kind=LetterKind.RESPONSE,
    paper=Paper.F4,
    letterhead=HEAD,
    number="400.14.5.4/0012/435.207/2026",
    place_date="Sumenep, 5 April 2026",
    sifat="Segera",
    attachment="1 (satu) berkas",
    subject="Tanggapan atas Pengaduan SP4N-LAPOR! #1916449",
    addressee=("Sdr. Ahmad Fauzi", "Desa Kalianget Timur"),
    addressee_place="TEMPAT",
    paragraphs=PARAGRAPHS,
    signatory=SIGNATORY,
    copies=("Bupati Sumenep (sebagai laporan);", "Kepala Dinas Kominfo;", "Arsip."),
)
UNITS = (
    "Sekretaris",
    "Kepala Bidang Perlindungan dan Jaminan Sosial",
    "Kepala Bidang Rehabilitasi Sosial",
)
SHEET = DispositionSheet(
    paper=Paper.F4,
    letterhead=HEAD,
    source="SP4N-LAPOR! (Kominfo)",
    letter_ref="SP4N-LAPOR! #1916449 / 2 Maret 2026",
    received="3 Maret 2026",
    agenda_no="REG-2026-00042",
    sifat="Segera",
    subject="Bantuan PKH belum diterima",
    units=UNITS,
    chosen_units=("Kepala Bidang Rehabilitasi Sosial",),
    instructions=INSTRUCTION_CHOICES,
    chosen_instructions=("Proses lebih lanjut", "Arsip"),
    note="Mohon diverifikasi ke pendamping PKH.",
    due="9 Maret 2026",
    signatory=SIGNATORY,
)
RECEIPT = Receipt(
    paper=Paper.F4,
    letterhead=HEAD,
    register_no="REG-2026-00043",
    received="5 April 2026, 14.30 WIB",
    channel="Datang langsung",
    reporter="Siti Aminah",
    summary="Jalan desa di Dusun Lembung rusak parah sejak Desember 2025.",
    promises=("Verifikasi paling lambat 3 hari kerja (8 April 2026).",),
    follow_up=("Telepon (0328) 662123 dengan menyebut nomor registrasi.", "www.lapor.go.id"),
    officer="Rina Wulandari",
    place_date="Sumenep, 5 April 2026",
    extra={"Nomor tracking LAPOR!": "#1916450"},
)


# -------------------------------------------------------------------------------------------
# Reading the PDFs back


def read(pdf: bytes) -> PdfReader:
    assert pdf.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(pdf))


def flat(text: str) -> str:
    return " ".join(text.split())


def page_texts(pdf: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in read(pdf).pages]


def all_text(pdf: bytes) -> str:
    return " ".join(page_texts(pdf))


def text_items(page: Any) -> list[tuple[str, float, float, str]]:
    """(text, x, y, base font) of every text run drawn on the page."""
    items: list[tuple[str, float, float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            base = str(font.get("/BaseFont", "")) if font else ""
            items.append((text.strip(), x, y, base))

    page.extract_text(visitor_text=visit)
    return items


def drawn_with_matrix(page: Any) -> list[tuple[str, list[float]]]:
    """(text, current transformation matrix) of every text run drawn on the page."""
    runs: list[tuple[str, list[float]]] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            runs.append((text.strip(), list(cm)))

    page.extract_text(visitor_text=visit)
    return runs


def ticked(pdf: bytes) -> set[str]:
    """Labels with a tick drawn in the box just left of them, on the same line."""
    items = text_items(read(pdf).pages[0])
    marks = [(x, y) for text, x, y, _ in items if text == "X"]
    found = set()
    for text, x, y, _ in items:
        if text == "X":
            continue
        if any(0 < x - mx < 20 and abs(y - my) < 3 for mx, my in marks):
            found.add(text)
    return found


def fonts_of(pdf: bytes) -> list[Any]:
    fonts = []
    for page in read(pdf).pages:
        resources = page["/Resources"].get_object()
        for ref in resources.get("/Font", {}).get_object().values():
            fonts.append(ref.get_object())
    return fonts


def sizes_of(pdf: bytes) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in read(pdf).pages]


def long_letter(**changes: Any) -> FormalLetter:
    return replace(LETTER, paragraphs=PARAGRAPHS * 8, **changes)


# -------------------------------------------------------------------------------------------
# Every kind, every paper


@pytest.mark.parametrize("paper", [Paper.F4, Paper.A4])
@pytest.mark.parametrize("kind", [LetterKind.RESPONSE, LetterKind.FORWARD, LetterKind.COMPLETION])
def test_every_formal_letter_kind_renders_on_both_papers(kind: LetterKind, paper: Paper) -> None:
    pdf = render_letter(replace(LETTER, kind=kind, paper=paper))
    reader = read(pdf)
    assert len(reader.pages) == 1
    assert sizes_of(pdf) == [pytest.approx(PAGE_SIZES[paper], abs=0.01)]
    assert LETTER.number in all_text(pdf)


def test_render_letter_refuses_the_kinds_that_are_not_surat_dinas() -> None:
    with pytest.raises(ValueError, match="surat dinas"):
        render_letter(replace(LETTER, kind=LetterKind.DISPOSITION))


def test_page_sizes_are_exact() -> None:
    assert PAGE_SIZES[Paper.F4] == pytest.approx((609.45, 935.43), abs=0.01)
    assert PAGE_SIZES[Paper.A4] == pytest.approx((595.28, 841.89), abs=0.01)
    assert sizes_of(render_letter(LETTER)) == [pytest.approx((609.45, 935.43), abs=0.01)]
    a4 = render_letter(replace(LETTER, paper=Paper.A4))
    assert sizes_of(a4) == [pytest.approx((595.28, 841.89), abs=0.01)]
    assert sizes_of(render_receipt(RECEIPT)) == [pytest.approx((609.45, 935.43), abs=0.01)]
    assert sizes_of(render_receipt(replace(RECEIPT, paper=Paper.A4))) == [
        pytest.approx((595.28, 841.89), abs=0.01)
    ]


def test_disposition_sheet_is_half_f4_or_a5() -> None:
    assert sizes_of(render_disposition_sheet(SHEET)) == [
        pytest.approx((215 * MM, 165 * MM), abs=0.01)
    ]
    assert SHEET_SIZES[Paper.F4] == pytest.approx((609.45, 467.72), abs=0.01)
    a5 = render_disposition_sheet(replace(SHEET, paper=Paper.A4))
    assert sizes_of(a5) == [pytest.approx((210 * MM, 148 * MM), abs=0.01)]


# -------------------------------------------------------------------------------------------
# Surat dinas


def test_letter_carries_every_field() -> None:
    text = all_text(render_letter(LETTER))
    for value in (
        "PEMERINTAH KABUPATEN SUMENEP",
        "DINAS SOSIAL",
        "Jalan Trunojoyo Nomor 124, Sumenep",
        "Telepon (0328) 662123",
        "dinsos@sumenepkab.go.id",
        "Sumenep 69417",
        "Sumenep, 5 April 2026",
        "400.14.5.4/0012/435.207/2026",
        "Segera",
        "1 (satu) berkas",
        "Tanggapan atas Pengaduan SP4N-LAPOR! #1916449",
        "Yth.",
        "Sdr. Ahmad Fauzi",
        "Desa Kalianget Timur",
        "TEMPAT",
        "KEPALA DINAS SOSIAL,",
        "Drs. H. MOH. IQBAL FIKRI, M.Si.",
        "Pembina Utama Muda (IV/c)",
        "NIP 197003121995031004",
        "Tembusan:",
        "1. Bupati Sumenep (sebagai laporan);",
        "2. Kepala Dinas Kominfo;",
        "3. Arsip.",
    ):
        assert value in text, value
    for paragraph in PARAGRAPHS:
        assert flat(paragraph) in text
    for label in ("Nomor", "Sifat", "Lampiran", "Hal"):
        assert re.search(rf"{label} :", text), label


def test_reference_block_colons_align_and_date_is_on_the_right() -> None:
    pdf = render_letter(LETTER)
    items = text_items(read(pdf).pages[0])
    colons = [x for text, x, _, _ in items if text == ":"]
    assert len(colons) == 4
    assert max(colons) - min(colons) < 0.01
    width = PAGE_SIZES[Paper.F4][0]
    (date_x,) = [x for text, x, _, _ in items if text == LETTER.place_date]
    assert date_x > width / 2
    (number_y,) = [y for text, _, y, _ in items if text == LETTER.number]
    (date_y,) = [y for text, _, y, _ in items if text == LETTER.place_date]
    assert abs(number_y - date_y) < 0.5  # same line
    baseline = {text: y for text, _, y, _ in items}
    for label, value in (("Nomor", LETTER.number), ("Hal", LETTER.subject[:20])):
        (value_y,) = [y for text, _, y, _ in items if text.startswith(value)]
        assert abs(baseline[label] - value_y) < 0.5
    assert abs(baseline["Yth."] - baseline["Sdr. Ahmad Fauzi"]) < 0.5


def test_signature_block_leaves_room_for_the_wet_signature_and_bolds_the_name() -> None:
    items = text_items(read(render_letter(LETTER)).pages[0])
    (title_y,) = [y for text, _, y, _ in items if text == "KEPALA DINAS SOSIAL,"]
    (name,) = [item for item in items if item[0] == SIGNATORY.name]
    assert title_y - name[2] > 25 * MM  # about 3 cm for signature and stamp
    assert name[1] > PAGE_SIZES[Paper.F4][0] / 2  # on the right
    assert name[3].endswith("DejaVuSerif-Bold")


def test_name_is_underlined() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    content = read(render_letter(LETTER)).pages[0].get_contents()
    assert content is not None
    data = content.get_data().decode("latin-1")
    # reportlab strokes a Paragraph underline just before drawing the text it underlines
    found = re.search(
        r"([\d.]+) ([\d.]+) m ([\d.]+) \2 l S\s*BT [^\n]*\(" + re.escape(SIGNATORY.name) + r"\) Tj",
        data,
    )
    assert found is not None
    length = float(found[3]) - float(found[1])
    assert length == pytest.approx(stringWidth(SIGNATORY.name, "DejaVuSerif-Bold", 11), rel=0.02)


def test_addressee_place_other_than_tempat_is_printed_as_given() -> None:
    text = all_text(render_letter(replace(LETTER, addressee_place="Jalan Diponegoro 5, Sampang")))
    assert "di Jalan Diponegoro 5, Sampang" in text


def test_no_tembusan_block_without_copies() -> None:
    assert "Tembusan" not in all_text(render_letter(replace(LETTER, copies=())))


def test_markup_characters_appear_literally() -> None:
    letter = replace(
        LETTER,
        subject="Jalan <b>rusak</b> & berlubang",
        paragraphs=("Biaya Rp1.500.000,00 & <i>tidak</i> > anggaran; “kutipan” — é.",),
        addressee=("Sdr. A&B <Toko>",),
    )
    text = all_text(render_letter(letter))
    assert "Jalan <b>rusak</b> & berlubang" in text
    assert "Biaya Rp1.500.000,00 & <i>tidak</i> > anggaran; “kutipan” — é." in text
    assert "Sdr. A&B <Toko>" in text


def test_multiline_jabatan_gets_one_closing_comma() -> None:
    signatory = replace(SIGNATORY, title="KEPALA DINAS SOSIAL\nKABUPATEN SUMENEP")
    text = all_text(render_letter(replace(LETTER, signatory=signatory)))
    assert "KEPALA DINAS SOSIAL KABUPATEN SUMENEP," in text
    assert "SOSIAL," not in text


def test_page_numbers_only_on_letters_longer_than_one_page() -> None:
    single = page_texts(render_letter(LETTER))
    assert len(single) == 1
    assert not re.search(r"- \d+ -", single[0])

    pages = page_texts(render_letter(long_letter()))
    assert len(pages) >= 2
    for number, text in enumerate(pages, 1):
        if number > 1:
            assert f"- {number} -" in text
    assert not re.search(r"- 1 -", pages[0])


def test_signature_is_kept_with_the_closing_paragraph() -> None:
    pages = page_texts(render_letter(long_letter()))
    last = pages[-1]
    assert SIGNATORY.name in last
    assert flat(PARAGRAPHS[-1]) in last
    assert "Tembusan:" in last


def test_confidential_letter_is_marked_rahasia_at_top_and_bottom_of_every_page() -> None:
    pdf = render_letter(long_letter(confidential=True))
    reader = read(pdf)
    assert len(reader.pages) >= 2
    height = PAGE_SIZES[Paper.F4][1]
    for page in reader.pages:
        marks = [y for text, _, y, _ in text_items(page) if text == "RAHASIA"]
        assert len(marks) == 2
        assert max(marks) > height - 15 * MM
        assert min(marks) < 15 * MM
    assert "RAHASIA" not in all_text(render_letter(LETTER))


def test_draft_letter_has_a_diagonal_watermark_on_every_page() -> None:
    pdf = render_letter(long_letter(draft=True))
    reader = read(pdf)
    assert len(reader.pages) >= 2
    for page in reader.pages:
        rotations = [
            math.degrees(math.atan2(cm[1], cm[0]))
            for text, cm in drawn_with_matrix(page)
            if text == "DRAFT"
        ]
        assert len(rotations) == 1
        assert 30 < rotations[0] < 70  # diagonal
    assert "DRAFT" not in all_text(render_letter(LETTER))


def test_no_imitation_of_an_electronic_signature() -> None:
    for pdf in (
        render_letter(LETTER),
        render_disposition_sheet(SHEET),
        render_receipt(RECEIPT),
    ):
        text = all_text(pdf).casefold()
        assert "elektronik" not in text
        assert "bsre" not in text
        for page in read(pdf).pages:  # no image at all without a logo: no QR code
            resources = page["/Resources"].get_object()
            assert "/XObject" not in resources


# -------------------------------------------------------------------------------------------
# Fonts, metadata, reproducibility


@pytest.mark.parametrize(
    "pdf_of",
    [
        lambda: render_letter(long_letter(confidential=True, draft=True)),
        lambda: render_disposition_sheet(SHEET),
        lambda: render_disposition_sheet(replace(SHEET, blank=True)),
        lambda: render_receipt(RECEIPT),
    ],
    ids=["letter", "sheet", "blank-sheet", "receipt"],
)
def test_dejavu_serif_is_embedded_and_no_standard_font_is_used(pdf_of: Any) -> None:
    fonts = fonts_of(pdf_of())
    assert fonts
    names = set()
    for font in fonts:
        base = str(font["/BaseFont"]).lstrip("/")
        names.add(base.split("+")[-1])
        assert base.split("+")[-1] not in STANDARD_14
        assert font["/Subtype"] == "/TrueType"
        assert "/FontFile2" in font["/FontDescriptor"].get_object()
    assert "DejaVuSerif" in names
    assert "DejaVuSerif-Bold" in names


def test_metadata_names_the_letter_and_the_office() -> None:
    meta = read(render_letter(LETTER)).metadata
    assert meta is not None
    assert meta.title == "Surat Tanggapan Pengaduan 400.14.5.4/0012/435.207/2026"
    assert meta.author == "DINAS SOSIAL"
    assert meta.subject == LETTER.subject
    assert meta.creator == "LAPOR Desktop"
    assert read(render_receipt(RECEIPT)).metadata.title == "Tanda Terima Pengaduan REG-2026-00043"  # type: ignore[union-attr]


def test_identical_input_gives_identical_bytes() -> None:
    assert render_letter(LETTER) == render_letter(replace(LETTER))
    assert render_letter(long_letter(confidential=True)) == render_letter(
        long_letter(confidential=True)
    )
    assert render_disposition_sheet(SHEET) == render_disposition_sheet(SHEET)
    assert render_receipt(RECEIPT) == render_receipt(RECEIPT)
    # rendering something else in between changes nothing
    first = render_letter(LETTER)
    render_receipt(RECEIPT)
    assert render_letter(LETTER) == first
    assert render_letter(replace(LETTER, number="400.14.5.4/0013/435.207/2026")) != first


# -------------------------------------------------------------------------------------------
# Logo


def write_logo(path: Path) -> Path:
    from PIL import Image

    Image.new("RGB", (60, 72), (20, 90, 40)).save(path)
    return path


def test_logo_is_drawn_when_present(tmp_path: Path) -> None:
    logo = write_logo(tmp_path / "lambang.png")
    head = replace(HEAD, logo_path=str(logo))
    for pdf in (
        render_letter(replace(LETTER, letterhead=head)),
        render_disposition_sheet(replace(SHEET, letterhead=head)),
        render_receipt(replace(RECEIPT, letterhead=head)),
    ):
        resources = read(pdf).pages[0]["/Resources"].get_object()
        assert "/XObject" in resources
    with_logo = render_letter(replace(LETTER, letterhead=head))
    assert with_logo == render_letter(replace(LETTER, letterhead=head))


def test_missing_or_damaged_logo_is_skipped(tmp_path: Path) -> None:
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image")
    for logo in (str(tmp_path / "missing.png"), str(broken), str(tmp_path)):
        head = replace(HEAD, logo_path=logo)
        pdf = render_letter(replace(LETTER, letterhead=head))
        assert "/XObject" not in read(pdf).pages[0]["/Resources"].get_object()
        assert "DINAS SOSIAL" in all_text(pdf)


# -------------------------------------------------------------------------------------------
# Lembar Disposisi


def test_disposition_sheet_carries_every_field_and_ticks_the_choices() -> None:
    pdf = render_disposition_sheet(SHEET)
    assert len(read(pdf).pages) == 1
    text = all_text(pdf)
    for value in (
        "LEMBAR DISPOSISI",
        "Surat dari : SP4N-LAPOR! (Kominfo)",
        "No./Tgl. Surat : SP4N-LAPOR! #1916449 / 2 Maret 2026",
        "Diterima Tgl. : 3 Maret 2026",
        "No. Agenda : REG-2026-00042",
        "Perihal : Bantuan PKH belum diterima",
        "Diteruskan kepada Sdr.:",
        "Dengan hormat harap:",
        "Catatan: Mohon diverifikasi ke pendamping PKH.",
        "Batas waktu : 9 Maret 2026",
        "KEPALA DINAS SOSIAL,",
        SIGNATORY.name,
        "Pembina Utama Muda (IV/c)",
        "NIP 197003121995031004",
        *UNITS,
        *INSTRUCTION_CHOICES,
        "Sangat Segera",
        "Rahasia",
        "Biasa",
    ):
        assert value in text, value
    assert re.search(r"X Proses lebih lanjut", text)
    assert ticked(pdf) == {
        "Segera",
        "Kepala Bidang Rehabilitasi Sosial",
        "Proses lebih lanjut",
        "Arsip",
    }


def test_blank_disposition_sheet_has_the_form_but_no_values_and_no_ticks() -> None:
    pdf = render_disposition_sheet(replace(SHEET, blank=True))
    text = all_text(pdf)
    for label in ("LEMBAR DISPOSISI", "Surat dari", "No. Agenda", "Perihal", "Catatan:"):
        assert label in text
    for option in (*UNITS, *INSTRUCTION_CHOICES, "Sangat Segera"):
        assert option in text
    for value in (
        SHEET.source,
        SHEET.letter_ref,
        SHEET.received,
        SHEET.agenda_no,
        SHEET.subject,
        SHEET.note,
        SHEET.due,
    ):
        assert value not in text
    assert ticked(pdf) == set()
    assert not re.search(r"\bX\b", text)


def test_a_choice_missing_from_the_options_is_still_shown_ticked() -> None:
    sheet = replace(SHEET, chosen_units=("Camat Kalianget",), sifat="sangat segera")
    pdf = render_disposition_sheet(sheet)
    assert ticked(pdf) >= {"Camat Kalianget", "Sangat Segera"}


def test_long_unit_list_still_fits_one_sheet() -> None:
    units = tuple(f"Kepala Seksi Wilayah {n}" for n in range(1, 13))
    note = "Koordinasikan dengan camat dan pendamping; laporkan hasilnya secara tertulis. " * 4
    sheet = replace(SHEET, units=units, chosen_units=units[3:4], note=note)
    for paper in (Paper.F4, Paper.A4):
        pdf = render_disposition_sheet(replace(sheet, paper=paper))
        assert len(read(pdf).pages) == 1
        text = all_text(pdf)
        for unit in units:
            assert unit in text
        assert units[3] in ticked(pdf)


# -------------------------------------------------------------------------------------------
# Tanda Terima


def test_receipt_carries_every_field() -> None:
    pdf = render_receipt(RECEIPT)
    text = all_text(pdf)
    for value in (
        "TANDA TERIMA PENGADUAN",
        "Nomor registrasi : REG-2026-00043",
        "Diterima : 5 April 2026, 14.30 WIB",
        "Kanal : Datang langsung",
        "Pelapor : Siti Aminah",
        "Nomor tracking LAPOR! : #1916450",
        "Ringkasan : Jalan desa di Dusun Lembung rusak parah sejak Desember 2025.",
        "• Verifikasi paling lambat 3 hari kerja (8 April 2026).",
        "• Telepon (0328) 662123 dengan menyebut nomor registrasi.",
        "• www.lapor.go.id",
        "Sumenep, 5 April 2026",
        "Petugas,",
        "Rina Wulandari",
    ):
        assert value in text, value
    items = text_items(read(pdf).pages[0])
    (petugas_y,) = [y for t, _, y, _ in items if t == "Petugas,"]
    (officer,) = [item for item in items if item[0] == "Rina Wulandari"]
    assert officer[1] > PAGE_SIZES[Paper.F4][0] / 2
    assert petugas_y - officer[2] > 15 * MM


def test_anonymous_receipt_without_promises_still_renders() -> None:
    receipt = replace(RECEIPT, reporter="Anonim", promises=(), follow_up=(), extra={})
    text = all_text(render_receipt(receipt))
    assert "Pelapor : Anonim" in text
    assert "dijanjikan" not in text
