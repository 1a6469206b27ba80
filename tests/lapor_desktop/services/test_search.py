"""Search: exact register no. / tracking id / phone first, then FTS5 words ranked by bm25."""

from __future__ import annotations

import sqlite3

import pytest

from lapor_desktop.domain.case import Reporter
from lapor_desktop.domain.codes import CaseStatus
from lapor_desktop.services.cases import CaseService, NewCase
from lapor_desktop.services.queries import CaseQuery, QueryService
from lapor_desktop.services.workspace import Workspace
from lapor_desktop.storage.search import match_expression


def _new(title: str, text: str = "Mohon ditindaklanjuti", **changes: object) -> NewCase:
    values: dict[str, object] = {
        "title": title,
        "text": text,
        "channel": "whatsapp",
        "category": "Bantuan Sosial",
    }
    values.update(changes)
    return NewCase(**values)  # type: ignore[arg-type]


@pytest.fixture
def service(workspace: Workspace) -> CaseService:
    return CaseService(workspace)


@pytest.fixture
def queries(workspace: Workspace) -> QueryService:
    return QueryService(workspace)


def _found(queries: QueryService, text: str) -> list[str]:
    return [r.register_no for r in queries.search(text)]


def test_words_match_whatever_their_case_and_punctuation(
    service: CaseService, queries: QueryService
) -> None:
    road = service.register(_new("Jalan rusak di Desa Kolor", "jalan rusak parah, banyak lubang."))
    service.register(_new("Lampu jalan padam", "Sudah seminggu gelap"))
    service.register(_new("Bansos tidak cair", "PKH belum diterima"))
    for query in (
        "JALAN rusak,",
        "jalan rusak",
        "Jalan... RUSAK!",
        "  rusak   jalan  ",
        "(jalan) [rusak]",
        "lubang",
    ):
        assert _found(queries, query) == [road.register_no], query
    assert len(_found(queries, "jalan")) == 2
    assert _found(queries, "Suménep") == []  # diacritics folded, nothing matches: no error


def test_only_the_last_word_is_a_prefix_and_nothing_matches_inside_a_word(
    service: CaseService, queries: QueryService
) -> None:
    bridge = service.register(_new("Perbaikan jembatan gantung", "Jembatan miring"))
    assert _found(queries, "jemb") == [bridge.register_no]  # last word: a prefix
    assert _found(queries, "perbaikan jemb") == [bridge.register_no]
    assert _found(queries, "jemb gantung") == []  # not last: must be a whole word
    assert _found(queries, "baik") == []  # inside 'perbaikan'
    assert _found(queries, "embatan") == []  # inside 'jembatan'
    assert _found(queries, "perbaikan gantung") == [bridge.register_no]
    assert _found(queries, "perbaikan jalan") == []  # every word must match


def test_diacritics_are_folded(service: CaseService, queries: QueryService) -> None:
    case = service.register(_new("Keluhan warga Suménep", "Pelayanan kantor kécamatan"))
    assert _found(queries, "sumenep") == [case.register_no]
    assert _found(queries, "KECAMATAN") == [case.register_no]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "*",
        "jalan OR",
        "NEAR(jalan rusak)",
        "jalan AND -rusak",
        "col:jalan",
        "^jalan",
        "'; DROP TABLE case; --",
        "!!!",
        "",
    ],
)
def test_query_syntax_in_the_search_box_is_just_text(
    service: CaseService, queries: QueryService, query: str
) -> None:
    service.register(_new("Jalan rusak", "Jalan rusak parah"))
    queries.search(query)  # never an FTS5 syntax error
    expression = match_expression(query)
    assert expression is None or all(part.startswith('"') for part in expression.split())


def test_each_indexed_field_is_searchable(service: CaseService, queries: QueryService) -> None:
    case = service.register(
        _new(
            "Gaji honorer terlambat",
            "Honor guru ngaji belum dibayar",
            summary="Ringkasan: insentif triwulan",
            lapor_tracking_id="1916449",
            reporter=Reporter(name="Siti Aminah", phone="0812-3456-789"),
        )
    )
    for query in (
        "honorer",
        "ngaji",
        "insentif",
        "1916449",
        "siti aminah",
        "aminah",
        "0812 3456 789",
        case.register_no,
        "dinsos 2026 00001",
    ):
        assert _found(queries, query) == [case.register_no], query


