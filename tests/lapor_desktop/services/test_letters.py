"""Every letter kind issued from a real database and read back with pypdf."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from lapor_desktop.domain.errors import ValidationError
from lapor_desktop.services.cases import CaseService
from lapor_desktop.services.letter_content import (
    AnonymousReporter,
    IdentityInDocument,
    LetterNotAllowed,
    OfficeSettingsMissing,
    ReporterUnknown,
)
from lapor_desktop.services.letters import (
    IssuedLetter,
    LetterAlreadyVoid,
    LetterFileDamaged,
    LetterKind,
    LetterNotFound,
    LetterService,
    Paper,
)
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.settings import AppSettings, save_settings
from tests.lapor_desktop.services.letters_support import (
    A4,
    ADDRESS,
    AGENCY,
    ANSWER,
    F4,
    HALF_F4,
    HEAD_NAME,
    HEAD_NIP,
    HEAD_RANK,
    HEAD_TITLE,
    ISSUE_DAY,
    REPORTER,
    UNIT_CODE,
    WIB,
    answered,
    blob_files,
    dispose,
    fonts,
    forwarded,
    letter_sequence,
    needing_info,
    page_sizes,
    pdf_text,
    query,
    register,
    same_size,
    set_up_office,
)

LETTERHEAD = ("PEMERINTAH KABUPATEN SUMENEP", "DINAS SOSIAL", ADDRESS, "69411")
SIGNATURE = (HEAD_TITLE, HEAD_NAME, HEAD_RANK, f"NIP {HEAD_NIP}")


@pytest.fixture
def ws(workspace: Workspace, fake_clock) -> Iterator[Workspace]:
    fake_clock.set(ISSUE_DAY)
    set_up_office(workspace)
    yield workspace


@pytest.fixture
def letters(ws: Workspace) -> LetterService:
    return LetterService(ws)


def _assert_present(text: str, *values: str) -> None:
    missing = [v for v in values if v not in text]
    assert not missing, f"missing {missing} in:\n{text}"


def _assert_proper_pdf(data: bytes, size: tuple[float, float] = F4) -> None:
    assert data.startswith(b"%PDF-")
    sizes = page_sizes(data)
    assert sizes and all(same_size(s, size) for s in sizes), sizes
    used = fonts(data)
    assert used, "no font at all"
    for font in used:
        assert font["embedded"], font
        assert "DejaVuSerif" in font["name"], font


# --------------------------------------------------------------------------- each kind


def test_surat_tanggapan_carries_every_required_field(ws: Workspace, letters) -> None:
    case = answered(ws, tracking_id="1916449")
    letter = letters.issue(case.register_no, LetterKind.RESPONSE)
    assert letter.number == f"400.14.5.4/0001/{UNIT_CODE}/2026"
    data = letters.reprint(letter.id)
    _assert_proper_pdf(data)
    text = pdf_text(data)
    _assert_present(
        text,
        *LETTERHEAD,
        *SIGNATURE,
        letter.number,
        "Sumenep, 5 Maret 2026",
        "Yth.",
        f"Sdr. {REPORTER.name}",
        REPORTER.address or "",
        "Nomor Tracking #1916449",
        "tanggal 5 Maret 2026",
        "perihal Bantuan PKH tidak cair",
        case.register_no,
        ANSWER,
        "Sifat",
        "Biasa",
        "Tembusan",
        "Bupati Sumenep",
        "Demikian disampaikan",
    )
    assert "RAHASIA" not in text
    assert "DRAFT" not in text


def test_surat_penerusan_goes_to_the_agency_with_the_reason(ws: Workspace, letters) -> None:
    case = forwarded(ws)
    letter = letters.issue(case.id, "penerusan")
    data = letters.reprint(letter.id)
    _assert_proper_pdf(data)
    _assert_present(
        pdf_text(data),
        *LETTERHEAD,
        *SIGNATURE,
        f"400.14.5.4/0001/{UNIT_CODE}/2026",
        "Sumenep, 5 Maret 2026",
        f"Kepala {AGENCY}",
        "jalan desa merupakan kewenangan Dinas PUPR",
        "Penerusan Pengaduan",
        case.register_no,
        "No Wrong Door",
        "1 (satu) berkas",
        f"Identitas pelapor: {REPORTER.name}",
    )


def test_surat_permintaan_kelengkapan_quotes_the_reason_and_the_deadline(
    ws: Workspace, letters
) -> None:
    case = needing_info(ws)
    letter = letters.issue(case.register_no, LetterKind.COMPLETION, Paper.A4)
    data = letters.reprint(letter.id)
    _assert_proper_pdf(data, A4)
    _assert_present(
        pdf_text(data),
        *LETTERHEAD,
        *SIGNATURE,
        f"400.14.5.4/0001/{UNIT_CODE}/2026",
        f"Sdr. {REPORTER.name}",
        "fotokopi KTP dan Kartu Keluarga belum dilampirkan",
        "4 April 2026",  # 30 calendar days after 5 March
        "Permintaan Kelengkapan Data",
        case.register_no,
    )
    assert letter.paper is Paper.A4


def test_tanda_terima_promises_the_sla_deadlines_with_their_rules(ws: Workspace, letters) -> None:
    case = register(ws, tracking_id="2001234")
    letter = letters.issue(case.register_no, LetterKind.RECEIPT)
    assert letter.number == f"000.8.3.4/0001/{UNIT_CODE}/2026"
    data = letters.reprint(letter.id)
    _assert_proper_pdf(data)
    _assert_present(
        pdf_text(data),
        *LETTERHEAD,
        letter.number,
        case.register_no,
        "5 Maret 2026, 10.00 WIB",
        "Datang langsung",
        REPORTER.name or "",
        "PKH triwulan I belum diterima keluarga pelapor",
        # each promise with the rule's own wording and its due date
        "Verifikasi dan disposisi paling lambat 3 hari kerja sejak pengaduan diterima",
        "paling lambat 10 Maret 2026",
        "Pengaduan ringan (keluhan) diselesaikan paling lambat 5 hari kerja",
        "paling lambat 12 Maret 2026",
        "(0328) 662000",
        "www.lapor.go.id",
        "#2001234",
        "Sumenep, 5 Maret 2026",
        "ani",  # the officer
    )


def test_lembar_disposisi_is_filled_from_the_latest_disposition(ws: Workspace, letters) -> None:
    case = dispose(ws, register(ws))
    letter = letters.issue(case.register_no, LetterKind.DISPOSITION)
    assert letter.number is None  # its No. Agenda is the register number
    data = letters.reprint(letter.id)
    _assert_proper_pdf(data, HALF_F4)
    _assert_present(
        pdf_text(data),
        *LETTERHEAD,
        *SIGNATURE,
        "LEMBAR DISPOSISI",
        case.register_no,
        "Diterima Tgl.",
        "5 Maret 2026",
        "Bantuan PKH tidak cair",
        "Bidang Linjamsos",
        "Bidang Rehabilitasi Sosial",
        "Sekretariat",
        "Proses lebih lanjut",
        "Koordinasikan/konfirmasikan",
        "Cek data penerima di DTKS",
        "12 Maret 2026",  # due: first follow-up, 5 working days after the disposition
        "Segera",
    )
    assert letter_sequence(ws.paths.database) == 0  # no letter number taken


def test_a_blank_disposition_sheet_needs_no_disposition_and_prints_no_values(
    ws: Workspace, letters
) -> None:
    case = register(ws)
    with pytest.raises(LetterNotAllowed, match="no disposition"):
        letters.issue(case.id, LetterKind.DISPOSITION)
    letter = letters.issue(case.id, LetterKind.DISPOSITION, blank=True)
    assert letter.variant == "blank" and letter.title == "Lembar Disposisi (blanko)"
    text = pdf_text(letters.reprint(letter.id))
    _assert_present(text, "LEMBAR DISPOSISI", "Diteruskan kepada", "Bidang Linjamsos")
    assert "Cek data penerima" not in text


def test_the_paper_comes_from_the_settings_unless_given(ws: Workspace, letters) -> None:
    case = register(ws)
    save_settings(ws.paths.settings, AppSettings(paper="A4"))
    assert same_size(page_sizes(letters.reprint(letters.issue(case.id, "tanda-terima").id))[0], A4)
    chosen = letters.issue(case.id, "tanda-terima", paper="f4")
    assert chosen.paper is Paper.F4
    assert same_size(page_sizes(letters.reprint(chosen.id))[0], F4)
    with pytest.raises(Exception, match="paper"):
        letters.issue(case.id, "tanda-terima", paper="Letter")


def test_a_confidential_case_is_marked_rahasia(ws: Workspace, letters) -> None:
    case = answered(ws, confidential=True)
    text = pdf_text(letters.reprint(letters.issue(case.id, LetterKind.RESPONSE).id))
    _assert_present(text, "RAHASIA", "Rahasia")


def test_the_body_can_be_edited_and_uses_the_case_variables(ws: Workspace, letters) -> None:
    case = answered(ws, tracking_id="1916449")
    draft = letters.draft_body(case.id, LetterKind.RESPONSE)
    assert "#1916449" in draft and ANSWER in draft and "5 Maret 2026" in draft
    edited = (
        "Menjawab pengaduan {nomor_registrasi} tanggal {tanggal_diterima}, kami sampaikan:\n\n"
        "1. Data Saudara telah kami verifikasi.\n2. {jawaban}\n\n"
        "Kurung {bukan_variabel} tetap seperti ditulis."
    )
    letter = letters.issue(case.id, LetterKind.RESPONSE, body_override=edited)
    text = pdf_text(letters.reprint(letter.id))
    _assert_present(
        text,
        f"Menjawab pengaduan {case.register_no} tanggal 5 Maret 2026",
        "1. Data Saudara telah kami verifikasi.",
        f"2. {ANSWER}",
        "{bukan_variabel}",
    )
    assert "Demikian disampaikan" not in text  # the override replaces the whole body
    with pytest.raises(ValidationError, match="body"):
        letters.issue(case.id, LetterKind.RESPONSE, body_override="   ")
    with pytest.raises(ValidationError, match="not editable"):
        letters.issue(case.id, LetterKind.RECEIPT, body_override="x")


def test_a_preview_is_a_draft_without_a_number(ws: Workspace, letters) -> None:
    case = answered(ws)
    text = pdf_text(letters.preview(case.id, LetterKind.RESPONSE))
    _assert_present(text, "DRAFT", ANSWER)
    assert "/0001/" not in text
    assert letter_sequence(ws.paths.database) == 0
    assert query(ws.paths.database, "SELECT count(*) FROM issued_letter") == [(0,)]


# --------------------------------------------------------------------------- anonymity


def test_a_response_to_an_anonymous_reporter_is_refused_with_the_alternative(
    ws: Workspace, letters
) -> None:
    case = answered(ws, anonymous=True, tracking_id="3003003")
    with pytest.raises(AnonymousReporter) as refused:
        letters.issue(case.id, LetterKind.RESPONSE)
    message = str(refused.value)
    assert "anonymous" in message and "LAPOR!" in message and "--anonymous-document" in message
    assert refused.value.alternative == "anonymous_document"
    assert letter_sequence(ws.paths.database) == 0  # the refusal took no number

    document = letters.issue(case.id, LetterKind.RESPONSE, anonymous_document=True)
    assert document.number == f"400.14.5.4/0001/{UNIT_CODE}/2026"
    assert document.variant == "anonymous"
    text = pdf_text(letters.reprint(document.id))
    _assert_present(text, "Nomor Tracking #3003003", ANSWER, "Pelapor SP4N-LAPOR!", *SIGNATURE)
    assert "Sdr." not in text


def test_the_anonymous_document_carries_no_identity_at_all(ws: Workspace, letters) -> None:
    case = answered(ws, tracking_id="1916449")  # a named reporter, document for LAPOR!
    letter = letters.issue(case.id, LetterKind.RESPONSE, anonymous_document=True)
    data = letters.reprint(letter.id)
    text = pdf_text(data)
    for value in (REPORTER.name, REPORTER.nik, REPORTER.phone, REPORTER.email, "Melati"):
        assert value and value not in text, value
        assert value.encode() not in data
    assert "Tembusan" not in text


def test_an_identity_in_the_text_of_the_anonymous_document_is_refused(
    ws: Workspace, letters
) -> None:
    case = answered(ws)
    with pytest.raises(IdentityInDocument, match="name"):
        letters.issue(
            case.id,
            LetterKind.RESPONSE,
            body_override=f"Kepada {REPORTER.name}: {{jawaban}}",
            anonymous_document=True,
        )
    assert letter_sequence(ws.paths.database) == 0


def test_a_kelengkapan_to_an_anonymous_reporter_is_refused(ws: Workspace, letters) -> None:
    case = needing_info(ws, anonymous=True)
    with pytest.raises(AnonymousReporter, match="anonymous"):
        letters.issue(case.id, LetterKind.COMPLETION)
    with pytest.raises(ValidationError, match="Surat Tanggapan"):
        letters.issue(case.id, LetterKind.COMPLETION, anonymous_document=True)


def test_a_letter_to_a_reporter_without_a_name_is_refused(ws: Workspace, letters) -> None:
    case = needing_info(ws, reporter=None)
    with pytest.raises(ReporterUnknown, match="reporter name"):
        letters.issue(case.id, LetterKind.COMPLETION)


def test_receipt_and_disposition_of_an_anonymous_case_name_nobody(ws: Workspace, letters) -> None:
    case = dispose(ws, register(ws, anonymous=True))
    receipt = pdf_text(letters.reprint(letters.issue(case.id, LetterKind.RECEIPT).id))
    assert "Anonim" in receipt
    sheet = pdf_text(letters.reprint(letters.issue(case.id, LetterKind.DISPOSITION).id))
    assert "Pelapor anonim" in sheet


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("kind", "setup", "needed"),
    [
        (LetterKind.RESPONSE, register, "final answer"),
        (LetterKind.RESPONSE, forwarded, "final answer"),
        (LetterKind.FORWARD, register, "forwarded"),
        (LetterKind.FORWARD, answered, "forwarded"),
        (LetterKind.COMPLETION, register, "waiting for data"),
        (LetterKind.COMPLETION, forwarded, "waiting for data"),
        (LetterKind.DISPOSITION, needing_info, "no disposition"),
    ],
)
def test_a_kind_the_case_state_does_not_allow_is_refused_and_takes_nothing(
    ws: Workspace, letters, kind, setup, needed
) -> None:
    case = setup(ws)
    before = blob_files(ws.paths.data_dir)
    with pytest.raises(LetterNotAllowed, match=needed) as refused:
        letters.issue(case.id, kind)
    assert case.register_no in str(refused.value) and case.status.value in str(refused.value)
    assert letter_sequence(ws.paths.database) == 0
    assert query(ws.paths.database, "SELECT count(*) FROM issued_letter") == [(0,)]
    assert blob_files(ws.paths.data_dir) == before


def test_a_resolved_case_still_gets_its_response(ws: Workspace, letters) -> None:
    case = CaseService(ws).resolve(answered(ws).id)
    assert letters.issue(case.id, LetterKind.RESPONSE).number


def test_a_receipt_is_allowed_in_every_state(ws: Workspace, letters) -> None:
    for setup in (register, answered, forwarded, needing_info):
        assert letters.issue(setup(ws).id, LetterKind.RECEIPT).number


def test_an_unknown_case_is_refused(ws: Workspace, letters) -> None:
    with pytest.raises(Exception, match=r"no case 'DINSOS/2026/09999'"):
        letters.issue("DINSOS/2026/09999", LetterKind.RECEIPT)


def test_an_unknown_kind_is_refused(ws: Workspace, letters) -> None:
    case = register(ws)
    with pytest.raises(Exception, match="letter kind"):
        letters.issue(case.id, "surat-cinta")


def test_missing_office_settings_are_named_and_nothing_is_taken(
    workspace: Workspace, fake_clock
) -> None:
    fake_clock.set(ISSUE_DAY)
    letters = LetterService(workspace)  # the bare office of conftest: no letterhead, no head
    case = answered(workspace)
    with pytest.raises(OfficeSettingsMissing) as refused:
        letters.issue(case.id, LetterKind.RESPONSE)
    message = str(refused.value)
    for field in ("address", "unit_code", "head_name", "head_nip", "head_rank", "head_title"):
        assert field in refused.value.fields and field in message
    assert "NIP" in message and "18 digits" in message
    with pytest.raises(OfficeSettingsMissing) as receipt:
        letters.issue(case.id, LetterKind.RECEIPT)
    assert set(receipt.value.fields) == {"address", "unit_code"}  # a receipt has no signatory
    assert letter_sequence(workspace.paths.database) == 0
    assert blob_files(workspace.paths.data_dir) == set()


def test_only_the_missing_nip_is_named_when_the_rest_is_set(ws: Workspace, letters) -> None:
    values = ws.office.to_json()
    values["head_nip"] = ""
    from lapor_desktop.services.office import OfficeProfile
    from lapor_desktop.services.office_admin import OfficeAdmin

    OfficeAdmin(ws).update(OfficeProfile.from_json(values))
    case = answered(ws)
    with pytest.raises(OfficeSettingsMissing, match="head_nip") as refused:
        letters.issue(case.id, LetterKind.RESPONSE)
    assert refused.value.fields == ("head_nip",)


def test_options_that_do_not_fit_the_kind_are_refused(ws: Workspace, letters) -> None:
    case = dispose(ws, register(ws))
    with pytest.raises(ValidationError, match="blank"):
        letters.issue(case.id, LetterKind.RECEIPT, blank=True)
    with pytest.raises(ValidationError, match="anonymous_document"):
        letters.issue(case.id, LetterKind.DISPOSITION, anonymous_document=True)


# --------------------------------------------------------------------------- after issuing


def test_reprint_is_byte_identical_and_takes_no_number(ws: Workspace, letters) -> None:
    case = answered(ws)
    letter = letters.issue(case.id, LetterKind.RESPONSE)
    first = letters.reprint(letter.id)
    stored = ws.blobs.path_for(letter.sha256).read_bytes()
    assert first == stored and len(first) == letter.size
    sequence = letter_sequence(ws.paths.database)
    assert letters.reprint(letter.id) == first
    assert letters.reprint(letter.number or "") == first  # by its number too
    assert letter_sequence(ws.paths.database) == sequence
    assert query(ws.paths.database, "SELECT count(*) FROM issued_letter") == [(1,)]


def test_a_damaged_or_missing_pdf_is_reported_not_reprinted(ws: Workspace, letters) -> None:
    letter = letters.issue(register(ws).id, LetterKind.RECEIPT)
    path = ws.blobs.path_for(letter.sha256)
    path.write_bytes(path.read_bytes()[:-10])
    with pytest.raises(LetterFileDamaged, match="damaged"):
        letters.reprint(letter.id)
    path.unlink()
    with pytest.raises(LetterFileDamaged, match="missing"):
        letters.reprint(letter.id)


def test_issuing_records_the_row_and_a_timeline_note(ws: Workspace, letters) -> None:
    case = answered(ws)
    letter = letters.issue(case.id, LetterKind.RESPONSE)
    rows = query(
        ws.paths.database,
        "SELECT id, case_id, kind, number, paper, sha256, size, issued_at, issued_by,"
        " voided_at, void_reason FROM issued_letter",
    )
    assert rows == [
        (
            letter.id,
            case.id,
            "tanggapan",
            letter.number,
            "F4",
            letter.sha256,
            letter.size,
            "2026-03-05T03:00:00+00:00",
            "ani",
            None,
            None,
        )
    ]
    timeline = CaseService(ws).detail(case.id).timeline
    assert timeline[-1].summary == f"Surat Tanggapan nomor {letter.number} diterbitkan"


def test_void_keeps_the_number_burnt_and_records_the_reason(ws: Workspace, letters) -> None:
    case = register(ws)
    first = letters.issue(case.id, LetterKind.RECEIPT)
    with pytest.raises(ValidationError, match="reason"):
        letters.void(first.id, "  ")
    voided = letters.void(first.id, "Salah ketik nama pelapor")
    assert voided.voided and voided.void_reason == "Salah ketik nama pelapor"
    assert query(ws.paths.database, "SELECT number, reason, actor FROM number_void") == [
        (first.number, "Salah ketik nama pelapor", "ani")
    ]
    second = letters.issue(case.id, LetterKind.RECEIPT)
    assert second.number == f"000.8.3.4/0002/{UNIT_CODE}/2026"  # never the voided one again
    with pytest.raises(LetterAlreadyVoid):
        letters.void(first.id, "lagi")
    with pytest.raises(LetterAlreadyVoid, match="voided"):
        letters.reprint(first.id)
    assert letters.reprint(first.id, include_void=True)[:5] == b"%PDF-"
    listed = {letter.id: letter for letter in letters.list_for_case(case.register_no)}
    assert listed[first.id].voided and not listed[second.id].voided
    assert (
        CaseService(ws)
        .detail(case.id)
        .timeline[-2]
        .summary.startswith(f"Tanda Terima nomor {first.number} dibatalkan: Salah ketik")
    )


def test_the_database_refuses_deleting_or_rewriting_an_issued_letter(
    ws: Workspace, letters
) -> None:
    import sqlite3

    letter = letters.issue(register(ws).id, LetterKind.RECEIPT)
    con = sqlite3.connect(ws.paths.database)
    try:
        with pytest.raises(sqlite3.DatabaseError, match="never deleted"):
            con.execute("DELETE FROM issued_letter")
        with pytest.raises(sqlite3.DatabaseError, match="only voided"):
            con.execute("UPDATE issued_letter SET number = 'x'")
    finally:
        con.close()
    assert letters.get(letter.id).number == letter.number


def test_unknown_letters_are_refused(ws: Workspace, letters) -> None:
    for call in (letters.reprint, letters.get, lambda ref: letters.void(ref, "x")):
        with pytest.raises(LetterNotFound, match="no issued letter"):
            call("400.14.5.4/9999/435.207/2026")


def test_list_for_case_and_letters_issued_today(ws: Workspace, letters, fake_clock) -> None:
    one, two = answered(ws), register(ws, title="Lain")
    a = letters.issue(one.id, LetterKind.RECEIPT)
    b = letters.issue(one.id, LetterKind.RESPONSE)
    c = letters.issue(two.id, LetterKind.RECEIPT)
    fake_clock.set(datetime(2026, 3, 6, 0, 30, tzinfo=WIB))  # next office day, still 5th in UTC
    d = letters.issue(two.id, LetterKind.RECEIPT)

    def ids(found: list[IssuedLetter]) -> list[str]:
        return [x.id for x in found]

    assert ids(letters.list_for_case(one.register_no)) == [a.id, b.id]
    assert ids(letters.list_for_case(two.id)) == [c.id, d.id]
    assert ids(letters.issued_on(ISSUE_DAY.date())) == [a.id, b.id, c.id]
    assert ids(letters.issued_today()) == [d.id]
    assert letters.issued_on(datetime(2026, 3, 4).date()) == []
    assert [x.title for x in letters.list_for_case(one.id)] == ["Tanda Terima", "Surat Tanggapan"]