def test_exact_register_number_and_tracking_id_come_first(
    workspace: Workspace, service: CaseService, queries: QueryService
) -> None:
    # The case whose *number* it is ranks below a case that only mentions it, in bm25 alone.
    tracked = service.register(
        _new(
            "Permohonan data",
            "Surat permohonan data kependudukan untuk keperluan sekolah anak "
            "saya yang harus dikumpulkan minggu depan di kantor desa",
            lapor_tracking_id="1916449",
        )
    )
    mentions = service.register(_new("1916449 1916449", "Lihat laporan 1916449 dan 1916449"))
    with workspace.db.read() as uow:
        assert uow.search.search_ids("1916449")[0] == mentions.id
    assert _found(queries, "1916449") == [tracked.register_no, mentions.register_no]
    assert _found(queries, "#1916449")[0] == tracked.register_no

    numbered = service.register(_new("Laporan lain", f"Menyusul {tracked.register_no}"))
    assert _found(queries, tracked.register_no)[0] == tracked.register_no
    assert _found(queries, tracked.register_no.lower())[0] == tracked.register_no
    assert numbered.register_no in _found(queries, tracked.register_no)


@pytest.mark.parametrize(
    "query",
    [
        "0812 3456 789",
        "+62812-3456-789",
        "+62 812 3456 789",
        "081234567 89",
        "(0812) 3456-789",
        "62-812-3456-789",
    ],
)
def test_any_way_of_writing_a_phone_finds_the_same_reporter(
    service: CaseService, queries: QueryService, query: str
) -> None:
    siti = service.register(
        _new("Bansos tidak cair", reporter=Reporter(name="Siti Aminah", phone="0812-3456-789"))
    )
    service.register(_new("Air PDAM mati", reporter=Reporter(name="Budi", phone="0813-1111-2222")))
    neighbour = service.register(
        _new("Lampu padam", reporter=Reporter(name="Ani", phone="0812-3456-7890"))
    )
    found = _found(queries, query)
    assert found[0] == siti.register_no
    assert set(found) <= {siti.register_no, neighbour.register_no}


def test_editing_keeps_the_index_current(service: CaseService, queries: QueryService) -> None:
    case = service.register(
        _new(
            "Jalan berlubang",
            "Mohon diperbaiki",
            reporter=Reporter(name="Siti Aminah", phone="0812-3456-789"),
        )
    )
    assert _found(queries, "berlubang") == [case.register_no]
    service.edit(case.id, {"title": "Trotoar ambles"})
    assert _found(queries, "berlubang") == []
    assert _found(queries, "ambles") == [case.register_no]
    assert _found(queries, "trotoar ambles") == [case.register_no]

    service.edit(case.id, {"summary": "Sudah disurvei petugas", "reporter.name": "Siti Rahma"})
    assert _found(queries, "disurvei") == [case.register_no]
    assert _found(queries, "aminah") == []
    assert _found(queries, "rahma") == [case.register_no]

    service.edit(case.id, {"reporter.phone": "0857-0000-1111", "lapor_tracking_id": "2020202"})
    assert _found(queries, "0812 3456 789") == []
    assert _found(queries, "+62857-0000-1111") == [case.register_no]
    assert _found(queries, "2020202") == [case.register_no]


def test_the_index_has_exactly_one_row_per_case(workspace: Workspace, service: CaseService) -> None:
    first = service.register(_new("Satu"))
    service.register(_new("Dua"))
    for title in ("Tiga", "Empat", "Lima"):
        service.edit(first.id, {"title": title})
    con = sqlite3.connect(workspace.paths.database)
    try:
        pairs = con.execute(
            'SELECT c.row_id, f.title FROM "case" c JOIN case_fts f'
            " ON f.rowid = c.row_id ORDER BY c.row_id"
        ).fetchall()
        assert con.execute("SELECT count(*) FROM case_fts").fetchone() == (2,)
    finally:
        con.close()
    assert [t for _, t in pairs] == ["Lima", "Dua"]


def test_ranking_puts_the_closer_match_first(service: CaseService, queries: QueryService) -> None:
    buried = service.register(
        _new(
            "Keluhan warga",
            "Warga mengeluhkan banyak hal di desa, antara lain air bersih yang "
            "sering mati, sampah menumpuk di pasar, lampu penerangan yang padam, juga jalan "
            "menuju sekolah yang sudah lama rusak dan belum diperbaiki oleh dinas",
        )
    )
    close = service.register(_new("Jalan rusak", "Jalan rusak parah, jalan rusak lagi"))
    assert _found(queries, "jalan rusak") == [close.register_no, buried.register_no]


def test_search_combines_with_queue_and_status_filters(
    service: CaseService, queries: QueryService
) -> None:
    open_case = service.register(_new("Jalan rusak"))
    archived = service.register(_new("Jalan rusak (dobel)"))
    service.archive(archived.id, "Duplikat", duplicate_of=open_case.register_no)
    rows = queries.cases(CaseQuery(search="jalan", statuses=(CaseStatus.RECEIVED,)))
    assert [r.register_no for r in rows] == [open_case.register_no]
    assert len(queries.cases(CaseQuery(search="jalan"))) == 2
    assert queries.cases(CaseQuery(search="tidak ada")) == []
